// SPDX-License-Identifier: MIT
#include "pitchrisk/learning/dataset.hpp"

#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <vector>

namespace dataset_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using cells = std::vector<dataset::cell>;

TEST_CASE("a dataset stores records column-major, one byte per cell", "[learning][dataset]") {
  dataset d({"a", "b"}, {{"x", "y"}, {"p", "q", "r"}});
  CHECK(d.rows() == 0);
  CHECK(d.columns() == 2);
  CHECK(d.cardinality(1) == 3);
  CHECK(d.column_of("b") == 1);
  CHECK(d.column_of("zz") == -1);
  CHECK(d.state_of(1, "r") == 2);
  CHECK(d.state_of(1, "x") == -1);
  d.reserve(3);
  d.append_row(cells{0, 2});
  d.append_row(cells{1, dataset::missing});
  d.append_row(cells{1, 0});
  CHECK(d.rows() == 3);
  CHECK(d.at(1, 0) == 1);
  CHECK(d.is_missing(1, 1));
  CHECK(d.has_missing());
  CHECK(d.missing_cells() == 1);
  const auto col = d.column(1);
  REQUIRE(col.size() == 3);
  CHECK(col[0] == 2);
  CHECK(col[2] == 0);
  CHECK(d.cell_bytes() >= 6);
  CHECK(d.cell_bytes() < 6 + 64);
  d.set(1, 1, 1);
  CHECK_FALSE(d.has_missing());
  const std::vector<Eigen::Index> pick{2, 0};
  const dataset s = d.select_rows(pick);
  CHECK(s.rows() == 2);
  CHECK(s.at(0, 0) == 1);
  CHECK(s.at(1, 1) == 2);
}

TEST_CASE("dataset construction rejects bad columns, naming them", "[learning][dataset]") {
  using names = std::vector<std::string>;
  using states = std::vector<std::vector<std::string>>;
  CHECK_THROWS_WITH(dataset(names{"a", "a"}, states{{"x"}, {"y"}}), Catch::Contains("'a' appears twice"));
  CHECK_THROWS_WITH(dataset(names{"a"}, states{{}}), Catch::Contains("'a' has no states"));
  CHECK_THROWS_WITH(dataset(names{"a"}, states{{"x", "x"}}), Catch::Contains("state 'x' twice"));
  CHECK_THROWS_AS(dataset(names{"a", "b"}, states{{"x"}}), model_error);
  std::vector<std::string> many;
  for (int i = 0; i < 256; ++i) many.push_back("s" + std::to_string(i));
  CHECK_THROWS_WITH(dataset(names{"big"}, states{many}), Catch::Contains("256 states"));
  many.pop_back();
  CHECK_NOTHROW(dataset(names{"ok"}, states{many}));
}

TEST_CASE("append_row checks the record's size and values", "[learning][dataset]") {
  dataset d({"a", "b"}, {{"x", "y"}, {"p", "q", "r"}});
  const cells short_row{0};
  CHECK_THROWS_WITH(d.append_row(short_row), Catch::Contains("1 cells, expected 2"));
  const cells bad{0, 3};
  CHECK_THROWS_WITH(d.append_row(bad), Catch::Contains("column 'b'"));
  CHECK(d.rows() == 0);
  CHECK_THROWS_AS(d.at(0, 0), lookup_error);
  CHECK_THROWS_AS(d.name(2), lookup_error);
}

TEST_CASE("a dataset for a network has its variables as columns and aligns other data", "[learning][dataset]") {
  const network net = test::asia();
  const dataset d = dataset::for_network(net);
  REQUIRE(d.columns() == net.size());
  for (const variable_id v : net.variables()) {
    CHECK(d.name(v) == net.variable(v).name);
    CHECK(d.states(v) == net.variable(v).states);
  }
  // Data with two of asia's columns in another order and one extra column.
  dataset part({"xray", "extra", "smoke"}, {{"yes", "no"}, {"u"}, {"yes", "no"}});
  part.append_row(cells{1, 0, 0});
  const auto cols = match_columns(part, net);
  CHECK(cols[static_cast<std::size_t>(net.id("xray"))] == 0);
  CHECK(cols[static_cast<std::size_t>(net.id("smoke"))] == 2);
  CHECK(cols[static_cast<std::size_t>(net.id("tub"))] == -1);
  CHECK_THROWS_WITH(match_columns(part, net, false), Catch::Contains("'extra'"));
  const dataset aligned = align_to_network(part, net);
  CHECK(aligned.rows() == 1);
  CHECK(aligned.at(0, net.id("xray")) == 1);
  CHECK(aligned.at(0, net.id("smoke")) == 0);
  CHECK(aligned.is_missing(0, net.id("asia")));
  CHECK(aligned.missing_cells() == 6);
  dataset wrong({"xray"}, {{"no", "yes"}});
  CHECK_THROWS_WITH(match_columns(wrong, net), Catch::Contains("column 'xray' has states (no, yes)"));
}

}  // namespace dataset_test
