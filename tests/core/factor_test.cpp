// SPDX-License-Identifier: MIT
#include "pitchrisk/core/factor.hpp"

#include <catch2/catch.hpp>

#include <random>

namespace factor_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

namespace {

// Reference implementation by explicit coordinates, independent of the odometer.
double entry(const factor& f, const std::vector<variable_id>& vars, const std::vector<Eigen::Index>& states) {
  std::vector<Eigen::Index> s;
  for (const variable_id v : f.scope()) {
    const auto it = std::find(vars.begin(), vars.end(), v);
    s.push_back(states[static_cast<std::size_t>(it - vars.begin())]);
  }
  return f.at(s);
}

factor random_factor(std::mt19937_64& rng, std::vector<variable_id> scope, const std::vector<Eigen::Index>& all_cards) {
  std::vector<Eigen::Index> cards;
  for (const variable_id v : scope) cards.push_back(all_cards[static_cast<std::size_t>(v)]);
  Eigen::Index n = 1;
  for (const auto c : cards) n *= c;
  Eigen::ArrayXd values(n);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (Eigen::Index i = 0; i < n; ++i) values[i] = u(rng);
  return factor(std::move(scope), std::move(cards), values);
}

}  // namespace

TEST_CASE("factor layout is first variable fastest, scope sorted", "[core][factor]") {
  // scope (A=0, B=1), |A| = 2, |B| = 3: f(a, b) = 10 a + b
  const factor f({0, 1}, {2, 3}, (Eigen::ArrayXd(6) << 0, 10, 1, 11, 2, 12).finished());
  const std::vector<Eigen::Index> a1b2{1, 2};
  CHECK(f.at(a1b2) == 12);
  CHECK(f.stride(0) == 1);
  CHECK(f.stride(1) == 2);
  CHECK(f.stride(7) == 0);
  CHECK(f.position(1) == 1);
  CHECK(f.position(5) == -1);
}

TEST_CASE("factor construction checks scope order and sizes", "[core][factor]") {
  CHECK_THROWS_AS(factor({1, 0}, {2, 2}, Eigen::ArrayXd::Ones(4)), model_error);
  CHECK_THROWS_WITH(factor({0, 1}, {2, 2}, Eigen::ArrayXd::Ones(3)), Catch::Contains("expected 4 values, got 3"));
  CHECK_THROWS_AS(factor({0}, {2, 2}, Eigen::ArrayXd::Ones(4)), model_error);
}

TEST_CASE("product, sum-out, max-out and reduce agree with explicit coordinates", "[core][factor]") {
  std::mt19937_64 rng(42);
  const std::vector<Eigen::Index> cards{2, 3, 4, 2, 3};
  const factor a = random_factor(rng, {0, 2, 3}, cards);
  const factor b = random_factor(rng, {1, 2, 4}, cards);
  const factor p = multiply(a, b);
  REQUIRE(p.scope() == std::vector<variable_id>{0, 1, 2, 3, 4});
  const std::vector<variable_id> vars{0, 1, 2, 3, 4};
  std::vector<Eigen::Index> x(5, 0);
  for (;;) {
    CHECK(entry(p, vars, x) == Approx(entry(a, vars, x) * entry(b, vars, x)).epsilon(1e-15));
    std::size_t d = 0;
    for (; d < 5 && ++x[d] == cards[d]; ++d) x[d] = 0;
    if (d == 5) break;
  }
  for (const variable_id gone : vars) {
    const factor s = sum_out(p, gone);
    std::vector<Eigen::Index> argmax;
    const factor m = max_out(p, gone, &argmax);
    CHECK(s.scope().size() == 4);
    std::vector<Eigen::Index> y(5, 0);
    for (Eigen::Index i = 0; i < s.size(); ++i) {
      // decode i over the scope of s
      Eigen::Index rest = i;
      std::vector<Eigen::Index> st;
      for (const auto c : s.cardinalities()) {
        st.push_back(rest % c);
        rest /= c;
      }
      double total = 0, best = -1;
      Eigen::Index arg = -1;
      for (Eigen::Index k = 0; k < cards[static_cast<std::size_t>(gone)]; ++k) {
        std::size_t j = 0;
        for (std::size_t v = 0; v < 5; ++v) y[v] = (static_cast<variable_id>(v) == gone) ? k : st[j++];
        const double e = entry(p, vars, y);
        total += e;
        if (e > best) {
          best = e;
          arg = k;
        }
      }
      CHECK(s.values()[i] == Approx(total).epsilon(1e-14));
      CHECK(m.values()[i] == best);
      CHECK(argmax[static_cast<std::size_t>(i)] == arg);
    }
    const factor r = reduce(p, gone, 1);
    CHECK(r.scope() == s.scope());
  }
  // reduce then sum equals the slice
  const factor r = reduce(a, 2, 3);
  CHECK(r.values().sum() == Approx(a.values().segment(0, 0).sum() + [&] {
          double t = 0;
          for (Eigen::Index i = 0; i < a.size(); ++i)
            if ((i / 2) % 4 == 3) t += a.values()[i];
          return t;
        }()).epsilon(1e-14));
  CHECK_THROWS_AS(reduce(a, 2, 4), evidence_error);
}

TEST_CASE("likelihoods and normalisation", "[core][factor]") {
  factor f({3}, {3}, (Eigen::ArrayXd(3) << 0.2, 0.3, 0.5).finished());
  multiply_by_likelihood(f, 3, (Eigen::ArrayXd(3) << 1.0, 0.0, 2.0).finished());
  CHECK(normalize(f) == Approx(1.2));
  CHECK(f.values()[2] == Approx(1.0 / 1.2));
  factor zero({3}, {3}, Eigen::ArrayXd::Zero(3));
  CHECK_THROWS_AS(normalize(zero), evidence_error);
  CHECK_THROWS_AS(multiply_by_likelihood(f, 3, Eigen::ArrayXd::Ones(2)), evidence_error);
}

TEST_CASE("from_layout and to_layout are inverse permutations", "[core][factor]") {
  // BIF 'table' order for P(dysp | bronc, either): child slowest, last parent fastest, i.e.
  // fastest-first (either, bronc, dysp). Ids: bronc=4, either=5, dysp=7.
  const Eigen::ArrayXd table = (Eigen::ArrayXd(8) << 0.9, 0.8, 0.7, 0.1, 0.1, 0.2, 0.3, 0.9).finished();
  const std::vector<variable_id> order{5, 4, 7};
  const std::vector<Eigen::Index> cards{2, 2, 2};
  const factor f = from_layout<double>(order, cards, table);
  // P(dysp=yes | bronc=no, either=yes) = 0.7 (formats.md worked fixture)
  const std::vector<Eigen::Index> bronc_no_either_yes_dysp_yes{1, 0, 0};
  CHECK(f.at(bronc_no_either_yes_dysp_yes) == 0.7);
  CHECK((to_layout(f, order) == table).all());
  const std::vector<variable_id> dup{5, 5, 7};
  CHECK_THROWS_AS(from_layout<double>(dup, cards, table), model_error);
}

}  // namespace factor_test
