#include "headstart/onnx_export.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <map>
#include <nlohmann/json.hpp>

#include "headstart/error.h"
#include "io/atomic_file.h"
#include "io/checkpoint.h"
#include "model/fused.h"
#include "model/spec.h"
#include "train/session.h"

namespace headstart {
namespace {

// Opset 13: Softmax over one axis (the classes), as ONNX Runtime and OpenCV DNN both run it.
constexpr int64_t kOpset = 13;
constexpr int64_t kIrVersion = 7;  // the IR version that came with opset 13

// Builds a GraphProto node by node, naming every tensor after the torchvision module it comes
// from, so a graph viewer shows the network's own names.
class GraphWriter {
 public:
  explicit GraphWriter(onnx::GraphProto& graph) : m_graph(graph) {}

  std::string initializer(const std::string& name, const torch::Tensor& tensor) {
    const auto t = tensor.detach().to(torch::kFloat32).contiguous();
    auto* proto = m_graph.add_initializer();
    proto->set_name(name);
    proto->set_data_type(onnx::TensorProto::FLOAT);
    for (const auto d : t.sizes()) proto->add_dims(d);
    proto->set_raw_data(t.data_ptr<float>(), static_cast<size_t>(t.numel()) * sizeof(float));
    return name;
  }

  onnx::NodeProto& node(const std::string& op, const std::vector<std::string>& inputs,
                        const std::string& output) {
    auto* n = m_graph.add_node();
    n->set_op_type(op);
    n->set_name(output);
    for (const auto& i : inputs) n->add_input(i);
    n->add_output(output);
    return *n;
  }

  static void ints(onnx::NodeProto& n, const std::string& name, std::vector<int64_t> values) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INTS);
    for (const auto v : values) a->add_ints(v);
  }

  static void integer(onnx::NodeProto& n, const std::string& name, int64_t value) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(value);
  }

  // The BatchNorm's scale is multiplied into the weights here, once, as the engine does when
  // it packs them.
  std::string conv(const std::string& name, const model::ConvWeights& c, const std::string& x) {
    torch::NoGradGuard noGrad;
    const auto w = initializer(name + ".weight", c.weight * c.scale.view({-1, 1, 1, 1}));
    const auto b = initializer(name + ".bias", c.bias);
    auto& n = node("Conv", {x, w, b}, name);
    ints(n, "kernel_shape", {c.weight.size(2), c.weight.size(3)});
    ints(n, "strides", {c.stride, c.stride});
    ints(n, "pads", {c.padding, c.padding, c.padding, c.padding});
    return name;
  }

  std::string relu(const std::string& x) { return node("Relu", {x}, x + ".relu").output(0); }

 private:
  onnx::GraphProto& m_graph;
};

void describeTensor(onnx::ValueInfoProto& v, const std::string& name, const std::string& doc,
                    const std::vector<int64_t>& dims) {
  v.set_name(name);
  v.set_doc_string(doc);
  auto* type = v.mutable_type()->mutable_tensor_type();
  type->set_elem_type(onnx::TensorProto::FLOAT);
  auto* shape = type->mutable_shape();
  shape->add_dim()->set_dim_param("batch");
  for (const auto d : dims) shape->add_dim()->set_dim_value(d);
}

void addMetadata(onnx::ModelProto& model, const std::string& key, const std::string& value) {
  auto* p = model.add_metadata_props();
  p->set_key(key);
  p->set_value(value);
}

std::string runName(int stage, int block) {
  return "layer" + std::to_string(stage) + "." + std::to_string(block);
}

// The trained tensors of the run (its final layer, and its fine-tuned layer4 if any) in place of
// the source checkpoint's; layer4's BatchNorm statistics stay the source's, as training froze them.
io::StateDict withTrainedTensors(io::StateDict state, const TrainResult& r) {
  const auto head = training::fromHead(r.head);
  std::map<std::string, torch::Tensor> trained{{"fc.weight", head.weight}, {"fc.bias", head.bias}};
  if (r.stage) {
    for (const auto& t : r.stage->tensors) trained[t.name] = torch::tensor(t.values).view(t.shape);
  }
  for (auto& [name, tensor] : state) {
    if (const auto it = trained.find(name); it != trained.end()) tensor = it->second;
  }
  return state;
}

// The network with BatchNorm folded into the convolutions, from the run's weights: a whole
// model file when given (or when the run was loaded from a fine-tuned export), else the original
// weights with the run's trained tensors.
model::FoldedResNet foldedNetwork(const TrainResult& r, const OnnxSource& source) {
  const auto arch = r.options.arch;
  const auto classes = static_cast<int64_t>(r.head.classes.size());
  const auto& whole =
      source.modelWeightsPath.empty() ? r.head.fineTunedModel : source.modelWeightsPath;
  if (!whole.empty()) {
    auto state = io::readStateDict(whole);
    state = io::conformToSpec(std::move(state), model::resnetSpec(arch, classes), whole);
    return model::foldResNet(arch, std::move(state));
  }
  if (r.options.trainLastStage && !r.stage)
    throw Error(r.options.weightsPath +
                ": the run fine-tuned layer4, whose trained weights are not kept with it; "
                "train it again to export it");
  auto state = withTrainedTensors(io::readStateDict(r.options.weightsPath), r);
  state =
      io::conformToSpec(std::move(state), model::resnetSpec(arch, classes), r.options.weightsPath);
  return model::foldResNet(arch, std::move(state));
}

void buildGraph(onnx::GraphProto& graph, const model::FoldedResNet& net, const TrainResult& r) {
  const auto& info = archInfo(r.options.arch);
  const auto& preset = r.options.preset;
  const auto classes = static_cast<int64_t>(r.head.classes.size());
  GraphWriter g(graph);
  graph.set_name(std::string(info.name) + "_" + std::to_string(classes) + "_classes");

  describeTensor(*graph.add_input(), "image",
                 "RGB crops, float in [0, 1] (8-bit values / 255), NCHW, resized and centre-"
                 "cropped as the preset says; normalised inside the graph",
                 {3, preset.cropSize, preset.cropSize});
  describeTensor(*graph.add_output(), "logits", "class scores before softmax", {classes});
  describeTensor(*graph.add_output(), "probabilities",
                 "softmax of the logits; the classes are in metadata_props 'classes'", {classes});

  const auto mean = torch::tensor(std::vector<float>(preset.mean.begin(), preset.mean.end()));
  const auto stdev = torch::tensor(std::vector<float>(preset.std.begin(), preset.std.end()));
  g.initializer("normalize.mean", mean.view({1, 3, 1, 1}));
  g.initializer("normalize.std", stdev.view({1, 3, 1, 1}));
  g.node("Sub", {"image", "normalize.mean"}, "normalize.centred");
  std::string x = g.node("Div", {"normalize.centred", "normalize.std"}, "normalize").output(0);

  x = g.relu(g.conv("conv1", net.stem, x));
  auto& pool = g.node("MaxPool", {x}, "maxpool");
  GraphWriter::ints(pool, "kernel_shape", {3, 3});
  GraphWriter::ints(pool, "strides", {2, 2});
  GraphWriter::ints(pool, "pads", {1, 1, 1, 1});
  x = "maxpool";

  size_t index = 0;
  for (int stage = 1; stage <= 4; ++stage) {
    for (int b = 0; b < info.blocks[static_cast<size_t>(stage - 1)]; ++b) {
      const auto& block = net.blocks.at(index++);
      const auto prefix = runName(stage, b);
      std::string out = x;
      for (size_t i = 0; i < block.convs.size(); ++i) {
        out = g.conv(prefix + ".conv" + std::to_string(i + 1), block.convs[i], out);
        if (i + 1 < block.convs.size()) out = g.relu(out);
      }
      const auto identity =
          block.downsample ? g.conv(prefix + ".downsample", *block.downsample, x) : x;
      g.node("Add", {out, identity}, prefix + ".add");
      x = g.relu(prefix + ".add");
    }
  }
  g.node("GlobalAveragePool", {x}, "avgpool");
  GraphWriter::integer(g.node("Flatten", {"avgpool"}, "flatten"), "axis", 1);
  g.initializer("fc.weight", net.fcWeight);
  g.initializer("fc.bias", net.fcBias);
  GraphWriter::integer(g.node("Gemm", {"flatten", "fc.weight", "fc.bias"}, "logits"), "transB", 1);
  GraphWriter::integer(g.node("Softmax", {"logits"}, "probabilities"), "axis", 1);
}

}  // namespace

std::string onnxBytes(const TrainResult& r, const OnnxSource& source) {
  const auto classes = r.head.classes.size();
  if (classes == 0) throw Error("nothing to export: the head has no classes");
  std::string bytes;
  {
    torch::NoGradGuard noGrad;
    const auto net = foldedNetwork(r, source);
    onnx::ModelProto model;
    model.set_ir_version(kIrVersion);
    auto* opset = model.add_opset_import();
    opset->set_domain("");
    opset->set_version(kOpset);
    model.set_producer_name("HeadStart");
    model.set_producer_version(HEADSTART_VERSION);
    model.set_doc_string(
        "Image classifier. Input 'image': float RGB in [0, 1], NCHW, resized and centre-cropped "
        "as metadata 'preset' says (ImageNet normalisation is inside). Outputs 'logits' and "
        "'probabilities' over metadata 'classes'.");
    const auto& p = r.options.preset;
    addMetadata(model, "classes", nlohmann::json(r.head.classes).dump());
    addMetadata(model, "preset",
                nlohmann::json{{"name", p.name},
                               {"resize", p.resizeSize},
                               {"crop", p.cropSize},
                               {"interpolation", "bilinear, antialiased"},
                               {"mean", p.mean},
                               {"std", p.std}}
                    .dump());
    addMetadata(model, "arch", archInfo(r.options.arch).name);
    addMetadata(model, "software", std::string("HeadStart ") + HEADSTART_VERSION);
    addMetadata(model, "trained",
                !source.trained.empty() ? source.trained : (r.stage ? "layer4+head" : "head"));
    buildGraph(*model.mutable_graph(), net, r);
    try {
      onnx::checker::check_model(model);
    } catch (const std::exception& e) {
      throw Error(std::string("the ONNX graph does not pass onnx::checker (") + e.what() + ")");
    }
    if (!model.SerializeToString(&bytes)) throw Error("cannot serialise the ONNX model");
  }
  return bytes;
}

void exportOnnx(const std::string& path, const TrainResult& result, const OnnxSource& source) {
  const auto bytes = onnxBytes(result, source);
  io::removeStaleTemporaries(path);
  io::writeFileAtomically(path, bytes);
}

}  // namespace headstart
