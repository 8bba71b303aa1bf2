// SPDX-License-Identifier: MIT
// Score-based structure search: greedy hill climbing over single-arc moves (add, remove,
// reverse), optionally as tabu search (non-improving moves allowed, recently visited graphs
// forbidden) and with seeded random restarts from perturbations of the best graph. Score
// deltas are decomposable: each variable keeps the deltas of its own family's moves, and a
// move recomputes only the families it changed. With missing cells a move's old and new
// parent sets are compared on the same rows (structure_score::family_on_rows).
#pragma once

#include "pitchrisk/core/graph.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/learning/dataset.hpp"
#include "pitchrisk/learning/structure_constraints.hpp"
#include "pitchrisk/learning/structure_score.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

namespace pitchrisk {

/// Options of hill_climbing (all optional).
struct hill_climbing_options {
  score_options score{};                 ///< the score maximised
  structure_constraints constraints{};   ///< required/forbidden arcs, tiers, max parents
  /// 0: plain hill climbing (stop at the first local maximum). > 0: tabu search that
  /// remembers this many recent graphs and may move to a worse one (never to a remembered one).
  Eigen::Index tabu_length = 0;
  /// Tabu search: stop after this many moves in a row without a new best graph (0: tabu_length).
  Eigen::Index tabu_patience = 0;
  Eigen::Index restarts = 0;             ///< random restarts after the first climb
  /// Random moves applied to the best graph before each restart (0: one per variable,
  /// at least 1).
  Eigen::Index perturbation = 0;
  std::uint64_t seed = 0;                ///< seeds the restarts (the only randomness)
  Eigen::Index max_moves = 1'000'000;    ///< cap on moves per climb
  parent_lists start{};                  ///< starting DAG (empty: no arcs but the required ones)
};

/// A learned DAG and how it was found.
struct learned_structure {
  parent_lists parents;      ///< parents[v]: the parents of column v, increasing
  double score = 0;          ///< its score
  Eigen::Index moves = 0;    ///< moves applied over all climbs
};

/// Searches for the DAG over data's columns that maximises the score.
/// Throws: model_error on conflicting constraints, a start graph with a cycle, against the
/// constraints, or of the wrong size; errors of structure_score.
/// Complexity: per move O(n) family scores of the changed families (each O(rows)).
[[nodiscard]] learned_structure hill_climbing(const dataset& data, const hill_climbing_options& options = {});
/// The same with a caller's score (its cache is reused; its options override options.score).
/// Throws: as above.

[[nodiscard]] learned_structure hill_climbing(structure_score& score, const hill_climbing_options& options = {});

// ---------------------------------------------------------------------------------------

namespace detail {

/// The search state: the DAG, its family scores and the cached deltas of every move.
class arc_search {
 public:
  arc_search(structure_score& score, const arc_rules& rules, std::mt19937_64& rng)
      : m_score(score), m_rules(rules), m_n(rules.size()), m_rng(rng) {
    const auto n = static_cast<std::size_t>(m_n);
    m_parents.assign(n, {});
    m_adj.assign(n * n, 0);
    m_family.assign(n, 0.0);
    m_add.assign(n * n, 0.0);
    m_remove.assign(n * n, 0.0);
    m_zobrist.resize(n * n);
    for (auto& z : m_zobrist) z = m_rng();
  }

  void load(const parent_lists& g) {
    std::fill(m_adj.begin(), m_adj.end(), 0);
    m_hash = 0;
    m_parents = g;
    for (Eigen::Index v = 0; v < m_n; ++v) {
      auto& ps = m_parents[static_cast<std::size_t>(v)];
      std::sort(ps.begin(), ps.end());
      for (const variable_id p : ps) set_arc(p, v, true);
    }
    for (Eigen::Index v = 0; v < m_n; ++v) refresh(v);
  }

  [[nodiscard]] double total() const {
    double s = 0;
    for (const double f : m_family) s += f;
    return s;
  }
  [[nodiscard]] const parent_lists& parents() const noexcept { return m_parents; }
  [[nodiscard]] std::uint64_t hash() const noexcept { return m_hash; }

  enum class kind { add, remove, reverse };
  struct move {
    kind what;
    Eigen::Index from, to;  // the arc added, removed, or reversed (from -> to becomes to -> from)
    double delta;
  };

  /// Best legal move whose resulting graph is not in `tabu`, or none.
  [[nodiscard]] bool best_move(move& out, const std::unordered_set<std::uint64_t>* tabu) {
    m_candidates.clear();
    for (Eigen::Index to = 0; to < m_n; ++to)
      for (Eigen::Index from = 0; from < m_n; ++from) {
        if (from == to) continue;
        if (arc(from, to)) {
          if (m_rules.required(from, to)) continue;
          m_candidates.push_back({kind::remove, from, to, m_remove[at(to, from)]});
          if (m_rules.allowed(to, from) && parent_count(from) < m_rules.max_parents())
            m_candidates.push_back({kind::reverse, from, to, m_remove[at(to, from)] + m_add[at(from, to)]});
        } else if (!arc(to, from) && m_rules.allowed(from, to) && parent_count(to) < m_rules.max_parents()) {
          m_candidates.push_back({kind::add, from, to, m_add[at(to, from)]});
        }
      }
    // Stable: equal deltas keep the scan order, so the choice is deterministic.
    std::stable_sort(m_candidates.begin(), m_candidates.end(),
                     [](const move& a, const move& b) { return a.delta > b.delta; });
    for (const move& m : m_candidates) {
      if (tabu && tabu->count(hash_after(m))) continue;
      if (!acyclic_after(m)) continue;
      out = m;
      return true;
    }
    return false;
  }

  void apply(const move& m) {
    switch (m.what) {
      case kind::add:
        link(m.from, m.to);
        refresh(m.to);
        break;
      case kind::remove:
        unlink(m.from, m.to);
        refresh(m.to);
        break;
      case kind::reverse:
        unlink(m.from, m.to);
        link(m.to, m.from);
        refresh(m.to);
        refresh(m.from);
        break;
    }
  }

  /// Applies up to `count` random legal moves (for a restart).
  void perturb(Eigen::Index count) {
    for (Eigen::Index i = 0, tries = 0; i < count && tries < 100 * count; ++tries) {
      const auto a = static_cast<Eigen::Index>(m_rng() % static_cast<std::uint64_t>(m_n));
      const auto b = static_cast<Eigen::Index>(m_rng() % static_cast<std::uint64_t>(m_n));
      if (a == b) continue;
      move m{kind::add, a, b, 0};
      if (arc(a, b)) {
        if (m_rules.required(a, b)) continue;
        const bool reverse = (m_rng() & 1) && m_rules.allowed(b, a) && parent_count(a) < m_rules.max_parents();
        m.what = reverse ? kind::reverse : kind::remove;
      } else if (arc(b, a) || !m_rules.allowed(a, b) || parent_count(b) >= m_rules.max_parents()) {
        continue;
      }
      if (!acyclic_after(m)) continue;
      apply(m);
      ++i;
    }
  }

 private:
  [[nodiscard]] std::size_t at(Eigen::Index a, Eigen::Index b) const noexcept { return static_cast<std::size_t>(a * m_n + b); }
  [[nodiscard]] bool arc(Eigen::Index a, Eigen::Index b) const noexcept { return m_adj[at(a, b)] != 0; }
  [[nodiscard]] Eigen::Index parent_count(Eigen::Index v) const noexcept {
    return static_cast<Eigen::Index>(m_parents[static_cast<std::size_t>(v)].size());
  }
  void set_arc(Eigen::Index a, Eigen::Index b, bool on) {
    m_adj[at(a, b)] = on;
    m_hash ^= m_zobrist[at(a, b)];
  }
  void link(Eigen::Index a, Eigen::Index b) {
    set_arc(a, b, true);
    auto& ps = m_parents[static_cast<std::size_t>(b)];
    ps.insert(std::lower_bound(ps.begin(), ps.end(), a), a);
  }
  void unlink(Eigen::Index a, Eigen::Index b) {
    set_arc(a, b, false);
    auto& ps = m_parents[static_cast<std::size_t>(b)];
    ps.erase(std::find(ps.begin(), ps.end(), a));
  }
  [[nodiscard]] std::uint64_t hash_after(const move& m) const noexcept {
    std::uint64_t h = m_hash ^ m_zobrist[at(m.from, m.to)];
    if (m.what == kind::reverse) h ^= m_zobrist[at(m.to, m.from)];
    return h;
  }
  /// Whether `to` reaches `target` along arcs, ignoring the arc skip_from -> skip_to.
  [[nodiscard]] bool reaches(Eigen::Index source, Eigen::Index target, Eigen::Index skip_from, Eigen::Index skip_to) {
    m_seen.assign(static_cast<std::size_t>(m_n), 0);
    m_stack.clear();
    m_stack.push_back(source);
    m_seen[static_cast<std::size_t>(source)] = 1;
    while (!m_stack.empty()) {
      const Eigen::Index v = m_stack.back();
      m_stack.pop_back();
      for (Eigen::Index c = 0; c < m_n; ++c) {
        if (!arc(v, c) || m_seen[static_cast<std::size_t>(c)] || (v == skip_from && c == skip_to)) continue;
        if (c == target) return true;
        m_seen[static_cast<std::size_t>(c)] = 1;
        m_stack.push_back(c);
      }
    }
    return false;
  }
  [[nodiscard]] bool acyclic_after(const move& m) {
    switch (m.what) {
      case kind::add: return !reaches(m.to, m.from, -1, -1);
      case kind::remove: return true;
      case kind::reverse: return !reaches(m.from, m.to, m.from, m.to);
    }
    return true;
  }
  /// Recomputes v's family score and the deltas of the moves that change v's parents.
  void refresh(Eigen::Index v) {
    const auto& ps = m_parents[static_cast<std::size_t>(v)];
    const double base = m_score.family(v, ps);
    m_family[static_cast<std::size_t>(v)] = base;
    const bool room = static_cast<Eigen::Index>(ps.size()) < m_rules.max_parents();
    m_fewer.clear();
    for (Eigen::Index x = 0; x < m_n; ++x) {
      if (x == v) continue;
      if (arc(x, v)) {
        m_fewer.assign(ps.begin(), ps.end());
        m_fewer.erase(std::find(m_fewer.begin(), m_fewer.end(), x));
        // With missing cells both parent sets are scored on the rows where x is observed too.
        const double fewer = m_missing ? m_score.family_on_rows(v, m_fewer, std::span(&x, 1)) : m_score.family(v, m_fewer);
        m_remove[at(v, x)] = fewer - base;
      } else if (room && m_rules.allowed(x, v)) {
        const double same = m_missing ? m_score.family_on_rows(v, ps, std::span(&x, 1)) : base;
        m_add[at(v, x)] = m_score.family_with(v, ps, x) - same;
      }
    }
  }

  structure_score& m_score;
  const arc_rules& m_rules;
  Eigen::Index m_n;
  std::mt19937_64& m_rng;
  parent_lists m_parents;
  std::vector<char> m_adj;
  std::vector<double> m_family;
  std::vector<double> m_add;     // m_add[v*n+x]: gain of adding x -> v
  std::vector<double> m_remove;  // m_remove[v*n+x]: gain of removing x -> v
  std::vector<std::uint64_t> m_zobrist;
  std::uint64_t m_hash = 0;
  std::vector<move> m_candidates;
  std::vector<char> m_seen;
  std::vector<Eigen::Index> m_stack;
  std::vector<Eigen::Index> m_fewer;
  bool m_missing = m_score.data().has_missing();  // compare parent sets on common rows
};

/// One climb from the search's current graph; returns the best graph met and its score.
inline learned_structure climb(arc_search& s, const hill_climbing_options& o) {
  learned_structure best{s.parents(), s.total(), 0};
  const double tolerance = 1e-10;
  if (o.tabu_length <= 0) {
    arc_search::move m{};
    while (best.moves < o.max_moves && s.best_move(m, nullptr) &&
           m.delta > tolerance * std::max(1.0, std::abs(best.score))) {
      s.apply(m);
      ++best.moves;
    }
    best.parents = s.parents();
    best.score = s.total();
    return best;
  }
  const Eigen::Index patience = o.tabu_patience > 0 ? o.tabu_patience : o.tabu_length;
  std::deque<std::uint64_t> order{s.hash()};
  std::unordered_set<std::uint64_t> tabu{s.hash()};
  Eigen::Index since_best = 0;
  arc_search::move m{};
  for (Eigen::Index step = 0; step < o.max_moves && since_best < patience; ++step) {
    if (!s.best_move(m, &tabu)) break;
    s.apply(m);
    ++best.moves;
    order.push_back(s.hash());
    tabu.insert(s.hash());
    if (static_cast<Eigen::Index>(order.size()) > o.tabu_length) {
      tabu.erase(order.front());
      order.pop_front();
    }
    const double now = s.total();
    if (now > best.score + tolerance * std::max(1.0, std::abs(best.score))) {
      best.score = now;
      best.parents = s.parents();
      since_best = 0;
    } else {
      ++since_best;
    }
  }
  return best;
}

}  // namespace detail

inline learned_structure hill_climbing(structure_score& score, const hill_climbing_options& options) {
  const dataset& data = score.data();
  const Eigen::Index n = data.columns();
  const arc_rules rules(n, options.constraints, [&](Eigen::Index c) { return "'" + data.name(c) + "'"; });
  parent_lists start = rules.required_parents();
  if (!options.start.empty()) {
    if (static_cast<Eigen::Index>(options.start.size()) != n)
      throw model_error("hill climbing: start graph over " + std::to_string(options.start.size()) +
                        " variables, data has " + std::to_string(n) + " columns");
    start = options.start;
    (void)topological_order(start, [&](variable_id v) { return data.name(v); });
    for (auto& ps : start) std::sort(ps.begin(), ps.end());
    if (!rules.satisfied_by(start)) throw model_error("hill climbing: the start graph breaks the constraints");
  }
  std::mt19937_64 rng(options.seed);
  detail::arc_search search(score, rules, rng);
  search.load(start);
  learned_structure best = detail::climb(search, options);
  Eigen::Index moves = best.moves;
  const Eigen::Index kick = options.perturbation > 0 ? options.perturbation : std::max<Eigen::Index>(1, n);
  for (Eigen::Index r = 0; r < options.restarts; ++r) {
    search.load(best.parents);
    search.perturb(kick);
    learned_structure next = detail::climb(search, options);
    moves += next.moves;
    if (next.score > best.score + 1e-10 * std::max(1.0, std::abs(best.score))) best = std::move(next);
  }
  best.moves = moves;
  return best;
}

inline learned_structure hill_climbing(const dataset& data, const hill_climbing_options& options) {
  structure_score score(data, options.score);
  return hill_climbing(score, options);
}

}  // namespace pitchrisk
