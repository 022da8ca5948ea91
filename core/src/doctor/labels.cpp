// Likely wrong labels, confident-learning style: every training image is judged by a head that
// never saw it (k-fold cross-validation on the cached features) together with the labels of its
// nearest training neighbours; test images by a head trained on all of train. An image is
// suspect when its given class gets less than that class's average self-confidence while
// another class gets at least its own average.

#include <algorithm>
#include <cmath>
#include <random>

#include "doctor/analysis.h"
#include "single_threaded.h"

namespace headstart::doctor {
namespace {

// The head sees the leading principal components, all scaled by one factor (to unit variance on
// average): a few dozen directions hold what separates classes, and fewer inputs keep a small
// dataset from being memorised fold by fold. Whitening each component instead, or a weaker
// penalty, ranked planted wrong labels lower (tests/bench/README.md, the doctor's thresholds).
constexpr int64_t kHeadInputs = 64;
// Full-batch Adam on softmax regression with an L2 penalty: 60 steps at 0.1 ranked the planted
// wrong labels as 200 at 0.05 did.
constexpr int kHeadSteps = 60;
constexpr double kHeadLearningRate = 0.1;
constexpr double kHeadPenalty = 1.0;
// The neighbours' vote is smoothed so that a class no neighbour has keeps a small probability.
constexpr double kVoteSmoothing = 0.5;

torch::Tensor headInputs(const Space& space) {
  const int64_t k = std::min(kHeadInputs, space.projected.size(1));
  const double scale =
      std::sqrt(std::max(1e-12, space.variance.slice(0, 0, k).mean().item<double>()));
  return space.projected.slice(1, 0, k) / scale;
}

// Stratified folds: each class's rows shuffled with the seed and dealt round-robin.
std::vector<int> foldsOf(const std::vector<int64_t>& labels, size_t count, int folds,
                         uint64_t seed) {
  std::vector<int> fold(count);
  std::mt19937_64 random(seed ^ 0xf01dull);
  std::vector<std::vector<size_t>> byClass;
  for (size_t i = 0; i < count; ++i) {
    const auto c = static_cast<size_t>(labels[i]);
    if (byClass.size() <= c) byClass.resize(c + 1);
    byClass[c].push_back(i);
  }
  int next = 0;
  for (auto& rows : byClass) {
    for (size_t i = rows.size(); i > 1; --i) std::swap(rows[i - 1], rows[random() % i]);
    for (size_t r : rows) fold[r] = next++ % folds;
  }
  return fold;
}

// Which rows each round fits: round f < folds the training rows outside fold f, the last round
// all of train (for the test rows). [rounds, N], 1 where fitted.
torch::Tensor fitMask(const Samples& s, const std::vector<int>& fold, int folds) {
  auto mask = torch::zeros({folds + 1, int64_t(s.size())});
  auto m = mask.accessor<float, 2>();
  for (size_t i = 0; i < s.trainCount; ++i)
    for (int f = 0; f <= folds; ++f) m[f][int64_t(i)] = (f == folds || fold[i] != f) ? 1.f : 0.f;
  return mask;
}

// Out-of-fold probabilities for train rows, all-of-train probabilities for test rows. All rounds
// train at once, as one batch of independent softmax regressions: one pass of small operations
// per step instead of one per round.
torch::Tensor headProbabilities(const Samples& s, const torch::Tensor& x, int folds, uint64_t seed,
                                const Stage& stage) {
  const SingleThreaded oneThread;
  const auto n = static_cast<int64_t>(s.size());
  const auto fold = foldsOf(s.labels, s.trainCount, folds, seed);
  const auto mask = fitMask(s, fold, folds);
  const auto fitted = mask.sum(1);
  const auto target =
      torch::tensor(s.labels, torch::kInt64).view({1, n, 1}).expand({folds + 1, n, 1});
  // Every round's rows side by side in one matrix: one product computes all rounds' logits.
  const int64_t rounds = folds + 1;
  auto weight = torch::zeros({rounds * s.classes, x.size(1)}, torch::requires_grad());
  auto bias = torch::zeros({rounds * s.classes}, torch::requires_grad());
  torch::optim::Adam adam({weight, bias}, torch::optim::AdamOptions(kHeadLearningRate));
  const auto logitsOf = [&] {  // [rounds, N, classes]
    return torch::addmm(bias, x, weight.t()).view({n, rounds, s.classes}).transpose(0, 1);
  };
  for (int step = 0; step < kHeadSteps; ++step) {
    if (step % 10 == 0) stage.report("labels", size_t(step), size_t(kHeadSteps));
    const auto nll = -torch::log_softmax(logitsOf(), 2).gather(2, target).squeeze(2);
    const auto perRound = (nll * mask).sum(1) / fitted +
                          kHeadPenalty * weight.view({rounds, -1}).square().sum(1) / fitted;
    adam.zero_grad();
    perRound.sum().backward();
    adam.step();
  }
  torch::NoGradGuard noGrad;
  std::vector<int64_t> round(size_t(n), folds);
  for (size_t i = 0; i < s.trainCount; ++i) round[i] = fold[i];
  const auto all = torch::softmax(logitsOf(), 2);
  return all.index({torch::tensor(round, torch::kInt64), torch::arange(n)});
}

// The similarity-weighted vote of each row's nearest training images.
torch::Tensor neighbourVote(const Samples& s, const Neighbours& neighbours) {
  const auto y = torch::tensor(s.labels, torch::kInt64).slice(0, 0, int64_t(s.trainCount));
  const int64_t n = neighbours.index.size(0);
  auto votes = torch::full({n, s.classes}, kVoteSmoothing / double(s.classes));
  if (neighbours.index.size(1) == 0) return votes / votes.sum(1, true);
  const auto labels = y.index({neighbours.index.reshape(-1)}).view_as(neighbours.index);
  votes.scatter_add_(1, labels, neighbours.similarity.clamp_min(0));
  return votes / votes.sum(1, true);
}

LabelFinding findingOf(const Samples& s, size_t row, int64_t suggested, const float* p) {
  LabelFinding f;
  f.path = s.paths[row];
  f.split = s.split(row);
  f.labelled = static_cast<int>(s.labels[row]);
  f.suggested = static_cast<int>(suggested);
  f.labelledProbability = p[s.labels[row]];
  f.suggestedProbability = p[suggested];
  f.confidence = std::clamp(1.0 - f.labelledProbability, 0.0, 1.0);
  return f;
}

}  // namespace

std::vector<LabelFinding> findWrongLabels(const Samples& s, const Space& space,
                                          const Neighbours& neighbours,
                                          const DoctorOptions& options, const Stage& stage) {
  if (s.trainCount < 2 || s.classes < 2) return {};
  const int folds = std::clamp(options.folds, 2, static_cast<int>(s.trainCount));
  const auto head = headProbabilities(s, headInputs(space), folds, options.seed, stage);
  const auto p = ((head + neighbourVote(s, neighbours)) / 2).contiguous();
  // Per-class thresholds: the average probability training images get for their own class.
  std::vector<double> threshold(size_t(s.classes), 1.0);
  const auto* probability = p.data_ptr<float>();
  std::vector<double> sum(size_t(s.classes), 0);
  std::vector<size_t> count(size_t(s.classes), 0);
  for (size_t i = 0; i < s.trainCount; ++i) {
    const auto c = size_t(s.labels[i]);
    sum[c] += probability[i * size_t(s.classes) + c];
    ++count[c];
  }
  for (size_t c = 0; c < threshold.size(); ++c)
    if (count[c] > 0) threshold[c] = sum[c] / double(count[c]);

  std::vector<LabelFinding> found;
  for (size_t i = 0; i < s.size(); ++i) {
    if (isBlank(s, i, Thresholds())) continue;  // an outlier, of no class
    const float* row = probability + i * size_t(s.classes);
    int64_t best = -1;
    for (int64_t c = 0; c < s.classes; ++c)
      if (row[c] >= threshold[size_t(c)] && (best < 0 || row[c] > row[best])) best = c;
    if (best >= 0 && best != s.labels[i]) found.push_back(findingOf(s, i, best, row));
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.confidence > b.confidence; });
  if (found.size() > options.maxFindings) found.resize(options.maxFindings);
  return found;
}

}  // namespace headstart::doctor
