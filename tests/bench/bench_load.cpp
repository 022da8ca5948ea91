// Times each phase of a one-image prediction inside the process: where cold start goes. Wall
// time, the process's CPU time, which a busy machine disturbs less, and its page faults.
//   build/tests/bench/bench_load WEIGHTS IMAGE [THREADS]
// With HEADSTART_PACKED_CACHE=DIR, the network comes from (or, the first time, goes into) the
// packed networks under DIR, as a prediction's does.

#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include <sys/resource.h>

#include "headstart/classifier.h"
#include "image/decode.h"
#include "image/preprocess.h"
#include "io/checkpoint.h"
#include "model/fused.h"
#include "model/packed_cache.h"
#include "model/spec.h"

using namespace headstart;

namespace {

long minorFaults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

double cpuMs() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

class Stopwatch {
 public:
  void lap(const char* what) {
    const auto now = std::chrono::steady_clock::now();
    const double cpu = cpuMs();
    const long faults = minorFaults();
    std::printf("%-22s %7.1f ms wall %7.1f ms cpu %6ld page faults\n", what,
                std::chrono::duration<double, std::milli>(now - m_last).count(), cpu - m_cpu,
                faults - m_faults);
    m_last = now;
    m_cpu = cpu;
    m_faults = faults;
  }

 private:
  std::chrono::steady_clock::time_point m_last = std::chrono::steady_clock::now();
  double m_cpu = cpuMs();
  long m_faults = minorFaults();
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::fprintf(stderr, "usage: bench_load WEIGHTS IMAGE [THREADS]\n");
    return 2;
  }
  if (argc != 4) useAllCoresFromStart();  // as headstart-cli does
  Stopwatch watch;
  if (argc == 4)
    torch::set_num_threads(std::atoi(argv[3]));
  else
    useAllCores();
  watch.lap("threads");
  std::unique_ptr<model::FusedResNet> loaded;
  if (const char* packed = std::getenv("HEADSTART_PACKED_CACHE")) {
    loaded = model::loadPackedOrFused(Arch::ResNet50, argv[1], Precision::Exact, packed);
    watch.lap("packed network");
  } else {
    auto state = io::readStateDict(argv[1]);
    watch.lap("read checkpoint");
    state = io::conformToSpec(std::move(state), model::resnetSpec(Arch::ResNet50, 1000), argv[1]);
    watch.lap("validate");
    loaded = std::make_unique<model::FusedResNet>(Arch::ResNet50, std::move(state));
    watch.lap("fold");
  }
  const auto& net = *loaded;
  const auto input = image::preprocess(image::decodeRgb(argv[2]), imagenetV2Preset());
  watch.lap("decode + preprocess");
  (void)image::preprocess(image::decodeRgb(argv[2]), imagenetV2Preset());
  watch.lap("the same, again");
  torch::InferenceMode guard;
  auto logits = net.logits(net.features(input.unsqueeze(0)));
  watch.lap("first forward");
  logits = net.logits(net.features(input.unsqueeze(0)));
  watch.lap("second forward");
  return 0;
}
