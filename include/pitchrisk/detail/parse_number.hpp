// SPDX-License-Identifier: MIT
// Locale-independent number parsing for the model readers, on top of std::from_chars: the
// whole token must be a plain decimal (`0.25`, `1`, `9.999e-05`, an optional leading `+`);
// NaN, infinities, hexadecimal, signs other than one leading `+`, trailing junk and values
// outside the type's range are faults that the caller turns into a parse_error.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>

namespace pitchrisk::detail {

/// Why a token is not an acceptable number.
enum class number_fault { none, empty, sign, negative, not_a_number, infinite, hexadecimal, trailing, out_of_range, malformed };

/// The value (valid when fault == none) and the fault.
template <class T>
struct parsed_number {
  T value{};
  number_fault fault = number_fault::none;
};

/// Parses a non-negative decimal floating-point number (the whole text).
template <class T>
[[nodiscard]] parsed_number<T> parse_decimal(std::string_view text) noexcept;

/// Parses a decimal floating-point number that may be negative (one leading `-` or `+`).
template <class T>
[[nodiscard]] parsed_number<T> parse_signed_decimal(std::string_view text) noexcept;

/// Parses a non-negative decimal integer (digits only, optional leading `+`, whole text).
[[nodiscard]] inline parsed_number<std::uint64_t> parse_count(std::string_view text) noexcept;

/// "is not a number", "has trailing characters"...: the fault as a phrase for messages.
[[nodiscard]] inline const char* describe(number_fault fault) noexcept;

// ---------------------------------------------------------------------------------------

namespace number_parsing {

/// Common prefix checks; strips one leading '+'. Returns the fault, or none.
inline number_fault check_prefix(std::string_view& text) noexcept {
  if (text.empty()) return number_fault::empty;
  if (text[0] == '-') return number_fault::negative;
  if (text[0] == '+') {
    text.remove_prefix(1);
    if (text.empty()) return number_fault::malformed;
    if (text[0] == '+' || text[0] == '-') return number_fault::sign;
  }
  if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) return number_fault::hexadecimal;
  const char c = text[0];
  if ((c >= '0' && c <= '9') || c == '.') return number_fault::none;
  const auto lower = [](char x) { return static_cast<char>(x >= 'A' && x <= 'Z' ? x - 'A' + 'a' : x); };
  if (text.size() >= 3 && lower(text[0]) == 'n' && lower(text[1]) == 'a' && lower(text[2]) == 'n')
    return number_fault::not_a_number;
  if (text.size() >= 3 && lower(text[0]) == 'i' && lower(text[1]) == 'n' && lower(text[2]) == 'f')
    return number_fault::infinite;
  return number_fault::malformed;
}

}  // namespace number_parsing

template <class T>
parsed_number<T> parse_decimal(std::string_view text) noexcept {
  parsed_number<T> out;
  if ((out.fault = number_parsing::check_prefix(text)) != number_fault::none) return out;
  const char* const end = text.data() + text.size();
  const std::from_chars_result r = std::from_chars(text.data(), end, out.value, std::chars_format::general);
  if (r.ec == std::errc::result_out_of_range)
    out.fault = number_fault::out_of_range;
  else if (r.ec != std::errc{})
    out.fault = number_fault::malformed;
  else if (r.ptr != end)
    out.fault = number_fault::trailing;
  else if (!std::isfinite(out.value))
    out.fault = number_fault::out_of_range;
  return out;
}

template <class T>
parsed_number<T> parse_signed_decimal(std::string_view text) noexcept {
  if (text.empty() || text[0] != '-') return parse_decimal<T>(text);
  text.remove_prefix(1);
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) return {T{}, number_fault::sign};
  parsed_number<T> out = parse_decimal<T>(text);
  out.value = -out.value;
  return out;
}

inline parsed_number<std::uint64_t> parse_count(std::string_view text) noexcept {
  parsed_number<std::uint64_t> out;
  if ((out.fault = number_parsing::check_prefix(text)) != number_fault::none) return out;
  const char* const end = text.data() + text.size();
  const std::from_chars_result r = std::from_chars(text.data(), end, out.value, 10);
  if (r.ec == std::errc::result_out_of_range)
    out.fault = number_fault::out_of_range;
  else if (r.ec != std::errc{})
    out.fault = number_fault::malformed;
  else if (r.ptr != end)
    out.fault = number_fault::trailing;
  return out;
}

inline const char* describe(number_fault fault) noexcept {
  switch (fault) {
    case number_fault::none: return "is a number";
    case number_fault::empty: return "is empty";
    case number_fault::sign: return "has more than one sign";
    case number_fault::negative: return "is negative";
    case number_fault::not_a_number: return "is NaN";
    case number_fault::infinite: return "is infinite";
    case number_fault::hexadecimal: return "is hexadecimal (only decimal numbers are allowed)";
    case number_fault::trailing: return "has trailing characters after the number";
    case number_fault::out_of_range: return "is out of range";
    case number_fault::malformed: return "is not a number";
  }
  return "is not a number";
}

}  // namespace pitchrisk::detail
