#include "pitchrisk/inference/loopy_belief_propagation.hpp"

#include "pitchrisk/inference/variable_elimination.hpp"
#include "support/approximate.hpp"
#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <random>

namespace loopy_belief_propagation_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

static_assert(test::contract_engine<loopy_belief_propagation>);
static_assert(test::contract_engine<basic_loopy_belief_propagation<float>>);

namespace {

double max_error(const std::vector<distribution>& a, const std::vector<distribution>& b) {
  double worst = 0;
  for (std::size_t v = 0; v < a.size(); ++v)
    for (Eigen::Index s = 0; s < a[v].size(); ++s) worst = std::max(worst, std::abs(a[v][s] - b[v][s]));
  return worst;
}

}  // namespace

TEST_CASE("loopy BP is exact on polytrees, with hard and soft evidence", "[inference][loopy_belief_propagation]") {
  const auto schedule = GENERATE(lbp_schedule::residual, lbp_schedule::synchronous);
  const double damping = GENERATE(0.0, 0.3);
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    INFO("seed " << seed);
    const network net = test::random_polytree(seed, 14);
    std::mt19937_64 rng(seed);
    const evidence seen = test::random_evidence(net, rng, 0.2, 0.15);
    const loopy_belief_propagation lbp(net, {.damping = damping, .schedule = schedule});
    const auto got = lbp.run(seen);
    CHECK(got.report.converged);
    CHECK(got.report.residual <= 1e-10);
    CHECK(got.report.iterations >= 1);
    CHECK(max_error(got.posteriors, variable_elimination(net).posteriors(seen)) < 1e-8);
  }
}

TEST_CASE("loopy BP on a loopy network converges near the exact answer and says how it ended",
          "[inference][loopy_belief_propagation]") {
  const network net = test::asia();
  const evidence seen{{"xray", "yes"}, {"dysp", "yes"}};
  const loopy_belief_propagation lbp(net);
  const auto got = lbp.run(seen);
  CHECK(got.report.converged);
  CHECK(got.report.updates > 0);
  const double err = max_error(got.posteriors, variable_elimination(net).posteriors(seen));
  CHECK(err > 1e-6);  // asia has a loop: not exact
  CHECK(err < 0.1);
  CHECK(lbp.posterior("lung", seen)["yes"] == got.posteriors[3]["yes"]);
}

TEST_CASE("loopy BP stops at its iteration budget and reports not converged", "[inference][loopy_belief_propagation]") {
  const network net = test::random_network(3, 16, 3, false);
  const evidence seen = test::few_findings(net, 4, 5);
  const loopy_belief_propagation once(net, {.max_iterations = 1, .tolerance = 0, .schedule = lbp_schedule::synchronous});
  const auto got = once.run(seen);
  CHECK(got.report.iterations == 1);
  CHECK_FALSE(got.report.converged);
  CHECK(got.report.residual > 0);
}

TEST_CASE("loopy BP refuses a zero budget and bad damping", "[inference][loopy_belief_propagation]") {
  const network net = test::asia();
  const loopy_belief_propagation_options none{.max_iterations = 0};
  REQUIRE_THROWS_AS(loopy_belief_propagation(net, none), options_error);
  const loopy_belief_propagation_options no_time{.time_budget = std::chrono::milliseconds(0)};
  REQUIRE_THROWS_AS(loopy_belief_propagation(net, no_time), options_error);
  const loopy_belief_propagation_options full{.damping = 1.0};
  REQUIRE_THROWS_WITH(loopy_belief_propagation(net, full), Catch::Contains("damping"));
}

TEST_CASE("loopy BP reports impossible evidence", "[inference][loopy_belief_propagation]") {
  const loopy_belief_propagation lbp(test::asia());
  const evidence impossible{{"tub", "yes"}, {"either", "no"}};
  REQUIRE_THROWS_AS(lbp.run(impossible), evidence_error);
}

}  // namespace loopy_belief_propagation_test
