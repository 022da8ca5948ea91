#include "headstart/bench.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <future>

#include "features/calibration.h"
#include "headstart/classifier.h"
#include "headstart/error.h"
#include "image/preprocess.h"
#include "model/calibration.h"
#include "model/fused.h"
#include "single_threaded.h"

namespace headstart {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kWarmUpRuns = 2;  // the first builds the kernels, the second settles the caches
constexpr int kTopClasses = 5;  // what predict computes after the logits

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Int8 timing needs scales, not good ones: the bench's own images calibrate it when it has
// some, else a seeded random batch (speed does not depend on the scales).
model::QuantProvider benchCalibration(const BenchOptions& options, PrecisionChoice& choice) {
  const auto images = features::calibrationSubset(options.images);
  choice.calibration =
      images.empty() ? "a random batch" : std::to_string(images.size()) + " images";
  return [images, &options](const model::FoldedResNet& net) {
    model::RangeObserver observer(net);
    if (images.empty()) {
      torch::manual_seed(1);
      observer.observe(torch::randn({8, 3, 224, 224}));
    }
    for (auto& prepared : image::prepareImages(images, {}, options.preset))
      if (prepared.error.empty()) observer.observe(prepared.input.unsqueeze(0));
    if (observer.images() == 0)
      throw Error("cannot calibrate int8 precision: no image could be read");
    return observer.quantisation();
  };
}

std::unique_ptr<model::FusedResNet> buildNetwork(const BenchOptions& options,
                                                 PrecisionChoice& choice) {
  model::QuantProvider quant;
  if (choice.used == Precision::Int8) quant = benchCalibration(options, choice);
  if (!options.weightsPath.empty())
    return model::loadFusedResNet(options.arch, options.weightsPath, choice.used, quant);
  torch::manual_seed(0);
  model::ResNet random(options.arch, 1000);
  random->eval();
  return std::make_unique<model::FusedResNet>(*random, choice.used, quant);
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

std::vector<torch::Tensor> decodeBatch(const BenchOptions& options, size_t first, size_t& failed,
                                       double& seconds) {
  const auto start = Clock::now();
  const auto last = std::min(options.images.size(), first + size_t(std::max(1, options.batchSize)));
  const std::vector<std::string> paths(options.images.begin() + static_cast<std::ptrdiff_t>(first),
                                       options.images.begin() + static_cast<std::ptrdiff_t>(last));
  std::vector<torch::Tensor> inputs;
  for (auto& prepared : image::prepareImages(paths, {}, options.preset)) {
    if (prepared.error.empty()) {
      inputs.push_back(prepared.input);
    } else {
      ++failed;
    }
  }
  seconds += secondsSince(start);
  return inputs;
}

// As extraction runs: the next batch decodes on other threads while the network runs this one.
// The decoding time is also summed alone, to tell which of the two bounds the whole.
void timeEndToEnd(const model::FusedResNet& net, const BenchOptions& options, BenchResult& r) {
  const auto batch = static_cast<size_t>(std::max(1, options.batchSize));
  double decodeSeconds = 0;
  const auto start = Clock::now();
  auto next = std::async(std::launch::async, decodeBatch, std::cref(options), size_t(0),
                         std::ref(r.endToEndFailed), std::ref(decodeSeconds));
  for (size_t first = 0; first < options.images.size(); first += batch) {
    const auto inputs = next.get();
    if (first + batch < options.images.size())
      next = std::async(std::launch::async, decodeBatch, std::cref(options), first + batch,
                        std::ref(r.endToEndFailed), std::ref(decodeSeconds));
    if (!inputs.empty()) classify(net, torch::stack(inputs));
  }
  const double seconds = secondsSince(start);
  r.endToEndImages = options.images.size();
  r.endToEndMsPerImage = 1000 * seconds / static_cast<double>(r.endToEndImages);
  r.endToEndImagesPerSecond = static_cast<double>(r.endToEndImages) / seconds;
  r.decodeMsPerImage = 1000 * decodeSeconds / static_cast<double>(r.endToEndImages);
}

}  // namespace

BenchResult benchmark(const BenchOptions& options) {
  if (options.threads > 0) {
    setThreadCount(options.threads);
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
  const auto net = buildNetwork(options, r.precision);
  const double seconds = medianSecondsPerRun(*net, options, r.runs);
  r.msPerImage = 1000 * seconds / r.batchSize;
  r.imagesPerSecond = r.batchSize / seconds;
  if (!options.images.empty()) timeEndToEnd(*net, options, r);
  return r;
}

}  // namespace headstart
