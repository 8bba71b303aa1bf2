// SPDX-License-Identifier: MIT
#include "pitchrisk/learning/parameter_estimation.hpp"

#include "pitchrisk/learning/sampling.hpp"
#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <vector>

namespace parameter_estimation_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using cells = std::vector<dataset::cell>;

namespace {

/// a (2 states) -> b (3 states); CPT values are placeholders (ignored by the estimators).
network two_node_structure() {
  network_builder b("ab");
  b.add_variable("a", {"a0", "a1"});
  b.add_variable("b", {"b0", "b1", "b2"});
  b.set_cpt("a", {}, {0.5, 0.5});
  b.set_cpt("b", {"a"}, {0.2, 0.3, 0.5, 0.1, 0.1, 0.8});
  return b.build();
}

/// a: 6 x a0, 2 x a1; b | a0: 3, 2, 1; b | a1: 2, 0, 0; plus rows with missing cells.
dataset two_node_data() {
  dataset d({"b", "a"}, {{"b0", "b1", "b2"}, {"a0", "a1"}});  // other column order on purpose
  for (int i = 0; i < 3; ++i) d.append_row(cells{0, 0});
  for (int i = 0; i < 2; ++i) d.append_row(cells{1, 0});
  d.append_row(cells{2, 0});
  d.append_row(cells{0, 1});
  d.append_row(cells{0, 1});
  d.append_row(cells{dataset::missing, 1});  // counts for a only
  d.append_row(cells{2, dataset::missing});  // counts for nothing
  return d;
}

}  // namespace

TEST_CASE("network_counts: available-case family counts in builder layout", "[learning][parameter_estimation]") {
  const network s = two_node_structure();
  const auto n = network_counts(s, two_node_data());
  REQUIRE(n.size() == 2);
  CHECK(n[0][0] == 6);
  CHECK(n[0][1] == 3);
  const Eigen::ArrayXd expected_b = (Eigen::ArrayXd(6) << 3, 2, 1, 2, 0, 0).finished();
  CHECK((n[1] == expected_b).all());
}

TEST_CASE("maximum likelihood is counts over column totals", "[learning][parameter_estimation]") {
  const network s = two_node_structure();
  const network m = estimate_parameters(s, two_node_data());
  CHECK(m.probability(0, 0, {}) == Approx(6.0 / 9).epsilon(1e-12));
  const std::vector<Eigen::Index> a0{0}, a1{1};
  CHECK(m.probability(1, 0, a0) == Approx(3.0 / 6).epsilon(1e-12));
  CHECK(m.probability(1, 2, a0) == Approx(1.0 / 6).epsilon(1e-12));
  CHECK(m.probability(1, 0, a1) == Approx(1.0).epsilon(1e-12));
  CHECK(m.probability(1, 1, a1) == 0.0);
  CHECK(m.parents(1).size() == 1);
}

TEST_CASE("BDeu, K2 and a prior network add their pseudo-counts (posterior mean)", "[learning][parameter_estimation]") {
  const network s = two_node_structure();
  const dataset d = two_node_data();
  const std::vector<Eigen::Index> a0{0}, a1{1};
  SECTION("BDeu with ess 6: alpha = 6 / 2 for a, 6 / 6 for b") {
    const network m = estimate_parameters(s, d, {.kind = prior_kind::bdeu, .ess = 6});
    CHECK(m.probability(0, 0, {}) == Approx((6 + 3.0) / (9 + 6)).epsilon(1e-12));
    CHECK(m.probability(1, 1, a1) == Approx((0 + 1.0) / (2 + 3)).epsilon(1e-12));
    CHECK(m.probability(1, 0, a0) == Approx((3 + 1.0) / (6 + 3)).epsilon(1e-12));
  }
  SECTION("K2: alpha = 1") {
    const network m = estimate_parameters(s, d, {.kind = prior_kind::k2});
    CHECK(m.probability(0, 1, {}) == Approx((3 + 1.0) / (9 + 2)).epsilon(1e-12));
    CHECK(m.probability(1, 2, a0) == Approx((1 + 1.0) / (6 + 3)).epsilon(1e-12));
  }
  SECTION("prior network: alpha = ess x P(x, parents)") {
    const auto prior = std::make_shared<const network>(s);  // P(a0) = 0.5, P(b | a) as given
    const network m = estimate_parameters(s, d, {.kind = prior_kind::network, .ess = 10, .prior_network = prior});
    CHECK(m.probability(0, 0, {}) == Approx((6 + 5.0) / (9 + 10)).epsilon(1e-12));
    // alpha(b1, a1) = 10 x 0.5 x 0.1 = 0.5; column a1 total alpha = 5
    CHECK(m.probability(1, 1, a1) == Approx((0 + 0.5) / (2 + 5)).epsilon(1e-12));
    CHECK(m.probability(1, 2, a0) == Approx((1 + 2.5) / (6 + 5)).epsilon(1e-12));
  }
  SECTION("prior network's columns: alpha = ess x P(x | parents), every column worth ess") {
    const auto prior = std::make_shared<const network>(s);
    const network m = estimate_parameters(s, d, {.kind = prior_kind::columns, .ess = 10, .prior_network = prior});
    CHECK(m.probability(0, 0, {}) == Approx((6 + 5.0) / (9 + 10)).epsilon(1e-12));
    // alpha(b1, a1) = 10 x 0.1 = 1; column a1 total alpha = 10
    CHECK(m.probability(1, 1, a1) == Approx((0 + 1.0) / (2 + 10)).epsilon(1e-12));
    CHECK(m.probability(1, 2, a0) == Approx((1 + 5.0) / (6 + 10)).epsilon(1e-12));
  }
}

TEST_CASE("a column without data is uniform under MLE, and the notes say so", "[learning][parameter_estimation]") {
  const network s = two_node_structure();
  dataset d({"a", "b"}, {{"a0", "a1"}, {"b0", "b1", "b2"}});
  d.append_row(cells{0, 1});
  estimation_notes notes;
  const network m = estimate_parameters(s, d, {}, &notes);
  const std::vector<Eigen::Index> a1{1};
  CHECK(m.probability(1, 0, a1) == Approx(1.0 / 3).epsilon(1e-12));
  CHECK(notes.uniform_count == 1);
  REQUIRE(notes.uniform_columns.size() == 1);
  CHECK(notes.uniform_columns[0] == "b | a=a1");
}

TEST_CASE("MLE from many sampled records approaches the true CPTs", "[learning][parameter_estimation]") {
  const network truth = test::asia();
  const dataset d = sample(truth, 100000, {.seed = 4});
  const network m = estimate_parameters(truth, d);
  // smoke ~ 0.5 with n = 1e5: sd 0.0016
  CHECK(m.probability(truth.id("smoke"), 0, {}) == Approx(0.5).margin(0.008));
  const std::vector<Eigen::Index> yes{0};
  CHECK(m.probability(truth.id("bronc"), 0, yes) == Approx(0.6).margin(0.01));
  // The deterministic CPT is learned exactly where data exist.
  const std::vector<Eigen::Index> lung_yes_tub_no{0, 1};
  CHECK(m.probability(truth.id("either"), 0, lung_yes_tub_no) == 1.0);
}

TEST_CASE("bad priors are refused", "[learning][parameter_estimation]") {
  const network s = two_node_structure();
  const dataset d = two_node_data();
  CHECK_THROWS_AS(estimate_parameters(s, d, {.kind = prior_kind::bdeu, .ess = 0}), error);
  CHECK_THROWS_WITH(estimate_parameters(s, d, {.kind = prior_kind::network, .ess = 1}), Catch::Contains("without a prior network"));
  const auto other = std::make_shared<const network>(test::asia());
  CHECK_THROWS_WITH(estimate_parameters(s, d, {.kind = prior_kind::network, .ess = 1, .prior_network = other}),
                    Catch::Contains("no variable 'a'"));
  network_builder flipped("ab");  // b is the parent of a: other parents
  flipped.add_variable("a", {"a0", "a1"});
  flipped.add_variable("b", {"b0", "b1", "b2"});
  flipped.set_cpt("b", {}, {0.2, 0.3, 0.5});
  flipped.set_cpt("a", {"b"}, {0.5, 0.5, 0.5, 0.5, 0.5, 0.5});
  const auto prior = std::make_shared<const network>(flipped.build());
  CHECK_THROWS_WITH(estimate_parameters(s, d, {.kind = prior_kind::columns, .ess = 1, .prior_network = prior}),
                    Catch::Contains("other parents"));
  CHECK_THROWS_WITH(estimate_parameters(s, d, {.kind = prior_kind::columns, .ess = 1}),
                    Catch::Contains("kind 'columns' without a prior network"));
}

}  // namespace parameter_estimation_test
