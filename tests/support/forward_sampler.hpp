// SPDX-License-Identifier: MIT
// A small forward sampler for the structure-learning tests: N complete records of a
// network in topological order, from a seeded mt19937_64 (deterministic on every platform:
// the uniform draw is the generator's top 53 bits). Independent of the library's sampler.
#pragma once

#include "pitchrisk/core.hpp"
#include "pitchrisk/learning/dataset.hpp"

#include <cstdint>
#include <random>
#include <vector>

namespace pitchrisk::test {

inline dataset forward_sample(const network& net, Eigen::Index rows, std::uint64_t seed) {
  dataset data = dataset::for_network(net);
  data.reserve(rows);
  std::mt19937_64 rng(seed);
  const auto n = static_cast<std::size_t>(net.size());
  std::vector<dataset::cell> row(n);
  for (Eigen::Index r = 0; r < rows; ++r) {
    for (const variable_id v : net.topological_order()) {
      const auto& f = net.cpt(v);
      Eigen::Index offset = 0;
      for (const variable_id p : net.parents(v)) offset += row[static_cast<std::size_t>(p)] * f.stride(p);
      const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;
      double acc = 0;
      Eigen::Index s = 0;
      const Eigen::Index k = net.cardinality(v);
      for (; s < k - 1; ++s) {
        acc += f.values()[offset + s * f.stride(v)];
        if (u < acc) break;
      }
      row[static_cast<std::size_t>(v)] = static_cast<dataset::cell>(s);
    }
    data.append_row(row);
  }
  return data;
}

}  // namespace pitchrisk::test
