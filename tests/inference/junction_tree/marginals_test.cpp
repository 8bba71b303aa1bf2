// SPDX-License-Identifier: MIT
// Reading a propagated tree (marginals.hpp): family marginals from a workspace, family and
// joint posteriors, against variable elimination and brute force.
#include "pitchrisk/inference/junction_tree.hpp"

#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"
#include "pitchrisk/io/bif.hpp"

#include "support/brute_force.hpp"
#include "support/exact_checks.hpp"
#include "support/networks.hpp"
#include "support/shared_data.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace marginals_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

namespace {

/// Every query with a hard finding goes to the reduced tree, however small the network.
junction_tree_options always_adapt() {
  junction_tree_options o;
  o.adaptive_min_entries = 1;
  o.adaptive_gain = 0;
  return o;
}

}  // namespace

// ---- Family and joint posteriors ---------------------------------------------------------

namespace {

/// Family marginals read from a workspace (compiled and reduced trees) and joint posteriors
/// of scattered variables agree with variable elimination under random evidence.
void check_families_and_joints_against_ve(const network& net, int trials, std::uint64_t seed) {
  const variable_elimination ve(net);
  for (const junction_tree_options& options : {junction_tree_options{}, always_adapt()}) {
    const junction_tree jt(net, options);
    auto ws = jt.make_workspace();
    std::mt19937_64 rng(seed);
    std::vector<double> family;
    for (int t = 0; t < trials; ++t) {
      const evidence seen = test::random_evidence(net, rng, 0.1, 0.05);
      const resolved_evidence r = resolve(net, seen);
      jt.set_evidence(ws, r);
      try {
        jt.propagate(ws);
      } catch (const evidence_error&) {
        CHECK_THROWS_AS(ve.log_evidence_probability(seen), evidence_error);
        continue;
      }
      INFO("trial " << t << ", reduced tree: " << jt.query_statistics(ws).adapted);
      const auto want = ve.family_posteriors(seen);
      for (const variable_id v : net.variables()) {
        family.assign(static_cast<std::size_t>(net.cpt(v).size()), -1.0);
        jt.family_marginal(ws, v, family);
        const factor& w = want[static_cast<std::size_t>(v)];
        REQUIRE(w.scope() == net.cpt(v).scope());
        for (Eigen::Index k = 0; k < w.size(); ++k)
          CHECK(family[static_cast<std::size_t>(k)] == Approx(w.values()[k]).margin(1e-10));
      }
      const auto queries = test::joint_queries(net, seed + static_cast<std::uint64_t>(t));
      for (const auto& q : queries) {
        const factor a = jt.joint_posterior(q, seen);
        const factor b = ve.joint_posterior(q, seen);
        REQUIRE(a.scope() == b.scope());
        for (Eigen::Index k = 0; k < a.size(); ++k) CHECK(a.values()[k] == Approx(b.values()[k]).margin(1e-10));
      }
    }
  }
}

}  // namespace

TEST_CASE("family and joint posteriors agree with variable elimination on random networks",
          "[inference][junction_tree][family]") {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    INFO("seed " << seed);
    check_families_and_joints_against_ve(test::random_network(seed + 300, 25, 3), 6, seed);
  }
}

TEST_CASE("family and joint posteriors agree with variable elimination on standard networks",
          "[inference][junction_tree][family]") {
  if (!test::have_shared_data()) {
    WARN("skipped: no shared data at " << test::shared_dir());
    return;
  }
  for (const char* name : {"asia", "sachs", "child", "insurance", "alarm"}) {
    INFO("network " << name);
    check_families_and_joints_against_ve(io::read_bif(test::shared_network_path(name)), 4, 77);
  }
}

TEST_CASE("family and joint posteriors agree with variable elimination on larger standard networks",
          "[.slow][slow][inference][junction_tree][family]") {
  if (!test::have_shared_data()) {
    WARN("skipped: no shared data at " << test::shared_dir());
    return;
  }
  for (const char* name : {"hailfinder", "win95pts", "hepar2"}) {
    INFO("network " << name);
    check_families_and_joints_against_ve(io::read_bif(test::shared_network_path(name)), 3, 78);
  }
}

TEST_CASE("family marginals need a full propagation; joint posteriors check their ids",
          "[inference][junction_tree][family]") {
  const network net = test::asia();
  const junction_tree jt(net);
  auto ws = jt.make_workspace();
  std::vector<double> out(8);
  const variable_id either = net.id("either");
  jt.set_evidence(ws, resolve(net, evidence{{"xray", "yes"}}));
  REQUIRE_THROWS_WITH(jt.family_marginal(ws, either, out), Catch::Contains("propagate()") && Catch::Contains("either"));
  jt.propagate_to(ws, either);
  REQUIRE_THROWS_WITH(jt.family_marginal(ws, either, out), Catch::Contains("propagate()"));
  jt.propagate(ws);
  std::vector<double> too_small(2);
  REQUIRE_THROWS_AS(jt.family_marginal(ws, either, too_small), error);
  jt.family_marginal(ws, either, out);  // either = tub or lung: P(either, tub, lung | e) over 8 entries
  double total = 0;
  for (const double x : out) total += x;
  CHECK(total == Approx(1.0).epsilon(1e-12));
  const std::vector<variable_id> bad{0, 42};
  REQUIRE_THROWS_AS(jt.joint_posterior(bad, evidence{}), lookup_error);
  REQUIRE_THROWS_AS(jt.family_posterior(variable_id{-1}, evidence{}), lookup_error);
}

}  // namespace marginals_test
