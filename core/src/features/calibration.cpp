#include "features/calibration.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "features/cache.h"
#include "headstart/error.h"
#include "image/preprocess.h"
#include "io/atomic_file.h"
#include "model/calibration.h"
#include "util/hash.h"

namespace fs = std::filesystem;

namespace headstart::features {
namespace {

constexpr int kBatch = 16;

std::string presetKey(const std::string& weightsSha256, Arch arch, const Preset& preset) {
  std::ostringstream key;
  key << weightsSha256 << ' ' << archInfo(arch).name << ' ' << preset.resizeSize << ' '
      << preset.cropSize;
  for (float v : preset.mean) key << ' ' << v;
  for (float v : preset.std) key << ' ' << v;
  return key.str();
}

std::string folder(const std::string& cacheRoot) { return cacheRoot + "/calibrations"; }

std::string currentPath(const std::string& cacheRoot, const std::string& weightsSha256, Arch arch,
                        const Preset& preset) {
  return folder(cacheRoot) + "/current-" + archInfo(arch).name + "-" +
         util::xxh3_128(presetKey(weightsSha256, arch, preset)).hex() + ".json";
}

std::optional<std::string> readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Stored {
  model::Int8Quant quant;
  std::string source;
};

std::optional<Stored> readStored(const std::string& path) {
  const auto text = readText(path);
  if (!text) return std::nullopt;
  try {
    const auto j = nlohmann::json::parse(*text);
    return Stored{model::quantFromJson(j.at("scales").dump(), path), j.at("source")};
  } catch (const std::exception&) {
    return std::nullopt;  // a damaged entry is made again, never trusted
  }
}

void keep(const std::string& path, std::string_view bytes) {
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  try {
    io::writeFileAtomically(path, bytes);
  } catch (const std::exception&) {
    // a calibration that cannot be kept is made again next time: only time is lost
  }
}

model::Int8Quant observe(const std::vector<std::string>& images, const CalibrationSetup& setup,
                         const model::FoldedResNet& net) {
  model::RangeObserver observer(net);
  for (size_t start = 0; start < images.size(); start += kBatch) {
    const std::vector<std::string> batch(
        images.begin() + static_cast<std::ptrdiff_t>(start),
        images.begin() + static_cast<std::ptrdiff_t>(std::min(images.size(), start + kBatch)));
    std::vector<torch::Tensor> inputs;
    for (auto& prepared : image::prepareImages(batch, setup.decode, setup.preset))
      if (prepared.error.empty()) inputs.push_back(prepared.input);
    if (!inputs.empty()) observer.observe(torch::stack(inputs));
  }
  if (observer.images() == 0)
    throw Error("cannot calibrate int8 precision: none of the " + std::to_string(images.size()) +
                " " + setup.source + " could be read");
  return observer.quantisation();
}

std::string describe(size_t images, const std::string& source) {
  return std::to_string(images) + " " + source;
}

}  // namespace

std::vector<std::string> calibrationSubset(std::vector<std::string> images) {
  std::sort(images.begin(), images.end());
  images.erase(std::unique(images.begin(), images.end()), images.end());
  if (images.size() > kCalibrationImages) {
    std::mt19937_64 random(kCalibrationSeed);
    std::shuffle(images.begin(), images.end(), random);
    images.resize(kCalibrationImages);
    std::sort(images.begin(), images.end());
  }
  return images;
}

std::string calibrationKey(const CalibrationSetup& setup) {
  std::string key = presetKey(setup.weightsSha256, setup.arch, setup.preset);
  key +=
      std::string(" ") + model::kObserverName + (setup.decode.applyExifOrientation ? " exif" : "");
  for (const auto& image : calibrationSubset(setup.images)) {
    const auto identity = fileKey(image);
    key += ' ' + (identity ? identity->hex() : image);
  }
  return std::string(archInfo(setup.arch).name) + "-" + util::xxh3_128(key).hex();
}

model::QuantProvider calibrationProvider(const CalibrationSetup& setup, PrecisionChoice& choice) {
  if (setup.images.empty())
    throw Error("cannot calibrate int8 precision: no " + setup.source + " to calibrate with");
  const auto key = calibrationKey(setup);
  const auto images = calibrationSubset(setup.images);
  choice.calibrationKey = key;
  choice.calibration = describe(images.size(), setup.source);
  const auto path =
      setup.cacheRoot.empty() ? std::string() : folder(setup.cacheRoot) + "/" + key + ".json";
  const auto current =
      setup.cacheRoot.empty() || !setup.makeCurrent
          ? std::string()
          : currentPath(setup.cacheRoot, setup.weightsSha256, setup.arch, setup.preset);
  return [=](const model::FoldedResNet& net) {
    std::optional<Stored> stored;
    if (!path.empty()) stored = readStored(path);
    if (!stored) {
      if (setup.calibrating) setup.calibrating(images.size());
      stored = Stored{observe(images, setup, net), describe(images.size(), setup.source)};
      const nlohmann::json entry{
          {"source", stored->source},
          {"images", images},
          {"scales", nlohmann::json::parse(model::quantToJson(stored->quant))}};
      if (!path.empty()) keep(path, entry.dump(1));
    }
    if (!current.empty()) keep(current, nlohmann::json{{"key", key}}.dump());
    return stored->quant;
  };
}

std::optional<model::QuantProvider> storedCalibration(const std::string& cacheRoot,
                                                      const std::string& key,
                                                      PrecisionChoice& choice) {
  if (cacheRoot.empty() || key.empty() || key.find('/') != std::string::npos) return std::nullopt;
  auto stored = readStored(folder(cacheRoot) + "/" + key + ".json");
  if (!stored) return std::nullopt;
  choice.calibrationKey = key;
  choice.calibration = stored->source;
  return [quant = stored->quant](const model::FoldedResNet&) { return quant; };
}

std::optional<model::QuantProvider> currentCalibration(const std::string& cacheRoot,
                                                       const std::string& weightsSha256, Arch arch,
                                                       const Preset& preset,
                                                       PrecisionChoice& choice) {
  if (cacheRoot.empty()) return std::nullopt;
  const auto text = readText(currentPath(cacheRoot, weightsSha256, arch, preset));
  if (!text) return std::nullopt;
  try {
    return storedCalibration(cacheRoot, nlohmann::json::parse(*text).at("key").get<std::string>(),
                             choice);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace headstart::features
