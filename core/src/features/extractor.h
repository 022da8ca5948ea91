#pragma once
// Runs the frozen backbone once per image, batch by batch, decoding the next batch on other
// threads while the current one runs, and filling the feature cache.

#include <torch/torch.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "features/cache.h"
#include "headstart/training.h"
#include "image/transform.h"
#include "model/fused.h"

namespace headstart::features {

struct Features {
  torch::Tensor values;         // [N, dim] for the images that could be read
  std::vector<int64_t> labels;  // N
  std::vector<std::string> paths;
  std::vector<SkippedFile> unreadable;
  size_t extracted = 0;
  size_t fromCache = 0;
};

// Loads the backbone only when an image is missing from the cache.
using BackboneLoader = std::function<const model::FusedResNet&()>;

struct ExtractConfig {
  Preset preset;
  DecodeOptions decode;
  int batchSize = 16;
  int64_t dim = 2048;
  image::Transform render;  // empty: the preset's centre crop
};

Features extract(const std::vector<DatasetItem>& items, const ExtractConfig& config,
                 const FeatureCache& cache, const BackboneLoader& backbone,
                 const std::function<void(const ExtractionProgress&)>& progress,
                 const std::atomic_bool* cancel);

}  // namespace headstart::features
