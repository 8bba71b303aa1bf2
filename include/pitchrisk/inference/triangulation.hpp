// SPDX-License-Identifier: MIT
// Triangulation of a moral graph by greedy elimination, the first step of compiling a
// junction tree. Three deterministic heuristics (min-fill, weighted min-fill, min-weight;
// ties broken by total weight, then by variable id) run on bitset adjacency, and the one
// whose cliques hold the fewest table entries is kept: the table sizes, not the widths,
// decide the cost of every later query.
#pragma once

#include "pitchrisk/core/variable.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

namespace pitchrisk {

/// Greedy elimination heuristics for triangulation.
enum class triangulation_heuristic {
  min_fill,           ///< fewest fill-in edges (ties: smaller clique weight)
  weighted_min_fill,  ///< fill-in edges weighted by the product of their endpoints' cardinalities
  min_weight,         ///< smallest clique table (product of cardinalities)
  best                ///< all of the above (plus seeded randomised tie-breaking when the tables
                      ///< exceed 10^6 entries); keeps the one with the fewest clique entries
};

/// The result of a triangulation: an elimination order and, per step, the clique it made.
struct triangulation {
  std::vector<variable_id> order;                 ///< elimination order (all variables)
  std::vector<std::vector<variable_id>> cliques;  ///< cliques[i] = {order[i]} + its later neighbours, sorted
  double total_entries = 0;                       ///< sum over cliques of their table sizes
  double largest_entries = 0;                     ///< largest clique table
  triangulation_heuristic heuristic = triangulation_heuristic::min_fill;
};

/// Name of a heuristic ("min-fill", ...).
[[nodiscard]] std::string_view to_string(triangulation_heuristic h) noexcept;

/// Triangulates the undirected graph `adjacency` (symmetric, no self loops) whose vertex v
/// has `cards[v]` states. Complexity: O(n^2 + n * d^2 * n / 64) for maximum degree d.
[[nodiscard]] triangulation triangulate(const std::vector<std::vector<variable_id>>& adjacency,
                                        std::span<const Eigen::Index> cards,
                                        triangulation_heuristic heuristic = triangulation_heuristic::best);

// ---------------------------------------------------------------------------------------
// Definitions

inline std::string_view to_string(triangulation_heuristic h) noexcept {
  switch (h) {
    case triangulation_heuristic::min_fill: return "min-fill";
    case triangulation_heuristic::weighted_min_fill: return "weighted-min-fill";
    case triangulation_heuristic::min_weight: return "min-weight";
    case triangulation_heuristic::best: return "best";
  }
  return "unknown";
}

namespace detail {

/// Adjacency as one bitset row per vertex (n <= a few thousand in practice).
class jt_bit_graph {
 public:
  explicit jt_bit_graph(const std::vector<std::vector<variable_id>>& adj)
      : m_n(adj.size()), m_words((adj.size() + 63) / 64), m_bits(m_n * m_words, 0) {
    for (std::size_t v = 0; v < m_n; ++v)
      for (const variable_id u : adj[v]) set(v, static_cast<std::size_t>(u));
  }
  [[nodiscard]] std::uint64_t* row(std::size_t v) noexcept { return m_bits.data() + v * m_words; }
  [[nodiscard]] const std::uint64_t* row(std::size_t v) const noexcept { return m_bits.data() + v * m_words; }
  [[nodiscard]] bool test(std::size_t a, std::size_t b) const noexcept { return (row(a)[b / 64] >> (b % 64)) & 1u; }
  void set(std::size_t a, std::size_t b) noexcept { row(a)[b / 64] |= std::uint64_t{1} << (b % 64); }
  void clear(std::size_t a, std::size_t b) noexcept { row(a)[b / 64] &= ~(std::uint64_t{1} << (b % 64)); }
  [[nodiscard]] std::size_t words() const noexcept { return m_words; }
  /// Appends the set bits of row v to out (increasing).
  void neighbours(std::size_t v, std::vector<std::size_t>& out) const {
    out.clear();
    const std::uint64_t* r = row(v);
    for (std::size_t w = 0; w < m_words; ++w) {
      std::uint64_t x = r[w];
      while (x) {
        out.push_back(w * 64 + static_cast<std::size_t>(std::countr_zero(x)));
        x &= x - 1;
      }
    }
  }

 private:
  std::size_t m_n, m_words;
  std::vector<std::uint64_t> m_bits;
};

struct jt_elim_score {
  double primary = 0;
  double weight = 0;
};

inline jt_elim_score jt_score(const jt_bit_graph& g, std::size_t v, std::span<const double> card,
                              triangulation_heuristic h, std::vector<std::size_t>& nb) {
  g.neighbours(v, nb);
  double weight = card[v];
  for (const std::size_t a : nb) weight *= card[a];
  if (h == triangulation_heuristic::min_weight) return {weight, 0};
  // Missing edges among the neighbours, a row of bit words at a time: N(v) minus N[a].
  const std::uint64_t* rv = g.row(v);
  double fill = 0;
  for (const std::size_t a : nb) {
    const std::uint64_t* ra = g.row(a);
    for (std::size_t w = 0; w < g.words(); ++w) {
      std::uint64_t x = rv[w] & ~ra[w];
      if (w == a / 64) x &= ~(std::uint64_t{1} << (a % 64));
      if (!x) continue;
      if (h == triangulation_heuristic::min_fill) {
        fill += static_cast<double>(std::popcount(x));
      } else {
        while (x) {
          fill += card[a] * card[w * 64 + static_cast<std::size_t>(std::countr_zero(x))];
          x &= x - 1;
        }
      }
    }
  }
  return {fill / 2, weight};
}

/// One greedy run. With seed != 0, the choice among candidates whose score is within
/// `slack` (relative) of the best is random (a deterministic generator of that seed).
inline triangulation jt_triangulate_one(const std::vector<std::vector<variable_id>>& adjacency,
                                        std::span<const Eigen::Index> cards, triangulation_heuristic h,
                                        std::uint64_t seed = 0, double slack = 0) {
  const std::size_t n = adjacency.size();
  jt_bit_graph g(adjacency);
  std::vector<double> card(n);
  for (std::size_t v = 0; v < n; ++v) card[v] = static_cast<double>(cards[v]);
  std::vector<jt_elim_score> score(n);
  std::vector<char> done(n, 0), dirty(n, 0);
  std::vector<std::size_t> nb, nb2, touched;
  for (std::size_t v = 0; v < n; ++v) score[v] = jt_score(g, v, card, h, nb);
  triangulation t;
  t.heuristic = h;
  t.order.reserve(n);
  t.cliques.reserve(n);
  for (std::size_t step = 0; step < n; ++step) {
    std::size_t best = n;
    for (std::size_t v = 0; v < n; ++v) {
      if (done[v]) continue;
      if (best == n || score[v].primary < score[best].primary ||
          (score[v].primary == score[best].primary && score[v].weight < score[best].weight))
        best = v;
    }
    if (seed != 0) {
      // Reservoir choice among the near-best candidates (splitmix64 stream).
      const double limit = score[best].primary * (1 + slack);
      std::size_t seen = 0;
      for (std::size_t v = 0; v < n; ++v) {
        if (done[v] || score[v].primary > limit) continue;
        seed += 0x9e3779b97f4a7c15ULL;
        std::uint64_t z = seed;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        z ^= z >> 31;
        if (z % ++seen == 0) best = v;
      }
    }
    g.neighbours(best, nb);
    std::vector<variable_id> clique;
    clique.reserve(nb.size() + 1);
    clique.push_back(static_cast<variable_id>(best));
    double entries = card[best];
    for (const std::size_t a : nb) {
      clique.push_back(static_cast<variable_id>(a));
      entries *= card[a];
    }
    std::sort(clique.begin(), clique.end());
    t.total_entries += entries;
    t.largest_entries = std::max(t.largest_entries, entries);
    t.order.push_back(static_cast<variable_id>(best));
    t.cliques.push_back(std::move(clique));
    // Connect the neighbours pairwise (fill-in) and remove `best`.
    bool filled = false;
    for (const std::size_t a : nb) {
      std::uint64_t* ra = g.row(a);
      const std::uint64_t* rb = g.row(best);
      for (std::size_t w = 0; w < g.words(); ++w) {
        std::uint64_t add = rb[w] & ~ra[w];
        if (w == a / 64) add &= ~(std::uint64_t{1} << (a % 64));
        filled = filled || add != 0;
        ra[w] |= rb[w];
      }
      g.clear(a, a);
      g.clear(a, best);
    }
    done[best] = 1;
    if (!filled) {
      // No fill-in: the only change is that `best` left the neighbourhood of each a, so the
      // fill of a loses exactly the pairs (best, b) with b in N(a) but not in N(best). The
      // sums are of integers (cardinality products), so this equals a full rescoring, at
      // O(|N(a)|) instead of O(|N(a)|^2) (a hub with thousands of leaves stays linear).
      const std::uint64_t* rb = g.row(best);
      for (const std::size_t a : nb) {
        const std::uint64_t* ra = g.row(a);
        double lost = 0;
        for (std::size_t w = 0; w < g.words(); ++w) {
          std::uint64_t x = ra[w] & ~rb[w];
          if (h == triangulation_heuristic::min_fill) {
            lost += static_cast<double>(std::popcount(x));
          } else {
            while (x) {
              lost += card[best] * card[w * 64 + static_cast<std::size_t>(std::countr_zero(x))];
              x &= x - 1;
            }
          }
        }
        g.neighbours(a, nb2);
        double weight = card[a];
        for (const std::size_t b : nb2) weight *= card[b];
        if (h == triangulation_heuristic::min_weight) {
          score[a] = {weight, 0};
        } else {
          score[a].primary -= lost;
          score[a].weight = weight;
        }
      }
      continue;
    }
    // Edges were filled in: rescore the neighbours and their neighbours.
    touched.clear();
    for (const std::size_t a : nb) {
      if (!dirty[a]) dirty[a] = 1, touched.push_back(a);
      g.neighbours(a, nb2);
      for (const std::size_t b : nb2)
        if (!dirty[b]) dirty[b] = 1, touched.push_back(b);
    }
    for (const std::size_t a : touched) {
      dirty[a] = 0;
      if (!done[a]) score[a] = jt_score(g, a, card, h, nb2);
    }
  }
  return t;
}

}  // namespace detail

inline triangulation triangulate(const std::vector<std::vector<variable_id>>& adjacency,
                                 std::span<const Eigen::Index> cards, triangulation_heuristic heuristic) {
  if (heuristic != triangulation_heuristic::best) return detail::jt_triangulate_one(adjacency, cards, heuristic);
  triangulation best;
  bool first = true;
  auto keep = [&](triangulation t) {
    if (first || t.total_entries < best.total_entries) best = std::move(t);
    first = false;
  };
  for (const triangulation_heuristic h : {triangulation_heuristic::min_fill, triangulation_heuristic::weighted_min_fill,
                                          triangulation_heuristic::min_weight})
    keep(detail::jt_triangulate_one(adjacency, cards, h));
  // Large tables: every query pays for them, so try randomised choices among the
  // candidates within 50% of the best score (fixed seeds: the result is deterministic).
  if (best.total_entries > 1e6) {
    const std::size_t n = std::max<std::size_t>(1, adjacency.size());
    const std::uint64_t restarts = std::clamp<std::uint64_t>(20000 / n, 4, 100);
    for (std::uint64_t seed = 1; seed <= restarts; ++seed)
      for (const triangulation_heuristic h : {triangulation_heuristic::min_fill, triangulation_heuristic::weighted_min_fill})
        keep(detail::jt_triangulate_one(adjacency, cards, h, seed, 0.5));
  }
  return best;
}

}  // namespace pitchrisk
