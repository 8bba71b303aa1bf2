// SPDX-License-Identifier: MIT
// The per-thread mutable state of junction-tree queries: findings, clique and separator
// tables, the traversal and scale of the last propagation, and (evidence-adaptive
// queries) the tree of the network reduced by the hard findings with its own state. The
// compiled tree is never written by a query; each thread owns a workspace. Also the pool
// of workspaces the convenience queries borrow from.
#pragma once

#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/junction_tree/clique_tree.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace pitchrisk {

template <class Real>
class basic_junction_tree;

namespace detail {

/// What the last propagation of a state computed.
/// (findings: collect, then distribute only towards the cliques holding findings.)
enum class jt_kind : int { none, all, target, evidence_only, max, findings };

template <class Real>
struct jt_reduced;

/// The buffers and findings of queries on one clique_tree (data public: the propagation
/// functions of propagation.hpp and adaptive.hpp work on them).
template <class Real>
struct jt_state {
  uninitialized_vector<Real> pot, scratch;  ///< written before read, never zeroed
  uninitialized_vector<Real> retract;       ///< retraction: one clique's table (grown on first use)
  std::vector<Real> sep;
  std::vector<Real> collected;              ///< full propagations: the separators after the collect
  std::vector<Eigen::Index> hard;      ///< per variable, -1 if none
  std::vector<char> soft;              ///< per variable
  std::vector<double> lambda;          ///< likelihood slots (tree.soft_offset)
  std::vector<variable_id> observed;   ///< capacity = variable count
  std::vector<Eigen::Index> order, parent_edge, parent, evidence_below;
  std::vector<Eigen::Index> visit;          ///< cliques the collect visits (capacity: all)
  std::vector<variable_id> first_finding;   ///< per clique: first finding applied there (-1: none)
  std::vector<variable_id> next_finding;    ///< per variable: the next finding of the same clique
  std::vector<Eigen::Index> finding_clique; ///< per observed variable: the clique its finding went to
  std::vector<char> loaded, skip, unit_sent, sent;
  /// Incremental target propagation (jt_update_target): the root of the last completed
  /// target collect on the compiled tree whose messages `sep` still holds (-1: none), the
  /// variables whose findings changed since (listed once: `changed_flag`), and per clique
  /// the log-scale terms its last send added to log P(e), in order (log_terms from
  /// log_term_begin, log_term_count of them), so that log P(e) is summed again in the
  /// collect's order.
  Eigen::Index base_root = -1;
  std::vector<variable_id> changed;
  std::vector<char> changed_flag;
  std::vector<double> log_terms;
  std::vector<Eigen::Index> log_term_begin, log_term_count;
  std::vector<char> changed_had;             ///< per changed variable: it had a finding at the base
  std::vector<char> dirty;                  ///< per clique: bit 1 re-send, 2 findings changed, 4 had log terms
  std::vector<Eigen::Index> dirty_list;     ///< the cliques marked dirty (capacity: all)
  std::vector<Eigen::Index> children;       ///< one clique's children (capacity: all)
  std::vector<Eigen::Index> ord_pos;        ///< per clique: its position in the traversal rooted at pos_root
  Eigen::Index pos_root = -1;
  Eigen::Index term_cliques = -1;           ///< visited cliques with log terms (-1: not counted yet)
  Eigen::Index recomputed = -1;             ///< cliques the last update re-sent (-1: full propagation)
  Eigen::Index root = 0;
  const Eigen::Index* ord = nullptr;  ///< traversal of the last propagation: order,
  const Eigen::Index* pe = nullptr;   ///< edge to the parent per clique,
  const Eigen::Index* par = nullptr;  ///< parent per clique (the tree's or the vectors above)
  double log_z = 0;
  jt_kind kind = jt_kind::none;
  /// Evidence-adaptive queries: the reduced tree and its state (kept: the next query
  /// recompiles into the same buffers), and whether the last propagation ran there.
  std::unique_ptr<jt_reduced<Real>> reduced;
  bool on_reduced = false;

  /// Sizes every buffer for `t`, keeping capacity already held; clears the findings.
  void init(const clique_tree<Real>& t);
  /// Removes every finding.
  void clear() noexcept;
  /// Removes v's finding, if any (keeps the order of the others).
  void remove(variable_id v) noexcept;
  /// Records that v's finding changed since the last propagation.
  void note_change(variable_id v) noexcept {
    if (changed_flag[at(v)]) return;
    changed_flag[at(v)] = 1;
    changed_had[at(v)] = hard[at(v)] >= 0 || soft[at(v)];
    changed.push_back(v);
  }
  /// Forgets the base of incremental propagation (and the changes recorded against it).
  void forget_base() noexcept {
    base_root = -1;
    recomputed = -1;
    for (const variable_id v : changed) changed_flag[at(v)] = 0;
    changed.clear();
  }
  /// Unchecked findings (the facade checks ids, states and weights).
  void add_hard(variable_id v, Eigen::Index state) noexcept;
  void add_soft(const clique_tree<Real>& t, variable_id v, std::span<const double> weights) noexcept;
};

/// A reduced tree and the state of its queries.
template <class Real>
struct jt_reduced {
  clique_tree<Real> tree;
  jt_state<Real> state;
};

}  // namespace detail

/// Per-thread mutable state of junction-tree queries. Created by
/// basic_junction_tree::make_workspace(); valid as long as the engine is. Not shared
/// between threads.
template <class Real>
class junction_tree_workspace {
 public:
  /// How many variables carry a finding in this workspace.
  [[nodiscard]] Eigen::Index observed_count() const noexcept { return static_cast<Eigen::Index>(m_state.observed.size()); }

 private:
  friend class basic_junction_tree<Real>;
  explicit junction_tree_workspace(const detail::clique_tree<Real>& t) { m_state.init(t); }
  detail::jt_state<Real> m_state;
};

namespace detail {

/// The tree and state the last propagation of `ws` ran on (the compiled `t` or the reduced).
template <class Real>
[[nodiscard]] const clique_tree<Real>& jt_active_tree(const clique_tree<Real>& t, const jt_state<Real>& ws) noexcept {
  return ws.on_reduced ? ws.reduced->tree : t;
}
template <class Real>
[[nodiscard]] const jt_state<Real>& jt_active_state(const jt_state<Real>& ws) noexcept {
  return ws.on_reduced ? ws.reduced->state : ws;
}

/// Throws: evidence_error if v is not a variable of `net`.
template <class Real>
void jt_check_variable(const basic_network<Real>& net, variable_id v) {
  if (v < 0 || v >= net.size())
    throw evidence_error("junction_tree: variable id " + std::to_string(v) + " out of range (network has " +
                         std::to_string(net.size()) + " variables)");
}

/// Throws: evidence_error naming v unless `lambda` is a valid likelihood for it.
template <class Real>
void jt_check_likelihood(const basic_network<Real>& net, variable_id v, std::span<const double> lambda) {
  jt_check_variable(net, v);
  const variable& var = net.variable(v);
  if (static_cast<Eigen::Index>(lambda.size()) != var.cardinality())
    throw evidence_error("likelihood for '" + var.name + "' has " + std::to_string(lambda.size()) + " values, expected " +
                         std::to_string(var.cardinality()));
  bool positive = false;
  for (const double x : lambda) {
    if (!std::isfinite(x) || x < 0) throw evidence_error("likelihood for '" + var.name + "' has a negative or non-finite value");
    positive = positive || x > 0;
  }
  if (!positive) throw evidence_error("likelihood for '" + var.name + "' is zero for every state: P(e) = 0");
}

/// Replaces the findings of `ws` by `seen`, checked (no allocation). Throws: evidence_error.
template <class Real>
void jt_set_evidence(const basic_network<Real>& net, const clique_tree<Real>& t, jt_state<Real>& ws,
                     const resolved_evidence& seen) {
  ws.clear();
  if (seen.hard.size() != static_cast<std::size_t>(net.size()))
    throw evidence_error("junction_tree: evidence was resolved against another network");
  for (const variable_id v : seen.observed) {
    jt_check_variable(net, v);
    if (seen.is_hard(v)) {
      const Eigen::Index state = seen.hard[at(v)];
      if (state < 0 || state >= net.cardinality(v))
        throw evidence_error("state index " + std::to_string(state) + " out of range for '" + net.variable(v).name + "'");
      ws.add_hard(v, state);
    } else {
      const Eigen::ArrayXd& l = seen.soft[at(v)];
      const std::span<const double> lambda(l.data(), at(l.size()));
      jt_check_likelihood(net, v, lambda);
      ws.add_soft(t, v, lambda);
    }
  }
}

/// Workspaces kept for the convenience queries (guarded by a mutex; a copy of the engine
/// starts with an empty pool), so repeated calls do not reallocate the tables.
template <class Real>
struct jt_pool {
  jt_pool() = default;
  jt_pool(const jt_pool&) {}
  jt_pool& operator=(const jt_pool&) { return *this; }
  std::mutex mutex;
  std::vector<std::unique_ptr<junction_tree_workspace<Real>>> free;
};

/// A workspace borrowed from a pool for one convenience query (`make` builds one when the
/// pool is empty); returned on destruction.
template <class Real>
class jt_lease {
 public:
  template <class Make>
  jt_lease(jt_pool<Real>& pool, Make make);
  ~jt_lease();
  jt_lease(jt_lease&& other) noexcept : m_pool(other.m_pool), m_ws(std::move(other.m_ws)) {}
  jt_lease& operator=(jt_lease&&) = delete;
  junction_tree_workspace<Real>& operator*() noexcept { return *m_ws; }

 private:
  jt_pool<Real>* m_pool;
  std::unique_ptr<junction_tree_workspace<Real>> m_ws;
};

// ---------------------------------------------------------------------------------------
// Definitions

template <class Real>
void jt_state<Real>::init(const clique_tree<Real>& t) {
  observed.clear();
  kind = jt_kind::none;
  on_reduced = false;
  log_z = 0;
  ord = pe = par = nullptr;
  const std::size_t n = t.home.size(), nc = t.cliques.size();
  pot.resize(t.init.size());  // every clique is loaded before it is read
  sep.assign(at(t.separator_entries), Real(1));
  collected.assign(at(t.separator_entries), Real(1));
  scratch.resize(at(t.largest_separator));
  hard.assign(n, -1);
  soft.assign(n, 0);
  lambda.assign(at(t.soft_offset.back()), 1.0);
  observed.reserve(n);
  order.assign(nc, 0);
  parent_edge.assign(nc, -1);
  parent.assign(nc, -1);
  evidence_below.assign(nc, 0);
  first_finding.assign(nc, -1);
  visit.clear();
  visit.reserve(nc);
  next_finding.assign(n, -1);
  finding_clique.assign(n, -1);
  loaded.assign(nc, 0);
  skip.assign(nc, 0);
  unit_sent.assign(t.edges.size(), 0);
  sent.assign(t.edges.size(), 0);
  base_root = -1;
  recomputed = -1;
  changed.clear();
  changed.reserve(n);
  changed_flag.assign(n, 0);
  changed_had.assign(n, 0);
  children.clear();
  children.reserve(nc);
  ord_pos.assign(nc, 0);
  pos_root = -1;
  term_cliques = -1;
  log_term_begin.assign(nc, 0);
  log_term_count.assign(nc, 0);
  // A send adds at most: its load, a rescale per child absorbed in a rebuild, its message's
  // scale, the parent's load and a component ratio.
  std::size_t slots = 0;
  for (std::size_t c = 0; c < nc; ++c) {
    log_term_begin[c] = static_cast<Eigen::Index>(slots);
    slots += t.cliques[c].edges.size() + 4;
  }
  log_terms.assign(slots, 0.0);
  dirty.assign(nc, 0);
  dirty_list.clear();
  dirty_list.reserve(nc);
}

template <class Real>
void jt_state<Real>::clear() noexcept {
  for (const variable_id v : observed) {
    note_change(v);
    hard[at(v)] = -1;
    soft[at(v)] = 0;
  }
  observed.clear();
  kind = jt_kind::none;
  on_reduced = false;
}

template <class Real>
void jt_state<Real>::remove(variable_id v) noexcept {
  const auto i = at(v);
  if (hard[i] < 0 && !soft[i]) return;
  observed.erase(std::find(observed.begin(), observed.end(), v));
  note_change(v);
  hard[i] = -1;
  soft[i] = 0;
  kind = jt_kind::none;
  on_reduced = false;
}

template <class Real>
void jt_state<Real>::add_hard(variable_id v, Eigen::Index state) noexcept {
  const auto i = at(v);
  note_change(v);
  if (hard[i] < 0 && !soft[i]) observed.push_back(v);
  soft[i] = 0;
  hard[i] = state;
  kind = jt_kind::none;
  on_reduced = false;
}

template <class Real>
void jt_state<Real>::add_soft(const clique_tree<Real>& t, variable_id v, std::span<const double> weights) noexcept {
  const auto i = at(v);
  note_change(v);
  if (hard[i] < 0 && !soft[i]) observed.push_back(v);
  hard[i] = -1;
  soft[i] = 1;
  std::copy(weights.begin(), weights.end(), lambda.begin() + t.soft_offset[i]);
  kind = jt_kind::none;
  on_reduced = false;
}

template <class Real>
template <class Make>
jt_lease<Real>::jt_lease(jt_pool<Real>& pool, Make make) : m_pool(&pool) {
  {
    const std::lock_guard<std::mutex> lock(pool.mutex);
    if (!pool.free.empty()) {
      m_ws = std::move(pool.free.back());
      pool.free.pop_back();
    }
  }
  if (!m_ws) m_ws = make();
}

template <class Real>
jt_lease<Real>::~jt_lease() {
  if (!m_ws) return;  // moved from
  try {
    const std::lock_guard<std::mutex> lock(m_pool->mutex);
    m_pool->free.push_back(std::move(m_ws));
  } catch (...) {  // the workspace is simply dropped
  }
}

}  // namespace detail
}  // namespace pitchrisk
