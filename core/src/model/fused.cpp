#include "model/fused.h"

namespace headstart::model {
namespace {

// Channels-last lets oneDNN pick its blocked convolution kernels without reordering each call.
constexpr auto kLayout = torch::MemoryFormat::ChannelsLast;

FoldedConv fold(torch::nn::Conv2dImpl& conv, torch::nn::BatchNorm2dImpl& bn) {
  torch::NoGradGuard noGrad;
  const auto scale = bn.weight / torch::sqrt(bn.running_var + bn.options.eps());
  FoldedConv out;
  out.weight = (conv.weight * scale.view({-1, 1, 1, 1})).contiguous(kLayout);
  out.bias = (bn.bias - bn.running_mean * scale).contiguous();
  out.stride = (*conv.options.stride())[0];
  out.padding = conv.weight.size(2) / 2;  // every ResNet convolution pads to keep "same" size
  return out;
}

template <typename Block>
FoldedBlock foldBlock(Block& block,
                      std::vector<std::pair<torch::nn::Conv2d, torch::nn::BatchNorm2d>> pairs) {
  FoldedBlock out;
  for (auto& [conv, bn] : pairs) out.convs.push_back(fold(*conv, *bn));
  if (block.downsample) {
    auto conv = block.downsample[0]->template as<torch::nn::Conv2d>();
    auto bn = block.downsample[1]->template as<torch::nn::BatchNorm2d>();
    out.downsample = fold(*conv, *bn);
  }
  return out;
}

torch::Tensor runBlock(const FoldedBlock& block, const torch::Tensor& x) {
  auto out = x;
  for (size_t i = 0; i < block.convs.size(); ++i) {
    out = block.convs[i](out);
    if (i + 1 < block.convs.size()) out.relu_();
  }
  out.add_(block.downsample ? (*block.downsample)(x) : x);
  return out.relu_();
}

}  // namespace

torch::Tensor FoldedConv::operator()(const torch::Tensor& x) const {
  return torch::conv2d(x, weight, bias, stride, padding);
}

FusedResNet::FusedResNet(ResNetImpl& net) : m_featureDim(net.featureDim) {
  m_stem = fold(*net.conv1, *net.bn1);
  for (auto* stage : {&net.layer1, &net.layer2, &net.layer3, &net.layer4}) {
    for (auto& child : (*stage)->children()) {
      if (auto* b = child->as<BottleneckImpl>()) {
        m_blocks.push_back(
            foldBlock(*b, {{b->conv1, b->bn1}, {b->conv2, b->bn2}, {b->conv3, b->bn3}}));
      } else if (auto* b = child->as<BasicBlockImpl>()) {
        m_blocks.push_back(foldBlock(*b, {{b->conv1, b->bn1}, {b->conv2, b->bn2}}));
      }
    }
  }
  m_fcWeight = net.fc->weight.detach().clone();
  m_fcBias = net.fc->bias.detach().clone();
}

torch::Tensor FusedResNet::features(torch::Tensor x) const {
  x = m_stem(x.contiguous(kLayout)).relu_();
  x = torch::max_pool2d(x, 3, 2, 1);
  for (const auto& block : m_blocks) x = runBlock(block, x);
  return torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1).contiguous();
}

torch::Tensor FusedResNet::logits(const torch::Tensor& features) const {
  return torch::linear(features, m_fcWeight, m_fcBias);
}

}  // namespace headstart::model
