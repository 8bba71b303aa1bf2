// SPDX-License-Identifier: MIT
#include "pitchrisk/inference/junction_tree.hpp"

#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"

#include "support/brute_force.hpp"
#include "support/exact_checks.hpp"
#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace junction_tree_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

TEST_CASE("junction tree matches brute-force enumeration on asia", "[inference][junction_tree]") {
  const network net = test::asia();
  const junction_tree jt(net);
  const evidence seen = GENERATE(evidence{}, evidence{{"xray", "yes"}, {"smoke", "no"}},
                                 evidence{{"asia", "yes"}, {"dysp", "yes"}, {"xray", "no"}},
                                 evidence{{"either", "yes"}}, evidence{{"tub", "yes"}, {"lung", "yes"}},
                                 evidence().likelihood("xray", {0.9, 0.2}).observe("bronc", "yes"));
  test::check_against_brute_force(net, jt, seen, test::brute_force(net, seen));
}

TEST_CASE("junction tree matches brute force and variable elimination under random evidence",
          "[inference][junction_tree]") {
  const auto heuristic = GENERATE(elimination_heuristic::best, elimination_heuristic::min_fill,
                                  elimination_heuristic::weighted_min_fill, elimination_heuristic::min_weight,
                                  elimination_heuristic::min_degree);
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const network net = test::random_network(seed, 6 + static_cast<int>(seed % 4), 3);
    const junction_tree jt(net, {.heuristic = heuristic});
    const variable_elimination ve(net);
    std::mt19937_64 rng(seed * 7919);
    for (int trial = 0; trial < 6; ++trial) {
      const evidence seen = test::random_evidence(net, rng, 0.2, 0.15);
      INFO("seed " << seed << " trial " << trial << " heuristic " << to_string(heuristic));
      const test::brute_force_result truth = test::brute_force(net, seen);
      test::check_against_brute_force(net, jt, seen, truth);
      if (truth.possible) {
        const auto a = jt.posteriors(seen);
        const auto b = ve.posteriors(seen);
        for (const variable_id v : net.variables())
          for (Eigen::Index s = 0; s < net.cardinality(v); ++s)
            CHECK(a[static_cast<std::size_t>(v)][s] == Approx(b[static_cast<std::size_t>(v)][s]).margin(1e-12));
        CHECK(jt.log_evidence_probability(seen) == Approx(ve.log_evidence_probability(seen)).margin(1e-12));
      }
    }
  }
}

TEST_CASE("junction tree handles disconnected networks and single variables", "[inference][junction_tree]") {
  network_builder b("parts");
  b.add_variable("a", {"x", "y"});
  b.add_variable("b", {"x", "y", "z"});
  b.add_variable("c", {"x", "y"});
  b.add_variable("lonely", {"p", "q"});
  b.set_cpt("a", {}, {0.3, 0.7});
  b.set_cpt("b", {"a"}, {0.2, 0.3, 0.5, 0.6, 0.2, 0.2});
  b.set_cpt("c", {}, {0.1, 0.9});
  b.set_cpt("lonely", {}, {0.25, 0.75});
  const network net = b.build();
  const junction_tree jt(net);
  CHECK(jt.statistics().cliques == 3);
  test::check_against_brute_force(net, jt, evidence{}, test::brute_force(net, evidence{}));
  test::check_against_brute_force(net, jt, evidence{{"b", "z"}, {"lonely", "q"}}, test::brute_force(net, evidence{{"b", "z"}, {"lonely", "q"}}));
  test::check_against_brute_force(net, jt, evidence().likelihood("c", {0.0, 2.0}).observe("a", "x"), test::brute_force(net, evidence().likelihood("c", {0.0, 2.0}).observe("a", "x")));
}

TEST_CASE("junction tree reports impossible evidence, never divides by zero", "[inference][junction_tree]") {
  const junction_tree engine(test::asia());
  const evidence impossible{{"tub", "yes"}, {"either", "no"}};  // either = tub or lung
  REQUIRE_THROWS_AS(engine.posterior("tub", impossible), evidence_error);
  REQUIRE_THROWS_AS(engine.posteriors(impossible), evidence_error);
  REQUIRE_THROWS_AS(engine.log_evidence_probability(impossible), evidence_error);
  REQUIRE_THROWS_AS(engine.mpe(impossible), evidence_error);
  REQUIRE_THROWS_WITH(engine.posteriors(impossible), Catch::Contains("P(e) = 0") && Catch::Contains("either=no"));
  const evidence unknown{{"tub", "maybe"}};
  REQUIRE_THROWS_AS(engine.posteriors(unknown), evidence_error);
}

TEST_CASE("junction tree log P(e) stays exact far below the smallest double", "[inference][junction_tree]") {
  // Naive Bayes: a class with 2 states and 1000 observed binary children; closed form.
  network_builder b("naive");
  b.add_variable("class", {"a", "b"});
  b.set_cpt("class", {}, {0.4, 0.6});
  const int children = 1000;
  evidence seen;
  double log_a = std::log(0.4), log_b = std::log(0.6);
  for (int i = 0; i < children; ++i) {
    const std::string name = "f" + std::to_string(i);
    b.add_variable(name, {"off", "on"});
    const double pa = 0.01 + 0.001 * (i % 7), pb = 0.02 + 0.002 * (i % 5);
    b.set_cpt(name, {"class"}, {1 - pa, pa, 1 - pb, pb});
    seen.observe(name, "on");
    log_a += std::log(pa);
    log_b += std::log(pb);
  }
  const network net = b.build();
  const junction_tree jt(net);
  const double m = std::max(log_a, log_b);
  const double expected = m + std::log(std::exp(log_a - m) + std::exp(log_b - m));
  const double got = jt.log_evidence_probability(seen);
  CHECK(expected < -3000);
  CHECK(got == Approx(expected).epsilon(1e-12));
  const distribution post = jt.posterior("class", seen);
  CHECK(post["a"] == Approx(std::exp(log_a - expected)).margin(1e-12));
  CHECK(std::isfinite(post["b"]));
}

TEST_CASE("single-target propagation agrees with full propagation", "[inference][junction_tree]") {
  const network net = test::random_network(99, 40, 3, false);
  const junction_tree jt(net);
  auto ws = jt.make_workspace();
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 10; ++trial) {
    const evidence seen = test::random_evidence(net, rng, 0.1, 0.05);
    jt.set_evidence(ws, resolve(net, seen));
    jt.propagate(ws);
    const double log_pe = jt.log_evidence(ws);
    std::vector<std::vector<double>> all;
    for (const variable_id v : net.variables()) {
      std::vector<double> p(static_cast<std::size_t>(net.cardinality(v)));
      jt.marginal(ws, v, p);
      all.push_back(p);
    }
    for (const variable_id v : net.variables()) {
      jt.propagate_to(ws, v);
      CHECK(jt.log_evidence(ws) == Approx(log_pe).margin(1e-11));
      std::vector<double> p(static_cast<std::size_t>(net.cardinality(v)));
      jt.marginal(ws, v, p);
      for (std::size_t s = 0; s < p.size(); ++s) CHECK(p[s] == Approx(all[static_cast<std::size_t>(v)][s]).margin(1e-12));
    }
    jt.propagate_evidence(ws);
    CHECK(jt.log_evidence(ws) == Approx(log_pe).margin(1e-11));
  }
}

TEST_CASE("junction tree reports its size and refuses to exceed the memory budget", "[inference][junction_tree]") {
  const network net = test::random_network(3, 30, 4, false);
  const junction_tree jt(net);
  const junction_tree_statistics& s = jt.statistics();
  CHECK(s.cliques >= 1);
  CHECK(s.total_clique_entries >= s.largest_clique_entries);
  CHECK(s.engine_bytes >= 8 * s.total_clique_entries);
  const network copy = net;
  REQUIRE_THROWS_AS(junction_tree(copy, {.memory_budget_bytes = 100}), size_error);
  REQUIRE_THROWS_WITH(junction_tree(copy, {.memory_budget_bytes = 100}), Catch::Contains("would need"));
  REQUIRE_THROWS_AS(junction_tree(copy, {.max_clique_entries = 2}), size_error);
}

TEST_CASE("junction tree fast path rejects bad findings", "[inference][junction_tree]") {
  const network net = test::asia();
  const junction_tree jt(net);
  auto ws = jt.make_workspace();
  REQUIRE_THROWS_AS(jt.observe(ws, 99, 0), evidence_error);
  REQUIRE_THROWS_AS(jt.observe(ws, 0, 2), evidence_error);
  const std::vector<double> wrong_size{0.5};
  REQUIRE_THROWS_AS(jt.likelihood(ws, 0, wrong_size), evidence_error);
  const std::vector<double> zero{0.0, 0.0};
  REQUIRE_THROWS_AS(jt.likelihood(ws, 0, zero), evidence_error);
  std::vector<double> out(2);
  REQUIRE_THROWS_AS(jt.marginal(ws, 0, out), error);  // nothing propagated yet
}

TEST_CASE("junction tree works with float and long double", "[inference][junction_tree]") {
  const basic_network<long double> netl = test::random_network<long double>(11, 9, 3, false);
  const basic_junction_tree<long double> jtl(netl);
  const evidence seen{{"v3", "s1"}};
  const auto truth = test::brute_force(netl, seen);
  CHECK(jtl.log_evidence_probability(seen) == Approx(static_cast<double>(truth.log_pe)).margin(1e-13));
  const basic_network<float> netf = test::random_network<float>(11, 9, 3, false);
  const basic_junction_tree<float> jtf(netf);
  CHECK(jtf.log_evidence_probability(seen) == Approx(static_cast<double>(truth.log_pe)).margin(1e-5));
}

}  // namespace junction_tree_test
