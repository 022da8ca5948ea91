#pragma once
// A fast 64-bit content hash for cache keys and duplicate detection. Not cryptographic: it
// guards against accidents (changed files, corrupt cache entries), not against adversaries.

#include <cstdint>
#include <string>
#include <string_view>

namespace headstart::util {

class Hasher {
 public:
  void update(const void* data, size_t size);
  void update(std::string_view text) { update(text.data(), text.size()); }
  uint64_t digest() const;

 private:
  uint64_t m_state = 0x9e3779b97f4a7c15ull;
  uint64_t m_length = 0;
};

uint64_t hashBytes(std::string_view bytes);
// Hash of a whole file's content; throws headstart::Error naming the file when unreadable.
uint64_t hashFile(const std::string& path);
std::string toHex(uint64_t value);

}  // namespace headstart::util
