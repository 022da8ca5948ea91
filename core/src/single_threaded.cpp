#include "single_threaded.h"

#include <dlfcn.h>
#include <torch/torch.h>

#include <algorithm>
#include <array>

namespace headstart {
namespace {

using GetThreads = int (*)();
using SetThreads = void (*)(int);

struct BlasThreads {
  GetThreads get = nullptr;
  SetThreads set = nullptr;
};

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

}  // namespace

SingleThreaded::SingleThreaded() : m_threads(torch::get_num_threads()) {
  torch::set_num_threads(1);
  for (const auto& blas : blasLibraries()) {
    m_blasThreads.push_back(blas.get());
    blas.set(1);
  }
}

SingleThreaded::~SingleThreaded() {
  torch::set_num_threads(m_threads);
  const auto& libraries = blasLibraries();
  for (size_t i = 0; i < m_blasThreads.size(); ++i) libraries[i].set(m_blasThreads[i]);
}

}  // namespace headstart
