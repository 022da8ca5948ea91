#include "headstart/lr_finder.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "headstart/classifier.h"
#include "headstart/error.h"
#include "median.h"
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

namespace {

// How far into the valley the suggestion lies, and where the valley begins and ends (fractions of
// the drop from the curve's high to its minimum). Half-way: further down, the rates train a
// little fast for a few epochs (on generated sets, 0.77 test accuracy at two-thirds against 0.93
// at half-way), as the range test's late losses are those of a head that has seen many batches.
constexpr double kIntoValley = 0.5;
constexpr double kValleyEdge = 0.1;
// A descent is clear when it is this many times the valley curve's noise and this part of the
// loss level: smaller ones are the batches' noise, or too slight to tell one rate from another.
constexpr double kDropOverNoise = 5;
constexpr double kDropOverLevel = 0.1;
// The valley curve averages this many points on either side of each.
constexpr size_t kHalfWindow = 5;

// The first points are left out of the valley: there the moving average the window draws has
// not settled (it weighs its first batches heavily), and a valley that starts there is the first
// batches' noise. The first tenth of the planned steps, as fastai's window leaves out too: with
// features of large magnitude the real descent comes early, and a longer skip would hide it.
size_t settledFrom(const LrFinderOptions& finder) {
  return static_cast<size_t>(std::max(1, finder.steps / 10));
}

// The batch losses averaged over a centred window: as smooth as needed, and without the lag of
// the moving average the curve shows (which trails the losses by tens of steps, and would put
// the valley a decade or more above the rates where the loss really falls).
std::vector<double> centredAverage(const std::vector<LrFinderPoint>& points, size_t last) {
  std::vector<double> curve(last);
  for (size_t i = 0; i < last; ++i) {
    const size_t from = i > kHalfWindow ? i - kHalfWindow : 0;
    const size_t to = std::min(last, i + kHalfWindow + 1);
    double sum = 0;
    for (size_t j = from; j < to; ++j) sum += points[j].loss;
    curve[i] = sum / double(to - from);
  }
  return curve;
}

// The valley curve's scatter from the batches' own: the losses' noise, estimated robustly from
// successive differences (which cancel the trend), damped by the window's average.
double curveNoise(const std::vector<LrFinderPoint>& points, size_t first, size_t last) {
  std::vector<double> steps;
  for (size_t i = first; i + 1 < last; ++i)
    steps.push_back(std::abs(points[i + 1].loss - points[i].loss));
  const double raw = median(std::move(steps)) / (0.6745 * std::sqrt(2.0));
  return raw / std::sqrt(double(2 * kHalfWindow + 1));
}

}  // namespace

void suggestLearningRate(LrFinderResult& result, const LrFinderOptions& finder) {
  const auto& all = result.points;
  result.suggestion.reset();
  size_t first = settledFrom(finder), last = 0;
  while (last < all.size() && std::isfinite(all[last].loss) &&
         std::isfinite(all[last].smoothedLoss))
    ++last;
  const auto curve = centredAverage(all, last);
  for (size_t i = 0; i < last; ++i) result.points[i].centredLoss = curve[i];
  if (last < first + 3) {  // too short a settled curve: no valley, the lowest point only
    if (last > 0)
      result.minimumLr =
          all[size_t(std::min_element(curve.begin(), curve.end()) - curve.begin())].learningRate;
    return;
  }
  size_t lowest = first;
  for (size_t i = first; i < last; ++i)
    if (curve[i] < curve[lowest]) lowest = i;
  size_t highest = first;
  for (size_t i = first; i <= lowest; ++i)
    if (curve[i] > curve[highest]) highest = i;
  result.minimumLr = all[lowest].learningRate;
  result.drop = curve[highest] - curve[lowest];
  result.noise = curveNoise(all, first, last);
  if (result.drop < kDropOverNoise * result.noise ||
      result.drop < kDropOverLevel * std::abs(curve[highest]))
    return;
  size_t start = highest;
  for (size_t i = highest; i <= lowest; ++i)
    if (curve[i] >= curve[lowest] + (1 - kValleyEdge) * result.drop) start = i;
  size_t end = start;
  while (end < lowest && curve[end] > curve[lowest] + kValleyEdge * result.drop) ++end;
  const auto inside = start + static_cast<size_t>(std::lround(kIntoValley * double(end - start)));
  result.valleyStartLr = all[start].learningRate;
  result.valleyEndLr = all[end].learningRate;
  result.suggestion = all[inside].learningRate;
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
  suggestLearningRate(result, finder);
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
