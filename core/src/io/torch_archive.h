#pragma once
// Writes a state_dict in the file format of Python's `torch.save`: a zip archive of uncompressed
// records (each aligned to 64 bytes, as torch.save aligns them), `data.pkl` holding a dict of
// tensors (which Python's torch.load and libtorch's torch::pickle_load both read), one record
// per tensor and a `version` record. Tensors are written straight from their memory, in one
// pass; a record whose bytes come unchanged from a checkpoint read by readStateDict keeps the
// CRC-32 that checkpoint's directory gave it, so re-exporting a 100 MB backbone does not
// checksum it again.

#include <torch/torch.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace headstart::io {

// CRC-32s known for memory ranges: the start of a tensor's bytes -> (length, CRC-32).
using KnownCrcs = std::map<const void*, std::pair<size_t, uint32_t>>;

// `state`: names to tensors of float32, float64, float16, int64, int32, uint8 or bool. Tensors
// that are not contiguous are copied first.
std::string writeTorchArchive(const std::vector<std::pair<std::string, torch::Tensor>>& state,
                              const KnownCrcs& known = {});

}  // namespace headstart::io
