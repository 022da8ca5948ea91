#include "image/decode.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>

#include "headstart/error.h"

namespace headstart::image {
namespace {

void limitDecoderSize() {
  // OpenCV reads this once, at its first decode, and refuses larger images from the header.
  static std::once_flag once;
  std::call_once(once, [] {
    ::setenv("OPENCV_IO_MAX_IMAGE_PIXELS", std::to_string(kMaxPixels).c_str(), /*replace=*/0);
  });
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw Error(path + ": cannot open (" + std::strerror(errno) + ")");
  const auto size = in.tellg();
  if (size < 0) throw Error(path + ": cannot read (not a regular file?)");
  std::string bytes(static_cast<size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), size)) throw Error(path + ": cannot read the whole file");
  return bytes;
}

bool startsWith(std::string_view bytes, std::string_view magic) {
  return bytes.substr(0, magic.size()) == magic;
}

}  // namespace

const char* truncatedFormat(std::string_view head, std::string_view tail) {
  if (startsWith(head, "\xff\xd8\xff") && tail.find("\xff\xd9") == std::string_view::npos)
    return "JPEG";
  if (startsWith(head, "\x89PNG\r\n\x1a\n") && tail.find("IEND") == std::string_view::npos)
    return "PNG";
  return nullptr;
}

cv::Mat decodeRgb(const std::string& path, const DecodeOptions& options) {
  return decodeRgb(readFile(path), path, options);
}

cv::Mat decodeRgb(std::string_view bytes, const std::string& name, const DecodeOptions& options) {
  limitDecoderSize();
  if (bytes.empty()) throw Error(name + ": empty file (0 bytes)");
  if (bytes.size() > size_t(INT32_MAX)) throw Error(name + ": file too large for an image");
  const auto tail = bytes.substr(bytes.size() - std::min(bytes.size(), kEndMarkerWindow));
  if (const char* format = truncatedFormat(bytes, tail))
    throw Error(name + ": truncated " + format + " (the file ends before the image does)");
  const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8U, const_cast<char*>(bytes.data()));
  int flags = cv::IMREAD_COLOR;
  if (!options.applyExifOrientation) flags |= cv::IMREAD_IGNORE_ORIENTATION;
  cv::Mat bgr;
  try {
    bgr = cv::imdecode(buffer, flags);
  } catch (const cv::Exception& e) {
    if (e.err.find("CV_IO_MAX_IMAGE_PIXELS") != std::string::npos) {
      throw Error(name + ": image too large (over " + std::to_string(kMaxPixels / 1000000) +
                  " million pixels), refused before decoding as a possible decompression bomb");
    }
    throw Error(name + ": cannot decode image (" + e.err + ")");
  }
  if (bgr.empty())
    throw Error(name + ": not an image, or a damaged or oversized one (cannot decode)");
  cv::Mat rgb;
  cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
  return rgb;
}

}  // namespace headstart::image
