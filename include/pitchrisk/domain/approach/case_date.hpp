// SPDX-License-Identifier: MIT
// Dates on the stage lines of a case file (`stage NAME 2020-03-01`): ISO 8601 calendar
// dates, parsed strictly (YYYY-MM-DD, a real day of the proleptic Gregorian calendar) into
// std::chrono::year_month_day, printed back the same way, and the days between two stages,
// which the timeline exposes as the time between contacts.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

namespace pitchrisk::approach {

/// A stage date.
using case_date = std::chrono::year_month_day;

/// What parse_case_date found: the date, or why the text is not one.
struct parsed_case_date {
  case_date date{};   ///< the date read (meaningful when ok())
  std::string fault;  ///< empty when `date` is valid; else e.g. "is not a calendar date (...)"

  /// Whether the text was a valid date.
  [[nodiscard]] bool ok() const noexcept { return fault.empty(); }
};

/// Parses exactly `YYYY-MM-DD` (four, two and two digits) naming a real calendar day.
[[nodiscard]] parsed_case_date parse_case_date(std::string_view text);
/// "2020-03-01".
[[nodiscard]] std::string format_date(const case_date& d);
/// Whole days from `from` to `to` (negative if `to` is earlier).
[[nodiscard]] long days_between(const case_date& from, const case_date& to) noexcept;

// ---------------------------------------------------------------------------------------

inline parsed_case_date parse_case_date(std::string_view text) {
  parsed_case_date out;
  const auto digits = [&](std::size_t from, std::size_t n) {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  const int y = text.size() == 10 ? digits(0, 4) : -1;
  const int m = text.size() == 10 ? digits(5, 2) : -1;
  const int d = text.size() == 10 ? digits(8, 2) : -1;
  if (y < 0 || m < 0 || d < 0 || text[4] != '-' || text[7] != '-') {
    out.fault = "is not an ISO date YYYY-MM-DD";
    return out;
  }
  static const char* const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};
  if (m < 1 || m > 12) {
    out.fault = "is not a calendar date (there is no month " + std::to_string(m) + ")";
    return out;
  }
  const std::chrono::year_month_day_last last{std::chrono::year{y} / std::chrono::month{static_cast<unsigned>(m)} /
                                              std::chrono::last};
  const auto days = static_cast<int>(static_cast<unsigned>(last.day()));
  if (d < 1 || d > days) {
    out.fault = "is not a calendar date (" + std::string(months[m - 1]) + " " + std::to_string(y) + " has " +
                std::to_string(days) + " days)";
    return out;
  }
  out.date = case_date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                       std::chrono::day{static_cast<unsigned>(d)}};
  return out;
}

inline std::string format_date(const case_date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

inline long days_between(const case_date& from, const case_date& to) noexcept {
  return static_cast<long>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

}  // namespace pitchrisk::approach
