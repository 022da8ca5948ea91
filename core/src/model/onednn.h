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

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
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

// An 8-bit activation's affine mapping: real = scale * (q - zeroPoint), q in [0, 255].
struct QuantParams {
  float scale = 1.f;
  int32_t zeroPoint = 0;
};

// The quantisation of every activation an int8 network stores, in the order it runs: the same
// points as PyTorch's FX quantisation of a ResNet, so its scales carry over either way.
struct BlockQuant {
  std::vector<QuantParams> convs;  // each convolution's output (the last one's before the add)
  std::optional<QuantParams> downsample;
  QuantParams output;  // after the residual addition and its ReLU
};

struct Int8Quant {
  QuantParams input;  // the normalised image
  QuantParams stem;   // after conv1 + ReLU, and after the max pool, which keeps it
  std::vector<BlockQuant> blocks;
};

enum class Compute { F32, Bf16, Int8 };

class OneDnnResNet {
 public:
  // Bf16: weights and activations in bfloat16 (needs native support). Int8: weights quantised
  // per output channel (symmetric int8), activations per tensor (uint8) as `quant` says.
  OneDnnResNet(ConvWeights stem, std::vector<BlockWeights> blocks, Compute compute,
               std::optional<Int8Quant> quant = std::nullopt);
  ~OneDnnResNet();

  // Every convolution's packed weights and bias, in the order the network runs them, with what
  // is needed to run them again: the body of a packed-network file (model/packed_cache.h).
  // Packs them first, for a one-image 224x224 run, if no run has yet. Not for int8.
  void writePacked(const std::function<void(std::string_view)>& write) const;
  // The network writePacked wrote, its weights used where they lie in `bytes` (which `keep`
  // keeps alive). Throws headstart::Error if the bytes are not such a network for this oneDNN
  // and `compute`.
  static std::unique_ptr<OneDnnResNet> readPacked(std::string_view bytes,
                                                  std::shared_ptr<const void> keep,
                                                  Compute compute);

  // oneDNN's version and the instruction set its kernels use here: what a packing depends on.
  static std::string engineIdentity();

  // A normalised [N, 3, H, W] float batch in; the last stage's output out, [N, C, H/32, W/32],
  // float, channels-last.
  torch::Tensor featureMaps(const torch::Tensor& input) const;
  // Builds what featureMaps needs for an [N, 3, H, W] input ahead of it (primitives, and the
  // weights' reordering if not packed yet): another thread may do it while the images decode.
  void prepare(int64_t batch, int64_t height, int64_t width) const;
  Compute compute() const { return m_compute; }
  size_t blockCount() const;

 private:
  struct State;
  struct Plan;
  Compute m_compute;
  std::optional<Int8Quant> m_quant;
  std::shared_ptr<const void> m_keep;  // what readPacked's weights lie in: outlives m_state
  std::unique_ptr<State> m_state;
  mutable std::mutex m_mutex;
  OneDnnResNet(Compute compute, std::unique_ptr<State> state);
  Plan& planFor(int64_t batch, int64_t height, int64_t width) const;
};

}  // namespace headstart::model
