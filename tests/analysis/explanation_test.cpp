// SPDX-License-Identifier: MIT
#include "pitchrisk/analysis/explanation.hpp"
#include "pitchrisk/inference/junction_tree.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"
#include "support/brute_force.hpp"
#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <cmath>

namespace explanation_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

namespace {

/// ln O(tub = yes | e) by enumeration.
double tub_log_odds(const network& net, const evidence& seen) {
  const auto p = test::brute_force(net, seen).posteriors[static_cast<std::size_t>(net.id("tub"))];
  return std::log(static_cast<double>(p[0])) - std::log(static_cast<double>(p[1]));
}

}  // namespace

TEST_CASE("probability and log-odds of a hypothesis", "[analysis][explanation]") {
  const variable v{"intent", {"pitch", "influence", "benign"}};
  const distribution d(v, (Eigen::ArrayXd(3) << 0.2, 0.3, 0.5).finished());
  const hypothesis hostile{0, {0, 1}};
  CHECK(probability(d, hostile) == Approx(0.5));
  CHECK(log_odds(d, hostile) == Approx(0.0).margin(1e-15));
  CHECK(log_odds(d, hypothesis{0, {2}}) == Approx(0.0).margin(1e-15));
  CHECK(log_odds(d, hypothesis{0, {0}}) == Approx(std::log(0.25)));
  const distribution certain(v, (Eigen::ArrayXd(3) << 1.0, 0.0, 0.0).finished());
  CHECK(std::isfinite(log_odds(certain, hostile)));
  CHECK(log_odds(certain, hostile) > 700);
  const hypothesis bad{0, {3}};
  REQUIRE_THROWS_AS(probability(d, bad), lookup_error);
  REQUIRE_THROWS_WITH(probability(d, bad), Catch::Contains("'intent'") && Catch::Contains("state index 3"));
  const hypothesis empty{0, {}};
  REQUIRE_THROWS_AS(log_odds(d, empty), lookup_error);
}

TEST_CASE("weights of evidence match enumeration, alone and in context", "[analysis][explanation]") {
  const network net = test::asia();
  const variable_elimination engine(net);
  const evidence seen{{"asia", "yes"}, {"xray", "yes"}, {"smoke", "yes"}, {"dysp", "yes"}};
  const hypothesis tub{net.id("tub"), {0}};
  const explanation e = explain(engine, tub, seen);

  const double prior_odds = tub_log_odds(net, {});
  const double post_odds = tub_log_odds(net, seen);
  CHECK(e.prior == Approx(0.0104).epsilon(1e-12));
  CHECK(e.total_weight == Approx(post_odds - prior_odds).epsilon(1e-10));
  REQUIRE(e.findings.size() == 4);
  for (const finding_contribution& c : e.findings) {
    CAPTURE(c.variable);
    evidence without = seen;
    without.retract(c.variable);
    evidence alone;
    alone.observe(c.variable, c.state);
    CHECK(c.weight == Approx(tub_log_odds(net, alone) - prior_odds).epsilon(1e-10).margin(1e-12));
    CHECK(c.weight_in_context == Approx(post_odds - tub_log_odds(net, without)).epsilon(1e-10).margin(1e-12));
    const double p_without =
        static_cast<double>(test::brute_force(net, without).posteriors[static_cast<std::size_t>(tub.variable)][0]);
    CHECK(c.probability_without == Approx(p_without).epsilon(1e-10));
    CHECK(c.change == Approx(e.posterior - p_without).margin(1e-12));
  }
  for (std::size_t i = 1; i < e.findings.size(); ++i)
    CHECK(std::abs(e.findings[i - 1].weight_in_context) >= std::abs(e.findings[i].weight_in_context));
  // Smoking alone says nothing about tuberculosis (d-separated without evidence)...
  const auto smoke = std::find_if(e.findings.begin(), e.findings.end(), [](const auto& c) { return c.variable == "smoke"; });
  REQUIRE(smoke != e.findings.end());
  CHECK(smoke->weight == Approx(0.0).margin(1e-12));
  // ...but given the x-ray it explains the shadow away (lung cancer): a negative weight.
  CHECK(smoke->weight_in_context < 0);
  // A visit to Asia raises the odds of tuberculosis about five-fold (0.05 vs 0.01).
  const auto asia = std::find_if(e.findings.begin(), e.findings.end(), [](const auto& c) { return c.variable == "asia"; });
  CHECK(asia->weight == Approx(std::log((0.05 / 0.95) / (0.0104 / 0.9896))).epsilon(1e-9));
}

TEST_CASE("soft findings and findings by id are explained too", "[analysis][explanation]") {
  const network net = test::asia();
  const variable_elimination engine(net);
  evidence seen;
  seen.likelihood("xray", {0.9, 0.2}).observe(net.id("asia"), Eigen::Index{0});
  const explanation e = explain(engine, hypothesis{net.id("tub"), {0}}, seen);
  REQUIRE(e.findings.size() == 2);
  for (const auto& c : e.findings) {
    if (c.variable == "xray") CHECK(c.state == "likelihood");
    if (c.variable == "asia") CHECK(c.state == "yes");
    CHECK(c.weight > 0);
  }
}

TEST_CASE("explaining bad evidence is an error", "[analysis][explanation]") {
  const network net = test::asia();
  const variable_elimination engine(net);
  const hypothesis tub{net.id("tub"), {0}};
  const evidence unknown{{"asia", "maybe"}};
  REQUIRE_THROWS_AS(explain(engine, tub, unknown), evidence_error);
  REQUIRE_THROWS_WITH(explain(engine, tub, unknown), Catch::Contains("'asia'") && Catch::Contains("'maybe'"));
  const evidence impossible{{"tub", "yes"}, {"either", "no"}};
  REQUIRE_THROWS_AS(explain(engine, tub, impossible), evidence_error);
}

TEST_CASE("the junction tree explains like variable elimination", "[analysis][explanation]") {
  const network net = test::asia();
  const variable_elimination ve(net);
  const junction_tree jt(net);
  const evidence seen{{"asia", "yes"}, {"xray", "yes"}, {"smoke", "yes"}};
  const hypothesis lung{net.id("lung"), {0}};
  const explanation a = explain(ve, lung, seen), b = explain(jt, lung, seen);
  CHECK(a.posterior == Approx(b.posterior).epsilon(1e-12));
  REQUIRE(a.findings.size() == b.findings.size());
  for (std::size_t i = 0; i < a.findings.size(); ++i) {
    CHECK(a.findings[i].variable == b.findings[i].variable);
    CHECK(a.findings[i].weight_in_context == Approx(b.findings[i].weight_in_context).epsilon(1e-10));
  }
}

}  // namespace explanation_test
