// SPDX-License-Identifier: MIT
// Greedy elimination, the one machinery behind variable elimination's orders and the
// junction tree's triangulation. Each step removes the vertex of least score (min-fill,
// weighted min-fill, min-weight or min-degree; ties go to the smaller clique table, then to
// the smaller id, so a result is deterministic), connects its neighbours (fill-in) and
// records its clique. Scores are updated incrementally on bit rows of the graph.
#pragma once

#include "pitchrisk/core/graph.hpp"
#include "pitchrisk/core/variable.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace pitchrisk {

/// What a greedy elimination step minimises.
enum class elimination_heuristic {
  min_fill,           ///< fewest fill-in edges (ties: smaller clique table)
  weighted_min_fill,  ///< fill-in edges weighted by the product of their endpoints' cardinalities
  min_weight,         ///< smallest clique table (product of cardinalities)
  min_degree,         ///< fewest neighbours (ties: smaller clique table)
  best                ///< min-fill, weighted min-fill and min-weight (plus seeded randomised tie
                      ///< breaking when the tables exceed 10^6 entries); keeps the fewest entries
};

/// The result of a greedy elimination: the order and, per step, the clique it made.
struct elimination_result {
  std::vector<variable_id> order;                 ///< the eliminated vertices, in order
  std::vector<std::vector<variable_id>> cliques;  ///< cliques[i] = {order[i]} + its neighbours then, sorted
  double total_entries = 0;                       ///< sum over cliques of their table sizes
  double largest_entries = 0;                     ///< largest clique table
  elimination_heuristic heuristic = elimination_heuristic::min_fill;  ///< the one that made it (never best)
};

/// Name of a heuristic ("min-fill", "weighted-min-fill", "min-weight", "min-degree", "best").
[[nodiscard]] std::string_view to_string(elimination_heuristic h) noexcept;

/// Greedily eliminates the vertices marked in `eliminate` (one mark per vertex; all of them
/// when it is empty) from the undirected graph `graph` (symmetric, no self loops) whose
/// vertex v has `cards[v]` states. Unmarked (0) vertices stay in the graph and are never
/// chosen; marks are phases: every vertex marked 1 goes before any marked 2, and so on (MAP
/// sums the other variables out before it maximises its own).
/// Complexity: about O(n^2 + n * d^2 * n / 64) for n vertices of maximum degree d.
[[nodiscard]] elimination_result greedy_elimination(const adjacency_lists& graph, std::span<const Eigen::Index> cards,
                                                    elimination_heuristic heuristic,
                                                    std::span<const char> eliminate = {});

/// The order of greedy_elimination() (variable elimination needs nothing else).
[[nodiscard]] std::vector<variable_id> elimination_order(const adjacency_lists& graph,
                                                         std::span<const Eigen::Index> cards,
                                                         std::span<const char> eliminate,
                                                         elimination_heuristic heuristic);

/// The interaction graph of factors over n variables: two variables are neighbours when a
/// factor's scope holds both. `scope_of(f)` gives the scope of each element f of `factors`.
template <class Factors, class ScopeOf>
[[nodiscard]] adjacency_lists interaction_graph(std::size_t n, const Factors& factors, ScopeOf scope_of);

/// log2 of the largest table an order creates (the clique of each eliminated variable).
[[nodiscard]] double largest_table_log2(const adjacency_lists& graph, std::span<const Eigen::Index> cards,
                                        std::span<const variable_id> order);

/// Former names, from when the junction tree had its own triangulation routine.
using triangulation_heuristic [[deprecated("use elimination_heuristic")]] = elimination_heuristic;
/// Former name of elimination_result.
using triangulation [[deprecated("use elimination_result")]] = elimination_result;
/// Former name of greedy_elimination() (with the junction tree's default heuristic).
[[deprecated("use greedy_elimination")]] inline elimination_result triangulate(
    const adjacency_lists& graph, std::span<const Eigen::Index> cards,
    elimination_heuristic heuristic = elimination_heuristic::best) {
  return greedy_elimination(graph, cards, heuristic);
}

// ---------------------------------------------------------------------------------------
// Definitions

inline std::string_view to_string(elimination_heuristic h) noexcept {
  switch (h) {
    case elimination_heuristic::min_fill: return "min-fill";
    case elimination_heuristic::weighted_min_fill: return "weighted-min-fill";
    case elimination_heuristic::min_weight: return "min-weight";
    case elimination_heuristic::min_degree: return "min-degree";
    case elimination_heuristic::best: return "best";
  }
  return "unknown";
}

namespace detail {

/// The graph being eliminated: one bit row per vertex (n is a few thousand at most).
class elimination_graph {
 public:
  explicit elimination_graph(const adjacency_lists& graph)
      : m_words((graph.size() + 63) / 64), m_bits(graph.size() * m_words, 0) {
    for (std::size_t v = 0; v < graph.size(); ++v)
      for (const variable_id u : graph[v]) set(v, static_cast<std::size_t>(u));
  }
  [[nodiscard]] const std::uint64_t* row(std::size_t v) const noexcept { return m_bits.data() + v * m_words; }
  [[nodiscard]] std::size_t words() const noexcept { return m_words; }
  /// The neighbours of v, increasing, into `out`.
  void neighbours(std::size_t v, std::vector<std::size_t>& out) const {
    out.clear();
    const std::uint64_t* r = row(v);
    for (std::size_t w = 0; w < m_words; ++w)
      for (std::uint64_t x = r[w]; x; x &= x - 1) out.push_back(w * 64 + static_cast<std::size_t>(std::countr_zero(x)));
  }
  /// Connects the neighbours `nb` of v pairwise and removes v from their rows (v's own row
  /// stays as it was). Returns whether an edge was filled in.
  bool eliminate(std::size_t v, const std::vector<std::size_t>& nb) noexcept {
    bool filled = false;
    const std::uint64_t* rv = row(v);
    for (const std::size_t a : nb) {
      std::uint64_t* ra = m_bits.data() + a * m_words;
      for (std::size_t w = 0; w < m_words; ++w) {
        std::uint64_t add = rv[w] & ~ra[w];
        if (w == a / 64) add &= ~(std::uint64_t{1} << (a % 64));
        filled = filled || add != 0;
        ra[w] |= rv[w];
      }
      clear(a, a);
      clear(a, v);
    }
    return filled;
  }

 private:
  void set(std::size_t a, std::size_t b) noexcept { m_bits[a * m_words + b / 64] |= std::uint64_t{1} << (b % 64); }
  void clear(std::size_t a, std::size_t b) noexcept { m_bits[a * m_words + b / 64] &= ~(std::uint64_t{1} << (b % 64)); }
  std::size_t m_words;
  std::vector<std::uint64_t> m_bits;
};

/// A vertex's score: the heuristic's value, then the clique table it would make.
struct elimination_score {
  double primary = 0;
  double weight = 0;
  [[nodiscard]] bool operator<(const elimination_score& o) const noexcept {
    return primary < o.primary || (primary == o.primary && weight < o.weight);
  }
};

/// Product of the cardinalities of v and its neighbours `nb` (in this order: reproducible).
[[nodiscard]] inline double clique_weight(std::size_t v, const std::vector<std::size_t>& nb,
                                          std::span<const double> card) noexcept {
  double weight = card[v];
  for (const std::size_t a : nb) weight *= card[a];
  return weight;
}

/// Fill-in edges (weighted or counted) that eliminating v would add, each pair counted
/// from both ends: the missing edges among N(v), a row of bit words at a time.
[[nodiscard]] inline double doubled_fill(const elimination_graph& g, std::size_t v, const std::vector<std::size_t>& nb,
                                         std::span<const double> card, bool weighted) noexcept {
  const std::uint64_t* rv = g.row(v);
  double fill = 0;
  for (const std::size_t a : nb) {
    const std::uint64_t* ra = g.row(a);
    for (std::size_t w = 0; w < g.words(); ++w) {
      std::uint64_t x = rv[w] & ~ra[w];
      if (w == a / 64) x &= ~(std::uint64_t{1} << (a % 64));
      if (!x) continue;  // most words are empty: skip the (software) popcount
      if (!weighted) {
        fill += static_cast<double>(std::popcount(x));
        continue;
      }
      for (; x; x &= x - 1) fill += card[a] * card[w * 64 + static_cast<std::size_t>(std::countr_zero(x))];
    }
  }
  return fill;
}

/// Score of v from scratch; `nb` receives its neighbours.
[[nodiscard]] inline elimination_score score_of(const elimination_graph& g, std::size_t v,
                                                std::span<const double> card, elimination_heuristic h,
                                                std::vector<std::size_t>& nb) {
  g.neighbours(v, nb);
  const double weight = clique_weight(v, nb, card);
  switch (h) {
    case elimination_heuristic::min_weight: return {weight, 0};
    case elimination_heuristic::min_degree: return {static_cast<double>(nb.size()), weight};
    default: return {doubled_fill(g, v, nb, card, h == elimination_heuristic::weighted_min_fill) / 2, weight};
  }
}

/// The state of one greedy run: graph, scores, what is still to eliminate, scratch lists.
struct greedy_run {
  elimination_graph graph;
  std::vector<double> card;
  elimination_heuristic heuristic;
  std::vector<elimination_score> score;
  std::vector<char> phase, pending, dirty;
  std::vector<std::size_t> nb, nb2, touched;
  std::uint64_t seed = 0;  ///< 0: deterministic choice; else a splitmix64 stream
  double slack = 0;        ///< with a seed: relative score margin of the random choice

  greedy_run(const adjacency_lists& g, std::span<const Eigen::Index> cards, elimination_heuristic h,
             std::span<const char> eliminate)
      : graph(g), card(g.size()), heuristic(h), score(g.size()), phase(g.size(), 1), pending(g.size(), 0),
        dirty(g.size(), 0) {
    for (std::size_t v = 0; v < g.size(); ++v) card[v] = static_cast<double>(cards[v]);
    if (!eliminate.empty()) std::copy(eliminate.begin(), eliminate.end(), phase.begin());
  }

  /// Marks the vertices of phase p pending and scores them; returns how many there are.
  std::size_t start_phase(char p) {
    std::size_t count = 0;
    for (std::size_t v = 0; v < phase.size(); ++v)
      if (phase[v] == p) {
        pending[v] = 1;
        score[v] = score_of(graph, v, card, heuristic, nb);
        ++count;
      }
    return count;
  }

  /// The pending vertex of least score (smallest id on ties); with a seed, a reservoir
  /// choice among those within `slack` of it.
  [[nodiscard]] std::size_t choose() noexcept {
    const std::size_t n = score.size();
    std::size_t best = n;
    for (std::size_t v = 0; v < n; ++v)
      if (pending[v] && (best == n || score[v] < score[best])) best = v;
    if (seed == 0 || best == n) return best;
    const double limit = score[best].primary * (1 + slack);
    std::size_t seen = 0;
    for (std::size_t v = 0; v < n; ++v) {
      if (!pending[v] || score[v].primary > limit) continue;
      seed += 0x9e3779b97f4a7c15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      z ^= z >> 31;
      if (z % ++seen == 0) best = v;
    }
    return best;
  }

  /// Appends v's clique (v and its current neighbours `nb`) to `out`.
  void record(std::size_t v, elimination_result& out) const {
    std::vector<variable_id> clique;
    clique.reserve(nb.size() + 1);
    clique.push_back(static_cast<variable_id>(v));
    for (const std::size_t a : nb) clique.push_back(static_cast<variable_id>(a));
    std::sort(clique.begin(), clique.end());
    const double entries = clique_weight(v, nb, card);
    out.total_entries += entries;
    out.largest_entries = std::max(out.largest_entries, entries);
    out.order.push_back(static_cast<variable_id>(v));
    out.cliques.push_back(std::move(clique));
  }

  /// After v left without fill-in, the only change for each neighbour a is that v left its
  /// neighbourhood: its fill loses exactly the pairs (v, b), b in N(a) but not in N(v). The
  /// sums are of integers (cardinality products), so this equals a full rescoring, at
  /// O(|N(a)|) instead of O(|N(a)|^2) (a hub with thousands of leaves stays linear).
  void rescore_after_plain_removal(std::size_t v) {
    const std::uint64_t* rv = graph.row(v);
    for (const std::size_t a : nb) {
      if (!pending[a]) continue;
      const std::uint64_t* ra = graph.row(a);
      double lost = 0;
      for (std::size_t w = 0; w < graph.words(); ++w) {
        std::uint64_t x = ra[w] & ~rv[w];
        if (heuristic == elimination_heuristic::min_fill) {
          lost += static_cast<double>(std::popcount(x));
          continue;
        }
        for (; x; x &= x - 1) lost += card[v] * card[w * 64 + static_cast<std::size_t>(std::countr_zero(x))];
      }
      graph.neighbours(a, nb2);
      const double weight = clique_weight(a, nb2, card);
      if (heuristic == elimination_heuristic::min_weight) {
        score[a] = {weight, 0};
      } else if (heuristic == elimination_heuristic::min_degree) {
        score[a] = {static_cast<double>(nb2.size()), weight};
      } else {
        score[a] = {score[a].primary - lost, weight};
      }
    }
  }

  /// After fill-in among `nb`, rescores the pending neighbours and their neighbours.
  void rescore_after_fill() {
    touched.clear();
    for (const std::size_t a : nb) {
      if (!dirty[a]) dirty[a] = 1, touched.push_back(a);
      graph.neighbours(a, nb2);
      for (const std::size_t b : nb2)
        if (!dirty[b]) dirty[b] = 1, touched.push_back(b);
    }
    for (const std::size_t a : touched) {
      dirty[a] = 0;
      if (pending[a]) score[a] = score_of(graph, a, card, heuristic, nb2);
    }
  }

  /// Eliminates every marked vertex, phase after phase, in greedy order.
  [[nodiscard]] elimination_result run() {
    elimination_result out;
    out.heuristic = heuristic;
    const char last = phase.empty() ? char{0} : *std::max_element(phase.begin(), phase.end());
    const auto marked = static_cast<std::size_t>(std::count_if(phase.begin(), phase.end(), [](char p) { return p > 0; }));
    out.order.reserve(marked);
    out.cliques.reserve(marked);
    for (char p = 1; p > 0 && p <= last; ++p) {
      const std::size_t remaining = start_phase(p);
      for (std::size_t step = 0; step < remaining; ++step) {
        const std::size_t v = choose();
        graph.neighbours(v, nb);
        record(v, out);
        pending[v] = 0;
        if (graph.eliminate(v, nb))
          rescore_after_fill();
        else
          rescore_after_plain_removal(v);
      }
    }
    return out;
  }
};

/// One greedy run of a single heuristic; with seed != 0, the choice among candidates whose
/// score is within `slack` (relative) of the best is random (fixed by the seed).
[[nodiscard]] inline elimination_result greedy_elimination_run(const adjacency_lists& graph,
                                                               std::span<const Eigen::Index> cards,
                                                               elimination_heuristic h, std::span<const char> eliminate,
                                                               std::uint64_t seed = 0, double slack = 0) {
  greedy_run r(graph, cards, h, eliminate);
  r.seed = seed;
  r.slack = slack;
  return r.run();
}

/// elimination_heuristic::best: the fewest clique entries of min-fill, weighted min-fill and
/// min-weight, then, for tables above 10^6 entries (every query pays for them), of seeded
/// randomised runs among candidates within 50% of the best score (deterministic).
[[nodiscard]] inline elimination_result best_elimination(const adjacency_lists& graph,
                                                         std::span<const Eigen::Index> cards,
                                                         std::span<const char> eliminate) {
  elimination_result best;
  bool first = true;
  auto keep = [&](elimination_result r) {
    if (first || r.total_entries < best.total_entries) best = std::move(r);
    first = false;
  };
  using h = elimination_heuristic;
  for (const h one : {h::min_fill, h::weighted_min_fill, h::min_weight})
    keep(greedy_elimination_run(graph, cards, one, eliminate));
  if (best.total_entries > 1e6) {
    const std::size_t n = std::max<std::size_t>(1, graph.size());
    const std::uint64_t restarts = std::clamp<std::uint64_t>(20000 / n, 4, 100);
    for (std::uint64_t seed = 1; seed <= restarts; ++seed)
      for (const h one : {h::min_fill, h::weighted_min_fill})
        keep(greedy_elimination_run(graph, cards, one, eliminate, seed, 0.5));
  }
  return best;
}

}  // namespace detail

inline elimination_result greedy_elimination(const adjacency_lists& graph, std::span<const Eigen::Index> cards,
                                             elimination_heuristic heuristic, std::span<const char> eliminate) {
  if (heuristic == elimination_heuristic::best) return detail::best_elimination(graph, cards, eliminate);
  return detail::greedy_elimination_run(graph, cards, heuristic, eliminate);
}

inline std::vector<variable_id> elimination_order(const adjacency_lists& graph, std::span<const Eigen::Index> cards,
                                                  std::span<const char> eliminate, elimination_heuristic heuristic) {
  return greedy_elimination(graph, cards, heuristic, eliminate).order;
}

template <class Factors, class ScopeOf>
adjacency_lists interaction_graph(std::size_t n, const Factors& factors, ScopeOf scope_of) {
  adjacency_lists graph(n);
  for (const auto& f : factors) {
    const auto& scope = scope_of(f);
    for (std::size_t i = 0; i < scope.size(); ++i)
      for (std::size_t j = i + 1; j < scope.size(); ++j) {
        graph[static_cast<std::size_t>(scope[i])].push_back(scope[j]);
        graph[static_cast<std::size_t>(scope[j])].push_back(scope[i]);
      }
  }
  for (auto& row : graph) {
    std::sort(row.begin(), row.end());
    row.erase(std::unique(row.begin(), row.end()), row.end());
  }
  return graph;
}

inline double largest_table_log2(const adjacency_lists& graph, std::span<const Eigen::Index> cards,
                                 std::span<const variable_id> order) {
  detail::elimination_graph g(graph);
  std::vector<std::size_t> nb;
  double worst = 0;
  for (const variable_id v : order) {
    const auto i = static_cast<std::size_t>(v);
    g.neighbours(i, nb);
    double t = std::log2(static_cast<double>(cards[i]));
    for (const std::size_t u : nb) t += std::log2(static_cast<double>(cards[u]));
    worst = std::max(worst, t);
    (void)g.eliminate(i, nb);
  }
  return worst;
}

}  // namespace pitchrisk
