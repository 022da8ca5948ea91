#include "model/arch_detect.h"

#include <array>
#include <cstdlib>

namespace headstart::model {

std::optional<Arch> archFromParameterNames(const std::vector<std::string>& names) {
  std::array<int, 4> blocks{};
  bool bottleneck = false;
  for (const auto& name : names) {
    // "layer<stage>.<block>.<rest>"
    if (name.size() < 9 || name.compare(0, 5, "layer") != 0 || name[6] != '.') continue;
    const int stage = name[5] - '1';
    if (stage < 0 || stage > 3) continue;
    char* end = nullptr;
    const long block = std::strtol(name.c_str() + 7, &end, 10);
    if (end == name.c_str() + 7 || *end != '.' || block < 0 || block > 1000) continue;
    blocks[size_t(stage)] = std::max(blocks[size_t(stage)], int(block) + 1);
    if (std::string(end) == ".conv3.weight") bottleneck = true;
  }
  for (const auto& archName : archNames()) {
    const auto arch = *archFromName(archName);
    const auto& info = archInfo(arch);
    if (info.blocks == blocks && info.bottleneck == bottleneck) return arch;
  }
  return std::nullopt;
}

}  // namespace headstart::model
