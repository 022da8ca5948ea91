#pragma once
// Head training, evaluation and the doctor's label check on cached features work on matrices of a
// few hundred thousand numbers: too little to share between threads. Shared anyway, each of
// their thousands of small steps ends at a barrier where the other thread spins; on a laptop
// whose cores are busy with anything else, that turned 30 warm epochs from 0.1 s into 15 s (and
// the label check for 2,000 images from 1.1 s into 5.8 s). This runs a scope on one thread and
// restores the thread counts after it. Two pools count: libtorch's own, and OpenBLAS's, which
// libtorch calls for its small matrix products and which keeps its own threads (they yield in a
// loop between products: 30 warm epochs took twice as long with them). Both counts are for the
// whole process: a backbone run started meanwhile in another thread of the window runs on one
// thread too.

#include <vector>

namespace headstart {

class SingleThreaded {
 public:
  SingleThreaded();
  ~SingleThreaded();
  SingleThreaded(const SingleThreaded&) = delete;
  SingleThreaded& operator=(const SingleThreaded&) = delete;

 private:
  int m_threads;
  std::vector<int> m_blasThreads;  // each loaded OpenBLAS's count before, in blasLibraries() order
};

}  // namespace headstart
