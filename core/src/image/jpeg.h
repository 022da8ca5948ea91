#pragma once
// JPEG read straight through libjpeg, the library PIL decodes with, with PIL's settings: the
// same pixels as `Image.open(path).convert("RGB")` for the colour spaces PIL converts inside
// libjpeg (YCbCr, RGB, greyscale). Going around OpenCV's codec list spares a prediction the
// list's first-use set-up (GDAL's drivers and more: 12-16 ms of a cold start), and the header
// is libjpeg's own reading of it: a size check here is the size the decoder would allocate.

#include <opencv2/core.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace headstart::image {

struct JpegDecompression;  // libjpeg's state, kept out of this header

class JpegReader final {
 public:
  // Reads the header of the JPEG in `bytes` (which must outlive the reader). Throws
  // headstart::Error naming `name` and libjpeg's reason when libjpeg cannot read it.
  JpegReader(std::string_view bytes, const std::string& name);
  ~JpegReader();
  JpegReader(const JpegReader&) = delete;
  JpegReader& operator=(const JpegReader&) = delete;

  int width() const;
  int height() const;
  // Whether libjpeg converts this file's colour space to RGB as PIL's decoding does; CMYK and
  // YCCK are converted by the caller's library instead.
  bool convertsLikePil() const;
  // The whole image, 8-bit RGB. Once per reader; convertsLikePil() must hold. Throws
  // headstart::Error when the data is too damaged to decode.
  cv::Mat decodeRgb();

 private:
  std::unique_ptr<JpegDecompression> m_state;
  std::string m_name;
};

}  // namespace headstart::image
