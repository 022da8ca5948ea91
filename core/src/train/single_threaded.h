#pragma once
// Head training and evaluation on cached features work on matrices of a few hundred thousand
// numbers: too little to share between threads. Shared anyway, each of their thousands of small
// steps ends at an OpenMP barrier where the other thread spins; on a laptop whose cores are busy
// with anything else, that turned 30 warm epochs from 0.1 s into 15 s. This runs a scope on the
// calling thread alone and restores the thread count after it.

#include <torch/torch.h>

namespace headstart::training {

class SingleThreaded {
 public:
  SingleThreaded() : m_threads(torch::get_num_threads()) { torch::set_num_threads(1); }
  ~SingleThreaded() { torch::set_num_threads(m_threads); }
  SingleThreaded(const SingleThreaded&) = delete;
  SingleThreaded& operator=(const SingleThreaded&) = delete;

 private:
  int m_threads;
};

}  // namespace headstart::training
