// SPDX-License-Identifier: MIT
// How far to trust a score: the measures of a cross-validation over a library of labelled
// cases (area under the ROC curve, Brier score, a calibration table of predicted against
// observed pitch frequency) and the calibration table as data. The table is written by
// examples/approach_cross_validation into examples/data/calibration.tsv and read back here,
// so that every report can say "in the library, stages scored 0.8-0.9 were pitches N of M
// times" with the numbers of that run (data apart from code). CMake embeds the table in a
// generated header (detail/calibration_data.hpp), installed with the library: built_in_calibration().
#pragma once

#include "pitchrisk/error.hpp"

#if __has_include("pitchrisk/domain/approach/detail/calibration_data.hpp")
#include "pitchrisk/domain/approach/detail/calibration_data.hpp"
#define PITCHRISK_HAS_CALIBRATION_DATA 1
#else
#define PITCHRISK_HAS_CALIBRATION_DATA 0
#endif

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <istream>
#include <ostream>
#include <span>
#include <sstream>
#include <string>
#include <vector>

namespace pitchrisk::approach {

/// One scored evidence set of a labelled case.
struct labelled_score {
  double score = 0;    ///< P(pitch), or any score where higher means likelier a pitch
  bool pitch = false;  ///< the case's label
};

/// One bin of a calibration table: the scored sets whose score fell in [low, high).
struct calibration_bin {
  double low = 0;           ///< lowest score of the bin (included)
  double high = 0;          ///< highest score of the bin (excluded, but 1 in the last bin)
  std::size_t count = 0;    ///< scored sets in the bin
  std::size_t pitches = 0;  ///< of which labelled pitch
  double mean_score = 0;    ///< mean predicted P(pitch) in the bin (0 when empty)
  /// Observed pitch frequency (0 when empty).
  [[nodiscard]] double observed() const noexcept { return count ? static_cast<double>(pitches) / count : 0.0; }
};

/// A calibration table and what it was computed on.
struct calibration_table {
  std::string scope;  ///< "52 cases, 131 stages before exposure, elicited model, base rate 0.02"
  std::vector<calibration_bin> bins;  ///< by increasing score, covering [0, 1]
};

/// Area under the ROC curve: P(score of a pitch > score of a non-pitch), ties counting one
/// half. Throws: model_error when there is no pitch or no non-pitch.
[[nodiscard]] double area_under_roc(std::span<const labelled_score> scores);
/// Mean squared difference between the score (a probability) and the label (1 pitch, 0 not).
/// Throws: model_error when empty or a score lies outside [0, 1].
[[nodiscard]] double brier_score(std::span<const labelled_score> scores);
/// `bins` equal bins over [0, 1] (the last one closed). Throws: model_error when bins = 0 or
/// a score lies outside [0, 1].
[[nodiscard]] calibration_table calibrate(std::span<const labelled_score> scores, std::size_t bins = 10,
                                          std::string scope = {});

/// Writes the table as TSV: a `# scope:` comment, a header row, one row per bin.
void write_calibration(std::ostream& out, const calibration_table& table);
/// Reads what write_calibration wrote. Throws: parse_error naming the line at fault.
[[nodiscard]] calibration_table read_calibration(std::istream& in, const std::string& source = "calibration");
/// Reads a calibration file. Throws: io_error if it cannot be read, parse_error as above.
[[nodiscard]] calibration_table read_calibration_file(const std::string& path);

/// The cross-validation's table of the shipped model: examples/data/calibration.tsv as it was
/// when CMake configured the library (embedded, so no file is read at run time). Without the
/// generated header (the headers used without CMake) the table is empty: has no bins.
[[nodiscard]] const calibration_table& built_in_calibration();

/// The sentence a report prints for a score: "In the library (scope), stages scored 0.8-0.9
/// were pitches 3 of 4 times (of all its 220 stages 118 were pitches: the library's mix, not
/// the screened population's)." (or that none scored in that bin).
[[nodiscard]] std::string calibration_statement(const calibration_table& table, double p_pitch);
/// The bin of `table` that holds `p_pitch`, or nullptr if the table has none.
[[nodiscard]] const calibration_bin* bin_of(const calibration_table& table, double p_pitch) noexcept;
/// What every report says about the base rate.
[[nodiscard]] std::string base_rate_statement(double officer_base_rate);

// ---------------------------------------------------------------------------------------

namespace detail {

inline std::string fixed(double x, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

inline void check_probability_scores(std::span<const labelled_score> scores, const char* what) {
  for (const labelled_score& s : scores)
    if (!(s.score >= 0.0 && s.score <= 1.0))
      throw model_error(std::string(what) + ": score " + fixed(s.score, 6) + " is not a probability in [0, 1]");
}

}  // namespace detail

inline double area_under_roc(std::span<const labelled_score> scores) {
  // Sort by score and count, for each pitch, the non-pitches below it (ties half): O(n log n).
  std::vector<labelled_score> sorted(scores.begin(), scores.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.score < b.score; });
  double wins = 0, below = 0;
  std::size_t pitches = 0, others = 0;
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    double tied_pitch = 0, tied_other = 0;
    while (j < sorted.size() && sorted[j].score == sorted[i].score) (sorted[j++].pitch ? tied_pitch : tied_other) += 1;
    wins += tied_pitch * (below + 0.5 * tied_other);
    below += tied_other;
    pitches += static_cast<std::size_t>(tied_pitch);
    others += static_cast<std::size_t>(tied_other);
    i = j;
  }
  if (pitches == 0 || others == 0)
    throw model_error("area_under_roc needs both pitches and non-pitches, got " + std::to_string(pitches) + " and " +
                      std::to_string(others));
  return wins / (static_cast<double>(pitches) * static_cast<double>(others));
}

inline double brier_score(std::span<const labelled_score> scores) {
  if (scores.empty()) throw model_error("brier_score of no scores");
  detail::check_probability_scores(scores, "brier_score");
  double total = 0;
  for (const labelled_score& s : scores) total += (s.score - (s.pitch ? 1.0 : 0.0)) * (s.score - (s.pitch ? 1.0 : 0.0));
  return total / static_cast<double>(scores.size());
}

inline calibration_table calibrate(std::span<const labelled_score> scores, std::size_t bins, std::string scope) {
  if (bins == 0) throw model_error("calibrate needs at least one bin");
  detail::check_probability_scores(scores, "calibrate");
  calibration_table t{std::move(scope), {}};
  const auto n = static_cast<double>(bins);
  for (std::size_t b = 0; b < bins; ++b) t.bins.push_back({static_cast<double>(b) / n, static_cast<double>(b + 1) / n});
  std::vector<double> sums(bins, 0.0);
  for (const labelled_score& s : scores) {
    const auto b = std::min(bins - 1, static_cast<std::size_t>(s.score * n));
    ++t.bins[b].count;
    t.bins[b].pitches += s.pitch ? 1 : 0;
    sums[b] += s.score;
  }
  for (std::size_t b = 0; b < bins; ++b)
    if (t.bins[b].count) t.bins[b].mean_score = sums[b] / static_cast<double>(t.bins[b].count);
  return t;
}

inline void write_calibration(std::ostream& out, const calibration_table& table) {
  out << "# scope: " << table.scope << '\n';
  out << "low\thigh\tmean_score\tobserved\tpitches\tcount\n";
  for (const calibration_bin& b : table.bins)
    out << detail::fixed(b.low, 2) << '\t' << detail::fixed(b.high, 2) << '\t' << detail::fixed(b.mean_score, 4) << '\t'
        << detail::fixed(b.observed(), 4) << '\t' << b.pitches << '\t' << b.count << '\n';
}

inline calibration_table read_calibration(std::istream& in, const std::string& source) {
  calibration_table t;
  std::string line;
  int line_no = 0;
  bool header = false;
  const auto fail = [&](const std::string& what) {
    return parse_error(source, static_cast<std::size_t>(line_no), 1, what);
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line.rfind("# scope: ", 0) == 0) {
      t.scope = line.substr(9);
      continue;
    }
    if (line[0] == '#') continue;
    if (!header) {
      if (line != "low\thigh\tmean_score\tobserved\tpitches\tcount")
        throw fail("expected the header 'low, high, mean_score, observed, pitches, count' (tab-separated)");
      header = true;
      continue;
    }
    std::istringstream row(line);
    calibration_bin b;
    double observed = 0;
    if (!(row >> b.low >> b.high >> b.mean_score >> observed >> b.pitches >> b.count) || !(row >> std::ws).eof())
      throw fail("expected six tab-separated numbers: low, high, mean_score, observed, pitches, count");
    if (!(b.low >= 0 && b.low < b.high && b.high <= 1) || b.pitches > b.count)
      throw fail("bin [" + detail::fixed(b.low, 2) + ", " + detail::fixed(b.high, 2) + ") with " +
                 std::to_string(b.pitches) + " pitches of " + std::to_string(b.count) + " is not a valid bin");
    if (!t.bins.empty() && std::abs(t.bins.back().high - b.low) > 1e-9)
      throw fail("bin starting at " + detail::fixed(b.low, 2) + " does not follow the bin ending at " +
                 detail::fixed(t.bins.back().high, 2));
    t.bins.push_back(b);
  }
  if (!header) throw fail("no header row: not a calibration table");
  return t;
}

inline calibration_table read_calibration_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw io_error("cannot read calibration table '" + path + "'");
  return read_calibration(in, path);
}

inline const calibration_table& built_in_calibration() {
  static const calibration_table table = [] {
#if PITCHRISK_HAS_CALIBRATION_DATA
    std::istringstream in{std::string(detail::calibration_tsv)};
    return read_calibration(in, "examples/data/calibration.tsv (built in)");
#else
    return calibration_table{};
#endif
  }();
  return table;
}

inline const calibration_bin* bin_of(const calibration_table& table, double p) noexcept {
  for (std::size_t i = 0; i < table.bins.size(); ++i) {
    const calibration_bin& b = table.bins[i];
    if (p >= b.low && (p < b.high || (i + 1 == table.bins.size() && p <= b.high))) return &b;
  }
  return nullptr;
}

inline std::string calibration_statement(const calibration_table& table, double p) {
  const calibration_bin* b = bin_of(table, p);
  const std::string where = "In the library" + (table.scope.empty() ? std::string() : " (" + table.scope + ")");
  if (!b) return where + ", no bin holds " + detail::fixed(p, 3) + ".";
  const std::string range = detail::fixed(b->low, 1) + "-" + detail::fixed(b->high, 1);
  if (b->count == 0) return where + ", no stage scored " + range + ": no calibration evidence at this level.";
  std::size_t pitches = 0, count = 0;
  for (const calibration_bin& c : table.bins) {
    pitches += c.pitches;
    count += c.count;
  }
  return where + ", stages scored " + range + " were pitches " + std::to_string(b->pitches) + " of " +
         std::to_string(b->count) + " times (of all its " + std::to_string(count) + " stages " +
         std::to_string(pitches) + " were pitches: the library's mix, not the screened population's).";
}

inline std::string base_rate_statement(double officer_base_rate) {
  return "The base rate (P(officer) = " + detail::fixed(officer_base_rate, 4) +
         ") is an assumption about the screened population (approaches staff reported as odd), not a measurement; "
         "so are the shares of the other explanations.";
}

}  // namespace pitchrisk::approach
