// SPDX-License-Identifier: MIT
// The UAI writers: the model file (to_uai_string, write_uai) and the MAR, PR and MPE answer
// files, declared in io/uai.hpp. Included at the end of io/uai.hpp; included alone it includes
// that header first.
#pragma once

#include "pitchrisk/io/uai.hpp"
#include "pitchrisk/io/detail/text_file.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pitchrisk::detail::uai {

/// Writes `text` to `file` (write_text_file; io/network_file.hpp writes descriptions through
/// this name).
inline void write_text(const std::string& text, const std::filesystem::path& file, const char* kind) {
  pitchrisk::detail::write_text_file(text, file, kind);
}

template <class Real>
void append_number(std::string& out, Real x) {
  char buffer[64];
  const std::to_chars_result r = std::to_chars(buffer, buffer + sizeof buffer, x);
  out.append(buffer, static_cast<std::size_t>(r.ptr - buffer));
}

}  // namespace pitchrisk::detail::uai

namespace pitchrisk::io {

template <class Real>
std::string to_uai_string(const basic_model_description<Real>& model) {
  const std::size_t n = model.variables.size();
  std::string out = "BAYES\n" + std::to_string(n) + "\n";
  for (std::size_t v = 0; v < n; ++v) out += (v ? " " : "") + std::to_string(model.variables[v].states.size());
  out += "\n" + std::to_string(n) + "\n";
  for (std::size_t v = 0; v < n; ++v) {
    const auto& var = model.variables[v];
    out += std::to_string(var.parents.size() + 1);
    for (const std::size_t p : var.parents) out += " " + std::to_string(p);
    out += " " + std::to_string(v) + "\n";
  }
  for (std::size_t v = 0; v < n; ++v) {
    const auto& var = model.variables[v];
    const Eigen::Array<Real, Eigen::Dynamic, 1> columns = expand(model, v);
    // Builder layout (child, P1, ..., Pn) fastest first -> file layout (child, Pn, ..., P1).
    std::vector<variable_id> from{static_cast<variable_id>(v)}, to{static_cast<variable_id>(v)};
    std::vector<Eigen::Index> cards{static_cast<Eigen::Index>(var.states.size())};
    for (const std::size_t p : var.parents) {
      from.push_back(static_cast<variable_id>(p));
      cards.push_back(static_cast<Eigen::Index>(model.variables.at(p).states.size()));
    }
    for (std::size_t j = var.parents.size(); j-- > 0;) to.push_back(static_cast<variable_id>(var.parents[j]));
    const Eigen::Array<Real, Eigen::Dynamic, 1> table = to_layout(from_layout<Real>(from, cards, columns), to);
    const auto k = static_cast<Eigen::Index>(var.states.size());
    out += "\n" + std::to_string(table.size()) + "\n";
    for (Eigen::Index i = 0; i < table.size(); ++i) {
      out += ' ';
      pitchrisk::detail::uai::append_number(out, table[i]);
      if (i % k == k - 1) out += "\n";
    }
  }
  return out;
}

template <class Real>
std::string to_uai_string(const basic_network<Real>& net) {
  return to_uai_string(describe(net));
}

template <class Real>
void write_uai(const basic_network<Real>& net, const std::filesystem::path& file) {
  pitchrisk::detail::write_text_file(to_uai_string(net), file, "UAI file");
}

template <class Real>
std::string uai_mar_answer(std::span<const basic_distribution<Real>> marginals) {
  std::string out = "MAR\n" + std::to_string(marginals.size());
  for (const auto& d : marginals) {
    out += " " + std::to_string(d.probabilities().size());
    for (Eigen::Index s = 0; s < d.probabilities().size(); ++s) {
      out += ' ';
      pitchrisk::detail::uai::append_number(out, d.probabilities()[s]);
    }
  }
  return out + "\n";
}

inline std::string uai_pr_answer(double log10_probability) {
  std::string out = "PR\n";
  pitchrisk::detail::uai::append_number(out, log10_probability);
  return out + "\n";
}

inline std::string uai_mpe_answer(std::span<const Eigen::Index> states) {
  std::string out = "MPE\n" + std::to_string(states.size());
  for (const Eigen::Index s : states) out += " " + std::to_string(s);
  return out + "\n";
}

}  // namespace pitchrisk::io
