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

 private:
  static bool is_blank(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  }
  static bool is_punct(char c) noexcept {
    return c == '{' || c == '}' || c == '(' || c == ')' || c == ';' || c == ',' || c == '=';
  }
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

/// A value: the leaves of a (possibly nested) parenthesised list, or one atom.
struct value {
  token at;                   ///< the first token of the value
  bool list = false;          ///< written in parentheses
  std::vector<token> leaves;  ///< atoms in order; empty list elements are dropped
};

/// What the reader keeps of one `node` (or `param`) block.
struct node_decl {
  token keyword;  ///< `node` or `param`
  token name;
  std::unordered_map<std::string_view, value> fields;  ///< `key = value;` items by key
};

struct document {
  token bnet;  ///< the network's name
  std::unordered_map<std::string_view, value> fields;
  std::vector<node_decl> nodes;
  bool ours = false;  ///< written by pitchrisk: titles carry the names
};

/// Pass 1: the text into a document.
class parser {
 public:
  parser(std::string_view text, std::string file, const io::dne_options& options)
      : m_in(text, std::move(file)), m_options(options) {}

  document parse() {
    document doc;
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
        value v = parse_value(depth);
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

  /// After `key =`: an atom, `word { ... }` or a parenthesised list, then `;`.
  value parse_value(std::size_t depth) {
    value v;
    token t = m_in.next();
    v.at = t;
    if (t.is('(')) {
      v.list = true;
      parse_list(v, depth + 1);
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
  const io::dne_options& m_options;
};

}  // namespace pitchrisk::detail::dne
