// The 2-D map: t-SNE (van der Maaten and Hinton, 2008) on the leading principal components for
// up to kMaxTsne images, the first two principal components beyond that. Up to kMaxExactTsne
// images the gradient visits every pair (at 2,000 that took 10 s on a busy 2-core machine);
// beyond, Barnes-Hut t-SNE (van der Maaten, 2014): the affinities are sparse (each row's
// 3 x perplexity nearest neighbours) and the repulsion of far groups of points is taken from a
// quadtree cell's centre of mass (theta 0.5). Deterministic for a seed: the start is the PCA
// layout plus a seeded jitter, and each row's sums run in a fixed order whatever the number of
// threads.

#include <algorithm>
#include <cmath>
#include <numeric>
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

constexpr double kTheta = 0.5;     // a cell counts as one point when its size / distance is below
constexpr int kMaxTreeDepth = 40;  // below that, points (near-)coincide: a leaf holds them all

// The joint probabilities P of the input space, sparse: row i's neighbours are
// column[rowStart[i] .. rowStart[i + 1]), with their values.
struct Affinities {
  std::vector<size_t> rowStart;
  std::vector<uint32_t> column;
  std::vector<float> value;
};

// Each row's k nearest rows by squared distance, blocked so that memory stays bounded.
std::pair<torch::Tensor, torch::Tensor> nearestRows(const torch::Tensor& x, int64_t k) {
  const int64_t n = x.size(0);
  auto distances = torch::empty({n, k}), index = torch::empty({n, k}, torch::kInt64);
  for (int64_t first = 0; first < n; first += kBlockRows) {
    const int64_t last = std::min(n, first + kBlockRows);
    auto block = torch::cdist(x.slice(0, first, last), x).square();
    const auto r = torch::arange(last - first, torch::kInt64);
    block.index_put_({r, r + first}, INFINITY);  // not its own neighbour
    auto [near, which] = block.topk(k, 1, /*largest=*/false);
    distances.slice(0, first, last).copy_(near);
    index.slice(0, first, last).copy_(which);
  }
  return {distances, index};
}

// Row-conditional affinities over each row's 3 x perplexity nearest neighbours (the rest are
// negligible), with the row's bandwidth found by bisection to the perplexity; symmetrised and
// normalised.
Affinities affinities(const torch::Tensor& x, double perplexity) {
  torch::NoGradGuard noGrad;
  const int64_t n = x.size(0);
  const int64_t k = std::min<int64_t>(n - 1, int64_t(3 * perplexity) + 1);
  auto [near, index] = nearestRows(x, k);
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
  p = p.contiguous();
  index = index.contiguous();
  // P = (P(j|i) + P(i|j)) / 2n: each directed entry is added to both of its rows, then the
  // entries of one pair are merged.
  struct Entry {
    uint32_t row, column;
    double value;
  };
  std::vector<Entry> entries;
  entries.reserve(size_t(2 * n * k));
  const auto* pi = p.data_ptr<double>();
  const auto* ji = index.data_ptr<int64_t>();
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t m = 0; m < k; ++m) {
      const double v = pi[i * k + m] / (2.0 * double(n));
      const auto j = uint32_t(ji[i * k + m]);
      entries.push_back({uint32_t(i), j, v});
      entries.push_back({j, uint32_t(i), v});
    }
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.row != b.row ? a.row < b.row : a.column < b.column;
  });
  Affinities out;
  out.rowStart.assign(size_t(n) + 1, 0);
  for (size_t e = 0; e < entries.size(); ++e) {
    if (e > 0 && entries[e].row == entries[e - 1].row &&
        entries[e].column == entries[e - 1].column) {
      out.value.back() += float(entries[e].value);
      continue;
    }
    out.column.push_back(entries[e].column);
    out.value.push_back(float(entries[e].value));
    ++out.rowStart[entries[e].row + 1];
  }
  std::partial_sum(out.rowStart.begin(), out.rowStart.end(), out.rowStart.begin());
  return out;
}

// Dense P for the exact gradient; a pair outside every neighbour list keeps a floor of 1e-12.
std::vector<float> denseAffinities(const Affinities& a, size_t n) {
  std::vector<float> p(n * n, 1e-12f);
  for (size_t i = 0; i < n; ++i)
    for (size_t e = a.rowStart[i]; e < a.rowStart[i + 1]; ++e)
      p[i * n + a.column[e]] = std::max(1e-12f, a.value[e]);
  return p;
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

// A quadtree over the 2-D layout: each cell's point count and centre of mass stand for its
// points when seen from far enough away.
class QuadTree {
 public:
  explicit QuadTree(const std::vector<double>& y) : m_y(y), m_order(y.size() / 2) {
    std::iota(m_order.begin(), m_order.end(), size_t(0));
    double minX = INFINITY, minY = INFINITY, maxX = -INFINITY, maxY = -INFINITY;
    for (size_t i = 0; i < m_order.size(); ++i) {
      minX = std::min(minX, y[2 * i]), maxX = std::max(maxX, y[2 * i]);
      minY = std::min(minY, y[2 * i + 1]), maxY = std::max(maxY, y[2 * i + 1]);
    }
    const double half = std::max(maxX - minX, maxY - minY) / 2 * (1 + 1e-9) + 1e-12;
    m_nodes.reserve(4 * m_order.size());
    build(0, m_order.size(), (minX + maxX) / 2, (minY + maxY) / 2, half, 0);
  }

  // Point i's repulsion (sum over the other points of w^2 (y_i - y_j), w = 1 / (1 + d^2)) and
  // its share of the kernel's sum Z.
  void repulsion(size_t i, double& rx, double& ry, double& z) const {
    rx = ry = z = 0;
    visit(0, i, rx, ry, z);
  }

 private:
  struct Node {
    double massX = 0, massY = 0, size = 0;  // centre of mass; the cell's side
    size_t begin = 0, end = 0;              // its points, in m_order
    int64_t child[4] = {-1, -1, -1, -1};
    bool leaf() const { return child[0] < 0 && child[1] < 0 && child[2] < 0 && child[3] < 0; }
  };

  int64_t build(size_t begin, size_t end, double cx, double cy, double half, int depth) {
    const auto at = int64_t(m_nodes.size());
    m_nodes.emplace_back();
    double sx = 0, sy = 0;
    for (size_t k = begin; k < end; ++k) sx += m_y[2 * m_order[k]], sy += m_y[2 * m_order[k] + 1];
    Node node;
    node.massX = sx / double(end - begin), node.massY = sy / double(end - begin);
    node.size = 2 * half, node.begin = begin, node.end = end;
    if (end - begin > 1 && depth < kMaxTreeDepth) {
      const auto first = m_order.begin();
      const auto below = [&](size_t i) { return m_y[2 * i + 1] < cy; };
      const auto left = [&](size_t i) { return m_y[2 * i] < cx; };
      const size_t midY =
          size_t(std::stable_partition(first + long(begin), first + long(end), below) - first);
      const size_t bounds[5] = {
          begin,
          size_t(std::stable_partition(first + long(begin), first + long(midY), left) - first),
          midY, size_t(std::stable_partition(first + long(midY), first + long(end), left) - first),
          end};
      for (int q = 0; q < 4; ++q) {
        if (bounds[q] == bounds[q + 1]) continue;
        const double qx = cx + (q % 2 ? half : -half) / 2, qy = cy + (q / 2 ? half : -half) / 2;
        node.child[q] = build(bounds[q], bounds[q + 1], qx, qy, half / 2, depth + 1);
      }
    }
    m_nodes[size_t(at)] = node;
    return at;
  }

  void visit(int64_t at, size_t i, double& rx, double& ry, double& z) const {
    const Node& node = m_nodes[size_t(at)];
    const double dx = m_y[2 * i] - node.massX, dy = m_y[2 * i + 1] - node.massY;
    const double d2 = dx * dx + dy * dy;
    const bool far = node.size * node.size < kTheta * kTheta * d2;
    if (node.leaf() || far) {
      if (!far || node.end - node.begin == 1) {  // a leaf nearby: its points one by one
        for (size_t k = node.begin; k < node.end; ++k) {
          const size_t j = m_order[k];
          if (j == i) continue;
          const double ex = m_y[2 * i] - m_y[2 * j], ey = m_y[2 * i + 1] - m_y[2 * j + 1];
          const double w = 1.0 / (1.0 + ex * ex + ey * ey);
          rx += w * w * ex, ry += w * w * ey, z += w;
        }
        return;
      }
      const double count = double(node.end - node.begin), w = 1.0 / (1.0 + d2);
      rx += count * w * w * dx, ry += count * w * w * dy, z += count * w;
      return;
    }
    for (const int64_t c : node.child)
      if (c >= 0) visit(c, i, rx, ry, z);
  }

  const std::vector<double>& m_y;
  std::vector<size_t> m_order;
  std::vector<Node> m_nodes;
};

// The same gradient with sparse attraction (P's neighbour lists only) and Barnes-Hut repulsion.
void barnesHutGradient(const Affinities& p, const std::vector<double>& y, double exaggeration,
                       std::vector<double>& grad) {
  const size_t n = y.size() / 2;
  const QuadTree tree(y);
  std::vector<double> attract(2 * n), repel(2 * n), kernelSum(n);
  parallelFor(n, [&](size_t i) {
    double ax = 0, ay = 0;
    for (size_t e = p.rowStart[i]; e < p.rowStart[i + 1]; ++e) {
      const size_t j = p.column[e];
      const double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
      const double pull = exaggeration * p.value[e] / (1.0 + dx * dx + dy * dy);
      ax += pull * dx, ay += pull * dy;
    }
    attract[2 * i] = ax, attract[2 * i + 1] = ay;
    tree.repulsion(i, repel[2 * i], repel[2 * i + 1], kernelSum[i]);
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

std::vector<double> tsne(const Space& space, uint64_t seed, TsneMethod method, const Stage& stage) {
  const int64_t n = space.projected.size(0);
  stage.report("map", 0, size_t(kIterations));  // the affinities are part of the map's time
  const auto x = space.projected.slice(1, 0, std::min(kTsneInputs, space.projected.size(1)));
  const auto sparse = affinities(x, std::min(kPerplexity, double(n - 1) / 3.0));
  const bool exact = method == TsneMethod::Exact;
  const auto dense = exact ? denseAffinities(sparse, size_t(n)) : std::vector<float>();
  auto y = startLayout(space, seed);
  std::vector<double> grad(y.size()), update(y.size(), 0.0), gain(y.size(), 1.0);
  const double rate = std::max(double(n) / kExaggeration / 4.0, 50.0);
  for (int it = 0; it < kIterations; ++it) {
    if (it % kReportEvery == 0) stage.report("map", size_t(it), size_t(kIterations));
    const bool early = it < kExaggeratedIterations;
    if (exact)
      gradient(dense, y, early ? kExaggeration : 1.0, grad);
    else
      barnesHutGradient(sparse, y, early ? kExaggeration : 1.0, grad);
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

std::vector<MapPoint> tsneLayout(const Space& space, uint64_t seed, TsneMethod method,
                                 const Stage& stage) {
  const auto y = tsne(space, seed, method, stage);
  std::vector<MapPoint> points(y.size() / 2);
  for (size_t i = 0; i < points.size(); ++i) {
    points[i].x = static_cast<float>(y[2 * i]);
    points[i].y = static_cast<float>(y[2 * i + 1]);
  }
  return points;
}

std::string makeMap(const Space& space, uint64_t seed, std::vector<MapPoint>& points,
                    const Stage& stage) {
  const auto n = static_cast<size_t>(space.projected.size(0));
  if (n >= 8 && n <= kMaxTsne) {
    const auto method = n <= kMaxExactTsne ? TsneMethod::Exact : TsneMethod::BarnesHut;
    const auto layout = tsneLayout(space, seed, method, stage);
    for (size_t i = 0; i < n; ++i) points[i].x = layout[i].x, points[i].y = layout[i].y;
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
