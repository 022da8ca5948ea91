#include <chrono>
#include <map>
#include <optional>

#include "features/views.h"
#include "headstart/classifier.h"
#include "headstart/error.h"
#include "headstart/export.h"
#include "headstart/training.h"
#include "single_threaded.h"
#include "train/head_trainer.h"
#include "train/session.h"
#include "train/stage_trainer.h"
#include "train/warm_start.h"

namespace headstart {
namespace {

using training::LabelledFeatures;
using training::LinearHead;

void requireUsable(const DatasetReport& dataset) {
  if (!dataset.ok()) throw Error(dataset.root + ": " + dataset.errors.front());
}

// One progress bar over both splits: the second extraction continues where the first ended.
TrainingCallbacks offsetExtraction(const TrainingCallbacks& callbacks, size_t before,
                                   size_t total) {
  TrainingCallbacks shifted = callbacks;
  if (callbacks.extraction) {
    shifted.extraction = [&callbacks, before, total](const ExtractionProgress& p) {
      ExtractionProgress q = p;
      q.done += before;
      q.total = total;
      callbacks.extraction(q);
    };
  }
  return shifted;
}

// Rows of `other` in `base`'s order, matched by path; a row `other` lacks (its rendering
// failed where the centre crop did not) takes the centre crop's.
torch::Tensor alignedTo(const LabelledFeatures& base, const features::Features& other) {
  std::map<std::string, int64_t> rowOf;
  for (size_t r = 0; r < other.paths.size(); ++r) rowOf[other.paths[r]] = int64_t(r);
  std::vector<torch::Tensor> rows;
  for (size_t i = 0; i < base.paths.size(); ++i) {
    const auto found = rowOf.find(base.paths[i]);
    rows.push_back(found == rowOf.end() ? base.x[int64_t(i)] : other.values[found->second]);
  }
  return rows.empty() ? base.x.clone() : torch::stack(rows);
}

// Augmented views 1..N of the training images, each from the cache or the backbone; progress
// continues from `before` within `total`.
std::vector<features::Features> extractViews(training::Session& session,
                                             const DatasetReport& dataset,
                                             const TrainOptions& options,
                                             const TrainingCallbacks& callbacks, size_t total,
                                             const std::atomic_bool* cancel) {
  std::vector<features::Features> views;
  for (int v = 1; v <= options.augment.views; ++v) {
    const size_t before = dataset.train.size() * size_t(v);
    views.push_back(session.extractVariant(
        dataset.train, features::augmentedViewVariant(options.augment, options.seed, v),
        features::augmentedView(options.augment, options.seed, v, options.preset),
        offsetExtraction(callbacks, before, total), cancel));
  }
  return views;
}

// The mirrored centre crops of the test images, for test-time augmentation; none without it.
std::optional<features::Features> flippedTest(training::Session& session,
                                              const DatasetReport& dataset,
                                              const TrainOptions& options,
                                              const TrainingCallbacks& callbacks,
                                              const std::atomic_bool* cancel) {
  if (!options.testTimeFlip) return std::nullopt;
  return session.extractVariant(dataset.test, features::flippedCentreVariant(),
                                features::flippedCentre(options.preset), callbacks, cancel);
}

// Every export runs in 32-bit floats, so the accuracy a run reports is measured on exact features
// even when it trained on fast (bfloat16) or turbo (int8) ones: the options to measure it with.
bool measuredApart(const training::Session& session) {
  return session.precision().used != Precision::Exact;
}
TrainOptions exactOptions(const TrainOptions& options) {
  TrainOptions exact = options;
  exact.precision = Precision::Exact;
  return exact;
}

Evaluation evaluateTest(const LinearHead& head, const LabelledFeatures& test,
                        const std::optional<features::Features>& flipped,
                        const std::vector<std::string>& classes) {
  if (!flipped) return training::evaluateHead(head, test, classes);
  return training::evaluateHeadWithFlip(head, test, alignedTo(test, *flipped), classes);
}

LinearHead startingHead(training::Session& session, const DatasetReport& dataset,
                        const TrainOptions& options, TrainResult& result) {
  const auto classes = static_cast<int64_t>(dataset.classes.size());
  if (!options.initialHeadPath.empty()) {
    const auto saved = loadHead(options.initialHeadPath);
    if (saved.head.classes != dataset.classes || saved.head.featureDim != session.featureDim()) {
      throw Error(options.initialHeadPath +
                  ": its classes or size do not fit this dataset and arch");
    }
    return training::fromHead(saved.head);
  }
  auto head = training::initialHead(classes, session.featureDim(), options.seed);
  if (!options.warmStart) return head;
  const auto matches = training::matchImagenetClasses(dataset.classes);
  if (std::all_of(matches.begin(), matches.end(), [](int m) { return m < 0; })) return head;
  const auto fc = session.pretrainedFc();
  if (fc.weight.size(0) != 1000) return head;  // not ImageNet weights: nothing to start from
  torch::NoGradGuard noGrad;
  for (size_t c = 0; c < matches.size(); ++c) {
    if (matches[c] < 0) continue;
    head.weight[static_cast<int64_t>(c)].copy_(fc.weight[matches[c]]);
    head.bias[static_cast<int64_t>(c)].copy_(fc.bias[matches[c]]);
    result.warmStartedClasses.push_back(dataset.classes[c]);
  }
  return head;
}

training::LabelledMaps labelledMaps(features::Maps&& m) {
  return {std::move(m.values), torch::tensor(m.labels, torch::kInt64), std::move(m.paths), {}};
}

// The renderings whose layer3 maps last-stage fine-tuning needs, in this order: the centre crops
// of the training and test images, then views 1..N of the training images, rendered (and keyed
// by their settings) exactly as head training's views are.
enum MapRequestIndex : size_t { kTrainCentre, kTestCentre, kFirstView };
std::vector<features::MapRequest> mapRequests(const DatasetReport& dataset,
                                              const TrainOptions& options) {
  std::vector<features::MapRequest> requests{{&dataset.train, {}, {}}, {&dataset.test, {}, {}}};
  for (int v = 1; v <= options.augment.views; ++v) {
    requests.push_back({&dataset.train,
                        {v, features::augmentedViewVariant(options.augment, options.seed, v)},
                        features::augmentedView(options.augment, options.seed, v, options.preset)});
  }
  return requests;
}

// A view's maps in `base`'s order, matched by path; an image whose view could not be rendered
// (where its centre crop could) is seen in its centre crop instead, as alignedTo does.
std::vector<features::StoredMap> alignedMaps(const training::LabelledMaps& base,
                                             features::Maps&& view) {
  std::map<std::string, size_t> rowOf;
  for (size_t r = 0; r < view.paths.size(); ++r) rowOf[view.paths[r]] = r;
  std::vector<features::StoredMap> rows;
  for (size_t i = 0; i < base.paths.size(); ++i) {
    const auto found = rowOf.find(base.paths[i]);
    rows.push_back(found == rowOf.end() ? base.maps[i] : std::move(view.values[found->second]));
  }
  return rows;
}

// Last-stage fine-tuning: layer3's maps once (cached), then layer4 and the head on them.
TrainResult trainLastStage(const DatasetReport& dataset, const TrainOptions& options,
                           const TrainingCallbacks& callbacks, const std::atomic_bool* cancel,
                           std::chrono::steady_clock::time_point started) {
  training::Session session(options, dataset);
  auto maps = session.extractMaps(mapRequests(dataset, options), callbacks, cancel);
  TrainResult result;
  result.options = options;
  result.dataset = summarize(dataset);
  result.weightsSha256 = session.weightsSha256();
  result.precision = session.precision();
  result.mapCache = session.mapCacheReport();
  for (size_t r = 0; r < maps.size(); ++r) {
    const auto& m = maps[r];
    if (r < kFirstView)  // a view fails where its image does: listed once
      result.unreadable.insert(result.unreadable.end(), m.unreadable.begin(), m.unreadable.end());
    result.extracted += m.extracted;
    result.fromCache += m.fromCache;
  }
  auto trainSet = labelledMaps(std::move(maps[kTrainCentre]));
  for (size_t r = kFirstView; r < maps.size(); ++r)
    trainSet.views.push_back(alignedMaps(trainSet, std::move(maps[r])));
  auto testSet = labelledMaps(std::move(maps[kTestCentre]));
  trainSet.precision = testSet.precision = session.precision().used;
  if (trainSet.size() == 0) throw Error(dataset.root + ": no training image could be read");
  // The test images' maps in 32-bit floats too, where the run's are not: see measuredApart.
  const auto exact = exactOptions(options);
  std::optional<training::LabelledMaps> exactTestSet;
  if (measuredApart(session)) {
    training::Session exactSession(exact, dataset);
    auto exactMaps = exactSession.extractMaps({{&dataset.test, {}, {}}}, {}, cancel);
    result.extracted += exactMaps.front().extracted;
    result.fromCache += exactMaps.front().fromCache;
    exactTestSet = labelledMaps(std::move(exactMaps.front()));
    exactTestSet->precision = Precision::Exact;
  }

  auto layer4 = training::loadLastStage(options.arch, options.weightsPath);
  auto head = startingHead(session, dataset, options, result);
  const auto featuresOf = [&](const training::LabelledMaps& maps) -> training::LabelledFeatures {
    return {
        training::stageFeatures(layer4, maps, options.batchSize, cancel), maps.y, maps.paths, {}};
  };
  const auto testFeatures = [&] { return featuresOf(exactTestSet ? *exactTestSet : testSet); };
  if (!result.warmStartedClasses.empty() && testSet.size() > 0) {
    const SingleThreaded smallWork;
    result.zeroTrainingAccuracy =
        training::evaluateHead(head, testFeatures(), dataset.classes).accuracy;
  }
  training::LabelledMaps validation;
  const training::LabelledMaps* validationPtr = nullptr;
  if (options.validationFraction > 0) {
    std::tie(trainSet, validation) =
        training::holdOutMaps(trainSet, options.validationFraction, options.seed);
    validation.views.clear();  // validation sees the centre crops only
    validationPtr = &validation;
  }
  auto trained =
      training::trainStage(layer4, head, trainSet, validationPtr, options, callbacks, cancel);
  result.head = training::toHead(trained.head, dataset.classes);
  result.history = std::move(trained.history);
  result.bestEpoch = trained.bestEpoch;
  result.stage = std::make_shared<const StageWeights>(training::toStageWeights(trained.layer4));
  const auto test = testFeatures();
  const auto asTrained = exactTestSet ? featuresOf(testSet) : training::LabelledFeatures{};
  const SingleThreaded smallWork;
  result.test = training::evaluateHead(trained.head, test, dataset.classes);
  if (exactTestSet)
    result.testAccuracyAsTrained =
        training::evaluateHead(trained.head, asTrained, dataset.classes).accuracy;
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace

TrainResult train(const DatasetReport& dataset, const TrainOptions& options,
                  const TrainingCallbacks& callbacks, const std::atomic_bool* cancel) {
  requireUsable(dataset);
  const auto started = std::chrono::steady_clock::now();
  useAllCores();
  if (options.trainLastStage) return trainLastStage(dataset, options, callbacks, cancel, started);
  training::Session session(options, dataset);
  // Every rendering counts in the progress: N views are N more passes over the training images.
  const size_t trainRenderings = dataset.train.size() * size_t(1 + options.augment.views);
  const size_t testRenderings = dataset.test.size() * (options.testTimeFlip ? 2 : 1);
  const bool apart = measuredApart(session);
  const size_t total = trainRenderings + testRenderings * (apart ? 2 : 1);
  auto trainFeatures =
      session.extract(dataset.train, offsetExtraction(callbacks, 0, total), cancel);
  auto viewFeatures = extractViews(session, dataset, options, callbacks, total, cancel);
  auto testFeatures =
      session.extract(dataset.test, offsetExtraction(callbacks, trainRenderings, total), cancel);
  const auto flipped = flippedTest(
      session, dataset, options,
      offsetExtraction(callbacks, trainRenderings + dataset.test.size(), total), cancel);
  // The test images again in 32-bit floats, where the run's features are not: see measuredApart.
  const auto exact = exactOptions(options);
  std::optional<features::Features> exactTest, exactFlipped;
  if (apart) {
    training::Session exactSession(exact, dataset);
    const size_t before = trainRenderings + testRenderings;
    exactTest =
        exactSession.extract(dataset.test, offsetExtraction(callbacks, before, total), cancel);
    exactFlipped =
        flippedTest(exactSession, dataset, options,
                    offsetExtraction(callbacks, before + dataset.test.size(), total), cancel);
  }
  TrainResult result;
  result.options = options;
  result.dataset = summarize(dataset);
  result.weightsSha256 = session.weightsSha256();
  result.precision = session.precision();
  for (const auto* f : {&trainFeatures, &testFeatures}) {
    result.unreadable.insert(result.unreadable.end(), f->unreadable.begin(), f->unreadable.end());
    result.extracted += f->extracted;
    result.fromCache += f->fromCache;
  }
  using MaybeFeatures = const std::optional<features::Features>*;
  for (MaybeFeatures f :
       std::initializer_list<MaybeFeatures>{&flipped, &exactTest, &exactFlipped}) {
    if (!*f) continue;
    result.extracted += (*f)->extracted;
    result.fromCache += (*f)->fromCache;
  }
  for (const auto& f : viewFeatures) {
    result.extracted += f.extracted;
    result.fromCache += f.fromCache;
  }
  auto trainSet = training::labelled(std::move(trainFeatures));
  for (const auto& f : viewFeatures) trainSet.views.push_back(alignedTo(trainSet, f));
  const auto testSet = training::labelled(std::move(testFeatures));
  const auto exactTestSet = exactTest ? training::labelled(std::move(*exactTest)) : testSet;
  if (!apart) exactFlipped = flipped;
  if (trainSet.x.size(0) == 0) throw Error(dataset.root + ": no training image could be read");

  const SingleThreaded smallWork;
  auto head = startingHead(session, dataset, options, result);
  if (!result.warmStartedClasses.empty() && exactTestSet.x.size(0) > 0) {
    result.zeroTrainingAccuracy =
        training::evaluateHead(head, exactTestSet, dataset.classes).accuracy;
  }
  LabelledFeatures validation;
  const LabelledFeatures* validationPtr = nullptr;
  if (options.validationFraction > 0) {
    std::tie(trainSet, validation) =
        training::holdOut(trainSet, options.validationFraction, options.seed);
    validation.views.clear();  // validation sees the centre crops only
    validationPtr = &validation;
  }
  auto trained = training::trainHead(head, trainSet, validationPtr, options, callbacks, cancel);
  result.head = training::toHead(trained.head, dataset.classes);
  result.history = std::move(trained.history);
  result.bestEpoch = trained.bestEpoch;
  result.test = evaluateTest(trained.head, exactTestSet, exactFlipped, dataset.classes);
  if (apart)
    result.testAccuracyAsTrained =
        evaluateTest(trained.head, testSet, flipped, dataset.classes).accuracy;
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

Evaluation evaluate(const DatasetReport& dataset, const Head& head, const TrainOptions& given,
                    const TrainingCallbacks& callbacks, const std::atomic_bool* cancel) {
  requireUsable(dataset);
  TrainOptions options = given;
  if (!head.fineTunedModel.empty()) options.weightsPath = head.fineTunedModel;
  if (head.classes != dataset.classes) {
    throw Error(dataset.root + ": the dataset's classes differ from the head's (" +
                std::to_string(dataset.classes.size()) + " vs " +
                std::to_string(head.classes.size()) + ")");
  }
  useAllCores();
  training::Session session(options, dataset);
  if (head.featureDim != session.featureDim()) {
    throw Error("the head takes " + std::to_string(head.featureDim) + " features, " +
                archInfo(options.arch).name + " gives " + std::to_string(session.featureDim()));
  }
  const size_t total = dataset.test.size() * (options.testTimeFlip ? 2 : 1);
  auto test = training::labelled(
      session.extract(dataset.test, offsetExtraction(callbacks, 0, total), cancel));
  const auto flipped = flippedTest(session, dataset, options,
                                   offsetExtraction(callbacks, dataset.test.size(), total), cancel);
  const SingleThreaded smallWork;
  return evaluateTest(training::fromHead(head), test, flipped, dataset.classes);
}

namespace training {

LinearHead startingHeadFor(Session& session, const DatasetReport& dataset,
                           const TrainOptions& options) {
  TrainResult unused;
  return startingHead(session, dataset, options, unused);
}

}  // namespace training
}  // namespace headstart
