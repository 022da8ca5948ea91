#include "train/session.h"

#include <filesystem>

#include "features/calibration.h"
#include "headstart/error.h"
#include "io/checkpoint.h"

namespace fs = std::filesystem;

namespace headstart::training {

Session::Session(const TrainOptions& options, const DatasetReport& dataset)
    : m_options(options),
      m_precision(choosePrecision(options.precision)),
      m_cacheRoot(features::FeatureCache::rootFor(options.cacheRoot)),
      m_dim(archInfo(options.arch).featureDim) {
  if (options.weightsPath.empty()) throw Error("no weights file given");
  if (!fs::exists(options.weightsPath))
    throw Error(options.weightsPath + ": weights file not found");
  m_weightsSha256 = features::weightsSha256(options.weightsPath, m_cacheRoot);
  if (m_precision.used == Precision::Int8) {
    features::CalibrationSetup setup;
    setup.source = "training images of " + dataset.root;
    setup.preset = options.preset;
    setup.decode = options.decode;
    setup.cacheRoot = m_cacheRoot;
    setup.weightsSha256 = m_weightsSha256;
    setup.arch = options.arch;
    for (const auto& item : dataset.train) setup.images.push_back(item.path);
    m_quant = features::calibrationProvider(setup, m_precision);
  }
  m_modelKey = features::modelKey(m_weightsSha256, options.arch, options.preset, m_precision.used,
                                  m_precision.calibrationKey);
  m_cache = std::make_unique<features::FeatureCache>(m_cacheRoot, m_modelKey, m_dim);
}

const model::FusedResNet& Session::backbone() {
  if (!m_net)
    m_net =
        model::loadFusedResNet(m_options.arch, m_options.weightsPath, m_precision.used, m_quant);
  return *m_net;
}

std::string Session::fcCachePath() const {
  return m_cacheRoot.empty() ? std::string() : m_cacheRoot + "/" + m_modelKey + "/fc.pt";
}

features::Features Session::extract(const std::vector<DatasetItem>& items,
                                    const TrainingCallbacks& callbacks,
                                    const std::atomic_bool* cancel) {
  features::ExtractConfig config{
      m_options.preset, m_options.decode, m_options.extractBatchSize, m_dim, {}};
  return features::extract(
      items, config, *m_cache, [this]() -> const model::FusedResNet& { return backbone(); },
      callbacks.extraction, cancel);
}

features::Features Session::extractVariant(const std::vector<DatasetItem>& items,
                                           const std::string& variant,
                                           const image::Transform& render,
                                           const TrainingCallbacks& callbacks,
                                           const std::atomic_bool* cancel) {
  features::ExtractConfig config{m_options.preset, m_options.decode, m_options.extractBatchSize,
                                 m_dim, render};
  // A folder inside the model's: the variant's features depend on everything the model's do.
  const features::FeatureCache cache(m_cacheRoot,
                                     m_modelKey + "/v-" + util::xxh3_128(variant).hex(), m_dim);
  return features::extract(
      items, config, cache, [this]() -> const model::FusedResNet& { return backbone(); },
      callbacks.extraction, cancel);
}

std::vector<features::Maps> Session::extractMaps(const std::vector<features::MapRequest>& requests,
                                                 const TrainingCallbacks& callbacks,
                                                 const std::atomic_bool* cancel) {
  if (!m_maps) {
    m_maps = std::make_unique<features::MapCache>(
        m_cacheRoot, m_modelKey, features::layer3Shape(m_options.arch, m_options.preset.cropSize),
        m_options.cacheBudgetBytes);
  }
  const auto trunk = [this]() -> const model::FusedResNet& {
    if (!m_trunk)
      m_trunk = model::loadFusedResNet(m_options.arch, m_options.weightsPath, m_precision.used,
                                       m_quant, /*stages=*/3);
    return *m_trunk;
  };
  const features::ExtractConfig config{
      m_options.preset, m_options.decode, m_options.extractBatchSize, 0, {}};
  return features::extractMaps(requests, config, *m_maps, trunk, callbacks.extraction, cancel);
}

LinearHead Session::pretrainedFc() {
  const auto cached = fcCachePath();
  if (!m_net && !cached.empty() && fs::exists(cached)) {
    try {
      const auto state = io::readStateDict(cached);
      if (state.size() == 2 && state[1].second.size(0) == 1000)
        return {state[0].second, state[1].second};
    } catch (const Error&) {
      // fall through: recompute from the weights
    }
  }
  const auto& net = backbone();
  LinearHead fc{net.fcWeight(), net.fcBias()};
  if (!cached.empty()) {
    std::error_code ec;
    fs::create_directories(fs::path(cached).parent_path(), ec);
    try {
      io::writeStateDict(cached, {{"weight", fc.weight}, {"bias", fc.bias}});
    } catch (const Error&) {
    }
  }
  return fc;
}

LabelledFeatures labelled(features::Features&& f) {
  return {std::move(f.values), torch::tensor(f.labels, torch::kInt64), std::move(f.paths), {}};
}

Head toHead(const LinearHead& head, const std::vector<std::string>& classes) {
  Head out;
  out.classes = classes;
  out.featureDim = head.weight.size(1);
  const auto w = head.weight.contiguous().to(torch::kFloat32);
  const auto b = head.bias.contiguous().to(torch::kFloat32);
  out.weight.assign(w.data_ptr<float>(), w.data_ptr<float>() + w.numel());
  out.bias.assign(b.data_ptr<float>(), b.data_ptr<float>() + b.numel());
  return out;
}

LinearHead fromHead(const Head& head) {
  const auto classes = static_cast<int64_t>(head.classes.size());
  return {torch::tensor(head.weight).view({classes, head.featureDim}).clone(),
          torch::tensor(head.bias).clone()};
}

}  // namespace headstart::training
