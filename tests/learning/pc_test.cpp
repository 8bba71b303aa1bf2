// SPDX-License-Identifier: MIT
#include "pitchrisk/learning/pc.hpp"

#include "support/d_separation.hpp"
#include "pitchrisk/learning/sampling.hpp"
#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <cmath>

namespace pc_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

namespace {
dataset stratified() {
  // z = 0: the 2x2 table (x rows, y columns) {{10, 20}, {30, 15}}; z = 1: {{5, 5}, {5, 5}}.
  dataset d({"x", "y", "z"}, {{"0", "1"}, {"0", "1"}, {"0", "1"}});
  const int cells[][4] = {{0, 0, 0, 10}, {0, 1, 0, 20}, {1, 0, 0, 30}, {1, 1, 0, 15},
                          {0, 0, 1, 5},  {0, 1, 1, 5},  {1, 0, 1, 5},  {1, 1, 1, 5}};
  for (const auto& c : cells)
    for (int k = 0; k < c[3]; ++k) {
      const dataset::cell row[] = {static_cast<dataset::cell>(c[0]), static_cast<dataset::cell>(c[1]),
                                   static_cast<dataset::cell>(c[2])};
      d.append_row(row);
    }
  return d;
}

/// Cloudy -> sprinkler, cloudy -> rain, sprinkler -> wet <- rain, strong dependencies.
network sprinkler() {
  network_builder b("sprinkler");
  for (const char* v : {"cloudy", "sprinkler", "rain", "wet"}) b.add_variable(v, {"t", "f"});
  b.set_cpt("cloudy", {}, {0.5, 0.5});
  b.set_cpt("sprinkler", {"cloudy"}, {0.1, 0.9, 0.6, 0.4});
  b.set_cpt("rain", {"cloudy"}, {0.8, 0.2, 0.2, 0.8});
  b.set_cpt("wet", {"sprinkler", "rain"}, {0.99, 0.01, 0.9, 0.1, 0.9, 0.1, 0.05, 0.95});
  return b.build();
}
}  // namespace

TEST_CASE("G and chi-square tests match SciPy's contingency tests", "[learning][pc]") {
  const dataset d = stratified();
  // Marginal x, y table: {{15, 25}, {35, 20}}.
  const independence_result g = independence_test(d, 0, 1, {}, independence_test_kind::g_test);
  const independence_result x2 = independence_test(d, 0, 1, {}, independence_test_kind::chi_square);
  CHECK(g.degrees_of_freedom == 1);
  CHECK(g.rows == 95);
  // scipy.stats.chi2_contingency([[15, 25], [35, 20]], correction=False[, lambda_="log-likelihood"])
  CHECK(g.statistic == Approx(6.406630600167617).epsilon(1e-12));
  CHECK(x2.statistic == Approx(6.3453282828282855).epsilon(1e-12));
  // Given z: stratum 0 gives scipy's G = 8.161371152850784 (X^2 = 8.035714285714285), stratum 1 gives 0.
  const Eigen::Index z[] = {2};
  const independence_result gz = independence_test(d, 0, 1, z, independence_test_kind::g_test);
  const independence_result xz = independence_test(d, 0, 1, z, independence_test_kind::chi_square);
  CHECK(gz.statistic == Approx(8.161371152850784).epsilon(1e-12));
  CHECK(xz.statistic == Approx(8.035714285714285).epsilon(1e-12));
  CHECK(gz.degrees_of_freedom == 2);
  CHECK(gz.p_value == Approx(std::exp(-8.161371152850784 / 2)).epsilon(1e-12));  // chi2(2) tail = exp(-x/2)
}

TEST_CASE("a stratum that sees one state adds no degrees of freedom", "[learning][pc]") {
  dataset d({"x", "y", "z"}, {{"0", "1"}, {"0", "1", "2"}, {"0", "1"}});
  const dataset::cell rows[][3] = {{0, 0, 0}, {1, 1, 0}, {0, 2, 0}, {1, 0, 0}, {0, 0, 1}, {0, 1, 1}};
  for (const auto& r : rows) d.append_row(r);
  const Eigen::Index z[] = {2};
  CHECK(independence_test(d, 0, 1, z).degrees_of_freedom == 2);  // (2-1)(3-1) + (1-1)(2-1)
  REQUIRE_THROWS_WITH(independence_test(d, 0, 0, {}), Catch::Contains("'x' appears twice"));
  REQUIRE_THROWS_AS(independence_test(d, 0, 9, {}), lookup_error);
}

TEST_CASE("PC-stable with a d-separation oracle returns the essential graph", "[learning][pc]") {
  std::vector<network> nets{test::asia(), sprinkler()};
  for (std::uint64_t seed = 1; seed <= 15; ++seed) nets.push_back(test::random_network(seed, 10, 3));
  for (const network& net : nets) {
    const parent_lists& dag = net.all_parents();
    const pc_result r = pc_stable(net.size(), [&](Eigen::Index a, Eigen::Index b, std::span<const Eigen::Index> s) {
      return test::d_separated(dag, a, b, s);
    });
    CHECK(r.graph == essential_graph(dag));
  }
}

TEST_CASE("PC-stable does not depend on the variable order", "[learning][pc]") {
  const network net = test::random_network(31, 10, 3);
  const parent_lists& dag = net.all_parents();
  // The same oracle over reversed ids.
  const Eigen::Index n = net.size();
  const pc_result reversed = pc_stable(n, [&](Eigen::Index a, Eigen::Index b, std::span<const Eigen::Index> s) {
    std::vector<variable_id> t;
    for (const Eigen::Index v : s) t.push_back(n - 1 - v);
    return test::d_separated(dag, n - 1 - a, n - 1 - b, t);
  });
  const pdag g = essential_graph(dag);
  for (Eigen::Index a = 0; a < n; ++a)
    for (Eigen::Index b = 0; b < n; ++b) CHECK(reversed.graph.directed(n - 1 - a, n - 1 - b) == g.directed(a, b));
}

TEST_CASE("PC on records of a known network recovers its class", "[learning][pc]") {
  const network net = sprinkler();
  const dataset data = sample(net, 20'000, {.seed = 8});
  for (const auto kind : {independence_test_kind::g_test, independence_test_kind::chi_square}) {
    const pc_result r = pc_stable(data, {.test = kind, .alpha = 0.01});
    CHECK(structural_hamming_distance(r.graph, essential_graph(net)) == 0);
    CHECK(r.tests > 0);
  }
  REQUIRE_THROWS_WITH(pc_stable(data, {.alpha = 1.5}), Catch::Contains("alpha"));
}

}  // namespace pc_test
