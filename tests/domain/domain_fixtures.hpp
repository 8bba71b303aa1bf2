// SPDX-License-Identifier: MIT
// What several domain tests read: the elicited approach model, a seed case's timeline, a
// dated case with an uncertain observation, and every case file shipped in examples/data
// (the case library and the seed cases, read once per test program).
#pragma once

#include "pitchrisk/domain/approach/case_file.hpp"
#include "pitchrisk/domain/approach/model.hpp"
#include "pitchrisk/domain/approach/timeline.hpp"

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace pitchrisk::approach::fixtures {

/// The built-in (elicited) approach model.
inline const approach_model& elicited_model() {
  static const approach_model model;
  return model;
}

/// The timeline of examples/data/cases/NAME.case with a 16-sample interval.
inline timeline seed_timeline(const std::string& name) {
  assessment_options o;
  o.uncertainty.samples = 16;
  return assess_timeline(elicited_model(),
                         read_case(std::filesystem::path(PITCHRISK_SOURCE_DIR) / "examples" / "data" / "cases" /
                                   (name + ".case")),
                         o);
}

/// A two-stage dated case with an uncertain observation (identity_check=contradicted~0.8),
/// scored with a 10-sample interval and one question.
inline timeline dated_uncertain_timeline() {
  const case_file c = read_case_string(
      "label unknown\nstage first_call 2024-01-10\nfirst_contact_channel=online_unsolicited\n"
      "stage dinner 2024-01-22\nidentity_check=contradicted~0.8\nflattery=yes\n",
      "under_review.case");
  assessment_options o;
  o.uncertainty.samples = 10;
  o.questions = 1;
  return assess_timeline(elicited_model(), c, o);
}

/// Every case of the library (examples/data/library/**) and the seed cases, sorted by path.
inline const std::vector<case_file>& shipped_cases() {
  static const std::vector<case_file> cases = [] {
    namespace fs = std::filesystem;
    std::vector<fs::path> paths;
    const fs::path data = fs::path(PITCHRISK_SOURCE_DIR) / "examples" / "data";
    for (const auto& e : fs::recursive_directory_iterator(data / "library"))
      if (e.path().extension() == ".case") paths.push_back(e.path());
    for (const auto& e : fs::directory_iterator(data / "cases"))
      if (e.path().extension() == ".case") paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
    std::vector<case_file> out;
    for (const fs::path& p : paths) out.push_back(read_case(p));
    return out;
  }();
  return cases;
}

}  // namespace pitchrisk::approach::fixtures
