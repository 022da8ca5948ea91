#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace headstart {

enum class Arch { ResNet18, ResNet34, ResNet50, ResNet101, ResNet152 };

struct ArchInfo {
  Arch arch;
  const char* name;           // "resnet50", as torchvision calls it
  std::array<int, 4> blocks;  // blocks per stage
  bool bottleneck;            // Bottleneck (expansion 4) or BasicBlock
  int featureDim;             // width of the pooled vector fed to `fc`
};

const ArchInfo& archInfo(Arch arch);
std::optional<Arch> archFromName(const std::string& name);
std::vector<std::string> archNames();

}  // namespace headstart
