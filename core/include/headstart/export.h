#pragma once
// Files a trained head is saved as, all readable by Python:
//   NAME.pt        the head: {"weight": [C, D], "bias": [C]} for nn.Linear(D, C).load_state_dict
//   NAME-model.pt  the whole fine-tuned network, torchvision names, for
//                  torchvision.models.resnet50(num_classes=C).load_state_dict
//   NAME.json      the manifest: classes in index order, arch, weights hash, preset,
//                  hyperparameters, seed, dataset summary, metrics, software version
// Each is written to a temporary name and renamed into place.

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

// Writes the head and the manifest, and the whole model when `withModel`. The manifest describes
// the run that produced `result`: its own options and dataset. Throws headstart::Error.
ExportPaths exportTrained(const std::string& name, const TrainResult& result,
                          bool withModel = true);

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
