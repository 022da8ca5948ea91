// Telling what a file chosen as pretrained weights really is, before the window remembers it.

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "features/cache.h"
#include "headstart/error.h"
#include "headstart/export.h"
#include "headstart/weights.h"
#include "io/checkpoint.h"
#include "model/arch_detect.h"
#include "model/packed_cache.h"
#include "model/spec.h"

namespace fs = std::filesystem;

namespace headstart {
namespace {

constexpr int64_t kImagenetClasses = 1000;

WeightsInspection unusable(std::string problem) {
  WeightsInspection w;
  w.problem = std::move(problem);
  return w;
}

// A HeadStart export whose manifest exists: load it as a trained head.
WeightsInspection trained(const std::string& path) {
  const auto paths = exportPathsFor(path);
  std::ifstream in(paths.manifest);
  const auto manifest = nlohmann::json::parse(in, nullptr, false);
  if (!in || !manifest.is_object() || !manifest.contains("classes"))
    return unusable(path + ": a trained layer without its manifest " + paths.manifest);
  WeightsInspection w;
  w.kind = WeightsKind::Trained;
  w.headPath = paths.head;
  return w;
}

bool isHeadOnly(const io::StateDict& state) {
  return state.size() == 2 && state[0].first == "weight" && state[1].first == "bias";
}

}  // namespace

WeightsInspection inspectWeights(const std::string& path) {
  if (fs::path(path).extension() == ".json") return trained(path);
  // A file a prediction packed is known: reading it all again took a cold start 19 ms.
  if (const auto arch = model::packedImagenetArch(path, features::FeatureCache::defaultRoot())) {
    WeightsInspection w;
    w.kind = WeightsKind::Backbone;
    w.arch = *arch;
    return w;
  }
  io::StateDict state;
  try {
    state = io::readStateDict(path);
  } catch (const std::exception& e) {
    return unusable(e.what());
  }
  if (isHeadOnly(state)) return trained(path);
  std::vector<std::string> names;
  int64_t classes = -1;
  for (const auto& [name, tensor] : state) {
    names.push_back(name);
    if (name == "fc.weight" && tensor.dim() == 2) classes = tensor.size(0);
  }
  const auto arch = model::archFromParameterNames(names);
  if (!arch) return unusable(path + ": not the parameters of a ResNet (18, 34, 50, 101 or 152)");
  try {
    io::conformToSpec(state, model::resnetSpec(*arch, std::max<int64_t>(classes, 0)), path);
  } catch (const Error& e) {
    return unusable(e.what());
  }
  if (classes != kImagenetClasses) {
    if (fs::exists(exportPathsFor(path).manifest)) return trained(path);
    return unusable(path + ": a " + archInfo(*arch).name + " with " + std::to_string(classes) +
                    " outputs, not ImageNet's 1000");
  }
  WeightsInspection w;
  w.kind = WeightsKind::Backbone;
  w.arch = *arch;
  return w;
}

}  // namespace headstart
