// SPDX-License-Identifier: MIT
// The contract every exact inference engine meets, so that analyses (value of
// information, explanations, the approach assessment) are free functions that take any
// engine: variable elimination, the junction tree, or one a user writes.
#pragma once

#include "pitchrisk/core/distribution.hpp"
#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/core/network.hpp"

#include <concepts>
#include <vector>

namespace pitchrisk {

/// An engine answering exact queries on one network: const (thread-safe) posterior of
/// one variable, posteriors of all variables (by id), log P(evidence), and its network.
template <class E>
concept exact_engine = requires(const E& e, variable_id v, const evidence& seen) {
  { e.network() } -> std::same_as<const basic_network<typename E::real_type>&>;
  { e.posterior(v, seen) } -> std::same_as<basic_distribution<typename E::real_type>>;
  { e.posteriors(seen) } -> std::same_as<std::vector<basic_distribution<typename E::real_type>>>;
  { e.log_evidence_probability(seen) } -> std::same_as<double>;
};

}  // namespace pitchrisk
