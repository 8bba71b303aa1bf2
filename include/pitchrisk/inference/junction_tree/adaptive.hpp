// SPDX-License-Identifier: MIT
// Evidence-adaptive queries: on a large compiled tree, a query with hard findings first
// triangulates the network reduced by them (observed variables removed, CPTs sliced) and,
// when that tree is much smaller, propagates there instead. The reduced clique_tree and its
// state live in the workspace (jt_state::reduced), so the compiled tree stays immutable,
// and the next query recompiles into the same buffers. Also the choice of tree per query,
// with the retry on the reduced tree when the compiled one lost products to underflow.
#pragma once

#include "pitchrisk/core/graph.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/junction_tree/clique_tree.hpp"
#include "pitchrisk/inference/junction_tree/kernels.hpp"
#include "pitchrisk/inference/junction_tree/propagation.hpp"
#include "pitchrisk/inference/junction_tree/workspace.hpp"
#include "pitchrisk/inference/elimination_order.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace pitchrisk::detail {

/// When and how queries switch to the reduced tree.
struct jt_adaptive_options {
  bool enabled = false;  ///< the compiled tree is large enough (junction_tree_options::adaptive_min_entries)
  double gain = 4;       ///< the reduced tree must be this many times smaller
  jt_limits limits;      ///< for compiling reduced trees
};

/// Prepares in ws.reduced, for a propagation of `kind` (all, target, evidence_only), the
/// tree of the network reduced by ws's hard findings, when that pays (or `force`); returns
/// whether it did.
template <class Real>
bool jt_adapt(const basic_network<Real>& net, const clique_tree<Real>& t, const jt_adaptive_options& options,
              jt_state<Real>& ws, jt_kind kind, variable_id target, bool force);
/// One propagation of `kind` on the tree that pays (see jt_adapt); sets ws.on_reduced.
/// Throws: evidence_error if P(e) = 0.
template <class Real>
void jt_propagate(const basic_network<Real>& net, const clique_tree<Real>& t, const jt_adaptive_options& options,
                  jt_state<Real>& ws, jt_kind kind, variable_id target);
/// Max-propagation on the tree that pays; the most probable assignment to `states`, and
/// log P(assignment, e). Throws: evidence_error if P(e) = 0.
template <class Real>
double jt_max_propagate(const basic_network<Real>& net, const clique_tree<Real>& t, const jt_adaptive_options& options,
                        jt_state<Real>& ws, std::span<Eigen::Index> states);
/// The error for P(e) = 0, naming the findings (and the underflow that may explain it).
template <class Real>
[[noreturn]] void jt_throw_impossible(const basic_network<Real>& net, const jt_state<Real>& ws, bool underflow);

// ---------------------------------------------------------------------------------------
// Definitions

/// The problem of the whole network: every CPT, over its moral graph.
template <class Real>
jt_problem<Real> jt_network_problem(const basic_network<Real>& net) {
  jt_problem<Real> p;
  for (const variable_id v : net.variables()) {
    p.cards.push_back(net.cardinality(v));
    p.factors.push_back(&net.cpt(v));
    p.child.push_back(v);
    p.owner.push_back(v);
  }
  p.adjacency = moral_graph(net.all_parents(), std::vector<char>(p.cards.size(), 1));
  return p;
}

/// Relevant variables: all, or (one target, log P(e)) the ancestors of the findings and the
/// target; the others are barren and their CPTs sum to 1.
template <class Real>
std::vector<char> jt_relevant(const basic_network<Real>& net, const jt_state<Real>& ws, jt_kind kind, variable_id target) {
  const auto n = static_cast<std::size_t>(net.size());
  if (kind == jt_kind::all) return std::vector<char>(n, 1);
  std::vector<char> relevant(n, 0);
  std::vector<variable_id> stack(ws.observed.begin(), ws.observed.end());
  if (kind == jt_kind::target) stack.push_back(target);
  while (!stack.empty()) {
    const variable_id v = stack.back();
    stack.pop_back();
    if (relevant[at(v)]) continue;
    relevant[at(v)] = 1;
    for (const variable_id u : net.parents(v))
      if (!relevant[at(u)]) stack.push_back(u);
  }
  return relevant;
}

/// The relevant CPTs sliced at the findings (kept in `sliced`, reserved for every
/// variable); the CPT of an observed variable becomes a finding factor. Observed and barren
/// variables keep one state and no edge.
template <class Real>
jt_problem<Real> jt_reduced_problem(const basic_network<Real>& net, const jt_state<Real>& ws,
                                    const std::vector<char>& relevant, std::vector<basic_factor<Real>>& sliced) {
  const auto n = static_cast<std::size_t>(net.size());
  jt_problem<Real> p;
  p.cards.resize(n);
  for (std::size_t v = 0; v < n; ++v) {
    const auto id = static_cast<variable_id>(v);
    p.cards[v] = relevant[v] && ws.hard[v] < 0 ? net.cardinality(id) : 1;
    if (!relevant[v]) continue;
    const basic_factor<Real>* f = &net.cpt(id);
    bool touched = false;
    for (const variable_id u : f->scope()) touched = touched || ws.hard[at(u)] >= 0;
    if (touched) {  // the slice at the observed states, gathered in one pass
      std::vector<variable_id> scope;
      std::vector<Eigen::Index> kept_cards, strides;
      const Real* base = f->values().data();
      for (const variable_id u : f->scope()) {
        const Eigen::Index state = ws.hard[at(u)];
        if (state >= 0) {
          base += state * f->stride(u);
        } else {
          scope.push_back(u);
          kept_cards.push_back(f->cardinalities()[at(f->position(u))]);
          strides.push_back(f->stride(u));
        }
      }
      Eigen::Index size = 1;
      for (const Eigen::Index k : kept_cards) size *= k;
      Eigen::Array<Real, Eigen::Dynamic, 1> values(size);
      jt_gather(values.data(), std::span<const Eigen::Index>(kept_cards), std::span<const Eigen::Index>(strides), base);
      sliced.emplace_back(std::move(scope), std::move(kept_cards), std::move(values));
      f = &sliced.back();
    }
    p.factors.push_back(f);
    p.child.push_back(ws.hard[v] >= 0 ? variable_id{-1} : id);
    p.owner.push_back(id);
  }
  p.adjacency = interaction_graph(n, p.factors, [](const basic_factor<Real>* f) -> const auto& { return f->scope(); });
  return p;
}

/// Min-fill, then, where the tables make them worth it, the other heuristics above 10^5
/// entries and seeded randomised passes in proportion to the table entries per active
/// variable (fixed seeds: the tree, hence every rounding, is reproducible).
template <class Real>
elimination_result jt_reduced_triangulation(const jt_problem<Real>& p) {
  using h = elimination_heuristic;
  elimination_result tri = greedy_elimination(p.adjacency, p.cards, h::min_fill);
  auto keep = [&](elimination_result other) {
    if (other.total_entries < tri.total_entries) tri = std::move(other);
  };
  if (tri.total_entries > 1e5) {
    keep(greedy_elimination(p.adjacency, p.cards, h::weighted_min_fill));
    keep(greedy_elimination(p.adjacency, p.cards, h::min_weight));
    double active = 0;
    for (const Eigen::Index k : p.cards) active += k > 1 ? 1 : 0;
    const auto restarts = static_cast<std::uint64_t>(std::min(16.0, tri.total_entries / (1e4 * std::max(1.0, active))));
    for (std::uint64_t seed = 1; seed <= restarts; ++seed)
      for (const h one : {h::min_fill, h::weighted_min_fill})
        keep(greedy_elimination_run(p.adjacency, p.cards, one, {}, seed, 0.5));
  }
  return tri;
}

template <class Real>
bool jt_adapt(const basic_network<Real>& net, const clique_tree<Real>& t, const jt_adaptive_options& options,
              jt_state<Real>& ws, jt_kind kind, variable_id target, bool force) {
  if (!options.enabled && !force) return false;
  bool any_hard = false;
  for (const variable_id v : ws.observed) any_hard = any_hard || ws.hard[at(v)] >= 0;
  if (!any_hard) return false;
  double fixed = t.stats.total_clique_entries;  // what the compiled tree would visit
  if (kind != jt_kind::all) {
    jt_traverse(t, ws, kind == jt_kind::target ? t.home[at(target)] : t.root);
    fixed = jt_mark_skipped(t, ws, true);
  }
  std::vector<basic_factor<Real>> sliced;
  sliced.reserve(static_cast<std::size_t>(net.size()));
  const jt_problem<Real> p = jt_reduced_problem(net, ws, jt_relevant(net, ws, kind, target), sliced);
  elimination_result tri = jt_reduced_triangulation(p);
  if (!force && tri.total_entries * options.gain > fixed) return false;
  if (!ws.reduced) {
    ws.reduced = std::make_unique<jt_reduced<Real>>();
    // Address space for the largest reduced tree this path accepts (capped at 2^25 entries):
    // growing the tables by doubling would touch fresh pages for every new copy, and a first
    // touch costs more than a propagation over the page.
    const auto room = static_cast<std::size_t>(std::min(fixed / std::max(options.gain, 1.0), 33554432.0));
    ws.reduced->tree.init.reserve(room);
    ws.reduced->state.pot.reserve(room);
  }
  jt_reduced<Real>& r = *ws.reduced;
  r.tree.compile(net, p, std::move(tri), options.limits);
  r.state.init(r.tree);
  for (const variable_id v : ws.observed) {
    const auto i = at(v);
    if (ws.soft[i])
      r.state.add_soft(r.tree, v, std::span<const double>(ws.lambda.data() + t.soft_offset[i], at(net.cardinality(v))));
  }
  return true;
}

template <class Real>
void jt_throw_impossible(const basic_network<Real>& net, const jt_state<Real>& ws, bool underflow) {
  std::string what;
  for (const variable_id v : ws.observed) {
    if (!what.empty()) what += ", ";
    const variable& var = net.variable(v);
    const Eigen::Index s = ws.hard[at(v)];
    what += var.name + (s >= 0 ? "=" + var.states[at(s)] : std::string("~likelihood"));
  }
  if (underflow)
    throw evidence_error("P(e) = 0 in the junction tree for " + (what.empty() ? std::string("no findings") : what) +
                         ", but a product of CPT entries underflowed in its precomputed clique tables, so the "
                         "evidence may be possible with a probability below the smallest number of this type; "
                         "variable_elimination answers such evidence exactly");
  throw evidence_error("impossible evidence: P(e) = 0 for " + (what.empty() ? std::string("no findings") : what));
}

template <class Real>
void jt_propagate(const basic_network<Real>& net, const clique_tree<Real>& t, const jt_adaptive_options& options,
                  jt_state<Real>& ws, jt_kind kind, variable_id target) {
  // 1. The reduced tree when it is much smaller; 2. the compiled tree; 3. if that found
  // P(e) = 0 but its tables had lost products to underflow, the reduced tree, which
  // slices the CPTs at the findings before multiplying them (and rescales its tables).
  ws.forget_base();  // a target collect on the compiled tree (jt_run) records a new one
  ws.on_reduced = false;
  const bool target_seen = kind == jt_kind::target && ws.hard[at(target)] >= 0;
  bool reduced = !target_seen && jt_adapt(net, t, options, ws, kind, target, false);
  if (!reduced && jt_run(t, ws, kind, target)) return;
  if (!reduced && t.underflow && !target_seen) reduced = jt_adapt(net, t, options, ws, kind, target, true);
  if (reduced) {
    if (jt_run(ws.reduced->tree, ws.reduced->state, kind, target)) {
      ws.kind = kind;
      ws.on_reduced = true;
      return;
    }
    ws.kind = jt_kind::none;
    jt_throw_impossible(net, ws, ws.reduced->tree.underflow);
  }
  ws.kind = jt_kind::none;
  jt_throw_impossible(net, ws, t.underflow);
}

/// Max-collect and assignment on one tree; false if it found P(e) = 0.
template <class Real>
bool jt_max_run(const clique_tree<Real>& t, jt_state<Real>& ws, std::span<Eigen::Index> states) noexcept {
  jt_traverse(t, ws, t.root);
  if (!jt_collect<true>(t, ws, false, false)) {
    ws.kind = jt_kind::none;
    return false;
  }
  ws.kind = jt_kind::max;
  jt_max_assignment(t, ws, states);
  return true;
}

template <class Real>
double jt_max_propagate(const basic_network<Real>& net, const clique_tree<Real>& t, const jt_adaptive_options& options,
                        jt_state<Real>& ws, std::span<Eigen::Index> states) {
  ws.forget_base();
  ws.on_reduced = false;
  bool reduced = jt_adapt(net, t, options, ws, jt_kind::all, -1, false);
  if (!reduced && jt_max_run(t, ws, states)) {
    for (const variable_id v : ws.observed)
      if (ws.hard[at(v)] >= 0) states[at(v)] = ws.hard[at(v)];
    return ws.log_z;
  }
  if (!reduced && t.underflow) reduced = jt_adapt(net, t, options, ws, jt_kind::all, -1, true);
  if (!reduced) {
    ws.kind = jt_kind::none;
    jt_throw_impossible(net, ws, t.underflow);
  }
  jt_state<Real>& inner = ws.reduced->state;
  if (!jt_max_run(ws.reduced->tree, inner, states)) {
    ws.kind = jt_kind::none;
    jt_throw_impossible(net, ws, ws.reduced->tree.underflow);
  }
  ws.kind = jt_kind::max;
  ws.on_reduced = true;
  for (const variable_id v : ws.observed)
    if (ws.hard[at(v)] >= 0) states[at(v)] = ws.hard[at(v)];
  return inner.log_z;
}

}  // namespace pitchrisk::detail
