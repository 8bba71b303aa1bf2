// SPDX-License-Identifier: MIT
// The UAI scanner: whitespace-separated words with their line and column, and the counts and
// indices the model and evidence files are made of, with parse errors naming the place.
#pragma once

#include "pitchrisk/detail/excerpt.hpp"
#include "pitchrisk/detail/parse_number.hpp"
#include "pitchrisk/error.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pitchrisk::detail::uai {

/// A whitespace-separated token with its place.
struct word {
  std::string_view text;
  std::size_t line = 0, column = 0;
};

/// Splits UAI text into words, skipping `#` comments (to the end of the line) and 2016-style
/// comment lines whose first word is `c`.
class scanner {
 public:
  scanner(std::string_view text, std::string file) : m_text(text), m_file(std::move(file)) {}

  /// The next word; an empty text at the end.
  word next() {
    const std::size_t n = m_text.size();
    for (;;) {
      while (m_pos < n && is_space(m_text[m_pos])) advance();
      if (m_pos >= n) return {{}, m_line, column()};
      const char c = m_text[m_pos];
      if (c == '#' || (c == 'c' && m_line_fresh && (m_pos + 1 >= n || is_space(m_text[m_pos + 1])))) {
        while (m_pos < n && m_text[m_pos] != '\n' && m_text[m_pos] != '\r') ++m_pos;
        continue;
      }
      break;
    }
    word w{{}, m_line, column()};
    const std::size_t begin = m_pos;
    while (m_pos < n && !is_space(m_text[m_pos]) && m_text[m_pos] != '#') {
      if (m_text[m_pos] == '\0') fail(m_line, column(), "NUL byte in the text (a binary file?)");
      ++m_pos;
    }
    m_line_fresh = false;
    w.text = m_text.substr(begin, m_pos - begin);
    return w;
  }

  /// The next word as a count (a non-negative integer); `what` names it in messages.
  std::pair<std::uint64_t, word> count(const std::string& what) {
    const word w = next();
    if (w.text.empty()) fail(w.line, w.column, "unexpected end of file: expected " + what);
    const auto n = parse_count(w.text);
    if (n.fault != number_fault::none)
      fail(w.line, w.column,
           "expected " + what + ", got '" + excerpt(w.text) + "' (" + describe(n.fault) +
               (n.fault == number_fault::trailing || n.fault == number_fault::malformed ? ", not a whole number" : "") + ")");
    return {n.value, w};
  }

  [[noreturn]] void fail(std::size_t line, std::size_t column, const std::string& what) const {
    throw parse_error(m_file, line, column, what);
  }
  [[nodiscard]] const std::string& file() const noexcept { return m_file; }
  /// Bytes left (an upper bound on the words still to come).
  [[nodiscard]] std::size_t remaining() const noexcept { return m_text.size() - m_pos; }

 private:
  static bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
  void advance() {
    const char c = m_text[m_pos++];
    if (c == '\n' || (c == '\r' && (m_pos >= m_text.size() || m_text[m_pos] != '\n'))) {
      ++m_line;
      m_line_start = m_pos;
      m_line_fresh = true;
    }
  }
  std::size_t column() const noexcept { return m_pos - m_line_start + 1; }

  std::string_view m_text;
  std::string m_file;
  std::size_t m_pos = 0, m_line = 1, m_line_start = 0;
  bool m_line_fresh = true;
};

inline std::string place(const std::string& file, std::size_t line, std::size_t column) {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace pitchrisk::detail::uai
