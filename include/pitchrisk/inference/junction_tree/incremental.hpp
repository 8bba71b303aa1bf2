// SPDX-License-Identifier: MIT
// Incremental target propagation: after a collect towards a target's clique (the root), the
// state holds every visited clique's message towards the root. When findings change, only
// the cliques holding changed findings and their ancestors need new messages; every other
// visited subtree's message is what it was. The update runs the collect's own loop over the
// same cliques in the same order, sending from the changed cliques and only delivering the
// kept messages of the others into changed parents, then sums the recorded log-scale terms
// of every visited clique in the collect's order: the same operations on the same numbers,
// so the root table and log P(e) are bit-identical to a full collect's.
#pragma once

#include "pitchrisk/inference/junction_tree/clique_tree.hpp"
#include "pitchrisk/inference/junction_tree/propagation.hpp"
#include "pitchrisk/inference/junction_tree/workspace.hpp"

#include <Eigen/Core>

#include <algorithm>

namespace pitchrisk::detail {

/// The clique where a traversal rooted at `root` applies v's finding (as jt_traverse).
template <class Real>
[[nodiscard]] Eigen::Index jt_finding_home(const clique_tree<Real>& t, Eigen::Index root, variable_id v) noexcept {
  const std::size_t n = t.home.size();
  if (!t.rooted_top.empty()) return t.rooted_top[n * at(root) + at(v)];
  if (root == t.root) return t.root_top[at(v)];
  return t.home[at(v)];
}

/// Collect towards target's clique reusing the messages of the last target collect of `ws`
/// towards the same clique (calibrated tables only). Returns true when it answered (as
/// jt_run(target) would have, bit for bit); false when there is no such base or it found
/// P(e) = 0, and then the caller runs the full propagation (which also reports P(e) = 0).
/// Cost: the changed findings, the findings' list, and the cliques re-sent with their
/// children; nothing in proportion to the whole tree (but summing log P(e) again where
/// messages were rescaled). No allocation.
template <class Real>
[[nodiscard]] bool jt_update_target(const clique_tree<Real>& t, jt_state<Real>& ws, variable_id target) noexcept {
  constexpr char resend = 1, holder = 2, had_terms = 4;
  const Eigen::Index root = t.home[at(target)];
  if (!t.calibrated || ws.base_root != root) return false;
  if (ws.changed.empty()) {  // the same findings: the root table is the answer already
    ws.kind = jt_kind::target;
    ws.on_reduced = false;
    ws.recomputed = 0;
    return true;
  }
  const std::size_t nc = t.cliques.size();
  if (ws.pos_root != root) {  // positions in this rooting's traversal (kept per root)
    for (std::size_t i = 0; i < nc; ++i) ws.ord_pos[at(ws.ord[i])] = static_cast<Eigen::Index>(i);
    ws.pos_root = root;
  }
  if (ws.term_cliques < 0) {  // first update after a full collect (its skip marks are intact):
    ws.term_cliques = 0;      // from now on, a clique the collect skips records no terms
    for (std::size_t c = 0; c < nc; ++c) {
      if (ws.skip[c]) ws.log_term_count[c] = 0;
      ws.term_cliques += ws.log_term_count[c] > 0;
    }
  }
  auto parent = [&](Eigen::Index c) { return ws.pe[at(c)] >= 0 ? ws.par[at(c)] : Eigen::Index{-1}; };
  auto mark = [&](Eigen::Index c, char bits) {
    if (!ws.dirty[at(c)]) ws.dirty_list.push_back(c);
    ws.dirty[at(c)] |= bits;
  };
  // 1. Evidence counts below each clique, the cliques whose findings changed (holders) and
  //    their ancestors (re-sent).
  for (const variable_id v : ws.changed) {
    const Eigen::Index h = jt_finding_home(t, root, v);
    const int now = ws.hard[at(v)] >= 0 || ws.soft[at(v)], was = ws.changed_had[at(v)];
    for (Eigen::Index c = h; c >= 0; c = parent(c)) {
      ws.evidence_below[at(c)] += now - was;
      mark(c, resend);
    }
    ws.dirty[at(h)] |= holder;
  }
  // 2. The holders' finding lists, as jt_traverse builds them (observed order, reversed).
  for (const Eigen::Index c : ws.dirty_list)
    if (ws.dirty[at(c)] & holder) ws.first_finding[at(c)] = -1;
  for (const variable_id v : ws.observed) {
    const Eigen::Index h = jt_finding_home(t, root, v);
    if (!(ws.dirty[at(h)] & holder)) continue;
    ws.next_finding[at(v)] = ws.first_finding[at(h)];
    ws.first_finding[at(h)] = v;
    ws.finding_clique[at(v)] = h;
  }
  // 3. Re-sent cliques deepest first; they receive their children's messages afresh.
  std::sort(ws.dirty_list.begin(), ws.dirty_list.end(),
            [&](Eigen::Index a, Eigen::Index b) { return ws.ord_pos[at(a)] > ws.ord_pos[at(b)]; });
  for (const Eigen::Index c : ws.dirty_list) {
    ws.loaded[at(c)] = 0;
    ws.skip[at(c)] = ws.pe[at(c)] >= 0 && ws.evidence_below[at(c)] == 0;
    if (ws.log_term_count[at(c)] > 0) ws.dirty[at(c)] |= had_terms;
    for (const Eigen::Index e : t.cliques[at(c)].edges)
      if (e != ws.pe[at(c)]) ws.sent[at(e)] = 0;
  }
  // 4. Each re-sent clique: its visited children's messages multiplied in the collect's
  //    order (reverse traversal order; a re-sent child's terms of log P(e) recorded under
  //    it, a kept one's already are), then its own message computed.
  jt_collector<false, Real> run{t, ws};
  bool ok = true;
  Eigen::Index sent = 0;
  for (const Eigen::Index c : ws.dirty_list) {
    if (ws.skip[at(c)]) {  // now evidence-free: skipped, as a full collect would
      ws.log_term_count[at(c)] = 0;
      continue;
    }
    ws.children.clear();
    for (const Eigen::Index e : t.cliques[at(c)].edges) {
      if (e == ws.pe[at(c)]) continue;
      const jt_edge& d = t.edges[at(e)];
      const Eigen::Index child = d.a == c ? d.b : d.a;
      if (ws.evidence_below[at(child)] > 0) ws.children.push_back(child);
    }
    std::sort(ws.children.begin(), ws.children.end(),
              [&](Eigen::Index a, Eigen::Index b) { return ws.ord_pos[at(a)] > ws.ord_pos[at(b)]; });
    for (const Eigen::Index child : ws.children) {
      run.current = ws.dirty[at(child)] ? child : Eigen::Index{-1};
      run.deliver(child);
    }
    ++sent;
    if (!run.send(c, false)) {
      ok = false;
      break;
    }
  }
  if (ok) {
    for (const Eigen::Index c : ws.dirty_list)
      ws.term_cliques += (ws.log_term_count[at(c)] > 0) - ((ws.dirty[at(c)] & had_terms) != 0);
    // 5. log P(e): every visited clique's terms, in the collect's order (none: 0).
    double log_z = 0;
    if (ws.term_cliques > 0)
      for (std::size_t i = nc; i-- > 0;) {
        const auto c = at(ws.ord[i]);
        if (ws.pe[c] >= 0 && ws.evidence_below[c] == 0) continue;
        const double* terms = ws.log_terms.data() + ws.log_term_begin[c];
        for (Eigen::Index k = 0; k < ws.log_term_count[c]; ++k) log_z += terms[k];
      }
    run.log_z = log_z;
    ok = run.finish();
  }
  for (const Eigen::Index c : ws.dirty_list) ws.dirty[at(c)] = 0;
  ws.dirty_list.clear();
  if (!ok) {
    ws.base_root = -1;
    ws.kind = jt_kind::none;
    ws.log_z = 0;
    return false;
  }
  ws.forget_base();
  ws.base_root = root;
  ws.kind = jt_kind::target;
  ws.on_reduced = false;
  ws.recomputed = sent;
  return true;
}

}  // namespace pitchrisk::detail
