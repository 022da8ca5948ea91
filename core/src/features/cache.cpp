#include "features/cache.h"

#include <sys/stat.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "headstart/sha256.h"
#include "io/atomic_file.h"

namespace fs = std::filesystem;

namespace headstart::features {
namespace {

// The entry format's version. "HSF1" entries (64-bit home-made hash, 24-byte header) came from
// before XXH3; they fail this check and are recomputed.
constexpr char kMagic[4] = {'H', 'S', 'F', '2'};

struct EntryHeader {
  char magic[4];
  uint32_t dim;
  uint64_t keyHigh, keyLow;  // XXH3-128 of the image's identity (fileKey)
  uint64_t checksum;         // XXH3-64 of the feature bytes that follow
};
static_assert(sizeof(EntryHeader) == 32, "the header is written as it is laid out in memory");

// Appends a value's bytes; the key's parts are fixed-size except the path, which comes last.
template <typename T>
void append(std::string& key, const T& value) {
  key.append(reinterpret_cast<const char*>(&value), sizeof value);
}

std::string_view bytesOf(const torch::Tensor& values) {
  return {static_cast<const char*>(values.data_ptr()), size_t(values.numel()) * sizeof(float)};
}

std::string envOr(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::string(value) : fallback;
}

}  // namespace

// Size, modification time (ns) and absolute path: a changed or replaced file gets a new key.
std::optional<util::Hash128> fileKey(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  std::error_code ec;
  std::string key;
  append(key, static_cast<int64_t>(st.st_size));
  append(key, static_cast<int64_t>(st.st_mtim.tv_sec));
  append(key, static_cast<int64_t>(st.st_mtim.tv_nsec));
  key += fs::absolute(path, ec).lexically_normal().string();
  return util::xxh3_128(key);
}

FeatureCache::FeatureCache(std::string root, const std::string& key, int64_t dim) : m_dim(dim) {
  if (!root.empty()) m_dir = (fs::path(root) / key).string();
}

std::string FeatureCache::defaultRoot() {
  const std::string cache = envOr("XDG_CACHE_HOME", envOr("HOME", "/tmp") + "/.cache");
  return cache + "/headstart/features";
}

std::string FeatureCache::rootFor(const std::string& requested) {
  if (requested == "-") return {};
  return requested.empty() ? defaultRoot() : requested;
}

std::string FeatureCache::entryPath(const util::Hash128& key) const {
  const auto hex = key.hex();
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
      util::Hash128{header.keyHigh, header.keyLow} != *key) {
    return std::nullopt;
  }
  auto feature = torch::empty({m_dim}, torch::kFloat32);
  const auto bytes = static_cast<std::streamsize>(m_dim * sizeof(float));
  in.read(static_cast<char*>(feature.data_ptr()), bytes);
  if (in.gcount() != bytes || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
  if (util::xxh3_64(bytesOf(feature)) != header.checksum) return std::nullopt;
  return feature;
}

void FeatureCache::store(const std::string& imagePath, const torch::Tensor& feature) const {
  if (!enabled()) return;
  const auto key = fileKey(imagePath);
  if (!key) return;
  const auto values = feature.contiguous().to(torch::kFloat32);
  const auto data = bytesOf(values);
  EntryHeader header{};
  std::memcpy(header.magic, kMagic, 4);
  header.dim = static_cast<uint32_t>(m_dim);
  header.keyHigh = key->high;
  header.keyLow = key->low;
  header.checksum = util::xxh3_64(data);
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

std::string modelKey(const std::string& weightsSha256, Arch arch, const Preset& preset,
                     Precision precision, const std::string& calibrationKey) {
  std::string key = weightsSha256;
  append(key, preset.resizeSize);
  append(key, preset.cropSize);
  for (float v : preset.mean) append(key, v);
  for (float v : preset.std) append(key, v);
  // Exact adds nothing: exact features keep the key they had before precisions existed.
  if (precision != Precision::Exact) key += precisionName(precision);
  key += calibrationKey;  // int8 features depend on their calibration too
  const std::string name = archInfo(arch).name;
  return name + "-" + util::xxh3_128(key + name).hex();
}

namespace {

// The memo of weights hashes carries its version: one an older HeadStart wrote (other hashes,
// no version) is dropped and rebuilt, never read as if it held SHA-256s.
constexpr int kMemoVersion = 2;

nlohmann::json readMemo(const std::string& path) {
  try {
    std::ifstream in(path);
    if (in) {
      auto memo = nlohmann::json::parse(in);
      if (memo.is_object() && memo.value("version", 0) == kMemoVersion && memo.contains("sha256") &&
          memo["sha256"].is_object())
        return memo;
    }
  } catch (const nlohmann::json::exception&) {
    // a damaged memo is rebuilt
  }
  return {{"version", kMemoVersion}, {"sha256", nlohmann::json::object()}};
}

void writeMemo(const std::string& cacheRoot, const std::string& path, const nlohmann::json& memo) {
  std::error_code ec;
  fs::create_directories(cacheRoot, ec);
  try {
    io::writeFileAtomically(path, memo.dump(1));
  } catch (const std::exception&) {
    // without the memo the next cold run hashes the file again: only time is lost
  }
}

}  // namespace

std::string weightsSha256(const std::string& weightsPath, const std::string& cacheRoot) {
  const auto key = fileKey(weightsPath);
  if (!key || cacheRoot.empty()) return sha256HexOfFile(weightsPath);
  const auto memoPath = cacheRoot + "/weights-hashes.json";
  auto memo = readMemo(memoPath);
  auto& known = memo["sha256"];
  const auto found = known.find(key->hex());
  if (found != known.end() && found->is_string() && found->get<std::string>().size() == 64)
    return found->get<std::string>();
  const auto hash = sha256HexOfFile(weightsPath);
  known[key->hex()] = hash;
  writeMemo(cacheRoot, memoPath, memo);
  return hash;
}

}  // namespace headstart::features
