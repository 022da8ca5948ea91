#pragma once
// Head training, evaluation and the doctor's label check on cached features work on matrices of a
// few hundred thousand numbers: too little to share between threads. Shared anyway, each of
// their thousands of small steps ends at an OpenMP barrier where the other thread spins; on a
// laptop whose cores are busy with anything else, that turned 30 warm epochs from 0.1 s into
// 15 s (and the label check for 2,000 images from 1.1 s into 5.8 s). This runs a scope on one
// thread and restores the thread count after it. The count is libtorch's, for the whole process:
// a backbone run started meanwhile in another thread of the window runs on one thread too.

#include <torch/torch.h>

namespace headstart {

class SingleThreaded {
 public:
  SingleThreaded() : m_threads(torch::get_num_threads()) { torch::set_num_threads(1); }
  ~SingleThreaded() { torch::set_num_threads(m_threads); }
  SingleThreaded(const SingleThreaded&) = delete;
  SingleThreaded& operator=(const SingleThreaded&) = delete;

 private:
  int m_threads;
};

}  // namespace headstart
