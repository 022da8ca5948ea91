#include "model/resnet.h"

namespace headstart::model {
namespace {

torch::nn::Conv2d conv(int64_t in, int64_t out, int64_t kernel, int64_t stride) {
  return torch::nn::Conv2d(
      torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel / 2).bias(false));
}

torch::nn::Sequential makeDownsample(int64_t in, int64_t out, int64_t stride) {
  return torch::nn::Sequential(conv(in, out, 1, stride), torch::nn::BatchNorm2d(out));
}

// One stage of `blocks` blocks; `inPlanes` is the previous stage's output and becomes this one's.
torch::nn::Sequential makeStage(Arch arch, int64_t& inPlanes, int64_t planes, int64_t blocks,
                                int64_t stride);

// torchvision's initialisation, so an untrained model behaves like Python's.
void initialiseConvolutions(torch::nn::Module& net) {
  for (auto& module : net.modules(/*include_self=*/false)) {
    if (auto* c = module->as<torch::nn::Conv2d>()) {
      torch::nn::init::kaiming_normal_(c->weight, 0.0, torch::kFanOut, torch::kReLU);
    }
  }
}

}  // namespace

BasicBlockImpl::BasicBlockImpl(int64_t inPlanes, int64_t planes, int64_t stride, bool down)
    : conv1(conv(inPlanes, planes, 3, stride)),
      conv2(conv(planes, planes, 3, 1)),
      bn1(planes),
      bn2(planes) {
  register_module("conv1", conv1);
  register_module("bn1", bn1);
  register_module("conv2", conv2);
  register_module("bn2", bn2);
  if (down) {
    downsample = register_module("downsample", makeDownsample(inPlanes, planes, stride));
  }
}

torch::Tensor BasicBlockImpl::forward(torch::Tensor x) {
  auto identity = downsample ? downsample->forward(x) : x;
  auto out = torch::relu(bn1(conv1(x)));
  out = bn2(conv2(out));
  return torch::relu(out + identity);
}

BottleneckImpl::BottleneckImpl(int64_t inPlanes, int64_t planes, int64_t stride, bool down)
    : conv1(conv(inPlanes, planes, 1, 1)),
      conv2(conv(planes, planes, 3, stride)),
      conv3(conv(planes, planes * kExpansion, 1, 1)),
      bn1(planes),
      bn2(planes),
      bn3(planes * kExpansion) {
  register_module("conv1", conv1);
  register_module("bn1", bn1);
  register_module("conv2", conv2);
  register_module("bn2", bn2);
  register_module("conv3", conv3);
  register_module("bn3", bn3);
  if (down) {
    downsample =
        register_module("downsample", makeDownsample(inPlanes, planes * kExpansion, stride));
  }
}

torch::Tensor BottleneckImpl::forward(torch::Tensor x) {
  auto identity = downsample ? downsample->forward(x) : x;
  auto out = torch::relu(bn1(conv1(x)));
  out = torch::relu(bn2(conv2(out)));
  out = bn3(conv3(out));
  return torch::relu(out + identity);
}

ResNetImpl::ResNetImpl(Arch a, int64_t numClasses) : arch(a) {
  TORCH_CHECK(numClasses > 0, "a ResNet needs at least one output class, got ", numClasses);
  const auto& info = archInfo(arch);
  featureDim = info.featureDim;
  conv1 = register_module(
      "conv1",
      torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 64, 7).stride(2).padding(3).bias(false)));
  bn1 = register_module("bn1", torch::nn::BatchNorm2d(64));
  layer1 = register_module("layer1", makeStage(arch, m_inPlanes, 64, info.blocks[0], 1));
  layer2 = register_module("layer2", makeStage(arch, m_inPlanes, 128, info.blocks[1], 2));
  layer3 = register_module("layer3", makeStage(arch, m_inPlanes, 256, info.blocks[2], 2));
  layer4 = register_module("layer4", makeStage(arch, m_inPlanes, 512, info.blocks[3], 2));
  fc = register_module("fc", torch::nn::Linear(featureDim, numClasses));
  initialiseConvolutions(*this);
}

namespace {

torch::nn::Sequential makeStage(Arch arch, int64_t& inPlanes, int64_t planes, int64_t blocks,
                                int64_t stride) {
  const bool bottleneck = archInfo(arch).bottleneck;
  const int64_t expansion = bottleneck ? BottleneckImpl::kExpansion : BasicBlockImpl::kExpansion;
  torch::nn::Sequential stage;
  for (int64_t i = 0; i < blocks; ++i) {
    const int64_t s = i == 0 ? stride : 1;
    const bool down = i == 0 && (stride != 1 || inPlanes != planes * expansion);
    if (bottleneck) {
      stage->push_back(Bottleneck(inPlanes, planes, s, down));
    } else {
      stage->push_back(BasicBlock(inPlanes, planes, s, down));
    }
    inPlanes = planes * expansion;
  }
  return stage;
}

}  // namespace

torch::nn::Sequential makeLastStage(Arch arch) {
  const auto& info = archInfo(arch);
  const int64_t expansion = info.bottleneck ? BottleneckImpl::kExpansion : 1;
  int64_t inPlanes = 256 * expansion;  // layer3's output
  auto stage = makeStage(arch, inPlanes, 512, info.blocks[3], 2);
  initialiseConvolutions(*stage);
  return stage;
}

torch::Tensor ResNetImpl::features(torch::Tensor x) {
  x = torch::relu(bn1(conv1(x)));
  x = torch::max_pool2d(x, /*kernel_size=*/3, /*stride=*/2, /*padding=*/1);
  x = layer4->forward(layer3->forward(layer2->forward(layer1->forward(x))));
  return torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1);
}

torch::Tensor ResNetImpl::forward(torch::Tensor x) { return fc(features(x)); }

}  // namespace headstart::model
