#pragma once
// The learning-rate range test: on the cached features, train the head from its usual start
// while the learning rate rises exponentially, and watch the smoothed loss.

#include <atomic>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "headstart/training.h"

namespace headstart {

struct LrFinderOptions {
  double startLr = 1e-7;
  double endLr = 10;
  int steps = 100;          // lr of step i: startLr * (endLr / startLr)^(i / (steps - 1))
  double smoothing = 0.98;  // of the exponential moving average, bias-corrected
  double stopFactor = 4;    // stop once the smoothed loss exceeds this times its minimum
};

struct LrFinderPoint {
  double learningRate = 0;
  double loss = 0;          // of the batch, before the step at this rate
  double smoothedLoss = 0;  // the moving average, debiased, as fastai's finder draws it
  // The batch losses averaged over a window centred on this point: the curve the suggestion is
  // read from, without the moving average's lag. NaN past the first non-finite loss.
  double centredLoss = std::numeric_limits<double>::quiet_NaN();
};

struct LrFinderResult {
  std::vector<LrFinderPoint> points;
  // A rate well inside the valley of the smoothed loss (see suggestLearningRate in
  // train/lr_range_test.h); none when the curve shows no clear descent: then the rate to use is
  // the one already chosen.
  std::optional<double> suggestion;
  // The valley: where the smoothed loss leaves its level and where it has nearly reached its
  // minimum (set with a suggestion).
  double valleyStartLr = 0;
  double valleyEndLr = 0;
  // How far the smoothed loss (the valley's curve) falls from its settled high to its minimum,
  // and that curve's own scatter, as the batches' noise makes it.
  double drop = 0;
  double noise = 0;
  double minimumLr = 0;   // where the smoothed loss is lowest; a common rule uses a tenth of it
  bool diverged = false;  // stopped early by stopFactor
  size_t extracted = 0;   // images run through the backbone
  size_t fromCache = 0;
  double seconds = 0;
};

// Extracts (or reads from the cache) the training features as train() does, starts from the
// head train() would start from (warm start, saved head, validation hold-out included) and
// trains it with Adam at the options' weight decay, batch size, seed, label smoothing and
// balance, raising the rate every step. Progress arrives through callbacks.extraction and
// callbacks.batch (one "epoch" of opts.steps steps). Throws as train() does.
LrFinderResult findLearningRate(const DatasetReport& dataset, const TrainOptions& options,
                                const LrFinderOptions& finder = {},
                                const TrainingCallbacks& callbacks = {},
                                const std::atomic_bool* cancel = nullptr);

}  // namespace headstart
