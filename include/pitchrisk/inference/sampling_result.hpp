// SPDX-License-Identifier: MIT
// What an approximate engine answers besides the marginals: a standard error per state,
// the estimate of log P(e) with its standard error (importance samplers), the effective
// sample size, and how much work was done, so a caller knows how far to trust the answer.
#pragma once

#include "pitchrisk/core/distribution.hpp"

#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace pitchrisk {

/// The answer of a sampler to one evidence set.
template <class Real>
struct basic_sampling_result {
  std::vector<basic_distribution<Real>> posteriors;  ///< by variable id (point mass if observed)
  std::vector<Eigen::ArrayXd> standard_errors;       ///< by variable id, by state (0 if observed)
  double log_evidence = 0;                           ///< estimate of log P(e) (0 without evidence; NaN: Gibbs gives none)
  double log_evidence_standard_error = 0;            ///< delta-method SE of that estimate
  double effective_sample_size = 0;                  ///< (sum w)^2 / sum w^2; Gibbs: min over states
  std::int64_t samples = 0;                          ///< samples drawn (kept, after burn-in)
  double seconds = 0;                                ///< wall-clock time of the query
  double r_hat = 0;                                  ///< Gibbs only: largest split R-hat over states
};

/// The result of the double-precision samplers.
using sampling_result = basic_sampling_result<double>;

}  // namespace pitchrisk
