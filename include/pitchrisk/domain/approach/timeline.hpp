// SPDX-License-Identifier: MIT
// The timeline of a case: the assessment after each stage (the cumulative evidence of
// that stage), how P(pitch) moved since the stage before, and which of the stage's new
// findings moved it most (the change when that finding is reverted to what was known
// before the stage). This is how a score is read meeting by meeting. Dated stages also
// give the days since the stage before: the time between contacts, shown next to the
// score, not fed to the model (which has no tempo indicator).
#pragma once

#include "pitchrisk/domain/approach/assessment.hpp"
#include "pitchrisk/domain/approach/case_date.hpp"
#include "pitchrisk/domain/approach/case_file.hpp"
#include "pitchrisk/domain/approach/compiled_model.hpp"
#include "pitchrisk/domain/approach/model.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/engine.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <span>
#include <string>
#include <string_view>
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
  std::optional<case_date> date{};   ///< the stage's date, if the case is dated
  std::optional<long> days_since_previous{};  ///< days since the stage before (both dated)
};

/// The timeline of one case.
struct timeline {
  std::string case_name;   ///< file name without .case
  std::string label;       ///< "pitch", "benign" or "unknown"
  std::string title;       ///< the file's `# title:` comment, "" if none
  std::string intent;      ///< the file's `# intent:` comment, "" if none
  std::vector<std::string> sources;  ///< the file's `source` lines
  std::vector<timeline_step> steps;  ///< one per stage, in order

  /// The step to judge detection by: the last before `exposure` (or the last one).
  [[nodiscard]] const timeline_step& before_exposure() const;
};

/// One stage given through the API: its name, the analyst's cycle judgement ("" if none)
/// and the CUMULATIVE evidence known at the end of the stage.
struct stage_evidence {
  std::string name;         ///< the stage's name
  std::string cycle;        ///< the analyst's cycle judgement ("" if none)
  pitchrisk::evidence seen;  ///< cumulative evidence at the end of the stage
  std::optional<case_date> date{};          ///< gives timeline_step::days_since_previous
  std::vector<observation> observations{};  ///< `seen` as observations, with the states and
                                            ///< confidences of uncertain ones (empty: taken
                                            ///< from the hard findings of `seen`)
};

/// Assesses every stage of a case file (compiling the model for this call: to score many
/// cases, compile once with compiled_model). Throws: evidence_error if the model lacks an
/// indicator or state the case uses.
[[nodiscard]] timeline assess_timeline(const scored_model& model, const case_file& c,
                                       const assessment_options& options = {});

/// Assesses stages built through the API (findings by name); `case_name` and `label` are
/// copied into the timeline. Stage dates are checked as the case reader checks them: every
/// stage dated or none, each a real calendar day, none before the stage before.
/// Throws: evidence_error as above, or naming the case and the stage whose date is wrong.
[[nodiscard]] timeline assess_timeline(const scored_model& model, std::string case_name, std::string label,
                                       std::span<const stage_evidence> stages, const assessment_options& options = {});
/// The same with the caller's engine over model.net, query by query (the overloads above
/// compile the model: compiled_model). Requires: `engine.network()` is `model.net`.
template <exact_engine Engine>
[[nodiscard]] timeline assess_timeline(const Engine& engine, const scored_model& model, std::string case_name,
                                       std::string label, std::span<const stage_evidence> stages,
                                       const assessment_options& options = {});
/// A case file with the caller's engine over model.net. Requires: `engine.network()` is `model.net`.
template <exact_engine Engine>
[[nodiscard]] timeline assess_timeline(const Engine& engine, const scored_model& model, const case_file& c,
                                       const assessment_options& options = {});
/// The timeline with a compiled model and its options, in the caller's workspace: the
/// stages' assessments as assess_all(m, ws, sets), and a new finding's effect on its stage
/// taken from that assessment's finding weights. Throws: evidence_error as above.
[[nodiscard]] timeline assess_timeline(const compiled_model& m, compiled_model::workspace& ws, std::string case_name,
                                       std::string label, std::span<const stage_evidence> stages);
/// A case file with a compiled model and its options, in the caller's workspace.
[[nodiscard]] timeline assess_timeline(const compiled_model& m, compiled_model::workspace& ws, const case_file& c);
/// The same in a workspace borrowed from the model's pool (thread-safe).
[[nodiscard]] timeline assess_timeline(const compiled_model& m, const case_file& c);
/// Several case files at once, in the caller's workspace: the same timelines as one by one,
/// but every sampled model of the interval serves all their stages in turn while its
/// tables are in cache (much faster for a batch of cases).
[[nodiscard]] std::vector<timeline> assess_timelines(const compiled_model& m, compiled_model::workspace& ws,
                                                     std::span<const case_file> cases);

// ---------------------------------------------------------------------------------------

inline const timeline_step& timeline::before_exposure() const {
  if (steps.size() >= 2 && steps.back().stage == "exposure") return steps[steps.size() - 2];
  return steps.back();
}

namespace detail {

/// Checks the dates of stages given through the API as read_case_string() checks those of a
/// file: every stage or none has one, each a valid calendar date, in chronological order.
/// `Stage` has `name` and `date` (stage_evidence, case_stage). Throws: evidence_error naming
/// `case_name` and the stage.
template <class Stage>
void check_dates_of(std::string_view case_name, std::span<const Stage> stages) {
  if (stages.empty()) return;
  const auto where = [&](const Stage& s) {
    return "case '" + std::string(case_name) + "': stage '" + s.name + "'";
  };
  const Stage& first = stages.front();
  for (std::size_t k = 0; k < stages.size(); ++k) {
    const Stage& s = stages[k];
    if (s.date.has_value() != first.date.has_value())
      throw evidence_error(where(s) + (s.date ? " has a date but stage '" : " has no date but stage '") + first.name +
                           (s.date ? "' has none" : "' has one") + ": date every stage or none");
    if (!s.date) continue;
    if (!s.date->ok())
      throw evidence_error(where(s) + ": date " + format_date(*s.date) + " is not a calendar date");
    if (k > 0 && *s.date < *stages[k - 1].date)
      throw evidence_error(where(s) + " is dated " + format_date(*s.date) + ", before stage '" + stages[k - 1].name +
                           "' (" + format_date(*stages[k - 1].date) + "): stages are in chronological order");
  }
}

/// check_dates_of() for stages given as evidence.
inline void check_stage_dates(std::string_view case_name, std::span<const stage_evidence> stages) {
  check_dates_of<stage_evidence>(case_name, stages);
}

/// The hard findings by name of an evidence set, as observations.
inline std::vector<observation> observations_of(const evidence& seen) {
  std::vector<observation> out;
  for (const finding& f : seen.findings())
    if (!f.is_soft() && !f.variable.empty()) out.push_back({f.variable, f.state, 0});
  return out;
}

/// The stage's date and the days since the stage before; the state and confidence of each
/// uncertain finding (the explanation knows it only as "likelihood").
inline void add_dates_and_confidences(timeline_step& step, std::span<const stage_evidence> stages, std::size_t k,
                                      const std::vector<observation>& now) {
  step.date = stages[k].date;
  if (k > 0 && stages[k].date && stages[k - 1].date)
    step.days_since_previous = days_between(*stages[k - 1].date, *stages[k].date);
  for (finding_weight& f : step.result.findings)
    for (const observation& o : now)
      if (o.is_soft() && o.indicator == f.indicator && f.state == "likelihood") {
        f.state = o.state;
        f.confidence = o.confidence;
      }
}

}  // namespace detail

inline timeline assess_timeline(const scored_model& model, std::string case_name, std::string label,
                                std::span<const stage_evidence> stages, const assessment_options& options) {
  detail::check_stage_dates(case_name, stages);  // before compiling
  const compiled_model m(model, options);
  compiled_model::lease ws(m);
  return assess_timeline(m, *ws, std::move(case_name), std::move(label), stages);
}

namespace detail {

/// The timeline of `stages` from their assessments; `p_pitch_of(reverted, o)` gives P(pitch)
/// with the stage's new or changed observation `o` reverted (evidence `reverted`).
template <class PPitch>
timeline build_timeline(const scored_model& model, std::string case_name, std::string label,
                        std::span<const stage_evidence> stages, std::span<assessment> results, PPitch p_pitch_of) {
  timeline t;
  t.case_name = std::move(case_name);
  t.label = std::move(label);
  std::vector<observation> earlier;
  for (std::size_t k = 0; k < stages.size(); ++k) {
    const std::vector<observation> now =
        stages[k].observations.empty() ? detail::observations_of(stages[k].seen) : stages[k].observations;
    const double before = k == 0 ? results[k].prior_p_pitch : t.steps.back().result.p_pitch;
    timeline_step step{stages[k].name, stages[k].cycle, {}, std::move(results[k]), 0, {}, 0};  // not read again
    detail::add_dates_and_confidences(step, stages, k, now);
    step.change = step.result.p_pitch - before;
    // What is new or changed since the stage before (everything, for the first stage), and
    // which of it moved the score: revert it to the state known before (or to unobserved)
    // and see how far P(pitch) falls back.
    for (const observation& o : now) {
      const auto was = std::find_if(earlier.begin(), earlier.end(),
                                    [&](const observation& e) { return e.indicator == o.indicator; });
      if (was != earlier.end() && same_reading(*was, o)) continue;
      step.added.push_back(o);
      evidence reverted = stages[k].seen;
      if (was != earlier.end())
        add_observation(reverted, *was, model.net);
      else
        reverted.retract(o.indicator);
      const double moved = step.result.p_pitch - p_pitch_of(reverted, was == earlier.end(), o, step.result);
      // Prefer findings that pushed the way the score went; among them the largest push.
      const bool with_change = moved * step.change > 0;
      const bool best_with_change = step.moved_by_change * step.change > 0;
      if (step.moved_by.empty() || (with_change && !best_with_change) ||
          (with_change == best_with_change && std::abs(moved) > std::abs(step.moved_by_change))) {
        step.moved_by = to_string(o);
        step.moved_by_change = moved;
      }
    }
    earlier = now;
    t.steps.push_back(std::move(step));
  }
  return t;
}

/// P(pitch) with a stage's new or changed observation reverted, on a compiled model: a
/// finding new at the stage, reverted to unobserved, has it in its weight in context already
/// (the same evidence, the same propagation); a changed one costs one propagation.
inline auto reverted_p_pitch(const compiled_model& m, compiled_model::workspace& ws) {
  return [&m, &ws](const evidence& reverted, bool retracted, const observation& o, const assessment& a) {
    if (retracted)
      for (const finding_weight& f : a.findings)
        if (f.indicator == o.indicator) return f.p_without;
    return m.p_pitch(ws, reverted);
  };
}

}  // namespace detail

template <exact_engine Engine>
timeline assess_timeline(const Engine& engine, const scored_model& model, std::string case_name, std::string label,
                         std::span<const stage_evidence> stages, const assessment_options& options) {
  detail::check_stage_dates(case_name, stages);
  std::vector<evidence> sets;
  for (const stage_evidence& s : stages) sets.push_back(s.seen);
  std::vector<assessment> results = assess_all(engine, model, sets, options);
  const hypothesis pitch = pitch_hypothesis(model);
  return detail::build_timeline(model, std::move(case_name), std::move(label), stages, results,
                                [&](const evidence& reverted, bool, const observation&, const assessment&) {
                                  return probability(engine.posterior(pitch.variable, reverted), pitch);
                                });
}

inline timeline assess_timeline(const compiled_model& m, compiled_model::workspace& ws, std::string case_name,
                                std::string label, std::span<const stage_evidence> stages) {
  detail::check_stage_dates(case_name, stages);
  std::vector<evidence> sets;
  for (const stage_evidence& s : stages) sets.push_back(s.seen);
  std::vector<assessment> results = assess_all(m, ws, sets);
  return detail::build_timeline(
      m.model(), std::move(case_name), std::move(label), stages, results,
      detail::reverted_p_pitch(m, ws));
}

namespace detail {

/// The stages of a case file as evidence for `net` (uncertain observations laid out in the
/// model's state order).
inline std::vector<stage_evidence> stages_of(const case_file& c, const network& net) {
  std::vector<stage_evidence> stages;
  for (const case_stage& s : c.stages) {
    evidence seen;
    for (const observation& o : s.cumulative) add_observation(seen, o, net);
    stages.push_back({s.name, s.cycle, std::move(seen), s.date, s.cumulative});
  }
  return stages;
}

/// Copies the case file's title, intent and sources into `t`, and its line numbers onto the
/// findings each stage added.
inline void add_case_details(timeline& t, const case_file& c) {
  t.title = c.title;
  t.intent = c.intent;
  t.sources = c.sources;
  for (timeline_step& step : t.steps)
    for (observation& o : step.added)
      for (const case_stage& s : c.stages)
        if (s.name == step.stage)
          for (const observation& c_o : s.cumulative)
            if (c_o.indicator == o.indicator && c_o.state == o.state) o.line = c_o.line;
}

}  // namespace detail

template <exact_engine Engine>
timeline assess_timeline(const Engine& engine, const scored_model& model, const case_file& c,
                         const assessment_options& options) {
  const std::vector<stage_evidence> stages = detail::stages_of(c, model.net);
  timeline t = assess_timeline(engine, model, c.name, c.label, stages, options);
  detail::add_case_details(t, c);
  return t;
}

inline timeline assess_timeline(const compiled_model& m, compiled_model::workspace& ws, const case_file& c) {
  const std::vector<stage_evidence> stages = detail::stages_of(c, m.model().net);
  timeline t = assess_timeline(m, ws, c.name, c.label, stages);
  detail::add_case_details(t, c);
  return t;
}

inline std::vector<timeline> assess_timelines(const compiled_model& m, compiled_model::workspace& ws,
                                              std::span<const case_file> cases) {
  std::vector<std::vector<stage_evidence>> stages;
  std::vector<evidence> sets;
  for (const case_file& c : cases) {
    stages.push_back(detail::stages_of(c, m.model().net));
    detail::check_stage_dates(c.name, stages.back());
    for (const stage_evidence& s : stages.back()) sets.push_back(s.seen);
  }
  std::vector<assessment> all = assess_all(m, ws, sets);
  std::vector<timeline> out;
  std::size_t first = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const std::span<assessment> results(all.data() + first, stages[i].size());
    first += stages[i].size();
    out.push_back(detail::build_timeline(
        m.model(), cases[i].name, cases[i].label, stages[i], results,
        detail::reverted_p_pitch(m, ws)));
    detail::add_case_details(out.back(), cases[i]);
  }
  return out;
}

inline timeline assess_timeline(const compiled_model& m, const case_file& c) {
  compiled_model::lease ws(m);
  return assess_timeline(m, *ws, c);
}

inline timeline assess_timeline(const scored_model& model, const case_file& c, const assessment_options& options) {
  const compiled_model m(model, options);
  return assess_timeline(m, c);
}

}  // namespace pitchrisk::approach
