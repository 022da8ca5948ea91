// Near-duplicates from two signals: perceptual hashes catch resized and re-encoded copies (where
// random-weight features differ too much to tell), centred feature cosine catches near-identical
// shots that are not copies of one file.

#include <algorithm>
#include <map>

#include "doctor/analysis.h"
#include "parallel.h"

namespace headstart::doctor {
namespace {

// Per block of rows and per row of hashes: enough candidates for the final ranking, bounded even
// when thousands of images are alike (a folder of blank frames).
constexpr size_t kCandidatesPerRow = 16;

struct Candidate {
  float cosine = 0;
  int hashDistance = -1;
};

// Counted by halves of halves: without -mpopcnt (not in the baseline x86-64 Debian builds for)
// the builtin is a library call per pair.
int bitsSet(uint64_t v) {
  v = v - ((v >> 1) & 0x5555555555555555ull);
  v = (v & 0x3333333333333333ull) + ((v >> 2) & 0x3333333333333333ull);
  v = (v + (v >> 4)) & 0x0f0f0f0f0f0f0f0full;
  return static_cast<int>((v * 0x0101010101010101ull) >> 56);
}

int blockMeanDistance(const ImageSignature& a, const ImageSignature& b) {
  int d = 0;
  for (size_t k = 0; k < kBlockMeanBytes; ++k)
    d += bitsSet(uint64_t(a.blockMean[k] ^ b.blockMean[k]));
  return d;
}

// Two hashes must agree: pHash finds the candidates, the block mean hash (another view of the
// same pixels: finer blocks, no frequencies) rules out the unrelated pictures pHash lets through.
bool hashesSayCopy(const ImageSignature& a, const ImageSignature& b, const Thresholds& t, int& d) {
  d = bitsSet(a.hash ^ b.hash);
  return d <= t.hashDistance && blockMeanDistance(a, b) <= t.blockMeanDistance;
}

using CandidateMap = std::map<std::pair<int64_t, int64_t>, Candidate>;

void keepNeighbours(const torch::Tensor& block, int64_t first, int64_t trainCount,
                    Neighbours& out) {
  const int64_t rows = block.size(0);
  const int64_t k = std::min(kNeighbours, std::max<int64_t>(0, trainCount - 1));
  auto train = block.slice(1, 0, trainCount).clone();
  const int64_t own = std::clamp<int64_t>(trainCount - first, 0, rows);  // rows that are train
  if (own > 0) {
    const auto r = torch::arange(own, torch::kInt64);
    train.index_put_({r, r + first}, -INFINITY);  // not its own neighbour
  }
  auto [similarity, index] = train.topk(k, 1);
  out.index.slice(0, first, first + rows).copy_(index);
  out.similarity.slice(0, first, first + rows).copy_(similarity);
}

void keepSimilarPairs(const torch::Tensor& block, int64_t first, double threshold, size_t cap,
                      CandidateMap& pairs) {
  const int64_t rows = block.size(0), n = block.size(1);
  const auto rowIndex = torch::arange(first, first + rows, torch::kInt64).unsqueeze(1);
  const auto later = torch::arange(n, torch::kInt64).unsqueeze(0) > rowIndex;
  const auto masked = torch::where(later, block, torch::full_like(block, -2.0f)).view(-1);
  const auto count = std::min<int64_t>(static_cast<int64_t>(cap), masked.numel());
  const auto [values, flat] = masked.topk(count);
  const auto* v = values.data_ptr<float>();
  const auto* f = flat.data_ptr<int64_t>();
  for (int64_t i = 0; i < count && v[i] >= threshold; ++i)
    pairs[{first + f[i] / n, f[i] % n}].cosine = v[i];
}

void keepHashPairs(const Samples& samples, const Space& space, const Thresholds& thresholds,
                   CandidateMap& pairs, const Stage& stage) {
  const size_t n = samples.size();
  std::vector<std::vector<std::pair<int, size_t>>> close(n);
  for (size_t start = 0; start < n; start += kBlockRows) {
    stage.report("duplicates", start, n);
    const size_t end = std::min(n, start + kBlockRows);
    parallelFor(end - start, [&](size_t r) {
      const size_t i = start + r;
      if (!samples.hashed[i]) return;
      auto& mine = close[i];
      for (size_t j = i + 1; j < n; ++j) {
        if (!samples.hashed[j]) continue;
        int d = 0;
        if (hashesSayCopy(samples.signatures[i], samples.signatures[j], thresholds, d))
          mine.emplace_back(d, j);
      }
      if (mine.size() > kCandidatesPerRow) {
        std::partial_sort(mine.begin(), mine.begin() + kCandidatesPerRow, mine.end());
        mine.resize(kCandidatesPerRow);
      }
    });
  }
  const auto* unit = space.unit.data_ptr<float>();
  const int64_t k = space.unit.size(1);
  for (size_t i = 0; i < n; ++i) {
    for (const auto& [d, j] : close[i]) {
      auto& c = pairs[{int64_t(i), int64_t(j)}];
      c.hashDistance = d;
      c.cosine = std::inner_product(unit + int64_t(i) * k, unit + int64_t(i + 1) * k,
                                    unit + int64_t(j) * k, 0.0f);
    }
  }
}

DuplicateRelation relationOf(const Samples& s, size_t a, size_t b) {
  if (s.split(a) != s.split(b)) return DuplicateRelation::Leak;
  return s.labels[a] == s.labels[b] ? DuplicateRelation::SameClass : DuplicateRelation::CrossClass;
}

DuplicateFinding findingOf(const Samples& s, size_t a, size_t b, const Candidate& c) {
  DuplicateFinding f;
  f.a = s.paths[a];
  f.b = s.paths[b];
  f.splitA = s.split(a);
  f.splitB = s.split(b);
  f.labelA = static_cast<int>(s.labels[a]);
  f.labelB = static_cast<int>(s.labels[b]);
  f.hashDistance = c.hashDistance;
  // A hash distance d reads as 1 - d/64 (64 bits); whichever signal is surer wins.
  const double byHash = c.hashDistance >= 0 ? 1.0 - c.hashDistance / 64.0 : 0.0;
  f.similarity = std::clamp(std::max<double>(c.cosine, byHash), 0.0, 1.0);
  f.relation = relationOf(s, a, b);
  return f;
}

}  // namespace

std::vector<DuplicateFinding> findDuplicates(const Samples& samples, const Space& space,
                                             const Thresholds& thresholds, size_t maxFindings,
                                             Neighbours& neighbours, const Stage& stage) {
  torch::NoGradGuard noGrad;
  const int64_t n = space.unit.size(0);
  const auto trainCount = static_cast<int64_t>(samples.trainCount);
  const int64_t k = std::min(kNeighbours, std::max<int64_t>(0, trainCount - 1));
  neighbours.index = torch::zeros({n, k}, torch::kInt64);
  neighbours.similarity = torch::zeros({n, k}, torch::kFloat32);
  CandidateMap pairs;
  const size_t cap = std::max<size_t>(maxFindings, 1) * 4;
  for (int64_t first = 0; first < n; first += kBlockRows) {
    stage.report("duplicates", size_t(first), size_t(n));
    const int64_t last = std::min(n, first + kBlockRows);
    const auto block = productWithTransposed(space.unit.slice(0, first, last), space.unit);
    keepNeighbours(block, first, trainCount, neighbours);
    keepSimilarPairs(block, first, thresholds.featureSimilarity, cap, pairs);
  }
  if (!samples.signatures.empty()) keepHashPairs(samples, space, thresholds, pairs, stage);
  std::vector<DuplicateFinding> found;
  for (const auto& [pair, candidate] : pairs)
    found.push_back(findingOf(samples, size_t(pair.first), size_t(pair.second), candidate));
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& x, const auto& y) { return x.similarity > y.similarity; });
  if (found.size() > maxFindings) found.resize(maxFindings);
  stage.report("duplicates", size_t(n), size_t(n));
  return found;
}

}  // namespace headstart::doctor
