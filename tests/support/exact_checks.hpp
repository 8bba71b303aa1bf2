// SPDX-License-Identifier: MIT
// The one check of an exact engine against brute-force enumeration, shared by the tests of
// every exact engine: log P(e), posteriors (all and one by one), family posteriors, a few
// joint posteriors, the MPE, and impossible evidence reported as evidence_error.
#pragma once

#include "pitchrisk/core.hpp"

#include "support/brute_force.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace pitchrisk::test {

/// log of the joint probability of a full assignment, soft findings included.
inline double log_joint(const network& net, const evidence& seen, const std::vector<Eigen::Index>& x) {
  const resolved_evidence ev = resolve(net, seen);
  double lp = 0;
  for (const variable_id v : net.variables()) {
    const auto i = static_cast<std::size_t>(v);
    std::vector<Eigen::Index> ps;
    for (const variable_id u : net.parents(v)) ps.push_back(x[static_cast<std::size_t>(u)]);
    lp += std::log(net.probability(v, x[i], ps));
    if (ev.is_soft(v)) lp += std::log(ev.soft[i][x[i]]);
    if (ev.is_hard(v) && ev.hard[i] != x[i]) return -INFINITY;
  }
  return lp;
}

/// Every entry of `got` (a factor over sorted `vars`) equals `want` within `margin`.
inline void check_table(const factor& got, const std::vector<variable_id>& vars, const std::vector<long double>& want,
                        double margin = 1e-12) {
  REQUIRE(got.scope() == vars);
  REQUIRE(static_cast<std::size_t>(got.size()) == want.size());
  for (Eigen::Index k = 0; k < got.size(); ++k)
    CHECK(got.values()[k] == Approx(static_cast<double>(want[static_cast<std::size_t>(k)])).margin(margin));
}

/// A few variable sets to ask joint posteriors of: pairs, a triple, all variables (small nets).
inline std::vector<std::vector<variable_id>> joint_queries(const network& net, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<variable_id> pick(0, static_cast<variable_id>(net.size() - 1));
  std::vector<std::vector<variable_id>> out;
  for (int k = 0; k < 3; ++k) {
    std::vector<variable_id> q;
    for (int j = 0; j < 2 + k % 2; ++j) q.push_back(pick(rng));
    std::sort(q.begin(), q.end());
    q.erase(std::unique(q.begin(), q.end()), q.end());
    out.push_back(q);
  }
  if (net.size() <= 8) {
    std::vector<variable_id> every;
    for (const variable_id v : net.variables()) every.push_back(v);
    out.push_back(every);
  }
  return out;
}

/// Checks `engine` against `truth` = brute_force(net, seen).
template <class Engine>
void check_against_brute_force(const network& net, const Engine& engine, const evidence& seen,
                               const brute_force_result& truth, std::uint64_t seed = 1) {
  if (!truth.possible) {
    CHECK_THROWS_AS(engine.log_evidence_probability(seen), evidence_error);
    CHECK_THROWS_AS(engine.posteriors(seen), evidence_error);
    CHECK_THROWS_AS(engine.posterior(0, seen), evidence_error);
    CHECK_THROWS_AS(engine.family_posteriors(seen), evidence_error);
    CHECK_THROWS_AS(engine.mpe(seen), evidence_error);
    return;
  }
  CHECK(engine.log_evidence_probability(seen) == Approx(static_cast<double>(truth.log_pe)).margin(1e-12));
  const auto all = engine.posteriors(seen);
  REQUIRE(all.size() == static_cast<std::size_t>(net.size()));
  for (const variable_id v : net.variables()) {
    const distribution one = engine.posterior(v, seen);
    for (Eigen::Index s = 0; s < net.cardinality(v); ++s) {
      const double want = static_cast<double>(truth.posteriors[static_cast<std::size_t>(v)][static_cast<std::size_t>(s)]);
      CHECK(all[static_cast<std::size_t>(v)][s] == Approx(want).margin(1e-12));
      CHECK(one[s] == Approx(want).margin(1e-12));
    }
  }
  const auto families = engine.family_posteriors(seen);
  REQUIRE(families.size() == static_cast<std::size_t>(net.size()));
  for (const variable_id v : net.variables()) {
    INFO("family of " << net.variable(v).name);
    check_table(families[static_cast<std::size_t>(v)], net.cpt(v).scope(), truth.families[static_cast<std::size_t>(v)]);
  }
  for (const auto& q : joint_queries(net, seed)) {
    INFO("joint posterior of " << q.size() << " variables");
    check_table(engine.joint_posterior(q, seen), q, brute_force_joint(net, q, seen));
  }
  const mpe_result m = engine.mpe(seen);
  CHECK(m.log_probability == Approx(static_cast<double>(truth.mpe_log_probability)).margin(1e-12));
  // The assignment found attains the maximum (ties may pick another maximiser).
  CHECK(log_joint(net, seen, m.states) == Approx(static_cast<double>(truth.mpe_log_probability)).margin(1e-12));
}

}  // namespace pitchrisk::test
