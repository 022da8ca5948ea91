#include "io/checkpoint.h"

#include <caffe2/serialize/inline_container.h>

#include <fstream>
#include <map>
#include <sstream>

#include "headstart/error.h"
#include "io/atomic_file.h"
#include "io/pickle.h"
#include "io/zip_sizes.h"

namespace headstart::io {
namespace {

using Kind = PickleValue::Kind;

std::string shapeText(c10::IntArrayRef sizes) {
  std::ostringstream out;
  out << '[';
  for (size_t i = 0; i < sizes.size(); ++i) out << (i ? ", " : "") << sizes[i];
  out << ']';
  return out.str();
}

std::string readPrefix(const std::string& path, size_t n) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open (" + std::strerror(errno) + ")");
  std::string bytes(n, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(n));
  bytes.resize(static_cast<size_t>(in.gcount()));
  return bytes;
}

// Files from PyTorch before 1.6 are a bare pickle stream that starts with a magic number.
void rejectNonZip(std::string_view head, const std::string& path) {
  if (head.empty()) throw Error(path + ": empty file, not a checkpoint");
  if (head.substr(0, 2) == "PK") return;
  if (static_cast<uint8_t>(head[0]) == 0x80) {
    throw Error(path +
                ": legacy PyTorch checkpoint format (written before PyTorch 1.6), which is not "
                "supported; re-save it in Python with torch.save(torch.load(old), new)");
  }
  throw Error(path + ": not a PyTorch checkpoint (not a zip archive)");
}

const PickleValue* findEntry(const PickleValue& dict, const std::string& key) {
  for (const auto& [k, v] : dict.entries) {
    if (k->kind == Kind::String && k->text == key) return v.get();
  }
  return nullptr;
}

bool holdsTensors(const PickleValue& dict) {
  for (const auto& [k, v] : dict.entries) {
    if (v->kind == Kind::Tensor) return true;
  }
  return dict.entries.empty();
}

StateDict toStateDict(const PickleValue& root, const std::string& path) {
  const PickleValue* dict = &root;
  if (root.kind == Kind::Dict && !holdsTensors(root)) {
    for (const char* key : {"state_dict", "model"}) {
      if (const auto* inner = findEntry(root, key); inner && inner->kind == Kind::Dict) {
        dict = inner;
        break;
      }
    }
  }
  if (dict->kind != Kind::Dict) throw Error(path + ": the file does not hold a state_dict");
  StateDict state;
  for (const auto& [key, value] : dict->entries) {
    if (key->kind != Kind::String) throw Error(path + ": a state_dict key is not a string");
    if (value->kind != Kind::Tensor) {
      throw Error(path + ": entry '" + key->text + "' is not a tensor");
    }
    state.emplace_back(key->text, value->tensor);
  }
  if (state.empty()) throw Error(path + ": the state_dict is empty");
  return state;
}

// The archive's pickle program run by our restricted unpickler; storages read on demand.
StateDict readArchive(caffe2::serialize::PyTorchStreamReader& reader, const std::string& path) {
  if (!reader.hasRecord("data.pkl")) {
    throw Error(path + ": zip archive without data.pkl (not a torch.save checkpoint)");
  }
  auto [program, size] = reader.getRecord("data.pkl");
  auto loadStorage = [&reader](const std::string& key) {
    const std::string name = "data/" + key;
    if (!reader.hasRecord(name)) throw PickleError("storage record '" + name + "' is missing");
    auto [data, bytes] = reader.getRecord(name);
    auto owner = std::make_shared<at::DataPtr>(std::move(data));
    return std::make_pair(std::shared_ptr<void>(owner, owner->get()), bytes);
  };
  const auto root =
      unpickle(std::string_view(static_cast<const char*>(program.get()), size), loadStorage);
  return toStateDict(*root, path);
}

// Opens the archive with `open` and reads it, turning every failure into an Error naming `path`.
template <typename Open>
StateDict readGuarded(const std::string& path, Open open) {
  try {
    auto reader = open();
    return readArchive(*reader, path);
  } catch (const PickleError& e) {
    throw Error(path + ": " + e.what());
  } catch (const c10::Error& e) {
    throw Error(path + ": damaged or truncated checkpoint archive (" + e.what_without_backtrace() +
                ")");
  }
}

}  // namespace

StateDict readStateDict(const std::string& path) {
  rejectNonZip(readPrefix(path, 4), path);
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  const auto size = static_cast<uint64_t>(std::max<std::streamoff>(file.tellg(), 0));
  checkDeclaredSizes(
      [&file](uint64_t offset, size_t n) {
        std::string bytes(n, '\0');
        file.clear();
        file.seekg(static_cast<std::streamoff>(offset));
        file.read(bytes.data(), static_cast<std::streamsize>(n));
        bytes.resize(static_cast<size_t>(std::max<std::streamsize>(file.gcount(), 0)));
        return bytes;
      },
      size, path);
  return readGuarded(
      path, [&] { return std::make_unique<caffe2::serialize::PyTorchStreamReader>(path); });
}

StateDict readStateDictFromBytes(std::string_view bytes, const std::string& name) {
  rejectNonZip(bytes.substr(0, 4), name);
  checkDeclaredSizes(
      [bytes](uint64_t offset, size_t n) {
        return offset >= bytes.size() ? std::string() : std::string(bytes.substr(offset, n));
      },
      bytes.size(), name);
  std::istringstream stream{std::string(bytes)};
  return readGuarded(
      name, [&] { return std::make_unique<caffe2::serialize::PyTorchStreamReader>(&stream); });
}

std::string serializeStateDict(const StateDict& state) {
  c10::Dict<std::string, torch::Tensor> dict;
  for (const auto& [name, tensor] : state) dict.insert(name, tensor.detach().cpu().contiguous());
  const auto bytes = torch::pickle_save(dict);
  return std::string(bytes.begin(), bytes.end());
}

void writeStateDict(const std::string& path, const StateDict& state) {
  writeFileAtomically(path, serializeStateDict(state));
}

StateDict conformToSpec(StateDict state, const std::vector<model::TensorSpec>& spec,
                        const std::string& path) {
  std::map<std::string, const model::TensorSpec*> expected;
  for (const auto& item : spec) expected[item.name] = &item;
  std::map<std::string, torch::Tensor> given;
  for (auto& [name, tensor] : state) {
    const auto it = expected.find(name);
    if (it == expected.end()) {
      throw Error(path + ": unexpected key '" + name + "' (the model has no such parameter)");
    }
    const auto& want = *it->second;
    if (tensor.sizes() != c10::IntArrayRef(want.shape)) {
      throw Error(path + ": '" + name + "' has shape " + shapeText(tensor.sizes()) +
                  ", the model expects " + shapeText(want.shape));
    }
    if (tensor.is_floating_point() != want.floating || tensor.scalar_type() == torch::kBool) {
      throw Error(path + ": '" + name + "' has dtype " + c10::toString(tensor.scalar_type()) +
                  ", the model expects " +
                  (want.floating ? "a floating-point type" : "an integer"));
    }
    given[name] = want.floating ? tensor.to(torch::kFloat32) : tensor.to(torch::kInt64);
    tensor = torch::Tensor();  // release the file's copy as soon as possible
  }
  StateDict out;
  for (const auto& item : spec) {
    auto it = given.find(item.name);
    if (it == given.end()) throw Error(path + ": missing key '" + item.name + "'");
    out.emplace_back(item.name, std::move(it->second));
  }
  return out;
}

void loadStateDict(torch::nn::Module& module, const StateDict& state, const std::string& path) {
  std::vector<model::TensorSpec> spec;
  std::map<std::string, torch::Tensor> targets;
  for (const auto& list : {module.named_parameters(), module.named_buffers()}) {
    for (const auto& item : list) {
      spec.push_back({item.key(), item.value().sizes().vec(), item.value().is_floating_point()});
      targets[item.key()] = item.value();
    }
  }
  const auto conformed = conformToSpec(state, spec, path);
  torch::NoGradGuard noGrad;
  for (const auto& [name, tensor] : conformed) targets[name].copy_(tensor);
}

}  // namespace headstart::io
