#include "headstart/arch.h"

namespace headstart {
namespace {

// Stage depths from the ResNet paper's table 1.
const std::array<ArchInfo, 5> kArchs{{
    {Arch::ResNet18, "resnet18", {2, 2, 2, 2}, false, 512},
    {Arch::ResNet34, "resnet34", {3, 4, 6, 3}, false, 512},
    {Arch::ResNet50, "resnet50", {3, 4, 6, 3}, true, 2048},
    {Arch::ResNet101, "resnet101", {3, 4, 23, 3}, true, 2048},
    {Arch::ResNet152, "resnet152", {3, 8, 36, 3}, true, 2048},
}};

}  // namespace

const ArchInfo& archInfo(Arch arch) {
  for (const auto& info : kArchs) {
    if (info.arch == arch) return info;
  }
  return kArchs[2];
}

std::optional<Arch> archFromName(const std::string& name) {
  for (const auto& info : kArchs) {
    if (name == info.name) return info.arch;
  }
  return std::nullopt;
}

std::vector<std::string> archNames() {
  std::vector<std::string> names;
  for (const auto& info : kArchs) names.emplace_back(info.name);
  return names;
}

}  // namespace headstart
