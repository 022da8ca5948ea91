#include "train/schedule.h"

#include <algorithm>
#include <cmath>

namespace headstart {

const char* scheduleName(LrSchedule schedule) {
  switch (schedule) {
    case LrSchedule::Cosine:
      return "cosine";
    case LrSchedule::OneCycle:
      return "onecycle";
    case LrSchedule::Constant:
      break;
  }
  return "constant";
}

std::optional<LrSchedule> scheduleFromName(const std::string& name) {
  for (auto s : {LrSchedule::Constant, LrSchedule::Cosine, LrSchedule::OneCycle})
    if (name == scheduleName(s)) return s;
  return std::nullopt;
}

namespace training {
namespace {

// OneCycleLR's defaults, which the schedule keeps so that it is PyTorch's.
constexpr double kOneCycleDivFactor = 25;
constexpr double kOneCycleFinalDivFactor = 1e4;
constexpr double kOneCycleDefaultRise = 0.3;

double cosineBetween(double from, double to, double fraction) {
  return to + (from - to) / 2.0 * (std::cos(M_PI * fraction) + 1.0);
}

// OneCycleLR's get_lr(), phase by phase, with its float phase ends.
double oneCycle(int64_t step, int64_t totalSteps, int64_t riseSteps, double maxLr) {
  const double initial = maxLr / kOneCycleDivFactor;
  const double minimum = initial / kOneCycleFinalDivFactor;
  const double riseEnd = static_cast<double>(riseSteps) - 1.0;
  const double fallEnd = static_cast<double>(totalSteps) - 1.0;
  const auto s = static_cast<double>(step);
  if (s <= riseEnd) return cosineBetween(initial, maxLr, riseEnd > 0 ? s / riseEnd : 1.0);
  return cosineBetween(maxLr, minimum, (s - riseEnd) / (fallEnd - riseEnd));
}

}  // namespace

Schedule scheduleFor(const TrainOptions& options, int64_t stepsPerEpoch) {
  const int64_t total = std::max<int64_t>(1, options.epochs * stepsPerEpoch);
  double warmup = options.warmupEpochs * static_cast<double>(stepsPerEpoch);
  if (options.schedule == LrSchedule::OneCycle && options.warmupEpochs <= 0)
    warmup = kOneCycleDefaultRise * static_cast<double>(total);
  return {options.schedule, std::clamp<int64_t>(std::llround(warmup), 0, total)};
}

double learningRateAt(const Schedule& schedule, int64_t step, int64_t totalSteps, double baseLr) {
  const int64_t w = schedule.warmupSteps;
  if (schedule.kind == LrSchedule::OneCycle) {
    // A rise shorter than two steps has no cosine to follow: start at the peak.
    if (totalSteps < 2) return baseLr;
    return oneCycle(step, totalSteps, std::max<int64_t>(w, 1), baseLr);
  }
  if (step < w) return baseLr * static_cast<double>(step + 1) / static_cast<double>(w);
  if (schedule.kind == LrSchedule::Constant) return baseLr;
  const auto fraction =
      static_cast<double>(step - w) / static_cast<double>(std::max<int64_t>(1, totalSteps - w));
  return baseLr * (1.0 + std::cos(M_PI * fraction)) / 2.0;
}

}  // namespace training
}  // namespace headstart
