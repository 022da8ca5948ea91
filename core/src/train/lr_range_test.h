#pragma once
// The range test itself, on features in memory: what findLearningRate runs after extraction,
// and what the tests compare with a Python re-implementation.

#include "headstart/lr_finder.h"
#include "train/head_trainer.h"

namespace headstart::training {

// Batches come in the order trainHead would visit them (a fresh epochOrder whenever the last
// epoch is used up); the suggestion is computed from the points as LrFinderResult describes.
LrFinderResult lrRangeTest(const LinearHead& start, const LabelledFeatures& train,
                           const TrainOptions& options, const LrFinderOptions& finder,
                           const TrainingCallbacks& callbacks, const std::atomic_bool* cancel);

// The suggestion, the valley and the minimum of `result.points` (of a test run with `finder`),
// filled in. The valley is the longest descent of the smoothed loss (a centred average of the
// batch losses, free of the moving average's lag) after the moving average has settled (its
// first points average a handful of batches and their slope is noise): from the last point
// still at the curve's high level to the first that has nearly reached its minimum. The
// suggestion lies half-way down it. When the descent is small beside the loss level or the
// noise, there is none.
void suggestLearningRate(LrFinderResult& result, const LrFinderOptions& finder);

}  // namespace headstart::training
