// SPDX-License-Identifier: MIT
// Exact inference by a compiled junction tree, for answering many queries on one network.
// The constructor moralises, triangulates and compiles a clique_tree (junction_tree/
// clique_tree.hpp: cliques, layouts, index maps, prior tables); a query runs Hugin
// propagation (propagation.hpp) with scaled messages in a caller-owned workspace
// (workspace.hpp), with no allocation, on the compiled tree or, when much smaller, on the
// tree of the network reduced by the hard findings (adaptive.hpp). The engine is immutable.
#pragma once

#include "pitchrisk/core/distribution.hpp"
#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/core/factor.hpp"
#include "pitchrisk/core/graph.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/elimination_order.hpp"
#include "pitchrisk/inference/junction_tree/adaptive.hpp"
#include "pitchrisk/inference/junction_tree/incremental.hpp"
#include "pitchrisk/inference/junction_tree/retraction.hpp"
#include "pitchrisk/inference/junction_tree/clique_tree.hpp"
#include "pitchrisk/inference/junction_tree/marginals.hpp"
#include "pitchrisk/inference/junction_tree/propagation.hpp"
#include "pitchrisk/inference/junction_tree/workspace.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pitchrisk {

/// Options of the junction tree compiler.
struct junction_tree_options {
  /// Greedy triangulation heuristic (elimination_order.hpp); `best` tries several.
  elimination_heuristic heuristic = elimination_heuristic::best;
  /// Largest clique table accepted (entries); a larger clique makes compilation throw
  /// size_error. The default is the library's one table limit, default_max_table_entries
  /// (2^28, as variable elimination's max_factor_entries and exact_map's): the largest clique
  /// of the 24 standard networks is munin1's, 3.84e7 entries (2^25.2). Index maps are 32-bit,
  /// so a value above 2^32 - 1 is no use.
  Eigen::Index max_clique_entries = default_max_table_entries;
  /// Memory for the compiled engine plus one workspace; compilation refuses above it.
  double memory_budget_bytes = 16e9;
  /// Evidence-adaptive queries: on an engine whose clique tables hold at least this many
  /// entries, a query with hard findings first triangulates the network reduced by them
  /// (observed variables removed, CPTs sliced) and, when that tree is at least
  /// `adaptive_gain` times smaller, propagates in it instead. Such a query allocates its
  /// reduced tree; 0 (or a budget never reached) keeps every query allocation-free.
  double adaptive_min_entries = 65536;
  /// How many times smaller the reduced tree must be for a query to use it.
  double adaptive_gain = 4;
  /// Relay cliques: under a clique of at least this many entries, children whose separators
  /// share a small union send their messages through a clique over that union, so the big
  /// table is passed once for them all (0: never).
  double relay_min_entries = 512;
};

/// What the last propagation of a junction-tree workspace ran on.
struct junction_tree_query_statistics {
  bool adapted = false;       ///< true: a tree of the network reduced by the hard findings
  double clique_entries = 0;  ///< total clique entries of the tree that was propagated
  /// update_to() reused the messages of the previous propagation: how many cliques it
  /// sent new messages from (0: the findings had not changed); -1 after a full propagation.
  Eigen::Index cliques_resent = -1;
};

/// Exact inference on a compiled junction tree (Hugin-style propagation in `Real`, scaled so
/// that log P(e) never underflows). Compiled once from a network, then immutable: any number
/// of threads may query it at once, each with its own workspace (fast path, no allocation) or
/// through the convenience queries (workspaces from an internal pool). Meets `exact_engine`.
/// Complexity: compile and each propagation are linear in the total clique table size.
template <class Real>
class basic_junction_tree {
 public:
  using real_type = Real;                                ///< the arithmetic of the tables
  using network_type = basic_network<Real>;              ///< the network it compiles
  using distribution_type = basic_distribution<Real>;    ///< a posterior
  using factor_type = basic_factor<Real>;                ///< a joint or family posterior
  using workspace = junction_tree_workspace<Real>;       ///< per-thread query buffers

  /// Compiles `net` (copied). Throws: size_error if a clique or the memory exceeds the options.
  explicit basic_junction_tree(const network_type& net, junction_tree_options options = {})
      : basic_junction_tree(std::make_shared<const network_type>(net), options) {}
  /// Compiles `net` (shared, not copied). Throws: size_error as above.
  explicit basic_junction_tree(std::shared_ptr<const network_type> net, junction_tree_options options = {});

  /// The compiled network.
  [[nodiscard]] const network_type& network() const noexcept { return *m_net; }
  /// The options it was compiled with.
  [[nodiscard]] const junction_tree_options& options() const noexcept { return m_options; }
  /// Sizes of the compiled tree (cliques, separators, table entries).
  [[nodiscard]] const junction_tree_statistics& statistics() const noexcept { return m_tree.stats; }
  /// Variables of each clique (table layout order, first fastest).
  [[nodiscard]] std::vector<std::vector<variable_id>> cliques() const;

  // ---- Fast path: a workspace per thread, no allocation per query --------------------
  /// Buffers for queries; one per thread. Allocates once.
  [[nodiscard]] workspace make_workspace() const { return workspace(m_tree); }
  /// Removes all findings from `ws`.
  void clear_evidence(workspace& ws) const noexcept { ws.m_state.clear(); }
  /// Removes v's finding from `ws` (nothing if v has none). Throws: evidence_error on a bad id.
  void retract(workspace& ws, variable_id v) const {
    detail::jt_check_variable(*m_net, v);
    ws.m_state.remove(v);
  }
  /// Hard finding v = state. Throws: evidence_error on a bad id or state.
  void observe(workspace& ws, variable_id v, Eigen::Index state) const {
    detail::jt_check_variable(*m_net, v);
    if (state < 0 || state >= m_net->cardinality(v))
      throw evidence_error("state index " + std::to_string(state) + " out of range for '" + m_net->variable(v).name + "'");
    ws.m_state.add_hard(v, state);
  }
  /// Soft finding on v (one non-negative weight per state). Throws: evidence_error.
  void likelihood(workspace& ws, variable_id v, std::span<const double> lambda) const {
    detail::jt_check_likelihood(*m_net, v, lambda);
    ws.m_state.add_soft(m_tree, v, lambda);
  }
  /// Replaces the findings of `ws` by `seen` (no allocation).
  void set_evidence(workspace& ws, const resolved_evidence& seen) const { detail::jt_set_evidence(*m_net, m_tree, ws.m_state, seen); }
  /// Collect and distribute: afterwards every marginal and log P(e) can be read.
  /// Throws: evidence_error if P(e) = 0.
  void propagate(workspace& ws) const { detail::jt_propagate(*m_net, m_tree, m_adaptive, ws.m_state, detail::jt_kind::all, -1); }
  /// Collects towards one clique holding `target` only, skipping parts that cannot matter;
  /// afterwards marginal(ws, target) and log_evidence(ws) can be read.
  void propagate_to(workspace& ws, variable_id target) const {
    detail::jt_check_variable(*m_net, target);
    detail::jt_propagate(*m_net, m_tree, m_adaptive, ws.m_state, detail::jt_kind::target, target);
  }
  /// Exactly what propagate_to(ws, target) does, with the same numbers bit for bit, but
  /// reusing the previous propagation's messages: when the last propagation of `ws` was a
  /// propagate_to() or update_to() towards the clique of `target` (on the compiled tree, with
  /// calibrated tables), only the cliques whose findings changed since (observe, likelihood,
  /// retract, clear_evidence, set_evidence) and the cliques between them and the target's
  /// send new messages; the others' are kept. Otherwise, or where the update finds P(e) = 0,
  /// or on an engine with evidence-adaptive queries (see
  /// junction_tree_options::adaptive_min_entries), it runs propagate_to(). For a timeline of
  /// findings added a few at a time, or one finding removed and put back. No allocation.
  /// Throws: evidence_error on a bad id or if P(e) = 0.
  void update_to(workspace& ws, variable_id target) const {
    detail::jt_check_variable(*m_net, target);
    if (!m_adaptive.enabled && detail::jt_update_target(m_tree, ws.m_state, target)) return;
    detail::jt_propagate(*m_net, m_tree, m_adaptive, ws.m_state, detail::jt_kind::target, target);
  }
  /// Collect towards the root with pruning: afterwards log_evidence(ws) can be read.
  void propagate_evidence(workspace& ws) const {
    detail::jt_propagate(*m_net, m_tree, m_adaptive, ws.m_state, detail::jt_kind::evidence_only, -1);
  }
  /// log P(e) of the last propagation.
  [[nodiscard]] double log_evidence(const workspace& ws) const noexcept { return detail::jt_active_state(ws.m_state).log_z; }
  /// Which tree the last propagation of `ws` used (see junction_tree_options::adaptive_min_entries).
  [[nodiscard]] junction_tree_query_statistics query_statistics(const workspace& ws) const noexcept {
    return {ws.m_state.on_reduced, detail::jt_active_tree(m_tree, ws.m_state).stats.total_clique_entries, ws.m_state.recomputed};
  }
  /// Posterior of v after propagate() (any v) or propagate_to() (v in the target's clique),
  /// written to out[0..card). Throws: error if the last propagation does not cover v.
  void marginal(const workspace& ws, variable_id v, std::span<Real> out) const {
    detail::jt_marginal(*m_net, m_tree, ws.m_state, v, out);
  }
  /// Collect, then distribute only along the paths from the root to the cliques holding
  /// findings: afterwards retracted_marginal() of every finding and log_evidence(ws) can be
  /// read (not marginal()). Cheaper than propagate() when the findings are few.
  /// Throws: evidence_error if P(e) = 0.
  void propagate_findings(workspace& ws) const {
    detail::jt_propagate(*m_net, m_tree, m_adaptive, ws.m_state, detail::jt_kind::findings, -1);
  }
  /// Fast retraction: after propagate() (or propagate_findings()) with findings e including one on v, the posterior
  /// of v given every finding but its own, P(v | e without e_v), normalised, to out[0..card),
  /// from the propagation already made (no other propagation; no allocation once the workspace
  /// has retracted in a clique as large; cost: one pass over v's clique). With a likelihood on another variable T among the findings, this is
  /// P(v | e without e_v) of the network weighted by that likelihood, so for the indicator
  /// of a state t of T, P(t | e without e_v) = P(t | e) / P(e_v | t, e without e_v), up to
  /// normalisation over t. Returns false (out unspecified) where this propagation cannot
  /// give it exactly: it ran on the evidence-reduced tree (adaptive queries, which remove
  /// the observed variables), or v's finding zeroed part of the message from v's clique
  /// towards the root that the other findings leave positive (Hugin's update divided by 0
  /// there); propagate without v's finding instead.
  /// Throws: error if the last propagation of ws was not propagate(); evidence_error if v
  /// has no finding in ws or out has the wrong size.
  [[nodiscard]] bool retracted_marginal(workspace& ws, variable_id v, std::span<Real> out) const {
    detail::jt_check_variable(*m_net, v);
    detail::jt_state<Real>& st = ws.m_state;
    if (st.kind != detail::jt_kind::all && st.kind != detail::jt_kind::findings)
      throw error("junction_tree::retracted_marginal: needs propagate() or propagate_findings() first");
    if (st.hard[detail::at(v)] < 0 && !st.soft[detail::at(v)])
      throw evidence_error("junction_tree::retracted_marginal: '" + m_net->variable(v).name + "' has no finding");
    if (static_cast<Eigen::Index>(out.size()) != m_net->cardinality(v))
      throw evidence_error("junction_tree::retracted_marginal: " + std::to_string(out.size()) + " values for '" +
                           m_net->variable(v).name + "', expected " + std::to_string(m_net->cardinality(v)));
    if (st.on_reduced) return false;
    // The clique buffer grows to the largest clique retracted so far (a workspace that never
    // retracts keeps none; warm workspaces do not allocate).
    const Eigen::Index home = st.finding_clique[detail::at(v)];
    const std::size_t needed = detail::at(m_tree.cliques[detail::at(home)].size);
    if (st.retract.size() < needed) st.retract.resize(needed);
    return detail::jt_retracted_marginal(m_tree, st, v, out.data());
  }
  /// P(v, parents(v) | e) after propagate(), normalised, written to out[0..net.cpt(v).size())
  /// in the layout of net.cpt(v) (so expected counts add element-wise onto the CPT's table).
  /// No allocation. Throws: error if the last propagation was not propagate().
  void family_marginal(const workspace& ws, variable_id v, std::span<Real> out) const {
    detail::jt_family_marginal(*m_net, m_tree, ws.m_state, v, out);
  }
  /// Max-propagation; writes the most probable assignment (per variable id) to `states`
  /// and returns log P(assignment, e). Throws: evidence_error if P(e) = 0.
  double max_propagate(workspace& ws, std::span<Eigen::Index> states) const {
    if (static_cast<Eigen::Index>(states.size()) < m_net->size()) throw error("junction_tree::max_propagate: states span too small");
    return detail::jt_max_propagate(*m_net, m_tree, m_adaptive, ws.m_state, states);
  }

  // ---- Convenience queries (allocate their results; workspaces come from a pool) ------
  /// P(v | seen), propagating only towards v's clique. Throws: lookup_error (bad id),
  /// evidence_error (bad or impossible evidence).
  [[nodiscard]] distribution_type posterior(variable_id v, const evidence& seen) const {
    detail::jt_check_variable(*m_net, v);
    return distribution_of(*prepared(seen, detail::jt_kind::target, v), v);
  }
  /// P(name | seen). Throws: lookup_error naming an unknown variable; evidence_error.
  [[nodiscard]] distribution_type posterior(std::string_view name, const evidence& seen) const {
    return posterior(m_net->id(name), seen);
  }
  /// Every variable's posterior, by id, from one propagation. Throws: evidence_error.
  [[nodiscard]] std::vector<distribution_type> posteriors(const evidence& seen) const {
    lease ws = prepared(seen, detail::jt_kind::all);
    std::vector<distribution_type> out;
    for (const variable_id v : m_net->variables()) out.push_back(distribution_of(*ws, v));
    return out;
  }
  /// log P(seen), exact far below the smallest double (scaled propagation); 0 without
  /// findings. Throws: evidence_error on bad evidence (P(e) = 0 gives -infinity).
  [[nodiscard]] double log_evidence_probability(const evidence& seen) const {
    return log_evidence(*prepared(seen, detail::jt_kind::evidence_only));
  }
  /// P(seen) = exp(log_evidence_probability(seen)) (underflows to 0 where the log does not).
  [[nodiscard]] double evidence_probability(const evidence& seen) const { return std::exp(log_evidence_probability(seen)); }
  /// The most probable explanation: the likeliest joint state of every variable given
  /// `seen`, with log P(states, seen). Throws: evidence_error if P(e) = 0.
  [[nodiscard]] mpe_result mpe(const evidence& seen) const {
    lease ws = prepared(seen, detail::jt_kind::none);
    mpe_result r{std::vector<Eigen::Index>(static_cast<std::size_t>(m_net->size()), 0), 0.0};
    r.log_probability = max_propagate(*ws, r.states);
    return r;
  }
  /// P(v, parents(v) | evidence), normalised, with the scope and layout of net.cpt(v).
  [[nodiscard]] factor_type family_posterior(variable_id v, const evidence& seen) const {
    if (v < 0 || v >= m_net->size()) throw lookup_error("family_posterior: variable id " + std::to_string(v) + " out of range");
    return family_of(*prepared(seen, detail::jt_kind::all), v);
  }
  /// family_posterior() of every variable, by id, from one propagation.
  [[nodiscard]] std::vector<factor_type> family_posteriors(const evidence& seen) const {
    lease ws = prepared(seen, detail::jt_kind::all);
    std::vector<factor_type> out;
    for (const variable_id v : m_net->variables()) out.push_back(family_of(*ws, v));
    return out;
  }
  /// The joint posterior of several variables (duplicates ignored), sorted scope: from one
  /// clique when one holds them all, else by elimination over the calibrated subtree
  /// joining their cliques. Throws: lookup_error on a bad id, evidence_error.
  [[nodiscard]] factor_type joint_posterior(std::span<const variable_id> vars, const evidence& seen) const {
    std::vector<variable_id> sorted(vars.begin(), vars.end());
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    for (const variable_id v : sorted)
      if (v < 0 || v >= m_net->size()) throw lookup_error("joint_posterior: variable id " + std::to_string(v) + " out of range");
    return detail::jt_joint_posterior(*m_net, m_tree, (*prepared(seen, detail::jt_kind::all)).m_state, sorted);
  }
  /// joint_posterior() of the listed variables.
  [[nodiscard]] factor_type joint_posterior(std::initializer_list<variable_id> vars, const evidence& seen) const {
    return joint_posterior(std::span<const variable_id>(vars.begin(), vars.size()), seen);
  }

 private:
  using lease = detail::jt_lease<Real>;
  [[nodiscard]] distribution_type distribution_of(const workspace& ws, variable_id v) const {
    typename distribution_type::array_type p(m_net->cardinality(v));
    marginal(ws, v, std::span<Real>(p.data(), static_cast<std::size_t>(p.size())));
    return distribution_type(m_net->variable(v), std::move(p));
  }
  [[nodiscard]] factor_type family_of(const workspace& ws, variable_id v) const {
    const factor_type& cpt = m_net->cpt(v);
    typename factor_type::array_type p(cpt.size());
    family_marginal(ws, v, std::span<Real>(p.data(), static_cast<std::size_t>(p.size())));
    return factor_type(cpt.scope(), cpt.cardinalities(), std::move(p));
  }
  /// A pooled workspace for one convenience query.
  [[nodiscard]] lease borrow() const {
    return lease(m_pool, [this] { return std::unique_ptr<workspace>(new workspace(m_tree)); });
  }
  /// A pooled workspace holding `seen`, propagated as `kind` (none: not propagated).
  [[nodiscard]] lease prepared(const evidence& seen, detail::jt_kind kind, variable_id target = -1) const {
    lease ws = borrow();
    set_evidence(*ws, resolve(*m_net, seen));
    if (kind != detail::jt_kind::none) detail::jt_propagate(*m_net, m_tree, m_adaptive, (*ws).m_state, kind, target);
    return ws;
  }

  std::shared_ptr<const network_type> m_net;
  junction_tree_options m_options;
  detail::clique_tree<Real> m_tree;
  detail::jt_adaptive_options m_adaptive;
  mutable detail::jt_pool<Real> m_pool;
};

/// The junction tree in double precision.
using junction_tree = basic_junction_tree<double>;

// ---------------------------------------------------------------------------------------
// Definitions

template <class Real>
basic_junction_tree<Real>::basic_junction_tree(std::shared_ptr<const network_type> net, junction_tree_options options)
    : m_net(std::move(net)), m_options(options) {
  if (!m_net) throw error("junction_tree: null network");
  const detail::jt_problem<Real> p = detail::jt_network_problem(*m_net);
  m_adaptive.limits = {m_options.max_clique_entries, m_options.memory_budget_bytes, m_options.relay_min_entries};
  m_tree.compile(*m_net, p, greedy_elimination(p.adjacency, p.cards, m_options.heuristic), m_adaptive.limits);
  detail::jt_calibrate(m_tree);
  m_adaptive.enabled = m_options.adaptive_min_entries > 0 && m_tree.stats.total_clique_entries >= m_options.adaptive_min_entries;
  m_adaptive.gain = m_options.adaptive_gain;
}

template <class Real>
std::vector<std::vector<variable_id>> basic_junction_tree<Real>::cliques() const {
  std::vector<std::vector<variable_id>> out;
  for (const detail::jt_clique& c : m_tree.cliques) out.push_back(c.vars);
  return out;
}

}  // namespace pitchrisk
