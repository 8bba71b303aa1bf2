// SPDX-License-Identifier: MIT
// Pass 1 of the BIF reader: the text into a document (names as views with their places,
// numbers parsed and range-checked), with the recursive-descent parser over text_reader's tokens.
#pragma once

#include "pitchrisk/core/network.hpp"
#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/io/model_description.hpp"
#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/detail/excerpt.hpp"
#include "pitchrisk/detail/parse_number.hpp"
#include "pitchrisk/detail/read_file.hpp"
#include "pitchrisk/detail/text_reader.hpp"
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
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace pitchrisk::detail::bif {

inline constexpr std::string_view punctuation = "{}()[];,|";
inline constexpr std::size_t none = std::numeric_limits<std::size_t>::max();

/// A name as it appears in the file, with its place.
struct located_name {
  std::string_view text;
  std::size_t line = 0;
  std::size_t column = 0;
};

struct variable_decl {
  located_name name;
  located_name count_at;  ///< the `[n]` count token
  std::uint64_t declared = 0;
  std::vector<std::string_view> states;
};

struct row_entry {
  std::size_t line = 0, column = 0;
  std::size_t first_label = 0;  ///< into probability_block::labels (parents.size() labels)
  std::size_t first_value = 0;  ///< into probability_block::values
  std::size_t value_count = 0;
};

template <class Real>
struct probability_block {
  std::size_t line = 0, column = 0;  ///< the `probability` keyword
  located_name child;
  std::vector<located_name> parents;
  bool has_table = false, has_default = false;
  located_name table_at, default_at;
  std::vector<Real> table, default_values;
  std::vector<row_entry> rows;
  std::vector<located_name> labels;
  std::vector<Real> values;
};

template <class Real>
struct document {
  located_name network_name;
  std::vector<variable_decl> variables;
  std::vector<probability_block<Real>> blocks;
};

/// A name or token as quoted in a message (at most 60 characters: a name of a megabyte
/// does not make a message of a megabyte).
inline std::string quote(std::string_view s) { return "'" + pitchrisk::detail::excerpt(s) + "'"; }

inline std::string place(std::string_view file, std::size_t line, std::size_t column) {
  std::string out(file);
  if (line > 0) out += ":" + std::to_string(line);
  if (line > 0 && column > 0) out += ":" + std::to_string(column);
  return out;
}

/// Whether a `property` statement's text (after the keyword, before the ';') is
/// `function max`: a noisy-MAX block.
inline bool is_noisy_max(std::string_view statement) noexcept {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  std::string_view words[3];
  std::size_t count = 0, i = 0;
  while (i < statement.size()) {
    while (i < statement.size() && blank(statement[i])) ++i;
    const std::size_t start = i;
    while (i < statement.size() && !blank(statement[i])) ++i;
    if (i == start) break;
    if (count == 3) return false;
    words[count++] = statement.substr(start, i - start);
  }
  return count == 2 && words[0] == "function" && words[1] == "max";
}

/// Pass 1: the text into a document (names as views, numbers parsed and range-checked).
template <class Real>
class parser {
 public:
  parser(std::string_view text, std::string file, const io::bif_options& options)
      : m_in(text, std::move(file), punctuation), m_options(options) {}

  document<Real> parse();

 private:
  located_name name(const char* expected);
  void expect(char c, const std::string& context);
  void parse_network();
  void parse_variable();
  void parse_type(variable_decl& var);
  void parse_probability(const pitchrisk::detail::token& keyword);
  void parse_numbers(std::vector<Real>& out, const std::string& context);
  [[noreturn]] void unexpected(const pitchrisk::detail::token& t, const std::string& expected) {
    m_in.fail(t, "expected " + expected + ", got " + pitchrisk::detail::text_reader::describe(t));
  }

  pitchrisk::detail::text_reader m_in;
  const io::bif_options& m_options;
  document<Real> m_doc;
};

template <class Real>
document<Real> parser<Real>::parse() {
  parse_network();
  for (;;) {
    const pitchrisk::detail::token t = m_in.next();
    if (t.kind == pitchrisk::detail::token_kind::end) break;
    if (t.is_word("variable"))
      parse_variable();
    else if (t.is_word("probability"))
      parse_probability(t);
    else if (t.is_word("property"))
      m_in.skip_statement(t);
    else if (t.is_word("network"))
      m_in.fail(t, "a second 'network' block");
    else
      unexpected(t, "'variable', 'probability' or end of file");
  }
  return std::move(m_doc);
}

template <class Real>
located_name parser<Real>::name(const char* expected) {
  const pitchrisk::detail::token t = m_in.next();
  if (!t.is_name()) unexpected(t, expected);
  if (t.text.empty()) m_in.fail(t, std::string("empty quoted name where ") + expected + " was expected");
  return {t.text, t.line, t.column};
}

template <class Real>
void parser<Real>::expect(char c, const std::string& context) {
  const pitchrisk::detail::token t = m_in.next();
  if (!t.is(c)) unexpected(t, std::string("'") + c + "' " + context);
}

template <class Real>
void parser<Real>::parse_network() {
  const pitchrisk::detail::token t = m_in.next();
  if (t.kind == pitchrisk::detail::token_kind::end) m_in.fail(t, "empty file: expected 'network <name> { }'");
  if (!t.is_word("network")) unexpected(t, "'network' at the start of a BIF file");
  const pitchrisk::detail::token n = m_in.next();
  if (!n.is_name()) unexpected(n, "the network name after 'network'");
  std::string_view name = n.text;
  // Some files (aGrUM's copies of Munin1 and Pigs: `network Pig - Network {`) give the network
  // a name of several bare words: they are taken as one name, spaces included, when they stand
  // on the name's line separated by blanks only.
  while (n.kind == pitchrisk::detail::token_kind::word) {
    const pitchrisk::detail::token& more = m_in.peek();
    if (more.kind != pitchrisk::detail::token_kind::word || more.line != n.line) break;
    const char* const end = name.data() + name.size();
    if (more.text.data() < end ||
        std::string_view(end, static_cast<std::size_t>(more.text.data() - end)).find_first_not_of(" \t") !=
            std::string_view::npos)
      break;
    name = std::string_view(name.data(), static_cast<std::size_t>(more.text.data() + more.text.size() - name.data()));
    (void)m_in.next();
  }
  m_doc.network_name = {name, n.line, n.column};
  expect('{', "after the network name");
  for (;;) {
    const pitchrisk::detail::token b = m_in.next();
    if (b.is('}')) return;
    if (b.is_word("property"))
      m_in.skip_statement(b);
    else
      unexpected(b, "'property' or '}' in the network block");
  }
}

template <class Real>
void parser<Real>::parse_variable() {
  variable_decl var;
  var.name = name("a variable name after 'variable'");
  const std::string who = "variable " + quote(var.name.text);
  expect('{', "after " + who);
  bool typed = false;
  for (;;) {
    const pitchrisk::detail::token t = m_in.next();
    if (t.is('}')) break;
    if (t.is_word("property")) {
      m_in.skip_statement(t);
    } else if (t.is_word("type")) {
      if (typed) m_in.fail(t, who + " has a second 'type' declaration");
      typed = true;
      parse_type(var);
    } else {
      unexpected(t, "'type', 'property' or '}' in the block of " + who);
    }
  }
  if (!typed) m_in.fail(var.name.line, var.name.column, who + " has no 'type discrete [ n ] { ... };' declaration");
  m_doc.variables.push_back(std::move(var));
}

template <class Real>
void parser<Real>::parse_type(variable_decl& var) {
  const std::string who = "variable " + quote(var.name.text);
  const pitchrisk::detail::token kind = m_in.next();
  if (kind.is_word("continuous") || kind.is_word("decision") || kind.is_word("utility"))
    m_in.fail(kind, who + ": type " + quote(kind.text) + " is not supported (only 'discrete')");
  if (!kind.is_word("discrete")) unexpected(kind, "'discrete' after 'type' in " + who);
  expect('[', "after 'discrete' in " + who);
  const pitchrisk::detail::token count = m_in.next();
  if (count.kind != pitchrisk::detail::token_kind::word) unexpected(count, "the number of states of " + who);
  const auto n = pitchrisk::detail::parse_count(count.text);
  if (n.fault == pitchrisk::detail::number_fault::out_of_range) {
    const std::string what = place(m_in.file(), count.line, count.column) + ": " + who + " declares " +
                             std::string(count.text) + " states";
    throw size_error(what + ", more than any table can hold", std::numeric_limits<double>::infinity());
  }
  if (n.fault != pitchrisk::detail::number_fault::none)
    m_in.fail(count, who + ": state count " + quote(count.text) + " is not a whole number");
  if (n.value == 0) m_in.fail(count, who + " declares 0 states");
  if (n.value == 1 && !m_options.allow_single_state)
    m_in.fail(count, who + " declares a single state (set bif_options::allow_single_state to accept it)");
  {
    // A CPT has at least one entry per state: refuse absurd counts before reading on.
    const Eigen::Index card =
        n.value > static_cast<std::uint64_t>(std::numeric_limits<Eigen::Index>::max())
            ? std::numeric_limits<Eigen::Index>::max()
            : static_cast<Eigen::Index>(n.value);
    const Eigen::Index cards[] = {card};
    pitchrisk::detail::checked_table_size(cards, m_options.build.max_table_entries,
                               place(m_in.file(), count.line, count.column) + ": " + who + " declares " +
                                   std::string(count.text) + " states; its table",
                               sizeof(Real));
  }
  var.declared = n.value;
  var.count_at = {count.text, count.line, count.column};
  expect(']', "after the state count of " + who);
  expect('{', "before the state list of " + who);
  bool after_name = false;  // the previous item was a name, not a ','
  for (;;) {
    const pitchrisk::detail::token t = m_in.next();
    if (t.is('}')) break;
    if (t.is(',')) {
      after_name = false;
      continue;
    }
    if (!t.is_name()) unexpected(t, "a state name or '}' in the state list of " + who);
    if (t.text.empty()) m_in.fail(t, who + " has an empty state name");
    // A bare '%' straight after a name is the tail of a name split by a blank (aGrUM's
    // Mildew.bif: `0_00___0_01_ %`). aGrUM's grammar takes '%' only inside a name, so
    // neither reading is the file's: refuse, naming both parts.
    if (after_name && t.kind == pitchrisk::detail::token_kind::word && t.text == "%")
      m_in.fail(t, who + ": state '%' follows state " + quote(var.states.back()) +
                       " without a comma (a state name split by a blank? write " +
                       quote(std::string(var.states.back()) + "%") + " or separate the states with ',')");
    after_name = true;
    if (var.states.size() == var.declared)
      m_in.fail(t, who + " lists more states than the " + std::to_string(var.declared) + " it declares");
    var.states.push_back(t.text);
  }
  if (var.states.size() != var.declared)
    m_in.fail(count, who + " declares " + std::to_string(var.declared) + " states but lists " +
                         std::to_string(var.states.size()));
  expect(';', "after the state list of " + who);
  // Duplicate states (hash set for long lists, pairwise for short ones).
  if (var.states.size() > 32) {
    std::unordered_set<std::string_view> seen;
    for (const auto s : var.states)
      if (!seen.insert(s).second) m_in.fail(var.name.line, var.name.column, who + " lists state " + quote(s) + " twice");
  } else {
    for (std::size_t i = 0; i < var.states.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (var.states[i] == var.states[j])
          m_in.fail(var.name.line, var.name.column, who + " lists state " + quote(var.states[i]) + " twice");
  }
}

template <class Real>
void parser<Real>::parse_numbers(std::vector<Real>& out, const std::string& context) {
  const double limit = 1.0 + m_options.build.columns.tolerance;
  for (;;) {
    const pitchrisk::detail::token t = m_in.next();
    if (t.is(';')) return;
    if (t.is(',')) continue;
    if (t.kind != pitchrisk::detail::token_kind::word) unexpected(t, "a number or ';' in " + context);
    const auto x = pitchrisk::detail::parse_decimal<Real>(t.text);
    if (x.fault != pitchrisk::detail::number_fault::none)
      m_in.fail(t, context + ": value " + quote(t.text) + " " + pitchrisk::detail::describe(x.fault) +
                       (x.fault == pitchrisk::detail::number_fault::out_of_range ? " for this floating-point type" : ""));
    if (static_cast<double>(x.value) > limit)
      m_in.fail(t, context + ": value " + quote(t.text) + " is greater than 1 (not a probability)");
    out.push_back(x.value);
  }
}

template <class Real>
void parser<Real>::parse_probability(const pitchrisk::detail::token& keyword) {
  probability_block<Real> block;
  block.line = keyword.line;
  block.column = keyword.column;
  expect('(', "after 'probability'");
  block.child = name("the variable name after 'probability ('");
  const std::string who = "the probability block of " + quote(block.child.text);
  bool bar = false;
  for (;;) {
    const pitchrisk::detail::token t = m_in.next();
    if (t.is(')')) break;
    if (t.is(',')) continue;
    if (t.is('|')) {
      if (bar || !block.parents.empty()) m_in.fail(t, "unexpected '|' in the header of " + who);
      bar = true;
      continue;
    }
    if (!t.is_name()) unexpected(t, "a parent name or ')' in the header of " + who);
    if (t.text.empty()) m_in.fail(t, "empty quoted parent name in the header of " + who);
    block.parents.push_back({t.text, t.line, t.column});
  }
  expect('{', "after the header of " + who);
  for (;;) {
    const pitchrisk::detail::token t = m_in.next();
    if (t.is('}')) break;
    if (t.is_word("property")) {
      // `property function max;` (aGrUM's carpo.bif, "Leak term" comments) marks the rows of a
      // noisy-MAX model: a leak row and one row per parent. With one parent or none these
      // rows are the whole table; with more, the other configurations are undefined.
      if (is_noisy_max(m_in.skip_statement(t)) && block.parents.size() > 1)
        m_in.fail(t, who + " is a noisy-MAX block (property function max: a leak row and one row per parent, "
                         "not one per parent configuration), which the BIF reader does not support");
    } else if (t.is_word("table")) {
      if (block.has_table) m_in.fail(t, who + " has a second 'table'");
      if (block.has_default || !block.rows.empty()) m_in.fail(t, who + " mixes 'table' with rows or 'default'");
      block.has_table = true;
      block.table_at = {t.text, t.line, t.column};
      parse_numbers(block.table, "the table of " + quote(block.child.text));
    } else if (t.is_word("default")) {
      if (block.has_default) m_in.fail(t, who + " has a second 'default' line");
      if (block.has_table) m_in.fail(t, who + " mixes 'table' with rows or 'default'");
      block.has_default = true;
      block.default_at = {t.text, t.line, t.column};
      parse_numbers(block.default_values, "the default line of " + quote(block.child.text));
    } else if (t.is('(')) {
      if (block.has_table) m_in.fail(t, who + " mixes 'table' with rows or 'default'");
      row_entry row;
      row.line = t.line;
      row.column = t.column;
      row.first_label = block.labels.size();
      for (;;) {
        const pitchrisk::detail::token l = m_in.next();
        if (l.is(')')) break;
        if (l.is(',')) continue;
        if (!l.is_name()) unexpected(l, "a parent state or ')' in a row of " + who);
        block.labels.push_back({l.text, l.line, l.column});
      }
      const std::size_t count = block.labels.size() - row.first_label;
      if (count != block.parents.size())
        m_in.fail(t, "a row of " + who + " has " + std::to_string(count) + " label(s), expected " +
                         std::to_string(block.parents.size()) + " (one state per parent)");
      row.first_value = block.values.size();
      parse_numbers(block.values, "a row of " + quote(block.child.text));
      row.value_count = block.values.size() - row.first_value;
      block.rows.push_back(row);
    } else if (t.kind == pitchrisk::detail::token_kind::end) {
      m_in.fail(t, "unexpected end of file inside " + who + " (missing '}')");
    } else {
      unexpected(t, "'table', 'default', a row '( ... )', 'property' or '}' in " + who);
    }
  }
  m_doc.blocks.push_back(std::move(block));
}

}  // namespace pitchrisk::detail::bif
