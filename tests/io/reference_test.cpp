// SPDX-License-Identifier: MIT
// The `.ref` reader: cases with their evidence and answers, and the case numbers that
// identify them (pitchrisk-query's output is compared with another tool's case by case,
// so two cases with one number would make the comparison ambiguous).
#include "pitchrisk/io/reference.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace reference_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using Catch::Matchers::Contains;

TEST_CASE("a reference file reads into numbered cases with evidence and answers", "[io][reference]") {
  const auto cases = io::read_reference_string(
      "# two cases\ncase 0\nevidence\nlogpe 0\nend\ncase 7\nevidence a=yes b=no\nmarginal c 0.25 0.75\nmpe -2.5 c=no\nend\n",
      "ok.ref");
  REQUIRE(cases.size() == 2);
  CHECK(cases[0].index == 0);
  CHECK(cases[0].line == 2);
  CHECK(cases[1].index == 7);
  CHECK(cases[1].line == 6);
  REQUIRE(cases[1].evidence.size() == 2);
  CHECK(cases[1].evidence[1].variable == "b");
  CHECK(cases[1].evidence[1].state == "no");
  REQUIRE(cases[1].marginals.size() == 1);
  CHECK(cases[1].marginals[0].probabilities == std::vector<double>{0.25, 0.75});
  CHECK(cases[1].mpe_log_probability == -2.5);
}

TEST_CASE("two cases with the same number are refused, naming both lines", "[io][reference]") {
  const std::string text = "case 3\nevidence\nend\n\ncase 4\nevidence\nend\ncase 3\nevidence a=yes\nend\n";
  REQUIRE_THROWS_AS(io::read_reference_string(text, "twice.ref"), parse_error);
  try {
    (void)io::read_reference_string(text, "twice.ref");
  } catch (const parse_error& e) {
    CHECK(e.line() == 8);
    CHECK_THAT(std::string(e.what()), Contains("twice.ref:8") && Contains("case 3 on line 8") &&
                                          Contains("case 3 of line 1"));
  }
  // Leading zeros or a '+' do not make a new number.
  const std::string padded = "case 3\nevidence\nend\ncase +003\nevidence\nend\n";
  REQUIRE_THROWS_WITH(io::read_reference_string(padded, "padded.ref"), Contains("of line 1"));
  // Without answers (pitchrisk-query's input) the rule holds too.
  REQUIRE_THROWS_AS(io::read_reference_string(text, "twice.ref", false), parse_error);
  // Distinct numbers in any order are fine.
  CHECK(io::read_reference_string("case 2\nevidence\nend\ncase 1\nevidence\nend\n", "ok.ref").size() == 2);
}

}  // namespace reference_test
