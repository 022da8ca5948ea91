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

// The suggestion and the minimum of `result.points` (of a test planned for `plannedSteps`),
// filled in.
void suggestLearningRate(LrFinderResult& result, int plannedSteps);

}  // namespace headstart::training
