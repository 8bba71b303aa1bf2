// SPDX-License-Identifier: MIT
#include "pitchrisk/io/csv.hpp"

#include "support/networks.hpp"
#include "support/shared_data.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace csv_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

namespace {

/// The parse_error that reading `text` against asia gives (fails the test if none).
parse_error asia_error(const std::string& text) {
  try {
    (void)io::read_csv_string(text, test::asia(), "bad.csv");
  } catch (const parse_error& e) {
    return e;
  }
  FAIL("no parse_error for:\n" << text);
  return parse_error("", 0, 0, "");
}

}  // namespace

TEST_CASE("CSV cells are state names matched to the network's variables by name", "[io][csv]") {
  const network net = test::asia();
  const std::string text =
      "smoke,xray,\"dysp\"\n"
      "yes,no,yes\n"
      "no,,NA\n"
      "\"no\",?,\"yes\"\r\n"
      "\n"
      " yes , yes ,no\n";
  const dataset d = io::read_csv_string(text, net);
  REQUIRE(d.columns() == net.size());
  REQUIRE(d.rows() == 4);
  const auto smoke = net.id("smoke"), xray = net.id("xray"), dysp = net.id("dysp");
  CHECK(d.at(0, smoke) == 0);
  CHECK(d.at(0, xray) == 1);
  CHECK(d.at(1, smoke) == 1);
  CHECK(d.is_missing(1, xray));
  CHECK(d.is_missing(1, dysp));
  CHECK(d.at(2, smoke) == 1);
  CHECK(d.is_missing(2, xray));
  CHECK(d.at(3, xray) == 0);  // blanks around unquoted cells are trimmed
  CHECK(d.at(3, dysp) == 1);
  for (Eigen::Index r = 0; r < 4; ++r) CHECK(d.is_missing(r, net.id("tub")));  // no column: all missing
}

TEST_CASE("RFC 4180 quoting: delimiters, doubled quotes and line breaks inside quoted cells", "[io][csv]") {
  const std::string text = "name,\"a \"\"quoted\"\" col\"\n\"x,1\",\"line\nbreak\"\n\"\",b\n";
  const dataset d = io::read_csv_string(text);
  REQUIRE(d.rows() == 2);
  CHECK(d.name(0) == "name");
  CHECK(d.name(1) == "a \"quoted\" col");
  CHECK(d.states(0)[0] == "x,1");
  CHECK(d.states(1)[0] == "line\nbreak");
  CHECK(d.is_missing(1, 0));  // a quoted empty cell is missing
  CHECK(d.states(1)[1] == "b");
  const std::string nl = "a,b\nx,\"1\n2\"\ny,z,w\n";
  const parse_error e = [&] {
    try {
      (void)io::read_csv_string(nl, "q.csv");
    } catch (const parse_error& err) {
      return err;
    }
    return parse_error("", 0, 0, "none");
  }();
  CHECK(e.line() == 4);  // the quoted line break counts
  CHECK(e.column() == 3);
}

TEST_CASE("writing then reading gives the same data set", "[io][csv]") {
  dataset d({"plain", "odd, \"name\"", "na"}, {{"a", "b"}, {"x y", " padded", "multi\nline"}, {"NA", "?", "ok"}});
  std::mt19937_64 rng(3);
  for (int r = 0; r < 200; ++r) {
    const std::vector<dataset::cell> row{static_cast<dataset::cell>(rng() % 3 == 0 ? dataset::missing : rng() % 2),
                                         static_cast<dataset::cell>(rng() % 4 == 0 ? dataset::missing : rng() % 3),
                                         static_cast<dataset::cell>(rng() % 4 == 0 ? dataset::missing : rng() % 3)};
    d.append_row(row);
  }
  const std::string text = io::to_csv_string(d);
  // The state "NA" is written quoted, so it is read back as a state, not as missing.
  CHECK(text.find("\"NA\"") != std::string::npos);
  const dataset again = io::read_csv_string(text, "round.csv");
  REQUIRE(again.rows() == d.rows());
  REQUIRE(again.columns() == d.columns());
  for (Eigen::Index c = 0; c < d.columns(); ++c) {
    CHECK(again.name(c) == d.name(c));
    for (Eigen::Index r = 0; r < d.rows(); ++r) {
      const dataset::cell x = d.at(r, c), y = again.at(r, c);
      if (x == dataset::missing) {
        CHECK(y == dataset::missing);
      } else {
        REQUIRE(y != dataset::missing);
        CHECK(again.states(c)[y] == d.states(c)[x]);
      }
    }
  }
  // Against a network, the same text maps to the same indices; one-column data keeps
  // missing records.
  dataset one({"x"}, {{"u", "v"}});
  one.append_row(std::vector<dataset::cell>{dataset::missing});
  one.append_row(std::vector<dataset::cell>{1});
  const dataset one_again = io::read_csv_string(io::to_csv_string(one), "one.csv");
  REQUIRE(one_again.rows() == 2);
  CHECK(one_again.is_missing(0, 0));
}

TEST_CASE("bad CSV gives a parse_error naming file, line, column and the fault", "[io][csv]") {
  struct bad {
    std::string text;
    std::size_t line, column;
    std::string fragment;
  };
  const bad cases[] = {
      {"", 1, 0, "empty file"},
      {"\n\n", 1, 0, "empty file"},
      {"smoke,xray\nyes,maybe\n", 2, 2, "unknown state 'maybe' of variable 'xray' (states: yes, no)"},
      {"smoke,xray\nyes\n", 2, 1, "a row of 1 cells, expected 2"},
      {"smoke,xray\nyes,no,no\n", 2, 3, "more cells than the header's 2"},
      {"smoke,weather\nyes,sunny\n", 1, 2, "unknown variable 'weather'"},
      {"smoke,xray,smoke\n", 1, 3, "duplicate header: variable 'smoke' is also column 1"},
      {"smoke,,xray\n", 1, 2, "empty variable name"},
      {"smoke,xray\nyes,\"no\n", 2, 2, "unterminated quoted cell"},
      {"smoke,xray\nyes,n\"o\n", 2, 2, "a quote inside an unquoted cell"},
      {"smoke,xray\nyes,\"no\"x\n", 2, 2, "after a closing quote"},
      {"smoke,xray\nyes,\xC3(\n", 2, 2, "invalid UTF-8"},
      {"smoke,x\xFFray\n", 1, 2, "invalid UTF-8"},
  };
  for (const bad& b : cases) {
    INFO(b.text);
    const parse_error e = asia_error(b.text);
    CHECK_THAT(e.what(), Catch::Contains(b.fragment));
    CHECK_THAT(e.what(), Catch::Contains("bad.csv"));
    CHECK(e.line() == b.line);
    CHECK(e.column() == b.column);
  }
  io::csv_options lenient;
  lenient.ignore_unknown_columns = true;
  const dataset d = io::read_csv_string("smoke,weather\nyes,sunny\n", test::asia(), "ok.csv", lenient);
  CHECK(d.rows() == 1);
  CHECK(d.at(0, test::asia().id("smoke")) == 0);
  const std::string huge = "a\n" + std::string(100000, 'x') + "\n";
  CHECK_THROWS_WITH(io::read_csv_string(huge), Catch::Contains("longer than 65536 bytes"));
  std::string many = "a\n";
  for (int i = 0; i < 256; ++i) many += "v" + std::to_string(i) + "\n";
  CHECK_THROWS_WITH(io::read_csv_string(many), Catch::Contains("more than 255 distinct values"));
  CHECK_THROWS_AS(io::read_csv(std::filesystem::path("/no/such/file.csv")), io_error);
}

TEST_CASE("other delimiters, custom missing tokens and a byte-order mark", "[io][csv]") {
  io::csv_options o;
  o.delimiter = ';';
  o.missing_tokens = {"", "N/A"};
  const dataset d = io::read_csv_string("\xEF\xBB\xBF" "a;b\nx;N/A\n?;y\n", "semi.csv", o);
  REQUIRE(d.rows() == 2);
  CHECK(d.name(0) == "a");
  CHECK(d.is_missing(0, 1));
  CHECK(d.states(0)[1] == "?");  // '?' is a state when it is not a missing token
  io::csv_options tab;
  tab.delimiter = '\t';
  const dataset t = io::read_csv_string("a\tb\n x \t\"y\"\n", "tab.csv", tab);
  CHECK(t.states(0)[0] == "x");
  CHECK(io::to_csv_string(t, tab) == "a\tb\nx\ty\n");
}

TEST_CASE("a large file is read in one pass at about one byte per cell", "[io][csv]") {
  const network net = test::asia();
  const auto path = std::filesystem::temp_directory_path() / "pitchrisk_csv_test_large.csv";
  const Eigen::Index rows = 200000;
  {
    std::ofstream out(path, std::ios::binary);
    for (const variable_id v : net.variables()) out << (v ? "," : "") << net.variable(v).name;
    out << '\n';
    std::mt19937_64 rng(1);
    std::string line;
    for (Eigen::Index r = 0; r < rows; ++r) {
      line.clear();
      for (const variable_id v : net.variables()) {
        if (v) line += ',';
        const auto x = rng() % 5;
        line += x == 4 ? "" : (x % 2 ? "no" : "yes");
      }
      line += '\n';
      out << line;
    }
  }
  const dataset d = io::read_csv(path, net);
  std::filesystem::remove(path);
  CHECK(d.rows() == rows);
  const double cells = static_cast<double>(rows * net.size());
  CHECK(static_cast<double>(d.cell_bytes()) >= cells);
  CHECK(static_cast<double>(d.cell_bytes()) <= 1.1 * cells);  // reserved from the file size, not doubled
  CHECK(static_cast<double>(d.missing_cells()) == Approx(cells / 5).epsilon(0.02));
}

TEST_CASE("third-party CSV files load or give a typed error", "[io][csv]") {
  if (!test::have_shared_data()) {
    WARN("no shared data: skipped");
    return;
  }
  const auto dir = test::shared_dir() / "formats-corpus" / "csv";
  if (!std::filesystem::is_directory(dir)) {
    WARN("no formats-corpus/csv: skipped");
    return;
  }
  const dataset alarm = io::read_csv(dir / "agrum_alarm.csv");
  CHECK(alarm.columns() == 37);
  CHECK(alarm.rows() == 10000);
  CHECK_FALSE(alarm.has_missing());
  const dataset asia = io::read_csv(dir / "agrum_asia.csv");
  CHECK(asia.columns() == 8);
  CHECK(asia.rows() == 10000);
  io::csv_options na;
  na.missing_tokens.push_back("N/A");
  const dataset asia_missing = io::read_csv(dir / "agrum_asia_missing.csv", na);
  CHECK(asia_missing.rows() == 20);
  CHECK(asia_missing.has_missing());
  const dataset db = io::read_csv(dir / "agrum_database_missingvalue.csv");
  CHECK(db.name(0) == "a");
  CHECK(db.rows() == 9);
  CHECK(db.missing_cells() == 5);
  CHECK(db.state_of(0, "toto") >= 0);
  // Against a network whose states are 0/1, "toto" is an unknown state, named with its place.
  network_builder b("binary");
  for (const char* v : {"a", "b", "c", "d", "e", "f"}) {
    b.add_variable(v, {"0", "1"});
    b.set_cpt(v, {}, {0.5, 0.5});
  }
  try {
    (void)io::read_csv(dir / "agrum_database_missingvalue.csv", b.build());
    FAIL("no error");
  } catch (const parse_error& e) {
    CHECK(e.line() == 4);
    CHECK(e.column() == 1);
    CHECK_THAT(e.what(), Catch::Contains("unknown state 'toto'"));
  }
  // CaMML's .cas format is not CSV: it either loads as one text column or is refused, typed.
  try {
    (void)io::read_csv(dir / "camml_AsiaCases.1000.cas");
  } catch (const pitchrisk::error&) {
  }
}

}  // namespace csv_test
