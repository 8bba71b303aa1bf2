// SPDX-License-Identifier: MIT
// d-separation by the moralised ancestral graph (Lauritzen): x and y are d-separated by
// z in a DAG iff they are disconnected in the moral graph of the ancestors of {x, y} u z
// once z is removed. The perfect independence oracle for testing PC.
#pragma once

#include "pitchrisk/core/graph.hpp"

#include <span>
#include <vector>

namespace pitchrisk::test {

inline bool d_separated(const parent_lists& dag, variable_id x, variable_id y, std::span<const variable_id> z) {
  std::vector<variable_id> seeds{x, y};
  seeds.insert(seeds.end(), z.begin(), z.end());
  std::vector<char> keep = ancestral_set(dag, seeds);
  for (const variable_id v : z) keep[static_cast<std::size_t>(v)] = 0;
  // Moralise over the ancestors (with z), then drop z's links.
  const std::vector<char> anc = ancestral_set(dag, seeds);
  const auto adj = moral_graph(dag, anc);
  std::vector<char> seen(dag.size(), 0);
  std::vector<variable_id> stack{x};
  seen[static_cast<std::size_t>(x)] = 1;
  while (!stack.empty()) {
    const variable_id v = stack.back();
    stack.pop_back();
    if (v == y) return false;
    for (const variable_id w : adj[static_cast<std::size_t>(v)])
      if (keep[static_cast<std::size_t>(w)] && !seen[static_cast<std::size_t>(w)]) {
        seen[static_cast<std::size_t>(w)] = 1;
        stack.push_back(w);
      }
  }
  return true;
}

}  // namespace pitchrisk::test
