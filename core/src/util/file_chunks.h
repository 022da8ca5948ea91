#pragma once
// Reading a whole file a piece at a time, for the hashes: a 100 MB weights file never has to sit
// in memory at once.

#include <cstddef>
#include <functional>
#include <string>

namespace headstart::util {

// Hashes cut bytes in memory into pieces of this size too, so where a hash depends on how its
// input is cut (the legacy one), a file's digest and the digest of its bytes agree.
constexpr size_t kHashChunk = size_t(1) << 20;

// Calls `consume` with successive pieces of the file at `path`, in order: each kHashChunk bytes but
// the last, none for an empty file. Throws headstart::Error naming the file and the cause when it
// cannot be read.
void readInChunks(const std::string& path,
                  const std::function<void(const char* data, size_t size)>& consume);

}  // namespace headstart::util
