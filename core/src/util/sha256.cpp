#include "headstart/sha256.h"

#include <openssl/err.h>
#include <openssl/evp.h>

#include "headstart/error.h"
#include "util/file_chunks.h"
#include "util/hash.h"

namespace headstart {
namespace {

// OpenSSL fails here only when it cannot allocate or its providers are broken; say which call.
void check(int ok, const char* call) {
  if (ok == 1) return;
  char reason[256] = "unknown reason";
  if (const unsigned long code = ERR_get_error()) ERR_error_string_n(code, reason, sizeof reason);
  throw Error(std::string("SHA-256: OpenSSL's ") + call + " failed (" + reason + ")");
}

}  // namespace

struct Sha256::Context {
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  ~Context() { EVP_MD_CTX_free(md); }
};

Sha256::Sha256() : m_context(std::make_unique<Context>()) {
  if (!m_context->md) check(0, "EVP_MD_CTX_new");
  reset();
}

Sha256::~Sha256() = default;

void Sha256::reset() {
  check(EVP_DigestInit_ex(m_context->md, EVP_sha256(), nullptr), "EVP_DigestInit_ex");
}

void Sha256::update(const void* data, size_t size) {
  check(EVP_DigestUpdate(m_context->md, data, size), "EVP_DigestUpdate");
}

std::string Sha256::hexDigest() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  check(EVP_DigestFinal_ex(m_context->md, digest, &size), "EVP_DigestFinal_ex");
  reset();
  return util::lowerHex(digest, size);
}

std::string sha256Hex(std::string_view bytes) {
  Sha256 hash;
  hash.update(bytes);
  return hash.hexDigest();
}

std::string sha256HexOfFile(const std::string& path) {
  Sha256 hash;
  util::readInChunks(path, [&](const char* data, size_t size) { hash.update(data, size); });
  return hash.hexDigest();
}

}  // namespace headstart
