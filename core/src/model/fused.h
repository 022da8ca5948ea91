#pragma once
// An inference-only ResNet with every BatchNorm folded into the convolution before it: one
// convolution with bias per conv+BN pair, half the memory traffic of the training-shaped module.
// It is built straight from a checkpoint's tensors, freeing each as it is folded, so loading
// holds about one copy of the weights in memory. Results equal the module's eval() output up to
// float rounding.

#include <torch/torch.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/checkpoint.h"
#include "model/resnet.h"

namespace headstart::model {

struct FoldedConv {
  torch::Tensor weight;
  torch::Tensor bias;
  int64_t stride = 1;
  int64_t padding = 0;
  torch::Tensor operator()(const torch::Tensor& x) const;
};

struct FoldedBlock {
  std::vector<FoldedConv> convs;  // ReLU after each but the last
  std::optional<FoldedConv> downsample;
};

class FusedResNet {
 public:
  // `state` must already be checked against resnetSpec(arch, classes) (io::conformToSpec).
  FusedResNet(Arch arch, io::StateDict state);
  explicit FusedResNet(ResNetImpl& net);

  // Expects a normalised NCHW float batch; returns [N, featureDim].
  torch::Tensor features(torch::Tensor x) const;
  // The last stage's output before pooling, [N, featureDim, H/32, W/32]: what a class
  // activation map weighs.
  torch::Tensor featureMaps(torch::Tensor x) const;
  torch::Tensor logits(const torch::Tensor& features) const;
  int64_t featureDim() const { return m_featureDim; }
  int64_t classCount() const { return m_fcWeight.size(0); }
  const torch::Tensor& fcWeight() const { return m_fcWeight; }
  const torch::Tensor& fcBias() const { return m_fcBias; }
  // The folded layers in the order forward() runs them (for writing the network out).
  const FoldedConv& stem() const { return m_stem; }
  const std::vector<FoldedBlock>& blocks() const { return m_blocks; }

 private:
  FoldedConv m_stem;
  std::vector<FoldedBlock> m_blocks;
  torch::Tensor m_fcWeight, m_fcBias;
  int64_t m_featureDim;
};

// Reads a torchvision-style ResNet checkpoint, checks it against the arch (its class count taken
// from `fc.weight`) and folds it. Throws headstart::Error naming `path` and the cause.
std::unique_ptr<FusedResNet> loadFusedResNet(Arch arch, const std::string& path);

}  // namespace headstart::model
