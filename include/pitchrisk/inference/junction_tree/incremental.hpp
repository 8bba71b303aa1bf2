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
/// No allocation.
template <class Real>
[[nodiscard]] bool jt_update_target(const clique_tree<Real>& t, jt_state<Real>& ws, variable_id target) noexcept {
  const Eigen::Index root = t.home[at(target)];
  if (!t.calibrated || ws.base_root != root) return false;
  if (ws.changed.empty()) {  // the same findings: the root table is the answer already
    ws.kind = jt_kind::target;
    ws.on_reduced = false;
    ws.recomputed = 0;
    return true;
  }
  // 1. Dirty: the cliques holding changed findings, and their ancestors.
  for (const variable_id v : ws.changed)
    for (Eigen::Index c = jt_finding_home(t, root, v); c >= 0 && !ws.dirty[at(c)];
         c = ws.pe[at(c)] >= 0 ? ws.par[at(c)] : Eigen::Index{-1}) {
      ws.dirty[at(c)] = 1;
      ws.dirty_list.push_back(c);
    }
  // 2. The current findings per clique and the cliques a collect visits.
  jt_traverse(t, ws, root);
  jt_mark_skipped(t, ws, true, true);
  // 3. Dirty cliques receive their children's messages afresh.
  for (const Eigen::Index c : ws.dirty_list) {
    ws.loaded[at(c)] = 0;
    for (const Eigen::Index e : t.cliques[at(c)].edges)
      if (e != ws.pe[at(c)]) ws.sent[at(e)] = 0;
  }
  // 4. The collect's loop: dirty cliques send, clean ones deliver their kept message.
  jt_collector<false, Real> run{t, ws};
  bool ok = true;
  Eigen::Index sent = 0;
  for (std::size_t i = ws.visit.size(); ok && i-- > 0;) {
    const Eigen::Index c = ws.visit[i];
    if (ws.dirty[at(c)]) {
      ok = run.send(c);
      ++sent;
    } else if (ws.pe[at(c)] >= 0 && ws.dirty[at(ws.par[at(c)])]) {
      run.current = -1;  // its terms are recorded from its last send
      run.deliver(c);
    }
  }
  for (const Eigen::Index c : ws.dirty_list) ws.dirty[at(c)] = 0;
  ws.dirty_list.clear();
  if (ok) {
    // 5. log P(e): every visited clique's terms, in the collect's order.
    double log_z = 0;
    for (std::size_t i = ws.visit.size(); i-- > 0;) {
      const auto c = at(ws.visit[i]);
      const double* terms = ws.log_terms.data() + ws.log_term_begin[c];
      for (Eigen::Index k = 0; k < ws.log_term_count[c]; ++k) log_z += terms[k];
    }
    run.log_z = log_z;
    ok = run.finish();
  }
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
