// SPDX-License-Identifier: MIT
// Fixed-block parallel loops for the learners and samplers: blocks are assigned to threads
// in a fixed pattern and every block's result depends only on the block, so the caller can
// reduce block results in block order and get the same numbers for any thread count.
#pragma once

#include <Eigen/Core>

#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace pitchrisk::detail {

/// Number of workers for `threads` (0: one per hardware thread) and `blocks` blocks.
[[nodiscard]] inline int worker_count(int threads, Eigen::Index blocks) {
  int t = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return static_cast<int>(std::min<Eigen::Index>(t, std::max<Eigen::Index>(blocks, 1)));
}

/// Runs body(block, worker) for block = 0 .. blocks-1 on worker_count(threads, blocks)
/// threads, each block exactly once (worker w takes blocks w, w + t, ...). The first
/// exception (lowest worker) is rethrown after all threads stop.
template <class Body>
void for_each_block(Eigen::Index blocks, int threads, Body&& body) {
  const int t = worker_count(threads, blocks);
  if (t <= 1) {
    for (Eigen::Index b = 0; b < blocks; ++b) body(b, 0);
    return;
  }
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(t));
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(t));
  for (int i = 0; i < t; ++i)
    pool.emplace_back([&, i] {
      try {
        for (Eigen::Index b = i; b < blocks; b += t) body(b, i);
      } catch (...) {
        errors[static_cast<std::size_t>(i)] = std::current_exception();
      }
    });
  for (auto& th : pool) th.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace pitchrisk::detail
