// SPDX-License-Identifier: MIT
// Reads and writes Netica DNE networks (and the older `.dnet` text of Netica 1.x): `bnet`,
// `node` blocks with `states`/`numstates`, `parents`, `probs` (row-major over the parents
// then the node: node fastest, last parent next) or `functable` (one state per parent
// configuration, for deterministic nodes); everything else (visuals, fonts, beliefs, case
// counts, user fields) is skipped. Decision, utility, constant and continuous nodes are
// refused with an error naming the node, as are nodes without a table.
#pragma once

#include "pitchrisk/core/network.hpp"
#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/io/model_description.hpp"
#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/detail/excerpt.hpp"
#include "pitchrisk/detail/parse_number.hpp"
#include "pitchrisk/detail/read_file.hpp"
#include "pitchrisk/error.hpp"

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

namespace pitchrisk::io {

/// Options of the DNE reader: those of every reader, and the deepest nesting accepted.
struct dne_options : read_options {
  std::size_t max_nesting = 64;  ///< deepest `{ }` / `( )` nesting accepted
};

/// Reads a DNE file. Throws: io_error (cannot read the file), parse_error (malformed text
/// or an unsupported node, with file, line and column), model_error (cycle, column sums,
/// prefixed with the file and line of the node), size_error (a table over
/// options.build.max_table_entries, a file over options.max_file_bytes).
template <class Real = double>
[[nodiscard]] basic_network<Real> read_dne(const std::filesystem::path& file, const dne_options& options = {});

/// Reads DNE text; `file_name` is only used in error messages. Throws: as read_dne.
template <class Real = double>
[[nodiscard]] basic_network<Real> read_dne_string(std::string_view text, std::string file_name = "<string>",
                                                  const dne_options& options = {});

/// Reads DNE text into a model description (a node's `title` becomes its label, unless the
/// file was written by pitchrisk: then it is the name). Throws: as read_dne, except the
/// model_errors of the network builder.
template <class Real = double>
[[nodiscard]] basic_model_description<Real> read_dne_description_string(std::string_view text,
                                                                        std::string file_name = "<string>",
                                                                        const dne_options& options = {});
/// Reads a DNE file into a model description. Throws: as read_dne_description_string, io_error.
template <class Real = double>
[[nodiscard]] basic_model_description<Real> read_dne_description(const std::filesystem::path& file,
                                                                 const dne_options& options = {});

/// A model description as DNE text, as to_dne_string(net) writes a network; a canonical
/// model is written as its full table after a comment saying so (DNE keeps tables only).
/// Throws: as to_dne_string(net), model_error from expand().
template <class Real>
[[nodiscard]] std::string to_dne_string(const basic_model_description<Real>& model);

/// The network as DNE text: declaration order, `probs` nested like Netica's own output,
/// the given (not renormalised) numbers in shortest round-trip form. Netica names are
/// identifiers (a letter, then letters, digits or `_`, at most 30 characters): another
/// name is written as such an identifier and kept in the node's `title` (states:
/// `statetitles`, network: the bnet `title`); a file marked as written by pitchrisk gives
/// these names back when it is read. Throws: model_error for a name containing a NUL byte.
template <class Real>
[[nodiscard]] std::string to_dne_string(const basic_network<Real>& net);

/// Writes to_dne_string(net) to `file`. Throws: as to_dne_string, io_error.
template <class Real>
void write_dne(const basic_network<Real>& net, const std::filesystem::path& file);

/// Whether `name` is a Netica identifier (written as is, without a title).
[[nodiscard]] inline bool is_dne_name(std::string_view name) noexcept;

}  // namespace pitchrisk::io

/// Internals of the DNE reader and writer.
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

/// A Netica identifier made from `name`: invalid characters become `_`, a leading letter
/// is added when needed, at most 30 characters, unique within `taken`.
inline std::string identifier(std::string_view name, std::unordered_set<std::string>& taken) {
  std::string base;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    base += ok ? c : '_';
  }
  if (base.empty() || !((base[0] >= 'a' && base[0] <= 'z') || (base[0] >= 'A' && base[0] <= 'Z'))) base = "s" + base;
  if (base.size() > 30) base.resize(30);
  std::string out = base;
  for (std::size_t i = 2; !taken.insert(out).second; ++i) {
    const std::string suffix = "_" + std::to_string(i);
    out = base.substr(0, 30 - suffix.size()) + suffix;
  }
  return out;
}

template <class Real>
void append_number(std::string& out, Real x) {
  char buffer[64];
  const std::to_chars_result r = std::to_chars(buffer, buffer + sizeof buffer, x);
  const std::string_view text(buffer, static_cast<std::size_t>(r.ptr - buffer));
  out += text;
  if (text.find_first_of(".eE") == std::string_view::npos) out += ".0";
}

/// A quoted string with `"`, backslashes and line breaks escaped as Netica reads them.
inline void append_string(std::string& out, std::string_view s, const std::string& what) {
  if (s.find('\0') != std::string_view::npos)
    throw model_error("cannot write DNE: " + what + " " + quote(s) + " contains a NUL byte");
  out += '"';
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else
      out += c;
  }
  out += '"';
}

/// Pass 2: the document into a network.
template <class Real>
io::basic_model_description<Real> resolve(document& doc, const std::string& file, const io::dne_options& options) {
  const auto place = [&](const token& t) {
    return file + ":" + std::to_string(t.line) + ":" + std::to_string(t.column);
  };
  const auto fail = [&](const token& t, const std::string& what) -> void {
    throw parse_error(file, t.line, t.column, what);
  };
  const auto word_of = [](const value* v) -> std::string_view {
    return v && v->leaves.size() == 1 && v->leaves[0].type == kind::word ? v->leaves[0].text : std::string_view();
  };
  const auto text_of = [](const token& t) {
    return t.type == kind::quoted ? unescape(t.text) : std::string(t.text);
  };

  std::string net_name = std::string(doc.bnet.text);
  if (doc.ours)
    if (const auto it = doc.fields.find("title"); it != doc.fields.end() && it->second.leaves.size() == 1)
      net_name = text_of(it->second.leaves[0]);
  io::basic_model_description<Real> model;
  model.name = net_name;
  model.file = file;
  if (const auto it = doc.fields.find("comment"); it != doc.fields.end() && it->second.leaves.size() == 1)
    model.comment = text_of(it->second.leaves[0]);

  // A constant node without a table that no node uses is a text box (Netica's title and
  // documentation nodes, `kind = CONSTANT; discrete = FALSE;`): it is left out.
  {
    std::unordered_set<std::string_view> used;
    for (const node_decl& node : doc.nodes)
      if (const auto it = node.fields.find("parents"); it != node.fields.end())
        for (const token& p : it->second.leaves) used.insert(p.text);
    std::erase_if(doc.nodes, [&](const node_decl& node) {
      return word_of(node.fields.count("kind") ? &node.fields.at("kind") : nullptr) == "CONSTANT" &&
             !node.fields.count("probs") && !node.fields.count("functable") && !used.count(node.name.text);
    });
  }
  std::unordered_map<std::string_view, std::size_t> index;
  std::vector<std::vector<std::string>> state_ids(doc.nodes.size());
  for (std::size_t i = 0; i < doc.nodes.size(); ++i) {
    node_decl& node = doc.nodes[i];
    const std::string who = "node " + quote(node.name.text);
    const auto field = [&](std::string_view key) -> const value* {
      const auto it = node.fields.find(key);
      return it == node.fields.end() ? nullptr : &it->second;
    };
    if (!index.emplace(node.name.text, i).second)
      fail(node.name, who + " is declared twice (first at line " +
                          std::to_string(doc.nodes[index[node.name.text]].name.line) + ")");
    const std::string_view kind_word = word_of(field("kind"));
    if (kind_word == "DECISION" || kind_word == "UTILITY")
      fail(node.name, who + " is a " + (kind_word == "DECISION" ? std::string("decision") : std::string("utility")) +
                          " node: influence diagrams are not supported");
    if (kind_word == "CONSTANT") fail(node.name, who + " is a constant node (kind = CONSTANT), which is not supported");
    if (!kind_word.empty() && kind_word != "NATURE" && kind_word != "DISCONNECTED")
      fail(field("kind")->at, who + ": kind " + quote(kind_word) + " is not supported (only NATURE)");
    if (word_of(field("discrete")) == "FALSE")
      fail(node.name, who + " is continuous (discrete = FALSE), which is not supported");
    if (!field("probs") && !field("functable"))
      fail(node.name, who + (node.keyword.text == "param" ? " (a 'param' block, kind " +
                                                                 std::string(kind_word.empty() ? "unset" : kind_word) + ")"
                                                           : std::string()) +
                          " has no probability table ('probs' or 'functable')" +
                          (field("equation") ? "; tables defined only by an equation are not supported" : ""));
    std::vector<std::string> states;
    if (const value* s = field("states")) {
      for (const token& t : s->leaves) {
        if (t.type != kind::word) fail(t, who + ": a state name must be a word, got a quoted string");
        state_ids[i].emplace_back(t.text);
      }
    }
    if (const value* n = field("numstates")) {
      const std::string_view w = word_of(n);
      const auto count = pitchrisk::detail::parse_count(w);
      if (w.empty() || count.fault != pitchrisk::detail::number_fault::none)
        fail(n->at, who + ": numstates " + quote(w.empty() ? std::string_view("?") : w) + " is not a whole number");
      const Eigen::Index cards[] = {count.value > static_cast<std::uint64_t>(std::numeric_limits<Eigen::Index>::max())
                                        ? std::numeric_limits<Eigen::Index>::max()
                                        : static_cast<Eigen::Index>(count.value)};
      pitchrisk::detail::checked_table_size(cards, options.build.max_table_entries,
                                 place(n->at) + ": " + who + " declares " + std::string(w) + " states; its table");
      if (field("states") && count.value != state_ids[i].size())
        fail(n->at, who + " declares " + std::string(w) + " states (numstates) but lists " +
                        std::to_string(state_ids[i].size()));
      if (!field("states"))
        for (std::uint64_t k = 0; k < count.value; ++k) state_ids[i].push_back("state" + std::to_string(k));
    }
    if (state_ids[i].empty()) fail(node.name, who + " has no states ('states' or 'numstates')");
    {
      std::unordered_set<std::string_view> seen;
      for (const auto& s : state_ids[i])
        if (!seen.insert(s).second) fail(field("states")->at, who + " lists state " + quote(s) + " twice");
    }
    std::string name(node.name.text);
    std::string label;
    states = state_ids[i];
    if (const value* t = field("title"); t && t->leaves.size() == 1) (doc.ours ? name : label) = text_of(t->leaves[0]);
    if (doc.ours) {
      if (const value* t = field("statetitles"); t && t->leaves.size() == states.size())
        for (std::size_t k = 0; k < states.size(); ++k)
          if (t->leaves[k].type == kind::quoted) states[k] = unescape(t->leaves[k].text);
    }
    io::basic_variable_description<Real> d;
    d.name = std::move(name);
    d.states = std::move(states);
    d.label = std::move(label);
    d.line = node.name.line;
    model.variables.push_back(std::move(d));
  }

  for (std::size_t i = 0; i < doc.nodes.size(); ++i) {
    node_decl& node = doc.nodes[i];
    const std::string who = "node " + quote(node.name.text);
    std::vector<std::size_t> parents;
    std::vector<Eigen::Index> cards{static_cast<Eigen::Index>(state_ids[i].size())};
    if (const auto it = node.fields.find("parents"); it != node.fields.end()) {
      for (const token& p : it->second.leaves) {
        const auto found = index.find(p.text);
        if (p.type != kind::word || found == index.end())
          fail(p, "parent " + quote(p.text) + " of " + who + " is not a declared node");
        if (found->second == i) fail(p, who + " is listed as its own parent");
        if (std::find(parents.begin(), parents.end(), found->second) != parents.end())
          fail(p, "parent " + quote(p.text) + " is listed twice in " + who);
        parents.push_back(found->second);
        cards.push_back(static_cast<Eigen::Index>(state_ids[found->second].size()));
      }
    }
    const Eigen::Index entries =
        pitchrisk::detail::checked_table_size(cards, options.build.max_table_entries, place(node.name) + ": cpt of " + who, sizeof(Real));
    const Eigen::Index k = cards[0];
    const Eigen::Index columns = entries / k;
    model.variables[i].parents = parents;

    // The file's column c (last parent fastest) -> the builder's column (first parent fastest).
    std::vector<Eigen::Index> builder_stride(parents.size());
    {
      Eigen::Index s = 1;
      for (std::size_t p = 0; p < parents.size(); ++p) {
        builder_stride[p] = s;
        s *= cards[p + 1];
      }
    }
    std::vector<Eigen::Index> x(parents.size(), 0);
    Eigen::Index target = 0;
    const auto advance = [&] {
      for (std::size_t p = parents.size(); p-- > 0;) {
        target += builder_stride[p];
        if (++x[p] < cards[p + 1]) return;
        target -= builder_stride[p] * cards[p + 1];
        x[p] = 0;
      }
    };
    Eigen::Array<Real, Eigen::Dynamic, 1> table(entries);
    if (const auto probs = node.fields.find("probs"); probs != node.fields.end()) {
      const value& v = probs->second;
      // Netica 1.x (.dnet) leaves out each distribution's last entry (1 minus the others).
      const bool implied_last = k > 1 && static_cast<Eigen::Index>(v.leaves.size()) == columns * (k - 1) &&
                                static_cast<Eigen::Index>(v.leaves.size()) != entries;
      if (!implied_last && static_cast<Eigen::Index>(v.leaves.size()) != entries)
        fail(v.at, "the probs of " + who + " have " + std::to_string(v.leaves.size()) + " values, expected " +
                       std::to_string(entries) + " (" + std::to_string(k) + " states x " + std::to_string(columns) +
                       " parent configuration" + (columns == 1 ? "" : "s") + ")");
      std::size_t at = 0;
      for (Eigen::Index c = 0; c < columns; ++c) {
        Real rest = 1;
        for (Eigen::Index s = 0; s < k; ++s) {
          if (implied_last && s == k - 1) {
            // Rounding in the printed entries may leave a tiny negative rest: that is 0.
            if (rest < Real(0) && rest > -Real(options.build.columns.tolerance)) rest = 0;
            if (rest < Real(0))
              fail(v.at, "the probs of " + who + " (written without their last entries, as Netica 1.x does) add up "
                         "to more than 1 in parent configuration " + std::to_string(c + 1));
            table[target * k + s] = rest;
            break;
          }
          const token& t = v.leaves[at++];
          const auto p = pitchrisk::detail::parse_decimal<Real>(t.type == kind::word ? t.text : std::string_view());
          if (t.type != kind::word || p.fault != pitchrisk::detail::number_fault::none)
            fail(t, "the probs of " + who + ": value " + quote(t.text) + " " +
                        (t.type == kind::word ? pitchrisk::detail::describe(p.fault) : "is a quoted string, not a number"));
          table[target * k + s] = p.value;
          rest -= p.value;
        }
        advance();
      }
    } else {
      const value& v = node.fields.find("functable")->second;
      if (static_cast<Eigen::Index>(v.leaves.size()) != columns)
        fail(v.at, "the functable of " + who + " has " + std::to_string(v.leaves.size()) + " entries, expected " +
                       std::to_string(columns) + " (one per parent configuration)");
      table.setZero();
      for (Eigen::Index c = 0; c < columns; ++c) {
        const token& t = v.leaves[static_cast<std::size_t>(c)];
        const auto& ids = state_ids[i];
        const auto s = std::find(ids.begin(), ids.end(), t.text);
        if (s == ids.end()) fail(t, "the functable of " + who + ": " + quote(t.text) + " is not a state of the node");
        table[target * k + (s - ids.begin())] = Real(1);
        advance();
      }
    }
    model.variables[i].table = std::move(table);
  }
  return model;
}

}  // namespace pitchrisk::detail::dne

namespace pitchrisk::io {

inline bool is_dne_name(std::string_view name) noexcept {
  if (name.empty() || name.size() > 30) return false;
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!letter(name[0])) return false;
  for (const char c : name)
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '_') return false;
  return true;
}

template <class Real>
basic_model_description<Real> read_dne_description_string(std::string_view text, std::string file_name,
                                                          const dne_options& options) {
  if (text.size() > options.max_file_bytes)
    throw size_error(file_name + ": " + std::to_string(text.size()) + " bytes, over the limit of " +
                         std::to_string(options.max_file_bytes) + " bytes (max_file_bytes)",
                     static_cast<double>(text.size()));
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    const auto pos = static_cast<std::size_t>(static_cast<const char*>(nul) - text.data());
    std::size_t line = 1, start = 0;
    for (std::size_t i = 0; i < pos; ++i)
      if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
        ++line;
        start = i + 1;
      }
    throw parse_error(file_name, line, pos - start + 1, "NUL byte in the text (a binary file?)");
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  pitchrisk::detail::dne::document doc = pitchrisk::detail::dne::parser(text, file_name, options).parse();
  const std::size_t mark = text.find(pitchrisk::detail::dne::marker);
  doc.ours = mark != std::string_view::npos && mark < 256;
  return pitchrisk::detail::dne::resolve<Real>(doc, file_name, options);
}

template <class Real>
basic_model_description<Real> read_dne_description(const std::filesystem::path& file, const dne_options& options) {
  const std::string text = pitchrisk::detail::read_file(file, "DNE file", options.max_file_bytes, "max_file_bytes");
  return read_dne_description_string<Real>(text, file.string(), options);
}

template <class Real>
basic_network<Real> read_dne_string(std::string_view text, std::string file_name, const dne_options& options) {
  return to_network(read_dne_description_string<Real>(text, std::move(file_name), options), options.build);
}

template <class Real>
basic_network<Real> read_dne(const std::filesystem::path& file, const dne_options& options) {
  return to_network(read_dne_description<Real>(file, options), options.build);
}

template <class Real>
std::string to_dne_string(const basic_model_description<Real>& model) {
  std::string out;
  out += "// ~->[DNET-1]->~\n\n";
  out += pitchrisk::detail::dne::marker;
  out += "; a node's title and statetitles keep its names where they are not Netica identifiers.\n\n";
  std::unordered_set<std::string> taken;
  const std::string net_id = pitchrisk::detail::dne::identifier(model.name.empty() ? "network" : model.name, taken);
  out += "bnet " + net_id + " {\nautoupdate = TRUE;\n";
  if (net_id != model.name) {
    out += "title = ";
    pitchrisk::detail::dne::append_string(out, model.name, "network name");
    out += ";\n";
  }
  taken.clear();
  std::vector<std::string> ids;
  for (const auto& var : model.variables)
    ids.push_back(io::is_dne_name(var.name) && taken.insert(var.name).second ? var.name : std::string());
  for (std::size_t v = 0; v < ids.size(); ++v)
    if (ids[v].empty()) ids[v] = pitchrisk::detail::dne::identifier(model.variables[v].name, taken);

  for (std::size_t v = 0; v < model.variables.size(); ++v) {
    const auto& var = model.variables[v];
    const std::vector<std::size_t>& parents = var.parents;
    if (var.canonical) {
      const char* kind = var.canonical->kind == local_model::noisy_or    ? "noisy-OR"
                         : var.canonical->kind == local_model::noisy_and ? "noisy-AND"
                                                                          : "noisy-MAX";
      out += "\n// " + ids[v] + " is a " + kind + " model, written as its full table (DNE keeps tables only).";
    }
    out += "\nnode " + ids[v] + " {\n\tkind = NATURE;\n\tdiscrete = TRUE;\n\tchance = CHANCE;\n";
    std::unordered_set<std::string> state_taken;
    std::vector<std::string> states;
    bool renamed = false;
    for (const std::string& s : var.states)
      if (io::is_dne_name(s)) state_taken.insert(s);
    for (const std::string& s : var.states) {
      if (io::is_dne_name(s)) {
        states.push_back(s);
      } else {
        states.push_back(pitchrisk::detail::dne::identifier(s, state_taken));
        renamed = true;
      }
    }
    out += "\tstates = (";
    for (std::size_t s = 0; s < states.size(); ++s) out += (s ? ", " : "") + states[s];
    out += ");\n";
    if (renamed) {
      out += "\tstatetitles = (";
      for (std::size_t s = 0; s < states.size(); ++s) {
        if (s) out += ", ";
        pitchrisk::detail::dne::append_string(out, var.states[s], "a state name of " + pitchrisk::detail::dne::quote(var.name));
      }
      out += ");\n";
    }
    out += "\tparents = (";
    for (std::size_t i = 0; i < parents.size(); ++i) out += (i ? ", " : "") + ids[parents[i]];
    out += ");\n\tprobs = \n\t\t";
    std::vector<Eigen::Index> cards;
    for (const std::size_t p : parents) cards.push_back(static_cast<Eigen::Index>(model.variables[p].states.size()));
    // The file nests the first parent outermost; the builder's column of a parent
    // configuration has the first parent fastest: strides 1, |P1|, |P1||P2|...
    std::vector<Eigen::Index> strides(parents.size());
    Eigen::Index stride = 1;
    for (std::size_t i = 0; i < parents.size(); ++i) {
      strides[i] = stride;
      stride *= cards[i];
    }
    const Eigen::Array<Real, Eigen::Dynamic, 1> columns = expand(model, v);
    const auto k = static_cast<Eigen::Index>(var.states.size());
    const Eigen::Index count = columns.size() / k;
    std::vector<Eigen::Index> x(parents.size(), 0);
    Eigen::Index column = 0;
    for (Eigen::Index c = 0; c < count; ++c) {
      // Open one parenthesis per parent whose state (and all after it) just wrapped to 0.
      std::size_t open = 0;
      while (open < parents.size() && std::all_of(x.end() - static_cast<std::ptrdiff_t>(open + 1), x.end(),
                                                  [](Eigen::Index s) { return s == 0; }))
        ++open;
      if (c > 0) out += "\n\t\t";
      out.append(parents.size() - open, ' ');
      out.append(open, '(');
      out += '(';
      for (Eigen::Index s = 0; s < k; ++s) {
        if (s) out += ", ";
        pitchrisk::detail::dne::append_number(out, columns[column * k + s]);
      }
      out += ')';
      // Close one parenthesis per parent that is at its last state (from the last parent).
      std::size_t close = 0;
      for (std::size_t i = parents.size(); i-- > 0;) {
        if (x[i] + 1 != cards[i]) break;
        ++close;
      }
      out.append(close, ')');
      out += c + 1 < count ? "," : ";";
      for (std::size_t i = parents.size(); i-- > 0;) {  // odometer, last parent fastest
        column += strides[i];
        if (++x[i] < cards[i]) break;
        column -= strides[i] * cards[i];
        x[i] = 0;
      }
    }
    out += "\n";
    if (ids[v] != var.name) {
      out += "\ttitle = ";
      pitchrisk::detail::dne::append_string(out, var.name, "variable name");
      out += ";\n";
    }
    out += "\t};\n";
  }
  out += "};\n";
  return out;
}

template <class Real>
std::string to_dne_string(const basic_network<Real>& net) {
  return to_dne_string(describe(net));
}

template <class Real>
void write_dne(const basic_network<Real>& net, const std::filesystem::path& file) {
  const std::string text = to_dne_string(net);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) throw io_error("cannot write DNE file '" + file.string() + "': " + std::strerror(errno));
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.flush();
  if (!out) throw io_error("cannot write DNE file '" + file.string() + "': write failed");
}

}  // namespace pitchrisk::io
