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
#include "pitchrisk/io/detail/xml_reader_base.hpp"
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
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace pitchrisk::detail::xmlbif {

using xml::is_space;
using xml::quote;

/// `s` without leading and trailing blanks.
inline std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
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
class reader : private pitchrisk::detail::xml_reader_base {
 public:
  reader(std::string_view text, std::string file, const io::xmlbif_options& options)
      : xml_reader_base(text, std::move(file)), m_options(options) {}

  io::basic_model_description<Real> read();

 private:
  using model_type = io::basic_model_description<Real>;
  using variable_type = io::basic_variable_description<Real>;
  using property_list = std::vector<std::pair<std::string, std::string>>;
  /// Position of each variable in the model, by name.
  using variable_index = std::unordered_map<std::string, std::size_t>;

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

  pugi::xml_node parse(pugi::xml_document& doc) const;
  void read_network_name(const pugi::xml_node& network, model_type& model) const;
  void add_property(property_list& to, const pugi::xml_node& p, const std::string& who,
                    std::optional<io::position>* place) const;
  void read_variable(const pugi::xml_node& e, variable_index& index, model_type& model) const;
  void read_outcomes(const pugi::xml_node& e, const std::string& who, variable_type& v) const;
  void read_definition(const pugi::xml_node& d, const variable_index& index, std::vector<bool>& defined,
                       model_type& model) const;
  std::vector<Eigen::Index> read_givens(const pugi::xml_node& d, std::size_t i, const std::string& name,
                                        const std::string& who, const variable_index& index, model_type& model) const;
  void read_table(const pugi::xml_node& table, const std::string& name, const std::vector<Eigen::Index>& cards,
                  Eigen::Index entries, variable_type& v) const;
  void check_all_defined(const pugi::xml_node& network, const model_type& model, const std::vector<bool>& defined) const;

  const io::xmlbif_options& m_options;
};

/// The document parsed from the text, and its <NETWORK> element.
/// Throws: parse_error when the text is not well-formed XML or not XMLBIF 0.3.
template <class Real>
pugi::xml_node reader<Real>::parse(pugi::xml_document& doc) const {
  // parse_default: the DOCTYPE subset is skipped, no entity is declared or expanded; only the
  // five predefined entities and character references are decoded.
  const unsigned flags = pugi::parse_default & ~pugi::parse_wconv_attribute;
  const pugi::xml_parse_result parsed = doc.load_buffer(m_text.data(), m_text.size(), flags, pugi::encoding_auto);
  if (!parsed) {
    std::string what = std::string("not well-formed XML: ") + parsed.description();
    if (m_text.find("<?XML") != std::string_view::npos)
      what += " (an upper-case <?XML declaration: the pre-0.3 XMLBIF dialect of JavaBayes, not supported)";
    fail_at(parsed.offset, what);
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
  return network;
}

template <class Real>
io::basic_model_description<Real> reader<Real>::read() {
  pugi::xml_document doc;
  const pugi::xml_node network = parse(doc);
  model_type model;
  model.file = m_file;
  read_network_name(network, model);

  // Pass 1: variables, their outcomes and properties.
  variable_index index;
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
    read_variable(e, index, model);
  }

  // Pass 2: definitions.
  std::vector<bool> defined(model.variables.size(), false);
  for (const pugi::xml_node d : network.children("DEFINITION")) read_definition(d, index, defined, model);
  check_all_defined(network, model, defined);
  return model;
}

/// The network's one <NAME>, if any; further <NETWORK> elements are counted in the property
/// `xmlbif.ignored_networks`.
template <class Real>
void reader<Real>::read_network_name(const pugi::xml_node& network, model_type& model) const {
  if (const pugi::xml_node name = network.child("NAME")) {
    if (name.next_sibling("NAME")) fail(name.next_sibling("NAME"), "<NETWORK> has a second <NAME>");
    model.name = text_of(name, "the network name");
  }
  std::size_t extra_networks = 0;
  for (pugi::xml_node n = network.next_sibling("NETWORK"); n; n = n.next_sibling("NETWORK")) ++extra_networks;
  if (extra_networks > 0) model.properties.emplace_back("xmlbif.ignored_networks", std::to_string(extra_networks));
}

/// Appends <PROPERTY> `p` ("key = value") of `who` to `to`; a variable's first `position`
/// that reads as "(x, y)" becomes its `place` instead (`place` is null for the network).
template <class Real>
void reader<Real>::add_property(property_list& to, const pugi::xml_node& p, const std::string& who,
                                std::optional<io::position>* place) const {
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
}

/// One <VARIABLE>: its name, type, outcomes and properties, added to the model and `index`.
template <class Real>
void reader<Real>::read_variable(const pugi::xml_node& e, variable_index& index, model_type& model) const {
  if (model.variables.size() >= m_options.max_variables)
    fail_size(e, "more than " + std::to_string(m_options.max_variables) + " variables (xmlbif_options::max_variables)",
              static_cast<double>(model.variables.size() + 1));
  variable_type v;
  v.name = text_of(only_child(e, "NAME", "a <VARIABLE>"), "the variable name");
  const std::string who = "variable " + quote(v.name);
  if (v.name.empty()) fail(e, "a <VARIABLE> with an empty <NAME>");
  const std::string_view type = e.attribute("TYPE") ? e.attribute("TYPE").value() : "nature";
  if (type == "decision" || type == "utility")
    fail(e, who + " is a " + std::string(type) + " variable: influence diagrams are not supported");
  if (type != "nature") fail(e, who + ": TYPE " + quote(type) + " is not one of nature, decision, utility");
  if (!index.emplace(v.name, model.variables.size()).second) fail(e, who + " is declared twice");
  v.line = line_of(e);
  read_outcomes(e, who, v);
  model.variables.push_back(std::move(v));
}

/// The children of <VARIABLE> `e`: <OUTCOME>s into `v.states`, <PROPERTY>s into its properties.
template <class Real>
void reader<Real>::read_outcomes(const pugi::xml_node& e, const std::string& who, variable_type& v) const {
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
    check_state_count(c, v.states.size(), m_options.build.max_table_entries, who + ": its outcomes");
  }
  if (v.states.empty()) fail(e, who + " has no <OUTCOME>");
}

/// One <DEFINITION>: the variable it is FOR, its parents (GIVEN), properties and TABLE.
template <class Real>
void reader<Real>::read_definition(const pugi::xml_node& d, const variable_index& index, std::vector<bool>& defined,
                                   model_type& model) const {
  const std::string name = text_of(only_child(d, "FOR", "a <DEFINITION>"), "the variable of a definition");
  const auto it = index.find(name);
  if (it == index.end()) fail(d.child("FOR"), "<DEFINITION> for " + quote(name) + ", which is not a declared variable");
  const std::size_t i = it->second;
  auto& v = model.variables[i];
  const std::string who = "the definition of " + quote(name);
  if (defined[i]) fail(d, "variable " + quote(name) + " has a second <DEFINITION>");
  defined[i] = true;
  v.line = line_of(d);
  const std::vector<Eigen::Index> cards = read_givens(d, i, name, who, index, model);
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
  read_table(table, name, cards, entries, v);
}

/// The <GIVEN> parents of definition `d` (of the `i`-th variable, `name`) into its `parents`,
/// and its <PROPERTY>s; returns the cardinalities of the variable, then of each parent.
template <class Real>
std::vector<Eigen::Index> reader<Real>::read_givens(const pugi::xml_node& d, std::size_t i, const std::string& name,
                                                    const std::string& who, const variable_index& index,
                                                    model_type& model) const {
  auto& v = model.variables[i];
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
  return cards;
}

/// The numbers of <TABLE> `table` of variable `name` into `v.table`: exactly `entries` values
/// in [0, 1] (up to the tolerance), file columns in the order of `detail::column_odometer`.
template <class Real>
void reader<Real>::read_table(const pugi::xml_node& table, const std::string& name,
                              const std::vector<Eigen::Index>& cards, Eigen::Index entries, variable_type& v) const {
  const Eigen::Index k = cards[0];
  const Eigen::Index columns = entries / k;
  const auto shape = [&] {
    return " (" + std::to_string(k) + " outcomes x " + std::to_string(columns) + " parent configuration" +
           (columns == 1 ? "" : "s") + ")";
  };
  v.table.resize(entries);
  const double limit = 1.0 + m_options.build.columns.tolerance;
  const std::string_view numbers = table.child_value();
  std::size_t at = 0;
  Eigen::Index count = 0, s = 0;
  detail::column_odometer order(cards);
  while (at < numbers.size()) {
    while (at < numbers.size() && is_space(numbers[at])) ++at;
    const std::size_t b = at;
    while (at < numbers.size() && !is_space(numbers[at])) ++at;
    if (at == b) break;
    const std::string_view w = numbers.substr(b, at - b);
    if (count == entries)
      fail(table, "the table of " + quote(name) + " has more than " + std::to_string(entries) + " values" + shape());
    const auto r = pitchrisk::detail::parse_decimal<Real>(w);
    if (r.fault != pitchrisk::detail::number_fault::none)
      fail(table, "the table of " + quote(name) + ": value " + quote(w) + " " + pitchrisk::detail::describe(r.fault));
    if (static_cast<double>(r.value) > limit)
      fail(table, "the table of " + quote(name) + ": value " + quote(w) + " is greater than 1");
    v.table[order.column() * k + s] = r.value;
    ++count;
    if (++s == k) {
      s = 0;
      order.advance();
    }
  }
  if (count != entries)
    fail(table, "the table of " + quote(name) + " has " + std::to_string(count) + " values, expected " +
                    std::to_string(entries) + shape());
}

/// Refuses the first variable without a <DEFINITION>, at its (last) <VARIABLE> element.
template <class Real>
void reader<Real>::check_all_defined(const pugi::xml_node& network, const model_type& model,
                                     const std::vector<bool>& defined) const {
  for (std::size_t i = 0; i < model.variables.size(); ++i)
    if (!defined[i]) {
      pugi::xml_node at = network;
      for (const pugi::xml_node e : network.children("VARIABLE"))
        if (trim(e.child_value("NAME")) == model.variables[i].name) at = e;
      fail(at, "variable " + quote(model.variables[i].name) + " has no <DEFINITION>");
    }
}

}  // namespace pitchrisk::detail::xmlbif
