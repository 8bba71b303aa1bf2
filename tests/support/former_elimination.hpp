// SPDX-License-Identifier: MIT
// The two greedy-elimination routines pitchrisk had before they became one
// (inference/elimination_order.hpp): variable elimination's order (log-sum table weights,
// neighbour lists) and the junction tree's triangulation (product weights, bit rows), kept
// verbatim (plus one switch, `exact_ties`) so that a test can compare the unified routine's
// orders with theirs.
#pragma once

#include "pitchrisk/core/variable.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

namespace pitchrisk::test::former {

enum class heuristic { min_fill, weighted_min_fill, min_weight };

/// The junction tree's result (order and cliques; the heuristic field dropped).
struct jt_result {
  std::vector<variable_id> order;
  std::vector<std::vector<variable_id>> cliques;
  double total_entries = 0;
  double largest_entries = 0;
};

// ---- variable elimination's former routine (inference/elimination_order.hpp) ----------


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

/// With `exact_ties` (not in the former code), the table is weighed by the exact product of
/// the cardinalities instead of a sum of logarithms in neighbour-list order, whose rounding
/// decided between tables of equal size.
inline elimination_score score_of(const elimination_graph& g, std::size_t v, std::span<const Eigen::Index> cards,
                                  heuristic h, bool exact_ties) {
  const auto& nb = g.neighbours(v);
  elimination_score s;
  s.table_log = std::log(static_cast<double>(cards[v]));
  for (const variable_id u : nb) s.table_log += std::log(static_cast<double>(cards[static_cast<std::size_t>(u)]));
  if (exact_ties) {
    s.table_log = static_cast<double>(cards[v]);
    for (const variable_id u : nb) s.table_log *= static_cast<double>(cards[static_cast<std::size_t>(u)]);
  }
  if (h == heuristic::min_weight) {
    s.primary = s.table_log;
    return s;
  }
  for (std::size_t i = 0; i < nb.size(); ++i)
    for (std::size_t j = i + 1; j < nb.size(); ++j) {
      const auto a = static_cast<std::size_t>(nb[i]), b = static_cast<std::size_t>(nb[j]);
      if (!g.adjacent(a, b))
        s.primary += h == heuristic::min_fill
                         ? 1.0
                         : static_cast<double>(cards[a]) * static_cast<double>(cards[b]);
    }
  return s;
}


inline std::vector<variable_id> ve_order(const std::vector<std::vector<variable_id>>& adjacency,
                                                  std::span<const Eigen::Index> cards,
                                                  const std::vector<char>& eliminate,
                                                  heuristic h, bool exact_ties = false) {
  const std::size_t n = adjacency.size();
  elimination_graph g(adjacency);
  std::vector<elimination_score> score(n);
  std::vector<char> pending(n, 0), stale(n, 0);
  std::size_t remaining = 0;
  for (std::size_t v = 0; v < n; ++v)
    if (eliminate[v]) {
      pending[v] = 1;
      ++remaining;
      score[v] = score_of(g, v, cards, h, exact_ties);
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
        score[t] = score_of(g, t, cards, h, exact_ties);
      }
  }
  return order;
}


// ---- the junction tree's former routine (inference/triangulation.hpp) ------------------


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
                              heuristic h, std::vector<std::size_t>& nb) {
  g.neighbours(v, nb);
  double weight = card[v];
  for (const std::size_t a : nb) weight *= card[a];
  if (h == heuristic::min_weight) return {weight, 0};
  // Missing edges among the neighbours, a row of bit words at a time: N(v) minus N[a].
  const std::uint64_t* rv = g.row(v);
  double fill = 0;
  for (const std::size_t a : nb) {
    const std::uint64_t* ra = g.row(a);
    for (std::size_t w = 0; w < g.words(); ++w) {
      std::uint64_t x = rv[w] & ~ra[w];
      if (w == a / 64) x &= ~(std::uint64_t{1} << (a % 64));
      if (!x) continue;
      if (h == heuristic::min_fill) {
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
inline jt_result jt_triangulate_one(const std::vector<std::vector<variable_id>>& adjacency,
                                        std::span<const Eigen::Index> cards, heuristic h,
                                        std::uint64_t seed = 0, double slack = 0) {
  const std::size_t n = adjacency.size();
  jt_bit_graph g(adjacency);
  std::vector<double> card(n);
  for (std::size_t v = 0; v < n; ++v) card[v] = static_cast<double>(cards[v]);
  std::vector<jt_elim_score> score(n);
  std::vector<char> done(n, 0), dirty(n, 0);
  std::vector<std::size_t> nb, nb2, touched;
  for (std::size_t v = 0; v < n; ++v) score[v] = jt_score(g, v, card, h, nb);
  jt_result t;
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
          if (h == heuristic::min_fill) {
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
        if (h == heuristic::min_weight) {
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

/// The junction tree's former `best`: fewest clique entries of the three, then seeded runs.
inline jt_result jt_triangulate_best(const std::vector<std::vector<variable_id>>& adjacency,
                                 std::span<const Eigen::Index> cards) {
  jt_result best;
  bool first = true;
  auto keep = [&](jt_result t) {
    if (first || t.total_entries < best.total_entries) best = std::move(t);
    first = false;
  };
  for (const heuristic h : {heuristic::min_fill, heuristic::weighted_min_fill,
                                          heuristic::min_weight})
    keep(jt_triangulate_one(adjacency, cards, h));
  // Large tables: every query pays for them, so try randomised choices among the
  // candidates within 50% of the best score (fixed seeds: the result is deterministic).
  if (best.total_entries > 1e6) {
    const std::size_t n = std::max<std::size_t>(1, adjacency.size());
    const std::uint64_t restarts = std::clamp<std::uint64_t>(20000 / n, 4, 100);
    for (std::uint64_t seed = 1; seed <= restarts; ++seed)
      for (const heuristic h : {heuristic::min_fill, heuristic::weighted_min_fill})
        keep(jt_triangulate_one(adjacency, cards, h, seed, 0.5));
  }
  return best;
}

}  // namespace pitchrisk::test::former
