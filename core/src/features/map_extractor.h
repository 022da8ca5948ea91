#pragma once
// Runs the frozen part of the network (stem to layer3) once per image, batch by batch, decoding
// the next batch on other threads while the current one runs, and fills the layer3 map cache.
// Only view 0, the centre crop, is computed here; the cache is keyed by view so that augmented
// views can join it.

#include <torch/torch.h>

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "features/extractor.h"
#include "features/map_cache.h"

namespace headstart::features {

struct Maps {
  std::vector<torch::Tensor> values;  // [C, H, W] bfloat16, for the images that could be read
  std::vector<int64_t> labels;
  std::vector<std::string> paths;
  std::vector<SkippedFile> unreadable;
  size_t extracted = 0;
  size_t fromCache = 0;
};

// The maps of each of `sets`, in order. Before running the trunk, makes room in `cache` for every
// missing map (MapCache::reserve, which refuses a run that will not fit). `trunk` returns the
// network cut after layer3 and is called only when a map is missing.
std::vector<Maps> extractMaps(const std::vector<const std::vector<DatasetItem>*>& sets,
                              const ExtractConfig& config, MapCache& cache,
                              const BackboneLoader& trunk,
                              const std::function<void(const ExtractionProgress&)>& progress,
                              const std::atomic_bool* cancel);

}  // namespace headstart::features
