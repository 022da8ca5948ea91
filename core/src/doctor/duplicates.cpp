// Near-duplicates from two signals: perceptual hashes catch resized and re-encoded copies (where
// random-weight features differ too much to tell), centred feature cosine catches near-identical
// shots that are not copies of one file. Every pair the hashes call a copy is reported, ranked
// before the pairs found by features alone; a pair found by features alone must also stand out
// from its classes' usual nearest neighbours, since low-texture pictures (scans, X-rays, anything
// under a weak backbone) crowd together in feature space without being copies.

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

#include "doctor/analysis.h"
#include "median.h"
#include "parallel.h"

namespace headstart::doctor {
namespace {

// Per row of hashes: enough candidates for the final ranking, bounded even when thousands of
// images are alike (a folder of video frames).
constexpr size_t kCandidatesPerRow = 16;
// Per row of features: a pair that stands out from the row's class is among its nearest two.
constexpr int64_t kFeatureCandidatesPerRow = 2;
// Fewer rows than this in a class say too little about its spread: the whole dataset's is used.
constexpr size_t kMinClassRows = 5;

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

// Whether the block mean hashes differ in at most `limit` bits; stops counting past it, so that
// unrelated pairs (half their bits differ) cost a word or two.
bool blockMeanWithin(const ImageSignature& a, const ImageSignature& b, int limit) {
  int d = 0;
  for (size_t k = 0; k + 8 <= kBlockMeanBytes && d <= limit; k += 8) {
    uint64_t x = 0, y = 0;
    std::memcpy(&x, a.blockMean.data() + k, 8);
    std::memcpy(&y, b.blockMean.data() + k, 8);
    d += bitsSet(x ^ y);
  }
  for (size_t k = kBlockMeanBytes / 8 * 8; k < kBlockMeanBytes; ++k)
    d += bitsSet(uint64_t(a.blockMean[k] ^ b.blockMean[k]));
  return d <= limit;
}

// Either hash nearly identical makes a copy outright: pHash within a few bits, or the block mean
// hash (another view of the same pixels: finer blocks, no frequencies), which stays put where a
// low-contrast picture's pHash does not (its weak frequencies flip with JPEG noise). A farther
// pHash is a copy only when the block mean hash agrees, which rules out the unrelated pictures
// pHash lets through.
bool hashesSayCopy(const ImageSignature& a, const ImageSignature& b, const Thresholds& t, int& d) {
  d = bitsSet(a.hash ^ b.hash);
  if (d <= t.identicalHash) return true;
  if (d <= t.hashDistance) return blockMeanDistance(a, b) <= t.blockMeanDistance;
  return blockMeanWithin(a, b, t.identicalBlockMean);
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

// Each row's nearest other rows (either split) at or above `threshold`, blank frames aside (they
// are outliers, and alike whatever their class).
void keepClosestPairs(const torch::Tensor& block, int64_t first, const Samples& samples,
                      const Thresholds& thresholds, CandidateMap& pairs) {
  const int64_t rows = block.size(0), n = block.size(1);
  const int64_t k = std::min(kFeatureCandidatesPerRow, n - 1);
  if (k <= 0) return;
  auto others = block.clone();
  const auto r = torch::arange(rows, torch::kInt64);
  others.index_put_({r, r + first}, -INFINITY);  // not its own pair
  const auto [values, index] = others.topk(k, 1);
  const auto v = values.accessor<float, 2>();
  const auto j = index.accessor<int64_t, 2>();
  for (int64_t row = 0; row < rows; ++row) {
    const int64_t i = first + row;
    if (isBlank(samples, size_t(i), thresholds)) continue;
    for (int64_t c = 0; c < k && v[row][c] >= thresholds.featureSimilarity; ++c) {
      if (isBlank(samples, size_t(j[row][c]), thresholds)) continue;
      pairs[std::minmax(i, j[row][c])].cosine = v[row][c];
    }
  }
}

// 1 - cosine of rows a and b of `unit`, as half their squared distance: the same number, but
// computed from the differences it keeps the digits that tell crowded features apart, which
// 1 - a.b in single precision loses.
double distanceOf(const Space& space, int64_t a, int64_t b) {
  const int64_t k = space.unit.size(1);
  const float* x = space.unit.data_ptr<float>() + a * k;
  const float* y = space.unit.data_ptr<float>() + b * k;
  double sum = 0;
  for (int64_t c = 0; c < k; ++c) {
    const double d = double(x[c]) - double(y[c]);
    sum += d * d;
  }
  return sum / 2;
}

// The distance below which a pair stands out from a crowd whose nearest-neighbour distances are
// `nearest`: on a log scale (a crowd of scans and a class of photos differ by orders of
// magnitude, not by an offset), `standOut` robust deviations below the median, and never less
// than `standOutRatio` times nearer than the median.
double standOutLimit(const std::vector<double>& nearest, const Thresholds& t) {
  if (nearest.empty()) return 0;
  std::vector<double> logs;
  for (double d : nearest) logs.push_back(std::log(std::max(d, t.distanceFloor)));
  const double middle = median(logs);
  std::vector<double> deviations;
  for (double l : logs) deviations.push_back(std::abs(l - middle));
  const double spread = 1.4826 * median(deviations);
  return std::exp(middle - std::max(t.standOut * spread, std::log(t.standOutRatio)));
}

// Per class, the distance a features-only pair must come within to stand out from the class's
// usual nearest neighbours (each row's nearest training image, blank frames aside).
std::vector<double> standOutLimits(const Samples& s, const Space& space,
                                   const Neighbours& neighbours, const Thresholds& t) {
  std::vector<std::vector<double>> nearest(size_t(s.classes));
  std::vector<double> all;
  const auto index = neighbours.index.accessor<int64_t, 2>();
  for (size_t i = 0; i < s.size(); ++i) {
    if (isBlank(s, i, t) || neighbours.index.size(1) == 0) continue;
    double best = INFINITY;
    for (int64_t c = 0; c < neighbours.index.size(1); ++c)
      if (!isBlank(s, size_t(index[int64_t(i)][c]), t))
        best = std::min(best, distanceOf(space, int64_t(i), index[int64_t(i)][c]));
    if (!std::isfinite(best)) continue;
    nearest[size_t(s.labels[i])].push_back(best);
    all.push_back(best);
  }
  const double overall = standOutLimit(all, t);
  std::vector<double> limits;
  for (const auto& rows : nearest)
    limits.push_back(rows.size() >= kMinClassRows ? standOutLimit(rows, t) : overall);
  return limits;
}

// A pair found by features alone is kept when it stands out in both images' classes.
void dropCrowdedPairs(const Samples& s, const Space& space, const Neighbours& neighbours,
                      const Thresholds& t, CandidateMap& pairs) {
  const auto limits = standOutLimits(s, space, neighbours, t);
  for (auto it = pairs.begin(); it != pairs.end();) {
    const auto [a, b] = it->first;
    const double limit =
        std::min(limits[size_t(s.labels[size_t(a)])], limits[size_t(s.labels[size_t(b)])]);
    // Below the floor single precision tells nothing apart: such a pair is as near as the crowd.
    if (it->second.hashDistance < 0 && std::max(distanceOf(space, a, b), t.distanceFloor) > limit)
      it = pairs.erase(it);
    else
      ++it;
  }
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
      if (!samples.hashed[i] || isBlank(samples, i, thresholds)) return;
      auto& mine = close[i];
      for (size_t j = i + 1; j < n; ++j) {
        if (!samples.hashed[j] || isBlank(samples, j, thresholds)) continue;
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
  for (int64_t first = 0; first < n; first += kBlockRows) {
    stage.report("duplicates", size_t(first), size_t(n));
    const int64_t last = std::min(n, first + kBlockRows);
    const auto block = productWithTransposed(space.unit.slice(0, first, last), space.unit);
    keepNeighbours(block, first, trainCount, neighbours);
    keepClosestPairs(block, first, samples, thresholds, pairs);
  }
  if (!samples.signatures.empty()) keepHashPairs(samples, space, thresholds, pairs, stage);
  dropCrowdedPairs(samples, space, neighbours, thresholds, pairs);
  std::vector<DuplicateFinding> found;
  for (const auto& [pair, candidate] : pairs)
    found.push_back(findingOf(samples, size_t(pair.first), size_t(pair.second), candidate));
  // The hashes' copies first: they are certain, and a long list of feature pairs must not push
  // them past the cut.
  std::stable_sort(found.begin(), found.end(), [](const auto& x, const auto& y) {
    const bool xHash = x.hashDistance >= 0, yHash = y.hashDistance >= 0;
    return xHash != yHash ? xHash : x.similarity > y.similarity;
  });
  if (found.size() > maxFindings) found.resize(maxFindings);
  stage.report("duplicates", size_t(n), size_t(n));
  return found;
}

}  // namespace headstart::doctor
