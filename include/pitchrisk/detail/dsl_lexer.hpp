// SPDX-License-Identifier: MIT
// The text layer of the GeNIe/SMILE DSL format (io/dsl.hpp): a tokenizer giving words,
// "strings" and `{ } ( ) , ; = |` with their 1-based line and column (LF, CRLF and CR-only
// line ends; `//` and `/* */` comments), and the writer's helpers for identifiers, strings
// and numbers. Tokens are views into the caller's text.
#pragma once

#include "pitchrisk/detail/append_number.hpp"
#include "pitchrisk/detail/excerpt.hpp"
#include "pitchrisk/error.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>

namespace pitchrisk::detail::dsl {

/// The network HEADER COMMENT of files we write: their NAME fields hold the real names.
inline constexpr std::string_view marker = "File created by pitchrisk";

inline std::string quote(std::string_view s) { return "'" + pitchrisk::detail::excerpt(s) + "'"; }

/// What a token is.
enum class kind { end, word, string, punct };

/// One token: a view into the text (a string's contents without the quotes) and its place.
struct token {
  dsl::kind type = kind::end;
  std::string_view text;
  std::size_t line = 0;
  std::size_t column = 0;
  [[nodiscard]] bool is(char c) const noexcept { return type == kind::punct && text[0] == c; }
  [[nodiscard]] bool is_word(std::string_view w) const noexcept { return type == kind::word && text == w; }
};

/// A GeNIe identifier: a letter, then letters, digits or `_`.
inline bool is_identifier(std::string_view s) noexcept {
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (s.empty() || !letter(s[0])) return false;
  for (const char c : s)
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '_') return false;
  return true;
}

/// An identifier for `name` not yet in `taken` (non-identifier characters become `_`).
inline std::string identifier(std::string_view name, std::unordered_set<std::string>& taken) {
  std::string base;
  for (const char c : name)
    base += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ? c : '_';
  if (!is_identifier(base.substr(0, 1))) base = "s" + base;
  std::string out = base;
  for (std::size_t i = 2; !taken.insert(out).second; ++i) out = base + "_" + std::to_string(i);
  return out;
}

/// `s` as a DSL string (no escapes exist: a quote or a control character cannot be written).
inline void append_string(std::string& out, std::string_view s, const std::string& what) {
  for (const char c : s)
    if (c == '"' || static_cast<unsigned char>(c) < 0x20)
      throw model_error("cannot write DSL: " + what + " " + quote(s) + " contains " +
                        (c == '"' ? std::string("a double quote") : "control character " + std::to_string(int(c))));
  out += '"';
  out += s;
  out += '"';
}

/// The writer prints numbers with detail/append_number.hpp (shortest round-trip decimal).
using pitchrisk::detail::append_number;

/// Splits DSL text into tokens: words, "strings", and `{ } ( ) , ; = |`; `//` and `/* */`
/// comments; LF, CRLF and CR-only line ends. Throws: parse_error on a NUL byte, a control
/// character, UTF-16 text, an unterminated string or comment.
class lexer {
 public:
  lexer(std::string_view text, std::string file) : m_text(text), m_file(std::move(file)) {
    if (m_text.substr(0, 2) == "\xFF\xFE" || m_text.substr(0, 2) == "\xFE\xFF")
      fail(1, 1, "UTF-16 text (byte-order mark): expected UTF-8 or another 8-bit encoding");
    if (m_text.substr(0, 3) == "\xEF\xBB\xBF") m_pos = m_line_start = 3;
  }
  const token& peek() {
    if (!m_has_ahead) {
      m_ahead = scan();
      m_has_ahead = true;
    }
    return m_ahead;
  }
  token next() {
    const token t = peek();
    m_has_ahead = false;
    return t;
  }
  [[noreturn]] void fail(std::size_t line, std::size_t column, const std::string& what) const {
    throw parse_error(m_file, line, column, what);
  }
  [[noreturn]] void fail(const token& at, const std::string& what) const { fail(at.line, at.column, what); }
  [[nodiscard]] const std::string& file() const noexcept { return m_file; }
  /// "'abc'", "\"abc\"", "the end of the file": a token as a message quotes it.
  static std::string describe(const token& t) {
    if (t.type == kind::end) return "the end of the file";
    if (t.type == kind::string) return "the string \"" + pitchrisk::detail::excerpt(t.text) + "\"";
    return quote(t.text);
  }

 private:
  void newline(std::size_t at) {
    ++m_line;
    m_line_start = at + 1;
  }
  /// Steps over one byte at m_pos, counting a line end (CRLF counts once).
  void step() {
    const char c = m_text[m_pos];
    if (c == '\n' || (c == '\r' && (m_pos + 1 >= m_text.size() || m_text[m_pos + 1] != '\n'))) newline(m_pos);
    ++m_pos;
  }
  void check_byte(std::size_t at) const {
    const char c = m_text[at];
    if (c == '\0') fail(m_line, at - m_line_start + 1, "NUL byte in the text (a binary or UTF-16 file?)");
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f')
      fail(m_line, at - m_line_start + 1,
           "control character " + std::to_string(static_cast<int>(c)) + " in the text (a binary file?)");
  }
  token scan() {
    const std::size_t n = m_text.size();
    for (;;) {
      while (m_pos < n && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' ||
                           m_text[m_pos] == '\r' || m_text[m_pos] == '\v' || m_text[m_pos] == '\f'))
        step();
      if (m_pos + 1 < n && m_text[m_pos] == '/' && m_text[m_pos + 1] == '/') {
        while (m_pos < n && m_text[m_pos] != '\n' && m_text[m_pos] != '\r') check_byte(m_pos++);
      } else if (m_pos + 1 < n && m_text[m_pos] == '/' && m_text[m_pos + 1] == '*') {
        const std::size_t line = m_line, column = m_pos - m_line_start + 1;
        m_pos += 2;
        while (m_pos + 1 < n && !(m_text[m_pos] == '*' && m_text[m_pos + 1] == '/')) step();
        if (m_pos + 1 >= n) fail(line, column, "unterminated comment: '/*' without a closing '*/'");
        m_pos += 2;
      } else {
        break;
      }
    }
    token t;
    t.line = m_line;
    t.column = m_pos - m_line_start + 1;
    if (m_pos >= n) return t;
    check_byte(m_pos);
    const char c = m_text[m_pos];
    if (c == '"') {
      std::size_t close = m_pos + 1;
      while (close < n && m_text[close] != '"') {
        if (m_text[close] == '\n' || m_text[close] == '\r')
          fail(t, "a string that never ends (a line break before the closing '\"')");
        check_byte(close);
        // A tab, vertical tab or form feed separates tokens but cannot be written in a string.
        if (static_cast<unsigned char>(m_text[close]) < 0x20)
          fail(m_line, close - m_line_start + 1,
               "control character " + std::to_string(static_cast<int>(m_text[close])) + " in a string");
        ++close;
      }
      if (close >= n) fail(t, "a string that never ends (the file ends before the closing '\"')");
      t.type = kind::string;
      t.text = m_text.substr(m_pos + 1, close - m_pos - 1);
      m_pos = close + 1;
      return t;
    }
    if (std::string_view("{}(),;=|").find(c) != std::string_view::npos) {
      t.type = kind::punct;
      t.text = m_text.substr(m_pos++, 1);
      return t;
    }
    const std::size_t begin = m_pos;
    while (m_pos < n) {
      const char d = m_text[m_pos];
      if (d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == '\v' || d == '\f' || d == '"' ||
          std::string_view("{}(),;=|").find(d) != std::string_view::npos ||
          (d == '/' && m_pos + 1 < n && (m_text[m_pos + 1] == '/' || m_text[m_pos + 1] == '*')))
        break;
      check_byte(m_pos++);
    }
    t.type = kind::word;
    t.text = m_text.substr(begin, m_pos - begin);
    return t;
  }

  std::string_view m_text;
  std::string m_file;
  std::size_t m_pos = 0, m_line = 1, m_line_start = 0;
  token m_ahead;
  bool m_has_ahead = false;
};

}  // namespace pitchrisk::detail::dsl
