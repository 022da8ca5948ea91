#include "features/cache.h"

#include <sys/stat.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "io/atomic_file.h"
#include "util/hash.h"

namespace fs = std::filesystem;

namespace headstart::features {
namespace {

constexpr char kMagic[4] = {'H', 'S', 'F', '1'};

struct EntryHeader {
  char magic[4];
  uint32_t dim;
  uint64_t key;
  uint64_t checksum;
};

// Path, size and modification time (ns): a changed or replaced file gets a new key.
std::optional<uint64_t> fileKey(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  std::error_code ec;
  const auto absolute = fs::absolute(path, ec).lexically_normal().string();
  util::Hasher h;
  h.update(absolute);
  const int64_t fields[] = {static_cast<int64_t>(st.st_size),
                            static_cast<int64_t>(st.st_mtim.tv_sec),
                            static_cast<int64_t>(st.st_mtim.tv_nsec)};
  h.update(fields, sizeof fields);
  return h.digest();
}

std::string envOr(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::string(value) : fallback;
}

}  // namespace

FeatureCache::FeatureCache(std::string root, const std::string& key, int64_t dim) : m_dim(dim) {
  if (!root.empty()) m_dir = (fs::path(root) / key).string();
}

std::string FeatureCache::defaultRoot() {
  const std::string cache = envOr("XDG_CACHE_HOME", envOr("HOME", "/tmp") + "/.cache");
  return cache + "/headstart/features";
}

std::string FeatureCache::entryPath(uint64_t key) const {
  const auto hex = util::toHex(key);
  return m_dir + "/" + hex.substr(0, 2) + "/" + hex + ".feat";
}

std::optional<torch::Tensor> FeatureCache::load(const std::string& imagePath) const {
  if (!enabled()) return std::nullopt;
  const auto key = fileKey(imagePath);
  if (!key) return std::nullopt;
  std::ifstream in(entryPath(*key), std::ios::binary);
  if (!in) return std::nullopt;
  EntryHeader header{};
  in.read(reinterpret_cast<char*>(&header), sizeof header);
  if (!in || std::memcmp(header.magic, kMagic, 4) != 0 || header.dim != m_dim ||
      header.key != *key) {
    return std::nullopt;
  }
  auto feature = torch::empty({m_dim}, torch::kFloat32);
  const auto bytes = static_cast<std::streamsize>(m_dim * sizeof(float));
  in.read(static_cast<char*>(feature.data_ptr()), bytes);
  if (in.gcount() != bytes || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
  if (util::hashBytes({static_cast<const char*>(feature.data_ptr()), size_t(bytes)}) !=
      header.checksum) {
    return std::nullopt;
  }
  return feature;
}

void FeatureCache::store(const std::string& imagePath, const torch::Tensor& feature) const {
  if (!enabled()) return;
  const auto key = fileKey(imagePath);
  if (!key) return;
  const auto values = feature.contiguous().to(torch::kFloat32);
  const std::string_view data(static_cast<const char*>(values.data_ptr()),
                              static_cast<size_t>(m_dim) * sizeof(float));
  EntryHeader header{};
  std::memcpy(header.magic, kMagic, 4);
  header.dim = static_cast<uint32_t>(m_dim);
  header.key = *key;
  header.checksum = util::hashBytes(data);
  std::string bytes(reinterpret_cast<const char*>(&header), sizeof header);
  bytes.append(data);
  const auto path = entryPath(*key);
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  try {
    io::writeFileAtomically(path, bytes);
  } catch (const std::exception&) {
    // A cache that cannot be written (full disk, read-only home) only costs speed next time.
  }
}

std::string modelKey(uint64_t weightsHash, Arch arch, const Preset& preset, Precision precision) {
  util::Hasher h;
  h.update(&weightsHash, sizeof weightsHash);
  h.update(archInfo(arch).name);
  const int sizes[] = {preset.resizeSize, preset.cropSize};
  h.update(sizes, sizeof sizes);
  h.update(preset.mean.data(), sizeof(float) * 3);
  h.update(preset.std.data(), sizeof(float) * 3);
  // Exact adds nothing, so caches written before precisions existed stay valid.
  if (precision != Precision::Exact) h.update(precisionName(precision));
  return std::string(archInfo(arch).name) + "-" + util::toHex(h.digest());
}

uint64_t weightsHash(const std::string& weightsPath, const std::string& cacheRoot) {
  const auto key = fileKey(weightsPath);
  const auto memoPath = cacheRoot.empty() ? std::string() : cacheRoot + "/weights-hashes.json";
  nlohmann::json memo = nlohmann::json::object();
  if (!memoPath.empty()) {
    try {
      std::ifstream in(memoPath);
      if (in) memo = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception&) {
      memo = nlohmann::json::object();  // a damaged memo is rebuilt
    }
  }
  const std::string memoKey = key ? util::toHex(*key) : std::string();
  if (key && memo.is_object() && memo.contains(memoKey) && memo[memoKey].is_string()) {
    return std::stoull(memo[memoKey].get<std::string>(), nullptr, 16);
  }
  const uint64_t hash = util::hashFile(weightsPath);
  if (key && !memoPath.empty()) {
    if (!memo.is_object()) memo = nlohmann::json::object();
    memo[memoKey] = util::toHex(hash);
    std::error_code ec;
    fs::create_directories(cacheRoot, ec);
    try {
      io::writeFileAtomically(memoPath, memo.dump(1));
    } catch (const std::exception&) {
    }
  }
  return hash;
}

}  // namespace headstart::features
