// SPDX-License-Identifier: MIT
// The Hugin NET reader: `net`, `node` (and `class`) blocks and `potential` tables into a
// model description, over the tokens of net_lexer.hpp.
#pragma once

#include "pitchrisk/core/network.hpp"
#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/detail/excerpt.hpp"
#include "pitchrisk/detail/parse_number.hpp"
#include "pitchrisk/detail/read_file.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/io/model_description.hpp"
#include "pitchrisk/io/format_options.hpp"
#include "pitchrisk/io/detail/file_columns.hpp"
#include "pitchrisk/io/detail/net_lexer.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace pitchrisk::detail::net {

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
    bool has_data = false;
    token first;                ///< the first token of the data
    lexer::mark data_at;        ///< where the data starts (after its '='), to read its tokens again
    std::optional<value> data;  ///< the data as tokens, when it is not a plain list of numbers
    std::vector<Real> numbers;  ///< the data's numbers in file order, when `data` is empty
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
    return std::string(t.text);
  }
  /// value := word | string | '(' value* ')'  (iteratively: nesting costs no stack).
  /// `with_text`: rebuild value::text (else left empty: the caller needs only the atoms).
  value read_value(const std::string& who, bool with_text = true) {
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
        if (with_text) {
          if (!v.text.empty() && v.text.back() != '(') v.text += ' ';
          v.text += '(';
        }
      } else if (t.type == kind::punct && t.text == ")") {
        if (depth == 0) fail(t, "unexpected ')' in the value of " + who);
        --depth;
        if (with_text) v.text += ')';
      } else if (t.type == kind::punct && t.text == "," && depth > 0) {
        continue;  // some writers separate list items by commas
      } else if (t.type == kind::punct) {
        fail(t, "unexpected " + shown(t) + " in the value of " + who);
      } else {
        if (with_text) {
          if (!v.text.empty() && v.text.back() != '(') v.text += ' ';
          if (t.type == kind::string)
            append_string(v.text, t.text);
          else
            v.text += t.text;
        }
        v.atoms.push_back(t);
      }
      if (depth == 0) return v;
    }
  }
  /// Attributes up to the closing brace: `name = value ;` (the `;` may be missing before `}`),
  /// each value given to on(key, value). `with_text`: as for read_value.
  template <class On>
  void attributes(const std::string& who, On&& on, bool with_text = true) {
    attribute_list(who, [&](const token& key, const std::string& what) { on(key, read_value(what, with_text)); });
  }
  /// As attributes, but on(key, what) reads the value itself (`what` names it in messages).
  template <class On>
  void attribute_list(const std::string& who, On&& on) {
    for (;;) {
      const token& t = peek();
      if (t.type == kind::punct && t.text == "}") return;
      if (t.type != kind::word) fail(t, "expected an attribute name or '}' in " + who + ", got " + shown(t));
      const token key = take();
      expect("=", "after attribute " + quote(key.text) + " of " + who);
      on(key, "attribute " + quote(key.text) + " of " + who);
      const token& end = peek();
      if (end.type == kind::punct && end.text == ";")
        take();
      else if (!(end.type == kind::punct && end.text == "}"))
        fail(end, "expected ';' after attribute " + quote(key.text) + " of " + who + ", got " + shown(end));
    }
  }
  /// Reads the value of `data` into p: its numbers straight from the text when it is a list
  /// of acceptable numbers (lexer::numbers), else its tokens, read again from the start.
  void read_data(potential& p, const std::string& what) {
    p.has_data = true;
    p.data_at = m_lex.here();  // m_next is empty: expect("=") took the last token
    p.data.reset();
    p.numbers.clear();
    p.first = peek();
    if (p.first.type == kind::punct && p.first.text == "(") {
      take();
      if (m_lex.numbers(p.numbers, 1.0 + m_options.build.columns.tolerance, m_options.max_nesting)) return;
      m_lex.rewind(p.data_at);
      m_next.reset();
      p.numbers.clear();
    }
    p.data = read_value(what, /*with_text=*/false);
  }
  void node_block(io::basic_model_description<Real>& model, const token& at, const std::string& node_name);
  void potential_block(const token& at);
  /// The numbers of data given as tokens (file order). Throws: parse_error at the first
  /// string, malformed number or number greater than 1 (plus the columns' tolerance).
  std::vector<Real> numbers_of(const std::string& child, const std::vector<token>& atoms) const {
    const double limit = 1.0 + m_options.build.columns.tolerance;
    std::vector<Real> out;
    out.reserve(atoms.size());
    for (const token& w : atoms) {
      if (w.type == kind::string) fail(w, "the data of " + quote(child) + ": a string " + quote(w.text) + ", expected a number");
      const auto r = pitchrisk::detail::parse_decimal<Real>(w.text);
      if (r.fault != pitchrisk::detail::number_fault::none)
        fail(w, "the data of " + quote(child) + ": " + quote(w.text) + " " + pitchrisk::detail::describe(r.fault));
      if (static_cast<double>(r.value) > limit)
        fail(w, "the data of " + quote(child) + ": " + quote(w.text) +
                    " is greater than 1 (unnormalised tables, such as counts, are not supported)");
      out.push_back(r.value);
    }
    return out;
  }
  void body(io::basic_model_description<Real>& model, bool in_class);
  /// The `net` block, or a class's name and attributes; returns true for a class.
  bool header(io::basic_model_description<Real>& model);
  /// Potential p, once every node is known: names to indices, the count checked, the table.
  void resolve(io::basic_model_description<Real>& model, potential& p, std::vector<bool>& defined);
  /// Throws: parse_error if p's data does not hold `entries` numbers (naming the first one
  /// too many), or (data read as tokens) at its first bad number; p.numbers then holds them.
  void check_count(potential& p, Eigen::Index entries, Eigen::Index k);


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
        if (!seen.emplace(s.text).second) fail(s, who + " lists state " + quote(s.text) + " twice");
        v.states.emplace_back(s.text);
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
  p.child = std::string(heads[0].text);
  const std::string who = "the potential of " + quote(p.child);
  expect("{", "after the head of " + who);
  attribute_list(who, [&](const token& key, const std::string& what) {
    if (key.text == "data") {
      const bool second = p.has_data;
      read_data(p, what);  // a fault in the value is reported before the second 'data'
      if (second) fail(key, who + " has a second 'data'");
      return;
    }
    (void)read_value(what, /*with_text=*/false);  // no attribute of a potential keeps its text
    if (key.text == "model_nodes" || key.text == "model_data")
      fail(key, who + " is defined by an expression ('" + std::string(key.text) + "'), which is not supported");
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
    std::string word(t.text);
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
bool reader<Real>::header(io::basic_model_description<Real>& model) {
  const token first = peek();
  if (first.type == kind::end) fail(first, "empty file: expected 'net {' or 'class NAME {'");
  bool in_class = false;
  const auto attribute = [&](const token& key, value val) {
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
    attributes("the net block", attribute);
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
      attribute(key, read_value("attribute " + quote(key.text) + " of class " + quote(class_name)));
      if (peek().type == kind::punct && peek().text == ";") take();
    }
    model.name = class_name;
  }
  return in_class;
}

template <class Real>
void reader<Real>::resolve(io::basic_model_description<Real>& model, potential& p, std::vector<bool>& defined) {
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
    const auto pt = m_index.find(std::string(q.text));
    if (pt == m_index.end()) fail(q, "parent " + quote(q.text) + " in " + who + " is not a declared node");
    if (pt->second == i) fail(q, "node " + quote(p.child) + " is listed as its own parent");
    if (!given.insert(pt->second).second) fail(q, "parent " + quote(q.text) + " is listed twice in " + who);
    v.parents.push_back(pt->second);
    cards.push_back(static_cast<Eigen::Index>(model.variables[pt->second].states.size()));
  }
  if (!p.has_data) fail(p.at, who + " has no 'data'");
  Eigen::Index entries = 0;
  try {
    entries = pitchrisk::detail::checked_table_size(cards, m_options.build.max_table_entries, who, sizeof(Real));
  } catch (const size_error& e) {
    throw size_error(m_file + ":" + std::to_string(p.at.line) + ":" + std::to_string(p.at.column) + ": " + e.what(),
                     e.needed_entries());
  }
  const Eigen::Index k = cards[0];
  check_count(p, entries, k);
  v.table.resize(entries);
  pitchrisk::detail::for_each_file_column(std::span(cards).subspan(1), entries / k, [&](Eigen::Index c, Eigen::Index column) {
    std::copy_n(p.numbers.data() + c * k, k, v.table.data() + column * k);
  });
  std::vector<Real>().swap(p.numbers);
}

template <class Real>
void reader<Real>::check_count(potential& p, Eigen::Index entries, Eigen::Index k) {
  const Eigen::Index columns = entries / k;
  if (!p.data && static_cast<Eigen::Index>(p.numbers.size()) != entries) {
    m_lex.rewind(p.data_at);  // the tokens, to name the first number too many
    m_next.reset();
    p.data = read_value("attribute 'data' of the potential of " + quote(p.child), /*with_text=*/false);
  }
  if (!p.data) return;
  const std::vector<token>& atoms = p.data->atoms;
  if (static_cast<Eigen::Index>(atoms.size()) != entries)
    fail(atoms.size() > static_cast<std::size_t>(entries) ? atoms[static_cast<std::size_t>(entries)] : p.data->first,
         "the data of " + quote(p.child) + " has " + std::to_string(atoms.size()) + " numbers, expected " +
             std::to_string(entries) + " (" + std::to_string(k) + " states x " + std::to_string(columns) +
             " parent configuration" + (columns == 1 ? "" : "s") + ")");
  p.numbers = numbers_of(p.child, atoms);
}

template <class Real>
io::basic_model_description<Real> reader<Real>::read() {
  io::basic_model_description<Real> model;
  model.file = m_file;
  const bool in_class = header(model);
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
  for (potential& p : m_potentials) resolve(model, p, defined);
  for (std::size_t i = 0; i < model.variables.size(); ++i)
    if (!defined[i])
      throw parse_error(m_file, model.variables[i].line, 0, "node " + quote(model.variables[i].name) + " has no potential");
  return model;
}

}  // namespace pitchrisk::detail::net
