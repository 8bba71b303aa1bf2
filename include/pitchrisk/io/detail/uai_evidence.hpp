// SPDX-License-Identifier: MIT
// The UAI evidence reader (`.evid`, the 2014 single-sample and the 2010 multi-sample dialects)
// and the conversion of a sample to evidence, declared in io/uai.hpp. Included at the end of
// io/uai.hpp; included alone it includes that header first.
#pragma once

#include "pitchrisk/io/uai.hpp"
#include "pitchrisk/io/detail/uai_scanner.hpp"

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

namespace pitchrisk::io {

inline std::vector<uai_sample> read_uai_evidence_string(std::string_view text, std::span<const Eigen::Index> cardinalities,
                                                        std::string file_name) {
  pitchrisk::detail::uai::scanner in(text, file_name);
  std::vector<pitchrisk::detail::uai::word> words;
  for (pitchrisk::detail::uai::word w = in.next(); !w.text.empty(); w = in.next()) words.push_back(w);
  if (words.empty()) return {uai_sample{}};  // an empty file: no evidence
  std::vector<std::uint64_t> values;
  for (const auto& w : words) {
    const auto x = pitchrisk::detail::parse_count(w.text);
    if (x.fault != pitchrisk::detail::number_fault::none)
      in.fail(w.line, w.column, "expected a whole number in the evidence file, got '" + pitchrisk::detail::excerpt(w.text) + "'");
    values.push_back(x.value);
  }
  // Which dialect fits the token stream exactly?
  const auto single_fits = [&] { return values[0] <= (values.size() - 1) / 2 && values.size() == 1 + 2 * values[0]; };
  const auto multi_fits = [&] {
    std::size_t pos = 1;
    for (std::uint64_t s = 0; s < values[0]; ++s) {
      if (pos >= values.size() || values[pos] > (values.size() - pos - 1) / 2) return false;
      pos += 1 + 2 * static_cast<std::size_t>(values[pos]);
    }
    return pos == values.size();
  };
  const bool single = single_fits(), multi = multi_fits();
  if (single && multi && values.size() > 1)
    in.fail(words[0].line, words[0].column, "ambiguous evidence file: it reads both as one sample and as several");
  if (!single && !multi)
    in.fail(words[0].line, words[0].column,
            "the evidence file fits neither 'n v1 x1 ... vn xn' nor 's' followed by s such lines (" +
                std::to_string(values.size()) + " numbers)");
  std::vector<uai_sample> out;
  std::size_t pos = 0;
  const auto read_sample = [&] {
    const std::uint64_t k = values[pos++];
    uai_sample sample;
    for (std::uint64_t i = 0; i < k; ++i) {
      const auto& vw = words[pos];
      const auto& sw = words[pos + 1];
      const std::uint64_t v = values[pos], s = values[pos + 1];
      pos += 2;
      if (v >= cardinalities.size())
        in.fail(vw.line, vw.column,
                "evidence on variable " + std::string(vw.text) + ", out of range (the model has " +
                    std::to_string(cardinalities.size()) + " variables)");
      if (s >= static_cast<std::uint64_t>(cardinalities[v]))
        in.fail(sw.line, sw.column,
                "evidence state " + std::string(sw.text) + " of variable " + std::string(vw.text) + " out of range (" +
                    std::to_string(cardinalities[v]) + " states)");
      for (const auto& [u, t] : sample)
        if (u == v)
          in.fail(vw.line, vw.column, "variable " + std::string(vw.text) + " is observed twice in one sample");
      sample.emplace_back(static_cast<std::size_t>(v), static_cast<Eigen::Index>(s));
    }
    out.push_back(std::move(sample));
  };
  if (single) {
    read_sample();
  } else {
    const std::uint64_t samples = values[pos++];
    for (std::uint64_t i = 0; i < samples; ++i) read_sample();
  }
  return out;
}

inline std::vector<uai_sample> read_uai_evidence(const std::filesystem::path& file,
                                                 std::span<const Eigen::Index> cardinalities) {
  const std::string text = pitchrisk::detail::read_file(file, "UAI evidence file", std::uintmax_t{1} << 30);
  return read_uai_evidence_string(text, cardinalities, file.string());
}

inline evidence to_evidence(const uai_sample& sample) {
  evidence e;
  for (const auto& [v, s] : sample) e.observe(static_cast<variable_id>(v), s);
  return e;
}

}  // namespace pitchrisk::io
