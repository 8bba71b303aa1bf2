// SPDX-License-Identifier: MIT
// Essential graphs (CPDAGs): the Markov equivalence class of a DAG as a partially directed
// graph -- an arc where every equivalent DAG agrees, an undirected edge elsewhere. Built
// from the skeleton and the v-structures closed under Meek's rules R1-R3; also the DAG
// extension of a PDAG (Dor and Tarsi) and the structural Hamming distance between classes.
#pragma once

#include "pitchrisk/core/graph.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/error.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace pitchrisk {

/// A partially directed graph over n nodes: each pair is unlinked, an arc a -> b, or an
/// undirected edge a - b.
class pdag {
 public:
  /// n nodes and no link. Complexity: O(n^2) memory (an adjacency matrix).
  explicit pdag(Eigen::Index n = 0) : m_n(n), m_mark(static_cast<std::size_t>(n * n), 0) {}
  /// The DAG given by parent lists, every edge directed.
  [[nodiscard]] static pdag from_dag(const parent_lists& parents);

  /// Number of nodes.
  [[nodiscard]] Eigen::Index size() const noexcept { return m_n; }
  /// Whether a and b are linked (arc either way or edge). Requires (for this and every
  /// member taking nodes): 0 <= a, b < size(), not checked.
  [[nodiscard]] bool adjacent(Eigen::Index a, Eigen::Index b) const noexcept { return mark(a, b) || mark(b, a); }
  /// Whether a -> b (directed).
  [[nodiscard]] bool directed(Eigen::Index a, Eigen::Index b) const noexcept { return mark(a, b) && !mark(b, a); }
  /// Whether a - b (undirected).
  [[nodiscard]] bool undirected(Eigen::Index a, Eigen::Index b) const noexcept { return mark(a, b) && mark(b, a); }
  /// Links a -> b, replacing any link between them.
  void add_arc(Eigen::Index a, Eigen::Index b) noexcept { set(a, b, 1), set(b, a, 0); }
  /// Links a - b, replacing any link between them.
  void add_edge(Eigen::Index a, Eigen::Index b) noexcept { set(a, b, 1), set(b, a, 1); }
  /// Unlinks a and b.
  void remove(Eigen::Index a, Eigen::Index b) noexcept { set(a, b, 0), set(b, a, 0); }
  /// Nodes adjacent to a (any kind of link), increasing.
  [[nodiscard]] std::vector<Eigen::Index> neighbours(Eigen::Index a) const;
  /// Number of directed arcs. Complexity: O(size()^2).
  [[nodiscard]] Eigen::Index arc_count() const noexcept;
  /// Number of undirected edges. Complexity: O(size()^2).
  [[nodiscard]] Eigen::Index edge_count() const noexcept;
  /// Same nodes and the same links.
  friend bool operator==(const pdag&, const pdag&) = default;


 private:
  [[nodiscard]] bool mark(Eigen::Index a, Eigen::Index b) const noexcept {
    return m_mark[static_cast<std::size_t>(a * m_n + b)] != 0;
  }
  void set(Eigen::Index a, Eigen::Index b, char v) noexcept { m_mark[static_cast<std::size_t>(a * m_n + b)] = v; }
  Eigen::Index m_n;
  std::vector<char> m_mark;  // m_mark[a*n+b]: a link leaves a towards b
};

/// Orients undirected edges by Meek's rules R1-R3 until none applies (in place).
void apply_meek_rules(pdag& g);

/// The essential graph (CPDAG) of a DAG. Throws: model_error if `parents` has a cycle.
[[nodiscard]] pdag essential_graph(const parent_lists& parents);
/// The essential graph of a network's DAG.
template <class Real>
[[nodiscard]] pdag essential_graph(const basic_network<Real>& net) { return essential_graph(net.all_parents()); }

/// A DAG with the same skeleton, arcs and v-structures as the PDAG (Dor and Tarsi, 1992),
/// or nothing if it has no such extension. Complexity: O(n^3).
[[nodiscard]] std::optional<parent_lists> dag_extension(const pdag& g);

/// A DAG from a PDAG: its DAG extension when there is one; otherwise (a PDAG learned from
/// data may have none) the arcs kept in order unless one closes a cycle, then each
/// undirected edge oriented along a topological order of those arcs.
[[nodiscard]] parent_lists to_dag(const pdag& g);

/// Structural Hamming distance: the number of node pairs linked differently in a and b
/// (an extra, a missing or a differently oriented link counts 1).
/// Throws: model_error if the sizes differ.
[[nodiscard]] Eigen::Index structural_hamming_distance(const pdag& a, const pdag& b);
/// SHD between the essential graphs of two networks over the same variable names (the
/// variables of b are matched to a's by name). Throws: model_error if the names differ.
template <class Real>
[[nodiscard]] Eigen::Index structural_hamming_distance(const basic_network<Real>& a, const basic_network<Real>& b);

// ---------------------------------------------------------------------------------------

inline pdag pdag::from_dag(const parent_lists& parents) {
  pdag g(static_cast<Eigen::Index>(parents.size()));
  for (std::size_t v = 0; v < parents.size(); ++v)
    for (const variable_id p : parents[v]) g.add_arc(p, static_cast<Eigen::Index>(v));
  return g;
}

inline std::vector<Eigen::Index> pdag::neighbours(Eigen::Index a) const {
  std::vector<Eigen::Index> out;
  for (Eigen::Index b = 0; b < m_n; ++b)
    if (adjacent(a, b)) out.push_back(b);
  return out;
}

inline Eigen::Index pdag::arc_count() const noexcept {
  Eigen::Index k = 0;
  for (Eigen::Index a = 0; a < m_n; ++a)
    for (Eigen::Index b = 0; b < m_n; ++b) k += directed(a, b);
  return k;
}

inline Eigen::Index pdag::edge_count() const noexcept {
  Eigen::Index k = 0;
  for (Eigen::Index a = 0; a < m_n; ++a)
    for (Eigen::Index b = a + 1; b < m_n; ++b) k += undirected(a, b);
  return k;
}

inline void apply_meek_rules(pdag& g) {
  const Eigen::Index n = g.size();
  bool changed = true;
  while (changed) {
    changed = false;
    for (Eigen::Index a = 0; a < n; ++a)
      for (Eigen::Index b = 0; b < n; ++b) {
        if (!g.undirected(a, b)) continue;
        bool orient = false;
        // R1: c -> a - b, c and b not adjacent  =>  a -> b.
        for (Eigen::Index c = 0; c < n && !orient; ++c)
          orient = c != b && g.directed(c, a) && !g.adjacent(c, b);
        // R2: a -> c -> b and a - b  =>  a -> b.
        for (Eigen::Index c = 0; c < n && !orient; ++c) orient = g.directed(a, c) && g.directed(c, b);
        // R3: a - c -> b, a - d -> b, c and d not adjacent  =>  a -> b.
        for (Eigen::Index c = 0; c < n && !orient; ++c) {
          if (!g.undirected(a, c) || !g.directed(c, b)) continue;
          for (Eigen::Index d = c + 1; d < n && !orient; ++d)
            orient = g.undirected(a, d) && g.directed(d, b) && !g.adjacent(c, d);
        }
        if (orient) {
          g.add_arc(a, b);
          changed = true;
        }
      }
  }
}

inline pdag essential_graph(const parent_lists& parents) {
  const Eigen::Index n = static_cast<Eigen::Index>(parents.size());
  (void)topological_order(parents, [](variable_id v) { return "#" + std::to_string(v); });
  pdag g(n);
  for (Eigen::Index v = 0; v < n; ++v)
    for (const variable_id p : parents[static_cast<std::size_t>(v)]) g.add_edge(p, v);
  // v-structures a -> v <- b with a, b not adjacent.
  for (Eigen::Index v = 0; v < n; ++v) {
    const auto& ps = parents[static_cast<std::size_t>(v)];
    for (std::size_t i = 0; i < ps.size(); ++i)
      for (std::size_t j = i + 1; j < ps.size(); ++j)
        if (!g.adjacent(ps[i], ps[j])) {
          g.add_arc(ps[i], v);
          g.add_arc(ps[j], v);
        }
  }
  apply_meek_rules(g);
  return g;
}

inline std::optional<parent_lists> dag_extension(const pdag& input) {
  // Dor-Tarsi: repeatedly remove a node x that is a sink among directed links and whose
  // undirected neighbours are adjacent to all of x's other neighbours; orient its edges into x.
  const Eigen::Index n = input.size();
  pdag g = input;
  parent_lists parents(static_cast<std::size_t>(n));
  for (Eigen::Index a = 0; a < n; ++a)
    for (Eigen::Index b = 0; b < n; ++b)
      if (g.directed(a, b)) parents[static_cast<std::size_t>(b)].push_back(a);
  std::vector<char> gone(static_cast<std::size_t>(n), 0);
  for (Eigen::Index left = n; left > 0; --left) {
    Eigen::Index pick = -1;
    for (Eigen::Index x = 0; x < n && pick < 0; ++x) {
      if (gone[static_cast<std::size_t>(x)]) continue;
      bool ok = true;
      std::vector<Eigen::Index> nb;
      for (Eigen::Index y = 0; y < n && ok; ++y) {
        if (gone[static_cast<std::size_t>(y)] || !g.adjacent(x, y)) continue;
        if (g.directed(x, y)) ok = false;
        nb.push_back(y);
      }
      for (std::size_t i = 0; i < nb.size() && ok; ++i)
        if (g.undirected(x, nb[i]))
          for (std::size_t j = 0; j < nb.size() && ok; ++j)
            if (j != i && !g.adjacent(nb[i], nb[j])) ok = false;
      if (ok) pick = x;
    }
    if (pick < 0) return std::nullopt;
    for (Eigen::Index y = 0; y < n; ++y) {
      if (gone[static_cast<std::size_t>(y)]) continue;
      if (g.undirected(pick, y)) parents[static_cast<std::size_t>(pick)].push_back(y);
      if (g.adjacent(pick, y)) g.remove(pick, y);
    }
    gone[static_cast<std::size_t>(pick)] = 1;
  }
  for (auto& ps : parents) std::sort(ps.begin(), ps.end());
  return parents;
}

inline parent_lists to_dag(const pdag& g) {
  if (auto ext = dag_extension(g)) return *ext;
  const Eigen::Index n = g.size();
  parent_lists parents(static_cast<std::size_t>(n));
  auto reaches = [&](Eigen::Index from, Eigen::Index to) {  // along parent links, to -> ... -> from?
    std::vector<char> seen(static_cast<std::size_t>(n), 0);
    std::vector<Eigen::Index> stack{to};
    while (!stack.empty()) {
      const Eigen::Index v = stack.back();
      stack.pop_back();
      if (v == from) return true;
      for (const variable_id p : parents[static_cast<std::size_t>(v)])
        if (!seen[static_cast<std::size_t>(p)]) seen[static_cast<std::size_t>(p)] = 1, stack.push_back(p);
    }
    return false;
  };
  for (Eigen::Index a = 0; a < n; ++a)
    for (Eigen::Index b = 0; b < n; ++b)
      if (g.directed(a, b) && !reaches(b, a)) parents[static_cast<std::size_t>(b)].push_back(a);
  const std::vector<variable_id> order = topological_order(parents, [](variable_id v) { return std::to_string(v); });
  std::vector<Eigen::Index> rank(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < order.size(); ++i) rank[static_cast<std::size_t>(order[i])] = static_cast<Eigen::Index>(i);
  for (Eigen::Index a = 0; a < n; ++a)
    for (Eigen::Index b = 0; b < n; ++b)
      if (g.undirected(a, b) && rank[static_cast<std::size_t>(a)] < rank[static_cast<std::size_t>(b)])
        parents[static_cast<std::size_t>(b)].push_back(a);
  for (auto& ps : parents) std::sort(ps.begin(), ps.end());
  return parents;
}

inline Eigen::Index structural_hamming_distance(const pdag& a, const pdag& b) {
  if (a.size() != b.size())
    throw model_error("structural Hamming distance: graphs over " + std::to_string(a.size()) + " and " +
                      std::to_string(b.size()) + " nodes");
  Eigen::Index d = 0;
  for (Eigen::Index x = 0; x < a.size(); ++x)
    for (Eigen::Index y = x + 1; y < a.size(); ++y)
      d += a.directed(x, y) != b.directed(x, y) || a.directed(y, x) != b.directed(y, x) ||
           a.undirected(x, y) != b.undirected(x, y);
  return d;
}

template <class Real>
Eigen::Index structural_hamming_distance(const basic_network<Real>& a, const basic_network<Real>& b) {
  if (a.size() != b.size())
    throw model_error("structural Hamming distance: networks '" + a.name() + "' (" + std::to_string(a.size()) +
                      " variables) and '" + b.name() + "' (" + std::to_string(b.size()) + ") differ in size");
  // b's DAG renumbered into a's ids.
  std::vector<variable_id> to_a(static_cast<std::size_t>(b.size()));
  for (const variable_id v : b.variables()) {
    const auto id = a.find(b.variable(v).name);
    if (!id)
      throw model_error("structural Hamming distance: variable '" + b.variable(v).name + "' of network '" +
                        b.name() + "' is not in network '" + a.name() + "'");
    to_a[static_cast<std::size_t>(v)] = *id;
  }
  parent_lists pb(static_cast<std::size_t>(a.size()));
  for (const variable_id v : b.variables())
    for (const variable_id p : b.parents(v)) pb[static_cast<std::size_t>(to_a[static_cast<std::size_t>(v)])].push_back(to_a[static_cast<std::size_t>(p)]);
  return structural_hamming_distance(essential_graph(a.all_parents()), essential_graph(pb));
}

}  // namespace pitchrisk
