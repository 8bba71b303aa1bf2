// SPDX-License-Identifier: MIT
#include "pitchrisk/learning/structure_score.hpp"

#include "pitchrisk/learning/counts.hpp"
#include "pitchrisk/learning/sampling.hpp"
#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <cmath>

namespace structure_score_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

namespace {
// Child with 2 states, one binary parent: column a=0 holds (3, 1), column a=1 holds (2, 2).
const Eigen::ArrayXd table = (Eigen::ArrayXd(4) << 3, 1, 2, 2).finished();
const double log_likelihood = 3 * std::log(0.75) + std::log(0.25) + 4 * std::log(0.5);

dataset table_as_data() {
  dataset d({"b", "a"}, {{"y", "n"}, {"y", "n"}});
  const int rows[][3] = {{0, 0, 3}, {1, 0, 1}, {0, 1, 2}, {1, 1, 2}};  // b, a, count
  for (const auto& r : rows)
    for (int k = 0; k < r[2]; ++k) {
      const dataset::cell cells[] = {static_cast<dataset::cell>(r[0]), static_cast<dataset::cell>(r[1])};
      d.append_row(cells);
    }
  return d;
}
}  // namespace

TEST_CASE("family scores match hand computation", "[learning][structure_score]") {
  CHECK(family_score(table, 2, {.kind = structure_score_kind::bic}) ==
        Approx(log_likelihood - 0.5 * std::log(8.0) * 2).epsilon(1e-13));
  CHECK(family_score(table, 2, {.kind = structure_score_kind::aic}) == Approx(log_likelihood - 2).epsilon(1e-13));
  // K2: prod_j (r-1)! / (N_j + r - 1)! prod_k N_jk!  =  (1/120 * 3! 1!) (1/120 * 2! 2!).
  CHECK(family_score(table, 2, {.kind = structure_score_kind::k2}) ==
        Approx(std::log(6.0 / 120) + std::log(4.0 / 120)).epsilon(1e-13));
  // BDeu, ess 1: a_j = 1/2, a_jk = 1/4.
  const double bdeu = 2 * std::lgamma(0.5) - std::lgamma(4.5) - std::lgamma(4.5) + std::lgamma(3.25) +
                      std::lgamma(1.25) + 2 * std::lgamma(2.25) - 4 * std::lgamma(0.25);
  CHECK(family_score(table, 2, {.kind = structure_score_kind::bdeu}) == Approx(bdeu).epsilon(1e-13));
  // ess 4: a_j = 2, a_jk = 1 (= K2 for a binary child).
  CHECK(family_score(table, 2, {.kind = structure_score_kind::bdeu, .equivalent_sample_size = 4}) ==
        Approx(family_score(table, 2, {.kind = structure_score_kind::k2})).epsilon(1e-13));
}

TEST_CASE("bad counts and options are reported", "[learning][structure_score]") {
  const Eigen::ArrayXd three = Eigen::ArrayXd::Ones(3);
  REQUIRE_THROWS_WITH(family_score(three, 2), Catch::Contains("not a positive multiple of 2"));
  const Eigen::ArrayXd negative = (Eigen::ArrayXd(2) << 1, -1).finished();
  REQUIRE_THROWS_AS(family_score(negative, 2), model_error);
  const score_options zero_ess{.kind = structure_score_kind::bdeu, .equivalent_sample_size = 0};
  REQUIRE_THROWS_WITH(family_score(table, 2, zero_ess), Catch::Contains("equivalent sample size"));
  REQUIRE_THROWS_AS(parse_structure_score("mdl"), lookup_error);
  CHECK(parse_structure_score("bdeu") == structure_score_kind::bdeu);
}

TEST_CASE("scores from data equal scores of the counted tables", "[learning][structure_score]") {
  const network net = test::random_network(7, 6, 3);
  const dataset data = sample(net, 3000, {.seed = 11});
  for (const auto kind : {structure_score_kind::bic, structure_score_kind::aic, structure_score_kind::bdeu,
                          structure_score_kind::k2}) {
    structure_score score(data, {.kind = kind, .equivalent_sample_size = 3});
    for (Eigen::Index v = 0; v < data.columns(); ++v) {
      std::vector<Eigen::Index> parents;
      for (Eigen::Index p = 0; p < v; p += 2) parents.push_back(p);
      const Eigen::ArrayXd counts = family_counts(data, v, parents);
      const double expected = family_score(counts, data.cardinality(v), score.options());
      CHECK(score.family(v, parents) == Approx(expected).epsilon(1e-12));
      if (!parents.empty()) {
        const Eigen::Index last = parents.back();
        parents.pop_back();
        CHECK(score.family_with(v, parents, last) == Approx(expected).epsilon(1e-12));
      }
    }
  }
}

TEST_CASE("a large sparse family table is scored like the dense one", "[learning][structure_score]") {
  const network net = test::random_network(5, 9, 2);
  const dataset data = sample(net, 400, {.seed = 3});
  std::vector<Eigen::Index> parents{0, 1, 2, 3, 4, 5, 6, 7};  // up to 4^9 cells, over 400 rows: sparse path
  const Eigen::ArrayXd counts = family_counts(data, 8, parents);
  for (const auto kind : {structure_score_kind::bic, structure_score_kind::bdeu}) {
    structure_score score(data, {.kind = kind});
    CHECK(score.family(8, parents) == Approx(family_score(counts, data.cardinality(8), score.options())).epsilon(1e-12));
  }
}

TEST_CASE("BIC and BDeu give Markov-equivalent structures equal scores", "[learning][structure_score]") {
  const dataset data = sample(test::asia(), 2000, {.seed = 5});
  for (const auto kind : {structure_score_kind::bic, structure_score_kind::bdeu}) {
    structure_score score(data, {.kind = kind, .equivalent_sample_size = 10});
    parent_lists chain(8), reversed(8);
    chain[3] = {2};   // smoke -> lung
    chain[4] = {2};   // smoke -> bronc
    reversed[2] = {3};  // lung -> smoke
    reversed[4] = {2};
    CHECK(score.total(chain) == Approx(score.total(reversed)).epsilon(1e-12));
  }
}

TEST_CASE("missing cells: each family is counted on its complete rows", "[learning][structure_score]") {
  dataset data = table_as_data();
  const dataset::cell extra[][2] = {{dataset::missing, 0}, {1, dataset::missing}, {0, 1}};
  for (const auto& r : extra) data.append_row(r);
  structure_score score(data);
  const Eigen::Index a[] = {1};
  // Rows complete on (b, a): the 8 of the table plus (0, 1).
  const Eigen::ArrayXd counts = (Eigen::ArrayXd(4) << 3, 1, 3, 2).finished();
  CHECK(score.family(0, a) == Approx(family_score(counts, 2)).epsilon(1e-13));
  // b alone: 10 complete cells (5 y... counted by hand: y = 3+2+1 = 6, n = 1+2+1 = 4).
  const Eigen::ArrayXd alone = (Eigen::ArrayXd(2) << 6, 4).finished();
  CHECK(score.family(0, {}) == Approx(family_score(alone, 2)).epsilon(1e-13));
}

TEST_CASE("family_on_rows scores a family on the rows another column also needs", "[learning][structure_score]") {
  dataset data = table_as_data();
  const dataset::cell extra[][2] = {{dataset::missing, 0}, {1, dataset::missing}, {0, 1}};
  for (const auto& r : extra) data.append_row(r);
  structure_score score(data);
  const Eigen::Index a[] = {1};
  // b alone on the rows where a is observed too: the rows complete on (b, a), y = 3+2+1, n = 1+2.
  const Eigen::ArrayXd common = (Eigen::ArrayXd(2) << 6, 3).finished();
  CHECK(score.family_on_rows(0, {}, a) == Approx(family_score(common, 2)).epsilon(1e-13));
  CHECK(score.family_on_rows(0, {}, a) != Approx(score.family(0, {})));  // 9 rows, not 10
  // A family column in `also` changes nothing.
  CHECK(score.family_on_rows(0, a, a) == score.family(0, a));
  const Eigen::Index bad[] = {7};
  REQUIRE_THROWS_AS(score.family_on_rows(0, {}, bad), lookup_error);
  // Without missing cells it is family().
  const dataset full = table_as_data();
  structure_score complete(full);
  CHECK(complete.family_on_rows(0, {}, a) == complete.family(0, {}));
  // Larger, with merged records: the same as scoring the rows where the mask columns are observed.
  const network net = test::random_network(6, 11, 3);
  const dataset holes = sample(net, 3000, {.seed = 5, .missing_rate = 0.1});
  structure_score on_all(holes);
  const Eigen::Index parents[] = {1, 3};
  const Eigen::Index mask[] = {2, 4};
  std::vector<Eigen::Index> rows;
  for (Eigen::Index r = 0; r < holes.rows(); ++r)
    if (!holes.is_missing(r, 2) && !holes.is_missing(r, 4)) rows.push_back(r);
  const dataset kept = holes.select_rows(rows);
  structure_score on_kept(kept);
  CHECK(on_all.family_on_rows(0, parents, mask) == Approx(on_kept.family(0, parents)).epsilon(1e-12));
  CHECK(on_all.family_on_rows(5, {}, mask) == Approx(on_kept.family(5, {})).epsilon(1e-12));
}

TEST_CASE("bad families are reported by name", "[learning][structure_score]") {
  const dataset data = table_as_data();
  structure_score score(data);
  const Eigen::Index self[] = {0};
  REQUIRE_THROWS_WITH(score.family(0, self), Catch::Contains("'b' cannot be its own parent"));
  const Eigen::Index twice[] = {1, 1};
  REQUIRE_THROWS_WITH(score.family(0, twice), Catch::Contains("parent 'a' of 'b' appears twice"));
  REQUIRE_THROWS_AS(score.family(5, {}), lookup_error);
  const parent_lists wrong(3);
  REQUIRE_THROWS_AS(score.total(wrong), model_error);
}

TEST_CASE("merged identical records give the scores of the records", "[learning][structure_score]") {
  const network net = test::random_network(5, 9, 2);
  const dataset once = sample(net, 400, {.seed = 3});
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> states;
  for (Eigen::Index c = 0; c < once.columns(); ++c) {
    names.push_back(once.name(c));
    states.push_back(once.states(c));
  }
  dataset data(names, states);
  std::vector<dataset::cell> row(static_cast<std::size_t>(once.columns()));
  for (int copy = 0; copy < 5; ++copy)  // 2,000 records, at most 400 distinct: merged
    for (Eigen::Index r = 0; r < once.rows(); ++r) {
      for (Eigen::Index c = 0; c < once.columns(); ++c) row[static_cast<std::size_t>(c)] = once.at(r, c);
      if (copy == 4 && r % 7 == 0) row[2] = dataset::missing;  // some missing cells too
      data.append_row(row);
    }
  const std::vector<Eigen::Index> wide{0, 1, 2, 3, 4, 5, 6, 7};  // sparse table
  const std::vector<Eigen::Index> narrow{2, 5};                  // dense table
  for (const auto kind : {structure_score_kind::bic, structure_score_kind::k2}) {
    structure_score score(data, {.kind = kind});
    for (const auto* parents : {&wide, &narrow}) {
      const Eigen::ArrayXd counts = family_counts(data, 8, *parents);
      CHECK(score.family(8, *parents) == Approx(family_score(counts, data.cardinality(8), score.options())).epsilon(1e-12));
    }
  }
}

}  // namespace structure_score_test
