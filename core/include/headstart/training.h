#pragma once
// Transfer learning on a frozen ResNet: extract (and cache) backbone features once, train a new
// final linear layer on them, evaluate, export. Plain structs only; libtorch stays inside.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "headstart/arch.h"
#include "headstart/augment.h"
#include "headstart/dataset.h"
#include "headstart/precision.h"
#include "headstart/preset.h"
#include "headstart/schedule.h"

namespace headstart {

// Defaults from the course notebook: Adam, lr 1e-3, weight decay 1e-3, batch 32, 5 epochs.
struct TrainOptions {
  Arch arch = Arch::ResNet50;
  std::string weightsPath;
  Preset preset = imagenetV2Preset();
  DecodeOptions decode;
  int epochs = 5;
  int batchSize = 32;
  double learningRate = 1e-3;
  double weightDecay = 1e-3;
  uint64_t seed = 0;
  double validationFraction = 0;  // > 0: hold out part of train, keep the best epoch's head
  int patience = 0;               // > 0 (with validation): stop after this many worse epochs
  bool warmStart = true;          // start rows of classes named like ImageNet's from `fc`
  std::string initialHeadPath;    // continue training a saved head
  std::string cacheRoot;          // feature cache; empty: FeatureCache's default; "-": none
  int extractBatchSize = 16;
  // Of feature extraction: Auto is fast where the processor has native bfloat16 (the trained
  // head's accuracy barely changes, extraction is about twice as fast).
  Precision precision = Precision::Auto;
  // The notebook trains at a constant rate on plain cross-entropy; these change that.
  LrSchedule schedule = LrSchedule::Constant;
  double warmupEpochs = 0;    // of linear warm-up (OneCycle: of its rise), may be fractional
  double labelSmoothing = 0;  // as nn.CrossEntropyLoss(label_smoothing=...)
  bool balance = false;       // weight each class's loss by train images / (classes * its count)
  // Augmented views of the training images, drawn one per image per epoch with the centre crop;
  // validation and test always see the centre crop.
  AugmentSettings augment;
  // Test-time augmentation: the test images' centre crop and its mirror image, their
  // probabilities averaged (evaluation only; training never sees it).
  bool testTimeFlip = false;
  // Last-stage fine-tuning: train `layer4` and the new `fc` together; everything before
  // `layer4` stays frozen and its output (layer3's maps) is cached on disk, within a budget.
  bool trainLastStage = false;
  double stageLearningRateFactor = 0.1;  // layer4's learning rate, relative to fc's
  int headWarmupEpochs = 1;              // head-only epochs first, as fastai's fine_tune does
  int64_t cacheBudgetBytes = int64_t(4) << 30;  // layer3 maps on disk, all models together
};

struct ExtractionProgress {
  size_t done = 0;
  size_t total = 0;
  size_t fromCache = 0;
  double imagesPerSecond = 0;
  double etaSeconds = 0;
};

struct BatchProgress {
  int epoch = 0;  // 1-based
  int epochs = 0;
  int step = 0;  // 1-based within the epoch
  int steps = 0;
  double loss = 0;
  double lossMean = 0;      // running mean over the epoch so far, as the notebook prints
  double learningRate = 0;  // of this step
};

struct EpochResult {
  int epoch = 0;
  double trainLoss = 0;
  std::optional<double> validationLoss;
  std::optional<double> validationAccuracy;
};

struct TrainingCallbacks {
  std::function<void(const ExtractionProgress&)> extraction;
  std::function<void(const BatchProgress&)> batch;
  std::function<void(const EpochResult&)> epoch;
};

struct ClassMetrics {
  std::string name;
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  size_t support = 0;
};

struct Mistake {
  std::string path;
  int trueClass = 0;
  int predictedClass = 0;
  float confidence = 0;
};

struct Evaluation {
  size_t count = 0;
  double accuracy = 0;
  double loss = 0;
  double top5Accuracy = 0;
  std::vector<std::string> classes;
  std::vector<std::vector<int64_t>> confusion;  // [true][predicted]
  std::vector<ClassMetrics> perClass;
  std::vector<Mistake> mistakes;
  std::vector<Mistake> correct;  // the images of the diagonal cells, for showing them too
};

// The trained `layer4`, with torchvision's names ("layer4.0.conv1.weight", ...), float32.
struct StageWeights {
  struct Tensor {
    std::string name;
    std::vector<int64_t> shape;
    std::vector<float> values;
  };
  std::vector<Tensor> tensors;
};

// What the layer3 map cache did during a run.
struct MapCacheReport {
  size_t entries = 0;  // maps this run used
  size_t evicted = 0;  // older entries removed to stay within the budget
  int64_t evictedBytes = 0;
  int64_t bytes = 0;  // the cache's size after the run
  int64_t budgetBytes = 0;
};

// A trained final layer: logits = weight * features + bias.
struct Head {
  std::vector<std::string> classes;
  int64_t featureDim = 0;
  std::vector<float> weight;  // classes x featureDim, row-major
  std::vector<float> bias;
  // Set for a saved head whose export fine-tuned layer4 too: the export's whole model, which
  // evaluating and predicting run instead of the original weights (their layer4 gives other
  // features than the head learnt on).
  std::string fineTunedModel;
};

struct TrainResult {
  Head head;
  std::vector<EpochResult> history;
  int bestEpoch = 0;  // the epoch whose head was kept
  std::vector<std::string> warmStartedClasses;
  std::optional<double> zeroTrainingAccuracy;  // test accuracy of the warm-started head
  // On the test images in 32-bit floats whatever the run's precision: what its export does in
  // PyTorch and ONNX Runtime.
  Evaluation test;
  // The test accuracy on features in the run's own precision, when that is fast (bfloat16) or
  // turbo (int8): what predicting in that precision would score.
  std::optional<double> testAccuracyAsTrained;
  std::vector<SkippedFile> unreadable;  // images that failed to decode during extraction
  size_t extracted = 0;                 // images run through the backbone
  size_t fromCache = 0;
  double seconds = 0;
  std::string weightsSha256;  // of the weights file, lowercase hex, as the manifest records it
  PrecisionChoice precision;  // of the features the head was trained on
  // Last-stage fine-tuning: the trained layer4 (shared: results are copied by value), and what
  // its map cache did. Null for a head-only run.
  std::shared_ptr<const StageWeights> stage;
  MapCacheReport mapCache;
  // What produced this result, as the engine received it: exports describe this run, not
  // whatever the window or the command line holds by then.
  TrainOptions options;
  DatasetSummary dataset;
};

class OperationCancelled : public std::exception {
 public:
  const char* what() const noexcept override { return "cancelled"; }
};

// Runs extraction, training and evaluation. Throws headstart::Error for unusable weights or
// dataset, OperationCancelled when `cancel` is set (nothing is left half-written).
TrainResult train(const DatasetReport& dataset, const TrainOptions& options,
                  const TrainingCallbacks& callbacks = {},
                  const std::atomic_bool* cancel = nullptr);

// Evaluates a saved head on the dataset's test split (through its fine-tuned model, if it has one),
// in options.precision (Exact: what an export does in PyTorch).
Evaluation evaluate(const DatasetReport& dataset, const Head& head, const TrainOptions& options,
                    const TrainingCallbacks& callbacks = {},
                    const std::atomic_bool* cancel = nullptr);

}  // namespace headstart
