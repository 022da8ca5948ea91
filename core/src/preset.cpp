#include "headstart/preset.h"

#include <algorithm>
#include <cctype>

namespace headstart {

Preset imagenetV1Preset() {
  Preset p;
  p.name = "IMAGENET1K_V1";
  p.resizeSize = 256;
  return p;
}

Preset imagenetV2Preset() {
  Preset p;
  p.name = "IMAGENET1K_V2";
  p.resizeSize = 232;
  return p;
}

std::optional<Preset> presetFromName(const std::string& name) {
  std::string upper = name;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (upper == "IMAGENET1K_V1" || upper == "V1") return imagenetV1Preset();
  if (upper == "IMAGENET1K_V2" || upper == "V2") return imagenetV2Preset();
  return std::nullopt;
}

}  // namespace headstart
