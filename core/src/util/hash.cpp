#include "util/hash.h"

#include <xxhash.h>

#include <cstdio>
#include <memory>

#include "util/file_chunks.h"

namespace headstart::util {
namespace {

Hash128 fromXxh(XXH128_hash_t h) { return {h.high64, h.low64}; }

struct StateDeleter {
  void operator()(XXH3_state_t* state) const { XXH3_freeState(state); }
};

}  // namespace

std::string Hash128::hex() const {
  char text[33];
  std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(high),
                static_cast<unsigned long long>(low));
  return text;
}

std::string lowerHex(const unsigned char* bytes, size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * size);
  for (size_t i = 0; i < size; ++i) {
    hex.push_back(kDigits[bytes[i] >> 4]);
    hex.push_back(kDigits[bytes[i] & 15]);
  }
  return hex;
}

Hash128 xxh3_128(std::string_view bytes) {
  return fromXxh(XXH3_128bits(bytes.data(), bytes.size()));
}

Hash128 xxh3_128OfFile(const std::string& path) {
  const std::unique_ptr<XXH3_state_t, StateDeleter> state(XXH3_createState());
  if (!state || XXH3_128bits_reset(state.get()) != XXH_OK) throw std::bad_alloc();
  readInChunks(path, [&](const char* data, size_t size) {
    XXH3_128bits_update(state.get(), data, size);  // fails only on a null state, checked above
  });
  return fromXxh(XXH3_128bits_digest(state.get()));
}

uint64_t xxh3_64(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

}  // namespace headstart::util
