#include "model/onednn.h"

#include <sys/mman.h>
#include <dnnl.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <unordered_map>

#include "headstart/error.h"
#include "model/int8_kernels.h"
#include "single_threaded.h"

namespace headstart::model {
namespace {

using dnnl::memory;
using Tag = memory::format_tag;
using Type = memory::data_type;

// Where an activation lives: one of the shared scratch buffers, or the caller's tensors.
constexpr int kCallerInput = -1;
constexpr int kCallerOutput = -2;
// Shapes kept before the plans are rebuilt: a few batch sizes (full and last partial batches).
constexpr size_t kMaxPlans = 8;
// Where each scratch buffer starts: a cache line, as oneDNN aligns the memory it allocates.
constexpr size_t kSlotAlignment = 64;

struct Activation {
  memory::desc desc;
  int slot = 0;
  QuantParams quant = {};  // int8 only
};

// Anonymous memory that the kernel may back with 2 MB pages (only a hint: where they are off, it
// is ordinary memory). Fresh 4 KB pages are faulted in one by one on first touch: reordering a
// 9 MB weight took 15 ms into new 4 KB pages, 4 ms into 2 MB pages, 0.6 ms into memory already
// touched; a cold start's first run faulted in 2,500 pages of activations.
class HugePageMemory {
 public:
  HugePageMemory() = default;
  explicit HugePageMemory(size_t bytes) {
    m_size = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    m_mapped = m_size + kHugePage;  // room to start at a 2 MB boundary
    m_mapping =
        ::mmap(nullptr, m_mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m_mapping == MAP_FAILED) throw std::bad_alloc();
    const auto address = reinterpret_cast<uintptr_t>(m_mapping);
    m_start = reinterpret_cast<char*>((address + kHugePage - 1) / kHugePage * kHugePage);
    (void)::madvise(m_start, m_size, MADV_HUGEPAGE);
  }
  HugePageMemory(HugePageMemory&& other) noexcept { swap(other); }
  HugePageMemory& operator=(HugePageMemory&& other) noexcept {
    HugePageMemory gone(std::move(other));
    swap(gone);
    return *this;
  }
  ~HugePageMemory() {
    if (m_mapping) ::munmap(m_mapping, m_mapped);
  }

  char* data() const { return m_start; }
  size_t size() const { return m_size; }

 private:
  static constexpr size_t kHugePage = size_t(2) << 20;
  void* m_mapping = nullptr;
  size_t m_mapped = 0;
  char* m_start = nullptr;
  size_t m_size = 0;
  void swap(HugePageMemory& other) noexcept {
    std::swap(m_mapping, other.m_mapping);
    std::swap(m_mapped, other.m_mapped);
    std::swap(m_start, other.m_start);
    std::swap(m_size, other.m_size);
  }
};

// Packed weights live in large chunks of huge-page memory: reordering ResNet50's 100 MB into
// fresh 4 KB pages took two thirds of a cold start's first run. Nothing is freed before the
// network.
class WeightArena {
 public:
  void* allocate(size_t bytes) {
    bytes = (bytes + kAlignment - 1) / kAlignment * kAlignment;
    if (m_chunks.empty() || m_chunks.back().used + bytes > m_chunks.back().memory.size())
      m_chunks.push_back({HugePageMemory(std::max(bytes, kChunk)), 0});
    auto& chunk = m_chunks.back();
    void* out = chunk.memory.data() + chunk.used;
    chunk.used += bytes;
    return out;
  }

 private:
  static constexpr size_t kAlignment = 64;
  static constexpr size_t kChunk = size_t(32) << 20;
  struct Chunk {
    HugePageMemory memory;
    size_t used;
  };
  std::vector<Chunk> m_chunks;
};

// A convolution's weights, scaled by the folded BatchNorm and reordered into the layout its
// kernel reads the first time a primitive asks; the checkpoint's copy is then dropped. A later
// shape asking for another layout gets its own reordered copy (none does for ResNet's shapes).
class PackedConv {
 public:
  PackedConv(const ConvWeights& w, const dnnl::engine& engine, bool int8)
      : m_plain(w.weight.to(torch::kFloat).contiguous()),
        m_biasValues(w.bias.to(torch::kFloat).contiguous()),
        m_stride(w.stride),
        m_padding(w.padding) {
    TORCH_CHECK(m_plain.dim() == 4, "convolution weights must have 4 dimensions");
    m_dims = {m_plain.size(0), m_plain.size(1), m_plain.size(2), m_plain.size(3)};
    const auto scale = w.scale.to(torch::kFloat).contiguous();
    TORCH_CHECK(scale.numel() == m_dims[0], "one scale per output channel expected");
    if (int8) {
      quantise(scale);
      m_weights = memory({m_dims, Type::s8, Tag::oihw}, engine, m_plain.data_ptr());
    } else {
      m_scales.assign(scale.data_ptr<float>(), scale.data_ptr<float>() + scale.numel());
      m_weights = memory({m_dims, Type::f32, Tag::oihw}, engine, m_plain.data_ptr());
    }
    m_bias = memory({{m_dims[0]}, Type::f32, Tag::a}, engine, m_biasValues.data_ptr());
  }

  // Weights packed by an earlier run (OneDnnResNet::readPacked): `data` must outlive this.
  PackedConv(const memory::desc& packed, void* data, torch::Tensor bias, memory::dims dims,
             int64_t stride, int64_t padding, const dnnl::engine& engine)
      : m_biasValues(std::move(bias)),
        m_dims(std::move(dims)),
        m_weights(packed, engine, data),
        m_bias({{m_dims[0]}, Type::f32, Tag::a}, engine, m_biasValues.data_ptr()),
        m_stride(stride),
        m_padding(padding) {}

  bool packed() const { return !m_plain.defined(); }
  const memory& weights() const { return m_weights; }

  memory weightsFor(const memory::desc& wanted, const dnnl::engine& engine, dnnl::stream& stream,
                    WeightArena& arena) {
    const bool packed = this->packed();
    if (packed && m_weights.get_desc() == wanted) return m_weights;
    memory out(wanted, engine, arena.allocate(wanted.get_size()));
    dnnl::primitive_attr attr;
    // mask 1: per output channel (dim 0); int8 weights carry their BatchNorm scale already
    if (!packed && !m_scales.empty()) attr.set_output_scales(1, m_scales);
    dnnl::reorder(m_weights, out, attr).execute(stream, m_weights, out);
    stream.wait();
    if (!packed) {
      m_weights = out;
      m_plain = torch::Tensor();
    }
    return out;
  }

  const memory& bias() const { return m_bias; }
  // int8: each output channel's weight scale; its bias in float, for the plan to rescale.
  const std::vector<float>& weightScales() const { return m_weightScales; }
  const torch::Tensor& biasValues() const { return m_biasValues; }
  const memory::dims& dims() const { return m_dims; }
  int64_t stride() const { return m_stride; }
  int64_t padding() const { return m_padding; }

 private:
  torch::Tensor m_plain, m_biasValues;
  std::vector<float> m_scales, m_weightScales;
  memory::dims m_dims;
  memory m_weights, m_bias;
  int64_t m_stride, m_padding;

  // Symmetric int8 per output channel, as PyTorch's per-channel weight observer quantises:
  // scale = max |w| / 127.5, q = round(w * (1 / scale)) in [-128, 127], on the BatchNorm-scaled
  // weights.
  void quantise(const torch::Tensor& bnScale) {
    const auto folded = m_plain * bnScale.view({-1, 1, 1, 1});
    const auto amax = folded.abs().amax({1, 2, 3});
    const auto scales =
        (amax / 127.5f).clamp_min(std::numeric_limits<float>::epsilon()).contiguous();
    m_weightScales.assign(scales.data_ptr<float>(), scales.data_ptr<float>() + scales.numel());
    // times the reciprocal, not divided by the scale: PyTorch's rounding, to the last weight
    m_plain = torch::round(folded * scales.reciprocal().view({-1, 1, 1, 1}))
                  .clamp(-128, 127)
                  .to(torch::kInt8)
                  .contiguous();
  }
};

struct PackedBlock {
  std::vector<PackedConv> convs;
  std::optional<PackedConv> downsample;
};

// A step the plan runs itself rather than through oneDNN: given its bound arguments.
using Kernel = std::function<void(const std::unordered_map<int, memory>&)>;

struct Step {
  dnnl::primitive primitive;
  std::unordered_map<int, memory> args;
  Kernel kernel = {};
};

}  // namespace

struct OneDnnResNet::Plan {
  std::vector<Step> steps;
  memory input, output;  // data handles set per call
  std::vector<int64_t> outputSizes;
};

struct OneDnnResNet::State {
  dnnl::engine engine{dnnl::engine::kind::cpu, 0};
  dnnl::stream stream{engine};
  WeightArena arena;  // before the convolutions whose packed weights it holds
  std::optional<PackedConv> stem;
  std::vector<PackedBlock> blocks;
  std::map<std::tuple<int64_t, int64_t, int64_t>, std::unique_ptr<Plan>> plans;
  HugePageMemory slotMemory;  // before the slots that point into it
  std::vector<memory> slots;  // scratch buffers shared by every plan
  size_t slotBytes = 0;
};

namespace {

// A step before its scratch buffers exist: activations name slots, weights are already bound.
struct PendingStep {
  dnnl::primitive primitive;
  std::vector<std::pair<int, Activation>> activations;
  std::unordered_map<int, memory> bound;
  Kernel kernel = {};
};

class PlanBuilder {
 public:
  PlanBuilder(const dnnl::engine& engine, dnnl::stream& stream, WeightArena& arena, Compute compute)
      : m_engine(engine),
        m_stream(stream),
        m_arena(arena),
        m_type(compute == Compute::Bf16 ? Type::bf16 : Type::f32) {}

  Activation input(int64_t batch, int64_t height, int64_t width) {
    return {memory::desc({batch, 3, height, width}, Type::f32, Tag::nchw), kCallerInput};
  }

  // Convolution with ReLU unless it is a block's last; with `residual`, adds into it in place.
  Activation conv(PackedConv& c, const Activation& src, bool relu, const Activation* residual,
                  std::vector<int> busy) {
    const auto in = src.desc.dims();
    const auto& w = c.dims();
    const auto s = c.stride(), p = c.padding();
    const memory::dims outDims = {in[0], w[0], (in[2] + 2 * p - w[2]) / s + 1,
                                  (in[3] + 2 * p - w[3]) / s + 1};
    dnnl::post_ops ops;
    if (residual) ops.append_sum(1.f);
    if (relu) ops.append_eltwise(1.f, dnnl::algorithm::eltwise_relu, 0.f, 0.f);
    dnnl::primitive_attr attr;
    attr.set_post_ops(ops);
    const dnnl::convolution_forward::desc desc(
        dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct,
        memory::desc(in, m_type, activationTag(in[1])), memory::desc(w, m_type, Tag::any),
        memory::desc({w[0]}, Type::f32, Tag::a),
        residual ? residual->desc : memory::desc(outDims, m_type, activationTag(w[0])), {s, s},
        {p, p}, {p, p});
    const dnnl::convolution_forward::primitive_desc pd(desc, attr, m_engine);
    const auto from = inLayout(src, pd.src_desc(), busy);
    busy.push_back(from.slot);
    const Activation out = residual ? *residual : Activation{pd.dst_desc(), freeSlot(busy)};
    add({dnnl::convolution_forward(pd),
         {{DNNL_ARG_SRC, from}, {DNNL_ARG_DST, out}},
         {{DNNL_ARG_WEIGHTS, c.weightsFor(pd.weights_desc(), m_engine, m_stream, m_arena)},
          {DNNL_ARG_BIAS, c.bias()}}});
    return out;
  }

  Activation maxPool(const Activation& src) {
    const auto in = src.desc.dims();
    const memory::dims outDims = {in[0], in[1], (in[2] - 1) / 2 + 1, (in[3] - 1) / 2 + 1};
    const dnnl::pooling_forward::desc desc(
        dnnl::prop_kind::forward_inference, dnnl::algorithm::pooling_max, src.desc,
        memory::desc(outDims, src.desc.data_type(),
                     src.desc.data_type() == Type::u8 ? Tag::nhwc : Tag::any),
        {2, 2}, {3, 3}, {1, 1}, {1, 1});
    const dnnl::pooling_forward::primitive_desc pd(desc, m_engine);
    const Activation out{pd.dst_desc(), freeSlot({src.slot})};
    add({dnnl::pooling_forward(pd), {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, out}}, {}});
    return out;
  }

  // Bottleneck: 1x1, 3x3, 1x1; basic: 3x3, 3x3. The last convolution adds the shortcut.
  Activation block(PackedBlock& b, const Activation& x) {
    std::vector<int> busy{x.slot};
    Activation cur = x;
    for (size_t i = 0; i + 1 < b.convs.size(); ++i) {
      cur = conv(b.convs[i], cur, true, nullptr, busy);
      busy.push_back(cur.slot);
    }
    const Activation shortcut = b.downsample ? conv(*b.downsample, x, false, nullptr, busy) : x;
    busy.push_back(shortcut.slot);
    return conv(b.convs.back(), cur, true, &shortcut, busy);
  }

  void output(const Activation& last) {
    const auto dims = last.desc.dims();
    const Activation out{memory::desc(dims, Type::f32, Tag::nhwc), kCallerOutput};
    add({dnnl::reorder(reorderDesc(last.desc, out.desc)),
         {{DNNL_ARG_FROM, last}, {DNNL_ARG_TO, out}},
         {}});
  }

  // In fp32, the 16-channel blocked layout: its kernels measured 3-7% faster here than those
  // oneDNN picks for the channels-last layout it prefers. bf16 keeps oneDNN's choice (AMX's
  // channels-last kernels); so do the stem's 3 input channels, which blocking would pad to 16.
  Tag activationTag(int64_t channels) const {
    return m_type == Type::f32 && channels % 16 == 0 ? Tag::nChw16c : Tag::any;
  }

  // int8 ---------------------------------------------------------------------------------
  // Activations are uint8 channels-last throughout, each with the scale and zero point of its
  // quantisation point; weights int8. The structure follows PyTorch's quantised ResNet step by
  // step (the last convolution of a block writes its own 8-bit output, then a quantised add +
  // ReLU), so the same scales give the same numbers.

  // The caller's float NCHW batch, quantised into channels-last uint8.
  Activation quantiseInput(int64_t batch, int64_t height, int64_t width, QuantParams q) {
    const Activation from = input(batch, height, width);
    const Activation to{memory::desc({batch, 3, height, width}, Type::u8, Tag::nhwc), 0, q};
    const auto pixels = height * width;
    add({{},
         {{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to}},
         {},
         [q, batch, pixels](const std::unordered_map<int, memory>& args) {
           const auto* x = static_cast<const float*>(args.at(DNNL_ARG_FROM).get_data_handle());
           auto* y = static_cast<uint8_t*>(args.at(DNNL_ARG_TO).get_data_handle());
           at::parallel_for(0, batch * 3, 1, [&](int64_t begin, int64_t end) {
             for (int64_t plane = begin; plane < end; ++plane) {
               const int64_t n = plane / 3, c = plane % 3;
               kernels::quantisePlane(x + plane * pixels, y + n * pixels * 3 + c, pixels,
                                      {q.scale, q.zeroPoint});
             }
           });
         }});
    return to;
  }

  // Convolution with BatchNorm folded, optionally ReLU, requantised to `out`.
  Activation conv8(PackedConv& c, const Activation& src, bool relu, QuantParams out,
                   std::vector<int> busy) {
    const auto in = src.desc.dims();
    const auto& w = c.dims();
    const auto s = c.stride(), p = c.padding();
    const memory::dims outDims = {in[0], w[0], (in[2] + 2 * p - w[2]) / s + 1,
                                  (in[3] + 2 * p - w[3]) / s + 1};
    // oneDNN 2.x adds the bias to the accumulator before the output scale. Both are computed
    // from the reciprocal scales, in the same float operations as PyTorch's quantised
    // convolution on oneDNN: a value on a rounding boundary then rounds the same way, and one
    // flipped value early would shift many later.
    const auto reciprocal = [](float scale) { return float(1.0 / double(scale)); };
    const float inverseIn = reciprocal(src.quant.scale), inverseOut = reciprocal(out.scale);
    const auto& ws = c.weightScales();
    std::vector<float> scales(ws.size());
    memory bias({{w[0]}, Type::f32, Tag::a}, m_engine);
    auto* b = static_cast<float*>(bias.get_data_handle());
    const auto* fb = c.biasValues().data_ptr<float>();
    for (size_t o = 0; o < ws.size(); ++o) {
      const float accToReal = inverseIn * reciprocal(ws[o]);  // accumulator units per real unit
      scales[o] = inverseOut / accToReal;
      b[o] = fb[o] * accToReal;
    }
    dnnl::primitive_attr attr;
    attr.set_output_scales(1 << 1, scales);  // per output channel: dim 1 of the destination
    attr.set_zero_points(DNNL_ARG_SRC, 0, {src.quant.zeroPoint});
    attr.set_zero_points(DNNL_ARG_DST, 0, {out.zeroPoint});
    dnnl::post_ops ops;
    if (relu) ops.append_eltwise(1.f, dnnl::algorithm::eltwise_relu, 0.f, 0.f);
    attr.set_post_ops(ops);
    const dnnl::convolution_forward::desc desc(
        dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct, src.desc,
        memory::desc(w, Type::s8, Tag::any), memory::desc({w[0]}, Type::f32, Tag::a),
        memory::desc(outDims, Type::u8, Tag::nhwc), {s, s}, {p, p}, {p, p});
    const dnnl::convolution_forward::primitive_desc pd(desc, attr, m_engine);
    busy.push_back(src.slot);
    const Activation dst{pd.dst_desc(), freeSlot(busy), out};
    add({dnnl::convolution_forward(pd),
         {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}},
         {{DNNL_ARG_WEIGHTS, c.weightsFor(pd.weights_desc(), m_engine, m_stream, m_arena)},
          {DNNL_ARG_BIAS, bias}},
         {}});
    return dst;
  }

  Activation maxPool8(const Activation& src) {
    auto out = maxPool(src);
    out.quant = src.quant;  // a maximum keeps its input's scale
    return out;
  }

  // Bottleneck or basic block; the addition and its ReLU requantise to the block's output.
  Activation block8(PackedBlock& b, const BlockQuant& q, const Activation& x) {
    std::vector<int> busy{x.slot};
    Activation cur = x;
    for (size_t i = 0; i < b.convs.size(); ++i) {
      const bool last = i + 1 == b.convs.size();
      cur = conv8(b.convs[i], cur, !last, q.convs[i], busy);
      busy.push_back(cur.slot);
    }
    const Activation shortcut =
        b.downsample ? conv8(*b.downsample, x, false, *q.downsample, busy) : x;
    return addRelu8(cur, shortcut, q.output);
  }

  // The sum of two uint8 tensors of one shape, ReLU, requantised in place into the first.
  Activation addRelu8(const Activation& a, const Activation& b, QuantParams q) {
    const Activation out{a.desc, a.slot, q};
    const auto count = static_cast<int64_t>(a.desc.get_size());
    const auto qa = a.quant, qb = b.quant;
    add({{},
         {{DNNL_ARG_SRC_0, a}, {DNNL_ARG_SRC_1, b}, {DNNL_ARG_DST, out}},
         {},
         [=](const std::unordered_map<int, memory>& args) {
           const auto* x = static_cast<const uint8_t*>(args.at(DNNL_ARG_SRC_0).get_data_handle());
           const auto* y = static_cast<const uint8_t*>(args.at(DNNL_ARG_SRC_1).get_data_handle());
           auto* z = static_cast<uint8_t*>(args.at(DNNL_ARG_DST).get_data_handle());
           at::parallel_for(0, count, 1 << 14, [&](int64_t begin, int64_t end) {
             kernels::addRelu(x + begin, y + begin, z + begin, end - begin,
                              {qa.scale, qa.zeroPoint}, {qb.scale, qb.zeroPoint},
                              {q.scale, q.zeroPoint});
           });
         }});
    return out;
  }

  // The last activation dequantised into the caller's float channels-last tensor.
  void output8(const Activation& last) {
    const Activation out{memory::desc(last.desc.dims(), Type::f32, Tag::nhwc), kCallerOutput};
    const auto count = static_cast<int64_t>(last.desc.get_size());
    const auto q = last.quant;
    add({{},
         {{DNNL_ARG_FROM, last}, {DNNL_ARG_TO, out}},
         {},
         [=](const std::unordered_map<int, memory>& args) {
           const auto* x = static_cast<const uint8_t*>(args.at(DNNL_ARG_FROM).get_data_handle());
           auto* y = static_cast<float*>(args.at(DNNL_ARG_TO).get_data_handle());
           at::parallel_for(0, count, 1 << 14, [&](int64_t begin, int64_t end) {
             kernels::dequantise(x + begin, y + begin, end - begin, {q.scale, q.zeroPoint});
           });
         }});
  }

  std::vector<PendingStep>& steps() { return m_steps; }
  size_t bytesPerSlot() const { return m_bytes; }
  int slotCount() const { return m_slots; }

 private:
  const dnnl::engine& m_engine;
  dnnl::stream& m_stream;
  WeightArena& m_arena;
  Type m_type;
  std::vector<PendingStep> m_steps;
  size_t m_bytes = 0;
  int m_slots = 0;

  dnnl::reorder::primitive_desc reorderDesc(const memory::desc& from, const memory::desc& to) {
    return dnnl::reorder::primitive_desc(m_engine, from, m_engine, to);
  }

  // The activation in the layout a primitive asks for: as it is, or reordered into a free slot.
  Activation inLayout(const Activation& src, const memory::desc& wanted, std::vector<int> busy) {
    if (src.desc == wanted) return src;
    busy.push_back(src.slot);
    const Activation out{wanted, freeSlot(busy)};
    add({dnnl::reorder(reorderDesc(src.desc, wanted)),
         {{DNNL_ARG_FROM, src}, {DNNL_ARG_TO, out}},
         {}});
    return out;
  }

  int freeSlot(const std::vector<int>& busy) {
    int slot = 0;
    while (std::find(busy.begin(), busy.end(), slot) != busy.end()) ++slot;
    return slot;
  }

  void add(PendingStep step) {
    for (const auto& [arg, activation] : step.activations) {
      if (activation.slot < 0) continue;
      m_bytes = std::max(m_bytes, activation.desc.get_size());
      m_slots = std::max(m_slots, activation.slot + 1);
    }
    m_steps.push_back(std::move(step));
  }
};

}  // namespace

OneDnnResNet::OneDnnResNet(ConvWeights stem, std::vector<BlockWeights> blocks, Compute compute,
                           std::optional<Int8Quant> quant)
    : m_compute(compute), m_quant(std::move(quant)), m_state(std::make_unique<State>()) {
  const bool int8 = compute == Compute::Int8;
  TORCH_CHECK(!int8 || (m_quant && m_quant->blocks.size() == blocks.size()),
              "an int8 network needs the quantisation of each of its blocks");
  m_state->stem.emplace(stem, m_state->engine, int8);
  for (size_t i = 0; i < blocks.size(); ++i) {
    const auto& b = blocks[i];
    if (int8) {
      const auto& q = m_quant->blocks[i];
      TORCH_CHECK(
          q.convs.size() == b.convs.size() && q.downsample.has_value() == b.downsample.has_value(),
          "block ", i, "'s quantisation does not match its convolutions");
    }
    PackedBlock packed;
    for (auto& c : b.convs) packed.convs.emplace_back(c, m_state->engine, int8);
    if (b.downsample) packed.downsample.emplace(*b.downsample, m_state->engine, int8);
    m_state->blocks.push_back(std::move(packed));
  }
}

OneDnnResNet::~OneDnnResNet() = default;

OneDnnResNet::OneDnnResNet(Compute compute, std::unique_ptr<State> state)
    : m_compute(compute), m_state(std::move(state)) {}

namespace {

// A packed network's body: 64-byte aligned weights, so that a file holding the body at a 64-byte
// offset can be mapped and its weights used where they lie.
constexpr std::string_view kPackedTag{"HSNET01\n", 8};
constexpr size_t kPackedAlignment = 64;

class PackedWriter {
 public:
  explicit PackedWriter(const std::function<void(std::string_view)>& write) : m_write(write) {}
  template <typename T>
  void value(const T& v) {
    bytes(&v, sizeof v);
  }
  void bytes(const void* data, size_t size) {
    m_write({static_cast<const char*>(data), size});
    m_offset += size;
  }
  void align() {
    static constexpr char zeros[kPackedAlignment] = {};
    bytes(zeros, (kPackedAlignment - m_offset % kPackedAlignment) % kPackedAlignment);
  }

  void conv(const PackedConv& c) {
    for (const auto d : c.dims()) value<int64_t>(d);
    value<int64_t>(c.stride());
    value<int64_t>(c.padding());
    const auto desc = c.weights().get_desc();
    value(desc.data);
    value<uint64_t>(desc.get_size());
    align();
    bytes(c.weights().get_data_handle(), desc.get_size());
    align();
    const auto& bias = c.biasValues();
    value<uint64_t>(static_cast<uint64_t>(bias.numel()));
    bytes(bias.data_ptr<float>(), sizeof(float) * static_cast<size_t>(bias.numel()));
    align();
  }

 private:
  const std::function<void(std::string_view)>& m_write;
  size_t m_offset = 0;
};

class PackedReader {
 public:
  PackedReader(std::string_view bytes, const dnnl::engine& engine, Type type)
      : m_bytes(bytes), m_engine(engine), m_type(type) {}

  template <typename T>
  T value() {
    T v;
    std::memcpy(&v, take(sizeof v), sizeof v);
    return v;
  }
  const char* take(size_t size) {
    if (size > m_bytes.size() - m_offset) fail("it ends early");
    const char* at = m_bytes.data() + m_offset;
    m_offset += size;
    return at;
  }
  void align() { take((kPackedAlignment - m_offset % kPackedAlignment) % kPackedAlignment); }
  bool atEnd() const { return m_offset == m_bytes.size(); }
  [[noreturn]] static void fail(const std::string& why) {
    throw Error("not a packed network for this engine: " + why);
  }

  PackedConv conv() {
    memory::dims dims(4);
    for (auto& d : dims) d = value<int64_t>();
    const auto stride = value<int64_t>(), padding = value<int64_t>();
    memory::desc desc;
    desc.data = value<dnnl_memory_desc_t>();
    const auto size = value<uint64_t>();
    // The kernels read get_size() bytes from the handle: only a description that is one of
    // these weights' packings, and whose size the file holds, is taken.
    if (desc.data.ndims != 4 || desc.dims() != dims || desc.data.format_kind != dnnl_blocked ||
        desc.data_type() != m_type || desc.get_size() != size || stride < 1 || padding < 0)
      fail("a convolution's description does not match its weights");
    align();
    auto* weights = const_cast<char*>(take(size));
    align();
    const auto count = value<uint64_t>();
    if (count != static_cast<uint64_t>(dims[0])) fail("a bias has the wrong length");
    auto bias = torch::empty({dims[0]});
    std::memcpy(bias.data_ptr<float>(), take(sizeof(float) * count), sizeof(float) * count);
    align();
    return PackedConv(desc, weights, std::move(bias), dims, stride, padding, m_engine);
  }

 private:
  std::string_view m_bytes;
  size_t m_offset = 0;
  const dnnl::engine& m_engine;
  Type m_type;
};

}  // namespace

size_t OneDnnResNet::blockCount() const { return m_state->blocks.size(); }

std::string OneDnnResNet::engineIdentity() {
  const auto* v = dnnl::version();
  return "oneDNN " + std::to_string(v->major) + "." + std::to_string(v->minor) + "." +
         std::to_string(v->patch) + " " + v->hash + " isa " +
         std::to_string(static_cast<int>(dnnl::get_effective_cpu_isa()));
}

void OneDnnResNet::writePacked(const std::function<void(std::string_view)>& write) const {
  TORCH_CHECK(m_compute != Compute::Int8, "int8 networks are not written packed");
  std::lock_guard<std::mutex> lock(m_mutex);
  auto& state = *m_state;
  const bool allPacked =
      state.stem->packed() && std::all_of(state.blocks.begin(), state.blocks.end(), [](auto& b) {
        return std::all_of(b.convs.begin(), b.convs.end(), [](auto& c) { return c.packed(); }) &&
               (!b.downsample || b.downsample->packed());
      });
  if (!allPacked) {
    useThreadCountHere();
    planFor(1, 224, 224);
  }
  PackedWriter out(write);
  out.bytes(kPackedTag.data(), kPackedTag.size());
  out.value<uint64_t>(sizeof(dnnl_memory_desc_t));
  out.value<uint64_t>(state.blocks.size());
  out.conv(*state.stem);
  for (const auto& block : state.blocks) {
    out.value<uint64_t>(block.convs.size());
    out.value<uint64_t>(block.downsample ? 1 : 0);
    for (const auto& c : block.convs) out.conv(c);
    if (block.downsample) out.conv(*block.downsample);
  }
}

std::unique_ptr<OneDnnResNet> OneDnnResNet::readPacked(std::string_view bytes,
                                                       std::shared_ptr<const void> keep,
                                                       Compute compute) {
  TORCH_CHECK(compute != Compute::Int8, "int8 networks are not written packed");
  auto state = std::make_unique<State>();
  PackedReader in(bytes, state->engine, compute == Compute::Bf16 ? Type::bf16 : Type::f32);
  if (std::string_view(in.take(kPackedTag.size()), kPackedTag.size()) != kPackedTag)
    PackedReader::fail("no packed-network tag");
  if (in.value<uint64_t>() != sizeof(dnnl_memory_desc_t))
    PackedReader::fail("written by another oneDNN");
  const auto blocks = in.value<uint64_t>();
  if (blocks > 64) PackedReader::fail("too many blocks");
  state->stem.emplace(in.conv());
  for (uint64_t b = 0; b < blocks; ++b) {
    const auto convs = in.value<uint64_t>();
    const auto downsample = in.value<uint64_t>();
    if (convs < 2 || convs > 3 || downsample > 1) PackedReader::fail("a block of unknown shape");
    PackedBlock block;
    for (uint64_t i = 0; i < convs; ++i) block.convs.push_back(in.conv());
    if (downsample) block.downsample.emplace(in.conv());
    state->blocks.push_back(std::move(block));
  }
  if (!in.atEnd()) PackedReader::fail("bytes after the last block");
  std::unique_ptr<OneDnnResNet> net(new OneDnnResNet(compute, std::move(state)));
  net->m_keep = std::move(keep);
  return net;
}

OneDnnResNet::Plan& OneDnnResNet::planFor(int64_t batch, int64_t height, int64_t width) const {
  auto& state = *m_state;
  const auto key = std::make_tuple(batch, height, width);
  if (const auto it = state.plans.find(key); it != state.plans.end()) return *it->second;
  if (state.plans.size() >= kMaxPlans) state.plans.clear();

  PlanBuilder builder(state.engine, state.stream, state.arena, m_compute);
  const auto input = builder.input(batch, height, width);
  Activation x;
  if (m_compute == Compute::Int8) {
    x = builder.quantiseInput(batch, height, width, m_quant->input);
    x = builder.conv8(*state.stem, x, true, m_quant->stem, {});
    x = builder.maxPool8(x);
    for (size_t i = 0; i < state.blocks.size(); ++i)
      x = builder.block8(state.blocks[i], m_quant->blocks[i], x);
    builder.output8(x);
  } else {
    x = builder.conv(*state.stem, input, true, nullptr, {});
    x = builder.maxPool(x);
    for (auto& block : state.blocks) x = builder.block(block, x);
    builder.output(x);
  }

  // Growing the scratch buffers moves them, so plans bound to the old ones are dropped.
  if (builder.bytesPerSlot() > state.slotBytes ||
      builder.slotCount() > static_cast<int>(state.slots.size())) {
    state.plans.clear();
    state.slotBytes = std::max(state.slotBytes, builder.bytesPerSlot());
    state.slotBytes = (state.slotBytes + kSlotAlignment - 1) / kSlotAlignment * kSlotAlignment;
    const auto count = std::max<size_t>(state.slots.size(), size_t(builder.slotCount()));
    state.slots.clear();
    state.slotMemory = HugePageMemory(count * state.slotBytes);
    for (size_t i = 0; i < count; ++i)
      state.slots.emplace_back(
          memory::desc({static_cast<int64_t>(state.slotBytes)}, Type::u8, Tag::a), state.engine,
          state.slotMemory.data() + i * state.slotBytes);
  }

  auto plan = std::make_unique<Plan>();
  plan->input = memory(input.desc, state.engine, DNNL_MEMORY_NONE);
  plan->output =
      memory(memory::desc(x.desc.dims(), Type::f32, Tag::nhwc), state.engine, DNNL_MEMORY_NONE);
  const auto dims = x.desc.dims();
  plan->outputSizes.assign(dims.begin(), dims.end());
  for (auto& pending : builder.steps()) {
    Step step{pending.primitive, std::move(pending.bound), std::move(pending.kernel)};
    for (const auto& [arg, activation] : pending.activations) {
      if (activation.slot == kCallerInput) {
        step.args.emplace(arg, plan->input);
      } else if (activation.slot == kCallerOutput) {
        step.args.emplace(arg, plan->output);
      } else {
        const auto& buffer = state.slots[static_cast<size_t>(activation.slot)];
        step.args.emplace(arg, memory(activation.desc, state.engine, buffer.get_data_handle()));
      }
    }
    plan->steps.push_back(std::move(step));
  }
  return *state.plans.emplace(key, std::move(plan)).first->second;
}

void OneDnnResNet::prepare(int64_t batch, int64_t height, int64_t width) const {
  std::lock_guard<std::mutex> lock(m_mutex);
  useThreadCountHere();
  try {
    planFor(batch, height, width);
  } catch (const dnnl::error& e) {
    throw Error(std::string("oneDNN cannot run the network: ") + e.what());
  }
}

torch::Tensor OneDnnResNet::featureMaps(const torch::Tensor& input) const {
  TORCH_CHECK(input.dim() == 4 && input.size(1) == 3, "expected an [N, 3, H, W] batch, got ",
              input.sizes());
  const auto x = input.to(torch::kFloat).contiguous();
  std::lock_guard<std::mutex> lock(m_mutex);
  // oneDNN runs on OpenMP: give this thread libtorch's thread count, as libtorch's own ops do.
  useThreadCountHere();
  try {
    auto& plan = planFor(x.size(0), x.size(2), x.size(3));
    auto out =
        torch::empty(plan.outputSizes,
                     torch::dtype(torch::kFloat).memory_format(torch::MemoryFormat::ChannelsLast));
    plan.input.set_data_handle(x.data_ptr());
    plan.output.set_data_handle(out.data_ptr());
    for (auto& step : plan.steps) {
      if (step.kernel) {
        m_state->stream.wait();
        step.kernel(step.args);
      } else {
        step.primitive.execute(m_state->stream, step.args);
      }
    }
    m_state->stream.wait();
    return out;
  } catch (const dnnl::error& e) {
    throw Error(std::string("oneDNN cannot run the network: ") + e.what());
  }
}

}  // namespace headstart::model
