// SPDX-License-Identifier: MIT
// The timeline of a case: the assessment after each stage (the cumulative evidence of
// that stage), how P(pitch) moved since the stage before, and which of the stage's new
// findings moved it most (the change when that finding is reverted to what was known
// before the stage). This is how a score is read meeting by meeting.
#pragma once

#include "pitchrisk/domain/approach/assessment.hpp"
#include "pitchrisk/domain/approach/case_file.hpp"
#include "pitchrisk/domain/approach/model.hpp"
#include "pitchrisk/inference/engine.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace pitchrisk::approach {

/// One stage of a timeline.
struct timeline_step {
  std::string stage;                 ///< stage name ("all" for a file without stages)
  std::string cycle;                 ///< the analyst's `# cycle:` judgement, "" if none
  std::vector<observation> added;    ///< findings new or changed since the stage before (all, first stage)
  assessment result;                 ///< the assessment of the cumulative evidence
  double change = 0;                 ///< p_pitch minus that of the stage before (or the prior)
  std::string moved_by;              ///< "indicator=state": the new finding that moved it most
                                     ///< in the direction of `change` (any direction if none did)
  double moved_by_change = 0;        ///< p_pitch minus p_pitch with that finding reverted
};

/// The timeline of one case.
struct timeline {
  std::string case_name;   ///< file name without .case
  std::string label;       ///< "pitch" or "benign"
  std::string title;
  std::string intent;      ///< the file's `# intent:` comment, "" if none
  std::vector<std::string> sources;
  std::vector<timeline_step> steps;

  /// The step to judge detection by: the last before `exposure` (or the last one).
  [[nodiscard]] const timeline_step& before_exposure() const;
};

/// One stage given through the API: its name, the analyst's cycle judgement ("" if none)
/// and the CUMULATIVE evidence known at the end of the stage.
struct stage_evidence {
  std::string name;
  std::string cycle;
  pitchrisk::evidence seen;
};

/// Assesses every stage of a case file. Throws: evidence_error if the model lacks an
/// indicator or state the case uses.
[[nodiscard]] timeline assess_timeline(const scored_model& model, const case_file& c,
                                       const assessment_options& options = {});

/// Assesses stages built through the API (findings by name); `case_name` and `label` are
/// copied into the timeline. Throws: evidence_error as above.
[[nodiscard]] timeline assess_timeline(const scored_model& model, std::string case_name, std::string label,
                                       std::span<const stage_evidence> stages, const assessment_options& options = {});
/// The same with the caller's engine over model.net (the overloads above use variable
/// elimination). Requires: `engine.network()` is `model.net`.
template <exact_engine Engine>
[[nodiscard]] timeline assess_timeline(const Engine& engine, const scored_model& model, std::string case_name,
                                       std::string label, std::span<const stage_evidence> stages,
                                       const assessment_options& options = {});

// ---------------------------------------------------------------------------------------

inline const timeline_step& timeline::before_exposure() const {
  if (steps.size() >= 2 && steps.back().stage == "exposure") return steps[steps.size() - 2];
  return steps.back();
}

namespace detail {

/// The hard findings by name of an evidence set, as observations.
inline std::vector<observation> observations_of(const evidence& seen) {
  std::vector<observation> out;
  for (const finding& f : seen.findings())
    if (!f.is_soft() && !f.variable.empty()) out.push_back({f.variable, f.state, 0});
  return out;
}

}  // namespace detail

inline timeline assess_timeline(const scored_model& model, std::string case_name, std::string label,
                                std::span<const stage_evidence> stages, const assessment_options& options) {
  return assess_timeline(variable_elimination(model.net), model, std::move(case_name), std::move(label), stages, options);
}

template <exact_engine Engine>
timeline assess_timeline(const Engine& engine, const scored_model& model, std::string case_name, std::string label,
                         std::span<const stage_evidence> stages, const assessment_options& options) {
  timeline t;
  t.case_name = std::move(case_name);
  t.label = std::move(label);
  std::vector<evidence> sets;
  for (const stage_evidence& s : stages) sets.push_back(s.seen);
  const std::vector<assessment> results = assess_all(engine, model, sets, options);

  const hypothesis pitch = pitch_hypothesis(model);
  std::vector<observation> earlier;
  for (std::size_t k = 0; k < stages.size(); ++k) {
    const std::vector<observation> now = detail::observations_of(stages[k].seen);
    timeline_step step{stages[k].name, stages[k].cycle, {}, results[k], 0, {}, 0};
    const double before = k == 0 ? results[k].prior_p_pitch : results[k - 1].p_pitch;
    step.change = step.result.p_pitch - before;
    // What is new or changed since the stage before (everything, for the first stage), and
    // which of it moved the score: revert it to the state known before (or to unobserved)
    // and see how far P(pitch) falls back.
    for (const observation& o : now) {
      const auto was = std::find_if(earlier.begin(), earlier.end(),
                                    [&](const observation& e) { return e.indicator == o.indicator; });
      if (was != earlier.end() && was->state == o.state) continue;
      step.added.push_back(o);
      evidence reverted = stages[k].seen;
      if (was != earlier.end())
        reverted.observe(o.indicator, was->state);
      else
        reverted.retract(o.indicator);
      const double moved = step.result.p_pitch - probability(engine.posterior(pitch.variable, reverted), pitch);
      // Prefer findings that pushed the way the score went; among them the largest push.
      const bool with_change = moved * step.change > 0;
      const bool best_with_change = step.moved_by_change * step.change > 0;
      if (step.moved_by.empty() || (with_change && !best_with_change) ||
          (with_change == best_with_change && std::abs(moved) > std::abs(step.moved_by_change))) {
        step.moved_by = o.indicator + "=" + o.state;
        step.moved_by_change = moved;
      }
    }
    earlier = now;
    t.steps.push_back(std::move(step));
  }
  return t;
}

inline timeline assess_timeline(const scored_model& model, const case_file& c, const assessment_options& options) {
  std::vector<stage_evidence> stages;
  for (const case_stage& s : c.stages) stages.push_back({s.name, s.cycle, s.evidence});
  timeline t = assess_timeline(model, c.name, c.label, stages, options);
  t.title = c.title;
  t.intent = c.intent;
  t.sources = c.sources;
  // Keep the file's line numbers on the findings each stage added.
  for (timeline_step& step : t.steps)
    for (observation& o : step.added)
      for (const case_stage& s : c.stages)
        if (s.name == step.stage)
          for (const observation& c_o : s.cumulative)
            if (c_o.indicator == o.indicator && c_o.state == o.state) o.line = c_o.line;
  return t;
}

}  // namespace pitchrisk::approach
