#include "io/pickle.h"

#include <cstring>
#include <map>
#include <unordered_map>

namespace headstart::io {
namespace {

constexpr int kMaxDepth = 64;
constexpr size_t kMaxMemo = 1u << 24;

using Kind = PickleValue::Kind;

PickleRef make(Kind kind) {
  auto v = std::make_shared<PickleValue>();
  v->kind = kind;
  return v;
}

PickleRef makeInt(int64_t value, Kind kind = Kind::Int) {
  auto v = make(kind);
  v->integer = value;
  return v;
}

PickleRef makeText(std::string text, Kind kind = Kind::String) {
  auto v = make(kind);
  v->text = std::move(text);
  return v;
}

const std::map<std::string, torch::ScalarType>& storageTypes() {
  static const std::map<std::string, torch::ScalarType> types{
      {"torch.FloatStorage", torch::kFloat32}, {"torch.DoubleStorage", torch::kFloat64},
      {"torch.HalfStorage", torch::kFloat16},  {"torch.BFloat16Storage", torch::kBFloat16},
      {"torch.LongStorage", torch::kInt64},    {"torch.IntStorage", torch::kInt32},
      {"torch.ShortStorage", torch::kInt16},   {"torch.CharStorage", torch::kInt8},
      {"torch.ByteStorage", torch::kUInt8},    {"torch.BoolStorage", torch::kBool},
  };
  return types;
}

bool isAllowedGlobal(const std::string& name) {
  static const char* const kCallables[] = {
      "collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor",
      "torch._utils._rebuild_parameter", "torch.jit._pickle.restore_type_tag"};
  for (const char* allowed : kCallables) {
    if (name == allowed) return true;
  }
  return storageTypes().count(name) > 0;
}

class Unpickler {
 public:
  Unpickler(std::string_view program, const StorageLoader& loader)
      : m_in(program), m_loader(loader) {}

  PickleRef run() {
    while (true) {
      const auto op = static_cast<uint8_t>(readByte());
      if (op == '.') break;
      step(op);
    }
    if (m_stack.size() != 1 || !m_marks.empty()) fail("the program ends with a malformed stack");
    return m_stack.back();
  }

 private:
  std::string_view m_in;
  size_t m_pos = 0;
  const StorageLoader& m_loader;
  std::vector<PickleRef> m_stack;
  std::vector<size_t> m_marks;
  std::unordered_map<uint64_t, PickleRef> m_memo;
  std::unordered_map<std::string, torch::Tensor> m_storages;

  [[noreturn]] void fail(const std::string& what) const {
    throw PickleError("pickle at byte " + std::to_string(m_pos) + ": " + what);
  }

  std::string_view read(size_t n) {
    if (n > m_in.size() - m_pos) fail("unexpected end of data (truncated file?)");
    auto out = m_in.substr(m_pos, n);
    m_pos += n;
    return out;
  }
  char readByte() { return read(1)[0]; }

  uint64_t readUnsigned(size_t n) {
    const auto bytes = read(n);
    uint64_t value = 0;
    for (size_t i = 0; i < n; ++i) value |= uint64_t(uint8_t(bytes[i])) << (8 * i);
    return value;
  }

  std::string readLine() {
    const auto end = m_in.find('\n', m_pos);
    if (end == std::string_view::npos) fail("unterminated GLOBAL name");
    std::string line(m_in.substr(m_pos, end - m_pos));
    m_pos = end + 1;
    return line;
  }

  PickleRef pop() {
    if (m_stack.empty() || (!m_marks.empty() && m_stack.size() <= m_marks.back())) {
      fail("stack underflow");
    }
    auto v = m_stack.back();
    m_stack.pop_back();
    return v;
  }
  PickleRef& top() {
    if (m_stack.empty()) fail("stack underflow");
    return m_stack.back();
  }

  std::vector<PickleRef> popToMark() {
    if (m_marks.empty()) fail("no MARK on the stack");
    const size_t mark = m_marks.back();
    m_marks.pop_back();
    std::vector<PickleRef> items(m_stack.begin() + static_cast<std::ptrdiff_t>(mark),
                                 m_stack.end());
    m_stack.resize(mark);
    return items;
  }

  void push(PickleRef v) { m_stack.push_back(std::move(v)); }

  void adopt(PickleValue& container, const PickleRef& child) {
    container.depth = std::max(container.depth, child->depth + 1);
    if (container.depth > kMaxDepth) fail("nesting deeper than " + std::to_string(kMaxDepth));
  }

  PickleRef makeSequence(Kind kind, std::vector<PickleRef> items) {
    auto v = make(kind);
    for (const auto& item : items) adopt(*v, item);
    v->items = std::move(items);
    return v;
  }

  void pushLong(size_t n) {
    if (n > 8) fail("integer wider than 64 bits");
    uint64_t raw = readUnsigned(n);
    if (n > 0 && n < 8 && (raw >> (8 * n - 1)) & 1) raw |= ~uint64_t(0) << (8 * n);
    push(makeInt(static_cast<int64_t>(raw)));
  }

  void memoPut(uint64_t index) {
    if (m_memo.size() >= kMaxMemo) fail("memo too large");
    m_memo[index] = top();
  }

  void memoGet(uint64_t index) {
    const auto it = m_memo.find(index);
    if (it == m_memo.end()) fail("memo entry " + std::to_string(index) + " is missing");
    push(it->second);
  }

  void pushGlobal(const std::string& module, const std::string& name) {
    const std::string full = module + "." + name;
    if (!isAllowedGlobal(full)) {
      fail("refused to load global '" + full +
           "': only plain tensors and dictionaries are accepted (a checkpoint that names code "
           "is not a state_dict, and loading it could run that code)");
    }
    push(makeText(full, Kind::Global));
  }

  void setItems(PickleValue& dict, const std::vector<PickleRef>& flat) {
    if (dict.kind != Kind::Dict) fail("SETITEM on something that is not a dict");
    if (flat.size() % 2 != 0) fail("odd number of dict items");
    for (size_t i = 0; i < flat.size(); i += 2) {
      adopt(dict, flat[i + 1]);
      dict.entries.emplace_back(flat[i], flat[i + 1]);
    }
  }

  void appendItems(PickleValue& list, const std::vector<PickleRef>& items) {
    if (list.kind != Kind::List) fail("APPEND on something that is not a list");
    for (const auto& item : items) {
      adopt(list, item);
      list.items.push_back(item);
    }
  }

  void build() {
    auto state = pop();
    auto& target = *top();
    // OrderedDict carries `_metadata` (module versions) as instance state; tensors need none.
    if (target.kind != Kind::Dict || state->kind != Kind::Dict) {
      fail("BUILD is only accepted for the attributes of a dict");
    }
  }

  void step(uint8_t op);
  void reduce();
  PickleRef persistentLoad(const PickleRef& pid);
  PickleRef rebuildTensor(const std::vector<PickleRef>& args);
};

void Unpickler::step(uint8_t op) {
  switch (op) {
    case 0x80:
      readByte();
      break;  // PROTO
    case 0x95:
      readUnsigned(8);
      break;  // FRAME
    case '(':
      m_marks.push_back(m_stack.size());
      break;
    case ')':
      push(make(Kind::Tuple));
      break;
    case ']':
      push(make(Kind::List));
      break;
    case '}':
      push(make(Kind::Dict));
      break;
    case 'N':
      push(make(Kind::None));
      break;
    case 0x88:
      push(makeInt(1, Kind::Bool));
      break;
    case 0x89:
      push(makeInt(0, Kind::Bool));
      break;
    case 'K':
      push(makeInt(int64_t(readUnsigned(1))));
      break;
    case 'M':
      push(makeInt(int64_t(readUnsigned(2))));
      break;
    case 'J':
      push(makeInt(int64_t(int32_t(uint32_t(readUnsigned(4))))));
      break;
    case 0x8a:
      pushLong(size_t(readUnsigned(1)));
      break;
    case 'G': {
      uint64_t bits = 0;
      for (char c : read(8)) bits = (bits << 8) | uint8_t(c);  // big-endian
      auto v = make(Kind::Float);
      std::memcpy(&v->real, &bits, sizeof bits);
      push(v);
      break;
    }
    case 'X':
      push(makeText(std::string(read(readUnsigned(4)))));
      break;
    case 0x8c:
      push(makeText(std::string(read(readUnsigned(1)))));
      break;
    case 0x8d:
      push(makeText(std::string(read(readUnsigned(8)))));
      break;
    case 't':
      push(makeSequence(Kind::Tuple, popToMark()));
      break;
    case 0x85: {
      auto a = pop();
      push(makeSequence(Kind::Tuple, {a}));
      break;
    }
    case 0x86: {
      auto b = pop();
      auto a = pop();
      push(makeSequence(Kind::Tuple, {a, b}));
      break;
    }
    case 0x87: {
      auto c = pop();
      auto b = pop();
      auto a = pop();
      push(makeSequence(Kind::Tuple, {a, b, c}));
      break;
    }
    case 'l':
      push(makeSequence(Kind::List, popToMark()));
      break;
    case 'a': {
      auto item = pop();
      appendItems(*top(), {item});
      break;
    }
    case 'e': {
      auto items = popToMark();
      appendItems(*top(), items);
      break;
    }
    case 'd': {
      auto flat = popToMark();
      auto d = make(Kind::Dict);
      setItems(*d, flat);
      push(d);
      break;
    }
    case 's': {
      auto v = pop();
      auto k = pop();
      setItems(*top(), {k, v});
      break;
    }
    case 'u': {
      auto flat = popToMark();
      setItems(*top(), flat);
      break;
    }
    case 'c': {
      auto module = readLine();
      pushGlobal(module, readLine());
      break;
    }
    case 0x93: {
      auto name = pop();
      auto module = pop();
      if (name->kind != Kind::String || module->kind != Kind::String) fail("bad STACK_GLOBAL");
      pushGlobal(module->text, name->text);
      break;
    }
    case 'R':
      reduce();
      break;
    case 'b':
      build();
      break;
    case 'Q': {
      auto pid = pop();
      push(persistentLoad(pid));
      break;
    }
    case 'q':
      memoPut(readUnsigned(1));
      break;
    case 'r':
      memoPut(readUnsigned(4));
      break;
    case 0x94:
      memoPut(m_memo.size());
      break;
    case 'h':
      memoGet(readUnsigned(1));
      break;
    case 'j':
      memoGet(readUnsigned(4));
      break;
    case '0':
      pop();
      break;
    default: {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02x", op);
      fail(std::string("unsupported pickle opcode ") + hex);
    }
  }
}

void Unpickler::reduce() {
  auto args = pop();
  auto callable = pop();
  if (callable->kind != Kind::Global || args->kind != Kind::Tuple) fail("REDUCE of a non-callable");
  const auto& name = callable->text;
  if (name == "collections.OrderedDict") {
    if (!args->items.empty()) fail("OrderedDict with arguments");
    push(make(Kind::Dict));
  } else if (name == "torch._utils._rebuild_tensor_v2" || name == "torch._utils._rebuild_tensor") {
    push(rebuildTensor(args->items));
  } else if (name == "torch.jit._pickle.restore_type_tag") {
    // libtorch's pickler tags typed containers ("Dict[str, Tensor]"); the value is the first item.
    if (args->items.size() != 2) fail("bad type tag");
    push(args->items[0]);
  } else if (name == "torch._utils._rebuild_parameter") {
    if (args->items.empty() || args->items[0]->kind != Kind::Tensor) fail("bad parameter");
    push(args->items[0]);
  } else {
    fail("'" + name + "' cannot be called");
  }
}

PickleRef Unpickler::persistentLoad(const PickleRef& pid) {
  // ('storage', <storage type>, key, location, numel)
  const auto& f = pid->items;
  if (pid->kind != Kind::Tuple || f.size() < 5 || f[0]->text != "storage" ||
      f[1]->kind != Kind::Global || f[2]->kind != Kind::String || f[4]->kind != Kind::Int) {
    fail("unrecognised persistent id (not a tensor storage)");
  }
  const auto type = storageTypes().find(f[1]->text);
  if (type == storageTypes().end()) fail("'" + f[1]->text + "' is not a storage type");
  const std::string& key = f[2]->text;
  auto cached = m_storages.find(key);
  if (cached == m_storages.end()) {
    const int64_t numel = f[4]->integer;
    const auto itemSize = static_cast<int64_t>(c10::elementSize(type->second));
    auto loaded = m_loader(key);
    std::shared_ptr<void> bytes = std::move(loaded.first);
    const size_t size = loaded.second;
    // Division, not multiplication: a hostile element count must not overflow into a match.
    if (numel < 0 || size % itemSize != 0 || static_cast<uint64_t>(numel) != size / itemSize) {
      fail("storage '" + key + "' holds " + std::to_string(size) + " bytes, expected " +
           std::to_string(numel) + " elements of " + std::to_string(itemSize) + " bytes");
    }
    auto storage = torch::from_blob(
        bytes.get(), {numel}, [bytes](void*) {}, torch::TensorOptions().dtype(type->second));
    cached = m_storages.emplace(key, storage).first;
  }
  auto v = make(Kind::Tensor);
  v->tensor = cached->second;
  return v;
}

PickleRef Unpickler::rebuildTensor(const std::vector<PickleRef>& args) {
  if (args.size() < 4 || args[0]->kind != Kind::Tensor || args[1]->kind != Kind::Int ||
      args[2]->kind != Kind::Tuple || args[3]->kind != Kind::Tuple) {
    fail("malformed tensor record");
  }
  const auto& storage = args[0]->tensor;
  const int64_t offset = args[1]->integer;
  std::vector<int64_t> sizes, strides;
  for (const auto& s : args[2]->items) sizes.push_back(s->integer);
  for (const auto& s : args[3]->items) strides.push_back(s->integer);
  if (sizes.size() != strides.size()) fail("tensor sizes and strides differ in length");
  // The view must stay inside its storage: a hostile file must not read past the buffer.
  int64_t last = offset;
  bool empty = false;
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] < 0 || strides[i] < 0) fail("negative tensor size or stride");
    int64_t span = 0;
    if (sizes[i] == 0) {
      empty = true;
    } else if (__builtin_mul_overflow(sizes[i] - 1, strides[i], &span) ||
               __builtin_add_overflow(last, span, &last)) {
      fail("tensor shape overflows");
    }
  }
  if (offset < 0 || (!empty && last >= storage.numel())) fail("tensor view outside its storage");
  auto v = make(Kind::Tensor);
  v->tensor =
      empty ? torch::empty(sizes, storage.options()) : storage.as_strided(sizes, strides, offset);
  return v;
}

}  // namespace

PickleRef unpickle(std::string_view program, const StorageLoader& loadStorage) {
  return Unpickler(program, loadStorage).run();
}

}  // namespace headstart::io
