#include "features/map_cache.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include "features/cache.h"
#include "headstart/error.h"
#include "io/atomic_file.h"
#include "io/mapped_file.h"

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
  uint64_t keyHigh, keyLow;  // XXH3-128 of the image's identity (fileKey)
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

std::optional<std::string> MapCache::entryPath(const std::string& imagePath, int view,
                                               util::Hash128* key) const {
  if (!enabled()) return std::nullopt;
  const auto identity = fileKey(imagePath);
  if (!identity) return std::nullopt;
  if (key) *key = *identity;
  const auto hex = identity->hex();
  return m_dir + "/" + hex.substr(0, 2) + "/" + hex + "-v" + std::to_string(view) + kSuffix;
}

std::optional<torch::Tensor> MapCache::mapped(const std::string& path, const util::Hash128& key,
                                              int view) const {
  std::shared_ptr<const io::MappedFile> file;
  try {
    file = io::MappedFile::open(path);
  } catch (const Error&) {
    return std::nullopt;
  }
  const auto bytes = file->bytes();
  if (int64_t(bytes.size()) != entryBytes()) return std::nullopt;
  EntryHeader header{};
  std::memcpy(&header, bytes.data(), sizeof header);
  if (std::memcmp(header.magic, kMagic, 4) != 0 || header.view != uint32_t(view) ||
      header.channels != m_shape.channels || header.height != m_shape.height ||
      header.width != m_shape.width || util::Hash128{header.keyHigh, header.keyLow} != key)
    return std::nullopt;
  const auto values = bytes.substr(sizeof header);
  if (util::xxh3_64(values) != header.checksum) return std::nullopt;
  // The tensor keeps the mapping alive; its pages are read from the page cache on use.
  auto* data = const_cast<char*>(values.data());
  return torch::from_blob(
      data, {m_shape.channels, m_shape.height, m_shape.width}, [file](void*) {}, torch::kBFloat16);
}

std::optional<torch::Tensor> MapCache::load(const std::string& imagePath, int view) {
  util::Hash128 key;
  const auto path = entryPath(imagePath, view, &key);
  if (!path) return std::nullopt;
  auto map = mapped(*path, key, view);
  if (!map) return std::nullopt;
  touch(*path);
  m_used.insert(*path);
  ++m_report.entries;
  return map;
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

torch::Tensor MapCache::store(const std::string& imagePath, int view, const torch::Tensor& map) {
  const auto values = map.to(torch::kBFloat16).contiguous();
  ++m_report.entries;
  util::Hash128 key;
  const auto path = entryPath(imagePath, view, &key);
  if (!path) return values;
  EntryHeader header{};
  std::memcpy(header.magic, kMagic, 4);
  header.view = uint32_t(view);
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
    return values;  // a cache that cannot be written costs memory and speed, not the run
  }
  m_used.insert(*path);
  auto stored = mapped(*path, key, view);
  return stored ? *stored : values;
}

}  // namespace headstart::features
