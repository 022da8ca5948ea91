// Any bytes as a checkpoint: read as the app reads a downloaded .pth or a saved head, then
// checked against a head's shapes as loading a head does.

#include <cstddef>
#include <cstdint>

#include "headstart/error.h"
#include "io/checkpoint.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace headstart;
  try {
    auto state = io::readStateDictFromBytes({reinterpret_cast<const char*>(data), size}, "fuzz.pt");
    io::conformToSpec(std::move(state), {{"weight", {2, 4}, true}, {"bias", {2}, true}}, "fuzz.pt");
  } catch (const Error&) {
    // A clear refusal is the expected outcome for almost every input.
  }
  return 0;
}
