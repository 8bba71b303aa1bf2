// SPDX-License-Identifier: MIT
// The GeNIe DSL reader: `net NAME { node X { TYPE; HEADER; PARENTS; DEFINITION { NAMESTATES;
// PROBABILITIES }; }; };` into a model description, over the tokens of detail/dsl_lexer.hpp.
// Blocks it does not use are skipped without recursion; names are resolved once every node
// is known.
#pragma once

#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/detail/dsl_lexer.hpp"
#include "pitchrisk/detail/excerpt.hpp"
#include "pitchrisk/detail/parse_number.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/io/detail/file_columns.hpp"
#include "pitchrisk/io/format_options.hpp"
#include "pitchrisk/io/model_description.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

/// Internals of the DSL reader and writer.
namespace pitchrisk::detail::dsl {

/// One node as the file gives it, before names are resolved.
template <class Real>
struct node {
  token at;                          ///< the node's name
  token type;                        ///< the TYPE value (end kind when absent)
  std::vector<token> parents;        ///< PARENTS, in order
  bool has_parents = false, has_definition = false;
  token probabilities;               ///< the PROBABILITIES key (end kind when absent)
  std::vector<Real> values;          ///< PROBABILITIES, file order
  std::vector<std::string> state_comments;  ///< EXTRA_DEFINITION STATECOMMENTS
  token states_at;                   ///< the STATECOMMENTS key
};

/// Reads one DSL document.
template <class Real>
class reader {
 public:
  reader(std::string_view text, std::string file, const io::dsl_options& options)
      : m_in(text, std::move(file)), m_options(options) {}
  io::basic_model_description<Real> read();

 private:
  void expect(char c, const std::string& where) {
    const token t = m_in.next();
    if (!t.is(c)) m_in.fail(t, "expected '" + std::string(1, c) + "' " + where + ", got " + lexer::describe(t));
  }
  /// Reads `{ KEY = value ; ... }`, calling on_key(key) for each key; a key it does not take
  /// (returns false) has its value skipped.
  template <class OnKey>
  void block(const std::string& who, OnKey&& on_key) {
    expect('{', "to open " + who);
    for (;;) {
      const token key = m_in.next();
      if (key.is('}')) return;
      if (key.type != kind::word)
        m_in.fail(key, "expected a property name or '}' in " + who + ", got " + lexer::describe(key));
      expect('=', "after " + quote(key.text) + " in " + who);
      if (!on_key(key)) skip(key, who);
      expect(';', "after the value of " + quote(key.text) + " in " + who);
    }
  }
  /// Skips a value up to the `;` that ends it (not consumed), balancing braces and parentheses.
  void skip(const token& key, const std::string& who) {
    std::vector<char> open;
    for (;;) {
      const token& t = m_in.peek();
      if (t.type == kind::end)
        m_in.fail(t, "unexpected end of the file in the value of " + quote(key.text) + " in " + who);
      if (open.empty() && (t.is(';') || t.is('}') || t.is(')'))) {
        if (!t.is(';')) m_in.fail(t, "expected ';' after the value of " + quote(key.text) + " in " + who + ", got " + lexer::describe(t));
        return;
      }
      if (t.is('{') || t.is('(')) {
        if (open.size() >= m_options.max_nesting)
          m_in.fail(t, "blocks nested deeper than " + std::to_string(m_options.max_nesting) + " (dsl_options::max_nesting)");
        open.push_back(t.is('{') ? '}' : ')');
      } else if (t.is('}') || t.is(')')) {
        if (t.text[0] != open.back())
          m_in.fail(t, "unbalanced " + lexer::describe(t) + " in the value of " + quote(key.text) + " in " + who);
        open.pop_back();
      }
      (void)m_in.next();
    }
  }
  /// Reads `( item, item, ... )`, calling on_item(token) for each item (a word or a string).
  template <class OnItem>
  void list(const token& key, const std::string& who, OnItem&& on_item) {
    const std::string what = "the " + std::string(key.text) + " list of " + who;
    expect('(', "to open " + what);
    if (m_in.peek().is(')')) {
      (void)m_in.next();
      return;
    }
    for (;;) {
      const token item = m_in.next();
      if (item.type != kind::word && item.type != kind::string)
        m_in.fail(item, "expected a value in " + what + ", got " + lexer::describe(item));
      on_item(item);
      const token t = m_in.next();
      if (t.is(')')) return;
      if (!t.is(',')) m_in.fail(t, "expected ',' or ')' in " + what + ", got " + lexer::describe(t));
    }
  }
  /// `node NAME { ... };` (after `node`) into nodes and model.variables.
  void read_node(io::basic_model_description<Real>& model, std::vector<node<Real>>& nodes);
  /// One property of a node's block; false for a property the reader skips.
  bool node_property(const token& key, const std::string& who, node<Real>& nd, io::basic_variable_description<Real>& v);
  /// TYPE: CPT or TRUTHTABLE; anything else is refused naming it.
  void read_type(const std::string& who, node<Real>& nd);
  /// SCREEN: the POSITION's CENTER_X and CENTER_Y, when both are given.
  void read_screen(const std::string& who, io::basic_variable_description<Real>& v);
  /// DEFINITION's NAMESTATES (key `k`).
  void read_states(const token& k, const std::string& who, io::basic_variable_description<Real>& v);
  /// DEFINITION's PROBABILITIES (key `k`), file order.
  void read_probabilities(const token& k, const std::string& who, node<Real>& nd);
  /// The net block's properties and nodes up to its '}' (not taken); true when the network
  /// HEADER's COMMENT marks a file written by pitchrisk, whose NAME goes to `header_name`.
  bool net_block(io::basic_model_description<Real>& model, std::vector<node<Real>>& nodes, std::string& header_name);
  /// Node i's parents by name and its table in the description's order.
  void resolve(io::basic_model_description<Real>& model, node<Real>& nd, std::size_t i);
  /// Our own file: the names from HEADER NAME and STATECOMMENTS.
  void real_names(io::basic_model_description<Real>& model, const std::vector<node<Real>>& nodes,
                  const std::string& header_name) const;

  lexer m_in;
  const io::dsl_options& m_options;
  std::unordered_map<std::string_view, std::size_t> m_index;
};

template <class Real>
io::basic_model_description<Real> reader<Real>::read() {
  io::basic_model_description<Real> model;
  model.file = m_in.file();
  std::vector<node<Real>> nodes;
  const token start = m_in.next();
  if (start.type == kind::end) m_in.fail(start, "empty file: expected 'net NAME { ... };'");
  if (!start.is_word("net")) m_in.fail(start, "expected 'net' at the start of a DSL file, got " + lexer::describe(start));
  const token name = m_in.next();
  if (name.type != kind::word && name.type != kind::string)
    m_in.fail(name, "expected the network name after 'net', got " + lexer::describe(name));
  model.name = std::string(name.text);
  expect('{', "after 'net " + pitchrisk::detail::excerpt(name.text) + "'");
  std::string header_name;
  const bool ours = net_block(model, nodes, header_name);
  (void)m_in.next();
  if (m_in.peek().is(';')) (void)m_in.next();
  if (const token& t = m_in.peek(); t.type != kind::end)
    m_in.fail(t, "expected the end of the file after the net block, got " + lexer::describe(t));
  // Parents and tables, now that every node is known.
  for (std::size_t i = 0; i < nodes.size(); ++i) resolve(model, nodes[i], i);
  if (ours) real_names(model, nodes, header_name);
  return model;
}

template <class Real>
bool reader<Real>::net_block(io::basic_model_description<Real>& model, std::vector<node<Real>>& nodes,
                             std::string& header_name) {
  bool ours = false;
  for (;;) {
    const token t = m_in.peek();
    if (t.is('}')) return ours;
    if (t.is_word("node")) {
      (void)m_in.next();
      read_node(model, nodes);
      continue;
    }
    (void)m_in.next();
    if (t.type != kind::word) m_in.fail(t, "expected 'node', a property name or '}' in the net block, got " + lexer::describe(t));
    expect('=', "after " + quote(t.text) + " in the net block");
    if (t.text == "HEADER") {
      block("the network HEADER", [&](const token& k) {
        if (k.text != "NAME" && k.text != "COMMENT") return false;
        const token value = m_in.next();
        if (value.type != kind::string) m_in.fail(value, "expected a string after " + std::string(k.text) + " in the network HEADER, got " + lexer::describe(value));
        if (k.text == "NAME") header_name = std::string(value.text);
        else ours = value.text.substr(0, marker.size()) == marker;
        return true;
      });
    } else {
      skip(t, "the net block");
    }
    expect(';', "after the value of " + quote(t.text) + " in the net block");
  }
}

template <class Real>
void reader<Real>::resolve(io::basic_model_description<Real>& model, node<Real>& nd, std::size_t i) {
  auto& v = model.variables[i];
  const std::string who = "node " + quote(nd.at.text);
  std::vector<Eigen::Index> cards{static_cast<Eigen::Index>(v.states.size())};
  for (const token& p : nd.parents) {
    const auto it = m_index.find(p.text);
    if (it == m_index.end()) m_in.fail(p, "parent " + quote(p.text) + " of " + who + " is not a declared node");
    if (it->second == i) m_in.fail(p, who + " is listed as its own parent");
    if (std::find(v.parents.begin(), v.parents.end(), it->second) != v.parents.end())
      m_in.fail(p, "parent " + quote(p.text) + " is listed twice in " + who);
    v.parents.push_back(it->second);
    cards.push_back(static_cast<Eigen::Index>(model.variables[it->second].states.size()));
  }
  Eigen::Index entries = 0;
  try {
    entries = pitchrisk::detail::checked_table_size(cards, m_options.build.max_table_entries, "the table of " + who, sizeof(Real));
  } catch (const size_error& err) {
    throw size_error(m_in.file() + ":" + std::to_string(nd.at.line) + ":" + std::to_string(nd.at.column) + ": " + err.what(),
                     err.needed_entries());
  }
  const Eigen::Index k = cards[0], columns = entries / k;
  if (static_cast<Eigen::Index>(nd.values.size()) != entries)
    m_in.fail(nd.probabilities, "the probabilities of " + who + " have " + std::to_string(nd.values.size()) +
                                    " values, expected " + std::to_string(entries) + " (" + std::to_string(k) +
                                    " states x " + std::to_string(columns) + " parent configuration" +
                                    (columns == 1 ? "" : "s") + ")");
  v.table.resize(entries);
  pitchrisk::detail::for_each_file_column(std::span(cards).subspan(1), columns, [&](Eigen::Index c, Eigen::Index column) {
    std::copy_n(nd.values.data() + c * k, k, v.table.data() + column * k);
  });
  std::vector<Real>().swap(nd.values);
}

template <class Real>
void reader<Real>::real_names(io::basic_model_description<Real>& model, const std::vector<node<Real>>& nodes,
                              const std::string& header_name) const {
  model.name = header_name;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    auto& v = model.variables[i];
    if (!v.label.empty()) v.name = v.label;
    v.label.clear();
    const auto& comments = nodes[i].state_comments;
    if (comments.size() != v.states.size()) continue;
    for (std::size_t s = 0; s < comments.size(); ++s)
      if (!comments[s].empty()) v.states[s] = comments[s];
    std::unordered_set<std::string_view> seen;
    for (const std::string& s : v.states)
      if (!seen.insert(s).second)
        m_in.fail(nodes[i].states_at, "node " + quote(nodes[i].at.text) + " names state " + quote(s) + " twice");
  }
}

template <class Real>
void reader<Real>::read_node(io::basic_model_description<Real>& model, std::vector<node<Real>>& nodes) {
  node<Real> nd;
  nd.at = m_in.next();
  if (nd.at.type != kind::word) m_in.fail(nd.at, "expected a node name after 'node', got " + lexer::describe(nd.at));
  const std::string who = "node " + quote(nd.at.text);
  if (nodes.size() >= m_options.max_nodes)
    throw size_error(m_in.file() + ":" + std::to_string(nd.at.line) + ":" + std::to_string(nd.at.column) +
                         ": more than " + std::to_string(m_options.max_nodes) + " nodes (dsl_options::max_nodes)",
                     static_cast<double>(nodes.size() + 1));
  if (!m_index.emplace(nd.at.text, nodes.size()).second) m_in.fail(nd.at, who + " is declared twice");
  io::basic_variable_description<Real> v;
  v.name = std::string(nd.at.text);
  v.line = nd.at.line;
  block(who, [&](const token& key) { return node_property(key, who, nd, v); });
  if (m_in.peek().is(';')) (void)m_in.next();  // the ';' after a node's '}' (optional)
  if (nd.type.type == kind::end) m_in.fail(nd.at, who + " has no TYPE");
  if (!nd.has_definition) m_in.fail(nd.at, who + " has no DEFINITION");
  if (v.states.empty()) m_in.fail(nd.at, who + " has no NAMESTATES");
  if (nd.probabilities.type == kind::end) m_in.fail(nd.at, who + " has no PROBABILITIES");
  nodes.push_back(std::move(nd));
  model.variables.push_back(std::move(v));
}

template <class Real>
bool reader<Real>::node_property(const token& key, const std::string& who, node<Real>& nd,
                                 io::basic_variable_description<Real>& v) {
  if (key.text == "TYPE") {
    read_type(who, nd);
    return true;
  }
  if (key.text == "HEADER") {
    block("the HEADER of " + who, [&](const token& k) {
      if (k.text != "NAME") return false;
      const token name = m_in.next();
      if (name.type != kind::string && name.type != kind::word)
        m_in.fail(name, "expected a name after NAME in " + who + ", got " + lexer::describe(name));
      v.label = std::string(name.text);
      return true;
    });
    return true;
  }
  if (key.text == "PARENTS") {
    if (nd.has_parents) m_in.fail(key, who + " has a second PARENTS list");
    nd.has_parents = true;
    list(key, who, [&](const token& p) { nd.parents.push_back(p); });
    return true;
  }
  if (key.text == "SCREEN") {
    read_screen(who, v);
    return true;
  }
  if (key.text == "EXTRA_DEFINITION") {
    block("the EXTRA_DEFINITION of " + who, [&](const token& k) {
      if (k.text != "STATECOMMENTS") return false;
      nd.states_at = k;
      nd.state_comments.clear();
      list(k, who, [&](const token& s) { nd.state_comments.emplace_back(s.text); });
      return true;
    });
    return true;
  }
  if (key.text != "DEFINITION") return false;
  if (nd.has_definition) m_in.fail(key, who + " has a second DEFINITION");
  nd.has_definition = true;
  block("the DEFINITION of " + who, [&](const token& k) {
    if (k.text == "NAMESTATES") {
      read_states(k, who, v);
      return true;
    }
    if (k.text != "PROBABILITIES") return false;
    read_probabilities(k, who, nd);
    v.line = k.line;
    return true;
  });
  return true;
}

template <class Real>
void reader<Real>::read_type(const std::string& who, node<Real>& nd) {
  nd.type = m_in.next();
  if (nd.type.type != kind::word) m_in.fail(nd.type, "expected a node type after TYPE in " + who + ", got " + lexer::describe(nd.type));
  const std::string_view t = nd.type.text;
  if (t == "CPT" || t == "TRUTHTABLE") return;
  if (t == "LIST" || t == "TABLE" || t == "MAU")
    m_in.fail(nd.type, who + " is a " + std::string(t == "LIST" ? "decision" : t == "TABLE" ? "utility" : "multi-attribute utility") +
                           " node (TYPE = " + std::string(t) + "): influence diagrams are not supported");
  m_in.fail(nd.type, who + " has TYPE = " + pitchrisk::detail::excerpt(t) + ", which is not supported (only CPT and TRUTHTABLE)");
}

template <class Real>
void reader<Real>::read_screen(const std::string& who, io::basic_variable_description<Real>& v) {
  block("the SCREEN of " + who, [&](const token& k) {
    if (k.text != "POSITION") return false;
    std::optional<double> x, y;
    block("the POSITION of " + who, [&](const token& c) {
      if (c.text != "CENTER_X" && c.text != "CENTER_Y") return false;
      const token value = m_in.next();
      const auto r = pitchrisk::detail::parse_signed_decimal<double>(value.text);
      if (value.type != kind::word || r.fault != pitchrisk::detail::number_fault::none)
        m_in.fail(value, "expected a number after " + std::string(c.text) + " in " + who + ", got " + lexer::describe(value));
      (c.text == "CENTER_X" ? x : y) = r.value;
      return true;
    });
    if (x && y) v.place = io::position{*x, *y};
    return true;
  });
}

template <class Real>
void reader<Real>::read_states(const token& k, const std::string& who, io::basic_variable_description<Real>& v) {
  if (!v.states.empty()) m_in.fail(k, who + " has a second NAMESTATES list");
  std::unordered_set<std::string_view> seen;
  list(k, who, [&](const token& s) {
    if (s.text.empty()) m_in.fail(s, who + " has an empty state name");
    if (!seen.insert(s.text).second) m_in.fail(s, who + " lists state " + quote(s.text) + " twice");
    if (v.states.size() >= static_cast<std::size_t>(m_options.build.max_table_entries))
      throw size_error(m_in.file() + ":" + std::to_string(s.line) + ": " + who + " has more than " +
                           std::to_string(m_options.build.max_table_entries) + " states",
                       static_cast<double>(v.states.size() + 1));
    v.states.emplace_back(s.text);
  });
  if (v.states.empty()) m_in.fail(k, who + " has no states (an empty NAMESTATES list)");
}

template <class Real>
void reader<Real>::read_probabilities(const token& k, const std::string& who, node<Real>& nd) {
  if (nd.probabilities.type != kind::end) m_in.fail(k, who + " has a second PROBABILITIES list");
  nd.probabilities = k;
  const double limit = 1.0 + m_options.build.columns.tolerance;
  list(k, who, [&](const token& w) {
    if (w.type == kind::string)
      m_in.fail(w, "the probabilities of " + who + ": a string \"" + pitchrisk::detail::excerpt(w.text) + "\", expected a number");
    const auto x = pitchrisk::detail::parse_decimal<Real>(w.text);
    if (x.fault != pitchrisk::detail::number_fault::none)
      m_in.fail(w, "the probabilities of " + who + ": value " + quote(w.text) + " " + pitchrisk::detail::describe(x.fault));
    if (static_cast<double>(x.value) > limit)
      m_in.fail(w, "the probabilities of " + who + ": value " + quote(w.text) +
                       " is greater than 1 (unnormalised tables, such as counts, are not supported)");
    if (nd.values.size() >= static_cast<std::size_t>(m_options.build.max_table_entries))
      throw size_error(m_in.file() + ":" + std::to_string(w.line) + ": the probabilities of " + who + " hold more than " +
                           std::to_string(m_options.build.max_table_entries) + " values",
                       static_cast<double>(nd.values.size() + 1));
    nd.values.push_back(x.value);
  });
}

}  // namespace pitchrisk::detail::dsl
