// SPDX-License-Identifier: MIT
// Exact inference on several parameterisations of ONE network at once: the clique tree is
// compiled once, and every clique and separator table entry holds `Lanes` numbers, one per
// network (entry-major, lane-minor), so the inner loops run over contiguous lanes and
// vectorise. Findings are shared by all lanes; a target propagation gives the target's
// posterior in every lane, each bit for bit the scalar junction_tree::propagate_to's.
#pragma once

#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/detail/uninitialized_allocator.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/elimination_order.hpp"
#include "pitchrisk/inference/junction_tree.hpp"
#include "pitchrisk/inference/junction_tree/clique_tree.hpp"
#include "pitchrisk/inference/junction_tree/incremental.hpp"
#include "pitchrisk/inference/junction_tree/lane_kernels.hpp"
#include "pitchrisk/inference/junction_tree/kernels.hpp"
#include "pitchrisk/inference/junction_tree/propagation.hpp"
#include "pitchrisk/inference/junction_tree/workspace.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pitchrisk {

namespace detail {
template <class Real, int L, class Kernels>
struct jt_lane_collector;
}  // namespace detail

/// Exact target posteriors under up to `Lanes` networks of one structure (same variables,
/// states and parents; different CPT values), e.g. the sampled models of a parameter
/// interval. The junction tree is compiled once; each table entry holds one number per
/// network, so one propagation answers every network, with rescaling per lane (no underflow)
/// and, per lane, the operations of junction_tree::propagate_to on that network in the same
/// order: the same posterior bit for bit (engines without evidence-adaptive queries, see
/// junction_tree_options::adaptive_min_entries). Immutable once built: any number of threads
/// may query it at once, each with its own workspace (no allocation per query).
/// Complexity: a propagation costs about Lanes times one scalar target propagation's
/// arithmetic, and one scalar propagation's index and control work.
template <class Real, int Lanes>
class basic_junction_tree_lanes {
  static_assert(Lanes >= 1, "at least one lane");

 public:
  using real_type = Real;                    ///< the arithmetic of the tables
  using network_type = basic_network<Real>;  ///< the networks compiled
  class workspace;
  /// Lanes per table entry (the most networks one engine holds).
  static constexpr int max_lanes = Lanes;

  /// Compiles `nets` (1 to Lanes networks of one structure; copied as tables, the first as a
  /// network too). Unused lanes repeat the first network's numbers and are never reported.
  /// Throws: model_error naming the variable if a network differs from the first in
  /// variables, states or parents; error if there are no networks or more than Lanes;
  /// size_error as junction_tree.
  explicit basic_junction_tree_lanes(std::span<const network_type* const> nets, junction_tree_options options = {});
  /// The same from networks held by value.
  explicit basic_junction_tree_lanes(std::span<const network_type> nets, junction_tree_options options = {});

  /// The first network (names, states and structure of all).
  [[nodiscard]] const network_type& network() const noexcept { return *m_net; }
  /// How many networks (lanes in use), 1 to Lanes.
  [[nodiscard]] int lanes() const noexcept { return m_lanes; }
  /// True when the tables hold the prior clique marginals (every network's calibration
  /// succeeded); false when they hold the raw CPT products (a product underflowed somewhere).
  [[nodiscard]] bool calibrated() const noexcept { return m_tree.calibrated; }
  /// The instruction set the propagations' inner loops run: "avx2" (an x86-64 copy,
  /// GCC or Clang, chosen at run time) or "portable": the widest this processor supports, or
  /// the environment variable PITCHRISK_LANES_ISA's (capped to it). All give the same numbers.
  /// Throws: error if PITCHRISK_LANES_ISA names no instruction set.
  [[nodiscard]] static std::string_view instruction_set() { return detail::jt_lane_isa_name(detail::jt_lane_isa_in_use()); }
  /// Bytes of the lane tables and the shared index maps.
  [[nodiscard]] double engine_bytes() const noexcept {
    return static_cast<double>((m_init.size() + m_inverse.size()) * sizeof(Real) +
                               m_tree.maps.size() * sizeof(std::uint32_t));
  }
  /// Buffers for queries; one per thread. Allocates once.
  [[nodiscard]] workspace make_workspace() const;

  /// Removes all findings from `ws`.
  void clear_evidence(workspace& ws) const noexcept;
  /// Hard finding v = state (every lane). Throws: evidence_error on a bad id or state.
  void observe(workspace& ws, variable_id v, Eigen::Index state) const;
  /// Soft finding on v (one non-negative weight per state, every lane). Throws: evidence_error.
  void likelihood(workspace& ws, variable_id v, std::span<const double> lambda) const;
  /// Replaces the findings of `ws` by `seen` (in the order seen lists them). Throws: evidence_error.
  void set_evidence(workspace& ws, const resolved_evidence& seen) const;
  /// Collects towards the clique of `target` in every lane; afterwards possible() and
  /// marginal(ws, target, lane) can be read. A lane where P(e) = 0 is marked, not thrown.
  /// Throws: evidence_error on a bad id.
  void propagate_to(workspace& ws, variable_id target) const;
  /// Removes v's finding from `ws` (nothing if v has none). Throws: evidence_error on a bad id.
  void retract(workspace& ws, variable_id v) const;
  /// Exactly what propagate_to(ws, target) does, with the same numbers bit for bit, reusing
  /// the last propagation's messages when it was towards the same clique, calibrated, with
  /// P(e) > 0 in every lane: only the cliques whose findings changed since, and those between
  /// them and the target's, send new messages (as junction_tree::update_to).
  /// Throws: evidence_error on a bad id.
  void update_to(workspace& ws, variable_id target) const;
  /// How many cliques the last update_to() sent new messages from (0: the findings had not
  /// changed); -1 after a full propagation.
  [[nodiscard]] Eigen::Index cliques_resent(const workspace& ws) const noexcept { return ws.m_resent; }
  /// After propagate_to(): whether P(e) > 0 was found in `lane`. Where a lane's CPT products
  /// underflowed (the scalar engine then retries on the tree reduced by the hard findings),
  /// "P(e) = 0" may be a loss to underflow, as junction_tree's message says.
  [[nodiscard]] bool possible(const workspace& ws, int lane) const noexcept;
  /// Posterior of v in `lane` after propagate_to() (v in the target's clique), written to
  /// out[0..card). Throws: evidence_error as junction_tree::propagate_to (same message) if
  /// P(e) = 0 in that lane; error if no propagation covers v, lane or out is out of range.
  void marginal(const workspace& ws, variable_id v, int lane, std::span<Real> out) const;
  /// The posterior of v in every lane at once, lane l's at out[l * card .. (l + 1) * card),
  /// each what marginal(ws, v, l, ...) writes, bit for bit (the lanes summed together).
  /// Throws: as marginal() for the first lane with P(e) = 0; error if no propagation covers v
  /// or out holds fewer than lanes() * card numbers.
  void marginals(const workspace& ws, variable_id v, std::span<Real> out) const;

 private:
  void compile(std::span<const network_type* const> nets, junction_tree_options options);
  /// Where v sits in the root clique of the last propagation. Throws: error naming `who` and
  /// v if that clique does not hold v.
  [[nodiscard]] std::size_t root_position(const workspace& ws, variable_id v, const char* who) const;
  /// A collector over the buffers of `ws` running `Kernels`, every lane marked possible.
  template <class Kernels>
  [[nodiscard]] detail::jt_lane_collector<Real, Lanes, Kernels> collector(workspace& ws) const;

  std::shared_ptr<const network_type> m_net;
  int m_lanes = 0;
  std::array<char, Lanes> m_underflow{};  ///< per lane: a product of its CPT entries underflowed
  detail::clique_tree<Real> m_tree;  ///< the structure (the first network's tables, unused)
  detail::uninitialized_vector<Real> m_init;  ///< lane-interleaved initial clique tables
  std::vector<Real> m_inverse;        ///< calibrated: lane-interleaved inverse prior separators
};

/// Lanes of doubles: 50 (four engines for 200 samples) was the fastest of 8, 16, 25, 40 and
/// 50 on the approach model (pitchrisk-score over the benchmark cases).
using junction_tree_lanes = basic_junction_tree_lanes<double, 50>;

/// Per-thread buffers of basic_junction_tree_lanes queries. Not shared between threads.
template <class Real, int Lanes>
class basic_junction_tree_lanes<Real, Lanes>::workspace {
 public:
  /// How many variables carry a finding in this workspace.
  [[nodiscard]] Eigen::Index observed_count() const noexcept { return static_cast<Eigen::Index>(m_state.observed.size()); }

 private:
  friend class basic_junction_tree_lanes<Real, Lanes>;
  workspace() = default;
  detail::jt_state<Real> m_state;            ///< findings, traversal, visit flags (shared by lanes)
  detail::uninitialized_vector<Real> m_pot;          ///< lane-interleaved clique tables
  detail::uninitialized_vector<Real> m_factor;       ///< calibrated: each message over its prior separator
  std::vector<Real> m_sep;                   ///< lane-interleaved separator messages
  std::vector<Real> m_one_clique, m_one_sep; ///< one lane's clique / separator (rebuilds)
  std::array<char, Lanes> m_possible{};
  bool m_ready = false;  ///< a propagation with the current findings completed
  bool m_base = false;   ///< the messages of the last propagation can be reused (update_to)
  Eigen::Index m_resent = -1;  ///< cliques the last update_to() re-sent (-1: full propagation)
};

namespace detail {

/// One lane-batched target collect (jt_collector<false> of propagation.hpp, lane by lane):
/// the same loads, messages, rescalings and rebuilds, each lane on its own numbers; the inner
/// loops run by `K` (a kernel set of lane_kernels.hpp).
template <class Real, int L, class K>
struct jt_lane_collector {
  const clique_tree<Real>& t;
  const Real* init;     ///< lane-interleaved initial tables
  const Real* inverse;  ///< calibrated: lane-interleaved inverse prior separators
  jt_state<Real>& ws;
  Real* pot;
  Real* sep;
  Real* factor;         ///< calibrated: each message times the inverse prior separator, all lanes
  Real* one_clique;
  Real* one_sep;
  std::array<char, L>& alive;
  Real rescale_below = std::sqrt(std::numeric_limits<Real>::min());
  Real rescale_above = Real(1) / rescale_below;
  Real message_low = std::pow(rescale_below, Real(0.5)), message_high = Real(1) / message_low;
  Real suspect_low = std::pow(rescale_below, Real(1.25)), suspect_high = Real(1) / suspect_low;

  [[nodiscard]] bool suspect(Real z) const noexcept { return !((z >= suspect_low) & (z <= suspect_high)); }

  /// Loads clique c in every lane (times the factor `msg` of edge e when given), then its findings.
  void load(Eigen::Index c, Eigen::Index e = -1, const Real* msg = nullptr) noexcept {
    const jt_clique& cd = t.cliques[at(c)];
    Real* p = pot + cd.offset * L;
    const Real* in = init + cd.offset * L;
    variable_id first = ws.first_finding[at(c)];
    if (msg && cd.unit) {
      K::template broadcast<L>(p, t.map_of(e, c), t.maps.data(), msg);
    } else if (msg) {
      K::template multiply<L>(p, in, t.map_of(e, c), t.maps.data(), msg);
    } else if (cd.unit) {
      std::fill(p, p + cd.size * L, Real(1));
    } else if (first >= 0 && ws.hard[at(first)] >= 0) {
      const std::size_t j = position_of(cd, first);
      jt_lane_select_state<L>(p, in, cd.size, cd.strides[j], cd.cards[j], ws.hard[at(first)]);
      first = ws.next_finding[at(first)];
    } else {
      std::copy(in, in + cd.size * L, p);
    }
    for (variable_id v = first; v >= 0; v = ws.next_finding[at(v)]) {
      const auto i = at(v);
      const std::size_t j = position_of(cd, v);
      if (ws.hard[i] >= 0) jt_lane_select_state<L>(p, static_cast<const Real*>(p), cd.size, cd.strides[j], cd.cards[j], ws.hard[i]);
      else K::template apply_likelihood<L>(p, cd.size, cd.strides[j], cd.cards[j], ws.lambda.data() + t.soft_offset[i]);
    }
    ws.loaded[at(c)] = 1;
  }

  /// The factor of edge e's message in every lane: the message, over the prior when calibrated
  /// (computed once when the message is sent: a message kept by update_to is absorbed again).
  [[nodiscard]] const Real* factor_of(const jt_edge& d) const noexcept {
    return t.calibrated ? factor + d.offset * L : sep + d.offset * L;
  }

  /// Edge e's factor from its message (calibrated trees; the message stays as sent).
  void set_factor(const jt_edge& d) noexcept {
    if (t.calibrated) K::times(factor + d.offset * L, static_cast<const Real*>(sep + d.offset * L), inverse + d.offset * L, d.size * L);
  }

  /// Multiplies the message on edge e into clique p, every lane.
  void absorb(Eigen::Index e, Eigen::Index p) noexcept {
    const jt_edge& d = t.edges[at(e)];
    if (d.vars.empty()) return;  // another component: a number, normalised away
    K::template multiply<L>(pot + t.cliques[at(p)].offset * L, static_cast<const Real*>(pot + t.cliques[at(p)].offset * L),
                            t.map_of(e, p), t.maps.data(), factor_of(d));
  }

  /// jt_collector::rebuild in one lane: clique c reloaded and its received messages
  /// absorbed with a rescale after each, by the scalar kernels on a copy of the lane.
  void rebuild(Eigen::Index c, int l) noexcept {
    const jt_clique& cd = t.cliques[at(c)];
    Real* q = one_clique;
    if (cd.unit) std::fill(q, q + cd.size, Real(1));
    else
      for (Eigen::Index i = 0; i < cd.size; ++i) q[i] = init[(cd.offset + i) * L + l];
    for (variable_id v = ws.first_finding[at(c)]; v >= 0; v = ws.next_finding[at(v)]) {
      const auto i = at(v);
      const std::size_t j = position_of(cd, v);
      if (ws.hard[i] >= 0) jt_apply_hard(q, cd.size, cd.strides[j], cd.cards[j], ws.hard[i]);
      else jt_apply_likelihood(q, cd.size, cd.strides[j], cd.cards[j], ws.lambda.data() + t.soft_offset[i]);
    }
    for (const Eigen::Index e : cd.edges) {
      if (e == ws.pe[at(c)] || !ws.sent[at(e)]) continue;
      const jt_edge& d = t.edges[at(e)];
      if (d.vars.empty()) continue;
      for (Eigen::Index s = 0; s < d.size; ++s) {
        const Real m = sep[(d.offset + s) * L + l];
        one_sep[s] = t.calibrated ? m * inverse[(d.offset + s) * L + l] : m;
      }
      jt_multiply(q, t.map_of(e, c), t.maps.data(), static_cast<const Real*>(one_sep));
      const Real top = jt_max(q, cd.size);
      if ((top < rescale_below && top > 0) || top > rescale_above) jt_scale(q, cd.size, Real(1) / top);
    }
    for (Eigen::Index i = 0; i < cd.size; ++i) pot[(cd.offset + i) * L + l] = q[i];
  }

  /// Clique c sends its message to its parent in every lane (a lane finding P(e) = 0 dies),
  /// delivering it unless `deliver_now` is false.
  void send(Eigen::Index c, bool deliver_now = true) noexcept {
    const auto ci = at(c);
    const Eigen::Index e = ws.pe[ci];
    const bool sliced = t.calibrated && e >= 0 && !ws.loaded[ci] && !t.edges[at(e)].vars.empty() &&
                        slice_message(c, e, sep + t.edges[at(e)].offset * L);
    if (!sliced && !ws.loaded[ci]) load(c);
    if (e < 0) return;
    const jt_edge& d = t.edges[at(e)];
    Real* msg = sep + d.offset * L;
    if (ws.unit_sent[at(e)]) {
      std::fill(msg, msg + d.size * L, Real(1));
      set_factor(d);
      return;
    }
    const jt_clique& cd = t.cliques[ci];
    const jt_map& m = t.map_of(e, c);
    if (!sliced) K::template marginalise<L>(pot + cd.offset * L, m, t.maps.data(), msg, d.size);
    std::array<Real, L> z;
    K::template block_sum<L>(msg, d.size, z.data());
    bool any = false;  // a live lane to rebuild (rare): checked without a branch per lane
    for (int l = 0; l < L; ++l) {
      const bool live = alive[l] != 0, odd = suspect(z[l]);
      any |= live & odd;
    }
    for (int l = 0; any && l < L; ++l) {
      if (!alive[l] || !suspect(z[l])) continue;
      rebuild(c, l);
      for (Eigen::Index i = 0; i < cd.size; ++i) one_clique[i] = pot[(cd.offset + i) * L + l];
      jt_marginalise<false>(static_cast<const Real*>(one_clique), m, t.maps.data(), one_sep, d.size);
      for (Eigen::Index s = 0; s < d.size; ++s) msg[s * L + l] = one_sep[s];
      z[l] = jt_block_sum(static_cast<const Real*>(one_sep), d.size);
    }
    std::array<Real, L> f;
    bool scale = false;
    for (int l = 0; l < L; ++l) {  // a lane with z = 0 dies; a live one out of range is rescaled
      const Real x = z[l];
      const bool was = alive[l] != 0, positive = x > 0, small = x < message_low, large = x > message_high;
      const bool live = was & positive, out = live & (small | large);
      alive[l] = live;
      f[l] = out ? Real(1) / x : Real(1);
      scale |= out;
    }
    if (scale) K::template scale_lanes<L>(msg, d.size, f.data());
    set_factor(d);
    if (deliver_now) deliver(c);
  }

  /// The message c holds multiplied into its parent (loading the parent with it when first).
  void deliver(Eigen::Index c) noexcept {
    const auto ci = at(c);
    const Eigen::Index e = ws.pe[ci];
    const jt_edge& d = t.edges[at(e)];
    const Eigen::Index p = ws.par[ci];
    ws.sent[at(e)] = 1;
    if (ws.loaded[at(p)] || d.vars.empty()) {
      if (!ws.loaded[at(p)]) load(p);
      absorb(e, p);
      return;
    }
    load(p, e, factor_of(d));
  }

  /// jt_slice_message in every lane: c's message from its one hard finding's slice of the
  /// calibrated table; false where that shortcut does not apply.
  bool slice_message(Eigen::Index c, Eigen::Index e, Real* msg) noexcept {
    const variable_id v = ws.first_finding[at(c)];
    if (v < 0 || ws.next_finding[at(v)] >= 0 || ws.hard[at(v)] < 0) return false;
    const jt_map& m = t.map_of(e, c);
    if (m.outer != 1 || m.offset >= 0 || m.run_stride != 1) return false;
    const jt_clique& cd = t.cliques[at(c)];
    const std::size_t j = position_of(cd, v);
    const Eigen::Index stride = cd.strides[j], card = cd.cards[j], state = ws.hard[at(v)];
    const Eigen::Index inner = m.inner, period = stride * card;
    if (period > inner) return false;
    K::template slice_sums<L>(init + cd.offset * L, m.run, inner, period, stride, state, msg);
    return true;
  }

  /// Normalises the root table in every lane (a lane with total 0 dies).
  void finish() noexcept {
    const jt_clique& root = t.cliques[at(ws.root)];
    Real* p = pot + root.offset * L;
    std::array<Real, L> z;
    K::template block_sum<L>(p, root.size, z.data());
    for (int l = 0; l < L; ++l) {
      if (!alive[l] || !suspect(z[l])) continue;
      rebuild(ws.root, l);
      z[l] = jt_strided_block_sum(static_cast<const Real*>(p + l), root.size, Eigen::Index{L});
    }
    std::array<Real, L> inv;
    for (int l = 0; l < L; ++l) {
      if (!(z[l] > 0)) alive[l] = 0;
      inv[l] = alive[l] ? Real(1) / z[l] : Real(1);
    }
    K::template scale_lanes<L>(p, root.size, inv.data());
  }
};

}  // namespace detail

// ---------------------------------------------------------------------------------------
// Definitions

template <class Real, int Lanes>
basic_junction_tree_lanes<Real, Lanes>::basic_junction_tree_lanes(std::span<const network_type* const> nets,
                                                                  junction_tree_options options) {
  compile(nets, options);
}

template <class Real, int Lanes>
basic_junction_tree_lanes<Real, Lanes>::basic_junction_tree_lanes(std::span<const network_type> nets,
                                                                  junction_tree_options options) {
  std::vector<const network_type*> ptrs;
  for (const network_type& n : nets) ptrs.push_back(&n);
  compile(ptrs, options);
}

template <class Real, int Lanes>
void basic_junction_tree_lanes<Real, Lanes>::compile(std::span<const network_type* const> nets,
                                                     junction_tree_options options) {
  if (nets.empty() || nets.size() > static_cast<std::size_t>(Lanes))
    throw error("junction_tree_lanes: " + std::to_string(nets.size()) + " networks, expected 1 to " +
                std::to_string(Lanes));
  const network_type& first = *nets.front();
  for (std::size_t k = 1; k < nets.size(); ++k) {
    const network_type& other = *nets[k];
    const std::string where = "junction_tree_lanes: network " + std::to_string(k) + " ('" + other.name() + "')";
    if (other.size() != first.size())
      throw model_error(where + " has " + std::to_string(other.size()) + " variables, expected " +
                        std::to_string(first.size()));
    for (const variable_id v : first.variables()) {
      const std::string& name = first.variable(v).name;
      if (other.variable(v).name != name)
        throw model_error(where + ": variable " + std::to_string(v) + " is '" + other.variable(v).name +
                          "', expected '" + name + "'");
      if (other.cardinality(v) != first.cardinality(v))
        throw model_error(where + ": variable '" + name + "' has " + std::to_string(other.cardinality(v)) +
                          " states, expected " + std::to_string(first.cardinality(v)));
      const auto a = first.parents(v), b = other.parents(v);
      if (!std::equal(a.begin(), a.end(), b.begin(), b.end()))
        throw model_error(where + ": variable '" + name + "' has other parents than in the first network");
    }
  }
  m_net = std::make_shared<const network_type>(first);
  m_lanes = static_cast<int>(nets.size());
  const detail::jt_limits limits{options.max_clique_entries, options.memory_budget_bytes, options.relay_min_entries};
  detail::jt_problem<Real> p = detail::jt_network_problem(first);
  const elimination_result tri = greedy_elimination(p.adjacency, p.cards, options.heuristic);
  // The first network compiled in full; every lane's raw tables filled on that structure (the
  // same cliques, layouts and factor placement: the same numbers as each network's own
  // compilation along this triangulation), then calibrated: calibrated lanes when all
  // succeed, else raw lanes for all.
  detail::clique_tree<Real> work;
  work.compile(first, p, tri, limits);
  std::vector<std::vector<Eigen::Index>> cliques_of(p.cards.size());
  for (std::size_t k = 0; k < work.cliques.size(); ++k)
    for (const variable_id v : work.cliques[k].vars) cliques_of[detail::at(v)].push_back(static_cast<Eigen::Index>(k));
  const std::vector<Eigen::Index> assigned = detail::jt_assign_factors(work, first, p, cliques_of);
  const std::size_t entries = work.init.size();
  std::vector<Real> raw(entries * Lanes), cal(entries * Lanes);
  std::vector<Real> inverse;
  bool all = true;
  for (int l = 0; l < m_lanes; ++l) {
    const auto lane = static_cast<std::size_t>(l);
    if (l > 0) {  // the tables of network l on the structure (clique_tree::compile's last steps)
      for (const variable_id v : first.variables()) p.factors[detail::at(v)] = &nets[lane]->cpt(v);
      work.scale_log.assign(work.cliques.size(), 0.0);
      work.calibrated = false;
      work.prior_sep.clear();
      work.prior_inverse.clear();
      detail::jt_fill_tables(work, p, assigned);
    }
    m_underflow[lane] = work.underflow;
    for (std::size_t i = 0; i < entries; ++i) raw[i * Lanes + lane] = work.init[i];
    if (!all) continue;
    detail::jt_calibrate(work);
    all = work.calibrated;
    if (!all) continue;
    for (std::size_t i = 0; i < entries; ++i) cal[i * Lanes + lane] = work.init[i];
    if (inverse.empty()) inverse.assign(work.prior_inverse.size() * Lanes, Real(0));
    for (std::size_t i = 0; i < work.prior_inverse.size(); ++i) inverse[i * Lanes + lane] = work.prior_inverse[i];
    if (l == 0) m_tree = work;  // the shared structure as calibrated (no unit cliques)
  }
  if (!all) {  // raw lanes for all: the first network's raw structure
    work.compile(first, detail::jt_network_problem(first), tri, limits);
    m_tree = std::move(work);
  }
  // Unused lanes repeat the first network's numbers.
  std::vector<Real>& use = all ? cal : raw;
  for (int l = m_lanes; l < Lanes; ++l)
    for (std::size_t i = 0; i < entries; ++i) use[i * Lanes + static_cast<std::size_t>(l)] = use[i * Lanes];
  if (all)
    for (int l = m_lanes; l < Lanes; ++l)
      for (std::size_t i = 0; i < inverse.size() / Lanes; ++i)
        inverse[i * Lanes + static_cast<std::size_t>(l)] = inverse[i * Lanes];
  m_init.resize(entries * Lanes);
  std::copy(use.begin(), use.end(), m_init.begin());
  m_inverse = all ? std::move(inverse) : std::vector<Real>{};
  // The shared tree keeps its structure only: its tables are the lanes'.
  m_tree.init = {};
  m_tree.prior_sep.clear();
  m_tree.prior_inverse.clear();
}

template <class Real, int Lanes>
typename basic_junction_tree_lanes<Real, Lanes>::workspace basic_junction_tree_lanes<Real, Lanes>::make_workspace() const {
  workspace ws;
  ws.m_state.init(m_tree);
  ws.m_state.pot = {};  // the lanes' tables are m_pot
  Eigen::Index entries = 0, largest = 1;
  for (const detail::jt_clique& c : m_tree.cliques) {
    entries += c.size;
    largest = std::max(largest, c.size);
  }
  ws.m_pot.resize(detail::at(entries * Lanes));
  ws.m_sep.assign(detail::at(m_tree.separator_entries * Lanes), Real(1));
  ws.m_factor.resize(m_tree.calibrated ? detail::at(m_tree.separator_entries * Lanes) : 0);
  ws.m_one_clique.assign(detail::at(largest), Real(0));
  ws.m_one_sep.assign(detail::at(m_tree.largest_separator), Real(0));
  return ws;
}

template <class Real, int Lanes>
void basic_junction_tree_lanes<Real, Lanes>::clear_evidence(workspace& ws) const noexcept {
  ws.m_state.clear();
  ws.m_ready = false;
}

template <class Real, int Lanes>
void basic_junction_tree_lanes<Real, Lanes>::observe(workspace& ws, variable_id v, Eigen::Index state) const {
  detail::jt_check_variable(*m_net, v);
  if (state < 0 || state >= m_net->cardinality(v))
    throw evidence_error("state index " + std::to_string(state) + " out of range for '" + m_net->variable(v).name + "'");
  ws.m_state.add_hard(v, state);
  ws.m_ready = false;
}

template <class Real, int Lanes>
void basic_junction_tree_lanes<Real, Lanes>::likelihood(workspace& ws, variable_id v, std::span<const double> lambda) const {
  detail::jt_check_likelihood(*m_net, v, lambda);
  ws.m_state.add_soft(m_tree, v, lambda);
  ws.m_ready = false;
}

template <class Real, int Lanes>
void basic_junction_tree_lanes<Real, Lanes>::set_evidence(workspace& ws, const resolved_evidence& seen) const {
  ws.m_ready = false;
  detail::jt_set_evidence(*m_net, m_tree, ws.m_state, seen);
}

template <class Real, int Lanes>
template <class Kernels>
detail::jt_lane_collector<Real, Lanes, Kernels> basic_junction_tree_lanes<Real, Lanes>::collector(workspace& ws) const {
  for (int l = 0; l < Lanes; ++l) ws.m_possible[static_cast<std::size_t>(l)] = 1;
  return {m_tree,          m_init.data(),    m_inverse.data(),       ws.m_state,          ws.m_pot.data(),
          ws.m_sep.data(), ws.m_factor.data(), ws.m_one_clique.data(), ws.m_one_sep.data(), ws.m_possible};
}

template <class Real, int Lanes>
void basic_junction_tree_lanes<Real, Lanes>::propagate_to(workspace& ws, variable_id target) const {
  detail::jt_check_variable(*m_net, target);
  detail::jt_state<Real>& st = ws.m_state;
  st.forget_base();  // never an incremental base for the scalar functions
  detail::jt_traverse(m_tree, st, m_tree.home[detail::at(target)]);
  std::fill(st.loaded.begin(), st.loaded.end(), 0);
  std::fill(st.sent.begin(), st.sent.end(), 0);
  (void)detail::jt_mark_skipped(m_tree, st, true, true);
  detail::jt_with_lane_kernels([&](auto kernels) {
    auto run = collector<decltype(kernels)>(ws);
    for (std::size_t i = st.visit.size(); i-- > 0;) run.send(st.visit[i]);
    run.finish();
  });
  bool all = true;
  for (int l = 0; l < Lanes; ++l) all = all && ws.m_possible[static_cast<std::size_t>(l)];
  st.base_root = all ? st.root : -1;  // forget_base() above cleared the changes
  ws.m_resent = -1;
  ws.m_base = all && m_tree.calibrated;
  st.kind = detail::jt_kind::target;
  ws.m_ready = true;
}

template <class Real, int Lanes>
void basic_junction_tree_lanes<Real, Lanes>::retract(workspace& ws, variable_id v) const {
  detail::jt_check_variable(*m_net, v);
  ws.m_state.remove(v);
  ws.m_ready = false;
}

template <class Real, int Lanes>
void basic_junction_tree_lanes<Real, Lanes>::update_to(workspace& ws, variable_id target) const {
  detail::jt_check_variable(*m_net, target);
  detail::jt_state<Real>& st = ws.m_state;
  const Eigen::Index root = m_tree.home[detail::at(target)];
  if (!m_tree.calibrated || !ws.m_base || st.base_root != root) {
    propagate_to(ws, target);
    return;
  }
  if (st.changed.empty()) {  // the same findings: the root tables are the answer already
    ws.m_ready = true;
    ws.m_resent = 0;
    return;
  }
  // jt_update_target's steps (incremental.hpp), with the lanes' collector.
  constexpr char resend = 1, holder = 2;
  const std::size_t nc = m_tree.cliques.size();
  if (st.pos_root != root) {
    for (std::size_t i = 0; i < nc; ++i) st.ord_pos[detail::at(st.ord[i])] = static_cast<Eigen::Index>(i);
    st.pos_root = root;
  }
  auto parent = [&](Eigen::Index c) { return st.pe[detail::at(c)] >= 0 ? st.par[detail::at(c)] : Eigen::Index{-1}; };
  auto mark = [&](Eigen::Index c, char bits) {
    if (!st.dirty[detail::at(c)]) st.dirty_list.push_back(c);
    st.dirty[detail::at(c)] |= bits;
  };
  for (const variable_id v : st.changed) {
    const Eigen::Index h = detail::jt_finding_home(m_tree, root, v);
    const int now = st.hard[detail::at(v)] >= 0 || st.soft[detail::at(v)], was = st.changed_had[detail::at(v)];
    for (Eigen::Index c = h; c >= 0; c = parent(c)) {
      st.evidence_below[detail::at(c)] += now - was;
      mark(c, resend);
    }
    st.dirty[detail::at(h)] |= holder;
  }
  for (const Eigen::Index c : st.dirty_list)
    if (st.dirty[detail::at(c)] & holder) st.first_finding[detail::at(c)] = -1;
  for (const variable_id v : st.observed) {
    const Eigen::Index h = detail::jt_finding_home(m_tree, root, v);
    if (!(st.dirty[detail::at(h)] & holder)) continue;
    st.next_finding[detail::at(v)] = st.first_finding[detail::at(h)];
    st.first_finding[detail::at(h)] = v;
    st.finding_clique[detail::at(v)] = h;
  }
  std::sort(st.dirty_list.begin(), st.dirty_list.end(),
            [&](Eigen::Index a, Eigen::Index b) { return st.ord_pos[detail::at(a)] > st.ord_pos[detail::at(b)]; });
  for (const Eigen::Index c : st.dirty_list) {
    st.loaded[detail::at(c)] = 0;
    st.skip[detail::at(c)] = st.pe[detail::at(c)] >= 0 && st.evidence_below[detail::at(c)] == 0;
    for (const Eigen::Index e : m_tree.cliques[detail::at(c)].edges)
      if (e != st.pe[detail::at(c)]) st.sent[detail::at(e)] = 0;
  }
  Eigen::Index resent = 0;
  detail::jt_with_lane_kernels([&](auto kernels) {
    auto run = collector<decltype(kernels)>(ws);
    for (const Eigen::Index c : st.dirty_list) {
      if (st.skip[detail::at(c)]) continue;  // now evidence-free: skipped, as a full collect would
      st.children.clear();
      for (const Eigen::Index e : m_tree.cliques[detail::at(c)].edges) {
        if (e == st.pe[detail::at(c)]) continue;
        const detail::jt_edge& d = m_tree.edges[detail::at(e)];
        const Eigen::Index child = d.a == c ? d.b : d.a;
        if (st.evidence_below[detail::at(child)] > 0) st.children.push_back(child);
      }
      std::sort(st.children.begin(), st.children.end(),
                [&](Eigen::Index a, Eigen::Index b) { return st.ord_pos[detail::at(a)] > st.ord_pos[detail::at(b)]; });
      for (const Eigen::Index child : st.children) run.deliver(child);
      run.send(c, false);
      ++resent;
    }
    run.finish();
  });
  for (const Eigen::Index c : st.dirty_list) st.dirty[detail::at(c)] = 0;
  st.dirty_list.clear();
  st.forget_base();
  bool all = true;
  for (int l = 0; l < Lanes; ++l) all = all && ws.m_possible[static_cast<std::size_t>(l)];
  st.base_root = all ? root : -1;
  ws.m_base = all;
  ws.m_resent = resent;
  st.kind = detail::jt_kind::target;
  ws.m_ready = true;
}

template <class Real, int Lanes>
bool basic_junction_tree_lanes<Real, Lanes>::possible(const workspace& ws, int lane) const noexcept {
  return ws.m_ready && lane >= 0 && lane < m_lanes && ws.m_possible[static_cast<std::size_t>(lane)];
}

template <class Real, int Lanes>
std::size_t basic_junction_tree_lanes<Real, Lanes>::root_position(const workspace& ws, variable_id v, const char* who) const {
  const detail::jt_clique& c = m_tree.cliques[detail::at(ws.m_state.root)];
  std::size_t j = 0;
  while (j < c.vars.size() && c.vars[j] != v) ++j;
  if (j == c.vars.size())
    throw error(std::string("junction_tree_lanes::") + who + ": '" + m_net->variable(v).name +
                "' is not covered by the last propagate_to()");
  return j;
}

template <class Real, int Lanes>
void basic_junction_tree_lanes<Real, Lanes>::marginals(const workspace& ws, variable_id v, std::span<Real> out) const {
  detail::jt_check_variable(*m_net, v);
  const Eigen::Index k = m_net->cardinality(v);
  if (static_cast<Eigen::Index>(out.size()) < k * m_lanes)
    throw error("junction_tree_lanes::marginals: output span too small");
  if (!ws.m_ready) throw error("junction_tree_lanes::marginals: no propagation with these findings yet");
  const detail::jt_state<Real>& st = ws.m_state;
  for (int l = 0; l < m_lanes; ++l)
    if (!ws.m_possible[static_cast<std::size_t>(l)])
      detail::jt_throw_impossible(*m_net, st, m_underflow[static_cast<std::size_t>(l)] != 0);
  if (st.hard[detail::at(v)] >= 0) {
    std::fill(out.begin(), out.begin() + k * m_lanes, Real(0));
    for (int l = 0; l < m_lanes; ++l) out[detail::at(l * k + st.hard[detail::at(v)])] = Real(1);
    return;
  }
  const detail::jt_clique& c = m_tree.cliques[detail::at(st.root)];
  const std::size_t j = root_position(ws, v, "marginals");
  // marginal()'s sums, every lane at once: per state, its blocks in the same order.
  const Real* table = ws.m_pot.data() + c.offset * Lanes;
  const Eigen::Index stride = c.strides[j], block = stride * k;
  detail::jt_with_lane_kernels([&](auto kernels) {
    using kernel_set = decltype(kernels);
    std::array<Real, Lanes> sum, part;
    for (Eigen::Index s = 0; s < k; ++s) {
      sum.fill(Real(0));
      for (Eigen::Index r = 0; r < c.size; r += block) {
        kernel_set::template block_sum<Lanes>(table + (r + s * stride) * Lanes, stride, part.data());
        for (int l = 0; l < Lanes; ++l) sum[detail::at(l)] += part[detail::at(l)];
      }
      for (int l = 0; l < m_lanes; ++l) out[detail::at(l * k + s)] = sum[detail::at(l)];
    }
  });
  for (int l = 0; l < m_lanes; ++l) {
    Real* o = out.data() + l * k;
    const Real inv = Real(1) / detail::jt_block_sum(static_cast<const Real*>(o), k);
    for (Eigen::Index s = 0; s < k; ++s) o[s] *= inv;
  }
}

template <class Real, int Lanes>
void basic_junction_tree_lanes<Real, Lanes>::marginal(const workspace& ws, variable_id v, int lane,
                                                      std::span<Real> out) const {
  detail::jt_check_variable(*m_net, v);
  if (lane < 0 || lane >= m_lanes)
    throw error("junction_tree_lanes::marginal: lane " + std::to_string(lane) + " out of range (" +
                std::to_string(m_lanes) + " lanes)");
  const Eigen::Index k = m_net->cardinality(v);
  if (static_cast<Eigen::Index>(out.size()) < k) throw error("junction_tree_lanes::marginal: output span too small");
  if (!ws.m_ready) throw error("junction_tree_lanes::marginal: no propagation with these findings yet");
  const detail::jt_state<Real>& st = ws.m_state;
  if (!ws.m_possible[static_cast<std::size_t>(lane)])
    detail::jt_throw_impossible(*m_net, st, m_underflow[static_cast<std::size_t>(lane)] != 0);
  if (st.hard[detail::at(v)] >= 0) {
    std::fill(out.begin(), out.begin() + k, Real(0));
    out[detail::at(st.hard[detail::at(v)])] = Real(1);
    return;
  }
  const detail::jt_clique& c = m_tree.cliques[detail::at(st.root)];
  const std::size_t j = root_position(ws, v, "marginal");
  // jt_variable_marginal and jt_marginal's normalisation, on one lane.
  const Real* table = ws.m_pot.data() + c.offset * Lanes + lane;
  const Eigen::Index stride = c.strides[j], block = stride * k;
  std::fill(out.begin(), out.begin() + k, Real(0));
  for (Eigen::Index r = 0; r < c.size; r += block)
    for (Eigen::Index s = 0; s < k; ++s)
      out[detail::at(s)] += detail::jt_strided_block_sum(table + (r + s * stride) * Lanes, stride, Eigen::Index{Lanes});
  const Real inv = Real(1) / detail::jt_block_sum(out.data(), k);
  for (Eigen::Index s = 0; s < k; ++s) out[detail::at(s)] *= inv;
}

}  // namespace pitchrisk
