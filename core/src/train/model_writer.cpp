#include "train/model_writer.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "features/cache.h"
#include "headstart/error.h"
#include "model/spec.h"

namespace headstart::training {
namespace {

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// BatchNorm's running statistics: fine-tuning keeps them frozen, so they come from the source.
bool isStatistic(const std::string& name) {
  return endsWith(name, ".running_mean") || endsWith(name, ".running_var") ||
         endsWith(name, ".num_batches_tracked");
}

// Stand-ins for the trained layer while the file's layout is worked out: only their shapes count.
io::StateDict withHeadShape(io::StateDict state, int64_t classes) {
  for (auto& [name, tensor] : state) {
    if (name == "fc.weight" && tensor.dim() == 2)
      tensor = torch::empty({classes, tensor.size(1)});
    else if (name == "fc.bias")
      tensor = torch::empty({classes});
  }
  return state;
}

// The kept hash state of a prefix: a tag, the prefix's length, the state, and a checksum of those.
constexpr char kPrefixTag[8] = {'H', 'S', 'P', 'R', 'E', 'F', '1', '\n'};

std::optional<std::pair<uint64_t, std::string>> readPrefixState(const std::string& path) {
  if (path.empty()) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  constexpr size_t kFixed = sizeof kPrefixTag + 2 * sizeof(uint64_t);
  if (bytes.size() <= kFixed || bytes.compare(0, sizeof kPrefixTag, kPrefixTag, sizeof kPrefixTag))
    return std::nullopt;  // missing or damaged: the prefix is hashed again, and kept anew
  uint64_t length = 0, checksum = 0;
  std::memcpy(&length, bytes.data() + sizeof kPrefixTag, sizeof length);
  std::memcpy(&checksum, bytes.data() + bytes.size() - sizeof checksum, sizeof checksum);
  const std::string_view body(bytes.data(), bytes.size() - sizeof checksum);
  if (util::xxh3_64(body) != checksum) return std::nullopt;
  return std::make_pair(length, std::string(body.substr(sizeof kPrefixTag + sizeof length)));
}

// Best effort: without it the next export hashes the whole file, which is only slower.
void writePrefixState(const std::string& path, uint64_t length, const std::string& state) {
  std::string bytes(kPrefixTag, sizeof kPrefixTag);
  bytes.append(reinterpret_cast<const char*>(&length), sizeof length);
  bytes += state;
  const uint64_t checksum = util::xxh3_64(bytes);
  bytes.append(reinterpret_cast<const char*>(&checksum), sizeof checksum);
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  try {
    io::writeFileAtomically(path, bytes);
  } catch (const std::exception&) {
  }
}

}  // namespace

// Into the staged file and its SHA-256 at once; the small pieces (record headers) gathered, so
// the file sees few writes. Hashing may start late, from a kept state (resumeAt).
class ModelWriter::Sink : public io::ByteSink {
 public:
  explicit Sink(io::StagedFile& file) : m_file(file) {}

  void write(const char* data, size_t size) override {
    if (!m_skipping) m_sha.update(data, size);
    m_written += size;
    if (size < kGather) {
      m_pending.append(data, size);
      if (m_pending.size() >= kGather) flush();
      return;
    }
    flush();
    m_file.write(data, size);
  }

  void flush() {
    if (m_pending.empty()) return;
    m_file.write(m_pending.data(), m_pending.size());
    m_pending.clear();
  }

  // The first `length` bytes will not be hashed: `state` is the hash's state after them.
  void resumeAt(uint64_t length, std::string state) {
    m_skipping = true;
    m_resumeLength = length;
    m_resumeState = std::move(state);
  }
  // Where the kept state belongs: takes it up. False when the bytes so far are not the length it
  // was kept for; the digest then comes from reading the file back.
  bool reachedResumePoint() {
    m_skipping = false;
    m_resumeLost = m_written != m_resumeLength || !m_sha.resume(m_resumeState);
    return !m_resumeLost;
  }
  bool resuming() const { return m_skipping; }
  uint64_t written() const { return m_written; }
  std::string state() const { return m_sha.state(); }

  std::string hexDigest() {
    flush();
    if (!m_resumeLost) return m_sha.hexDigest();
    util::ResumableSha256 whole;
    m_file.readBack([&](const char* data, size_t size) { whole.update(data, size); });
    return whole.hexDigest();
  }

 private:
  static constexpr size_t kGather = 64 * 1024;
  io::StagedFile& m_file;
  util::ResumableSha256 m_sha;
  std::string m_pending;
  uint64_t m_written = 0;
  bool m_skipping = false, m_resumeLost = false;
  uint64_t m_resumeLength = 0;
  std::string m_resumeState;
};

ModelWriter::ModelWriter(const std::string& path, const TrainOptions& options, int64_t classes)
    : m_classes(classes),
      m_lastStage(options.trainLastStage),
      m_state(
          io::conformToSpec(withHeadShape(io::readStateDict(options.weightsPath, &m_crcs), classes),
                            model::resnetSpec(options.arch, classes), options.weightsPath)),
      m_file(path),
      m_sink(std::make_unique<Sink>(m_file)) {
  const auto root = features::FeatureCache::rootFor(options.cacheRoot);
  if (const auto key = prefixKey(); key && !root.empty())
    m_prefixStatePath = root + "/model-prefixes/" + key->hex() + ".sha256";
  if (const auto kept = readPrefixState(m_prefixStatePath))
    m_sink->resumeAt(kept->first, kept->second);
  // After the sink knows where hashing starts: the stream writes data.pkl at once.
  m_stream = std::make_unique<io::TorchArchiveStream>(*m_sink, m_state);
}

ModelWriter::~ModelWriter() = default;

// What training changes: the new final layer, and layer4 when the last stage is trained.
bool ModelWriter::isTrained(const std::string& name) const {
  return startsWith(name, "fc.") || (m_lastStage && startsWith(name, "layer4."));
}

void ModelWriter::finish(const LinearHead& head, const StageWeights* stage) {
  if (head.weight.size(0) != m_classes)
    throw Error(m_file.path() + ": the trained layer has " + std::to_string(head.weight.size(0)) +
                " classes, the export was prepared for " + std::to_string(m_classes));
  if (m_lastStage != (stage != nullptr))
    throw Error(m_file.path() + ": the export was prepared for " +
                (m_lastStage ? "a fine-tuned layer4, and the run has none"
                             : "the original layer4, and the run fine-tuned it"));
  std::map<std::string, torch::Tensor> trained{{"fc.weight", head.weight}, {"fc.bias", head.bias}};
  if (stage) {
    for (const auto& t : stage->tensors) trained[t.name] = torch::tensor(t.values).view(t.shape);
  }
  bool beforeTrained = true;
  for (const auto& [name, source] : m_state) {
    if (beforeTrained && isTrained(name)) {
      beforeTrained = false;
      atEndOfPrefix();
    }
    const auto it = trained.find(name);
    if (it != trained.end())
      m_stream->add(it->second);
    else if (isTrained(name) && !isStatistic(name))
      throw Error(m_file.path() + ": the run has no trained " + name);
    else  // untouched, or a frozen BatchNorm's statistics inside the trained stage
      m_stream->add(source, m_crcs);
  }
  m_stream->finish();
  m_sink->flush();
  m_sha256 = m_sink->hexDigest();
}

// What the bytes before the first trained tensor depend on: the whole layout (data.pkl describes
// every tensor) and, for each untouched tensor before it, its size and the CRC-32 its source
// checkpoint's directory gives it. Nothing when a CRC is unknown (the source was not read from
// a stored record): that file's prefix state is not kept.
std::optional<util::Hash128> ModelWriter::prefixKey() const {
  std::ostringstream key;
  key << "whole-model prefix v1 " << m_lastStage << '\n';
  for (const auto& [name, tensor] : m_state)
    key << name << ' ' << c10::toString(tensor.scalar_type()) << ' ' << tensor.sizes() << '\n';
  for (const auto& [name, tensor] : m_state) {
    if (isTrained(name)) break;
    const auto crc = m_crcs.find(tensor.data_ptr());
    if (crc == m_crcs.end() || crc->second.first != tensor.nbytes()) return std::nullopt;
    key << crc->second.first << ' ' << crc->second.second << '\n';
  }
  return util::xxh3_128(key.str());
}

void ModelWriter::atEndOfPrefix() {
  if (m_sink->resuming()) {
    m_sink->reachedResumePoint();
    return;
  }
  if (!m_prefixStatePath.empty())
    writePrefixState(m_prefixStatePath, m_sink->written(), m_sink->state());
}

io::StagedFile ModelWriter::takeFile() { return std::move(m_file); }

}  // namespace headstart::training
