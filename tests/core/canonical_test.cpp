// SPDX-License-Identifier: MIT
#include "pitchrisk/core/canonical.hpp"

#include <catch2/catch.hpp>

#include <random>

namespace canonical_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using Catch::Matchers::Contains;

TEST_CASE("noisy-OR columns follow the product formula, child fastest, first parent next", "[core][canonical]") {
  // Parents: A (2 states), B (3 states). Links: A=1 -> 0.8; B=1 -> 0.5, B=2 -> 0.9. Leak 0.1.
  const cause_parameters links{{0.0, 0.8}, {0.0, 0.5, 0.9}};
  const Eigen::ArrayXd t = noisy_or(links, 0.1);
  REQUIRE(t.size() == 2 * 2 * 3);
  for (int b = 0; b < 3; ++b)
    for (int a = 0; a < 2; ++a) {
      const int col = a + 2 * b;
      const double off = 0.9 * (1 - links[0][static_cast<std::size_t>(a)]) * (1 - links[1][static_cast<std::size_t>(b)]);
      CHECK(t[2 * col] == Approx(off).epsilon(1e-14));
      CHECK(t[2 * col + 1] == Approx(1 - off).epsilon(1e-14));
    }
  // With every cause absent only the leak acts.
  CHECK(t[1] == Approx(0.1).epsilon(1e-15));
  // Without a leak, absent causes leave the child off for sure.
  const Eigen::ArrayXd strict = noisy_or(binary_links({0.7}));
  CHECK(strict[0] == 1.0);
  CHECK(strict[1] == 0.0);
  CHECK(strict[3] == Approx(0.7).epsilon(1e-15));
}

TEST_CASE("noisy-OR keeps tiny probabilities that 1 - q would round away", "[core][canonical]") {
  const Eigen::ArrayXd t = noisy_or(binary_links({1e-17, 3e-17}), 1e-18);
  // Both causes on: P(on) = 1 - (1-1e-18)(1-1e-17)(1-3e-17) ~ 4.1e-17, which 1 - q gives as 0.
  CHECK(t[7] == Approx(4.1e-17).epsilon(1e-12));
  CHECK(t[6] == 1.0);
  // A certain cause makes the child certain, exactly.
  const Eigen::ArrayXd sure = noisy_or(binary_links({1.0, 0.3}));
  CHECK(sure[2] == 0.0);
  CHECK(sure[3] == 1.0);
}

TEST_CASE("noisy-AND is the dual of noisy-OR and gives a deterministic AND at the limit", "[core][canonical]") {
  const cause_parameters inhibit{{1.0, 0.0}, {1.0, 0.0}};  // a missing cause surely blocks
  const Eigen::ArrayXd t = noisy_and(inhibit);
  // Columns (A,B) = (0,0), (1,0), (0,1), (1,1): on only for (1,1).
  CHECK(t[1] == 0.0);
  CHECK(t[3] == 0.0);
  CHECK(t[5] == 0.0);
  CHECK(t[7] == 1.0);
  const cause_parameters soft{{0.9, 0.05}, {0.6, 0.1}};
  const Eigen::ArrayXd a = noisy_and(soft, 0.02);
  const Eigen::ArrayXd o = noisy_or(soft, 0.02);
  for (Eigen::Index col = 0; col < 4; ++col) {
    CHECK(a[2 * col] == o[2 * col + 1]);
    CHECK(a[2 * col + 1] == o[2 * col]);
  }
  CHECK(a[7] == Approx(0.98 * 0.95 * 0.9).epsilon(1e-14));
}

TEST_CASE("noisy-MAX equals differences of cumulative products and reduces to noisy-OR", "[core][canonical]") {
  std::mt19937 rng(20261123);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const auto random_distribution = [&](std::size_t m) {
    std::vector<double> d(m);
    double s = 0;
    for (auto& x : d) s += (x = u(rng));
    for (auto& x : d) x /= s;
    return d;
  };
  const std::size_t m = 4;
  const std::vector<std::size_t> parent_cards{2, 3, 2};
  std::vector<std::vector<std::vector<double>>> effects;
  for (const std::size_t c : parent_cards) {
    std::vector<std::vector<double>> per_state{{1.0, 0.0, 0.0, 0.0}};
    for (std::size_t s = 1; s < c; ++s) per_state.push_back(random_distribution(m));
    effects.push_back(per_state);
  }
  const std::vector<double> leak = random_distribution(m);
  const Eigen::ArrayXd t = noisy_max(effects, leak);
  REQUIRE(t.size() == 4 * 2 * 3 * 2);
  Eigen::Index col = 0;
  for (std::size_t c2 = 0; c2 < 2; ++c2)
    for (std::size_t c1 = 0; c1 < 3; ++c1)
      for (std::size_t c0 = 0; c0 < 2; ++c0, ++col) {
        // Reference in long double: P(Y <= y) = L(y) prod C_i(y), then differences.
        const std::vector<const std::vector<double>*> ds{&effects[0][c0], &effects[1][c1], &effects[2][c2], &leak};
        long double previous = 0, total = 0;
        for (std::size_t y = 0; y < m; ++y) {
          long double cdf = 1;
          for (const auto* d : ds) {
            long double c = 0;
            for (std::size_t k = 0; k <= y; ++k) c += (*d)[k];
            cdf *= c;
          }
          CHECK(t[col * 4 + static_cast<Eigen::Index>(y)] ==
                Approx(static_cast<double>(cdf - previous)).epsilon(1e-12).margin(1e-15));
          total += t[col * 4 + static_cast<Eigen::Index>(y)];
          previous = cdf;
        }
        CHECK(static_cast<double>(total) == Approx(1.0).epsilon(1e-14));
      }

  // A binary child makes noisy-MAX a noisy-OR.
  const Eigen::ArrayXd as_max = noisy_max({{{1, 0}, {0.2, 0.8}}, {{1, 0}, {0.4, 0.6}}}, {0.9, 0.1});
  const Eigen::ArrayXd as_or = noisy_or(binary_links({0.8, 0.6}), 0.1);
  for (Eigen::Index i = 0; i < as_or.size(); ++i) CHECK(as_max[i] == Approx(as_or[i]).epsilon(1e-14));
}

TEST_CASE("noisy-MAX keeps small upper-state probabilities that cumulative differences cancel",
          "[core][canonical]") {
  // Each cause puts the child in its top state with probability 1e-17: P(top) ~ 2e-17,
  // whereas 1 - P(Y <= 1) rounds to 0 in double.
  const std::vector<std::vector<std::vector<double>>> effects{{{1, 0, 0}, {0.5, 0.5 - 1e-17, 1e-17}},
                                                              {{1, 0, 0}, {0.5, 0.5 - 1e-17, 1e-17}}};
  const Eigen::ArrayXd t = noisy_max(effects, {1, 0, 0});
  // Column 3 = both causes in state 1.
  CHECK(t[3 * 3 + 2] == Approx(2e-17).epsilon(1e-9));
  CHECK(t[3 * 3 + 0] == Approx(0.25).epsilon(1e-15));
  CHECK(t[3 * 3 + 1] == Approx(0.75).epsilon(1e-15));
}

TEST_CASE("canonical models reject bad parameters with a typed error that names them", "[core][canonical]") {
  const cause_parameters bad_link{{0.0, 1.5}};
  REQUIRE_THROWS_AS(noisy_or(bad_link), model_error);
  REQUIRE_THROWS_WITH(noisy_or(bad_link), Contains("parent 0, state 1") && Contains("1.5"));
  const cause_parameters nan_link{{0.0, std::nan("")}};
  REQUIRE_THROWS_AS(noisy_and(nan_link), model_error);
  REQUIRE_THROWS_WITH(noisy_or(binary_links({0.5}), -0.1), Contains("leak"));
  const cause_parameters empty_parent{{}};
  REQUIRE_THROWS_WITH(noisy_or(empty_parent), Contains("no states"));

  const std::vector<std::vector<std::vector<double>>> not_summing{{{1, 0}, {0.5, 0.4}}};
  REQUIRE_THROWS_AS(noisy_max(not_summing, {1, 0}), model_error);
  REQUIRE_THROWS_WITH(noisy_max(not_summing, {1, 0}), Contains("parent 0, state 1") && Contains("sums to 0.9"));
  const std::vector<std::vector<std::vector<double>>> wrong_size{{{1, 0, 0}}};
  REQUIRE_THROWS_WITH(noisy_max(wrong_size, {1, 0}), Contains("expected 2"));
  const std::vector<std::vector<std::vector<double>>> ok{{{1, 0}}};
  REQUIRE_THROWS_WITH(noisy_max(ok, {1.0}), Contains("at least 2 states"));

  const std::vector<std::vector<std::vector<double>>> wide(30, {{1, 0}, {0, 1}});
  REQUIRE_THROWS_AS(noisy_max(wide, {1, 0}, 1 << 20), size_error);
}

TEST_CASE("canonical CPTs set on a builder give a valid network", "[core][canonical]") {
  network_builder b("canonical");
  const variable_id flu = b.add_variable("flu", {"no", "yes"});
  const variable_id cold = b.add_variable("cold", {"no", "yes"});
  const variable_id severity = b.add_variable("severity", {"none", "mild", "high"});
  const variable_id fever = b.add_variable("fever", {"no", "yes"});
  const variable_id cough = b.add_variable("cough", {"absent", "mild", "severe"});
  const variable_id sick_leave = b.add_variable("sick_leave", {"no", "yes"});
  b.set_cpt(flu, Eigen::ArrayXd::Map(std::vector<double>{0.9, 0.1}.data(), 2));
  b.set_cpt(cold, Eigen::ArrayXd::Map(std::vector<double>{0.7, 0.3}.data(), 2));
  b.set_cpt(severity, Eigen::ArrayXd::Map(std::vector<double>{0.6, 0.3, 0.1}.data(), 3));
  set_noisy_or(b, fever, {flu, cold}, binary_links({0.9, 0.2}), 0.01);
  set_noisy_max(b, cough, {flu, cold}, {{{1, 0, 0}, {0.1, 0.5, 0.4}}, {{1, 0, 0}, {0.3, 0.6, 0.1}}}, {0.95, 0.05, 0.0});
  set_noisy_and(b, sick_leave, {fever, severity}, {{0.9, 0.0}, {1.0, 0.5, 0.0}}, 0.05);
  const network net = b.build();
  const std::vector<Eigen::Index> flu_only{1, 0};
  CHECK(net.probability(fever, 1, flu_only) == Approx(1 - 0.99 * 0.1).epsilon(1e-14));
  CHECK(net.probability(cough, 2, flu_only) == Approx(0.4).epsilon(1e-14));
  const std::vector<Eigen::Index> fever_mild{1, 1};
  CHECK(net.probability(sick_leave, 1, fever_mild) == Approx(0.95 * 0.5).epsilon(1e-14));
  CHECK(net.repairs().empty());

  SECTION("sizes that do not match the variables are refused, naming them") {
    REQUIRE_THROWS_WITH(set_noisy_or(b, severity, {flu}, binary_links({0.5})), Contains("'severity'") && Contains("2 states"));
    const cause_parameters three{{0, 0.5, 0.2}};
    REQUIRE_THROWS_WITH(set_noisy_or(b, fever, {flu}, three), Contains("parent 'flu' has 2 states, got 3"));
    REQUIRE_THROWS_WITH(set_noisy_max(b, cough, {flu}, {{{1, 0, 0}, {0, 1, 0}}}, {1, 0}), Contains("'cough'"));
    REQUIRE_THROWS_AS(set_noisy_and(b, fever, {flu, cold}, binary_links({0.5})), model_error);
  }
}

}  // namespace canonical_test
