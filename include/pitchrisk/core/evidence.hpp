// SPDX-License-Identifier: MIT
// Evidence: what has been seen. Hard findings (a variable is in a state) and soft,
// likelihood findings (a non-negative weight per state), given by name or by id. An
// evidence set is a plain value independent of any network; engines resolve it against
// their network with resolve(), which is where unknown names and bad likelihoods are caught.
#pragma once

#include "pitchrisk/core/network.hpp"
#include "pitchrisk/error.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pitchrisk {

/// One finding. A variable is named (`variable`) or given by id (`id >= 0`); the value is
/// a state name, a state index, or a likelihood vector (non-empty `likelihood`).
struct finding {
  std::string variable;            ///< variable name (used when `id < 0`)
  variable_id id = -1;             ///< variable id, or -1 to resolve `variable` by name
  std::string state;               ///< state name (used when `state_index < 0`)
  Eigen::Index state_index = -1;   ///< state index, or -1 to resolve `state` by name
  std::vector<double> likelihood;  ///< soft finding: one weight per state; empty for a hard finding

  /// Whether this is a likelihood (soft) finding rather than a state.
  [[nodiscard]] bool is_soft() const noexcept { return !likelihood.empty(); }
  /// Whether both findings name the same variable the same way (both by id, or both by
  /// name); a name and an id are only matched when the evidence is resolved.
  [[nodiscard]] bool same_variable(const finding& o) const noexcept {
    return id >= 0 ? o.id == id : (o.id < 0 && o.variable == variable);
  }
};

/// What has been seen: a set of findings, at most one per variable, each hard (a state) or
/// soft (a likelihood vector), by name or by id. A plain value, not tied to a network:
/// names and values are checked when an engine resolves it (see resolve()).
class evidence {
 public:
  /// No findings.
  evidence() = default;
  /// Hard findings by name: `evidence{{"xray", "yes"}, {"smoke", "no"}}`.
  evidence(std::initializer_list<std::pair<std::string_view, std::string_view>> hard) {
    for (const auto& [v, s] : hard) observe(v, s);
  }

  /// `var` is in state `state` (replaces an earlier finding on `var`).
  evidence& observe(std::string_view var, std::string_view state) {
    return put({std::string(var), -1, std::string(state), -1, {}});
  }
  /// Variable id `v` is in state index `state` (replaces an earlier finding on `v`).
  evidence& observe(variable_id v, Eigen::Index state) { return put({{}, v, {}, state, {}}); }
  /// Soft evidence: P(observation | var = s) proportional to lambda[s].
  evidence& likelihood(std::string_view var, std::vector<double> lambda) {
    return put({std::string(var), -1, {}, -1, std::move(lambda)});
  }
  /// Soft evidence on variable id `v`: P(observation | v = s) proportional to lambda[s].
  evidence& likelihood(variable_id v, std::vector<double> lambda) { return put({{}, v, {}, -1, std::move(lambda)}); }
  /// Removes the finding on `var`, if any.
  evidence& retract(std::string_view var) { return erase({std::string(var), -1, {}, -1, {}}); }
  /// Removes the finding on variable id `v`, if any.
  evidence& retract(variable_id v) { return erase({{}, v, {}, -1, {}}); }
  /// Removes every finding.
  void clear() noexcept { m_findings.clear(); }

  /// Whether there is no finding.
  [[nodiscard]] bool empty() const noexcept { return m_findings.empty(); }
  /// Number of findings.
  [[nodiscard]] std::size_t size() const noexcept { return m_findings.size(); }
  /// The findings in the order they were first given.
  [[nodiscard]] std::span<const finding> findings() const noexcept { return m_findings; }

 private:
  evidence& put(finding f) {
    for (auto& g : m_findings)
      if (g.same_variable(f)) {
        g = std::move(f);
        return *this;
      }
    m_findings.push_back(std::move(f));
    return *this;
  }
  evidence& erase(const finding& f) {
    std::erase_if(m_findings, [&](const finding& g) { return g.same_variable(f); });
    return *this;
  }
  std::vector<finding> m_findings;
};

/// Evidence resolved against one network: dense, by variable id.
struct resolved_evidence {
  std::vector<Eigen::Index> hard;        ///< per variable: observed state, or -1
  std::vector<Eigen::ArrayXd> soft;      ///< per variable: likelihood, or empty
  std::vector<variable_id> observed;     ///< variables with a finding, increasing ids

  /// Whether `v` is observed in a state. Requires: 0 <= v < network size.
  [[nodiscard]] bool is_hard(variable_id v) const noexcept { return hard[static_cast<std::size_t>(v)] >= 0; }
  /// Whether `v` has a likelihood finding. Requires: 0 <= v < network size.
  [[nodiscard]] bool is_soft(variable_id v) const noexcept { return soft[static_cast<std::size_t>(v)].size() > 0; }
  /// Whether `v` has any finding. Requires: 0 <= v < network size.
  [[nodiscard]] bool is_observed(variable_id v) const noexcept { return is_hard(v) || is_soft(v); }

};

/// Resolves names and checks values. Throws: evidence_error naming the variable or state
/// (unknown name, state out of range, likelihood of the wrong size, negative, NaN,
/// infinite or all zero, two findings on one variable).
template <class Real>
[[nodiscard]] resolved_evidence resolve(const basic_network<Real>& net, const evidence& seen);
/// resolve() into `out`, reusing its buffers: no allocation once they are sized for `net`
/// (but a likelihood's copy), and the cost of the findings of `seen` and of those `out`
/// held, not of the network's size. Throws: as resolve(); then `out` holds no findings.
template <class Real>
void resolve_into(const basic_network<Real>& net, const evidence& seen, resolved_evidence& out);

// ---------------------------------------------------------------------------------------

template <class Real>
resolved_evidence resolve(const basic_network<Real>& net, const evidence& seen) {
  resolved_evidence r;
  resolve_into(net, seen, r);
  return r;
}

namespace detail {
/// Removes every finding of `r` (sized for a network of n variables): O(findings held). A
/// buffer sized for another network, or whose `observed` lists an id out of range (edited by
/// hand), is reset whole instead.
inline void clear_findings(resolved_evidence& r, std::size_t n) {
  const auto in_range = [n](variable_id v) { return v >= 0 && static_cast<std::size_t>(v) < n; };
  if (r.hard.size() != n || r.soft.size() != n || !std::all_of(r.observed.begin(), r.observed.end(), in_range)) {
    r.hard.assign(n, -1);
    r.soft.assign(n, Eigen::ArrayXd());
  } else {
    for (const variable_id v : r.observed) {
      r.hard[static_cast<std::size_t>(v)] = -1;
      r.soft[static_cast<std::size_t>(v)].resize(0);
    }
  }
  r.observed.clear();
}
}  // namespace detail

template <class Real>
void resolve_into(const basic_network<Real>& net, const evidence& seen, resolved_evidence& r) {
  const auto n = static_cast<std::size_t>(net.size());
  detail::clear_findings(r, n);
  try {
    for (const finding& f : seen.findings()) {
      variable_id v = f.id;
      if (v < 0) {
        const auto found = net.find(f.variable);
        if (!found) throw evidence_error("evidence names unknown variable '" + f.variable + "'");
        v = *found;
      } else if (v >= net.size()) {
        throw evidence_error("evidence names variable id " + std::to_string(v) + ", out of range (network has " +
                             std::to_string(net.size()) + " variables)");
      }
      const variable& var = net.variable(v);
      if (r.is_observed(v)) throw evidence_error("evidence has two findings on variable '" + var.name + "'");
      if (f.is_soft()) {
        if (static_cast<Eigen::Index>(f.likelihood.size()) != var.cardinality())
          throw evidence_error("likelihood for '" + var.name + "' has " + std::to_string(f.likelihood.size()) +
                               " values, expected " + std::to_string(var.cardinality()));
        bool positive = false;
        for (std::size_t s = 0; s < f.likelihood.size(); ++s) {
          const double x = f.likelihood[s];
          if (!std::isfinite(x) || x < 0)
            throw evidence_error("likelihood for '" + var.name + "', state '" + var.states[s] + "' is " +
                                 std::to_string(x) + ", expected a finite non-negative number");
          positive = positive || x > 0;
        }
        if (!positive) throw evidence_error("likelihood for '" + var.name + "' is zero for every state: P(e) = 0");
        r.observed.push_back(v);
        r.soft[static_cast<std::size_t>(v)] = Eigen::Map<const Eigen::ArrayXd>(f.likelihood.data(), var.cardinality());
      } else {
        Eigen::Index s = f.state_index;
        if (s < 0 && f.state.empty())
          throw evidence_error("finding on '" + var.name + "' has neither a state nor a likelihood");
        if (s < 0) {
          const auto found = var.find_state(f.state);
          if (!found) throw evidence_error("variable '" + var.name + "' has no state '" + f.state + "'");
          s = *found;
        } else if (s >= var.cardinality()) {
          throw evidence_error("state index " + std::to_string(s) + " out of range for '" + var.name + "' (" +
                               std::to_string(var.cardinality()) + " states)");
        }
        r.observed.push_back(v);
        r.hard[static_cast<std::size_t>(v)] = s;
      }
    }
  } catch (...) {
    detail::clear_findings(r, n);
    throw;
  }
  std::sort(r.observed.begin(), r.observed.end());
}

}  // namespace pitchrisk
