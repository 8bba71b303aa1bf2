// SPDX-License-Identifier: MIT
// The XMLBIF reader: the pugixml document's VARIABLE and DEFINITION elements into a model
// description, with places in the text for every error.
#pragma once

#include "pitchrisk/core/network.hpp"
#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/detail/excerpt.hpp"
#include "pitchrisk/detail/line_index.hpp"
#include "pitchrisk/detail/parse_number.hpp"
#include "pitchrisk/detail/read_file.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/io/model_description.hpp"
#include "pitchrisk/io/format_options.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace pitchrisk::detail::xmlbif {

inline std::string quote(std::string_view s) { return "'" + pitchrisk::detail::excerpt(s) + "'"; }

inline bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

inline std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

/// Line and column of byte `offset` (LF, CRLF and CR-only line ends).
inline std::pair<std::size_t, std::size_t> place_of(std::string_view text, std::ptrdiff_t offset) {
  std::size_t line = 1, start = 0;
  const auto end = static_cast<std::size_t>(
      std::max<std::ptrdiff_t>(0, std::min<std::ptrdiff_t>(offset, static_cast<std::ptrdiff_t>(text.size()))));
  for (std::size_t i = 0; i < end; ++i)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++line;
      start = i + 1;
    }
  return {line, end - start + 1};
}

/// Parses "(x, y)" or "(x y)"; false if it is not that.
inline bool parse_position(std::string_view s, io::position& out) {
  s = trim(s);
  if (s.size() < 2 || s.front() != '(' || s.back() != ')') return false;
  s = s.substr(1, s.size() - 2);
  double v[2];
  int n = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (is_space(s[i]) || s[i] == ',')) ++i;
    const std::size_t b = i;
    while (i < s.size() && !is_space(s[i]) && s[i] != ',') ++i;
    if (i == b) break;
    if (n == 2) return false;
    const auto r = pitchrisk::detail::parse_signed_decimal<double>(s.substr(b, i - b));
    if (r.fault != pitchrisk::detail::number_fault::none) return false;
    v[n++] = r.value;
  }
  if (n != 2) return false;
  out = {v[0], v[1]};
  return true;
}

/// Reads one XMLBIF document.
template <class Real>
class reader {
 public:
  reader(std::string_view text, std::string file, const io::xmlbif_options& options)
      : m_text(text), m_lines(text), m_file(std::move(file)), m_options(options) {}

  io::basic_model_description<Real> read();

 private:
  [[noreturn]] void fail(const pugi::xml_node& at, const std::string& what) const {
    const auto [line, column] = place_of(m_text, at.offset_debug());
    throw parse_error(m_file, line, column, what);
  }
  [[noreturn]] void fail_size(const pugi::xml_node& at, const std::string& what, double needed) const {
    const auto [line, column] = place_of(m_text, at.offset_debug());
    throw size_error(m_file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + what, needed);
  }
  std::size_t line_of(const pugi::xml_node& at) const { return m_lines.line(at.offset_debug()); }
  /// The trimmed text of `element`, refused if it holds a control character or child elements.
  std::string text_of(const pugi::xml_node& element, const std::string& what) const {
    for (const pugi::xml_node c : element.children())
      if (c.type() == pugi::node_element) fail(c, what + " holds an element <" + excerpt(c.name()) + ">, expected text");
    const std::string_view raw = trim(element.child_value());
    for (const char c : raw)
      if (static_cast<unsigned char>(c) < 0x20 && !is_space(c))
        fail(element, what + " " + quote(raw) + " contains a control character");
    return std::string(raw);
  }
  /// The one child `name` of `parent`; refused when absent or repeated.
  pugi::xml_node only_child(const pugi::xml_node& parent, const char* name, const std::string& who) const {
    const pugi::xml_node first = parent.child(name);
    if (!first) fail(parent, who + " has no <" + std::string(name) + ">");
    if (const pugi::xml_node second = first.next_sibling(name))
      fail(second, who + " has a second <" + std::string(name) + ">");
    return first;
  }

  std::string_view m_text;
  pitchrisk::detail::line_index m_lines;  ///< line of a node in O(log n)
  std::string m_file;
  const io::xmlbif_options& m_options;
};

template <class Real>
io::basic_model_description<Real> reader<Real>::read() {
  pugi::xml_document doc;
  // parse_default: the DOCTYPE subset is skipped, no entity is declared or expanded; only the
  // five predefined entities and character references are decoded.
  const unsigned flags = pugi::parse_default & ~pugi::parse_wconv_attribute;
  const pugi::xml_parse_result parsed = doc.load_buffer(m_text.data(), m_text.size(), flags, pugi::encoding_auto);
  if (!parsed) {
    const auto [line, column] = place_of(m_text, parsed.offset);
    std::string what = std::string("not well-formed XML: ") + parsed.description();
    if (m_text.find("<?XML") != std::string_view::npos)
      what += " (an upper-case <?XML declaration: the pre-0.3 XMLBIF dialect of JavaBayes, not supported)";
    throw parse_error(m_file, line, column, what);
  }
  const pugi::xml_node root = doc.document_element();
  if (!root) fail(doc, "no root element");
  const std::string_view root_name = root.name();
  if (root_name != "BIF") {
    if (root_name.size() > 4 && root_name.substr(root_name.size() - 4) == ":BIF")
      fail(root, "<" + excerpt(root_name) + "> is UnBBayes' namespaced XML dialect, not XMLBIF 0.3: not supported");
    fail(root, "expected the root element <BIF> of an XMLBIF file, got <" + excerpt(root_name) + ">");
  }
  const pugi::xml_node network = root.child("NETWORK");
  if (!network) fail(root, "<BIF> has no <NETWORK> element");

  io::basic_model_description<Real> model;
  model.file = m_file;
  if (const pugi::xml_node name = network.child("NAME")) {
    if (name.next_sibling("NAME")) fail(name.next_sibling("NAME"), "<NETWORK> has a second <NAME>");
    model.name = text_of(name, "the network name");
  }
  std::size_t extra_networks = 0;
  for (pugi::xml_node n = network.next_sibling("NETWORK"); n; n = n.next_sibling("NETWORK")) ++extra_networks;
  if (extra_networks > 0) model.properties.emplace_back("xmlbif.ignored_networks", std::to_string(extra_networks));

  const auto add_property = [&](std::vector<std::pair<std::string, std::string>>& to, const pugi::xml_node& p,
                                const std::string& who, std::optional<io::position>* place) {
    const std::string text = text_of(p, "a property of " + who);
    if (text.empty()) return;
    const std::size_t eq = text.find('=');
    std::string key(trim(std::string_view(text).substr(0, eq)));
    std::string value = eq == std::string::npos ? std::string() : std::string(trim(std::string_view(text).substr(eq + 1)));
    io::position at;
    // Only a variable's first `position` may become its place, so that a writer that puts the
    // place first gives the same model back.
    const bool first = std::none_of(to.begin(), to.end(), [](const auto& kv) { return kv.first == "position"; });
    if (place && key == "position" && !*place && first && parse_position(value, at)) {
      *place = at;
      return;
    }
    to.emplace_back(std::move(key), std::move(value));
  };

  // Pass 1: variables, their outcomes and properties.
  std::unordered_map<std::string, std::size_t> index;
  for (const pugi::xml_node e : network.children()) {
    if (e.type() != pugi::node_element) continue;
    const std::string_view kind = e.name();
    if (kind == "PROPERTY") {
      add_property(model.properties, e, "the network", nullptr);
      continue;
    }
    if (kind == "NAME" || kind == "DEFINITION") continue;
    if (kind == "PROBABILITY")
      fail(e, "<PROBABILITY> is the pre-0.3 XMLBIF dialect (tables child slowest), not supported: expected <DEFINITION>");
    if (kind != "VARIABLE") fail(e, "unexpected element <" + excerpt(kind) + "> in <NETWORK>");
    if (model.variables.size() >= m_options.max_variables)
      fail_size(e, "more than " + std::to_string(m_options.max_variables) + " variables (xmlbif_options::max_variables)",
                static_cast<double>(model.variables.size() + 1));
    io::basic_variable_description<Real> v;
    v.name = text_of(only_child(e, "NAME", "a <VARIABLE>"), "the variable name");
    const std::string who = "variable " + quote(v.name);
    if (v.name.empty()) fail(e, "a <VARIABLE> with an empty <NAME>");
    const std::string_view type = e.attribute("TYPE") ? e.attribute("TYPE").value() : "nature";
    if (type == "decision" || type == "utility")
      fail(e, who + " is a " + std::string(type) + " variable: influence diagrams are not supported");
    if (type != "nature") fail(e, who + ": TYPE " + quote(type) + " is not one of nature, decision, utility");
    if (!index.emplace(v.name, model.variables.size()).second) fail(e, who + " is declared twice");
    v.line = line_of(e);
    std::unordered_set<std::string> seen;
    for (const pugi::xml_node c : e.children()) {
      if (c.type() != pugi::node_element) continue;
      const std::string_view what = c.name();
      if (what == "NAME") continue;
      if (what == "PROPERTY") {
        add_property(v.properties, c, who, &v.place);
        continue;
      }
      if (what == "VALUE" || what == "TYPE")
        fail(c, who + ": <" + std::string(what) + "> is the pre-0.3 XMLBIF dialect, not supported: expected <OUTCOME>");
      if (what != "OUTCOME") fail(c, who + ": unexpected element <" + excerpt(what) + ">");
      std::string state = text_of(c, "an outcome of " + who);
      if (state.empty()) fail(c, who + " has an empty <OUTCOME>");
      if (!seen.insert(state).second) fail(c, who + " lists outcome " + quote(state) + " twice");
      v.states.push_back(std::move(state));
      const Eigen::Index cards[] = {static_cast<Eigen::Index>(v.states.size())};
      if (v.states.size() > 1) {
        try {
          pitchrisk::detail::checked_table_size(cards, m_options.build.max_table_entries, who + ": its outcomes");
        } catch (const size_error& err) {
          fail_size(c, err.what(), static_cast<double>(v.states.size()));
        }
      }
    }
    if (v.states.empty()) fail(e, who + " has no <OUTCOME>");
    model.variables.push_back(std::move(v));
  }

  // Pass 2: definitions.
  std::vector<bool> defined(model.variables.size(), false);
  for (const pugi::xml_node d : network.children("DEFINITION")) {
    const std::string name = text_of(only_child(d, "FOR", "a <DEFINITION>"), "the variable of a definition");
    const auto it = index.find(name);
    if (it == index.end()) fail(d.child("FOR"), "<DEFINITION> for " + quote(name) + ", which is not a declared variable");
    const std::size_t i = it->second;
    auto& v = model.variables[i];
    const std::string who = "the definition of " + quote(name);
    if (defined[i]) fail(d, "variable " + quote(name) + " has a second <DEFINITION>");
    defined[i] = true;
    v.line = line_of(d);
    std::unordered_set<std::size_t> given;
    std::vector<Eigen::Index> cards{static_cast<Eigen::Index>(v.states.size())};
    for (const pugi::xml_node c : d.children()) {
      if (c.type() != pugi::node_element) continue;
      const std::string_view what = c.name();
      if (what == "FOR" || what == "TABLE") continue;
      if (what == "PROPERTY") {
        add_property(v.properties, c, who, &v.place);
        continue;
      }
      if (what != "GIVEN") fail(c, who + ": unexpected element <" + excerpt(what) + ">");
      const std::string p = text_of(c, "a parent in " + who);
      const auto pt = index.find(p);
      if (pt == index.end()) fail(c, "parent " + quote(p) + " in " + who + " is not a declared variable");
      if (pt->second == i) fail(c, "variable " + quote(name) + " is given as its own parent");
      if (!given.insert(pt->second).second)
        fail(c, "parent " + quote(p) + " is given twice in " + who);
      v.parents.push_back(pt->second);
      cards.push_back(static_cast<Eigen::Index>(model.variables[pt->second].states.size()));
    }
    const pugi::xml_node table = only_child(d, "TABLE", who);
    for (const pugi::xml_node c : table.children())
      if (c.type() == pugi::node_element) fail(c, "the <TABLE> of " + who + " holds an element, expected numbers");
    Eigen::Index entries = 0;
    try {
      entries = pitchrisk::detail::checked_table_size(cards, m_options.build.max_table_entries, "the table of " + quote(name),
                                                      sizeof(Real));
    } catch (const size_error& err) {
      fail_size(d, err.what(), err.needed_entries());
    }
    const Eigen::Index k = cards[0];
    const Eigen::Index columns = entries / k;
    // File column c has the last parent fastest; the description's has the first fastest.
    std::vector<Eigen::Index> stride(v.parents.size());
    for (std::size_t p = 0, s = 1; p < v.parents.size(); ++p) {
      stride[p] = static_cast<Eigen::Index>(s);
      s *= static_cast<std::size_t>(cards[p + 1]);
    }
    v.table.resize(entries);
    const double limit = 1.0 + m_options.build.columns.tolerance;
    const std::string_view numbers = table.child_value();
    std::size_t at = 0;
    Eigen::Index count = 0, target = 0, s = 0;
    std::vector<Eigen::Index> x(v.parents.size(), 0);
    while (at < numbers.size()) {
      while (at < numbers.size() && is_space(numbers[at])) ++at;
      const std::size_t b = at;
      while (at < numbers.size() && !is_space(numbers[at])) ++at;
      if (at == b) break;
      const std::string_view w = numbers.substr(b, at - b);
      if (count == entries)
        fail(table, "the table of " + quote(name) + " has more than " + std::to_string(entries) + " values (" +
                        std::to_string(k) + " outcomes x " + std::to_string(columns) + " parent configuration" +
                        (columns == 1 ? "" : "s") + ")");
      const auto r = pitchrisk::detail::parse_decimal<Real>(w);
      if (r.fault != pitchrisk::detail::number_fault::none)
        fail(table, "the table of " + quote(name) + ": value " + quote(w) + " " + pitchrisk::detail::describe(r.fault));
      if (static_cast<double>(r.value) > limit)
        fail(table, "the table of " + quote(name) + ": value " + quote(w) + " is greater than 1");
      v.table[target * k + s] = r.value;
      ++count;
      if (++s == k) {
        s = 0;
        const std::size_t n = v.parents.size();
        for (std::size_t j = 0; j < n; ++j) {
          const std::size_t p = n - 1 - j;
          target += stride[p];
          if (++x[p] < cards[p + 1]) break;
          target -= stride[p] * cards[p + 1];
          x[p] = 0;
        }
      }
    }
    if (count != entries)
      fail(table, "the table of " + quote(name) + " has " + std::to_string(count) + " values, expected " +
                      std::to_string(entries) + " (" + std::to_string(k) + " outcomes x " + std::to_string(columns) +
                      " parent configuration" + (columns == 1 ? "" : "s") + ")");
  }
  for (std::size_t i = 0; i < model.variables.size(); ++i)
    if (!defined[i]) {
      pugi::xml_node at = network;
      for (const pugi::xml_node e : network.children("VARIABLE"))
        if (trim(e.child_value("NAME")) == model.variables[i].name) at = e;
      fail(at, "variable " + quote(model.variables[i].name) + " has no <DEFINITION>");
    }
  return model;
}

}  // namespace pitchrisk::detail::xmlbif
