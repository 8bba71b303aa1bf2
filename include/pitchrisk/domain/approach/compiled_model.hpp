// SPDX-License-Identifier: MIT
// The approach model compiled for scoring many cases: one junction tree of the model, the
// sampled models of the parameter-uncertainty interval each compiled once (not once per
// case), and the weight of every single finding. Immutable once built, so one compiled model
// serves every thread; each query runs in a workspace (borrowed from a pool by the functions
// here). Same numbers as the engine-generic assess_all() to rounding (1e-12).
#pragma once

#include "pitchrisk/analysis/explanation.hpp"
#include "pitchrisk/analysis/sensitivity.hpp"
#include "pitchrisk/analysis/value_of_information.hpp"
#include "pitchrisk/core/distribution.hpp"
#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/domain/approach/assessment.hpp"
#include "pitchrisk/domain/approach/uncertainty.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/junction_tree.hpp"
#include "pitchrisk/inference/junction_tree/lanes.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace pitchrisk::approach {

/// A scored_model compiled once for `options` (the interval's samples, seed and ess decide
/// which sampled models are compiled; every other option is used by each assessment).
class compiled_model {
 public:
  /// Buffers of one thread's queries: a junction-tree workspace for the model and one per
  /// sampled model.
  class workspace;

  /// Compiles the model, the `options.uncertainty.samples` sampled models (drawn on
  /// `options.uncertainty.threads` threads; each sample has its own seed, so the result never
  /// depends on them; compiled in lane batches, see junction_tree_lanes) and the weight of
  /// every single finding. The sampled models' own junction trees (sampled()) are compiled
  /// on first use: only a sample whose lane finds the evidence impossible needs one.
  /// Throws: size_error (ess of the wrong size), error (level not in (0, 1)).
  /// Complexity: one junction-tree compilation, samples / 50 lane compilations, one query
  /// per variable state.
  explicit compiled_model(scored_model model, const assessment_options& options = {});

  /// The model compiled.
  [[nodiscard]] const scored_model& model() const noexcept { return m_model; }
  /// The options every assessment of this model uses.
  [[nodiscard]] const assessment_options& options() const noexcept { return m_options; }
  /// The hypothesis "pitch" (intent is recruitment_pitch or influence_operation).
  [[nodiscard]] const hypothesis& pitch() const noexcept { return m_pitch; }
  /// The junction tree of the model (mean tables).
  [[nodiscard]] const junction_tree& engine() const noexcept { return *m_engine; }
  /// The compiled sampled models of the interval, sample i drawn as parameter_intervals draws
  /// it; compiled at the first call (thread-safe; later calls only read them).
  /// Throws: what compiling a sampled model throws (the next call tries again).
  [[nodiscard]] std::span<const std::unique_ptr<const junction_tree>> sampled() const;
  /// Buffers for one thread. Allocates once.
  [[nodiscard]] workspace make_workspace() const;
  /// A workspace borrowed from the model's pool for as long as the lease lives (thread-safe).
  class lease;
  /// P(pitch | seen) under the mean tables: one propagation towards intent in `ws`.
  /// Throws: evidence_error (unknown name or state, impossible evidence).
  [[nodiscard]] double p_pitch(workspace& ws, const evidence& seen) const;
  /// The same for evidence already resolved against model().net (no name lookups). When the
  /// workspace's last query was a p_pitch() and `seen` differs from it by a few findings, only
  /// their cliques' paths to intent send new messages (the same number, bit for bit).
  /// Throws: evidence_error (impossible evidence).
  [[nodiscard]] double p_pitch(workspace& ws, const resolved_evidence& seen) const;
  /// P(pitch | sets[j]) for every j, as p_pitch() of each in turn (each set starting from the
  /// one before: a timeline's stages differ by a few findings). Throws: evidence_error
  /// (impossible evidence).
  [[nodiscard]] std::vector<double> p_pitch(workspace& ws, std::span<const resolved_evidence> sets) const;
  /// The options its junction trees are compiled with (the model's, the sampled models' and
  /// their lanes'): the defaults, but relay cliques under any clique of 64 entries or more
  /// (junction_tree_options::relay_min_entries; the default, 512, is for large networks).
  /// In the built-in model, 15 cliques send their messages to one of 192 entries (intent x
  /// cycle_stage x collection_pressure); with 10 relays (two under that clique, over intent
  /// and over intent x cycle_stage, the first now the home of intent) a query towards intent
  /// costs a fifth fewer instructions (cachegrind, the benchmark's 6,013 stages).
  [[nodiscard]] static junction_tree_options engine_options() noexcept {
    junction_tree_options o;
    o.relay_min_entries = 64;
    return o;
  }
  /// The prior P(officer = yes) of the model (the base rate its reports quote).
  [[nodiscard]] double officer_base_rate() const noexcept { return m_base_rate; }
  /// The interval of each point[j] = P(pitch | sets[j]): P(pitch | sets[j]) under every
  /// compiled sampled model (sample by sample, each sampled engine's tables used for every
  /// set while in cache); without samples low = high = point. Requires: points.size() ==
  /// sets.size(). Throws: evidence_error (impossible under a sampled model).
  [[nodiscard]] std::vector<probability_interval> intervals(workspace& ws, std::span<const resolved_evidence> sets,
                                                            std::span<const double> points) const;

 private:
  friend std::vector<assessment> assess_all(const compiled_model& m, workspace& ws, std::span<const evidence> sets);
  struct pool;

  // The steps of assess_all, in its order.
  void assess_stage(workspace& ws, const evidence& seen, const resolved_evidence& r, double base_rate,
                    assessment& a) const;
  void explain_stage(workspace& ws, const evidence& seen, const resolved_evidence& r, assessment& a) const;
  finding_contribution weigh_finding(workspace& ws, const finding& f, const resolved_evidence& r, double post_odds,
                                     double p_pitch, variable_id& missing) const;
  void attach_intervals(workspace& ws, std::span<const resolved_evidence> resolved, std::vector<assessment>& out) const;
  double p_pitch_of_next(workspace& ws) const;

  scored_model m_model;
  assessment_options m_options;
  hypothesis m_pitch;
  std::vector<variable_id> m_candidates;  ///< question_candidates(): the askable indicators the network has
  std::shared_ptr<const junction_tree> m_engine;
  /// The sampled networks, sample i drawn as parameter_intervals draws it.
  std::vector<network> m_sampled_networks;
  /// Their junction trees, compiled by sampled() once (a sample's lane found its evidence
  /// impossible, or no lanes); behind a pointer so that the model stays movable.
  struct sampled_engines {
    std::once_flag once;
    std::vector<std::unique_ptr<const junction_tree>> engines;
  };
  std::unique_ptr<sampled_engines> m_sampled = std::make_unique<sampled_engines>();
  /// The sampled models again, junction_tree_lanes::max_lanes to an engine (sample i in
  /// batch i / max_lanes, lane i % max_lanes); empty when the model's tree is large enough
  /// for evidence-adaptive queries (the lanes would not give the same numbers).
  std::vector<junction_tree_lanes> m_batches;
  double m_prior = 0, m_prior_log_odds = 0;
  double m_base_rate = 0;  ///< P(officer = yes) with no evidence (of its first state if it has no "yes")
  /// ln O(pitch | v = s) - ln O(pitch) at m_alone_offset[v] + s (NaN where P(v = s) = 0).
  std::vector<double> m_alone;
  std::vector<std::size_t> m_alone_offset;
  std::unique_ptr<pool> m_pool;
};

/// Buffers of one thread's queries on a compiled_model (the mean tables' junction-tree
/// workspace, one per batch of sampled models, and one per sampled model made when first
/// needed). Movable, not copyable; never shared between threads.
class compiled_model::workspace {
 public:
  workspace(workspace&&) noexcept = default;             ///< moves the buffers
  workspace& operator=(workspace&&) noexcept = default;  ///< moves the buffers

 private:
  friend class compiled_model;
  friend std::vector<assessment> assess_all(const compiled_model& m, workspace& ws, std::span<const evidence> sets);
  workspace(junction_tree::workspace mean, std::vector<junction_tree_lanes::workspace> batches)
      : m_mean(std::move(mean)), m_batches(std::move(batches)) {}
  junction_tree::workspace m_mean;
  std::vector<junction_tree::workspace> m_sampled;  ///< empty until a query needs the sampled engines
  std::vector<junction_tree_lanes::workspace> m_batches;
  std::vector<double> m_buffer;
  std::vector<double> m_without;  ///< P(pitch variable | the findings but one), from weigh_finding
  /// The findings m_mean holds after a p_pitch() (its last propagation a collect towards the
  /// pitch variable), valid while m_held_valid; every other query clears the flag.
  resolved_evidence m_held;
  resolved_evidence m_next;  ///< the findings of the p_pitch() running (swapped into m_held)
  bool m_held_valid = false;
};

/// The assessments of several evidence sets (the stages of a case), as
/// assess_all(model, sets, options) with the options the model was compiled with, in the
/// caller's workspace. Throws: evidence_error (unknown indicator or state, impossible).
[[nodiscard]] std::vector<assessment> assess_all(const compiled_model& m, compiled_model::workspace& ws,
                                                 std::span<const evidence> sets);
/// The same in a workspace borrowed from the model's pool (thread-safe).
[[nodiscard]] std::vector<assessment> assess_all(const compiled_model& m, std::span<const evidence> sets);
/// One evidence set. Throws: evidence_error as above.
[[nodiscard]] assessment assess(const compiled_model& m, const evidence& seen);

// ---------------------------------------------------------------------------------------

/// @cond internal
struct compiled_model::pool {
  std::mutex mutex;
  std::vector<std::unique_ptr<workspace>> free;
};
/// @endcond

/// A pooled workspace, returned to the pool when the lease ends.
class compiled_model::lease {
 public:
  /// Borrows a free workspace of `m`'s pool, or makes one.
  explicit lease(const compiled_model& m) : m_pool(*m.m_pool) {
    {
      const std::lock_guard<std::mutex> lock(m_pool.mutex);
      if (!m_pool.free.empty()) {
        m_ws = std::move(m_pool.free.back());
        m_pool.free.pop_back();
      }
    }
    if (!m_ws) m_ws = std::make_unique<workspace>(m.make_workspace());
  }
  ~lease() {
    const std::lock_guard<std::mutex> lock(m_pool.mutex);
    m_pool.free.push_back(std::move(m_ws));
  }
  lease(const lease&) = delete;
  lease& operator=(const lease&) = delete;
  /// The borrowed workspace.
  workspace& operator*() noexcept { return *m_ws; }

 private:
  pool& m_pool;
  std::unique_ptr<workspace> m_ws;
};

namespace detail {

/// Sets all findings of `r` except those on `skip` (-1: none) into `ws`.
inline void set_findings(const junction_tree& jt, junction_tree::workspace& ws, const resolved_evidence& r,
                         variable_id skip = -1) {
  jt.clear_evidence(ws);
  for (const variable_id v : r.observed) {
    if (v == skip) continue;
    if (r.is_hard(v)) {
      jt.observe(ws, v, r.hard[static_cast<std::size_t>(v)]);
    } else {
      const Eigen::ArrayXd& l = r.soft[static_cast<std::size_t>(v)];
      jt.likelihood(ws, v, std::span<const double>(l.data(), static_cast<std::size_t>(l.size())));
    }
  }
}

/// `to` = `from`, reusing to's buffers (sized for the same network, or resized): the cost of
/// the findings of both, not of the network's size.
inline void copy_findings(const resolved_evidence& from, resolved_evidence& to) {
  pitchrisk::detail::clear_findings(to, from.hard.size());
  to.observed = from.observed;
  for (const variable_id v : from.observed) {
    const auto i = static_cast<std::size_t>(v);
    to.hard[i] = from.hard[i];
    if (from.soft[i].size() > 0) to.soft[i] = from.soft[i];
  }
}

/// Whether `a` and `b` (sized for one network) hold the same finding on v: the same state,
/// or equal likelihoods, or none.
inline bool same_finding(const resolved_evidence& a, const resolved_evidence& b, variable_id v) {
  const auto i = static_cast<std::size_t>(v);
  return a.hard[i] == b.hard[i] && a.soft[i].size() == b.soft[i].size() && (a.soft[i] == b.soft[i]).all();
}

/// Changes the findings of `ws` from `from` (what it holds) to `to`, touching only the
/// variables whose finding differs, so that update_to() sends new messages from their
/// cliques only. Requires: `ws` holds exactly the findings of `from`.
inline void move_findings(const junction_tree& jt, junction_tree::workspace& ws, const resolved_evidence& from,
                          const resolved_evidence& to) {
  for (const variable_id v : from.observed)
    if (!to.is_observed(v)) jt.retract(ws, v);
  for (const variable_id v : to.observed) {
    if (same_finding(from, to, v)) continue;
    const auto i = static_cast<std::size_t>(v);
    if (to.is_hard(v)) {
      jt.observe(ws, v, to.hard[i]);
    } else {
      const Eigen::ArrayXd& l = to.soft[i];
      jt.likelihood(ws, v, std::span<const double>(l.data(), static_cast<std::size_t>(l.size())));
    }
  }
}

/// Whether the findings of `r` give the same numbers in any order: the engine applies the
/// findings of a clique in the order they were entered, and only two likelihoods on one
/// clique could round differently when swapped (hard findings select or zero entries).
inline bool order_free(const resolved_evidence& r) {
  std::size_t soft = 0;
  for (const variable_id v : r.observed) soft += r.is_soft(v) ? 1 : 0;
  return soft <= 1;
}

/// Whether `to` keeps more of the findings of `from` (same variable, same value) than it
/// changes, adds or drops: then an update from `from` visits fewer cliques than a propagation
/// from scratch. Both observed lists are increasing: one merge.
inline bool mostly_kept(const resolved_evidence& from, const resolved_evidence& to) {
  std::size_t kept = 0, changed = 0, i = 0, j = 0;
  const auto& a = from.observed;
  const auto& b = to.observed;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++changed, ++i;
    } else if (b[j] < a[i]) {
      ++changed, ++j;
    } else {
      ++(same_finding(from, to, a[i]) ? kept : changed);
      ++i, ++j;
    }
  }
  changed += (a.size() - i) + (b.size() - j);
  return kept >= changed;
}

/// The posterior of v after a propagation covering it.
inline distribution marginal_of(const junction_tree& jt, const junction_tree::workspace& ws, variable_id v) {
  distribution::array_type p(jt.network().cardinality(v));
  jt.marginal(ws, v, std::span<double>(p.data(), static_cast<std::size_t>(p.size())));
  return distribution(jt.network().variable(v), std::move(p));
}

/// P(h | findings set in ws), by a propagation towards h's variable (an update of the last
/// one when `update`: the same numbers, bit for bit).
inline double probability_to(const junction_tree& jt, junction_tree::workspace& ws, const hypothesis& h,
                             std::vector<double>& buffer, bool update = false) {
  if (update)
    jt.update_to(ws, h.variable);
  else
    jt.propagate_to(ws, h.variable);
  buffer.resize(static_cast<std::size_t>(jt.network().cardinality(h.variable)));
  jt.marginal(ws, h.variable, buffer);
  double p = 0;
  for (const Eigen::Index s : h.states) p += buffer[static_cast<std::size_t>(s)];
  return p;
}

/// The next questions from two propagations: P(X | e) of every candidate X is read from the
/// propagation `ws` holds (findings e, all marginals); one more propagation with "pitch" as a
/// likelihood on the target T = intent (1 on the pitch states, 0 elsewhere) gives
/// P(X | e, pitch) for all X at once, hence P(pitch | e, x) = P(pitch | e) P(x | e, pitch) /
/// P(x | e). What rank_next_questions() gives (questions.hpp): ranked by expected change of
/// P(pitch), ties by name, a threshold on the largest change, at most options.count.
/// Requires: `candidates` askable before exposure (as question_candidates() gives them).
inline std::vector<next_question> rank_questions_compiled(const junction_tree& jt, junction_tree::workspace& ws,
                                                          const hypothesis& pitch, std::span<const variable_id> candidates,
                                                          const resolved_evidence& r, const distribution& target_now,
                                                          const question_options& options) {
  const network& net = jt.network();
  const variable_id target = pitch.variable;
  std::vector<variable_id> asked;
  for (const variable_id v : candidates)
    if (v != target && !r.is_observed(v) &&  // askable: question_candidates() filtered them
        std::find(asked.begin(), asked.end(), v) == asked.end())
      asked.push_back(v);
  // Per candidate k, its states at offset[k]: now = P(X | e), given = P(X | e, pitch).
  std::vector<std::size_t> offset(asked.size() + 1, 0);
  for (std::size_t k = 0; k < asked.size(); ++k) offset[k + 1] = offset[k] + static_cast<std::size_t>(net.cardinality(asked[k]));
  std::vector<double> now(offset.back());
  for (std::size_t k = 0; k < asked.size(); ++k)
    jt.marginal(ws, asked[k], std::span<double>(now.data() + offset[k], offset[k + 1] - offset[k]));
  const double p_now = probability(target_now, pitch);
  std::vector<double> given(offset.back(), 0.0);
  if (p_now > 0) {
    std::vector<double> is_pitch(static_cast<std::size_t>(target_now.size()), 0.0);
    for (const Eigen::Index t : pitch.states) is_pitch[static_cast<std::size_t>(t)] = 1;
    set_findings(jt, ws, r);
    jt.likelihood(ws, target, is_pitch);
    jt.propagate(ws);
    for (std::size_t k = 0; k < asked.size(); ++k)
      jt.marginal(ws, asked[k], std::span<double>(given.data() + offset[k], offset[k + 1] - offset[k]));
  }
  std::vector<next_question> out;
  question_tally q;
  for (std::size_t k = 0; k < asked.size(); ++k) {
    q.start(net.variable(asked[k]), p_now);
    for (std::size_t s = 0; s < offset[k + 1] - offset[k]; ++s) {
      const double p = now[offset[k] + s];
      if (!(p > 0)) continue;
      q.add(static_cast<Eigen::Index>(s), p, std::clamp(p_now * given[offset[k] + s] / p, 0.0, 1.0));
    }
    q.keep_if_worth_asking(out, options);
  }
  order_questions(out, options);
  return out;
}

}  // namespace detail

inline compiled_model::compiled_model(scored_model model, const assessment_options& options)
    : m_model(std::move(model)), m_options(options), m_pool(std::make_unique<pool>()) {
  const network& net = m_model.net;
  if (!(m_options.uncertainty.level > 0 && m_options.uncertainty.level < 1))
    throw error("compiled_model: level " + std::to_string(m_options.uncertainty.level) + " is not in (0, 1)");
  m_pitch = pitch_hypothesis(m_model);
  m_candidates = question_candidates(net);
  m_engine = std::make_shared<const junction_tree>(net, engine_options());

  // P(pitch) and the weight of every single finding on its own.
  junction_tree::workspace ws = m_engine->make_workspace();
  std::vector<double> buffer;
  m_engine->clear_evidence(ws);
  m_engine->propagate(ws);
  const distribution prior = detail::marginal_of(*m_engine, ws, m_pitch.variable);
  m_prior = probability(prior, m_pitch);
  m_prior_log_odds = log_odds(prior, m_pitch);
  {  // as every assessment quoted it: a query towards officer without evidence
    const distribution officer = m_engine->posterior(m_model.officer, evidence{});
    m_base_rate = officer[officer.variable().find_state("yes").value_or(0)];
  }
  std::vector<distribution> priors;
  for (const variable_id v : net.variables()) priors.push_back(detail::marginal_of(*m_engine, ws, v));
  for (const variable_id v : net.variables()) {
    m_alone_offset.push_back(m_alone.size());
    for (Eigen::Index s = 0; s < net.cardinality(v); ++s) {
      double w = std::numeric_limits<double>::quiet_NaN();
      if (priors[static_cast<std::size_t>(v)][s] > 0) {
        m_engine->clear_evidence(ws);
        m_engine->observe(ws, v, s);
        m_engine->propagate_to(ws, m_pitch.variable);
        w = log_odds(detail::marginal_of(*m_engine, ws, m_pitch.variable), m_pitch) - m_prior_log_odds;
      }
      m_alone.push_back(w);
    }
  }
  m_alone_offset.push_back(m_alone.size());

  // The sampled models of the interval, each compiled once, on threads (sample i's draws
  // depend on the seed and i only).
  const auto n = static_cast<std::size_t>(std::max(0, m_options.uncertainty.samples));
  if (n == 0) return;
  const std::vector<double> ess =
      m_options.ess ? std::vector<double>(static_cast<std::size_t>(net.size()), *m_options.ess) : m_model.ess;
  if (static_cast<Eigen::Index>(ess.size()) != net.size())
    throw size_error("compiled_model: " + std::to_string(ess.size()) + " equivalent sample sizes for " +
                         std::to_string(net.size()) + " variables",
                     static_cast<double>(net.size()));
  m_sampled_networks.resize(n);
  detail::for_each_on_threads(n, m_options.uncertainty.threads, [&](std::size_t i) {
    std::mt19937_64 rng = detail::sample_generator(m_options.uncertainty.seed, i);
    m_sampled_networks[i] = sample_network(net, ess, rng);
  });

  // The models in lane batches (one propagation answers a batch; each lane's numbers are its
  // sampled engine's, bit for bit), unless the engines run evidence-adaptive queries: then
  // every query needs the sampled engines, compiled now.
  if (m_engine->statistics().total_clique_entries >= junction_tree_options{}.adaptive_min_entries) {
    (void)sampled();
    return;
  }
  constexpr std::size_t lanes = junction_tree_lanes::max_lanes;
  const std::size_t batches = (n + lanes - 1) / lanes;
  std::vector<std::unique_ptr<junction_tree_lanes>> built(batches);
  detail::for_each_on_threads(batches, m_options.uncertainty.threads, [&](std::size_t b) {
    std::vector<const network*> nets;
    for (std::size_t i = b * lanes; i < std::min(n, (b + 1) * lanes); ++i) nets.push_back(&m_sampled_networks[i]);
    built[b] = std::make_unique<junction_tree_lanes>(nets, engine_options());
  });
  m_batches.reserve(batches);
  for (auto& b : built) m_batches.push_back(std::move(*b));
}

inline std::span<const std::unique_ptr<const junction_tree>> compiled_model::sampled() const {
  std::call_once(m_sampled->once, [this] {
    std::vector<std::unique_ptr<const junction_tree>> engines(m_sampled_networks.size());
    // An exception leaves the flag unset: the next call tries again.
    detail::for_each_on_threads(engines.size(), m_options.uncertainty.threads, [&](std::size_t i) {
      engines[i] = std::make_unique<const junction_tree>(m_sampled_networks[i], engine_options());
    });
    m_sampled->engines = std::move(engines);
  });
  return m_sampled->engines;
}

inline compiled_model::workspace compiled_model::make_workspace() const {
  std::vector<junction_tree_lanes::workspace> batches;
  batches.reserve(m_batches.size());
  for (const junction_tree_lanes& b : m_batches) batches.push_back(b.make_workspace());
  workspace ws(m_engine->make_workspace(), std::move(batches));
  ws.m_without.resize(static_cast<std::size_t>(m_model.net.cardinality(m_pitch.variable)));
  return ws;
}

inline double compiled_model::p_pitch(workspace& ws, const evidence& seen) const {
  resolve_into(m_model.net, seen, ws.m_next);  // no allocation, nothing changed if it throws
  const double p = p_pitch_of_next(ws);
  std::swap(ws.m_held, ws.m_next);  // what m_mean now holds
  return p;
}

inline double compiled_model::p_pitch(workspace& ws, const resolved_evidence& seen) const {
  detail::copy_findings(seen, ws.m_next);
  const double p = p_pitch_of_next(ws);
  std::swap(ws.m_held, ws.m_next);
  return p;
}

// P(pitch | ws.m_next) in ws.m_mean, by an update from ws.m_held when it is valid. Leaves
// m_held_valid set; the caller swaps m_next into m_held.
inline double compiled_model::p_pitch_of_next(workspace& ws) const {
  const resolved_evidence& seen = ws.m_next;
  const bool update = ws.m_held_valid && detail::order_free(seen) && detail::mostly_kept(ws.m_held, seen);
  ws.m_held_valid = false;  // until the propagation below has answered
  if (update)
    detail::move_findings(*m_engine, ws.m_mean, ws.m_held, seen);
  else
    detail::set_findings(*m_engine, ws.m_mean, seen);
  const double p = detail::probability_to(*m_engine, ws.m_mean, m_pitch, ws.m_buffer, update);
  ws.m_held_valid = true;
  return p;
}

inline std::vector<double> compiled_model::p_pitch(workspace& ws, std::span<const resolved_evidence> sets) const {
  std::vector<double> out;
  out.reserve(sets.size());
  for (const resolved_evidence& r : sets) out.push_back(p_pitch(ws, r));
  return out;
}

inline void compiled_model::assess_stage(workspace& ws, const evidence& seen, const resolved_evidence& r,
                                         double base_rate, assessment& a) const {
  const junction_tree& jt = *m_engine;
  ws.m_held_valid = false;  // m_mean is used for other findings and propagations below
  a.seen = detail::named(m_model.net, seen);
  a.prior_p_pitch = m_prior;
  a.officer_base_rate = base_rate;
  // One propagation: the latent posteriors, P(pitch) and every candidate question's marginal.
  detail::set_findings(jt, ws.m_mean, r);
  jt.propagate(ws.m_mean);
  a.intent = detail::marginal_of(jt, ws.m_mean, m_model.intent);
  a.officer = detail::marginal_of(jt, ws.m_mean, m_model.officer);
  a.cycle_stage = detail::marginal_of(jt, ws.m_mean, m_model.cycle_stage);
  a.lever = detail::marginal_of(jt, ws.m_mean, m_model.lever);
  a.p_pitch = probability(a.intent, m_pitch);
  if (m_options.questions > 0) {  // first: it reads the marginals of this propagation
    const question_options asked{m_options.questions, m_options.question_threshold};
    a.questions = r.is_observed(m_model.intent)
                      ? rank_next_questions(jt, m_pitch, m_candidates, seen, asked)  // the target itself was given
                      : detail::rank_questions_compiled(jt, ws.m_mean, m_pitch, m_candidates, r, a.intent, asked);
  }
  if (m_options.explain) explain_stage(ws, seen, r, a);
  if (m_options.calibration && !m_options.calibration->bins.empty()) {
    a.calibration = calibration_statement(*m_options.calibration, a.p_pitch);
    if (const calibration_bin* b = bin_of(*m_options.calibration, a.p_pitch)) a.library = *b;
  }
  a.base_rate = base_rate_statement(base_rate);
  if (m_options.sensitivities > 0)
    a.sensitivities = rank_sensitivities(m_model.net, m_pitch, seen, {}, m_options.sensitivities);
  a.red_flags = red_flags(a.seen);
}

// As explain(): each finding alone (from the table of single findings) and in context (one
// propagation towards intent without it), sorted the same way. The same propagations give
// what separates the two likeliest intents (as separate_top_two()).
inline void compiled_model::explain_stage(workspace& ws, const evidence& seen, const resolved_evidence& r,
                                          assessment& a) const {
  const junction_tree& jt = *m_engine;
  ws.m_held_valid = false;
  const double post_odds = log_odds(a.intent, m_pitch);
  const bool separate_here = m_pitch.variable == m_model.intent;
  std::pair<Eigen::Index, Eigen::Index> rival_states{0, 1};
  double rival_odds = 0;
  // What ws.m_mean holds for weigh_finding: all findings of r (-1), all but one (its id),
  // or something else (-2).
  variable_id missing = -2;
  if (separate_here) {
    detail::set_findings(jt, ws.m_mean, r);
    jt.propagate_to(ws.m_mean, m_model.intent);
    missing = -1;
    const distribution post = detail::marginal_of(jt, ws.m_mean, m_model.intent);
    rival_states = detail::likeliest_two(post, a.rivals);
    rival_odds = detail::log_ratio_floored(post[rival_states.first], post[rival_states.second]);
  }
  std::vector<finding_contribution> why;
  for (const finding& f : seen.findings()) {
    finding_contribution c = weigh_finding(ws, f, r, post_odds, a.p_pitch, missing);
    const std::vector<double>& without = ws.m_without;
    if (separate_here && c.id != m_model.intent)
      a.rivals.findings.push_back(
          {c.variable, c.state,
           rival_odds - detail::log_ratio_floored(without[static_cast<std::size_t>(rival_states.first)],
                                                  without[static_cast<std::size_t>(rival_states.second)])});
    why.push_back(std::move(c));
  }
  pitchrisk::detail::order_contributions(why);
  for (const finding_contribution& c : why)
    a.findings.push_back({c.variable, c.state, std::exp(c.weight), std::exp(c.weight_in_context),
                          c.probability_without, c.change, detail::wording_of(c.variable, c.state)});
  if (separate_here)
    detail::order_separating(a.rivals.findings);
  else
    a.rivals = separate_top_two(jt, m_model.intent, seen);
}

// One finding's weight alone and in context; ws.m_without receives P(pitch variable | the
// other findings). No allocation but the contribution's names. Where ws.m_mean holds all
// findings or all but one (`missing`, updated here) and their order cannot change a number,
// the finding left out before is put back, this one retracted, and the last propagation
// updated (the same numbers, bit for bit, as setting the findings anew and propagating).
inline finding_contribution compiled_model::weigh_finding(workspace& ws, const finding& f, const resolved_evidence& r,
                                                          double post_odds, double p_pitch, variable_id& missing) const {
  const junction_tree& jt = *m_engine;
  const network& net = m_model.net;
  finding_contribution c;
  c.id = f.id >= 0 ? f.id : net.id(f.variable);
  c.variable = net.variable(c.id).name;
  const auto cid = static_cast<std::size_t>(c.id);
  if (f.is_soft()) {
    c.state = "likelihood";
    jt.clear_evidence(ws.m_mean);
    const Eigen::ArrayXd& l = r.soft[cid];
    jt.likelihood(ws.m_mean, c.id, std::span<const double>(l.data(), static_cast<std::size_t>(l.size())));
    jt.propagate_to(ws.m_mean, m_pitch.variable);
    jt.marginal(ws.m_mean, m_pitch.variable, ws.m_without);
    c.weight = pitchrisk::detail::log_odds_of(ws.m_without, m_pitch) - m_prior_log_odds;
    missing = -2;
  } else {
    const Eigen::Index s = r.hard[cid];
    c.state = net.variable(c.id).states[static_cast<std::size_t>(s)];
    c.weight = m_alone[m_alone_offset[cid] + static_cast<std::size_t>(s)];
    if (std::isnan(c.weight)) throw evidence_error("finding '" + c.variable + "=" + c.state + "' is impossible");
  }
  if (missing != -2 && detail::order_free(r)) {
    if (missing >= 0) {
      const auto m = static_cast<std::size_t>(missing);
      if (r.is_hard(missing))
        jt.observe(ws.m_mean, missing, r.hard[m]);
      else
        jt.likelihood(ws.m_mean, missing, std::span<const double>(r.soft[m].data(), static_cast<std::size_t>(r.soft[m].size())));
    }
    jt.retract(ws.m_mean, c.id);
    jt.update_to(ws.m_mean, m_pitch.variable);
  } else {
    detail::set_findings(jt, ws.m_mean, r, c.id);
    jt.propagate_to(ws.m_mean, m_pitch.variable);
  }
  missing = c.id;
  jt.marginal(ws.m_mean, m_pitch.variable, ws.m_without);
  c.weight_in_context = post_odds - pitchrisk::detail::log_odds_of(ws.m_without, m_pitch);
  c.probability_without = pitchrisk::detail::probability_of(ws.m_without, m_pitch);
  c.change = p_pitch - c.probability_without;
  return c;
}

inline std::vector<probability_interval> compiled_model::intervals(workspace& ws, std::span<const resolved_evidence> sets,
                                                                   std::span<const double> points) const {
  const std::size_t n = m_sampled_networks.size();
  std::vector<double> values(n * sets.size());
  // A set after the first starts from the one before (a timeline's stages differ by a few
  // findings): only the changed findings' paths to intent send new messages.
  std::vector<char> from_previous(sets.size(), 0);
  for (std::size_t j = 1; j < sets.size(); ++j) from_previous[j] = detail::order_free(sets[j]);
  // Sample i by its own engine (compiled, with its workspace, when first needed).
  const auto one_sample = [&](std::size_t i) {
    const std::span<const std::unique_ptr<const junction_tree>> engines = sampled();
    if (ws.m_sampled.size() != n) {
      ws.m_sampled.clear();
      ws.m_sampled.reserve(n);
      for (const auto& jt : engines) ws.m_sampled.push_back(jt->make_workspace());
    }
    const junction_tree& jt = *engines[i];
    for (std::size_t j = 0; j < sets.size(); ++j) {
      if (from_previous[j])
        detail::move_findings(jt, ws.m_sampled[i], sets[j - 1], sets[j]);
      else
        detail::set_findings(jt, ws.m_sampled[i], sets[j]);
      values[j * n + i] = detail::probability_to(jt, ws.m_sampled[i], m_pitch, ws.m_buffer, true);
    }
  };
  if (m_batches.empty()) {
    for (std::size_t i = 0; i < n; ++i) one_sample(i);
  } else {
    // Each batch answers every set in one propagation per set (the numbers of the sampled
    // engines, findings in the set's order). A sample with P(e) = 0 somewhere is run again
    // by its own engine, as above, in sample order: the same value or the same exception.
    constexpr std::size_t lanes = junction_tree_lanes::max_lanes;
    const std::size_t card = static_cast<std::size_t>(m_model.net.cardinality(m_pitch.variable));
    ws.m_buffer.resize(card);
    std::vector<char> again(n, 0);
    for (std::size_t b = 0; b < m_batches.size(); ++b) {
      const junction_tree_lanes& batch = m_batches[b];
      junction_tree_lanes::workspace& bws = ws.m_batches[b];
      for (std::size_t j = 0; j < sets.size(); ++j) {
        // As one_sample: from the previous set by its changed findings, or all anew; then
        // only the cliques between the changed findings and intent send new messages.
        if (from_previous[j]) {
          const resolved_evidence &from = sets[j - 1], &to = sets[j];
          for (const variable_id v : from.observed)
            if (!to.is_observed(v)) batch.retract(bws, v);
          for (const variable_id v : to.observed) {
            const auto vi = static_cast<std::size_t>(v);
            if (to.is_hard(v)) {
              if (!from.is_hard(v) || from.hard[vi] != to.hard[vi]) batch.observe(bws, v, to.hard[vi]);
            } else if (!from.is_soft(v) || !(from.soft[vi] == to.soft[vi]).all()) {
              const Eigen::ArrayXd& lambda = to.soft[vi];
              batch.likelihood(bws, v, std::span<const double>(lambda.data(), static_cast<std::size_t>(lambda.size())));
            }
          }
        } else {
          batch.set_evidence(bws, sets[j]);
        }
        batch.update_to(bws, m_pitch.variable);
        bool all = true;
        for (int l = 0; l < batch.lanes(); ++l) all = all && batch.possible(bws, l);
        if (all) {  // every lane's posterior in one pass
          ws.m_buffer.resize(card * static_cast<std::size_t>(batch.lanes()));
          batch.marginals(bws, m_pitch.variable, ws.m_buffer);
          for (int l = 0; l < batch.lanes(); ++l) {
            double p = 0;
            for (const Eigen::Index s : m_pitch.states) p += ws.m_buffer[static_cast<std::size_t>(l) * card + static_cast<std::size_t>(s)];
            values[j * n + b * lanes + static_cast<std::size_t>(l)] = p;
          }
          continue;
        }
        ws.m_buffer.resize(card);
        for (int l = 0; l < batch.lanes(); ++l) {
          const std::size_t i = b * lanes + static_cast<std::size_t>(l);
          if (!batch.possible(bws, l)) {
            again[i] = 1;
            continue;
          }
          batch.marginal(bws, m_pitch.variable, l, ws.m_buffer);
          double p = 0;
          for (const Eigen::Index s : m_pitch.states) p += ws.m_buffer[static_cast<std::size_t>(s)];
          values[j * n + i] = p;
        }
      }
    }
    for (std::size_t i = 0; i < n; ++i)
      if (again[i]) one_sample(i);
  }
  std::vector<probability_interval> out;
  out.reserve(points.size());
  const double level = m_options.uncertainty.level;
  for (std::size_t j = 0; j < points.size(); ++j) {
    const double p = points[j];
    if (n > 0)
      out.push_back(detail::interval_of(p, std::vector<double>(values.begin() + static_cast<std::ptrdiff_t>(j * n),
                                                               values.begin() + static_cast<std::ptrdiff_t>((j + 1) * n)),
                                        level));
    else
      out.push_back({p, p, p, level, 0, p, p, p, 0});
  }
  return out;
}

// The interval and the caveats of each assessment.
inline void compiled_model::attach_intervals(workspace& ws, std::span<const resolved_evidence> resolved,
                                             std::vector<assessment>& out) const {
  std::vector<double> points;
  points.reserve(out.size());
  for (const assessment& a : out) points.push_back(a.p_pitch);
  std::vector<probability_interval> found = intervals(ws, resolved, points);
  for (std::size_t j = 0; j < out.size(); ++j) {
    out[j].interval = found[j];
    out[j].caveats = detail::caveats_for(out[j]);
  }
}

inline std::vector<assessment> assess_all(const compiled_model& m, compiled_model::workspace& ws,
                                          std::span<const evidence> sets) {
  const network& net = m.m_model.net;
  std::vector<resolved_evidence> resolved;
  for (const evidence& seen : sets) resolved.push_back(resolve(net, seen));  // name errors before any work
  const double base_rate = m.m_base_rate;
  std::vector<assessment> out;
  for (std::size_t j = 0; j < sets.size(); ++j) {
    assessment a;
    m.assess_stage(ws, sets[j], resolved[j], base_rate, a);
    out.push_back(std::move(a));
  }
  m.attach_intervals(ws, resolved, out);
  return out;
}

inline std::vector<assessment> assess_all(const compiled_model& m, std::span<const evidence> sets) {
  compiled_model::lease ws(m);
  return assess_all(m, *ws, sets);
}

inline assessment assess(const compiled_model& m, const evidence& seen) {
  return std::move(assess_all(m, std::span<const evidence>(&seen, 1)).front());
}

}  // namespace pitchrisk::approach
