// SPDX-License-Identifier: MIT
// The GeNIe DSL writer: to_dsl_string and write_dsl, declared in io/dsl.hpp, one node block
// at a time (HEADER and SCREEN, PARENTS and DEFINITION, EXTRA_DEFINITION's STATECOMMENTS).
// Included at the end of io/dsl.hpp; included alone it includes that header first.
#pragma once

#include "pitchrisk/io/dsl.hpp"
#include "pitchrisk/detail/dsl_lexer.hpp"
#include "pitchrisk/io/detail/file_columns.hpp"
#include "pitchrisk/io/detail/text_file.hpp"
#include "pitchrisk/io/model_description.hpp"

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

namespace pitchrisk::detail::dsl {

/// The node identifiers: a variable's name when it is a GeNIe identifier not taken by an
/// earlier variable, else an identifier made from it.
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

/// Appends a node's TYPE, HEADER (ID, NAME: the real name; COMMENT for a canonical model)
/// and, when it has a position, SCREEN.
template <class Real>
void append_node_header(std::string& out, const io::basic_variable_description<Real>& v, const std::string& id) {
  out += "\n\tnode " + id + "\n\t{\n\t\tTYPE = CPT;\n\t\tHEADER =\n\t\t{\n\t\t\tID = " + id + ";\n\t\t\tNAME = ";
  append_string(out, v.name, "the variable name");
  out += ";\n";
  if (v.canonical) {
    const char* kind = v.canonical->kind == io::local_model::noisy_or    ? "noisy-OR"
                       : v.canonical->kind == io::local_model::noisy_and ? "noisy-AND"
                                                                          : "noisy-MAX";
    out += std::string("\t\t\tCOMMENT = \"a ") + kind + " model, written as its full table\";\n";
  }
  out += "\t\t};\n";
  if (v.place) {
    out += "\t\tSCREEN =\n\t\t{\n\t\t\tPOSITION =\n\t\t\t{\n\t\t\t\tCENTER_X = ";
    append_number(out, v.place->x);
    out += ";\n\t\t\t\tCENTER_Y = ";
    append_number(out, v.place->y);
    out += ";\n\t\t\t\tWIDTH = 72;\n\t\t\t\tHEIGHT = 48;\n\t\t\t};\n\t\t};\n";
  }
}

/// Appends variable i's PARENTS and DEFINITION (NAMESTATES, PROBABILITIES with the last
/// parent fastest); returns whether a state name had to be replaced by an identifier.
template <class Real>
bool append_definition(std::string& out, const io::basic_model_description<Real>& model, std::size_t i,
                       const std::vector<std::string>& ids) {
  const auto& v = model.variables[i];
  out += "\t\tPARENTS = (";
  for (std::size_t p = 0; p < v.parents.size(); ++p) out += (p ? ", " : "") + ids.at(v.parents[p]);
  out += ");\n\t\tDEFINITION =\n\t\t{\n\t\t\tNAMESTATES = (";
  std::unordered_set<std::string> state_taken;
  bool renamed = false;
  for (const auto& s : v.states)
    if (is_identifier(s)) state_taken.insert(s);
  for (std::size_t s = 0; s < v.states.size(); ++s) {
    const bool plain = is_identifier(v.states[s]);
    renamed = renamed || !plain;
    out += (s ? ", " : "") + (plain ? v.states[s] : identifier(v.states[s], state_taken));
  }
  out += ");\n\t\t\tPROBABILITIES = (";
  const Eigen::Array<Real, Eigen::Dynamic, 1> table = expand(model, i);
  std::vector<Eigen::Index> cards;
  for (const std::size_t p : v.parents) cards.push_back(static_cast<Eigen::Index>(model.variables[p].states.size()));
  const auto k = static_cast<Eigen::Index>(v.states.size());
  pitchrisk::detail::for_each_file_column(cards, table.size() / k, [&](Eigen::Index c, Eigen::Index column) {
    for (Eigen::Index y = 0; y < k; ++y) {
      if (c || y) out += ", ";
      append_number(out, table[column * k + y]);
    }
  });
  out += ");\n\t\t};\n";
  return renamed;
}

/// Appends EXTRA_DEFINITION with the state names as STATECOMMENTS.
template <class Real>
void append_state_comments(std::string& out, const io::basic_variable_description<Real>& v) {
  out += "\t\tEXTRA_DEFINITION =\n\t\t{\n\t\t\tSTATECOMMENTS = (";
  for (std::size_t s = 0; s < v.states.size(); ++s) {
    if (s) out += ", ";
    append_string(out, v.states[s], "a state name of " + quote(v.name));
  }
  out += ");\n\t\t};\n";
}

}  // namespace pitchrisk::detail::dsl

namespace pitchrisk::io {

template <class Real>
std::string to_dsl_string(const basic_model_description<Real>& model) {
  namespace d = pitchrisk::detail::dsl;
  std::unordered_set<std::string> taken;
  const std::string net_id = d::identifier(model.name.empty() ? "Network" : model.name, taken);
  std::string out = "net " + net_id + "\n{\n\tHEADER =\n\t{\n\t\tID = " + net_id + ";\n\t\tNAME = ";
  d::append_string(out, model.name, "the network name");
  out += ";\n\t\tCOMMENT = \"";
  out += d::marker;
  out += "; HEADER NAME and STATECOMMENTS hold the names\";\n\t};\n";
  const std::vector<std::string> ids = d::node_ids(model);
  for (std::size_t i = 0; i < model.variables.size(); ++i) {
    d::append_node_header(out, model.variables[i], ids[i]);
    if (d::append_definition(out, model, i, ids)) d::append_state_comments(out, model.variables[i]);
    out += "\t};\n";
  }
  out += "};\n";
  return out;
}

template <class Real>
std::string to_dsl_string(const basic_network<Real>& net) {
  return to_dsl_string(describe(net));
}

template <class Real>
void write_dsl(const basic_network<Real>& net, const std::filesystem::path& file) {
  const std::string text = to_dsl_string(net);
  pitchrisk::detail::write_text_file(text, file, "DSL file");
}

}  // namespace pitchrisk::io
