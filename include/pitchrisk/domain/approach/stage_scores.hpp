// SPDX-License-Identifier: MIT
// The score alone: P(pitch) at every stage of a case, with its parameter-uncertainty
// interval, and nothing else (no finding weights, questions, rivals or statements). One
// propagation towards intent per stage and per sampled model, in the caller's workspace,
// without building assessments: the path for screening queues of many reported contacts.
// The numbers are those of the full timeline to rounding (the interval: the same).
#pragma once

#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/domain/approach/case_file.hpp"
#include "pitchrisk/domain/approach/compiled_model.hpp"
#include "pitchrisk/domain/approach/observation.hpp"
#include "pitchrisk/domain/approach/timeline.hpp"
#include "pitchrisk/domain/approach/uncertainty.hpp"

#include <cstddef>
#include <iterator>
#include <utility>
#include <span>
#include <vector>

namespace pitchrisk::approach {

/// P(pitch) after each stage of `c` (the stage's cumulative evidence, as assess_timeline
/// reads it) with its interval from the model's compiled sampled models: `point` is P(pitch)
/// under the elicited tables; without samples low = high = point. Same stage order as c.stages.
/// Throws: evidence_error (unknown indicator or state, impossible evidence, stage dates out
/// of order), as assess_timeline does for the same case.
/// Complexity: (1 + samples) propagations towards intent per stage, no other query.
[[nodiscard]] std::vector<probability_interval> score_stages(const compiled_model& m, compiled_model::workspace& ws,
                                                             const case_file& c);
/// The same in a workspace borrowed from the model's pool (thread-safe).
[[nodiscard]] std::vector<probability_interval> score_stages(const compiled_model& m, const case_file& c);
/// score_stages() of several cases in one batch, the same numbers: each sampled model answers
/// every stage of the batch while its tables are in cache (runs of ~16 cases pay off with an
/// interval). Throws: evidence_error, as for the first case at fault.
[[nodiscard]] std::vector<std::vector<probability_interval>> score_stages(const compiled_model& m,
                                                                          compiled_model::workspace& ws,
                                                                          std::span<const case_file> cases);

// ---------------------------------------------------------------------------------------

inline std::vector<std::vector<probability_interval>> score_stages(const compiled_model& m,
                                                                   compiled_model::workspace& ws,
                                                                   std::span<const case_file> cases) {
  const network& net = m.model().net;
  std::vector<resolved_evidence> resolved;
  for (const case_file& c : cases) {
    const std::vector<stage_evidence> stages = detail::stages_of(c, net);
    detail::check_stage_dates(c.name, stages);
    for (const stage_evidence& s : stages) resolved.push_back(resolve(net, s.seen));  // name errors first
  }
  std::vector<double> points;
  points.reserve(resolved.size());
  for (const resolved_evidence& r : resolved) points.push_back(m.p_pitch(ws, r));
  std::vector<probability_interval> all = m.intervals(ws, resolved, points);
  std::vector<std::vector<probability_interval>> out;
  out.reserve(cases.size());
  auto next = all.begin();
  for (const case_file& c : cases) {
    out.emplace_back(std::make_move_iterator(next), std::make_move_iterator(next + static_cast<std::ptrdiff_t>(c.stages.size())));
    next += static_cast<std::ptrdiff_t>(c.stages.size());
  }
  return out;
}

inline std::vector<probability_interval> score_stages(const compiled_model& m, compiled_model::workspace& ws,
                                                      const case_file& c) {
  return std::move(score_stages(m, ws, std::span<const case_file>(&c, 1)).front());
}

inline std::vector<probability_interval> score_stages(const compiled_model& m, const case_file& c) {
  compiled_model::lease ws(m);
  return score_stages(m, *ws, c);
}

}  // namespace pitchrisk::approach
