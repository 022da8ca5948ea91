#pragma once
// What training and evaluation share: the feature cache for the chosen weights, and the
// backbone, loaded only when some feature is not cached.

#include <memory>
#include <optional>

#include "features/cache.h"
#include "features/extractor.h"
#include "features/map_extractor.h"
#include "headstart/training.h"
#include "train/head_trainer.h"

namespace headstart::training {

class Session {
 public:
  // `dataset`'s training images calibrate int8 precision (a seeded subset, cached).
  Session(const TrainOptions& options, const DatasetReport& dataset);

  // Features of `items`, from the cache or the backbone.
  features::Features extract(const std::vector<DatasetItem>& items,
                             const TrainingCallbacks& callbacks, const std::atomic_bool* cancel);
  // Features of `items` as `render` draws them (augmented views, mirrored crops), cached apart
  // from the centre crop's under `variant`, the description of that rendering.
  features::Features extractVariant(const std::vector<DatasetItem>& items,
                                    const std::string& variant, const image::Transform& render,
                                    const TrainingCallbacks& callbacks,
                                    const std::atomic_bool* cancel);
  // Last-stage fine-tuning: layer3's maps of each of `requests`, from the map cache or the
  // network cut after layer3; throws headstart::Error when they will not fit the cache budget.
  std::vector<features::Maps> extractMaps(const std::vector<features::MapRequest>& requests,
                                          const TrainingCallbacks& callbacks,
                                          const std::atomic_bool* cancel);
  MapCacheReport mapCacheReport() const { return m_maps ? m_maps->report() : MapCacheReport{}; }
  // The weights' own `fc`, for warm starts (cached beside the features).
  LinearHead pretrainedFc();
  int64_t featureDim() const { return m_dim; }
  const std::string& weightsSha256() const { return m_weightsSha256; }
  const PrecisionChoice& precision() const { return m_precision; }
  bool backboneLoaded() const { return m_net != nullptr; }

 private:
  const TrainOptions& m_options;
  PrecisionChoice m_precision;
  std::string m_cacheRoot;
  std::string m_modelKey;
  std::string m_weightsSha256;
  int64_t m_dim;
  std::unique_ptr<features::FeatureCache> m_cache;
  std::unique_ptr<model::FusedResNet> m_net;
  std::unique_ptr<features::MapCache> m_maps;
  std::unique_ptr<model::FusedResNet> m_trunk;  // stem to layer3
  model::QuantProvider m_quant;                 // int8 only

  const model::FusedResNet& backbone();
  std::string fcCachePath() const;
};

LabelledFeatures labelled(features::Features&& f);
// The head train() starts from: a saved head, else a seeded one with warm-started rows.
LinearHead startingHeadFor(Session& session, const DatasetReport& dataset,
                           const TrainOptions& options);
Head toHead(const LinearHead& head, const std::vector<std::string>& classes);
LinearHead fromHead(const Head& head);

}  // namespace headstart::training
