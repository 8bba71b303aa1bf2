// SPDX-License-Identifier: MIT
// The XMLBIF writer: to_xmlbif_string and write_xmlbif, declared in io/xmlbif.hpp, and the
// helpers that quote names and print numbers. Included at the end of io/xmlbif.hpp;
// included alone it includes that header first.
#pragma once

#include "pitchrisk/io/xmlbif.hpp"
#include "pitchrisk/io/detail/xmlbif_parser.hpp"
#include "pitchrisk/io/detail/text_file.hpp"

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

/// Appends `s` with the XML special characters escaped. Throws: model_error naming `what`
/// for a character XML 1.0 cannot hold.
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
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          throw model_error("cannot write XMLBIF: " + what + " " + quote(s) + " contains a control character");
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

inline void check_name(std::string_view s, const std::string& what) {
  if (s.empty()) throw model_error("cannot write XMLBIF: an empty " + what);
  if (is_space(s.front()) || is_space(s.back()))
    throw model_error("cannot write XMLBIF: " + what + " " + quote(s) + " begins or ends with a blank");
}

inline constexpr std::string_view dtd =
    "<!-- DTD for the XMLBIF 0.3 format -->\n"
    "<!DOCTYPE BIF [\n"
    "\t<!ELEMENT BIF ( NETWORK )*>\n"
    "\t      <!ATTLIST BIF VERSION CDATA #REQUIRED>\n"
    "\t<!ELEMENT NETWORK ( NAME, ( PROPERTY | VARIABLE | DEFINITION )* )>\n"
    "\t<!ELEMENT NAME (#PCDATA)>\n"
    "\t<!ELEMENT VARIABLE ( NAME, ( OUTCOME |  PROPERTY )* ) >\n"
    "\t      <!ATTLIST VARIABLE TYPE (nature|decision|utility) \"nature\">\n"
    "\t<!ELEMENT OUTCOME (#PCDATA)>\n"
    "\t<!ELEMENT DEFINITION ( FOR | GIVEN | TABLE | PROPERTY )* >\n"
    "\t<!ELEMENT FOR (#PCDATA)>\n"
    "\t<!ELEMENT GIVEN (#PCDATA)>\n"
    "\t<!ELEMENT TABLE (#PCDATA)>\n"
    "\t<!ELEMENT PROPERTY (#PCDATA)>\n"
    "]>\n";

inline void append_property(std::string& out, const std::string& indent, const std::pair<std::string, std::string>& p) {
  out += indent + "<PROPERTY>";
  std::string text = p.first;
  if (!p.second.empty() || p.first.empty()) text += " = " + p.second;
  append_escaped(out, text, "property");
  out += "</PROPERTY>\n";
}

}  // namespace pitchrisk::detail::xmlbif

namespace pitchrisk::io {

template <class Real>
std::string to_xmlbif_string(const basic_model_description<Real>& model) {
  namespace x = pitchrisk::detail::xmlbif;
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Bayesian network in XMLBIF v0.3, written by pitchrisk -->\n";
  out += x::dtd;
  out += "<BIF VERSION=\"0.3\">\n<NETWORK>\n<NAME>";
  x::append_escaped(out, model.name, "network name");
  out += "</NAME>\n";
  if (model.name != x::trim(model.name)) x::check_name(model.name, "network name");
  for (const auto& p : model.properties) x::append_property(out, "", p);
  for (const auto& v : model.variables) {
    x::check_name(v.name, "variable name");
    out += "<VARIABLE TYPE=\"nature\">\n\t<NAME>";
    x::append_escaped(out, v.name, "variable name");
    out += "</NAME>\n";
    for (const auto& s : v.states) {
      x::check_name(s, "outcome of " + x::quote(v.name));
      out += "\t<OUTCOME>";
      x::append_escaped(out, s, "outcome of " + x::quote(v.name));
      out += "</OUTCOME>\n";
    }
    if (v.place) {
      out += "\t<PROPERTY>position = (";
      x::append_number(out, v.place->x);
      out += ", ";
      x::append_number(out, v.place->y);
      out += ")</PROPERTY>\n";
    }
    for (const auto& p : v.properties) x::append_property(out, "\t", p);
    out += "</VARIABLE>\n";
  }
  for (std::size_t i = 0; i < model.variables.size(); ++i) {
    const auto& v = model.variables[i];
    if (v.canonical) {
      const char* kind = v.canonical->kind == local_model::noisy_or    ? "noisy-OR"
                         : v.canonical->kind == local_model::noisy_and ? "noisy-AND"
                                                                        : "noisy-MAX";
      out += "<!-- ";
      std::string name;
      x::append_escaped(name, v.name, "variable name");
      for (std::size_t at = name.find("--"); at != std::string::npos; at = name.find("--")) name.replace(at, 2, "- -");
      out += name + " is a " + kind + " model; XMLBIF holds tables only: written as its full table -->\n";
    }
    const Eigen::Array<Real, Eigen::Dynamic, 1> table = expand(model, i);
    out += "<DEFINITION>\n\t<FOR>";
    x::append_escaped(out, v.name, "variable name");
    out += "</FOR>\n";
    std::vector<Eigen::Index> cards, stride;
    Eigen::Index s = 1;
    for (const std::size_t p : v.parents) {
      out += "\t<GIVEN>";
      x::append_escaped(out, model.variables.at(p).name, "variable name");
      out += "</GIVEN>\n";
      cards.push_back(static_cast<Eigen::Index>(model.variables[p].states.size()));
      stride.push_back(s);
      s *= cards.back();
    }
    out += "\t<TABLE>";
    const auto k = static_cast<Eigen::Index>(v.states.size());
    const Eigen::Index columns = k == 0 ? 0 : table.size() / k;
    std::vector<Eigen::Index> at(cards.size(), 0);
    Eigen::Index column = 0;
    for (Eigen::Index c = 0; c < columns; ++c) {
      for (Eigen::Index y = 0; y < k; ++y) {
        if (c || y) out += ' ';
        x::append_number(out, table[column * k + y]);
      }
      for (std::size_t p = cards.size(); p-- > 0;) {
        column += stride[p];
        if (++at[p] < cards[p]) break;
        column -= stride[p] * cards[p];
        at[p] = 0;
      }
    }
    out += "</TABLE>\n";
    out += "</DEFINITION>\n";
  }
  out += "</NETWORK>\n</BIF>\n";
  return out;
}

template <class Real>
std::string to_xmlbif_string(const basic_network<Real>& net) {
  return to_xmlbif_string(describe(net));
}

template <class Real>
void write_xmlbif(const basic_network<Real>& net, const std::filesystem::path& file) {
  const std::string text = to_xmlbif_string(net);
  pitchrisk::detail::write_text_file(text, file, "XMLBIF file");
}

}  // namespace pitchrisk::io
