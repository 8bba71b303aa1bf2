// SPDX-License-Identifier: MIT
// What separates the two likeliest explanations of an approach (the two most probable states
// of intent, say recruitment_pitch and fraud): for each observed finding, how much more
// likely it is under the first than under the second given the rest of the evidence,
// P(f | first, e without f) / P(f | second, e without f), which equals the change in the odds
// first:second when the finding is removed. Free function over any exact engine.
#pragma once

#include "pitchrisk/core/distribution.hpp"
#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/engine.hpp"
#include "pitchrisk/detail/ranking_key.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace pitchrisk::approach {

/// One finding's weight between the two likeliest explanations.
struct separating_finding {
  std::string indicator;  ///< variable name
  std::string state;      ///< observed state ("likelihood" for an uncertain observation)
  double log_ratio = 0;   ///< ln O(first:second | e) - ln O(first:second | e without f)
};

/// The two likeliest states of a variable and the findings that separate them.
struct top_two {
  std::string first;                       ///< the likeliest state's name (ties: lower index)
  std::string second;                      ///< the second likeliest state's name
  double p_first = 0;                      ///< P(first | e)
  double p_second = 0;                     ///< P(second | e)
  std::vector<separating_finding> findings;  ///< by |log_ratio| decreasing (to 1e-9: detail::ranking_key), then name
};

/// The two likeliest states of `variable` given `seen` and, for each finding of `seen`, its
/// log likelihood ratio between them in the context of the other findings.
/// Requires: `variable` has at least two states. Throws: evidence_error (bad or impossible
/// evidence), lookup_error (id out of range), model_error (fewer than two states).
/// Complexity: 1 + (findings) posterior queries.
template <exact_engine E>
[[nodiscard]] top_two separate_top_two(const E& engine, variable_id variable, const evidence& seen);

// ---------------------------------------------------------------------------------------

namespace detail {

/// ln(a / b) with both floored at the smallest normal double (finite for certain states).
inline double log_ratio_floored(double a, double b) noexcept {
  constexpr double tiny = std::numeric_limits<double>::min();
  return std::log(std::max(a, tiny)) - std::log(std::max(b, tiny));
}

/// The two likeliest states of `post` (ties: the lower index first) in `out` (names and
/// probabilities); returns their indices.
inline std::pair<Eigen::Index, Eigen::Index> likeliest_two(const distribution& post, top_two& out) {
  Eigen::Index a = 0, b = 1;
  if (post[b] > post[a]) std::swap(a, b);
  for (Eigen::Index s = 2; s < post.size(); ++s) {
    if (post[s] > post[a]) {
      b = a;
      a = s;
    } else if (post[s] > post[b]) {
      b = s;
    }
  }
  out.first = post.variable().states[static_cast<std::size_t>(a)];
  out.second = post.variable().states[static_cast<std::size_t>(b)];
  out.p_first = post[a];
  out.p_second = post[b];
  return {a, b};
}

/// Orders separating findings by |log_ratio| decreasing (to 1e-9, so that rounding never
/// decides between equal ratios), then by name (stable).
inline void order_separating(std::vector<separating_finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const separating_finding& x, const separating_finding& y) {
    const long long ax = pitchrisk::detail::ranking_key(std::abs(x.log_ratio)),
                    ay = pitchrisk::detail::ranking_key(std::abs(y.log_ratio));
    if (ax != ay) return ax > ay;
    return x.indicator < y.indicator;
  });
}

}  // namespace detail

template <exact_engine E>
top_two separate_top_two(const E& engine, variable_id variable, const evidence& seen) {
  const auto& net = engine.network();
  if (variable < 0 || variable >= net.size())
    throw lookup_error("separate_top_two: variable id " + std::to_string(variable) + " out of range");
  const auto& var = net.variable(variable);
  if (var.cardinality() < 2)
    throw model_error("separate_top_two: variable '" + var.name + "' has fewer than two states");
  (void)resolve(net, seen);  // evidence_error on unknown names before any query

  const distribution post = pitchrisk::detail::to_double(engine.posterior(variable, seen));
  top_two out;
  const auto [a, b] = detail::likeliest_two(post, out);
  const double odds = detail::log_ratio_floored(post[a], post[b]);

  for (const finding& f : seen.findings()) {
    const variable_id id = f.id >= 0 ? f.id : net.id(f.variable);
    if (id == variable) continue;  // the hypothesis itself is not a finding about it
    separating_finding s;
    s.indicator = net.variable(id).name;
    if (f.is_soft())
      s.state = "likelihood";
    else
      s.state = f.state_index >= 0 ? net.variable(id).states[static_cast<std::size_t>(f.state_index)] : f.state;
    evidence without = seen;
    if (f.id >= 0)
      without.retract(f.id);
    else
      without.retract(f.variable);
    const distribution d = pitchrisk::detail::to_double(engine.posterior(variable, without));
    s.log_ratio = odds - detail::log_ratio_floored(d[a], d[b]);
    out.findings.push_back(std::move(s));
  }
  detail::order_separating(out.findings);
  return out;
}

}  // namespace pitchrisk::approach
