// SPDX-License-Identifier: MIT
// The XDSL (GeNIe) reader: the pugixml document's `<nodes>` (cpt, noisy-MAX) into a model
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
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace pitchrisk::detail::xdsl {

inline constexpr std::string_view marker = "File created by pitchrisk";

using xml::is_space;
using xml::quote;

/// Whitespace-separated words of an element's text.
inline std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    const std::size_t b = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

/// A GeNIe identifier: a letter, then letters, digits or `_`.
inline bool is_identifier(std::string_view s) noexcept {
  if (s.empty()) return false;
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!letter(s[0])) return false;
  for (const char c : s)
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '_') return false;
  return true;
}

/// Reads one XDSL document.
template <class Real>
class reader : private pitchrisk::detail::xml_reader_base {
 public:
  reader(std::string_view text, std::string file, const io::xdsl_options& options)
      : xml_reader_base(text, std::move(file)), m_options(options) {}

  io::basic_model_description<Real> read();

 private:
  using model_type = io::basic_model_description<Real>;
  using variable_type = io::basic_variable_description<Real>;
  /// Position of each node in the model, by the id written in the file (views into the document).
  using node_index = std::unordered_map<std::string_view, std::size_t>;

  /// `text` unless it holds a control character (XML 1.0 forbids them; pugixml lets them through).
  std::string checked(const pugi::xml_node& at, std::string text, const std::string& what) const {
    for (const char c : text)
      if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
        fail(at, what + " " + quote(text) + " contains a control character");
    return text;
  }
  /// The numbers of an element's text, each in [0, 1] (up to the tolerance).
  std::vector<Real> numbers(const pugi::xml_node& element, const std::string& what) const {
    std::vector<Real> out;
    const double limit = 1.0 + m_options.build.columns.tolerance;
    for (const std::string_view w : words(element.child_value())) {
      const auto x = pitchrisk::detail::parse_decimal<Real>(w);
      if (x.fault != pitchrisk::detail::number_fault::none)
        fail(element, what + ": value " + quote(w) + " " + pitchrisk::detail::describe(x.fault));
      if (static_cast<double>(x.value) > limit) fail(element, what + ": value " + quote(w) + " is greater than 1");
      out.push_back(x.value);
    }
    return out;
  }

  pugi::xml_node parse(pugi::xml_document& doc) const;
  static bool written_by_pitchrisk(const pugi::xml_document& doc);
  void check_node(const pugi::xml_node& e, const std::string& id, const std::string& who, std::size_t count) const;
  void read_states(const pugi::xml_node& e, const std::string& who, bool ours, variable_type& v) const;
  void read_extensions(const pugi::xml_node& smile, const node_index& index, model_type& model) const;
  void use_written_names(const pugi::xml_node& smile, model_type& model) const;
  void read_local_model(const pugi::xml_node& e, std::size_t i, const node_index& index, model_type& model) const;
  std::vector<Eigen::Index> read_parents(const pugi::xml_node& e, std::size_t i, const node_index& index,
                                         model_type& model, const std::string& who) const;
  void read_cpt(const pugi::xml_node& e, const std::string& who, const std::vector<Eigen::Index>& cards,
                Eigen::Index entries, variable_type& v) const;
  void read_deterministic(const pugi::xml_node& e, const std::string& who, const std::vector<Eigen::Index>& cards,
                          Eigen::Index entries, variable_type& v) const;
  void read_noisy_max(const pugi::xml_node& e, const std::string& who, const model_type& model,
                      variable_type& v) const;
  std::vector<std::size_t> strength_ranks(const pugi::xml_node& strengths, const std::vector<std::string_view>& order,
                                          std::size_t& next, const std::string& who, const std::string& parent,
                                          std::size_t kp) const;

  const io::xdsl_options& m_options;
};

/// The document parsed from the text, and its root element <smile>.
/// Throws: parse_error when the text is not well-formed XML or the root is not <smile>.
template <class Real>
pugi::xml_node reader<Real>::parse(pugi::xml_document& doc) const {
  // parse_default: no DOCTYPE or entity declarations are interpreted; only the five
  // predefined entities and character references are decoded. Blanks in attribute values
  // are kept as written (no conversion to spaces), so a name written back reads the same.
  const unsigned flags = (pugi::parse_default | pugi::parse_comments) & ~pugi::parse_wconv_attribute;
  const pugi::xml_parse_result parsed = doc.load_buffer(m_text.data(), m_text.size(), flags, pugi::encoding_auto);
  if (!parsed) fail_at(parsed.offset, std::string("not well-formed XML: ") + parsed.description());
  const pugi::xml_node smile = doc.child("smile");
  if (!smile) {
    const pugi::xml_node root = doc.document_element();
    if (!root) fail(doc, "no root element");
    fail(root, "expected the root element <smile> of an XDSL file, got <" + excerpt(root.name()) + ">");
  }
  return smile;
}

/// True when a top-level comment carries pitchrisk's marker: then the state labels and the
/// extensions' names are the model's own names.
template <class Real>
bool reader<Real>::written_by_pitchrisk(const pugi::xml_document& doc) {
  bool ours = false;
  for (const pugi::xml_node c : doc.children())
    if (c.type() == pugi::node_comment && std::string_view(c.value()).find(marker) != std::string_view::npos) ours = true;
  return ours;
}

template <class Real>
io::basic_model_description<Real> reader<Real>::read() {
  pugi::xml_document doc;
  const pugi::xml_node smile = parse(doc);
  const bool ours = written_by_pitchrisk(doc);

  model_type model;
  model.file = m_file;
  model.name = checked(smile, smile.attribute("id").value(), "the network id");
  const pugi::xml_node nodes = smile.child("nodes");
  if (!nodes) fail(smile, "<smile> has no <nodes> element");

  // Pass 1: node kinds, ids and states.
  std::vector<pugi::xml_node> elements;
  node_index index;
  for (const pugi::xml_node e : nodes.children()) {
    if (e.type() != pugi::node_element) continue;
    const std::string id = checked(e, e.attribute("id").value(), "the node id");
    const std::string who = "node " + quote(id);
    check_node(e, id, who, elements.size());
    if (!index.emplace(e.attribute("id").value(), elements.size()).second)
      fail(e, who + " is declared twice");
    variable_type v;
    v.name = id;
    v.line = line_of(e);
    read_states(e, who, ours, v);
    elements.push_back(e);
    model.variables.push_back(std::move(v));
  }
  read_extensions(smile, index, model);
  if (ours) use_written_names(smile, model);

  // Pass 2: parents and local models.
  for (std::size_t i = 0; i < elements.size(); ++i) read_local_model(elements[i], i, index, model);
  return model;
}

/// Refuses node `e` (the `count`-th) when there are too many nodes, when its kind is not a
/// chance node this library reads, or when it has no id.
template <class Real>
void reader<Real>::check_node(const pugi::xml_node& e, const std::string& id, const std::string& who,
                              std::size_t count) const {
  const std::string_view kind = e.name();
  if (count >= m_options.max_nodes)
    fail_size(e, "more than " + std::to_string(m_options.max_nodes) + " nodes (xdsl_options::max_nodes)",
              static_cast<double>(count + 1));
  if (kind == "equation")
    fail(e, who + " is an equation node (continuous or defined by a formula), which is not supported");
  if (kind == "decision" || kind == "utility" || kind == "mau")
    fail(e, who + " is a " + std::string(kind == "mau" ? "multi-attribute utility" : kind) +
                " node: influence diagrams are not supported");
  if (kind != "cpt" && kind != "noisymax" && kind != "deterministic")
    fail(e, who + ": node type <" + excerpt(kind) + "> is not supported (only cpt, noisymax, deterministic)");
  if (id.empty()) fail(e, "a <" + std::string(kind) + "> node without an id");
}

/// The <state> children of node `e` into `v.states`; in a file written by pitchrisk (`ours`)
/// a state's label, when it has one, is its name.
template <class Real>
void reader<Real>::read_states(const pugi::xml_node& e, const std::string& who, bool ours, variable_type& v) const {
  std::vector<std::string> labels;
  for (const pugi::xml_node s : e.children("state")) {
    const std::string sid = checked(s, s.attribute("id").value(), "the state id");
    if (sid.empty()) fail(s, who + " has a <state> without an id");
    if (std::find(v.states.begin(), v.states.end(), sid) != v.states.end())
      fail(s, who + " lists state " + quote(sid) + " twice");
    v.states.push_back(sid);
    labels.push_back(checked(s, s.attribute("label").value(), "the state label"));
    check_state_count(s, v.states.size(), m_options.build.max_table_entries, who + ": its states");
  }
  if (v.states.empty()) fail(e, who + " has no <state>");
  if (ours) {
    for (std::size_t k = 0; k < labels.size(); ++k)
      if (!labels[k].empty()) v.states[k] = labels[k];
  }
}

/// GeNIe extensions: each known node's name (as its label) and position; nodes may sit inside
/// submodels. A position that is not four numbers is ignored.
template <class Real>
void reader<Real>::read_extensions(const pugi::xml_node& smile, const node_index& index, model_type& model) const {
  const pugi::xml_node genie = smile.child("extensions").child("genie");
  if (!genie) return;
  std::vector<pugi::xml_node> stack{genie};
  while (!stack.empty()) {
    const pugi::xml_node at = stack.back();
    stack.pop_back();
    for (const pugi::xml_node c : at.children()) {
      if (std::string_view(c.name()) == "submodel") {
        stack.push_back(c);
        continue;
      }
      if (std::string_view(c.name()) != "node") continue;
      const auto it = index.find(c.attribute("id").value());
      if (it == index.end()) continue;
      auto& v = model.variables[it->second];
      v.label = checked(c, c.child_value("name"), "the name");
      const std::vector<std::string_view> pos = words(c.child_value("position"));
      if (pos.size() == 4) {
        double x[4];
        bool ok = true;
        for (int k = 0; k < 4; ++k) {
          const auto r = pitchrisk::detail::parse_signed_decimal<double>(pos[static_cast<std::size_t>(k)]);
          ok = ok && r.fault == pitchrisk::detail::number_fault::none;
          x[k] = r.value;
        }
        if (ok) v.place = io::position{x[0], x[1]};
      }
    }
  }
}

/// In a file written by pitchrisk, the names kept in the extensions are the model's names:
/// the network's, and each node's (its label moves to its name).
template <class Real>
void reader<Real>::use_written_names(const pugi::xml_node& smile, model_type& model) const {
  if (const pugi::xml_attribute n = smile.child("extensions").child("genie").attribute("name"))
    model.name = checked(smile, n.value(), "the network name");
  for (auto& v : model.variables)
    if (!v.label.empty()) {
      v.name = v.label;
      v.label.clear();
    }
}

/// The parents and the local model (cpt, deterministic or noisy-MAX) of node `e`, the `i`-th.
template <class Real>
void reader<Real>::read_local_model(const pugi::xml_node& e, std::size_t i, const node_index& index,
                                    model_type& model) const {
  auto& v = model.variables[i];
  const std::string who = "node " + quote(e.attribute("id").value());
  const std::vector<Eigen::Index> cards = read_parents(e, i, index, model, who);
  Eigen::Index entries = 0;
  try {
    entries = pitchrisk::detail::checked_table_size(cards, m_options.build.max_table_entries, "the table of " + who, sizeof(Real));
  } catch (const size_error& err) {
    fail_size(e, err.what(), err.needed_entries());
  }
  const std::string_view kind = e.name();
  if (kind == "cpt")
    read_cpt(e, who, cards, entries, v);
  else if (kind == "deterministic")
    read_deterministic(e, who, cards, entries, v);
  else
    read_noisy_max(e, who, model, v);
}

/// The <parents> of node `e` (the `i`-th) into its `parents`; returns the cardinalities of
/// the node, then of each parent.
template <class Real>
std::vector<Eigen::Index> reader<Real>::read_parents(const pugi::xml_node& e, std::size_t i, const node_index& index,
                                                     model_type& model, const std::string& who) const {
  auto& v = model.variables[i];
  std::vector<Eigen::Index> cards{static_cast<Eigen::Index>(v.states.size())};
  if (const pugi::xml_node parents = e.child("parents")) {
    for (const std::string_view p : words(parents.child_value())) {
      const auto it = index.find(p);
      if (it == index.end()) fail(parents, "parent " + quote(p) + " of " + who + " is not a declared node");
      if (it->second == i) fail(parents, who + " is listed as its own parent");
      if (std::find(v.parents.begin(), v.parents.end(), it->second) != v.parents.end())
        fail(parents, "parent " + quote(p) + " is listed twice in " + who);
      v.parents.push_back(it->second);
      cards.push_back(static_cast<Eigen::Index>(model.variables[it->second].states.size()));
    }
  }
  return cards;
}

/// The <probabilities> of a <cpt> node: `entries` numbers, file columns in the order of
/// `detail::column_odometer`.
template <class Real>
void reader<Real>::read_cpt(const pugi::xml_node& e, const std::string& who, const std::vector<Eigen::Index>& cards,
                            Eigen::Index entries, variable_type& v) const {
  const Eigen::Index k = cards[0];
  const Eigen::Index columns = entries / k;
  const pugi::xml_node probabilities = e.child("probabilities");
  if (!probabilities) fail(e, who + " has no <probabilities>");
  const std::vector<Real> values = numbers(probabilities, "the probabilities of " + who);
  if (static_cast<Eigen::Index>(values.size()) != entries)
    fail(probabilities, "the probabilities of " + who + " have " + std::to_string(values.size()) +
                            " values, expected " + std::to_string(entries) + " (" + std::to_string(k) +
                            " states x " + std::to_string(columns) + " parent configuration" +
                            (columns == 1 ? "" : "s") + ")");
  v.table.resize(entries);
  detail::column_odometer order(cards);
  for (Eigen::Index c = 0; c < columns; ++c) {
    const Eigen::Index target = order.column();
    for (Eigen::Index s = 0; s < k; ++s) v.table[target * k + s] = values[static_cast<std::size_t>(c * k + s)];
    order.advance();
  }
}

/// The <resultingstates> of a <deterministic> node: one state id per parent configuration,
/// which gets probability 1 in its column.
template <class Real>
void reader<Real>::read_deterministic(const pugi::xml_node& e, const std::string& who,
                                      const std::vector<Eigen::Index>& cards, Eigen::Index entries,
                                      variable_type& v) const {
  const Eigen::Index k = cards[0];
  const Eigen::Index columns = entries / k;
  const pugi::xml_node resulting = e.child("resultingstates");
  if (!resulting) fail(e, who + " has no <resultingstates>");
  const std::vector<std::string_view> states = words(resulting.child_value());
  if (static_cast<Eigen::Index>(states.size()) != columns)
    fail(resulting, "the resulting states of " + who + " are " + std::to_string(states.size()) + ", expected " +
                        std::to_string(columns) + " (one per parent configuration)");
  v.table = Eigen::Array<Real, Eigen::Dynamic, 1>::Zero(entries);
  detail::column_odometer order(cards);
  for (Eigen::Index c = 0; c < columns; ++c) {
    const std::string_view s = states[static_cast<std::size_t>(c)];
    Eigen::Index found = -1;
    Eigen::Index t = 0;
    for (const pugi::xml_node st : e.children("state")) {
      if (s == st.attribute("id").value()) found = t;
      ++t;
    }
    if (found < 0) fail(resulting, "the resulting states of " + who + ": " + quote(s) + " is not a state of the node");
    v.table[order.column() * k + found] = Real(1);
    order.advance();
  }
}

/// The <strengths> and <parameters> of a <noisymax> node into `v.canonical`: one distribution
/// per parent state (in the order of strength), then the leak; the last state is "absent".
template <class Real>
void reader<Real>::read_noisy_max(const pugi::xml_node& e, const std::string& who, const model_type& model,
                                  variable_type& v) const {
  const pugi::xml_node strengths = e.child("strengths");
  const pugi::xml_node parameters = e.child("parameters");
  if (!parameters) fail(e, who + " has no <parameters>");
  io::canonical_parameters c;
  c.kind = io::local_model::noisy_max;
  for (std::size_t y = v.states.size(); y-- > 0;) c.child_order.push_back(y);  // last state is "absent"
  std::vector<std::string_view> order = strengths ? words(strengths.child_value()) : std::vector<std::string_view>{};
  std::size_t total = 0;
  for (std::size_t p = 0; p < v.parents.size(); ++p) total += model.variables[v.parents[p]].states.size();
  if (strengths && order.size() != total)
    fail(strengths, "the strengths of " + who + " list " + std::to_string(order.size()) + " states, expected " +
                        std::to_string(total) + " (every state of every parent)");
  const std::vector<Real> values = numbers(parameters, "the parameters of " + who);
  const std::size_t m = v.states.size();
  if (values.size() != (total + 1) * m)
    fail(parameters, "the parameters of " + who + " have " + std::to_string(values.size()) + " values, expected " +
                         std::to_string((total + 1) * m) + " (one distribution per parent state, then the leak)");
  std::size_t at = 0, next_strength = 0;
  for (std::size_t p = 0; p < v.parents.size(); ++p) {
    const auto& parent = model.variables[v.parents[p]];
    const std::size_t kp = parent.states.size();
    std::vector<std::size_t> rank = strength_ranks(strengths, order, next_strength, who, parent.name, kp);
    c.effects.emplace_back(kp);
    for (std::size_t j = 0; j < kp; ++j) {
      std::vector<double>& d = c.effects.back()[rank[j]];
      for (std::size_t y = 0; y < m; ++y) d.push_back(static_cast<double>(values[at++]));
    }
    c.parent_order.push_back(std::move(rank));
  }
  for (std::size_t y = 0; y < m; ++y) c.leak.push_back(static_cast<double>(values[at++]));
  v.canonical = std::move(c);
}

/// The rank of each of the `kp` states of one parent: the next `kp` words of `order` from
/// `next` (a permutation of 0..kp-1), or the identity when there are no <strengths>.
template <class Real>
std::vector<std::size_t> reader<Real>::strength_ranks(const pugi::xml_node& strengths,
                                                      const std::vector<std::string_view>& order, std::size_t& next,
                                                      const std::string& who, const std::string& parent,
                                                      std::size_t kp) const {
  std::vector<std::size_t> rank;
  std::vector<bool> seen(kp, false);
  for (std::size_t j = 0; j < kp; ++j) {
    std::size_t s = j;
    if (strengths) {
      const auto r = pitchrisk::detail::parse_count(order[next++]);
      if (r.fault != pitchrisk::detail::number_fault::none || r.value >= kp || seen[r.value])
        fail(strengths, "the strengths of " + who + " for parent " + quote(parent) +
                            " are not a permutation of 0.." + std::to_string(kp - 1));
      s = static_cast<std::size_t>(r.value);
      seen[s] = true;
    }
    rank.push_back(s);
  }
  return rank;
}

}  // namespace pitchrisk::detail::xdsl
