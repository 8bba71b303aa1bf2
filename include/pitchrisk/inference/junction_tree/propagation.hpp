// SPDX-License-Identifier: MIT
// Hugin propagation on a compiled clique_tree, as free functions over (const tree, state):
// choosing a rooting and where findings apply (traverse), collecting towards the root with
// scaled messages and pruning of evidence-free subtrees (collect, sum or max), distributing
// back (distribute), and calibrating a freshly compiled tree once (calibrate). Nothing here
// allocates once a state is sized for its tree.
#pragma once

#include "pitchrisk/inference/junction_tree/clique_tree.hpp"
#include "pitchrisk/inference/junction_tree/kernels.hpp"
#include "pitchrisk/inference/junction_tree/workspace.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <vector>

namespace pitchrisk::detail {

/// Points `ws` at the traversal rooted at `root` and lists its findings per clique (the
/// clique holding each nearest the root where known, else its smallest clique).
template <class Real>
void jt_traverse(const clique_tree<Real>& t, jt_state<Real>& ws, Eigen::Index root) noexcept;
/// Copies clique c's initial table into ws (times `msg`, indexed by the separator of edge
/// e, when given: the copy and the first message in one pass) and applies its findings.
template <class Real>
void jt_load(const clique_tree<Real>& t, jt_state<Real>& ws, Eigen::Index c, Eigen::Index e = -1,
             const Real* msg = nullptr) noexcept;
/// Marks the subtrees a pruned collect skips; returns the entries of the cliques it visits.
template <class Real>
double jt_mark_skipped(const clique_tree<Real>& t, jt_state<Real>& ws, bool prune, bool skip_for_collect = true) noexcept;
/// Collect towards ws.root (sum, or max with Max); false if it found P(e) = 0.
template <bool Max, class Real>
[[nodiscard]] bool jt_collect(const clique_tree<Real>& t, jt_state<Real>& ws, bool prune, bool skip_subtrees) noexcept;
/// Distribute from ws.root after a collect (only into the cliques with findings below them
/// when `towards_findings`); false if a separator lost all its mass.
template <class Real>
[[nodiscard]] bool jt_distribute(const clique_tree<Real>& t, jt_state<Real>& ws, bool towards_findings = false) noexcept;
/// One propagation of `kind` (all, target, evidence_only); false if it found P(e) = 0.
template <class Real>
[[nodiscard]] bool jt_run(const clique_tree<Real>& t, jt_state<Real>& ws, jt_kind kind, variable_id target) noexcept;
/// Replaces the CPT products by the prior clique marginals (one propagation without
/// findings), so a query only visits the cliques on the paths between its findings.
/// Tables whose products left the normal range stay raw.
template <class Real>
void jt_calibrate(clique_tree<Real>& t);

// ---------------------------------------------------------------------------------------
// Definitions

template <class Real>
void jt_traverse(const clique_tree<Real>& t, jt_state<Real>& ws, Eigen::Index root) noexcept {
  const std::size_t nc = t.cliques.size(), n = t.home.size();
  if (!t.rooted.empty() || root == t.root) {
    const Eigen::Index* base = t.rooted.empty() ? t.root_order.data() : t.rooted.data() + 3 * nc * at(root);
    ws.ord = base;
    ws.pe = base + nc;
    ws.par = base + 2 * nc;
  } else {
    t.rooted_order(root, ws.order.data(), ws.parent_edge.data(), ws.parent.data());
    ws.ord = ws.order.data();
    ws.pe = ws.parent_edge.data();
    ws.par = ws.parent.data();
  }
  ws.root = root;
  const Eigen::Index* top = nullptr;
  if (!t.rooted_top.empty()) top = t.rooted_top.data() + n * at(root);
  else if (root == t.root) top = t.root_top.data();
  std::fill(ws.evidence_below.begin(), ws.evidence_below.end(), 0);
  std::fill(ws.first_finding.begin(), ws.first_finding.end(), variable_id{-1});
  for (const variable_id v : ws.observed) {
    const auto i = at(v);
    const auto h = at(top ? top[i] : t.home[i]);
    ws.next_finding[i] = ws.first_finding[h];
    ws.first_finding[h] = v;
    ws.finding_clique[i] = static_cast<Eigen::Index>(h);
    ++ws.evidence_below[h];
  }
  for (std::size_t i = nc; i-- > 1;) {
    const auto c = at(ws.ord[i]);
    ws.evidence_below[at(ws.par[c])] += ws.evidence_below[c];
  }
}

template <class Real>
void jt_load(const clique_tree<Real>& t, jt_state<Real>& ws, Eigen::Index c, Eigen::Index e, const Real* msg) noexcept {
  const jt_clique& cd = t.cliques[at(c)];
  Real* pot = ws.pot.data() + cd.offset;
  const Real* init = t.init.data() + cd.offset;
  variable_id first = ws.first_finding[at(c)];
  if (msg && cd.unit) {  // a table of ones times the message: the message, spread
    jt_multiply_into<true>(pot, static_cast<const Real*>(pot), t.map_of(e, c), t.maps.data(),
                           [msg](Eigen::Index k) { return msg[k]; });
  } else if (msg) {
    jt_multiply_into(pot, init, t.map_of(e, c), t.maps.data(), [msg](Eigen::Index k) { return msg[k]; });
  } else if (cd.unit) {
    std::fill(pot, pot + cd.size, Real(1));
  } else if (first >= 0 && ws.hard[at(first)] >= 0) {  // copied and selected in one pass
    const std::size_t j = position_of(cd, first);
    jt_select_state(pot, init, cd.size, cd.strides[j], cd.cards[j], ws.hard[at(first)]);
    first = ws.next_finding[at(first)];
  } else if (cd.size <= 64) {  // small tables: a plain loop beats a call to memmove
    for (Eigen::Index i = 0; i < cd.size; ++i) pot[i] = init[i];
  } else {
    std::copy(init, init + cd.size, pot);
  }
  for (variable_id v = first; v >= 0; v = ws.next_finding[at(v)]) {
    const auto i = at(v);
    const std::size_t j = position_of(cd, v);
    if (ws.hard[i] >= 0) jt_apply_hard(pot, cd.size, cd.strides[j], cd.cards[j], ws.hard[i]);
    else jt_apply_likelihood(pot, cd.size, cd.strides[j], cd.cards[j], ws.lambda.data() + t.soft_offset[i]);
  }
  ws.loaded[at(c)] = 1;
}

template <class Real>
double jt_mark_skipped(const clique_tree<Real>& t, jt_state<Real>& ws, bool prune, bool skip_for_collect) noexcept {
  // Skipped subtrees: evidence-free sides whose message is identically 1 (raw tables),
  // or whose effect is already in the calibrated tables (every evidence-free side).
  if (!t.calibrated) std::fill(ws.unit_sent.begin(), ws.unit_sent.end(), 0);  // else never set
  double visited = 0;
  ws.visit.clear();  // the cliques a collect visits, in traversal order
  for (std::size_t i = 0; i < t.cliques.size(); ++i) {
    const auto c = at(ws.ord[i]);
    const Eigen::Index e = ws.pe[c];
    if (e < 0) {
      ws.skip[c] = 0;
    } else if (t.calibrated) {
      ws.skip[c] = prune && ws.evidence_below[c] == 0;
    } else {
      const bool unit = prune && ws.evidence_below[c] == 0 && t.unit_from(e, static_cast<Eigen::Index>(c));
      ws.unit_sent[at(e)] = unit;
      ws.skip[c] = unit || ws.skip[at(ws.par[c])];
    }
    if (!ws.skip[c]) visited += static_cast<double>(t.cliques[c].size);
    if (!(skip_for_collect && ws.skip[c])) ws.visit.push_back(static_cast<Eigen::Index>(c));
  }
  return visited;
}

/// Calibrated tables: the message of clique c over edge e when c receives none and holds
/// one hard finding, summed over the entries of the finding's state straight from the
/// prior table (no copy); false where that shortcut does not apply.
template <class Real>
bool jt_slice_message(const clique_tree<Real>& t, const jt_state<Real>& ws, Eigen::Index c, Eigen::Index e,
                      Real* msg) noexcept {
  const variable_id v = ws.first_finding[at(c)];
  if (v < 0 || ws.next_finding[at(v)] >= 0 || ws.hard[at(v)] < 0) return false;
  // The separator must be c's last variables: block b of `inner` entries sums into entry b.
  const jt_map& m = t.map_of(e, c);
  if (m.outer != 1 || m.offset >= 0 || m.run_stride != 1) return false;
  const jt_clique& cd = t.cliques[at(c)];
  const std::size_t j = position_of(cd, v);
  const Eigen::Index stride = cd.strides[j], card = cd.cards[j], state = ws.hard[at(v)];
  const Real* init = t.init.data() + cd.offset;
  const Eigen::Index inner = m.inner, period = stride * card;
  // v among the summed-out variables (findings sit in the clique nearest the root holding
  // them, so rarely in a separator to the parent): its state's runs inside each block.
  if (period > inner) return false;
  const Eigen::Index reps = inner / period;
  for (Eigen::Index b = 0; b < m.run; ++b) {
    const Real* p = init + b * inner + state * stride;
    Real acc = 0;
    for (Eigen::Index r = 0; r < reps; ++r, p += period) acc += jt_block_sum(p, stride);
    msg[b] = acc;
  }
  return true;
}

/// The state of one collect: the running log-scale and the rescaling thresholds.
template <bool Max, class Real>
struct jt_collector {
  const clique_tree<Real>& t;
  jt_state<Real>& ws;
  double log_z = 0;  ///< inside a pruned subtree, scales are not part of P(e) (its message is 1)
  Real rescale_below = std::sqrt(std::numeric_limits<Real>::min());
  Real rescale_above = Real(1) / rescale_below;
  Real message_low = std::pow(rescale_below, Real(0.5)), message_high = Real(1) / message_low;
  /// A table whose total leaves [suspect_low, suspect_high] may have lost entries to
  /// underflow while absorbing its messages; it is rebuilt with a rescale after each.
  Real suspect_low = std::pow(rescale_below, Real(1.25)), suspect_high = Real(1) / suspect_low;
  /// The clique whose send is running: the terms added to log_z are recorded under it
  /// (jt_state::log_terms), for incremental collects (-1: not recorded).
  Eigen::Index current = -1;

  /// Adds x to log_z, recording it under the current clique.
  void add_log(double x) noexcept {
    log_z += x;
    if (current >= 0) ws.log_terms[at(ws.log_term_begin[at(current)] + ws.log_term_count[at(current)]++)] = x;
  }

  [[nodiscard]] bool suspect(Real z) const noexcept { return !(z >= suspect_low && z <= suspect_high); }
  /// Multiplies the message on edge e into clique p (rescaling p when `check`).
  void absorb(Eigen::Index e, Eigen::Index p, bool check) noexcept {
    const jt_edge& d = t.edges[at(e)];
    const Real* msg = ws.sep.data() + d.offset;
    if (d.vars.empty()) {  // another component: a number, kept as its logarithm (once)
      const Real ratio = t.calibrated ? msg[0] * t.prior_inverse[at(d.offset)] : msg[0];
      if (!check && !ws.skip[at(d.a == p ? d.b : d.a)]) add_log(std::log(static_cast<double>(ratio)));
      return;
    }
    Real* ppot = ws.pot.data() + t.cliques[at(p)].offset;
    if (t.calibrated) {  // Hugin update: the new separator marginal over the prior one
      const Real* inverse = t.prior_inverse.data() + d.offset;
      jt_multiply_by(ppot, t.map_of(e, p), t.maps.data(), [msg, inverse](Eigen::Index k) { return msg[k] * inverse[k]; });
    } else {
      jt_multiply(ppot, t.map_of(e, p), t.maps.data(), msg);
    }
    if (!check) return;
    const Eigen::Index size = t.cliques[at(p)].size;
    const Real top = jt_max(ppot, size);
    if ((top < rescale_below && top > 0) || top > rescale_above) {
      jt_scale(ppot, size, Real(1) / top);
      if (!ws.skip[at(p)]) add_log(std::log(static_cast<double>(top)));
    }
  }
  /// Reloads clique c and absorbs, rescaling, the messages it received.
  void rebuild(Eigen::Index c) noexcept {
    jt_load(t, ws, c);
    for (const Eigen::Index e : t.cliques[at(c)].edges)
      if (e != ws.pe[at(c)] && ws.sent[at(e)]) absorb(e, c, true);
  }
  /// First loads of raw tables bring their scale (outside pruned subtrees).
  void load_counted(Eigen::Index c, Eigen::Index e = -1, const Real* factor = nullptr) noexcept {
    jt_load(t, ws, c, e, factor);
    if (!t.calibrated && !ws.skip[at(c)]) add_log(t.scale_log[at(c)]);
  }
  /// Clique c sends its message to its parent (puts it in ws.sep, and multiplies it into
  /// the parent unless `deliver_now` is false); false if it found P(e) = 0.
  bool send(Eigen::Index c, bool deliver_now = true) noexcept;
  /// Multiplies the message c has in ws.sep into its parent (loading the parent with it
  /// when it is the first): the end of send(c).
  void deliver(Eigen::Index c) noexcept;
  /// Normalises the root and sets ws.log_z; false if it found P(e) = 0.
  bool finish() noexcept;
};

template <bool Max, class Real>
bool jt_collector<Max, Real>::send(Eigen::Index c, bool deliver_now) noexcept {
  const auto ci = at(c);
  const Eigen::Index e = ws.pe[ci];
  current = c;
  ws.log_term_count[ci] = 0;
  // A clique not loaded yet has received no message (its children load it).
  const bool sliced = !Max && t.calibrated && e >= 0 && !ws.loaded[ci] && !t.edges[at(e)].vars.empty() &&
                      jt_slice_message(t, ws, c, e, ws.sep.data() + t.edges[at(e)].offset);
  if (!sliced && !ws.loaded[ci]) load_counted(c);
  if (e < 0) return true;
  const jt_edge& d = t.edges[at(e)];
  if (ws.unit_sent[at(e)]) {
    std::fill(ws.sep.begin() + d.offset, ws.sep.begin() + d.offset + d.size, Real(1));
    return true;
  }
  const jt_clique& cd = t.cliques[ci];
  Real* msg = ws.sep.data() + d.offset;
  if (!sliced) jt_marginalise<Max>(ws.pot.data() + cd.offset, t.map_of(e, c), t.maps.data(), msg, d.size);
  Real z = jt_block_sum(msg, d.size);
  if (suspect(z)) {
    rebuild(c);
    jt_marginalise<Max>(ws.pot.data() + cd.offset, t.map_of(e, c), t.maps.data(), msg, d.size);
    z = jt_block_sum(msg, d.size);
  }
  if (!(z > 0)) return false;
  // Messages keep their scale (the root's total absorbs it) unless it is extreme.
  if (z < message_low || z > message_high) {
    jt_scale(msg, d.size, Real(1) / z);
    if (!ws.skip[ci]) add_log(std::log(static_cast<double>(z)));
  }
  if (deliver_now) deliver(c);
  return true;
}

template <bool Max, class Real>
void jt_collector<Max, Real>::deliver(Eigen::Index c) noexcept {
  const auto ci = at(c);
  const Eigen::Index e = ws.pe[ci];
  const jt_edge& d = t.edges[at(e)];
  const Real* msg = ws.sep.data() + d.offset;
  const Eigen::Index p = ws.par[ci];
  ws.sent[at(e)] = 1;
  if (ws.loaded[at(p)] || d.vars.empty()) {
    if (!ws.loaded[at(p)]) load_counted(p);
    absorb(e, p, false);
    return;
  }
  // The parent's first message: copied and multiplied in one pass.
  const Real* factor = msg;
  if (t.calibrated) {
    const Real* inverse = t.prior_inverse.data() + d.offset;
    for (Eigen::Index s = 0; s < d.size; ++s) ws.scratch[at(s)] = msg[s] * inverse[s];
    factor = ws.scratch.data();
  }
  load_counted(p, e, factor);
}

template <bool Max, class Real>
bool jt_collector<Max, Real>::finish() noexcept {
  current = -1;
  const jt_clique& root = t.cliques[at(ws.root)];
  Real* pot = ws.pot.data() + root.offset;
  auto root_total = [&] { return Max ? jt_max(pot, root.size) : jt_block_sum(pot, root.size); };
  Real z = root_total();
  if (suspect(z)) {
    rebuild(ws.root);
    z = root_total();
  }
  if (!(z > 0)) return false;
  if (!Max) {
    const Real inv = Real(1) / z;
    for (Eigen::Index i = 0; i < root.size; ++i) pot[i] *= inv;
  }
  ws.log_z = log_z + std::log(static_cast<double>(z));
  return true;
}

template <bool Max, class Real>
bool jt_collect(const clique_tree<Real>& t, jt_state<Real>& ws, bool prune, bool skip_subtrees) noexcept {
  ws.base_root = -1;  // the separators are rewritten (jt_run records a target collect's root)
  ws.recomputed = -1;
  ws.term_cliques = -1;
  std::fill(ws.loaded.begin(), ws.loaded.end(), 0);
  std::fill(ws.sent.begin(), ws.sent.end(), 0);
  // Calibrated tables: a sum-propagation only visits the cliques with findings below (the
  // rest is already in the tables); distribute() loads the others.
  if (t.calibrated && !Max) skip_subtrees = true;
  jt_mark_skipped(t, ws, prune, skip_subtrees);
  jt_collector<Max, Real> run{t, ws};
  for (std::size_t i = ws.visit.size(); i-- > 0;)
    if (!run.send(ws.visit[i])) {
      ws.log_z = 0;
      return false;
    }
  if (run.finish()) return true;
  ws.log_z = 0;
  return false;
}

template <class Real>
bool jt_distribute(const clique_tree<Real>& t, jt_state<Real>& ws, bool towards_findings) noexcept {
  for (std::size_t i = 1; i < t.cliques.size(); ++i) {
    const Eigen::Index c = ws.ord[i];
    const auto ci = at(c);
    if (towards_findings && ws.evidence_below[ci] == 0) continue;
    const Eigen::Index e = ws.pe[ci];
    const Eigen::Index p = ws.par[ci];
    const jt_edge& d = t.edges[at(e)];
    // Calibrated tables: cliques the collect did not need are loaded here, with their
    // update from the parent in the same pass.
    const bool loaded = ws.loaded[ci];
    if (d.vars.empty()) {  // another component: nothing to pass on (marginals normalise)
      if (!loaded) jt_load(t, ws, c);
      ws.sep[at(d.offset)] = Real(1);
      continue;
    }
    Real* fresh = ws.scratch.data();
    jt_marginalise<false>(ws.pot.data() + t.cliques[at(p)].offset, t.map_of(e, p), t.maps.data(), fresh, d.size);
    Real z = 0;
    for (Eigen::Index s = 0; s < d.size; ++s) z += fresh[s];
    if (!(z > 0)) return false;
    const Real inv = Real(1) / z;
    Real* sep = ws.sep.data() + d.offset;
    if (!ws.sent[at(e)] && !t.calibrated) {  // the child sent 1
      for (Eigen::Index s = 0; s < d.size; ++s) sep[s] = fresh[s] * inv;
      if (!loaded) jt_load(t, ws, c, e, static_cast<const Real*>(sep));
      else jt_multiply(ws.pot.data() + t.cliques[ci].offset, t.map_of(e, c), t.maps.data(), static_cast<const Real*>(sep));
      continue;
    }
    // Hugin update over what the child's table holds: its message, or the prior.
    if (!ws.sent[at(e)]) std::copy(t.prior_sep.begin() + d.offset, t.prior_sep.begin() + d.offset + d.size, sep);
    for (Eigen::Index s = 0; s < d.size; ++s) {
      const Real now = fresh[s] * inv;
      fresh[s] = sep[s] > 0 ? now / sep[s] : Real(0);
      sep[s] = now;
    }
    if (!loaded) jt_load(t, ws, c, e, static_cast<const Real*>(fresh));
    else jt_multiply(ws.pot.data() + t.cliques[ci].offset, t.map_of(e, c), t.maps.data(), static_cast<const Real*>(fresh));
  }
  return true;
}

template <class Real>
bool jt_run(const clique_tree<Real>& t, jt_state<Real>& ws, jt_kind kind, variable_id target) noexcept {
  bool ok = false;
  switch (kind) {
    case jt_kind::all:
      jt_traverse(t, ws, t.root);
      ok = jt_collect<false>(t, ws, true, false);
      if (ok) std::copy(ws.sep.begin(), ws.sep.end(), ws.collected.begin());  // for retraction
      ok = ok && jt_distribute(t, ws);
      break;
    case jt_kind::findings:  // what fast retraction reads: the separators above the findings
      jt_traverse(t, ws, t.root);
      ok = jt_collect<false>(t, ws, true, false);
      if (ok) std::copy(ws.sep.begin(), ws.sep.end(), ws.collected.begin());
      ok = ok && jt_distribute(t, ws, true);
      break;
    case jt_kind::target:
      jt_traverse(t, ws, t.home[at(target)]);
      ok = jt_collect<false>(t, ws, true, true);
      if (ok && t.calibrated) ws.base_root = ws.root;  // jt_update_target may start from it
      break;
    default:
      jt_traverse(t, ws, t.root);
      ok = jt_collect<false>(t, ws, true, true);
      break;
  }
  ws.kind = ok ? kind : jt_kind::none;
  return ok;
}

/// After a max-collect towards the compiled root: the most probable assignment, the root's
/// first maximising entry, then each child's given its separator (written per variable id).
template <class Real>
void jt_max_assignment(const clique_tree<Real>& t, const jt_state<Real>& ws, std::span<Eigen::Index> states) noexcept {
  for (std::size_t i = 0; i < t.cliques.size(); ++i) {
    const Eigen::Index c = ws.ord[i];
    const jt_clique& cd = t.cliques[at(c)];
    const Real* pot = ws.pot.data() + cd.offset;
    const Eigen::Index e = ws.pe[at(c)];
    Eigen::Index begin = 0, count = cd.size;
    if (e >= 0) {
      // The compiled rooting: c's separator variables are its last, so its map is the identity.
      const jt_edge& d = t.edges[at(e)];
      const std::size_t first = cd.vars.size() - d.vars.size();
      Eigen::Index s = 0, stride = 1;
      for (std::size_t j = 0; j < d.vars.size(); ++j) {
        s += states[at(d.vars[j])] * stride;
        stride *= cd.cards[first + j];
      }
      count = d.map_a.inner;
      begin = s * count;
    }
    Eigen::Index best = begin;
    for (Eigen::Index j = begin + 1; j < begin + count; ++j)
      if (pot[j] > pot[best]) best = j;
    for (std::size_t j = 0; j < cd.vars.size(); ++j) states[at(cd.vars[j])] = (best / cd.strides[j]) % cd.cards[j];
  }
}

template <class Real>
void jt_calibrate(clique_tree<Real>& t) {
  t.calibrated = false;
  if (t.underflow) return;
  jt_state<Real> ws;
  ws.init(t);
  jt_traverse(t, ws, t.root);
  if (!jt_collect<false>(t, ws, true, false) || !jt_distribute(t, ws)) return;
  const Real tiny = std::numeric_limits<Real>::min();
  auto subnormal = [&](const Real* p, Eigen::Index n) {
    for (Eigen::Index i = 0; i < n; ++i)
      if (p[i] > Real(0) && p[i] < tiny) return true;
    return false;
  };
  for (const jt_clique& c : t.cliques) {
    Real* table = ws.pot.data() + c.offset;
    const Real z = jt_block_sum(table, c.size);
    if (!(z > 0)) return;
    for (Eigen::Index i = 0; i < c.size; ++i) table[i] /= z;
    if (subnormal(table, c.size)) return;
  }
  if (subnormal(ws.sep.data(), static_cast<Eigen::Index>(ws.sep.size()))) return;
  t.init = std::move(ws.pot);
  for (jt_clique& c : t.cliques) c.unit = false;
  t.prior_sep = std::move(ws.sep);
  t.prior_inverse.resize(t.prior_sep.size());
  for (std::size_t i = 0; i < t.prior_sep.size(); ++i)
    t.prior_inverse[i] = t.prior_sep[i] > 0 ? Real(1) / t.prior_sep[i] : Real(0);
  t.calibrated = true;
}

}  // namespace pitchrisk::detail
