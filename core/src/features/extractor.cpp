#include "features/extractor.h"

#include <chrono>
#include <future>

#include "image/preprocess.h"

namespace headstart::features {
namespace {

std::vector<image::PreparedImage> prepare(const std::vector<DatasetItem>& items,
                                          const std::vector<size_t>& which,
                                          const ExtractConfig& config) {
  std::vector<std::string> paths;
  for (size_t i : which) paths.push_back(items[i].path);
  if (config.render) return image::prepareImages(paths, config.decode, config.render);
  return image::prepareImages(paths, config.decode, config.preset);
}

class ProgressMeter {
 public:
  ProgressMeter(size_t total, const std::function<void(const ExtractionProgress&)>& callback)
      : m_callback(callback) {
    m_state.total = total;
  }

  void advance(size_t computed, size_t cached) {
    m_state.done += computed + cached;
    m_state.fromCache += cached;
    m_computed += computed;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    if (seconds > 0) m_state.imagesPerSecond = m_state.done / seconds;
    // The ETA counts images still to compute at the backbone's rate: cached ones are nearly free.
    const double rate = m_computed > 0 ? m_computed / seconds : 0;
    m_state.etaSeconds = rate > 0 ? (m_state.total - m_state.done) / rate : 0;
    if (m_callback) m_callback(m_state);
  }

 private:
  const std::function<void(const ExtractionProgress&)>& m_callback;
  ExtractionProgress m_state;
  size_t m_computed = 0;
  std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

}  // namespace

Features extract(const std::vector<DatasetItem>& items, const ExtractConfig& config,
                 const FeatureCache& cache, const BackboneLoader& backbone,
                 const std::function<void(const ExtractionProgress&)>& progress,
                 const std::atomic_bool* cancel) {
  std::vector<torch::Tensor> values(items.size());
  std::vector<std::string> errors(items.size());
  std::vector<size_t> missing;
  for (size_t i = 0; i < items.size(); ++i) {
    if (auto hit = cache.load(items[i].path)) {
      values[i] = *hit;
    } else {
      missing.push_back(i);
    }
  }
  ProgressMeter meter(items.size(), progress);
  meter.advance(0, items.size() - missing.size());

  const size_t batch = static_cast<size_t>(std::max(1, config.batchSize));
  const auto batchOf = [&](size_t start) {
    return std::vector<size_t>(
        missing.begin() + static_cast<std::ptrdiff_t>(start),
        missing.begin() + static_cast<std::ptrdiff_t>(std::min(missing.size(), start + batch)));
  };
  // The next batch is decoded on other threads while the backbone runs the current one.
  const auto decodeLater = [&](size_t start) {
    return std::async(std::launch::async, prepare, std::cref(items), batchOf(start),
                      std::cref(config));
  };
  std::future<std::vector<image::PreparedImage>> next;
  if (!missing.empty()) next = decodeLater(0);
  for (size_t start = 0; start < missing.size(); start += batch) {
    const auto which = batchOf(start);
    auto decoded = next.get();
    if (cancel && cancel->load()) throw OperationCancelled();
    if (start + batch < missing.size()) next = decodeLater(start + batch);
    std::vector<torch::Tensor> inputs;
    std::vector<size_t> rows;
    for (size_t i = 0; i < decoded.size(); ++i) {
      if (!decoded[i].error.empty()) {
        errors[which[i]] = decoded[i].error;
        continue;
      }
      inputs.push_back(decoded[i].input);
      rows.push_back(which[i]);
    }
    if (!inputs.empty()) {
      torch::InferenceMode guard;
      const auto out = backbone().features(torch::stack(inputs)).contiguous();
      for (size_t r = 0; r < rows.size(); ++r) {
        values[rows[r]] = out[static_cast<int64_t>(r)].clone();
        cache.store(items[rows[r]].path, values[rows[r]]);
      }
    }
    meter.advance(decoded.size(), 0);
  }

  Features result;
  std::vector<torch::Tensor> kept;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!errors[i].empty()) {
      result.unreadable.push_back({items[i].path, errors[i]});
      continue;
    }
    kept.push_back(values[i]);
    result.labels.push_back(items[i].label);
    result.paths.push_back(items[i].path);
  }
  result.values = kept.empty() ? torch::empty({0, config.dim}) : torch::stack(kept);
  result.extracted = missing.size();
  result.fromCache = items.size() - missing.size();
  return result;
}

}  // namespace headstart::features
