// SPDX-License-Identifier: MIT
// Compares an exact engine with a shared reference file (.ref): every marginal within an
// absolute tolerance, log P(e) within a relative one, and the MPE assignment exactly.
// Used by the tests of every engine, so they are all held to the same standard.
#pragma once

#include "pitchrisk/inference/engine.hpp"
#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/io/reference.hpp"
#include "support/shared_data.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace pitchrisk::test {

struct reference_tolerance {
  double marginal = 1e-8;   ///< absolute, per probability
  double log_pe = 1e-9;     ///< relative: |got - ref| <= log_pe * max(1, |ref|)
};

/// Checks `engine` against every case of `cases`; returns the largest marginal error.
template <class Engine>
double check_reference(const Engine& engine, const std::vector<io::reference_case>& cases, bool with_mpe,
                       reference_tolerance tol = {}) {
  const auto& net = engine.network();
  double worst = 0;
  for (const auto& c : cases) {
    INFO("case " << c.index << " (line " << c.line << ")");
    const evidence seen = c.to_evidence();
    if (c.log_pe) {
      const double got = c.evidence.empty() ? 0.0 : engine.log_evidence_probability(seen);
      CHECK(std::abs(got - *c.log_pe) <= tol.log_pe * std::max(1.0, std::abs(*c.log_pe)));
    }
    const auto post = engine.posteriors(seen);
    for (const auto& m : c.marginals) {
      const variable_id v = net.id(m.variable);
      INFO("variable " << m.variable);
      REQUIRE(static_cast<Eigen::Index>(m.probabilities.size()) == net.cardinality(v));
      for (std::size_t s = 0; s < m.probabilities.size(); ++s) {
        const double err = std::abs(static_cast<double>(post[static_cast<std::size_t>(v)][static_cast<Eigen::Index>(s)]) - m.probabilities[s]);
        worst = std::max(worst, err);
        CHECK(err <= tol.marginal);
      }
    }
    if (with_mpe && c.mpe_log_probability) {
      const mpe_result got = engine.mpe(seen);
      CHECK(std::abs(got.log_probability - *c.mpe_log_probability) <= tol.log_pe * std::max(1.0, std::abs(*c.mpe_log_probability)));
      for (const auto& a : c.mpe) {
        const variable_id v = net.id(a.variable);
        CHECK(net.variable(v).states[static_cast<std::size_t>(got.states[static_cast<std::size_t>(v)])] == a.state);
      }
    }
  }
  return worst;
}

/// Builds an Engine from ../shared/networks/<name>.bif and checks it against
/// ../shared/reference/<name>.ref (skipped, saying so, without the shared data).
template <class Engine>
void check_shared_network(const std::string& name) {
  if (!have_shared_data()) {
    WARN("skipped: no shared data at " << shared_dir());
    return;
  }
  INFO("network " << name);
  const Engine engine(io::read_bif(shared_network_path(name)));
  const auto cases = io::read_reference(shared_reference_path(name + ".ref"));
  REQUIRE(!cases.empty());
  check_reference(engine, cases, true);
}

}  // namespace pitchrisk::test
