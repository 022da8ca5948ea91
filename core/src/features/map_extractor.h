#pragma once
// Runs the frozen part of the network (stem to layer3) once per image and rendering, batch by
// batch, decoding the next batch on other threads while the current one runs, and fills the
// layer3 map cache.

#include <torch/torch.h>

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "features/extractor.h"
#include "features/map_cache.h"

namespace headstart::features {

// The maps wanted of one rendering of a set of images.
struct MapRequest {
  const std::vector<DatasetItem>* items;
  MapView view;             // {}: the centre crop
  image::Transform render;  // empty: the preset's centre crop
};

struct Maps {
  std::vector<StoredMap> values;  // for the images that could be read
  std::vector<int64_t> labels;
  std::vector<std::string> paths;
  std::vector<SkippedFile> unreadable;
  size_t extracted = 0;
  size_t fromCache = 0;
};

// The maps of each of `requests`, in order. Before running the trunk, makes room in `cache` for
// every missing map of every request (MapCache::reserve, which refuses a run that will not fit).
// Progress counts every rendering. `trunk` returns the network cut after layer3 and is called
// only when a map is missing.
std::vector<Maps> extractMaps(const std::vector<MapRequest>& requests, const ExtractConfig& config,
                              MapCache& cache, const BackboneLoader& trunk,
                              const std::function<void(const ExtractionProgress&)>& progress,
                              const std::atomic_bool* cancel);

}  // namespace headstart::features
