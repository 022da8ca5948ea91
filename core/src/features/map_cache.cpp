#include "features/map_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include "features/cache.h"
#include "headstart/error.h"
#include "io/atomic_file.h"

namespace fs = std::filesystem;

namespace headstart::features {
namespace {

constexpr char kMagic[4] = {'H', 'S', 'L', '3'};
constexpr const char* kSuffix = ".map";

struct EntryHeader {
  char magic[4];
  uint32_t view;
  uint32_t channels, height, width;
  uint32_t reserved;
  uint64_t keyHigh, keyLow;  // the entry's key: the image's identity (fileKey), and the view's
                             // variant if it has one
  uint64_t checksum;         // XXH3-64 of the bfloat16 values that follow
};
static_assert(sizeof(EntryHeader) == 48, "the header is written as it is laid out in memory");

std::string_view bytesOf(const torch::Tensor& values) {
  return {static_cast<const char*>(values.data_ptr()), size_t(values.nbytes())};
}

std::string sizeText(int64_t bytes) {
  char text[32];
  const double mib = double(bytes) / double(1 << 20);
  if (mib >= 1024)
    std::snprintf(text, sizeof text, "%.1f GiB", mib / 1024);
  else
    std::snprintf(text, sizeof text, "%.1f MiB", mib);
  return text;
}

// Reads `bytes` at `offset` in full; false at the end of the file or on an error.
bool readAt(int fd, void* into, size_t bytes, off_t offset) {
  auto* at = static_cast<char*>(into);
  while (bytes > 0) {
    const ssize_t got = ::pread(fd, at, bytes, offset);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    at += got;
    bytes -= size_t(got);
    offset += got;
  }
  return true;
}

bool describes(const EntryHeader& header, const util::Hash128& key, int view,
               const MapShape& shape) {
  return std::memcmp(header.magic, kMagic, 4) == 0 && header.view == uint32_t(view) &&
         header.channels == shape.channels && header.height == shape.height &&
         header.width == shape.width && util::Hash128{header.keyHigh, header.keyLow} == key;
}

// Reads the entry at `path` and its values into `values` (`bytes` long): false when it is
// missing, of another size, not the map of `key` and `view` in `shape`, or fails its checksum.
bool readEntry(const std::string& path, const util::Hash128& key, int view, const MapShape& shape,
               void* values, size_t bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  EntryHeader header{};
  struct stat info {};
  const bool read = ::fstat(fd, &info) == 0 && size_t(info.st_size) == sizeof header + bytes &&
                    readAt(fd, &header, sizeof header, 0) &&
                    readAt(fd, values, bytes, sizeof header);
  ::close(fd);
  return read && describes(header, key, view, shape) &&
         util::xxh3_64({static_cast<const char*>(values), bytes}) == header.checksum;
}

torch::Tensor emptyMap(const MapShape& shape) {
  return torch::empty({shape.channels, shape.height, shape.width}, torch::kBFloat16);
}

struct Entry {
  std::string path;
  int64_t bytes;
  fs::file_time_type used;
};

std::vector<Entry> entriesUnder(const std::string& root) {
  std::vector<Entry> entries;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec) || it->path().extension() != kSuffix) continue;
    const auto size = it->file_size(ec);
    const auto time = it->last_write_time(ec);
    if (!ec) entries.push_back({it->path().string(), int64_t(size), time});
  }
  return entries;
}

// A read is a use: the entry's modification time orders evictions.
void touch(const std::string& path) {
  std::error_code ec;
  fs::last_write_time(path, fs::file_time_type::clock::now(), ec);
}

}  // namespace

MapShape layer3Shape(Arch arch, int64_t cropSize) {
  int64_t side = cropSize;
  for (int i = 0; i < 4; ++i) side = (side - 1) / 2 + 1;
  return {256 * (archInfo(arch).bottleneck ? 4 : 1), side, side};
}

StoredMap::StoredMap(torch::Tensor values)
    : m_values(values.to(torch::kBFloat16).contiguous()),
      m_shape{m_values.size(0), m_values.size(1), m_values.size(2)} {}

StoredMap::StoredMap(std::string path, util::Hash128 key, int view, MapShape shape)
    : m_path(std::move(path)), m_key(key), m_view(view), m_shape(shape) {}

void StoredMap::readInto(torch::Tensor out) const {
  TORCH_CHECK(
      out.is_contiguous() && out.scalar_type() == torch::kBFloat16 &&
          out.sizes() == torch::IntArrayRef({m_shape.channels, m_shape.height, m_shape.width}),
      "a map is read into a contiguous bfloat16 tensor of its shape");
  if (m_values.defined()) {
    out.copy_(m_values);
    return;
  }
  if (!readEntry(m_path, m_key, m_view, m_shape, out.data_ptr(), size_t(out.nbytes())))
    throw Error(m_path + ": this layer3 map was changed or removed during the run (the next run " +
                "computes it again)");
}

torch::Tensor StoredMap::read() const {
  auto values = emptyMap(m_shape);
  readInto(values);
  return values;
}

std::string MapCache::mapsRoot(const std::string& cacheRoot) {
  return (fs::path(cacheRoot) / "layer3-maps").string();
}

MapCache::MapCache(const std::string& root, const std::string& modelKey, MapShape shape,
                   int64_t budgetBytes)
    : m_shape(shape) {
  m_report.budgetBytes = budgetBytes;
  if (root.empty()) return;
  m_root = mapsRoot(root);
  m_dir = (fs::path(m_root) / modelKey).string();
}

int64_t MapCache::entryBytes() const {
  return int64_t(sizeof(EntryHeader)) +
         m_shape.channels * m_shape.height * m_shape.width * int64_t(sizeof(uint16_t));
}

std::optional<std::string> MapCache::entryPath(const std::string& imagePath, const MapView& view,
                                               util::Hash128* key) const {
  if (!enabled()) return std::nullopt;
  const auto identity = fileKey(imagePath);
  if (!identity) return std::nullopt;
  const auto entryKey =
      view.variant.empty() ? *identity : util::xxh3_128(identity->hex() + " " + view.variant);
  if (key) *key = entryKey;
  const auto hex = entryKey.hex();
  return m_dir + "/" + hex.substr(0, 2) + "/" + hex + "-v" + std::to_string(view.index) + kSuffix;
}

std::optional<StoredMap> MapCache::load(const std::string& imagePath, const MapView& view) {
  util::Hash128 key;
  const auto path = entryPath(imagePath, view, &key);
  if (!path) return std::nullopt;
  // Read in full once to check it; the values go, only where they lie stays.
  if (!m_scratch.defined()) m_scratch = emptyMap(m_shape);
  if (!readEntry(*path, key, view.index, m_shape, m_scratch.data_ptr(), size_t(m_scratch.nbytes())))
    return std::nullopt;
  touch(*path);
  m_used.insert(*path);
  ++m_report.entries;
  return StoredMap(*path, key, view.index, m_shape);
}

void MapCache::reserve(size_t newEntries) {
  if (!enabled()) return;
  auto entries = entriesUnder(m_root);
  int64_t total = 0, kept = 0;
  for (const auto& e : entries) {
    total += e.bytes;
    if (m_used.count(e.path)) kept += e.bytes;
  }
  const int64_t needed = int64_t(newEntries) * entryBytes();
  if (kept + needed > m_report.budgetBytes) {
    throw Error(m_root + ": this run's layer3 maps will not fit in the cache budget: " +
                std::to_string(m_used.size() + newEntries) + " maps of " + sizeText(entryBytes()) +
                " need " + sizeText(kept + needed) + ", the budget is " +
                sizeText(m_report.budgetBytes) +
                " (raise it with --cache-budget, or train the last layer only)");
  }
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.used < b.used; });
  for (const auto& e : entries) {
    if (total + needed <= m_report.budgetBytes) break;
    if (m_used.count(e.path)) continue;
    std::error_code ec;
    if (!fs::remove(e.path, ec) || ec) continue;
    total -= e.bytes;
    ++m_report.evicted;
    m_report.evictedBytes += e.bytes;
  }
  m_report.bytes = total + needed;
}

StoredMap MapCache::store(const std::string& imagePath, const MapView& view,
                          const torch::Tensor& map) {
  const auto values = map.to(torch::kBFloat16).contiguous();
  ++m_report.entries;
  util::Hash128 key;
  const auto path = entryPath(imagePath, view, &key);
  if (!path) return StoredMap(values);
  EntryHeader header{};
  std::memcpy(header.magic, kMagic, 4);
  header.view = uint32_t(view.index);
  header.channels = uint32_t(m_shape.channels);
  header.height = uint32_t(m_shape.height);
  header.width = uint32_t(m_shape.width);
  header.keyHigh = key.high;
  header.keyLow = key.low;
  const auto data = bytesOf(values);
  header.checksum = util::xxh3_64(data);
  std::string bytes(reinterpret_cast<const char*>(&header), sizeof header);
  bytes.append(data);
  std::error_code ec;
  fs::create_directories(fs::path(*path).parent_path(), ec);
  try {
    io::writeFileAtomically(*path, bytes);
  } catch (const std::exception&) {
    return StoredMap(values);  // a cache that cannot be written costs memory, not the run
  }
  m_used.insert(*path);
  return StoredMap(*path, key, view.index, m_shape);
}

}  // namespace headstart::features
