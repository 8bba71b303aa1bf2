// SPDX-License-Identifier: MIT
// Exact inference by a compiled junction tree, for answering many queries on one network.
// The constructor moralises, triangulates, builds the clique tree, multiplies the CPTs
// into clique tables and precomputes every clique -> separator index map; a query then
// runs Hugin propagation with scaled messages in a caller-owned workspace, with no
// hashing, no allocation and no index arithmetic per entry. The engine is immutable.
#pragma once

#include "pitchrisk/core/distribution.hpp"
#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/core/graph.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/detail/jt_kernels.hpp"
#include "pitchrisk/detail/jt_relays.hpp"
#include "pitchrisk/detail/strides.hpp"
#include "pitchrisk/detail/uninitialized_allocator.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/triangulation.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <memory>
#include <mutex>
#include <numeric>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pitchrisk {

/// Options of the junction tree compiler.
struct junction_tree_options {
  triangulation_heuristic heuristic = triangulation_heuristic::best;
  /// Largest clique table accepted (entries); index maps are 32-bit, so at most 2^32 - 1.
  Eigen::Index max_clique_entries = (Eigen::Index{1} << 32) - 1;
  /// Memory for the compiled engine plus one workspace; compilation refuses above it.
  double memory_budget_bytes = 16e9;
  /// Evidence-adaptive queries: on an engine whose clique tables hold at least this many
  /// entries, a query with hard findings first triangulates the network reduced by them
  /// (observed variables removed, CPTs sliced) and, when that tree is at least
  /// `adaptive_gain` times smaller, propagates in it instead. Such a query allocates its
  /// reduced tree; 0 (or a budget never reached) keeps every query allocation-free.
  double adaptive_min_entries = 65536;
  double adaptive_gain = 4;
  /// Relay cliques: under a clique of at least this many entries, children whose separators
  /// share a small union send their messages through a clique over that union, so the big
  /// table is passed once for them all (0: never).
  double relay_min_entries = 512;
};

/// Figures of a compiled junction tree.
struct junction_tree_statistics {
  Eigen::Index cliques = 0;
  Eigen::Index separators = 0;
  Eigen::Index largest_clique_variables = 0;
  double largest_clique_entries = 0;
  double total_clique_entries = 0;
  double total_separator_entries = 0;
  Eigen::Index relay_cliques = 0;  ///< cliques added to group children's messages (included above)
  double engine_bytes = 0;     ///< clique tables and index maps held by the engine
  double workspace_bytes = 0;  ///< buffers of one workspace
  triangulation_heuristic heuristic = triangulation_heuristic::min_fill;  ///< the one kept
};

/// What the last propagation of a junction-tree workspace ran on.
struct junction_tree_query_statistics {
  bool adapted = false;       ///< true: a tree of the network reduced by the hard findings
  double clique_entries = 0;  ///< total clique entries of the tree that was propagated
};

template <class Real>
class basic_junction_tree {
 public:
  using real_type = Real;
  using network_type = basic_network<Real>;
  using distribution_type = basic_distribution<Real>;
  using factor_type = basic_factor<Real>;
  class workspace;

  /// Compiles `net` (copied). Throws: size_error if a clique or the memory exceeds the options.
  explicit basic_junction_tree(const network_type& net, junction_tree_options options = {})
      : basic_junction_tree(std::make_shared<const network_type>(net), options) {}
  explicit basic_junction_tree(std::shared_ptr<const network_type> net, junction_tree_options options = {});

  [[nodiscard]] const network_type& network() const noexcept { return *m_net; }
  [[nodiscard]] const junction_tree_options& options() const noexcept { return m_options; }
  [[nodiscard]] const junction_tree_statistics& statistics() const noexcept { return m_stats; }
  /// Variables of each clique (table layout order, first fastest).
  [[nodiscard]] std::vector<std::vector<variable_id>> cliques() const;

  // ---- Fast path: a workspace per thread, no allocation per query --------------------
  /// Buffers for queries; one per thread. Allocates once.
  [[nodiscard]] workspace make_workspace() const { return workspace(*this); }
  /// Removes all findings from `ws`.
  void clear_evidence(workspace& ws) const noexcept;
  /// Hard finding v = state. Throws: evidence_error on a bad id or state.
  void observe(workspace& ws, variable_id v, Eigen::Index state) const;
  /// Soft finding on v (one non-negative weight per state). Throws: evidence_error.
  void likelihood(workspace& ws, variable_id v, std::span<const double> lambda) const;
  /// Replaces the findings of `ws` by `seen` (no allocation).
  void set_evidence(workspace& ws, const resolved_evidence& seen) const;
  /// Collect and distribute: afterwards every marginal and log P(e) can be read.
  /// Throws: evidence_error if P(e) = 0.
  void propagate(workspace& ws) const;
  /// Collects towards one clique holding `target` only, skipping parts that cannot matter;
  /// afterwards marginal(ws, target) and log_evidence(ws) can be read.
  void propagate_to(workspace& ws, variable_id target) const;
  /// Collect towards the root with pruning: afterwards log_evidence(ws) can be read.
  void propagate_evidence(workspace& ws) const;
  /// log P(e) of the last propagation.
  [[nodiscard]] double log_evidence(const workspace& ws) const noexcept;
  /// Which tree the last propagation of `ws` used (see junction_tree_options::adaptive_min_entries).
  [[nodiscard]] junction_tree_query_statistics query_statistics(const workspace& ws) const noexcept;
  /// Posterior of v after propagate() (any v) or propagate_to() (v in the target's clique),
  /// written to out[0..card). Throws: error if the last propagation does not cover v.
  void marginal(const workspace& ws, variable_id v, std::span<Real> out) const;
  /// Max-propagation; writes the most probable assignment (per variable id) to `states`
  /// and returns log P(assignment, e). Throws: evidence_error if P(e) = 0.
  double max_propagate(workspace& ws, std::span<Eigen::Index> states) const;
  /// P(v, parents(v) | e) after propagate(), normalised, written to out[0..net.cpt(v).size())
  /// in the layout of net.cpt(v) (so expected counts add element-wise onto the CPT's table).
  /// No allocation. Throws: error if the last propagation was not propagate().
  void family_marginal(const workspace& ws, variable_id v, std::span<Real> out) const;

  // ---- Convenience queries (allocate their results and a workspace) -----------------
  [[nodiscard]] distribution_type posterior(variable_id v, const evidence& seen) const;
  [[nodiscard]] distribution_type posterior(std::string_view name, const evidence& seen) const {
    return posterior(m_net->id(name), seen);
  }
  [[nodiscard]] std::vector<distribution_type> posteriors(const evidence& seen) const;
  [[nodiscard]] double log_evidence_probability(const evidence& seen) const;
  [[nodiscard]] double evidence_probability(const evidence& seen) const {
    return std::exp(log_evidence_probability(seen));
  }
  [[nodiscard]] mpe_result mpe(const evidence& seen) const;
  /// P(v, parents(v) | evidence), normalised, with the scope and layout of net.cpt(v).
  [[nodiscard]] factor_type family_posterior(variable_id v, const evidence& seen) const;
  /// family_posterior() of every variable, by id, from one propagation.
  [[nodiscard]] std::vector<factor_type> family_posteriors(const evidence& seen) const;
  /// The joint posterior of several variables (duplicates ignored), sorted scope: from one
  /// clique when one holds them all, else by elimination over the calibrated subtree
  /// joining their cliques. Throws: lookup_error on a bad id, evidence_error.
  [[nodiscard]] factor_type joint_posterior(std::span<const variable_id> vars, const evidence& seen) const;
  [[nodiscard]] factor_type joint_posterior(std::initializer_list<variable_id> vars, const evidence& seen) const {
    return joint_posterior(std::span<const variable_id>(vars.begin(), vars.size()), seen);
  }

 private:
  struct clique_data {
    std::vector<variable_id> vars;  // layout order, first fastest
    std::vector<Eigen::Index> cards, strides;
    std::vector<Eigen::Index> edges;   // incident edge ids
    Eigen::Index offset = 0, size = 1;
    bool unit = false;  // raw tables: no factor was assigned, every entry is 1 (m_init not written)
  };
  /// Where v (which c holds) sits in c's layout.
  static std::size_t position_of(const clique_data& c, variable_id v) noexcept {
    std::size_t j = 0;
    while (c.vars[j] != v) ++j;
    return j;
  }
  struct edge_data {
    Eigen::Index a = 0, b = 0;  // a: child, b: parent in the compiled rooting
    std::vector<variable_id> vars;  // separator layout: the order of the parent's layout
    Eigen::Index offset = 0, size = 1;
    detail::jt_map map_a, map_b;
    bool unit_from_a = false;  // message a -> b is 1 when a's side holds no evidence
    bool unit_from_b = false;  // message b -> a is 1 when b's side holds no evidence
  };
  struct host_data {
    bool in_separator = false;
    Eigen::Index index = 0, stride = 1;
  };
  enum class mode : int { none, all, target, evidence_only, max, delegated };
  /// What compile() works on: the network's CPTs, or their slices at the hard findings
  /// (observed variables then have one state and appear in no factor).
  struct problem {
    std::vector<Eigen::Index> cards;
    std::vector<const factor_type*> factors;          // sorted scopes
    std::vector<variable_id> child;                   // per factor: the variable it is the CPT of, or -1
    std::vector<variable_id> owner;                   // per factor: the variable whose CPT (or slice) it is
    std::vector<std::vector<variable_id>> adjacency;  // the union of the factors' scopes as cliques
  };
  /// Workspaces kept for the convenience queries (guarded by a mutex; a copy of the engine
  /// starts with an empty pool), so repeated calls do not reallocate the tables.
  struct pool {
    pool() = default;
    pool(const pool&) {}
    pool& operator=(const pool&) { return *this; }
    std::mutex mutex;
    std::vector<std::unique_ptr<workspace>> free;
  };
  /// A workspace borrowed from the pool for one convenience query.
  class lease {
   public:
    explicit lease(const basic_junction_tree& jt);
    ~lease();
    lease(const lease&) = delete;
    lease& operator=(const lease&) = delete;
    workspace& operator*() noexcept { return *m_ws; }

   private:
    const basic_junction_tree& m_jt;
    std::unique_ptr<workspace> m_ws;
  };

  basic_junction_tree(std::shared_ptr<const network_type> net, junction_tree_options options, const problem& p,
                      triangulation tri);
  void compile(const problem& p, triangulation tri);
  /// Replaces the CPT products by the prior clique marginals (one propagation without
  /// findings), so a query only visits the cliques on the paths between its findings.
  void calibrate();
  /// Prepares, for a propagation of kind `kind` (all, target or evidence_only), the tree of
  /// the network reduced by `ws`'s hard findings, when that pays; returns whether it did.
  bool adapt(workspace& ws, mode kind, variable_id target, bool force) const;
  /// One propagation of `kind` on this tree; false if it found P(e) = 0.
  bool run(workspace& ws, mode kind, variable_id target) const noexcept;
  void propagate_as(workspace& ws, mode kind, variable_id target) const;
  /// Marks the subtrees a pruned collect skips; returns the entries of the cliques it visits.
  double mark_skipped(workspace& ws, bool prune, bool skip_for_collect = true) const noexcept;
  [[nodiscard]] const basic_junction_tree& engine_of(const workspace& ws) const noexcept;
  [[nodiscard]] const workspace& workspace_of(const workspace& ws) const noexcept;
  void check_variable(variable_id v) const;
  [[nodiscard]] const detail::jt_map& map_of(Eigen::Index e, Eigen::Index c) const noexcept {
    return m_edges[static_cast<std::size_t>(e)].a == c ? m_edges[static_cast<std::size_t>(e)].map_a
                                                       : m_edges[static_cast<std::size_t>(e)].map_b;
  }
  [[nodiscard]] bool unit_from(Eigen::Index e, Eigen::Index c) const noexcept {
    const edge_data& d = m_edges[static_cast<std::size_t>(e)];
    return d.a == c ? d.unit_from_a : d.unit_from_b;
  }
  void traverse(workspace& ws, Eigen::Index root) const noexcept;
  /// Breadth-first order of the tree from `root`, with each clique's edge and parent.
  void rooted_order(Eigen::Index root, Eigen::Index* order, Eigen::Index* parent_edge, Eigen::Index* parent) const noexcept;
  /// Copies clique c's initial table into ws (times `msg`, indexed by the separator of edge
  /// e, when given: the copy and the first message in one pass) and applies its findings.
  void load(workspace& ws, Eigen::Index c, Eigen::Index e = -1, const Real* msg = nullptr) const noexcept;
  /// Calibrated tables: the message of clique c over edge e when c receives none and holds
  /// one hard finding, summed over the entries of the finding's state straight from the
  /// prior table (no copy); false where that shortcut does not apply.
  bool slice_message(const workspace& ws, Eigen::Index c, Eigen::Index e, Real* msg) const noexcept;
  template <bool Max>
  [[nodiscard]] bool collect(workspace& ws, bool prune, bool skip_subtrees) const noexcept;
  [[nodiscard]] bool distribute(workspace& ws) const noexcept;
  [[noreturn]] void throw_impossible(const workspace& ws, bool underflow) const;
  /// P(keep | e) from the tables of a workspace after a full propagation on this tree
  /// (`keep` sorted, unobserved); not normalised exactly (the caller normalises).
  [[nodiscard]] factor_type joint_of(const workspace& ws, const std::vector<variable_id>& keep) const;
  /// Table c of `ws` summed onto `vars` (sorted, all in c), normalised.
  [[nodiscard]] factor_type project(const workspace& ws, Eigen::Index c, const std::vector<variable_id>& vars) const;

  std::shared_ptr<const network_type> m_net;
  junction_tree_options m_options;
  junction_tree_statistics m_stats;
  std::vector<clique_data> m_cliques;
  std::vector<edge_data> m_edges;
  detail::uninitialized_vector<Real> m_init;  // initial clique tables, concatenated
  std::vector<double> m_scale_log;     // raw tables: log of the factor each was divided by
  bool m_underflow = false;            // a clique product of positive CPT entries underflowed
  detail::uninitialized_vector<std::uint32_t> m_maps;  // run -> separator maps, concatenated
  std::vector<Eigen::Index> m_home;    // per variable: clique where its evidence is applied
  std::vector<host_data> m_host;       // per variable: smallest table holding it
  std::vector<Eigen::Index> m_soft_offset;  // per variable: start of its likelihood slot
  std::vector<Eigen::Index> m_family_home;     // per variable: clique its CPT went to (-1: none)
  std::vector<Eigen::Index> m_family_offset;   // per variable: start of its strides below
  std::vector<Eigen::Index> m_family_strides;  // per family clique variable: its stride in the CPT
  Eigen::Index m_root = 0;
  Eigen::Index m_separator_entries = 0;
  Eigen::Index m_largest_separator = 1;
  bool m_adaptive = false;  // large enough for evidence-adaptive queries
  bool m_calibrated = false;          // m_init holds the prior clique marginals (see calibrate())
  std::vector<Real> m_prior_sep;      // calibrated: the prior separator marginals
  std::vector<Real> m_prior_inverse;  // their inverses (0 for 0: that entry is 0 everywhere)
  std::vector<Eigen::Index> m_root_order;  // rooted_order(m_root): order, parent edges, parents
  std::vector<Eigen::Index> m_rooted;      // the same from every clique (small trees only)
  std::vector<Eigen::Index> m_root_top;    // per variable: its clique nearest m_root
  std::vector<Eigen::Index> m_rooted_top;  // the same for every rooting in m_rooted
  mutable pool m_pool;
};

using junction_tree = basic_junction_tree<double>;

/// Per-thread mutable state of junction-tree queries: findings, clique and separator
/// tables, scale. Created by basic_junction_tree::make_workspace(); valid as long as the
/// engine is. Not shared between threads.
template <class Real>
class basic_junction_tree<Real>::workspace {
 public:
  [[nodiscard]] Eigen::Index observed_count() const noexcept { return static_cast<Eigen::Index>(m_observed.size()); }

 private:
  friend class basic_junction_tree<Real>;
  explicit workspace(const basic_junction_tree& jt) { init(jt); }
  /// Sizes every buffer for `jt`, keeping capacity already held.
  void init(const basic_junction_tree& jt);

  detail::uninitialized_vector<Real> m_pot, m_scratch;  // written before read, never zeroed
  std::vector<Real> m_sep;
  std::vector<Eigen::Index> m_hard;       // per variable, -1 if none
  std::vector<char> m_soft;               // per variable
  std::vector<double> m_lambda;           // likelihood slots
  std::vector<variable_id> m_observed;    // capacity = variable count
  std::vector<Eigen::Index> m_order, m_parent_edge, m_parent, m_evidence_below;
  std::vector<Eigen::Index> m_visit;         // cliques the collect visits (capacity: all)
  std::vector<variable_id> m_first_finding;  // per clique: first finding applied there (-1: none)
  std::vector<variable_id> m_next_finding;   // per variable: the next finding of the same clique
  std::vector<char> m_loaded, m_skip, m_unit_sent, m_sent;
  Eigen::Index m_root = 0;
  const Eigen::Index* m_ord = nullptr;  // traversal of the last propagation: order,
  const Eigen::Index* m_pe = nullptr;   // edge to the parent per clique,
  const Eigen::Index* m_par = nullptr;  // parent per clique (the engine's or the vectors above)
  double m_log_z = 0;
  mode m_mode = mode::none;
  // Evidence-adaptive queries: the tree of the network reduced by the hard findings.
  std::unique_ptr<basic_junction_tree> m_inner;
  std::unique_ptr<workspace> m_inner_ws;
};

// ---------------------------------------------------------------------------------------
// Definitions

template <class Real>
void basic_junction_tree<Real>::workspace::init(const basic_junction_tree& jt) {
  m_observed.clear();
  m_mode = mode::none;
  m_log_z = 0;
  m_ord = m_pe = m_par = nullptr;
  const auto n = static_cast<std::size_t>(jt.m_net->size());
  const std::size_t nc = jt.m_cliques.size();
  m_pot.resize(jt.m_init.size());  // every clique is loaded before it is read
  m_sep.assign(static_cast<std::size_t>(jt.m_separator_entries), Real(1));
  m_scratch.resize(static_cast<std::size_t>(jt.m_largest_separator));
  m_hard.assign(n, -1);
  m_soft.assign(n, 0);
  m_lambda.assign(static_cast<std::size_t>(jt.m_soft_offset.back()), 1.0);
  m_observed.reserve(n);
  m_order.assign(nc, 0);
  m_parent_edge.assign(nc, -1);
  m_parent.assign(nc, -1);
  m_evidence_below.assign(nc, 0);
  m_first_finding.assign(nc, -1);
  m_visit.clear();
  m_visit.reserve(nc);
  m_next_finding.assign(n, -1);
  m_loaded.assign(nc, 0);
  m_skip.assign(nc, 0);
  m_unit_sent.assign(jt.m_edges.size(), 0);
  m_sent.assign(jt.m_edges.size(), 0);
}

template <class Real>
basic_junction_tree<Real>::lease::lease(const basic_junction_tree& jt) : m_jt(jt) {
  {
    const std::lock_guard<std::mutex> lock(jt.m_pool.mutex);
    if (!jt.m_pool.free.empty()) {
      m_ws = std::move(jt.m_pool.free.back());
      jt.m_pool.free.pop_back();
    }
  }
  if (!m_ws) m_ws.reset(new workspace(jt));
}

template <class Real>
basic_junction_tree<Real>::lease::~lease() {
  try {
    const std::lock_guard<std::mutex> lock(m_jt.m_pool.mutex);
    m_jt.m_pool.free.push_back(std::move(m_ws));
  } catch (...) {  // the workspace is simply dropped
  }
}

template <class Real>
basic_junction_tree<Real>::basic_junction_tree(std::shared_ptr<const network_type> net, junction_tree_options options)
    : m_net(std::move(net)), m_options(options) {
  if (!m_net) throw error("junction_tree: null network");
  const network_type& model = *m_net;
  const auto n = static_cast<std::size_t>(model.size());
  problem p;
  p.cards.resize(n);
  for (std::size_t v = 0; v < n; ++v) {
    const auto id = static_cast<variable_id>(v);
    p.cards[v] = model.cardinality(id);
    p.factors.push_back(&model.cpt(id));
    p.child.push_back(id);
    p.owner.push_back(id);
  }
  // 1. Moralise and triangulate.
  p.adjacency = moral_graph(model.all_parents(), std::vector<char>(n, 1));
  triangulation tri = triangulate(p.adjacency, p.cards, m_options.heuristic);
  compile(p, std::move(tri));
  calibrate();
  m_adaptive = m_options.adaptive_min_entries > 0 && m_stats.total_clique_entries >= m_options.adaptive_min_entries;
}

template <class Real>
basic_junction_tree<Real>::basic_junction_tree(std::shared_ptr<const network_type> net, junction_tree_options options,
                                                const problem& p, triangulation tri)
    : m_net(std::move(net)), m_options(options) {
  compile(p, std::move(tri));
}

template <class Real>
void basic_junction_tree<Real>::compile(const problem& prob, triangulation tri) {
  const network_type& net = *m_net;
  const std::vector<Eigen::Index>& cards = prob.cards;
  const std::size_t n = cards.size();
  m_stats = junction_tree_statistics{};
  m_calibrated = false;
  m_prior_sep.clear();
  m_prior_inverse.clear();
  m_stats.heuristic = tri.heuristic;
  m_underflow = false;

  // 2. Elimination tree, then fold each clique that is a subset of its neighbour into it.
  std::vector<Eigen::Index> pos(n);
  for (std::size_t i = 0; i < n; ++i) pos[static_cast<std::size_t>(tri.order[i])] = static_cast<Eigen::Index>(i);
  std::vector<Eigen::Index> parent(n, -1), alias(n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    Eigen::Index p = -1;
    for (const variable_id u : tri.cliques[i])
      if (u != tri.order[i] && (p < 0 || pos[static_cast<std::size_t>(u)] < p)) p = pos[static_cast<std::size_t>(u)];
    parent[i] = p;
  }
  auto find = [&](Eigen::Index i) {
    while (alias[static_cast<std::size_t>(i)] >= 0) i = alias[static_cast<std::size_t>(i)];
    return i;
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (parent[i] < 0) continue;
    const Eigen::Index j = find(parent[i]);
    auto& ci = tri.cliques[i];
    auto& cj = tri.cliques[static_cast<std::size_t>(j)];
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
  const std::size_t nc0 = kept.size();
  std::vector<Eigen::Index> cparent(nc0, -1);
  std::vector<Eigen::Index> roots;
  for (std::size_t k = 0; k < nc0; ++k) {
    const std::size_t i = kept[k];
    if (parent[i] >= 0) cparent[k] = index_of[static_cast<std::size_t>(find(parent[i]))];
    else roots.push_back(static_cast<Eigen::Index>(k));
  }
  // Several components: hang every other root under the last one (empty separators).
  m_root = roots.empty() ? 0 : roots.back();
  for (const Eigen::Index r : roots)
    if (r != m_root) cparent[static_cast<std::size_t>(r)] = m_root;
  std::vector<std::vector<variable_id>> scope(nc0);
  for (std::size_t k = 0; k < nc0; ++k) scope[k] = std::move(tri.cliques[kept[k]]);
  if (m_options.relay_min_entries > 0)
    m_stats.relay_cliques = static_cast<Eigen::Index>(detail::jt_add_relays(scope, cparent, cards, m_options.relay_min_entries));
  const std::size_t nc = scope.size();

  // 3. Cliques, separators and layouts: a clique lists its own variables first and the
  //    variables it shares with its parent last, so the upward map is the identity; a
  //    separator lists its variables in the order of the parent's layout, so the downward
  //    map walks the separator forwards (no strided scatter). Layouts are set from the root
  //    down, each from its parent's.
  m_cliques.assign(nc, clique_data{});
  m_edges.clear();
  std::vector<Eigen::Index> edge_to_parent(nc, -1);
  for (std::size_t k = 0; k < nc; ++k) {
    if (cparent[k] < 0) continue;
    edge_data e;  // its variables are set with the child's layout, below
    e.a = static_cast<Eigen::Index>(k);
    e.b = cparent[k];
    edge_to_parent[k] = static_cast<Eigen::Index>(m_edges.size());
    m_edges.push_back(std::move(e));
  }
  for (std::size_t e = 0; e < m_edges.size(); ++e) {
    m_cliques[static_cast<std::size_t>(m_edges[e].a)].edges.push_back(static_cast<Eigen::Index>(e));
    m_cliques[static_cast<std::size_t>(m_edges[e].b)].edges.push_back(static_cast<Eigen::Index>(e));
  }
  std::vector<Eigen::Index> top_down(3 * nc);  // order, parent edges, parents
  if (nc > 0) rooted_order(m_root, top_down.data(), top_down.data() + nc, top_down.data() + 2 * nc);
  top_down.resize(nc);
  double total = 0, largest = 0, total_sep = 0;
  Eigen::Index widest = 0;
  for (const Eigen::Index kk : top_down) {
    const auto k = static_cast<std::size_t>(kk);
    clique_data& c = m_cliques[k];
    const auto& all = scope[k];
    std::vector<variable_id>* up = edge_to_parent[k] >= 0 ? &m_edges[static_cast<std::size_t>(edge_to_parent[k])].vars : nullptr;
    if (up) {  // the parent's layout is set: the separator follows it
      up->clear();
      for (const variable_id v : m_cliques[static_cast<std::size_t>(cparent[k])].vars)
        if (std::binary_search(all.begin(), all.end(), v)) up->push_back(v);
    }
    for (const variable_id v : all)
      if (!up || std::find(up->begin(), up->end(), v) == up->end()) c.vars.push_back(v);
    if (up) c.vars.insert(c.vars.end(), up->begin(), up->end());
    for (const variable_id v : c.vars) c.cards.push_back(cards[static_cast<std::size_t>(v)]);
    c.strides = detail::natural_strides(c.cards);
    const double entries = detail::table_size_estimate(c.cards);
    if (entries > static_cast<double>(m_options.max_clique_entries))
      detail::checked_table_size(c.cards, m_options.max_clique_entries,
                                 "junction_tree: a clique of " + std::to_string(c.vars.size()) + " variables");
    total += entries;
    largest = std::max(largest, entries);
    widest = std::max(widest, static_cast<Eigen::Index>(c.vars.size()));
  }
  for (edge_data& e : m_edges) {
    double s = 1;
    for (const variable_id v : e.vars) s *= static_cast<double>(cards[static_cast<std::size_t>(v)]);
    total_sep += s;
  }
  // 4. Memory estimate before any table is allocated.
  double map_entries = 0;
  for (const edge_data& e : m_edges) {
    // As laid out in step 5: blocks, then runs, then one map entry per run.
    const clique_data& b = m_cliques[static_cast<std::size_t>(e.b)];
    auto sep_stride = [&](variable_id v) {
      double st = 1;
      for (const variable_id u : e.vars) {
        if (u == v) return st;
        st *= static_cast<double>(cards[static_cast<std::size_t>(u)]);
      }
      return 0.0;
    };
    std::size_t i = 0;
    double blocks = 1;
    for (; i < b.vars.size() && sep_stride(b.vars[i]) == 0; ++i) blocks *= static_cast<double>(b.cards[i]);
    const double first_stride = i < b.vars.size() ? sep_stride(b.vars[i]) : 1;
    double run = 1;
    for (; i < b.vars.size() && sep_stride(b.vars[i]) == first_stride * run; ++i) run *= static_cast<double>(b.cards[i]);
    if (i < b.vars.size()) map_entries += detail::table_size_estimate(b.cards) / (blocks * run);
  }
  m_stats.cliques = static_cast<Eigen::Index>(nc);
  m_stats.separators = static_cast<Eigen::Index>(m_edges.size());
  m_stats.largest_clique_variables = widest;
  m_stats.largest_clique_entries = largest;
  m_stats.total_clique_entries = total;
  m_stats.total_separator_entries = total_sep;
  m_stats.engine_bytes = total * sizeof(Real) + map_entries * sizeof(std::uint32_t);
  m_stats.workspace_bytes = total * sizeof(Real) + total_sep * sizeof(Real);
  const double need = m_stats.engine_bytes + m_stats.workspace_bytes;
  if (need > m_options.memory_budget_bytes)
    throw size_error("junction_tree: compiling '" + net.name() + "' would need " + detail::format_bytes(need) +
                         " (" + std::to_string(nc) + " cliques, " + std::to_string(static_cast<long long>(total)) +
                         " clique entries, largest " + std::to_string(static_cast<long long>(largest)) +
                         "), over the memory budget of " + detail::format_bytes(m_options.memory_budget_bytes),
                     total);

  // 5. Tables and separator maps.
  Eigen::Index off = 0;
  for (clique_data& c : m_cliques) {
    c.offset = off;
    c.size = 1;
    for (const Eigen::Index k : c.cards) c.size *= k;
    off += c.size;
  }
  m_init.resize(static_cast<std::size_t>(off));  // every entry is written in step 6
  m_scale_log.assign(nc, 0.0);
  Eigen::Index soff = 0;
  m_largest_separator = 1;
  m_maps.clear();
  m_maps.reserve(static_cast<std::size_t>(map_entries));
  for (edge_data& e : m_edges) {
    e.offset = soff;
    e.size = 1;
    for (const variable_id v : e.vars) e.size *= cards[static_cast<std::size_t>(v)];
    soff += e.size;
    m_largest_separator = std::max(m_largest_separator, e.size);
    // Child side: its separator variables come last, in separator order (one run).
    const clique_data& a = m_cliques[static_cast<std::size_t>(e.a)];
    e.map_a = detail::jt_map{a.size / e.size, e.size, 1, 1, -1};
    // Parent side: leading variables outside the separator form the blocks; the following
    // separator variables whose separator strides continue each other form the runs; a
    // map gives the start of each run.
    const clique_data& b = m_cliques[static_cast<std::size_t>(e.b)];
    std::vector<Eigen::Index> sep_cards;
    for (const variable_id v : e.vars) sep_cards.push_back(cards[static_cast<std::size_t>(v)]);
    const auto sep_strides = detail::natural_strides(sep_cards);
    std::vector<Eigen::Index> stride_in_sep(b.vars.size(), 0);
    for (std::size_t i = 0; i < b.vars.size(); ++i) {
      const auto it = std::find(e.vars.begin(), e.vars.end(), b.vars[i]);
      if (it != e.vars.end()) stride_in_sep[i] = sep_strides[static_cast<std::size_t>(it - e.vars.begin())];
    }
    std::size_t first = 0;
    Eigen::Index inner = 1;
    for (; first < b.vars.size() && stride_in_sep[first] == 0; ++first) inner *= b.cards[first];
    std::size_t last = first;
    Eigen::Index run = 1, run_stride = 1;
    if (first < b.vars.size()) {
      run_stride = stride_in_sep[first];
      for (; last < b.vars.size() && stride_in_sep[last] == run_stride * run; ++last) run *= b.cards[last];
    }
    e.map_b = detail::jt_map{inner, run, run_stride, b.size / (inner * run), -1};
    if (last < b.vars.size()) {
      e.map_b.offset = static_cast<std::int64_t>(m_maps.size());
      const std::size_t at = m_maps.size();
      m_maps.resize(at + static_cast<std::size_t>(e.map_b.outer));
      detail::jt_fill_offsets(m_maps.data() + at,
                              std::span<const Eigen::Index>(b.cards).subspan(last),
                              std::span<const Eigen::Index>(stride_in_sep).subspan(last));
    }
  }
  m_separator_entries = soff;

  // 6. Each CPT goes to the smallest clique holding its family; each variable's evidence
  //    to the smallest clique holding it; each posterior is read from the smallest table.
  std::vector<std::vector<Eigen::Index>> cliques_of(n);
  for (std::size_t k = 0; k < nc; ++k)
    for (const variable_id v : m_cliques[k].vars) cliques_of[static_cast<std::size_t>(v)].push_back(static_cast<Eigen::Index>(k));
  const std::size_t nf = prob.factors.size();
  std::vector<Eigen::Index> assigned(nf, -1);  // per factor
  m_home.assign(n, -1);
  m_host.assign(n, host_data{});
  auto contains = [&](const clique_data& c, variable_id v) {
    return std::find(c.vars.begin(), c.vars.end(), v) != c.vars.end();
  };
  auto smaller = [&](Eigen::Index k, Eigen::Index than) {
    return than < 0 || m_cliques[static_cast<std::size_t>(k)].size < m_cliques[static_cast<std::size_t>(than)].size;
  };
  for (std::size_t f = 0; f < nf; ++f) {
    const auto& scope = prob.factors[f]->scope();
    if (scope.empty()) {  // a constant: any clique will do, the smallest is cheapest
      for (std::size_t k = 0; k < nc; ++k)
        if (smaller(static_cast<Eigen::Index>(k), assigned[f])) assigned[f] = static_cast<Eigen::Index>(k);
      continue;
    }
    for (const Eigen::Index k : cliques_of[static_cast<std::size_t>(scope.front())]) {
      bool holds = true;
      for (const variable_id u : scope) holds = holds && contains(m_cliques[static_cast<std::size_t>(k)], u);
      if (holds && smaller(k, assigned[f])) assigned[f] = k;
    }
    if (assigned[f] < 0)
      throw error("junction_tree: internal error, no clique holds the scope of the factor of '" +
                  net.variable(prob.child[f] >= 0 ? prob.child[f] : scope.front()).name + "'");
  }
  // Family marginals are read from the clique each CPT (or its slice) went to.
  m_family_home.assign(n, -1);
  for (std::size_t f = 0; f < nf; ++f) m_family_home[static_cast<std::size_t>(prob.owner[f])] = assigned[f];
  m_family_offset.assign(n + 1, 0);
  for (std::size_t v = 0; v < n; ++v) {
    const Eigen::Index k = m_family_home[v];
    m_family_offset[v + 1] = m_family_offset[v] + (k < 0 ? 0 : static_cast<Eigen::Index>(m_cliques[static_cast<std::size_t>(k)].vars.size()));
  }
  m_family_strides.resize(static_cast<std::size_t>(m_family_offset[n]));
  for (std::size_t v = 0; v < n; ++v) {
    const Eigen::Index k = m_family_home[v];
    if (k < 0) continue;
    const factor_type& cpt = net.cpt(static_cast<variable_id>(v));
    const clique_data& c = m_cliques[static_cast<std::size_t>(k)];
    for (std::size_t j = 0; j < c.vars.size(); ++j)
      m_family_strides[static_cast<std::size_t>(m_family_offset[v]) + j] = c.cards[j] > 1 ? cpt.stride(c.vars[j]) : 0;
  }
  for (std::size_t v = 0; v < n; ++v) {
    const auto id = static_cast<variable_id>(v);
    for (const Eigen::Index k : cliques_of[v])
      if (smaller(k, m_home[v])) m_home[v] = k;
    // Posterior host: home clique, or a smaller separator.
    const clique_data& h = m_cliques[static_cast<std::size_t>(m_home[v])];
    host_data host{false, m_home[v], 1};
    Eigen::Index best = h.size;
    for (std::size_t i = 0; i < h.vars.size(); ++i)
      if (h.vars[i] == id) host.stride = h.strides[i];
    for (std::size_t e = 0; e < m_edges.size(); ++e) {
      const edge_data& d = m_edges[e];
      const auto it = std::find(d.vars.begin(), d.vars.end(), id);
      if (it == d.vars.end() || d.size >= best) continue;
      best = d.size;
      host = {true, static_cast<Eigen::Index>(e), 1};
      for (auto j = d.vars.begin(); j != it; ++j) host.stride *= cards[static_cast<std::size_t>(*j)];
    }
    m_host[v] = host;
  }
  // The first factor of a clique is gathered into it, the others multiplied in; a table
  // whose largest entry may have drifted towards the bottom of the range (the product of
  // its factors' maxima says when) is rescaled, the scale going into log P(e).
  std::vector<Real> bound(nc, Real(-1));  // -1: no factor yet
  const Real low = std::sqrt(std::numeric_limits<Real>::min());
  for (std::size_t v = 0; v < nf; ++v) {
    const auto k = static_cast<std::size_t>(assigned[v]);
    const clique_data& c = m_cliques[k];
    const factor_type& f = *prob.factors[v];
    std::vector<Eigen::Index> fs(c.vars.size());
    for (std::size_t i = 0; i < c.vars.size(); ++i) fs[i] = f.stride(c.vars[i]);
    Real* t = m_init.data() + c.offset;
    const Real fmax = f.values().size() > 0 ? f.values().maxCoeff() : Real(0);
    bool lost = false;
    if (bound[k] < 0) {
      detail::jt_gather(t, std::span<const Eigen::Index>(c.cards), std::span<const Eigen::Index>(fs), f.values().data());
      bound[k] = fmax;
    } else {
      lost = detail::jt_multiply_strided(t, std::span<const Eigen::Index>(c.cards), std::span<const Eigen::Index>(fs),
                                         f.values().data());
      bound[k] *= fmax;
    }
    if (lost) m_underflow = true;  // remembered: a later "P(e) = 0" may be wrong, see propagate_as()
    if (lost || (bound[k] > 0 && bound[k] < low)) {
      const Real top = detail::jt_max(t, c.size);
      if (top > Real(0) && top < low) {
        detail::jt_scale(t, c.size, Real(1) / top);
        m_scale_log[k] += std::log(static_cast<double>(top));
      }
      bound[k] = top > Real(0) && top < low ? Real(1) : top;
    }
  }
  // Tables without a factor are never written: load() reads them as ones (in the reduced
  // trees most entries sit in such tables, which only join messages).
  for (std::size_t k = 0; k < nc; ++k) m_cliques[k].unit = bound[k] < 0;

  // 7. Which messages are identically 1 without evidence: those from a side where no CPT
  //    of a separator variable was assigned (everything summed there is a set of
  //    variables closed under children, whose CPTs sum to 1). A depth-first walk from the
  //    root numbers the cliques so that "below" is an interval test.
  std::vector<Eigen::Index> tin(nc, 0), tout(nc, 0);
  {
    std::vector<Eigen::Index> stack{m_root};
    std::vector<std::size_t> next(nc, 0);
    Eigen::Index clock = 0;
    tin[static_cast<std::size_t>(m_root)] = clock++;
    while (!stack.empty()) {
      const Eigen::Index c = stack.back();
      const clique_data& cd = m_cliques[static_cast<std::size_t>(c)];
      std::size_t& i = next[static_cast<std::size_t>(c)];
      while (i < cd.edges.size() && m_edges[static_cast<std::size_t>(cd.edges[i])].a == c) ++i;
      if (i == cd.edges.size()) {
        tout[static_cast<std::size_t>(c)] = clock++;
        stack.pop_back();
        continue;
      }
      const Eigen::Index e = cd.edges[i++];
      const Eigen::Index child = m_edges[static_cast<std::size_t>(e)].a;
      tin[static_cast<std::size_t>(child)] = clock++;
      stack.push_back(child);
    }
  }
  // A side holding a factor that is not a CPT (a finding folded into the tables) never
  // sends 1 either.
  std::vector<Eigen::Index> cpt_clique(n, -1);
  std::vector<Eigen::Index> finding_cliques;
  for (std::size_t f = 0; f < nf; ++f) {
    if (prob.child[f] >= 0) cpt_clique[static_cast<std::size_t>(prob.child[f])] = assigned[f];
    else finding_cliques.push_back(assigned[f]);
  }
  for (edge_data& e : m_edges) {
    const auto a = static_cast<std::size_t>(e.a);
    e.unit_from_a = e.unit_from_b = true;
    auto mark = [&](Eigen::Index clique) {
      const auto k = static_cast<std::size_t>(clique);
      const bool below = tin[k] >= tin[a] && tout[k] <= tout[a];
      if (below) e.unit_from_a = false;
      else e.unit_from_b = false;
    };
    for (const variable_id u : e.vars) {
      const Eigen::Index k = cpt_clique[static_cast<std::size_t>(u)];
      if (k < 0) {  // no CPT of a separator variable: never assume a message of 1
        e.unit_from_a = e.unit_from_b = false;
        break;
      }
      mark(k);
    }
    for (const Eigen::Index k : finding_cliques) mark(k);
  }
  m_soft_offset.assign(n + 1, 0);
  for (std::size_t v = 0; v < n; ++v) m_soft_offset[v + 1] = m_soft_offset[v] + cards[v];

  // 8. Traversal orders: from the root, and (small trees: single-target queries root
  //    anywhere) from every clique, so a query only points at them.
  //    With each rooting goes, per variable, the clique holding it nearest the root:
  //    findings are applied there, so a query visits the shortest paths.
  std::vector<Eigen::Index> depth(nc);
  auto tops = [&](const Eigen::Index* order, const Eigen::Index* parent, Eigen::Index* top) {
    for (std::size_t i = 0; i < nc; ++i) {
      const auto c = static_cast<std::size_t>(order[i]);
      depth[c] = parent[c] < 0 ? 0 : depth[static_cast<std::size_t>(parent[c])] + 1;
    }
    for (std::size_t v = 0; v < n; ++v) {
      top[v] = m_home[v];
      for (const Eigen::Index k : cliques_of[v])
        if (depth[static_cast<std::size_t>(k)] < depth[static_cast<std::size_t>(top[v])]) top[v] = k;
    }
  };
  m_root_order.resize(3 * nc);
  rooted_order(m_root, m_root_order.data(), m_root_order.data() + nc, m_root_order.data() + 2 * nc);
  m_root_top.resize(n);
  tops(m_root_order.data(), m_root_order.data() + 2 * nc, m_root_top.data());
  m_rooted.clear();
  m_rooted_top.clear();
  if (nc <= 64 && nc * n <= (std::size_t{1} << 16)) {
    m_rooted.resize(3 * nc * nc);
    m_rooted_top.resize(nc * n);
    for (std::size_t r = 0; r < nc; ++r) {
      Eigen::Index* base = m_rooted.data() + 3 * nc * r;
      rooted_order(static_cast<Eigen::Index>(r), base, base + nc, base + 2 * nc);
      tops(base, base + 2 * nc, m_rooted_top.data() + n * r);
    }
  }
}

template <class Real>
void basic_junction_tree<Real>::calibrate() {
  // Tables whose products left the normal range stay raw: a prior marginal below it
  // would be imprecise, and its inverse infinite.
  m_calibrated = false;
  if (m_underflow) return;
  workspace ws(*this);
  traverse(ws, m_root);
  if (!collect<false>(ws, true, false) || !distribute(ws)) return;
  const Real tiny = std::numeric_limits<Real>::min();
  auto subnormal = [&](const Real* p, Eigen::Index n) {
    for (Eigen::Index i = 0; i < n; ++i)
      if (p[i] > Real(0) && p[i] < tiny) return true;
    return false;
  };
  for (const clique_data& c : m_cliques) {
    Real* t = ws.m_pot.data() + c.offset;
    const Real z = detail::jt_block_sum(t, c.size);
    if (!(z > 0)) return;
    for (Eigen::Index i = 0; i < c.size; ++i) t[i] /= z;
    if (subnormal(t, c.size)) return;
  }
  if (subnormal(ws.m_sep.data(), static_cast<Eigen::Index>(ws.m_sep.size()))) return;
  m_init = std::move(ws.m_pot);
  for (clique_data& c : m_cliques) c.unit = false;
  m_prior_sep = std::move(ws.m_sep);
  m_prior_inverse.resize(m_prior_sep.size());
  for (std::size_t i = 0; i < m_prior_sep.size(); ++i)
    m_prior_inverse[i] = m_prior_sep[i] > 0 ? Real(1) / m_prior_sep[i] : Real(0);
  m_calibrated = true;
}

template <class Real>
std::vector<std::vector<variable_id>> basic_junction_tree<Real>::cliques() const {
  std::vector<std::vector<variable_id>> out;
  for (const clique_data& c : m_cliques) out.push_back(c.vars);
  return out;
}

template <class Real>
void basic_junction_tree<Real>::check_variable(variable_id v) const {
  if (v < 0 || v >= m_net->size())
    throw evidence_error("junction_tree: variable id " + std::to_string(v) + " out of range (network has " +
                         std::to_string(m_net->size()) + " variables)");
}

template <class Real>
void basic_junction_tree<Real>::clear_evidence(workspace& ws) const noexcept {
  for (const variable_id v : ws.m_observed) {
    ws.m_hard[static_cast<std::size_t>(v)] = -1;
    ws.m_soft[static_cast<std::size_t>(v)] = 0;
  }
  ws.m_observed.clear();
  ws.m_mode = mode::none;
}

template <class Real>
void basic_junction_tree<Real>::observe(workspace& ws, variable_id v, Eigen::Index state) const {
  check_variable(v);
  const auto i = static_cast<std::size_t>(v);
  if (state < 0 || state >= m_net->cardinality(v))
    throw evidence_error("state index " + std::to_string(state) + " out of range for '" + m_net->variable(v).name + "'");
  if (ws.m_hard[i] < 0 && !ws.m_soft[i]) ws.m_observed.push_back(v);
  ws.m_soft[i] = 0;
  ws.m_hard[i] = state;
  ws.m_mode = mode::none;
}

template <class Real>
void basic_junction_tree<Real>::likelihood(workspace& ws, variable_id v, std::span<const double> lambda) const {
  check_variable(v);
  const auto i = static_cast<std::size_t>(v);
  const pitchrisk::variable& var = m_net->variable(v);
  if (static_cast<Eigen::Index>(lambda.size()) != var.cardinality())
    throw evidence_error("likelihood for '" + var.name + "' has " + std::to_string(lambda.size()) + " values, expected " +
                         std::to_string(var.cardinality()));
  bool positive = false;
  for (const double x : lambda) {
    if (!std::isfinite(x) || x < 0) throw evidence_error("likelihood for '" + var.name + "' has a negative or non-finite value");
    positive = positive || x > 0;
  }
  if (!positive) throw evidence_error("likelihood for '" + var.name + "' is zero for every state: P(e) = 0");
  if (ws.m_hard[i] < 0 && !ws.m_soft[i]) ws.m_observed.push_back(v);
  ws.m_hard[i] = -1;
  ws.m_soft[i] = 1;
  std::copy(lambda.begin(), lambda.end(), ws.m_lambda.begin() + m_soft_offset[i]);
  ws.m_mode = mode::none;
}

template <class Real>
void basic_junction_tree<Real>::set_evidence(workspace& ws, const resolved_evidence& seen) const {
  clear_evidence(ws);
  if (seen.hard.size() != static_cast<std::size_t>(m_net->size()))
    throw evidence_error("junction_tree: evidence was resolved against another network");
  for (const variable_id v : seen.observed) {
    if (seen.is_hard(v)) observe(ws, v, seen.hard[static_cast<std::size_t>(v)]);
    else {
      const Eigen::ArrayXd& l = seen.soft[static_cast<std::size_t>(v)];
      likelihood(ws, v, std::span<const double>(l.data(), static_cast<std::size_t>(l.size())));
    }
  }
}

template <class Real>
void basic_junction_tree<Real>::traverse(workspace& ws, Eigen::Index root) const noexcept {
  const std::size_t nc = m_cliques.size();
  if (!m_rooted.empty() || root == m_root) {
    const Eigen::Index* base = m_rooted.empty() ? m_root_order.data() : m_rooted.data() + 3 * nc * static_cast<std::size_t>(root);
    ws.m_ord = base;
    ws.m_pe = base + nc;
    ws.m_par = base + 2 * nc;
  } else {
    rooted_order(root, ws.m_order.data(), ws.m_parent_edge.data(), ws.m_parent.data());
    ws.m_ord = ws.m_order.data();
    ws.m_pe = ws.m_parent_edge.data();
    ws.m_par = ws.m_parent.data();
  }
  ws.m_root = root;
  // Where each finding is applied (its clique nearest the root where known, else its
  // smallest clique), as a list per clique; then the findings below each clique.
  const Eigen::Index* top = nullptr;
  if (!m_rooted_top.empty()) top = m_rooted_top.data() + m_net->size() * root;
  else if (root == m_root) top = m_root_top.data();
  std::fill(ws.m_evidence_below.begin(), ws.m_evidence_below.end(), 0);
  std::fill(ws.m_first_finding.begin(), ws.m_first_finding.end(), variable_id{-1});
  for (const variable_id v : ws.m_observed) {
    const auto i = static_cast<std::size_t>(v);
    const auto h = static_cast<std::size_t>(top ? top[i] : m_home[i]);
    ws.m_next_finding[i] = ws.m_first_finding[h];
    ws.m_first_finding[h] = v;
    ++ws.m_evidence_below[h];
  }
  for (std::size_t i = nc; i-- > 1;) {
    const auto c = static_cast<std::size_t>(ws.m_ord[i]);
    ws.m_evidence_below[static_cast<std::size_t>(ws.m_par[c])] += ws.m_evidence_below[c];
  }
}

template <class Real>
void basic_junction_tree<Real>::rooted_order(Eigen::Index root, Eigen::Index* order, Eigen::Index* parent_edge,
                                             Eigen::Index* parent) const noexcept {
  std::size_t head = 0, tail = 0;
  order[tail++] = root;
  parent_edge[static_cast<std::size_t>(root)] = -1;
  parent[static_cast<std::size_t>(root)] = -1;
  while (head < tail) {
    const Eigen::Index c = order[head++];
    for (const Eigen::Index e : m_cliques[static_cast<std::size_t>(c)].edges) {
      if (e == parent_edge[static_cast<std::size_t>(c)]) continue;
      const edge_data& d = m_edges[static_cast<std::size_t>(e)];
      const Eigen::Index other = d.a == c ? d.b : d.a;
      parent_edge[static_cast<std::size_t>(other)] = e;
      parent[static_cast<std::size_t>(other)] = c;
      order[tail++] = other;
    }
  }
}

template <class Real>
void basic_junction_tree<Real>::load(workspace& ws, Eigen::Index c, Eigen::Index e, const Real* msg) const noexcept {
  const clique_data& cd = m_cliques[static_cast<std::size_t>(c)];
  Real* pot = ws.m_pot.data() + cd.offset;
  const Real* init = m_init.data() + cd.offset;
  variable_id first = ws.m_first_finding[static_cast<std::size_t>(c)];
  if (msg && cd.unit) {  // a table of ones times the message: the message, spread
    detail::jt_multiply_into<true>(pot, static_cast<const Real*>(pot), map_of(e, c), m_maps.data(), [msg](Eigen::Index k) { return msg[k]; });
  } else if (msg) {
    detail::jt_multiply_into(pot, init, map_of(e, c), m_maps.data(), [msg](Eigen::Index k) { return msg[k]; });
  } else if (cd.unit) {
    std::fill(pot, pot + cd.size, Real(1));
  } else if (first >= 0 && ws.m_hard[static_cast<std::size_t>(first)] >= 0) {  // copied and selected in one pass
    const std::size_t j = position_of(cd, first);
    detail::jt_select_state(pot, init, cd.size, cd.strides[j], cd.cards[j], ws.m_hard[static_cast<std::size_t>(first)]);
    first = ws.m_next_finding[static_cast<std::size_t>(first)];
  } else if (cd.size <= 64) {  // small tables: a plain loop beats a call to memmove
    for (Eigen::Index i = 0; i < cd.size; ++i) pot[i] = init[i];
  } else {
    std::copy(init, init + cd.size, pot);
  }
  for (variable_id v = first; v >= 0; v = ws.m_next_finding[static_cast<std::size_t>(v)]) {
    const auto i = static_cast<std::size_t>(v);
    const std::size_t j = position_of(cd, v);
    if (ws.m_hard[i] >= 0)
      detail::jt_apply_hard(pot, cd.size, cd.strides[j], cd.cards[j], ws.m_hard[i]);
    else
      detail::jt_apply_likelihood(pot, cd.size, cd.strides[j], cd.cards[j], ws.m_lambda.data() + m_soft_offset[i]);
  }
  ws.m_loaded[static_cast<std::size_t>(c)] = 1;
}

template <class Real>
double basic_junction_tree<Real>::mark_skipped(workspace& ws, bool prune, bool skip_for_collect) const noexcept {
  // Skipped subtrees: evidence-free sides whose message is identically 1 (raw tables),
  // or whose effect is already in the calibrated tables (every evidence-free side).
  if (!m_calibrated) std::fill(ws.m_unit_sent.begin(), ws.m_unit_sent.end(), 0);  // else never set
  double visited = 0;
  // The cliques a collect visits, in traversal order.
  ws.m_visit.clear();
  for (std::size_t i = 0; i < m_cliques.size(); ++i) {
    const auto c = static_cast<std::size_t>(ws.m_ord[i]);
    const Eigen::Index e = ws.m_pe[c];
    if (e < 0) {
      ws.m_skip[c] = 0;
    } else if (m_calibrated) {
      ws.m_skip[c] = prune && ws.m_evidence_below[c] == 0;
    } else {
      const bool unit = prune && ws.m_evidence_below[c] == 0 && unit_from(e, static_cast<Eigen::Index>(c));
      ws.m_unit_sent[static_cast<std::size_t>(e)] = unit;
      ws.m_skip[c] = unit || ws.m_skip[static_cast<std::size_t>(ws.m_par[c])];
    }
    if (!ws.m_skip[c]) visited += static_cast<double>(m_cliques[c].size);
    if (!(skip_for_collect && ws.m_skip[c])) ws.m_visit.push_back(static_cast<Eigen::Index>(c));
  }
  return visited;
}

template <class Real>
bool basic_junction_tree<Real>::slice_message(const workspace& ws, Eigen::Index c, Eigen::Index e, Real* msg) const noexcept {
  const auto ci = static_cast<std::size_t>(c);
  const variable_id v = ws.m_first_finding[ci];
  if (v < 0 || ws.m_next_finding[static_cast<std::size_t>(v)] >= 0 || ws.m_hard[static_cast<std::size_t>(v)] < 0) return false;
  // The separator must be c's last variables: block b of `inner` entries sums into entry b.
  const detail::jt_map& m = map_of(e, c);
  if (m.outer != 1 || m.offset >= 0 || m.run_stride != 1) return false;
  const clique_data& cd = m_cliques[ci];
  const std::size_t j = position_of(cd, v);
  const Eigen::Index stride = cd.strides[j], card = cd.cards[j], state = ws.m_hard[static_cast<std::size_t>(v)];
  const Real* init = m_init.data() + cd.offset;
  const Eigen::Index inner = m.inner, period = stride * card;
  // v among the summed-out variables (findings sit in the clique nearest the root holding
  // them, so rarely in a separator to the parent): its state's runs inside each block.
  if (period > inner) return false;
  const Eigen::Index reps = inner / period;
  for (Eigen::Index b = 0; b < m.run; ++b) {
    const Real* p = init + b * inner + state * stride;
    Real acc = 0;
    for (Eigen::Index r = 0; r < reps; ++r, p += period) acc += detail::jt_block_sum(p, stride);
    msg[b] = acc;
  }
  return true;
}

template <class Real>
template <bool Max>
bool basic_junction_tree<Real>::collect(workspace& ws, bool prune, bool skip_subtrees) const noexcept {
  std::fill(ws.m_loaded.begin(), ws.m_loaded.end(), 0);
  std::fill(ws.m_sent.begin(), ws.m_sent.end(), 0);
  // Calibrated tables: a sum-propagation only visits the cliques with findings below (the
  // rest is already in the tables); distribute() loads the others.
  if (m_calibrated && !Max) skip_subtrees = true;
  mark_skipped(ws, prune, skip_subtrees);
  // Inside a pruned subtree, scales are not part of P(e) (its message to the rest is 1).
  double log_z = 0;
  const Real rescale_below = std::sqrt(std::numeric_limits<Real>::min());
  const Real rescale_above = Real(1) / rescale_below;
  const Real message_low = std::pow(rescale_below, Real(0.5)), message_high = Real(1) / message_low;
  // A table whose total leaves [suspect_low, suspect_high] may have lost entries to
  // underflow while absorbing its messages; it is rebuilt with a rescale after each.
  const Real suspect_low = std::pow(rescale_below, Real(1.25)), suspect_high = Real(1) / suspect_low;
  auto absorb = [&](Eigen::Index e, Eigen::Index p, bool check) {
    const edge_data& d = m_edges[static_cast<std::size_t>(e)];
    const Real* msg = ws.m_sep.data() + d.offset;
    if (d.vars.empty()) {  // another component: a number, kept as its logarithm (once)
      const Real ratio = m_calibrated ? msg[0] * m_prior_inverse[static_cast<std::size_t>(d.offset)] : msg[0];
      if (!check && !ws.m_skip[static_cast<std::size_t>(d.a == p ? d.b : d.a)]) log_z += std::log(static_cast<double>(ratio));
      return;
    }
    Real* ppot = ws.m_pot.data() + m_cliques[static_cast<std::size_t>(p)].offset;
    if (m_calibrated) {  // Hugin update: the new separator marginal over the prior one
      const Real* inverse = m_prior_inverse.data() + d.offset;
      detail::jt_multiply_by(ppot, map_of(e, p), m_maps.data(), [msg, inverse](Eigen::Index k) { return msg[k] * inverse[k]; });
    } else {
      detail::jt_multiply(ppot, map_of(e, p), m_maps.data(), msg);
    }
    if (!check) return;
    const Eigen::Index size = m_cliques[static_cast<std::size_t>(p)].size;
    const Real top = detail::jt_max(ppot, size);
    if ((top < rescale_below && top > 0) || top > rescale_above) {
      detail::jt_scale(ppot, size, Real(1) / top);
      if (!ws.m_skip[static_cast<std::size_t>(p)]) log_z += std::log(static_cast<double>(top));
    }
  };
  auto rebuild = [&](Eigen::Index c) {
    load(ws, c);
    for (const Eigen::Index e : m_cliques[static_cast<std::size_t>(c)].edges)
      if (e != ws.m_pe[static_cast<std::size_t>(c)] && ws.m_sent[static_cast<std::size_t>(e)]) absorb(e, c, true);
  };
  auto suspect = [&](Real z) { return !(z >= suspect_low && z <= suspect_high); };
  // First loads of raw tables bring their scale (outside pruned subtrees).
  auto load_counted = [&](Eigen::Index c, Eigen::Index e = -1, const Real* factor = nullptr) {
    load(ws, c, e, factor);
    if (!m_calibrated && !ws.m_skip[static_cast<std::size_t>(c)]) log_z += m_scale_log[static_cast<std::size_t>(c)];
  };
  for (std::size_t i = ws.m_visit.size(); i-- > 0;) {
    const Eigen::Index c = ws.m_visit[i];
    const auto ci = static_cast<std::size_t>(c);
    const Eigen::Index e = ws.m_pe[ci];
    // A clique not loaded yet has received no message (its children load it).
    const bool sliced = !Max && m_calibrated && e >= 0 && !ws.m_loaded[ci] &&
                        !m_edges[static_cast<std::size_t>(e)].vars.empty() &&
                        slice_message(ws, c, e, ws.m_sep.data() + m_edges[static_cast<std::size_t>(e)].offset);
    if (!sliced && !ws.m_loaded[ci]) load_counted(c);
    if (e < 0) continue;
    const edge_data& d = m_edges[static_cast<std::size_t>(e)];
    if (ws.m_unit_sent[static_cast<std::size_t>(e)]) {
      std::fill(ws.m_sep.begin() + d.offset, ws.m_sep.begin() + d.offset + d.size, Real(1));
      continue;
    }
    const clique_data& cd = m_cliques[ci];
    Real* msg = ws.m_sep.data() + d.offset;
    if (!sliced) detail::jt_marginalise<Max>(ws.m_pot.data() + cd.offset, map_of(e, c), m_maps.data(), msg, d.size);
    Real z = detail::jt_block_sum(msg, d.size);
    if (suspect(z)) {
      rebuild(c);
      detail::jt_marginalise<Max>(ws.m_pot.data() + cd.offset, map_of(e, c), m_maps.data(), msg, d.size);
      z = detail::jt_block_sum(msg, d.size);
    }
    if (!(z > 0)) {
      ws.m_log_z = 0;
      return false;
    }
    // Messages keep their scale (the root's total absorbs it) unless it is extreme.
    if (z < message_low || z > message_high) {
      detail::jt_scale(msg, d.size, Real(1) / z);
      if (!ws.m_skip[ci]) log_z += std::log(static_cast<double>(z));
    }
    const Eigen::Index p = ws.m_par[ci];
    ws.m_sent[static_cast<std::size_t>(e)] = 1;
    if (ws.m_loaded[static_cast<std::size_t>(p)] || d.vars.empty()) {
      if (!ws.m_loaded[static_cast<std::size_t>(p)]) load_counted(p);
      absorb(e, p, false);
      continue;
    }
    // The parent's first message: copied and multiplied in one pass.
    const Real* factor = msg;
    if (m_calibrated) {
      const Real* inverse = m_prior_inverse.data() + d.offset;
      for (Eigen::Index s = 0; s < d.size; ++s) ws.m_scratch[static_cast<std::size_t>(s)] = msg[s] * inverse[s];
      factor = ws.m_scratch.data();
    }
    load_counted(p, e, factor);
  }
  const clique_data& root = m_cliques[static_cast<std::size_t>(ws.m_root)];
  Real* pot = ws.m_pot.data() + root.offset;
  auto root_total = [&] { return Max ? detail::jt_max(pot, root.size) : detail::jt_block_sum(pot, root.size); };
  Real z = root_total();
  if (suspect(z)) {
    rebuild(ws.m_root);
    z = root_total();
  }
  if (!(z > 0)) {
    ws.m_log_z = 0;
    return false;
  }
  if (!Max) {
    const Real inv = Real(1) / z;
    for (Eigen::Index i = 0; i < root.size; ++i) pot[i] *= inv;
  }
  ws.m_log_z = log_z + std::log(static_cast<double>(z));
  return true;
}

template <class Real>
bool basic_junction_tree<Real>::distribute(workspace& ws) const noexcept {
  const std::size_t nc = m_cliques.size();
  for (std::size_t i = 1; i < nc; ++i) {
    const Eigen::Index c = ws.m_ord[i];
    const auto ci = static_cast<std::size_t>(c);
    const Eigen::Index e = ws.m_pe[ci];
    const Eigen::Index p = ws.m_par[ci];
    const edge_data& d = m_edges[static_cast<std::size_t>(e)];
    // Calibrated tables: cliques the collect did not need are loaded here, with their
    // update from the parent in the same pass.
    const bool loaded = ws.m_loaded[ci];
    if (d.vars.empty()) {  // another component: nothing to pass on (marginals normalise)
      if (!loaded) load(ws, c);
      ws.m_sep[static_cast<std::size_t>(d.offset)] = Real(1);
      continue;
    }
    Real* fresh = ws.m_scratch.data();
    detail::jt_marginalise<false>(ws.m_pot.data() + m_cliques[static_cast<std::size_t>(p)].offset, map_of(e, p),
                                  m_maps.data(), fresh, d.size);
    Real z = 0;
    for (Eigen::Index s = 0; s < d.size; ++s) z += fresh[s];
    if (!(z > 0)) return false;
    const Real inv = Real(1) / z;
    Real* sep = ws.m_sep.data() + d.offset;
    if (!ws.m_sent[static_cast<std::size_t>(e)] && !m_calibrated) {  // the child sent 1
      for (Eigen::Index s = 0; s < d.size; ++s) sep[s] = fresh[s] * inv;
      if (!loaded) load(ws, c, e, sep);
      else detail::jt_multiply(ws.m_pot.data() + m_cliques[ci].offset, map_of(e, c), m_maps.data(), static_cast<const Real*>(sep));
    } else {
      // Hugin update over what the child's table holds: its message, or the prior.
      if (!ws.m_sent[static_cast<std::size_t>(e)])
        std::copy(m_prior_sep.begin() + d.offset, m_prior_sep.begin() + d.offset + d.size, sep);
      for (Eigen::Index s = 0; s < d.size; ++s) {
        const Real now = fresh[s] * inv;
        fresh[s] = sep[s] > 0 ? now / sep[s] : Real(0);
        sep[s] = now;
      }
      if (!loaded) load(ws, c, e, fresh);
      else detail::jt_multiply(ws.m_pot.data() + m_cliques[ci].offset, map_of(e, c), m_maps.data(), fresh);
    }
  }
  return true;
}

template <class Real>
void basic_junction_tree<Real>::throw_impossible(const workspace& ws, bool underflow) const {
  std::string what;
  for (const variable_id v : ws.m_observed) {
    if (!what.empty()) what += ", ";
    const pitchrisk::variable& var = m_net->variable(v);
    const Eigen::Index s = ws.m_hard[static_cast<std::size_t>(v)];
    what += var.name + (s >= 0 ? "=" + var.states[static_cast<std::size_t>(s)] : std::string("~likelihood"));
  }
  if (underflow)
    throw evidence_error("P(e) = 0 in the junction tree for " + (what.empty() ? std::string("no findings") : what) +
                         ", but a product of CPT entries underflowed in its precomputed clique tables, so the "
                         "evidence may be possible with a probability below the smallest number of this type; "
                         "variable_elimination answers such evidence exactly");
  throw evidence_error("impossible evidence: P(e) = 0 for " + (what.empty() ? std::string("no findings") : what));
}

template <class Real>
bool basic_junction_tree<Real>::adapt(workspace& ws, mode kind, variable_id target, bool force) const {
  if (!m_adaptive && !force) return false;
  const auto n = static_cast<std::size_t>(m_net->size());
  bool any_hard = false;
  for (const variable_id v : ws.m_observed) any_hard = any_hard || ws.m_hard[static_cast<std::size_t>(v)] >= 0;
  if (!any_hard) return false;
  // What the compiled tree would visit.
  double fixed = m_stats.total_clique_entries;
  if (kind != mode::all) {
    traverse(ws, kind == mode::target ? m_home[static_cast<std::size_t>(target)] : m_root);
    fixed = mark_skipped(ws, true);
  }
  // Relevant variables: all, or (one target, log P(e)) the ancestors of the findings and
  // the target; the others are barren and their CPTs sum to 1.
  std::vector<char> relevant(n, 1);
  if (kind != mode::all) {
    std::fill(relevant.begin(), relevant.end(), 0);
    std::vector<variable_id> stack(ws.m_observed.begin(), ws.m_observed.end());
    if (kind == mode::target) stack.push_back(target);
    while (!stack.empty()) {
      const variable_id v = stack.back();
      stack.pop_back();
      if (relevant[static_cast<std::size_t>(v)]) continue;
      relevant[static_cast<std::size_t>(v)] = 1;
      for (const variable_id u : m_net->parents(v))
        if (!relevant[static_cast<std::size_t>(u)]) stack.push_back(u);
    }
  }
  // The relevant CPTs sliced at the findings; the CPT of an observed variable becomes a
  // finding factor. Observed and barren variables keep one state and no edge.
  problem p;
  p.cards.resize(n);
  p.adjacency.resize(n);
  std::vector<factor_type> sliced;
  sliced.reserve(n);
  for (std::size_t v = 0; v < n; ++v) {
    const auto id = static_cast<variable_id>(v);
    p.cards[v] = relevant[v] && ws.m_hard[v] < 0 ? m_net->cardinality(id) : 1;
    if (!relevant[v]) continue;
    const factor_type* f = &m_net->cpt(id);
    bool touched = false;
    for (const variable_id u : f->scope()) touched = touched || ws.m_hard[static_cast<std::size_t>(u)] >= 0;
    if (touched) {  // the slice at the observed states, gathered in one pass
      std::vector<variable_id> scope;
      std::vector<Eigen::Index> kept_cards, strides;
      const Real* base = f->values().data();
      for (const variable_id u : f->scope()) {
        const Eigen::Index state = ws.m_hard[static_cast<std::size_t>(u)];
        if (state >= 0) {
          base += state * f->stride(u);
        } else {
          scope.push_back(u);
          kept_cards.push_back(f->cardinalities()[static_cast<std::size_t>(f->position(u))]);
          strides.push_back(f->stride(u));
        }
      }
      Eigen::Index size = 1;
      for (const Eigen::Index k : kept_cards) size *= k;
      typename factor_type::array_type values(size);
      detail::jt_gather(values.data(), std::span<const Eigen::Index>(kept_cards), std::span<const Eigen::Index>(strides),
                        base);
      sliced.emplace_back(std::move(scope), std::move(kept_cards), std::move(values));
      f = &sliced.back();
    }
    p.factors.push_back(f);
    p.child.push_back(ws.m_hard[v] >= 0 ? variable_id{-1} : id);
    p.owner.push_back(id);
    const auto& scope = f->scope();
    for (std::size_t i = 0; i < scope.size(); ++i)
      for (std::size_t j = 0; j < scope.size(); ++j)
        if (i != j) p.adjacency[static_cast<std::size_t>(scope[i])].push_back(scope[j]);
  }
  for (auto& row : p.adjacency) {
    std::sort(row.begin(), row.end());
    row.erase(std::unique(row.begin(), row.end()), row.end());
  }
  triangulation tri = triangulate(p.adjacency, p.cards, triangulation_heuristic::min_fill);
  // More greedy passes where the tables make them worth it: the other heuristics above
  // 10^5 entries, then seeded randomised passes in proportion to the table entries per
  // active variable (fixed seeds: the tree, hence every rounding, is reproducible).
  auto keep = [&](triangulation t) {
    if (t.total_entries < tri.total_entries) tri = std::move(t);
  };
  if (tri.total_entries > 1e5) {
    keep(triangulate(p.adjacency, p.cards, triangulation_heuristic::weighted_min_fill));
    keep(triangulate(p.adjacency, p.cards, triangulation_heuristic::min_weight));
    double active = 0;
    for (std::size_t v = 0; v < n; ++v) active += p.cards[v] > 1 ? 1 : 0;
    const auto restarts = static_cast<std::uint64_t>(std::min(16.0, tri.total_entries / (1e4 * std::max(1.0, active))));
    for (std::uint64_t seed = 1; seed <= restarts; ++seed)
      for (const triangulation_heuristic h : {triangulation_heuristic::min_fill, triangulation_heuristic::weighted_min_fill})
        keep(detail::jt_triangulate_one(p.adjacency, p.cards, h, seed, 0.5));
  }
  if (!force && tri.total_entries * m_options.adaptive_gain > fixed) return false;
  // The reduced tree and its workspace are kept in `ws`: the next query recompiles into
  // the same buffers (fresh pages would cost more than the propagation).
  if (!ws.m_inner) {
    junction_tree_options inner_options = m_options;
    inner_options.adaptive_min_entries = 0;
    ws.m_inner.reset(new basic_junction_tree(m_net, inner_options, p, std::move(tri)));
    ws.m_inner_ws.reset(new workspace(*ws.m_inner));
    // Address space for the largest reduced tree this path accepts (capped at 2^25 entries):
    // growing the tables by doubling would touch fresh pages for every new copy, and a first
    // touch costs more than a propagation over the page.
    const auto room = static_cast<std::size_t>(std::min(fixed / std::max(m_options.adaptive_gain, 1.0), 33554432.0));
    ws.m_inner->m_init.reserve(room);
    ws.m_inner_ws->m_pot.reserve(room);
  } else {
    ws.m_inner->compile(p, std::move(tri));
    ws.m_inner_ws->init(*ws.m_inner);
  }
  for (const variable_id v : ws.m_observed) {
    const auto i = static_cast<std::size_t>(v);
    if (ws.m_soft[i])
      ws.m_inner->likelihood(*ws.m_inner_ws, v,
                             std::span<const double>(ws.m_lambda.data() + m_soft_offset[i],
                                                     static_cast<std::size_t>(m_net->cardinality(v))));
  }
  return true;
}

template <class Real>
auto basic_junction_tree<Real>::engine_of(const workspace& ws) const noexcept -> const basic_junction_tree& {
  return ws.m_mode == mode::delegated ? *ws.m_inner : *this;
}

template <class Real>
auto basic_junction_tree<Real>::workspace_of(const workspace& ws) const noexcept -> const workspace& {
  return ws.m_mode == mode::delegated ? *ws.m_inner_ws : ws;
}

template <class Real>
bool basic_junction_tree<Real>::run(workspace& ws, mode kind, variable_id target) const noexcept {
  bool ok = false;
  switch (kind) {
    case mode::all:
      traverse(ws, m_root);
      ok = collect<false>(ws, true, false) && distribute(ws);
      break;
    case mode::target:
      traverse(ws, m_home[static_cast<std::size_t>(target)]);
      ok = collect<false>(ws, true, true);
      break;
    default:
      traverse(ws, m_root);
      ok = collect<false>(ws, true, true);
      break;
  }
  ws.m_mode = ok ? kind : mode::none;
  return ok;
}

template <class Real>
void basic_junction_tree<Real>::propagate_as(workspace& ws, mode kind, variable_id target) const {
  // 1. The reduced tree when it is much smaller; 2. the compiled tree; 3. if that found
  // P(e) = 0 but its tables had lost products to underflow, the reduced tree, which
  // slices the CPTs at the findings before multiplying them (and rescales its tables).
  const bool target_seen = kind == mode::target && ws.m_hard[static_cast<std::size_t>(target)] >= 0;
  bool reduced = !target_seen && adapt(ws, kind, target, false);
  if (!reduced && run(ws, kind, target)) return;
  if (!reduced && m_underflow && !target_seen) reduced = adapt(ws, kind, target, true);
  if (reduced) {
    if (ws.m_inner->run(*ws.m_inner_ws, kind, target)) {
      ws.m_mode = mode::delegated;
      return;
    }
    ws.m_mode = mode::none;
    throw_impossible(ws, ws.m_inner->m_underflow);
  }
  ws.m_mode = mode::none;
  throw_impossible(ws, m_underflow);
}

template <class Real>
void basic_junction_tree<Real>::propagate(workspace& ws) const {
  propagate_as(ws, mode::all, -1);
}

template <class Real>
void basic_junction_tree<Real>::propagate_to(workspace& ws, variable_id target) const {
  check_variable(target);
  propagate_as(ws, mode::target, target);
}

template <class Real>
void basic_junction_tree<Real>::propagate_evidence(workspace& ws) const {
  propagate_as(ws, mode::evidence_only, -1);
}

template <class Real>
double basic_junction_tree<Real>::log_evidence(const workspace& ws) const noexcept {
  return workspace_of(ws).m_log_z;
}

template <class Real>
junction_tree_query_statistics basic_junction_tree<Real>::query_statistics(const workspace& ws) const noexcept {
  return {ws.m_mode == mode::delegated, engine_of(ws).m_stats.total_clique_entries};
}

template <class Real>
void basic_junction_tree<Real>::marginal(const workspace& ws, variable_id v, std::span<Real> out) const {
  check_variable(v);
  const auto i = static_cast<std::size_t>(v);
  const Eigen::Index k = m_net->cardinality(v);
  if (static_cast<Eigen::Index>(out.size()) < k) throw error("junction_tree::marginal: output span too small");
  const bool delegated = ws.m_mode == mode::delegated;
  const mode m = delegated ? ws.m_inner_ws->m_mode : ws.m_mode;
  if (ws.m_hard[i] >= 0 && (m == mode::all || m == mode::target)) {
    std::fill(out.begin(), out.begin() + k, Real(0));
    out[static_cast<std::size_t>(ws.m_hard[i])] = Real(1);
    return;
  }
  if (delegated) {
    ws.m_inner->marginal(*ws.m_inner_ws, v, out);
    return;
  }
  const Real* table = nullptr;
  Eigen::Index size = 0, stride = 1;
  if (ws.m_mode == mode::all) {
    const host_data& h = m_host[i];
    if (h.in_separator) {
      const edge_data& d = m_edges[static_cast<std::size_t>(h.index)];
      table = ws.m_sep.data() + d.offset;
      size = d.size;
    } else {
      const clique_data& c = m_cliques[static_cast<std::size_t>(h.index)];
      table = ws.m_pot.data() + c.offset;
      size = c.size;
    }
    stride = h.stride;
  } else if (ws.m_mode == mode::target) {
    const clique_data& c = m_cliques[static_cast<std::size_t>(ws.m_root)];
    std::size_t j = 0;
    while (j < c.vars.size() && c.vars[j] != v) ++j;
    if (j == c.vars.size())
      throw error("junction_tree::marginal: '" + m_net->variable(v).name + "' is not covered by the last propagate_to()");
    table = ws.m_pot.data() + c.offset;
    size = c.size;
    stride = c.strides[j];
  } else {
    throw error("junction_tree::marginal: no propagation with these findings yet");
  }
  detail::jt_variable_marginal(table, size, stride, k, out.data());
  Real z = 0;
  for (Eigen::Index s = 0; s < k; ++s) z += out[static_cast<std::size_t>(s)];
  const Real inv = Real(1) / z;
  for (Eigen::Index s = 0; s < k; ++s) out[static_cast<std::size_t>(s)] *= inv;
}

template <class Real>
double basic_junction_tree<Real>::max_propagate(workspace& ws, std::span<Eigen::Index> states) const {
  if (static_cast<Eigen::Index>(states.size()) < m_net->size()) throw error("junction_tree::max_propagate: states span too small");
  auto reduced = [&] {
    double log_p = 0;
    try {
      log_p = ws.m_inner->max_propagate(*ws.m_inner_ws, states);
    } catch (const evidence_error&) {
      ws.m_mode = mode::none;
      throw_impossible(ws, ws.m_inner->m_underflow);
    }
    ws.m_mode = mode::delegated;
    for (const variable_id v : ws.m_observed)
      if (ws.m_hard[static_cast<std::size_t>(v)] >= 0) states[static_cast<std::size_t>(v)] = ws.m_hard[static_cast<std::size_t>(v)];
    return log_p;
  };
  if (adapt(ws, mode::all, -1, false)) return reduced();
  traverse(ws, m_root);
  if (!collect<true>(ws, false, false)) {
    ws.m_mode = mode::none;
    if (m_underflow && adapt(ws, mode::all, -1, true)) return reduced();
    throw_impossible(ws, m_underflow);
  }
  ws.m_mode = mode::max;
  // Root: first entry attaining the maximum; then each child, given its separator.
  for (std::size_t i = 0; i < m_cliques.size(); ++i) {
    const Eigen::Index c = ws.m_ord[i];
    const clique_data& cd = m_cliques[static_cast<std::size_t>(c)];
    const Real* pot = ws.m_pot.data() + cd.offset;
    const Eigen::Index e = ws.m_pe[static_cast<std::size_t>(c)];
    Eigen::Index begin = 0, count = cd.size;
    if (e >= 0) {
      // The compiled rooting is used, so the map of c to its parent is the identity.
      const edge_data& d = m_edges[static_cast<std::size_t>(e)];
      Eigen::Index s = 0, stride = 1;
      for (const variable_id u : d.vars) {
        s += states[static_cast<std::size_t>(u)] * stride;
        stride *= m_net->cardinality(u);
      }
      count = d.map_a.inner;
      begin = s * count;
    }
    Eigen::Index best = begin;
    for (Eigen::Index j = begin + 1; j < begin + count; ++j)
      if (pot[j] > pot[best]) best = j;
    for (std::size_t j = 0; j < cd.vars.size(); ++j)
      states[static_cast<std::size_t>(cd.vars[j])] = (best / cd.strides[j]) % cd.cards[j];
  }
  for (const variable_id v : ws.m_observed)
    if (ws.m_hard[static_cast<std::size_t>(v)] >= 0) states[static_cast<std::size_t>(v)] = ws.m_hard[static_cast<std::size_t>(v)];
  return ws.m_log_z;
}

template <class Real>
auto basic_junction_tree<Real>::posterior(variable_id v, const evidence& seen) const -> distribution_type {
  check_variable(v);
  lease borrowed(*this);
  workspace& ws = *borrowed;
  set_evidence(ws, resolve(*m_net, seen));
  propagate_to(ws, v);
  typename distribution_type::array_type p(m_net->cardinality(v));
  marginal(ws, v, std::span<Real>(p.data(), static_cast<std::size_t>(p.size())));
  return distribution_type(m_net->variable(v), std::move(p));
}

template <class Real>
auto basic_junction_tree<Real>::posteriors(const evidence& seen) const -> std::vector<distribution_type> {
  lease borrowed(*this);
  workspace& ws = *borrowed;
  set_evidence(ws, resolve(*m_net, seen));
  propagate(ws);
  std::vector<distribution_type> out;
  out.reserve(static_cast<std::size_t>(m_net->size()));
  for (const variable_id v : m_net->variables()) {
    typename distribution_type::array_type p(m_net->cardinality(v));
    marginal(ws, v, std::span<Real>(p.data(), static_cast<std::size_t>(p.size())));
    out.emplace_back(m_net->variable(v), std::move(p));
  }
  return out;
}

template <class Real>
double basic_junction_tree<Real>::log_evidence_probability(const evidence& seen) const {
  lease borrowed(*this);
  workspace& ws = *borrowed;
  set_evidence(ws, resolve(*m_net, seen));
  propagate_evidence(ws);
  return log_evidence(ws);
}

template <class Real>
mpe_result basic_junction_tree<Real>::mpe(const evidence& seen) const {
  lease borrowed(*this);
  workspace& ws = *borrowed;
  set_evidence(ws, resolve(*m_net, seen));
  mpe_result r;
  r.states.assign(static_cast<std::size_t>(m_net->size()), 0);
  r.log_probability = max_propagate(ws, r.states);
  return r;
}

template <class Real>
void basic_junction_tree<Real>::family_marginal(const workspace& ws, variable_id v, std::span<Real> out) const {
  check_variable(v);
  const factor_type& cpt = m_net->cpt(v);
  if (static_cast<Eigen::Index>(out.size()) < cpt.size()) throw error("junction_tree::family_marginal: output span too small");
  const basic_junction_tree& jt = engine_of(ws);
  const workspace& w = workspace_of(ws);
  if (w.m_mode != mode::all)
    throw error("junction_tree::family_marginal: needs propagate() with these findings first (family of '" +
                m_net->variable(v).name + "')");
  // The reduced tree holds no observed variable: their states go into the base offset.
  Eigen::Index base = 0;
  if (ws.m_mode == mode::delegated)
    for (const variable_id u : cpt.scope())
      if (ws.m_hard[static_cast<std::size_t>(u)] >= 0) base += ws.m_hard[static_cast<std::size_t>(u)] * cpt.stride(u);
  const auto i = static_cast<std::size_t>(v);
  const clique_data& c = jt.m_cliques[static_cast<std::size_t>(jt.m_family_home[i])];
  const Real* pot = w.m_pot.data() + c.offset;
  Real* o = out.data() + base;
  std::fill(out.begin(), out.begin() + cpt.size(), Real(0));
  const std::span<const Eigen::Index> strides(jt.m_family_strides.data() + jt.m_family_offset[i], c.vars.size());
  detail::jt_for_each_run(std::span<const Eigen::Index>(c.cards), strides,
                          [&](Eigen::Index first, Eigen::Index count, Eigen::Index off, Eigen::Index stride) {
                            if (stride == 0) {
                              o[off] += detail::jt_block_sum(pot + first, count);
                              return;
                            }
                            for (Eigen::Index k = 0; k < count; ++k) o[off + k * stride] += pot[first + k];
                          });
  const Real z = detail::jt_block_sum(out.data(), cpt.size());
  if (!(z > Real(0))) throw evidence_error("junction_tree::family_marginal: the family of '" + m_net->variable(v).name + "' has zero mass");
  const Real inv = Real(1) / z;
  for (Eigen::Index k = 0; k < cpt.size(); ++k) out[static_cast<std::size_t>(k)] *= inv;
}

template <class Real>
auto basic_junction_tree<Real>::family_posterior(variable_id v, const evidence& seen) const -> factor_type {
  if (v < 0 || v >= m_net->size()) throw lookup_error("family_posterior: variable id " + std::to_string(v) + " out of range");
  lease borrowed(*this);
  workspace& ws = *borrowed;
  set_evidence(ws, resolve(*m_net, seen));
  propagate(ws);
  const factor_type& cpt = m_net->cpt(v);
  typename factor_type::array_type p(cpt.size());
  family_marginal(ws, v, std::span<Real>(p.data(), static_cast<std::size_t>(p.size())));
  return factor_type(cpt.scope(), cpt.cardinalities(), std::move(p));
}

template <class Real>
auto basic_junction_tree<Real>::family_posteriors(const evidence& seen) const -> std::vector<factor_type> {
  lease borrowed(*this);
  workspace& ws = *borrowed;
  set_evidence(ws, resolve(*m_net, seen));
  propagate(ws);
  std::vector<factor_type> out;
  out.reserve(static_cast<std::size_t>(m_net->size()));
  for (const variable_id v : m_net->variables()) {
    const factor_type& cpt = m_net->cpt(v);
    typename factor_type::array_type p(cpt.size());
    family_marginal(ws, v, std::span<Real>(p.data(), static_cast<std::size_t>(p.size())));
    out.emplace_back(cpt.scope(), cpt.cardinalities(), std::move(p));
  }
  return out;
}

template <class Real>
auto basic_junction_tree<Real>::project(const workspace& ws, Eigen::Index c, const std::vector<variable_id>& vars) const
    -> factor_type {
  const clique_data& cd = m_cliques[static_cast<std::size_t>(c)];
  std::vector<Eigen::Index> cards;
  for (const variable_id u : vars) cards.push_back(cd.cards[position_of(cd, u)]);
  const std::vector<Eigen::Index> out_strides = detail::natural_strides(cards);
  std::vector<Eigen::Index> strides(cd.vars.size(), 0);
  for (std::size_t i = 0; i < vars.size(); ++i) strides[position_of(cd, vars[i])] = out_strides[i];
  Eigen::Index size = 1;
  for (const Eigen::Index k : cards) size *= k;
  typename factor_type::array_type values = factor_type::array_type::Zero(size);
  const Real* pot = ws.m_pot.data() + cd.offset;
  Real* o = values.data();
  detail::jt_for_each_run(std::span<const Eigen::Index>(cd.cards), std::span<const Eigen::Index>(strides),
                          [&](Eigen::Index first, Eigen::Index count, Eigen::Index off, Eigen::Index stride) {
                            for (Eigen::Index k = 0; k < count; ++k) o[off + k * stride] += pot[first + k];
                          });
  factor_type f(vars, std::move(cards), std::move(values));
  normalize(f);
  return f;
}

template <class Real>
auto basic_junction_tree<Real>::joint_of(const workspace& ws, const std::vector<variable_id>& keep) const -> factor_type {
  if (keep.empty()) return factor_type();
  const std::size_t nc = m_cliques.size();
  auto holds = [&](Eigen::Index k, variable_id u) {
    const auto& vars = m_cliques[static_cast<std::size_t>(k)].vars;
    return std::find(vars.begin(), vars.end(), u) != vars.end();
  };
  // 1. One clique holding them all: the smallest such.
  Eigen::Index best = -1;
  for (std::size_t k = 0; k < nc; ++k) {
    const auto kk = static_cast<Eigen::Index>(k);
    if (std::all_of(keep.begin(), keep.end(), [&](variable_id u) { return holds(kk, u); }) &&
        (best < 0 || m_cliques[k].size < m_cliques[static_cast<std::size_t>(best)].size))
      best = kk;
  }
  if (best >= 0) return project(ws, best, keep);
  // 2. The subtree joining a clique of each: P(keep | e) is the sum over its other variables
  //    of the product of its clique marginals over its separator marginals, eliminated
  //    leaves first (a variable no longer shared with the parent is summed out at once).
  const Eigen::Index root = m_home[static_cast<std::size_t>(keep.front())];
  std::vector<Eigen::Index> order(nc), parent_edge(nc), parent(nc);
  rooted_order(root, order.data(), parent_edge.data(), parent.data());
  std::vector<char> marked(nc, 0);
  for (const variable_id u : keep)
    for (Eigen::Index k = m_home[static_cast<std::size_t>(u)]; k >= 0 && !marked[static_cast<std::size_t>(k)];
         k = parent[static_cast<std::size_t>(k)])
      marked[static_cast<std::size_t>(k)] = 1;
  std::vector<factor_type> incoming(nc);
  for (std::size_t i = nc; i-- > 0;) {
    const Eigen::Index c = order[i];
    const auto ci = static_cast<std::size_t>(c);
    if (!marked[ci]) continue;
    // What c must pass on: the query and every separator to a marked neighbour.
    std::vector<variable_id> needed;
    for (const variable_id u : m_cliques[ci].vars)
      if (std::binary_search(keep.begin(), keep.end(), u)) needed.push_back(u);
    for (const Eigen::Index e : m_cliques[ci].edges) {
      const edge_data& d = m_edges[static_cast<std::size_t>(e)];
      if (marked[static_cast<std::size_t>(d.a == c ? d.b : d.a)]) needed.insert(needed.end(), d.vars.begin(), d.vars.end());
    }
    std::sort(needed.begin(), needed.end());
    needed.erase(std::unique(needed.begin(), needed.end()), needed.end());
    factor_type f = multiply(project(ws, c, needed), incoming[ci]);
    std::vector<variable_id> pass(keep);
    if (c != root) {
      const edge_data& d = m_edges[static_cast<std::size_t>(parent_edge[ci])];
      if (!d.vars.empty()) {
        std::vector<Eigen::Index> cards;
        for (const variable_id u : d.vars) cards.push_back(m_net->cardinality(u));
        const Eigen::Map<const Eigen::Array<Real, Eigen::Dynamic, 1>> sep(ws.m_sep.data() + d.offset, d.size);
        factor_type inverse = from_layout<Real>(d.vars, cards, sep);
        for (Eigen::Index k = 0; k < inverse.size(); ++k)
          inverse.values()[k] = inverse.values()[k] > Real(0) ? Real(1) / inverse.values()[k] : Real(0);
        f = multiply(f, inverse);
      }
      pass.insert(pass.end(), d.vars.begin(), d.vars.end());
    }
    for (const variable_id u : std::vector<variable_id>(f.scope()))
      if (std::find(pass.begin(), pass.end(), u) == pass.end()) f = sum_out(f, u);
    if (c == root) return f;
    incoming[static_cast<std::size_t>(parent[ci])] = multiply(incoming[static_cast<std::size_t>(parent[ci])], f);
  }
  return factor_type();  // not reached: the root is marked
}

template <class Real>
auto basic_junction_tree<Real>::joint_posterior(std::span<const variable_id> query, const evidence& seen) const
    -> factor_type {
  std::vector<variable_id> vars(query.begin(), query.end());
  std::sort(vars.begin(), vars.end());
  vars.erase(std::unique(vars.begin(), vars.end()), vars.end());
  for (const variable_id v : vars)
    if (v < 0 || v >= m_net->size()) throw lookup_error("joint_posterior: variable id " + std::to_string(v) + " out of range");
  lease borrowed(*this);
  workspace& ws = *borrowed;
  set_evidence(ws, resolve(*m_net, seen));
  propagate(ws);
  std::vector<variable_id> keep;
  for (const variable_id v : vars)
    if (ws.m_hard[static_cast<std::size_t>(v)] < 0) keep.push_back(v);
  factor_type r = engine_of(ws).joint_of(workspace_of(ws), keep);
  // Observed variables become point masses in the result.
  for (const variable_id v : vars) {
    const Eigen::Index state = ws.m_hard[static_cast<std::size_t>(v)];
    if (state < 0) continue;
    factor_type pm = factor_type::filled({v}, {m_net->cardinality(v)}, Real(0));
    pm.values()[state] = Real(1);
    r = multiply(r, pm);
  }
  normalize(r);
  return r;
}

}  // namespace pitchrisk
