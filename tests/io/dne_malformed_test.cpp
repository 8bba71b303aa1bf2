// SPDX-License-Identifier: MIT
// Malformed DNE input, a catalogue in the style of tests/robustness: every fault gives one
// typed error (parse_error with file, line and column; model_error or size_error for
// model-level faults) on one line naming the place and the fault; truncation and
// byte-mutation sweeps show that nothing but pitchrisk::error escapes the reader.
#include "pitchrisk/io/dne.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace dne_malformed_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

struct parse_case {
  const char* fault;
  std::string text;
  std::size_t line;
  std::size_t column;
  const char* fragment;
};

const std::string head = "bnet n {\n";                                                            // line 1
const std::string node_a = "node a {\n\tstates = (yes, no);\n\tparents = ();\n\tprobs = (0.5, 0.5);\n\t};\n";  // 2-6
const std::string tail = "};\n";
std::string node_b(const std::string& body) { return "node b {\n\tstates = (yes, no);\n" + body + "\t};\n"; }  // from 7

const std::vector<parse_case> parse_cases = {
    {"empty file", "", 1, 1, "empty file: expected 'bnet <name> { ... };'"},
    {"only comments", "// ~->[DNET-1]->~\n/* nothing */\n", 3, 1, "empty file"},
    {"junk before bnet", "net2 x {\n", 1, 1, "expected 'bnet' or end of file, got 'net2'"},
    {"second bnet", head + tail + head + tail, 3, 1, "a second 'bnet' block"},
    {"no name", "bnet {\n", 1, 6, "expected the network name after 'bnet', got '{'"},
    {"truncated in bnet", head + node_a, 7, 1, "expected an item name or '}', got end of file"},
    {"truncated in node", head + "node a {\n\tstates = (yes, no);\n", 4, 1,
     "expected an item name or '}' in node 'a', got end of file"},
    {"truncated in probs", head + "node a {\n\tprobs = ((0.5, 0.5", 3, 20, "expected a list element, ',' or ')', got end of file"},
    {"missing ';' after a value", head + "node a {\n\tstates = (yes, no)\n\tparents = ();\n", 4, 2,
     "expected ';' after a value, got 'parents'"},
    {"missing comma", head + "node a {\n\tstates = (yes no);\n", 3, 16, "expected ',' or ')' between list elements, got 'no'"},
    {"unterminated string", head + "comment = \"abc\n", 2, 11, "unterminated quoted string"},
    {"unterminated comment", head + "/* open\n", 2, 1, "unterminated comment"},
    {"NUL byte", head + std::string("node a {\0", 9), 2, 9, "NUL byte"},
    {"stray '='", head + "= 3;\n", 2, 1, "expected an item name or '}', got '='"},
    {"unbalanced ')' in a block", head + "visual V1 { x = (1, 2)); };\n", 2, 23, "expected '}', got ')'"},
    {"node set twice", head + "node a {\n\tstates = (yes, no);\n\tstates = (y, n);\n", 4, 2, "node 'a' sets 'states' twice"},
    {"decision node", head + "node d {\n\tkind = DECISION;\n\tstates = (go, stay);\n\tparents = ();\n\t};\n" + tail, 2, 6,
     "node 'd' is a decision node: influence diagrams are not supported"},
    {"utility node", head + "node u {\n\tkind = UTILITY;\n\tdiscrete = FALSE;\n\tparents = ();\n\tfunctable = (1);\n\t};\n" + tail,
     2, 6, "node 'u' is a utility node"},
    {"continuous node", head + "node c {\n\tkind = NATURE;\n\tdiscrete = FALSE;\n\tlevels = (0, 1, 2);\n\tparents = ();\n\t};\n" + tail,
     2, 6, "node 'c' is continuous (discrete = FALSE)"},
    {"used constant node", head + "node k {\n\tkind = CONSTANT;\n\tdiscrete = FALSE;\n\tparents = ();\n\t};\n" +
     node_b("\tparents = (k);\n\tprobs = ((0.5, 0.5));\n") + tail, 2, 6, "node 'k' is a constant node"},
    {"unknown kind", head + "node a {\n\tkind = MAGIC;\n\tstates = (y, n);\n\tparents = ();\n\tprobs = (1, 0);\n\t};\n" + tail,
     3, 9, "kind 'MAGIC' is not supported"},
    {"no table", head + "node a {\n\tstates = (yes, no);\n\tparents = ();\n\t};\n" + tail, 2, 6,
     "node 'a' has no probability table ('probs' or 'functable')"},
    {"equation only", head + "node a {\n\tstates = (yes, no);\n\tparents = ();\n\tequation = \"P(a|) = 0.5\";\n\t};\n" + tail,
     2, 6, "tables defined only by an equation are not supported"},
    {"no states", head + "node a {\n\tparents = ();\n\tprobs = (1.0);\n\t};\n" + tail, 2, 6, "node 'a' has no states"},
    {"duplicate state", head + "node a {\n\tstates = (yes, yes);\n\tparents = ();\n\tprobs = (0.5, 0.5);\n\t};\n" + tail, 3, 11,
     "node 'a' lists state 'yes' twice"},
    {"quoted state", head + "node a {\n\tstates = (\"yes\", no);\n\tparents = ();\n\tprobs = (0.5, 0.5);\n\t};\n" + tail, 3, 12,
     "a state name must be a word"},
    {"numstates disagrees", head + "node a {\n\tnumstates = 3;\n\tstates = (yes, no);\n\tparents = ();\n\tprobs = (0.5, 0.5);\n\t};\n" +
     tail, 3, 14, "declares 3 states (numstates) but lists 2"},
    {"numstates not a number", head + "node a {\n\tnumstates = two;\n\tparents = ();\n\tprobs = (0.5, 0.5);\n\t};\n" + tail, 3, 14,
     "numstates 'two' is not a whole number"},
    {"duplicate node", head + node_a + node_a + tail, 7, 6, "node 'a' is declared twice (first at line 2)"},
    {"unknown parent", head + node_a + node_b("\tparents = (zz);\n\tprobs = ((0.5, 0.5));\n") + tail, 9, 13,
     "parent 'zz' of node 'b' is not a declared node"},
    {"own parent", head + node_a + node_b("\tparents = (b);\n\tprobs = ((0.5, 0.5), (0.5, 0.5));\n") + tail, 9, 13,
     "node 'b' is listed as its own parent"},
    {"parent twice", head + node_a + node_b("\tparents = (a, a);\n\tprobs = (0.5, 0.5);\n") + tail, 9, 16,
     "parent 'a' is listed twice in node 'b'"},
    {"too few probs", head + node_a + node_b("\tparents = (a);\n\tprobs = ((0.5, 0.5), (0.5));\n") + tail, 10, 10,
     "the probs of node 'b' have 3 values, expected 4 (2 states x 2 parent configurations)"},
    {"too many probs", head + node_a + node_b("\tparents = (a);\n\tprobs = ((0.5, 0.5), (0.5, 0.5), (1, 0));\n") + tail, 10, 10,
     "have 6 values, expected 4"},
    {"negative prob", head + "node a {\n\tstates = (yes, no);\n\tparents = ();\n\tprobs = (-0.5, 1.5);\n\t};\n" + tail, 5, 11,
     "value '-0.5' is negative"},
    {"NaN prob", head + "node a {\n\tstates = (yes, no);\n\tparents = ();\n\tprobs = (nan, 0.5);\n\t};\n" + tail, 5, 11,
     "value 'nan' is NaN"},
    {"out of range prob", head + "node a {\n\tstates = (yes, no);\n\tparents = ();\n\tprobs = (1e-400, 1);\n\t};\n" + tail, 5, 11, "value '1e-400' is out of range"},
    {"a word for a number", head + "node a {\n\tstates = (yes, no);\n\tparents = ();\n\tprobs = (half, 0.5);\n\t};\n" + tail, 5, 11, "value 'half' is not a number"},
    {"a string for a number", head + "node a {\n\tstates = (yes, no);\n\tparents = ();\n\tprobs = (\"0.5\", 0.5);\n\t};\n" + tail, 5, 11, "is a quoted string, not a number"},
    {"functable of the wrong length", head + node_a + node_b("\tparents = (a);\n\tfunctable = (yes);\n") + tail, 10, 14,
     "the functable of node 'b' has 1 entries, expected 2"},
    {"functable with an unknown state", head + node_a + node_b("\tparents = (a);\n\tfunctable = (yes, maybe);\n") + tail, 10, 20,
     "the functable of node 'b': 'maybe' is not a state of the node"},
    {"nesting too deep", head + "x = " + std::string(100, '(') + std::string(100, ')') + ";\n", 2, 5,
     "nesting deeper than 64 levels"},
    {"probs nested too deep", head + "node a {\n\tstates = (y, n);\n\tparents = ();\n\tprobs = " + std::string(63, '(') +
     "0.5, 0.5" + std::string(63, ')') + ";\n\t};\n" + tail, 5, 10, "nesting deeper than 64 levels"},
    {"bad number after CR, CRLF and LF line ends in probs",
     head + node_a + node_b("\tparents = (a);\r\n\tprobs = ((0.9,\r 0.1),\r\n\t (0.2,\n\r 0.8x));\n") + tail, 14, 2,
     "the probs of node 'b': value '0.8x' has trailing characters after the number"},
    {"bad number in probs with a comment", head + node_a + node_b("\tparents = (a);\n\tprobs = ((0.9, 0.1),\n (0.2, 0.8x /* c */));\n") + tail,
     11, 8, "the probs of node 'b': value '0.8x' has trailing characters after the number"},
    {"missing comma in multi-line probs", head + node_a + node_b("\tparents = (a);\n\tprobs = ((0.9, 0.1),\n (0.2 0.8));\n") + tail,
     11, 7, "expected ',' or ')' between list elements, got '0.8'"},
};

template <class E>
E thrown(const std::string& text, const io::dne_options& options = {}) {
  try {
    (void)io::read_dne_string(text, "bad.dne", options);
  } catch (const E& e) {
    return e;
  }
  FAIL("reading did not throw the expected type; text:\n" << text);
  throw;
}

}  // namespace

TEST_CASE("each malformed DNE input gives a one-line parse_error naming file, line and column", "[io][dne]") {
  for (const parse_case& c : parse_cases) {
    INFO(c.fault);
    const parse_error e = thrown<parse_error>(c.text);
    CHECK(e.file() == "bad.dne");
    CHECK(e.line() == c.line);
    CHECK(e.column() == c.column);
    CHECK_THAT(e.what(), StartsWith("bad.dne:" + std::to_string(c.line) + ":" + std::to_string(c.column) + ": "));
    CHECK_THAT(e.what(), Contains(c.fragment));
    CHECK(std::string(e.what()).find('\n') == std::string::npos);
  }
}

TEST_CASE("model faults in DNE are model_errors naming file, line and node", "[io][dne]") {
  SECTION("a column that does not sum to 1") {
    const std::string text = head + node_a + node_b("\tparents = (a);\n\tprobs = ((0.5, 0.5), (0.6, 0.6));\n") + tail;
    const model_error e = thrown<model_error>(text);
    CHECK_THAT(e.what(), StartsWith("bad.dne:7: cpt 'b': column a=no sums to 1.2"));
  }
  SECTION("a cycle") {
    const std::string text = head + "node a {\n\tstates = (y, n);\n\tparents = (b);\n\tprobs = ((0.5, 0.5), (0.5, 0.5));\n\t};\n" +
                             node_b("\tparents = (a);\n\tprobs = ((0.5, 0.5), (0.5, 0.5));\n") + tail;
    const model_error e = thrown<model_error>(text);
    CHECK_THAT(e.what(), StartsWith("bad.dne"));
    CHECK_THAT(e.what(), Contains("cycle"));
  }
}

TEST_CASE("huge declared DNE sizes are refused before allocating", "[io][dne]") {
  const size_error many = thrown<size_error>(head + "node a {\n\tnumstates = 99999999999999;\n\tparents = ();\n\tprobs = (1);\n\t};\n" + tail);
  CHECK_THAT(many.what(), StartsWith("bad.dne:3:14: node 'a' declares 99999999999999 states"));
  std::string wide = head;
  for (int i = 0; i < 40; ++i) wide += "node p" + std::to_string(i) + " { numstates = 2; parents = (); probs = (0.5, 0.5); };\n";
  wide += "node c { numstates = 2; parents = (";
  for (int i = 0; i < 40; ++i) wide += (i ? ", p" : "p") + std::to_string(i);
  wide += "); probs = (0.5, 0.5); };\n" + tail;
  const size_error e = thrown<size_error>(wide);
  CHECK_THAT(e.what(), Contains("cpt of node 'c'"));
  io::dne_options small;
  small.max_file_bytes = 8;
  CHECK_THAT(thrown<size_error>(head + tail, small).what(), Contains("max_file_bytes"));
}

TEST_CASE("every truncation and byte flip of a DNE file gives a typed error or a network", "[io][dne]") {
  const std::string good = "// ~->[DNET-1]->~\nbnet n {\ncomment = \"x \\\"y\\\"\";\n" + node_a +
                           node_b("\tparents = (a);\n\tprobs = \n\t\t((0.9, 0.1),\n\t\t (0.2, 0.8));\n\ttitle = \"B\";\n") +
                           "node c {\n\tstates = (p, q);\n\tparents = (a, b);\n\tfunctable = (p, q, q, p);\n\t};\n" + tail;
  REQUIRE(io::read_dne_string(good, "good.dne").size() == 3);
  for (std::size_t n = 0; n < good.size(); ++n) {
    try {
      (void)io::read_dne_string(good.substr(0, n), "cut.dne");
    } catch (const error&) {
    }
  }
  const char bytes[] = {'(', ')', '{', '}', ';', ',', '=', '"', '\\', '/', '*', '\r', '\0', '9', 'x', '-'};
  for (std::size_t i = 0; i < good.size(); ++i)
    for (const char b : bytes) {
      std::string bad = good;
      bad[i] = b;
      try {
        (void)io::read_dne_string(bad, "flip.dne");
      } catch (const error&) {
      }
    }
  SUCCEED("no untyped exception, no crash");
}

}  // namespace dne_malformed_test
