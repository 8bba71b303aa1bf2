// SPDX-License-Identifier: MIT
// The BIF writer: to_bif_string and write_bif, declared in io/bif.hpp, and the
// helpers that quote names and print numbers. Included at the end of io/bif.hpp;
// included alone it includes that header first.
#pragma once

#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/io/detail/bif_parser.hpp"
#include "pitchrisk/io/detail/bif_resolve.hpp"
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
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace pitchrisk::detail::bif {

template <class Real>
void append_number(std::string& out, Real x) {
  char buffer[64];
  const std::to_chars_result r = std::to_chars(buffer, buffer + sizeof buffer, x);
  const std::string_view text(buffer, static_cast<std::size_t>(r.ptr - buffer));
  out += text;
  if (text.find_first_of(".eEn") == std::string_view::npos) out += ".0";
}

inline void append_name(std::string& out, std::string_view name, const char* what) {
  if (io::is_bif_word(name)) {
    out += name;
    return;
  }
  if (name.empty() || name.find_first_of(std::string_view("\"\n\r\0", 4)) != std::string_view::npos)
    throw model_error("cannot write BIF: " + std::string(what) + " " + quote(name) +
                      (name.empty() ? " is empty" : " contains a '\"', a line break or a NUL byte") +
                      ", which no BIF name can carry");
  out += '"';
  out += name;
  out += '"';
}

}  // namespace pitchrisk::detail::bif

namespace pitchrisk::io {

template <class Real>
std::string to_bif_string(const basic_model_description<Real>& model) {
  std::string out;
  out += "network ";
  if (model.name.empty())
    out += "\"\"";
  else
    pitchrisk::detail::bif::append_name(out, model.name, "network name");
  out += " {\n}\n";
  for (const auto& var : model.variables) {
    out += "variable ";
    pitchrisk::detail::bif::append_name(out, var.name, "variable name");
    out += " {\n  type discrete [ " + std::to_string(var.states.size()) + " ] { ";
    for (std::size_t s = 0; s < var.states.size(); ++s) {
      if (s) out += ", ";
      pitchrisk::detail::bif::append_name(out, var.states[s], ("state name of " + pitchrisk::detail::bif::quote(var.name)).c_str());
    }
    out += " };\n}\n";
  }
  for (std::size_t v = 0; v < model.variables.size(); ++v) {
    const auto& var = model.variables[v];
    const auto& parents = var.parents;
    if (var.canonical) {
      static constexpr const char* kinds[] = {"table", "noisy-OR", "noisy-AND", "noisy-MAX"};
      out += "// ";
      out += kinds[static_cast<int>(var.canonical->kind)];
      out += " model, written as its full table (BIF has no canonical models)\n";
    }
    out += "probability ( ";
    pitchrisk::detail::bif::append_name(out, var.name, "variable name");
    for (std::size_t i = 0; i < parents.size(); ++i) {
      out += i ? ", " : " | ";
      pitchrisk::detail::bif::append_name(out, model.variables.at(parents[i]).name, "variable name");
    }
    out += " ) {\n";
    const Eigen::Array<Real, Eigen::Dynamic, 1> columns = expand(model, v);
    const auto k = static_cast<Eigen::Index>(var.states.size());
    Eigen::Index count = 1;
    for (const std::size_t p : parents) count *= static_cast<Eigen::Index>(model.variables[p].states.size());
    if (columns.size() != count * k)
      throw model_error("cannot write BIF: the table of " + pitchrisk::detail::bif::quote(var.name) + " has " +
                        std::to_string(columns.size()) + " entries, expected " + std::to_string(count * k));
    std::vector<std::size_t> state(parents.size(), 0);  // odometer, first parent fastest
    for (Eigen::Index c = 0; c < count; ++c) {
      if (parents.empty()) {
        out += "  table ";
      } else {
        out += "  (";
        for (std::size_t i = 0; i < parents.size(); ++i) {
          if (i) out += ", ";
          pitchrisk::detail::bif::append_name(out, model.variables[parents[i]].states[state[i]], "state name");
        }
        out += ") ";
        for (std::size_t i = 0; i < parents.size(); ++i) {
          if (++state[i] < model.variables[parents[i]].states.size()) break;
          state[i] = 0;
        }
      }
      for (Eigen::Index s = 0; s < k; ++s) {
        if (s) out += ", ";
        pitchrisk::detail::bif::append_number(out, columns[c * k + s]);
      }
      out += ";\n";
    }
    out += "}\n";
  }
  return out;
}

template <class Real>
std::string to_bif_string(const basic_network<Real>& net) {
  return to_bif_string(describe(net));
}

template <class Real>
void write_bif(const basic_network<Real>& net, const std::filesystem::path& file) {
  const std::string text = to_bif_string(net);
  pitchrisk::detail::write_text_file(text, file, "BIF file");
}

}  // namespace pitchrisk::io
