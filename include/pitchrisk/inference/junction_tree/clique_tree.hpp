// SPDX-License-Identifier: MIT
// The compiled, immutable data of a junction tree: cliques, separators, their table
// layouts and index maps, the initial (or prior) clique tables, and where each variable's
// findings, posterior and family are read. Compiling is a sequence of named steps over a
// triangulation; queries never change a clique_tree (they run in a jt_state, workspace.hpp).
//
// Table layout. Every clique table is one contiguous array, first variable fastest, as a
// factor's (core/factor.hpp), but its variables are ordered for the messages, not sorted:
// a clique lists its OWN variables first and the variables it shares with its parent (the
// separator) LAST, so the upward map is the identity and a message to the parent is a sum
// of contiguous blocks. A separator lists its variables in the order of the parent's layout,
// so the downward map walks the separator forwards. Stride of variable i = product of the
// cardinalities before it. Example, clique {a, b, c} with separator {c, b} to its parent
// whose layout is (c, x, b), cards a: 2, b: 3, c: 2:
//   clique layout (a, c, b), strides (1, 2, 4), 12 entries: entry = a + 2 c + 4 b;
//   separator layout (c, b), strides (1, 2), 6 entries: block j of 2 entries (a = 0, 1)
//   sums into separator entry j.
// Seen from a separator, a table is `outer` runs of `run` blocks of `inner` contiguous
// entries (kernels.hpp, jt_map); a precomputed map gives each run's separator entry.
#pragma once

#include "pitchrisk/core/factor.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/detail/strides.hpp"
#include "pitchrisk/detail/uninitialized_allocator.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/junction_tree/kernels.hpp"
#include "pitchrisk/inference/junction_tree/relays.hpp"
#include "pitchrisk/inference/elimination_order.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace pitchrisk {

/// Figures of a compiled junction tree.
struct junction_tree_statistics {
  Eigen::Index cliques = 0;                   ///< cliques of the tree
  Eigen::Index separators = 0;                ///< separators (edges of the tree)
  Eigen::Index largest_clique_variables = 0;  ///< variables of the widest clique
  double largest_clique_entries = 0;          ///< entries of the largest clique table
  double total_clique_entries = 0;            ///< entries of all clique tables
  double total_separator_entries = 0;         ///< entries of all separator tables
  Eigen::Index relay_cliques = 0;  ///< cliques added to group children's messages (included above)
  double engine_bytes = 0;     ///< clique tables and index maps held by the engine
  double workspace_bytes = 0;  ///< buffers of one workspace
  elimination_heuristic heuristic = elimination_heuristic::min_fill;  ///< the one kept
};

namespace detail {

/// Position as an index into std::vector (the tree's ids are Eigen::Index).
[[nodiscard]] constexpr std::size_t at(Eigen::Index i) noexcept { return static_cast<std::size_t>(i); }

/// One clique: its variables in layout order (see the top of this file).
struct jt_clique {
  std::vector<variable_id> vars;
  std::vector<Eigen::Index> cards, strides;
  std::vector<Eigen::Index> edges;  ///< incident edge ids
  Eigen::Index offset = 0, size = 1;  ///< where its table starts in the concatenated tables
  bool unit = false;  ///< raw tables: no factor was assigned, every entry is 1 (init not written)
};

/// Where v (which c holds) sits in c's layout.
[[nodiscard]] inline std::size_t position_of(const jt_clique& c, variable_id v) noexcept {
  std::size_t j = 0;
  while (c.vars[j] != v) ++j;
  return j;
}

/// One separator: the edge between child `a` and parent `b` of the compiled rooting.
struct jt_edge {
  Eigen::Index a = 0, b = 0;
  std::vector<variable_id> vars;  ///< separator layout: the order of the parent's layout
  Eigen::Index offset = 0, size = 1;
  jt_map map_a, map_b;       ///< clique a's (identity) and clique b's map onto the separator
  bool unit_from_a = false;  ///< message a -> b is 1 when a's side holds no evidence
  bool unit_from_b = false;  ///< message b -> a is 1 when b's side holds no evidence
};

/// Smallest table holding a variable, where its posterior is read.
struct jt_host {
  bool in_separator = false;
  Eigen::Index index = 0, stride = 1;
};

/// What a tree is compiled from: the network's CPTs, or their slices at the hard findings
/// (observed variables then have one state and appear in no factor).
template <class Real>
struct jt_problem {
  std::vector<Eigen::Index> cards;
  std::vector<const basic_factor<Real>*> factors;   ///< sorted scopes
  std::vector<variable_id> child;                   ///< per factor: the variable it is the CPT of, or -1
  std::vector<variable_id> owner;                   ///< per factor: the variable whose CPT (or slice) it is
  adjacency_lists adjacency;  ///< the union of the factors' scopes as cliques
};

/// The limits compiling honours (from junction_tree_options).
struct jt_limits {
  Eigen::Index max_clique_entries = default_max_table_entries;  ///< junction_tree_options' default
  double memory_budget_bytes = 16e9;
  double relay_min_entries = 512;
};

/// The compiled tree (data members public: the propagation functions read them; nothing
/// writes them after compile() and calibrate()).
template <class Real>
struct clique_tree {
  std::vector<jt_clique> cliques;
  std::vector<jt_edge> edges;
  uninitialized_vector<Real> init;             ///< initial clique tables, concatenated
  std::vector<double> scale_log;               ///< raw tables: log of the factor each was divided by
  bool underflow = false;                      ///< a clique product of positive CPT entries underflowed
  uninitialized_vector<std::uint32_t> maps;    ///< run -> separator maps, concatenated
  std::vector<Eigen::Index> home;              ///< per variable: its smallest clique
  std::vector<jt_host> host;                   ///< per variable: smallest table holding it
  std::vector<Eigen::Index> soft_offset;       ///< per variable: start of its likelihood slot
  std::vector<Eigen::Index> family_home;       ///< per variable: clique its CPT went to (-1: none)
  std::vector<Eigen::Index> family_offset;     ///< per variable: start of its strides below
  std::vector<Eigen::Index> family_strides;    ///< per family clique variable: its stride in the CPT
  Eigen::Index root = 0;
  Eigen::Index separator_entries = 0;
  Eigen::Index largest_separator = 1;
  bool calibrated = false;                     ///< init holds the prior clique marginals
  std::vector<Real> prior_sep;                 ///< calibrated: the prior separator marginals
  std::vector<Real> prior_inverse;             ///< their inverses (0 for 0)
  std::vector<Eigen::Index> root_order;        ///< rooted_order(root): order, parent edges, parents
  std::vector<Eigen::Index> rooted;            ///< the same from every clique (small trees only)
  std::vector<Eigen::Index> root_top;          ///< per variable: its clique nearest root
  std::vector<Eigen::Index> rooted_top;        ///< the same for every rooting in `rooted`
  junction_tree_statistics stats;

  /// Compiles `p` along `tri` (replacing what the tree held, keeping buffer capacity).
  /// Throws: size_error if a clique or the memory exceeds `limits`.
  void compile(const basic_network<Real>& net, const jt_problem<Real>& p, elimination_result tri, const jt_limits& limits);
  /// Breadth-first order of the tree from `r`, with each clique's edge and parent.
  void rooted_order(Eigen::Index r, Eigen::Index* order, Eigen::Index* parent_edge, Eigen::Index* parent) const noexcept;
  [[nodiscard]] const jt_map& map_of(Eigen::Index e, Eigen::Index c) const noexcept {
    return edges[at(e)].a == c ? edges[at(e)].map_a : edges[at(e)].map_b;
  }
  [[nodiscard]] bool unit_from(Eigen::Index e, Eigen::Index c) const noexcept {
    return edges[at(e)].a == c ? edges[at(e)].unit_from_a : edges[at(e)].unit_from_b;
  }
};

// ---------------------------------------------------------------------------------------
// Definitions: the compile steps, in order, then compile() itself.

/// Step 1: the elimination tree of `tri`, each clique that is a subset of its neighbour
/// folded into it; returns the clique scopes, with their parents in `cparent` (-1: root)
/// and the root of the tree in `root` (other components hang under it).
inline std::vector<std::vector<variable_id>> jt_fold_cliques(elimination_result& tri, std::vector<Eigen::Index>& cparent,
                                                             Eigen::Index& root) {
  const std::size_t n = tri.order.size();
  cparent.clear();
  root = 0;
  if (n == 0) return {};
  std::vector<Eigen::Index> pos(n);
  for (std::size_t i = 0; i < n; ++i) pos[at(tri.order[i])] = static_cast<Eigen::Index>(i);
  std::vector<Eigen::Index> parent(n, -1), alias(n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    Eigen::Index p = -1;
    for (const variable_id u : tri.cliques[i])
      if (u != tri.order[i] && (p < 0 || pos[at(u)] < p)) p = pos[at(u)];
    parent[i] = p;
  }
  auto find = [&](Eigen::Index i) {
    while (alias[at(i)] >= 0) i = alias[at(i)];
    return i;
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (parent[i] < 0) continue;
    const Eigen::Index j = find(parent[i]);
    auto& ci = tri.cliques[i];
    auto& cj = tri.cliques[at(j)];
    if (std::includes(cj.begin(), cj.end(), ci.begin(), ci.end())) {
      alias[i] = j;
    } else if (std::includes(ci.begin(), ci.end(), cj.begin(), cj.end())) {
      cj = ci;
      alias[i] = j;
    }
  }
  std::vector<Eigen::Index> index_of(n, -1);
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < n; ++i)
    if (alias[i] < 0) {
      index_of[i] = static_cast<Eigen::Index>(kept.size());
      kept.push_back(i);
    }
  cparent.assign(kept.size(), -1);
  std::vector<Eigen::Index> roots;
  for (std::size_t k = 0; k < kept.size(); ++k) {
    const std::size_t i = kept[k];
    if (parent[i] >= 0) cparent[k] = index_of[at(find(parent[i]))];
    else roots.push_back(static_cast<Eigen::Index>(k));
  }
  // Several components: hang every other root under the last one (empty separators).
  root = roots.empty() ? 0 : roots.back();
  for (const Eigen::Index r : roots)
    if (r != root) cparent[at(r)] = root;
  std::vector<std::vector<variable_id>> scope(kept.size());
  for (std::size_t k = 0; k < kept.size(); ++k) scope[k] = std::move(tri.cliques[kept[k]]);
  return scope;
}

/// Step 2: cliques, separators and layouts (see the top of this file), set from the root
/// down, each from its parent's; fills the size figures of `t.stats`.
template <class Real>
void jt_lay_out(clique_tree<Real>& t, const std::vector<std::vector<variable_id>>& scope,
                const std::vector<Eigen::Index>& cparent, const std::vector<Eigen::Index>& cards, const jt_limits& limits) {
  const std::size_t nc = scope.size();
  t.cliques.assign(nc, jt_clique{});
  t.edges.clear();
  std::vector<Eigen::Index> edge_to_parent(nc, -1);
  for (std::size_t k = 0; k < nc; ++k) {
    if (cparent[k] < 0) continue;
    jt_edge e;  // its variables are set with the child's layout, below
    e.a = static_cast<Eigen::Index>(k);
    e.b = cparent[k];
    edge_to_parent[k] = static_cast<Eigen::Index>(t.edges.size());
    t.edges.push_back(std::move(e));
  }
  for (std::size_t e = 0; e < t.edges.size(); ++e) {
    t.cliques[at(t.edges[e].a)].edges.push_back(static_cast<Eigen::Index>(e));
    t.cliques[at(t.edges[e].b)].edges.push_back(static_cast<Eigen::Index>(e));
  }
  std::vector<Eigen::Index> top_down(3 * nc);  // order, parent edges, parents
  if (nc > 0) t.rooted_order(t.root, top_down.data(), top_down.data() + nc, top_down.data() + 2 * nc);
  top_down.resize(nc);
  double total = 0, largest = 0, total_sep = 0;
  Eigen::Index widest = 0;
  for (const Eigen::Index kk : top_down) {
    const auto k = at(kk);
    jt_clique& c = t.cliques[k];
    const auto& all = scope[k];
    std::vector<variable_id>* up = edge_to_parent[k] >= 0 ? &t.edges[at(edge_to_parent[k])].vars : nullptr;
    if (up) {  // the parent's layout is set: the separator follows it
      up->clear();
      for (const variable_id v : t.cliques[at(cparent[k])].vars)
        if (std::binary_search(all.begin(), all.end(), v)) up->push_back(v);
    }
    for (const variable_id v : all)
      if (!up || std::find(up->begin(), up->end(), v) == up->end()) c.vars.push_back(v);
    if (up) c.vars.insert(c.vars.end(), up->begin(), up->end());
    for (const variable_id v : c.vars) c.cards.push_back(cards[at(v)]);
    c.strides = natural_strides(c.cards);
    const double entries = table_size_estimate(c.cards);
    if (entries > static_cast<double>(limits.max_clique_entries))
      checked_table_size(c.cards, limits.max_clique_entries,
                         "junction_tree: a clique of " + std::to_string(c.vars.size()) + " variables");
    total += entries;
    largest = std::max(largest, entries);
    widest = std::max(widest, static_cast<Eigen::Index>(c.vars.size()));
  }
  for (const jt_edge& e : t.edges) {
    double s = 1;
    for (const variable_id v : e.vars) s *= static_cast<double>(cards[at(v)]);
    total_sep += s;
  }
  junction_tree_statistics& s = t.stats;
  s.cliques = static_cast<Eigen::Index>(nc);
  s.separators = static_cast<Eigen::Index>(t.edges.size());
  s.largest_clique_variables = widest;
  s.largest_clique_entries = largest;
  s.total_clique_entries = total;
  s.total_separator_entries = total_sep;
}

/// Step 3: the memory the tree and one workspace need, before any table is allocated;
/// returns the map entries step 4 will fill. Throws: size_error over the budget.
template <class Real>
double jt_check_memory(clique_tree<Real>& t, const std::string& name, const std::vector<Eigen::Index>& cards,
                       const jt_limits& limits) {
  double map_entries = 0;
  for (const jt_edge& e : t.edges) {
    // As laid out in step 4: blocks, then runs, then one map entry per run.
    const jt_clique& b = t.cliques[at(e.b)];
    auto sep_stride = [&](variable_id v) {
      double st = 1;
      for (const variable_id u : e.vars) {
        if (u == v) return st;
        st *= static_cast<double>(cards[at(u)]);
      }
      return 0.0;
    };
    std::size_t i = 0;
    double blocks = 1;
    for (; i < b.vars.size() && sep_stride(b.vars[i]) == 0; ++i) blocks *= static_cast<double>(b.cards[i]);
    const double first_stride = i < b.vars.size() ? sep_stride(b.vars[i]) : 1;
    double run = 1;
    for (; i < b.vars.size() && sep_stride(b.vars[i]) == first_stride * run; ++i) run *= static_cast<double>(b.cards[i]);
    if (i < b.vars.size()) map_entries += table_size_estimate(b.cards) / (blocks * run);
  }
  junction_tree_statistics& s = t.stats;
  s.engine_bytes = s.total_clique_entries * sizeof(Real) + map_entries * sizeof(std::uint32_t);
  s.workspace_bytes = s.total_clique_entries * sizeof(Real) + s.total_separator_entries * sizeof(Real);
  const double need = s.engine_bytes + s.workspace_bytes;
  if (need > limits.memory_budget_bytes)
    throw size_error("junction_tree: compiling '" + name + "' would need " + format_bytes(need) + " (" +
                         std::to_string(s.cliques) + " cliques, " +
                         std::to_string(static_cast<long long>(s.total_clique_entries)) + " clique entries, largest " +
                         std::to_string(static_cast<long long>(s.largest_clique_entries)) +
                         "), over the memory budget of " + format_bytes(limits.memory_budget_bytes),
                     s.total_clique_entries);
  return map_entries;
}

/// Step 4: table offsets, separator offsets and maps.
template <class Real>
void jt_build_maps(clique_tree<Real>& t, const std::vector<Eigen::Index>& cards, double map_entries) {
  Eigen::Index off = 0;
  for (jt_clique& c : t.cliques) {
    c.offset = off;
    c.size = 1;
    for (const Eigen::Index k : c.cards) c.size *= k;
    off += c.size;
  }
  t.init.resize(at(off));  // every entry is written in step 5
  t.scale_log.assign(t.cliques.size(), 0.0);
  Eigen::Index soff = 0;
  t.largest_separator = 1;
  t.maps.clear();
  t.maps.reserve(static_cast<std::size_t>(map_entries));
  for (jt_edge& e : t.edges) {
    e.offset = soff;
    e.size = 1;
    for (const variable_id v : e.vars) e.size *= cards[at(v)];
    soff += e.size;
    t.largest_separator = std::max(t.largest_separator, e.size);
    // Child side: its separator variables come last, in separator order (one run).
    e.map_a = jt_map{t.cliques[at(e.a)].size / e.size, e.size, 1, 1, -1};
    const jt_clique& b = t.cliques[at(e.b)];
    std::vector<Eigen::Index> sep_cards;
    for (const variable_id v : e.vars) sep_cards.push_back(cards[at(v)]);
    e.map_b = jt_map_onto(b.vars, b.cards, e.vars, sep_cards, t.maps);
  }
  t.separator_entries = soff;
}

/// Step 5a: each factor goes to the smallest clique holding its scope; returns the clique
/// of each factor. `cliques_of` lists the cliques holding each variable.
template <class Real>
std::vector<Eigen::Index> jt_assign_factors(const clique_tree<Real>& t, const basic_network<Real>& net,
                                            const jt_problem<Real>& prob,
                                            const std::vector<std::vector<Eigen::Index>>& cliques_of) {
  const std::size_t nf = prob.factors.size();
  std::vector<Eigen::Index> assigned(nf, -1);
  auto smaller = [&](Eigen::Index k, Eigen::Index than) {
    return than < 0 || t.cliques[at(k)].size < t.cliques[at(than)].size;
  };
  for (std::size_t f = 0; f < nf; ++f) {
    const auto& scope = prob.factors[f]->scope();
    if (scope.empty()) {  // a constant: any clique will do, the smallest is cheapest
      for (std::size_t k = 0; k < t.cliques.size(); ++k)
        if (smaller(static_cast<Eigen::Index>(k), assigned[f])) assigned[f] = static_cast<Eigen::Index>(k);
      continue;
    }
    for (const Eigen::Index k : cliques_of[at(scope.front())]) {
      const auto& vars = t.cliques[at(k)].vars;
      bool holds = true;
      for (const variable_id u : scope) holds = holds && std::find(vars.begin(), vars.end(), u) != vars.end();
      if (holds && smaller(k, assigned[f])) assigned[f] = k;
    }
    if (assigned[f] < 0)
      throw error("junction_tree: internal error, no clique holds the scope of the factor of '" +
                  net.variable(prob.child[f] >= 0 ? prob.child[f] : scope.front()).name + "'");
  }
  return assigned;
}

/// Step 5b: per variable, its smallest clique (evidence), its smallest table (posterior),
/// and the clique and strides its family marginal is read with.
template <class Real>
void jt_place_variables(clique_tree<Real>& t, const basic_network<Real>& net, const jt_problem<Real>& prob,
                        const std::vector<Eigen::Index>& assigned,
                        const std::vector<std::vector<Eigen::Index>>& cliques_of) {
  const std::size_t n = prob.cards.size();
  t.home.assign(n, -1);
  t.host.assign(n, jt_host{});
  for (std::size_t v = 0; v < n; ++v) {
    for (const Eigen::Index k : cliques_of[v])
      if (t.home[v] < 0 || t.cliques[at(k)].size < t.cliques[at(t.home[v])].size) t.home[v] = k;
    // Posterior host: home clique, or a smaller separator.
    const jt_clique& h = t.cliques[at(t.home[v])];
    jt_host host{false, t.home[v], h.strides[position_of(h, static_cast<variable_id>(v))]};
    Eigen::Index best = h.size;
    for (std::size_t e = 0; e < t.edges.size(); ++e) {
      const jt_edge& d = t.edges[e];
      const auto it = std::find(d.vars.begin(), d.vars.end(), static_cast<variable_id>(v));
      if (it == d.vars.end() || d.size >= best) continue;
      best = d.size;
      host = {true, static_cast<Eigen::Index>(e), 1};
      for (auto j = d.vars.begin(); j != it; ++j) host.stride *= prob.cards[at(*j)];
    }
    t.host[v] = host;
  }
  t.family_home.assign(n, -1);
  for (std::size_t f = 0; f < prob.factors.size(); ++f) t.family_home[at(prob.owner[f])] = assigned[f];
  t.family_offset.assign(n + 1, 0);
  for (std::size_t v = 0; v < n; ++v) {
    const Eigen::Index k = t.family_home[v];
    t.family_offset[v + 1] = t.family_offset[v] + (k < 0 ? 0 : static_cast<Eigen::Index>(t.cliques[at(k)].vars.size()));
  }
  t.family_strides.resize(at(t.family_offset[n]));
  for (std::size_t v = 0; v < n; ++v) {
    if (t.family_home[v] < 0) continue;
    const basic_factor<Real>& cpt = net.cpt(static_cast<variable_id>(v));
    const jt_clique& c = t.cliques[at(t.family_home[v])];
    for (std::size_t j = 0; j < c.vars.size(); ++j)
      t.family_strides[at(t.family_offset[v]) + j] = c.cards[j] > 1 ? cpt.stride(c.vars[j]) : 0;
  }
}

/// Step 5c: the initial tables. The first factor of a clique is gathered into it, the
/// others multiplied in; a table whose largest entry may have drifted towards the bottom of
/// the range (the product of its factors' maxima says when) is rescaled, the scale going
/// into log P(e). Tables without a factor are never written: they read as ones (`unit`).
template <class Real>
void jt_fill_tables(clique_tree<Real>& t, const jt_problem<Real>& prob, const std::vector<Eigen::Index>& assigned) {
  const std::size_t nc = t.cliques.size();
  std::vector<Real> bound(nc, Real(-1));  // -1: no factor yet
  const Real low = std::sqrt(std::numeric_limits<Real>::min());
  t.underflow = false;
  for (std::size_t f = 0; f < prob.factors.size(); ++f) {
    const auto k = at(assigned[f]);
    const jt_clique& c = t.cliques[k];
    const basic_factor<Real>& factor = *prob.factors[f];
    std::vector<Eigen::Index> fs(c.vars.size());
    for (std::size_t i = 0; i < c.vars.size(); ++i) fs[i] = factor.stride(c.vars[i]);
    Real* table = t.init.data() + c.offset;
    const Real fmax = factor.values().size() > 0 ? factor.values().maxCoeff() : Real(0);
    bool lost = false;
    if (bound[k] < 0) {
      jt_gather(table, std::span<const Eigen::Index>(c.cards), std::span<const Eigen::Index>(fs), factor.values().data());
      bound[k] = fmax;
    } else {
      lost = jt_multiply_strided(table, std::span<const Eigen::Index>(c.cards), std::span<const Eigen::Index>(fs),
                                 factor.values().data());
      bound[k] *= fmax;
    }
    if (lost) t.underflow = true;  // a later "P(e) = 0" may be wrong (adaptive.hpp retries)
    if (lost || (bound[k] > 0 && bound[k] < low)) {
      const Real top = jt_max(table, c.size);
      if (top > Real(0) && top < low) {
        jt_scale(table, c.size, Real(1) / top);
        t.scale_log[k] += std::log(static_cast<double>(top));
      }
      bound[k] = top > Real(0) && top < low ? Real(1) : top;
    }
  }
  for (std::size_t k = 0; k < nc; ++k) t.cliques[k].unit = bound[k] < 0;
}

/// Step 6: which messages are identically 1 without evidence: those from a side where no
/// CPT of a separator variable was assigned (everything summed there is a set of variables
/// closed under children, whose CPTs sum to 1), and no finding factor either. A depth-first
/// walk from the root numbers the cliques so that "below" is an interval test.
template <class Real>
void jt_mark_unit_messages(clique_tree<Real>& t, const jt_problem<Real>& prob, const std::vector<Eigen::Index>& assigned) {
  const std::size_t nc = t.cliques.size();
  std::vector<Eigen::Index> tin(nc, 0), tout(nc, 0), stack{t.root};
  std::vector<std::size_t> next(nc, 0);
  Eigen::Index clock = 0;
  tin[at(t.root)] = clock++;
  while (!stack.empty()) {
    const Eigen::Index c = stack.back();
    const jt_clique& cd = t.cliques[at(c)];
    std::size_t& i = next[at(c)];
    while (i < cd.edges.size() && t.edges[at(cd.edges[i])].a == c) ++i;
    if (i == cd.edges.size()) {
      tout[at(c)] = clock++;
      stack.pop_back();
      continue;
    }
    const Eigen::Index child = t.edges[at(cd.edges[i++])].a;
    tin[at(child)] = clock++;
    stack.push_back(child);
  }
  std::vector<Eigen::Index> cpt_clique(prob.cards.size(), -1), finding_cliques;
  for (std::size_t f = 0; f < prob.factors.size(); ++f) {
    if (prob.child[f] >= 0) cpt_clique[at(prob.child[f])] = assigned[f];
    else finding_cliques.push_back(assigned[f]);
  }
  for (jt_edge& e : t.edges) {
    const auto a = at(e.a);
    e.unit_from_a = e.unit_from_b = true;
    auto mark = [&](Eigen::Index clique) {
      const auto k = at(clique);
      if (tin[k] >= tin[a] && tout[k] <= tout[a]) e.unit_from_a = false;
      else e.unit_from_b = false;
    };
    for (const variable_id u : e.vars) {
      const Eigen::Index k = cpt_clique[at(u)];
      if (k < 0) {  // no CPT of a separator variable: never assume a message of 1
        e.unit_from_a = e.unit_from_b = false;
        break;
      }
      mark(k);
    }
    for (const Eigen::Index k : finding_cliques) mark(k);
  }
}

/// Step 7: traversal orders from the root and (small trees: single-target queries root
/// anywhere) from every clique, so a query only points at them. With each rooting goes,
/// per variable, the clique holding it nearest the root: findings are applied there, so a
/// query visits the shortest paths.
template <class Real>
void jt_traversal_orders(clique_tree<Real>& t, const std::vector<std::vector<Eigen::Index>>& cliques_of) {
  const std::size_t nc = t.cliques.size(), n = cliques_of.size();
  std::vector<Eigen::Index> depth(nc);
  auto tops = [&](const Eigen::Index* order, const Eigen::Index* parent, Eigen::Index* top) {
    for (std::size_t i = 0; i < nc; ++i) {
      const auto c = at(order[i]);
      depth[c] = parent[c] < 0 ? 0 : depth[at(parent[c])] + 1;
    }
    for (std::size_t v = 0; v < n; ++v) {
      top[v] = t.home[v];
      for (const Eigen::Index k : cliques_of[v])
        if (depth[at(k)] < depth[at(top[v])]) top[v] = k;
    }
  };
  t.root_order.resize(3 * nc);
  t.rooted_order(t.root, t.root_order.data(), t.root_order.data() + nc, t.root_order.data() + 2 * nc);
  t.root_top.resize(n);
  tops(t.root_order.data(), t.root_order.data() + 2 * nc, t.root_top.data());
  t.rooted.clear();
  t.rooted_top.clear();
  if (nc <= 64 && nc * n <= (std::size_t{1} << 16)) {
    t.rooted.resize(3 * nc * nc);
    t.rooted_top.resize(nc * n);
    for (std::size_t r = 0; r < nc; ++r) {
      Eigen::Index* base = t.rooted.data() + 3 * nc * r;
      t.rooted_order(static_cast<Eigen::Index>(r), base, base + nc, base + 2 * nc);
      tops(base, base + 2 * nc, t.rooted_top.data() + n * r);
    }
  }
}

template <class Real>
void clique_tree<Real>::compile(const basic_network<Real>& net, const jt_problem<Real>& p, elimination_result tri,
                                const jt_limits& limits) {
  stats = junction_tree_statistics{};
  stats.heuristic = tri.heuristic;
  calibrated = false;
  prior_sep.clear();
  prior_inverse.clear();
  std::vector<Eigen::Index> cparent;
  std::vector<std::vector<variable_id>> scope = jt_fold_cliques(tri, cparent, root);
  if (limits.relay_min_entries > 0)
    stats.relay_cliques = static_cast<Eigen::Index>(jt_add_relays(scope, cparent, p.cards, limits.relay_min_entries));
  jt_lay_out(*this, scope, cparent, p.cards, limits);
  const double map_entries = jt_check_memory(*this, net.name(), p.cards, limits);
  jt_build_maps(*this, p.cards, map_entries);
  std::vector<std::vector<Eigen::Index>> cliques_of(p.cards.size());
  for (std::size_t k = 0; k < cliques.size(); ++k)
    for (const variable_id v : cliques[k].vars) cliques_of[at(v)].push_back(static_cast<Eigen::Index>(k));
  const std::vector<Eigen::Index> assigned = jt_assign_factors(*this, net, p, cliques_of);
  jt_place_variables(*this, net, p, assigned, cliques_of);
  jt_fill_tables(*this, p, assigned);
  jt_mark_unit_messages(*this, p, assigned);
  soft_offset.assign(p.cards.size() + 1, 0);
  for (std::size_t v = 0; v < p.cards.size(); ++v) soft_offset[v + 1] = soft_offset[v] + p.cards[v];
  jt_traversal_orders(*this, cliques_of);
}

template <class Real>
void clique_tree<Real>::rooted_order(Eigen::Index r, Eigen::Index* order, Eigen::Index* parent_edge,
                                     Eigen::Index* parent) const noexcept {
  std::size_t head = 0, tail = 0;
  order[tail++] = r;
  parent_edge[at(r)] = -1;
  parent[at(r)] = -1;
  while (head < tail) {
    const Eigen::Index c = order[head++];
    for (const Eigen::Index e : cliques[at(c)].edges) {
      if (e == parent_edge[at(c)]) continue;
      const jt_edge& d = edges[at(e)];
      const Eigen::Index other = d.a == c ? d.b : d.a;
      parent_edge[at(other)] = e;
      parent[at(other)] = c;
      order[tail++] = other;
    }
  }
}

}  // namespace detail
}  // namespace pitchrisk
