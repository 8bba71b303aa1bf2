// SPDX-License-Identifier: MIT
// Reading a propagated clique_tree: the posterior of one variable (from its smallest
// table), of a family (from the clique its CPT went to, in the CPT's layout, with no
// allocation), and the joint posterior of any set of variables (from one clique holding
// them, else by elimination over the calibrated subtree joining their cliques).
#pragma once

#include "pitchrisk/core/factor.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/junction_tree/clique_tree.hpp"
#include "pitchrisk/inference/junction_tree/kernels.hpp"
#include "pitchrisk/inference/junction_tree/workspace.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <span>
#include <vector>

namespace pitchrisk::detail {

/// Unnormalised posterior of v (card k) from its smallest table after a full propagation,
/// or from the root after a single-target one; false if that table does not hold v.
template <class Real>
bool jt_read_marginal(const clique_tree<Real>& t, const jt_state<Real>& ws, variable_id v, Eigen::Index k, Real* out) noexcept;
/// Family of v after a full propagation, summed into out[base + ...] in the layout of its
/// CPT (out zeroed first over `size` entries). No allocation.
template <class Real>
void jt_read_family(const clique_tree<Real>& t, const jt_state<Real>& ws, variable_id v, Eigen::Index base,
                    Eigen::Index size, Real* out) noexcept;
/// P(keep | e) after a full propagation (`keep` sorted, unobserved variables of the tree).
template <class Real>
[[nodiscard]] basic_factor<Real> jt_joint(const clique_tree<Real>& t, const jt_state<Real>& ws,
                                          const std::vector<variable_id>& keep);
/// The posterior of v, normalised, to out[0..card) after a propagation of `ws` on the
/// compiled tree `t` (or its reduced tree). Throws: error if that does not cover v.
template <class Real>
void jt_marginal(const basic_network<Real>& net, const clique_tree<Real>& t, const jt_state<Real>& ws, variable_id v,
                 std::span<Real> out);
/// P(v, parents(v) | e), normalised, in the layout of net.cpt(v), after a full propagation.
/// No allocation. Throws: error if the last propagation was not a full one.
template <class Real>
void jt_family_marginal(const basic_network<Real>& net, const clique_tree<Real>& t, const jt_state<Real>& ws,
                        variable_id v, std::span<Real> out);
/// P(vars | e) (sorted, distinct) after a full propagation; observed variables as point masses.
template <class Real>
[[nodiscard]] basic_factor<Real> jt_joint_posterior(const basic_network<Real>& net, const clique_tree<Real>& t,
                                                    const jt_state<Real>& ws, const std::vector<variable_id>& vars);

// ---------------------------------------------------------------------------------------
// Definitions

template <class Real>
bool jt_read_marginal(const clique_tree<Real>& t, const jt_state<Real>& ws, variable_id v, Eigen::Index k, Real* out) noexcept {
  const Real* table = nullptr;
  Eigen::Index size = 0, stride = 1;
  if (ws.kind == jt_kind::all) {
    const jt_host& h = t.host[at(v)];
    if (h.in_separator) {
      const jt_edge& d = t.edges[at(h.index)];
      table = ws.sep.data() + d.offset;
      size = d.size;
    } else {
      const jt_clique& c = t.cliques[at(h.index)];
      table = ws.pot.data() + c.offset;
      size = c.size;
    }
    stride = h.stride;
  } else {
    const jt_clique& c = t.cliques[at(ws.root)];
    std::size_t j = 0;
    while (j < c.vars.size() && c.vars[j] != v) ++j;
    if (j == c.vars.size()) return false;
    table = ws.pot.data() + c.offset;
    size = c.size;
    stride = c.strides[j];
  }
  jt_variable_marginal(table, size, stride, k, out);
  return true;
}

template <class Real>
void jt_read_family(const clique_tree<Real>& t, const jt_state<Real>& ws, variable_id v, Eigen::Index base,
                    Eigen::Index size, Real* out) noexcept {
  const jt_clique& c = t.cliques[at(t.family_home[at(v)])];
  const Real* pot = ws.pot.data() + c.offset;
  std::fill(out, out + size, Real(0));
  Real* o = out + base;
  const std::span<const Eigen::Index> strides(t.family_strides.data() + t.family_offset[at(v)], c.vars.size());
  jt_for_each_run(std::span<const Eigen::Index>(c.cards), strides,
                  [&](Eigen::Index first, Eigen::Index count, Eigen::Index off, Eigen::Index stride) {
                    if (stride == 0) {
                      o[off] += jt_block_sum(pot + first, count);
                      return;
                    }
                    for (Eigen::Index k = 0; k < count; ++k) o[off + k * stride] += pot[first + k];
                  });
}

/// Table c of `ws` summed onto `vars` (sorted, all in c), normalised.
template <class Real>
basic_factor<Real> jt_project(const clique_tree<Real>& t, const jt_state<Real>& ws, Eigen::Index c,
                              const std::vector<variable_id>& vars) {
  const jt_clique& cd = t.cliques[at(c)];
  std::vector<Eigen::Index> cards;
  for (const variable_id u : vars) cards.push_back(cd.cards[position_of(cd, u)]);
  const std::vector<Eigen::Index> out_strides = natural_strides(cards);
  std::vector<Eigen::Index> strides(cd.vars.size(), 0);
  for (std::size_t i = 0; i < vars.size(); ++i) strides[position_of(cd, vars[i])] = out_strides[i];
  Eigen::Index size = 1;
  for (const Eigen::Index k : cards) size *= k;
  Eigen::Array<Real, Eigen::Dynamic, 1> values = Eigen::Array<Real, Eigen::Dynamic, 1>::Zero(size);
  const Real* pot = ws.pot.data() + cd.offset;
  Real* o = values.data();
  jt_for_each_run(std::span<const Eigen::Index>(cd.cards), std::span<const Eigen::Index>(strides),
                  [&](Eigen::Index first, Eigen::Index count, Eigen::Index off, Eigen::Index stride) {
                    for (Eigen::Index k = 0; k < count; ++k) o[off + k * stride] += pot[first + k];
                  });
  basic_factor<Real> f(vars, std::move(cards), std::move(values));
  normalize(f);
  return f;
}

/// The message of clique c (in the subtree of `marked` cliques) towards its parent:
/// P(c | e) times what its children sent, over the separator marginal, with every variable
/// neither queried nor shared with the parent summed out.
template <class Real>
basic_factor<Real> jt_subtree_message(const clique_tree<Real>& t, const jt_state<Real>& ws, Eigen::Index c,
                                      Eigen::Index up, const std::vector<char>& marked,
                                      const std::vector<variable_id>& keep, const basic_factor<Real>& incoming) {
  const jt_clique& cd = t.cliques[at(c)];
  std::vector<variable_id> needed;  // the query and every separator to a marked neighbour
  for (const variable_id u : cd.vars)
    if (std::binary_search(keep.begin(), keep.end(), u)) needed.push_back(u);
  for (const Eigen::Index e : cd.edges) {
    const jt_edge& d = t.edges[at(e)];
    if (marked[at(d.a == c ? d.b : d.a)]) needed.insert(needed.end(), d.vars.begin(), d.vars.end());
  }
  std::sort(needed.begin(), needed.end());
  needed.erase(std::unique(needed.begin(), needed.end()), needed.end());
  basic_factor<Real> f = multiply(jt_project(t, ws, c, needed), incoming);
  std::vector<variable_id> pass(keep);
  if (up >= 0) {
    const jt_edge& d = t.edges[at(up)];
    if (!d.vars.empty()) {
      std::vector<Eigen::Index> cards;
      for (const variable_id u : d.vars) cards.push_back(cd.cards[position_of(cd, u)]);
      const Eigen::Map<const Eigen::Array<Real, Eigen::Dynamic, 1>> sep(ws.sep.data() + d.offset, d.size);
      basic_factor<Real> inverse = from_layout<Real>(d.vars, cards, sep);
      for (Eigen::Index k = 0; k < inverse.size(); ++k)
        inverse.values()[k] = inverse.values()[k] > Real(0) ? Real(1) / inverse.values()[k] : Real(0);
      f = multiply(f, inverse);
    }
    pass.insert(pass.end(), d.vars.begin(), d.vars.end());
  }
  for (const variable_id u : std::vector<variable_id>(f.scope()))
    if (std::find(pass.begin(), pass.end(), u) == pass.end()) f = sum_out(f, u);
  return f;
}

template <class Real>
basic_factor<Real> jt_joint(const clique_tree<Real>& t, const jt_state<Real>& ws, const std::vector<variable_id>& keep) {
  if (keep.empty()) return basic_factor<Real>();
  const std::size_t nc = t.cliques.size();
  // 1. One clique holding them all: the smallest such.
  Eigen::Index best = -1;
  for (std::size_t k = 0; k < nc; ++k) {
    const auto& vars = t.cliques[k].vars;
    const bool holds = std::all_of(keep.begin(), keep.end(),
                                   [&](variable_id u) { return std::find(vars.begin(), vars.end(), u) != vars.end(); });
    if (holds && (best < 0 || t.cliques[k].size < t.cliques[at(best)].size)) best = static_cast<Eigen::Index>(k);
  }
  if (best >= 0) return jt_project(t, ws, best, keep);
  // 2. The subtree joining a clique of each: P(keep | e) is the sum over its other variables
  //    of the product of its clique marginals over its separator marginals, eliminated from
  //    the leaves up.
  const Eigen::Index root = t.home[at(keep.front())];
  std::vector<Eigen::Index> order(nc), parent_edge(nc), parent(nc);
  t.rooted_order(root, order.data(), parent_edge.data(), parent.data());
  std::vector<char> marked(nc, 0);
  for (const variable_id u : keep)
    for (Eigen::Index k = t.home[at(u)]; k >= 0 && !marked[at(k)]; k = parent[at(k)]) marked[at(k)] = 1;
  std::vector<basic_factor<Real>> incoming(nc);
  for (std::size_t i = nc; i-- > 1;) {
    const Eigen::Index c = order[i];
    if (!marked[at(c)]) continue;
    const basic_factor<Real> msg = jt_subtree_message(t, ws, c, parent_edge[at(c)], marked, keep, incoming[at(c)]);
    incoming[at(parent[at(c)])] = multiply(incoming[at(parent[at(c)])], msg);
  }
  return jt_subtree_message(t, ws, root, Eigen::Index{-1}, marked, keep, incoming[at(root)]);
}

template <class Real>
void jt_marginal(const basic_network<Real>& net, const clique_tree<Real>& t, const jt_state<Real>& ws, variable_id v,
                 std::span<Real> out) {
  jt_check_variable(net, v);
  const Eigen::Index k = net.cardinality(v);
  if (static_cast<Eigen::Index>(out.size()) < k) throw error("junction_tree::marginal: output span too small");
  if (ws.kind != jt_kind::all && ws.kind != jt_kind::target)
    throw error("junction_tree::marginal: no propagation with these findings yet");
  if (ws.hard[at(v)] >= 0) {
    std::fill(out.begin(), out.begin() + k, Real(0));
    out[at(ws.hard[at(v)])] = Real(1);
    return;
  }
  if (!jt_read_marginal(jt_active_tree(t, ws), jt_active_state(ws), v, k, out.data()))
    throw error("junction_tree::marginal: '" + net.variable(v).name + "' is not covered by the last propagate_to()");
  const Real inv = Real(1) / jt_block_sum(out.data(), k);
  for (Eigen::Index s = 0; s < k; ++s) out[at(s)] *= inv;
}

template <class Real>
void jt_family_marginal(const basic_network<Real>& net, const clique_tree<Real>& t, const jt_state<Real>& ws,
                        variable_id v, std::span<Real> out) {
  jt_check_variable(net, v);
  const basic_factor<Real>& cpt = net.cpt(v);
  if (static_cast<Eigen::Index>(out.size()) < cpt.size()) throw error("junction_tree::family_marginal: output span too small");
  if (ws.kind != jt_kind::all)
    throw error("junction_tree::family_marginal: needs propagate() with these findings first (family of '" +
                net.variable(v).name + "')");
  Eigen::Index base = 0;  // the reduced tree holds no observed variable: their states go here
  if (ws.on_reduced)
    for (const variable_id u : cpt.scope())
      if (ws.hard[at(u)] >= 0) base += ws.hard[at(u)] * cpt.stride(u);
  jt_read_family(jt_active_tree(t, ws), jt_active_state(ws), v, base, cpt.size(), out.data());
  const Real z = jt_block_sum(out.data(), cpt.size());
  if (!(z > Real(0)))
    throw evidence_error("junction_tree::family_marginal: the family of '" + net.variable(v).name + "' has zero mass");
  for (Eigen::Index k = 0; k < cpt.size(); ++k) out[at(k)] /= z;
}

template <class Real>
basic_factor<Real> jt_joint_posterior(const basic_network<Real>& net, const clique_tree<Real>& t,
                                      const jt_state<Real>& ws, const std::vector<variable_id>& vars) {
  std::vector<variable_id> keep;
  for (const variable_id v : vars)
    if (ws.hard[at(v)] < 0) keep.push_back(v);
  basic_factor<Real> r = jt_joint(jt_active_tree(t, ws), jt_active_state(ws), keep);
  for (const variable_id v : vars) {  // observed variables become point masses
    if (ws.hard[at(v)] < 0) continue;
    basic_factor<Real> point = basic_factor<Real>::filled({v}, {net.cardinality(v)}, Real(0));
    point.values()[ws.hard[at(v)]] = Real(1);
    r = multiply(r, point);
  }
  normalize(r);
  return r;
}

}  // namespace pitchrisk::detail
