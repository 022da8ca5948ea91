#include "train/model_writer.h"

#include <map>

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

}  // namespace

// Into the staged file and its SHA-256 at once; the small pieces (record headers) gathered, so
// the file sees few writes.
class ModelWriter::Sink : public io::ByteSink {
 public:
  explicit Sink(io::StagedFile& file) : m_file(file) {}

  void write(const char* data, size_t size) override {
    m_sha.update(data, size);
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

  std::string hexDigest() { return m_sha.hexDigest(); }

 private:
  static constexpr size_t kGather = 64 * 1024;
  io::StagedFile& m_file;
  Sha256 m_sha;
  std::string m_pending;
};

ModelWriter::ModelWriter(const std::string& path, const TrainOptions& options, int64_t classes)
    : m_classes(classes),
      m_lastStage(options.trainLastStage),
      m_state(
          io::conformToSpec(withHeadShape(io::readStateDict(options.weightsPath, &m_crcs), classes),
                            model::resnetSpec(options.arch, classes), options.weightsPath)),
      m_file(path),
      m_sink(std::make_unique<Sink>(m_file)),
      m_stream(std::make_unique<io::TorchArchiveStream>(*m_sink, m_state)) {}

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
  for (const auto& [name, source] : m_state) {
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

io::StagedFile ModelWriter::takeFile() { return std::move(m_file); }

}  // namespace headstart::training
