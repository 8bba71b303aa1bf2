// SPDX-License-Identifier: MIT
#include "pitchrisk/analysis/sensitivity.hpp"
#include "support/brute_force.hpp"
#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <cmath>

namespace sensitivity_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

namespace {

/// P(tub = yes | e) by enumeration on the network with one entry set to t.
double tub_given(const network& net, const evidence& seen, variable_id v, Eigen::Index column, Eigen::Index state,
                 double t) {
  const network changed = detail::with_entry(net, v, column, state, t);
  return static_cast<double>(test::brute_force(changed, seen).posteriors[static_cast<std::size_t>(net.id("tub"))][0]);
}

}  // namespace

TEST_CASE("the sensitivity function reproduces enumeration at every value", "[analysis][sensitivity]") {
  const network net = test::asia();
  const hypothesis tub{net.id("tub"), {0}};
  const evidence seen = GENERATE(evidence{}, evidence{{"xray", "yes"}, {"dysp", "yes"}}, evidence{{"asia", "yes"}, {"smoke", "no"}});
  struct entry {
    const char* variable;
    Eigen::Index column, state;
  };
  for (const entry e : {entry{"asia", 0, 0}, entry{"tub", 1, 0}, entry{"lung", 0, 1}, entry{"xray", 0, 0}, entry{"dysp", 3, 0}}) {
    const variable_id v = net.id(e.variable);
    const sensitivity_function f = sensitivity(net, tub, seen, v, e.column, e.state);
    CAPTURE(f.parameter);
    CHECK(f.value(f.theta) == Approx(tub_given(net, seen, v, e.column, e.state, f.theta)).epsilon(1e-9));
    for (const double t : {0.01, 0.3, 0.77, 0.99})
      CHECK(f.value(t) == Approx(tub_given(net, seen, v, e.column, e.state, t)).epsilon(1e-8).margin(1e-12));
    const double h = 1e-6;
    const double numeric = (tub_given(net, seen, v, e.column, e.state, f.theta + h) -
                            tub_given(net, seen, v, e.column, e.state, f.theta - h)) / (2 * h);
    CHECK(f.derivative == Approx(numeric).epsilon(1e-4).margin(1e-8));
  }
}

TEST_CASE("the parameter is named and a d-separated parameter has no influence", "[analysis][sensitivity]") {
  const network net = test::asia();
  const hypothesis tub{net.id("tub"), {0}};
  const auto f = sensitivity(net, tub, evidence{}, net.id("tub"), 0, 0);
  CHECK(f.parameter == "P(tub=yes | asia=yes)");
  CHECK(f.theta == Approx(0.05));
  // With nothing observed, smoking's CPT cannot change P(tub).
  CHECK(sensitivity(net, tub, evidence{}, net.id("smoke"), 0, 0).derivative == Approx(0.0).margin(1e-12));
}

TEST_CASE("sensitivities are ranked and skip entries 0 and 1", "[analysis][sensitivity]") {
  const network net = test::asia();
  const hypothesis tub{net.id("tub"), {0}};
  const evidence seen{{"xray", "yes"}};
  const auto all = rank_sensitivities(net, tub, seen);
  // asia 2 + tub 4 + smoke 2 + lung 4 + bronc 4 + either 0 (deterministic) + xray 4 + dysp 8
  CHECK(all.size() == 28);
  for (std::size_t i = 1; i < all.size(); ++i)
    CHECK(std::abs(all[i - 1].derivative) >= std::abs(all[i].derivative) - detail::ranking_resolution);
  const auto top = rank_sensitivities(net, tub, seen, {net.id("xray"), net.id("tub")}, 3);
  CHECK(top.size() == 3);
}

TEST_CASE("sensitivity errors name the table and the entry", "[analysis][sensitivity]") {
  const network net = test::asia();
  const hypothesis tub{net.id("tub"), {0}};
  const variable_id either = net.id("either");
  REQUIRE_THROWS_AS(sensitivity(net, tub, evidence{}, either, 0, 0), model_error);
  REQUIRE_THROWS_WITH(sensitivity(net, tub, evidence{}, either, 0, 0), Catch::Contains("P(either=yes | lung=yes, tub=yes) is 1"));
  REQUIRE_THROWS_AS(sensitivity(net, tub, evidence{}, net.id("tub"), 7, 0), lookup_error);
  REQUIRE_THROWS_WITH(sensitivity(net, tub, evidence{}, net.id("tub"), 7, 0), Catch::Contains("cpt 'tub'"));
}

}  // namespace sensitivity_test

namespace sensitivity_test {

TEST_CASE("derivatives closer than the reporting resolution tie and keep the variables' order", "[analysis][sensitivity]") {
  // Two observed children of the target with the same table but for 1e-13 in one entry.
  network_builder b("twins");
  b.add_variable("target", {"yes", "no"});
  b.set_cpt("target", {}, {0.3, 0.7});
  b.add_variable("first", {"yes", "no"});
  b.set_cpt("first", {"target"}, {0.9, 0.1, 0.2, 0.8});
  b.add_variable("second", {"yes", "no"});
  b.set_cpt("second", {"target"}, {0.9 - 1e-13, 0.1 + 1e-13, 0.2, 0.8});
  const network net = b.build();
  const hypothesis h{net.id("target"), {0}};
  const evidence seen{{"first", "yes"}, {"second", "yes"}};
  const variable_id first = net.id("first"), second = net.id("second");
  const double d_first = sensitivity(net, h, seen, first, 0, 0).derivative;
  const double d_second = sensitivity(net, h, seen, second, 0, 0).derivative;
  REQUIRE(std::abs(d_second) > std::abs(d_first));         // raw, second ranks first...
  REQUIRE(std::abs(d_second) - std::abs(d_first) < 1e-11);  // ...by less than the resolution
  const auto ranked = rank_sensitivities(net, h, seen, {first, second});
  REQUIRE(ranked.size() >= 2);
  std::vector<variable_id> order;
  for (const auto& s : ranked)
    if (s.column == 0 && s.state == 0) order.push_back(s.variable);
  REQUIRE(order.size() == 2);
  CHECK(order[0] == first);
  CHECK(order[1] == second);
}

}  // namespace sensitivity_test
