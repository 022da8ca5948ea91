#include "io/torch_archive.h"

#include <zlib.h>

#include "headstart/error.h"

namespace headstart::io {
namespace {

constexpr size_t kAlignment = 64;  // torch.save's: lets a reader map the tensors in place
constexpr const char* kFolder = "archive/";
constexpr uint16_t kPaddingField = 0x4246;  // "FB", the extra field torch.save pads with

void put(std::string& out, uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(char((value >> (8 * i)) & 0xff));
}

// Pickle (protocol 2) opcodes, named as the format defines them.
namespace op {
constexpr char kProto = '\x80', kGlobal = 'c', kEmptyTuple = ')', kReduce = 'R', kMark = '(',
               kBinUnicode = 'X', kTuple = 't', kBinPersId = 'Q', kNewFalse = '\x89',
               kSetItems = 'u', kStop = '.', kEmptyDict = '}', kBinInt1 = 'K', kBinInt2 = 'M',
               kBinInt = 'J', kLong1 = '\x8a';
}

class PickleWriter {
 public:
  PickleWriter() { m_out += {op::kProto, '\x02'}; }

  void global(const char* module, const char* name) {
    m_out += op::kGlobal;
    m_out += std::string(module) + "\n" + name + "\n";
  }
  void text(const std::string& s) {
    m_out += op::kBinUnicode;
    put(m_out, s.size(), 4);
    m_out += s;
  }
  void integer(int64_t v) {
    if (v >= 0 && v < 256) {
      m_out += op::kBinInt1;
      put(m_out, uint64_t(v), 1);
    } else if (v >= 0 && v < 65536) {
      m_out += op::kBinInt2;
      put(m_out, uint64_t(v), 2);
    } else if (v >= INT32_MIN && v <= INT32_MAX) {
      m_out += op::kBinInt;
      put(m_out, uint64_t(uint32_t(int32_t(v))), 4);
    } else {
      m_out += op::kLong1;
      put(m_out, 8, 1);
      put(m_out, uint64_t(v), 8);
    }
  }
  void tupleOf(c10::IntArrayRef values) {
    m_out += op::kMark;
    for (const auto v : values) integer(v);
    m_out += op::kTuple;
  }
  void emptyOrderedDict() {
    global("collections", "OrderedDict");
    m_out += {op::kEmptyTuple, op::kReduce};
  }
  void raw(char opcode) { m_out += opcode; }
  std::string finish() {
    m_out += op::kStop;
    return std::move(m_out);
  }

 private:
  std::string m_out;
};

const char* storageName(c10::ScalarType type) {
  switch (type) {
    case torch::kFloat:
      return "FloatStorage";
    case torch::kDouble:
      return "DoubleStorage";
    case torch::kHalf:
      return "HalfStorage";
    case torch::kLong:
      return "LongStorage";
    case torch::kInt:
      return "IntStorage";
    case torch::kByte:
      return "ByteStorage";
    case torch::kBool:
      return "BoolStorage";
    default:
      throw Error(std::string("cannot save a tensor of type ") + c10::toString(type));
  }
}

// _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, backward_hooks), the storage
// being the persistent record `key`.
void pickleTensor(PickleWriter& p, const torch::Tensor& t, const std::string& key) {
  p.global("torch._utils", "_rebuild_tensor_v2");
  p.raw(op::kMark);
  p.raw(op::kMark);
  p.text("storage");
  p.global("torch", storageName(t.scalar_type()));
  p.text(key);
  p.text("cpu");
  p.integer(t.numel());
  p.raw(op::kTuple);
  p.raw(op::kBinPersId);
  p.integer(0);
  p.tupleOf(t.sizes());
  p.tupleOf(t.strides());
  p.raw(op::kNewFalse);
  p.emptyOrderedDict();
  p.raw(op::kTuple);
  p.raw(op::kReduce);
}

struct Record {
  std::string name;
  const char* data = nullptr;
  size_t size = 0;
  uint32_t crc = 0;
  uint64_t headerOffset = 0;
};

class ZipWriter {
 public:
  void add(Record record) {
    record.headerOffset = m_out.size();
    const size_t fixed = 30 + record.name.size() + 4;  // header, name, padding field's header
    const size_t padding = (kAlignment - (m_out.size() + fixed) % kAlignment) % kAlignment;
    put(m_out, 0x04034b50, 4);
    put(m_out, 20, 2);  // version needed: 2.0, plain stored data
    put(m_out, 0, 2);   // flags
    put(m_out, 0, 2);   // stored
    put(m_out, 0, 4);   // time and date: none, so equal inputs give equal files
    put(m_out, record.crc, 4);
    put(m_out, record.size, 4);
    put(m_out, record.size, 4);
    put(m_out, record.name.size(), 2);
    put(m_out, 4 + padding, 2);
    m_out += record.name;
    put(m_out, kPaddingField, 2);
    put(m_out, padding, 2);
    m_out.append(padding, 'Z');
    m_out.append(record.data, record.size);
    m_records.push_back(std::move(record));
  }

  std::string finish() {
    const uint64_t directoryOffset = m_out.size();
    for (const auto& r : m_records) {
      put(m_out, 0x02014b50, 4);
      put(m_out, 20, 2);  // made by
      put(m_out, 20, 2);  // needed
      put(m_out, 0, 2);
      put(m_out, 0, 2);
      put(m_out, 0, 4);
      put(m_out, r.crc, 4);
      put(m_out, r.size, 4);
      put(m_out, r.size, 4);
      put(m_out, r.name.size(), 2);
      put(m_out, 0, 2);  // extra
      put(m_out, 0, 2);  // comment
      put(m_out, 0, 2);  // disk
      put(m_out, 0, 2);  // internal attributes
      put(m_out, 0, 4);  // external attributes
      put(m_out, r.headerOffset, 4);
      m_out += r.name;
    }
    const uint64_t directorySize = m_out.size() - directoryOffset;
    put(m_out, 0x06054b50, 4);
    put(m_out, 0, 4);  // disk numbers
    put(m_out, m_records.size(), 2);
    put(m_out, m_records.size(), 2);
    put(m_out, directorySize, 4);
    put(m_out, directoryOffset, 4);
    put(m_out, 0, 2);
    return std::move(m_out);
  }

  void reserve(size_t bytes) { m_out.reserve(bytes); }

 private:
  std::string m_out;
  std::vector<Record> m_records;
};

uint32_t crcOf(const char* data, size_t size) {
  uLong crc = crc32_z(0L, Z_NULL, 0);
  return uint32_t(crc32_z(crc, reinterpret_cast<const Bytef*>(data), size));
}

Record recordOf(std::string name, const void* data, size_t size, const KnownCrcs& known) {
  Record r{std::move(name), static_cast<const char*>(data), size};
  const auto it = known.find(data);
  r.crc = it != known.end() && it->second.first == size ? it->second.second : crcOf(r.data, r.size);
  return r;
}

}  // namespace

std::string writeTorchArchive(const std::vector<std::pair<std::string, torch::Tensor>>& state,
                              const KnownCrcs& known) {
  std::vector<torch::Tensor> tensors;
  size_t total = 0;
  PickleWriter pickle;
  // A plain dict, not torch.save's OrderedDict: Python's load_state_dict takes either, and
  // libtorch's torch::pickle_load reads an OrderedDict as None.
  pickle.raw(op::kEmptyDict);
  pickle.raw(op::kMark);
  for (const auto& [name, tensor] : state) {
    tensors.push_back(tensor.detach().cpu().contiguous());
    total += tensors.back().nbytes() + kAlignment + 128;
    pickle.text(name);
    pickleTensor(pickle, tensors.back(), std::to_string(tensors.size() - 1));
  }
  pickle.raw(op::kSetItems);
  const std::string program = pickle.finish();
  const std::string version = "3\n";
  // The archive's 4 GiB limit without zip64: far above any ResNet checkpoint.
  if (total > 0xffffffffull - program.size() - 65536)
    throw Error("the checkpoint would exceed 4 GiB, which this writer does not support");

  ZipWriter zip;
  zip.reserve(total + program.size() + 4096);
  zip.add(recordOf(std::string(kFolder) + "data.pkl", program.data(), program.size(), {}));
  for (size_t i = 0; i < tensors.size(); ++i)
    zip.add(recordOf(std::string(kFolder) + "data/" + std::to_string(i), tensors[i].data_ptr(),
                     tensors[i].nbytes(), known));
  zip.add(recordOf(std::string(kFolder) + "version", version.data(), version.size(), {}));
  return zip.finish();
}

}  // namespace headstart::io
