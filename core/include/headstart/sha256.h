#pragma once
// SHA-256, for the checksums that users and other tools verify: the manifest records one for each
// exported file (`sha256sum dogs.pt` prints the same 64 digits) and a downloaded weights file is
// checked against the one its name starts. Computed by OpenSSL's libcrypto, as is the engine's
// resumable variant (util/resumable_sha256.h, for the whole-model export). Plain C++: the window
// includes this next to Qt.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace headstart {

// Incremental, for data that arrives in pieces (a download).
class Sha256 final {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(const void* data, size_t size);
  void update(std::string_view bytes) { update(bytes.data(), bytes.size()); }
  // 64 lowercase hex digits of everything given since the last reset(); then starts afresh.
  std::string hexDigest();
  void reset();

 private:
  struct Context;
  std::unique_ptr<Context> m_context;
};

std::string sha256Hex(std::string_view bytes);
// Throws headstart::Error naming the file and the cause when it cannot be read.
std::string sha256HexOfFile(const std::string& path);

}  // namespace headstart
