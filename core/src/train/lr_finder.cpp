#include "headstart/lr_finder.h"

#include <chrono>
#include <cmath>

#include "headstart/classifier.h"
#include "headstart/error.h"
#include "single_threaded.h"
#include "train/lr_range_test.h"
#include "train/session.h"

namespace headstart {
namespace training {
namespace {

// Mini-batches in trainHead's order, epoch after epoch, for as many steps as asked.
class BatchStream {
 public:
  BatchStream(int64_t count, int batchSize, uint64_t seed)
      : m_count(count), m_batch(std::max(1, batchSize)), m_random(seed) {}

  torch::Tensor next() {
    if (m_position >= m_count) {
      m_order = torch::tensor(epochOrder(m_count, m_random), torch::kInt64);
      m_position = 0;
    }
    const auto rows = m_order.slice(0, m_position, std::min(m_count, m_position + m_batch));
    m_position += m_batch;
    return rows;
  }

 private:
  int64_t m_count;
  int64_t m_batch;
  std::mt19937_64 m_random;
  torch::Tensor m_order;
  int64_t m_position = INT64_MAX;
};

double rateOfStep(const LrFinderOptions& finder, int step) {
  if (finder.steps < 2) return finder.startLr;
  const double fraction = static_cast<double>(step) / static_cast<double>(finder.steps - 1);
  return finder.startLr * std::pow(finder.endLr / finder.startLr, fraction);
}

}  // namespace

void suggestLearningRate(LrFinderResult& result, int plannedSteps) {
  // fastai's window: its first tenth is mostly the moving average warming up, its last few
  // points the divergence.
  constexpr size_t kSkipEnd = 5;
  const auto& all = result.points;
  size_t first = static_cast<size_t>(std::max(0, plannedSteps / 10));
  size_t last = all.size() > kSkipEnd ? all.size() - kSkipEnd : 0;  // exclusive
  for (size_t i = first; i < last; ++i)
    if (!std::isfinite(all[i].smoothedLoss)) last = i;
  if (last < first + 2) first = 0, last = all.size();
  if (last == 0) return;
  size_t lowest = first, steepest = first;
  double steepestSlope = INFINITY;
  for (size_t i = first; i < last; ++i) {
    if (all[i].smoothedLoss < all[lowest].smoothedLoss) lowest = i;
    if (i + 1 == last) break;
    const double slope = (all[i + 1].smoothedLoss - all[i].smoothedLoss) /
                         (std::log(all[i + 1].learningRate) - std::log(all[i].learningRate));
    if (slope < steepestSlope) steepestSlope = slope, steepest = i;
  }
  result.minimumLr = all[lowest].learningRate;
  result.suggestion = all[steepest].learningRate;
}

LrFinderResult lrRangeTest(const LinearHead& start, const LabelledFeatures& train,
                           const TrainOptions& options, const LrFinderOptions& finder,
                           const TrainingCallbacks& callbacks, const std::atomic_bool* cancel) {
  auto weight = start.weight.clone().requires_grad_(true);
  auto bias = start.bias.clone().requires_grad_(true);
  torch::optim::Adam adam(
      {weight, bias}, torch::optim::AdamOptions(finder.startLr).weight_decay(options.weightDecay));
  auto& adamOptions = static_cast<torch::optim::AdamOptions&>(adam.param_groups()[0].options());
  const auto lossOfBatch = trainingLossFor(options, train.y, start.weight.size(0));
  BatchStream batches(train.x.size(0), options.batchSize, options.seed);

  LrFinderResult result;
  double average = 0, best = INFINITY;
  for (int step = 0; step < finder.steps; ++step) {
    if (cancel && cancel->load()) throw OperationCancelled();
    const double lr = rateOfStep(finder, step);
    adamOptions.lr(lr);
    const auto rows = batches.next();
    const auto loss = lossOfBatch(torch::linear(train.x.index_select(0, rows), weight, bias),
                                  train.y.index_select(0, rows));
    adam.zero_grad();
    loss.backward();
    adam.step();
    const double value = loss.item<double>();
    average = finder.smoothing * average + (1 - finder.smoothing) * value;
    const double smoothed = average / (1 - std::pow(finder.smoothing, step + 1));
    result.points.push_back({lr, value, smoothed});
    if (callbacks.batch) callbacks.batch({1, 1, step + 1, finder.steps, value, smoothed, lr});
    best = std::min(best, smoothed);
    if (!std::isfinite(smoothed) || (step > 0 && smoothed > finder.stopFactor * best)) {
      result.diverged = true;
      break;
    }
  }
  suggestLearningRate(result, finder.steps);
  return result;
}

}  // namespace training

LrFinderResult findLearningRate(const DatasetReport& dataset, const TrainOptions& options,
                                const LrFinderOptions& finder, const TrainingCallbacks& callbacks,
                                const std::atomic_bool* cancel) {
  if (!dataset.ok()) throw Error(dataset.root + ": " + dataset.errors.front());
  if (!(finder.startLr > 0 && finder.endLr > finder.startLr) || finder.steps < 2)
    throw Error("the learning-rate range must rise from above 0 over at least 2 steps");
  const auto started = std::chrono::steady_clock::now();
  useAllCores();
  training::Session session(options, dataset);
  auto features = session.extract(dataset.train, callbacks, cancel);
  LrFinderResult result;
  result.extracted = features.extracted;
  result.fromCache = features.fromCache;
  auto trainSet = training::labelled(std::move(features));
  if (trainSet.x.size(0) == 0) throw Error(dataset.root + ": no training image could be read");

  const SingleThreaded smallWork;
  const auto head = training::startingHeadFor(session, dataset, options);
  if (options.validationFraction > 0)
    trainSet = training::holdOut(trainSet, options.validationFraction, options.seed).first;
  auto test = training::lrRangeTest(head, trainSet, options, finder, callbacks, cancel);
  test.extracted = result.extracted;
  test.fromCache = result.fromCache;
  test.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return test;
}

}  // namespace headstart
