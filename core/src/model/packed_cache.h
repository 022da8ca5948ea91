#pragma once
// Cold start. A process's first prediction packed the weights before running them: BatchNorm
// folded in and 100 MB (ResNet50) reordered into oneDNN's blocked layout, two thirds of its own
// time. The packed network is kept in the cache, one file per weights file (its size, time and
// path), arch, precision, oneDNN version and instruction set; a later process maps that file and
// runs the weights where they lie. A file that does not check out (checksum, shapes) is not used,
// and the weights are packed again.

#include <memory>
#include <optional>
#include <string>

#include "headstart/arch.h"
#include "headstart/precision.h"
#include "model/fused.h"

namespace headstart::model {

// The whole network for `weightsPath` (four stages, its own classifier), from the packed-network
// folder under `cacheRoot` when a valid file is there; else as loadFusedResNet loads it, and the
// folder gets the packed file for next time (a failure to write it only costs that). Int8 and an
// empty `cacheRoot` load without the cache. Throws what loadFusedResNet throws.
std::unique_ptr<FusedResNet> loadPackedOrFused(Arch arch, const std::string& weightsPath,
                                               Precision precision, const std::string& cacheRoot);

// The arch of ImageNet weights that a run packed into the folder under `cacheRoot` while
// `weightsPath` was as it is now (same size, time and path): a file known to be such weights
// without reading its 100 MB again. Else nullopt, and the file must be inspected.
std::optional<Arch> packedImagenetArch(const std::string& weightsPath,
                                       const std::string& cacheRoot);

// How many packed networks the folder keeps (the most recently written or used ones).
constexpr int kPackedNetworksKept = 3;

}  // namespace headstart::model
