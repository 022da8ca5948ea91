#pragma once
// On-disk cache of layer3's output maps for last-stage fine-tuning: the frozen part of the
// network runs once per image and view, and every epoch reads the maps it needs back from disk.
// ResNet50's map for a 224 crop is 1024x14x14, about 400 KB in bfloat16, so the cache has a size
// budget shared by every model: entries this run does not use are evicted oldest first (a read
// counts as a use), and a run whose own maps exceed the budget is refused before any work.
// One file per (image identity, view, model key); view 0 is the centre crop. Entries are
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

// Which rendering of an image a map is of: view 0, without a variant, is the centre crop; an
// augmented view names its settings too (augmentedViewVariant), so that other settings are other
// entries.
struct MapView {
  int index = 0;
  std::string variant;
};

// Where one map lies: a cache entry, read back whenever a batch needs it, so that a run's maps
// cost disk space and page cache but not this process's resident memory (2,000 images in 5
// renderings are 4 GB of ResNet50 maps); or, with the cache off, the values themselves.
class StoredMap {
 public:
  // bfloat16 [C, H, W] values kept in memory.
  explicit StoredMap(torch::Tensor values);
  // The entry at `path`, already checked to be the map of `key` and `view` in `shape`.
  StoredMap(std::string path, util::Hash128 key, int view, MapShape shape);

  // Copies the map into `out`, a contiguous bfloat16 [C, H, W] tensor. An entry is checked again
  // on every read (the bytes used are the bytes checksummed); throws headstart::Error naming the
  // file when it was changed or removed since (the next run recomputes it).
  void readInto(torch::Tensor out) const;
  // A bfloat16 [C, H, W] copy.
  torch::Tensor read() const;
  MapShape shape() const { return m_shape; }

 private:
  torch::Tensor m_values;  // in memory; undefined for an entry on disk
  std::string m_path;
  util::Hash128 m_key;
  int m_view = 0;
  MapShape m_shape;
};

class MapCache {
 public:
  // `root` empty: maps are kept in memory only (no budget applies).
  MapCache(const std::string& root, const std::string& modelKey, MapShape shape,
           int64_t budgetBytes);

  // The map, if a valid entry holds it; marks the entry as used.
  std::optional<StoredMap> load(const std::string& imagePath, const MapView& view);
  // Writes the map as bfloat16 and returns where it lies (in memory when the cache is off or
  // cannot be written).
  StoredMap store(const std::string& imagePath, const MapView& view, const torch::Tensor& map);
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
  // Where load() checks entries: one buffer for all of them. A fresh one per entry, freed between
  // small allocations that then take its place, would leave the heap growing by a map per entry.
  torch::Tensor m_scratch;

  std::optional<std::string> entryPath(const std::string& imagePath, const MapView& view,
                                       util::Hash128* key = nullptr) const;
};

}  // namespace headstart::features
