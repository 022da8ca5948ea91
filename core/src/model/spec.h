#pragma once
// The names and shapes of a ResNet's parameters and buffers, computed from the architecture
// alone. Checking a checkpoint against this needs no model in memory, so inference can build its
// folded network straight from the file's tensors.

#include <cstdint>
#include <string>
#include <vector>

#include "headstart/arch.h"

namespace headstart::model {

struct TensorSpec {
  std::string name;
  std::vector<int64_t> shape;
  bool floating = true;  // false for BatchNorm's num_batches_tracked counter
};

std::vector<TensorSpec> resnetSpec(Arch arch, int64_t numClasses);

}  // namespace headstart::model
