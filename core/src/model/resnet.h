#pragma once
// ResNet family (He et al. 2015) with torchvision's module layout and parameter names, so that
// `state_dict` keys match torchvision's checkpoints one to one ("layer1.0.downsample.0.weight").
// The bottleneck puts its stride on the 3x3 convolution (the "v1.5" variant torchvision uses).

#include <torch/torch.h>

#include <string>
#include <vector>

#include "headstart/arch.h"

namespace headstart::model {

struct BasicBlockImpl : torch::nn::Module {
  static constexpr int kExpansion = 1;
  BasicBlockImpl(int64_t inPlanes, int64_t planes, int64_t stride, bool downsample);
  torch::Tensor forward(torch::Tensor x);

  torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr};
  torch::nn::Sequential downsample{nullptr};
};
TORCH_MODULE(BasicBlock);

struct BottleneckImpl : torch::nn::Module {
  static constexpr int kExpansion = 4;
  BottleneckImpl(int64_t inPlanes, int64_t planes, int64_t stride, bool downsample);
  torch::Tensor forward(torch::Tensor x);

  torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, conv3{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr}, bn3{nullptr};
  torch::nn::Sequential downsample{nullptr};
};
TORCH_MODULE(Bottleneck);

struct ResNetImpl : torch::nn::Module {
  ResNetImpl(Arch arch, int64_t numClasses);

  // Stem, the four stages and global pooling: the vector a transfer-learning head consumes.
  torch::Tensor features(torch::Tensor x);
  torch::Tensor forward(torch::Tensor x);

  Arch arch;
  int64_t featureDim = 0;
  torch::nn::Conv2d conv1{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr};
  torch::nn::Sequential layer1{nullptr}, layer2{nullptr}, layer3{nullptr}, layer4{nullptr};
  torch::nn::Linear fc{nullptr};

 private:
  int64_t m_inPlanes = 64;
};
TORCH_MODULE(ResNet);

// `layer4` on its own, laid out and initialised as in ResNet(arch): the stage last-stage
// fine-tuning trains, its parameters named as in the full network without the "layer4." prefix.
torch::nn::Sequential makeLastStage(Arch arch);

}  // namespace headstart::model
