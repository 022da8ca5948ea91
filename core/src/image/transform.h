#pragma once
// How a decoded image becomes the network's input, for code that passes transforms around
// without seeing OpenCV (the ONNX writer includes the extractor, but not OpenCV's headers).

#include <torch/torch.h>

#include <functional>
#include <string>

namespace cv {
class Mat;
}

namespace headstart::image {

// 8-bit RGB and its file's path to [3, crop, crop]: the centre crop, an augmented view, ...
using Transform = std::function<torch::Tensor(const cv::Mat& rgb, const std::string& path)>;

}  // namespace headstart::image
