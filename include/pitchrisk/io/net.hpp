// SPDX-License-Identifier: MIT
// Reads and writes Hugin .net networks (Hugin, GeNIe, SamIam, aGrUM, pgmpy, bnlearn,
// UnBBayes): `net { }`, `node X { states = ("a" "b"); label; position }`, `potential (X | A
// B) { data = (...) }` with the numbers row-major over (A, B, X), the parentheses mirroring
// the nesting. Decision, utility, continuous and function nodes, OOBN instances and classes
// with interface nodes, and expression-defined tables are refused naming what they hold.
// The nesting of parentheses is read without recursion, so depth cannot overflow the stack.
#pragma once

#include "pitchrisk/core/network.hpp"
#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/detail/excerpt.hpp"
#include "pitchrisk/detail/parse_number.hpp"
#include "pitchrisk/detail/read_file.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/io/model_description.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace pitchrisk::io {

/// Options of the Hugin NET reader.
struct net_options : read_options {
  std::size_t max_nesting = 1024;       ///< deepest `( )` nesting accepted in a value
  std::size_t max_nodes = 100000;       ///< more nodes are refused (size_error)
};

/// Reads Hugin NET text into a model description: a node's `label` becomes its label,
/// `position` its position, other attributes (key, value text) properties; `experience`
/// and `fading` tables are skipped. Throws: parse_error (malformed text, an unsupported
/// node kind or construct, wrong counts, bad numbers; with file, line and column),
/// size_error (a table over options.build.max_table_entries, a file over max_file_bytes).
template <class Real = double>
[[nodiscard]] basic_model_description<Real> read_net_description_string(std::string_view text,
                                                                        std::string file_name = "<string>",
                                                                        const net_options& options = {});
/// Reads a NET file into a model description. Throws: as read_net_description_string, io_error.
template <class Real = double>
[[nodiscard]] basic_model_description<Real> read_net_description(const std::filesystem::path& file,
                                                                 const net_options& options = {});
/// Reads a NET file into a network. Throws: as read_net_description, model_error from the
/// network builder (cycles, column sums; prefixed with file:line of the potential).
template <class Real = double>
[[nodiscard]] basic_network<Real> read_net(const std::filesystem::path& file, const net_options& options = {});
/// Reads NET text into a network. Throws: as read_net.
template <class Real = double>
[[nodiscard]] basic_network<Real> read_net_string(std::string_view text, std::string file_name = "<string>",
                                                  const net_options& options = {});

/// The model as Hugin NET text. Names that are not identifiers are written as identifiers
/// with the name in a `pitchrisk_name` attribute (read back as the name); a canonical model
/// is written as its full table after a comment saying so.
/// Throws: model_error from expand(), or for a name or state containing a NUL byte.
template <class Real>
[[nodiscard]] std::string to_net_string(const basic_model_description<Real>& model);
/// to_net_string(describe(net)).
template <class Real>
[[nodiscard]] std::string to_net_string(const basic_network<Real>& net);
/// Writes to_net_string(net) to `file`. Throws: as to_net_string, io_error.
template <class Real>
void write_net(const basic_network<Real>& net, const std::filesystem::path& file);

}  // namespace pitchrisk::io

/// Internals of the Hugin NET reader and writer.
namespace pitchrisk::detail::net {

inline std::string quote(std::string_view s) { return "'" + pitchrisk::detail::excerpt(s) + "'"; }

enum class kind { word, string, punct, end };

struct token {
  kind type = kind::end;
  std::string text;  ///< a word as written, a string unescaped, a punctuation character
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
    for (;;) {
      while (m_at < m_text.size() && is_blank(m_text[m_at])) advance();
      if (m_at < m_text.size() &&
          (m_text[m_at] == '%' || (m_text[m_at] == '/' && m_at + 1 < m_text.size() && m_text[m_at + 1] == '/'))) {
        while (m_at < m_text.size() && m_text[m_at] != '\n' && m_text[m_at] != '\r') advance();
        continue;
      }
      break;
    }
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
      t.text = std::string(1, c);
      advance();
      return t;
    }
    if (c == '"') {
      t.type = kind::string;
      advance();
      for (;;) {
        if (m_at >= m_text.size()) fail(t, "a string that never ends (missing '\"')");
        const char d = m_text[m_at];
        if (d == '\0') fail(t, "NUL byte in a string");
        if (d == '"') break;
        if (d == '\\' && m_at + 1 < m_text.size() && (m_text[m_at + 1] == '"' || m_text[m_at + 1] == '\\')) {
          advance();
          t.text += m_text[m_at];
          advance();
          continue;
        }
        t.text += d;
        advance();
      }
      advance();
      return t;
    }
    t.type = kind::word;
    const std::size_t b = m_at;
    while (m_at < m_text.size() && !is_blank(m_text[m_at]) && !is_punct(m_text[m_at]) && m_text[m_at] != '"' &&
           m_text[m_at] != '%' && static_cast<unsigned char>(m_text[m_at]) >= 0x20)
      advance();
    t.text = std::string(m_text.substr(b, m_at - b));
    return t;
  }

  [[noreturn]] void fail(const token& at, const std::string& what) const { throw parse_error(m_file, at.line, at.column, what); }

 private:
  void advance() {
    const char c = m_text[m_at++];
    if (c == '\n' || (c == '\r' && (m_at >= m_text.size() || m_text[m_at] != '\n'))) {
      ++m_line;
      m_line_start = m_at;
    }
  }

  std::string_view m_text;
  const std::string& m_file;
  std::size_t m_at = 0, m_line = 1, m_line_start = 0;
};

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

template <class Real>
void append_number(std::string& out, Real x) {
  char buffer[64];
  const std::to_chars_result r = std::to_chars(buffer, buffer + sizeof buffer, x);
  out.append(buffer, static_cast<std::size_t>(r.ptr - buffer));
}

/// Reads one NET document.
template <class Real>
class reader {
 public:
  reader(std::string_view text, std::string file, const io::net_options& options)
      : m_file(std::move(file)), m_lex(text, m_file), m_options(options) {}

  io::basic_model_description<Real> read();

 private:
  struct pending_node {
    token at;
    std::size_t index;
  };
  struct potential {
    token at;
    std::string child;
    std::vector<token> parents;
    std::optional<value> data;
  };

  token take() {
    token t = m_next ? std::move(*m_next) : m_lex.next();
    m_next.reset();
    return t;
  }
  const token& peek() {
    if (!m_next) m_next = m_lex.next();
    return *m_next;
  }
  [[noreturn]] void fail(const token& at, const std::string& what) const { m_lex.fail(at, what); }
  static std::string shown(const token& t) {
    if (t.type == kind::end) return "the end of the file";
    if (t.type == kind::string) return "a string " + quote(t.text);
    return quote(t.text);
  }
  void expect(const char* punct, const std::string& where) {
    const token t = take();
    if (t.type != kind::punct || t.text != punct)
      fail(t, "expected '" + std::string(punct) + "' " + where + ", got " + shown(t));
  }
  std::string name(const std::string& what) {
    const token t = take();
    if (t.type != kind::word) fail(t, "expected " + what + ", got " + shown(t));
    return t.text;
  }
  /// value := word | string | '(' value* ')'  (iteratively: nesting costs no stack).
  value read_value(const std::string& who) {
    value v;
    v.first = peek();
    std::size_t depth = 0;
    for (;;) {
      token t = take();
      if (t.type == kind::end) fail(t, "unexpected end of file in the value of " + who);
      if (t.type == kind::punct && t.text == "(") {
        if (++depth > m_options.max_nesting)
          fail(t, "the value of " + who + " nests parentheses deeper than " + std::to_string(m_options.max_nesting) +
                      " (net_options::max_nesting)");
        v.list = true;
        if (!v.text.empty() && v.text.back() != '(') v.text += ' ';
        v.text += '(';
      } else if (t.type == kind::punct && t.text == ")") {
        if (depth == 0) fail(t, "unexpected ')' in the value of " + who);
        --depth;
        v.text += ')';
      } else if (t.type == kind::punct && t.text == "," && depth > 0) {
        continue;  // some writers separate list items by commas
      } else if (t.type == kind::punct) {
        fail(t, "unexpected " + shown(t) + " in the value of " + who);
      } else {
        if (!v.text.empty() && v.text.back() != '(') v.text += ' ';
        if (t.type == kind::string)
          append_string(v.text, t.text);
        else
          v.text += t.text;
        v.atoms.push_back(std::move(t));
      }
      if (depth == 0) return v;
    }
  }
  /// Attributes up to the closing brace: `name = value ;` (the `;` may be missing before `}`).
  template <class On>
  void attributes(const std::string& who, On&& on) {
    for (;;) {
      const token& t = peek();
      if (t.type == kind::punct && t.text == "}") return;
      if (t.type != kind::word) fail(t, "expected an attribute name or '}' in " + who + ", got " + shown(t));
      const token key = take();
      expect("=", "after attribute " + quote(key.text) + " of " + who);
      value v = read_value("attribute " + quote(key.text) + " of " + who);
      on(key, std::move(v));
      const token& end = peek();
      if (end.type == kind::punct && end.text == ";")
        take();
      else if (!(end.type == kind::punct && end.text == "}"))
        fail(end, "expected ';' after attribute " + quote(key.text) + " of " + who + ", got " + shown(end));
    }
  }
  void node_block(io::basic_model_description<Real>& model, const token& at, const std::string& node_name);
  void potential_block(const token& at);
  void body(io::basic_model_description<Real>& model, bool in_class);

  std::string m_file;
  lexer m_lex;
  const io::net_options& m_options;
  std::optional<token> m_next;
  std::unordered_map<std::string, std::size_t> m_index;
  std::vector<potential> m_potentials;
  std::vector<std::size_t> m_renamed;  ///< variables whose pitchrisk_name replaced the NET name
};

template <class Real>
void reader<Real>::node_block(io::basic_model_description<Real>& model, const token& at, const std::string& node_name) {
  const std::string who = "node " + quote(node_name);
  if (model.variables.size() >= m_options.max_nodes)
    throw size_error(m_file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": more than " +
                         std::to_string(m_options.max_nodes) + " nodes (net_options::max_nodes)",
                     static_cast<double>(model.variables.size() + 1));
  if (!m_index.emplace(node_name, model.variables.size()).second) fail(at, who + " is declared twice");
  io::basic_variable_description<Real> v;
  v.name = node_name;
  v.line = at.line;
  expect("{", "after " + who);
  bool have_states = false;
  std::optional<std::string> real_name;
  attributes(who, [&](const token& key, value val) {
    if (key.text == "states") {
      if (have_states) fail(key, who + " has a second 'states'");
      have_states = true;
      if (!val.list) fail(val.first, "the states of " + who + " must be a list in parentheses");
      std::unordered_set<std::string> seen;
      for (const token& s : val.atoms) {
        if (s.text.empty()) fail(s, who + " has an empty state name");
        if (!seen.insert(s.text).second) fail(s, who + " lists state " + quote(s.text) + " twice");
        v.states.push_back(s.text);
        if (v.states.size() > 1) {
          const Eigen::Index cards[] = {static_cast<Eigen::Index>(v.states.size())};
          try {
            pitchrisk::detail::checked_table_size(cards, m_options.build.max_table_entries, who + ": its states");
          } catch (const size_error& e) {
            throw size_error(m_file + ":" + std::to_string(s.line) + ":" + std::to_string(s.column) + ": " + e.what(),
                             e.needed_entries());
          }
        }
      }
    } else if (key.text == "label" && val.atoms.size() == 1 && val.atoms[0].type == kind::string && !val.list) {
      v.label = val.atoms[0].text;
    } else if (key.text == "pitchrisk_name" && val.atoms.size() == 1 && val.atoms[0].type == kind::string && !val.list) {
      real_name = val.atoms[0].text;
    } else if (key.text == "position" && val.list && val.atoms.size() == 2 && !v.place) {
      const auto x = pitchrisk::detail::parse_signed_decimal<double>(val.atoms[0].text);
      const auto y = pitchrisk::detail::parse_signed_decimal<double>(val.atoms[1].text);
      if (x.fault == pitchrisk::detail::number_fault::none && y.fault == pitchrisk::detail::number_fault::none)
        v.place = io::position{x.value, y.value};
      else
        v.properties.emplace_back(key.text, val.text);
    } else {
      v.properties.emplace_back(key.text, val.text);
    }
  });
  expect("}", "at the end of " + who);
  if (!have_states) fail(at, who + " has no 'states'");
  if (v.states.empty()) fail(at, who + " has no states");
  if (real_name) {
    v.name = *real_name;
    m_renamed.push_back(model.variables.size());
  }
  model.variables.push_back(std::move(v));
}

template <class Real>
void reader<Real>::potential_block(const token& at) {
  potential p;
  p.at = at;
  expect("(", "after 'potential'");
  std::vector<token> heads;
  bool bar = false;
  for (;;) {
    token t = take();
    if (t.type == kind::punct && t.text == ")") break;
    if (t.type == kind::punct && t.text == "|" && !bar) {
      bar = true;
      continue;
    }
    if (t.type != kind::word) fail(t, "expected a node name, '|' or ')' in a potential, got " + shown(t));
    (bar ? p.parents : heads).push_back(std::move(t));
  }
  if (heads.size() != 1)
    fail(at, heads.empty() ? std::string("a potential without a node")
                           : "a potential over " + std::to_string(heads.size()) + " nodes (" + quote(heads[0].text) + ", " +
                                 quote(heads[1].text) + ", ...): only one node before '|' is supported");
  p.child = heads[0].text;
  const std::string who = "the potential of " + quote(p.child);
  expect("{", "after the head of " + who);
  attributes(who, [&](const token& key, value val) {
    if (key.text == "data") {
      if (p.data) fail(key, who + " has a second 'data'");
      p.data = std::move(val);
    } else if (key.text == "model_nodes" || key.text == "model_data") {
      fail(key, who + " is defined by an expression ('" + key.text + "'), which is not supported");
    }
    // experience, fading and tool attributes are skipped.
  });
  expect("}", "at the end of " + who);
  m_potentials.push_back(std::move(p));
}

template <class Real>
void reader<Real>::body(io::basic_model_description<Real>& model, bool in_class) {
  for (;;) {
    const token t = take();
    if (t.type == kind::end) {
      if (in_class) fail(t, "unexpected end of file: the class has no closing '}'");
      return;
    }
    if (in_class && t.type == kind::punct && t.text == "}") return;
    if (t.type != kind::word) fail(t, "expected 'node' or 'potential', got " + shown(t));
    if (t.text == "potential") {
      potential_block(t);
      continue;
    }
    std::string word = t.text;
    if (word == "discrete") {
      const token n = take();
      if (n.type != kind::word) fail(n, "expected 'node', 'decision' or 'function' after 'discrete', got " + shown(n));
      word = n.text;
      if (word == "node") {
        node_block(model, t, name("a node name"));
        continue;
      }
    } else if (word == "node") {
      node_block(model, t, name("a node name"));
      continue;
    }
    if (word == "continuous") {
      if (peek().type == kind::word && peek().text == "node") take();
      fail(t, "node " + quote(peek().text) + " is a continuous node, which is not supported");
    }
    if (word == "decision" || word == "utility")
      fail(t, "node " + quote(peek().text) + " is a " + word + " node: influence diagrams are not supported");
    if (word == "function") fail(t, "node " + quote(peek().text) + " is a function node, which is not supported");
    if (word == "instance")
      fail(t, "'instance " + pitchrisk::detail::excerpt(peek().text) +
                  "' is an object-oriented (OOBN) class instance, which is not supported");
    if (word == "net" || word == "class") fail(t, "a second '" + word + "' block");
    if (in_class && t.type == kind::word && peek().type == kind::punct && peek().text == "=") {
      take();
      (void)read_value("attribute " + quote(word) + " of the class");
      if (peek().type == kind::punct && peek().text == ";") take();
      continue;
    }
    fail(t, "expected 'node' or 'potential', got " + shown(t));
  }
}

template <class Real>
io::basic_model_description<Real> reader<Real>::read() {
  io::basic_model_description<Real> model;
  model.file = m_file;
  const token first = peek();
  if (first.type == kind::end) fail(first, "empty file: expected 'net {' or 'class NAME {'");
  bool in_class = false;
  const auto header = [&](const token& key, value val) {
    if (key.text == "name" && val.atoms.size() == 1 && !val.list)
      model.name = val.atoms[0].text;
    else if (in_class && key.text == "inputs" && !val.atoms.empty())
      fail(key, "class " + quote(model.name) + " has input nodes (" + quote(val.atoms[0].text) +
                    ", ...): object-oriented (OOBN) classes with interface nodes are not supported");
    else
      model.properties.emplace_back(key.text, val.text);
  };
  if (first.type == kind::word && first.text == "net") {
    take();
    expect("{", "after 'net'");
    attributes("the net block", header);
    expect("}", "at the end of the net block");
  } else if (first.type == kind::word && first.text == "class") {
    take();
    in_class = true;
    model.name = name("a class name");
    expect("{", "after the class name");
    const std::string class_name = model.name;
    // A class holds its attributes, nodes and potentials inside its braces.
    for (;;) {
      const token& t = peek();
      if (t.type != kind::word || t.text == "node" || t.text == "potential" || t.text == "discrete" ||
          t.text == "continuous" || t.text == "decision" || t.text == "utility" || t.text == "function" ||
          t.text == "instance")
        break;
      const token key = take();
      if (!(peek().type == kind::punct && peek().text == "=")) fail(key, "expected '=' after " + quote(key.text));
      take();
      header(key, read_value("attribute " + quote(key.text) + " of class " + quote(class_name)));
      if (peek().type == kind::punct && peek().text == ";") take();
    }
    model.name = class_name;
  }
  body(model, in_class);
  if (in_class) {
    const token t = take();
    if (t.type != kind::end) fail(t, "text after the end of the class: " + shown(t));
  }

  // Potentials: resolve names, check the counts, reorder the numbers.
  if (!m_renamed.empty()) {
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < model.variables.size(); ++i)
      if (!seen.insert(model.variables[i].name).second)
        throw parse_error(m_file, model.variables[i].line, 0,
                          "two nodes are named " + quote(model.variables[i].name) + " (by pitchrisk_name)");
  }
  std::vector<bool> defined(model.variables.size(), false);
  for (potential& p : m_potentials) {
    const auto it = m_index.find(p.child);
    if (it == m_index.end()) fail(p.at, "a potential for " + quote(p.child) + ", which is not a declared node");
    const std::size_t i = it->second;
    auto& v = model.variables[i];
    const std::string who = "the potential of " + quote(p.child);
    if (defined[i]) fail(p.at, "node " + quote(p.child) + " has a second potential");
    defined[i] = true;
    v.line = p.at.line;
    std::vector<Eigen::Index> cards{static_cast<Eigen::Index>(v.states.size())};
    std::unordered_set<std::size_t> given;
    for (const token& q : p.parents) {
      const auto pt = m_index.find(q.text);
      if (pt == m_index.end()) fail(q, "parent " + quote(q.text) + " in " + who + " is not a declared node");
      if (pt->second == i) fail(q, "node " + quote(p.child) + " is listed as its own parent");
      if (!given.insert(pt->second).second)
        fail(q, "parent " + quote(q.text) + " is listed twice in " + who);
      v.parents.push_back(pt->second);
      cards.push_back(static_cast<Eigen::Index>(model.variables[pt->second].states.size()));
    }
    if (!p.data) fail(p.at, who + " has no 'data'");
    Eigen::Index entries = 0;
    try {
      entries = pitchrisk::detail::checked_table_size(cards, m_options.build.max_table_entries, who, sizeof(Real));
    } catch (const size_error& e) {
      throw size_error(m_file + ":" + std::to_string(p.at.line) + ":" + std::to_string(p.at.column) + ": " + e.what(),
                       e.needed_entries());
    }
    const std::vector<token>& numbers = p.data->atoms;
    const Eigen::Index k = cards[0], columns = entries / k;
    if (static_cast<Eigen::Index>(numbers.size()) != entries)
      fail(numbers.size() > static_cast<std::size_t>(entries) ? numbers[static_cast<std::size_t>(entries)] : p.data->first,
           "the data of " + quote(p.child) + " has " + std::to_string(numbers.size()) + " numbers, expected " +
               std::to_string(entries) + " (" + std::to_string(k) + " states x " + std::to_string(columns) +
               " parent configuration" + (columns == 1 ? "" : "s") + ")");
    std::vector<Eigen::Index> stride(v.parents.size());
    for (std::size_t q = 0, s = 1; q < v.parents.size(); ++q) {
      stride[q] = static_cast<Eigen::Index>(s);
      s *= static_cast<std::size_t>(cards[q + 1]);
    }
    v.table.resize(entries);
    const double limit = 1.0 + m_options.build.columns.tolerance;
    std::vector<Eigen::Index> x(v.parents.size(), 0);
    Eigen::Index target = 0;
    for (Eigen::Index c = 0; c < columns; ++c) {
      for (Eigen::Index s = 0; s < k; ++s) {
        const token& w = numbers[static_cast<std::size_t>(c * k + s)];
        if (w.type == kind::string) fail(w, "the data of " + quote(p.child) + ": a string " + quote(w.text) + ", expected a number");
        const auto r = pitchrisk::detail::parse_decimal<Real>(w.text);
        if (r.fault != pitchrisk::detail::number_fault::none)
          fail(w, "the data of " + quote(p.child) + ": " + quote(w.text) + " " + pitchrisk::detail::describe(r.fault));
        if (static_cast<double>(r.value) > limit)
          fail(w, "the data of " + quote(p.child) + ": " + quote(w.text) +
                      " is greater than 1 (unnormalised tables, such as counts, are not supported)");
        v.table[target * k + s] = r.value;
      }
      for (std::size_t q = v.parents.size(); q-- > 0;) {
        target += stride[q];
        if (++x[q] < cards[q + 1]) break;
        target -= stride[q] * cards[q + 1];
        x[q] = 0;
      }
    }
  }
  for (std::size_t i = 0; i < model.variables.size(); ++i)
    if (!defined[i])
      throw parse_error(m_file, model.variables[i].line, 0, "node " + quote(model.variables[i].name) + " has no potential");
  return model;
}

/// Whether `text` is a value as the reader rebuilds it (then a writer may emit it as is).
inline bool is_value_text(const std::string& text) {
  if (text.empty()) return false;
  const std::string file = "<value>";
  try {
    lexer lex(text, file);
    // Rebuild through the reader's value grammar.
    std::string rebuilt;
    std::size_t depth = 0;
    bool any = false;
    for (token t = lex.next(); t.type != kind::end; t = lex.next()) {
      if (any && depth == 0) return false;
      any = true;
      if (t.type == kind::punct && t.text == "(") {
        if (++depth > 64) return false;
        if (!rebuilt.empty() && rebuilt.back() != '(') rebuilt += ' ';
        rebuilt += '(';
      } else if (t.type == kind::punct && t.text == ")") {
        if (depth == 0) return false;
        --depth;
        rebuilt += ')';
      } else if (t.type == kind::punct) {
        return false;
      } else {
        if (!rebuilt.empty() && rebuilt.back() != '(') rebuilt += ' ';
        if (t.type == kind::string)
          append_string(rebuilt, t.text);
        else
          rebuilt += t.text;
      }
    }
    return depth == 0 && rebuilt == text;
  } catch (const parse_error&) {
    return false;
  }
}

inline void check_text(std::string_view s, const std::string& what) {
  if (s.find('\0') != std::string_view::npos)
    throw model_error("cannot write Hugin NET: " + what + " " + quote(s) + " contains a NUL byte");
}

inline std::string identifier(std::string_view name, std::unordered_set<std::string>& taken) {
  std::string base;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    base += ok ? c : '_';
  }
  if (base.empty() || (base[0] >= '0' && base[0] <= '9')) base = "n" + base;
  std::string out = base;
  for (std::size_t i = 2; !taken.insert(out).second; ++i) out = base + "_" + std::to_string(i);
  return out;
}

/// Attribute keys a property may not take (the writer's own).
inline bool reserved(std::string_view key) noexcept {
  return key == "states" || key == "label" || key == "position" || key == "pitchrisk_name" || key == "name" ||
         key == "data" || key == "inputs" || key == "outputs";
}

inline void append_property(std::string& out, const std::string& indent, const std::pair<std::string, std::string>& p) {
  if (!is_identifier(p.first) || reserved(p.first) || p.first == "node" || p.first == "potential") return;
  out += indent + p.first + " = ";
  if (is_value_text(p.second))
    out += p.second;
  else
    append_string(out, p.second);
  out += ";\n";
}

}  // namespace pitchrisk::detail::net

namespace pitchrisk::io {

template <class Real>
basic_model_description<Real> read_net_description_string(std::string_view text, std::string file_name,
                                                          const net_options& options) {
  if (text.size() > options.max_file_bytes)
    throw size_error(file_name + ": " + std::to_string(text.size()) + " bytes, over the limit of " +
                         std::to_string(options.max_file_bytes) + " bytes (max_file_bytes)",
                     static_cast<double>(text.size()));
  return pitchrisk::detail::net::reader<Real>(text, std::move(file_name), options).read();
}

template <class Real>
basic_model_description<Real> read_net_description(const std::filesystem::path& file, const net_options& options) {
  const std::string text = pitchrisk::detail::read_file(file, "Hugin NET file", options.max_file_bytes, "max_file_bytes");
  return read_net_description_string<Real>(text, file.string(), options);
}

template <class Real>
basic_network<Real> read_net(const std::filesystem::path& file, const net_options& options) {
  return to_network(read_net_description<Real>(file, options), options.build);
}

template <class Real>
basic_network<Real> read_net_string(std::string_view text, std::string file_name, const net_options& options) {
  return to_network(read_net_description_string<Real>(text, std::move(file_name), options), options.build);
}

template <class Real>
std::string to_net_string(const basic_model_description<Real>& model) {
  namespace n = pitchrisk::detail::net;
  std::string out = "% Hugin NET file written by pitchrisk\nnet\n{\n";
  if (!model.name.empty()) {
    n::check_text(model.name, "network name");
    out += "    name = ";
    n::append_string(out, model.name);
    out += ";\n";
  }
  for (const auto& p : model.properties) {
    n::check_text(p.second, "property");
    n::append_property(out, "    ", p);
  }
  out += "}\n";
  std::unordered_set<std::string> taken;
  std::vector<std::string> ids(model.variables.size());
  for (std::size_t i = 0; i < model.variables.size(); ++i)
    if (n::is_identifier(model.variables[i].name) && taken.insert(model.variables[i].name).second)
      ids[i] = model.variables[i].name;
  for (std::size_t i = 0; i < model.variables.size(); ++i)
    if (ids[i].empty()) ids[i] = n::identifier(model.variables[i].name, taken);
  for (std::size_t i = 0; i < model.variables.size(); ++i) {
    const auto& v = model.variables[i];
    n::check_text(v.name, "variable name");
    out += "\nnode " + ids[i] + "\n{\n";
    if (!v.label.empty()) {
      n::check_text(v.label, "label");
      out += "    label = ";
      n::append_string(out, v.label);
      out += ";\n";
    }
    if (v.place) {
      out += "    position = (";
      n::append_number(out, v.place->x);
      out += ' ';
      n::append_number(out, v.place->y);
      out += ");\n";
    }
    out += "    states = (";
    for (std::size_t s = 0; s < v.states.size(); ++s) {
      n::check_text(v.states[s], "a state of " + n::quote(v.name));
      if (s) out += ' ';
      n::append_string(out, v.states[s]);
    }
    out += ");\n";
    if (ids[i] != v.name) {
      out += "    pitchrisk_name = ";
      n::append_string(out, v.name);
      out += ";\n";
    }
    for (const auto& p : v.properties) {
      n::check_text(p.second, "property");
      n::append_property(out, "    ", p);
    }
    out += "}\n";
  }
  for (std::size_t i = 0; i < model.variables.size(); ++i) {
    const auto& v = model.variables[i];
    const Eigen::Array<Real, Eigen::Dynamic, 1> table = expand(model, i);
    out += '\n';
    if (v.canonical) {
      const char* kind = v.canonical->kind == local_model::noisy_or    ? "noisy-OR"
                         : v.canonical->kind == local_model::noisy_and ? "noisy-AND"
                                                                        : "noisy-MAX";
      out += "% " + ids[i] + " is a " + kind + " model; Hugin NET holds tables only: written as its full table\n";
    }
    out += "potential (" + ids[i];
    if (!v.parents.empty()) {
      out += " |";
      for (const std::size_t p : v.parents) out += " " + ids.at(p);
    }
    out += ")\n{\n    data = ";
    std::vector<Eigen::Index> cards, stride;
    Eigen::Index s = 1;
    for (const std::size_t p : v.parents) {
      cards.push_back(static_cast<Eigen::Index>(model.variables[p].states.size()));
      stride.push_back(s);
      s *= cards.back();
    }
    const auto k = static_cast<Eigen::Index>(v.states.size());
    const Eigen::Index columns = k == 0 ? 0 : table.size() / k;
    std::vector<Eigen::Index> x(cards.size(), 0);
    Eigen::Index column = 0;
    // One line per parent configuration: a level opens where every later digit is 0 and
    // closes where every later digit is at its last value.
    for (Eigen::Index c = 0; c < columns; ++c) {
      if (c) out += "\n        ";
      std::size_t opens = 1, closes = 1;
      for (std::size_t p = cards.size(); p-- > 0 && x[p] == 0;) ++opens;
      for (std::size_t p = cards.size(); p-- > 0 && x[p] == cards[p] - 1;) ++closes;
      out.append(opens, '(');
      for (Eigen::Index y = 0; y < k; ++y) {
        if (y) out += ' ';
        n::append_number(out, table[column * k + y]);
      }
      out.append(closes, ')');
      for (std::size_t p = cards.size(); p-- > 0;) {
        column += stride[p];
        if (++x[p] < cards[p]) break;
        column -= stride[p] * cards[p];
        x[p] = 0;
      }
    }
    out += ";\n}\n";
  }
  return out;
}

template <class Real>
std::string to_net_string(const basic_network<Real>& net) {
  return to_net_string(describe(net));
}

template <class Real>
void write_net(const basic_network<Real>& net, const std::filesystem::path& file) {
  const std::string text = to_net_string(net);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) throw io_error("cannot write Hugin NET file '" + file.string() + "': " + std::strerror(errno));
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.flush();
  if (!out) throw io_error("cannot write Hugin NET file '" + file.string() + "': write failed");
}

}  // namespace pitchrisk::io
