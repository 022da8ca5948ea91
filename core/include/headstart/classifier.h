#pragma once
// Image classification with a pretrained ResNet: the engine behind `headstart-cli predict` and
// the Predict page. Exposes plain structs only; libtorch stays inside the library.

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "headstart/arch.h"
#include "headstart/precision.h"
#include "headstart/preset.h"

namespace headstart {

struct ClassScore {
  int index = 0;
  std::string label;
  float probability = 0;
};

struct Prediction {
  std::string image;
  std::vector<ClassScore> top;  // best first
  std::string error;            // set when the image could not be read; `top` is then empty
  // With ClassifierOptions::activationMaps: for each class of `top`, in its order, the class's
  // activation map over the network's view of the image (cropBox), row-major, mapHeight x
  // mapWidth. Its mean plus the class's bias is the class's logit, so positive cells are where
  // the evidence for the class lies.
  std::vector<std::vector<float>> activationMaps;
  int mapHeight = 0;
  int mapWidth = 0;
  bool ok() const { return error.empty(); }
};

struct ClassifierOptions {
  Arch arch = Arch::ResNet50;
  std::string weightsPath;
  Preset preset = imagenetV2Preset();
  DecodeOptions decode;
  int batchSize = 16;
  std::string headPath;  // a trained head (headstart/export.h) replacing `fc`, with its classes
  bool activationMaps = false;
  // Test-time augmentation: each image's centre crop and its mirror image, probabilities
  // averaged (twice the backbone's work).
  bool testTimeFlip = false;
  // Exact by default: the same numbers as torchvision are predict's promise.
  Precision precision = Precision::Exact;
  // Int8: the images of this folder calibrate the network (once; the calibration is cached and
  // becomes the weights' current one). Empty: a head trained in int8 keeps its own calibration;
  // else `calibrationImages` (the images about to be predicted, as the window gives them;
  // cached, but not made the weights' current one), else the weights' current calibration (the
  // last one made by `--calibrate`, a training run or an evaluation in int8); without any, int8
  // is refused with a message saying so.
  std::string calibrationFolder;
  std::vector<std::string> calibrationImages;
  // Called when an int8 calibration is about to be made (not when one is read from the cache),
  // with the number of images it looks at: it takes seconds.
  std::function<void(size_t images)> calibrating;
  std::string cacheRoot;  // where calibrations are kept; empty: the feature cache's; "-": none
};

// Called as each image is read (decoded and prepared, or found unreadable) with the images read
// so far and in total: a batch of large photos reports image by image. From the reading
// threads, one call at a time.
using ProgressCallback = std::function<void(size_t done, size_t total)>;

class Classifier {
 public:
  // Loads and validates the weights; throws headstart::Error naming the file and the cause.
  explicit Classifier(const ClassifierOptions& options);
  ~Classifier();
  Classifier(Classifier&&) noexcept;
  Classifier& operator=(Classifier&&) noexcept;

  // One prediction per image, in order. Unreadable images yield an error entry; the rest are
  // still classified. Stops between batches once `cancel` is set (the result is then shorter).
  std::vector<Prediction> predict(const std::vector<std::string>& images, int topK,
                                  const ProgressCallback& progress = {},
                                  const std::atomic_bool* cancel = nullptr) const;

  const std::vector<std::string>& labels() const;
  // Replaces `fc` by a trained head and its classes, and the network by the export's own when its
  // layer4 was fine-tuned; throws headstart::Error if it does not fit.
  void useHead(const std::string& headPath);
  const ClassifierOptions& options() const;
  // The precision in use (Auto resolved; Fast may have fallen back to Exact, with a notice).
  const PrecisionChoice& precision() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
  void useFineTunedModel(const std::string& modelPath);
};

// torchvision's 1000 ImageNet class names, in index order.
const std::vector<std::string>& imagenetLabels();

// Uses every core for tensor work (libtorch otherwise may start with one thread).
void useAllCores();

// The same for a whole program, done first thing in main, before any thread starts: the
// thread count goes where libtorch reads it when a thread first runs a parallel operation
// (OMP_NUM_THREADS, unless the user set it). useAllCores alone calls at::set_num_threads, which
// also starts libtorch's pthreadpool, a pool none of our operations use and whose thread spins
// beside the work: 34 ms of a one-photo prediction's 111 here.
void useAllCoresFromStart();

}  // namespace headstart
