#pragma once
// SHA-256 whose running state can be kept and taken up again: every whole-model export of a run
// on the same weights begins with the same 100 MB (the untouched backbone), so the state after
// those bytes is kept on disk and the next export resumes from it instead of hashing them again.
// The state is OpenSSL's own (its low-level interface, whose state is a plain structure).

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace headstart::util {

class ResumableSha256 {
 public:
  ResumableSha256();
  ~ResumableSha256();
  ResumableSha256(const ResumableSha256&) = delete;
  ResumableSha256& operator=(const ResumableSha256&) = delete;

  void update(const void* data, size_t size);
  // The state after everything given so far, as opaque bytes.
  std::string state() const;
  // Continues from a state() of this build; false, and nothing changed, for bytes of another size.
  bool resume(std::string_view state);
  // 64 lowercase hex digits of everything given.
  std::string hexDigest();

 private:
  struct Context;
  std::unique_ptr<Context> m_context;
};

}  // namespace headstart::util
