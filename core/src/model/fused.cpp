#include "model/fused.h"

#include <map>
#include <numeric>

#include "headstart/error.h"
#include "model/spec.h"
#include "single_threaded.h"

namespace headstart::model {
namespace {

constexpr double kBatchNormEps = 1e-5;  // torchvision's BatchNorm2d default

class Folder {
 public:
  explicit Folder(io::StateDict state) {
    for (auto& [name, tensor] : state) m_tensors[name] = std::move(tensor);
  }

  torch::Tensor take(const std::string& name) {
    const auto it = m_tensors.find(name);
    TORCH_CHECK(it != m_tensors.end(), "state_dict lacks ", name);
    auto t = std::move(it->second);
    m_tensors.erase(it);  // the file's copy is freed once folded: one copy of the weights at a time
    return t;
  }

  ConvWeights fold(const std::string& conv, const std::string& bn, int64_t stride) {
    torch::NoGradGuard noGrad;
    const auto weight = take(conv + ".weight");
    const auto gamma = take(bn + ".weight");
    // The same float operations, in the same order, as PyTorch's conv-BatchNorm fusion: int8
    // weights then round exactly as PyTorch's quantised ResNet's do.
    const auto rsqrt = torch::rsqrt(take(bn + ".running_var") + kBatchNormEps);
    const auto scale = gamma * rsqrt;
    ConvWeights out;
    out.bias = -take(bn + ".running_mean") * rsqrt * gamma + take(bn + ".bias");
    out.weight = weight;
    out.scale = scale;
    out.stride = stride;
    out.padding = weight.size(2) / 2;  // every ResNet convolution keeps the "same" size
    return out;
  }

  BlockWeights block(const std::string& prefix, int convs, int64_t stride, bool bottleneck) {
    BlockWeights out;
    for (int i = 1; i <= convs; ++i) {
      // The stride sits on the 3x3 convolution: conv2 in a bottleneck, conv1 in a basic block.
      const bool strided = bottleneck ? i == 2 : i == 1;
      const auto n = std::to_string(i);
      out.convs.push_back(fold(prefix + "conv" + n, prefix + "bn" + n, strided ? stride : 1));
    }
    if (m_tensors.count(prefix + "downsample.0.weight")) {
      out.downsample = fold(prefix + "downsample.0", prefix + "downsample.1", stride);
    }
    return out;
  }

 private:
  std::map<std::string, torch::Tensor> m_tensors;
};

io::StateDict stateOf(ResNetImpl& net) {
  io::StateDict state;
  for (const auto& p : net.named_parameters())
    state.emplace_back(p.key(), p.value().detach().clone());
  for (const auto& b : net.named_buffers()) state.emplace_back(b.key(), b.value().clone());
  return state;
}

}  // namespace

FoldedResNet foldResNet(Arch arch, io::StateDict state) {
  const auto& info = archInfo(arch);
  Folder folder(std::move(state));
  FoldedResNet net;
  net.stem = folder.fold("conv1", "bn1", 2);
  for (int stage = 0; stage < 4; ++stage) {
    for (int b = 0; b < info.blocks[static_cast<size_t>(stage)]; ++b) {
      const auto prefix = "layer" + std::to_string(stage + 1) + "." + std::to_string(b) + ".";
      const int64_t stride = b == 0 && stage > 0 ? 2 : 1;
      net.blocks.push_back(folder.block(prefix, info.bottleneck ? 3 : 2, stride, info.bottleneck));
    }
  }
  net.fcWeight = folder.take("fc.weight");
  net.fcBias = folder.take("fc.bias");
  return net;
}

FusedResNet::FusedResNet(Arch arch, io::StateDict state, Precision precision,
                         const QuantProvider& quant, int stages)
    : m_precision(precision), m_featureDim(archInfo(arch).featureDim) {
  TORCH_CHECK(precision != Precision::Auto, "resolve Auto before building the network");
  TORCH_CHECK(stages >= 1 && stages <= 4, "a ResNet has four stages, asked for ", stages);
  auto folded = foldResNet(arch, std::move(state));
  m_fcWeight = std::move(folded.fcWeight);
  m_fcBias = std::move(folded.fcBias);
  std::optional<Int8Quant> scales;
  if (precision == Precision::Int8) {
    TORCH_CHECK(quant, "an int8 network needs a calibration");
    scales = quant(folded);  // calibrated on the whole network: the kept blocks' scales are its
  }
  if (stages < 4) {
    const auto& blocks = archInfo(arch).blocks;
    const auto kept =
        static_cast<size_t>(std::accumulate(blocks.begin(), blocks.begin() + stages, 0));
    folded.blocks.resize(kept);
    if (scales) scales->blocks.resize(kept);
    m_featureDim = folded.blocks.back().convs.back().weight.size(0);  // a block's output channels
  }
  const auto compute = precision == Precision::Fast   ? Compute::Bf16
                       : precision == Precision::Int8 ? Compute::Int8
                                                      : Compute::F32;
  m_net = std::make_unique<OneDnnResNet>(std::move(folded.stem), std::move(folded.blocks), compute,
                                         std::move(scales));
}

std::unique_ptr<FusedResNet> loadFusedResNet(Arch arch, const std::string& path,
                                             Precision precision, const QuantProvider& quant,
                                             int stages) {
  auto state = io::readStateDict(path);
  int64_t classes = 0;
  for (const auto& [name, tensor] : state) {
    if (name == "fc.weight" && tensor.dim() == 2) classes = tensor.size(0);
  }
  if (classes == 0)
    throw Error(path + ": not a ResNet state_dict (no 'fc.weight' of two dimensions)");
  state = io::conformToSpec(std::move(state), resnetSpec(arch, classes), path);
  return std::make_unique<FusedResNet>(arch, std::move(state), precision, quant, stages);
}

FusedResNet::FusedResNet(std::unique_ptr<OneDnnResNet> net, Precision precision,
                         torch::Tensor fcWeight, torch::Tensor fcBias)
    : m_net(std::move(net)),
      m_precision(precision),
      m_fcWeight(std::move(fcWeight)),
      m_fcBias(std::move(fcBias)),
      m_featureDim(m_fcWeight.size(1)) {}

FusedResNet::FusedResNet(ResNetImpl& net, Precision precision, const QuantProvider& quant)
    : FusedResNet(net.arch, stateOf(net), precision, quant) {}

torch::Tensor FusedResNet::featureMaps(torch::Tensor x) const { return m_net->featureMaps(x); }

torch::Tensor FusedResNet::features(torch::Tensor x) const {
  return torch::adaptive_avg_pool2d(featureMaps(std::move(x)), {1, 1}).flatten(1);
}

torch::Tensor FusedResNet::logits(const torch::Tensor& features) const {
  const OneBlasThread small;  // 2048 x 1000 per image: see single_threaded.h
  return torch::linear(features, m_fcWeight, m_fcBias);
}

}  // namespace headstart::model
