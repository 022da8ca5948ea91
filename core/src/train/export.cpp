#include "headstart/export.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "features/cache.h"
#include "headstart/error.h"
#include "headstart/sha256.h"
#include "io/atomic_file.h"
#include "io/checkpoint.h"
#include "train/model_writer.h"
#include "train/session.h"
#include "util/legacy_hash.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace headstart {
namespace {

// 2: the file hashes (`head_hash`, `model_hash`, the weights' `hash`) are SHA-256 in lowercase
// hex, what `sha256sum` prints. 1: they were a home-made 64-bit hash (16 hex digits).
constexpr int kManifestFormat = 2;

json presetJson(const Preset& p) {
  return {{"name", p.name},
          {"resize", p.resizeSize},
          {"crop", p.cropSize},
          {"mean", p.mean},
          {"std", p.std}};
}

json outcomesJson(const std::vector<Mistake>& outcomes) {
  json list = json::array();
  for (const auto& m : outcomes) {
    list.push_back({{"image", m.path},
                    {"true", m.trueClass},
                    {"predicted", m.predictedClass},
                    {"confidence", m.confidence}});
  }
  return list;
}

std::vector<Mistake> outcomesFromJson(const json& list, size_t classes) {
  std::vector<Mistake> outcomes;
  for (const auto& m : list) {
    const int t = m.at("true").get<int>(), p = m.at("predicted").get<int>();
    if (t < 0 || p < 0 || size_t(t) >= classes || size_t(p) >= classes)
      throw json::other_error::create(501, "an image with an unknown class", nullptr);
    outcomes.push_back({m.at("image").get<std::string>(), t, p, m.at("confidence").get<float>()});
  }
  return outcomes;
}

json evaluationJson(const Evaluation& e) {
  json perClass = json::array();
  for (const auto& m : e.perClass) {
    perClass.push_back({{"class", m.name},
                        {"precision", m.precision},
                        {"recall", m.recall},
                        {"f1", m.f1},
                        {"support", m.support}});
  }
  return {{"images", e.count},
          {"accuracy", e.accuracy},
          {"loss", e.loss},
          {"top5_accuracy", e.top5Accuracy},
          {"confusion", e.confusion},
          {"per_class", perClass},
          {"mistakes", outcomesJson(e.mistakes)},
          {"correct", outcomesJson(e.correct)}};
}

Evaluation evaluationFromJson(const json& j, const std::vector<std::string>& classes) {
  Evaluation e;
  e.classes = classes;
  e.count = j.value("images", size_t(0));
  e.accuracy = j.value("accuracy", 0.0);
  e.loss = j.value("loss", 0.0);
  e.top5Accuracy = j.value("top5_accuracy", 0.0);
  e.confusion = j.value("confusion", std::vector<std::vector<int64_t>>{});
  for (const auto& m : j.value("per_class", json::array())) {
    e.perClass.push_back({m.at("class").get<std::string>(), m.at("precision").get<double>(),
                          m.at("recall").get<double>(), m.at("f1").get<double>(),
                          m.at("support").get<size_t>()});
  }
  e.mistakes = outcomesFromJson(j.value("mistakes", json::array()), classes.size());
  e.correct = outcomesFromJson(j.value("correct", json::array()), classes.size());
  return e;
}

// What the manifest records of the other files: the head's bytes, the model's hash.
struct ExportedBytes {
  std::string head;
  std::string modelSha256;  // empty without the whole model
};

// Augmented views (how many, and what they are) and test-time augmentation, when used.
void addAugmentation(json& m, const TrainOptions& o) {
  const AugmentSettings& a = o.augment;
  m["hyperparameters"]["augment_views"] = a.views;
  if (a.views > 0) {
    m["augmentation"] = {{"views", a.views},
                         {"scale", {a.scaleMin, a.scaleMax}},
                         {"ratio", {a.ratioMin, a.ratioMax}},
                         {"flip", 0.5},
                         {"brightness", a.brightness},
                         {"contrast", a.contrast},
                         {"saturation", a.saturation}};
  }
  m["metrics"]["test_time_augmentation"] = o.testTimeFlip ? "flip" : "none";
}

void readAugmentation(const json& m, TrainOptions& o) {
  if (m.contains("augmentation")) {
    const auto& j = m["augmentation"];
    AugmentSettings& a = o.augment;
    a.views = j.value("views", 0);
    a.scaleMin = j.at("scale").at(0).get<double>();
    a.scaleMax = j.at("scale").at(1).get<double>();
    a.ratioMin = j.at("ratio").at(0).get<double>();
    a.ratioMax = j.at("ratio").at(1).get<double>();
    a.brightness = j.value("brightness", a.brightness);
    a.contrast = j.value("contrast", a.contrast);
    a.saturation = j.value("saturation", a.saturation);
  }
  if (m.contains("metrics"))
    o.testTimeFlip = m["metrics"].value("test_time_augmentation", std::string()) == "flip";
}

json manifestFor(const TrainResult& r, const ExportPaths& paths, const ExportedBytes& bytes) {
  const TrainOptions& o = r.options;
  const DatasetSummary& d = r.dataset;
  const bool withModel = !bytes.modelSha256.empty();
  json history = json::array();
  for (const auto& e : r.history) {
    json epoch{{"epoch", e.epoch}, {"train_loss", e.trainLoss}};
    if (e.validationLoss) epoch["validation_loss"] = *e.validationLoss;
    if (e.validationAccuracy) epoch["validation_accuracy"] = *e.validationAccuracy;
    history.push_back(epoch);
  }
  json counts = json::array();
  for (const auto& c : d.counts)
    counts.push_back({{"class", c.name}, {"train", c.train}, {"test", c.test}});
  json m{
      {"format", kManifestFormat},
      {"software", std::string("HeadStart ") + HEADSTART_VERSION},
      {"classes", r.head.classes},
      {"arch", archInfo(o.arch).name},
      {"feature_dim", r.head.featureDim},
      {"weights",
       {{"file", fs::path(o.weightsPath).filename().string()},
        {"path", o.weightsPath},
        {"hash", r.weightsSha256}}},
      {"preset", presetJson(o.preset)},
      {"precision", precisionName(r.precision.used)},
      {"hyperparameters",
       {{"epochs", o.epochs},
        {"batch_size", o.batchSize},
        {"learning_rate", o.learningRate},
        {"weight_decay", o.weightDecay},
        {"optimizer", r.stage ? "AdamW" : "Adam"},
        {"validation_fraction", o.validationFraction},
        {"patience", o.patience},
        {"warm_start", o.warmStart},
        {"schedule", scheduleName(o.schedule)},
        {"warmup_epochs", o.warmupEpochs},
        {"label_smoothing", o.labelSmoothing},
        {"balance", o.balance}}},
      {"trained", r.stage ? json::array({"layer4", "fc"}) : json::array({"fc"})},
      {"seed", o.seed},
      {"dataset",
       {{"root", d.root},
        {"layout", layoutName(d.layout)},
        {"counts", counts},
        {"train_images", d.trainImages},
        {"test_images", d.testImages}}},
      {"metrics",
       {{"test_accuracy", r.test.accuracy},
        {"test_loss", r.test.loss},
        {"test_top5_accuracy", r.test.top5Accuracy},
        {"best_epoch", r.bestEpoch},
        {"history", history},
        {"seconds", r.seconds}}},
      {"evaluation", evaluationJson(r.test)},
      {"warm_started_classes", r.warmStartedClasses},
      {"files",
       {{"head", fs::path(paths.head).filename().string()}, {"head_hash", sha256Hex(bytes.head)}}}};
  if (withModel) {
    m["files"]["model"] = fs::path(paths.model).filename().string();
    m["files"]["model_hash"] = bytes.modelSha256;
  }
  if (d.layout == DatasetLayout::SingleSplit) {
    m["dataset"]["split"] = {{"test_fraction", d.testFraction}, {"seed", d.splitSeed}};
  }
  if (r.stage) {
    auto& h = m["hyperparameters"];
    h["train_last_stage"] = true;
    h["stage_learning_rate_factor"] = o.stageLearningRateFactor;
    h["head_warmup_epochs"] = o.headWarmupEpochs;
  }
  if (r.zeroTrainingAccuracy) m["metrics"]["zero_training_accuracy"] = *r.zeroTrainingAccuracy;
  // The test figures above are exact (what this export does); the run's own precision apart.
  m["metrics"]["test_precision"] = precisionName(Precision::Exact);
  if (r.testAccuracyAsTrained) m["metrics"]["test_accuracy_as_trained"] = *r.testAccuracyAsTrained;
  addAugmentation(m, o);
  if (r.precision.used == Precision::Int8) {
    // The head learnt int8 features: predicting in int8 with this calibration reproduces them.
    m["calibration"] = {{"images", r.precision.calibration}, {"key", r.precision.calibrationKey}};
    m["recommended_precision"] = precisionName(Precision::Int8);
  }
  return m;
}

void createFolderOf(const std::string& path) {
  const auto folder = fs::path(path).parent_path();
  std::error_code ec;
  if (!folder.empty() && !fs::create_directories(folder, ec) && ec)
    throw Error(folder.string() + ": cannot create the folder (" + ec.message() + ")");
}

// The head's hash as the manifest's format computes it. Format 1 is still verified with the
// old hash, so an old export loads only with its own head, as it did before.
std::string headHashFor(int format, const ExportPaths& paths) {
  return format == 1 ? util::legacy::formatOneHashOfFile(paths.head) : sha256HexOfFile(paths.head);
}

// A head whose bytes differ from what its manifest recorded belongs to another export.
void checkHeadMatchesManifest(const ExportPaths& paths, const json& manifest, int format) {
  const auto files = manifest.find("files");
  if (files == manifest.end() || !files->is_object() || !files->contains("head_hash")) return;
  const auto recorded = files->at("head_hash");
  if (!recorded.is_string() || recorded.get<std::string>() != headHashFor(format, paths))
    throw Error(paths.head + ": does not match its manifest " + paths.manifest +
                " (the files come from different exports, or an export was interrupted); "
                "export the head again");
}

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string withoutSuffix(const std::string& s, const std::string& suffix) {
  return s.substr(0, s.size() - suffix.size());
}

// Whether the manifest STEM.json names `model` as its whole-model file.
bool manifestNamesModel(const std::string& stem, const std::string& model) {
  std::ifstream in(stem + ".json");
  if (!in) return false;
  const auto manifest = json::parse(in, nullptr, false);
  if (!manifest.is_object() || !manifest.contains("files") || !manifest["files"].is_object())
    return false;
  const auto& files = manifest["files"];
  return files.contains("model") && files["model"].is_string() &&
         files["model"].get<std::string>() == fs::path(model).filename().string();
}

// NAME for any of NAME, NAME.pt, NAME.json and NAME-model.pt. A head that happens to be called
// "x-model.pt" stays itself unless x.json claims it as its model.
std::string exportStem(const std::string& name) {
  if (endsWith(name, "-model.pt")) {
    const auto stem = withoutSuffix(name, "-model.pt");
    if (manifestNamesModel(stem, name)) return stem;
  }
  for (const char* suffix : {".pt", ".json"}) {
    if (endsWith(name, suffix)) return withoutSuffix(name, suffix);
  }
  return name;
}

}  // namespace

ExportPaths exportPathsFor(const std::string& name) {
  const std::string stem = exportStem(name);
  return {stem + ".pt", stem + "-model.pt", stem + ".json"};
}

ExportPaths exportTrained(const std::string& name, const TrainResult& result, bool withModel) {
  const auto paths = exportPathsFor(name);
  const auto& options = result.options;
  // The head learnt on a fine-tuned layer4: with the original one it would predict wrongly.
  if (options.trainLastStage && !result.stage)
    throw Error(paths.head +
                ": the run fine-tuned layer4, whose trained weights are not kept "
                "with it; train it again to export it");
  const auto head = training::fromHead(result.head);
  createFolderOf(paths.head);
  ExportedBytes bytes;
  bytes.head = io::serializeStateDict({{"weight", head.weight}, {"bias", head.bias}});
  // A fine-tuned layer4 lives in the whole model only: its head alone would be of no use.
  if (result.stage) withModel = true;
  for (const auto* path : {&paths.model, &paths.head, &paths.manifest})
    io::removeStaleTemporaries(*path);
  // Everything is written in full before the first rename, and the manifest goes last: a kill
  // while exporting leaves the previous export as it was.
  io::StagedFiles files;
  if (withModel) {
    training::ModelWriter writer(paths.model, options, head.weight.size(0));
    writer.finish(head, result.stage.get());
    bytes.modelSha256 = writer.sha256();
    files.add(writer.takeFile());
  }
  const auto manifest = manifestFor(result, paths, bytes).dump(2) + "\n";
  files.add(paths.head, bytes.head);
  files.add(paths.manifest, manifest);
  files.commit();
  return paths;
}

namespace {

json readManifest(const ExportPaths& paths) {
  try {
    std::ifstream in(paths.manifest);
    if (!in)
      throw Error(paths.manifest + ": the head's manifest is missing (it names the classes)");
    auto manifest = json::parse(in);
    if (!manifest.is_object() || !manifest.contains("classes"))
      throw Error(paths.manifest + ": no class list");
    return manifest;
  } catch (const json::exception& e) {
    throw Error(paths.manifest + ": invalid manifest (" + e.what() + ")");
  }
}

bool trainedStage(const json& manifest) {
  const auto trained = manifest.find("trained");
  if (trained == manifest.end() || !trained->is_array()) return false;
  return std::find(trained->begin(), trained->end(), "layer4") != trained->end();
}

// The model file of an export whose layer4 was trained: its layer4 is nowhere else.
std::string checkedStageModel(const ExportPaths& paths, const json& manifest) {
  if (!fs::exists(paths.model))
    throw Error(paths.model + ": missing; " + paths.manifest +
                " says layer4 was fine-tuned, and the trained layer4 is kept in this file");
  const auto files = manifest.value("files", json::object());
  const auto recorded = files.value("model_hash", std::string());
  if (recorded != sha256HexOfFile(paths.model))
    throw Error(paths.model + ": does not match its manifest " + paths.manifest +
                " (the files come from different exports, or an export was interrupted)");
  return paths.model;
}

SavedHead headOf(const ExportPaths& paths, const json& manifest) {
  SavedHead saved;
  int format = 1;
  try {
    format = manifest.value("format", 1);
    if (format < 1 || format > kManifestFormat)
      throw Error(paths.manifest + ": manifest format " + std::to_string(format) +
                  " is not one this HeadStart reads (1 to " + std::to_string(kManifestFormat) +
                  "); it may come from a newer version");
    saved.head.classes = manifest.at("classes").get<std::vector<std::string>>();
    saved.arch = manifest.value("arch", "resnet50");
    saved.preset = manifest.contains("preset") ? manifest["preset"].value("name", "") : "";
  } catch (const json::exception& e) {
    throw Error(paths.manifest + ": invalid manifest (" + e.what() + ")");
  }
  checkHeadMatchesManifest(paths, manifest, format);
  const auto fineTuned = trainedStage(manifest) ? checkedStageModel(paths, manifest) : "";
  const auto state = io::readStateDict(paths.head);
  const auto classes = static_cast<int64_t>(saved.head.classes.size());
  const auto arch = archFromName(saved.arch);
  if (!arch) throw Error(paths.manifest + ": unknown arch '" + saved.arch + "'");
  const int64_t dim = archInfo(*arch).featureDim;
  const auto conformed = io::conformToSpec(
      state, {{"weight", {classes, dim}, true}, {"bias", {classes}, true}}, paths.head);
  saved.head = training::toHead({conformed[0].second, conformed[1].second}, saved.head.classes);
  saved.head.fineTunedModel = fineTuned;
  return saved;
}

TrainOptions optionsFromManifest(const json& m, Arch arch) {
  TrainOptions o;
  o.arch = arch;
  const auto& weights = m.at("weights");
  o.weightsPath = weights.value("path", weights.value("file", std::string()));
  const auto& preset = m.at("preset");
  if (auto p = presetFromName(preset.value("name", std::string()))) o.preset = *p;
  const auto& h = m.at("hyperparameters");
  o.epochs = h.at("epochs").get<int>();
  o.batchSize = h.at("batch_size").get<int>();
  o.learningRate = h.at("learning_rate").get<double>();
  o.weightDecay = h.at("weight_decay").get<double>();
  o.validationFraction = h.value("validation_fraction", 0.0);
  o.patience = h.value("patience", 0);
  o.warmStart = h.value("warm_start", true);
  // Manifests from before schedules trained at a constant rate on plain cross-entropy.
  if (auto schedule = scheduleFromName(h.value("schedule", std::string("constant"))))
    o.schedule = *schedule;
  o.warmupEpochs = h.value("warmup_epochs", 0.0);
  o.labelSmoothing = h.value("label_smoothing", 0.0);
  o.balance = h.value("balance", false);
  o.trainLastStage = h.value("train_last_stage", false);
  o.stageLearningRateFactor = h.value("stage_learning_rate_factor", o.stageLearningRateFactor);
  o.headWarmupEpochs = h.value("head_warmup_epochs", o.headWarmupEpochs);
  o.seed = m.at("seed").get<uint64_t>();
  // The precision the features were computed in: training again asks for the same.
  if (auto p = precisionFromName(m.value("precision", std::string("exact")))) o.precision = *p;
  readAugmentation(m, o);
  return o;
}

DatasetSummary datasetFromManifest(const json& j) {
  DatasetSummary d;
  d.root = j.at("root").get<std::string>();
  const auto layout = j.value("layout", std::string());
  for (auto l : {DatasetLayout::FormatJson, DatasetLayout::ImageFolder, DatasetLayout::SingleSplit})
    if (layout == layoutName(l)) d.layout = l;
  for (const auto& c : j.value("counts", json::array()))
    d.counts.push_back({c.at("class").get<std::string>(), c.at("train").get<size_t>(),
                        c.at("test").get<size_t>()});
  d.trainImages = j.value("train_images", size_t(0));
  d.testImages = j.value("test_images", size_t(0));
  if (j.contains("split")) {
    d.testFraction = j["split"].value("test_fraction", 0.0);
    d.splitSeed = j["split"].value("seed", uint64_t(0));
  }
  return d;
}

std::vector<EpochResult> historyFromManifest(const json& history) {
  std::vector<EpochResult> epochs;
  for (const auto& e : history) {
    EpochResult r;
    r.epoch = e.at("epoch").get<int>();
    r.trainLoss = e.at("train_loss").get<double>();
    if (e.contains("validation_loss")) r.validationLoss = e["validation_loss"].get<double>();
    if (e.contains("validation_accuracy"))
      r.validationAccuracy = e["validation_accuracy"].get<double>();
    epochs.push_back(r);
  }
  return epochs;
}

// The fine-tuned layer4's trainable tensors, read back from an export's model file.
std::shared_ptr<const StageWeights> stageFromModel(const std::string& modelPath) {
  auto stage = std::make_shared<StageWeights>();
  for (const auto& [name, tensor] : io::readStateDict(modelPath)) {
    if (name.rfind("layer4.", 0) != 0 || name.find("running_") != std::string::npos ||
        name.find("num_batches_tracked") != std::string::npos)
      continue;
    const auto values = tensor.to(torch::kFloat32).contiguous();
    stage->tensors.push_back(
        {name, values.sizes().vec(),
         std::vector<float>(values.data_ptr<float>(), values.data_ptr<float>() + values.numel())});
  }
  return stage;
}

}  // namespace

SavedHead loadHead(const std::string& name) {
  const auto paths = exportPathsFor(name);
  return headOf(paths, readManifest(paths));
}

TrainResult loadTrainResult(const std::string& name) {
  const auto paths = exportPathsFor(name);
  const auto manifest = readManifest(paths);
  auto saved = headOf(paths, manifest);
  TrainResult r;
  try {
    r.options = optionsFromManifest(manifest, *archFromName(saved.arch));
    r.dataset = datasetFromManifest(manifest.at("dataset"));
    const auto& metrics = manifest.at("metrics");
    r.history = historyFromManifest(metrics.at("history"));
    r.bestEpoch = metrics.value("best_epoch", 0);
    r.seconds = metrics.value("seconds", 0.0);
    if (metrics.contains("zero_training_accuracy"))
      r.zeroTrainingAccuracy = metrics["zero_training_accuracy"].get<double>();
    if (metrics.contains("test_accuracy_as_trained"))
      r.testAccuracyAsTrained = metrics["test_accuracy_as_trained"].get<double>();
    r.weightsSha256 = manifest.at("weights").value("hash", std::string());
    r.precision.requested = r.precision.used = r.options.precision;
    if (manifest.contains("calibration")) {
      r.precision.calibration = manifest["calibration"].value("images", std::string());
      r.precision.calibrationKey = manifest["calibration"].value("key", std::string());
    }
    r.warmStartedClasses = manifest.value("warm_started_classes", std::vector<std::string>{});
    if (manifest.contains("evaluation")) {
      r.test = evaluationFromJson(manifest["evaluation"], saved.head.classes);
    } else {  // exports of 0.1.0 kept the summary figures only
      r.test.classes = saved.head.classes;
      r.test.accuracy = metrics.value("test_accuracy", 0.0);
      r.test.loss = metrics.value("test_loss", 0.0);
      r.test.top5Accuracy = metrics.value("test_top5_accuracy", 0.0);
    }
  } catch (const json::exception& e) {
    throw Error(paths.manifest + ": invalid manifest (" + e.what() + ")");
  }
  if (!saved.head.fineTunedModel.empty()) r.stage = stageFromModel(saved.head.fineTunedModel);
  r.head = std::move(saved.head);
  return r;
}

}  // namespace headstart
