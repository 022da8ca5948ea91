#include "features/views.h"

#include "features/cache.h"
#include "image/augment.h"

namespace headstart::features {

uint64_t viewImageKey(const std::string& path) {
  const auto key = fileKey(path);
  return key ? key->high ^ key->low : 0;
}

image::Transform augmentedView(const AugmentSettings& settings, uint64_t seed, int viewIndex,
                               const Preset& preset) {
  return [settings, seed, viewIndex, preset](const cv::Mat& rgb, const std::string& path) {
    const auto view =
        image::viewParams(settings, seed, viewImageKey(path), viewIndex, rgb.cols, rgb.rows);
    return image::renderView(rgb, view, preset);
  };
}

std::string augmentedViewVariant(const AugmentSettings& settings, uint64_t seed, int viewIndex) {
  return augmentDescription(settings) + " seed " + std::to_string(seed) + " view " +
         std::to_string(viewIndex);
}

image::Transform flippedCentre(const Preset& preset) {
  return [preset](const cv::Mat& rgb, const std::string&) {
    return image::renderFlippedCentre(rgb, preset);
  };
}

}  // namespace headstart::features
