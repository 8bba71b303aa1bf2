// SPDX-License-Identifier: MIT
#include "pitchrisk/core/network_builder.hpp"

#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <limits>

namespace network_builder_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

TEST_CASE("a valid network builds with lookups, order and counts", "[core][network_builder]") {
  const network net = test::asia();
  CHECK(net.size() == 8);
  CHECK(net.arc_count() == 8);
  CHECK(net.parameter_count() == 18);
  CHECK(net.id("either") == 5);
  CHECK(net.state(net.id("xray"), "no") == 1);
  CHECK_THROWS_WITH(net.id("asthma"), Catch::Contains("asthma"));
  CHECK_THROWS_WITH(net.state(net.id("xray"), "maybe"), Catch::Contains("maybe") && Catch::Contains("yes, no"));
  const auto topo = net.topological_order();
  std::vector<Eigen::Index> pos(8);
  for (std::size_t i = 0; i < topo.size(); ++i) pos[static_cast<std::size_t>(topo[i])] = static_cast<Eigen::Index>(i);
  for (const variable_id v : net.variables())
    for (const variable_id p : net.parents(v)) CHECK(pos[static_cast<std::size_t>(p)] < pos[static_cast<std::size_t>(v)]);
  const std::vector<Eigen::Index> bronc_no_either_yes{1, 0};
  CHECK(net.probability(net.id("dysp"), 0, bronc_no_either_yes) == 0.7);
  CHECK(net.repairs().empty());
}

TEST_CASE("a cycle is refused and named", "[core][network_builder]") {
  network_builder b;
  const auto a = b.add_variable("a", {"0", "1"});
  const auto c = b.add_variable("c", {"0", "1"});
  const auto d = b.add_variable("d", {"0", "1"});
  b.set_parents(a, {d});
  b.set_parents(c, {a});
  b.set_parents(d, {c});
  for (const auto v : {a, c, d}) b.set_cpt(v, Eigen::ArrayXd::Constant(4, 0.5));
  CHECK_THROWS_AS(b.build(), model_error);
  CHECK_THROWS_WITH(b.build(), Catch::Contains("cycle") && (Catch::Contains("a -> c -> d -> a") || Catch::Contains("c -> d -> a -> c") ||
                                                              Catch::Contains("d -> a -> c -> d")));
}

TEST_CASE("CPT columns must be distributions", "[core][network_builder]") {
  network_builder b;
  const auto a = b.add_variable("asia", {"yes", "no"});
  const auto t = b.add_variable("tub", {"yes", "no"});
  b.set_parents(t, {a});
  b.set_cpt(a, (Eigen::ArrayXd(2) << 0.01, 0.99).finished());
  SECTION("a column off by 0.03 names the CPT, the column and the sum") {
    b.set_cpt(t, (Eigen::ArrayXd(4) << 0.05, 0.92, 0.01, 0.99).finished());
    CHECK_THROWS_WITH(b.build(), Catch::Contains("cpt 'tub'") && Catch::Contains("asia=yes") && Catch::Contains("sums to 0.97"));
    CHECK_THROWS_AS(b.build({.columns = {.lenient = true}}), model_error);  // 0.03 > 1e-2
  }
  SECTION("lenient mode renormalises small errors and reports them") {
    b.set_cpt(t, (Eigen::ArrayXd(4) << 0.05, 0.945, 0.01, 0.99).finished());
    CHECK_THROWS_AS(b.build(), model_error);
    const network net = b.build({.columns = {.lenient = true}});
    REQUIRE(net.repairs().size() == 1);
    CHECK(net.repairs()[0].column == 0);
    CHECK(net.repairs()[0].sum == Approx(0.995));
    const std::vector<Eigen::Index> yes{0};
    CHECK(net.probability(t, 0, yes) == Approx(0.05 / 0.995).epsilon(1e-15));
    CHECK(net.given_cpt(t).values()[0] == 0.05);  // the raw numbers are kept for writers
  }
  SECTION("tiny deviations are renormalised silently, exactly") {
    b.set_cpt(t, (Eigen::ArrayXd(4) << 0.05, 0.95 + 2e-7, 0.01, 0.99).finished());
    const network net = b.build();
    const Eigen::ArrayXd cols = net.cpt_columns(t);
    CHECK(cols.segment(0, 2).sum() == Approx(1.0).epsilon(1e-16));
  }
  SECTION("NaN, infinite and negative entries are refused") {
    for (const double bad : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(), -0.1}) {
      b.set_cpt(t, (Eigen::ArrayXd(4) << bad, 0.95, 0.01, 0.99).finished());
      CHECK_THROWS_WITH(b.build(), Catch::Contains("tub=yes | asia=yes") && Catch::Contains("expected a probability"));
    }
  }
  SECTION("a wrong number of entries says how many were expected") {
    b.set_cpt(t, Eigen::ArrayXd::Constant(3, 0.5));
    CHECK_THROWS_WITH(b.build(), Catch::Contains("expected 4 entries") && Catch::Contains("got 3"));
  }
  SECTION("a missing table is named") {
    b.set_parents(t, {a});  // forgets the table
    CHECK_THROWS_WITH(b.build(), Catch::Contains("cpt 'tub': no table"));
  }
  SECTION("a CPT over the size limit is refused with the size it needs") {
    b.set_cpt(t, (Eigen::ArrayXd(4) << 0.05, 0.95, 0.01, 0.99).finished());
    CHECK_THROWS_AS(b.build({.max_table_entries = 3}), size_error);
    CHECK_THROWS_WITH(b.build({.max_table_entries = 3}), Catch::Contains("would need 4 entries"));
  }
}

TEST_CASE("declaration errors are caught at once", "[core][network_builder]") {
  network_builder b;
  const auto a = b.add_variable("a", {"x", "y"});
  CHECK_THROWS_WITH(b.add_variable("a", {"x"}), Catch::Contains("declared twice"));
  CHECK_THROWS_WITH(b.add_variable("b", {}), Catch::Contains("no states"));
  CHECK_THROWS_WITH(b.add_variable("b", {"x", "x"}), Catch::Contains("state 'x' twice"));
  CHECK_THROWS_WITH(b.add_variable("", {"x"}), Catch::Contains("empty"));
  CHECK_THROWS_WITH(b.set_parents(a, {a}), Catch::Contains("own parent"));
  CHECK_THROWS_AS(b.set_parents(a, {7}), model_error);
  const auto c = b.add_variable("c", {"x", "y"});
  CHECK_THROWS_WITH(b.set_parents(c, {a, a}), Catch::Contains("twice"));
  CHECK_THROWS_AS(b.set_cpt("nosuch", {}, {1.0}), model_error);
}

TEST_CASE("a builder started from a network rebuilds an equal network", "[core][network_builder]") {
  const network net = test::asia();
  const network again = network_builder(net).build();
  CHECK(again == net);
}

TEST_CASE("the network is usable with float and long double", "[core][network_builder]") {
  const auto f = test::random_network<float>(3, 6);
  const auto ld = test::random_network<long double>(3, 6);
  CHECK(f.size() == 6);
  CHECK(ld.size() == 6);
}

}  // namespace network_builder_test
