#pragma once
// Augmented views of training images: random crops, flips and a light colour jitter, each drawn
// from a seed so that a view is the same on every run and every platform, and can be cached.

#include <cstdint>
#include <string>

namespace headstart {

// torchvision's training transform, in the proportions its reference recipe uses:
// RandomResizedCrop (area 35-100 %, aspect 3/4-4/3), a flip half of the time, and
// brightness, contrast and saturation factors drawn from [1 - x, 1 + x].
struct AugmentSettings {
  int views = 0;  // augmented views per training image besides the centre crop; 0: off
  double scaleMin = 0.35, scaleMax = 1.0;
  double ratioMin = 3.0 / 4.0, ratioMax = 4.0 / 3.0;
  double brightness = 0.2, contrast = 0.2, saturation = 0.2;
};

// Everything but `views` that makes a view what it is, as text: part of the cache key and of
// the manifest, so that other settings never reuse a view computed with these.
std::string augmentDescription(const AugmentSettings& settings);

}  // namespace headstart
