#include "util/resumable_sha256.h"

// The low-level interface is deprecated in OpenSSL 3 in favour of EVP, whose state cannot be
// saved; it stays available and computes the same digest with the same code.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <cstring>

#include "headstart/error.h"
#include "util/hash.h"

namespace headstart::util {

struct ResumableSha256::Context {
  SHA256_CTX sha;
};

ResumableSha256::ResumableSha256() : m_context(std::make_unique<Context>()) {
  if (SHA256_Init(&m_context->sha) != 1) throw Error("SHA-256: OpenSSL's SHA256_Init failed");
}

ResumableSha256::~ResumableSha256() = default;

void ResumableSha256::update(const void* data, size_t size) {
  if (SHA256_Update(&m_context->sha, data, size) != 1)
    throw Error("SHA-256: OpenSSL's SHA256_Update failed");
}

std::string ResumableSha256::state() const {
  return std::string(reinterpret_cast<const char*>(&m_context->sha), sizeof(SHA256_CTX));
}

bool ResumableSha256::resume(std::string_view state) {
  if (state.size() != sizeof(SHA256_CTX)) return false;
  std::memcpy(&m_context->sha, state.data(), sizeof(SHA256_CTX));
  return true;
}

std::string ResumableSha256::hexDigest() {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  if (SHA256_Final(digest, &m_context->sha) != 1)
    throw Error("SHA-256: OpenSSL's SHA256_Final failed");
  return lowerHex(digest, sizeof digest);
}

}  // namespace headstart::util
