#include "image/decode.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>

#include "headstart/error.h"
#include "image/jpeg.h"

namespace headstart::image {
namespace {

// OpenCV refuses an image whose header claims more pixels than this variable says, but Debian's
// OpenCV 4.6 reads it when the library loads, before any code of ours runs: there it keeps its
// own limit (2^30 pixels, 3 GiB of RGB), and decodeRgb below enforces ours from the header. An
// OpenCV that reads it later takes ours from here.
void limitDecoderSize() {
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

uint32_t bigEndian(std::string_view bytes, size_t at, int size) {
  uint32_t value = 0;
  for (int i = 0; i < size; ++i) value = value << 8 | uint8_t(bytes[at + size_t(i)]);
  return value;
}

// What the header of a PNG says the image holds, in pixels (0: not a PNG), read before the
// decoder allocates them: a few hundred bytes can claim a gigapixel.
uint64_t pngPixelsClaimed(std::string_view bytes) {
  if (startsWith(bytes, "\x89PNG\r\n\x1a\n") && bytes.size() >= 24 && bytes.substr(12, 4) == "IHDR")
    return uint64_t(bigEndian(bytes, 16, 4)) * bigEndian(bytes, 20, 4);
  return 0;
}

std::string tooLarge(const std::string& name) {
  return name + ": image too large (over " + std::to_string(kMaxPixels / 1000000) +
         " million pixels), refused before decoding as a possible decompression bomb";
}

// CMYK JPEGs, EXIF orientation and every other format: OpenCV's decoders.
cv::Mat decodeWithOpenCv(std::string_view bytes, const std::string& name,
                         const DecodeOptions& options) {
  const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8U, const_cast<char*>(bytes.data()));
  int flags = cv::IMREAD_COLOR;
  if (!options.applyExifOrientation) flags |= cv::IMREAD_IGNORE_ORIENTATION;
  cv::Mat bgr;
  try {
    bgr = cv::imdecode(buffer, flags);
  } catch (const cv::Exception& e) {
    if (e.err.find("CV_IO_MAX_IMAGE_PIXELS") != std::string::npos) throw Error(tooLarge(name));
    throw Error(name + ": cannot decode image (" + e.err + ")");
  }
  if (bgr.empty())
    throw Error(name + ": not an image, or a damaged or oversized one (cannot decode)");
  cv::Mat rgb;
  cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
  return rgb;
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
  if (startsWith(bytes, "\xff\xd8\xff")) {  // PIL's test for a JPEG
    // libjpeg's own reading of the header: the size it would allocate, however the markers
    // before the frame are laid out.
    JpegReader jpeg(bytes, name);
    if (uint64_t(jpeg.width()) * uint64_t(jpeg.height()) > kMaxPixels) throw Error(tooLarge(name));
    if (jpeg.convertsLikePil() && !options.applyExifOrientation) return jpeg.decodeRgb();
  } else if (pngPixelsClaimed(bytes) > kMaxPixels) {
    throw Error(tooLarge(name));
  }
  return decodeWithOpenCv(bytes, name, options);
}

}  // namespace headstart::image
