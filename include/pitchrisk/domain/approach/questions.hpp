// SPDX-License-Identifier: MIT
// The next questions of an assessment: which unobserved indicators, once answered, would move
// P(pitch) the most. Ranked by the expected absolute change of P(pitch) over the answers (what
// an analyst asks is worth asking when the answer could change the decision), with the
// information about pitch vs not pitch beside it; indicators the case format forbids before
// exposure (authority_flag) are never suggested, and a question none of whose answers would
// move P(pitch) by more than a threshold is dropped. Free function over any exact engine.
#pragma once

#include "pitchrisk/analysis/explanation.hpp"
#include "pitchrisk/core/distribution.hpp"
#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/domain/approach/vocabulary.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/engine.hpp"
#include "pitchrisk/detail/ranking_key.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace pitchrisk::approach {

/// One possible answer to a next question.
struct answer_outcome {
  std::string state;       ///< the answer: a state of the indicator
  double probability = 0;  ///< P(answer | e)
  double p_pitch = 0;      ///< P(pitch | e, answer)
};

/// An unobserved indicator worth asking about.
struct next_question {
  std::string indicator;               ///< the indicator to ask about (its variable name)
  double expected_change = 0;          ///< sum over answers of P(answer | e) |P(pitch | e, answer) - P(pitch | e)|
  double largest_change = 0;           ///< max over answers (P > 0) of |P(pitch | e, answer) - P(pitch | e)|
  double information_gain = 0;         ///< expected information about pitch vs not pitch, bits
  std::vector<answer_outcome> answers; ///< possible answers (P > 0), in state order
};

/// Options of rank_next_questions().
struct question_options {
  std::size_t count = 5;     ///< at most this many questions (0: none)
  double threshold = 0.01;   ///< drop a question unless some answer moves P(pitch) by more than this
};

/// Whether the case format lets an analyst record `indicator` before the final stage:
/// false for authority_flag (indicators.md G1, PROTOCOL.md rule 6: only the final
/// `exposure` or `investigation` stage carries it, `flagged` only in `exposure`), which is
/// therefore never a question; true for every other name.
[[nodiscard]] bool askable_before_exposure(std::string_view indicator) noexcept;

/// The candidates of `net`: the indicators of the vocabulary that it has and that are
/// askable before exposure, by id.
[[nodiscard]] std::vector<variable_id> question_candidates(const network& net);

/// Ranks the candidates not observed in `seen` by expected change of P(pitch), largest first
/// (to 1e-9; ties by name), keeping those with largest_change > options.threshold, at most
/// options.count. Candidates that are not askable before exposure are skipped.
/// Throws: evidence_error (bad or impossible evidence), lookup_error (bad hypothesis or id).
/// Complexity: one posteriors() query, then one posterior query per state of each candidate.
template <exact_engine E>
[[nodiscard]] std::vector<next_question> rank_next_questions(const E& engine, const hypothesis& pitch,
                                                             std::span<const variable_id> candidates,
                                                             const evidence& seen, const question_options& options = {});

// ---------------------------------------------------------------------------------------

inline bool askable_before_exposure(std::string_view indicator) noexcept {
  const approach::indicator* ind = find_indicator(indicator);
  return !(ind && ind->group == indicator_group::authorities);
}

inline std::vector<variable_id> question_candidates(const network& net) {
  std::vector<variable_id> out;
  for (const indicator& ind : indicators())
    if (askable_before_exposure(ind.name))
      if (const auto v = net.find(ind.name)) out.push_back(*v);
  return out;
}

namespace detail {

/// Entropy of a yes/no variable with P(yes) = p, in bits.
inline double binary_entropy(double p) noexcept {
  double h = 0;
  if (p > 0) h -= p * std::log2(p);
  if (p < 1) h -= (1 - p) * std::log2(1 - p);
  return h;
}

/// A question being scored: its answers added one by one, then kept or dropped. Shared by
/// rank_next_questions() and the compiled model's ranking, so both rank alike. Reusable:
/// start() begins the next question; names are copied only into a question kept, so a
/// dropped one allocates nothing once the answers' buffer has grown.
class question_tally {
 public:
  /// Begins a question about `var` (held by reference until the question is kept or
  /// dropped) when P(pitch | e) is `p_now`.
  void start(const variable& var, double p_now) noexcept {
    m_var = &var;
    m_p_now = p_now;
    m_expected_change = m_largest_change = m_expected_entropy = 0;
    m_answers.clear();
  }
  /// Adds the answer `state` (an index of the variable's states), of probability `p` =
  /// P(state | e) > 0, after which P(pitch) is `p_pitch`.
  void add(Eigen::Index state, double p, double p_pitch) {
    const double moved = std::abs(p_pitch - m_p_now);
    m_expected_change += p * moved;
    m_largest_change = std::max(m_largest_change, moved);
    m_expected_entropy += p * binary_entropy(p_pitch);
    m_answers.push_back({state, p, p_pitch});
  }
  /// Appends the question to `out` if some answer moves P(pitch) by more than the threshold.
  void keep_if_worth_asking(std::vector<next_question>& out, const question_options& options) {
    if (!(m_largest_change > options.threshold)) return;
    next_question q;
    q.indicator = m_var->name;
    q.expected_change = m_expected_change;
    q.largest_change = m_largest_change;
    q.information_gain = std::max(0.0, binary_entropy(m_p_now) - m_expected_entropy);
    q.answers.reserve(m_answers.size());
    for (const pending& a : m_answers)
      q.answers.push_back({m_var->states[static_cast<std::size_t>(a.state)], a.probability, a.p_pitch});
    out.push_back(std::move(q));
  }

 private:
  struct pending {
    Eigen::Index state;
    double probability, p_pitch;
  };
  const variable* m_var = nullptr;
  double m_p_now = 0, m_expected_change = 0, m_largest_change = 0, m_expected_entropy = 0;
  std::vector<pending> m_answers;
};

/// Sorts by expected change of P(pitch), largest first (to 1e-9: ties by name), and keeps at most
/// options.count.
inline void order_questions(std::vector<next_question>& out, const question_options& options) {
  std::sort(out.begin(), out.end(), [](const next_question& a, const next_question& b) {
    const long long x = pitchrisk::detail::ranking_key(a.expected_change),
                    y = pitchrisk::detail::ranking_key(b.expected_change);
    if (x != y) return x > y;
    return a.indicator < b.indicator;
  });
  if (out.size() > options.count) out.resize(options.count);
}

}  // namespace detail

template <exact_engine E>
std::vector<next_question> rank_next_questions(const E& engine, const hypothesis& pitch,
                                               std::span<const variable_id> candidates, const evidence& seen,
                                               const question_options& options) {
  std::vector<next_question> out;
  if (options.count == 0) return out;
  const network& net = engine.network();
  const resolved_evidence known = resolve(net, seen);  // evidence_error on bad names, first
  std::vector<distribution> now;
  for (const auto& d : engine.posteriors(seen)) now.push_back(pitchrisk::detail::to_double(d));
  const double p_now = probability(now[static_cast<std::size_t>(pitch.variable)], pitch);
  detail::question_tally q;
  for (const variable_id v : candidates) {
    if (v == pitch.variable || known.is_observed(v)) continue;
    const variable& var = net.variable(v);
    if (!askable_before_exposure(var.name)) continue;
    const distribution& marginal = now[static_cast<std::size_t>(v)];
    q.start(var, p_now);
    for (Eigen::Index s = 0; s < marginal.size(); ++s) {
      const double p = marginal[s];
      if (!(p > 0)) continue;
      evidence with = seen;
      with.observe(v, s);
      q.add(s, p, probability(pitchrisk::detail::to_double(engine.posterior(pitch.variable, with)), pitch));
    }
    q.keep_if_worth_asking(out, options);
  }
  detail::order_questions(out, options);
  return out;
}

}  // namespace pitchrisk::approach
