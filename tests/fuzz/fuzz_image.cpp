// Any bytes as an image file: decoded as predict and feature extraction decode, then resized and
// cropped with both presets, with and without the EXIF orientation.

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "headstart/error.h"
#include "headstart/preset.h"
#include "image/decode.h"
#include "image/preprocess.h"

// Each input decodes in well under a second: the decoder's pixel limit (kMaxPixels, 179 million,
// which a 1 MiB PNG of zeros can reach) is lowered for fuzzing only; every code path stays.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  ::setenv("OPENCV_IO_MAX_IMAGE_PIXELS", "4000000", /*replace=*/0);
  return 0;
}

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
