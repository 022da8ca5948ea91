#pragma once
// libtorch's zip reader allocates a record's declared size before reading it, so a 700-byte
// file can declare a 4 GB record (found by fuzz_checkpoint). This reads the archive's central
// directory first and refuses any record that claims more bytes than the archive could hold.

#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace headstart::io {

// Reads `size` bytes at `offset` of the archive (fewer at its end).
using ReadAt = std::function<std::string(uint64_t offset, size_t size)>;

// Throws headstart::Error naming `path` when a record's declared size is impossible for an
// archive of `archiveSize` bytes. A directory it cannot make sense of is left to libtorch's
// reader, which refuses it with its own message.
void checkDeclaredSizes(const ReadAt& readAt, uint64_t archiveSize, const std::string& path);

// A record kept uncompressed in the archive, so its bytes can be used where they lie.
struct StoredRecord {
  uint64_t size = 0;
  uint32_t crc32 = 0;  // as the directory records it
};

// The archive's uncompressed records, by name without the archive's top folder ("data/0" for
// "archive/data/0"), as libtorch's reader names them. Entries it cannot make sense of are left
// out; the caller falls back to libtorch's reader for those.
std::map<std::string, StoredRecord> storedRecords(const ReadAt& readAt, uint64_t archiveSize);

}  // namespace headstart::io
