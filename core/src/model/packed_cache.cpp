#include "model/packed_cache.h"

#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <vector>

#include "features/cache.h"
#include "headstart/error.h"
#include "io/mapped_file.h"
#include "parallel.h"
#include "util/hash.h"

namespace headstart::model {
namespace fs = std::filesystem;
namespace {

// [header][fc weight][fc bias][zeros to 64 bytes][network body][checksum of all before it]
constexpr std::string_view kTag{"HSPACKD1", 8};
constexpr size_t kHeaderBytes = 64;
constexpr size_t kAlignment = 64;
constexpr const char* kSuffix = ".hsnet";
constexpr uint64_t kImagenetClasses = 1000;

struct Header {
  char tag[8];
  uint64_t classes;
  uint64_t featureDim;
};

// XXH3-64 of each 8 MB piece, then of those digests: the pieces are hashed on every core. The
// file's pages are first read here (38 ms for ResNet50 on one core of a virtual machine).
constexpr size_t kPiece = size_t(8) << 20;

uint64_t checksumOf(std::string_view bytes) {
  std::vector<uint64_t> digests((bytes.size() + kPiece - 1) / kPiece);
  parallelFor(digests.size(), [&](size_t i) {
    const auto piece = bytes.substr(i * kPiece, kPiece);
    digests[i] = XXH3_64bits(piece.data(), piece.size());
  });
  return XXH3_64bits(digests.data(), digests.size() * sizeof(uint64_t));
}

size_t alignedUp(size_t n) { return (n + kAlignment - 1) / kAlignment * kAlignment; }

Compute computeFor(Precision precision) {
  return precision == Precision::Fast ? Compute::Bf16 : Compute::F32;
}

// The file for weights whose identity (features::fileKey) is `file`.
std::string packedPath(const std::string& root, Arch arch, const util::Hash128& file,
                       Precision precision) {
  const std::string key = "packed network 1|" + file.hex() + "|" + archInfo(arch).name + "|" +
                          precisionName(precision) + "|" + OneDnnResNet::engineIdentity();
  return (fs::path(root) / "packed-networks" / (util::xxh3_128(key).hex() + kSuffix)).string();
}

// Whether `path` starts as a packed `arch` with `classes` outputs.
bool headerSays(const std::string& path, Arch arch, uint64_t classes) {
  std::ifstream in(path, std::ios::binary);
  Header header;
  if (!in.read(reinterpret_cast<char*>(&header), sizeof header)) return false;
  return std::string_view(header.tag, sizeof header.tag) == kTag && header.classes == classes &&
         header.featureDim == static_cast<uint64_t>(archInfo(arch).featureDim);
}

std::unique_ptr<FusedResNet> readPackedFile(const std::string& path, Arch arch,
                                            Precision precision) {
  const auto file = io::MappedFile::open(path);
  const auto bytes = file->bytes();
  if (bytes.size() < kHeaderBytes + sizeof(uint64_t)) throw Error(path + ": too short");
  const auto checked = bytes.substr(0, bytes.size() - sizeof(uint64_t));
  uint64_t checksum;
  std::memcpy(&checksum, bytes.data() + checked.size(), sizeof checksum);
  if (checksumOf(checked) != checksum) throw Error(path + ": checksum mismatch");
  Header header;
  std::memcpy(&header, bytes.data(), sizeof header);
  const auto& info = archInfo(arch);
  if (std::string_view(header.tag, sizeof header.tag) != kTag ||
      header.featureDim != static_cast<uint64_t>(info.featureDim) || header.classes == 0 ||
      header.classes > (uint64_t(1) << 20))
    throw Error(path + ": not a packed " + info.name);
  const auto classes = static_cast<int64_t>(header.classes), dim = int64_t(info.featureDim);
  const size_t fcBytes = sizeof(float) * size_t(classes) * size_t(dim + 1);
  const size_t bodyStart = alignedUp(kHeaderBytes + fcBytes);
  if (bodyStart > checked.size()) throw Error(path + ": too short");
  // The classifier too is used where it lies, the mapping kept alive by its tensors.
  auto* fc = reinterpret_cast<float*>(const_cast<char*>(bytes.data()) + kHeaderBytes);
  const auto keep = [file](void*) {};
  auto weight = torch::from_blob(fc, {classes, dim}, keep, torch::kFloat);
  auto bias = torch::from_blob(fc + classes * dim, {classes}, keep, torch::kFloat);
  auto net = OneDnnResNet::readPacked(checked.substr(bodyStart), file, computeFor(precision));
  const auto& blocks = info.blocks;
  if (net->blockCount() != size_t(std::accumulate(blocks.begin(), blocks.end(), 0)))
    throw Error(path + ": not a packed " + info.name);
  return std::make_unique<FusedResNet>(std::move(net), precision, std::move(weight),
                                       std::move(bias));
}

// checksumOf for bytes that come a part at a time.
class PieceHasher {
 public:
  PieceHasher() : m_state(XXH3_createState()) {
    if (!m_state) throw std::bad_alloc();
    XXH3_64bits_reset(m_state);
  }
  ~PieceHasher() { XXH3_freeState(m_state); }
  PieceHasher(const PieceHasher&) = delete;
  PieceHasher& operator=(const PieceHasher&) = delete;

  void add(std::string_view bytes) {
    while (!bytes.empty()) {
      const auto part = bytes.substr(0, kPiece - m_inPiece);
      XXH3_64bits_update(m_state, part.data(), part.size());
      m_inPiece += part.size();
      bytes.remove_prefix(part.size());
      if (m_inPiece == kPiece) endPiece();
    }
  }
  uint64_t checksum() {
    if (m_inPiece > 0) endPiece();
    return XXH3_64bits(m_digests.data(), m_digests.size() * sizeof(uint64_t));
  }

 private:
  XXH3_state_t* m_state;
  size_t m_inPiece = 0;
  std::vector<uint64_t> m_digests;
  void endPiece() {
    m_digests.push_back(XXH3_64bits_digest(m_state));
    XXH3_64bits_reset(m_state);
    m_inPiece = 0;
  }
};

// Hands the bytes it is given to `out` in whole pieces of kPiece at multiples of kPiece: the
// page cache then keeps the file in large folios, and a later process maps it with far fewer
// page faults (ResNet50's 100 MB: 8 ms instead of 30 on a virtual machine whose page faults are
// slow; written in a tensor's worth at a time, the same file took 30 to 57 ms).
class PieceWriter {
 public:
  explicit PieceWriter(std::ofstream& out) : m_out(out) { m_buffer.reserve(kPiece); }
  void add(std::string_view bytes) {
    while (!bytes.empty()) {
      const auto part = bytes.substr(0, kPiece - m_buffer.size());
      m_buffer.append(part);
      bytes.remove_prefix(part.size());
      if (m_buffer.size() == kPiece) flush();
    }
  }
  void flush() {
    m_out.write(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
    m_buffer.clear();
  }

 private:
  std::ofstream& m_out;
  std::string m_buffer;
};

// Written beside its final name and renamed: a reader sees the whole file or none. Not flushed
// to disk: a file a crash leaves short or damaged fails its checksum and is written again.
void writePackedFile(const std::string& path, const FusedResNet& net) {
  fs::create_directories(fs::path(path).parent_path());
  const auto temporary = path + "." + std::to_string(::getpid()) + ".part";
  {
    std::ofstream out;
    out.rdbuf()->pubsetbuf(nullptr, 0);  // PieceWriter's pieces go to the file as they are
    out.open(temporary, std::ios::binary | std::ios::trunc);
    PieceHasher hasher;
    PieceWriter writer(out);
    const auto put = [&](std::string_view bytes) {
      writer.add(bytes);
      hasher.add(bytes);
    };
    Header header{};
    std::memcpy(header.tag, kTag.data(), kTag.size());
    header.classes = static_cast<uint64_t>(net.classCount());
    header.featureDim = static_cast<uint64_t>(net.featureDim());
    std::string head(kHeaderBytes, '\0');
    std::memcpy(head.data(), &header, sizeof header);
    put(head);
    const auto weight = net.fcWeight().to(torch::kFloat).contiguous();
    const auto bias = net.fcBias().to(torch::kFloat).contiguous();
    put({reinterpret_cast<const char*>(weight.data_ptr<float>()),
         sizeof(float) * size_t(weight.numel())});
    put({reinterpret_cast<const char*>(bias.data_ptr<float>()),
         sizeof(float) * size_t(bias.numel())});
    const size_t written = kHeaderBytes + sizeof(float) * size_t(weight.numel() + bias.numel());
    put(std::string(alignedUp(written) - written, '\0'));
    net.engine().writePacked(put);
    const uint64_t checksum = hasher.checksum();
    writer.add({reinterpret_cast<const char*>(&checksum), sizeof checksum});
    writer.flush();
    out.close();
    if (!out) throw Error(temporary + ": cannot write");
  }
  fs::rename(temporary, path);
}

// Only files of this cache, by their suffix; the most recently written or used are kept.
void evictOld(const std::string& folder) {
  std::vector<std::pair<fs::file_time_type, fs::path>> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (entry.path().extension() == kSuffix) files.emplace_back(entry.last_write_time(ec), entry);
  }
  if (files.size() <= size_t(kPackedNetworksKept)) return;
  std::sort(files.begin(), files.end(), [](auto& a, auto& b) { return a.first > b.first; });
  for (size_t i = size_t(kPackedNetworksKept); i < files.size(); ++i)
    fs::remove(files[i].second, ec);
}

}  // namespace

std::unique_ptr<FusedResNet> loadPackedOrFused(Arch arch, const std::string& weightsPath,
                                               Precision precision, const std::string& cacheRoot) {
  if (cacheRoot.empty() || precision == Precision::Int8)
    return loadFusedResNet(arch, weightsPath, precision);
  const auto file = features::fileKey(weightsPath);
  const auto path = file ? packedPath(cacheRoot, arch, *file, precision) : std::string();
  if (!path.empty()) {
    std::error_code ec;
    if (fs::exists(path, ec)) {
      try {
        auto net = readPackedFile(path, arch, precision);
        fs::last_write_time(path, fs::file_time_type::clock::now(), ec);  // a use: kept longer
        return net;
      } catch (const std::exception&) {
        // packed again below, and the file replaced
      }
    }
  }
  auto net = loadFusedResNet(arch, weightsPath, precision);
  if (!path.empty()) {
    try {
      writePackedFile(path, *net);
      evictOld(fs::path(path).parent_path().string());
    } catch (const std::exception&) {
      std::error_code ec;
      fs::remove(path + "." + std::to_string(::getpid()) + ".part", ec);
    }
  }
  return net;
}

std::optional<Arch> packedImagenetArch(const std::string& weightsPath,
                                       const std::string& cacheRoot) {
  const auto file = features::fileKey(weightsPath);
  if (cacheRoot.empty() || !file) return std::nullopt;
  for (const auto& name : archNames()) {
    const auto arch = *archFromName(name);
    for (const auto precision : {Precision::Exact, Precision::Fast}) {
      if (headerSays(packedPath(cacheRoot, arch, *file, precision), arch, kImagenetClasses))
        return arch;
    }
  }
  return std::nullopt;
}

}  // namespace headstart::model
