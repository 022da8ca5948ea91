#include "single_threaded.h"

#include <dlfcn.h>
#include <torch/torch.h>

#include <algorithm>
#include <array>
#include <atomic>

namespace headstart {
namespace {

using GetThreads = int (*)();
using SetThreads = void (*)(int);

struct BlasThreads {
  GetThreads get = nullptr;
  SetThreads set = nullptr;
};

// 0: nobody has set a count yet, libtorch's own applies.
std::atomic<int> g_threadCount{0};

// Debian loads OpenBLAS twice: as the BLAS alternative libtorch calls (libblas.so.3) and under
// its own name for other libraries; the two names may be one library or two, each with its own
// pool. Only copies already loaded are touched, so a process on another BLAS is left as it is.
const std::vector<BlasThreads>& blasLibraries() {
  static const std::vector<BlasThreads> found = [] {
    std::vector<BlasThreads> libraries;
    for (const char* name : std::array{"libblas.so.3", "libopenblas.so.0"}) {
      void* library = ::dlopen(name, RTLD_LAZY | RTLD_NOLOAD);
      if (!library) continue;
      BlasThreads threads{
          reinterpret_cast<GetThreads>(::dlsym(library, "openblas_get_num_threads")),
          reinterpret_cast<SetThreads>(::dlsym(library, "openblas_set_num_threads"))};
      const bool seen = std::any_of(libraries.begin(), libraries.end(),
                                    [&](const BlasThreads& b) { return b.set == threads.set; });
      if (threads.get && threads.set && !seen) libraries.push_back(threads);
    }
    return libraries;
  }();
  return found;
}

std::vector<int> blasToOneThread() {
  std::vector<int> before;
  for (const auto& blas : blasLibraries()) {
    before.push_back(blas.get());
    blas.set(1);
  }
  return before;
}

void restoreBlas(const std::vector<int>& before) {
  const auto& libraries = blasLibraries();
  for (size_t i = 0; i < before.size(); ++i) libraries[i].set(before[i]);
}

}  // namespace

SingleThreaded::SingleThreaded() : m_threads(torch::get_num_threads()) {
  setThreadCount(1);
  m_blasThreads = blasToOneThread();
}

SingleThreaded::~SingleThreaded() {
  setThreadCount(m_threads);
  restoreBlas(m_blasThreads);
}

OneBlasThread::OneBlasThread() : m_blasThreads(blasToOneThread()) {}

OneBlasThread::~OneBlasThread() { restoreBlas(m_blasThreads); }

void setThreadCount(int threads) {
  torch::set_num_threads(threads);
  g_threadCount = threads;
}

void useThreadCountHere() {
  const int wanted = g_threadCount.load();
  if (wanted > 0) {
    if (at::get_num_threads() != wanted) at::set_num_threads(wanted);
    return;
  }
  static thread_local const bool initialised = [] {
    at::init_num_threads();
    return true;
  }();
  (void)initialised;
}

}  // namespace headstart
