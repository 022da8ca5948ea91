// runDoctor: features (from the cache or the backbone) and perceptual hashes of every readable
// image, then the analysis units on them.

#include <chrono>
#include <set>

#include "doctor/analysis.h"
#include "doctor/hashes.h"
#include "headstart/classifier.h"
#include "headstart/error.h"
#include "train/session.h"

namespace headstart {
namespace doctor {
namespace {

// The reduced space's size: enough for cosines within a hundredth of the full features' on the
// data measured (tests/bench/README.md, the doctor's thresholds), few enough for 20,000 images in
// seconds.
constexpr int64_t kComponents = 128;

void markFlagged(DoctorReport& report) {
  std::set<std::string> flagged;
  for (const auto& f : report.labels) flagged.insert(f.path);
  for (const auto& f : report.duplicates) flagged.insert({f.a, f.b});
  for (const auto& f : report.outliers) flagged.insert(f.path);
  for (auto& point : report.map) point.flagged = flagged.count(point.path) > 0;
}

}  // namespace

void analyse(const Samples& samples, const DoctorOptions& options, DoctorReport& report,
             const Stage& stage) {
  const Thresholds thresholds;
  const auto space = reduce(samples.features, kComponents, options.seed);
  Neighbours neighbours;
  report.duplicates =
      findDuplicates(samples, space, thresholds, options.maxFindings, neighbours, stage);
  report.labels = findWrongLabels(samples, space, neighbours, options, stage);
  stage.report("outliers", 0, 1);
  report.outliers = findOutliers(samples, space, neighbours, thresholds, options.maxFindings);
  stage.report("outliers", 1, 1);
  report.map.clear();
  if (options.map) {
    for (size_t i = 0; i < samples.size(); ++i)
      report.map.push_back({samples.paths[i], samples.split(i), int(samples.labels[i]), 0, 0});
    report.mapMethod = makeMap(space, options.seed, report.map, stage);
  }
  markFlagged(report);
}

}  // namespace doctor

namespace {

TrainOptions extractionOptions(const DoctorOptions& options) {
  TrainOptions t;
  t.arch = options.arch;
  t.weightsPath = options.weightsPath;
  t.preset = options.preset;
  t.decode = options.decode;
  t.precision = options.precision;
  t.cacheRoot = options.cacheRoot;
  t.extractBatchSize = options.extractBatchSize;
  return t;
}

// Feature progress over both splits as one "features" stage.
TrainingCallbacks featureProgress(const std::function<void(const DoctorProgress&)>& progress,
                                  size_t before, size_t total) {
  TrainingCallbacks callbacks;
  if (progress) {
    callbacks.extraction = [&progress, before, total](const ExtractionProgress& p) {
      progress({"features", before + p.done, total});
    };
  }
  return callbacks;
}

std::string hashCacheRoot(const std::string& cacheRoot) {
  if (cacheRoot == "-") return {};
  return cacheRoot.empty() ? features::FeatureCache::defaultRoot() : cacheRoot;
}

doctor::Samples samplesOf(features::Features&& train, features::Features&& test, size_t classes) {
  doctor::Samples s;
  s.trainCount = train.paths.size();
  s.classes = static_cast<int64_t>(classes);
  s.features = torch::cat({train.values, test.values}).to(torch::kFloat32).contiguous();
  s.labels = std::move(train.labels);
  s.labels.insert(s.labels.end(), test.labels.begin(), test.labels.end());
  s.paths = std::move(train.paths);
  s.paths.insert(s.paths.end(), test.paths.begin(), test.paths.end());
  return s;
}

}  // namespace

DoctorReport runDoctor(const DatasetReport& dataset, const DoctorOptions& options,
                       const std::function<void(const DoctorProgress&)>& progress,
                       const std::atomic_bool* cancel) {
  if (!dataset.ok()) throw Error(dataset.root + ": " + dataset.errors.front());
  const auto started = std::chrono::steady_clock::now();
  useAllCores();
  const auto trainOptions = extractionOptions(options);
  training::Session session(trainOptions, dataset);
  const size_t total = dataset.train.size() + dataset.test.size();
  auto train = session.extract(dataset.train, featureProgress(progress, 0, total), cancel);
  auto test =
      session.extract(dataset.test, featureProgress(progress, dataset.train.size(), total), cancel);
  DoctorReport report;
  report.unreadable = train.unreadable;
  report.unreadable.insert(report.unreadable.end(), test.unreadable.begin(), test.unreadable.end());
  if (train.paths.empty()) throw Error(dataset.root + ": no training image could be read");
  auto samples = samplesOf(std::move(train), std::move(test), dataset.classes.size());
  const doctor::Stage stage(progress, cancel);
  auto hashes = doctor::perceptualHashes(samples.paths, options.decode,
                                         hashCacheRoot(options.cacheRoot), stage);
  samples.signatures = std::move(hashes.values);
  samples.hashed = std::move(hashes.present);
  doctor::analyse(samples, options, report, stage);
  report.dataset = summarize(dataset);
  report.classes = dataset.classes;
  report.precision = session.precision();
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

const char* relationName(DuplicateRelation relation) {
  switch (relation) {
    case DuplicateRelation::Leak:
      return "leak";
    case DuplicateRelation::SameClass:
      return "same-class";
    case DuplicateRelation::CrossClass:
      return "cross-class";
  }
  return "same-class";
}

const char* splitName(DataSplit split) { return split == DataSplit::Train ? "train" : "test"; }

}  // namespace headstart
