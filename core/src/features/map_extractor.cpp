#include "features/map_extractor.h"

#include <chrono>
#include <future>
#include <optional>

#include "image/preprocess.h"

namespace headstart::features {
namespace {

struct Slot {
  size_t request, item;
};

// A batch: missing[begin, end), all of one request, so that it renders one way.
struct Span {
  size_t begin, end;
};

std::vector<Span> batchesOf(const std::vector<Slot>& missing, size_t batch) {
  std::vector<Span> spans;
  for (size_t begin = 0; begin < missing.size();) {
    size_t end = begin + 1;
    while (end < missing.size() && end - begin < batch &&
           missing[end].request == missing[begin].request)
      ++end;
    spans.push_back({begin, end});
    begin = end;
  }
  return spans;
}

std::vector<image::PreparedImage> prepare(const std::vector<std::string>& paths,
                                          const ExtractConfig& config,
                                          const image::Transform& render) {
  if (render) return image::prepareImages(paths, config.decode, render);
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

// What is known of every wanted map while extraction runs.
struct Found {
  std::vector<std::vector<std::optional<StoredMap>>> maps;  // [request][item]
  std::vector<std::vector<std::string>> errors;             // [request][item]
  std::vector<Slot> missing;
  size_t total = 0;
};

Found lookUp(const std::vector<MapRequest>& requests, MapCache& cache) {
  Found found;
  found.maps.resize(requests.size());
  found.errors.resize(requests.size());
  for (size_t r = 0; r < requests.size(); ++r) {
    const auto& items = *requests[r].items;
    found.maps[r].resize(items.size());
    found.errors[r].resize(items.size());
    found.total += items.size();
    for (size_t i = 0; i < items.size(); ++i) {
      found.maps[r][i] = cache.load(items[i].path, requests[r].view);
      if (!found.maps[r][i]) found.missing.push_back({r, i});
    }
  }
  return found;
}

// Runs the trunk on every missing map, one batch decoding while the one before runs.
void compute(const std::vector<MapRequest>& requests, const ExtractConfig& config, MapCache& cache,
             const BackboneLoader& trunk, Found& found, Meter& meter,
             const std::atomic_bool* cancel) {
  const auto& missing = found.missing;
  const auto spans = batchesOf(missing, size_t(std::max(1, config.batchSize)));
  const auto pathOf = [&](const Slot& slot) {
    return (*requests[slot.request].items)[slot.item].path;
  };
  const auto decodeLater = [&](const Span& span) {
    std::vector<std::string> paths;
    for (size_t k = span.begin; k < span.end; ++k) paths.push_back(pathOf(missing[k]));
    return std::async(std::launch::async, prepare, std::move(paths), std::cref(config),
                      std::cref(requests[missing[span.begin].request].render));
  };
  std::future<std::vector<image::PreparedImage>> next;
  if (!spans.empty()) next = decodeLater(spans.front());
  for (size_t b = 0; b < spans.size(); ++b) {
    auto decoded = next.get();
    if (cancel && cancel->load()) throw OperationCancelled();
    if (b + 1 < spans.size()) next = decodeLater(spans[b + 1]);
    std::vector<torch::Tensor> inputs;
    std::vector<Slot> rows;
    for (size_t k = 0; k < decoded.size(); ++k) {
      const auto slot = missing[spans[b].begin + k];
      if (!decoded[k].error.empty()) {
        found.errors[slot.request][slot.item] = decoded[k].error;
        continue;
      }
      inputs.push_back(decoded[k].input);
      rows.push_back(slot);
    }
    if (!inputs.empty()) {
      torch::InferenceMode guard;
      const auto out = trunk().featureMaps(torch::stack(inputs)).contiguous();
      for (size_t r = 0; r < rows.size(); ++r) {
        const auto& slot = rows[r];
        found.maps[slot.request][slot.item] =
            cache.store(pathOf(slot), requests[slot.request].view, out[int64_t(r)]);
      }
    }
    meter.advance(decoded.size(), 0);
  }
}

Maps assemble(const std::vector<DatasetItem>& items, size_t request, Found& found) {
  Maps maps;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!found.errors[request][i].empty()) {
      maps.unreadable.push_back({items[i].path, found.errors[request][i]});
      continue;
    }
    maps.values.push_back(std::move(*found.maps[request][i]));
    maps.labels.push_back(items[i].label);
    maps.paths.push_back(items[i].path);
  }
  for (const auto& slot : found.missing) maps.extracted += slot.request == request ? 1 : 0;
  maps.fromCache = items.size() - maps.extracted;
  return maps;
}

}  // namespace

std::vector<Maps> extractMaps(const std::vector<MapRequest>& requests, const ExtractConfig& config,
                              MapCache& cache, const BackboneLoader& trunk,
                              const std::function<void(const ExtractionProgress&)>& progress,
                              const std::atomic_bool* cancel) {
  auto found = lookUp(requests, cache);
  cache.reserve(found.missing.size());
  Meter meter(found.total, progress);
  meter.advance(0, found.total - found.missing.size());
  compute(requests, config, cache, trunk, found, meter, cancel);
  std::vector<Maps> result;
  for (size_t r = 0; r < requests.size(); ++r)
    result.push_back(assemble(*requests[r].items, r, found));
  return result;
}

}  // namespace headstart::features
