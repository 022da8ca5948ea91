#include "train/stage_trainer.h"

#include <ATen/autocast_mode.h>

#include <cmath>

#include "headstart/error.h"
#include "io/checkpoint.h"
#include "model/resnet.h"
#include "single_threaded.h"

namespace headstart::training {
namespace {

const std::string kPrefix = "layer4.";

// CPU autocast to bfloat16 for one scope; its cache of cast weights is cleared on leaving, as
// the weights change between steps.
class Bf16Autocast {
 public:
  Bf16Autocast()
      : m_enabled(at::autocast::is_cpu_enabled()), m_type(at::autocast::get_autocast_cpu_dtype()) {
    at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
    at::autocast::set_cpu_enabled(true);
  }
  ~Bf16Autocast() {
    at::autocast::set_cpu_enabled(m_enabled);
    at::autocast::set_autocast_cpu_dtype(m_type);
    at::autocast::clear_cache();
  }
  Bf16Autocast(const Bf16Autocast&) = delete;
  Bf16Autocast& operator=(const Bf16Autocast&) = delete;

 private:
  bool m_enabled;
  at::ScalarType m_type;
};

// layer4's pooled float output; the maps go in channels-last, the layout oneDNN's kernels read
// (in NCHW every convolution reorders its input and output), in the maps' precision.
torch::Tensor pooled(torch::nn::Sequential& layer4, const torch::Tensor& maps,
                     Precision precision) {
  const auto input = maps.contiguous(torch::MemoryFormat::ChannelsLast);
  const auto pool = [](const torch::Tensor& x) {
    return torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1).to(torch::kFloat32);
  };
  if (precision != Precision::Fast) return pool(layer4->forward(input));
  const Bf16Autocast bf16;
  return pool(layer4->forward(input));
}

LabelledFeatures featuresOf(torch::nn::Sequential& layer4, const LabelledMaps& data, int batch,
                            const std::atomic_bool* cancel) {
  LabelledFeatures out{stageFeatures(layer4, data, batch, cancel), data.y, data.paths, {}};
  for (size_t v = 1; v <= data.views.size(); ++v)
    out.views.push_back(stageFeatures(layer4, data, batch, cancel, int(v)));
  return out;
}

// Head-only epochs on the frozen layer4's pooled features: one forward pass over the maps, then
// the head trainer, exactly as training the last layer alone would. That includes the views: a
// warm-up on centre crops alone would hand the stage epochs a head fitted to the one rendering
// augmentation is there to vary, and would make a warm-up differ from `--augment` head training.
// Their cost is one forward pass of layer4 per view, without gradients. Validation: centre crops.
LinearHead warmUp(torch::nn::Sequential& layer4, LinearHead head, const LabelledMaps& train,
                  const LabelledMaps* validation, const TrainOptions& options,
                  const TrainingCallbacks& callbacks, const std::atomic_bool* cancel,
                  std::vector<EpochResult>& history) {
  const int total = options.headWarmupEpochs + options.epochs;
  const auto trainSet = featuresOf(layer4, train, options.batchSize, cancel);
  LabelledFeatures validationSet;
  if (validation) {
    validationSet = {stageFeatures(layer4, *validation, options.batchSize, cancel),
                     validation->y,
                     validation->paths,
                     {}};
  }
  TrainOptions warm = options;
  warm.epochs = options.headWarmupEpochs;
  warm.patience = 0;
  TrainingCallbacks renumbered = callbacks;
  if (callbacks.batch) {
    renumbered.batch = [&callbacks, total](const BatchProgress& b) {
      BatchProgress p = b;
      p.epochs = total;
      callbacks.batch(p);
    };
  }
  const SingleThreaded smallWork;  // head steps are tiny: threads only spin (single_threaded.h)
  auto trained = trainHead(std::move(head), trainSet, validation ? &validationSet : nullptr, warm,
                           renumbered, cancel);
  history = trained.history;
  return trained.head;  // with validation, the warm-up's best epoch's; else its last
}

struct Snapshot {
  std::vector<torch::Tensor> stage;
  LinearHead head;
};

Snapshot snapshotOf(torch::nn::Sequential& layer4, const torch::Tensor& w, const torch::Tensor& b) {
  Snapshot s{{}, {w.detach().clone(), b.detach().clone()}};
  for (const auto& p : layer4->parameters()) s.stage.push_back(p.detach().clone());
  return s;
}

void restore(torch::nn::Sequential& layer4, const Snapshot& s) {
  torch::NoGradGuard noGrad;
  const auto params = layer4->parameters();
  for (size_t i = 0; i < params.size(); ++i) params[i].copy_(s.stage[i]);
}

// The validation loss and accuracy of layer4 and the head as they are now.
std::pair<double, double> validationScore(torch::nn::Sequential& layer4, const LinearHead& head,
                                          const LabelledMaps& validation, int batch) {
  torch::NoGradGuard noGrad;
  const auto x = stageFeatures(layer4, validation, batch);
  const auto logits = torch::linear(x, head.weight, head.bias);
  return {torch::cross_entropy_loss(logits, validation.y).item<double>(),
          logits.argmax(1).eq(validation.y).to(torch::kFloat64).mean().item<double>()};
}

}  // namespace

const features::StoredMap& LabelledMaps::map(int64_t row, int64_t view) const {
  return view == 0 ? maps[size_t(row)] : views[size_t(view - 1)][size_t(row)];
}

torch::Tensor LabelledMaps::batch(const torch::Tensor& rows,
                                  const std::vector<int64_t>& picks) const {
  const auto index = rows.contiguous();
  const auto* r = index.data_ptr<int64_t>();
  if (index.numel() == 0) return torch::empty({0}, torch::kFloat32);
  const auto shape = maps.front().shape();
  // Read into one buffer, so that only the batch's maps are ever in memory.
  auto out =
      torch::empty({index.numel(), shape.channels, shape.height, shape.width}, torch::kBFloat16);
  for (int64_t i = 0; i < index.numel(); ++i)
    map(r[i], picks.empty() ? 0 : picks[size_t(r[i])]).readInto(out[i]);
  return out.to(torch::kFloat32);
}

torch::nn::Sequential loadLastStage(Arch arch, const std::string& weightsPath) {
  auto stage = model::makeLastStage(arch);
  io::StateDict mine;
  for (auto& [name, tensor] : io::readStateDict(weightsPath)) {
    if (name.compare(0, kPrefix.size(), kPrefix) == 0)
      mine.emplace_back(name.substr(kPrefix.size()), std::move(tensor));
  }
  if (mine.empty()) throw Error(weightsPath + ": no 'layer4' in this checkpoint");
  io::loadStateDict(*stage, mine, weightsPath);
  torch::NoGradGuard noGrad;
  for (auto& p : stage->parameters()) {  // channels-last, as pooled() feeds it
    if (p.dim() == 4) p.set_data(p.contiguous(torch::MemoryFormat::ChannelsLast));
  }
  return stage;
}

torch::Tensor stageFeatures(torch::nn::Sequential& layer4, const LabelledMaps& data, int batch,
                            const std::atomic_bool* cancel, int view) {
  torch::NoGradGuard noGrad;
  layer4->eval();
  std::vector<torch::Tensor> parts;
  const int64_t n = data.size(), step = std::max(1, batch);
  const std::vector<int64_t> picks(view == 0 ? 0 : size_t(n), view);
  for (int64_t start = 0; start < n; start += step) {
    if (cancel && cancel->load()) throw OperationCancelled();
    const auto rows = torch::arange(start, std::min(n, start + step));
    parts.push_back(pooled(layer4, data.batch(rows, picks), data.precision));
  }
  if (parts.empty()) return torch::empty({0, 0});
  return torch::cat(parts);
}

std::pair<LabelledMaps, LabelledMaps> holdOutMaps(const LabelledMaps& all, double fraction,
                                                  uint64_t seed) {
  const LabelledFeatures rows{
      torch::arange(all.size()).view({-1, 1}), all.y, std::vector<std::string>(all.paths), {}};
  const auto [kept, held] = holdOut(rows, fraction, seed);
  const auto pick = [&all](const LabelledFeatures& part) {
    LabelledMaps out{{},
                     part.y,
                     part.paths,
                     std::vector<std::vector<features::StoredMap>>(all.views.size()),
                     all.precision};
    const auto index = part.x.flatten().contiguous();
    for (int64_t i = 0; i < index.numel(); ++i) {
      const auto row = size_t(index[i].item<int64_t>());
      out.maps.push_back(all.maps[row]);
      for (size_t v = 0; v < all.views.size(); ++v) out.views[v].push_back(all.views[v][row]);
    }
    return out;
  };
  return {pick(kept), pick(held)};
}

TrainedStage trainStage(torch::nn::Sequential layer4, LinearHead start, const LabelledMaps& train,
                        const LabelledMaps* validation, const TrainOptions& options,
                        const TrainingCallbacks& callbacks, const std::atomic_bool* cancel) {
  TrainedStage result;
  layer4->eval();  // BatchNorm keeps its statistics; its affine parameters still train
  auto head = start;
  if (options.headWarmupEpochs > 0)
    head = warmUp(layer4, head, train, validation, options, callbacks, cancel, result.history);
  result.bestEpoch = static_cast<int>(result.history.size());

  auto weight = head.weight.clone().requires_grad_(true);
  auto bias = head.bias.clone().requires_grad_(true);
  for (auto& p : layer4->parameters()) p.requires_grad_(true);
  std::vector<torch::optim::OptimizerParamGroup> groups;
  const auto groupOptions = [&options](double lr) {
    return std::make_unique<torch::optim::AdamWOptions>(
        torch::optim::AdamWOptions(lr).weight_decay(options.weightDecay));
  };
  groups.emplace_back(layer4->parameters(),
                      groupOptions(options.learningRate * options.stageLearningRateFactor));
  groups.emplace_back(std::vector<torch::Tensor>{weight, bias}, groupOptions(options.learningRate));
  torch::optim::AdamW adamw(
      groups, torch::optim::AdamWOptions(options.learningRate).weight_decay(options.weightDecay));

  std::mt19937_64 random(options.seed ^ kStageOrderSalt);
  const int views = static_cast<int>(train.views.size());
  ViewDraw viewDraw(options.seed ^ kStageOrderSalt, views);
  const int64_t n = train.size();
  const int64_t batch = std::max(1, options.batchSize);
  const int steps = static_cast<int>((n + batch - 1) / batch);
  const int warm = static_cast<int>(result.history.size());
  const int total = warm + options.epochs;
  auto best = snapshotOf(layer4, weight, bias);
  double bestLoss = INFINITY;
  int worse = 0;
  for (int e = 1; e <= options.epochs; ++e) {
    const int epoch = warm + e;
    const auto order = torch::tensor(epochOrder(n, random), torch::kInt64);
    const auto picks = views > 0 ? viewDraw.next(n) : std::vector<int64_t>{};
    double lossMean = 0;
    for (int step = 1; step <= steps; ++step) {
      if (cancel && cancel->load()) throw OperationCancelled();
      const auto rows = order.slice(0, (step - 1) * batch, std::min<int64_t>(n, step * batch));
      const auto logits =
          torch::linear(pooled(layer4, train.batch(rows, picks), train.precision), weight, bias);
      const auto loss = torch::cross_entropy_loss(logits, train.y.index_select(0, rows));
      adamw.zero_grad();
      loss.backward();
      adamw.step();
      const double value = loss.item<double>();
      lossMean = value / step + (1.0 - 1.0 / step) * lossMean;
      if (callbacks.batch) callbacks.batch({epoch, total, step, steps, value, lossMean});
    }
    EpochResult summary{epoch, lossMean, std::nullopt, std::nullopt};
    if (validation && validation->size() > 0) {
      const auto [loss, accuracy] =
          validationScore(layer4, {weight.detach(), bias.detach()}, *validation, options.batchSize);
      summary.validationLoss = loss;
      summary.validationAccuracy = accuracy;
    }
    result.history.push_back(summary);
    if (callbacks.epoch) callbacks.epoch(summary);
    const double score = summary.validationLoss.value_or(-epoch);  // no validation: the last wins
    if (score < bestLoss) {
      bestLoss = score;
      best = snapshotOf(layer4, weight, bias);
      result.bestEpoch = epoch;
      worse = 0;
    } else if (options.patience > 0 && ++worse >= options.patience) {
      break;
    }
  }
  restore(layer4, best);
  for (auto& p : layer4->parameters()) p.requires_grad_(false);
  result.layer4 = layer4;
  result.head = best.head;
  return result;
}

StageWeights toStageWeights(torch::nn::Sequential& layer4) {
  StageWeights out;
  for (const auto& p : layer4->named_parameters()) {
    const auto values = p.value().detach().to(torch::kFloat32).contiguous();
    out.tensors.push_back(
        {kPrefix + p.key(), values.sizes().vec(),
         std::vector<float>(values.data_ptr<float>(), values.data_ptr<float>() + values.numel())});
  }
  return out;
}

}  // namespace headstart::training
