// SPDX-License-Identifier: MIT
// Converts a posterior of any real type to a double distribution, so that analyses written
// over the exact_engine concept (engines over float, double or long double) return one
// result type: figures for people and reports, where double precision is plenty.
#pragma once

#include "pitchrisk/core/distribution.hpp"

namespace pitchrisk::detail {

/// The same distribution with double probabilities (a copy for double itself).
template <class Real>
[[nodiscard]] distribution to_double(const basic_distribution<Real>& d) {
  return distribution(d.variable(), d.probabilities().template cast<double>());
}

}  // namespace pitchrisk::detail
