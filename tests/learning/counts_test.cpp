// SPDX-License-Identifier: MIT
#include "pitchrisk/learning/counts.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <vector>

namespace counts_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using cells = std::vector<dataset::cell>;

TEST_CASE("family counts: child fastest, then the parents in the order given", "[learning][counts]") {
  dataset d({"c", "p", "q"}, {{"c0", "c1"}, {"p0", "p1", "p2"}, {"q0", "q1"}});
  d.append_row(cells{0, 0, 0});
  d.append_row(cells{1, 2, 1});
  d.append_row(cells{1, 2, 1});
  d.append_row(cells{0, 1, 0});
  d.append_row(cells{dataset::missing, 1, 0});  // skipped: the child is missing
  d.append_row(cells{1, 1, dataset::missing});  // skipped for families with q only
  const std::vector<Eigen::Index> pq{1, 2};
  const Eigen::ArrayXd n = family_counts(d, 0, pq);
  REQUIRE(n.size() == 12);
  // index = c + 2 p + 6 q
  CHECK(n[0] == 1);               // c0 p0 q0
  CHECK(n[1 + 2 * 2 + 6 * 1] == 2);  // c1 p2 q1
  CHECK(n[0 + 2 * 1] == 1);       // c0 p1 q0
  CHECK(n.sum() == 4);
  const std::vector<Eigen::Index> p{1};
  const Eigen::ArrayXd m = family_counts(d, 0, p);
  CHECK(m.sum() == 5);
  CHECK(m[1 + 2 * 1] == 1);  // the last row counts here
  const std::vector<Eigen::Index> none;
  const Eigen::ArrayXd root = family_counts(d, 0, none);
  CHECK(root[0] == 2);
  CHECK(root[1] == 3);
  const Eigen::ArrayXd part = family_counts(d, 0, none, 1, 3);
  CHECK(part[0] == 0);
  CHECK(part[1] == 2);
}

TEST_CASE("family counts match a direct tally on random data", "[learning][counts]") {
  std::mt19937_64 rng(7);
  dataset d({"a", "b", "c"}, {{"0", "1", "2"}, {"0", "1"}, {"0", "1", "2", "3"}});
  std::uniform_int_distribution<int> u(0, 99);
  std::vector<cells> rows;
  for (int r = 0; r < 500; ++r) {
    cells row{static_cast<dataset::cell>(u(rng) % 3), static_cast<dataset::cell>(u(rng) % 2),
              static_cast<dataset::cell>(u(rng) % 4)};
    for (auto& x : row)
      if (u(rng) < 10) x = dataset::missing;
    d.append_row(row);
    rows.push_back(row);
  }
  const std::vector<Eigen::Index> parents{2, 0};
  const Eigen::ArrayXd n = family_counts(d, 1, parents);
  Eigen::ArrayXd expected = Eigen::ArrayXd::Zero(2 * 4 * 3);
  for (const auto& row : rows)
    if (row[0] != dataset::missing && row[1] != dataset::missing && row[2] != dataset::missing)
      expected[row[1] + 2 * row[2] + 8 * row[0]] += 1;
  CHECK((n == expected).all());
}

TEST_CASE("family counts reject bad columns", "[learning][counts]") {
  dataset d({"a", "b"}, {{"0", "1"}, {"0", "1"}});
  const std::vector<Eigen::Index> twice{0};
  CHECK_THROWS_WITH(family_counts(d, 0, twice), Catch::Contains("'a' appears twice"));
  const std::vector<Eigen::Index> out{5};
  CHECK_THROWS_AS(family_counts(d, 0, out), lookup_error);
  const std::vector<Eigen::Index> ok{1};
  CHECK_THROWS_AS(family_counts(d, 0, ok, 0, 1), lookup_error);
}

}  // namespace counts_test
