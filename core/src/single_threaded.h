#pragma once
// Thread pools. Head training, evaluation and the doctor's label check on cached features work on
// matrices of a few hundred thousand numbers: too little to share between threads. Shared anyway,
// each of their thousands of small steps ends at a barrier where the other thread spins; on a
// laptop whose cores are busy with anything else, that turned 30 warm epochs from 0.1 s into 15 s
// (and the label check for 2,000 images from 1.1 s into 5.8 s). SingleThreaded runs a scope on
// one thread and restores the thread counts after it. Two pools count: libtorch's own, and
// OpenBLAS's, which libtorch calls for its small matrix products and which keeps its own threads
// (they yield in a loop between products: 30 warm epochs took twice as long with them). Both
// counts are for the whole process: a backbone run started meanwhile in another thread of the
// window runs on one thread too.

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

// OpenBLAS on one thread for a scope, libtorch's pool untouched: for one small product between
// backbone runs (the classifier's 2048 x 1000 layer), whose OpenBLAS threads would otherwise
// keep yielding in a loop for a while after it, taking turns on the cores the next run needs
// (4% of the backbone's time with two cores).
class OneBlasThread {
 public:
  OneBlasThread();
  ~OneBlasThread();
  OneBlasThread(const OneBlasThread&) = delete;
  OneBlasThread& operator=(const OneBlasThread&) = delete;

 private:
  std::vector<int> m_blasThreads;
};

// libtorch's thread count for the whole process, remembered for useThreadCountHere.
void setThreadCount(int threads);

// OpenMP, which libtorch and oneDNN run on, keeps a thread count per calling thread; libtorch
// sets it from its process-wide count when a thread first runs a parallel op, and
// at::init_num_threads does it again on demand, but also rebuilds libtorch's pthreadpool, whose
// new thread then spins beside the work (once per backbone run, 6% of its time). This sets the
// calling thread's count to the last one setThreadCount or SingleThreaded gave, only when it
// differs; before any, it does libtorch's first-use setting once per thread.
void useThreadCountHere();

}  // namespace headstart
