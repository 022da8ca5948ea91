#pragma once

#include <opencv2/core.hpp>

#include <string>
#include <string_view>

#include "headstart/preset.h"

namespace headstart::image {

// Largest image accepted, in pixels: the limit at which PIL refuses a file as a decompression
// bomb. A JPEG or PNG whose header claims more is refused before its pixels are allocated.
constexpr size_t kMaxPixels = 178956970;

// Largest image the presets' resize may produce before the centre crop. The shorter side goes to
// 232 or 256 pixels, so only an image far longer than it is wide (a 65000x48 strip) gets near:
// it would be resized to gigapixels, and refusing it costs nothing a photograph needs.
constexpr size_t kMaxResizedPixels = size_t(4096) * 4096;

// Decodes JPEG, PNG, BMP, WebP, TIFF (and whatever else OpenCV reads) into 8-bit RGB, the way
// PIL's `Image.open(path).convert("RGB")` does: grey replicated, alpha dropped, 16-bit reduced to
// its high byte, palette expanded. Throws headstart::Error naming `path` and the cause.
cv::Mat decodeRgb(const std::string& path, const DecodeOptions& options = {});
cv::Mat decodeRgb(std::string_view bytes, const std::string& name, const DecodeOptions& options);

// "JPEG" or "PNG" when a file that starts with `head` and ends with `tail` (its last few KiB)
// lacks its format's end marker: cut short by a failed download or copy. PIL refuses such
// files, and so do we, though libjpeg would fill in the missing rows with grey. Else nullptr.
const char* truncatedFormat(std::string_view head, std::string_view tail);
constexpr size_t kEndMarkerWindow = 4096;

}  // namespace headstart::image
