// SPDX-License-Identifier: MIT
// Pass 2 of the BIF reader: the document's names resolved (exactly, or ignoring case when
// allowed) and its tables placed in the builder's column layout, as a model description.
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
#include "pitchrisk/io/detail/bif_parser.hpp"

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


/// The variables' positions by name, exactly as declared.
using variable_index = std::unordered_map<std::string_view, std::size_t>;

/// Declares every variable (name and states) in `model`; returns their index by name.
/// Throws: parse_error for a variable declared twice.
template <class Real>
variable_index declare_variables(const document<Real>& doc, const std::string& file,
                                 io::basic_model_description<Real>& model) {
  model.variables.reserve(doc.variables.size());
  variable_index index;
  index.reserve(doc.variables.size());
  for (std::size_t i = 0; i < doc.variables.size(); ++i) {
    const variable_decl& v = doc.variables[i];
    const auto [it, fresh] = index.emplace(v.name.text, i);
    if (!fresh)
      throw_parse_error(file, v.name.line, v.name.column,
                        "variable " + quote(v.name.text) + " is declared twice (first at line " +
                            std::to_string(doc.variables[it->second].name.line) + ")");
    io::basic_variable_description<Real> d;
    d.name = std::string(v.name.text);
    d.states.assign(v.states.begin(), v.states.end());
    model.variables.push_back(std::move(d));
  }
  return index;
}

/// A variable named in a probability block: exact, else (if allowed) ignoring case; `none`
/// if there is none.
template <class Real>
std::size_t variable_of(const document<Real>& doc, const variable_index& index, const located_name& name,
                        const io::bif_options& options, const std::string& file) {
  if (const auto it = index.find(name.text); it != index.end()) return it->second;
  if (!options.case_insensitive_names) return none;
  return find_name(
      doc.variables, [](const variable_decl& v) { return v.name.text; }, name, true, file);
}

/// The child variable of each probability block, refusing blocks for undeclared variables,
/// second blocks, and variables without a block.
template <class Real>
std::vector<std::size_t> match_blocks(const document<Real>& doc, const variable_index& index,
                                      const io::bif_options& options, const std::string& file) {
  std::vector<std::size_t> block_of(doc.variables.size(), none);
  std::vector<std::size_t> child_of(doc.blocks.size(), none);
  for (std::size_t b = 0; b < doc.blocks.size(); ++b) {
    const probability_block<Real>& block = doc.blocks[b];
    const std::size_t child = variable_of(doc, index, block.child, options, file);
    if (child == none)
      throw_parse_error(file, block.child.line, block.child.column,
                        "probability block for " + quote(block.child.text) + ", which is not a declared variable");
    if (block_of[child] != none)
      throw_parse_error(file, block.child.line, block.child.column,
                        "second probability block for " + quote(block.child.text) + " (first at line " +
                            std::to_string(doc.blocks[block_of[child]].line) + ")");
    block_of[child] = b;
    child_of[b] = child;
  }
  for (std::size_t i = 0; i < doc.variables.size(); ++i)
    if (block_of[i] == none)
      throw_parse_error(file, doc.variables[i].name.line, doc.variables[i].name.column,
                        "variable " + quote(doc.variables[i].name.text) + " has no probability block");
  return child_of;
}

/// A block's parents by position, refusing undeclared, self and repeated parents; appends
/// their cardinalities to `cards` (which starts with the child's own).
template <class Real>
std::vector<std::size_t> block_parents(const document<Real>& doc, const variable_index& index,
                                       const probability_block<Real>& block, std::size_t child,
                                       const std::string& who, const io::bif_options& options,
                                       const std::string& file, std::vector<Eigen::Index>& cards) {
  std::vector<std::size_t> parents;
  for (const located_name& p : block.parents) {
    const std::size_t parent = variable_of(doc, index, p, options, file);
    if (parent == none)
      throw_parse_error(file, p.line, p.column, "parent " + quote(p.text) + " in " + who + " is not a declared variable");
    if (parent == child)
      throw_parse_error(file, p.line, p.column, "variable " + quote(p.text) + " is listed as its own parent");
    if (std::find(parents.begin(), parents.end(), parent) != parents.end())
      throw_parse_error(file, p.line, p.column, "parent " + quote(p.text) + " is listed twice in " + who);
    parents.push_back(parent);
    cards.push_back(static_cast<Eigen::Index>(doc.variables[parent].states.size()));
  }
  return parents;
}

/// `k states x n parent configurations`, for size messages.
inline std::string configurations_text(Eigen::Index k, Eigen::Index columns) {
  return std::to_string(k) + " states x " + std::to_string(columns) + " parent configuration" +
         (columns == 1 ? "" : "s");
}

/// A `table` line in the builder's column layout. The line is row-major over (child, P1,
/// ..., Pn): fastest first (Pn, ..., P1, child).
template <class Real>
Eigen::Array<Real, Eigen::Dynamic, 1> place_table(const probability_block<Real>& block, std::size_t child,
                                                  const std::vector<std::size_t>& parents,
                                                  const std::vector<Eigen::Index>& cards, Eigen::Index entries,
                                                  const std::string& file) {
  const Eigen::Index k = cards[0];
  if (static_cast<Eigen::Index>(block.table.size()) != entries)
    throw_parse_error(file, block.table_at.line, block.table_at.column,
                      "the table of " + quote(block.child.text) + " has " + std::to_string(block.table.size()) +
                          " values, expected " + std::to_string(entries) + " (" +
                          configurations_text(k, entries / k) + ")");
  const Eigen::Map<const Eigen::Array<Real, Eigen::Dynamic, 1>> values(block.table.data(), entries);
  if (parents.empty()) return values;
  const auto variable_id_of = [](std::size_t i) { return static_cast<variable_id>(i); };
  std::vector<variable_id> order;
  std::vector<Eigen::Index> order_cards;
  for (std::size_t i = parents.size(); i-- > 0;) {
    order.push_back(variable_id_of(parents[i]));
    order_cards.push_back(cards[i + 1]);
  }
  order.push_back(variable_id_of(child));
  order_cards.push_back(k);
  std::vector<variable_id> columns_order{variable_id_of(child)};
  for (const std::size_t p : parents) columns_order.push_back(variable_id_of(p));
  return to_layout(from_layout<Real>(order, order_cards, Eigen::Array<Real, Eigen::Dynamic, 1>(values)), columns_order);
}

/// A row's parent labels as written, `(a, b)`, for messages.
template <class Real>
std::string row_text(const probability_block<Real>& block, const row_entry& row) {
  std::string s = "(";
  for (std::size_t i = 0; i < block.parents.size(); ++i)
    s += (i ? ", " : "") + std::string(block.labels[row.first_label + i].text);
  return s + ")";
}

/// The builder's column of a row (first parent fastest), from its parent state labels.
/// Throws: parse_error for a label that is not a state of its parent.
template <class Real>
Eigen::Index row_column(const document<Real>& doc, const probability_block<Real>& block, const row_entry& row,
                        const std::vector<std::size_t>& parents, const std::string& who,
                        const io::bif_options& options, const std::string& file) {
  Eigen::Index column = 0, stride = 1;
  for (std::size_t i = 0; i < parents.size(); ++i) {
    const located_name& label = block.labels[row.first_label + i];
    const variable_decl& pv = doc.variables[parents[i]];
    const std::size_t s = find_name(
        pv.states, [](std::string_view state) { return state; }, label, options.case_insensitive_names, file);
    if (s == none) {
      std::string known;
      for (const auto st : pv.states) known += (known.empty() ? "" : ", ") + std::string(st);
      throw_parse_error(file, label.line, label.column,
                        "a row of " + who + ": " + quote(label.text) + " is not a state of parent " +
                            quote(pv.name.text) + (label.text == "*" ? " (the '*' wildcard is not supported)" : "") +
                            " (states: " + known + ")");
    }
    column += static_cast<Eigen::Index>(s) * stride;
    stride *= static_cast<Eigen::Index>(pv.states.size());
  }
  return column;
}

/// Places a block's rows in `table` (builder layout); returns each column's row, or `none`.
/// Throws: parse_error for a row with the wrong number of values or a repeated row.
template <class Real>
std::vector<std::size_t> place_rows(const document<Real>& doc, const probability_block<Real>& block,
                                    const std::vector<std::size_t>& parents, const std::string& who,
                                    const io::bif_options& options, const std::string& file,
                                    Eigen::Array<Real, Eigen::Dynamic, 1>& table, Eigen::Index k) {
  std::vector<std::size_t> row_of(static_cast<std::size_t>(table.size() / k), none);
  for (std::size_t r = 0; r < block.rows.size(); ++r) {
    const row_entry& row = block.rows[r];
    const Eigen::Index column = row_column(doc, block, row, parents, who, options, file);
    if (static_cast<Eigen::Index>(row.value_count) != k)
      throw_parse_error(file, row.line, row.column,
                        "row " + row_text(block, row) + " of " + who + " has " + std::to_string(row.value_count) +
                            " values, expected " + std::to_string(k) + " (one per state of " +
                            quote(block.child.text) + ")");
    std::size_t& first = row_of[static_cast<std::size_t>(column)];
    if (first != none)
      throw_parse_error(file, row.line, row.column,
                        "row " + row_text(block, row) + " of " + who + " appears twice (first at line " +
                            std::to_string(block.rows[first].line) + ")");
    first = r;
    for (Eigen::Index s = 0; s < k; ++s) table[column * k + s] = block.values[row.first_value + static_cast<std::size_t>(s)];
  }
  return row_of;
}

/// Fills the columns no row gave with the `default` line, or refuses the block naming the
/// first missing parent configuration.
template <class Real>
void fill_missing_rows(const probability_block<Real>& block, const std::vector<std::size_t>& row_of,
                       const std::vector<std::size_t>& parents, const io::basic_model_description<Real>& model,
                       const std::string& who, const std::string& file, Eigen::Array<Real, Eigen::Dynamic, 1>& table,
                       Eigen::Index k) {
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
  if (missing == 0) return;
  std::vector<pitchrisk::variable> parent_variables;
  for (const std::size_t p : parents) parent_variables.push_back({model.variables[p].name, model.variables[p].states});
  std::vector<const pitchrisk::variable*> pvars;
  for (const auto& pv : parent_variables) pvars.push_back(&pv);
  throw_parse_error(file, block.line, block.column,
                    who + " has no row for " +
                        pitchrisk::detail::describe_column(pvars, static_cast<Eigen::Index>(first_missing)) +
                        (missing > 1 ? " and " + std::to_string(missing - 1) + " other parent configuration(s)" : "") +
                        " and no 'default' line");
}

/// A block of rows and/or a `default` line in the builder's column layout.
template <class Real>
Eigen::Array<Real, Eigen::Dynamic, 1> place_rows_and_default(const document<Real>& doc,
                                                             const probability_block<Real>& block,
                                                             const std::vector<std::size_t>& parents,
                                                             Eigen::Index entries, Eigen::Index k,
                                                             const io::basic_model_description<Real>& model,
                                                             const std::string& who, const io::bif_options& options,
                                                             const std::string& file) {
  if (block.rows.empty() && !block.has_default)
    throw_parse_error(file, block.line, block.column, who + " has no 'table', rows or 'default' line");
  if (block.has_default && static_cast<Eigen::Index>(block.default_values.size()) != k)
    throw_parse_error(file, block.default_at.line, block.default_at.column,
                      "the default line of " + quote(block.child.text) + " has " +
                          std::to_string(block.default_values.size()) + " values, expected " + std::to_string(k) +
                          " (one per state)");
  Eigen::Array<Real, Eigen::Dynamic, 1> table(entries);
  const std::vector<std::size_t> row_of = place_rows(doc, block, parents, who, options, file, table, k);
  fill_missing_rows(block, row_of, parents, model, who, file, table, k);
  return table;
}

/// Pass 2: names resolved, tables placed in the builder's column layout: the description.
template <class Real>
io::basic_model_description<Real> resolve(document<Real>& doc, const std::string& file, const io::bif_options& options) {
  io::basic_model_description<Real> model;
  model.name = std::string(doc.network_name.text);
  model.file = file;
  const variable_index index = declare_variables(doc, file, model);
  const std::vector<std::size_t> child_of = match_blocks(doc, index, options, file);

  for (std::size_t b = 0; b < doc.blocks.size(); ++b) {
    const probability_block<Real>& block = doc.blocks[b];
    const std::size_t child = child_of[b];
    const std::string who = "the probability block of " + quote(doc.variables[child].name.text);
    std::vector<Eigen::Index> cards{static_cast<Eigen::Index>(doc.variables[child].states.size())};
    const std::vector<std::size_t> parents = block_parents(doc, index, block, child, who, options, file, cards);
    // Sizes are checked before anything is allocated from them.
    const Eigen::Index entries = pitchrisk::detail::checked_table_size(
        cards, options.build.max_table_entries, place(file, block.line, block.column) + ": cpt " + quote(block.child.text),
        sizeof(Real));
    io::basic_variable_description<Real>& description = model.variables[child];
    description.parents = parents;
    description.line = block.line;
    description.table = block.has_table
                            ? place_table(block, child, parents, cards, entries, file)
                            : place_rows_and_default(doc, block, parents, entries, cards[0], model, who, options, file);
  }
  return model;
}

}  // namespace pitchrisk::detail::bif
