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

}  // namespace pitchrisk::detail::bif
