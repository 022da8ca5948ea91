#include "image/resample.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace headstart::image {
namespace {

// Fixed-point precision of the weights: leaves 8 bits for the pixel value and 2 for headroom.
constexpr int kPrecisionBits = 32 - 8 - 2;

struct Taps {
  int first = 0;  // first input index
  int count = 0;  // number of inputs used
  std::vector<int32_t> weights;
};

double triangle(double x) {
  x = std::fabs(x);
  return x < 1.0 ? 1.0 - x : 0.0;
}

// One set of taps per output index, for resizing `inSize` samples to `outSize`.
std::vector<Taps> computeTaps(int inSize, int outSize) {
  const double scale = static_cast<double>(inSize) / outSize;
  const double filterScale = std::max(scale, 1.0);  // widen the filter only when shrinking
  const double support = 1.0 * filterScale;
  std::vector<Taps> taps(static_cast<size_t>(outSize));
  for (int out = 0; out < outSize; ++out) {
    const double center = (out + 0.5) * scale;
    const int first = std::max(static_cast<int>(center - support + 0.5), 0);
    const int last = std::min(static_cast<int>(center + support + 0.5), inSize);
    std::vector<double> w(static_cast<size_t>(std::max(last - first, 0)));
    double total = 0.0;
    const double inverseScale = 1.0 / filterScale;  // multiplied, not divided: PIL's rounding
    for (size_t i = 0; i < w.size(); ++i) {
      w[i] = triangle((static_cast<double>(i) + first - center + 0.5) * inverseScale);
      total += w[i];
    }
    auto& t = taps[static_cast<size_t>(out)];
    t.first = first;
    t.count = static_cast<int>(w.size());
    for (double weight : w) {
      const double normalised = total != 0.0 ? weight / total : weight;
      const double fixed = normalised * (1 << kPrecisionBits);
      t.weights.push_back(static_cast<int32_t>(fixed < 0 ? fixed - 0.5 : fixed + 0.5));
    }
  }
  return taps;
}

uint8_t clip8(int64_t accumulated) {
  const int64_t value = accumulated >> kPrecisionBits;
  return static_cast<uint8_t>(std::clamp<int64_t>(value, 0, 255));
}

cv::Mat resizeRows(const cv::Mat& in, int width) {
  const auto taps = computeTaps(in.cols, width);
  cv::Mat out(in.rows, width, CV_8UC3);
  for (int y = 0; y < in.rows; ++y) {
    const auto* src = in.ptr<uint8_t>(y);
    auto* dst = out.ptr<uint8_t>(y);
    for (int x = 0; x < width; ++x) {
      const auto& t = taps[static_cast<size_t>(x)];
      for (int c = 0; c < 3; ++c) {
        int64_t sum = int64_t(1) << (kPrecisionBits - 1);
        for (int k = 0; k < t.count; ++k) sum += int64_t(src[(t.first + k) * 3 + c]) * t.weights[k];
        dst[x * 3 + c] = clip8(sum);
      }
    }
  }
  return out;
}

cv::Mat resizeColumns(const cv::Mat& in, int height) {
  const auto taps = computeTaps(in.rows, height);
  cv::Mat out(height, in.cols, CV_8UC3);
  const int rowValues = in.cols * 3;
  std::vector<int64_t> sum(static_cast<size_t>(rowValues));
  for (int y = 0; y < height; ++y) {
    const auto& t = taps[static_cast<size_t>(y)];
    std::fill(sum.begin(), sum.end(), int64_t(1) << (kPrecisionBits - 1));
    for (int k = 0; k < t.count; ++k) {
      const auto* src = in.ptr<uint8_t>(t.first + k);
      const int64_t w = t.weights[k];
      for (int i = 0; i < rowValues; ++i) sum[i] += int64_t(src[i]) * w;
    }
    auto* dst = out.ptr<uint8_t>(y);
    for (int i = 0; i < rowValues; ++i) dst[i] = clip8(sum[i]);
  }
  return out;
}

}  // namespace

cv::Mat resizeBilinearAntialiased(const cv::Mat& rgb, int width, int height) {
  CV_Assert(rgb.type() == CV_8UC3 && width > 0 && height > 0);
  cv::Mat out = rgb;
  // Same order as PIL: the horizontal pass first, each pass only when its size changes.
  if (width != out.cols) out = resizeRows(out, width);
  if (height != out.rows) out = resizeColumns(out, height);
  return out.data == rgb.data ? rgb.clone() : out;
}

}  // namespace headstart::image
