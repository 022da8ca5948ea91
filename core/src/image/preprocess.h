#pragma once

#include <torch/torch.h>

#include <opencv2/core.hpp>

#include <functional>
#include <string>
#include <vector>

#include "headstart/preset.h"
#include "image/transform.h"

namespace headstart::image {

// Output size of torchvision's resize to `shorter` pixels on the shorter side: (width, height).
// Throws headstart::Error when that exceeds kMaxResizedPixels (a very elongated image).
cv::Size resizedSize(cv::Size input, int shorter);

// The preset's transform of an 8-bit RGB image into a normalised float tensor [3, crop, crop],
// equal to torchvision's `weights.transforms()(pil_image)`.
torch::Tensor preprocess(const cv::Mat& rgb, const Preset& preset);

// 8-bit RGB to [3, rows, cols] floats, scaled to [0, 1] and normalised with the preset's
// statistics, as torchvision's ToTensor and Normalize do.
torch::Tensor normalise(const cv::Mat& rgb, const Preset& preset);

// The preset's geometry only (resize and centre crop), still 8-bit RGB: what the network sees.
cv::Mat resizeAndCrop(const cv::Mat& rgb, const Preset& preset);

struct PreparedImage {
  torch::Tensor input;  // [3, crop, crop], undefined when `error` is set
  std::string error;    // names the file and the cause
};

// Called once per image as soon as it is prepared (or has failed), from the decoding threads,
// possibly several at once.
using PreparedCallback = std::function<void()>;

// Decodes and preprocesses `paths` on one thread per core; a file that fails gets its error.
std::vector<PreparedImage> prepareImages(const std::vector<std::string>& paths,
                                         const DecodeOptions& decode, const Preset& preset,
                                         const PreparedCallback& prepared = {});

// The same with another transform of the decoded image (an augmented view, a flipped crop).
std::vector<PreparedImage> prepareImages(const std::vector<std::string>& paths,
                                         const DecodeOptions& decode, const Transform& transform,
                                         const PreparedCallback& prepared = {});

}  // namespace headstart::image
