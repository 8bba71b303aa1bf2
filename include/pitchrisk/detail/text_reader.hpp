// SPDX-License-Identifier: MIT
// A small tokenizer for the text model formats (BIF and friends): words, quoted strings and
// one-character punctuation, with `//` and `/* */` comments skipped and every token carrying
// its 1-based line and column, so that each parse error can name the place of the fault.
// Tokens are views into the caller's text: nothing is copied per token.
#pragma once

#include "pitchrisk/error.hpp"

#include <cassert>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

namespace pitchrisk::detail {

/// What a token is.
enum class token_kind { end, word, quoted, punct };

/// One token: its kind, its text (the contents for a quoted string) and where it starts.
struct token {
  token_kind kind = token_kind::end;
  std::string_view text;
  std::size_t line = 0;
  std::size_t column = 0;

  [[nodiscard]] bool is(char c) const noexcept {
    return kind == token_kind::punct && text.size() == 1 && text[0] == c;
  }
  [[nodiscard]] bool is_word(std::string_view w) const noexcept { return kind == token_kind::word && text == w; }
  /// A name is a bare word or a quoted string.
  [[nodiscard]] bool is_name() const noexcept { return kind == token_kind::word || kind == token_kind::quoted; }
};

/// Splits a text into tokens; `punctuation` lists the one-character punctuation tokens.
/// Whitespace is space, tab, CR, LF, vertical tab and form feed. Throws: parse_error on an
/// unterminated comment or quote and on a NUL byte.
class text_reader {
 public:
  text_reader(std::string_view text, std::string file, std::string_view punctuation);

  /// The next token without consuming it.
  [[nodiscard]] const token& peek();
  /// Consumes and returns the next token.
  token next();
  /// Skips raw text up to and including the next `;` that is not inside a quoted string
  /// (for free-form statements such as BIF `property`). Returns the raw text before the `;`.
  /// Requires: called right after next() consumed `start` (no token peeked since).
  /// Throws: parse_error at end of input or on an unterminated quote.
  std::string_view skip_statement(const token& start);

  [[nodiscard]] const std::string& file() const noexcept { return m_file; }
  /// Throws parse_error at the place of `at`.
  [[noreturn]] void fail(const token& at, const std::string& what) const;
  [[noreturn]] void fail(std::size_t line, std::size_t column, const std::string& what) const;

  /// "'abc'", "end of file" or "'{'": a token as it should be quoted in a message.
  [[nodiscard]] static std::string describe(const token& t);

 private:
  void skip_space_and_comments();
  token scan();
  [[nodiscard]] bool is_punct(char c) const noexcept { return m_punct.find(c) != std::string_view::npos; }
  [[nodiscard]] std::size_t column_of(std::size_t pos) const noexcept { return pos - m_line_start + 1; }

  std::string_view m_text;
  std::string m_file;
  std::string_view m_punct;
  std::size_t m_pos = 0;
  std::size_t m_line = 1;
  std::size_t m_line_start = 0;
  token m_ahead;
  bool m_has_ahead = false;
};

/// Line and column (1-based) of byte `pos` of `text`.
[[nodiscard]] inline std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t pos) noexcept;

// ---------------------------------------------------------------------------------------

inline std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t pos) noexcept {
  std::size_t line = 1, start = 0;
  for (std::size_t i = 0; i < pos && i < text.size(); ++i)
    if (text[i] == '\n') {
      ++line;
      start = i + 1;
    }
  return {line, pos - start + 1};
}

inline text_reader::text_reader(std::string_view text, std::string file, std::string_view punctuation)
    : m_text(text), m_file(std::move(file)), m_punct(punctuation) {}

inline const token& text_reader::peek() {
  if (!m_has_ahead) {
    m_ahead = scan();
    m_has_ahead = true;
  }
  return m_ahead;
}

inline token text_reader::next() {
  if (m_has_ahead) {
    m_has_ahead = false;
    return m_ahead;
  }
  return scan();
}

inline void text_reader::fail(const token& at, const std::string& what) const { fail(at.line, at.column, what); }

inline void text_reader::fail(std::size_t line, std::size_t column, const std::string& what) const {
  throw parse_error(m_file, line, column, what);
}

inline std::string text_reader::describe(const token& t) {
  switch (t.kind) {
    case token_kind::end: return "end of file";
    case token_kind::quoted: return "\"" + std::string(t.text) + "\"";
    default: break;
  }
  std::string shown(t.text.substr(0, 40));
  if (t.text.size() > 40) shown += "...";
  return "'" + shown + "'";
}

inline void text_reader::skip_space_and_comments() {
  const std::size_t n = m_text.size();
  while (m_pos < n) {
    const char c = m_text[m_pos];
    if (c == '\n') {
      ++m_pos;
      ++m_line;
      m_line_start = m_pos;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') {
      ++m_pos;
    } else if (c == '/' && m_pos + 1 < n && m_text[m_pos + 1] == '/') {
      const std::size_t eol = m_text.find('\n', m_pos);
      m_pos = eol == std::string_view::npos ? n : eol;
    } else if (c == '/' && m_pos + 1 < n && m_text[m_pos + 1] == '*') {
      const std::size_t line = m_line, column = column_of(m_pos);
      m_pos += 2;
      for (;;) {
        if (m_pos + 1 >= n) fail(line, column, "unterminated comment: '/*' without a closing '*/'");
        if (m_text[m_pos] == '*' && m_text[m_pos + 1] == '/') {
          m_pos += 2;
          break;
        }
        if (m_text[m_pos] == '\n') {
          ++m_line;
          m_line_start = m_pos + 1;
        }
        ++m_pos;
      }
    } else {
      return;
    }
  }
}

inline token text_reader::scan() {
  skip_space_and_comments();
  token t;
  t.line = m_line;
  t.column = column_of(m_pos);
  const std::size_t n = m_text.size();
  if (m_pos >= n) return t;
  const char c = m_text[m_pos];
  if (c == '\0') fail(t, "NUL byte in the text (a binary file?)");
  if (c == '"') {
    const std::size_t close = m_text.find('"', m_pos + 1);
    if (close == std::string_view::npos) fail(t, "unterminated quoted string");
    const std::string_view body = m_text.substr(m_pos + 1, close - m_pos - 1);
    if (body.find_first_of("\r\n") != std::string_view::npos)
      fail(t, "unterminated quoted string (a line break before the closing '\"')");
    if (body.find('\0') != std::string_view::npos) fail(t, "NUL byte inside a quoted string");
    t.kind = token_kind::quoted;
    t.text = body;
    m_pos = close + 1;
    return t;
  }
  if (is_punct(c)) {
    t.kind = token_kind::punct;
    t.text = m_text.substr(m_pos, 1);
    ++m_pos;
    return t;
  }
  const std::size_t begin = m_pos;
  while (m_pos < n) {
    const char d = m_text[m_pos];
    if (d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == '\v' || d == '\f' || d == '"' || d == '\0' ||
        is_punct(d))
      break;
    if (d == '/' && m_pos + 1 < n && (m_text[m_pos + 1] == '/' || m_text[m_pos + 1] == '*')) break;
    ++m_pos;
  }
  t.kind = token_kind::word;
  t.text = m_text.substr(begin, m_pos - begin);
  return t;
}

inline std::string_view text_reader::skip_statement(const token& start) {
  assert(!m_has_ahead);
  const std::size_t n = m_text.size();
  const std::size_t begin = m_pos;
  while (m_pos < n) {
    const char c = m_text[m_pos];
    if (c == ';') {
      const std::string_view raw = m_text.substr(begin, m_pos - begin);
      ++m_pos;
      return raw;
    }
    if (c == '\0') fail(m_line, column_of(m_pos), "NUL byte in the text (a binary file?)");
    if (c == '\n') {
      ++m_line;
      m_line_start = m_pos + 1;
    } else if (c == '"') {
      const std::size_t line = m_line, column = column_of(m_pos);
      const std::size_t close = m_text.find('"', m_pos + 1);
      if (close == std::string_view::npos) fail(line, column, "unterminated quoted string");
      for (std::size_t i = m_pos + 1; i < close; ++i)
        if (m_text[i] == '\n') {
          ++m_line;
          m_line_start = i + 1;
        }
      m_pos = close;
    }
    ++m_pos;
  }
  fail(start, "unexpected end of file: " + describe(start) + " statement without its closing ';'");
}

}  // namespace pitchrisk::detail
