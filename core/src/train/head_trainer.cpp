#include "train/head_trainer.h"

#include <cmath>
#include <map>
#include <random>

#include "train/schedule.h"

namespace headstart::training {
namespace {

double lossOf(const LinearHead& head, const LabelledFeatures& data) {
  torch::NoGradGuard noGrad;
  return torch::cross_entropy_loss(torch::linear(data.x, head.weight, head.bias), data.y)
      .item<double>();
}

double accuracyOf(const LinearHead& head, const LabelledFeatures& data) {
  torch::NoGradGuard noGrad;
  const auto predicted = torch::linear(data.x, head.weight, head.bias).argmax(1);
  return predicted.eq(data.y).to(torch::kFloat64).mean().item<double>();
}

LabelledFeatures select(const LabelledFeatures& all, const std::vector<int64_t>& rows) {
  const auto index = torch::tensor(rows, torch::kInt64);
  LabelledFeatures out{all.x.index_select(0, index), all.y.index_select(0, index), {}, {}};
  for (auto r : rows) out.paths.push_back(all.paths[static_cast<size_t>(r)]);
  for (const auto& view : all.views) out.views.push_back(view.index_select(0, index));
  return out;
}

void setLearningRate(torch::optim::Adam& adam, double lr) {
  static_cast<torch::optim::AdamOptions&>(adam.param_groups().front().options()).lr(lr);
}

// One epoch's inputs: row i is image i in the rendering `picks` names for it. `pool` stacks the
// centre crops and then each view's rows.
torch::Tensor drawViews(const torch::Tensor& pool, std::vector<int64_t> picks) {
  const auto count = int64_t(picks.size());
  for (int64_t i = 0; i < count; ++i) picks[size_t(i)] = picks[size_t(i)] * count + i;
  return pool.index_select(0, torch::tensor(picks, torch::kInt64));
}

Evaluation summarise(const torch::Tensor& probs, double loss, const LabelledFeatures& data,
                     const std::vector<std::string>& classes);

}  // namespace

torch::Tensor TrainingLoss::operator()(const torch::Tensor& logits,
                                       const torch::Tensor& labels) const {
  const auto weights =
      classWeights.defined() ? c10::optional<torch::Tensor>(classWeights) : c10::nullopt;
  return torch::cross_entropy_loss(logits, labels, weights, at::Reduction::Mean, -100,
                                   labelSmoothing);
}

TrainingLoss trainingLossFor(const TrainOptions& options, const torch::Tensor& labels,
                             int64_t classes) {
  TrainingLoss loss;
  loss.labelSmoothing = options.labelSmoothing;
  if (!options.balance) return loss;
  const auto counts = torch::bincount(labels, {}, classes).to(torch::kFloat64);
  const auto weights =
      static_cast<double>(labels.size(0)) / (static_cast<double>(classes) * counts);
  loss.classWeights =
      torch::where(counts > 0, weights, torch::zeros_like(weights)).to(torch::kFloat32);
  return loss;
}

std::vector<int64_t> epochOrder(int64_t count, std::mt19937_64& random) {
  std::vector<int64_t> order(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) order[static_cast<size_t>(i)] = i;
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random() % i]);
  return order;
}

std::vector<int64_t> epochViews(int64_t count, int views, std::mt19937_64& random) {
  std::vector<int64_t> picks(static_cast<size_t>(count));
  const auto choices = static_cast<uint64_t>(views) + 1;
  for (auto& pick : picks) pick = static_cast<int64_t>(random() % choices);
  return picks;
}

LinearHead initialHead(int64_t classes, int64_t dim, uint64_t seed) {
  torch::manual_seed(seed);
  torch::nn::Linear linear(dim, classes);
  return {linear->weight.detach().clone(), linear->bias.detach().clone()};
}

std::pair<LabelledFeatures, LabelledFeatures> holdOut(const LabelledFeatures& all, double fraction,
                                                      uint64_t seed) {
  std::map<int64_t, std::vector<int64_t>> byClass;
  const auto labels = all.y.contiguous();
  for (int64_t i = 0; i < labels.size(0); ++i) byClass[labels[i].item<int64_t>()].push_back(i);
  std::mt19937_64 random(seed ^ 0x5eedull);
  std::vector<int64_t> kept, held;
  for (auto& [label, rows] : byClass) {
    for (size_t i = rows.size(); i > 1; --i) std::swap(rows[i - 1], rows[random() % i]);
    size_t n = static_cast<size_t>(std::lround(rows.size() * fraction));
    if (rows.size() >= 2) n = std::clamp<size_t>(n, 1, rows.size() - 1);
    held.insert(held.end(), rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(n));
    kept.insert(kept.end(), rows.begin() + static_cast<std::ptrdiff_t>(n), rows.end());
  }
  std::sort(kept.begin(), kept.end());
  std::sort(held.begin(), held.end());
  return {select(all, kept), select(all, held)};
}

TrainedHead trainHead(LinearHead start, const LabelledFeatures& train,
                      const LabelledFeatures* validation, const TrainOptions& options,
                      const TrainingCallbacks& callbacks, const std::atomic_bool* cancel) {
  auto weight = start.weight.clone().requires_grad_(true);
  auto bias = start.bias.clone().requires_grad_(true);
  torch::optim::Adam adam(
      {weight, bias},
      torch::optim::AdamOptions(options.learningRate).weight_decay(options.weightDecay));
  std::mt19937_64 random(options.seed);
  const int64_t n = train.x.size(0);
  const int64_t batch = std::max(1, options.batchSize);
  const int steps = static_cast<int>((n + batch - 1) / batch);
  const auto lossOfBatch = trainingLossFor(options, train.y, start.weight.size(0));
  const auto schedule = scheduleFor(options, steps);
  const int64_t totalSteps = int64_t{options.epochs} * steps;
  const int views = static_cast<int>(train.views.size());
  std::vector<torch::Tensor> renderings{train.x};
  renderings.insert(renderings.end(), train.views.begin(), train.views.end());
  const auto pool = views > 0 ? torch::cat(renderings) : train.x;
  ViewDraw viewDraw(options.seed, views);

  TrainedHead result;
  result.head = start.clone();
  double bestLoss = INFINITY;
  int worse = 0;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    const auto order = torch::tensor(epochOrder(n, random), torch::kInt64);
    const auto x = views > 0 ? drawViews(pool, viewDraw.next(n)) : train.x;
    double lossMean = 0;
    for (int step = 1; step <= steps; ++step) {
      if (cancel && cancel->load()) throw OperationCancelled();
      const auto rows = order.slice(0, (step - 1) * batch, std::min<int64_t>(n, step * batch));
      const double lr = learningRateAt(schedule, int64_t{epoch - 1} * steps + step - 1, totalSteps,
                                       options.learningRate);
      setLearningRate(adam, lr);
      const auto loss = lossOfBatch(torch::linear(x.index_select(0, rows), weight, bias),
                                    train.y.index_select(0, rows));
      adam.zero_grad();
      loss.backward();
      adam.step();
      const double value = loss.item<double>();
      lossMean = value / step + (1.0 - 1.0 / step) * lossMean;  // the notebook's running mean
      if (callbacks.batch)
        callbacks.batch({epoch, options.epochs, step, steps, value, lossMean, lr});
    }
    EpochResult summary{epoch, lossMean, std::nullopt, std::nullopt};
    const LinearHead current{weight.detach().clone(), bias.detach().clone()};
    if (validation && validation->x.size(0) > 0) {
      summary.validationLoss = lossOf(current, *validation);
      summary.validationAccuracy = accuracyOf(current, *validation);
    }
    result.history.push_back(summary);
    if (callbacks.epoch) callbacks.epoch(summary);
    const double score = summary.validationLoss.value_or(-epoch);  // no validation: the last wins
    if (score < bestLoss) {
      bestLoss = score;
      result.head = current;
      result.bestEpoch = epoch;
      worse = 0;
    } else if (options.patience > 0 && ++worse >= options.patience) {
      break;
    }
  }
  return result;
}

Evaluation evaluateHead(const LinearHead& head, const LabelledFeatures& data,
                        const std::vector<std::string>& classes) {
  torch::NoGradGuard noGrad;
  if (data.x.size(0) == 0) return summarise({}, 0, data, classes);
  const auto logits = torch::linear(data.x, head.weight, head.bias);
  const double loss = torch::cross_entropy_loss(logits, data.y).item<double>();
  return summarise(torch::softmax(logits, 1), loss, data, classes);
}

Evaluation evaluateHeadWithFlip(const LinearHead& head, const LabelledFeatures& data,
                                const torch::Tensor& flipped,
                                const std::vector<std::string>& classes) {
  torch::NoGradGuard noGrad;
  if (data.x.size(0) == 0) return summarise({}, 0, data, classes);
  const auto probs = (torch::softmax(torch::linear(data.x, head.weight, head.bias), 1) +
                      torch::softmax(torch::linear(flipped, head.weight, head.bias), 1)) /
                     2;
  const double loss = torch::nll_loss(probs.log(), data.y).item<double>();
  return summarise(probs, loss, data, classes);
}

namespace {

// The metrics of predicted probabilities [N, classes] against data.y.
Evaluation summarise(const torch::Tensor& probs, double loss, const LabelledFeatures& data,
                     const std::vector<std::string>& classes) {
  Evaluation e;
  e.classes = classes;
  const auto c = static_cast<int64_t>(classes.size());
  e.count = static_cast<size_t>(data.x.size(0));
  e.confusion.assign(static_cast<size_t>(c), std::vector<int64_t>(static_cast<size_t>(c), 0));
  if (e.count == 0) return e;
  e.loss = loss;
  const auto [confidence, predicted] = probs.max(1);
  const auto top = std::get<1>(probs.topk(std::min<int64_t>(5, c), 1));
  e.top5Accuracy = top.eq(data.y.unsqueeze(1)).any(1).to(torch::kFloat64).mean().item<double>();
  size_t correct = 0;
  for (int64_t i = 0; i < data.x.size(0); ++i) {
    const auto truth = data.y[i].item<int64_t>();
    const auto guess = predicted[i].item<int64_t>();
    e.confusion[static_cast<size_t>(truth)][static_cast<size_t>(guess)]++;
    if (truth == guess) {
      ++correct;
      e.correct.push_back({data.paths[static_cast<size_t>(i)], static_cast<int>(truth),
                           static_cast<int>(guess), confidence[i].item<float>()});
    } else {
      e.mistakes.push_back({data.paths[static_cast<size_t>(i)], static_cast<int>(truth),
                            static_cast<int>(guess), confidence[i].item<float>()});
    }
  }
  e.accuracy = static_cast<double>(correct) / static_cast<double>(e.count);
  for (int64_t k = 0; k < c; ++k) {
    int64_t truePositive = e.confusion[size_t(k)][size_t(k)], predictedK = 0, actualK = 0;
    for (int64_t j = 0; j < c; ++j) {
      predictedK += e.confusion[size_t(j)][size_t(k)];
      actualK += e.confusion[size_t(k)][size_t(j)];
    }
    ClassMetrics m{classes[size_t(k)], 0, 0, 0, static_cast<size_t>(actualK)};
    if (predictedK > 0) m.precision = double(truePositive) / double(predictedK);
    if (actualK > 0) m.recall = double(truePositive) / double(actualK);
    if (m.precision + m.recall > 0) m.f1 = 2 * m.precision * m.recall / (m.precision + m.recall);
    e.perClass.push_back(m);
  }
  return e;
}

}  // namespace

}  // namespace headstart::training
