// SPDX-License-Identifier: MIT
#include "pitchrisk/learning/sampling.hpp"

#include "pitchrisk/learning/counts.hpp"
#include "support/brute_force.hpp"
#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

namespace sampling_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

TEST_CASE("forward sampling draws the network's joint: family frequencies within sampling error",
          "[learning][sampling]") {
  const network net = test::random_network(11, 7, 2, false);
  const Eigen::Index n = 40000;
  const dataset d = sample(net, n, {.seed = 5});
  REQUIRE(d.rows() == n);
  REQUIRE(d.columns() == net.size());
  CHECK_FALSE(d.has_missing());
  const test::brute_force_result truth = test::brute_force(net, evidence{});
  for (const variable_id v : net.variables()) {
    const std::vector<Eigen::Index> no_parents;
    const Eigen::ArrayXd counts = family_counts(d, v, no_parents);
    for (Eigen::Index s = 0; s < net.cardinality(v); ++s) {
      const auto p = static_cast<double>(truth.posteriors[static_cast<std::size_t>(v)][static_cast<std::size_t>(s)]);
      const double sd = std::sqrt(p * (1 - p) / static_cast<double>(n));
      INFO(net.variable(v).name << " = " << s << ": p " << p);
      CHECK(std::abs(counts[s] / static_cast<double>(n) - p) <= 5 * sd + 1e-12);
    }
  }
}

TEST_CASE("sampling gives the same records whatever the thread count, and depends on the seed",
          "[learning][sampling]") {
  const network net = test::asia();
  const dataset one = sample(net, 10000, {.seed = 9, .missing_rate = 0.1, .threads = 1, .block_rows = 1000});
  const dataset three = sample(net, 10000, {.seed = 9, .missing_rate = 0.1, .threads = 3, .block_rows = 1000});
  const dataset other = sample(net, 10000, {.seed = 10, .missing_rate = 0.1, .threads = 1, .block_rows = 1000});
  bool same = true, differs = false;
  for (Eigen::Index c = 0; c < one.columns(); ++c)
    for (Eigen::Index r = 0; r < one.rows(); ++r) {
      same = same && one.at(r, c) == three.at(r, c);
      differs = differs || one.at(r, c) != other.at(r, c);
    }
  CHECK(same);
  CHECK(differs);
}

TEST_CASE("missing cells at a rate, hidden columns dropped, impossible states never drawn", "[learning][sampling]") {
  const network net = test::asia();
  const dataset d = sample(net, 20000, {.seed = 2, .missing_rate = 0.2, .hidden = {"either", "tub"}});
  REQUIRE(d.columns() == net.size() - 2);
  CHECK(d.column_of("either") == -1);
  CHECK(d.column_of("tub") == -1);
  CHECK(d.column_of("dysp") >= 0);
  const double cells = static_cast<double>(d.rows() * d.columns());
  CHECK(static_cast<double>(d.missing_cells()) / cells == Approx(0.2).margin(0.01));
  // either = tub or lung: with tub=no, lung=no either is always no.
  const dataset full = sample(net, 20000, {.seed = 3});
  const auto tub = full.column(net.id("tub")), lung = full.column(net.id("lung")), either = full.column(net.id("either"));
  bool consistent = true;
  for (std::size_t r = 0; r < tub.size(); ++r) consistent = consistent && (either[r] == 0) == (tub[r] == 0 || lung[r] == 0);
  CHECK(consistent);
}

TEST_CASE("sampling rejects bad options", "[learning][sampling]") {
  const network net = test::asia();
  CHECK_THROWS_AS(sample(net, 10, {.missing_rate = 1.5}), error);
  CHECK_THROWS_AS(sample(net, -1), error);
  CHECK_THROWS_WITH(sample(net, 10, {.hidden = {"nope"}}), Catch::Contains("'nope'"));
}

}  // namespace sampling_test
