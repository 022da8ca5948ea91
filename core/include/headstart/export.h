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

ExportPaths exportPathsFor(const std::string& headPath);

// Writes the head and the manifest, and the whole model when `withModel`. Throws headstart::Error.
ExportPaths exportTrained(const std::string& headPath, const TrainResult& result,
                          const TrainOptions& options, const DatasetReport& dataset,
                          bool withModel = true);

struct SavedHead {
  Head head;
  std::string arch;    // as recorded in the manifest
  std::string preset;  // preset name, as recorded
};

// Reads NAME.pt and its manifest NAME.json; refuses a head whose shape, classes or arch do not fit.
SavedHead loadHead(const std::string& headPath);

}  // namespace headstart
