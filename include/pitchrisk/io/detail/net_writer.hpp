// SPDX-License-Identifier: MIT
// The Hugin NET writer: to_net_string and write_net, declared in io/net.hpp, and the
// helpers that quote names and print numbers. Included at the end of io/net.hpp;
// included alone it includes that header first.
#pragma once

#include "pitchrisk/io/net.hpp"
#include "pitchrisk/io/detail/net_lexer.hpp"
#include "pitchrisk/io/detail/net_parser.hpp"
#include "pitchrisk/io/detail/text_file.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace pitchrisk::detail::net {

/// Whether `text` is a value as the reader rebuilds it (then a writer may emit it as is).
inline bool is_value_text(const std::string& text) {
  if (text.empty()) return false;
  const std::string file = "<value>";
  try {
    lexer lex(text, file);
    // Rebuild through the reader's value grammar.
    std::string rebuilt;
    std::size_t depth = 0;
    bool any = false;
    for (token t = lex.next(); t.type != kind::end; t = lex.next()) {
      if (any && depth == 0) return false;
      any = true;
      if (t.type == kind::punct && t.text == "(") {
        if (++depth > 64) return false;
        if (!rebuilt.empty() && rebuilt.back() != '(') rebuilt += ' ';
        rebuilt += '(';
      } else if (t.type == kind::punct && t.text == ")") {
        if (depth == 0) return false;
        --depth;
        rebuilt += ')';
      } else if (t.type == kind::punct) {
        return false;
      } else {
        if (!rebuilt.empty() && rebuilt.back() != '(') rebuilt += ' ';
        if (t.type == kind::string)
          append_string(rebuilt, t.text);
        else
          rebuilt += t.text;
      }
    }
    return depth == 0 && rebuilt == text;
  } catch (const parse_error&) {
    return false;
  }
}

inline void check_text(std::string_view s, const std::string& what) {
  if (s.find('\0') != std::string_view::npos)
    throw model_error("cannot write Hugin NET: " + what + " " + quote(s) + " contains a NUL byte");
}

inline std::string identifier(std::string_view name, std::unordered_set<std::string>& taken) {
  std::string base;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    base += ok ? c : '_';
  }
  if (base.empty() || (base[0] >= '0' && base[0] <= '9')) base = "n" + base;
  std::string out = base;
  for (std::size_t i = 2; !taken.insert(out).second; ++i) out = base + "_" + std::to_string(i);
  return out;
}

/// Attribute keys a property may not take (the writer's own).
inline bool reserved(std::string_view key) noexcept {
  return key == "states" || key == "label" || key == "position" || key == "pitchrisk_name" || key == "name" ||
         key == "data" || key == "inputs" || key == "outputs";
}

inline void append_property(std::string& out, const std::string& indent, const std::pair<std::string, std::string>& p) {
  if (!is_identifier(p.first) || reserved(p.first) || p.first == "node" || p.first == "potential") return;
  out += indent + p.first + " = ";
  if (is_value_text(p.second))
    out += p.second;
  else
    append_string(out, p.second);
  out += ";\n";
}

/// Appends the `node` block of variable `v` (identifier `id`): label, position, states, the
/// original name when the identifier differs, properties.
template <class Real>
void append_node(std::string& out, const io::basic_variable_description<Real>& v, const std::string& id) {
  check_text(v.name, "variable name");
  out += "\nnode " + id + "\n{\n";
  if (!v.label.empty()) {
    check_text(v.label, "label");
    out += "    label = ";
    append_string(out, v.label);
    out += ";\n";
  }
  if (v.place) {
    out += "    position = (";
    append_number(out, v.place->x);
    out += ' ';
    append_number(out, v.place->y);
    out += ");\n";
  }
  out += "    states = (";
  for (std::size_t s = 0; s < v.states.size(); ++s) {
    check_text(v.states[s], "a state of " + quote(v.name));
    if (s) out += ' ';
    append_string(out, v.states[s]);
  }
  out += ");\n";
  if (id != v.name) {
    out += "    pitchrisk_name = ";
    append_string(out, v.name);
    out += ";\n";
  }
  for (const auto& p : v.properties) {
    check_text(p.second, "property");
    append_property(out, "    ", p);
  }
  out += "}\n";
}

/// Appends the `potential` block of variable `i`: one parenthesised line per parent
/// configuration, nested as Hugin nests them (the first parent outermost).
template <class Real>
void append_potential(std::string& out, const io::basic_model_description<Real>& model, std::size_t i,
                      const std::vector<std::string>& ids) {
  const auto& v = model.variables[i];
  const Eigen::Array<Real, Eigen::Dynamic, 1> table = io::expand(model, i);
  out += '\n';
  if (v.canonical) {
    const char* kind = v.canonical->kind == io::local_model::noisy_or    ? "noisy-OR"
                       : v.canonical->kind == io::local_model::noisy_and ? "noisy-AND"
                                                                      : "noisy-MAX";
    out += "% " + ids[i] + " is a " + kind + " model; Hugin NET holds tables only: written as its full table\n";
  }
  out += "potential (" + ids[i];
  if (!v.parents.empty()) {
    out += " |";
    for (const std::size_t p : v.parents) out += " " + ids.at(p);
  }
  out += ")\n{\n    data = ";
  std::vector<Eigen::Index> cards, stride;
  Eigen::Index s = 1;
  for (const std::size_t p : v.parents) {
    cards.push_back(static_cast<Eigen::Index>(model.variables[p].states.size()));
    stride.push_back(s);
    s *= cards.back();
  }
  const auto k = static_cast<Eigen::Index>(v.states.size());
  const Eigen::Index columns = k == 0 ? 0 : table.size() / k;
  std::vector<Eigen::Index> x(cards.size(), 0);
  Eigen::Index column = 0;
  // One line per parent configuration: a level opens where every later digit is 0 and
  // closes where every later digit is at its last value.
  for (Eigen::Index c = 0; c < columns; ++c) {
    if (c) out += "\n        ";
    std::size_t opens = 1, closes = 1;
    for (std::size_t p = cards.size(); p-- > 0 && x[p] == 0;) ++opens;
    for (std::size_t p = cards.size(); p-- > 0 && x[p] == cards[p] - 1;) ++closes;
    out.append(opens, '(');
    for (Eigen::Index y = 0; y < k; ++y) {
      if (y) out += ' ';
      append_number(out, table[column * k + y]);
    }
    out.append(closes, ')');
    for (std::size_t p = cards.size(); p-- > 0;) {
      column += stride[p];
      if (++x[p] < cards[p]) break;
      column -= stride[p] * cards[p];
      x[p] = 0;
    }
  }
  out += ";\n}\n";
}

}  // namespace pitchrisk::detail::net

namespace pitchrisk::io {

template <class Real>
std::string to_net_string(const basic_model_description<Real>& model) {
  namespace n = pitchrisk::detail::net;
  std::string out = "% Hugin NET file written by pitchrisk\nnet\n{\n";
  if (!model.name.empty()) {
    n::check_text(model.name, "network name");
    out += "    name = ";
    n::append_string(out, model.name);
    out += ";\n";
  }
  for (const auto& p : model.properties) {
    n::check_text(p.second, "property");
    n::append_property(out, "    ", p);
  }
  out += "}\n";
  std::unordered_set<std::string> taken;
  std::vector<std::string> ids(model.variables.size());
  for (std::size_t i = 0; i < model.variables.size(); ++i)
    if (n::is_identifier(model.variables[i].name) && taken.insert(model.variables[i].name).second)
      ids[i] = model.variables[i].name;
  for (std::size_t i = 0; i < model.variables.size(); ++i)
    if (ids[i].empty()) ids[i] = n::identifier(model.variables[i].name, taken);
  for (std::size_t i = 0; i < model.variables.size(); ++i) n::append_node(out, model.variables[i], ids[i]);
  for (std::size_t i = 0; i < model.variables.size(); ++i) n::append_potential(out, model, i, ids);
  return out;
}

template <class Real>
std::string to_net_string(const basic_network<Real>& net) {
  return to_net_string(describe(net));
}

template <class Real>
void write_net(const basic_network<Real>& net, const std::filesystem::path& file) {
  const std::string text = to_net_string(net);
  pitchrisk::detail::write_text_file(text, file, "Hugin NET file");
}

}  // namespace pitchrisk::io
