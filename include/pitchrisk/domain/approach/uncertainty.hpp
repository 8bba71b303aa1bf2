// SPDX-License-Identifier: MIT
// How uncertain is a score because its tables were elicited, not measured? Each CPT column
// p is treated as the mean of a Dirichlet(ess x p) (ess = equivalent sample size: how many
// cases the elicitor's judgement is worth); networks are drawn from it with a fixed seed,
// the hypothesis is scored on each, and the central quantiles of those scores (widened to
// hold the point estimate) are the interval. Deterministic: sample i has its own seed,
// whatever the thread count; the engine (std::mt19937_64, std::seed_seq) is specified bit
// for bit by the standard and the gamma draws come from Boost.Random, whose algorithm is
// the same everywhere (std::gamma_distribution differs between standard libraries).
#pragma once

#include "pitchrisk/analysis/explanation.hpp"
#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/engine.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"

#include <boost/random/gamma_distribution.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <exception>
#include <random>
#include <span>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace pitchrisk::approach {

/// Options of the parameter-uncertainty interval.
struct uncertainty_options {
  int samples = 200;                ///< networks drawn (0: no interval, the point only)
  double level = 0.90;              ///< central probability of the interval
  std::uint64_t seed = 20130901;    ///< the result depends on the seed, never on threads
  unsigned threads = 1;             ///< worker threads (0: one per hardware thread)
};

/// An interval on a probability from parameter uncertainty.
struct probability_interval {
  double point = 0;          ///< the probability under the elicited (mean) tables
  double low = 0;            ///< min(point, sample_low): the interval always holds the point
  double high = 0;           ///< max(point, sample_high)
  double level = 0;          ///< central probability of the sampled values
  double spread = 0;         ///< RMS deviation of the sampled log-odds from logit(point)
  double sample_low = 0;     ///< empirical (1 - level) / 2 quantile of the sampled values
  double sample_median = 0;  ///< empirical median of the sampled values
  double sample_high = 0;    ///< empirical (1 + level) / 2 quantile of the sampled values
  int samples = 0;           ///< networks drawn
};

/// One network with every CPT column redrawn from Dirichlet(ess[v] x column). Entries that
/// are 0 stay 0; positive entries are kept >= 1e-12 (so evidence possible under the mean
/// tables stays possible); ess[v] <= 0 or infinite keeps v's table as it is. The gamma
/// draws use boost::random::gamma_distribution: a seed gives the same networks with every
/// standard library. Throws: size_error if `ess` does not have one entry per variable.
[[nodiscard]] network sample_network(const network& net, std::span<const double> ess, std::mt19937_64& rng);

/// Intervals on P(h | e) for each evidence set, from `options.samples` networks drawn with
/// sample_network (each scored with an Engine built from it). `points[i]` is P(h | sets[i])
/// under the mean tables. Throws: evidence_error (impossible evidence), size_error.
/// Complexity: samples x (build one engine + one posterior per evidence set).
template <class Engine = variable_elimination>
  requires exact_engine<Engine> && std::constructible_from<Engine, const network&>
[[nodiscard]] std::vector<probability_interval> parameter_intervals(const network& net, std::span<const double> ess,
                                                                    const hypothesis& h,
                                                                    std::span<const evidence> sets,
                                                                    std::span<const double> points,
                                                                    const uncertainty_options& options = {});

// ---------------------------------------------------------------------------------------

inline network sample_network(const network& net, std::span<const double> ess, std::mt19937_64& rng) {
  if (static_cast<Eigen::Index>(ess.size()) != net.size())
    throw size_error("sample_network: " + std::to_string(ess.size()) + " equivalent sample sizes for " +
                         std::to_string(net.size()) + " variables",
                     static_cast<double>(net.size()));
  network_builder b(net);
  for (const variable_id v : net.variables()) {
    const double n = ess[static_cast<std::size_t>(v)];
    if (!(n > 0) || !std::isfinite(n)) continue;
    Eigen::ArrayXd cols = net.cpt_columns(v);
    const Eigen::Index k = net.cardinality(v);
    for (Eigen::Index c = 0; c < cols.size() / k; ++c) {
      auto col = cols.segment(c * k, k);
      const Eigen::ArrayXd mean = col;
      double sum = 0;
      for (Eigen::Index s = 0; s < k; ++s) {
        if (mean[s] > 0) {
          boost::random::gamma_distribution<double> gamma(n * mean[s], 1.0);
          col[s] = gamma(rng);
        } else {
          col[s] = 0;
        }
        sum += col[s];
      }
      if (!(sum > 0)) {  // every draw underflowed (all shapes tiny): keep the mean column
        col = mean;
        continue;
      }
      col /= sum;
      for (Eigen::Index s = 0; s < k; ++s)
        if (mean[s] > 0) col[s] = std::max(col[s], 1e-12);
      col /= col.sum();
    }
    b.set_cpt(v, cols);
  }
  return b.build();
}

namespace detail {

inline double logit(double p) noexcept {
  const double q = std::clamp(p, 1e-15, 1 - 1e-15);
  return std::log(q) - std::log1p(-q);
}

/// The two order statistics (0-based ranks i <= j) the empirical quantile q of n values
/// interpolates between.
inline std::pair<std::size_t, std::size_t> quantile_ranks(std::size_t n, double q) noexcept {
  const double pos = q * static_cast<double>(n - 1);
  const auto i = static_cast<std::size_t>(std::floor(pos));
  return {i, std::min(i + 1, n - 1)};
}

/// Empirical quantile (linear interpolation between order statistics) of values that hold
/// at least the two order statistics quantile_ranks(size, q) in their sorted places (sorted
/// values do).
inline double sorted_quantile(const std::vector<double>& sorted, double q) noexcept {
  if (sorted.empty()) return 0;
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const auto [i, j] = quantile_ranks(sorted.size(), q);
  return sorted[i] + (pos - static_cast<double>(i)) * (sorted[j] - sorted[i]);
}

/// Puts the values of the given ranks in their sorted places (std::nth_element, ranks in
/// increasing order, each on the part after the one before), the rest in between: what
/// sorted_quantile reads, for less than a sort costs.
template <std::size_t K>
void place_order_statistics(std::vector<double>& values, std::array<std::size_t, K> ranks) {
  std::sort(ranks.begin(), ranks.end());
  const auto last = std::unique(ranks.begin(), ranks.end());
  auto from = values.begin();
  for (auto r = ranks.begin(); r != last; ++r) {
    const std::size_t k = *r;
    const auto at = values.begin() + static_cast<std::ptrdiff_t>(k);
    std::nth_element(from, at, values.end());
    from = at + 1;
  }
}

/// The generator of sample network i: its own seed, so a sample never depends on threads.
inline std::mt19937_64 sample_generator(std::uint64_t seed, std::size_t i) {
  std::seed_seq seq{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                    static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i >> 32)};
  return std::mt19937_64(seq);
}

/// Runs task(i) for i in [0, n) on `threads` threads (0: one per core), thread t taking
/// t, t + threads, ...; then rethrows the exception of the lowest i that threw, if any, so
/// that the outcome never depends on the thread count.
template <class Task>
void for_each_on_threads(std::size_t n, unsigned threads, Task&& task) {
  std::vector<std::exception_ptr> failures(n);
  const auto run = [&](std::size_t first, std::size_t step) {
    for (std::size_t i = first; i < n; i += step) {
      try {
        task(i);
      } catch (...) {
        failures[i] = std::current_exception();
      }
    }
  };
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, n));
  if (threads <= 1) {
    run(0, 1);
  } else {
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t) workers.emplace_back(run, t, threads);
    for (std::thread& t : workers) t.join();
  }
  for (const std::exception_ptr& f : failures)
    if (f) std::rethrow_exception(f);
}

/// The interval of `point` from the values sampled under the drawn networks (in sample order).
inline probability_interval interval_of(double point, std::vector<double> sampled, double level) {
  probability_interval r;
  const std::size_t n = sampled.size();
  r.point = point;
  r.level = level;
  r.samples = static_cast<int>(n);
  double square = 0;
  const double centre = logit(r.point);
  for (const double x : sampled) {
    const double d = logit(x) - centre;
    square += d * d;
  }
  r.spread = n ? std::sqrt(square / static_cast<double>(n)) : 0.0;
  if (n) {
    const auto [a, b] = quantile_ranks(n, (1 - level) / 2);
    const auto [c, d] = quantile_ranks(n, 0.5);
    const auto [e, f] = quantile_ranks(n, (1 + level) / 2);
    place_order_statistics(sampled, std::array<std::size_t, 6>{a, b, c, d, e, f});
  }
  r.sample_low = n ? sorted_quantile(sampled, (1 - level) / 2) : r.point;
  r.sample_median = n ? sorted_quantile(sampled, 0.5) : r.point;
  r.sample_high = n ? sorted_quantile(sampled, (1 + level) / 2) : r.point;
  r.low = std::min(r.point, r.sample_low);
  r.high = std::max(r.point, r.sample_high);
  return r;
}

}  // namespace detail

template <class Engine>
  requires exact_engine<Engine> && std::constructible_from<Engine, const network&>
std::vector<probability_interval> parameter_intervals(const network& net, std::span<const double> ess,
                                                      const hypothesis& h, std::span<const evidence> sets,
                                                      std::span<const double> points,
                                                      const uncertainty_options& options) {
  if (points.size() != sets.size())
    throw size_error("parameter_intervals: " + std::to_string(points.size()) + " point estimates for " +
                         std::to_string(sets.size()) + " evidence sets",
                     static_cast<double>(sets.size()));
  if (!(options.level > 0 && options.level < 1))
    throw error("parameter_intervals: level " + std::to_string(options.level) + " is not in (0, 1)");
  for (const evidence& e : sets) (void)resolve(net, e);  // name errors before any work

  const auto n = static_cast<std::size_t>(std::max(0, options.samples));
  // values[i * sets + j] = P(h | sets[j]) under sample network i.
  std::vector<double> values(n * sets.size(), 0.0);
  detail::for_each_on_threads(n, options.threads, [&](std::size_t i) {
    std::mt19937_64 rng = detail::sample_generator(options.seed, i);
    const Engine engine(sample_network(net, ess, rng));
    for (std::size_t j = 0; j < sets.size(); ++j)
      values[i * sets.size() + j] = probability(pitchrisk::detail::to_double(engine.posterior(h.variable, sets[j])), h);
  });

  std::vector<probability_interval> out;
  std::vector<double> sampled(n);
  for (std::size_t j = 0; j < sets.size(); ++j) {
    for (std::size_t i = 0; i < n; ++i) sampled[i] = values[i * sets.size() + j];
    out.push_back(detail::interval_of(points[j], sampled, options.level));
  }
  return out;
}

}  // namespace pitchrisk::approach
