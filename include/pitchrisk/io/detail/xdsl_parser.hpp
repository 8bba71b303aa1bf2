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

inline std::string quote(std::string_view s) { return "'" + pitchrisk::detail::excerpt(s) + "'"; }

/// Line and column of byte `offset` (LF, CRLF and CR-only line ends).
inline std::pair<std::size_t, std::size_t> place_of(std::string_view text, std::ptrdiff_t offset) {
  std::size_t line = 1, start = 0;
  const auto end = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, std::min<std::ptrdiff_t>(offset, static_cast<std::ptrdiff_t>(text.size()))));
  for (std::size_t i = 0; i < end; ++i)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++line;
      start = i + 1;
    }
  return {line, end - start + 1};
}

inline bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

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
class reader {
 public:
  reader(std::string_view text, std::string file, const io::xdsl_options& options)
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

  std::string_view m_text;
  pitchrisk::detail::line_index m_lines;  ///< line of a node in O(log n)
  std::string m_file;
  const io::xdsl_options& m_options;
};

template <class Real>
io::basic_model_description<Real> reader<Real>::read() {
  pugi::xml_document doc;
  // parse_default: no DOCTYPE or entity declarations are interpreted; only the five
  // predefined entities and character references are decoded. Blanks in attribute values
  // are kept as written (no conversion to spaces), so a name written back reads the same.
  const unsigned flags = (pugi::parse_default | pugi::parse_comments) & ~pugi::parse_wconv_attribute;
  const pugi::xml_parse_result parsed = doc.load_buffer(m_text.data(), m_text.size(), flags, pugi::encoding_auto);
  if (!parsed) {
    const auto [line, column] = place_of(m_text, parsed.offset);
    throw parse_error(m_file, line, column, std::string("not well-formed XML: ") + parsed.description());
  }
  const pugi::xml_node smile = doc.child("smile");
  if (!smile) {
    const pugi::xml_node root = doc.document_element();
    if (!root) fail(doc, "no root element");
    fail(root, "expected the root element <smile> of an XDSL file, got <" + excerpt(root.name()) + ">");
  }
  bool ours = false;
  for (const pugi::xml_node c : doc.children())
    if (c.type() == pugi::node_comment && std::string_view(c.value()).find(marker) != std::string_view::npos) ours = true;

  io::basic_model_description<Real> model;
  model.file = m_file;
  model.name = checked(smile, smile.attribute("id").value(), "the network id");
  const pugi::xml_node nodes = smile.child("nodes");
  if (!nodes) fail(smile, "<smile> has no <nodes> element");

  // Pass 1: node kinds, ids and states.
  std::vector<pugi::xml_node> elements;
  std::unordered_map<std::string_view, std::size_t> index;
  for (const pugi::xml_node e : nodes.children()) {
    if (e.type() != pugi::node_element) continue;
    const std::string_view kind = e.name();
    const std::string id = checked(e, e.attribute("id").value(), "the node id");
    const std::string who = "node " + quote(id);
    if (elements.size() >= m_options.max_nodes)
      fail_size(e, "more than " + std::to_string(m_options.max_nodes) + " nodes (xdsl_options::max_nodes)",
                static_cast<double>(elements.size() + 1));
    if (kind == "equation")
      fail(e, who + " is an equation node (continuous or defined by a formula), which is not supported");
    if (kind == "decision" || kind == "utility" || kind == "mau")
      fail(e, who + " is a " + std::string(kind == "mau" ? "multi-attribute utility" : kind) +
                  " node: influence diagrams are not supported");
    if (kind != "cpt" && kind != "noisymax" && kind != "deterministic")
      fail(e, who + ": node type <" + excerpt(kind) + "> is not supported (only cpt, noisymax, deterministic)");
    if (id.empty()) fail(e, "a <" + std::string(kind) + "> node without an id");
    if (!index.emplace(e.attribute("id").value(), elements.size()).second)
      fail(e, who + " is declared twice");
    io::basic_variable_description<Real> v;
    v.name = id;
    v.line = m_lines.line(e.offset_debug());
    std::vector<std::string> labels;
    for (const pugi::xml_node s : e.children("state")) {
      const std::string sid = checked(s, s.attribute("id").value(), "the state id");
      if (sid.empty()) fail(s, who + " has a <state> without an id");
      if (std::find(v.states.begin(), v.states.end(), sid) != v.states.end())
        fail(s, who + " lists state " + quote(sid) + " twice");
      v.states.push_back(sid);
      labels.push_back(checked(s, s.attribute("label").value(), "the state label"));
      const Eigen::Index cards[] = {static_cast<Eigen::Index>(v.states.size())};
      if (v.states.size() > 1) {
        try {
          pitchrisk::detail::checked_table_size(cards, m_options.build.max_table_entries, who + ": its states");
        } catch (const size_error& err) {
          fail_size(s, err.what(), static_cast<double>(v.states.size()));
        }
      }
    }
    if (v.states.empty()) fail(e, who + " has no <state>");
    if (ours) {
      for (std::size_t k = 0; k < labels.size(); ++k)
        if (!labels[k].empty()) v.states[k] = labels[k];
    }
    elements.push_back(e);
    model.variables.push_back(std::move(v));
  }

  // GeNIe extensions: names and positions (nodes may sit inside submodels).
  if (const pugi::xml_node genie = smile.child("extensions").child("genie")) {
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
  if (ours) {
    if (const pugi::xml_attribute n = smile.child("extensions").child("genie").attribute("name"))
      model.name = checked(smile, n.value(), "the network name");
    for (auto& v : model.variables)
      if (!v.label.empty()) {
        v.name = v.label;
        v.label.clear();
      }
  }

  // Pass 2: parents and local models.
  for (std::size_t i = 0; i < elements.size(); ++i) {
    const pugi::xml_node e = elements[i];
    auto& v = model.variables[i];
    const std::string who = "node " + quote(e.attribute("id").value());
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
    Eigen::Index entries = 0;
    try {
      entries = pitchrisk::detail::checked_table_size(cards, m_options.build.max_table_entries, "the table of " + who, sizeof(Real));
    } catch (const size_error& err) {
      fail_size(e, err.what(), err.needed_entries());
    }
    const Eigen::Index k = cards[0];
    const Eigen::Index columns = entries / k;
    // File column c has the last parent fastest; the description's has the first fastest.
    std::vector<Eigen::Index> stride(v.parents.size());
    for (std::size_t p = 0, s = 1; p < v.parents.size(); ++p) {
      stride[p] = static_cast<Eigen::Index>(s);
      s *= static_cast<std::size_t>(cards[p + 1]);
    }
    std::vector<Eigen::Index> x(v.parents.size(), 0);
    Eigen::Index target = 0;
    const auto advance = [&] {
      for (std::size_t p = v.parents.size(); p-- > 0;) {
        target += stride[p];
        if (++x[p] < cards[p + 1]) return;
        target -= stride[p] * cards[p + 1];
        x[p] = 0;
      }
    };
    const std::string_view kind = e.name();
    if (kind == "cpt") {
      const pugi::xml_node probabilities = e.child("probabilities");
      if (!probabilities) fail(e, who + " has no <probabilities>");
      const std::vector<Real> values = numbers(probabilities, "the probabilities of " + who);
      if (static_cast<Eigen::Index>(values.size()) != entries)
        fail(probabilities, "the probabilities of " + who + " have " + std::to_string(values.size()) +
                                " values, expected " + std::to_string(entries) + " (" + std::to_string(k) +
                                " states x " + std::to_string(columns) + " parent configuration" +
                                (columns == 1 ? "" : "s") + ")");
      v.table.resize(entries);
      for (Eigen::Index c = 0; c < columns; ++c) {
        for (Eigen::Index s = 0; s < k; ++s) v.table[target * k + s] = values[static_cast<std::size_t>(c * k + s)];
        advance();
      }
    } else if (kind == "deterministic") {
      const pugi::xml_node resulting = e.child("resultingstates");
      if (!resulting) fail(e, who + " has no <resultingstates>");
      const std::vector<std::string_view> states = words(resulting.child_value());
      if (static_cast<Eigen::Index>(states.size()) != columns)
        fail(resulting, "the resulting states of " + who + " are " + std::to_string(states.size()) + ", expected " +
                            std::to_string(columns) + " (one per parent configuration)");
      v.table = Eigen::Array<Real, Eigen::Dynamic, 1>::Zero(entries);
      const pugi::xml_node self = e;
      for (Eigen::Index c = 0; c < columns; ++c) {
        const std::string_view s = states[static_cast<std::size_t>(c)];
        Eigen::Index found = -1;
        Eigen::Index t = 0;
        for (const pugi::xml_node st : self.children("state")) {
          if (s == st.attribute("id").value()) found = t;
          ++t;
        }
        if (found < 0) fail(resulting, "the resulting states of " + who + ": " + quote(s) + " is not a state of the node");
        v.table[target * k + found] = Real(1);
        advance();
      }
    } else {  // noisymax
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
        const std::size_t kp = model.variables[v.parents[p]].states.size();
        std::vector<std::size_t> rank;
        std::vector<bool> seen(kp, false);
        for (std::size_t j = 0; j < kp; ++j) {
          std::size_t s = j;
          if (strengths) {
            const auto r = pitchrisk::detail::parse_count(order[next_strength++]);
            if (r.fault != pitchrisk::detail::number_fault::none || r.value >= kp || seen[r.value])
              fail(strengths, "the strengths of " + who + " for parent " +
                                  quote(model.variables[v.parents[p]].name) + " are not a permutation of 0.." +
                                  std::to_string(kp - 1));
            s = static_cast<std::size_t>(r.value);
            seen[s] = true;
          }
          rank.push_back(s);
        }
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
  }
  return model;
}

}  // namespace pitchrisk::detail::xdsl
