// SPDX-License-Identifier: MIT
// Value of information: which unobserved variable, if we asked about it, would tell us the
// most about a target variable? The expected information gain of a test X about a target T
// given evidence e is the mutual information I(T; X | e) = H(T | e) - sum_x P(x | e) H(T | e, x).
// Free functions over any exact engine; each answer also carries the posterior it would give.
#pragma once

#include "pitchrisk/core/distribution.hpp"
#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/detail/ranking_key.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/engine.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <string>
#include <vector>

namespace pitchrisk {

/// What one answer to a question would do: its probability and the target's posterior.
struct answer_effect {
  Eigen::Index state = 0;     ///< state index of the tested variable
  std::string state_name;     ///< its name
  double probability = 0;     ///< P(test = state | seen)
  distribution target;        ///< P(target | seen, test = state)
};

/// The value of asking about one variable.
struct information_value {
  variable_id test = 0;                  ///< the variable asked about
  std::string name;                      ///< its name
  double expected_information_gain = 0;  ///< I(target; test | seen), in bits (>= 0)
  std::vector<answer_effect> answers;    ///< one per possible answer (P > 0), in state order
};

/// Shannon entropy of a distribution, in bits (0 log 0 = 0).
[[nodiscard]] double entropy(const distribution& d) noexcept;

/// Expected information gain about `target` from observing `test`, given `seen`.
/// Throws: lookup_error (id out of range), evidence_error (bad or impossible evidence, or
/// `test` already observed in `seen`).
/// Complexity: 1 + (states of test) posterior queries.
template <exact_engine E>
[[nodiscard]] information_value value_of_information(const E& engine, variable_id target, variable_id test,
                                                     const evidence& seen);

/// value_of_information for each candidate that is neither the target nor observed, best
/// first (ties by name). Candidates observed in `seen` are skipped, not an error.
/// Throws: lookup_error (target or a candidate out of range), evidence_error (bad or
/// impossible evidence).

/// Complexity: one posteriors() query, then (states of each candidate) posterior queries.
template <exact_engine E>
[[nodiscard]] std::vector<information_value> rank_questions(const E& engine, variable_id target,
                                                            std::span<const variable_id> candidates,
                                                            const evidence& seen);

// ---------------------------------------------------------------------------------------

inline double entropy(const distribution& d) noexcept {
  double h = 0;
  for (Eigen::Index i = 0; i < d.size(); ++i) {
    const double p = d[i];
    if (p > 0) h -= p * std::log2(p);
  }
  return h;
}

namespace detail {

/// The gain of `test` once its marginal `test_marginal` and the current target posterior
/// are known (shared by value_of_information and rank_questions).
template <exact_engine E>
information_value information_of(const E& engine, variable_id target, variable_id test,
                                 const distribution& target_now, const distribution& test_marginal,
                                 const evidence& seen) {
  information_value out;
  out.test = test;
  out.name = test_marginal.name();
  double expected_entropy = 0;
  for (Eigen::Index s = 0; s < test_marginal.size(); ++s) {
    const double p = test_marginal[s];
    if (!(p > 0)) continue;
    evidence with = seen;
    with.observe(test, s);
    answer_effect a{s, test_marginal.variable().states[static_cast<std::size_t>(s)], p,
                    to_double(engine.posterior(target, with))};
    expected_entropy += p * entropy(a.target);
    out.answers.push_back(std::move(a));
  }
  // Mutual information is >= 0; rounding can leave a tiny negative remainder.
  out.expected_information_gain = std::max(0.0, entropy(target_now) - expected_entropy);
  return out;
}

}  // namespace detail

template <exact_engine E>
information_value value_of_information(const E& engine, variable_id target, variable_id test,
                                       const evidence& seen) {
  const auto& net = engine.network();
  const resolved_evidence r = resolve(net, seen);
  (void)net.variable(target);  // range checks, lookup_error
  (void)net.variable(test);
  if (r.is_observed(test))
    throw evidence_error("value_of_information: '" + net.variable(test).name + "' is already observed");
  const distribution target_now = detail::to_double(engine.posterior(target, seen));
  const distribution test_marginal = detail::to_double(engine.posterior(test, seen));
  return detail::information_of(engine, target, test, target_now, test_marginal, seen);
}

template <exact_engine E>
std::vector<information_value> rank_questions(const E& engine, variable_id target,
                                              std::span<const variable_id> candidates, const evidence& seen) {
  const auto& net = engine.network();
  const resolved_evidence r = resolve(net, seen);
  (void)net.variable(target);
  for (const variable_id v : candidates) (void)net.variable(v);
  std::vector<distribution> now;
  for (const auto& d : engine.posteriors(seen)) now.push_back(detail::to_double(d));
  const distribution& target_now = now[static_cast<std::size_t>(target)];
  std::vector<information_value> out;
  for (const variable_id v : candidates) {
    if (v == target || r.is_observed(v)) continue;
    if (std::any_of(out.begin(), out.end(), [&](const information_value& q) { return q.test == v; })) continue;
    out.push_back(detail::information_of(engine, target, v, target_now, now[static_cast<std::size_t>(v)], seen));
  }
  std::stable_sort(out.begin(), out.end(), [](const information_value& a, const information_value& b) {
    // On rounded gains (detail::ranking_key): gains equal in exact arithmetic tie and are
    // ordered by name, whichever engine computed them.
    const long long ka = detail::ranking_key(a.expected_information_gain);
    const long long kb = detail::ranking_key(b.expected_information_gain);
    if (ka != kb) return ka > kb;
    return a.name < b.name;
  });
  return out;
}

}  // namespace pitchrisk
