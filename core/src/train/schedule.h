#pragma once
// The learning rate of every optimizer step, as a pure function: the head trainer and any later
// stage of training call the same one, and tests compare it with PyTorch's schedulers.

#include <cstdint>

#include "headstart/schedule.h"
#include "headstart/training.h"

namespace headstart::training {

struct Schedule {
  LrSchedule kind = LrSchedule::Constant;
  int64_t warmupSteps = 0;
};

// `options`' schedule for a run of options.epochs epochs of `stepsPerEpoch` steps each. The
// warm-up is options.warmupEpochs rounded to whole steps, at most the whole run; a OneCycle
// schedule without one rises over 30% of the steps (PyTorch's pct_start default).
Schedule scheduleFor(const TrainOptions& options, int64_t stepsPerEpoch);

// The learning rate of step `step` (0-based) of `totalSteps`, which is what a PyTorch scheduler
// built at the start reports after `step` calls of scheduler.step():
//  - warm-up (Constant, Cosine), step < W: baseLr * (step + 1) / W, which is
//    LinearLR(start_factor=1/W, end_factor=1, total_iters=W-1);
//  - then Constant: baseLr; Cosine: baseLr * (1 + cos(pi * (step - W) / (totalSteps - W))) / 2,
//    CosineAnnealingLR(T_max=totalSteps-W, eta_min=0) started after the warm-up;
//  - OneCycle: OneCycleLR(max_lr=baseLr, total_steps=totalSteps, pct_start=W/totalSteps,
//    anneal_strategy='cos', div_factor=25, final_div_factor=1e4, three_phase=False).
double learningRateAt(const Schedule& schedule, int64_t step, int64_t totalSteps, double baseLr);

}  // namespace headstart::training
