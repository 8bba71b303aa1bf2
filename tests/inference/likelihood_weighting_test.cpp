#include "pitchrisk/inference/likelihood_weighting.hpp"

#include "pitchrisk/inference/variable_elimination.hpp"
#include "support/approximate.hpp"
#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>

namespace likelihood_weighting_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

static_assert(test::contract_engine<likelihood_weighting>);
static_assert(test::contract_engine<basic_likelihood_weighting<float>>);

TEST_CASE("likelihood weighting converges to the exact marginals within 4 standard errors",
          "[inference][likelihood_weighting]") {
  test::se_tally t;
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    const network net = test::smooth_network(seed, 9);
    const evidence seen = test::few_findings(net, seed + 100, static_cast<int>(seed % 4));
    const variable_elimination exact(net);
    const likelihood_weighting lw(net, {.samples = 20000, .seed = seed});
    const sampling_result got = lw.run(seen);
    test::tally(t, got, exact.posteriors(seen), resolve(net, seen));
    if (!seen.empty()) {
      INFO("seed " << seed);
      CHECK(std::abs(got.log_evidence - exact.log_evidence_probability(seen)) <=
            4 * got.log_evidence_standard_error + 1e-12);
    }
  }
  INFO(t.beyond_4se << " of " << t.checks << " beyond 4 SE, worst error " << t.worst);
  CHECK(t.checks > 500);
  CHECK(t.beyond_4se <= t.checks / 200);
  CHECK(t.worst < 0.05);
}

TEST_CASE("likelihood weighting matches the exact answer on asia with evidence", "[inference][likelihood_weighting]") {
  const network net = test::asia();
  const evidence seen{{"xray", "yes"}, {"smoke", "yes"}};
  const likelihood_weighting lw(net, {.samples = 200000, .seed = 7});
  const sampling_result got = lw.run(seen);
  const variable_elimination exact(net);
  const auto truth = exact.posteriors(seen);
  for (const variable_id v : net.variables())
    for (Eigen::Index s = 0; s < net.cardinality(v); ++s)
      CHECK(std::abs(got.posteriors[static_cast<std::size_t>(v)][s] - truth[static_cast<std::size_t>(v)][s]) <=
            4 * got.standard_errors[static_cast<std::size_t>(v)][s] + 1e-12);
  CHECK(got.posteriors[static_cast<std::size_t>(net.id("xray"))]["yes"] == 1.0);
  CHECK(got.samples == 200000);
  CHECK(got.effective_sample_size > 0.05 * 200000);
  CHECK(got.effective_sample_size <= 200000);
  CHECK(std::abs(got.log_evidence - exact.log_evidence_probability(seen)) <= 4 * got.log_evidence_standard_error);
  CHECK(lw.posterior("lung", seen)["yes"] == got.posteriors[static_cast<std::size_t>(net.id("lung"))]["yes"]);
}

TEST_CASE("likelihood weighting standard errors cover the true error at the nominal rate",
          "[inference][likelihood_weighting]") {
  const network net = test::asia();
  const evidence seen{{"dysp", "yes"}};
  const auto truth = variable_elimination(net).posteriors(seen);
  const auto ev = resolve(net, seen);
  long covered = 0, total = 0, logpe_covered = 0;
  const double exact_logpe = variable_elimination(net).log_evidence_probability(seen);
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    const sampling_result got = likelihood_weighting(net, {.samples = 4000, .seed = seed}).run(seen);
    for (const char* name : {"bronc", "smoke", "either"}) {
      const auto v = static_cast<std::size_t>(net.id(name));
      ++total;
      if (std::abs(got.posteriors[v][0] - truth[v][0]) <= 1.96 * got.standard_errors[v][0]) ++covered;
    }
    if (std::abs(got.log_evidence - exact_logpe) <= 1.96 * got.log_evidence_standard_error) ++logpe_covered;
  }
  (void)ev;
  const double rate = static_cast<double>(covered) / static_cast<double>(total);
  INFO("coverage of the 95% interval: " << rate << ", log P(e): " << logpe_covered / 300.0);
  CHECK(rate > 0.92);
  CHECK(rate < 0.98);
  CHECK(logpe_covered / 300.0 > 0.91);
  CHECK(logpe_covered / 300.0 < 0.99);
}

TEST_CASE("likelihood weighting gives the same answer for a seed on 1, 2 and 8 threads",
          "[inference][likelihood_weighting]") {
  const network net = test::smooth_network(5, 14, 3);
  const evidence seen;
  const evidence some = test::few_findings(net, 3, 3);
  for (const evidence& e : {seen, some}) {
    const sampling_result one = likelihood_weighting(net, {.samples = 50000, .seed = 11, .threads = 1, .block_size = 1000}).run(e);
    const sampling_result two = likelihood_weighting(net, {.samples = 50000, .seed = 11, .threads = 2, .block_size = 1000}).run(e);
    const sampling_result eight = likelihood_weighting(net, {.samples = 50000, .seed = 11, .threads = 8, .block_size = 1000}).run(e);
    CHECK(test::identical(one, two));
    CHECK(test::identical(one, eight));
    const sampling_result other = likelihood_weighting(net, {.samples = 50000, .seed = 12}).run(e);
    CHECK_FALSE(test::identical(one, other));
  }
}

TEST_CASE("likelihood weighting reports impossible evidence, not NaN", "[inference][likelihood_weighting]") {
  const likelihood_weighting lw(test::asia());
  const evidence impossible{{"tub", "yes"}, {"either", "no"}};
  REQUIRE_THROWS_AS(lw.run(impossible), evidence_error);
  REQUIRE_THROWS_WITH(lw.run(impossible), Catch::Contains("impossible") && Catch::Contains("either"));
}

TEST_CASE("likelihood weighting says so when no sample has a positive weight", "[inference][likelihood_weighting]") {
  const likelihood_weighting lw(test::needle_network(), {.samples = 5000});
  const evidence rare{{"b", "yes"}};
  REQUIRE_THROWS_AS(lw.run(rare), sampling_error);
  REQUIRE_THROWS_WITH(lw.run(rare), Catch::Contains("zero effective sample size"));
}

TEST_CASE("likelihood weighting refuses a zero budget", "[inference][likelihood_weighting]") {
  const network net = test::asia();
  const likelihood_weighting_options no_samples{.samples = 0};
  REQUIRE_THROWS_AS(likelihood_weighting(net, no_samples), options_error);
  const likelihood_weighting_options no_time{.time_budget = std::chrono::milliseconds(0)};
  REQUIRE_THROWS_AS(likelihood_weighting(net, no_time), options_error);
  REQUIRE_THROWS_WITH(likelihood_weighting(net, no_time), Catch::Contains("0 ms"));
}

TEST_CASE("a time budget stops likelihood weighting early with a usable answer", "[inference][likelihood_weighting]") {
  const network net = test::asia();
  const likelihood_weighting lw(net, {.samples = std::int64_t{1} << 40, .time_budget = std::chrono::milliseconds(30)});
  const evidence seen{{"xray", "yes"}};
  const sampling_result got = lw.run(seen);
  CHECK(got.samples > 0);
  CHECK(got.samples < (std::int64_t{1} << 40));
  CHECK(got.seconds < 5);
  const auto truth = variable_elimination(net).posteriors(seen);
  CHECK(std::abs(got.posteriors[1][0] - truth[1][0]) <= 5 * got.standard_errors[1][0] + 1e-12);
}

TEST_CASE("likelihood weighting handles soft evidence", "[inference][likelihood_weighting]") {
  const network net = test::asia();
  evidence seen;
  seen.likelihood("xray", {0.9, 0.2}).observe("asia", "yes");
  const auto truth = variable_elimination(net).posteriors(seen);
  const sampling_result got = likelihood_weighting(net, {.samples = 100000, .seed = 3}).run(seen);
  test::se_tally t;
  test::tally(t, got, truth, resolve(net, seen));
  CHECK(t.beyond_4se == 0);
  CHECK(std::abs(got.log_evidence - variable_elimination(net).log_evidence_probability(seen)) <=
        4 * got.log_evidence_standard_error);
}

}  // namespace likelihood_weighting_test
