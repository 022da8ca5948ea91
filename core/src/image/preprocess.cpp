#include "image/preprocess.h"

#include <cmath>

#include "headstart/error.h"
#include "image/decode.h"
#include "image/resample.h"
#include "parallel.h"

namespace headstart::image {

cv::Size resizedSize(cv::Size input, int shorter) {
  const bool portrait = input.width <= input.height;
  const int shortSide = portrait ? input.width : input.height;
  const int longSide = portrait ? input.height : input.width;
  // torchvision truncates the long side: int(shorter * long / short).
  const double newLong = std::floor(double(shorter) * longSide / double(shortSide));
  if (newLong * shorter > double(kMaxResizedPixels)) {
    throw Error("image of " + std::to_string(input.width) + "x" + std::to_string(input.height) +
                " pixels is too elongated: resizing its shorter side to " +
                std::to_string(shorter) + " pixels would make " +
                std::to_string(static_cast<long long>(newLong)) + " pixels of the other (limit " +
                std::to_string(kMaxResizedPixels / shorter) + ")");
  }
  const int length = static_cast<int>(newLong);
  return portrait ? cv::Size(shorter, length) : cv::Size(length, shorter);
}

cv::Mat resizeAndCrop(const cv::Mat& rgb, const Preset& preset) {
  const cv::Size size = resizedSize(rgb.size(), preset.resizeSize);
  const cv::Mat resized =
      size == rgb.size() ? rgb : resizeBilinearAntialiased(rgb, size.width, size.height);
  const int crop = preset.cropSize;
  TORCH_CHECK(resized.cols >= crop && resized.rows >= crop, "preset crops more than it resizes");
  // Python's round() sends halves to the even neighbour; nearbyint does the same.
  const int top = static_cast<int>(std::nearbyint((resized.rows - crop) / 2.0));
  const int left = static_cast<int>(std::nearbyint((resized.cols - crop) / 2.0));
  return resized(cv::Rect(left, top, crop, crop)).clone();
}

}  // namespace headstart::image

namespace headstart {

CropBox cropBox(int width, int height, const Preset& preset) {
  const cv::Size resized = image::resizedSize(cv::Size(width, height), preset.resizeSize);
  const int crop = preset.cropSize;
  const double top = std::nearbyint((resized.height - crop) / 2.0);
  const double left = std::nearbyint((resized.width - crop) / 2.0);
  const double sx = double(width) / resized.width, sy = double(height) / resized.height;
  return {left * sx, top * sy, crop * sx, crop * sy};
}

}  // namespace headstart

namespace headstart::image {

torch::Tensor preprocess(const cv::Mat& rgb, const Preset& preset) {
  return normalise(resizeAndCrop(rgb, preset), preset);
}

// torchvision's arithmetic, one float32 operation at a time and in its order (ToTensor's
// division by 255, Normalize's subtraction, then division), so every value rounds alike. As a
// loop rather than five tensor operations: the first image of a cold start took 3 ms in them.
torch::Tensor normalise(const cv::Mat& rgb, const Preset& preset) {
  TORCH_CHECK(rgb.type() == CV_8UC3, "normalise takes 8-bit RGB");
  auto out = torch::empty({3, rgb.rows, rgb.cols}, torch::kFloat32);
  const size_t plane = size_t(rgb.rows) * size_t(rgb.cols);
  for (int c = 0; c < 3; ++c) {
    const float mean = preset.mean[size_t(c)], stdev = preset.std[size_t(c)];
    float* dst = out.data_ptr<float>() + size_t(c) * plane;
    for (int y = 0; y < rgb.rows; ++y) {
      const uint8_t* src = rgb.ptr<uint8_t>(y) + c;
      for (int x = 0; x < rgb.cols; ++x) *dst++ = (float(src[3 * x]) / 255.0f - mean) / stdev;
    }
  }
  return out;
}

std::vector<PreparedImage> prepareImages(const std::vector<std::string>& paths,
                                         const DecodeOptions& decode, const Preset& preset,
                                         const PreparedCallback& prepared) {
  return prepareImages(
      paths, decode,
      [&preset](const cv::Mat& rgb, const std::string&) { return preprocess(rgb, preset); },
      prepared);
}

std::vector<PreparedImage> prepareImages(const std::vector<std::string>& paths,
                                         const DecodeOptions& decode, const Transform& transform,
                                         const PreparedCallback& prepared) {
  std::vector<PreparedImage> out(paths.size());
  parallelFor(paths.size(), [&](size_t i) {
    try {
      const cv::Mat rgb = decodeRgb(paths[i], decode);  // its errors name the file already
      try {
        out[i].input = transform(rgb, paths[i]);
      } catch (const Error& e) {
        throw Error(paths[i] + ": " + e.what());
      }
    } catch (const std::exception& e) {
      out[i].error = e.what();
    }
    if (prepared) prepared();
  });
  return out;
}

}  // namespace headstart::image
