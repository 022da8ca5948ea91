#include "io/checkpoint.h"

#include <caffe2/serialize/inline_container.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <sstream>

#include "headstart/error.h"
#include "io/atomic_file.h"
#include "io/mapped_file.h"
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

// Files from PyTorch before 1.6 are a bare pickle stream that starts with a magic number.
void rejectNonZip(std::string_view head, const std::string& path) {
  if (head.empty()) throw Error(path + ": empty file, not a checkpoint");
  if (head.substr(0, 2) == "PK") return;
  if (static_cast<uint8_t>(head[0]) == 0x80) {
    throw Error(path +
                ": legacy PyTorch checkpoint format (written before PyTorch 1.6), which is not "
                "supported; re-save it in Python with torch.save(torch.load(old), new)");
  }
  throw Error(path + ": not a PyTorch checkpoint (not a zip or pickle file)");
}

// A zip archive ends with its directory's end record: without it the file was cut short (a
// download or copy that stopped), which says more than the zip reader's own complaint.
void rejectTruncatedZip(std::string_view bytes, const std::string& path) {
  constexpr size_t kEndRecord = 22, kLongestComment = 65535;
  const size_t from =
      bytes.size() > kEndRecord + kLongestComment ? bytes.size() - kEndRecord - kLongestComment : 0;
  if (bytes.substr(from).find(std::string_view("PK\x05\x06", 4)) != std::string_view::npos) return;
  throw Error(path + ": truncated: the file ends after " + std::to_string(bytes.size()) +
              " bytes, before the end of its zip archive (a download or copy cut short?)");
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

// An archive's bytes, kept alive by `owner` (a mapping of the file, or a copy of the caller's
// bytes) for as long as any tensor read from it lives.
struct ArchiveBytes {
  std::shared_ptr<const void> owner;
  std::string_view bytes;
};

// libtorch's reader over bytes already in memory: it copies only what it is asked for (the
// directory, data.pkl, and records that are compressed).
class BytesAdapter final : public caffe2::serialize::ReadAdapterInterface {
 public:
  explicit BytesAdapter(std::string_view bytes) : m_bytes(bytes) {}
  size_t size() const override { return m_bytes.size(); }
  size_t read(uint64_t pos, void* buf, size_t n, const char*) const override {
    if (pos >= m_bytes.size()) return 0;
    n = std::min<size_t>(n, m_bytes.size() - pos);
    std::memcpy(buf, m_bytes.data() + pos, n);
    return n;
  }

 private:
  std::string_view m_bytes;
};

ReadAt readAtOf(std::string_view bytes) {
  return [bytes](uint64_t offset, size_t n) {
    return offset >= bytes.size() ? std::string() : std::string(bytes.substr(offset, n));
  };
}

// The archive's pickle program run by our restricted unpickler. An uncompressed storage record
// (all of them, in files torch.save writes) becomes a tensor over the archive's own bytes, with
// no copy; the zip's CRC of such a record is not recomputed, as torch.load's memory-mapped mode
// does not either (a download is verified by its SHA-256 instead). Compressed records are
// inflated by libtorch's reader, which checks their CRC.
StateDict readArchive(const ArchiveBytes& archive, const std::string& path, KnownCrcs* crcs) {
  const auto bytes = archive.bytes;
  checkDeclaredSizes(readAtOf(bytes), bytes.size(), path);
  caffe2::serialize::PyTorchStreamReader reader(std::make_shared<BytesAdapter>(bytes));
  if (!reader.hasRecord("data.pkl")) {
    throw Error(path + ": zip archive without data.pkl (not a torch.save checkpoint)");
  }
  const auto stored = storedRecords(readAtOf(bytes), bytes.size());
  auto [program, size] = reader.getRecord("data.pkl");
  auto loadStorage = [&](const std::string& key) -> std::pair<std::shared_ptr<void>, size_t> {
    const std::string name = "data/" + key;
    if (!reader.hasRecord(name)) throw PickleError("storage record '" + name + "' is missing");
    if (const auto it = stored.find(name); it != stored.end()) {
      const uint64_t offset = reader.getRecordOffset(name), length = it->second.size;
      if (offset > bytes.size() || length > bytes.size() - offset)
        throw PickleError("storage record '" + name + "' lies outside the file");
      auto* start = const_cast<char*>(bytes.data() + offset);  // the mapping is copy-on-write
      if (crcs) (*crcs)[start] = {size_t(length), it->second.crc32};
      return {std::shared_ptr<void>(std::const_pointer_cast<void>(archive.owner), start),
              size_t(length)};
    }
    auto [data, length] = reader.getRecord(name);
    auto owner = std::make_shared<at::DataPtr>(std::move(data));
    return {std::shared_ptr<void>(owner, owner->get()), length};
  };
  const auto root =
      unpickle(std::string_view(static_cast<const char*>(program.get()), size), loadStorage);
  return toStateDict(*root, path);
}

// Reads the archive, turning every failure into an Error naming `path`.
StateDict readGuarded(const ArchiveBytes& archive, const std::string& path, KnownCrcs* crcs) {
  rejectNonZip(archive.bytes.substr(0, 4), path);
  rejectTruncatedZip(archive.bytes, path);
  try {
    return readArchive(archive, path, crcs);
  } catch (const PickleError& e) {
    throw Error(path + ": " + e.what());
  } catch (const c10::Error& e) {
    throw Error(path + ": damaged or truncated checkpoint archive (" + e.what_without_backtrace() +
                ")");
  }
}

}  // namespace

StateDict readStateDict(const std::string& path, KnownCrcs* crcs) {
  const auto file = MappedFile::open(path);
  return readGuarded({file, file->bytes()}, path, crcs);
}

StateDict readStateDictFromBytes(std::string_view bytes, const std::string& name) {
  auto copy = std::make_shared<const std::string>(bytes);
  return readGuarded({copy, *copy}, name, nullptr);
}

std::string serializeStateDict(const StateDict& state, const KnownCrcs& known) {
  return writeTorchArchive(state, known);
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
