// SPDX-License-Identifier: MIT
#include "pitchrisk/domain/approach/uncertainty.hpp"
#include "support/networks.hpp"

#include <boost/random/gamma_distribution.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace uncertainty_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using namespace pitchrisk::approach;

TEST_CASE("sampled networks keep structure and zeros, and vary around the tables", "[domain][uncertainty]") {
  const network net = test::asia();
  std::vector<double> ess(static_cast<std::size_t>(net.size()), 50.0);
  ess[static_cast<std::size_t>(net.id("smoke"))] = 0;  // kept as it is
  std::mt19937_64 rng(7);
  const int draws = 400;
  double sum = 0, square = 0;
  for (int i = 0; i < draws; ++i) {
    const network s = sample_network(net, ess, rng);
    REQUIRE(s.size() == net.size());
    CHECK(s.all_parents() == net.all_parents());
    CHECK(s.cpt(net.id("smoke")) == net.cpt(net.id("smoke")));
    // either = tub or lung stays deterministic (zeros stay zero, ones stay one).
    CHECK((s.cpt_columns(net.id("either")) == net.cpt_columns(net.id("either"))).all());
    const double p = s.probability(net.id("tub"), 0, std::vector<Eigen::Index>{0});  // P(tub | asia)
    sum += p;
    square += p * p;
  }
  // Dirichlet(50 x (0.05, 0.95)): mean 0.05, variance 0.05 x 0.95 / 51.
  const double mean = sum / draws, var = square / draws - mean * mean;
  CHECK(mean == Approx(0.05).margin(4 * std::sqrt(0.05 * 0.95 / 51 / draws)));
  CHECK(var == Approx(0.05 * 0.95 / 51).epsilon(0.25));
}

TEST_CASE("the Dirichlet draw is normalised Boost.Random gammas from the given engine", "[domain][uncertainty]") {
  // Only smoke = (0.5, 0.5) is redrawn (ess 100): its column must be g0 / (g0 + g1) with
  // g0, g1 drawn by boost::random::gamma_distribution(50) from an engine seeded alike.
  // std::gamma_distribution uses another algorithm in libstdc++, libc++ and MSVC, so this
  // fails if the standard distribution comes back.
  const network net = test::asia();
  std::vector<double> ess(static_cast<std::size_t>(net.size()), 0.0);
  ess[static_cast<std::size_t>(net.id("smoke"))] = 100;
  for (const std::uint64_t seed : {1u, 20130901u, 424242u}) {
    CAPTURE(seed);
    std::mt19937_64 rng(seed), same(seed);
    const network s = sample_network(net, ess, rng);
    boost::random::gamma_distribution<double> gamma(50.0, 1.0);
    const double g0 = gamma(same);
    gamma.reset();
    const double g1 = gamma(same);
    const Eigen::ArrayXd column = s.cpt_columns(net.id("smoke"));
    CHECK(column[0] == Approx(g0 / (g0 + g1)).epsilon(1e-14));
    CHECK(column[1] == Approx(g1 / (g0 + g1)).epsilon(1e-14));
    CHECK(column[0] != 0.5);
    CHECK((s.cpt_columns(net.id("asia")) == net.cpt_columns(net.id("asia"))).all());  // ess 0: kept
  }
}

TEST_CASE("a seed gives the same draws and interval on every standard library", "[domain][uncertainty]") {
  // Regression pins, recorded from this implementation (Boost 1.74, libstdc++ 12): the
  // engine and std::seed_seq are specified bit for bit by the standard and the gamma
  // algorithm is Boost's, so a build against libc++ or MSVC must print the same numbers
  // (up to the last bits of libm). A change here means every published interval moves.
  std::mt19937_64 rng(20130901);
  boost::random::gamma_distribution<double> gamma(2.5, 1.0);
  const double draws[] = {gamma(rng), gamma(rng), gamma(rng)};
  CHECK(draws[0] == Approx(1.773202484695616).epsilon(1e-12));
  CHECK(draws[1] == Approx(1.6940472781632483).epsilon(1e-12));
  CHECK(draws[2] == Approx(1.3958487677471747).epsilon(1e-12));

  const network net = test::asia();
  const variable_elimination engine(net);
  const hypothesis tub{net.id("tub"), {0}};
  const std::vector<evidence> sets{evidence{{"asia", "yes"}, {"xray", "yes"}}};
  const std::vector<double> points{engine.posterior(tub.variable, sets[0])[0]};
  const std::vector<double> ess(static_cast<std::size_t>(net.size()), 100.0);
  const auto run = [&] { return parameter_intervals(net, ess, tub, sets, points, {.samples = 40, .seed = 7})[0]; };
  const probability_interval r = run();
  CHECK(r.sample_low == Approx(0.16101736972377317).epsilon(1e-9));
  CHECK(r.sample_high == Approx(0.52033950849066479).epsilon(1e-9));
  const probability_interval again = run();  // and across runs, bit for bit
  CHECK(again.sample_low == r.sample_low);
  CHECK(again.sample_high == r.sample_high);
}

TEST_CASE("sampling needs one equivalent sample size per variable", "[domain][uncertainty]") {
  const network net = test::asia();
  const std::vector<double> ess(3, 10.0);
  std::mt19937_64 rng(1);
  REQUIRE_THROWS_AS(sample_network(net, ess, rng), size_error);
  REQUIRE_THROWS_WITH(sample_network(net, ess, rng), Catch::Contains("3 equivalent sample sizes for 8 variables"));
}

TEST_CASE("the interval contains the point, is deterministic and narrows as ess grows", "[domain][uncertainty]") {
  const network net = test::asia();
  const variable_elimination engine(net);
  const hypothesis tub{net.id("tub"), {0}};
  const std::vector<evidence> sets{evidence{}, evidence{{"asia", "yes"}, {"xray", "yes"}},
                                   evidence{{"xray", "yes"}, {"dysp", "yes"}, {"smoke", "no"}}};
  std::vector<double> points;
  for (const auto& e : sets) points.push_back(engine.posterior(tub.variable, e)[0]);

  auto intervals = [&](double n, unsigned threads) {
    const std::vector<double> ess(static_cast<std::size_t>(net.size()), n);
    return parameter_intervals(net, ess, tub, sets, points, {.samples = 60, .level = 0.9, .seed = 11, .threads = threads});
  };
  const auto wide = intervals(10, 1), mid = intervals(100, 2), narrow = intervals(1000, 1);
  const auto again = intervals(100, 1);
  for (std::size_t j = 0; j < sets.size(); ++j) {
    CAPTURE(j);
    for (const auto* r : {&wide[j], &mid[j], &narrow[j]}) {
      CHECK(r->low <= r->point);
      CHECK(r->point <= r->high);
      CHECK(r->low > 0);
      CHECK(r->high < 1);
      CHECK(r->sample_low <= r->sample_median);
      CHECK(r->sample_median <= r->sample_high);
      CHECK(r->samples == 60);
    }
    CHECK(wide[j].high - wide[j].low > mid[j].high - mid[j].low);
    CHECK(mid[j].high - mid[j].low > narrow[j].high - narrow[j].low);
    // Spread on the log-odds scale shrinks roughly like 1 / sqrt(ess).
    CHECK(narrow[j].spread < 0.5 * mid[j].spread);
    // Same seed, different thread count: the same numbers, bit for bit.
    CHECK(again[j].low == mid[j].low);
    CHECK(again[j].high == mid[j].high);
    CHECK(again[j].sample_median == mid[j].sample_median);
  }
}

TEST_CASE("interval arguments are checked", "[domain][uncertainty]") {
  const network net = test::asia();
  const hypothesis tub{net.id("tub"), {0}};
  const std::vector<double> ess(static_cast<std::size_t>(net.size()), 10.0);
  const std::vector<evidence> sets{evidence{{"asia", "perhaps"}}};
  const std::vector<double> points{0.5};
  REQUIRE_THROWS_AS(parameter_intervals(net, ess, tub, sets, points, {.samples = 4}), evidence_error);
  const std::vector<evidence> ok{evidence{}};
  const std::vector<double> two{0.5, 0.5};
  REQUIRE_THROWS_AS(parameter_intervals(net, ess, tub, ok, two, {.samples = 4}), size_error);
  REQUIRE_THROWS_WITH(parameter_intervals(net, ess, tub, ok, points, {.samples = 4, .level = 1.5}),
                      Catch::Contains("level"));
}

TEST_CASE("the interval's quantiles are those of the sorted sampled values", "[domain][uncertainty]") {
  // interval_of places only the order statistics it reads; the answer must be the full
  // sort's, ties and tiny samples included.
  std::mt19937_64 rng(17);
  for (const std::size_t n : {1, 2, 3, 4, 5, 7, 13, 50, 200, 201}) {
    for (const double level : {0.01, 0.5, 0.9, 0.95, 0.999}) {
      for (int round = 0; round < 4; ++round) {
        std::vector<double> values(n);
        std::uniform_int_distribution<int> few(0, 5);  // round 0: many ties
        std::uniform_real_distribution<double> any(0.0, 1.0);
        for (double& v : values) v = round == 0 ? few(rng) / 5.0 : any(rng);
        std::vector<double> sorted = values;
        std::sort(sorted.begin(), sorted.end());
        const probability_interval r = pitchrisk::approach::detail::interval_of(0.3, values, level);
        INFO("n " << n << ", level " << level << ", round " << round);
        CHECK(r.sample_low == pitchrisk::approach::detail::sorted_quantile(sorted, (1 - level) / 2));
        CHECK(r.sample_median == pitchrisk::approach::detail::sorted_quantile(sorted, 0.5));
        CHECK(r.sample_high == pitchrisk::approach::detail::sorted_quantile(sorted, (1 + level) / 2));
        CHECK(r.samples == static_cast<int>(n));
      }
    }
  }
}

}  // namespace uncertainty_test
