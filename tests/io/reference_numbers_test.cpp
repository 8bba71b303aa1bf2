// SPDX-License-Identifier: MIT
// Numbers in reference files go through the readers' strict decimal parser: log P(e) is
// negative, so a leading '-' is allowed there, but everything else the model readers refuse
// (NaN, infinities, hexadecimal, trailing junk, doubled signs) is a parse_error naming the
// file, the line and what is wrong with the token.
#include "pitchrisk/detail/parse_number.hpp"
#include "pitchrisk/io/reference.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace reference_numbers_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using Catch::Matchers::Contains;

TEST_CASE("signed decimals: one sign, then what parse_decimal accepts", "[io][reference]") {
  using detail::number_fault;
  CHECK(detail::parse_signed_decimal<double>("-12.5").value == -12.5);
  CHECK(detail::parse_signed_decimal<double>("+0.25").value == 0.25);
  CHECK(detail::parse_signed_decimal<double>("-1e-300").value == -1e-300);
  CHECK(detail::parse_signed_decimal<double>("--1").fault == number_fault::sign);
  CHECK(detail::parse_signed_decimal<double>("-+1").fault == number_fault::sign);
  CHECK(detail::parse_signed_decimal<double>("-").fault == number_fault::empty);
  CHECK(detail::parse_signed_decimal<double>("-nan").fault == number_fault::not_a_number);
  CHECK(detail::parse_signed_decimal<double>("-inf").fault == number_fault::infinite);
  CHECK(detail::parse_signed_decimal<double>("-0x10").fault == number_fault::hexadecimal);
  CHECK(detail::parse_signed_decimal<double>("-1.5x").fault == number_fault::trailing);
  CHECK(detail::parse_signed_decimal<double>("-1e999").fault == number_fault::out_of_range);
}

TEST_CASE("a bad number in a reference file is a parse_error saying why", "[io][reference]") {
  const std::string head = "case 0\nevidence\n";
  const auto cases = io::read_reference_string(head + "logpe -3.25\nend\n", "ok.ref");
  REQUIRE(cases.size() == 1);
  REQUIRE(cases[0].log_pe.has_value());
  CHECK(*cases[0].log_pe == -3.25);
  for (const char* bad : {"--3.25", "-inf", "nan", "-3.25abc", "0x1p3"}) {
    INFO(bad);
    REQUIRE_THROWS_AS(io::read_reference_string(head + "logpe " + bad + "\nend\n", "bad.ref"), parse_error);
    REQUIRE_THROWS_WITH(io::read_reference_string(head + "logpe " + bad + "\nend\n", "bad.ref"),
                        Contains("bad.ref") && Contains("bad number") && Contains(" it "));
  }
  REQUIRE_THROWS_WITH(io::read_reference_string("case -1\nend\n", "neg.ref"), Contains("bad case number"));
}

}  // namespace reference_numbers_test
