#include "headstart/classifier.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstdlib>
#include <future>
#include <mutex>
#include <thread>

#include "features/cache.h"
#include "features/calibration.h"
#include "headstart/error.h"
#include "headstart/export.h"
#include "headstart/folders.h"
#include "image/preprocess.h"
#include "model/fused.h"
#include "model/packed_cache.h"
#include "single_threaded.h"

namespace headstart {
namespace {

std::vector<std::string> labelsFor(int64_t classes) {
  if (classes == static_cast<int64_t>(imagenetLabels().size())) return imagenetLabels();
  std::vector<std::string> labels;
  for (int64_t i = 0; i < classes; ++i) labels.push_back("class " + std::to_string(i));
  return labels;
}

features::CalibrationSetup folderSetup(const ClassifierOptions& options, const std::string& folder,
                                       const std::string& root, const std::string& sha) {
  features::CalibrationSetup setup;
  if (!folder.empty()) setup.images = listImages({folder});
  setup.source = "images of " + folder;
  setup.preset = options.preset;
  setup.decode = options.decode;
  setup.cacheRoot = root;
  setup.weightsSha256 = sha;
  setup.arch = options.arch;
  setup.calibrating = options.calibrating;
  return setup;
}

// A head trained on int8 features predicts best with the calibration those features had.
std::optional<model::QuantProvider> headCalibration(const ClassifierOptions& options,
                                                    const std::string& root,
                                                    PrecisionChoice& choice) {
  if (options.headPath.empty()) return std::nullopt;
  try {
    const auto trained = loadTrainResult(options.headPath);
    return features::storedCalibration(root, trained.precision.calibrationKey, choice);
  } catch (const std::exception&) {
    return std::nullopt;  // the head itself is checked, with a proper message, when it is used
  }
}

model::QuantProvider calibrationFor(const ClassifierOptions& options, PrecisionChoice& choice) {
  if (options.weightsPath.empty()) throw Error("no weights file given");
  const auto root = options.cacheRoot == "-"    ? std::string()
                    : options.cacheRoot.empty() ? features::FeatureCache::defaultRoot()
                                                : options.cacheRoot;
  const auto sha = features::weightsSha256(options.weightsPath, root);
  if (!options.calibrationFolder.empty())
    return features::calibrationProvider(folderSetup(options, options.calibrationFolder, root, sha),
                                         choice);
  if (auto own = headCalibration(options, root, choice)) return *own;
  if (!options.calibrationImages.empty()) {
    auto setup = folderSetup(options, {}, root, sha);
    setup.images = options.calibrationImages;
    setup.source = features::calibrationSubset(setup.images).size() == 1 ? "image being predicted"
                                                                         : "images being predicted";
    setup.makeCurrent = false;  // these images say little about the next ones
    return features::calibrationProvider(setup, choice);
  }
  if (auto current = features::currentCalibration(root, sha, options.arch, options.preset, choice))
    return *current;
  throw Error(options.weightsPath +
              ": int8 precision needs a calibration for these weights: a folder of typical "
              "images to calibrate with (--calibrate DIR), or a training run or evaluation in "
              "int8 precision first");
}

int coreCount() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

}  // namespace

void useAllCores() {
  if (torch::get_num_threads() < coreCount()) setThreadCount(coreCount());
}

void useAllCoresFromStart() {
  ::setenv("OMP_NUM_THREADS", std::to_string(coreCount()).c_str(), /*replace=*/0);
}

struct Classifier::Impl {
  ClassifierOptions options;
  PrecisionChoice precision;
  std::unique_ptr<model::FusedResNet> net;
  model::QuantProvider quant;  // int8 only
  bool fineTuned = false;      // `net` is an export's fine-tuned model, not the original weights
  std::vector<std::string> labels;
  torch::Tensor headWeight, headBias;  // set when a trained head replaces the network's fc

  torch::Tensor logits(const torch::Tensor& features) const {
    if (!headWeight.defined()) return net->logits(features);
    const OneBlasThread small;  // as the network's own classifier (single_threaded.h)
    return torch::linear(features, headWeight, headBias);
  }

  // Int8 is calibrated per weights file, so it is packed anew each time; the others are kept
  // packed in the cache (model/packed_cache.h).
  std::unique_ptr<model::FusedResNet> load(const std::string& weightsPath) const {
    if (precision.used == Precision::Int8)
      return model::loadFusedResNet(options.arch, weightsPath, precision.used, quant);
    return model::loadPackedOrFused(options.arch, weightsPath, precision.used,
                                    features::FeatureCache::rootFor(options.cacheRoot));
  }

  const torch::Tensor& classWeights() const {
    return headWeight.defined() ? headWeight : net->fcWeight();
  }

  // Each top class's row of the final layer applied at every position of the feature map.
  void addActivationMaps(const torch::Tensor& map, Prediction& p) const {
    std::vector<int64_t> rows;
    for (const auto& s : p.top) rows.push_back(s.index);
    const auto cams =
        torch::einsum("kc,chw->khw", {classWeights().index_select(0, torch::tensor(rows)), map})
            .contiguous();
    p.mapHeight = static_cast<int>(cams.size(1));
    p.mapWidth = static_cast<int>(cams.size(2));
    const int64_t cells = cams.size(1) * cams.size(2);
    for (int64_t k = 0; k < cams.size(0); ++k) {
      const float* first = cams.data_ptr<float>() + k * cells;
      p.activationMaps.emplace_back(first, first + cells);
    }
  }

  // Mirroring the normalised crop equals normalising the mirrored one: the normalisation is
  // per pixel.
  torch::Tensor flippedProbabilities(const std::vector<torch::Tensor>& inputs) const {
    return torch::softmax(logits(net->features(torch::stack(inputs).flip({3}))), 1);
  }

  void classify(const std::vector<image::PreparedImage>& decoded, int topK,
                std::vector<Prediction>& out) const {
    std::vector<torch::Tensor> inputs;
    for (const auto& d : decoded) {
      if (d.error.empty()) inputs.push_back(d.input);
    }
    if (inputs.empty()) return;
    torch::InferenceMode inference;
    const auto maps = net->featureMaps(torch::stack(inputs));
    const auto features = torch::adaptive_avg_pool2d(maps, {1, 1}).flatten(1);
    auto probs = torch::softmax(logits(features), 1);
    if (options.testTimeFlip) probs = (probs + flippedProbabilities(inputs)) / 2;
    const auto k = std::min<int64_t>(topK, probs.size(1));
    const auto [values, indices] = probs.topk(k, 1);
    size_t row = 0;
    for (size_t i = 0; i < decoded.size(); ++i) {
      auto& p = out[out.size() - decoded.size() + i];
      if (!decoded[i].error.empty()) continue;
      for (int64_t j = 0; j < k; ++j) {
        const int index = static_cast<int>(indices[row][j].item<int64_t>());
        p.top.push_back({index, labels[static_cast<size_t>(index)], values[row][j].item<float>()});
      }
      if (options.activationMaps) addActivationMaps(maps[int64_t(row)], p);
      ++row;
    }
  }
};

Classifier::Classifier(const ClassifierOptions& options) : m_impl(std::make_unique<Impl>()) {
  useAllCores();
  m_impl->options = options;
  m_impl->precision = choosePrecision(options.precision);
  if (m_impl->precision.used == Precision::Int8)
    m_impl->quant = calibrationFor(options, m_impl->precision);
  m_impl->net = m_impl->load(options.weightsPath);
  m_impl->labels = labelsFor(m_impl->net->classCount());
  if (!options.headPath.empty()) useHead(options.headPath);
}

void Classifier::useHead(const std::string& path) {
  const auto saved = loadHead(path);
  if (saved.arch != archInfo(m_impl->options.arch).name) {
    throw Error(path + ": the head was trained on " + saved.arch + ", not " +
                archInfo(m_impl->options.arch).name);
  }
  if (!saved.head.fineTunedModel.empty()) {
    useFineTunedModel(saved.head.fineTunedModel);
  } else if (m_impl->fineTuned) {  // back to the original network after a fine-tuned export
    m_impl->net = m_impl->load(m_impl->options.weightsPath);
    m_impl->fineTuned = false;
  }
  const auto classes = static_cast<int64_t>(saved.head.classes.size());
  m_impl->headWeight = torch::tensor(saved.head.weight).view({classes, saved.head.featureDim});
  m_impl->headBias = torch::tensor(saved.head.bias);
  m_impl->labels = saved.head.classes;
}

// An export whose layer4 was fine-tuned runs its own whole model: the original weights' layer4
// would give other features than the head learnt on.
void Classifier::useFineTunedModel(const std::string& modelPath) {
  if (m_impl->precision.used == Precision::Int8) {
    throw Error(modelPath +
                ": its layer4 was fine-tuned, and int8 precision is calibrated for the original "
                "weights; predict with exact or fast precision");
  }
  m_impl->net = m_impl->load(modelPath);
  m_impl->fineTuned = true;
}

Classifier::~Classifier() = default;
Classifier::Classifier(Classifier&&) noexcept = default;
Classifier& Classifier::operator=(Classifier&&) noexcept = default;

std::vector<Prediction> Classifier::predict(const std::vector<std::string>& images, int topK,
                                            const ProgressCallback& progress,
                                            const std::atomic_bool* cancel) const {
  std::vector<Prediction> out;
  const size_t batch = static_cast<size_t>(std::max(1, m_impl->options.batchSize));
  for (size_t start = 0; start < images.size(); start += batch) {
    if (cancel && cancel->load()) break;
    const std::vector<std::string> paths(
        images.begin() + static_cast<std::ptrdiff_t>(start),
        images.begin() + static_cast<std::ptrdiff_t>(std::min(images.size(), start + batch)));
    // The first batch's kernels are built on another core while its images decode: 15 ms of a
    // one-photo cold start for ResNet50.
    std::future<void> kernels;
    if (start == 0) {
      const int64_t side = m_impl->options.preset.cropSize;
      kernels = std::async(std::launch::async, [this, count = int64_t(paths.size()), side] {
        m_impl->net->prepare(count, side, side);
      });
    }
    std::mutex reporting;
    size_t read = start;
    image::PreparedCallback onRead;
    if (progress) {
      onRead = [&] {
        const std::lock_guard<std::mutex> lock(reporting);
        progress(++read, images.size());
      };
    }
    const auto decoded =
        image::prepareImages(paths, m_impl->options.decode, m_impl->options.preset, onRead);
    if (kernels.valid()) kernels.get();
    for (size_t i = 0; i < paths.size(); ++i) {
      Prediction p;
      p.image = paths[i];
      p.error = decoded[i].error;
      out.push_back(std::move(p));
    }
    m_impl->classify(decoded, topK, out);
  }
  return out;
}

const std::vector<std::string>& Classifier::labels() const { return m_impl->labels; }
const ClassifierOptions& Classifier::options() const { return m_impl->options; }
const PrecisionChoice& Classifier::precision() const { return m_impl->precision; }

}  // namespace headstart
