// SPDX-License-Identifier: MIT
// Graph algorithms on the DAG of a network, as free functions over parent lists:
// topological order (a cycle is reported with its variables), ancestors, and the moral
// graph. Kept small and specific; Boost.Graph would bring much for two functions.
#pragma once

#include "pitchrisk/core/variable.hpp"
#include "pitchrisk/error.hpp"

#include <algorithm>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace pitchrisk {

/// parents[v] lists the parents of variable v.
using parent_lists = std::vector<std::vector<variable_id>>;
/// adjacency[v] lists the neighbours of v in an undirected graph (symmetric, sorted, no
/// self loops): the interaction graph that elimination and triangulation work on.
using adjacency_lists = std::vector<std::vector<variable_id>>;

/// Topological order (parents before children; ties by increasing id, so it is unique).
/// Throws: model_error naming the variables of one cycle, as `a -> b -> c -> a`.
[[nodiscard]] std::vector<variable_id> topological_order(
    const parent_lists& parents, const std::function<std::string(variable_id)>& name_of);

/// Marks every variable in `seeds` and all their ancestors.
[[nodiscard]] std::vector<char> ancestral_set(const parent_lists& parents, std::span<const variable_id> seeds);

/// Undirected moral graph restricted to `keep` (keep[v] != 0): each variable linked with
/// its parents and the parents of a common child married. Sorted neighbour lists.
[[nodiscard]] adjacency_lists moral_graph(const parent_lists& parents, const std::vector<char>& keep);

// ---------------------------------------------------------------------------------------

inline std::vector<variable_id> topological_order(const parent_lists& parents,
                                                  const std::function<std::string(variable_id)>& name_of) {
  const auto n = static_cast<variable_id>(parents.size());
  std::vector<std::vector<variable_id>> children(parents.size());
  std::vector<Eigen::Index> missing(parents.size(), 0);
  for (variable_id v = 0; v < n; ++v)
    for (const variable_id p : parents[static_cast<std::size_t>(v)]) {
      children[static_cast<std::size_t>(p)].push_back(v);
      ++missing[static_cast<std::size_t>(v)];
    }
  // Kahn's algorithm with a min-heap so that the order is deterministic.
  std::vector<variable_id> ready, order;
  order.reserve(parents.size());
  for (variable_id v = 0; v < n; ++v)
    if (missing[static_cast<std::size_t>(v)] == 0) ready.push_back(v);
  std::make_heap(ready.begin(), ready.end(), std::greater<>());
  while (!ready.empty()) {
    std::pop_heap(ready.begin(), ready.end(), std::greater<>());
    const variable_id v = ready.back();
    ready.pop_back();
    order.push_back(v);
    for (const variable_id c : children[static_cast<std::size_t>(v)])
      if (--missing[static_cast<std::size_t>(c)] == 0) {
        ready.push_back(c);
        std::push_heap(ready.begin(), ready.end(), std::greater<>());
      }
  }
  if (static_cast<variable_id>(order.size()) == n) return order;
  // Some variables are on or behind a cycle: walk parents among them until one repeats.
  variable_id start = 0;
  while (missing[static_cast<std::size_t>(start)] == 0) ++start;
  std::vector<Eigen::Index> seen_at(parents.size(), -1);
  std::vector<variable_id> walk;
  variable_id v = start;
  while (seen_at[static_cast<std::size_t>(v)] < 0) {
    seen_at[static_cast<std::size_t>(v)] = static_cast<Eigen::Index>(walk.size());
    walk.push_back(v);
    for (const variable_id p : parents[static_cast<std::size_t>(v)])
      if (missing[static_cast<std::size_t>(p)] > 0) {
        v = p;
        break;
      }
  }
  // walk from seen_at[v] is a cycle followed backwards (child -> parent); print it forwards.
  std::string msg = "the graph has a cycle: ";
  const auto first = static_cast<std::size_t>(seen_at[static_cast<std::size_t>(v)]);
  for (std::size_t i = walk.size(); i-- > first;) msg += name_of(walk[i]) + " -> ";
  msg += name_of(walk.back());
  throw model_error(msg);
}

inline std::vector<char> ancestral_set(const parent_lists& parents, std::span<const variable_id> seeds) {
  std::vector<char> mark(parents.size(), 0);
  std::vector<variable_id> stack(seeds.begin(), seeds.end());
  while (!stack.empty()) {
    const variable_id v = stack.back();
    stack.pop_back();
    if (mark[static_cast<std::size_t>(v)]) continue;
    mark[static_cast<std::size_t>(v)] = 1;
    for (const variable_id p : parents[static_cast<std::size_t>(v)])
      if (!mark[static_cast<std::size_t>(p)]) stack.push_back(p);
  }
  return mark;
}

inline adjacency_lists moral_graph(const parent_lists& parents, const std::vector<char>& keep) {
  adjacency_lists adj(parents.size());
  auto link = [&](variable_id a, variable_id b) {
    if (a == b || !keep[static_cast<std::size_t>(a)] || !keep[static_cast<std::size_t>(b)]) return;
    adj[static_cast<std::size_t>(a)].push_back(b);
    adj[static_cast<std::size_t>(b)].push_back(a);
  };
  for (std::size_t v = 0; v < parents.size(); ++v) {
    if (!keep[v]) continue;
    const auto& ps = parents[v];
    for (std::size_t i = 0; i < ps.size(); ++i) {
      link(static_cast<variable_id>(v), ps[i]);
      for (std::size_t j = i + 1; j < ps.size(); ++j) link(ps[i], ps[j]);
    }
  }
  for (auto& a : adj) {
    std::sort(a.begin(), a.end());
    a.erase(std::unique(a.begin(), a.end()), a.end());
  }
  return adj;
}

}  // namespace pitchrisk
