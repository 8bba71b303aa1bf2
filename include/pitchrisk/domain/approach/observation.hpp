// SPDX-License-Identifier: MIT
// One observation of a case file: `indicator=state`, a plain (hard) finding, or
// `indicator=state~c`, an uncertain one read as likelihood (soft) evidence on the symmetric
// channel: the report names the true state with probability c and each other state with
// probability (1 - c) / (k - 1), so P(report | state) is c for the named state and
// (1 - c) / (k - 1) for each of the k - 1 others (`~1` is the plain finding).
#pragma once

#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/domain/approach/vocabulary.hpp"
#include "pitchrisk/error.hpp"

#include <algorithm>
#include <charconv>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pitchrisk::approach {

/// One `<indicator>=<state>` or `<indicator>=<state>~<confidence>` line.
struct observation {
  std::string indicator;   ///< the indicator's variable name
  std::string state;       ///< the state observed (named even when uncertain)
  std::size_t line = 0;    ///< where it was read (1-based)
  double confidence = 1;   ///< c of `~c`, in (0, 1]; 1 for a plain observation

  /// Whether this is an uncertain (likelihood) observation.
  [[nodiscard]] bool is_soft() const noexcept { return confidence < 1; }
};

/// Same indicator, state and confidence (the line does not count).
[[nodiscard]] bool same_reading(const observation& a, const observation& b) noexcept;
/// "0.7": the shortest text that reads back as the same double.
[[nodiscard]] std::string format_confidence(double confidence);
/// "indicator=state", or "indicator=state~0.7" for an uncertain observation.
[[nodiscard]] std::string to_string(const observation& o);
/// The likelihood vector of `named~confidence` over `states` (in that order): confidence for
/// the named state, (1 - confidence) / (k - 1) for each other one.
/// Throws: evidence_error if `named` is not among `states`, or confidence is not in (0, 1].
[[nodiscard]] std::vector<double> soft_likelihood(std::span<const std::string> states, std::string_view named,
                                                  double confidence);
/// Adds `o` to `seen` by name: a hard finding, or a likelihood in the state order of the
/// vocabulary (indicators.md). Throws: lookup_error for an uncertain observation of an
/// indicator the vocabulary lacks; evidence_error as soft_likelihood.
void add_observation(evidence& seen, const observation& o);
/// Adds `o` to `seen` for `net`: a likelihood is laid out in `net`'s state order (a model
/// file may order states differently from the vocabulary). Throws: evidence_error if an
/// uncertain observation names a variable or state `net` lacks.
void add_observation(evidence& seen, const observation& o, const network& net);

// ---------------------------------------------------------------------------------------

inline bool same_reading(const observation& a, const observation& b) noexcept {
  return a.indicator == b.indicator && a.state == b.state && a.confidence == b.confidence;
}

inline std::string format_confidence(double confidence) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, confidence);
  return std::string(buf, r.ptr);
}

inline std::string to_string(const observation& o) {
  return o.indicator + "=" + o.state + (o.is_soft() ? "~" + format_confidence(o.confidence) : std::string());
}

inline std::vector<double> soft_likelihood(std::span<const std::string> states, std::string_view named,
                                           double confidence) {
  if (!(confidence > 0 && confidence <= 1))
    throw evidence_error("confidence " + format_confidence(confidence) + " for state '" + std::string(named) +
                         "' is not in (0, 1]");
  const auto at = std::find(states.begin(), states.end(), named);
  if (at == states.end()) throw evidence_error("no state '" + std::string(named) + "' for an uncertain observation");
  const std::size_t k = states.size();
  std::vector<double> lambda(k, k > 1 ? (1 - confidence) / static_cast<double>(k - 1) : 0.0);
  lambda[static_cast<std::size_t>(at - states.begin())] = confidence;
  return lambda;
}

inline void add_observation(evidence& seen, const observation& o) {
  if (!o.is_soft()) {
    seen.observe(o.indicator, o.state);
    return;
  }
  const indicator& ind = indicator_named(o.indicator);
  seen.likelihood(o.indicator, soft_likelihood(ind.states, o.state, o.confidence));
}

inline void add_observation(evidence& seen, const observation& o, const network& net) {
  if (!o.is_soft()) {
    seen.observe(o.indicator, o.state);
    return;
  }
  const auto v = net.find(o.indicator);
  if (!v) throw evidence_error("the model has no variable '" + o.indicator + "' (uncertain observation " + to_string(o) + ")");
  const variable& var = net.variable(*v);
  if (!var.find_state(o.state))
    throw evidence_error("variable '" + o.indicator + "' has no state '" + o.state + "' (uncertain observation " +
                         to_string(o) + ")");
  seen.likelihood(o.indicator, soft_likelihood(var.states, o.state, o.confidence));
}

}  // namespace pitchrisk::approach
