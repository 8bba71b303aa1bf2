// SPDX-License-Identifier: MIT
// Helpers for the tests of the approximate engines: the `engine` concept as the contract
// states it (checked here until inference/engine.hpp provides it), comparison of a
// sampler's answer with the exact one in units of its standard errors, small networks
// without deterministic zeros, and equality of two answers (determinism over threads).
#pragma once

#include "pitchrisk/core.hpp"
#include "pitchrisk/inference/engine.hpp"
#include "pitchrisk/inference/sampling_result.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"
#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <concepts>
#include <vector>

namespace pitchrisk::test {

/// The `engine` concept of contracts.md section A, written from its text, and the one
/// inference/engine.hpp provides: both must accept the approximate engines.
template <class E>
concept contract_text_engine = requires(const E& e, variable_id v, const evidence& seen) {
  typename E::real_type;
  { e.network() } -> std::same_as<const basic_network<typename E::real_type>&>;
  { e.posterior(v, seen) } -> std::same_as<basic_distribution<typename E::real_type>>;
  { e.posteriors(seen) } -> std::same_as<std::vector<basic_distribution<typename E::real_type>>>;
};
template <class E>
concept contract_engine = contract_text_engine<E> && engine<E> && !exact_engine<E>;

/// Counts of |estimate - exact| against multiples of the standard error.
struct se_tally {
  long checks = 0;
  long beyond_4se = 0;   ///< error > 4 SE (+ 1e-12)
  long within_196 = 0;   ///< error <= 1.96 SE
  double worst = 0;      ///< largest absolute error
};

/// Adds every state of every unobserved variable of `got` to `t`, against `exact`.
inline void tally(se_tally& t, const sampling_result& got, const std::vector<distribution>& exact,
                  const resolved_evidence& ev) {
  for (std::size_t v = 0; v < exact.size(); ++v) {
    if (ev.hard[v] >= 0) continue;
    for (Eigen::Index s = 0; s < exact[v].size(); ++s) {
      const double err = std::abs(got.posteriors[v][s] - exact[v][s]);
      const double se = got.standard_errors[v][s];
      ++t.checks;
      t.worst = std::max(t.worst, err);
      if (err > 4 * se + 1e-12) ++t.beyond_4se;
      if (err <= 1.96 * se) ++t.within_196;
    }
  }
}

/// Two answers equal bit for bit (marginals, standard errors, log P(e), ESS, samples).
inline bool identical(const sampling_result& a, const sampling_result& b) {
  if (a.posteriors.size() != b.posteriors.size() || a.samples != b.samples) return false;
  for (std::size_t v = 0; v < a.posteriors.size(); ++v) {
    if ((a.posteriors[v].probabilities() != b.posteriors[v].probabilities()).any()) return false;
    if ((a.standard_errors[v] != b.standard_errors[v]).any()) return false;
  }
  return a.log_evidence == b.log_evidence && a.log_evidence_standard_error == b.log_evidence_standard_error &&
         a.effective_sample_size == b.effective_sample_size;
}

/// A random network without zeros or near-deterministic columns (every sampler mixes).
inline network smooth_network(std::uint64_t seed, int n, int max_parents = 2) {
  return random_network(seed, n, max_parents, false);
}

/// Random hard evidence on a few variables (possible: zero-free networks).
inline evidence few_findings(const network& net, std::uint64_t seed, int count) {
  std::mt19937_64 rng(seed);
  evidence e;
  std::vector<variable_id> ids(static_cast<std::size_t>(net.size()));
  for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<variable_id>(i);
  std::shuffle(ids.begin(), ids.end(), rng);
  for (int i = 0; i < count && i < static_cast<int>(ids.size()); ++i) {
    const variable_id v = ids[static_cast<std::size_t>(i)];
    e.observe(v, std::uniform_int_distribution<Eigen::Index>(0, net.cardinality(v) - 1)(rng));
  }
  return e;
}

/// A network where the evidence b = yes is possible but has probability 1e-12: a sampler
/// drawing a from its prior sees no positive weight.
inline network needle_network() {
  network_builder b("needle");
  b.add_variable("a", {"common", "rare"});
  b.add_variable("b", {"no", "yes"});
  b.set_cpt("a", {}, {1 - 1e-12, 1e-12});
  b.set_cpt("b", {"a"}, {1, 0, 0, 1});
  return b.build();
}

}  // namespace pitchrisk::test

namespace pitchrisk::test {

/// A random polytree (singly connected DAG): each variable takes up to `max_parents`
/// parents from distinct connected components of the graph built so far.
inline network random_polytree(std::uint64_t seed, int n, int max_parents = 2) {
  std::mt19937_64 rng(seed);
  network_builder b("polytree" + std::to_string(seed));
  std::vector<int> component(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const int k = std::uniform_int_distribution<int>(2, 3)(rng);
    std::vector<std::string> states;
    for (int s = 0; s < k; ++s) states.push_back("s" + std::to_string(s));
    b.add_variable("v" + std::to_string(i), states);
    component[static_cast<std::size_t>(i)] = i;
  }
  std::uniform_real_distribution<double> u(0.05, 1.0);
  for (int i = 0; i < n; ++i) {
    std::vector<variable_id> parents;
    std::vector<int> pool(static_cast<std::size_t>(i));
    for (int j = 0; j < i; ++j) pool[static_cast<std::size_t>(j)] = j;
    std::shuffle(pool.begin(), pool.end(), rng);
    const int want = i == 0 ? 0 : std::uniform_int_distribution<int>(0, max_parents)(rng);
    for (const int j : pool) {
      if (static_cast<int>(parents.size()) >= want) break;
      const int cj = component[static_cast<std::size_t>(j)];
      if (cj == component[static_cast<std::size_t>(i)]) continue;
      parents.push_back(j);
      for (auto& c : component)
        if (c == cj) c = component[static_cast<std::size_t>(i)];
    }
    b.set_parents(i, parents);
    Eigen::Index cols = 1;
    for (const variable_id p : parents) cols *= b.variable(p).cardinality();
    const Eigen::Index k = b.variable(i).cardinality();
    Eigen::ArrayXd t(k * cols);
    for (Eigen::Index c = 0; c < cols; ++c) {
      double sum = 0;
      for (Eigen::Index s = 0; s < k; ++s) sum += (t[c * k + s] = u(rng));
      t.segment(c * k, k) /= sum;
    }
    b.set_cpt(i, t);
  }
  return b.build();
}

}  // namespace pitchrisk::test
