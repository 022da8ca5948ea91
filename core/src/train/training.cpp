#include <chrono>

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
  return {std::move(m.values), torch::tensor(m.labels, torch::kInt64), std::move(m.paths)};
}

// Last-stage fine-tuning: layer3's maps once (cached), then layer4 and the head on them.
TrainResult trainLastStage(const DatasetReport& dataset, const TrainOptions& options,
                           const TrainingCallbacks& callbacks, const std::atomic_bool* cancel,
                           std::chrono::steady_clock::time_point started) {
  training::Session session(options, dataset);
  auto maps = session.extractMaps({&dataset.train, &dataset.test}, callbacks, cancel);
  TrainResult result;
  result.options = options;
  result.dataset = summarize(dataset);
  result.weightsSha256 = session.weightsSha256();
  result.precision = session.precision();
  result.mapCache = session.mapCacheReport();
  for (const auto& m : maps) {
    result.unreadable.insert(result.unreadable.end(), m.unreadable.begin(), m.unreadable.end());
    result.extracted += m.extracted;
    result.fromCache += m.fromCache;
  }
  auto trainSet = labelledMaps(std::move(maps[0]));
  const auto testSet = labelledMaps(std::move(maps[1]));
  if (trainSet.size() == 0) throw Error(dataset.root + ": no training image could be read");

  auto layer4 = training::loadLastStage(options.arch, options.weightsPath);
  auto head = startingHead(session, dataset, options, result);
  const auto testFeatures = [&]() -> training::LabelledFeatures {
    return {training::stageFeatures(layer4, testSet, options.batchSize, cancel), testSet.y,
            testSet.paths};
  };
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
    validationPtr = &validation;
  }
  auto trained =
      training::trainStage(layer4, head, trainSet, validationPtr, options, callbacks, cancel);
  result.head = training::toHead(trained.head, dataset.classes);
  result.history = std::move(trained.history);
  result.bestEpoch = trained.bestEpoch;
  result.stage = std::make_shared<const StageWeights>(training::toStageWeights(trained.layer4));
  const auto test = testFeatures();
  const SingleThreaded smallWork;
  result.test = training::evaluateHead(trained.head, test, dataset.classes);
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
  const size_t total = dataset.train.size() + dataset.test.size();
  auto trainFeatures =
      session.extract(dataset.train, offsetExtraction(callbacks, 0, total), cancel);
  auto testFeatures = session.extract(
      dataset.test, offsetExtraction(callbacks, dataset.train.size(), total), cancel);
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
  auto trainSet = training::labelled(std::move(trainFeatures));
  const auto testSet = training::labelled(std::move(testFeatures));
  if (trainSet.x.size(0) == 0) throw Error(dataset.root + ": no training image could be read");

  const SingleThreaded smallWork;
  auto head = startingHead(session, dataset, options, result);
  if (!result.warmStartedClasses.empty() && testSet.x.size(0) > 0) {
    result.zeroTrainingAccuracy = training::evaluateHead(head, testSet, dataset.classes).accuracy;
  }
  LabelledFeatures validation;
  const LabelledFeatures* validationPtr = nullptr;
  if (options.validationFraction > 0) {
    std::tie(trainSet, validation) =
        training::holdOut(trainSet, options.validationFraction, options.seed);
    validationPtr = &validation;
  }
  auto trained = training::trainHead(head, trainSet, validationPtr, options, callbacks, cancel);
  result.head = training::toHead(trained.head, dataset.classes);
  result.history = std::move(trained.history);
  result.bestEpoch = trained.bestEpoch;
  result.test = training::evaluateHead(trained.head, testSet, dataset.classes);
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
  auto test = training::labelled(session.extract(dataset.test, callbacks, cancel));
  const SingleThreaded smallWork;
  return training::evaluateHead(training::fromHead(head), test, dataset.classes);
}

}  // namespace headstart
