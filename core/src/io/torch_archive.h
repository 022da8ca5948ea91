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
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace headstart::io {

// CRC-32s known for memory ranges: the start of a tensor's bytes -> (length, CRC-32).
using KnownCrcs = std::map<const void*, std::pair<size_t, uint32_t>>;

// A state_dict's names and tensors, in the order they are written.
using StateLayout = std::vector<std::pair<std::string, torch::Tensor>>;

// Where an archive's bytes go, in order.
class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual void write(const char* data, size_t size) = 0;
};

class ZipWriter;

// Writes an archive record by record, for a state_dict whose names, types and shapes are known
// before all its values are: the records already known can reach the disk while the others are
// still being computed (a backbone's 100 MB while its new final layer trains). The bytes are
// writeTorchArchive's.
class TorchArchiveStream {
 public:
  // Only the types and shapes of `layout`'s tensors are read; `data.pkl` is written at once.
  TorchArchiveStream(ByteSink& sink, const StateLayout& layout);
  ~TorchArchiveStream();
  // The layout's next tensor: its type and shape must be the layout's.
  void add(const torch::Tensor& tensor, const KnownCrcs& known = {});
  // After the last tensor: the version record and the directory.
  void finish();

 private:
  struct Expected {
    std::string name;
    c10::ScalarType type;
    std::vector<int64_t> sizes;
  };
  std::unique_ptr<ZipWriter> m_zip;
  std::vector<Expected> m_expected;
  size_t m_added = 0;
};

// `state`: names to tensors of float32, float64, float16, int64, int32, uint8 or bool. Tensors
// that are not contiguous are copied first.
std::string writeTorchArchive(const StateLayout& state, const KnownCrcs& known = {});

}  // namespace headstart::io
