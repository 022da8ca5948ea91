#pragma once
// Identity hashes that only HeadStart reads back: feature cache keys and entry checksums, the
// memo of weights hashes, byte-identical files in a dataset. XXH3 from libxxhash. Not
// cryptographic: they guard against accidents (changed files, damaged entries), not adversaries.
// What a user may verify with a standard tool is SHA-256 (headstart/sha256.h).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace headstart::util {

// XXH3-128: where two inputs sharing a digest would mix up two files' features, 64 bits is
// closer to a chance collision than a cache of millions of entries should be.
struct Hash128 {
  uint64_t high = 0;
  uint64_t low = 0;
  bool operator==(const Hash128& other) const { return high == other.high && low == other.low; }
  bool operator!=(const Hash128& other) const { return !(*this == other); }
  // 32 lowercase hex digits, high half first: what `xxhsum -H2` prints for the same bytes.
  std::string hex() const;
};

Hash128 xxh3_128(std::string_view bytes);
// Throws headstart::Error naming the file and the cause when it cannot be read.
Hash128 xxh3_128OfFile(const std::string& path);
// For checksums, where a mismatch only means "recompute".
uint64_t xxh3_64(std::string_view bytes);

// Two lowercase hex digits per byte, in order: how sha256sum prints a digest.
std::string lowerHex(const unsigned char* bytes, size_t size);

}  // namespace headstart::util
