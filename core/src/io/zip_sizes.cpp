#include "io/zip_sizes.h"

#include <algorithm>
#include <vector>

#include "headstart/error.h"

namespace headstart::io {
namespace {

constexpr uint32_t kEndOfDirectory = 0x06054b50;
constexpr uint32_t kZip64Locator = 0x07064b50;
constexpr uint32_t kZip64EndOfDirectory = 0x06064b50;
constexpr uint32_t kDirectoryEntry = 0x02014b50;
constexpr uint32_t kFull32 = 0xffffffffu;
// Deflate cannot expand data more than about 1032 times.
constexpr uint64_t kMaxDeflateRatio = 1032;

uint64_t little(const std::string& bytes, size_t at, int width) {
  uint64_t value = 0;
  for (int i = width - 1; i >= 0; --i) value = (value << 8) | uint8_t(bytes.at(at + size_t(i)));
  return value;
}

struct Directory {
  uint64_t offset = 0;
  uint64_t size = 0;
};

// The end-of-directory record sits in the last 64 KiB + 22 bytes (its comment comes after it).
// Where a zip64 locator precedes it, the zip64 record's directory is a candidate too, whatever
// the 32-bit fields say: a reader may take either, so both are checked.
std::vector<Directory> findDirectories(const ReadAt& readAt, uint64_t archiveSize) {
  std::vector<Directory> found;
  const uint64_t window = std::min<uint64_t>(archiveSize, 65536 + 22);
  const std::string tail = readAt(archiveSize - window, size_t(window));
  if (tail.size() < 22) return found;
  for (size_t at = tail.size() - 22 + 1; at-- > 0;) {
    if (little(tail, at, 4) != kEndOfDirectory) continue;
    found.push_back({little(tail, at + 16, 4), little(tail, at + 12, 4)});
    if (at < 20 || little(tail, at - 20, 4) != kZip64Locator) return found;
    const std::string zip64 = readAt(little(tail, at - 20 + 8, 8), 56);
    if (zip64.size() == 56 && little(zip64, 0, 4) == kZip64EndOfDirectory)
      found.push_back({little(zip64, 48, 8), little(zip64, 40, 8)});
    return found;
  }
  return found;
}

// A size of 0xffffffff means "see the zip64 extra field", whose first field is that size.
uint64_t uncompressedSize(const std::string& entries, size_t at, size_t extraAt, size_t extraEnd) {
  const uint64_t declared = little(entries, at + 24, 4);
  if (declared != kFull32) return declared;
  while (extraAt + 4 <= extraEnd) {
    const uint64_t id = little(entries, extraAt, 2), length = little(entries, extraAt + 2, 2);
    if (id == 1 && length >= 8 && extraAt + 12 <= extraEnd) return little(entries, extraAt + 4, 8);
    extraAt += 4 + length;
  }
  return declared;
}

struct Entry {
  std::string name;
  uint64_t method = 0;
  uint64_t compressedSize = 0;
  uint64_t size = 0;
  uint32_t crc32 = 0;
};

// Calls `visit` for each entry of the directory; stops quietly where the directory stops making
// sense (libtorch's reader refuses such an archive with its own message).
template <typename Visit>
void forEachEntry(const ReadAt& readAt, uint64_t archiveSize, const Directory& dir, Visit visit) {
  if (dir.size > archiveSize || dir.offset > archiveSize - dir.size) return;
  const std::string entries = readAt(dir.offset, size_t(dir.size));
  for (size_t at = 0; at + 46 <= entries.size() && little(entries, at, 4) == kDirectoryEntry;) {
    const size_t nameLength = little(entries, at + 28, 2),
                 extraLength = little(entries, at + 30, 2);
    const size_t commentLength = little(entries, at + 32, 2);
    const size_t extraAt = at + 46 + nameLength, next = extraAt + extraLength + commentLength;
    if (next > entries.size()) return;
    Entry entry;
    entry.name = entries.substr(at + 46, nameLength);
    entry.method = little(entries, at + 10, 2);
    entry.crc32 = uint32_t(little(entries, at + 16, 4));
    entry.compressedSize = little(entries, at + 20, 4);
    entry.size = uncompressedSize(entries, at, extraAt, extraAt + extraLength);
    visit(entry);
    at = next;
  }
}

void checkDirectory(const ReadAt& readAt, uint64_t archiveSize, const Directory& dir,
                    const std::string& path) {
  forEachEntry(readAt, archiveSize, dir, [&](const Entry& entry) {
    const uint64_t limit = entry.method == 0 ? archiveSize : archiveSize * kMaxDeflateRatio;
    if (entry.size > limit) {
      throw Error(path + ": damaged checkpoint archive: record '" + entry.name + "' claims " +
                  std::to_string(entry.size) + " bytes in a file of " +
                  std::to_string(archiveSize));
    }
  });
}

}  // namespace

void checkDeclaredSizes(const ReadAt& readAt, uint64_t archiveSize, const std::string& path) {
  for (const auto& dir : findDirectories(readAt, archiveSize))
    checkDirectory(readAt, archiveSize, dir, path);
}

std::map<std::string, StoredRecord> storedRecords(const ReadAt& readAt, uint64_t archiveSize) {
  std::map<std::string, StoredRecord> stored;
  const auto dirs = findDirectories(readAt, archiveSize);
  if (dirs.empty()) return stored;
  // The zip64 directory, where there is one, is what libtorch's reader follows.
  forEachEntry(readAt, archiveSize, dirs.back(), [&](const Entry& entry) {
    // A zip64 entry keeps its compressed size in the extra field too; only plain stored entries
    // (as torch.save writes them, under 4 GiB) are taken.
    if (entry.method != 0 || entry.compressedSize != entry.size) return;
    const auto slash = entry.name.find('/');
    if (slash == std::string::npos) return;
    stored[entry.name.substr(slash + 1)] = {entry.size, entry.crc32};
  });
  return stored;
}

}  // namespace headstart::io
