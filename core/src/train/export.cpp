#include "headstart/export.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "features/cache.h"
#include "headstart/error.h"
#include "io/atomic_file.h"
#include "io/checkpoint.h"
#include "train/session.h"
#include "util/hash.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace headstart {
namespace {

constexpr int kManifestFormat = 1;

json presetJson(const Preset& p) {
  return {{"name", p.name},
          {"resize", p.resizeSize},
          {"crop", p.cropSize},
          {"mean", p.mean},
          {"std", p.std}};
}

// The bytes of each exported file, so the manifest can carry their hashes.
struct ExportedBytes {
  std::string head;
  std::string model;  // empty without the whole model
};

json manifestFor(const TrainResult& r, const TrainOptions& o, const DatasetReport& d,
                 const ExportPaths& paths, const ExportedBytes& bytes) {
  const bool withModel = !bytes.model.empty();
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
      {"weights", {{"file", fs::path(o.weightsPath).filename().string()}, {"hash", r.weightsHash}}},
      {"preset", presetJson(o.preset)},
      {"precision", precisionName(r.precision.used)},
      {"hyperparameters",
       {{"epochs", o.epochs},
        {"batch_size", o.batchSize},
        {"learning_rate", o.learningRate},
        {"weight_decay", o.weightDecay},
        {"optimizer", "Adam"},
        {"validation_fraction", o.validationFraction},
        {"patience", o.patience},
        {"warm_start", o.warmStart}}},
      {"seed", o.seed},
      {"dataset",
       {{"root", d.root},
        {"layout", layoutName(d.layout)},
        {"counts", counts},
        {"train_images", d.train.size()},
        {"test_images", d.test.size()}}},
      {"metrics",
       {{"test_accuracy", r.test.accuracy},
        {"test_loss", r.test.loss},
        {"test_top5_accuracy", r.test.top5Accuracy},
        {"best_epoch", r.bestEpoch},
        {"history", history}}},
      {"files",
       {{"head", fs::path(paths.head).filename().string()},
        {"head_hash", util::toHex(util::hashBytes(bytes.head))}}}};
  if (withModel) {
    m["files"]["model"] = fs::path(paths.model).filename().string();
    m["files"]["model_hash"] = util::toHex(util::hashBytes(bytes.model));
  }
  if (d.layout == DatasetLayout::SingleSplit) {
    m["dataset"]["split"] = {{"test_fraction", d.testFraction}, {"seed", d.splitSeed}};
  }
  if (r.zeroTrainingAccuracy) m["metrics"]["zero_training_accuracy"] = *r.zeroTrainingAccuracy;
  return m;
}

std::string modelBytes(const TrainOptions& o, const training::LinearHead& head) {
  auto state = io::readStateDict(o.weightsPath);
  for (auto& [name, tensor] : state) {
    if (name == "fc.weight") tensor = head.weight;
    if (name == "fc.bias") tensor = head.bias;
  }
  state = io::conformToSpec(std::move(state), model::resnetSpec(o.arch, head.weight.size(0)),
                            o.weightsPath);
  return io::serializeStateDict(state);
}

// A head whose bytes differ from what its manifest recorded belongs to another export.
void checkHeadMatchesManifest(const ExportPaths& paths, const json& manifest) {
  const auto files = manifest.find("files");
  if (files == manifest.end() || !files->is_object() || !files->contains("head_hash")) return;
  const auto recorded = files->at("head_hash");
  if (!recorded.is_string() ||
      recorded.get<std::string>() != util::toHex(util::hashFile(paths.head)))
    throw Error(paths.head + ": does not match its manifest " + paths.manifest +
                " (the files come from different exports, or an export was interrupted); "
                "export the head again");
}

}  // namespace

ExportPaths exportPathsFor(const std::string& headPath) {
  fs::path p(headPath);
  const auto stem = (p.parent_path() / p.stem()).string();
  return {headPath, stem + "-model.pt", stem + ".json"};
}

ExportPaths exportTrained(const std::string& headPath, const TrainResult& result,
                          const TrainOptions& options, const DatasetReport& dataset,
                          bool withModel) {
  const auto paths = exportPathsFor(headPath);
  const auto head = training::fromHead(result.head);
  const auto folder = fs::path(headPath).parent_path();
  std::error_code ec;
  if (!folder.empty() && !fs::create_directories(folder, ec) && ec) {
    throw Error(folder.string() + ": cannot create the folder (" + ec.message() + ")");
  }
  ExportedBytes bytes;
  bytes.head = io::serializeStateDict({{"weight", head.weight}, {"bias", head.bias}});
  if (withModel) bytes.model = modelBytes(options, head);
  const auto manifest = manifestFor(result, options, dataset, paths, bytes).dump(2) + "\n";
  for (const auto* path : {&paths.model, &paths.head, &paths.manifest})
    io::removeStaleTemporaries(*path);
  // Everything is written in full before the first rename, and the manifest goes last: a kill
  // while exporting leaves the previous export as it was.
  io::StagedFiles files;
  if (withModel) files.add(paths.model, bytes.model);
  files.add(paths.head, bytes.head);
  files.add(paths.manifest, manifest);
  files.commit();
  return paths;
}

SavedHead loadHead(const std::string& headPath) {
  const auto paths = exportPathsFor(headPath);
  json manifest;
  try {
    std::ifstream in(paths.manifest);
    if (!in)
      throw Error(paths.manifest + ": the head's manifest is missing (it names the classes)");
    manifest = json::parse(in);
    if (!manifest.is_object() || !manifest.contains("classes"))
      throw Error(paths.manifest + ": no class list");
  } catch (const json::exception& e) {
    throw Error(paths.manifest + ": invalid manifest (" + e.what() + ")");
  }
  SavedHead saved;
  try {
    saved.head.classes = manifest.at("classes").get<std::vector<std::string>>();
    saved.arch = manifest.value("arch", "resnet50");
    saved.preset = manifest.contains("preset") ? manifest["preset"].value("name", "") : "";
  } catch (const json::exception& e) {
    throw Error(paths.manifest + ": invalid manifest (" + e.what() + ")");
  }
  checkHeadMatchesManifest(paths, manifest);
  const auto state = io::readStateDict(headPath);
  const auto classes = static_cast<int64_t>(saved.head.classes.size());
  const auto arch = archFromName(saved.arch);
  if (!arch) throw Error(paths.manifest + ": unknown arch '" + saved.arch + "'");
  const int64_t dim = archInfo(*arch).featureDim;
  const auto conformed = io::conformToSpec(
      state, {{"weight", {classes, dim}, true}, {"bias", {classes}, true}}, headPath);
  saved.head = training::toHead({conformed[0].second, conformed[1].second}, saved.head.classes);
  return saved;
}

}  // namespace headstart
