#pragma once
// Where an int8 network's calibration comes from and where it is kept. A calibration is made
// once from a fixed subset of images (at most 64, chosen by a seeded shuffle of the sorted
// paths) and cached on disk under a key of the weights' SHA-256, the arch, the preprocessing,
// the observer and each image's identity (path, size, modification time): the same images give
// the same file, byte for byte, and the next run reads it instead of calibrating again.
//
// For prediction, the calibration last made for a weights file (by `predict --calibrate DIR`,
// or by training or evaluating in int8) is kept beside it as that weights file's current one;
// a head trained in int8 names its own in its manifest.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "headstart/arch.h"
#include "headstart/precision.h"
#include "headstart/preset.h"
#include "model/fused.h"

namespace headstart::features {

constexpr size_t kCalibrationImages = 64;
constexpr uint64_t kCalibrationSeed = 0x1e8c;

// Up to kCalibrationImages of `images`: the same set whatever their order.
std::vector<std::string> calibrationSubset(std::vector<std::string> images);

struct CalibrationSetup {
  std::vector<std::string> images;  // the candidates; calibrationSubset picks from them
  std::string source;               // what they are, for people: "training images of DIR"
  Preset preset;
  DecodeOptions decode;
  std::string cacheRoot;  // the feature cache's root; empty: nothing kept
  std::string weightsSha256;
  Arch arch = Arch::ResNet50;
  bool makeCurrent = true;                         // record it as the weights' current calibration
  std::function<void(size_t images)> calibrating;  // called before observing, not on a cache hit
};

// The cache key of the calibration `setup` describes (its images' identities included).
std::string calibrationKey(const CalibrationSetup& setup);

// Reads the cached calibration or makes it from the images with the folded network, keeps it,
// and records it as the weights' current one. `choice` receives its description and key.
model::QuantProvider calibrationProvider(const CalibrationSetup& setup, PrecisionChoice& choice);

// The calibration cached under `key` (as a manifest records it), if it is still there.
std::optional<model::QuantProvider> storedCalibration(const std::string& cacheRoot,
                                                      const std::string& key,
                                                      PrecisionChoice& choice);

// The weights' current calibration, if one was made; `choice` receives its description and key.
std::optional<model::QuantProvider> currentCalibration(const std::string& cacheRoot,
                                                       const std::string& weightsSha256, Arch arch,
                                                       const Preset& preset,
                                                       PrecisionChoice& choice);

}  // namespace headstart::features
