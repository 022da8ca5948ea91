// Any bytes as the format.json of a dataset folder (in train/ and in test/), scanned as the
// Train page and `headstart-cli train` scan it.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "headstart/dataset.h"
#include "headstart/error.h"

namespace fs = std::filesystem;

namespace {

// A smallest real PNG (1x1, grey): class folders that hold an image each.
const unsigned char kPng[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
    0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00,
    0x00, 0x3a, 0x7e, 0x9b, 0x55, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78,
    0x9c, 0x63, 0x68, 0x00, 0x00, 0x00, 0x82, 0x00, 0x81, 0x77, 0xcd, 0x72, 0xb6, 0x00,
    0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

void write(const fs::path& path, const void* data, size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
}

const fs::path& datasetRoot() {
  static const fs::path root = [] {
    const fs::path r = fs::temp_directory_path() / ("headstart-fuzz-" + std::to_string(getpid()));
    for (const char* split : {"train", "test"}) {
      for (const char* name : {"cat", "dog", "0", "fish"}) {
        fs::create_directories(r / split / name);
        write(r / split / name / "a.png", kPng, sizeof kPng);
      }
    }
    std::atexit([] { fs::remove_all(datasetRoot()); });
    return r;
  }();
  return root;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto& root = datasetRoot();
  write(root / "train" / "format.json", data, size);
  write(root / "test" / "format.json", data, size);
  try {
    const auto report = headstart::scanDataset(root.string());
    (void)report.ok();
  } catch (const headstart::Error&) {
  }
  return 0;
}
