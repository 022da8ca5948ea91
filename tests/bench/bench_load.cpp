// Times each phase of a one-image prediction inside the process: where cold start goes.
//   build/tests/bench/bench_load WEIGHTS IMAGE

#include <torch/torch.h>

#include <chrono>
#include <cstdio>

#include "headstart/classifier.h"
#include "image/decode.h"
#include "image/preprocess.h"
#include "io/checkpoint.h"
#include "model/fused.h"
#include "model/spec.h"

using namespace headstart;

namespace {

class Stopwatch {
 public:
  void lap(const char* what) {
    const auto now = std::chrono::steady_clock::now();
    std::printf("%-22s %7.1f ms\n", what,
                std::chrono::duration<double, std::milli>(now - m_last).count());
    m_last = now;
  }

 private:
  std::chrono::steady_clock::time_point m_last = std::chrono::steady_clock::now();
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: bench_load WEIGHTS IMAGE\n");
    return 2;
  }
  Stopwatch watch;
  useAllCores();
  watch.lap("threads");
  auto state = io::readStateDict(argv[1]);
  watch.lap("read checkpoint");
  state = io::conformToSpec(std::move(state), model::resnetSpec(Arch::ResNet50, 1000), argv[1]);
  watch.lap("validate");
  const model::FusedResNet net(Arch::ResNet50, std::move(state));
  watch.lap("fold");
  const auto input = image::preprocess(image::decodeRgb(argv[2]), imagenetV2Preset());
  watch.lap("decode + preprocess");
  torch::InferenceMode guard;
  auto logits = net.logits(net.features(input.unsqueeze(0)));
  watch.lap("first forward");
  logits = net.logits(net.features(input.unsqueeze(0)));
  watch.lap("second forward");
  return 0;
}
