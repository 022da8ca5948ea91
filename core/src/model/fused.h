#pragma once
// An inference-only ResNet with every BatchNorm folded into the convolution before it: one
// convolution with bias per conv+BN pair, run by oneDNN (model/onednn.h). It is built straight
// from a checkpoint's tensors, freeing each as it is folded, so loading holds about one copy of
// the weights in memory. In exact precision, results equal the module's eval() output up to
// float rounding; in fast precision, weights and activations are bfloat16.

#include <torch/torch.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "headstart/precision.h"
#include "io/checkpoint.h"
#include "model/onednn.h"
#include "model/resnet.h"

namespace headstart::model {

// A ResNet's parameters with each BatchNorm folded into its convolution, as plain tensors in the
// order the network runs them: what the oneDNN engine packs and the ONNX writer writes out.
struct FoldedResNet {
  ConvWeights stem;
  std::vector<BlockWeights> blocks;
  torch::Tensor fcWeight, fcBias;
};

// `state` must already be checked against resnetSpec(arch, classes) (io::conformToSpec); its
// tensors are freed as they are folded.
FoldedResNet foldResNet(Arch arch, io::StateDict state);

// The int8 network's activation scales, given the folded fp32 network to calibrate if needed.
using QuantProvider = std::function<Int8Quant(const FoldedResNet&)>;

class FusedResNet {
 public:
  // `state` must already be checked against resnetSpec(arch, classes) (io::conformToSpec).
  // `precision` is Exact, Fast or Int8 (resolve Auto with choosePrecision first); Int8 needs
  // `quant`.
  // `stages` < 4 keeps the stem and the first `stages` stages only: featureMaps then returns the
  // last kept stage's output (what last-stage fine-tuning keeps frozen) and featureDim its
  // channels.
  FusedResNet(Arch arch, io::StateDict state, Precision precision = Precision::Exact,
              const QuantProvider& quant = {}, int stages = 4);
  explicit FusedResNet(ResNetImpl& net, Precision precision = Precision::Exact,
                       const QuantProvider& quant = {});
  // A network read back packed (model/packed_cache.h), with its classifier.
  FusedResNet(std::unique_ptr<OneDnnResNet> net, Precision precision, torch::Tensor fcWeight,
              torch::Tensor fcBias);

  // Expects a normalised NCHW float batch; returns [N, featureDim].
  torch::Tensor features(torch::Tensor x) const;
  // The last stage's output before pooling, [N, featureDim, H/32, W/32]: what a class
  // activation map weighs.
  torch::Tensor featureMaps(torch::Tensor x) const;
  // See OneDnnResNet::prepare.
  void prepare(int64_t batch, int64_t height, int64_t width) const {
    m_net->prepare(batch, height, width);
  }
  torch::Tensor logits(const torch::Tensor& features) const;
  int64_t featureDim() const { return m_featureDim; }
  int64_t classCount() const { return m_fcWeight.size(0); }
  const torch::Tensor& fcWeight() const { return m_fcWeight; }
  const torch::Tensor& fcBias() const { return m_fcBias; }
  Precision precision() const { return m_precision; }
  const OneDnnResNet& engine() const { return *m_net; }

 private:
  std::unique_ptr<OneDnnResNet> m_net;
  Precision m_precision;
  torch::Tensor m_fcWeight, m_fcBias;
  int64_t m_featureDim;
};

// Reads a torchvision-style ResNet checkpoint, checks it against the arch (its class count taken
// from `fc.weight`) and folds it. Throws headstart::Error naming `path` and the cause.
std::unique_ptr<FusedResNet> loadFusedResNet(Arch arch, const std::string& path,
                                             Precision precision = Precision::Exact,
                                             const QuantProvider& quant = {}, int stages = 4);

}  // namespace headstart::model
