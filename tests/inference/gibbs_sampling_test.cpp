#include "pitchrisk/inference/gibbs_sampling.hpp"

#include "pitchrisk/inference/variable_elimination.hpp"
#include "support/approximate.hpp"
#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>

namespace gibbs_sampling_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

static_assert(test::contract_engine<gibbs_sampling>);
static_assert(test::contract_engine<basic_gibbs_sampling<float>>);

namespace {

/// v0 -> v1 -> ... -> v(n-1), each a copy of its parent with probability `keep`.
network copy_chain(int n, double keep) {
  network_builder b("copy_chain");
  for (int i = 0; i < n; ++i) b.add_variable("v" + std::to_string(i), {"a", "b"});
  b.set_cpt("v0", {}, {0.5, 0.5});
  for (int i = 1; i < n; ++i) b.set_cpt("v" + std::to_string(i), {"v" + std::to_string(i - 1)}, {keep, 1 - keep, 1 - keep, keep});
  return b.build();
}

}  // namespace

TEST_CASE("Gibbs sampling converges to the exact marginals within 4 standard errors", "[inference][gibbs_sampling]") {
  test::se_tally t;
  double worst_r_hat = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const network net = test::smooth_network(seed, 9);
    const evidence seen = test::few_findings(net, seed + 100, static_cast<int>(seed % 4));
    const gibbs_sampling gibbs(net, {.samples = 20000, .burn_in = 500, .seed = seed});
    const sampling_result got = gibbs.run(seen);
    test::tally(t, got, variable_elimination(net).posteriors(seen), resolve(net, seen));
    worst_r_hat = std::max(worst_r_hat, got.r_hat);
    CHECK(std::isnan(got.log_evidence));
    CHECK(got.samples == 20000);
  }
  INFO(t.beyond_4se << " of " << t.checks << " beyond 4 SE, worst error " << t.worst << ", worst R-hat " << worst_r_hat);
  CHECK(t.checks > 350);
  CHECK(t.beyond_4se <= t.checks / 100);
  CHECK(t.worst < 0.03);
  CHECK(worst_r_hat < 1.05);
  CHECK(worst_r_hat >= 1.0);
}

TEST_CASE("Gibbs standard errors cover the true error near the nominal rate", "[inference][gibbs_sampling]") {
  const network net = test::smooth_network(21, 8);
  const evidence seen = test::few_findings(net, 5, 2);
  const auto truth = variable_elimination(net).posteriors(seen);
  const auto ev = resolve(net, seen);
  long covered = 0, total = 0;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    const sampling_result got = gibbs_sampling(net, {.samples = 4000, .burn_in = 200, .seed = seed}).run(seen);
    for (const variable_id v : net.variables()) {
      if (ev.is_hard(v)) continue;
      ++total;
      if (std::abs(got.posteriors[static_cast<std::size_t>(v)][0] - truth[static_cast<std::size_t>(v)][0]) <=
          1.96 * got.standard_errors[static_cast<std::size_t>(v)][0])
        ++covered;
    }
  }
  const double rate = static_cast<double>(covered) / static_cast<double>(total);
  INFO("coverage of the 95% interval: " << rate);
  CHECK(rate > 0.88);
  CHECK(rate < 0.99);
}

TEST_CASE("R-hat flags chains stuck in different modes", "[inference][gibbs_sampling]") {
  const network net = copy_chain(30, 0.9995);
  const sampling_result stuck = gibbs_sampling(net, {.samples = 4000, .burn_in = 0, .chains = 4, .seed = 3}).run({});
  INFO("R-hat " << stuck.r_hat);
  CHECK(stuck.r_hat > 1.1);
  const network easy = copy_chain(30, 0.7);
  const sampling_result mixed = gibbs_sampling(easy, {.samples = 40000, .burn_in = 100, .chains = 4, .seed = 3}).run({});
  CHECK(mixed.r_hat < 1.05);
}

TEST_CASE("Gibbs sampling gives the same answer for a seed on 1, 2 and 8 threads", "[inference][gibbs_sampling]") {
  const network net = test::smooth_network(9, 12, 3);
  const evidence seen = test::few_findings(net, 9, 3);
  auto at = [&](unsigned threads) {
    return gibbs_sampling(net, {.samples = 8000, .burn_in = 100, .chains = 8, .seed = 4, .threads = threads}).run(seen);
  };
  const sampling_result one = at(1);
  const sampling_result two = at(2);
  const sampling_result eight = at(8);
  for (std::size_t v = 0; v < one.posteriors.size(); ++v) {
    CHECK((one.posteriors[v].probabilities() == two.posteriors[v].probabilities()).all());
    CHECK((one.posteriors[v].probabilities() == eight.posteriors[v].probabilities()).all());
    CHECK((one.standard_errors[v] == eight.standard_errors[v]).all());
  }
  CHECK(one.r_hat == eight.r_hat);
}

TEST_CASE("Gibbs sampling refuses a network with deterministic zeros, naming the CPT", "[inference][gibbs_sampling]") {
  const network net = test::asia();
  REQUIRE_THROWS_AS(gibbs_sampling(net), model_error);
  REQUIRE_THROWS_WITH(gibbs_sampling(net), Catch::Contains("cpt 'either'") && Catch::Contains("deterministic"));
}

TEST_CASE("Gibbs sampling refuses a zero budget and reports impossible evidence", "[inference][gibbs_sampling]") {
  const network net = test::smooth_network(2, 6);
  const gibbs_sampling_options none{.samples = 0};
  REQUIRE_THROWS_AS(gibbs_sampling(net, none), options_error);
  const gibbs_sampling_options no_chains{.chains = 0};
  REQUIRE_THROWS_AS(gibbs_sampling(net, no_chains), options_error);
  const gibbs_sampling_options no_time{.time_budget = std::chrono::milliseconds(0)};
  REQUIRE_THROWS_AS(gibbs_sampling(net, no_time), options_error);
  evidence impossible;
  impossible.likelihood("v0", std::vector<double>(static_cast<std::size_t>(net.cardinality(0)), 0.0));
  REQUIRE_THROWS_AS(gibbs_sampling(net).run(impossible), evidence_error);
}

TEST_CASE("a time budget stops the Gibbs chains with a usable answer", "[inference][gibbs_sampling]") {
  const network net = test::smooth_network(2, 10);
  const gibbs_sampling gibbs(net, {.samples = std::int64_t{1} << 40, .burn_in = 10, .time_budget = std::chrono::milliseconds(40),
                                   .batch_length = 100});
  const sampling_result got = gibbs.run({});
  CHECK(got.samples > 0);
  CHECK(got.seconds < 5);
  const auto truth = variable_elimination(net).posteriors({});
  CHECK(std::abs(got.posteriors[3][0] - truth[3][0]) < 0.1);
}

}  // namespace gibbs_sampling_test
