// SPDX-License-Identifier: MIT
#include "pitchrisk/inference/variable_elimination.hpp"

#include "support/brute_force.hpp"
#include "support/exact_checks.hpp"
#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace pitchrisk;

namespace {

void check_against_brute_force(const network& net, const evidence& seen, elimination_heuristic h) {
  const variable_elimination ve(net, {.heuristic = h});
  test::check_against_brute_force(net, ve, seen, test::brute_force(net, seen));
}

}  // namespace

TEST_CASE("variable elimination matches brute force on asia", "[inference][variable_elimination]") {
  const network net = test::asia();
  const evidence none;
  const evidence xray{{"xray", "yes"}};
  const evidence mixed = evidence{{"asia", "yes"}, {"dysp", "yes"}}.likelihood("xray", {0.8, 0.3});
  const evidence soft_zero = evidence{}.likelihood("either", {0.0, 1.0}).observe("smoke", "no");
  for (const auto h : {elimination_heuristic::min_fill, elimination_heuristic::weighted_min_fill,
                       elimination_heuristic::min_weight, elimination_heuristic::min_degree,
                       elimination_heuristic::best})
    for (const evidence* e : {&none, &xray, &mixed, &soft_zero}) check_against_brute_force(net, *e, h);
}

TEST_CASE("a positive x-ray raises tuberculosis as published", "[inference][variable_elimination]") {
  const variable_elimination ve(test::asia());
  // Prior marginals of asia (published): P(tub) = 0.0104, P(either) = 0.064828.
  CHECK(ve.posterior("tub", {})["yes"] == Approx(0.0104).epsilon(1e-12));
  CHECK(ve.posterior("either", {})["yes"] == Approx(0.064828).epsilon(1e-12));
  CHECK(ve.posterior("tub", {{"xray", "yes"}})["yes"] > 0.05);
}

TEST_CASE("variable elimination matches brute force on random networks with hard and soft evidence",
          "[inference][variable_elimination]") {
  const std::uint64_t seed = GENERATE(range<std::uint64_t>(1, 31));
  INFO("seed " << seed);
  const network net = test::random_network(seed, 9, 3);
  std::mt19937_64 rng(seed * 7919);
  const elimination_heuristic heuristics[] = {elimination_heuristic::weighted_min_fill, elimination_heuristic::min_fill,
                                              elimination_heuristic::min_weight, elimination_heuristic::min_degree};
  for (int trial = 0; trial < 8; ++trial) {
    const evidence e = test::random_evidence(net, rng, 0.25, 0.2);
    check_against_brute_force(net, e, heuristics[trial % 4]);
  }
}

TEST_CASE("variable elimination reports impossible evidence instead of dividing by zero", "[inference][variable_elimination]") {
  const variable_elimination ve(test::asia());
  const evidence impossible{{"tub", "yes"}, {"either", "no"}};  // either = tub or lung
  REQUIRE_THROWS_AS(ve.posterior("dysp", impossible), evidence_error);
  REQUIRE_THROWS_AS(ve.posterior("tub", impossible), evidence_error);
  REQUIRE_THROWS_WITH(ve.log_evidence_probability(impossible), Catch::Contains("P(e) = 0"));
  const evidence zero_likelihood = evidence{}.likelihood("either", {1.0, 0.0}).observe("tub", "no").observe("lung", "no");
  REQUIRE_THROWS_AS(ve.mpe(zero_likelihood), evidence_error);
}

TEST_CASE("bad evidence names the variable or state at fault", "[inference][variable_elimination]") {
  const variable_elimination ve(test::asia());
  const evidence unknown_var{{"asthma", "yes"}};
  REQUIRE_THROWS_WITH(ve.posterior("tub", unknown_var), Catch::Contains("asthma"));
  const evidence unknown_state{{"xray", "maybe"}};
  REQUIRE_THROWS_WITH(ve.posterior("tub", unknown_state), Catch::Contains("maybe") && Catch::Contains("xray"));
  const evidence short_likelihood = evidence{}.likelihood("xray", {1.0});
  REQUIRE_THROWS_WITH(ve.posterior("tub", short_likelihood), Catch::Contains("expected 2"));
  const evidence nan_likelihood = evidence{}.likelihood("xray", {std::nan(""), 1.0});
  REQUIRE_THROWS_AS(ve.posterior("tub", nan_likelihood), evidence_error);
  REQUIRE_THROWS_AS(ve.posterior("nosuch", evidence{}), lookup_error);
}

TEST_CASE("log P(e) stays exact far below the smallest double", "[inference][variable_elimination]") {
  // A root with two states and 3000 binary children observed 'yes'; P(child=yes|a)=0.01,
  // P(child=yes|b)=1e-3: P(e) = 0.5*0.01^3000 + 0.5*0.001^3000, about 1e-6000.
  network_builder b("naive");
  const variable_id root = b.add_variable("root", {"a", "b"});
  b.set_cpt(root, Eigen::ArrayXd::Constant(2, 0.5));
  const int n = 3000;
  evidence e;
  for (int i = 0; i < n; ++i) {
    const variable_id c = b.add_variable("c" + std::to_string(i), {"yes", "no"});
    b.set_parents(c, {root});
    b.set_cpt(c, (Eigen::ArrayXd(4) << 0.01, 0.99, 1e-3, 1 - 1e-3).finished());
    e.observe(c, 0);
  }
  const network net = b.build();
  const variable_elimination ve(net);
  const double expected = std::log(0.5) + n * std::log(0.01) + std::log1p(std::pow(0.1, n));
  CHECK(ve.log_evidence_probability(e) == Approx(expected).epsilon(1e-12));
  const distribution post = ve.posterior(root, e);
  CHECK(std::isfinite(post["a"]));
  CHECK(post["a"] == Approx(1.0).epsilon(1e-12));
  CHECK(ve.mpe(e).log_probability == Approx(std::log(0.5) + n * std::log(0.01)).epsilon(1e-12));
}

TEST_CASE("the factor limit refuses a query with the size it would need", "[inference][variable_elimination]") {
  const variable_elimination ve(test::asia(), {.max_factor_entries = 2});
  REQUIRE_THROWS_AS(ve.posterior("dysp", evidence{}), size_error);
  REQUIRE_THROWS_WITH(ve.posterior("dysp", evidence{}), Catch::Contains("would need"));
}

TEST_CASE("joint posterior of two variables sums to the marginals", "[inference][variable_elimination]") {
  const network net = test::asia();
  const variable_elimination ve(net);
  const evidence seen{{"dysp", "yes"}};
  const factor joint = ve.joint_posterior({net.id("tub"), net.id("lung")}, seen);
  const factor tub = sum_out(joint, net.id("lung"));
  CHECK(tub.values()[0] == Approx(ve.posterior("tub", seen)["yes"]).epsilon(1e-12));
  CHECK(joint.values().sum() == Approx(1.0).epsilon(1e-12));
}

#include "pitchrisk/io/bif.hpp"
#include "support/shared_data.hpp"

namespace variable_elimination_test {  // one namespace per file: the tests compile in unity batches

TEST_CASE("variable elimination matches brute force on the small standard networks", "[inference][variable_elimination]") {
  if (!test::have_shared_data()) {
    WARN("skipped: no shared data at " << test::shared_dir());
    return;
  }
  for (const char* name : {"asia", "cancer", "earthquake", "survey", "sachs"}) {
    INFO("network " << name);
    const network net = io::read_bif(test::shared_network_path(name));
    std::mt19937_64 rng(2024);
    const int trials = std::string(name) == "sachs" ? 8 : 40;
    for (int t = 0; t < trials; ++t) {
      const evidence e = test::random_evidence(net, rng, 0.2, 0.15);
      check_against_brute_force(net, e, t % 2 ? elimination_heuristic::min_fill : elimination_heuristic::weighted_min_fill);
    }
  }
}

TEST_CASE("the hand-built asia equals the published asia.bif", "[inference][variable_elimination]") {
  if (!test::have_shared_data()) {
    WARN("skipped: no shared data at " << test::shared_dir());
    return;
  }
  const network file = io::read_bif(test::shared_network_path("asia"));
  const network built = test::asia();
  for (const variable_id v : built.variables())
    CHECK((built.cpt(v).values() == file.cpt(file.id(built.variable(v).name)).values()).all());
}

}  // namespace variable_elimination_test
