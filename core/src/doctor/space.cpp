#include <ATen/CPUGeneratorImpl.h>
#include <oneapi/dnnl/dnnl.h>

#include <algorithm>
#include <numeric>
#include <random>

#include "doctor/analysis.h"
#include "headstart/training.h"

namespace headstart::doctor {
namespace {

constexpr int64_t kSampleRows = 4096;
constexpr int64_t kOversample = 10;
constexpr int kPowerIterations = 3;

// The rows the axes are estimated from: all of them, or a seeded sample of kSampleRows.
torch::Tensor sampleRows(int64_t count, uint64_t seed) {
  std::vector<int64_t> rows(static_cast<size_t>(count));
  std::iota(rows.begin(), rows.end(), 0);
  if (count > kSampleRows) {
    std::mt19937_64 random(seed ^ 0xd0c70eull);
    for (size_t i = rows.size(); i > 1; --i) std::swap(rows[i - 1], rows[random() % i]);
    rows.resize(kSampleRows);
    std::sort(rows.begin(), rows.end());
  }
  return torch::tensor(rows, torch::kInt64);
}

// Principal axes [dim, k] of centred rows `x`, each with its largest coordinate positive so that
// a map does not flip between runs.
std::pair<torch::Tensor, torch::Tensor> principalAxes(const torch::Tensor& x, int64_t k,
                                                      uint64_t seed) {
  const int64_t m = x.size(0), d = x.size(1);
  const int64_t l = std::min({k + kOversample, m, d});
  auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
  auto y = torch::mm(x, torch::randn({d, l}, generator, torch::kFloat32));
  for (int i = 0; i < kPowerIterations; ++i) {
    y = torch::mm(x, torch::mm(x.t(), std::get<0>(torch::linalg_qr(y))));
  }
  const auto q = std::get<0>(torch::linalg_qr(y));
  const auto [u, s, vh] = torch::linalg_svd(torch::mm(q.t(), x), /*full_matrices=*/false);
  auto axes = vh.slice(0, 0, k).t().contiguous();
  const auto largest = axes.abs().argmax(0);
  const auto signs = axes.gather(0, largest.unsqueeze(0)).sign();
  axes = axes * torch::where(signs == 0, torch::ones_like(signs), signs);
  const auto variance = s.slice(0, 0, k).square() / std::max<int64_t>(1, m - 1);
  return {axes, variance};
}

}  // namespace

torch::Tensor productWithTransposed(const torch::Tensor& a, const torch::Tensor& b) {
  const auto left = a.to(torch::kFloat32).contiguous();
  const auto right = b.to(torch::kFloat32).contiguous();
  const int64_t m = left.size(0), n = right.size(0), k = left.size(1);
  TORCH_CHECK(right.size(1) == k, "products of rows of different lengths");
  auto out = torch::empty({m, n}, torch::kFloat32);
  if (m == 0 || n == 0) return out;
  if (k == 0) return out.zero_();
  const auto status = dnnl_sgemm('N', 'T', m, n, k, 1.0f, left.data_ptr<float>(), k,
                                 right.data_ptr<float>(), k, 0.0f, out.data_ptr<float>(), n);
  if (status != dnnl_success) return torch::mm(left, right.t());
  return out;
}

void Stage::checkCancel() const {
  if (m_cancel && m_cancel->load()) throw OperationCancelled();
}

void Stage::report(const char* stage, size_t done, size_t total) const {
  checkCancel();
  if (m_progress) m_progress({stage, done, total});
}

Space reduce(const torch::Tensor& features, int64_t components, uint64_t seed) {
  torch::NoGradGuard noGrad;
  const auto x = features.to(torch::kFloat32).contiguous();
  const int64_t n = x.size(0), d = x.size(1);
  const auto mean = x.mean(0);
  const auto sample = x.index_select(0, sampleRows(n, seed)) - mean;
  const int64_t k = std::max<int64_t>(1, std::min({components, sample.size(0), d}));
  const auto [axes, variance] = principalAxes(sample, k, seed);
  Space space;
  space.projected = productWithTransposed(x, axes.t()) - torch::mv(axes.t(), mean);
  space.unit = torch::nn::functional::normalize(
      space.projected, torch::nn::functional::NormalizeFuncOptions().dim(1).eps(1e-12));
  space.variance = variance;
  return space;
}

}  // namespace headstart::doctor
