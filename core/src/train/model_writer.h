#pragma once
// Writes a whole-model export: the source checkpoint's tensors with a trained final layer in
// place of its `fc` (and, after last-stage fine-tuning, a trained `layer4`). The tensors training
// leaves alone (the backbone, 100 MB for ResNet50) come first in the file and are streamed from
// the mapped source into the staged file and its SHA-256, with no copy in memory; the trained
// ones and the directory follow. Equal inputs give byte-identical files. The SHA-256's state after
// the untouched prefix is kept in the feature cache (model-prefixes/), so that re-training on the
// same weights does not hash those 100 MB again.

#include <optional>
#include <string>

#include "headstart/training.h"
#include "io/atomic_file.h"
#include "io/checkpoint.h"
#include "train/head_trainer.h"
#include "util/hash.h"
#include "util/resumable_sha256.h"

namespace headstart::training {

class ModelWriter {
 public:
  // Reads the source checkpoint's layout (the file is mapped; nothing is copied yet) and opens
  // the staged file for `path`. Throws headstart::Error naming the file and the cause.
  ModelWriter(const std::string& path, const TrainOptions& options, int64_t classes);
  ~ModelWriter();

  // Writes every tensor, the trained ones from `head` (of the class count given at construction)
  // and `stage` (required when the options trained the last stage), and the directory; then the
  // file is ready to be committed.
  void finish(const LinearHead& head, const StageWeights* stage = nullptr);

  io::StagedFile takeFile();
  // The finished file's SHA-256, lowercase hex.
  const std::string& sha256() const { return m_sha256; }

 private:
  class Sink;
  bool isTrained(const std::string& name) const;
  std::optional<util::Hash128> prefixKey() const;
  void atEndOfPrefix();
  int64_t m_classes;
  bool m_lastStage;
  io::KnownCrcs m_crcs;
  io::StateDict m_state;
  io::StagedFile m_file;
  std::unique_ptr<Sink> m_sink;
  std::unique_ptr<io::TorchArchiveStream> m_stream;
  std::string m_sha256;
  std::string m_prefixStatePath;  // empty: not kept (no cache, or the prefix has no key)
};

}  // namespace headstart::training
