#include "headstart/bench.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>

#include "headstart/classifier.h"
#include "image/preprocess.h"
#include "model/fused.h"

namespace headstart {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kWarmUpRuns = 2;  // the first builds the kernels, the second settles the caches
constexpr int kTopClasses = 5;  // what predict computes after the logits

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::unique_ptr<model::FusedResNet> buildNetwork(const BenchOptions& options, Precision used) {
  if (!options.weightsPath.empty())
    return model::loadFusedResNet(options.arch, options.weightsPath, used);
  torch::manual_seed(0);
  model::ResNet random(options.arch, 1000);
  random->eval();
  return std::make_unique<model::FusedResNet>(*random, used);
}

// What predict does after the backbone: logits, probabilities, the top classes.
void classify(const model::FusedResNet& net, const torch::Tensor& batch) {
  const auto probs = torch::softmax(net.logits(net.features(batch)), 1);
  const auto top = probs.topk(std::min<int64_t>(kTopClasses, probs.size(1)), 1);
  (void)std::get<0>(top).sum().item<float>();
}

double medianSecondsPerRun(const model::FusedResNet& net, const BenchOptions& options, int& runs) {
  const auto batch = torch::randn({std::max(1, options.batchSize), 3, 224, 224});
  for (int i = 0; i < kWarmUpRuns; ++i) classify(net, batch);
  std::vector<double> times;
  const auto start = Clock::now();
  while (static_cast<int>(times.size()) < options.minRuns ||
         secondsSince(start) < options.minSeconds) {
    const auto t = Clock::now();
    classify(net, batch);
    times.push_back(secondsSince(t));
  }
  runs = static_cast<int>(times.size());
  std::nth_element(times.begin(), times.begin() + runs / 2, times.end());
  return times[static_cast<size_t>(runs / 2)];
}

void timeEndToEnd(const model::FusedResNet& net, const BenchOptions& options, BenchResult& r) {
  const auto batch = static_cast<size_t>(std::max(1, options.batchSize));
  const auto start = Clock::now();
  for (size_t first = 0; first < options.images.size(); first += batch) {
    const auto last = std::min(options.images.size(), first + batch);
    const std::vector<std::string> paths(
        options.images.begin() + static_cast<std::ptrdiff_t>(first),
        options.images.begin() + static_cast<std::ptrdiff_t>(last));
    std::vector<torch::Tensor> inputs;
    for (auto& prepared : image::prepareImages(paths, {}, options.preset)) {
      if (prepared.error.empty()) {
        inputs.push_back(prepared.input);
      } else {
        ++r.endToEndFailed;
      }
    }
    if (!inputs.empty()) classify(net, torch::stack(inputs));
  }
  const double seconds = secondsSince(start);
  r.endToEndImages = options.images.size();
  r.endToEndMsPerImage = 1000 * seconds / static_cast<double>(r.endToEndImages);
  r.endToEndImagesPerSecond = static_cast<double>(r.endToEndImages) / seconds;
}

}  // namespace

BenchResult benchmark(const BenchOptions& options) {
  if (options.threads > 0) {
    torch::set_num_threads(options.threads);
  } else {
    useAllCores();
  }
  BenchResult r;
  r.arch = options.arch;
  r.precision = choosePrecision(options.precision);
  r.batchSize = std::max(1, options.batchSize);
  r.threads = torch::get_num_threads();
  r.randomWeights = options.weightsPath.empty();
  torch::InferenceMode inference;
  const auto net = buildNetwork(options, r.precision.used);
  const double seconds = medianSecondsPerRun(*net, options, r.runs);
  r.msPerImage = 1000 * seconds / r.batchSize;
  r.imagesPerSecond = r.batchSize / seconds;
  if (!options.images.empty()) timeEndToEnd(*net, options, r);
  return r;
}

}  // namespace headstart
