#pragma once
// Training the final linear layer on cached features, and measuring it.

#include <torch/torch.h>

#include <atomic>
#include <random>
#include <vector>

#include "headstart/training.h"

namespace headstart::training {

struct LinearHead {
  torch::Tensor weight;  // [classes, dim]
  torch::Tensor bias;    // [classes]
  LinearHead clone() const { return {weight.clone(), bias.clone()}; }
};

struct LabelledFeatures {
  torch::Tensor x;  // [N, dim]
  torch::Tensor y;  // [N] int64
  std::vector<std::string> paths;
  // Augmented views, each [N, dim] with x's rows; empty without augmentation.
  std::vector<torch::Tensor> views;
};

// PyTorch's nn.Linear initialisation, drawn from a generator seeded with `seed`.
LinearHead initialHead(int64_t classes, int64_t dim, uint64_t seed);

// A seeded, stratified split of `all` into (kept, held out).
std::pair<LabelledFeatures, LabelledFeatures> holdOut(const LabelledFeatures& all, double fraction,
                                                      uint64_t seed);

// The training loss: cross-entropy with the options' label smoothing and, with options.balance,
// class weights of train images / (classes * the class's count) from the training labels (a
// class without images weighs 0). Validation and test losses stay plain cross-entropy.
struct TrainingLoss {
  torch::Tensor classWeights;  // [classes] float, or undefined: none
  double labelSmoothing = 0;
  torch::Tensor operator()(const torch::Tensor& logits, const torch::Tensor& labels) const;
};
TrainingLoss trainingLossFor(const TrainOptions& options, const torch::Tensor& labels,
                             int64_t classes);

struct TrainedHead {
  LinearHead head;
  std::vector<EpochResult> history;
  int bestEpoch = 0;
};

// Adam on cross-entropy, shuffled mini-batches in a seeded order; with augmented views, each
// epoch sees every image once, in one of its renderings drawn by epochViews. With a validation set,
// keeps the head of the epoch with the lowest validation loss and stops early after `patience`
// epochs without improvement. Throws OperationCancelled within one batch of `cancel` being set.
// The rate follows scheduleFor(options), the loss is trainingLossFor(options).
TrainedHead trainHead(LinearHead start, const LabelledFeatures& train,
                      const LabelledFeatures* validation, const TrainOptions& options,
                      const TrainingCallbacks& callbacks, const std::atomic_bool* cancel);

Evaluation evaluateHead(const LinearHead& head, const LabelledFeatures& data,
                        const std::vector<std::string>& classes);
// Test-time augmentation: the probabilities of `data` and of `flipped` (the same rows' mirrored
// crops, [N, dim]) averaged.
Evaluation evaluateHeadWithFlip(const LinearHead& head, const LabelledFeatures& data,
                                const torch::Tensor& flipped,
                                const std::vector<std::string>& classes);

// Which rendering each training image is seen in during one epoch: 0 for the centre crop, v for
// augmented view v, uniformly, from a 64-bit Mersenne Twister (the same on every platform).
std::vector<int64_t> epochViews(int64_t count, int views, std::mt19937_64& random);

// The renderings training images are seen in, epoch after epoch: epochViews on a generator of
// its own, seeded with `seed` and a salt, so that the batch orders stay those of training without
// augmentation. Head training and last-stage fine-tuning both draw their views from it.
class ViewDraw {
 public:
  ViewDraw(uint64_t seed, int views) : m_random(seed ^ kSalt), m_views(views) {}
  // The next epoch's picks: picks[i] is the rendering of image i.
  std::vector<int64_t> next(int64_t count) { return epochViews(count, m_views, m_random); }

 private:
  static constexpr uint64_t kSalt = 0x76696577737eedull;
  std::mt19937_64 m_random;
  int m_views;
};

// The order in which an epoch visits the samples: a Fisher-Yates shuffle driven by a 64-bit
// Mersenne Twister, written out so that it is the same on every platform (and in the Python
// reference test).
std::vector<int64_t> epochOrder(int64_t count, std::mt19937_64& random);

}  // namespace headstart::training
