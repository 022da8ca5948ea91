// Any bytes as an image file: decoded as predict and feature extraction decode, then resized and
// cropped with both presets, with and without the EXIF orientation.

#include <cstddef>
#include <cstdint>

#include "headstart/error.h"
#include "headstart/preset.h"
#include "image/decode.h"
#include "image/preprocess.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace headstart;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const bool exif = size > 0 && (data[size - 1] & 1);
  try {
    const auto rgb = image::decodeRgb(bytes, "fuzz.img", DecodeOptions{exif});
    image::preprocess(rgb, (size & 1) ? imagenetV1Preset() : imagenetV2Preset());
  } catch (const Error&) {
  }
  return 0;
}
