#include "image/jpeg.h"

// clang-format off
#include <cstdio>  // jpeglib.h uses FILE and size_t without including their headers
#include <jpeglib.h>
// clang-format on

#include <csetjmp>
#include <cstring>

#include "headstart/error.h"

namespace headstart::image {
namespace {

// libjpeg reports an error by calling error_exit, which must not return: ours jumps back to the
// setjmp of the trapped call that was running. No object with a destructor lives in the frames
// the jump leaves, so none is skipped.
struct ErrorTrap {
  jpeg_error_mgr manager;  // first: libjpeg's pointer to it is a pointer to the whole trap
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

[[noreturn]] void jumpToTrap(j_common_ptr info) {
  auto* trap = reinterpret_cast<ErrorTrap*>(info->err);
  info->err->format_message(info, trap->message);
  std::longjmp(trap->jump, 1);
}

// Damaged but decodable data ("premature end of data segment") decodes with grey or smeared
// blocks, as it does in PIL and OpenCV; libjpeg would also print each warning to stderr.
void keepWarningsQuiet(j_common_ptr) {}

}  // namespace

// Destroyed here rather than in ~JpegReader, which does not run when the constructor throws
// (the fuzzer found the leak). Safe after any failure: the state starts zeroed, and libjpeg
// frees only what it allocated.
struct JpegDecompression {
  ErrorTrap trap{};
  jpeg_decompress_struct info{};
  JpegDecompression() = default;
  JpegDecompression(const JpegDecompression&) = delete;
  JpegDecompression& operator=(const JpegDecompression&) = delete;
  ~JpegDecompression() { jpeg_destroy_decompress(&info); }
};

namespace {

// Each returns false, with trap.message set, when libjpeg stops on an error.
bool readHeaderTrapped(JpegDecompression& s, std::string_view bytes);
bool readPixelsTrapped(JpegDecompression& s, unsigned char* pixels, size_t stride);

}  // namespace

JpegReader::JpegReader(std::string_view bytes, const std::string& name)
    : m_state(std::make_unique<JpegDecompression>()), m_name(name) {
  m_state->info.err = jpeg_std_error(&m_state->trap.manager);
  m_state->trap.manager.error_exit = jumpToTrap;
  m_state->trap.manager.output_message = keepWarningsQuiet;
  if (!readHeaderTrapped(*m_state, bytes))
    throw Error(name + ": damaged JPEG (" + m_state->trap.message + ")");
}

JpegReader::~JpegReader() = default;

int JpegReader::width() const { return int(m_state->info.image_width); }
int JpegReader::height() const { return int(m_state->info.image_height); }

bool JpegReader::convertsLikePil() const {
  const auto space = m_state->info.jpeg_color_space;
  return space == JCS_YCbCr || space == JCS_RGB || space == JCS_GRAYSCALE;
}

cv::Mat JpegReader::decodeRgb() {
  cv::Mat rgb(height(), width(), CV_8UC3);
  if (!readPixelsTrapped(*m_state, rgb.data, rgb.step[0]))
    throw Error(m_name + ": damaged JPEG (" + m_state->trap.message + ")");
  return rgb;
}

namespace {

bool readHeaderTrapped(JpegDecompression& s, std::string_view bytes) {
  if (setjmp(s.trap.jump)) return false;
  jpeg_create_decompress(&s.info);
  jpeg_mem_src(&s.info, reinterpret_cast<const unsigned char*>(bytes.data()),
               static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&s.info, /*require_image=*/TRUE);
  return true;
}

// libjpeg's defaults are PIL's (accurate integer DCT, smooth chroma upsampling); greyscale is
// replicated into the three channels, as PIL's convert("RGB") does.
bool readPixelsTrapped(JpegDecompression& s, unsigned char* pixels, size_t stride) {
  if (setjmp(s.trap.jump)) return false;
  s.info.out_color_space = JCS_RGB;
  jpeg_start_decompress(&s.info);
  while (s.info.output_scanline < s.info.output_height) {
    JSAMPROW row = pixels + size_t(s.info.output_scanline) * stride;
    jpeg_read_scanlines(&s.info, &row, 1);
  }
  jpeg_finish_decompress(&s.info);
  return true;
}

}  // namespace
}  // namespace headstart::image
