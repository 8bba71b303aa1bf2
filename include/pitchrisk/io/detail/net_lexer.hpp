// SPDX-License-Identifier: MIT
// The Hugin NET lexer: words (names and numbers), double-quoted strings and punctuation,
// with comments skipped; the attribute values built from its tokens; NET literals for writing.
#pragma once

#include "pitchrisk/core/network.hpp"
#include "pitchrisk/detail/append_number.hpp"
#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/detail/excerpt.hpp"
#include "pitchrisk/detail/parse_number.hpp"
#include "pitchrisk/detail/read_file.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/io/model_description.hpp"
#include "pitchrisk/io/format_options.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace pitchrisk::detail::net {

inline std::string quote(std::string_view s) { return "'" + pitchrisk::detail::excerpt(s) + "'"; }

enum class kind { word, string, punct, end };

struct token {
  kind type = kind::end;
  /// A word as written, a string unescaped, a punctuation character: a view into the text,
  /// or (a string with escapes) into its lexer's storage; valid while the lexer lives.
  std::string_view text;
  std::size_t line = 0, column = 0;
};

inline bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
inline bool is_punct(char c) noexcept {
  return c == '{' || c == '}' || c == '(' || c == ')' || c == '=' || c == ';' || c == '|' || c == ',';
}

/// An identifier of the Hugin NET language: a letter or `_`, then letters, digits, `_`.
inline bool is_identifier(std::string_view s) noexcept {
  if (s.empty()) return false;
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!letter(s[0])) return false;
  for (const char c : s)
    if (!letter(c) && !(c >= '0' && c <= '9')) return false;
  return true;
}

/// Splits NET text into tokens: words (names and numbers), double-quoted strings (`\"` and
/// `\\` unescaped), punctuation; `%` and `//` comments to the end of the line.
class lexer {
 public:
  lexer(std::string_view text, const std::string& file) : m_text(text), m_file(file) {
    if (m_text.substr(0, 3) == "\xEF\xBB\xBF") m_at = 3;
    if (m_text.substr(0, 2) == "\xFF\xFE" || m_text.substr(0, 2) == "\xFE\xFF")
      throw parse_error(m_file, 1, 1, "UTF-16 text (byte-order mark): expected UTF-8 or another 8-bit encoding");
    if (const std::size_t nul = m_text.find('\0'); nul != std::string_view::npos) {
      std::size_t line = 1, start = 0;
      for (std::size_t i = 0; i < nul; ++i)
        if (m_text[i] == '\n' || (m_text[i] == '\r' && m_text[i + 1] != '\n')) {
          ++line;
          start = i + 1;
        }
      throw parse_error(m_file, line, nul - start + 1, "NUL byte in the text (a binary or UTF-16 file?)");
    }
  }

  token next() {
    skip_blanks_and_comments();
    token t;
    t.line = m_line;
    t.column = m_at - m_line_start + 1;
    if (m_at >= m_text.size()) return t;
    const char c = m_text[m_at];
    if (c == '\0') fail(t, "NUL byte in the text (a binary or UTF-16 file?)");
    if (static_cast<unsigned char>(c) < 0x20)
      fail(t, "control character " + std::to_string(static_cast<int>(c)) + " in the text (a binary file?)");
    if (is_punct(c)) {
      t.type = kind::punct;
      t.text = m_text.substr(m_at, 1);
      advance();
      return t;
    }
    if (c == '"') {
      t.type = kind::string;
      advance();
      const std::size_t b = m_at;
      std::string* unescaped = nullptr;  // set at the first escape; the view is used until then
      for (;;) {
        if (m_at >= m_text.size()) fail(t, "a string that never ends (missing '\"')");
        const char d = m_text[m_at];
        if (d == '\0') fail(t, "NUL byte in a string");
        if (d == '"') break;
        if (d == '\\' && m_at + 1 < m_text.size() && (m_text[m_at + 1] == '"' || m_text[m_at + 1] == '\\')) {
          if (!unescaped) unescaped = &m_unescaped.emplace_back(m_text.substr(b, m_at - b));
          advance();
          *unescaped += m_text[m_at];
          advance();
          continue;
        }
        if (unescaped) *unescaped += d;
        advance();
      }
      t.text = unescaped ? std::string_view(*unescaped) : m_text.substr(b, m_at - b);
      advance();
      return t;
    }
    t.type = kind::word;
    t.text = word();
    return t;
  }

  /// Where the lexer stands, to come back to with rewind().
  struct mark {
    std::size_t at = 0, line = 1, line_start = 0;
  };
  [[nodiscard]] mark here() const noexcept { return {m_at, m_line, m_line_start}; }
  void rewind(const mark& m) noexcept {
    m_at = m.at;
    m_line = m.line;
    m_line_start = m.line_start;
  }

  /// The fast path for potential data: the numbers of a list whose '(' was just read, up to
  /// its closing ')', appended to `out` without a token each. Takes only what next() would
  /// read as words that parse_decimal accepts and that are at most `limit`, nested
  /// parentheses (at most `max_depth` open), commas, blanks and comments; returns false at
  /// anything else (the position is then unspecified: rewind, and read the tokens).
  template <class Real>
  [[nodiscard]] bool numbers(std::vector<Real>& out, double limit, std::size_t max_depth);

  [[noreturn]] void fail(const token& at, const std::string& what) const { throw parse_error(m_file, at.line, at.column, what); }

 private:
  /// Steps over blanks, `%` comments and `//` comments.
  void skip_blanks_and_comments() {
    for (;;) {
      while (m_at < m_text.size() && is_blank(m_text[m_at])) advance();
      if (m_at < m_text.size() &&
          (m_text[m_at] == '%' || (m_text[m_at] == '/' && m_at + 1 < m_text.size() && m_text[m_at + 1] == '/'))) {
        while (m_at < m_text.size() && m_text[m_at] != '\n' && m_text[m_at] != '\r') advance();
        continue;
      }
      return;
    }
  }
  /// The word starting at m_at (up to a blank, punctuation, '"', '%' or a control
  /// character: no line end inside), stepped over.
  std::string_view word() noexcept {
    const std::size_t b = m_at;
    while (m_at < m_text.size() && !is_blank(m_text[m_at]) && !is_punct(m_text[m_at]) && m_text[m_at] != '"' &&
           m_text[m_at] != '%' && static_cast<unsigned char>(m_text[m_at]) >= 0x20)
      ++m_at;
    return m_text.substr(b, m_at - b);
  }
  void advance() {
    const char c = m_text[m_at++];
    if (c == '\n' || (c == '\r' && (m_at >= m_text.size() || m_text[m_at] != '\n'))) {
      ++m_line;
      m_line_start = m_at;
    }
  }

  std::string_view m_text;
  const std::string& m_file;
  std::deque<std::string> m_unescaped;  ///< the strings with escapes, unescaped (stable addresses)
  std::size_t m_at = 0, m_line = 1, m_line_start = 0;
};

template <class Real>
bool lexer::numbers(std::vector<Real>& out, double limit, std::size_t max_depth) {
  std::size_t depth = 1;
  if (depth > max_depth) return false;
  for (;;) {
    skip_blanks_and_comments();
    if (m_at >= m_text.size()) return false;
    const char c = m_text[m_at];
    if (c == '(' || c == ')' || c == ',') {  // no line end: stepped over without advance()
      ++m_at;
      if (c == '(' && ++depth > max_depth) return false;
      if (c == ')' && --depth == 0) return true;
      continue;
    }
    if (is_punct(c) || c == '"' || static_cast<unsigned char>(c) < 0x20) return false;
    const auto r = pitchrisk::detail::parse_decimal<Real>(word());
    if (r.fault != pitchrisk::detail::number_fault::none || static_cast<double>(r.value) > limit) return false;
    out.push_back(r.value);
  }
}

/// An attribute value: its atoms (words and strings, parentheses dropped) and its text
/// rebuilt with single blanks (strings quoted again), for properties.
struct value {
  token first;
  std::vector<token> atoms;
  std::string text;
  bool list = false;
};

/// Appends `s` as a NET string literal.
inline void append_string(std::string& out, std::string_view s) {
  out += '"';
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

/// The writer prints numbers with detail/append_number.hpp (shortest round-trip decimal).
using pitchrisk::detail::append_number;

}  // namespace pitchrisk::detail::net
