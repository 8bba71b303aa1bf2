// SPDX-License-Identifier: MIT
// Likelihood weighting: forward sampling in topological order with observed variables
// clamped, each sample weighted by the probability of the findings given its parents.
// Gives every marginal with a delta-method standard error, log P(e) with its standard
// error and the effective sample size. Blocks of samples have their own seeded streams and
// are merged in order, so the answer for a seed is the same on any number of threads.
#pragma once

#include "pitchrisk/core/distribution.hpp"
#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/inference/detail/sampling.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/sampling_result.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace pitchrisk {

/// Options of likelihood_weighting: the budget (samples or time), the seed and the threads.
struct likelihood_weighting_options {
  std::int64_t samples = 100000;                        ///< total samples (the budget); > 0
  std::uint64_t seed = 1;                               ///< same seed, same answer
  unsigned threads = 1;                                 ///< does not change the answer
  std::optional<std::chrono::milliseconds> time_budget{};  ///< stop starting blocks after it; > 0
  std::int64_t block_size = 4096;                       ///< samples per seeded stream
};

/// Likelihood weighting (see the top of this header): an engine meeting the `engine` concept
/// that draws its samples anew for every query. Immutable after construction: one engine
/// serves many threads. Complexity: O(samples x variables) per run().
template <class Real>
class basic_likelihood_weighting {
 public:
  using real_type = Real;                              ///< the network's real type
  using network_type = basic_network<Real>;            ///< the network sampled
  using distribution_type = basic_distribution<Real>;  ///< what posterior() returns
  using result_type = basic_sampling_result<Real>;      ///< what run() returns

  /// Throws: options_error for a zero budget or zero threads.
  explicit basic_likelihood_weighting(const network_type& net, likelihood_weighting_options options = {})
      : basic_likelihood_weighting(std::make_shared<const network_type>(net), options) {}
  /// Shares `net` instead of copying it (the engine keeps it alive).
  /// Throws: as the other constructor; error if `net` is null.
  explicit basic_likelihood_weighting(std::shared_ptr<const network_type> net,
                                      likelihood_weighting_options options = {});

  /// The network the engine answers about.
  [[nodiscard]] const network_type& network() const noexcept { return *m_net; }
  /// The options, as given.
  [[nodiscard]] const likelihood_weighting_options& options() const noexcept { return m_options; }

  /// Marginals of every variable with standard errors, log P(e), ESS.
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

 private:
  std::shared_ptr<const network_type> m_net;
  likelihood_weighting_options m_options;
  detail::flat_network m_flat;
  std::vector<double> m_cdf;
  std::vector<std::string> m_names;
};

/// The engine over `network` (double precision).
using likelihood_weighting = basic_likelihood_weighting<double>;

// ---------------------------------------------------------------------------------------

template <class Real>
basic_likelihood_weighting<Real>::basic_likelihood_weighting(std::shared_ptr<const network_type> net,
                                                             likelihood_weighting_options options)
    : m_net(std::move(net)), m_options(options) {
  if (!m_net) throw error("likelihood_weighting: null network");
  detail::check_budget("likelihood_weighting", m_options.samples, m_options.time_budget, m_options.threads);
  if (m_options.block_size <= 0) throw options_error("likelihood_weighting: block_size must be at least 1");
  m_flat = detail::flatten(*m_net);
  m_cdf = detail::cumulative_columns(m_flat, m_flat.table);
  m_names = detail::variable_names(*m_net);
}

template <class Real>
typename basic_likelihood_weighting<Real>::result_type basic_likelihood_weighting<Real>::run(const evidence& seen) const {
  const auto start = std::chrono::steady_clock::now();
  const resolved_evidence ev = resolve(*m_net, seen);
  (void)detail::possible_states(m_flat, ev, m_names);
  const std::vector<detail::sample_step> plan = detail::make_plan(m_flat, ev, m_cdf, nullptr);
  const std::vector<Eigen::Index> tracked = detail::unobserved(m_flat, ev);
  const detail::weighted_sums sums = detail::run_blocks(
      m_options.samples, m_options.block_size, m_options.threads, m_options.time_budget, m_flat.total_states,
      [&](std::int64_t b, std::int64_t count) {
        detail::weighted_sums s;
        s.resize(m_flat.total_states);
        detail::fast_rng rng(m_options.seed, static_cast<std::uint64_t>(b));
        std::vector<Eigen::Index> x(static_cast<std::size_t>(m_flat.n), 0);
        detail::importance_block<false>(m_flat, plan, tracked, rng, count, s, x.data());
        return s;
      });
  result_type r = detail::weighted_result(*m_net, m_flat, ev, sums, "likelihood_weighting");
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

template <class Real>
typename basic_likelihood_weighting<Real>::distribution_type basic_likelihood_weighting<Real>::posterior(
    variable_id v, const evidence& seen) const {
  (void)m_net->variable(v);  // lookup_error for an id out of range
  return run(seen).posteriors[static_cast<std::size_t>(v)];
}

}  // namespace pitchrisk
