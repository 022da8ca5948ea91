#pragma once
// On-disk cache of layer3's output maps for last-stage fine-tuning: the frozen part of the
// network runs once per image and view, and every epoch reads its maps back memory-mapped.
// ResNet50's map for a 224 crop is 1024x14x14, about 400 KB in bfloat16, so the cache has a size
// budget shared by every model: entries this run does not use are evicted oldest first (a read
// counts as a use), and a run whose own maps exceed the budget is refused before any work.
// One file per (image identity, view index, model key); view 0 is the centre crop. Entries are
// written atomically and carry a checksum, so a damaged one is recomputed, never trusted.

#include <torch/torch.h>

#include <optional>
#include <set>
#include <string>

#include "headstart/training.h"
#include "util/hash.h"

namespace headstart::features {

struct MapShape {
  int64_t channels = 0, height = 0, width = 0;
};

// layer3's output for a square crop of `cropSize`: four halvings of the side (stem, pool,
// layer2, layer3), each rounding up.
MapShape layer3Shape(Arch arch, int64_t cropSize);

class MapCache {
 public:
  // `root` empty: maps are kept in memory only (no budget applies).
  MapCache(const std::string& root, const std::string& modelKey, MapShape shape,
           int64_t budgetBytes);

  // The map, bfloat16 [C, H, W], pointing into the mapped file; marks the entry as used.
  std::optional<torch::Tensor> load(const std::string& imagePath, int view);
  // Writes the map as bfloat16 and returns it as stored (mapped from the file, or in memory when
  // the cache is off or cannot be written).
  torch::Tensor store(const std::string& imagePath, int view, const torch::Tensor& map);
  // Makes room for `newEntries` more entries by evicting entries this run has not used, oldest
  // first. Throws headstart::Error, before anything is evicted, when this run's maps alone would
  // exceed the budget.
  void reserve(size_t newEntries);

  bool enabled() const { return !m_dir.empty(); }
  int64_t entryBytes() const;
  const MapCacheReport& report() const { return m_report; }

  // Where maps live under a feature cache root: a folder of its own, so the budget counts them
  // only.
  static std::string mapsRoot(const std::string& cacheRoot);

 private:
  std::string m_root, m_dir;
  MapShape m_shape;
  std::set<std::string> m_used;
  MapCacheReport m_report;

  std::optional<std::string> entryPath(const std::string& imagePath, int view,
                                       util::Hash128* key = nullptr) const;
  std::optional<torch::Tensor> mapped(const std::string& path, const util::Hash128& key,
                                      int view) const;
};

}  // namespace headstart::features
