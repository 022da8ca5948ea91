#pragma once
// On-disk cache of backbone features, one small file per image, so a second training on the same
// folder skips the backbone entirely. An entry is keyed by the model (weights content, arch,
// preprocessing) and by the image's path, size and modification time; it carries a checksum,
// so a damaged entry is recomputed, never trusted. Entries are written atomically. Each starts
// with its format version: an entry an older HeadStart wrote (another hash, another layout) is
// recomputed and replaced, never read.

#include <torch/torch.h>

#include <optional>
#include <string>

#include "headstart/arch.h"
#include "headstart/precision.h"
#include "headstart/preset.h"
#include "util/hash.h"

namespace headstart::features {

class FeatureCache {
 public:
  // `root` empty: no caching at all.
  FeatureCache(std::string root, const std::string& modelKey, int64_t dim);

  std::optional<torch::Tensor> load(const std::string& imagePath) const;
  void store(const std::string& imagePath, const torch::Tensor& feature) const;
  bool enabled() const { return !m_dir.empty(); }

  // $XDG_CACHE_HOME/headstart/features, XDG_CACHE_HOME defaulting to ~/.cache.
  static std::string defaultRoot();
  // The root a TrainOptions::cacheRoot names: empty, the default; "-", none (empty result).
  static std::string rootFor(const std::string& requested);

 private:
  std::string m_dir;
  int64_t m_dim;
  std::string entryPath(const util::Hash128& key) const;
};

// Identifies a backbone, its precision and preprocessing: what the cached features depend on;
// int8 adds its calibration's key.
std::string modelKey(const std::string& weightsSha256, Arch arch, const Preset& preset,
                     Precision precision, const std::string& calibrationKey = {});

// A file's identity: size, modification time (ns) and absolute path, hashed; a changed or
// replaced file gets a new one. Nothing when the file cannot be read.
std::optional<util::Hash128> fileKey(const std::string& path);

// The SHA-256 of a weights file (lowercase hex, what `sha256sum` prints and the manifest records),
// remembered in `cacheRoot` by path, size and modification time so that a warm run does not read
// the whole file again. Throws headstart::Error naming the file when it cannot be read.
std::string weightsSha256(const std::string& weightsPath, const std::string& cacheRoot);

}  // namespace headstart::features
