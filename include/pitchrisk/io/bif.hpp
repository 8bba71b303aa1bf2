// SPDX-License-Identifier: MIT
// Reads and writes BIF (Interchange Format 0.15) networks: the bnlearn dialect of the
// standard network repositories and the older JavaBayes spelling (quoted names, lists
// without commas, `probability ( X A B )`, `table` on nodes with parents, `default` rows,
// properties). Names are resolved after the whole file is read; all model checks happen
// in network_builder::build(). Writing then reading gives back bit-identical tables.
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

namespace pitchrisk::io {

/// Options of the BIF reader: those of every reader (column-sum policy with the 1e-4
/// tolerance of printed tables, CPT size limit, file-size limit), and BIF's own.
struct bif_options : read_options {
  bool allow_single_state = false;                    ///< accept `type discrete [ 1 ]` variables
  /// When a variable or state name in a probability block has no exact match, accept the
  /// one declared name equal to it ignoring ASCII case (files edited by hand, pgmpy #2611).
  bool case_insensitive_names = false;
};

/// Reads a BIF file. Throws: io_error (cannot read the file), parse_error (malformed text,
/// with file, line and column), model_error (cycle, column sums; the message starts with the
/// file and the line of the probability block), size_error (a declared table over
/// options.build.max_table_entries, or a file over options.max_file_bytes).
template <class Real = double>
[[nodiscard]] basic_network<Real> read_bif(const std::filesystem::path& file, const bif_options& options = {});

/// Reads BIF text; `file_name` is only used in error messages. Throws: as read_bif.
template <class Real = double>
[[nodiscard]] basic_network<Real> read_bif_string(std::string_view text, std::string file_name = "<string>",
                                                  const bif_options& options = {});

/// Reads BIF text into a model description (names resolved, tables in the builder's column
/// layout, nothing validated that network_builder::build() checks). Throws: as read_bif,
/// except the model_errors of build().
template <class Real = double>
[[nodiscard]] basic_model_description<Real> read_bif_description_string(std::string_view text,
                                                                        std::string file_name = "<string>",
                                                                        const bif_options& options = {});
/// Reads a BIF file into a model description. Throws: as read_bif_description_string, io_error.
template <class Real = double>
[[nodiscard]] basic_model_description<Real> read_bif_description(const std::filesystem::path& file,
                                                                 const bif_options& options = {});

/// A model description as BIF text, as to_bif_string(net) writes a network; a canonical
/// model is written as its full table, after a comment saying so (BIF has no canonical
/// models). Throws: as to_bif_string(net), model_error from expand().
template <class Real>
[[nodiscard]] std::string to_bif_string(const basic_model_description<Real>& model);

/// The network as BIF text (bnlearn dialect): declaration order, labelled rows with the first
/// parent fastest, `table` for roots, the given (not renormalised) numbers in shortest
/// round-trip form. Names that are not plain BIF words are written quoted.
/// Throws: model_error for a name no BIF spelling can carry (empty, or containing `"`, a
/// line break or a NUL byte).
template <class Real>
[[nodiscard]] std::string to_bif_string(const basic_network<Real>& net);

/// Writes to_bif_string(net) to `file`. Throws: as to_bif_string, io_error if the file
/// cannot be written.
template <class Real>
void write_bif(const basic_network<Real>& net, const std::filesystem::path& file);

/// Whether `name` can be written as a bare BIF word (else it needs quotes).
[[nodiscard]] inline bool is_bif_word(std::string_view name) noexcept;

// ---------------------------------------------------------------------------------------

}  // namespace pitchrisk::io

/// Internals of the BIF reader and writer.
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
  m_doc.network_name = {n.text, n.line, n.column};
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
  for (;;) {
    const pitchrisk::detail::token t = m_in.next();
    if (t.is('}')) break;
    if (t.is(',')) continue;
    if (!t.is_name()) unexpected(t, "a state name or '}' in the state list of " + who);
    if (t.text.empty()) m_in.fail(t, who + " has an empty state name");
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
      m_in.skip_statement(t);
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

/// Equal ignoring ASCII case.
inline bool iequal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (fold(a[i]) != fold(b[i])) return false;
  }
  return true;
}

/// Position of `name` among `names` (exact match first; then, if allowed, the unique match
/// ignoring ASCII case); `none` if there is none. Throws: parse_error (at `at`) when
/// several names match ignoring case.
template <class Names, class Text>
std::size_t find_name(const Names& names, Text text_of, const located_name& name, bool ignore_case,
                      const std::string& file) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (text_of(names[i]) == name.text) return i;
  if (!ignore_case) return none;
  std::size_t found = none;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (iequal(text_of(names[i]), name.text)) {
      if (found != none)
        throw parse_error(file, name.line, name.column,
                          quote(name.text) + " matches both " + quote(text_of(names[found])) + " and " +
                              quote(text_of(names[i])) + " ignoring case");
      found = i;
    }
  return found;
}

[[noreturn]] inline void throw_parse_error(const std::string& file, std::size_t line, std::size_t column,
                                          const std::string& what) {
  throw parse_error(file, line, column, what);
}

/// Pass 2: names resolved, tables placed in the builder's column layout: the description.
template <class Real>
io::basic_model_description<Real> resolve(document<Real>& doc, const std::string& file, const io::bif_options& options) {
  const auto fail = [&file](std::size_t line, std::size_t column, const std::string& what) {
    throw_parse_error(file, line, column, what);
  };
  io::basic_model_description<Real> model;
  model.name = std::string(doc.network_name.text);
  model.file = file;
  model.variables.reserve(doc.variables.size());
  std::unordered_map<std::string_view, std::size_t> index;
  index.reserve(doc.variables.size());
  for (std::size_t i = 0; i < doc.variables.size(); ++i) {
    const variable_decl& v = doc.variables[i];
    const auto [it, fresh] = index.emplace(v.name.text, i);
    if (!fresh)
      fail(v.name.line, v.name.column,
           "variable " + quote(v.name.text) + " is declared twice (first at line " +
               std::to_string(doc.variables[it->second].name.line) + ")");
    io::basic_variable_description<Real> d;
    d.name = std::string(v.name.text);
    d.states.assign(v.states.begin(), v.states.end());
    model.variables.push_back(std::move(d));
  }

  // Variable names used in probability blocks: exact, else (if allowed) ignoring case.
  const auto variable_of = [&](const located_name& name) {
    if (const auto it = index.find(name.text); it != index.end()) return it->second;
    if (!options.case_insensitive_names) return none;
    return find_name(
        doc.variables, [](const variable_decl& v) { return v.name.text; }, name, true, file);
  };
  std::vector<std::size_t> block_of(doc.variables.size(), none);
  std::vector<std::size_t> child_of(doc.blocks.size(), none);
  for (std::size_t b = 0; b < doc.blocks.size(); ++b) {
    const probability_block<Real>& block = doc.blocks[b];
    const std::size_t child = variable_of(block.child);
    if (child == none)
      fail(block.child.line, block.child.column,
           "probability block for " + quote(block.child.text) + ", which is not a declared variable");
    if (block_of[child] != none)
      fail(block.child.line, block.child.column,
           "second probability block for " + quote(block.child.text) + " (first at line " +
               std::to_string(doc.blocks[block_of[child]].line) + ")");
    block_of[child] = b;
    child_of[b] = child;
  }
  for (std::size_t i = 0; i < doc.variables.size(); ++i)
    if (block_of[i] == none)
      fail(doc.variables[i].name.line, doc.variables[i].name.column,
           "variable " + quote(doc.variables[i].name.text) + " has no probability block");

  for (std::size_t b = 0; b < doc.blocks.size(); ++b) {
    probability_block<Real>& block = doc.blocks[b];
    const std::size_t child = child_of[b];
    const variable_decl& cv = doc.variables[child];
    const std::string who = "the probability block of " + quote(cv.name.text);
    std::vector<std::size_t> parents;
    std::vector<Eigen::Index> cards{static_cast<Eigen::Index>(cv.states.size())};
    for (const located_name& p : block.parents) {
      const std::size_t parent = variable_of(p);
      if (parent == none)
        fail(p.line, p.column, "parent " + quote(p.text) + " in " + who + " is not a declared variable");
      if (parent == child) fail(p.line, p.column, "variable " + quote(p.text) + " is listed as its own parent");
      if (std::find(parents.begin(), parents.end(), parent) != parents.end())
        fail(p.line, p.column, "parent " + quote(p.text) + " is listed twice in " + who);
      parents.push_back(parent);
      cards.push_back(static_cast<Eigen::Index>(doc.variables[parent].states.size()));
    }
    // Sizes are checked before anything is allocated from them.
    const Eigen::Index entries = pitchrisk::detail::checked_table_size(
        cards, options.build.max_table_entries, place(file, block.line, block.column) + ": cpt " + quote(block.child.text),
        sizeof(Real));
    const Eigen::Index k = cards[0];
    const Eigen::Index columns = entries / k;
    const auto variable_id_of = [](std::size_t i) { return static_cast<variable_id>(i); };
    std::vector<variable_id> parent_ids;
    parent_ids.reserve(parents.size());
    for (const std::size_t p : parents) parent_ids.push_back(variable_id_of(p));
    io::basic_variable_description<Real>& description = model.variables[child];
    description.parents = parents;
    description.line = block.line;
    const auto configurations = [&] {
      return std::to_string(k) + " states x " + std::to_string(columns) + " parent configuration" +
             (columns == 1 ? "" : "s");
    };

    if (block.has_table) {
      if (static_cast<Eigen::Index>(block.table.size()) != entries)
        fail(block.table_at.line, block.table_at.column,
             "the table of " + quote(block.child.text) + " has " + std::to_string(block.table.size()) +
                 " values, expected " + std::to_string(entries) + " (" + configurations() + ")");
      const Eigen::Map<const Eigen::Array<Real, Eigen::Dynamic, 1>> values(block.table.data(), entries);
      if (parents.empty()) {
        description.table = values;
      } else {
        // `table` is row-major over (child, P1, ..., Pn): fastest first (Pn, ..., P1, child).
        std::vector<variable_id> order;
        std::vector<Eigen::Index> order_cards;
        for (std::size_t i = parents.size(); i-- > 0;) {
          order.push_back(parent_ids[i]);
          order_cards.push_back(cards[i + 1]);
        }
        order.push_back(variable_id_of(child));
        order_cards.push_back(k);
        std::vector<variable_id> columns_order{variable_id_of(child)};
        columns_order.insert(columns_order.end(), parent_ids.begin(), parent_ids.end());
        description.table =
            to_layout(from_layout<Real>(order, order_cards, Eigen::Array<Real, Eigen::Dynamic, 1>(values)), columns_order);
      }
      continue;
    }
    if (block.rows.empty() && !block.has_default)
      fail(block.line, block.column, who + " has no 'table', rows or 'default' line");
    if (block.has_default && static_cast<Eigen::Index>(block.default_values.size()) != k)
      fail(block.default_at.line, block.default_at.column,
           "the default line of " + quote(block.child.text) + " has " + std::to_string(block.default_values.size()) +
               " values, expected " + std::to_string(k) + " (one per state)");

    Eigen::Array<Real, Eigen::Dynamic, 1> table(entries);
    std::vector<std::size_t> row_of(static_cast<std::size_t>(columns), none);
    const auto row_text = [&](const row_entry& row) {
      std::string s = "(";
      for (std::size_t i = 0; i < parents.size(); ++i)
        s += (i ? ", " : "") + std::string(block.labels[row.first_label + i].text);
      return s + ")";
    };
    for (std::size_t r = 0; r < block.rows.size(); ++r) {
      const row_entry& row = block.rows[r];
      Eigen::Index column = 0, stride = 1;
      for (std::size_t i = 0; i < parents.size(); ++i) {
        const located_name& label = block.labels[row.first_label + i];
        const variable_decl& pv = doc.variables[parents[i]];
        const std::size_t s = find_name(
            pv.states, [](std::string_view state) { return state; }, label, options.case_insensitive_names, file);
        if (s == none) {
          std::string known;
          for (const auto st : pv.states) known += (known.empty() ? "" : ", ") + std::string(st);
          fail(label.line, label.column,
               "a row of " + who + ": " + quote(label.text) + " is not a state of parent " + quote(pv.name.text) +
                   (label.text == "*" ? " (the '*' wildcard is not supported)" : "") + " (states: " + known + ")");
        }
        column += static_cast<Eigen::Index>(s) * stride;
        stride *= static_cast<Eigen::Index>(pv.states.size());
      }
      if (static_cast<Eigen::Index>(row.value_count) != k)
        fail(row.line, row.column,
             "row " + row_text(row) + " of " + who + " has " + std::to_string(row.value_count) + " values, expected " +
                 std::to_string(k) + " (one per state of " + quote(block.child.text) + ")");
      std::size_t& first = row_of[static_cast<std::size_t>(column)];
      if (first != none)
        fail(row.line, row.column,
             "row " + row_text(row) + " of " + who + " appears twice (first at line " +
                 std::to_string(block.rows[first].line) + ")");
      first = r;
      for (Eigen::Index s = 0; s < k; ++s)
        table[column * k + s] = block.values[row.first_value + static_cast<std::size_t>(s)];
    }
    std::size_t missing = 0, first_missing = none;
    for (std::size_t c = 0; c < row_of.size(); ++c) {
      if (row_of[c] != none) continue;
      if (block.has_default) {
        for (Eigen::Index s = 0; s < k; ++s)
          table[static_cast<Eigen::Index>(c) * k + s] = block.default_values[static_cast<std::size_t>(s)];
      } else {
        if (first_missing == none) first_missing = c;
        ++missing;
      }
    }
    if (missing > 0) {
      std::vector<pitchrisk::variable> parent_variables;
      for (const std::size_t p : parents) parent_variables.push_back({model.variables[p].name, model.variables[p].states});
      std::vector<const pitchrisk::variable*> pvars;
      for (const auto& pv : parent_variables) pvars.push_back(&pv);
      fail(block.line, block.column,
           who + " has no row for " + pitchrisk::detail::describe_column(pvars, static_cast<Eigen::Index>(first_missing)) +
               (missing > 1 ? " and " + std::to_string(missing - 1) + " other parent configuration(s)" : "") +
               " and no 'default' line");
    }
    description.table = std::move(table);
  }

  return model;
}

template <class Real>
void append_number(std::string& out, Real x) {
  char buffer[64];
  const std::to_chars_result r = std::to_chars(buffer, buffer + sizeof buffer, x);
  const std::string_view text(buffer, static_cast<std::size_t>(r.ptr - buffer));
  out += text;
  if (text.find_first_of(".eEn") == std::string_view::npos) out += ".0";
}

inline void append_name(std::string& out, std::string_view name, const char* what) {
  if (io::is_bif_word(name)) {
    out += name;
    return;
  }
  if (name.empty() || name.find_first_of(std::string_view("\"\n\r\0", 4)) != std::string_view::npos)
    throw model_error("cannot write BIF: " + std::string(what) + " " + quote(name) +
                      (name.empty() ? " is empty" : " contains a '\"', a line break or a NUL byte") +
                      ", which no BIF name can carry");
  out += '"';
  out += name;
  out += '"';
}

}  // namespace pitchrisk::detail::bif

namespace pitchrisk::io {

inline bool is_bif_word(std::string_view name) noexcept {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c <= 0x20 || c == 0x7f || c == '"' || pitchrisk::detail::bif::punctuation.find(static_cast<char>(c)) != std::string_view::npos)
      return false;
    if (c == '/' && i + 1 < name.size() && (name[i + 1] == '/' || name[i + 1] == '*')) return false;
  }
  return true;
}

template <class Real>
basic_model_description<Real> read_bif_description_string(std::string_view text, std::string file_name,
                                                          const bif_options& options) {
  if (text.size() > options.max_file_bytes)
    throw size_error(file_name + ": " + std::to_string(text.size()) + " bytes, over the limit of " +
                         std::to_string(options.max_file_bytes) + " bytes (bif_options::max_file_bytes)",
                     static_cast<double>(text.size()));
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    const auto pos = static_cast<std::size_t>(static_cast<const char*>(nul) - text.data());
    const auto [line, column] = pitchrisk::detail::line_column(text, pos);
    throw parse_error(file_name, line, column, "NUL byte in the text (a binary file?)");
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte-order mark
  pitchrisk::detail::bif::document<Real> doc = pitchrisk::detail::bif::parser<Real>(text, file_name, options).parse();
  return pitchrisk::detail::bif::resolve(doc, file_name, options);
}

template <class Real>
basic_model_description<Real> read_bif_description(const std::filesystem::path& file, const bif_options& options) {
  const std::string text = pitchrisk::detail::read_file(file, "BIF file", options.max_file_bytes, "bif_options::max_file_bytes");
  return read_bif_description_string<Real>(text, file.string(), options);
}

template <class Real>
basic_network<Real> read_bif_string(std::string_view text, std::string file_name, const bif_options& options) {
  return to_network(read_bif_description_string<Real>(text, std::move(file_name), options), options.build);
}

template <class Real>
basic_network<Real> read_bif(const std::filesystem::path& file, const bif_options& options) {
  return to_network(read_bif_description<Real>(file, options), options.build);
}

template <class Real>
std::string to_bif_string(const basic_model_description<Real>& model) {
  std::string out;
  out += "network ";
  if (model.name.empty())
    out += "\"\"";
  else
    pitchrisk::detail::bif::append_name(out, model.name, "network name");
  out += " {\n}\n";
  for (const auto& var : model.variables) {
    out += "variable ";
    pitchrisk::detail::bif::append_name(out, var.name, "variable name");
    out += " {\n  type discrete [ " + std::to_string(var.states.size()) + " ] { ";
    for (std::size_t s = 0; s < var.states.size(); ++s) {
      if (s) out += ", ";
      pitchrisk::detail::bif::append_name(out, var.states[s], ("state name of " + pitchrisk::detail::bif::quote(var.name)).c_str());
    }
    out += " };\n}\n";
  }
  for (std::size_t v = 0; v < model.variables.size(); ++v) {
    const auto& var = model.variables[v];
    const auto& parents = var.parents;
    if (var.canonical) {
      static constexpr const char* kinds[] = {"table", "noisy-OR", "noisy-AND", "noisy-MAX"};
      out += "// ";
      out += kinds[static_cast<int>(var.canonical->kind)];
      out += " model, written as its full table (BIF has no canonical models)\n";
    }
    out += "probability ( ";
    pitchrisk::detail::bif::append_name(out, var.name, "variable name");
    for (std::size_t i = 0; i < parents.size(); ++i) {
      out += i ? ", " : " | ";
      pitchrisk::detail::bif::append_name(out, model.variables.at(parents[i]).name, "variable name");
    }
    out += " ) {\n";
    const Eigen::Array<Real, Eigen::Dynamic, 1> columns = expand(model, v);
    const auto k = static_cast<Eigen::Index>(var.states.size());
    Eigen::Index count = 1;
    for (const std::size_t p : parents) count *= static_cast<Eigen::Index>(model.variables[p].states.size());
    if (columns.size() != count * k)
      throw model_error("cannot write BIF: the table of " + pitchrisk::detail::bif::quote(var.name) + " has " +
                        std::to_string(columns.size()) + " entries, expected " + std::to_string(count * k));
    std::vector<std::size_t> state(parents.size(), 0);  // odometer, first parent fastest
    for (Eigen::Index c = 0; c < count; ++c) {
      if (parents.empty()) {
        out += "  table ";
      } else {
        out += "  (";
        for (std::size_t i = 0; i < parents.size(); ++i) {
          if (i) out += ", ";
          pitchrisk::detail::bif::append_name(out, model.variables[parents[i]].states[state[i]], "state name");
        }
        out += ") ";
        for (std::size_t i = 0; i < parents.size(); ++i) {
          if (++state[i] < model.variables[parents[i]].states.size()) break;
          state[i] = 0;
        }
      }
      for (Eigen::Index s = 0; s < k; ++s) {
        if (s) out += ", ";
        pitchrisk::detail::bif::append_number(out, columns[c * k + s]);
      }
      out += ";\n";
    }
    out += "}\n";
  }
  return out;
}

template <class Real>
std::string to_bif_string(const basic_network<Real>& net) {
  return to_bif_string(describe(net));
}

template <class Real>
void write_bif(const basic_network<Real>& net, const std::filesystem::path& file) {
  const std::string text = to_bif_string(net);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) throw io_error("cannot write BIF file '" + file.string() + "': " + std::strerror(errno));
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.flush();
  if (!out) throw io_error("cannot write BIF file '" + file.string() + "': write failed");
}

}  // namespace pitchrisk::io
