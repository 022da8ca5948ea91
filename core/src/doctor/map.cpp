// The 2-D map: exact t-SNE (van der Maaten and Hinton, 2008) on the leading principal components
// for up to kMaxTsne images (an iteration visits every pair: at 2,000 images the map took 10 s
// on a busy 2-core machine); the first two principal components beyond that. Deterministic for
// a seed: the start is the PCA layout plus a seeded jitter, and each row's sums run in a fixed
// order whatever the number of threads.

#include <algorithm>
#include <cmath>
#include <random>

#include "doctor/analysis.h"
#include "parallel.h"

namespace headstart::doctor {
namespace {

constexpr int64_t kTsneInputs = 50;
constexpr double kPerplexity = 30;
constexpr int kIterations = 350;
constexpr int kExaggeratedIterations = 100;
constexpr double kExaggeration = 12;
constexpr int kReportEvery = 25;

// Row-conditional affinities over each row's 3 x perplexity nearest neighbours (the rest are
// negligible), with the row's bandwidth found by bisection to the perplexity; symmetrised and
// normalised: the joint probabilities P of the input space, dense for the gradient's loop.
std::vector<float> affinities(const torch::Tensor& x, double perplexity) {
  torch::NoGradGuard noGrad;
  const int64_t n = x.size(0);
  const int64_t k = std::min<int64_t>(n - 1, int64_t(3 * perplexity) + 1);
  auto all = torch::cdist(x, x).square();
  all.fill_diagonal_(INFINITY);
  auto [near, index] = all.topk(k, 1, /*largest=*/false);
  auto distances = near.to(torch::kFloat64);
  distances /= distances.mean().clamp_min(1e-12);  // bandwidths near 1 for any feature scale
  auto beta = torch::ones({n, 1}, torch::kFloat64);
  auto low = torch::zeros_like(beta), high = torch::full_like(beta, INFINITY);
  const double target = std::log(perplexity);
  torch::Tensor p;
  for (int step = 0; step < 64; ++step) {
    p = torch::exp(-distances * beta);
    const auto sum = p.sum(1, true).clamp_min(1e-300);
    const auto entropy = torch::log(sum) + beta * (distances * p).sum(1, true) / sum;
    const auto tooFlat = entropy > target;  // too many neighbours: narrow the kernel
    low = torch::where(tooFlat, beta, low);
    high = torch::where(tooFlat, high, beta);
    beta = torch::where(torch::isinf(high), beta * 2, (low + high) / 2);
    p = p / sum;
  }
  auto joint = torch::zeros({n, n}, torch::kFloat64).scatter_(1, index, p);
  joint = ((joint + joint.t()) / (2.0 * double(n))).clamp_min(1e-12).to(torch::kFloat32);
  joint = joint.contiguous();
  return {joint.data_ptr<float>(), joint.data_ptr<float>() + joint.numel()};
}

// One gradient of the Kullback-Leibler divergence, in one pass over all pairs: attraction by P,
// repulsion by the Student-t kernel, normalised once the kernel's sum is known.
void gradient(const std::vector<float>& p, const std::vector<double>& y, double exaggeration,
              std::vector<double>& grad) {
  const size_t n = y.size() / 2;
  std::vector<double> attract(2 * n), repel(2 * n), kernelSum(n);
  parallelFor(n, [&](size_t i) {
    double ax = 0, ay = 0, rx = 0, ry = 0, sum = 0;
    for (size_t j = 0; j < n; ++j) {
      if (j == i) continue;
      const double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
      const double w = 1.0 / (1.0 + dx * dx + dy * dy);
      const double pull = exaggeration * p[i * n + j] * w;
      ax += pull * dx;
      ay += pull * dy;
      rx += w * w * dx;
      ry += w * w * dy;
      sum += w;
    }
    attract[2 * i] = ax, attract[2 * i + 1] = ay, repel[2 * i] = rx, repel[2 * i + 1] = ry;
    kernelSum[i] = sum;
  });
  double z = 0;
  for (double s : kernelSum) z += s;
  for (size_t k = 0; k < 2 * n; ++k) grad[k] = 4 * (attract[k] - repel[k] / z);
}

// [N, 2]: the first two principal coordinates, zero where there is only one.
torch::Tensor firstTwoAxes(const Space& space) {
  auto xy = torch::zeros({space.projected.size(0), 2});
  const int64_t k = std::min<int64_t>(2, space.projected.size(1));
  xy.slice(1, 0, k).copy_(space.projected.slice(1, 0, k));
  return xy;
}

std::vector<double> startLayout(const Space& space, uint64_t seed) {
  const int64_t n = space.projected.size(0);
  std::vector<double> y(size_t(2 * n), 0.0);
  const auto first = firstTwoAxes(space);
  const double scale = 1e-4 / std::max(1e-12, first.select(1, 0).std().item<double>());
  const auto* xy = first.data_ptr<float>();
  std::mt19937_64 random(seed ^ 0x75e7ull);
  for (size_t k = 0; k < y.size(); ++k) {
    const double jitter = (double(random() >> 11) / double(1ull << 53) - 0.5) * 1e-6;
    y[k] = xy[k] * scale + jitter;
  }
  return y;
}

std::vector<double> tsne(const Space& space, uint64_t seed, const Stage& stage) {
  const int64_t n = space.projected.size(0);
  const auto x = space.projected.slice(1, 0, std::min(kTsneInputs, space.projected.size(1)));
  const auto p = affinities(x, std::min(kPerplexity, double(n - 1) / 3.0));
  auto y = startLayout(space, seed);
  std::vector<double> grad(y.size()), update(y.size(), 0.0), gain(y.size(), 1.0);
  const double rate = std::max(double(n) / kExaggeration / 4.0, 50.0);
  for (int it = 0; it < kIterations; ++it) {
    if (it % kReportEvery == 0) stage.report("map", size_t(it), size_t(kIterations));
    const bool early = it < kExaggeratedIterations;
    gradient(p, y, early ? kExaggeration : 1.0, grad);
    const double momentum = early ? 0.5 : 0.8;
    for (size_t k = 0; k < y.size(); ++k) {
      const bool sameSign = (grad[k] > 0) == (update[k] > 0);
      gain[k] = std::max(0.01, sameSign ? gain[k] * 0.8 : gain[k] + 0.2);
      update[k] = momentum * update[k] - rate * gain[k] * grad[k];
      y[k] += update[k];
    }
  }
  return y;
}

}  // namespace

std::string makeMap(const Space& space, uint64_t seed, std::vector<MapPoint>& points,
                    const Stage& stage) {
  const auto n = static_cast<size_t>(space.projected.size(0));
  if (n >= 8 && n <= kMaxTsne) {
    const auto y = tsne(space, seed, stage);
    for (size_t i = 0; i < n; ++i) {
      points[i].x = static_cast<float>(y[2 * i]);
      points[i].y = static_cast<float>(y[2 * i + 1]);
    }
    stage.report("map", size_t(kIterations), size_t(kIterations));
    return "tsne";
  }
  const auto xy = firstTwoAxes(space);
  const auto* value = xy.data_ptr<float>();
  for (size_t i = 0; i < n; ++i) {
    points[i].x = value[2 * i];
    points[i].y = value[2 * i + 1];
  }
  stage.report("map", 1, 1);
  return "pca";
}

}  // namespace headstart::doctor
