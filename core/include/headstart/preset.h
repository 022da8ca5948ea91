#pragma once

#include <array>
#include <optional>
#include <string>

namespace headstart {

// torchvision's ImageClassification transform: resize the shorter side (bilinear, antialiased),
// centre-crop a square, scale to [0, 1], normalise per channel.
struct Preset {
  std::string name;
  int resizeSize = 232;
  int cropSize = 224;
  std::array<float, 3> mean{0.485f, 0.456f, 0.406f};  // ImageNet statistics (RGB)
  std::array<float, 3> std{0.229f, 0.224f, 0.225f};
};

Preset imagenetV1Preset();  // "IMAGENET1K_V1": 256 / 224, the original ResNet weights
Preset imagenetV2Preset();  // "IMAGENET1K_V2": 232 / 224, torchvision's newer recipe

// "IMAGENET1K_V1" / "v1" and "IMAGENET1K_V2" / "v2", case-insensitive.
std::optional<Preset> presetFromName(const std::string& name);

// The part of a width x height image that the preset's resize and centre crop keep, in the
// image's own pixel coordinates.
struct CropBox {
  double x = 0, y = 0, width = 0, height = 0;
};
CropBox cropBox(int width, int height, const Preset& preset);

struct DecodeOptions {
  // PIL, and so torchvision, ignore EXIF orientation; so do we unless asked, to match its output.
  bool applyExifOrientation = false;
};

}  // namespace headstart
