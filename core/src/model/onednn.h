#pragma once
// Runs a folded ResNet's convolutions as oneDNN primitives: weights reordered once into the
// blocked layout the kernels read, ReLU and the residual addition fused into the convolution
// that precedes them, activations kept in oneDNN's own layout from the stem to the last stage.
// Eager libtorch reorders weights and activations around every convolution and runs ReLU and
// the addition as separate passes over memory; this removes both costs.
//
// The primitives depend on the input's batch and size, so they are built per shape on first use
// and kept. Not for concurrent calls: featureMaps serialises them.

#include <torch/torch.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <tuple>
#include <vector>

namespace headstart::model {

// One convolution with BatchNorm folded in: the convolution's own `weight` [out, in, k, k], the
// BatchNorm's `scale` [out] that multiplies each output channel's weights, and `bias` [out].
// The scale is applied while the weights are packed: one pass over them, not two.
struct ConvWeights {
  torch::Tensor weight;
  torch::Tensor scale;
  torch::Tensor bias;
  int64_t stride = 1;
  int64_t padding = 0;
};

struct BlockWeights {
  std::vector<ConvWeights> convs;  // ReLU after each but the last
  std::optional<ConvWeights> downsample;
};

class OneDnnResNet {
 public:
  // bf16: weights and activations in bfloat16 (needs native support), else float.
  OneDnnResNet(ConvWeights stem, std::vector<BlockWeights> blocks, bool bf16);
  ~OneDnnResNet();

  // A normalised [N, 3, H, W] float batch in; the last stage's output out, [N, C, H/32, W/32],
  // float, channels-last.
  torch::Tensor featureMaps(const torch::Tensor& input) const;
  bool bf16() const { return m_bf16; }

 private:
  struct State;
  struct Plan;
  bool m_bf16;
  std::unique_ptr<State> m_state;
  mutable std::mutex m_mutex;
  Plan& planFor(int64_t batch, int64_t height, int64_t width) const;
};

}  // namespace headstart::model
