// SPDX-License-Identifier: MIT
// Fuzz target for the approach `.case` reader: read; on success check what the reader
// promises (known indicators and states, one finding per indicator in each cumulative set,
// a label, at least one stage), resolve every stage's evidence against a network over the
// whole vocabulary (must not fail), write the case back in the grammar of
// shared/domain/cases/README.md and require the same case from reading that text.
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
  for (const auto& o : c.case_level) out += o.indicator + "=" + o.state + "\n";
  for (const auto& stage : c.stages) {
    if (stage.line == 0) continue;  // the implicit "all" stage of a file without stages
    out += "stage " + stage.name + "\n";
    if (!stage.cycle.empty()) out += "# cycle: " + stage.cycle + "\n";
    for (const auto& o : stage.added) out += o.indicator + "=" + o.state + "\n";
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
    require(a[i].indicator == b[i].indicator && a[i].state == b[i].state, what + ": observation differs");
}

inline void case_target(std::string_view text) {
  approach::case_file c;
  try {
    c = approach::read_case_string(text, "fuzz.case");
  } catch (const pitchrisk::error&) {
    return;
  }
  require(c.label == "pitch" || c.label == "benign", "label is neither pitch nor benign");
  require(!c.stages.empty(), "a case without stages");
  for (const auto& stage : c.stages) {
    for (std::size_t i = 0; i < stage.cumulative.size(); ++i) {
      const auto* ind = approach::find_indicator(stage.cumulative[i].indicator);
      require(ind != nullptr, "an unknown indicator was accepted");
      require(ind->state_index(stage.cumulative[i].state) >= 0, "an unknown state was accepted");
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
    require(again.stages[i].name == c.stages[i].name && again.stages[i].cycle == c.stages[i].cycle,
            ".case round trip: stage name or cycle differs");
    require_same_observations(c.stages[i].added, again.stages[i].added, ".case round trip: stage '" + c.stages[i].name + "'");
    require_same_observations(c.stages[i].cumulative, again.stages[i].cumulative,
                              ".case round trip: cumulative evidence of '" + c.stages[i].name + "'");
  }
}

}  // namespace pitchrisk::fuzz
