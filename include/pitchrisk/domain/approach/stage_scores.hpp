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

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <optional>
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

namespace detail {

/// Appends the cumulative evidence of every stage of `c`, resolved against `net` straight
/// from its observations (what resolve(net, stages_of(c, net)[k].seen) gives, without
/// building evidence by name). Returns false, and appends nothing, when an observation does
/// not resolve plainly (unknown indicator or state, a confidence out of (0, 1], an indicator
/// twice in a stage): the caller then takes the path by name, which reports or handles it.
inline bool resolve_stages(const case_file& c, const network& net, std::vector<resolved_evidence>& out) {
  const std::size_t first = out.size();
  const auto n = static_cast<std::size_t>(net.size());
  // The variable and state of each observation of the stage before, by position: a stage's
  // cumulative list is the one before with some readings replaced in place and some appended,
  // so an unchanged reading at the same position is not looked up again.
  struct found {
    variable_id v;
    Eigen::Index state;
  };
  std::vector<found> before, now;
  const std::vector<observation>* before_list = nullptr;
  for (const case_stage& s : c.stages) {
    resolved_evidence r;
    r.hard.assign(n, -1);
    r.soft.resize(n);
    r.observed.reserve(s.cumulative.size());
    now.clear();
    for (std::size_t i = 0; i < s.cumulative.size(); ++i) {
      const observation& o = s.cumulative[i];
      found f{-1, -1};
      if (before_list && i < before.size() && same_reading((*before_list)[i], o)) {
        f = before[i];
      } else if (const std::optional<variable_id> v = net.find(o.indicator)) {
        f = {*v, net.variable(*v).find_state(o.state).value_or(-1)};
      }
      if (f.state < 0 || r.is_observed(f.v) || (o.is_soft() && !(o.confidence > 0 && o.confidence <= 1))) {
        out.resize(first);
        return false;
      }
      const auto v = static_cast<std::size_t>(f.v);
      if (o.is_soft()) {
        const std::vector<double> l = soft_likelihood(net.variable(f.v).states, o.state, o.confidence);
        r.soft[v] = Eigen::Map<const Eigen::ArrayXd>(l.data(), static_cast<Eigen::Index>(l.size()));
      } else {
        r.hard[v] = f.state;
      }
      r.observed.push_back(f.v);
      now.push_back(f);
    }
    std::sort(r.observed.begin(), r.observed.end());
    out.push_back(std::move(r));
    before.swap(now);
    before_list = &s.cumulative;
  }
  return true;
}

}  // namespace detail

inline std::vector<std::vector<probability_interval>> score_stages(const compiled_model& m,
                                                                   compiled_model::workspace& ws,
                                                                   std::span<const case_file> cases) {
  const network& net = m.model().net;
  std::vector<resolved_evidence> resolved;
  for (const case_file& c : cases) {  // name errors first, in the order assess_timeline meets them
    if (detail::resolve_stages(c, net, resolved)) {
      detail::check_dates_of<case_stage>(c.name, c.stages);
      continue;
    }
    const std::vector<stage_evidence> stages = detail::stages_of(c, net);
    detail::check_stage_dates(c.name, stages);
    for (const stage_evidence& s : stages) resolved.push_back(resolve(net, s.seen));
  }
  const std::vector<double> points = m.p_pitch(ws, resolved);
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
