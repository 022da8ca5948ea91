#pragma once
// A trained model as one ONNX file that other engines (ONNX Runtime, OpenCV DNN) run without
// HeadStart and without knowing its preprocessing.
//
// The graph (fp32, opset 13, batch dimension "batch" left open):
//   input  "image"          float [batch, 3, crop, crop]: RGB, values in [0, 1] (8-bit / 255),
//                           already resized and centre-cropped as the manifest's preset says;
//                           the ImageNet mean/std normalisation is inside the graph
//   output "logits"         float [batch, classes]
//   output "probabilities"  float [batch, classes], softmax of the logits, classes in the order
//                           of the metadata's "classes"
// metadata_props: "classes" (JSON list), "preset" (JSON: name, resize, crop, interpolation,
// mean, std), "arch", "software", "trained" ("head" or the fine-tuned stages).
//
// Python with ONNX Runtime:
//   img = PIL.Image.open("dog.jpg").convert("RGB")            # resize 232 then crop 224 (V2)
//   x = np.asarray(crop, np.float32).transpose(2, 0, 1)[None] / 255
//   probs = onnxruntime.InferenceSession("dogs.onnx").run(["probabilities"], {"image": x})[0]
// C++ with OpenCV DNN:
//   cv::Mat blob = cv::dnn::blobFromImage(crop, 1.0 / 255, {}, {}, /*swapRB=*/true);
//   net.setInput(blob, "image"); cv::Mat probs = net.forward("probabilities");

#include <string>

#include "headstart/training.h"

namespace headstart {

struct OnnxSource {
  // A whole fine-tuned network's state_dict (torchvision names, NAME-model.pt) to take every
  // weight from; empty: result.head.fineTunedModel where set (a run loaded from its export),
  // else the backbone comes from result.options.weightsPath, the final layer from result.head
  // and a fine-tuned layer4 from result.stage.
  std::string modelWeightsPath;
  // What the metadata says was trained; empty: "head", or "layer4+head" for a fine-tuned run.
  std::string trained;
};

// The serialised model, checked with onnx::checker. Throws headstart::Error naming the weights
// file and the cause.
std::string onnxBytes(const TrainResult& result, const OnnxSource& source = {});

// Writes onnxBytes() to `path` (staged: a kill leaves the previous file or none). Throws
// headstart::Error naming `path` and the cause.
void exportOnnx(const std::string& path, const TrainResult& result, const OnnxSource& source = {});

}  // namespace headstart
