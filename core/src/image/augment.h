#pragma once
// The geometry and rendering of augmented views, for any caller that needs the same views
// (extraction for the head, and later the last-stage trainer).

#include <torch/torch.h>

#include <opencv2/core.hpp>

#include <cstdint>

#include "headstart/augment.h"
#include "headstart/preset.h"

namespace headstart::image {

// One view of one image: the crop box in the image's pixels (torchvision's (top, left, height,
// width)), whether it is mirrored, and the colour factors (1 = unchanged).
struct ViewParams {
  int top = 0, left = 0, height = 0, width = 0;
  bool flip = false;
  double brightness = 1, contrast = 1, saturation = 1;
};

// The parameters of view `viewIndex` of a width x height image. A pure function of its
// arguments: the random numbers come from SplitMix64 seeded with (seed, imageKey, viewIndex),
// and the crop follows torchvision's RandomResizedCrop.get_params (ten tries, then the centre).
ViewParams viewParams(const AugmentSettings& settings, uint64_t seed, uint64_t imageKey,
                      int viewIndex, int width, int height);

// The view as 8-bit RGB of crop x crop pixels: crop, resize (PIL's antialiased bilinear), flip,
// then brightness, contrast, saturation as PIL's ImageEnhance computes them.
cv::Mat renderViewPixels(const cv::Mat& rgb, const ViewParams& view, int crop);

// The view as the network takes it: [3, crop, crop], normalised with the preset's statistics.
torch::Tensor renderView(const cv::Mat& rgb, const ViewParams& view, const Preset& preset);

// The preset's centre crop, mirrored: the second half of test-time augmentation.
torch::Tensor renderFlippedCentre(const cv::Mat& rgb, const Preset& preset);

// SplitMix64 (Steele, Lea, Flood 2014), written out so that every platform draws the same.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t state) : m_state(state) {}
  uint64_t next();
  double uniform(double low, double high);  // 53 random bits, in [low, high)
  int64_t below(int64_t bound);             // in [0, bound)
 private:
  uint64_t m_state;
};

}  // namespace headstart::image
