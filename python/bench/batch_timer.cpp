// SPDX-License-Identifier: MIT
// The C++ side of python/bench/batch_benchmark.py: the same cases (an int64 matrix written
// by NumPy's tofile, -1 = unobserved) scored by posterior_batch / log_evidence_batch,
// timed after one untimed pass; prints the best of `repeats` in seconds.
//   batch_timer NETWORK.bif CASES.bin TARGET THREADS REPEATS
#include <pitchrisk/inference/batch.hpp>
#include <pitchrisk/io/bif.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <fstream>
#include <string>
#include <vector>

int main(int argc, char** argv) try {
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s NETWORK.bif CASES.bin TARGET THREADS REPEATS\n", argv[0]);
    return 2;
  }
  const pitchrisk::network net = pitchrisk::io::read_bif(argv[1]);
  const pitchrisk::junction_tree engine(net);
  std::ifstream in(argv[2], std::ios::binary);
  std::vector<std::int64_t> raw;
  for (std::int64_t x; in.read(reinterpret_cast<char*>(&x), sizeof x);) raw.push_back(x);
  const auto n = static_cast<std::size_t>(net.size());
  const std::size_t cases = raw.size() / n;
  const auto target = net.id(argv[3]);
  const auto threads = static_cast<unsigned>(std::stoul(argv[4]));
  const int repeats = std::stoi(argv[5]);
  // Resolving is part of the work the Python call does, so it is timed here too.
  auto resolve_all = [&] {
    std::vector<pitchrisk::resolved_evidence> out(cases);
    for (std::size_t i = 0; i < cases; ++i) {
      auto& e = out[i];
      e.hard.assign(n, -1);
      e.soft.assign(n, Eigen::ArrayXd());
      for (std::size_t v = 0; v < n; ++v)
        if (raw[i * n + v] >= 0) {
          e.hard[v] = raw[i * n + v];
          e.observed.push_back(static_cast<pitchrisk::variable_id>(v));
        }
    }
    return out;
  };
  double best_post = 1e300, best_logpe = 1e300;
  for (int r = 0; r <= repeats; ++r) {
    // Each call's temporaries (the resolved cases, the answers) are freed inside its timed
    // span, as they are inside the Python call.
    bool empty = false;
    auto t0 = std::chrono::steady_clock::now();
    {
      const auto resolved = resolve_all();
      empty = pitchrisk::posterior_batch(engine, std::span<const pitchrisk::resolved_evidence>(resolved), target, threads).empty();
    }
    auto t1 = std::chrono::steady_clock::now();
    {
      const auto resolved = resolve_all();
      const bool none = pitchrisk::log_evidence_batch(engine, std::span<const pitchrisk::resolved_evidence>(resolved), threads).empty();
      empty = empty || none;
    }
    auto t2 = std::chrono::steady_clock::now();
    if (r == 0) continue;  // warm-up
    best_post = std::min(best_post, std::chrono::duration<double>(t1 - t0).count());
    best_logpe = std::min(best_logpe, std::chrono::duration<double>(t2 - t1).count());
    if (empty) return 1;
  }
  std::printf("%.6f %.6f\n", best_post, best_logpe);
} catch (const std::exception& e) {
  std::fprintf(stderr, "%s\n", e.what());
  return 1;
}
