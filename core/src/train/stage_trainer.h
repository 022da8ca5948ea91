#pragma once
// Last-stage fine-tuning on cached layer3 maps: `layer4` and the new final layer trained
// together with autograd, everything before `layer4` frozen (its output is the cached maps).
// The recipe is fastai's `fine_tune`: a few head-only epochs first, then AdamW on both, with a
// lower learning rate for `layer4` than for `fc`. `layer4`'s BatchNorm keeps its statistics
// (eval mode); its scale and shift train.

#include <torch/torch.h>

#include <atomic>
#include <random>
#include <vector>

#include "features/map_cache.h"
#include "headstart/training.h"
#include "train/head_trainer.h"

namespace headstart::training {

struct LabelledMaps {
  std::vector<features::StoredMap> maps;  // [C, H, W] each, the centre crops
  torch::Tensor y;                        // [N] int64
  std::vector<std::string> paths;
  // Augmented views, each with maps' rows; empty without augmentation.
  std::vector<std::vector<features::StoredMap>> views;
  // The precision the maps were extracted in, and so the one layer4 runs in on them: fast runs
  // it in bfloat16 (autocast: its weights, their gradients and the optimiser's state stay float).
  Precision precision = Precision::Exact;
  int64_t size() const { return static_cast<int64_t>(maps.size()); }
  // Image `row` in rendering `view`: 0 for the centre crop, v for views[v - 1].
  const features::StoredMap& map(int64_t row, int64_t view) const;
  // The rows' maps read and stacked as one float batch, each image in the rendering picks names
  // for it (picks is indexed by image, as ViewDraw gives it; empty: the centre crops).
  torch::Tensor batch(const torch::Tensor& rows, const std::vector<int64_t>& picks = {}) const;
};

// The stage epochs' batch order and renderings: epochOrder on a generator seeded with
// `seed ^ kStageOrderSalt`, and a ViewDraw seeded with the same (the warm-up epochs use
// trainHead's, seeded with `seed`).
constexpr uint64_t kStageOrderSalt = 0x1a7e4ull;

// `layer4` of the network in `weightsPath` (a torchvision checkpoint). Throws headstart::Error.
torch::nn::Sequential loadLastStage(Arch arch, const std::string& weightsPath);

// layer4's pooled output for every image in rendering `view` (0: the centre crop), in eval mode,
// in batches of `batch`.
torch::Tensor stageFeatures(torch::nn::Sequential& layer4, const LabelledMaps& data, int batch,
                            const std::atomic_bool* cancel = nullptr, int view = 0);

struct TrainedStage {
  torch::nn::Sequential layer4{nullptr};
  LinearHead head;
  std::vector<EpochResult> history;  // warm-up epochs first
  int bestEpoch = 0;
};

// options.headWarmupEpochs head-only epochs (trainHead, on layer4's pooled features), then
// options.epochs of AdamW (weight decay options.weightDecay) on layer4 at
// learningRate * stageLearningRateFactor and the head at learningRate. Batch progress and epochs
// are numbered over both phases. With augmented views, every epoch of both phases sees each
// image in one rendering drawn as head training draws it; validation sees the centre crops.
// With a validation set, keeps the stage epoch with the lowest validation loss. Throws
// OperationCancelled within one batch of `cancel` being set.
TrainedStage trainStage(torch::nn::Sequential layer4, LinearHead start, const LabelledMaps& train,
                        const LabelledMaps* validation, const TrainOptions& options,
                        const TrainingCallbacks& callbacks, const std::atomic_bool* cancel);

// A seeded, stratified split of `all` into (kept, held out), as holdOut does for features; both
// keep their rows' views.
std::pair<LabelledMaps, LabelledMaps> holdOutMaps(const LabelledMaps& all, double fraction,
                                                  uint64_t seed);

// The stage's trainable parameters with torchvision's names ("layer4.0.conv1.weight").
StageWeights toStageWeights(torch::nn::Sequential& layer4);

}  // namespace headstart::training
