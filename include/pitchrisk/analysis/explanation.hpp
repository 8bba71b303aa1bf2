// SPDX-License-Identifier: MIT
// Explanation: how much each finding contributes to a hypothesis H ("target variable is in
// one of these states"). Two measures per finding f, both as weights of evidence (I. J.
// Good: the log of a likelihood ratio, natural log): alone, ln O(H | f) - ln O(H); and in
// context, ln O(H | e) - ln O(H | e without f), with the change in P(H) when f is removed.
#pragma once

#include "pitchrisk/core/distribution.hpp"
#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/engine.hpp"
#include "pitchrisk/detail/ranking_key.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace pitchrisk {

/// A hypothesis: `variable` is in one of `states` (indices); its complement is the rest.
struct hypothesis {
  variable_id variable = 0;           ///< the variable the hypothesis is about
  std::vector<Eigen::Index> states;   ///< the states that make it true (indices, no duplicates)

};

/// What one finding contributes to a hypothesis.
struct finding_contribution {
  variable_id id = 0;                ///< the observed variable
  std::string variable;              ///< its name
  std::string state;                 ///< the observed state ("likelihood" for soft evidence)
  double weight = 0;                 ///< ln O(H | f) - ln O(H): the finding alone
  double weight_in_context = 0;      ///< ln O(H | e) - ln O(H | e without f)
  double probability_without = 0;    ///< P(H | e without f)
  double change = 0;                 ///< P(H | e) - P(H | e without f)
};

/// The explanation of P(H | e).
struct explanation {
  double prior = 0;                           ///< P(H), no evidence
  double posterior = 0;                       ///< P(H | e)
  double total_weight = 0;                    ///< ln O(H | e) - ln O(H)
  std::vector<finding_contribution> findings; ///< by |weight_in_context| decreasing (to 1e-9: detail::ranking_key), then name
};

/// P(H) under a posterior of H's variable. Throws: lookup_error (state index out of range).
[[nodiscard]] double probability(const distribution& d, const hypothesis& h);
/// ln(P(H) / P(not H)) computed from both sums (no cancellation); each sum is floored at the
/// smallest normal double, so that the log-odds of a certain hypothesis stay finite (~ +-708).
/// Throws: as probability().

[[nodiscard]] double log_odds(const distribution& d, const hypothesis& h);

/// Contribution of every finding of `seen` to `h`.
/// Throws: lookup_error (bad hypothesis), evidence_error (bad or impossible evidence).
/// Complexity: 2 + 2 x (findings) posterior queries.
template <exact_engine E>
[[nodiscard]] explanation explain(const E& engine, const hypothesis& h, const evidence& seen);

// ---------------------------------------------------------------------------------------

namespace detail {

inline void check_hypothesis(const distribution& d, const hypothesis& h) {
  if (h.states.empty()) throw lookup_error("hypothesis on '" + d.name() + "' lists no states");
  for (const Eigen::Index s : h.states)
    if (s < 0 || s >= d.size())
      throw lookup_error("hypothesis on '" + d.name() + "': state index " + std::to_string(s) +
                         " out of range (" + std::to_string(d.size()) + " states)");
}

inline bool in_hypothesis(const hypothesis& h, Eigen::Index s) noexcept {
  return std::find(h.states.begin(), h.states.end(), s) != h.states.end();
}

/// probability() on the probabilities `p` of h.variable's states (h's states checked by the caller).
inline double probability_of(std::span<const double> p, const hypothesis& h) noexcept {
  double sum = 0;
  for (std::size_t s = 0; s < p.size(); ++s)
    if (in_hypothesis(h, static_cast<Eigen::Index>(s))) sum += p[s];
  return sum;
}

/// log_odds() on the probabilities `p` of h.variable's states (h's states checked by the caller).
inline double log_odds_of(std::span<const double> p, const hypothesis& h) noexcept {
  double yes = 0, no = 0;
  for (std::size_t s = 0; s < p.size(); ++s) (in_hypothesis(h, static_cast<Eigen::Index>(s)) ? yes : no) += p[s];
  constexpr double floor = std::numeric_limits<double>::min();
  return std::log(std::max(yes, floor)) - std::log(std::max(no, floor));
}

inline std::span<const double> probabilities_of(const distribution& d) noexcept {
  return {d.probabilities().data(), static_cast<std::size_t>(d.size())};
}

/// Orders findings as every report lists them: by |weight in context| on rounded magnitudes
/// (ranking_key: equal weights tie whatever engine computed them), ties by variable name.
inline void order_contributions(std::vector<finding_contribution>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const finding_contribution& a, const finding_contribution& b) {
    const long long x = ranking_key(std::abs(a.weight_in_context)), y = ranking_key(std::abs(b.weight_in_context));
    if (x != y) return x > y;
    return a.variable < b.variable;
  });
}

}  // namespace detail

inline double probability(const distribution& d, const hypothesis& h) {
  detail::check_hypothesis(d, h);
  return detail::probability_of(detail::probabilities_of(d), h);
}

inline double log_odds(const distribution& d, const hypothesis& h) {
  detail::check_hypothesis(d, h);
  return detail::log_odds_of(detail::probabilities_of(d), h);
}

template <exact_engine E>
explanation explain(const E& engine, const hypothesis& h, const evidence& seen) {
  const auto& net = engine.network();
  (void)resolve(net, seen);  // evidence_error on unknown names before any query
  explanation out;
  const distribution prior = detail::to_double(engine.posterior(h.variable, evidence{}));
  const distribution post = detail::to_double(engine.posterior(h.variable, seen));
  out.prior = probability(prior, h);
  out.posterior = probability(post, h);
  const double prior_odds = log_odds(prior, h);
  const double post_odds = log_odds(post, h);
  out.total_weight = post_odds - prior_odds;

  for (const finding& f : seen.findings()) {
    finding_contribution c;
    c.id = f.id >= 0 ? f.id : net.id(f.variable);
    c.variable = net.variable(c.id).name;
    if (f.is_soft())
      c.state = "likelihood";
    else
      c.state = f.state_index >= 0 ? net.variable(c.id).states[static_cast<std::size_t>(f.state_index)] : f.state;

    evidence without = seen;
    if (f.id >= 0)
      without.retract(f.id);
    else
      without.retract(f.variable);
    evidence alone;
    if (f.is_soft())
      alone.likelihood(c.id, f.likelihood);
    else if (f.state_index >= 0)
      alone.observe(c.id, f.state_index);
    else
      alone.observe(c.variable, f.state);

    const distribution d_without = detail::to_double(engine.posterior(h.variable, without));
    const distribution d_alone = detail::to_double(engine.posterior(h.variable, alone));
    c.weight = log_odds(d_alone, h) - prior_odds;
    c.weight_in_context = post_odds - log_odds(d_without, h);
    c.probability_without = probability(d_without, h);
    c.change = out.posterior - c.probability_without;
    out.findings.push_back(std::move(c));
  }
  detail::order_contributions(out.findings);
  return out;
}

}  // namespace pitchrisk
