// Seconds to hash one 100 MiB file (already in the page cache, so the hash is what is timed, not
// the disk) with each hash HeadStart has: the home-made 64-bit one that served everything before
// (kept only to verify format-1 manifests), XXH3-128 (cache keys, duplicates) and SHA-256
// (manifests, downloads). Median of 5 runs each, wall clock and CPU time; MB/s from CPU time.
//   build/tests/bench/bench_hash [FILE]   (default: a generated 100 MiB file in /tmp, removed)

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "headstart/sha256.h"
#include "util/hash.h"
#include "util/legacy_hash.h"

using namespace headstart;

namespace {

constexpr size_t kFileSize = size_t(100) << 20;
constexpr int kRuns = 5;

std::string writeScratchFile() {
  std::string path = "/tmp/headstart-bench-hash-XXXXXX";
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return {};
  ::close(fd);
  std::vector<char> bytes(kFileSize);
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = char((i * 2654435761u) >> 13);
  std::ofstream(path, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
  return path;
}

// The process's CPU time, besides the wall clock: on a machine shared with other jobs it still
// counts only the hashing.
double cpuSeconds() {
  timespec t{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

struct Timing {
  double wall, cpu;
};

// Median of kRuns, each of wall and CPU time.
Timing medianSeconds(const std::function<void()>& hash) {
  std::vector<double> wall, cpu;
  for (int i = 0; i < kRuns; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const double cpuStart = cpuSeconds();
    hash();
    cpu.push_back(cpuSeconds() - cpuStart);
    wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  return {wall[kRuns / 2], cpu[kRuns / 2]};
}

}  // namespace

int main(int argc, char** argv) {
  const bool scratch = argc < 2;
  const std::string path = scratch ? writeScratchFile() : argv[1];
  if (path.empty()) {
    std::perror("bench_hash: cannot create a file in /tmp");
    return 1;
  }
  std::string digest;
  sha256HexOfFile(path);  // reads the file once, so every hash below finds it in memory
  const struct {
    const char* name;
    std::function<void()> run;
  } cases[] = {
      {"old 64-bit (before)", [&] { digest = util::legacy::formatOneHashOfFile(path); }},
      {"XXH3-128", [&] { digest = util::xxh3_128OfFile(path).hex(); }},
      {"SHA-256 (OpenSSL)", [&] { digest = sha256HexOfFile(path); }},
  };
  const double megabytes = double(std::filesystem::file_size(path)) / 1e6;
  std::printf("%s: %.1f MB\n", path.c_str(), megabytes);
  for (const auto& c : cases) {
    const auto t = medianSeconds(c.run);
    std::printf("%-20s wall %6.3f s  cpu %6.3f s  %6.0f MB/s  %s\n", c.name, t.wall, t.cpu,
                megabytes / t.cpu, digest.c_str());
  }
  if (scratch) std::remove(path.c_str());
  return 0;
}
