#include "model/spec.h"

namespace headstart::model {
namespace {

class SpecBuilder {
 public:
  std::vector<TensorSpec> specs;

  void conv(const std::string& name, int64_t in, int64_t out, int64_t kernel) {
    specs.push_back({name + ".weight", {out, in, kernel, kernel}});
  }

  void batchNorm(const std::string& name, int64_t channels) {
    for (const char* part : {".weight", ".bias", ".running_mean", ".running_var"}) {
      specs.push_back({name + part, {channels}});
    }
    specs.push_back({name + ".num_batches_tracked", {}, false});
  }
};

}  // namespace

std::vector<TensorSpec> resnetSpec(Arch arch, int64_t numClasses) {
  const auto& info = archInfo(arch);
  const int64_t expansion = info.bottleneck ? 4 : 1;
  SpecBuilder b;
  b.conv("conv1", 3, 64, 7);
  b.batchNorm("bn1", 64);
  int64_t inPlanes = 64;
  for (int stage = 0; stage < 4; ++stage) {
    const int64_t planes = int64_t(64) << stage;
    for (int block = 0; block < info.blocks[static_cast<size_t>(stage)]; ++block) {
      const std::string prefix =
          "layer" + std::to_string(stage + 1) + "." + std::to_string(block) + ".";
      if (info.bottleneck) {
        b.conv(prefix + "conv1", inPlanes, planes, 1);
        b.batchNorm(prefix + "bn1", planes);
        b.conv(prefix + "conv2", planes, planes, 3);
        b.batchNorm(prefix + "bn2", planes);
        b.conv(prefix + "conv3", planes, planes * expansion, 1);
        b.batchNorm(prefix + "bn3", planes * expansion);
      } else {
        b.conv(prefix + "conv1", inPlanes, planes, 3);
        b.batchNorm(prefix + "bn1", planes);
        b.conv(prefix + "conv2", planes, planes, 3);
        b.batchNorm(prefix + "bn2", planes);
      }
      const bool strided = block == 0 && stage > 0;
      if (block == 0 && (strided || inPlanes != planes * expansion)) {
        b.conv(prefix + "downsample.0", inPlanes, planes * expansion, 1);
        b.batchNorm(prefix + "downsample.1", planes * expansion);
      }
      inPlanes = planes * expansion;
    }
  }
  b.specs.push_back({"fc.weight", {numClasses, info.featureDim}});
  b.specs.push_back({"fc.bias", {numClasses}});
  return b.specs;
}

}  // namespace headstart::model
