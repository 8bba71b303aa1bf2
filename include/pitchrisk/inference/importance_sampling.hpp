// SPDX-License-Identifier: MIT
// Adaptive importance sampling in the spirit of EPIS-BN (Yuan & Druzdzel 2003) and AIS-BN
// (Cheng & Druzdzel 2000): samples are drawn from an importance CPT per variable that
// already "knows" the evidence, and weighted by P(x, e) / Q(x). EPIS starts the proposal
// from loopy BP: Q(x | pa) proportional to P(x | pa) lambda(x), lambda the messages from the
// children and the finding; AIS starts from the CPTs with the evidence's parents made
// uniform. Either can then be refined by AIS-BN learning stages (weighted frequencies of
// each state in each column, learning rate decreasing from 0.4 to 0.14). Small proposal
// entries are raised to an epsilon (heavy tails are what ruins importance samplers).
#pragma once

#include "pitchrisk/core/distribution.hpp"
#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/inference/detail/sampling.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/loopy_belief_propagation.hpp"
#include "pitchrisk/inference/sampling_result.hpp"

#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace pitchrisk {

/// Where the proposal starts.
enum class importance_proposal {
  epis,    ///< CPTs times the loopy-BP lambda messages (EPIS-BN)
  ais,     ///< CPTs, with the parents of observed variables uniform (AIS-BN)
};

/// Options of importance_sampling: the budget, the seed and threads, and the proposal
/// (where it starts, how many AIS-BN learning stages refine it, its floor).
struct importance_sampling_options {
  std::int64_t samples = 100000;                          ///< samples of the estimate (the budget); > 0
  std::uint64_t seed = 1;                                 ///< same seed, same answer
  unsigned threads = 1;                                   ///< does not change the answer
  std::optional<std::chrono::milliseconds> time_budget{}; ///< stop starting blocks after it; > 0
  std::int64_t block_size = 4096;                         ///< samples per seeded stream
  importance_proposal proposal = importance_proposal::epis;  ///< where the proposal starts

  std::int64_t lbp_iterations = 8;        ///< loopy BP budget for the EPIS start
  int learning_stages = 0;                ///< AIS-BN updates of the proposal before the estimate
  std::int64_t stage_samples = 2000;      ///< samples per learning stage (not counted in `samples`)
  double epsilon = -1;                    ///< proposal floor; < 0: by cardinality (EPIS-BN's values)
};

/// Adaptive importance sampling, EPIS-BN or AIS-BN (see the top of this header): an engine
/// meeting the `engine` concept whose proposal is computed for each evidence set. Immutable
/// after construction: one engine serves many threads. Complexity: O((samples +
/// learning_stages x stage_samples) x variables) per run(), plus loopy BP for EPIS.
template <class Real>
class basic_importance_sampling {
 public:
  using real_type = Real;                              ///< the network's real type
  using network_type = basic_network<Real>;            ///< the network sampled
  using distribution_type = basic_distribution<Real>;  ///< what posterior() returns
  using result_type = basic_sampling_result<Real>;      ///< what run() returns

  /// Throws: options_error for a zero budget, zero threads or a negative stage count.
  explicit basic_importance_sampling(const network_type& net, importance_sampling_options options = {})
      : basic_importance_sampling(std::make_shared<const network_type>(net), options) {}
  /// Shares `net` instead of copying it (the engine keeps it alive).
  /// Throws: as the other constructor; error if `net` is null.
  explicit basic_importance_sampling(std::shared_ptr<const network_type> net, importance_sampling_options options = {});

  /// The network the engine answers about.
  [[nodiscard]] const network_type& network() const noexcept { return *m_net; }
  /// The options, as given.
  [[nodiscard]] const importance_sampling_options& options() const noexcept { return m_options; }

  /// Marginals with standard errors, log P(e) with its standard error, ESS.
  /// Throws: evidence_error (bad or impossible evidence), sampling_error (every weight 0).
  [[nodiscard]] result_type run(const evidence& seen) const;
  /// P(v | seen), from one run(). Throws: as run(); lookup_error if `v` is out of range.
  [[nodiscard]] distribution_type posterior(variable_id v, const evidence& seen) const;
  /// P(name | seen), from one run(). Throws: as run(); lookup_error for an unknown name.
  [[nodiscard]] distribution_type posterior(std::string_view name, const evidence& seen) const {
    return posterior(m_net->id(name), seen);
  }
  /// Every P(v | seen), by variable id, from one run(). Throws: as run().
  [[nodiscard]] std::vector<distribution_type> posteriors(const evidence& seen) const { return run(seen).posteriors; }

  /// The proposal the estimate would sample from (laid out as the CPT columns), for tests.
  /// Throws: evidence_error (bad or impossible evidence).

  [[nodiscard]] std::vector<double> proposal(const evidence& seen) const;

 private:
  std::vector<double> initial_proposal(const resolved_evidence& ev) const;
  void learn(std::vector<double>& q, const resolved_evidence& ev) const;
  void floor_columns(std::vector<double>& q, const resolved_evidence& ev) const;
  [[nodiscard]] double epsilon_for(Eigen::Index card) const noexcept;

  std::shared_ptr<const network_type> m_net;
  importance_sampling_options m_options;
  detail::flat_network m_flat;
  std::vector<std::string> m_names;
  std::optional<basic_loopy_belief_propagation<Real>> m_lbp;
};

/// The engine over `network` (double precision).
using importance_sampling = basic_importance_sampling<double>;

// ---------------------------------------------------------------------------------------

template <class Real>
basic_importance_sampling<Real>::basic_importance_sampling(std::shared_ptr<const network_type> net,
                                                           importance_sampling_options options)
    : m_net(std::move(net)), m_options(options) {
  if (!m_net) throw error("importance_sampling: null network");
  detail::check_budget("importance_sampling", m_options.samples, m_options.time_budget, m_options.threads);
  if (m_options.block_size <= 0) throw options_error("importance_sampling: block_size must be at least 1");
  if (m_options.learning_stages < 0) throw options_error("importance_sampling: learning_stages must be >= 0");
  if (m_options.learning_stages > 0 && m_options.stage_samples <= 0)
    throw options_error("importance_sampling: stage_samples must be at least 1");
  if (m_options.proposal == importance_proposal::epis && m_options.lbp_iterations <= 0)
    throw options_error("importance_sampling: lbp_iterations must be at least 1");
  if (!(m_options.epsilon < 0.5)) throw options_error("importance_sampling: epsilon must be below 0.5");
  m_flat = detail::flatten(*m_net);
  m_names = detail::variable_names(*m_net);
  if (m_options.proposal == importance_proposal::epis)
    m_lbp.emplace(m_net, loopy_belief_propagation_options{.max_iterations = m_options.lbp_iterations,
                                                          .tolerance = 1e-6,
                                                          .damping = 0.0,
                                                          .schedule = lbp_schedule::synchronous,
                                                          .time_budget = std::nullopt});
}

template <class Real>
double basic_importance_sampling<Real>::epsilon_for(Eigen::Index card) const noexcept {
  if (m_options.epsilon >= 0) return m_options.epsilon;
  if (card <= 2) return 0.006;
  if (card <= 4) return 0.001;
  if (card <= 8) return 0.0005;
  return 0.0002;
}

/// Raises every proposal entry whose CPT entry is positive to at least epsilon, then
/// renormalises each column (observed variables are left alone: never sampled).
template <class Real>
void basic_importance_sampling<Real>::floor_columns(std::vector<double>& q, const resolved_evidence& ev) const {
  const detail::flat_network& f = m_flat;
  for (std::size_t v = 0; v < static_cast<std::size_t>(f.n); ++v) {
    if (ev.hard[v] >= 0) continue;
    const Eigen::Index k = f.card[v];
    const double eps = epsilon_for(k);
    for (Eigen::Index c = 0; c < f.columns[v]; ++c) {
      const auto base = static_cast<std::size_t>(f.table_offset[v] + c * k);
      double total = 0;
      for (Eigen::Index s = 0; s < k; ++s) total += q[base + static_cast<std::size_t>(s)];
      if (!(total > 0)) {  // nothing reaches this column: fall back to the CPT
        for (Eigen::Index s = 0; s < k; ++s) q[base + static_cast<std::size_t>(s)] = f.table[base + static_cast<std::size_t>(s)];
        total = 1;
      }
      double sum = 0;
      for (Eigen::Index s = 0; s < k; ++s) {
        double& x = q[base + static_cast<std::size_t>(s)];
        x /= total;
        if (f.table[base + static_cast<std::size_t>(s)] > 0 && x < eps) x = eps;
        if (!(f.table[base + static_cast<std::size_t>(s)] > 0)) x = 0;
        sum += x;
      }
      for (Eigen::Index s = 0; s < k; ++s) q[base + static_cast<std::size_t>(s)] /= sum;
    }
  }
}

template <class Real>
std::vector<double> basic_importance_sampling<Real>::initial_proposal(const resolved_evidence& ev) const {
  const detail::flat_network& f = m_flat;
  std::vector<double> q = f.table;
  bool from_lbp = false;
  if (m_lbp) {
    try {
      const auto bp = m_lbp->run(ev);
      for (std::size_t v = 0; v < static_cast<std::size_t>(f.n); ++v) {
        const Eigen::Index k = f.card[v];
        for (Eigen::Index c = 0; c < f.columns[v]; ++c)
          for (Eigen::Index s = 0; s < k; ++s) q[static_cast<std::size_t>(f.table_offset[v] + c * k + s)] *= bp.lambdas[v][s];
      }
      from_lbp = true;
    } catch (const evidence_error&) {
      // loopy BP's messages vanished on a loopy network: start as AIS-BN does
    }
  }
  if (!from_lbp) {
    // AIS-BN heuristic: the parents of observed variables start uniform.
    std::vector<char> uniform(static_cast<std::size_t>(f.n), 0);
    for (const variable_id e : ev.observed)
      for (Eigen::Index i = f.parent_begin[static_cast<std::size_t>(e)]; i < f.parent_begin[static_cast<std::size_t>(e) + 1]; ++i)
        uniform[static_cast<std::size_t>(f.parent_ids[static_cast<std::size_t>(i)])] = 1;
    for (std::size_t v = 0; v < static_cast<std::size_t>(f.n); ++v)
      if (uniform[v])
        for (Eigen::Index i = f.table_offset[v]; i < f.table_offset[v + 1]; ++i)
          q[static_cast<std::size_t>(i)] = f.table[static_cast<std::size_t>(i)] > 0 ? 1.0 : 0.0;
  }
  floor_columns(q, ev);
  return q;
}

/// AIS-BN learning: each stage samples from the current proposal and moves every visited
/// column towards the weighted frequencies of its states, with a decreasing rate.
template <class Real>
void basic_importance_sampling<Real>::learn(std::vector<double>& q, const resolved_evidence& ev) const {
  const detail::flat_network& f = m_flat;
  const int stages = m_options.learning_stages;
  std::vector<Eigen::Index> x(static_cast<std::size_t>(f.n), 0);
  std::vector<double> counts(q.size());
  for (int k = 0; k < stages; ++k) {
    std::vector<double> cdf = detail::cumulative_columns(f, q);
    std::vector<double> ratio(q.size(), 0.0);
    for (std::size_t i = 0; i < q.size(); ++i) ratio[i] = q[i] > 0 ? f.table[i] / q[i] : 0.0;
    const std::vector<detail::sample_step> plan = detail::make_plan(f, ev, cdf, &ratio);
    std::fill(counts.begin(), counts.end(), 0.0);
    detail::fast_rng rng(m_options.seed ^ 0xA15B5EEDULL, 0x100000000ULL + static_cast<std::uint64_t>(k));
    // Weights of one stage, kept relative to the largest log weight of the stage.
    std::vector<double> logw(static_cast<std::size_t>(m_options.stage_samples));
    std::vector<Eigen::Index> cells(static_cast<std::size_t>(m_options.stage_samples * f.n));
    for (std::int64_t i = 0; i < m_options.stage_samples; ++i) {
      double lw = 0;
      for (const detail::sample_step& st : plan) {
        const Eigen::Index col = f.column(st.v, x.data());
        const Eigen::Index base = col * st.k;
        double factor;
        if (st.hard >= 0) {
          x[static_cast<std::size_t>(st.v)] = st.hard;
          factor = st.prob[base + st.hard];
        } else {
          const Eigen::Index s = detail::draw(st.cdf + base, st.k, rng.uniform());
          x[static_cast<std::size_t>(st.v)] = s;
          factor = st.ratio[base + s] * (st.lambda ? st.lambda[s] : 1.0);
        }
        cells[static_cast<std::size_t>(i * f.n + st.v)] = f.table_offset[static_cast<std::size_t>(st.v)] + base +
                                                          x[static_cast<std::size_t>(st.v)];
        lw += std::log(factor);
        if (!(factor > 0)) break;
      }
      logw[static_cast<std::size_t>(i)] = lw;
    }
    double top = -std::numeric_limits<double>::infinity();
    for (const double lw : logw) top = std::max(top, lw);
    if (!std::isfinite(top)) continue;  // no positive weight in this stage: keep the proposal
    for (std::int64_t i = 0; i < m_options.stage_samples; ++i) {
      const double w = std::exp(logw[static_cast<std::size_t>(i)] - top);
      if (!(w > 0)) continue;
      for (Eigen::Index v = 0; v < f.n; ++v)
        if (ev.hard[static_cast<std::size_t>(v)] < 0) counts[static_cast<std::size_t>(cells[static_cast<std::size_t>(i * f.n + v)])] += w;
    }
    const double eta = 0.4 * std::pow(0.14 / 0.4, stages > 1 ? static_cast<double>(k) / (stages - 1) : 0.0);
    for (std::size_t v = 0; v < static_cast<std::size_t>(f.n); ++v) {
      if (ev.hard[v] >= 0) continue;
      const Eigen::Index card = f.card[v];
      for (Eigen::Index c = 0; c < f.columns[v]; ++c) {
        const auto base = static_cast<std::size_t>(f.table_offset[v] + c * card);
        double total = 0;
        for (Eigen::Index s = 0; s < card; ++s) total += counts[base + static_cast<std::size_t>(s)];
        if (!(total > 0)) continue;
        for (Eigen::Index s = 0; s < card; ++s) {
          double& qs = q[base + static_cast<std::size_t>(s)];
          qs += eta * (counts[base + static_cast<std::size_t>(s)] / total - qs);
        }
      }
    }
    floor_columns(q, ev);
  }
}

template <class Real>
std::vector<double> basic_importance_sampling<Real>::proposal(const evidence& seen) const {
  const resolved_evidence ev = resolve(*m_net, seen);
  (void)detail::possible_states(m_flat, ev, m_names);
  std::vector<double> q = initial_proposal(ev);
  learn(q, ev);
  return q;
}

template <class Real>
typename basic_importance_sampling<Real>::result_type basic_importance_sampling<Real>::run(const evidence& seen) const {
  const auto start = std::chrono::steady_clock::now();
  const resolved_evidence ev = resolve(*m_net, seen);
  (void)detail::possible_states(m_flat, ev, m_names);
  std::vector<double> q = initial_proposal(ev);
  learn(q, ev);
  const std::vector<double> cdf = detail::cumulative_columns(m_flat, q);
  std::vector<double> ratio(q.size(), 0.0);
  for (std::size_t i = 0; i < q.size(); ++i) ratio[i] = q[i] > 0 ? m_flat.table[i] / q[i] : 0.0;
  const std::vector<detail::sample_step> plan = detail::make_plan(m_flat, ev, cdf, &ratio);
  const std::vector<Eigen::Index> tracked = detail::unobserved(m_flat, ev);
  const detail::weighted_sums sums = detail::run_blocks(
      m_options.samples, m_options.block_size, m_options.threads, m_options.time_budget, m_flat.total_states,
      [&](std::int64_t b, std::int64_t count) {
        detail::weighted_sums s;
        s.resize(m_flat.total_states);
        detail::fast_rng rng(m_options.seed, static_cast<std::uint64_t>(b));
        std::vector<Eigen::Index> x(static_cast<std::size_t>(m_flat.n), 0);
        detail::importance_block<true>(m_flat, plan, tracked, rng, count, s, x.data());
        return s;
      });
  result_type r = detail::weighted_result(*m_net, m_flat, ev, sums, "importance_sampling");
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

template <class Real>
typename basic_importance_sampling<Real>::distribution_type basic_importance_sampling<Real>::posterior(
    variable_id v, const evidence& seen) const {
  (void)m_net->variable(v);
  return run(seen).posteriors[static_cast<std::size_t>(v)];
}

}  // namespace pitchrisk
