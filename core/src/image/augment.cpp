#include "image/augment.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "image/preprocess.h"
#include "image/resample.h"

namespace headstart {

std::string augmentDescription(const AugmentSettings& s) {
  std::ostringstream out;
  out.precision(17);
  out << "rrc-v1 scale " << s.scaleMin << ' ' << s.scaleMax << " ratio " << s.ratioMin << ' '
      << s.ratioMax << " flip 0.5 jitter " << s.brightness << ' ' << s.contrast << ' '
      << s.saturation;
  return out.str();
}

}  // namespace headstart

namespace headstart::image {
namespace {

constexpr uint64_t kGolden = 0x9e3779b97f4a7c15ull;
constexpr int kCropTries = 10;  // torchvision's

uint64_t mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// Each input is mixed in before the next, so that nearby seeds, keys and indices share nothing.
uint64_t viewState(uint64_t seed, uint64_t imageKey, int viewIndex) {
  uint64_t state = mix(seed + kGolden);
  state = mix(state ^ imageKey);
  return mix(state ^ static_cast<uint64_t>(viewIndex));
}

// RandomResizedCrop.get_params; Python's round() is nearbyint (halves to even).
void drawCrop(const AugmentSettings& s, SplitMix64& random, int width, int height,
              ViewParams& view) {
  const double area = double(width) * height;
  const double logLow = std::log(s.ratioMin), logHigh = std::log(s.ratioMax);
  for (int attempt = 0; attempt < kCropTries; ++attempt) {
    const double targetArea = area * random.uniform(s.scaleMin, s.scaleMax);
    const double ratio = std::exp(random.uniform(logLow, logHigh));
    const int w = static_cast<int>(std::nearbyint(std::sqrt(targetArea * ratio)));
    const int h = static_cast<int>(std::nearbyint(std::sqrt(targetArea / ratio)));
    if (w > 0 && w <= width && h > 0 && h <= height) {
      view.top = static_cast<int>(random.below(height - h + 1));
      view.left = static_cast<int>(random.below(width - w + 1));
      view.height = h;
      view.width = w;
      return;
    }
  }
  const double inRatio = double(width) / height;
  int w = width, h = height;
  if (inRatio < s.ratioMin) {
    h = static_cast<int>(std::nearbyint(w / s.ratioMin));
  } else if (inRatio > s.ratioMax) {
    w = static_cast<int>(std::nearbyint(h * s.ratioMax));
  }
  view.top = (height - h) / 2;
  view.left = (width - w) / 2;
  view.height = h;
  view.width = w;
}

// PIL's Image.blend(degenerate, image, factor) for 8-bit data: float arithmetic, clipped,
// truncated. `degenerate` holds one value per pixel (grey) or a single value (`constant`).
void blend(cv::Mat& rgb, const cv::Mat* degenerateGrey, int constant, double factor) {
  const float alpha = static_cast<float>(factor);
  for (int y = 0; y < rgb.rows; ++y) {
    auto* row = rgb.ptr<uint8_t>(y);
    const uint8_t* grey = degenerateGrey ? degenerateGrey->ptr<uint8_t>(y) : nullptr;
    for (int x = 0; x < rgb.cols * 3; ++x) {
      const int base = grey ? grey[x / 3] : constant;
      const float value = static_cast<float>(base) + alpha * static_cast<float>(row[x] - base);
      row[x] = value <= 0.0f ? 0 : value >= 255.0f ? 255 : static_cast<uint8_t>(value);
    }
  }
}

// PIL's RGB to L: ITU-R 601-2 luma in 16-bit fixed point, rounded.
cv::Mat luma(const cv::Mat& rgb) {
  cv::Mat grey(rgb.rows, rgb.cols, CV_8UC1);
  for (int y = 0; y < rgb.rows; ++y) {
    const auto* in = rgb.ptr<uint8_t>(y);
    auto* out = grey.ptr<uint8_t>(y);
    for (int x = 0; x < rgb.cols; ++x, in += 3)
      out[x] = static_cast<uint8_t>((in[0] * 19595 + in[1] * 38470 + in[2] * 7471 + 0x8000) >> 16);
  }
  return grey;
}

// ImageEnhance.Contrast's grey level: the mean luma, rounded half up.
int meanLuma(const cv::Mat& rgb) {
  const cv::Mat grey = luma(rgb);
  int64_t sum = 0;
  for (int y = 0; y < grey.rows; ++y)
    for (int x = 0; x < grey.cols; ++x) sum += grey.at<uint8_t>(y, x);
  return static_cast<int>(double(sum) / double(grey.total()) + 0.5);
}

}  // namespace

uint64_t SplitMix64::next() {
  m_state += kGolden;
  return mix(m_state);
}

double SplitMix64::uniform(double low, double high) {
  const double unit = static_cast<double>(next() >> 11) * 0x1.0p-53;
  return low + (high - low) * unit;
}

int64_t SplitMix64::below(int64_t bound) {
  return static_cast<int64_t>(next() % static_cast<uint64_t>(bound));
}

ViewParams viewParams(const AugmentSettings& settings, uint64_t seed, uint64_t imageKey,
                      int viewIndex, int width, int height) {
  SplitMix64 random(viewState(seed, imageKey, viewIndex));
  ViewParams view;
  drawCrop(settings, random, width, height, view);
  view.flip = (random.next() >> 63) != 0;
  view.brightness = random.uniform(1 - settings.brightness, 1 + settings.brightness);
  view.contrast = random.uniform(1 - settings.contrast, 1 + settings.contrast);
  view.saturation = random.uniform(1 - settings.saturation, 1 + settings.saturation);
  return view;
}

cv::Mat renderViewPixels(const cv::Mat& rgb, const ViewParams& view, int crop) {
  const cv::Mat box = rgb(cv::Rect(view.left, view.top, view.width, view.height));
  cv::Mat out = box.cols == crop && box.rows == crop ? box.clone()
                                                     : resizeBilinearAntialiased(box, crop, crop);
  if (view.flip) cv::flip(out, out, 1);
  if (view.brightness != 1) blend(out, nullptr, 0, view.brightness);
  if (view.contrast != 1) blend(out, nullptr, meanLuma(out), view.contrast);
  if (view.saturation != 1) {
    const cv::Mat grey = luma(out);
    blend(out, &grey, 0, view.saturation);
  }
  return out;
}

torch::Tensor renderView(const cv::Mat& rgb, const ViewParams& view, const Preset& preset) {
  return normalise(renderViewPixels(rgb, view, preset.cropSize), preset);
}

torch::Tensor renderFlippedCentre(const cv::Mat& rgb, const Preset& preset) {
  cv::Mat crop = resizeAndCrop(rgb, preset);
  cv::flip(crop, crop, 1);
  return normalise(crop, preset);
}

}  // namespace headstart::image
