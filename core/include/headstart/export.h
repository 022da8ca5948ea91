#pragma once
// Files a trained head is saved as, all readable by Python:
//   NAME.pt        the head: {"weight": [C, D], "bias": [C]} for nn.Linear(D, C).load_state_dict
//   NAME-model.pt  the whole fine-tuned network, torchvision names, for
//                  torchvision.models.resnet50(num_classes=C).load_state_dict
//   NAME.json      the manifest: classes in index order, arch, weights hash, preset,
//                  hyperparameters, seed, dataset summary, metrics, software version
// Each is written to a temporary name and renamed into place.

#include <memory>
#include <string>

#include "headstart/training.h"

namespace headstart {

struct ExportPaths {
  std::string head, model, manifest;
};

// The three files of the export that `name` stands for: NAME, NAME.pt, NAME-model.pt (when a
// manifest NAME.json names it as its model) or NAME.json all give NAME.pt, NAME-model.pt and
// NAME.json, so a user may pick any of them.
ExportPaths exportPathsFor(const std::string& name);

// The whole-model file of the export `name`, begun while the head still trains: on another
// thread, the backbone's tensors (which training leaves as they are: 100 MB for ResNet50) are
// copied from the weights file, hashed and flushed to disk, so exportTrained has only the new
// layer left to write. Nothing is put in place until exportTrained; destroyed unused, it leaves
// nothing behind.
class ModelExportInAdvance {
 public:
  // `classes`: how many the trained head will have.
  ModelExportInAdvance(const std::string& name, const TrainOptions& options, int64_t classes);
  ~ModelExportInAdvance();
  ModelExportInAdvance(const ModelExportInAdvance&) = delete;
  ModelExportInAdvance& operator=(const ModelExportInAdvance&) = delete;

 private:
  struct State;
  std::unique_ptr<State> m_state;
  friend ExportPaths exportTrained(const std::string&, const TrainResult&, bool,
                                   ModelExportInAdvance*);
};

// Writes the head and the manifest, and the whole model when `withModel` (finishing `advance`
// when it was begun for the same file, weights and class count). The manifest describes the run
// that produced `result`: its own options and dataset. Throws headstart::Error.
ExportPaths exportTrained(const std::string& name, const TrainResult& result, bool withModel = true,
                          ModelExportInAdvance* advance = nullptr);

struct SavedHead {
  Head head;
  std::string arch;    // as recorded in the manifest
  std::string preset;  // preset name, as recorded
};

// Reads NAME.pt and its manifest NAME.json (`name` as for exportPathsFor); refuses a head whose
// shape, classes or arch do not fit, and a fine-tuned export whose model file is missing or
// differs from what its manifest recorded.
SavedHead loadHead(const std::string& name);

// The whole result an export records (head, the run's options and dataset, curves, evaluation),
// for showing, evaluating or exporting a run again. Throws headstart::Error.
TrainResult loadTrainResult(const std::string& name);

}  // namespace headstart
