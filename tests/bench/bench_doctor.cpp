// The dataset doctor's analysis (duplicates, labels, outliers, map) on synthetic cached features:
// times the analysis alone, not extraction. Usage: bench_doctor [IMAGES [DIM [CLASSES [THREADS]]]]
// Prints seconds per stage and the process's peak resident memory.

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>

#include "doctor/analysis.h"
#include "headstart/classifier.h"

using namespace headstart;

namespace {

// Non-negative, pooled-feature-like rows: a class centre plus noise, through a ReLU; a tenth of
// them in test; random hashes (pHash and block mean), none blank.
doctor::Samples syntheticSamples(int64_t n, int64_t dim, int64_t classes) {
  torch::manual_seed(7);
  const auto centres = torch::randn({classes, dim});
  doctor::Samples s;
  s.classes = classes;
  s.trainCount = size_t(n - n / 10);
  const auto labels = torch::randint(classes, {n}, torch::kInt64);
  s.features = torch::relu(centres.index_select(0, labels) + 1.5 * torch::randn({n, dim}));
  s.labels.assign(labels.data_ptr<int64_t>(), labels.data_ptr<int64_t>() + n);
  std::mt19937_64 random(7);
  for (int64_t i = 0; i < n; ++i) {
    s.paths.push_back("image" + std::to_string(i) + ".jpg");
    doctor::ImageSignature signature{random(), 50.0f, {}};
    for (auto& byte : signature.blockMean) byte = uint8_t(random());
    s.signatures.push_back(signature);
    s.hashed.push_back(true);
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  const int64_t n = argc > 1 ? std::stoll(argv[1]) : 2000;
  const int64_t dim = argc > 2 ? std::stoll(argv[2]) : 2048;
  const int64_t classes = argc > 3 ? std::stoll(argv[3]) : 20;
  const int threads = argc > 4 ? std::stoi(argv[4]) : 0;  // 0: all cores, as the program does
  if (threads > 0)
    torch::set_num_threads(threads);
  else
    useAllCores();
  const auto samples = syntheticSamples(n, dim, classes);
  DoctorOptions options;
  DoctorReport report;
  auto stageStart = std::chrono::steady_clock::now();
  std::string current;
  const std::function<void(const DoctorProgress&)> progress = [&](const DoctorProgress& p) {
    if (p.stage == current) return;
    const auto now = std::chrono::steady_clock::now();
    if (!current.empty())
      std::printf("  %-10s %.2f s\n", current.c_str(),
                  std::chrono::duration<double>(now - stageStart).count());
    current = p.stage;
    stageStart = now;
  };
  const auto start = std::chrono::steady_clock::now();
  doctor::analyse(samples, options, report, doctor::Stage(progress, nullptr));
  const auto end = std::chrono::steady_clock::now();
  std::printf("  %-10s %.2f s\n", current.c_str(),
              std::chrono::duration<double>(end - stageStart).count());
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "%lld images x %lld: analysis %.2f s (map: %s), peak memory %.0f MiB; findings: "
      "%zu labels, %zu duplicates, %zu outliers\n",
      static_cast<long long>(n), static_cast<long long>(dim),
      std::chrono::duration<double>(end - start).count(), report.mapMethod.c_str(),
      usage.ru_maxrss / 1024.0, report.labels.size(), report.duplicates.size(),
      report.outliers.size());
}
