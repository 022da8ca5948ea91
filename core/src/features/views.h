#pragma once
// The renderings of an image besides the preset's centre crop, and the names under which their
// features are cached: augmented views for training, the mirrored crop for test-time
// augmentation.

#include <cstdint>
#include <string>

#include "headstart/augment.h"
#include "headstart/preset.h"
#include "image/transform.h"

namespace headstart::features {

// The image identity that seeds its views: the file's identity (fileKey), folded to 64 bits;
// 0 when the file cannot be read (it fails to decode anyway).
uint64_t viewImageKey(const std::string& path);

// View `viewIndex` (1-based: 0 is the centre crop) of every image, under `settings` and `seed`.
image::Transform augmentedView(const AugmentSettings& settings, uint64_t seed, int viewIndex,
                               const Preset& preset);
// What makes those features differ from the centre crop's: the cache keeps them apart by it.
std::string augmentedViewVariant(const AugmentSettings& settings, uint64_t seed, int viewIndex);

image::Transform flippedCentre(const Preset& preset);
inline const char* flippedCentreVariant() { return "flipped centre crop v1"; }

}  // namespace headstart::features
