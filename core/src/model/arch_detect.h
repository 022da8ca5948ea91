#pragma once
// Which ResNet a state_dict belongs to, from its parameter names alone: the block counts of the
// four stages and the presence of a Bottleneck's third convolution tell all five apart.

#include <optional>
#include <string>
#include <vector>

#include "headstart/arch.h"

namespace headstart::model {

std::optional<Arch> archFromParameterNames(const std::vector<std::string>& names);

}  // namespace headstart::model
