// SPDX-License-Identifier: MIT
#include "pitchrisk/analysis/value_of_information.hpp"
#include "pitchrisk/inference/junction_tree.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"
#include "support/brute_force.hpp"
#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <cmath>

namespace value_of_information_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

namespace {

double entropy_bits(const std::vector<long double>& p) {
  double h = 0;
  for (const long double q : p)
    if (q > 0) h -= static_cast<double>(q) * std::log2(static_cast<double>(q));
  return h;
}

/// I(T; X | e) the other way round, by enumeration: H(X | e) - sum_t P(t | e) H(X | e, t).
double mutual_information_reversed(const network& net, variable_id t, variable_id x, const evidence& seen) {
  const auto base = test::brute_force(net, seen);
  double expected = 0;
  for (Eigen::Index s = 0; s < net.cardinality(t); ++s) {
    const double p = static_cast<double>(base.posteriors[static_cast<std::size_t>(t)][static_cast<std::size_t>(s)]);
    if (p <= 0) continue;
    evidence with = seen;
    with.observe(t, s);
    expected += p * entropy_bits(test::brute_force(net, with).posteriors[static_cast<std::size_t>(x)]);
  }
  return entropy_bits(base.posteriors[static_cast<std::size_t>(x)]) - expected;
}

/// The same network with float tables.
basic_network<float> in_float(const network& net) {
  basic_network_builder<float> b(net.name());
  for (const variable_id v : net.variables()) b.add_variable(net.variable(v).name, net.variable(v).states);
  for (const variable_id v : net.variables()) {
    b.set_parents(v, std::vector<variable_id>(net.parents(v).begin(), net.parents(v).end()));
    b.set_cpt(v, net.cpt_columns(v).cast<float>());
  }
  return b.build();
}

}  // namespace

TEST_CASE("entropy is in bits and ignores zero states", "[analysis][value_of_information]") {
  const variable coin{"coin", {"h", "t", "edge"}};
  CHECK(entropy(distribution(coin, (Eigen::ArrayXd(3) << 0.5, 0.5, 0.0).finished())) == Approx(1.0));
  CHECK(entropy(distribution(coin, (Eigen::ArrayXd(3) << 1.0, 0.0, 0.0).finished())) == Approx(0.0).margin(1e-15));
  CHECK(entropy(distribution(coin, Eigen::ArrayXd::Constant(3, 1.0 / 3))) == Approx(std::log2(3.0)));
}

TEST_CASE("information gain equals the mutual information found by enumeration", "[analysis][value_of_information]") {
  const network net = test::asia();
  const variable_elimination engine(net);
  const evidence seen = GENERATE(evidence{}, evidence{{"dysp", "yes"}}, evidence{{"xray", "yes"}, {"smoke", "no"}});
  const variable_id target = net.id("lung");
  for (const variable_id x : net.variables()) {
    if (x == target || resolve(net, seen).is_observed(x)) continue;
    const information_value q = value_of_information(engine, target, x, seen);
    CAPTURE(q.name);
    CHECK(q.name == net.variable(x).name);
    CHECK(q.expected_information_gain == Approx(mutual_information_reversed(net, target, x, seen)).margin(1e-12));
    double total = 0;
    for (const answer_effect& a : q.answers) {
      total += a.probability;
      evidence with = seen;
      with.observe(x, a.state);
      const auto oracle = test::brute_force(net, with);
      for (Eigen::Index s = 0; s < a.target.size(); ++s)
        CHECK(a.target[s] == Approx(static_cast<double>(oracle.posteriors[static_cast<std::size_t>(target)][static_cast<std::size_t>(s)])).margin(1e-12));
    }
    CHECK(total == Approx(1.0));
  }
}

TEST_CASE("a variable independent of the target is worth nothing, the target itself its entropy",
          "[analysis][value_of_information]") {
  const network net = test::asia();
  const variable_elimination engine(net);
  // asia and smoke are d-separated when nothing is observed.
  CHECK(value_of_information(engine, net.id("asia"), net.id("smoke"), {}).expected_information_gain ==
        Approx(0.0).margin(1e-12));
  const auto self = value_of_information(engine, net.id("lung"), net.id("lung"), {});
  CHECK(self.expected_information_gain == Approx(entropy(engine.posterior("lung", {}))));
}

TEST_CASE("impossible answers are left out of the effects", "[analysis][value_of_information]") {
  const network net = test::asia();
  const variable_elimination engine(net);
  // either = tub or lung: given lung = yes, either = no cannot happen.
  const auto q = value_of_information(engine, net.id("tub"), net.id("either"), evidence{{"lung", "yes"}});
  REQUIRE(q.answers.size() == 1);
  CHECK(q.answers[0].state_name == "yes");
  CHECK(q.expected_information_gain == Approx(0.0).margin(1e-12));
}

TEST_CASE("questions are ranked by gain and skip the target and observed variables", "[analysis][value_of_information]") {
  const network net = test::asia();
  const variable_elimination engine(net);
  const evidence seen{{"dysp", "yes"}};
  std::vector<variable_id> all;
  for (const variable_id v : net.variables()) all.push_back(v);
  const auto ranked = rank_questions(engine, net.id("tub"), all, seen);
  REQUIRE(ranked.size() == 6);  // 8 variables minus the target and dysp
  for (std::size_t i = 1; i < ranked.size(); ++i)
    CHECK(ranked[i - 1].expected_information_gain >= ranked[i].expected_information_gain);
  for (const auto& q : ranked) {
    CHECK(q.name != "tub");
    CHECK(q.name != "dysp");
    CHECK(q.expected_information_gain ==
          Approx(value_of_information(engine, net.id("tub"), q.test, seen).expected_information_gain).margin(1e-14));
  }
  CHECK(ranked.front().name == "either");  // either is tub-or-lung: the most direct witness
}

TEST_CASE("asking about an observed variable is an error that names it", "[analysis][value_of_information]") {
  const network net = test::asia();
  const variable_elimination engine(net);
  const evidence seen{{"xray", "yes"}};
  const variable_id tub = net.id("tub"), xray = net.id("xray");
  REQUIRE_THROWS_AS(value_of_information(engine, tub, xray, seen), evidence_error);
  REQUIRE_THROWS_WITH(value_of_information(engine, tub, xray, seen), Catch::Contains("'xray' is already observed"));
  REQUIRE_THROWS_AS(value_of_information(engine, tub, variable_id{42}, seen), lookup_error);
  const evidence unknown{{"xrays", "yes"}};
  REQUIRE_THROWS_AS(value_of_information(engine, tub, xray, unknown), evidence_error);
}

TEST_CASE("every exact engine gives the same questions: junction tree, float elimination",
          "[analysis][value_of_information]") {
  const network net = test::asia();
  const variable_elimination ve(net);
  const junction_tree jt(net);
  const basic_variable_elimination<float> ve_float(in_float(net));
  const evidence seen{{"dysp", "yes"}, {"smoke", "yes"}};
  std::vector<variable_id> all;
  for (const variable_id v : net.variables()) all.push_back(v);
  const auto a = rank_questions(ve, net.id("lung"), all, seen);
  const auto b = rank_questions(jt, net.id("lung"), all, seen);
  const auto c = rank_questions(ve_float, net.id("lung"), all, seen);
  REQUIRE(a.size() == b.size());
  REQUIRE(a.size() == c.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].name == b[i].name);
    CHECK(a[i].expected_information_gain == Approx(b[i].expected_information_gain).epsilon(1e-10).margin(1e-14));
    CHECK(a[i].expected_information_gain == Approx(c[i].expected_information_gain).epsilon(1e-3).margin(1e-6));
  }
}

}  // namespace value_of_information_test

namespace value_of_information_test {

TEST_CASE("gains closer than the reporting resolution tie and are ordered by name", "[analysis][value_of_information]") {
  // Two tests of the target with the same table but for 1e-13 in one entry: their gains differ
  // by far less than a report shows, by an amount no engine should decide the order with.
  network_builder b("twins");
  b.add_variable("target", {"yes", "no"});
  b.set_cpt("target", {}, {0.3, 0.7});
  b.add_variable("zeta", {"yes", "no"});
  b.set_cpt("zeta", {"target"}, {0.9, 0.1, 0.2, 0.8});
  b.add_variable("alpha", {"yes", "no"});
  b.set_cpt("alpha", {"target"}, {0.9 - 1e-13, 0.1 + 1e-13, 0.2, 0.8});
  const network net = b.build();
  const variable_elimination engine(net);
  const variable_id target = net.id("target"), zeta = net.id("zeta"), alpha = net.id("alpha");
  const double gain_zeta = value_of_information(engine, target, zeta, evidence{}).expected_information_gain;
  const double gain_alpha = value_of_information(engine, target, alpha, evidence{}).expected_information_gain;
  REQUIRE(gain_alpha < gain_zeta);          // raw, alpha ranks second...
  REQUIRE(gain_zeta - gain_alpha < 1e-11);  // ...by less than the resolution
  for (const std::vector<variable_id>& candidates : {std::vector{zeta, alpha}, std::vector{alpha, zeta}}) {
    const auto ranked = rank_questions(engine, target, candidates, evidence{});
    REQUIRE(ranked.size() == 2);
    CHECK(ranked[0].name == "alpha");
    CHECK(ranked[1].name == "zeta");
  }
}

}  // namespace value_of_information_test
