// SPDX-License-Identifier: MIT
// Fuzz target for the approach `.case` reader: read; on success check what the reader
// promises (known indicators and states, one finding per indicator in each cumulative set,
// a label, at least one stage, confidences in (0, 1), dates all-or-none and in order),
// resolve every stage's evidence against a network over the whole vocabulary (must not
// fail), write the case back in the grammar of examples/data/cases/README.md and require
// the same case (dates and confidences bit for bit) from reading that text.
#pragma once

#include "fuzz_common.hpp"

#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/domain/approach/case_file.hpp"
#include "pitchrisk/domain/approach/vocabulary.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace pitchrisk::fuzz {

/// Writes a case in the .case grammar (the test's own writer: the library has none).
inline std::string to_case_string(const approach::case_file& c) {
  std::string out;
  if (!c.title.empty()) out += "# title: " + c.title + "\n";
  if (!c.intent.empty()) out += "# intent: " + c.intent + "\n";
  out += "label " + c.label + "\n";
  for (const auto& s : c.sources) out += "source " + s + "\n";
  for (const auto& o : c.case_level) out += approach::to_string(o) + "\n";
  for (const auto& stage : c.stages) {
    if (stage.line == 0) continue;  // the implicit "all" stage of a file without stages
    out += "stage " + stage.name + (stage.date ? " " + approach::format_date(*stage.date) : std::string()) + "\n";
    if (!stage.cycle.empty()) out += "# cycle: " + stage.cycle + "\n";
    for (const auto& o : stage.added) out += approach::to_string(o) + "\n";
  }
  return out;
}

/// One root variable per indicator of the vocabulary (uniform), to resolve case evidence.
inline const network& case_fuzz_network() {
  static const network net = [] {
    network_builder b("vocabulary");
    for (const auto& ind : approach::indicators()) {
      const variable_id v = b.add_variable(std::string(ind.name), ind.states);
      const auto k = static_cast<Eigen::Index>(ind.states.size());
      b.set_cpt(v, Eigen::ArrayXd::Constant(k, 1.0 / static_cast<double>(k)));
    }
    return b.build({.columns = {.tolerance = 1e-9}});
  }();
  return net;
}

inline void require_same_observations(const std::vector<approach::observation>& a,
                                      const std::vector<approach::observation>& b, const std::string& what) {
  require(a.size() == b.size(), what + ": observation count differs");
  for (std::size_t i = 0; i < a.size(); ++i)
    require(approach::same_reading(a[i], b[i]), what + ": observation differs");
}

inline void case_target(std::string_view text) {
  approach::case_file c;
  try {
    c = approach::read_case_string(text, "fuzz.case");
  } catch (const pitchrisk::error&) {
    return;
  }
  require(c.label == "pitch" || c.label == "benign" || c.label == "unknown", "label is not pitch, benign or unknown");
  require(c.is_labelled() == (c.label != "unknown"), "is_labelled disagrees with the label");
  require(!c.stages.empty(), "a case without stages");
  for (std::size_t k = 0; k < c.stages.size(); ++k) {
    const auto& stage = c.stages[k];
    if (stage.line == 0) break;  // the implicit "all" stage has no date
    require(stage.date.has_value() == c.is_dated(), "some stages are dated and some are not");
    require(!stage.date || stage.date->ok(), "an invalid date was accepted");
    if (k > 0 && stage.date) require(*c.stages[k - 1].date <= *stage.date, "stage dates decrease");
  }
  for (const auto& stage : c.stages) {
    for (std::size_t i = 0; i < stage.cumulative.size(); ++i) {
      const auto* ind = approach::find_indicator(stage.cumulative[i].indicator);
      require(ind != nullptr, "an unknown indicator was accepted");
      require(ind->state_index(stage.cumulative[i].state) >= 0, "an unknown state was accepted");
      const double conf = stage.cumulative[i].confidence;
      require(conf > 0 && conf <= 1, "a confidence outside (0, 1] was accepted");
      require(!(stage.cumulative[i].is_soft() && stage.cumulative[i].indicator == "authority_flag"),
              "an uncertain authority flag was accepted");
      require(stage.evidence.findings()[i].is_soft() == stage.cumulative[i].is_soft(),
              "an uncertain observation is not a likelihood finding (or the reverse)");
      for (std::size_t j = 0; j < i; ++j)
        require(stage.cumulative[j].indicator != stage.cumulative[i].indicator,
                "an indicator appears twice in the cumulative evidence of stage '" + stage.name + "'");
    }
    require(stage.evidence.size() == stage.cumulative.size(), "evidence and cumulative findings differ in size");
    try {
      (void)resolve(case_fuzz_network(), stage.evidence);
    } catch (const pitchrisk::error& e) {
      throw finding(std::string("evidence of an accepted case does not resolve: ") + e.what());
    }
  }

  const std::string written = to_case_string(c);
  approach::case_file again;
  try {
    again = approach::read_case_string(written, "fuzz.case");
  } catch (const pitchrisk::error& e) {
    throw finding(std::string("reading the written case failed: ") + e.what() + "\n--- text ---\n" + written);
  }
  require(again.name == c.name && again.label == c.label && again.sources == c.sources && again.title == c.title &&
              again.intent == c.intent,
          ".case round trip: header differs");
  require_same_observations(c.case_level, again.case_level, ".case round trip: case level");
  require(again.stages.size() == c.stages.size(), ".case round trip: stage count differs");
  for (std::size_t i = 0; i < c.stages.size(); ++i) {
    require(again.stages[i].name == c.stages[i].name && again.stages[i].cycle == c.stages[i].cycle &&
                again.stages[i].date == c.stages[i].date,
            ".case round trip: stage name, cycle or date differs");
    require_same_observations(c.stages[i].added, again.stages[i].added, ".case round trip: stage '" + c.stages[i].name + "'");
    require_same_observations(c.stages[i].cumulative, again.stages[i].cumulative,
                              ".case round trip: cumulative evidence of '" + c.stages[i].name + "'");
  }
}

}  // namespace pitchrisk::fuzz
