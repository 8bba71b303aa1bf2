// SPDX-License-Identifier: MIT
// The contracts inference engines meet, so that analyses (value of information,
// explanations, the approach assessment, EM) are free functions that take any engine.
// `engine` promises posteriors only, so approximate engines (samplers) can meet it;
// `exact_engine` adds what only exact inference can promise: log P(e) and the posterior of
// every family (a variable and its parents) from one query, as EM's expected counts need.
#pragma once

#include "pitchrisk/core/distribution.hpp"
#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/core/factor.hpp"
#include "pitchrisk/core/network.hpp"

#include <concepts>
#include <vector>

namespace pitchrisk {

/// An engine answering posterior queries on one network: const (thread-safe) posterior of
/// one variable, posteriors of all variables (by id), and the network it answers for.
template <class E>
concept engine = requires(const E& e, variable_id v, const evidence& seen) {
  typename E::real_type;
  { e.network() } -> std::same_as<const basic_network<typename E::real_type>&>;
  { e.posterior(v, seen) } -> std::same_as<basic_distribution<typename E::real_type>>;
  { e.posteriors(seen) } -> std::same_as<std::vector<basic_distribution<typename E::real_type>>>;
};

/// An engine whose answers are exact: it also gives log P(evidence) and, for every
/// variable v (by id), P(v, parents(v) | evidence) as a factor laid out as net.cpt(v).
template <class E>
concept exact_engine = engine<E> && requires(const E& e, const evidence& seen) {
  { e.log_evidence_probability(seen) } -> std::same_as<double>;
  { e.family_posteriors(seen) } -> std::same_as<std::vector<basic_factor<typename E::real_type>>>;
};

}  // namespace pitchrisk
