#pragma once
// The home-made 64-bit hash that manifests of format 1 (HeadStart up to 0.1.0, before SHA-256)
// recorded as `head_hash`. It hashes nothing new: it is kept only so that loading such an export
// can still tell whether its head belongs to it, instead of trusting an unverified pair.

#include <cstdint>
#include <string>
#include <string_view>

namespace headstart::util::legacy {

// Exactly the digest the old version computed for these bytes, cut into pieces of kHashChunk.
uint64_t formatOneHash(std::string_view bytes);
// The same over a file's content, as 16 lowercase hex digits (how format 1 wrote it).
// Throws headstart::Error naming the file and the cause when it cannot be read.
std::string formatOneHashOfFile(const std::string& path);

}  // namespace headstart::util::legacy
