#pragma once
// Reading and writing `state_dict` files in the format of Python's `torch.save` (a zip archive
// holding `data.pkl` and one record per storage).

#include <torch/torch.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/torch_archive.h"
#include "model/spec.h"

namespace headstart::io {

// Parameter and buffer names to tensors, in the file's order.
using StateDict = std::vector<std::pair<std::string, torch::Tensor>>;

// Accepts an OrderedDict or dict of tensors, or a dict holding one under "state_dict" or
// "model". Throws headstart::Error naming `path` and the cause. The file is mapped, not read:
// its tensors point into the mapping (copy-on-write), which lives as long as any of them. With
// `crcs`, notes the CRC-32 of each tensor record the file keeps uncompressed, for
// serializeStateDict to reuse.
StateDict readStateDict(const std::string& path, KnownCrcs* crcs = nullptr);

// The same from a file's bytes in memory; `name` stands for the file in messages.
StateDict readStateDictFromBytes(std::string_view bytes, const std::string& name);

// The bytes of a file that Python's `torch.load` returns as a dict of tensors (torch_archive.h).
std::string serializeStateDict(const StateDict& state, const KnownCrcs& known = {});
// Writes such a file atomically.
void writeStateDict(const std::string& path, const StateDict& state);

// Checks every name, shape and dtype of `state` against `spec` and returns its tensors in the
// spec's order, floating ones as float32 (half-precision files are accepted). Throws
// headstart::Error naming `path`, the key and what was expected.
StateDict conformToSpec(StateDict state, const std::vector<model::TensorSpec>& spec,
                        const std::string& path);

// Copies `state` into `module`'s parameters and buffers after checking every name, shape and
// dtype; on any mismatch throws headstart::Error and leaves the module untouched.
void loadStateDict(torch::nn::Module& module, const StateDict& state, const std::string& path);

}  // namespace headstart::io
