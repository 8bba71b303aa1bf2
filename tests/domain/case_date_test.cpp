// SPDX-License-Identifier: MIT
#include "pitchrisk/domain/approach/case_date.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace case_date_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk::approach;

TEST_CASE("stage dates are strict ISO days of the Gregorian calendar", "[domain][case_date]") {
  const parsed_case_date d = parse_case_date("2020-02-29");
  REQUIRE(d.ok());
  CHECK(format_date(d.date) == "2020-02-29");
  CHECK(format_date(parse_case_date("0999-12-31").date) == "0999-12-31");
  for (const char* bad : {"", "2020-2-29", "2020-02-29 ", "2020_02_29", "+020-02-29", "2020-02-2a", "20200229"}) {
    INFO(bad);
    CHECK(parse_case_date(bad).fault == "is not an ISO date YYYY-MM-DD");
  }
  CHECK(parse_case_date("2019-02-29").fault == "is not a calendar date (February 2019 has 28 days)");
  CHECK(parse_case_date("2100-02-29").fault == "is not a calendar date (February 2100 has 28 days)");
  CHECK(parse_case_date("2000-02-29").ok());
  CHECK(parse_case_date("2020-06-31").fault == "is not a calendar date (June 2020 has 30 days)");
  CHECK(parse_case_date("2020-12-00").fault == "is not a calendar date (December 2020 has 31 days)");
  CHECK(parse_case_date("2020-13-01").fault == "is not a calendar date (there is no month 13)");
}

TEST_CASE("days between stages count calendar days, leap days included", "[domain][case_date]") {
  const auto day = [](const char* s) { return parse_case_date(s).date; };
  CHECK(days_between(day("2020-02-28"), day("2020-03-01")) == 2);
  CHECK(days_between(day("2021-02-28"), day("2021-03-01")) == 1);
  CHECK(days_between(day("2019-01-01"), day("2020-01-01")) == 365);
  CHECK(days_between(day("2020-01-01"), day("2021-01-01")) == 366);
  CHECK(days_between(day("2013-05-02"), day("2013-02-18")) == -73);
  CHECK(days_between(day("1999-12-31"), day("1999-12-31")) == 0);
}

}  // namespace case_date_test
