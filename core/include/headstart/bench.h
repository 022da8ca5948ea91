#pragma once
// Timing the backbone: what `headstart-cli bench` prints. Plain structs only.

#include <string>
#include <vector>

#include "headstart/arch.h"
#include "headstart/precision.h"
#include "headstart/preset.h"

namespace headstart {

struct BenchOptions {
  Arch arch = Arch::ResNet50;
  std::string weightsPath;  // empty: random weights of the arch (same speed, no download)
  int batchSize = 8;
  Precision precision = Precision::Exact;
  int threads = 0;                  // 0: every core
  double minSeconds = 3;            // timed runs last at least this long...
  int minRuns = 5;                  // ...and number at least this many
  std::vector<std::string> images;  // also time decoding and predicting these, end to end
  Preset preset = imagenetV2Preset();
};

struct BenchResult {
  Arch arch = Arch::ResNet50;
  PrecisionChoice precision;
  int batchSize = 0;
  int threads = 0;
  bool randomWeights = false;
  int runs = 0;
  double msPerImage = 0;  // network only (224x224 input to pooled features and logits), median
  double imagesPerSecond = 0;
  // With images: decode, preprocess and predict them all, once warm, the next batch decoding
  // while the network runs the current one (as feature extraction does).
  size_t endToEndImages = 0;
  size_t endToEndFailed = 0;
  double endToEndMsPerImage = 0;
  double endToEndImagesPerSecond = 0;
  double decodeMsPerImage = 0;  // decoding and preprocessing alone, overlapped with the network
};

// Throws headstart::Error for unusable weights.
BenchResult benchmark(const BenchOptions& options);

}  // namespace headstart
