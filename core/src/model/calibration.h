#pragma once
// Calibration of the int8 network: the fp32 network (BatchNorm folded) runs on a few typical
// images while a min/max observer records the range of every activation the int8 network
// stores; each range becomes a uint8 scale and zero point exactly as PyTorch's MinMaxObserver
// computes them (quint8, affine, zero included in the range). Min/max rather than a histogram:
// it is simple, order-independent and needs nothing but the extremes, so the same images give
// the same bytes whatever their order or batching.

#include <torch/torch.h>

#include <string>
#include <vector>

#include "model/fused.h"
#include "model/onednn.h"

namespace headstart::model {

// What the observer's settings are called in cache keys and manifests.
constexpr const char* kObserverName = "minmax-quint8-affine";

// Running extremes of every quantisation point, fed batch by batch.
class RangeObserver {
 public:
  explicit RangeObserver(const FoldedResNet& net);
  // A normalised [N, 3, H, W] float batch.
  void observe(const torch::Tensor& batch);
  size_t images() const { return m_images; }
  Int8Quant quantisation() const;

 private:
  struct Conv {
    torch::Tensor weight, bias;  // BatchNorm folded in
    int64_t stride, padding;
  };
  struct Block {
    std::vector<Conv> convs;
    std::optional<Conv> downsample;
  };
  Conv m_stem;
  std::vector<Block> m_blocks;
  std::vector<std::pair<float, float>> m_ranges;  // in the order Int8Quant lists its points
  size_t m_images = 0;

  void record(size_t point, const torch::Tensor& t);
};

// PyTorch's MinMaxObserver for quint8 (affine, [0, 255], no reduced range).
QuantParams quantParamsFor(float min, float max);

std::string quantToJson(const Int8Quant& quant);
// Throws headstart::Error naming `what` when the text is not a calibration.
Int8Quant quantFromJson(const std::string& text, const std::string& what);

}  // namespace headstart::model
