// Outliers: images far from every class centre and from their nearest neighbours. Each distance
// is turned into a robust z-score (median and median absolute deviation over the dataset), so
// the score reads the same whatever the backbone's scale: a blank frame or a cat among dogs
// stands several deviations out on both. A frame of one colour is an outlier whatever its
// features: its thumbnail has no contrast.

#include <algorithm>

#include "doctor/analysis.h"

namespace headstart::doctor {
namespace {

torch::Tensor robustZ(const torch::Tensor& values) {
  const auto median = values.median();
  const auto deviation = (values - median).abs().median() * 1.4826;
  return (values - median) / deviation.clamp_min(1e-6);
}

// The distance to the nearest class centre, in units of that class's median distance to its
// centre. Euclidean, not cosine: a blank frame's centred features are near the origin, where
// their direction means nothing.
torch::Tensor distanceToClasses(const Samples& s, const Space& space) {
  const auto train = space.projected.slice(0, 0, int64_t(s.trainCount));
  const auto y = torch::tensor(s.labels, torch::kInt64).slice(0, 0, int64_t(s.trainCount));
  auto centres = torch::zeros({s.classes, space.projected.size(1)});
  centres.index_add_(0, y, train);
  const auto counts = torch::bincount(y, {}, s.classes).clamp_min(1).unsqueeze(1);
  centres /= counts;
  const auto own = (train - centres.index_select(0, y)).norm(2, 1);
  auto radius = torch::ones({s.classes});
  auto empty = torch::zeros({s.classes}, torch::kBool);
  for (int64_t c = 0; c < s.classes; ++c) {
    const auto members = own.masked_select(y == c);
    if (members.numel() > 0)
      radius[c] = members.median().clamp_min(1e-6);
    else
      empty[c] = true;  // no training image, no centre: nothing is near it
  }
  const auto ratio = torch::cdist(space.projected, centres) / radius;
  return std::get<0>(ratio.masked_fill(empty, INFINITY).min(1));
}

// The mean Euclidean distance to the nearest training neighbours.
torch::Tensor distanceToNeighbours(const Space& space, const Neighbours& neighbours) {
  const auto k = neighbours.index.size(1);
  const auto others = space.projected.index_select(0, neighbours.index.reshape(-1))
                          .view({-1, k, space.projected.size(1)});
  return (others - space.projected.unsqueeze(1)).norm(2, 2).mean(1);
}

}  // namespace

std::vector<OutlierFinding> findOutliers(const Samples& s, const Space& space,
                                         const Neighbours& neighbours, const Thresholds& thresholds,
                                         size_t maxFindings) {
  torch::NoGradGuard noGrad;
  if (s.size() < 3 || s.trainCount == 0) return {};
  auto score = robustZ(distanceToClasses(s, space));
  if (neighbours.index.size(1) > 0)
    score = (score + robustZ(distanceToNeighbours(space, neighbours))) / 2;
  score = score.contiguous();
  const auto* value = score.data_ptr<float>();
  std::vector<OutlierFinding> found;
  for (size_t i = 0; i < s.size(); ++i) {
    double v = value[i];
    // A random-weight backbone sees a dark frame as a dark picture; the pixels say it is blank.
    const bool blank = isBlank(s, i, thresholds);
    if (blank) v = std::max(v, thresholds.blankScore);
    if (v < thresholds.outlierScore) continue;
    found.push_back({s.paths[i], s.split(i), static_cast<int>(s.labels[i]), v, blank});
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.score > b.score; });
  if (found.size() > maxFindings) found.resize(maxFindings);
  return found;
}

}  // namespace headstart::doctor
