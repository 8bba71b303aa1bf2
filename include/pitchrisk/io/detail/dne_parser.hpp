// SPDX-License-Identifier: MIT
// Pass 1 of the DNE reader: the scanner (words, quoted strings, punctuation, comments) and
// the parser that turns Netica text into a document of node declarations and values.
#pragma once

#include "pitchrisk/core/network.hpp"
#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/io/model_description.hpp"
#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/detail/excerpt.hpp"
#include "pitchrisk/detail/parse_number.hpp"
#include "pitchrisk/detail/read_file.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/io/format_options.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace pitchrisk::detail::dne {

/// The comment line that marks a file written by pitchrisk (titles then carry the names).
inline constexpr std::string_view marker = "// File created by pitchrisk";
inline constexpr std::size_t none = std::numeric_limits<std::size_t>::max();

enum class kind { end, word, quoted, punct };

struct token {
  kind type = kind::end;
  std::string_view text;  ///< a quoted string's raw contents (escapes not yet decoded)
  std::size_t line = 0, column = 0;
  [[nodiscard]] bool is(char c) const noexcept { return type == kind::punct && text.size() == 1 && text[0] == c; }
  [[nodiscard]] bool is_name() const noexcept { return type == kind::word || type == kind::quoted; }
};

inline std::string quote(std::string_view s) { return "'" + pitchrisk::detail::excerpt(s) + "'"; }

/// Tokens of DNE text: words, "strings" (backslash escapes, backslash-newline
/// continuations), punctuation `{ } ( ) ; , =`; `//` and `/* */` comments; LF, CRLF and
/// CR-only line ends all count as one line.
class scanner {
 public:
  scanner(std::string_view text, std::string file) : m_text(text), m_file(std::move(file)) {}

  token next() {
    skip_blank();
    token t;
    t.line = m_line;
    t.column = m_pos - m_line_start + 1;
    if (m_pos >= m_text.size()) return t;
    const char c = m_text[m_pos];
    if (c == '"') {
      std::size_t i = m_pos + 1;
      for (;;) {
        if (i >= m_text.size()) fail(t.line, t.column, "unterminated quoted string");
        const char d = m_text[i];
        if (d == '"') break;
        if (d == '\\') {
          if (i + 1 >= m_text.size()) fail(t.line, t.column, "unterminated quoted string");
          i += 1;
          newline_at(i);
        } else {
          newline_at(i);
        }
        ++i;
      }
      t.type = kind::quoted;
      t.text = m_text.substr(m_pos + 1, i - m_pos - 1);
      m_pos = i + 1;
      return t;
    }
    if (is_punct(c)) {
      t.type = kind::punct;
      t.text = m_text.substr(m_pos++, 1);
      return t;
    }
    const std::size_t begin = m_pos;
    while (m_pos < m_text.size()) {
      const char d = m_text[m_pos];
      if (is_blank(d) || is_punct(d) || d == '"') break;
      if (d == '/' && m_pos + 1 < m_text.size() && (m_text[m_pos + 1] == '/' || m_text[m_pos + 1] == '*')) break;
      ++m_pos;
    }
    t.type = kind::word;
    t.text = m_text.substr(begin, m_pos - begin);
    return t;
  }

  [[noreturn]] void fail(std::size_t line, std::size_t column, const std::string& what) const {
    throw parse_error(m_file, line, column, what);
  }
  [[nodiscard]] const std::string& file() const noexcept { return m_file; }

  /// Where the scanner stands, to come back to with rewind().
  struct mark {
    std::size_t pos = 0, line = 1, line_start = 0;
  };
  /// A scanner of `text` that starts at `from` (as if it had read the text up to there).
  scanner(std::string_view text, std::string file, const mark& from)
      : m_text(text), m_file(std::move(file)), m_pos(from.pos), m_line(from.line), m_line_start(from.line_start) {}
  [[nodiscard]] mark here() const noexcept { return {m_pos, m_line, m_line_start}; }
  void rewind(const mark& m) noexcept {
    m_pos = m.pos;
    m_line = m.line;
    m_line_start = m.line_start;
  }

  /// The fast path for `probs`: the list whose '(' was just read, up to its closing ')',
  /// stepped over without a token per element. Takes only blanks, words, commas and nested
  /// parentheses, with a comma or parenthesis between any two words (as parser::parse_list
  /// requires) and at most `max_open` lists open; returns the text inside the outer
  /// parentheses and its number of words, or nothing at anything else (a comment, a quoted
  /// string, other punctuation, the end of the text): the position is then unspecified, rewind.
  [[nodiscard]] bool plain_list(std::size_t max_open, std::string_view& inside, std::size_t& words) noexcept;

  static bool is_blank(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  }
  static bool is_punct(char c) noexcept {
    return c == '{' || c == '}' || c == '(' || c == ')' || c == ';' || c == ',' || c == '=';
  }

 private:
  /// Counts a line end at m_text[i] (CRLF counts once, at its LF).
  void newline_at(std::size_t i) noexcept {
    const char c = m_text[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= m_text.size() || m_text[i + 1] != '\n'))) {
      ++m_line;
      m_line_start = i + 1;
    }
  }
  void skip_blank() {
    const std::size_t n = m_text.size();
    while (m_pos < n) {
      const char c = m_text[m_pos];
      if (is_blank(c)) {
        newline_at(m_pos);
        ++m_pos;
      } else if (c == '/' && m_pos + 1 < n && m_text[m_pos + 1] == '/') {
        while (m_pos < n && m_text[m_pos] != '\n' && m_text[m_pos] != '\r') ++m_pos;
      } else if (c == '/' && m_pos + 1 < n && m_text[m_pos + 1] == '*') {
        const std::size_t line = m_line, column = m_pos - m_line_start + 1;
        m_pos += 2;
        for (;;) {
          if (m_pos + 1 >= n) fail(line, column, "unterminated comment: '/*' without a closing '*/'");
          if (m_text[m_pos] == '*' && m_text[m_pos + 1] == '/') break;
          newline_at(m_pos);
          ++m_pos;
        }
        m_pos += 2;
      } else {
        return;
      }
    }
  }

  std::string_view m_text;
  std::string m_file;
  std::size_t m_pos = 0, m_line = 1, m_line_start = 0;
};

inline bool scanner::plain_list(std::size_t max_open, std::string_view& inside, std::size_t& words) noexcept {
  const std::size_t n = m_text.size(), begin = m_pos;
  std::size_t open = 1;
  bool atom = false;  // a word since the last ',', '(' or ')'
  words = 0;
  if (open > max_open) return false;
  while (m_pos < n) {
    const char c = m_text[m_pos];
    if (is_blank(c)) {
      newline_at(m_pos);
      ++m_pos;
    } else if (c == ',' || c == '(' || c == ')') {
      ++m_pos;
      atom = false;
      if (c == '(' && ++open > max_open) return false;
      if (c == ')' && --open == 0) {
        inside = m_text.substr(begin, m_pos - 1 - begin);
        return true;
      }
    } else if (is_punct(c) || c == '"' || atom) {
      return false;
    } else if (c == '/' && m_pos + 1 < n && (m_text[m_pos + 1] == '/' || m_text[m_pos + 1] == '*')) {
      return false;  // a comment
    } else {
      // A word, as next() takes it: up to a blank, punctuation, '"' or a comment (which the
      // next round refuses: a comment is never plain, and nothing may follow a word but
      // a blank, ',' or a parenthesis).
      ++m_pos;
      while (m_pos < n) {
        const char d = m_text[m_pos];
        if (is_blank(d) || is_punct(d) || d == '"') break;
        if (d == '/' && m_pos + 1 < n && (m_text[m_pos + 1] == '/' || m_text[m_pos + 1] == '*')) break;
        ++m_pos;
      }
      ++words;
      atom = true;
    }
  }
  return false;
}

/// A quoted string's contents with Netica's escapes decoded (`\n`, `\r`, `\t`, `\\`, `\"`, and a
/// backslash before a line end joins the lines).
inline std::string unescape(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c != '\\' || i + 1 >= raw.size()) {
      out += c;
      continue;
    }
    const char d = raw[++i];
    if (d == 'n')
      out += '\n';
    else if (d == 't')
      out += '\t';
    else if (d == 'r')
      out += '\r';
    else if (d == '\r') {
      if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
    } else if (d != '\n')
      out += d;
  }
  return out;
}

/// A value: the leaves of a (possibly nested) parenthesised list, or one atom. A `probs`
/// list of words, commas and parentheses only (scanner::plain_list) keeps no tokens: its
/// text and word count instead, the words read from the text by next_plain_word().
struct value {
  token at;                   ///< the first token of the value
  bool list = false;          ///< written in parentheses
  std::vector<token> leaves;  ///< atoms in order; empty list elements are dropped (empty if plain)
  bool plain = false;         ///< a plain list: `inside` and `words` instead of `leaves`
  std::string_view inside;    ///< a plain list's text between its outer parentheses
  std::size_t words = 0;      ///< a plain list's number of words
  /// The number of atoms (leaves or words).
  [[nodiscard]] std::size_t size() const noexcept { return plain ? words : leaves.size(); }
};

/// The next word of a plain list's text at or after `pos` (which it steps past); requires
/// one to be left.
inline std::string_view next_plain_word(std::string_view inside, std::size_t& pos) noexcept {
  while (scanner::is_blank(inside[pos]) || scanner::is_punct(inside[pos])) ++pos;
  const std::size_t begin = pos;
  while (pos < inside.size() && !scanner::is_blank(inside[pos]) && !scanner::is_punct(inside[pos])) ++pos;
  return inside.substr(begin, pos - begin);
}

/// What the reader keeps of one `node` (or `param`) block.
struct node_decl {
  token keyword;  ///< `node` or `param`
  token name;
  std::unordered_map<std::string_view, value> fields;  ///< `key = value;` items by key
};

struct document {
  std::string_view text;  ///< the text parsed (tokens and plain lists are views into it)
  token bnet;  ///< the network's name
  std::unordered_map<std::string_view, value> fields;
  std::vector<node_decl> nodes;
  bool ours = false;  ///< written by pitchrisk: titles carry the names
};

/// Pass 1: the text into a document.
class parser {
 public:
  parser(std::string_view text, std::string file, const io::dne_options& options)
      : m_in(text, std::move(file)), m_text(text), m_options(options) {}

  document parse() {
    document doc;
    doc.text = m_text;
    for (;;) {
      const token t = m_in.next();
      if (t.type == kind::end) {
        if (doc.bnet.type == kind::end) m_in.fail(t.line, t.column, "empty file: expected 'bnet <name> { ... };'");
        return doc;
      }
      if (t.type == kind::word && (t.text == "bnet" || t.text == "net")) {
        if (doc.bnet.type != kind::end) m_in.fail(t.line, t.column, "a second 'bnet' block");
        doc.bnet = m_in.next();
        if (!doc.bnet.is_name()) unexpected(doc.bnet, "the network name after 'bnet'");
        expect('{', "after the network name");
        parse_block(doc, 1);
        continue;
      }
      if (t.is(';')) continue;
      unexpected(t, "'bnet' or end of file");
    }
  }

 private:
  [[noreturn]] void unexpected(const token& t, const std::string& expected) const {
    m_in.fail(t.line, t.column, "expected " + expected + ", got " + describe(t));
  }
  static std::string describe(const token& t) {
    if (t.type == kind::end) return "end of file";
    if (t.type == kind::quoted) return "a quoted string";
    return quote(t.text);
  }
  void expect(char c, const std::string& context) {
    const token t = m_in.next();
    if (!t.is(c)) unexpected(t, std::string("'") + c + "' " + context);
  }
  void check_depth(const token& t, std::size_t depth) const {
    if (depth > m_options.max_nesting)
      m_in.fail(t.line, t.column, "nesting deeper than " + std::to_string(m_options.max_nesting) + " levels");
  }

  /// Items of a `{ ... }` body up to its `}` (and an optional `;`). With `doc`, the body is
  /// the bnet's: its `node`/`param` blocks and fields are kept; other bodies are skipped.
  void parse_block(document& doc, std::size_t depth) {
    for (;;) {
      const token t = m_in.next();
      if (t.is('}')) return;
      if (t.is(';')) continue;
      if (!t.is_name()) unexpected(t, "an item name or '}'");
      token u = m_in.next();
      if (u.is('=')) {
        value v = parse_value(depth);
        doc.fields.insert_or_assign(t.text, std::move(v));
        continue;
      }
      token name;
      if (u.is_name()) {
        name = u;
        u = m_in.next();
      }
      if (!u.is('{')) unexpected(u, "'=' or '{' after " + quote(t.text));
      if (t.type == kind::word && (t.text == "node" || t.text == "param") && name.type != kind::end) {
        node_decl node{t, name, {}};
        parse_node(node, depth + 1);
        doc.nodes.push_back(std::move(node));
      } else {
        skip_block(depth + 1);
      }
    }
  }

  void parse_node(node_decl& node, std::size_t depth) {
    check_depth(node.name, depth);
    for (;;) {
      const token t = m_in.next();
      if (t.is('}')) return;
      if (t.is(';')) continue;
      if (!t.is_name()) unexpected(t, "an item name or '}' in node " + quote(node.name.text));
      token u = m_in.next();
      if (u.is('=')) {
        value v = parse_value(depth, t.text == "probs");
        if (!node.fields.emplace(t.text, std::move(v)).second)
          m_in.fail(t.line, t.column, "node " + quote(node.name.text) + " sets " + quote(t.text) + " twice");
        continue;
      }
      if (u.is_name()) u = m_in.next();
      if (!u.is('{')) unexpected(u, "'=' or '{' after " + quote(t.text) + " in node " + quote(node.name.text));
      skip_block(depth + 1);
    }
  }

  /// A `{ ... }` body whose contents do not matter (visual, font, user...).
  void skip_block(std::size_t depth) {
    for (;;) {
      const token t = m_in.next();
      check_depth(t, depth);
      if (t.is('}')) return;
      if (t.type == kind::end || t.is(')')) unexpected(t, "'}'");
      if (t.is('{')) skip_block(depth + 1);
      if (t.is('(')) skip_list(depth + 1);
    }
  }
  void skip_list(std::size_t depth) {
    for (;;) {
      const token t = m_in.next();
      check_depth(t, depth);
      if (t.is(')')) return;
      if (t.type == kind::end || t.is(';') || t.is('}')) unexpected(t, "')'");
      if (t.is('(')) skip_list(depth + 1);
      if (t.is('{')) skip_block(depth + 1);
    }
  }

  /// After `key =`: an atom, `word { ... }` or a parenthesised list, then `;`. With
  /// `numbers`, a plain list is taken as such (value::plain), without a token per element.
  value parse_value(std::size_t depth, bool numbers = false) {
    value v;
    token t = m_in.next();
    v.at = t;
    if (t.is('(')) {
      v.list = true;
      const scanner::mark from = m_in.here();
      // parse_list(v, depth + 1) allows lists at depths depth + 1 ... max_nesting.
      const std::size_t max_open = m_options.max_nesting >= depth ? m_options.max_nesting - depth : 0;
      if (numbers && m_in.plain_list(max_open, v.inside, v.words)) {
        v.plain = true;
      } else {
        m_in.rewind(from);
        v.words = 0;
        parse_list(v, depth + 1);
      }
      t = m_in.next();
    } else if (t.is_name()) {
      v.leaves.push_back(t);
      t = m_in.next();
      if (t.is('{')) {
        skip_block(depth + 1);
        t = m_in.next();
      }
    } else if (t.is(';')) {
      return v;  // `key = ;`: no value
    } else {
      unexpected(t, "a value");
    }
    if (!t.is(';')) unexpected(t, "';' after a value");
    return v;
  }
  void parse_list(value& v, std::size_t depth) {
    check_depth(v.at, depth);
    bool atom = false;  // an atom since the last ',' or '('
    for (;;) {
      const token t = m_in.next();
      if (t.is(')')) return;
      if (t.is(',')) {
        atom = false;
        continue;
      }
      if (t.is('(')) {
        parse_list(v, depth + 1);
        atom = false;
        continue;
      }
      if (!t.is_name()) unexpected(t, "a list element, ',' or ')'");
      if (atom) unexpected(t, "',' or ')' between list elements");  // Netica always writes commas
      v.leaves.push_back(t);
      atom = true;
    }
  }

  scanner m_in;
  std::string_view m_text;
  const io::dne_options& m_options;
};

}  // namespace pitchrisk::detail::dne
