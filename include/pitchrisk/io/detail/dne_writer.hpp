// SPDX-License-Identifier: MIT
// The DNE writer: to_dne_string and write_dne, declared in io/dne.hpp, and the
// helpers that quote names and print numbers. Included at the end of io/dne.hpp;
// included alone it includes that header first.
#pragma once

#include "pitchrisk/io/dne.hpp"
#include "pitchrisk/io/detail/dne_parser.hpp"
#include "pitchrisk/io/detail/dne_resolve.hpp"
#include "pitchrisk/io/detail/text_file.hpp"

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

/// The node identifier of each variable: its name when that is a Netica identifier (and not
/// taken), otherwise a unique identifier made from it.
template <class Real>
std::vector<std::string> node_ids(const io::basic_model_description<Real>& model) {
  std::unordered_set<std::string> taken;
  std::vector<std::string> ids;
  for (const auto& var : model.variables)
    ids.push_back(io::is_dne_name(var.name) && taken.insert(var.name).second ? var.name : std::string());
  for (std::size_t v = 0; v < ids.size(); ++v)
    if (ids[v].empty()) ids[v] = identifier(model.variables[v].name, taken);
  return ids;
}

/// Appends the `states` line of `var` (and `statetitles` when a state is not a Netica
/// identifier and had to be renamed).
template <class Real>
void append_states(std::string& out, const io::basic_variable_description<Real>& var) {
  std::unordered_set<std::string> state_taken;
  std::vector<std::string> states;
  bool renamed = false;
  for (const std::string& s : var.states)
    if (io::is_dne_name(s)) state_taken.insert(s);
  for (const std::string& s : var.states) {
    if (io::is_dne_name(s)) {
      states.push_back(s);
    } else {
      states.push_back(identifier(s, state_taken));
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
      append_string(out, var.states[s], "a state name of " + quote(var.name));
    }
    out += ");\n";
  }
}

/// Appends the `probs` table of variable `v`: one parenthesised row per parent configuration,
/// nested as Netica nests them (the first parent outermost).
template <class Real>
void append_probs(std::string& out, const io::basic_model_description<Real>& model, std::size_t v) {
  const auto& var = model.variables[v];
  const std::vector<std::size_t>& parents = var.parents;
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
  const Eigen::Array<Real, Eigen::Dynamic, 1> columns = io::expand(model, v);
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
      append_number(out, columns[column * k + s]);
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
}

}  // namespace pitchrisk::detail::dne

namespace pitchrisk::io {

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
  const std::vector<std::string> ids = pitchrisk::detail::dne::node_ids(model);

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
    pitchrisk::detail::dne::append_states(out, var);
    out += "\tparents = (";
    for (std::size_t i = 0; i < parents.size(); ++i) out += (i ? ", " : "") + ids[parents[i]];
    out += ");\n\tprobs = \n\t\t";
    pitchrisk::detail::dne::append_probs(out, model, v);
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
  pitchrisk::detail::write_text_file(text, file, "DNE file");
}

}  // namespace pitchrisk::io
