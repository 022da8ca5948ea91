#pragma once
// Where pretrained weights come from: torchvision's official files, found in torchvision's own
// download cache, so weights a user already fetched with Python are reused as they are.

#include <string>
#include <vector>

#include "headstart/arch.h"
#include "headstart/preset.h"

namespace headstart {

struct OfficialWeights {
  Arch arch;
  std::string fileName;  // "resnet50-11ad3fa6.pth": the prefix of its SHA-256 follows the dash
  std::string url;
  Preset preset;
  bool isDefault;  // torchvision's `Weights.DEFAULT` for this arch
};

const std::vector<OfficialWeights>& officialWeights();

// torchvision's cache: $TORCH_HOME/hub/checkpoints, TORCH_HOME defaulting to
// $XDG_CACHE_HOME/torch, that to ~/.cache/torch.
std::string torchHubCheckpointDir();

struct ResolvedWeights {
  std::string path;
  Preset preset;
};

// The weights to use for `arch`: `explicitPath` if given, else `settingsPath` if given and
// present, else the first official file found in the cache (the default weights first). Throws
// headstart::Error that lists where it looked and where to download the file.
ResolvedWeights resolveWeights(Arch arch, const std::string& explicitPath,
                               const std::string& settingsPath = {});

// The preset a weights file was trained with: the official file's, else the arch's default one.
Preset presetForWeights(Arch arch, const std::string& path);

}  // namespace headstart

namespace headstart {

// What a file chosen as "pretrained weights" really holds, read from its names and shapes.
enum class WeightsKind {
  Backbone,  // a ResNet with ImageNet's 1000 outputs: usable as pretrained weights
  Trained,   // a HeadStart export (head, whole model or manifest): load it as a trained head
  Unusable,
};

struct WeightsInspection {
  WeightsKind kind = WeightsKind::Unusable;
  Arch arch = Arch::ResNet50;  // Backbone, and a whole-model export
  std::string headPath;        // Trained: the export's head file, for loadHead
  std::string problem;         // Unusable: why, naming the file (English, for details)
};

// Never throws: a file that cannot be read is Unusable with the reason.
WeightsInspection inspectWeights(const std::string& path);

}  // namespace headstart
