// SPDX-License-Identifier: MIT
// UTF-8 validation for the text readers: the byte offset of the first invalid sequence
// (overlong forms, surrogates and code points past U+10FFFF count as invalid).
#pragma once

#include <cstddef>
#include <string_view>

namespace pitchrisk::detail {

/// Byte offset of the first invalid UTF-8 sequence in `s`, or npos if it is valid.
[[nodiscard]] inline std::size_t first_invalid_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = 0;
    if (c >= 0xC2 && c <= 0xDF) n = 1;
    else if (c >= 0xE0 && c <= 0xEF) n = 2;
    else if (c >= 0xF0 && c <= 0xF4) n = 3;
    else return i;
    if (i + n >= s.size()) return i;
    for (std::size_t k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    const auto d = static_cast<unsigned char>(s[i + 1]);
    if ((c == 0xE0 && d < 0xA0) || (c == 0xED && d > 0x9F) || (c == 0xF0 && d < 0x90) || (c == 0xF4 && d > 0x8F))
      return i;
    i += n + 1;
  }
  return std::string_view::npos;
}

}  // namespace pitchrisk::detail
