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
