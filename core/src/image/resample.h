#pragma once

#include <opencv2/core.hpp>

namespace headstart::image {

// Bilinear resize with antialiasing, computed exactly as PIL's `Image.resize(size, BILINEAR)`
// computes it for 8-bit images: separable triangle filter widened by the scale factor,
// fixed-point weights, horizontal pass then vertical. torchvision resizes PIL images this way,
// so matching it bit for bit gives the same top-5 as Python. `rgb` is CV_8UC3.
cv::Mat resizeBilinearAntialiased(const cv::Mat& rgb, int width, int height);

}  // namespace headstart::image
