#include "util/legacy_hash.h"

#include <cstdio>
#include <cstring>

#include "util/file_chunks.h"

namespace headstart::util::legacy {
namespace {

// The old function, unchanged: every constant and step decides the digests old manifests hold.
constexpr uint64_t kMultiplier = 0xff51afd7ed558ccdull;

uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= kMultiplier;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  return x ^ (x >> 33);
}

class Hasher {
 public:
  void update(const char* bytes, size_t size) {
    size_t i = 0;
    for (; i + 8 <= size; i += 8) {
      uint64_t word;
      std::memcpy(&word, bytes + i, 8);
      m_state = (m_state ^ mix(word)) * kMultiplier + 0x632be59bd9b4e019ull;
    }
    uint64_t tail = 0;
    for (size_t j = 0; i + j < size; ++j) tail |= uint64_t(uint8_t(bytes[i + j])) << (8 * j);
    m_state = (m_state ^ mix(tail + size - i)) * kMultiplier;
    m_length += size;
  }
  uint64_t digest() const { return mix(m_state ^ m_length); }

 private:
  uint64_t m_state = 0x9e3779b97f4a7c15ull;
  uint64_t m_length = 0;
};

}  // namespace

uint64_t formatOneHash(std::string_view bytes) {
  Hasher h;
  do {
    const auto chunk = bytes.substr(0, kHashChunk);
    h.update(chunk.data(), chunk.size());
    bytes.remove_prefix(chunk.size());
  } while (!bytes.empty());
  return h.digest();
}

std::string formatOneHashOfFile(const std::string& path) {
  Hasher h;
  bool empty = true;
  readInChunks(path, [&](const char* data, size_t size) {
    h.update(data, size);
    empty = false;
  });
  if (empty) h.update(nullptr, 0);  // the old reader fed one empty piece for an empty file
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h.digest()));
  return text;
}

}  // namespace headstart::util::legacy
