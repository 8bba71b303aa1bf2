// SPDX-License-Identifier: MIT
// Fast retraction: after one full propagation with findings e, the posterior of an
// observed variable v given every finding but its own, P(v | e \ e_v), for each v, without
// another propagation. v's finding was multiplied into one clique H only; H's table rebuilt
// from its initial table, its other findings, the messages its children sent in the collect
// (kept in jt_state::collected) and the message its parent sent in the distribute (the new
// separator over the one H sent: Hugin's update) is P(H, e \ e_v) up to a constant.
// Exact wherever H's upward message was positive; where it was 0 and e_v's removal makes it
// positive, the parent's message is unknown (Hugin divided by 0) and the query says so.
#pragma once

#include "pitchrisk/inference/junction_tree/clique_tree.hpp"
#include "pitchrisk/inference/junction_tree/kernels.hpp"
#include "pitchrisk/inference/junction_tree/workspace.hpp"

#include <Eigen/Core>

#include <algorithm>

namespace pitchrisk::detail {

/// P(v | e \ e_v), normalised, to out[0..card of v) after a full propagation of `ws` on the
/// compiled tree `t` (not the reduced one), v carrying a finding there. Returns false (out
/// unspecified) where this propagation cannot give it exactly (see the top of this file).
/// No allocation: uses ws.retract (which must hold v's clique: the facade grows it) and ws.scratch.
template <class Real>
[[nodiscard]] bool jt_retracted_marginal(const clique_tree<Real>& t, jt_state<Real>& ws, variable_id v, Real* out) noexcept {
  const Eigen::Index h = ws.finding_clique[at(v)];
  const jt_clique& cd = t.cliques[at(h)];
  Real* pot = ws.retract.data();
  // 1. H's initial table with its findings but v's.
  const Real* init = t.init.data() + cd.offset;
  if (cd.unit) std::fill(pot, pot + cd.size, Real(1));
  else std::copy(init, init + cd.size, pot);
  for (variable_id u = ws.first_finding[at(h)]; u >= 0; u = ws.next_finding[at(u)]) {
    if (u == v) continue;
    const std::size_t j = position_of(cd, u);
    if (ws.hard[at(u)] >= 0) jt_apply_hard(pot, cd.size, cd.strides[j], cd.cards[j], ws.hard[at(u)]);
    else jt_apply_likelihood(pot, cd.size, cd.strides[j], cd.cards[j], ws.lambda.data() + t.soft_offset[at(u)]);
  }
  // 2. The collect messages of its children (as the collect absorbed them; an edge that sent
  // nothing carried 1, or, in calibrated tables, what the tables already hold).
  const Eigen::Index up = ws.pe[at(h)];
  for (const Eigen::Index e : cd.edges) {
    const jt_edge& d = t.edges[at(e)];
    if (e == up || d.vars.empty() || !ws.sent[at(e)]) continue;
    const Real* msg = ws.collected.data() + d.offset;
    if (t.calibrated) {
      const Real* inverse = t.prior_inverse.data() + d.offset;
      jt_multiply_by(pot, t.map_of(e, h), t.maps.data(), [msg, inverse](Eigen::Index k) { return msg[k] * inverse[k]; });
    } else {
      jt_multiply(pot, t.map_of(e, h), t.maps.data(), msg);
    }
  }
  // 3. The parent's message: the separator now over what H's side held in the collect.
  if (up >= 0 && !t.edges[at(up)].vars.empty()) {
    const jt_edge& d = t.edges[at(up)];
    const Real* now = ws.sep.data() + d.offset;
    const Real* held = !ws.sent[at(up)] ? (t.calibrated ? t.prior_sep.data() + d.offset : nullptr)
                                         : ws.collected.data() + d.offset;
    bool zero = false;
    for (Eigen::Index s = 0; held && s < d.size; ++s) zero = zero || !(held[s] > 0);
    if (zero) {  // exact only if H's side without e_v still sends 0 there
      Real* mine = ws.scratch.data();
      jt_marginalise<false>(static_cast<const Real*>(pot), t.map_of(up, h), t.maps.data(), mine, d.size);
      for (Eigen::Index s = 0; s < d.size; ++s)
        if (!(held[s] > 0) && mine[s] > 0) return false;
    }
    if (held) {
      jt_multiply_by(pot, t.map_of(up, h), t.maps.data(),
                     [now, held](Eigen::Index k) { return held[k] > 0 ? now[k] / held[k] : Real(0); });
    } else {
      jt_multiply(pot, t.map_of(up, h), t.maps.data(), now);
    }
  }
  // 4. v's marginal of the rebuilt table.
  const std::size_t j = position_of(cd, v);
  jt_variable_marginal(static_cast<const Real*>(pot), cd.size, cd.strides[j], cd.cards[j], out);
  Real z = 0;
  for (Eigen::Index s = 0; s < cd.cards[j]; ++s) z += out[s];
  if (!(z > 0)) return false;
  for (Eigen::Index s = 0; s < cd.cards[j]; ++s) out[s] /= z;
  return true;
}

}  // namespace pitchrisk::detail
