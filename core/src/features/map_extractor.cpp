#include "features/map_extractor.h"

#include <chrono>
#include <future>

#include "image/preprocess.h"

namespace headstart::features {
namespace {

constexpr int kCentreView = 0;

struct Slot {
  size_t set, item;
};

std::vector<image::PreparedImage> prepare(const std::vector<std::string>& paths,
                                          const ExtractConfig& config) {
  return image::prepareImages(paths, config.decode, config.preset);
}

class Meter {
 public:
  Meter(size_t total, const std::function<void(const ExtractionProgress&)>& callback)
      : m_callback(callback) {
    m_state.total = total;
  }
  void advance(size_t computed, size_t cached) {
    m_state.done += computed + cached;
    m_state.fromCache += cached;
    m_computed += computed;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    if (seconds > 0) m_state.imagesPerSecond = double(m_state.done) / seconds;
    const double rate = m_computed > 0 ? double(m_computed) / seconds : 0;
    m_state.etaSeconds = rate > 0 ? double(m_state.total - m_state.done) / rate : 0;
    if (m_callback) m_callback(m_state);
  }

 private:
  const std::function<void(const ExtractionProgress&)>& m_callback;
  ExtractionProgress m_state;
  size_t m_computed = 0;
  std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

}  // namespace

std::vector<Maps> extractMaps(const std::vector<const std::vector<DatasetItem>*>& sets,
                              const ExtractConfig& config, MapCache& cache,
                              const BackboneLoader& trunk,
                              const std::function<void(const ExtractionProgress&)>& progress,
                              const std::atomic_bool* cancel) {
  std::vector<std::vector<torch::Tensor>> values(sets.size());
  std::vector<std::vector<std::string>> errors(sets.size());
  std::vector<Slot> missing;
  size_t total = 0;
  for (size_t s = 0; s < sets.size(); ++s) {
    const auto& items = *sets[s];
    values[s].resize(items.size());
    errors[s].resize(items.size());
    total += items.size();
    for (size_t i = 0; i < items.size(); ++i) {
      if (auto hit = cache.load(items[i].path, kCentreView))
        values[s][i] = *hit;
      else
        missing.push_back({s, i});
    }
  }
  cache.reserve(missing.size());
  Meter meter(total, progress);
  meter.advance(0, total - missing.size());

  const size_t batch = static_cast<size_t>(std::max(1, config.batchSize));
  const auto pathsOf = [&](size_t start) {
    std::vector<std::string> paths;
    for (size_t k = start; k < std::min(missing.size(), start + batch); ++k)
      paths.push_back((*sets[missing[k].set])[missing[k].item].path);
    return paths;
  };
  const auto decodeLater = [&](size_t start) {
    return std::async(std::launch::async, prepare, pathsOf(start), std::cref(config));
  };
  std::future<std::vector<image::PreparedImage>> next;
  if (!missing.empty()) next = decodeLater(0);
  for (size_t start = 0; start < missing.size(); start += batch) {
    auto decoded = next.get();
    if (cancel && cancel->load()) throw OperationCancelled();
    if (start + batch < missing.size()) next = decodeLater(start + batch);
    std::vector<torch::Tensor> inputs;
    std::vector<Slot> rows;
    for (size_t k = 0; k < decoded.size(); ++k) {
      const auto slot = missing[start + k];
      if (!decoded[k].error.empty()) {
        errors[slot.set][slot.item] = decoded[k].error;
        continue;
      }
      inputs.push_back(decoded[k].input);
      rows.push_back(slot);
    }
    if (!inputs.empty()) {
      torch::InferenceMode guard;
      const auto out = trunk().featureMaps(torch::stack(inputs)).contiguous();
      for (size_t r = 0; r < rows.size(); ++r) {
        const auto& path = (*sets[rows[r].set])[rows[r].item].path;
        values[rows[r].set][rows[r].item] =
            cache.store(path, kCentreView, out[static_cast<int64_t>(r)]);
      }
    }
    meter.advance(decoded.size(), 0);
  }

  std::vector<Maps> result(sets.size());
  for (size_t s = 0; s < sets.size(); ++s) {
    const auto& items = *sets[s];
    auto& maps = result[s];
    for (size_t i = 0; i < items.size(); ++i) {
      if (!errors[s][i].empty()) {
        maps.unreadable.push_back({items[i].path, errors[s][i]});
        continue;
      }
      maps.values.push_back(values[s][i]);
      maps.labels.push_back(items[i].label);
      maps.paths.push_back(items[i].path);
    }
    for (const auto& slot : missing) maps.extracted += slot.set == s ? 1 : 0;
    maps.fromCache = items.size() - maps.extracted;
  }
  return result;
}

}  // namespace headstart::features
