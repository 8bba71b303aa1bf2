// SPDX-License-Identifier: MIT
// How the text writers print a number: the shortest decimal that reads back as the same
// value (std::to_chars, locale-independent), so that a written table reads back bit for bit.
// One definition for the DSL and Hugin NET writers (they had a copy each).
#pragma once

#include <charconv>
#include <cstddef>
#include <string>

namespace pitchrisk::detail {

/// Appends `x` to `out` as the shortest decimal that std::from_chars reads back as `x`.
template <class Real>
void append_number(std::string& out, Real x) {
  char buffer[64];
  const std::to_chars_result r = std::to_chars(buffer, buffer + sizeof buffer, x);
  out.append(buffer, static_cast<std::size_t>(r.ptr - buffer));
}

}  // namespace pitchrisk::detail
