// SPDX-License-Identifier: MIT
// Greedy elimination orders for variable elimination and triangulation: min-fill (fewest
// fill-in edges), weighted min-fill (fill edges weighted by the product of the two
// cardinalities) and min-weight (smallest resulting table). Ties go to the smaller table,
// then the smaller id, so an order is deterministic. Scores are updated incrementally.
#pragma once

#include "pitchrisk/core/variable.hpp"

#include <Eigen/Core>

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace pitchrisk {

enum class elimination_heuristic { min_fill, weighted_min_fill, min_weight };

/// Greedy order in which to eliminate the variables marked in `eliminate`, given the
/// undirected interaction graph `adjacency` (sorted neighbour lists, by id) and the
/// cardinalities. Variables not marked stay in the graph and are never chosen.
/// Complexity: about O(n * d^3) for n eliminated variables of degree d.
[[nodiscard]] std::vector<variable_id> elimination_order(const std::vector<std::vector<variable_id>>& adjacency,
                                                         std::span<const Eigen::Index> cards,
                                                         const std::vector<char>& eliminate,
                                                         elimination_heuristic heuristic);

/// log2 of the largest table an order creates (the clique of each eliminated variable).
[[nodiscard]] double largest_table_log2(const std::vector<std::vector<variable_id>>& adjacency,
                                        std::span<const Eigen::Index> cards,
                                        std::span<const variable_id> order);

// ---------------------------------------------------------------------------------------

namespace detail {

/// Adjacency as bit rows plus neighbour lists, with elimination.
class elimination_graph {
 public:
  elimination_graph(const std::vector<std::vector<variable_id>>& adjacency)
      : m_n(adjacency.size()), m_words((adjacency.size() + 63) / 64), m_bits(m_n * m_words, 0), m_nbrs(adjacency),
        m_alive(m_n, 1) {
    for (std::size_t v = 0; v < m_n; ++v)
      for (const variable_id u : adjacency[v]) set(v, static_cast<std::size_t>(u));
  }
  [[nodiscard]] bool adjacent(std::size_t a, std::size_t b) const noexcept {
    return (m_bits[a * m_words + b / 64] >> (b % 64)) & 1u;
  }
  [[nodiscard]] const std::vector<variable_id>& neighbours(std::size_t v) const noexcept { return m_nbrs[v]; }
  /// Connects the neighbours of v pairwise and removes v.
  void eliminate(std::size_t v) {
    const std::vector<variable_id> nb = m_nbrs[v];
    for (std::size_t i = 0; i < nb.size(); ++i)
      for (std::size_t j = i + 1; j < nb.size(); ++j) {
        const auto a = static_cast<std::size_t>(nb[i]), b = static_cast<std::size_t>(nb[j]);
        if (!adjacent(a, b)) {
          set(a, b);
          set(b, a);
          m_nbrs[a].push_back(nb[j]);
          m_nbrs[b].push_back(nb[i]);
        }
      }
    for (const variable_id u : nb) {
      auto& l = m_nbrs[static_cast<std::size_t>(u)];
      for (std::size_t k = 0; k < l.size(); ++k)
        if (l[k] == static_cast<variable_id>(v)) {
          l[k] = l.back();
          l.pop_back();
          break;
        }
      m_bits[static_cast<std::size_t>(u) * m_words + v / 64] &= ~(std::uint64_t{1} << (v % 64));
    }
    m_nbrs[v].clear();
    m_alive[v] = 0;
  }

 private:
  void set(std::size_t a, std::size_t b) noexcept { m_bits[a * m_words + b / 64] |= std::uint64_t{1} << (b % 64); }
  std::size_t m_n, m_words;
  std::vector<std::uint64_t> m_bits;
  std::vector<std::vector<variable_id>> m_nbrs;
  std::vector<char> m_alive;
};

struct elimination_score {
  double primary = 0;    // fill count or weighted fill (or table size for min_weight)
  double table_log = 0;  // log of the clique table size
  bool operator<(const elimination_score& o) const noexcept {
    if (primary != o.primary) return primary < o.primary;
    return table_log < o.table_log;
  }
};

inline elimination_score score_of(const elimination_graph& g, std::size_t v, std::span<const Eigen::Index> cards,
                                  elimination_heuristic h) {
  const auto& nb = g.neighbours(v);
  elimination_score s;
  s.table_log = std::log(static_cast<double>(cards[v]));
  for (const variable_id u : nb) s.table_log += std::log(static_cast<double>(cards[static_cast<std::size_t>(u)]));
  if (h == elimination_heuristic::min_weight) {
    s.primary = s.table_log;
    return s;
  }
  for (std::size_t i = 0; i < nb.size(); ++i)
    for (std::size_t j = i + 1; j < nb.size(); ++j) {
      const auto a = static_cast<std::size_t>(nb[i]), b = static_cast<std::size_t>(nb[j]);
      if (!g.adjacent(a, b))
        s.primary += h == elimination_heuristic::min_fill
                         ? 1.0
                         : static_cast<double>(cards[a]) * static_cast<double>(cards[b]);
    }
  return s;
}

}  // namespace detail

inline std::vector<variable_id> elimination_order(const std::vector<std::vector<variable_id>>& adjacency,
                                                  std::span<const Eigen::Index> cards,
                                                  const std::vector<char>& eliminate,
                                                  elimination_heuristic heuristic) {
  const std::size_t n = adjacency.size();
  detail::elimination_graph g(adjacency);
  std::vector<detail::elimination_score> score(n);
  std::vector<char> pending(n, 0), stale(n, 0);
  std::size_t remaining = 0;
  for (std::size_t v = 0; v < n; ++v)
    if (eliminate[v]) {
      pending[v] = 1;
      ++remaining;
      score[v] = detail::score_of(g, v, cards, heuristic);
    }
  std::vector<variable_id> order;
  order.reserve(remaining);
  std::vector<std::size_t> touched;
  while (remaining > 0) {
    std::size_t best = n;
    for (std::size_t v = 0; v < n; ++v)
      if (pending[v] && (best == n || score[v] < score[best])) best = v;
    order.push_back(static_cast<variable_id>(best));
    pending[best] = 0;
    --remaining;
    // Scores change for the neighbours of `best` and their neighbours.
    touched.clear();
    for (const variable_id u : g.neighbours(best)) {
      touched.push_back(static_cast<std::size_t>(u));
      for (const variable_id w : g.neighbours(static_cast<std::size_t>(u))) touched.push_back(static_cast<std::size_t>(w));
    }
    g.eliminate(best);
    for (const std::size_t t : touched)
      if (pending[t] && !stale[t]) stale[t] = 1;
    for (const std::size_t t : touched)
      if (stale[t]) {
        stale[t] = 0;
        score[t] = detail::score_of(g, t, cards, heuristic);
      }
  }
  return order;
}

inline double largest_table_log2(const std::vector<std::vector<variable_id>>& adjacency,
                                 std::span<const Eigen::Index> cards, std::span<const variable_id> order) {
  detail::elimination_graph g(adjacency);
  double worst = 0;
  for (const variable_id v : order) {
    double t = std::log2(static_cast<double>(cards[static_cast<std::size_t>(v)]));
    for (const variable_id u : g.neighbours(static_cast<std::size_t>(v)))
      t += std::log2(static_cast<double>(cards[static_cast<std::size_t>(u)]));
    worst = std::max(worst, t);
    g.eliminate(static_cast<std::size_t>(v));
  }
  return worst;
}

}  // namespace pitchrisk
