#pragma once
// A restricted interpreter for the pickle programs that `torch.save` writes for a state_dict.
// It knows only the opcodes and the few globals such a file needs (OrderedDict, the tensor
// rebuild functions, the typed storages) and refuses everything else, so loading a checkpoint
// never executes code named in the file.

#include <torch/torch.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace headstart::io {

struct PickleValue;
using PickleRef = std::shared_ptr<PickleValue>;

struct PickleValue {
  enum class Kind { None, Bool, Int, Float, String, Tuple, List, Dict, Global, Tensor };
  Kind kind = Kind::None;
  int64_t integer = 0;  // Bool and Int
  double real = 0;
  std::string text;                                      // String; "module.name" for Global
  std::vector<PickleRef> items;                          // Tuple and List
  std::vector<std::pair<PickleRef, PickleRef>> entries;  // Dict, in insertion order
  torch::Tensor tensor;
  int depth = 0;  // nesting depth, bounded so hostile files cannot build deep structures
};

class PickleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Returns the raw bytes of storage record `key` ("data/<key>" in the archive).
using StorageLoader =
    std::function<std::pair<std::shared_ptr<void>, size_t>(const std::string& key)>;

// Runs the pickle program; throws PickleError naming the opcode or global that is not allowed.
PickleRef unpickle(std::string_view program, const StorageLoader& loadStorage);

}  // namespace headstart::io
