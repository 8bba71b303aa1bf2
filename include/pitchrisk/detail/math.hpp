// SPDX-License-Identifier: MIT
// The one door to Boost.Math (STYLE.md 4): log-gamma, digamma and the chi-squared upper
// tail, with their arguments checked first and a policy that reports a domain or overflow
// error as a pitchrisk::error instead of errno or a Boost exception leaking to users.
#pragma once

#include "pitchrisk/error.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <cmath>
#include <string>

namespace pitchrisk::detail {

/// The policy of every call: no float promotion to long double (speed), throw on domain
/// and pole errors (caught and rethrown as pitchrisk::error below), saturate on overflow.
using math_policy = boost::math::policies::policy<
    boost::math::policies::promote_double<false>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>>;

/// log Gamma(x). Requires: x > 0 and finite. Throws: error otherwise.
[[nodiscard]] double log_gamma(double x);
/// digamma(x) = d/dx log Gamma(x). Requires: x > 0 and finite. Throws: error otherwise.
[[nodiscard]] double digamma(double x);
/// P(X >= statistic) for X chi-squared with `df` degrees of freedom (the p-value of a
/// G-test or Pearson test). Requires: df > 0, statistic >= 0 (a tiny negative rounding
/// residue counts as 0). Throws: error otherwise.
[[nodiscard]] double chi_squared_upper_tail(double statistic, double df);

// ---------------------------------------------------------------------------------------

inline double log_gamma(double x) {
  if (!(x > 0.0) || !std::isfinite(x))
    throw error("log_gamma: argument " + std::to_string(x) + ", expected a finite positive number");
  return boost::math::lgamma(x, math_policy());
}

inline double digamma(double x) {
  if (!(x > 0.0) || !std::isfinite(x))
    throw error("digamma: argument " + std::to_string(x) + ", expected a finite positive number");
  return boost::math::digamma(x, math_policy());
}

inline double chi_squared_upper_tail(double statistic, double df) {
  if (!(df > 0.0) || !std::isfinite(df))
    throw error("chi-squared tail: " + std::to_string(df) + " degrees of freedom, expected a positive number");
  if (std::isnan(statistic) || statistic < -1e-9)
    throw error("chi-squared tail: statistic " + std::to_string(statistic) + ", expected a number >= 0");
  if (statistic <= 0.0) return 1.0;
  if (std::isinf(statistic)) return 0.0;
  const boost::math::chi_squared_distribution<double, math_policy> dist(df);
  return boost::math::cdf(boost::math::complement(dist, statistic));
}

}  // namespace pitchrisk::detail
