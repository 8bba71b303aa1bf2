// SPDX-License-Identifier: MIT
// The XDSL writer: to_xdsl_string and write_xdsl, declared in io/xdsl.hpp, and the
// helpers that quote names and print numbers. Included at the end of io/xdsl.hpp;
// included alone it includes that header first.
#pragma once

#include "pitchrisk/io/xdsl.hpp"
#include "pitchrisk/io/detail/xdsl_parser.hpp"
#include "pitchrisk/io/detail/text_file.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace pitchrisk::detail::xdsl {

inline std::string identifier(std::string_view name, std::unordered_set<std::string>& taken) {
  std::string base;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    base += ok ? c : '_';
  }
  if (base.empty() || !((base[0] >= 'a' && base[0] <= 'z') || (base[0] >= 'A' && base[0] <= 'Z'))) base = "s" + base;
  std::string out = base;
  for (std::size_t i = 2; !taken.insert(out).second; ++i) out = base + "_" + std::to_string(i);
  return out;
}

inline void append_escaped(std::string& out, std::string_view s, const std::string& what) {
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      case '\0': throw model_error("cannot write XDSL: " + what + " " + quote(s) + " contains a NUL byte");
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          throw model_error("cannot write XDSL: " + what + " " + quote(s) + " contains a control character");
        out += c;
    }
  }
}

template <class Real>
void append_number(std::string& out, Real x) {
  char buffer[64];
  const std::to_chars_result r = std::to_chars(buffer, buffer + sizeof buffer, x);
  out.append(buffer, static_cast<std::size_t>(r.ptr - buffer));
}

/// Appends the `<strengths>` and `<parameters>` of variable `i`, a noisy-MAX model whose
/// last state is the absent one (its `<noisymax>` element is open).
template <class Real>
void append_noisy_max(std::string& out, const io::basic_model_description<Real>& model, std::size_t i) {
  const auto& v = model.variables[i];
  const std::size_t m = v.states.size();
  const io::canonical_parameters& c = *v.canonical;
  out += "\t\t\t<strengths>";
  std::vector<std::vector<std::size_t>> rank;
  for (std::size_t p = 0; p < v.parents.size(); ++p) {
    const std::size_t kp = model.variables[v.parents[p]].states.size();
    std::vector<std::size_t> r = p < c.parent_order.size() && c.parent_order[p].size() == kp
                                     ? c.parent_order[p]
                                     : std::vector<std::size_t>{};
    if (r.empty())
      for (std::size_t s = 0; s < kp; ++s) r.push_back(s);
    for (std::size_t j = 0; j < kp; ++j) out += (p || j ? " " : "") + std::to_string(r[j]);
    rank.push_back(std::move(r));
  }
  out += "</strengths>\n\t\t\t<parameters>";
  bool first = true;
  const auto put = [&](double x) {
    if (!first) out += ' ';
    first = false;
    append_number(out, x);
  };
  if (c.effects.size() != v.parents.size() || c.leak.size() != m) (void)io::expand(model, i);  // throws naming it
  for (std::size_t p = 0; p < v.parents.size(); ++p)
    for (const std::size_t s : rank[p]) {
      if (s >= c.effects[p].size() || c.effects[p][s].size() != m) (void)io::expand(model, i);
      for (std::size_t y = 0; y < m; ++y) put(c.effects[p][s][y]);
    }
  for (std::size_t y = 0; y < m; ++y) put(c.leak[y]);
  out += "</parameters>\n\t\t</noisymax>\n";
}

/// Appends the `<probabilities>` of variable `i` (its `<cpt>` element is open): the full
/// table, last parent fastest, then closes the element.
template <class Real>
void append_cpt(std::string& out, const io::basic_model_description<Real>& model, std::size_t i) {
  const auto& v = model.variables[i];
  const std::size_t m = v.states.size();
  const Eigen::Array<Real, Eigen::Dynamic, 1> table = io::expand(model, i);
  out += "\t\t\t<probabilities>";
  std::vector<Eigen::Index> cards, stride;
  Eigen::Index s = 1;
  for (const std::size_t p : v.parents) {
    cards.push_back(static_cast<Eigen::Index>(model.variables[p].states.size()));
    stride.push_back(s);
    s *= cards.back();
  }
  const auto k = static_cast<Eigen::Index>(m);
  const Eigen::Index columns = table.size() / k;
  std::vector<Eigen::Index> x(cards.size(), 0);
  Eigen::Index column = 0;
  for (Eigen::Index c = 0; c < columns; ++c) {
    for (Eigen::Index y = 0; y < k; ++y) {
      if (c || y) out += ' ';
      append_number(out, table[column * k + y]);
    }
    for (std::size_t p = cards.size(); p-- > 0;) {
      column += stride[p];
      if (++x[p] < cards[p]) break;
      column -= stride[p] * cards[p];
      x[p] = 0;
    }
  }
  out += "</probabilities>\n\t\t</cpt>\n";
}

/// The XDSL id of each variable: its name when that is a GeNIe identifier not yet taken, else
/// one made from it (`identifier`), unique among all.
template <class Real>
std::vector<std::string> node_ids(const io::basic_model_description<Real>& model) {
  std::unordered_set<std::string> taken;
  std::vector<std::string> ids(model.variables.size());
  for (std::size_t i = 0; i < model.variables.size(); ++i)
    if (is_identifier(model.variables[i].name) && taken.insert(model.variables[i].name).second)
      ids[i] = model.variables[i].name;
  for (std::size_t i = 0; i < model.variables.size(); ++i)
    if (ids[i].empty()) ids[i] = identifier(model.variables[i].name, taken);
  return ids;
}

/// Appends the node element of variable `i`: a <noisymax> when its noisy-MAX has the last
/// state as the absent one, else a <cpt> with its full table (and a comment saying why, when
/// it is another canonical model); states, parents, then the local model.
template <class Real>
void append_node(std::string& out, const io::basic_model_description<Real>& model, std::size_t i,
                 const std::vector<std::string>& ids) {
  using io::local_model;
  const auto& v = model.variables[i];
  const std::size_t m = v.states.size();
  bool compact = false;
  if (v.canonical && v.canonical->kind == local_model::noisy_max) {
    compact = v.canonical->child_order.size() == m;
    for (std::size_t r = 0; compact && r < m; ++r) compact = v.canonical->child_order[r] == m - 1 - r;
  }
  if (v.canonical && !compact) {
    const char* kind = v.canonical->kind == local_model::noisy_or    ? "noisy-OR"
                       : v.canonical->kind == local_model::noisy_and ? "noisy-AND"
                                                                      : "noisy-MAX";
    out += "\t\t<!-- ";
    append_escaped(out, ids[i], "variable name");
    out += std::string(" is a ") + kind +
           " model; XDSL holds noisy-MAX only with the last state as the absent one: written as its full table -->\n";
  }
  out += compact ? "\t\t<noisymax id=\"" : "\t\t<cpt id=\"";
  out += ids[i] + "\">\n";
  std::unordered_set<std::string> state_taken;
  for (const auto& s : v.states)
    if (is_identifier(s)) state_taken.insert(s);
  for (const auto& s : v.states) {
    if (is_identifier(s)) {
      out += "\t\t\t<state id=\"" + s + "\" />\n";
    } else {
      out += "\t\t\t<state id=\"" + identifier(s, state_taken) + "\" label=\"";
      append_escaped(out, s, "a state name of " + quote(v.name));
      out += "\" />\n";
    }
  }
  if (!v.parents.empty()) {
    out += "\t\t\t<parents>";
    for (std::size_t p = 0; p < v.parents.size(); ++p) out += (p ? " " : "") + ids[v.parents[p]];
    out += "</parents>\n";
  }
  if (compact) {
    append_noisy_max(out, model, i);
    return;
  }
  append_cpt(out, model, i);
}

/// Appends the GeNIe <extensions>: the network's name, and each node's name and position (its
/// place, or a grid of 8 columns when it has none).
template <class Real>
void append_extensions(std::string& out, const io::basic_model_description<Real>& model,
                       const std::vector<std::string>& ids) {
  out += "\t<extensions>\n\t\t<genie version=\"1.0\" app=\"pitchrisk\" name=\"";
  append_escaped(out, model.name, "network name");
  out += "\">\n";
  for (std::size_t i = 0; i < model.variables.size(); ++i) {
    const auto& v = model.variables[i];
    out += "\t\t\t<node id=\"" + ids[i] + "\">\n\t\t\t\t<name>";
    append_escaped(out, v.name, "variable name");
    out += "</name>\n\t\t\t\t<interior color=\"e5f6f7\" />\n\t\t\t\t<outline color=\"000080\" />\n"
           "\t\t\t\t<font color=\"000000\" name=\"Arial\" size=\"8\" />\n\t\t\t\t<position>";
    const double px = v.place ? v.place->x : 40.0 + 130.0 * static_cast<double>(i % 8);
    const double py = v.place ? v.place->y : 40.0 + 90.0 * static_cast<double>(i / 8);
    append_number(out, px);
    out += ' ';
    append_number(out, py);
    out += ' ';
    append_number(out, px + 100);
    out += ' ';
    append_number(out, py + 60);
    out += "</position>\n\t\t\t</node>\n";
  }
  out += "\t\t</genie>\n\t</extensions>\n";
}

}  // namespace pitchrisk::detail::xdsl

namespace pitchrisk::io {

template <class Real>
std::string to_xdsl_string(const basic_model_description<Real>& model) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- ";
  out += pitchrisk::detail::xdsl::marker;
  out += "; names that are not GeNIe identifiers are kept in the extensions and state labels -->\n";
  std::unordered_set<std::string> taken;
  const std::string net_id = pitchrisk::detail::xdsl::identifier(model.name.empty() ? "Network" : model.name, taken);
  out += "<smile version=\"1.0\" id=\"" + net_id + "\" numsamples=\"10000\" discsamples=\"10000\">\n\t<nodes>\n";
  const std::vector<std::string> ids = pitchrisk::detail::xdsl::node_ids(model);
  for (std::size_t i = 0; i < model.variables.size(); ++i) pitchrisk::detail::xdsl::append_node(out, model, i, ids);
  out += "\t</nodes>\n";
  pitchrisk::detail::xdsl::append_extensions(out, model, ids);
  out += "</smile>\n";
  return out;
}

template <class Real>
std::string to_xdsl_string(const basic_network<Real>& net) {
  return to_xdsl_string(describe(net));
}

template <class Real>
void write_xdsl(const basic_network<Real>& net, const std::filesystem::path& file) {
  const std::string text = to_xdsl_string(net);
  pitchrisk::detail::write_text_file(text, file, "XDSL file");
}

}  // namespace pitchrisk::io
