// SPDX-License-Identifier: MIT
// Gibbs sampling: several Markov chains, each variable redrawn in turn from its
// distribution given its Markov blanket, marginals estimated by the average of those
// conditional distributions (Rao-Blackwellised). Standard errors by batch means, the
// split R-hat of Gelman et al. as the convergence diagnostic. A chain cannot cross a zero
// of a CPT, so networks with deterministic zeros are refused, naming the CPT entry.
#pragma once

#include "pitchrisk/core/cpt.hpp"
#include "pitchrisk/core/distribution.hpp"
#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/inference/detail/sampling.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/sampling_result.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <memory>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

namespace pitchrisk {

/// Options of gibbs_sampling: the budget (kept sweeps or time), burn-in, chains, seed, threads.
struct gibbs_sampling_options {
  std::int64_t samples = 100000;    ///< kept sweeps over all chains (the budget); > 0
  std::int64_t burn_in = 1000;      ///< sweeps discarded at the start of each chain; >= 0
  int chains = 4;                   ///< independent chains (R-hat needs 2 or more); >= 1
  std::uint64_t seed = 1;           ///< same seed, same answer
  unsigned threads = 1;             ///< chains run in parallel; does not change the answer
  std::optional<std::chrono::milliseconds> time_budget{};  ///< chains stop after it (2 batches at least); > 0
  std::int64_t batch_length = 0;    ///< sweeps per batch (standard errors); 0: samples / (chains x 20), at most 1000
};

/// Gibbs sampling over several chains (see the top of this header): an engine meeting
/// the `engine` concept. Requires: no zero CPT entry (checked by the constructor). Immutable
/// after construction: one engine serves many threads. Complexity: O((samples + chains x
/// burn_in) x the Markov blanket sizes summed over variables) per run().
template <class Real>
class basic_gibbs_sampling {
 public:
  using real_type = Real;                              ///< the network's real type
  using network_type = basic_network<Real>;            ///< the network sampled
  using distribution_type = basic_distribution<Real>;  ///< what posterior() returns
  using result_type = basic_sampling_result<Real>;      ///< what run() returns

  /// Throws: model_error naming the first CPT entry that is zero (the chain could not mix);
  /// options_error for a zero budget, no chains or zero threads.
  explicit basic_gibbs_sampling(const network_type& net, gibbs_sampling_options options = {})
      : basic_gibbs_sampling(std::make_shared<const network_type>(net), options) {}
  /// Shares `net` instead of copying it (the engine keeps it alive).
  /// Throws: as the other constructor; error if `net` is null.
  explicit basic_gibbs_sampling(std::shared_ptr<const network_type> net, gibbs_sampling_options options = {});

  /// The network the engine answers about.
  [[nodiscard]] const network_type& network() const noexcept { return *m_net; }
  /// The options, as given.
  [[nodiscard]] const gibbs_sampling_options& options() const noexcept { return m_options; }

  /// Marginals with batch-means standard errors, R-hat, ESS (log P(e) is not estimated: NaN).
  /// With a time budget every chain still completes 2 batches (the least standard errors need).
  /// Throws: evidence_error (bad or impossible evidence).
  [[nodiscard]] result_type run(const evidence& seen) const;
  /// P(v | seen), from one run(). Throws: as run(); lookup_error if `v` is out of range.
  [[nodiscard]] distribution_type posterior(variable_id v, const evidence& seen) const;
  /// P(name | seen), from one run(). Throws: as run(); lookup_error for an unknown name.
  [[nodiscard]] distribution_type posterior(std::string_view name, const evidence& seen) const {
    return posterior(m_net->id(name), seen);
  }
  /// Every P(v | seen), by variable id, from one run(). Throws: as run().
  [[nodiscard]] std::vector<distribution_type> posteriors(const evidence& seen) const { return run(seen).posteriors; }

 private:
  struct chain_sums {
    std::vector<std::vector<double>> sum, square;  // per batch, per state
  };
  void run_chain(const resolved_evidence& ev, int chain, std::int64_t kept, std::int64_t batch,
                 std::optional<std::chrono::steady_clock::time_point> deadline, chain_sums& out) const;
  /// Runs every chain (on up to `threads` threads, in waves under a time budget).
  std::vector<chain_sums> run_chains(const resolved_evidence& ev, std::int64_t kept, std::int64_t batch,
                                     std::chrono::steady_clock::time_point start) const;
  /// Whole batches every chain completed, made even for split R-hat. Throws: sampling_error below 2.
  static std::size_t common_batches(const std::vector<chain_sums>& sums, std::int64_t batch);
  /// Split R-hat of state entry i over the first m batches of `len` sweeps (1 when flat).
  static double split_r_hat(const std::vector<chain_sums>& sums, std::size_t i, std::size_t m, double len);
  /// Posteriors (point masses for hard findings) and standard errors from the state means.
  void fill_posteriors(result_type& r, const resolved_evidence& ev, const std::vector<double>& mean,
                       const std::vector<double>& se) const;

  std::shared_ptr<const network_type> m_net;
  gibbs_sampling_options m_options;
  detail::flat_network m_flat;
  std::vector<std::vector<variable_id>> m_children;
  std::vector<std::vector<Eigen::Index>> m_child_stride;  // stride of v in each child's columns
  std::vector<double> m_cdf;
};

/// The engine over `network` (double precision).
using gibbs_sampling = basic_gibbs_sampling<double>;

// ---------------------------------------------------------------------------------------

template <class Real>
basic_gibbs_sampling<Real>::basic_gibbs_sampling(std::shared_ptr<const network_type> net, gibbs_sampling_options options)
    : m_net(std::move(net)), m_options(options) {
  if (!m_net) throw error("gibbs_sampling: null network");
  detail::check_budget("gibbs_sampling", m_options.samples, m_options.time_budget, m_options.threads);
  if (m_options.chains < 1) throw options_error("gibbs_sampling: chains must be at least 1");
  if (m_options.burn_in < 0) throw options_error("gibbs_sampling: burn_in must be >= 0");
  if (m_options.batch_length < 0) throw options_error("gibbs_sampling: batch_length must be >= 0");
  m_flat = detail::flatten(*m_net);
  const auto n = static_cast<std::size_t>(m_flat.n);
  for (std::size_t v = 0; v < n; ++v) {
    const Eigen::Index k = m_flat.card[v];
    for (Eigen::Index c = 0; c < m_flat.columns[v]; ++c)
      for (Eigen::Index s = 0; s < k; ++s)
        if (!(m_flat.table[static_cast<std::size_t>(m_flat.table_offset[v] + c * k + s)] > 0)) {
          const auto id = static_cast<variable_id>(v);
          std::vector<const variable*> parents;
          for (const variable_id p : m_net->parents(id)) parents.push_back(&m_net->variable(p));
          throw model_error("gibbs_sampling: cpt '" + m_net->variable(id).name + "' has a deterministic zero, P(" +
                            m_net->variable(id).name + "=" + m_net->variable(id).states[static_cast<std::size_t>(s)] +
                            " | " + detail::describe_column(parents, c) +
                            ") = 0: a Gibbs chain cannot mix across it; use importance_sampling or an exact engine");
        }
  }
  m_children.resize(n);
  m_child_stride.resize(n);
  for (std::size_t c = 0; c < n; ++c)
    for (Eigen::Index i = m_flat.parent_begin[c]; i < m_flat.parent_begin[c + 1]; ++i) {
      const auto p = static_cast<std::size_t>(m_flat.parent_ids[static_cast<std::size_t>(i)]);
      m_children[p].push_back(static_cast<variable_id>(c));
      m_child_stride[p].push_back(m_flat.parent_stride[static_cast<std::size_t>(i)]);
    }
  m_cdf = detail::cumulative_columns(m_flat, m_flat.table);
}

template <class Real>
void basic_gibbs_sampling<Real>::run_chain(const resolved_evidence& ev, int chain, std::int64_t kept, std::int64_t batch,
                                           std::optional<std::chrono::steady_clock::time_point> deadline,
                                           chain_sums& out) const {
  const detail::flat_network& f = m_flat;
  const auto n = static_cast<std::size_t>(f.n);
  detail::fast_rng rng(m_options.seed, 0x200000000ULL + static_cast<std::uint64_t>(chain));
  std::vector<Eigen::Index> x(n, 0);
  // Start: a forward sample with the findings clamped (every state is possible: no zeros),
  // soft findings set to a state they allow.
  for (const variable_id v : f.order) {
    const auto u = static_cast<std::size_t>(v);
    if (ev.hard[u] >= 0) {
      x[u] = ev.hard[u];
      continue;
    }
    const Eigen::Index col = f.column(v, x.data());
    x[u] = detail::draw(m_cdf.data() + f.table_offset[u] + col * f.card[u], f.card[u], rng.uniform());
    if (ev.soft[u].size() > 0 && !(ev.soft[u][x[u]] > 0)) {
      Eigen::Index best = 0;
      ev.soft[u].maxCoeff(&best);
      x[u] = best;
    }
  }
  std::vector<variable_id> free;
  for (const variable_id v : f.order)
    if (ev.hard[static_cast<std::size_t>(v)] < 0) free.push_back(v);
  std::vector<double> p(static_cast<std::size_t>(*std::max_element(f.card.begin(), f.card.end())));
  std::vector<double> batch_sum(static_cast<std::size_t>(f.total_states), 0.0), batch_square(batch_sum.size(), 0.0);
  std::int64_t in_batch = 0;
  const std::int64_t total = m_options.burn_in + kept;
  for (std::int64_t sweep = 0; sweep < total; ++sweep) {
    const bool keep = sweep >= m_options.burn_in;
    for (const variable_id v : free) {
      const auto u = static_cast<std::size_t>(v);
      const Eigen::Index k = f.card[u];
      const double* own = f.column_ptr(v, f.column(v, x.data()));
      for (Eigen::Index s = 0; s < k; ++s) p[static_cast<std::size_t>(s)] = own[s];
      if (ev.soft[u].size() > 0)
        for (Eigen::Index s = 0; s < k; ++s) p[static_cast<std::size_t>(s)] *= ev.soft[u][s];
      const Eigen::Index saved = x[u];
      for (std::size_t j = 0; j < m_children[u].size(); ++j) {
        const variable_id c = m_children[u][j];
        const auto cu = static_cast<std::size_t>(c);
        x[u] = 0;
        const double* col0 = f.column_ptr(c, f.column(c, x.data()));
        const Eigen::Index step = m_child_stride[u][j] * f.card[cu];
        for (Eigen::Index s = 0; s < k; ++s) p[static_cast<std::size_t>(s)] *= col0[s * step + x[cu]];
      }
      x[u] = saved;
      double z = 0;
      for (Eigen::Index s = 0; s < k; ++s) z += p[static_cast<std::size_t>(s)];
      // Positive CPTs: z > 0 unless it underflowed; then keep the state.
      if (!(z > 0) || !std::isfinite(z)) continue;
      double u01 = rng.uniform() * z, acc = 0;
      Eigen::Index s = 0;
      for (; s < k - 1; ++s) {
        acc += p[static_cast<std::size_t>(s)];
        if (u01 < acc) break;
      }
      x[u] = s;
      if (keep) {
        const auto at = static_cast<std::size_t>(f.state_offset[u]);
        for (Eigen::Index t = 0; t < k; ++t) {
          const double q = p[static_cast<std::size_t>(t)] / z;
          batch_sum[at + static_cast<std::size_t>(t)] += q;
          batch_square[at + static_cast<std::size_t>(t)] += q * q;
        }
      }
    }
    if (keep && ++in_batch == batch) {
      out.sum.push_back(batch_sum);
      out.square.push_back(batch_square);
      std::fill(batch_sum.begin(), batch_sum.end(), 0.0);
      std::fill(batch_square.begin(), batch_square.end(), 0.0);
      in_batch = 0;
      if (deadline && out.sum.size() >= 2 && std::chrono::steady_clock::now() >= *deadline) return;  // 2 batches at least
    }
  }
}

template <class Real>
std::vector<typename basic_gibbs_sampling<Real>::chain_sums> basic_gibbs_sampling<Real>::run_chains(
    const resolved_evidence& ev, std::int64_t kept, std::int64_t batch, std::chrono::steady_clock::time_point start) const {
  const int chains = m_options.chains;
  std::vector<chain_sums> sums(static_cast<std::size_t>(chains));
  std::vector<std::exception_ptr> failure(static_cast<std::size_t>(chains));
  std::atomic<int> next{0};
  const unsigned t = std::max(1u, std::min<unsigned>(m_options.threads, static_cast<unsigned>(chains)));
  // With a time budget, chains run in waves of t: wave w stops at (w + 1) / waves of it.
  const int waves = (chains + static_cast<int>(t) - 1) / static_cast<int>(t);
  auto deadline = [&](int c) -> std::optional<std::chrono::steady_clock::time_point> {
    if (!m_options.time_budget) return std::nullopt;
    const int w = c / static_cast<int>(t);
    return start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(*m_options.time_budget * (w + 1) / waves);
  };
  auto work = [&] {
    for (int c = next.fetch_add(1); c < chains; c = next.fetch_add(1)) {
      try {
        run_chain(ev, c, kept, batch, deadline(c), sums[static_cast<std::size_t>(c)]);
      } catch (...) {
        failure[static_cast<std::size_t>(c)] = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned k = 1; k < t; ++k) pool.emplace_back(work);
  work();
  for (auto& th : pool) th.join();
  for (const auto& e : failure)
    if (e) std::rethrow_exception(e);
  return sums;
}

template <class Real>
std::size_t basic_gibbs_sampling<Real>::common_batches(const std::vector<chain_sums>& sums, std::int64_t batch) {
  // Every chain contributes the same number of whole batches, an even number for split R-hat.
  std::size_t m = std::numeric_limits<std::size_t>::max();
  for (const auto& c : sums) m = std::min(m, c.sum.size());
  if (m >= 4) m -= m % 2;
  if (m < 2)
    throw sampling_error("gibbs_sampling: only " + std::to_string(m) + " batch(es) of " + std::to_string(batch) +
                         " sweeps per chain within the budget; standard errors need at least 2 (raise the budget)");
  return m;
}

template <class Real>
double basic_gibbs_sampling<Real>::split_r_hat(const std::vector<chain_sums>& sums, std::size_t i, std::size_t m,
                                               double len) {
  // Each chain cut into two halves of m/2 batches.
  const std::size_t half = m / 2;
  const double nh = len * static_cast<double>(half);
  std::vector<double> hm;
  double within = 0;
  for (const auto& c : sums)
    for (std::size_t h = 0; h < 2; ++h) {
      double s1 = 0, s2 = 0;
      for (std::size_t j = h * half; j < (h + 1) * half; ++j) {
        s1 += c.sum[j][i];
        s2 += c.square[j][i];
      }
      const double mh = s1 / nh;
      hm.push_back(mh);
      within += std::max(0.0, (s2 - nh * mh * mh) / (nh - 1));
    }
  within /= static_cast<double>(hm.size());
  double mm = 0;
  for (const double x : hm) mm += x;
  mm /= static_cast<double>(hm.size());
  double b = 0;
  for (const double x : hm) b += (x - mm) * (x - mm);
  b = nh * b / static_cast<double>(hm.size() - 1);
  if (!(within > 1e-300)) return 1.0;
  return std::sqrt(((nh - 1) / nh * within + b / nh) / within);
}

template <class Real>
void basic_gibbs_sampling<Real>::fill_posteriors(result_type& r, const resolved_evidence& ev,
                                                 const std::vector<double>& mean, const std::vector<double>& se) const {
  const detail::flat_network& f = m_flat;
  detail::fill_marginals(r, *m_net, f, ev, [&](std::size_t v, auto& p, Eigen::ArrayXd& e) {
    const Eigen::Index k = f.card[v];
    double z = 0;
    for (Eigen::Index s = 0; s < k; ++s) z += mean[static_cast<std::size_t>(f.state_offset[v] + s)];
    for (Eigen::Index s = 0; s < k; ++s) {
      p[s] = static_cast<Real>(mean[static_cast<std::size_t>(f.state_offset[v] + s)] / z);
      e[s] = se[static_cast<std::size_t>(f.state_offset[v] + s)];
    }
  });
}

template <class Real>
typename basic_gibbs_sampling<Real>::result_type basic_gibbs_sampling<Real>::run(const evidence& seen) const {
  const auto start = std::chrono::steady_clock::now();
  const resolved_evidence ev = resolve(*m_net, seen);
  (void)detail::possible_states(m_flat, ev, detail::variable_names(*m_net));
  const int chains = m_options.chains;
  const std::int64_t kept = std::max<std::int64_t>(1, m_options.samples / chains);
  const std::int64_t batch = m_options.batch_length > 0
                                 ? m_options.batch_length
                                 : std::clamp<std::int64_t>(kept / 20, 1, 1000);
  const std::vector<chain_sums> sums = run_chains(ev, kept, batch, start);
  const std::size_t m = common_batches(sums, batch);
  const auto states = static_cast<std::size_t>(m_flat.total_states);
  const double len = static_cast<double>(batch);
  const double per_chain = len * static_cast<double>(m);
  const double nbatches = static_cast<double>(m) * chains;
  result_type r;
  r.samples = static_cast<std::int64_t>(per_chain) * chains;
  r.log_evidence = std::numeric_limits<double>::quiet_NaN();
  r.log_evidence_standard_error = std::numeric_limits<double>::quiet_NaN();
  r.effective_sample_size = std::numeric_limits<double>::infinity();
  r.r_hat = 1.0;
  std::vector<double> mean(states, 0.0), se(states, 0.0);
  for (std::size_t i = 0; i < states; ++i) {
    double total = 0, square = 0;
    for (const auto& c : sums)
      for (std::size_t j = 0; j < m; ++j) {
        total += c.sum[j][i];
        square += c.square[j][i];
      }
    const double mu = total / (per_chain * chains);
    mean[i] = mu;
    double between = 0;  // spread of the batch means
    for (const auto& c : sums)
      for (std::size_t j = 0; j < m; ++j) {
        const double d = c.sum[j][i] / len - mu;
        between += d * d;
      }
    const double batch_var = between / (nbatches - 1);
    se[i] = std::sqrt(batch_var / nbatches);
    const double n_all = per_chain * chains;
    const double sample_var = std::max(0.0, (square - n_all * mu * mu) / (n_all - 1));
    if (se[i] > 0 && sample_var > 0) r.effective_sample_size = std::min(r.effective_sample_size, sample_var / (se[i] * se[i]));
    r.r_hat = std::max(r.r_hat, split_r_hat(sums, i, m, len));
  }
  if (!std::isfinite(r.effective_sample_size)) r.effective_sample_size = static_cast<double>(r.samples);
  fill_posteriors(r, ev, mean, se);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

template <class Real>
typename basic_gibbs_sampling<Real>::distribution_type basic_gibbs_sampling<Real>::posterior(variable_id v,
                                                                                            const evidence& seen) const {
  (void)m_net->variable(v);
  return run(seen).posteriors[static_cast<std::size_t>(v)];
}

}  // namespace pitchrisk
