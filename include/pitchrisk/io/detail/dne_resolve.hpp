// SPDX-License-Identifier: MIT
// Pass 2 of the DNE reader: a parsed document into a model description (states, parents,
// `probs` or `functable`), refusing decision, utility, constant and continuous nodes.
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
#include "pitchrisk/io/detail/dne_parser.hpp"
#include "pitchrisk/io/detail/file_columns.hpp"

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

/// `file:line:column` of a token, for messages that carry their own place.
inline std::string place_of(const std::string& file, const token& t) {
  return file + ":" + std::to_string(t.line) + ":" + std::to_string(t.column);
}

/// Throws a parse_error at a token. Throws: parse_error, always.
[[noreturn]] inline void fail_at(const std::string& file, const token& t, const std::string& what) {
  throw parse_error(file, t.line, t.column, what);
}

/// The single bare word of a value, or empty (no value, a list, a quoted string).
inline std::string_view word_of(const value* v) {
  return v && v->leaves.size() == 1 && v->leaves[0].type == kind::word ? v->leaves[0].text : std::string_view();
}

/// A token's text, with a quoted string's escapes decoded.
inline std::string text_of(const token& t) { return t.type == kind::quoted ? unescape(t.text) : std::string(t.text); }

/// A node's field by key, or null.
inline const value* field_of(const node_decl& node, std::string_view key) {
  const auto it = node.fields.find(key);
  return it == node.fields.end() ? nullptr : &it->second;
}

/// Leaves out the text boxes: constant nodes without a table that no node uses (Netica's
/// title and documentation nodes, `kind = CONSTANT; discrete = FALSE;`).
inline void drop_text_boxes(document& doc) {
  std::unordered_set<std::string_view> used;
  for (const node_decl& node : doc.nodes)
    if (const auto it = node.fields.find("parents"); it != node.fields.end())
      for (const token& p : it->second.leaves) used.insert(p.text);
  std::erase_if(doc.nodes, [&](const node_decl& node) {
    return word_of(field_of(node, "kind")) == "CONSTANT" && !node.fields.count("probs") &&
           !node.fields.count("functable") && !used.count(node.name.text);
  });
}

/// Refuses what is not a discrete chance node with a table: decision, utility, constant and
/// continuous nodes, other kinds, and nodes with neither `probs` nor `functable`.
inline void check_node_kind(const node_decl& node, const std::string& who, const std::string& file) {
  const std::string_view kind_word = word_of(field_of(node, "kind"));
  if (kind_word == "DECISION" || kind_word == "UTILITY")
    fail_at(file, node.name,
            who + " is a " + (kind_word == "DECISION" ? std::string("decision") : std::string("utility")) +
                " node: influence diagrams are not supported");
  if (kind_word == "CONSTANT")
    fail_at(file, node.name, who + " is a constant node (kind = CONSTANT), which is not supported");
  if (!kind_word.empty() && kind_word != "NATURE" && kind_word != "DISCONNECTED")
    fail_at(file, field_of(node, "kind")->at, who + ": kind " + quote(kind_word) + " is not supported (only NATURE)");
  if (word_of(field_of(node, "discrete")) == "FALSE")
    fail_at(file, node.name, who + " is continuous (discrete = FALSE), which is not supported");
  if (!field_of(node, "probs") && !field_of(node, "functable"))
    fail_at(file, node.name,
            who +
                (node.keyword.text == "param"
                     ? " (a 'param' block, kind " + std::string(kind_word.empty() ? "unset" : kind_word) + ")"
                     : std::string()) +
                " has no probability table ('probs' or 'functable')" +
                (field_of(node, "equation") ? "; tables defined only by an equation are not supported" : ""));
}

/// A node's state ids: its `states` words, or `state0`, `state1`, ... for a bare `numstates`
/// (checked against `states` when both are given, and against the table-size limit).
inline std::vector<std::string> read_state_ids(const node_decl& node, const std::string& who, const std::string& file,
                                               const io::dne_options& options) {
  std::vector<std::string> ids;
  const value* states = field_of(node, "states");
  if (states)
    for (const token& t : states->leaves) {
      if (t.type != kind::word) fail_at(file, t, who + ": a state name must be a word, got a quoted string");
      ids.emplace_back(t.text);
    }
  if (const value* n = field_of(node, "numstates")) {
    const std::string_view w = word_of(n);
    const auto count = pitchrisk::detail::parse_count(w);
    if (w.empty() || count.fault != pitchrisk::detail::number_fault::none)
      fail_at(file, n->at, who + ": numstates " + quote(w.empty() ? std::string_view("?") : w) + " is not a whole number");
    const Eigen::Index cards[] = {count.value > static_cast<std::uint64_t>(std::numeric_limits<Eigen::Index>::max())
                                      ? std::numeric_limits<Eigen::Index>::max()
                                      : static_cast<Eigen::Index>(count.value)};
    pitchrisk::detail::checked_table_size(cards, options.build.max_table_entries,
                                          place_of(file, n->at) + ": " + who + " declares " + std::string(w) +
                                              " states; its table");
    if (states && count.value != ids.size())
      fail_at(file, n->at, who + " declares " + std::string(w) + " states (numstates) but lists " +
                               std::to_string(ids.size()));
    if (!states)
      for (std::uint64_t k = 0; k < count.value; ++k) ids.push_back("state" + std::to_string(k));
  }
  if (ids.empty()) fail_at(file, node.name, who + " has no states ('states' or 'numstates')");
  std::unordered_set<std::string_view> seen;
  for (const auto& s : ids)
    if (!seen.insert(s).second) fail_at(file, states->at, who + " lists state " + quote(s) + " twice");
  return ids;
}

/// The description of one node without parents and table: its name and label (a file of
/// ours keeps the name in `title`, another keeps the title as the label) and its states
/// (a file of ours keeps the state names in `statetitles`).
template <class Real>
io::basic_variable_description<Real> describe_node(const node_decl& node, const std::vector<std::string>& state_ids,
                                                   bool ours) {
  std::string name(node.name.text);
  std::string label;
  std::vector<std::string> states = state_ids;
  if (const value* t = field_of(node, "title"); t && t->leaves.size() == 1) (ours ? name : label) = text_of(t->leaves[0]);
  if (ours)
    if (const value* t = field_of(node, "statetitles"); t && t->leaves.size() == states.size())
      for (std::size_t k = 0; k < states.size(); ++k)
        if (t->leaves[k].type == kind::quoted) states[k] = unescape(t->leaves[k].text);
  io::basic_variable_description<Real> d;
  d.name = std::move(name);
  d.states = std::move(states);
  d.label = std::move(label);
  d.line = node.name.line;
  return d;
}

/// The parents of node `i` by position, refusing undeclared, self and repeated parents;
/// appends their cardinalities to `cards` (which starts with the node's own).
inline std::vector<std::size_t> resolve_parents(const node_decl& node, std::size_t i, const std::string& who,
                                                const std::string& file,
                                                const std::unordered_map<std::string_view, std::size_t>& index,
                                                const std::vector<std::vector<std::string>>& state_ids,
                                                std::vector<Eigen::Index>& cards) {
  std::vector<std::size_t> parents;
  const auto it = node.fields.find("parents");
  if (it == node.fields.end()) return parents;
  for (const token& p : it->second.leaves) {
    const auto found = index.find(p.text);
    if (p.type != kind::word || found == index.end())
      fail_at(file, p, "parent " + quote(p.text) + " of " + who + " is not a declared node");
    if (found->second == i) fail_at(file, p, who + " is listed as its own parent");
    if (std::find(parents.begin(), parents.end(), found->second) != parents.end())
      fail_at(file, p, "parent " + quote(p.text) + " is listed twice in " + who);
    parents.push_back(found->second);
    cards.push_back(static_cast<Eigen::Index>(state_ids[found->second].size()));
  }
  return parents;
}


/// The token of `word`, a word of plain list `v` (its line and column), found by scanning
/// the list again from its '('. For messages only.
inline token token_of(std::string_view text, const value& v, std::string_view word, const std::string& file) {
  const auto open = static_cast<std::size_t>(v.inside.data() - text.data()) - 1;
  scanner in(text, file, {open + 1, v.at.line, open + 1 - v.at.column});
  for (token t = in.next(); t.type != kind::end; t = in.next())
    if (t.text.data() == word.data()) return t;
  return v.at;  // not reached: the word is in the list
}

/// Fills `table` (builder order) from a `probs` value, with Netica 1.x's implied last
/// entries (each distribution's last entry left out: 1 minus the others). A plain list's
/// numbers are converted from the text straight into the table. `text`: the document's.
template <class Real>
void read_probs(std::string_view text, const value& v, const std::vector<Eigen::Index>& cards, const std::string& who,
                const std::string& file, const io::dne_options& options,
                Eigen::Array<Real, Eigen::Dynamic, 1>& table) {
  const Eigen::Index entries = table.size();
  const Eigen::Index k = cards[0];
  const Eigen::Index columns = entries / k;
  const auto given = static_cast<Eigen::Index>(v.size());
  const bool implied_last = k > 1 && given == columns * (k - 1) && given != entries;
  if (!implied_last && given != entries)
    fail_at(file, v.at, "the probs of " + who + " have " + std::to_string(v.size()) + " values, expected " +
                            std::to_string(entries) + " (" + std::to_string(k) + " states x " +
                            std::to_string(columns) + " parent configuration" + (columns == 1 ? "" : "s") + ")");
  column_odometer walk(cards);
  std::size_t at = 0;  // the next leaf, or (plain) the position in v.inside
  for (Eigen::Index c = 0; c < columns; ++c) {
    const Eigen::Index target = walk.column();
    Real rest = 1;
    for (Eigen::Index s = 0; s < k; ++s) {
      if (implied_last && s == k - 1) {
        // Rounding in the printed entries may leave a tiny negative rest: that is 0.
        if (rest < Real(0) && rest > -Real(options.build.columns.tolerance)) rest = 0;
        if (rest < Real(0))
          fail_at(file, v.at, "the probs of " + who + " (written without their last entries, as Netica 1.x does) add up "
                              "to more than 1 in parent configuration " + std::to_string(c + 1));
        table[target * k + s] = rest;
        break;
      }
      const token* const t = v.plain ? nullptr : &v.leaves[at++];
      const std::string_view word = t ? (t->type == kind::word ? t->text : std::string_view()) : next_plain_word(v.inside, at);
      const auto p = pitchrisk::detail::parse_decimal<Real>(word);
      if ((t && t->type != kind::word) || p.fault != pitchrisk::detail::number_fault::none)
        fail_at(file, t ? *t : token_of(text, v, word, file),
                "the probs of " + who + ": value " + quote(t ? t->text : word) + " " +
                    (!t || t->type == kind::word ? pitchrisk::detail::describe(p.fault)
                                                 : "is a quoted string, not a number"));
      table[target * k + s] = p.value;
      rest -= p.value;
    }
    walk.advance();
  }
}

/// Fills `table` (builder order) from a `functable` value: one state name per parent
/// configuration, probability 1 on that state.
template <class Real>
void read_functable(const value& v, const std::vector<Eigen::Index>& cards, const std::vector<std::string>& ids,
                    const std::string& who, const std::string& file, Eigen::Array<Real, Eigen::Dynamic, 1>& table) {
  const Eigen::Index k = cards[0];
  const Eigen::Index columns = table.size() / k;
  if (static_cast<Eigen::Index>(v.leaves.size()) != columns)
    fail_at(file, v.at, "the functable of " + who + " has " + std::to_string(v.leaves.size()) + " entries, expected " +
                            std::to_string(columns) + " (one per parent configuration)");
  table.setZero();
  column_odometer walk(cards);
  for (Eigen::Index c = 0; c < columns; ++c) {
    const token& t = v.leaves[static_cast<std::size_t>(c)];
    const auto s = std::find(ids.begin(), ids.end(), t.text);
    if (s == ids.end()) fail_at(file, t, "the functable of " + who + ": " + quote(t.text) + " is not a state of the node");
    table[walk.column() * k + (s - ids.begin())] = Real(1);
    walk.advance();
  }
}

/// Pass 2: the document into a network.
template <class Real>
io::basic_model_description<Real> resolve(document& doc, const std::string& file, const io::dne_options& options) {
  io::basic_model_description<Real> model;
  model.name = std::string(doc.bnet.text);
  if (doc.ours)
    if (const auto it = doc.fields.find("title"); it != doc.fields.end() && it->second.leaves.size() == 1)
      model.name = text_of(it->second.leaves[0]);
  model.file = file;
  if (const auto it = doc.fields.find("comment"); it != doc.fields.end() && it->second.leaves.size() == 1)
    model.comment = text_of(it->second.leaves[0]);

  drop_text_boxes(doc);
  std::unordered_map<std::string_view, std::size_t> index;
  std::vector<std::vector<std::string>> state_ids(doc.nodes.size());
  for (std::size_t i = 0; i < doc.nodes.size(); ++i) {
    const node_decl& node = doc.nodes[i];
    const std::string who = "node " + quote(node.name.text);
    if (!index.emplace(node.name.text, i).second)
      fail_at(file, node.name, who + " is declared twice (first at line " +
                                   std::to_string(doc.nodes[index[node.name.text]].name.line) + ")");
    check_node_kind(node, who, file);
    state_ids[i] = read_state_ids(node, who, file, options);
    model.variables.push_back(describe_node<Real>(node, state_ids[i], doc.ours));
  }

  for (std::size_t i = 0; i < doc.nodes.size(); ++i) {
    const node_decl& node = doc.nodes[i];
    const std::string who = "node " + quote(node.name.text);
    std::vector<Eigen::Index> cards{static_cast<Eigen::Index>(state_ids[i].size())};
    model.variables[i].parents = resolve_parents(node, i, who, file, index, state_ids, cards);
    const Eigen::Index entries = pitchrisk::detail::checked_table_size(
        cards, options.build.max_table_entries, place_of(file, node.name) + ": cpt of " + who, sizeof(Real));
    Eigen::Array<Real, Eigen::Dynamic, 1> table(entries);
    if (const auto probs = node.fields.find("probs"); probs != node.fields.end())
      read_probs(doc.text, probs->second, cards, who, file, options, table);
    else
      read_functable(node.fields.find("functable")->second, cards, state_ids[i], who, file, table);
    model.variables[i].table = std::move(table);
  }
  return model;
}

}  // namespace pitchrisk::detail::dne
