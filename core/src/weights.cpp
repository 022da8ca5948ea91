#include "headstart/weights.h"

#include <cstdlib>
#include <filesystem>

#include "headstart/error.h"

namespace fs = std::filesystem;

namespace headstart {
namespace {

const char* const kBaseUrl = "https://download.pytorch.org/models/";

OfficialWeights official(Arch arch, const char* file, Preset preset, bool isDefault) {
  return {arch, file, std::string(kBaseUrl) + file, std::move(preset), isDefault};
}

std::string envOr(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::string(value) : fallback;
}

}  // namespace

const std::vector<OfficialWeights>& officialWeights() {
  // File names and recipes as torchvision publishes them; the default weights come first.
  static const std::vector<OfficialWeights> all{
      official(Arch::ResNet18, "resnet18-f37072fd.pth", imagenetV1Preset(), true),
      official(Arch::ResNet34, "resnet34-b627a593.pth", imagenetV1Preset(), true),
      official(Arch::ResNet50, "resnet50-11ad3fa6.pth", imagenetV2Preset(), true),
      official(Arch::ResNet50, "resnet50-0676ba61.pth", imagenetV1Preset(), false),
      official(Arch::ResNet101, "resnet101-cd907fc2.pth", imagenetV2Preset(), true),
      official(Arch::ResNet101, "resnet101-63fe2227.pth", imagenetV1Preset(), false),
      official(Arch::ResNet152, "resnet152-f82ba261.pth", imagenetV2Preset(), true),
      official(Arch::ResNet152, "resnet152-394f9c45.pth", imagenetV1Preset(), false),
  };
  return all;
}

std::string torchHubCheckpointDir() {
  const std::string home = envOr("HOME", "/tmp");
  const std::string cache = envOr("XDG_CACHE_HOME", home + "/.cache");
  const std::string torchHome = envOr("TORCH_HOME", cache + "/torch");
  return torchHome + "/hub/checkpoints";
}

Preset presetForWeights(Arch arch, const std::string& path) {
  const std::string name = fs::path(path).filename().string();
  const OfficialWeights* fallback = nullptr;
  for (const auto& w : officialWeights()) {
    if (w.arch != arch) continue;
    if (w.fileName == name) return w.preset;
    if (w.isDefault) fallback = &w;
  }
  return fallback ? fallback->preset : imagenetV2Preset();
}

ResolvedWeights resolveWeights(Arch arch, const std::string& explicitPath,
                               const std::string& settingsPath) {
  if (!explicitPath.empty()) {
    if (!fs::exists(explicitPath)) throw Error(explicitPath + ": weights file not found");
    return {explicitPath, presetForWeights(arch, explicitPath)};
  }
  if (!settingsPath.empty() && fs::exists(settingsPath)) {
    return {settingsPath, presetForWeights(arch, settingsPath)};
  }
  const std::string dir = torchHubCheckpointDir();
  std::string looked;
  std::string download;
  for (const auto& w : officialWeights()) {
    if (w.arch != arch) continue;
    const std::string candidate = dir + "/" + w.fileName;
    if (fs::exists(candidate)) return {candidate, w.preset};
    looked += "\n  " + candidate;
    if (download.empty()) download = w.url;
  }
  std::string message =
      "no pretrained weights for " + std::string(archInfo(arch).name) + " found. Looked in:";
  if (!settingsPath.empty()) message += "\n  " + settingsPath + " (from the settings)";
  message += looked + "\nDownload " + download + " into " + dir + " (or pass --weights FILE).";
  throw Error(message);
}

}  // namespace headstart
