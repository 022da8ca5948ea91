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
void pickleTensor(PickleWriter& p, c10::ScalarType type, int64_t numel, c10::IntArrayRef sizes,
                  c10::IntArrayRef strides, const std::string& key) {
  p.global("torch._utils", "_rebuild_tensor_v2");
  p.raw(op::kMark);
  p.raw(op::kMark);
  p.text("storage");
  p.global("torch", storageName(type));
  p.text(key);
  p.text("cpu");
  p.integer(numel);
  p.raw(op::kTuple);
  p.raw(op::kBinPersId);
  p.integer(0);
  p.tupleOf(sizes);
  p.tupleOf(strides);
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

void putDirectoryEntry(std::string& out, const Record& r) {
  put(out, 0x02014b50, 4);
  put(out, 20, 2);  // made by
  put(out, 20, 2);  // needed
  put(out, 0, 2);
  put(out, 0, 2);
  put(out, 0, 4);
  put(out, r.crc, 4);
  put(out, r.size, 4);
  put(out, r.size, 4);
  put(out, r.name.size(), 2);
  put(out, 0, 2);  // extra
  put(out, 0, 2);  // comment
  put(out, 0, 2);  // disk
  put(out, 0, 2);  // internal attributes
  put(out, 0, 4);  // external attributes
  put(out, r.headerOffset, 4);
  out += r.name;
}

}  // namespace

class ZipWriter {
 public:
  explicit ZipWriter(ByteSink& sink) : m_sink(sink) {}

  void add(Record record) {
    record.headerOffset = m_offset;
    const size_t fixed = 30 + record.name.size() + 4;  // header, name, padding field's header
    const size_t padding = (kAlignment - (m_offset + fixed) % kAlignment) % kAlignment;
    std::string header;
    put(header, 0x04034b50, 4);
    put(header, 20, 2);  // version needed: 2.0, plain stored data
    put(header, 0, 2);   // flags
    put(header, 0, 2);   // stored
    put(header, 0, 4);   // time and date: none, so equal inputs give equal files
    put(header, record.crc, 4);
    put(header, record.size, 4);
    put(header, record.size, 4);
    put(header, record.name.size(), 2);
    put(header, 4 + padding, 2);
    header += record.name;
    put(header, kPaddingField, 2);
    put(header, padding, 2);
    header.append(padding, 'Z');
    emit(header.data(), header.size());
    emit(record.data, record.size);
    record.data = nullptr;
    m_records.push_back(std::move(record));
  }

  void finish() {
    const uint64_t directoryOffset = m_offset;
    std::string tail;
    for (const auto& r : m_records) putDirectoryEntry(tail, r);
    const uint64_t directorySize = tail.size();
    put(tail, 0x06054b50, 4);
    put(tail, 0, 4);  // disk numbers
    put(tail, m_records.size(), 2);
    put(tail, m_records.size(), 2);
    put(tail, directorySize, 4);
    put(tail, directoryOffset, 4);
    put(tail, 0, 2);
    emit(tail.data(), tail.size());
  }

 private:
  ByteSink& m_sink;
  uint64_t m_offset = 0;
  std::vector<Record> m_records;

  void emit(const char* data, size_t size) {
    m_sink.write(data, size);
    m_offset += size;
  }
};

namespace {

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

// The contiguous strides of `sizes`: what a record's bytes are laid out as.
static std::vector<int64_t> contiguousStrides(c10::IntArrayRef sizes) {
  std::vector<int64_t> strides(sizes.size());
  int64_t step = 1;
  for (size_t i = sizes.size(); i-- > 0;) {
    strides[i] = step;
    step *= std::max<int64_t>(sizes[i], 1);
  }
  return strides;
}

TorchArchiveStream::TorchArchiveStream(ByteSink& sink, const StateLayout& layout)
    : m_zip(std::make_unique<ZipWriter>(sink)) {
  size_t total = 0;
  PickleWriter pickle;
  // A plain dict, not torch.save's OrderedDict: Python's load_state_dict takes either, and
  // libtorch's torch::pickle_load reads an OrderedDict as None.
  pickle.raw(op::kEmptyDict);
  pickle.raw(op::kMark);
  for (const auto& [name, tensor] : layout) {
    const auto key = std::to_string(m_expected.size());
    m_expected.push_back({name, tensor.scalar_type(), tensor.sizes().vec()});
    total += tensor.nbytes() + kAlignment + 128;
    pickle.text(name);
    pickleTensor(pickle, tensor.scalar_type(), tensor.numel(), tensor.sizes(),
                 contiguousStrides(tensor.sizes()), key);
  }
  pickle.raw(op::kSetItems);
  const std::string program = pickle.finish();
  // The archive's 4 GiB limit without zip64: far above any ResNet checkpoint.
  if (total > 0xffffffffull - program.size() - 65536)
    throw Error("the checkpoint would exceed 4 GiB, which this writer does not support");
  m_zip->add(recordOf(std::string(kFolder) + "data.pkl", program.data(), program.size(), {}));
}

TorchArchiveStream::~TorchArchiveStream() = default;

void TorchArchiveStream::add(const torch::Tensor& tensor, const KnownCrcs& known) {
  TORCH_CHECK(m_added < m_expected.size(), "more tensors than the archive's layout has");
  const auto& expected = m_expected[m_added];
  TORCH_CHECK(tensor.scalar_type() == expected.type && tensor.sizes() == expected.sizes,
              expected.name, ": expected ", c10::toString(expected.type), expected.sizes, ", got ",
              c10::toString(tensor.scalar_type()), tensor.sizes());
  const auto t = tensor.detach().cpu().contiguous();
  m_zip->add(recordOf(std::string(kFolder) + "data/" + std::to_string(m_added), t.data_ptr(),
                      t.nbytes(), known));
  ++m_added;
}

void TorchArchiveStream::finish() {
  TORCH_CHECK(m_added == m_expected.size(), "the archive is missing ", m_expected.size() - m_added,
              " of its tensors");
  const std::string version = "3\n";
  m_zip->add(recordOf(std::string(kFolder) + "version", version.data(), version.size(), {}));
  m_zip->finish();
}

namespace {

class StringSink : public ByteSink {
 public:
  explicit StringSink(size_t capacity) { m_bytes.reserve(capacity); }
  void write(const char* data, size_t size) override { m_bytes.append(data, size); }
  std::string take() { return std::move(m_bytes); }

 private:
  std::string m_bytes;
};

}  // namespace

std::string writeTorchArchive(const StateLayout& state, const KnownCrcs& known) {
  size_t total = 4096;
  for (const auto& [name, tensor] : state)
    total += tensor.nbytes() + kAlignment + 128 + name.size();
  StringSink sink(total);
  TorchArchiveStream stream(sink, state);
  for (const auto& [name, tensor] : state) stream.add(tensor, known);
  stream.finish();
  return sink.take();
}

}  // namespace headstart::io
