#pragma once
// How the learning rate moves during training. Plain names only; the arithmetic is internal.

#include <optional>
#include <string>

namespace headstart {

// Constant: the notebook's, the default. Cosine: PyTorch's CosineAnnealingLR to zero over the
// steps after the warm-up. OneCycle: PyTorch's OneCycleLR (cosine up from lr/25 during the
// warm-up, then cosine down to lr/25e4; Adam's betas are not cycled).
enum class LrSchedule { Constant, Cosine, OneCycle };

const char* scheduleName(LrSchedule schedule);  // "constant", "cosine", "onecycle"
std::optional<LrSchedule> scheduleFromName(const std::string& name);

}  // namespace headstart
