// SPDX-License-Identifier: MIT
// Malformed BIF input: every fault gives a typed error (parse_error with file, line and
// column; model_error or size_error for model-level faults) whose message names the place
// and the fault. One case per diagnostic, plus truncation and byte-mutation sweeps showing
// that nothing but pitchrisk::error escapes the reader.
#include "pitchrisk/io/bif.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace bif_malformed_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

/// The exception of type E that reading `text` as "bad.bif" throws (other types escape and
/// fail the test; no exception fails it too).
template <class E>
E thrown(const std::string& text, const io::bif_options& options = {}) {
  try {
    (void)io::read_bif_string(text, "bad.bif", options);
  } catch (const E& e) {
    return e;
  }
  FAIL("reading did not throw; text:\n" << text);
  throw;  // unreachable: FAIL throws
}

struct parse_case {
  const char* fault;
  std::string text;
  std::size_t line;
  std::size_t column;
  const char* fragment;
};

const std::string header = "network n {\n}\n";                                     // lines 1-2
const std::string var_a = "variable a {\n  type discrete [ 2 ] { yes, no };\n}\n";  // 3 lines
const std::string var_b = "variable b {\n  type discrete [ 2 ] { yes, no };\n}\n";  // 3 lines
const std::string prob_a = "probability ( a ) {\n  table 0.5, 0.5;\n}\n";           // 3 lines
const std::string two = header + var_a + var_b + prob_a;                             // 11 lines

const std::vector<parse_case> parse_cases = {
    {"empty file", "", 1, 1, "empty file"},
    {"no network block", var_a, 1, 1, "expected 'network' at the start of a BIF file, got 'variable'"},
    {"unexpected token between blocks", header + "varible a {\n", 3, 1,
     "expected 'variable', 'probability' or end of file, got 'varible'"},
    {"second network block", header + "network m {\n}\n", 3, 1, "a second 'network' block"},
    {"unterminated block comment", header + "/* never closed\n", 3, 1, "unterminated comment"},
    {"unterminated quote", header + "variable \"a {\n", 3, 10, "unterminated quoted string"},
    {"unterminated property", header + "property \"x\" = 1\n", 3, 1, "without its closing ';'"},
    {"missing ';' after the state list", header + "variable a {\n  type discrete [ 2 ] { yes, no }\n}\n", 5, 1,
     "expected ';' after the state list of variable 'a', got '}'"},
    {"missing ';' after a table", header + var_a + "probability ( a ) {\n  table 0.5, 0.5\n}\n", 8, 1,
     "expected a number or ';' in the table of 'a', got '}'"},
    {"unknown keyword in a variable block", header + "variable a {\n  typo discrete [ 2 ] { yes, no };\n}\n", 4, 3,
     "expected 'type', 'property' or '}' in the block of variable 'a', got 'typo'"},
    {"variable without a type", header + "variable a {\n}\n" + prob_a, 3, 10,
     "variable 'a' has no 'type discrete [ n ] { ... };' declaration"},
    {"unsupported variable type", header + "variable a {\n  type continuous;\n}\n", 4, 8,
     "type 'continuous' is not supported"},
    {"state count not a whole number", header + "variable a {\n  type discrete [ 2.5 ] { yes, no };\n}\n", 4, 19,
     "state count '2.5' is not a whole number"},
    {"zero states", header + "variable a {\n  type discrete [ 0 ] { };\n}\n", 4, 19, "declares 0 states"},
    {"fewer states than declared", header + "variable a {\n  type discrete [ 3 ] { yes, no };\n}\n", 4, 19,
     "variable 'a' declares 3 states but lists 2"},
    {"more states than declared", header + "variable a {\n  type discrete [ 2 ] { yes, no, maybe };\n}\n", 4, 34,
     "variable 'a' lists more states than the 2 it declares"},
    {"duplicate state", header + "variable a {\n  type discrete [ 2 ] { yes, yes };\n}\n" + prob_a, 3, 10,
     "variable 'a' lists state 'yes' twice"},
    {"state name split before a detached '%'",
     header + "variable a {\n  type discrete [ 2 ] { 0_01_ %, 0_5_ % };\n}\n" + prob_a, 4, 31,
     "variable 'a': state '%' follows state '0_01_' without a comma (a state name split by a blank? write "
     "'0_01_%' or separate the states with ',')"},
    {"noisy-MAX block over two parents",
     two + "variable c {\n  type discrete [ 2 ] { yes, no };\n}\nprobability ( b ) {\n  table 0.5, 0.5;\n}\n" +
         "probability ( c | a, b ) {\n  property function max;\n  (no, no) 0.9, 0.1;\n  (yes, no) 0.2, 0.8;\n"
         "  (no, yes) 0.4, 0.6;\n}\n",
     19, 3,
     "the probability block of 'c' is a noisy-MAX block (property function max: a leak row and one row per "
     "parent, not one per parent configuration), which the BIF reader does not support"},
    {"empty quoted name", header + "variable \"\" {\n", 3, 10, "empty quoted name"},
    {"duplicate variable", header + var_a + var_a + prob_a, 6, 10, "variable 'a' is declared twice (first at line 3)"},
    {"duplicate probability block", header + var_a + prob_a + prob_a, 9, 15,
     "second probability block for 'a' (first at line 6)"},
    {"probability block for an unknown variable", two + "probability ( z ) {\n  table 0.5, 0.5;\n}\n", 12, 15,
     "probability block for 'z', which is not a declared variable"},
    {"variable without a probability block", two, 6, 10, "variable 'b' has no probability block"},
    {"unknown parent", two + "probability ( b | z ) {\n  (yes) 0.5, 0.5;\n}\n", 12, 19,
     "parent 'z' in the probability block of 'b' is not a declared variable"},
    {"parent listed twice", two + "probability ( b | a, a ) {\n  table 0.5, 0.5;\n}\n", 12, 22,
     "parent 'a' is listed twice"},
    {"own parent", two + "probability ( b | b ) {\n  table 0.5, 0.5;\n}\n", 12, 19,
     "variable 'b' is listed as its own parent"},
    {"'|' twice", two + "probability ( b | a | a ) {\n", 12, 21, "unexpected '|' in the header"},
    {"unknown state label", two + "probability ( b | a ) {\n  (maybe) 0.5, 0.5;\n  (no) 0.5, 0.5;\n}\n", 13, 4,
     "'maybe' is not a state of parent 'a' (states: yes, no)"},
    {"wildcard label", two + "probability ( b | a ) {\n  (*) 0.5, 0.5;\n}\n", 13, 4, "'*' wildcard is not supported"},
    {"too many labels", two + "probability ( b | a ) {\n  (yes, no) 0.5, 0.5;\n}\n", 13, 3,
     "has 2 label(s), expected 1 (one state per parent)"},
    {"too few values in a row", two + "probability ( b | a ) {\n  (yes) 0.5;\n  (no) 0.5, 0.5;\n}\n", 13, 3,
     "row (yes) of the probability block of 'b' has 1 values, expected 2"},
    {"too many values in a row", two + "probability ( b | a ) {\n  (yes) 0.5, 0.3, 0.2;\n  (no) 0.5, 0.5;\n}\n", 13,
     3, "has 3 values, expected 2"},
    {"duplicate row", two + "probability ( b | a ) {\n  (yes) 0.5, 0.5;\n  (no) 0.5, 0.5;\n  (yes) 0.1, 0.9;\n}\n",
     15, 3, "row (yes) of the probability block of 'b' appears twice (first at line 13)"},
    {"missing row without default", two + "probability ( b | a ) {\n  (yes) 0.5, 0.5;\n}\n", 12, 1,
     "has no row for a=no and no 'default' line"},
    {"default of the wrong length", two + "probability ( b | a ) {\n  default 0.5, 0.25, 0.25;\n}\n", 13, 3,
     "the default line of 'b' has 3 values, expected 2"},
    {"second default", two + "probability ( b | a ) {\n  default 0.5, 0.5;\n  default 0.5, 0.5;\n}\n", 14, 3,
     "has a second 'default' line"},
    {"table of the wrong length", two + "probability ( b | a ) {\n  table 0.5, 0.5, 0.5;\n}\n", 13, 3,
     "the table of 'b' has 3 values, expected 4 (2 states x 2 parent configurations)"},
    {"second table", header + var_a + "probability ( a ) {\n  table 0.5, 0.5;\n  table 0.5, 0.5;\n}\n", 8, 3,
     "has a second 'table'"},
    {"table mixed with rows", two + "probability ( b | a ) {\n  (yes) 0.5, 0.5;\n  table 0.5, 0.5, 0.5, 0.5;\n}\n", 14,
     3, "mixes 'table' with rows or 'default'"},
    {"empty probability block", header + var_a + "probability ( a ) {\n}\n", 6, 1,
     "has no 'table', rows or 'default' line"},
    {"unexpected token in a probability block", header + var_a + "probability ( a ) {\n  tabel 0.5, 0.5;\n}\n", 7, 3,
     "expected 'table', 'default', a row '( ... )', 'property' or '}' in the probability block of 'a', got 'tabel'"},
    {"NaN", header + var_a + "probability ( a ) {\n  table nan, 0.5;\n}\n", 7, 9, "value 'nan' is NaN"},
    {"infinity", header + var_a + "probability ( a ) {\n  table inf, 0.5;\n}\n", 7, 9, "value 'inf' is infinite"},
    {"negative", header + var_a + "probability ( a ) {\n  table -0.5, 1.5;\n}\n", 7, 9, "value '-0.5' is negative"},
    {"greater than 1", header + var_a + "probability ( a ) {\n  table 1.5, 0.5;\n}\n", 7, 9,
     "value '1.5' is greater than 1"},
    {"hexadecimal", header + var_a + "probability ( a ) {\n  table 0x1p-1, 0.5;\n}\n", 7, 9,
     "value '0x1p-1' is hexadecimal"},
    {"out of range", header + var_a + "probability ( a ) {\n  table 1e-400, 1.0;\n}\n", 7, 9,
     "value '1e-400' is out of range"},
    {"trailing junk", header + var_a + "probability ( a ) {\n  table 0.5x, 0.5;\n}\n", 7, 9,
     "value '0.5x' has trailing characters"},
    {"two signs", header + var_a + "probability ( a ) {\n  table ++0.5, 0.5;\n}\n", 7, 9,
     "value '++0.5' has more than one sign"},
    {"a word for a number", header + var_a + "probability ( a ) {\n  table half, 0.5;\n}\n", 7, 9,
     "value 'half' is not a number"},
    {"a quoted number", header + var_a + "probability ( a ) {\n  table \"0.5\", 0.5;\n}\n", 7, 9,
     "expected a number or ';' in the table of 'a', got \"0.5\""},
    {"NUL byte", header + var_a + std::string("probability ( a ) {\n  table 0.5,\0 0.5;\n}\n", 38), 7, 13, "NUL byte"},
    {"truncated inside a block", header + var_a + "probability ( a ) {\n  table 0.5, 0.5;\n", 8, 1,
     "unexpected end of file inside the probability block of 'a' (missing '}')"},
    {"truncated inside a table", header + var_a + "probability ( a ) {\n  table 0.5, 0.5", 7, 17,
     "expected a number or ';' in the table of 'a', got end of file"},
    {"truncated inside a header", header + var_a + "probability ( a ", 6, 17,
     "expected a parent name or ')' in the header of the probability block of 'a', got end of file"},
};

}  // namespace

TEST_CASE("each kind of malformed BIF text is a parse_error naming place and fault", "[io][bif]") {
  const parse_case c = GENERATE(from_range(parse_cases));
  INFO("case: " << c.fault);
  const parse_error e = thrown<parse_error>(c.text);
  CHECK(e.file() == "bad.bif");
  CHECK(e.line() == c.line);
  CHECK(e.column() == c.column);
  CHECK_THAT(e.what(), StartsWith("bad.bif:" + std::to_string(c.line) + ":" + std::to_string(c.column) + ": "));
  CHECK_THAT(e.what(), Contains(c.fragment));
}

TEST_CASE("model faults found by the builder are model_errors naming the file and block line", "[io][bif]") {
  SECTION("a cycle") {
    const std::string cycle = two.substr(0, two.size() - prob_a.size()) +
                              "probability ( a | b ) {\n  (yes) 0.5, 0.5;\n  (no) 0.5, 0.5;\n}\n"
                              "probability ( b | a ) {\n  (yes) 0.5, 0.5;\n  (no) 0.5, 0.5;\n}\n";
    const model_error e = thrown<model_error>(cycle);
    CHECK_THAT(e.what(), StartsWith("bad.bif: "));
    CHECK_THAT(e.what(), Contains("cycle") && Contains("a") && Contains("b"));
  }
  SECTION("a column that does not sum to 1") {
    const std::string off = two + "probability ( b | a ) {\n  (yes) 0.5, 0.5;\n  (no) 0.6, 0.6;\n}\n";
    const model_error e = thrown<model_error>(off);
    CHECK_THAT(e.what(), StartsWith("bad.bif:12: cpt 'b'"));
    CHECK_THAT(e.what(), Contains("column a=no sums to 1.2"));
  }
}

TEST_CASE("declared sizes are checked before anything is allocated", "[io][bif]") {
  SECTION("four billion states") {
    const size_error e = thrown<size_error>(header + "variable a {\n  type discrete [ 4000000000 ] { yes, no };\n}\n");
    CHECK_THAT(e.what(), StartsWith("bad.bif:4:19: variable 'a' declares 4000000000 states"));
    CHECK_THAT(e.what(), Contains("over the limit"));
    CHECK(e.needed_entries() == 4e9);
  }
  SECTION("a state count beyond 64 bits") {
    const size_error e =
        thrown<size_error>(header + "variable a {\n  type discrete [ 99999999999999999999999 ] { yes, no };\n}\n");
    CHECK_THAT(e.what(), Contains("declares 99999999999999999999999 states"));
  }
  SECTION("parents whose product overflows 64 bits") {
    // 21 variables of 16 states; the last has the other 20 as parents: 16^21 = 2^84 entries.
    std::string text = header;
    std::string states;
    for (int s = 0; s < 16; ++s) states += (s ? ", s" : "s") + std::to_string(s);
    std::string uniform;
    for (int s = 0; s < 16; ++s) uniform += (s ? ", " : "") + std::string("0.0625");
    for (int v = 0; v <= 20; ++v)
      text += "variable v" + std::to_string(v) + " {\n  type discrete [ 16 ] { " + states + " };\n}\n";
    for (int v = 0; v < 20; ++v) text += "probability ( v" + std::to_string(v) + " ) {\n  table " + uniform + ";\n}\n";
    const std::size_t line = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    text += "probability ( v20 | v0";
    for (int v = 1; v < 20; ++v) text += ", v" + std::to_string(v);
    text += " ) {\n  default " + uniform + ";\n}\n";
    const size_error e = thrown<size_error>(text);
    CHECK_THAT(e.what(), StartsWith("bad.bif:" + std::to_string(line) + ":1: cpt 'v20'"));
    CHECK(e.needed_entries() == Approx(std::pow(16.0, 21)));
  }
  SECTION("a table over the configured limit") {
    io::bif_options options;
    options.build.max_table_entries = 3;
    const size_error e = thrown<size_error>(two + "probability ( b | a ) {\n  default 0.5, 0.5;\n}\n", options);
    CHECK_THAT(e.what(), StartsWith("bad.bif:12:1: cpt 'b' would need 4 entries"));
    CHECK(e.needed_entries() == 4);
  }
  SECTION("a text over max_file_bytes") {
    io::bif_options options;
    options.max_file_bytes = 16;
    const size_error e = thrown<size_error>(two, options);
    CHECK_THAT(e.what(), Contains("bad.bif") && Contains("max_file_bytes"));
  }
}

TEST_CASE("every truncation and byte mutation of a valid file fails only with pitchrisk errors", "[io][bif]") {
  const std::string valid = two + "probability ( b | a ) {\n  (yes) 0.5, 0.5;\n  default 0.25, 0.75;\n}\n";
  REQUIRE(io::read_bif_string(valid).size() == 2);
  std::size_t failures = 0, successes = 0;
  const auto attempt = [&](const std::string& text) {
    try {
      (void)io::read_bif_string(text, "mutant.bif");
      ++successes;
    } catch (const pitchrisk::error&) {
      ++failures;
    }
  };
  for (std::size_t n = 0; n < valid.size(); ++n) attempt(valid.substr(0, n));
  const std::string replacements = std::string("\0\"{};,()|/*x9-.[]", 17);
  for (std::size_t i = 0; i < valid.size(); ++i)
    for (const char r : replacements) {
      std::string mutant = valid;
      mutant[i] = r;
      attempt(mutant);
    }
  CHECK(failures > 0);
  CHECK(successes > 0);
}

TEST_CASE("a huge name is quoted in a message by its first 60 characters", "[io][bif][malformed]") {
  const std::string name(100000, 'x');
  const std::string text = "network n {}\nvariable " + name + " { type discrete [ 2 ] { a, b }; }\nprobability ( " +
                           name + " ) { table 0.5 0.5 0.1; }\n";
  const parse_error e = thrown<parse_error>(text);
  const std::string what = e.what();
  CHECK_THAT(what, Contains("'" + name.substr(0, 60) + "...'"));
  CHECK(what.size() < 1000);
}

TEST_CASE("the noisy-MAX and split-name refusals are narrow", "[io][bif][malformed]") {
  SECTION("a noisy-MAX block over one parent is its two rows, as a plain block") {
    const std::string text = header + var_a + var_b + prob_a +
                             "probability ( b | a ) {\n  property function max;\n  (no) 0.95, 0.05;\n  (yes) 0.3, 0.7;\n}\n";
    const network net = io::read_bif_string(text, "one.bif");
    const variable_id b = net.id("b");
    using parents = std::vector<Eigen::Index>;
    CHECK(net.probability(b, 0, parents{0}) == 0.3);  // a = yes: the parent's row
    CHECK(net.probability(b, 1, parents{0}) == 0.7);
    CHECK(net.probability(b, 0, parents{1}) == 0.95);  // a = no: the leak row
    CHECK(net.probability(b, 1, parents{1}) == 0.05);
  }
  SECTION("another function property, or a property naming max otherwise, is skipped as before") {
    for (const std::string property : {"function or", "function", "max", "function max extra"}) {
      INFO(property);
      const std::string text = two + "probability ( b | a ) {\n  property " + property +
                               ";\n  (yes) 0.5, 0.5;\n  (no) 0.1, 0.9;\n}\n";
      CHECK_NOTHROW(io::read_bif_string(text, "other.bif"));
    }
  }
  SECTION("'%' attached to a name, or after a comma, reads as before") {
    const std::string good = header + "variable a {\n  type discrete [ 2 ] { 0_01_%, % };\n}\n" +
                             "probability ( a ) {\n  table 0.2, 0.8;\n}\n";
    const network net = io::read_bif_string(good, "names.bif");
    CHECK(net.variable(net.id("a")).states == std::vector<std::string>{"0_01_%", "%"});
  }
}

}  // namespace bif_malformed_test
