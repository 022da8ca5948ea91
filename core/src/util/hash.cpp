#include "util/hash.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

#include "headstart/error.h"

namespace headstart::util {
namespace {

constexpr uint64_t kMultiplier = 0xff51afd7ed558ccdull;

uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= kMultiplier;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  return x ^ (x >> 33);
}

}  // namespace

void Hasher::update(const void* data, size_t size) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, bytes + i, 8);
    m_state = (m_state ^ mix(word)) * kMultiplier + 0x632be59bd9b4e019ull;
  }
  uint64_t tail = 0;
  for (size_t j = 0; i + j < size; ++j) tail |= uint64_t(bytes[i + j]) << (8 * j);
  m_state = (m_state ^ mix(tail + size - i)) * kMultiplier;
  m_length += size;
}

uint64_t Hasher::digest() const { return mix(m_state ^ m_length); }

namespace {
// Files are hashed a chunk at a time; bytes in memory are cut the same way, so a file's digest
// and the digest of its content agree (an export's manifest records one, loading checks the other).
constexpr size_t kChunk = size_t(1) << 20;
}  // namespace

uint64_t hashBytes(std::string_view bytes) {
  Hasher h;
  do {
    const auto chunk = bytes.substr(0, kChunk);
    h.update(chunk);
    bytes.remove_prefix(chunk.size());
  } while (!bytes.empty());
  return h.digest();
}

uint64_t hashFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open (" + std::strerror(errno) + ")");
  Hasher h;
  std::vector<char> buffer(kChunk);
  do {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    h.update(buffer.data(), static_cast<size_t>(in.gcount()));
  } while (in && in.peek() != std::char_traits<char>::eof());
  if (in.bad()) throw Error(path + ": read error");
  return h.digest();
}

std::string toHex(uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

}  // namespace headstart::util
