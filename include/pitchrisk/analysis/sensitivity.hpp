// SPDX-License-Identifier: MIT
// One-way sensitivity analysis: how does P(H | e) depend on one CPT entry
// theta = P(X = x | parents = u), the other entries of that column varied proportionally?
// It is always a ratio of two linear functions, P(H | e)(theta) = (a theta + b) / (c theta + d)
// (Castillo, Gutierrez and Hadi 1997; Coupe and van der Gaag 2002), found exactly from the
// network at the elicited value and at one other value, each scored with an exact engine.
#pragma once

#include "pitchrisk/analysis/explanation.hpp"
#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/core/distribution.hpp"
#include "pitchrisk/detail/ranking_key.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/engine.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"

#include <algorithm>
#include <cmath>
#include <concepts>
#include <string>
#include <vector>

namespace pitchrisk {

/// P(H | e) as a function of one CPT entry theta.
struct sensitivity_function {
  variable_id variable = 0;   ///< the CPT's variable X
  Eigen::Index column = 0;    ///< parent configuration u (builder layout, first parent fastest)
  Eigen::Index state = 0;     ///< state x
  std::string parameter;      ///< "P(tub=yes | asia=yes)"
  double theta = 0;           ///< the elicited value
  /// @name Coefficients: P(H | e)(t) = (a t + b) / (c t + d), scaled so that c theta + d = 1
  /// (numerator and denominator are P(H, e)(t) and P(e)(t), both divided by P(e) at theta).
  ///@{
  double a = 0;               ///< slope of the numerator in t
  double b = 0;               ///< numerator at t = 0
  double c = 0;               ///< slope of the denominator in t
  double d = 1;               ///< denominator at t = 0
  ///@}
  double derivative = 0;      ///< dP(H | e) / dtheta at the elicited value

  /// P(H | e) with the entry set to t (others in the column scaled to keep the sum 1).
  [[nodiscard]] double value(double t) const noexcept { return (a * t + b) / (c * t + d); }
};

/// The sensitivity function of P(h | seen) to entry (state, column) of `v`'s CPT.
/// Throws: lookup_error (ids out of range), model_error (the entry is 1, so the column
/// cannot be varied proportionally), evidence_error (bad or impossible evidence).
/// Complexity: two engine builds and four queries.
template <class Engine = variable_elimination>
  requires exact_engine<Engine> && std::constructible_from<Engine, const network&>
[[nodiscard]] sensitivity_function sensitivity(const network& net, const hypothesis& h, const evidence& seen,
                                               variable_id v, Eigen::Index column, Eigen::Index state);

/// Sensitivity functions of every entry in (0, 1) of the CPTs of `variables` (all variables
/// if empty), by |derivative| decreasing; at most `keep` of them (0: all).
/// Throws: as sensitivity().

template <class Engine = variable_elimination>
  requires exact_engine<Engine> && std::constructible_from<Engine, const network&>
[[nodiscard]] std::vector<sensitivity_function> rank_sensitivities(const network& net, const hypothesis& h,
                                                                   const evidence& seen,
                                                                   std::vector<variable_id> variables = {},
                                                                   std::size_t keep = 0);

// ---------------------------------------------------------------------------------------

namespace detail {

/// The network with entry (state, column) of v's CPT set to t, the column's other entries
/// scaled by (1 - t) / (1 - theta).
inline network with_entry(const network& net, variable_id v, Eigen::Index column, Eigen::Index state, double t) {
  network_builder b(net);
  Eigen::ArrayXd cols = net.cpt_columns(v);
  const Eigen::Index k = net.cardinality(v);
  auto col = cols.segment(column * k, k);
  const double theta = col[state];
  for (Eigen::Index s = 0; s < k; ++s) col[s] = s == state ? t : col[s] * (1 - t) / (1 - theta);
  b.set_cpt(v, cols);
  return b.build();
}

}  // namespace detail

template <class Engine>
  requires exact_engine<Engine> && std::constructible_from<Engine, const network&>
sensitivity_function sensitivity(const network& net, const hypothesis& h, const evidence& seen, variable_id v,
                                 Eigen::Index column, Eigen::Index state) {
  const variable& x = net.variable(v);  // lookup_error
  const Eigen::Array<double, Eigen::Dynamic, 1> cols = net.cpt_columns(v);
  const Eigen::Index k = x.cardinality();
  if (column < 0 || column >= cols.size() / k || state < 0 || state >= k)
    throw lookup_error("sensitivity: entry (state " + std::to_string(state) + ", column " + std::to_string(column) +
                       ") out of range for cpt '" + x.name + "'");
  std::vector<const variable*> parents;
  for (const variable_id p : net.parents(v)) parents.push_back(&net.variable(p));
  sensitivity_function f;
  f.variable = v;
  f.column = column;
  f.state = state;
  f.parameter = "P(" + x.name + "=" + x.states[static_cast<std::size_t>(state)] +
                (parents.empty() ? std::string() : " | " + detail::describe_column(parents, column)) + ")";
  f.theta = cols[column * k + state];
  if (f.theta >= 1)
    throw model_error("sensitivity: " + f.parameter + " is 1; the other entries of its column are 0 and cannot be "
                      "varied proportionally");
  const double other = f.theta > 0 ? f.theta / 2 : 0.5;

  const Engine at(net);
  const Engine moved(detail::with_entry(net, v, column, state, other));
  const double p0 = probability(detail::to_double(at.posterior(h.variable, seen)), h);
  const double lpe0 = at.log_evidence_probability(seen);
  // P(e) may vanish at the other value only if theta > 0 carries all of it; then P(h, e) too.
  double g1 = 0, p1 = 0;
  const double lpe1 = [&] {
    try {
      return moved.log_evidence_probability(seen);
    } catch (const evidence_error&) {
      return -std::numeric_limits<double>::infinity();
    }
  }();
  if (std::isfinite(lpe1)) {
    g1 = std::exp(lpe1 - lpe0);
    p1 = probability(detail::to_double(moved.posterior(h.variable, seen)), h);
  }
  // Relative to P(e) at theta: g(t) = P(e)(t) / P(e)(theta), f(t) = P(h, e)(t) / P(e)(theta).
  const double dt = other - f.theta;
  f.a = (p1 * g1 - p0) / dt;
  f.b = p0 - f.a * f.theta;
  f.c = (g1 - 1) / dt;
  f.d = 1 - f.c * f.theta;
  f.derivative = f.a * f.d - f.b * f.c;  // (a d - b c) / (c theta + d)^2 with c theta + d = 1
  return f;
}

template <class Engine>
  requires exact_engine<Engine> && std::constructible_from<Engine, const network&>
std::vector<sensitivity_function> rank_sensitivities(const network& net, const hypothesis& h, const evidence& seen,
                                                     std::vector<variable_id> variables, std::size_t keep) {
  (void)resolve(net, seen);
  if (variables.empty())
    for (const variable_id v : net.variables()) variables.push_back(v);
  std::vector<sensitivity_function> out;
  for (const variable_id v : variables) {
    const Eigen::ArrayXd cols = net.cpt_columns(v);
    const Eigen::Index k = net.cardinality(v);
    for (Eigen::Index i = 0; i < cols.size(); ++i)
      if (cols[i] > 0 && cols[i] < 1) out.push_back(sensitivity<Engine>(net, h, seen, v, i / k, i % k));
  }
  std::stable_sort(out.begin(), out.end(), [](const sensitivity_function& x, const sensitivity_function& y) {
    // On rounded magnitudes (detail::ranking_key): derivatives equal in exact arithmetic tie
    // and keep the order of the variables and entries, whichever engine computed them.
    return detail::ranking_key(std::abs(x.derivative)) > detail::ranking_key(std::abs(y.derivative));
  });
  if (keep > 0 && out.size() > keep) out.resize(keep);
  return out;
}

}  // namespace pitchrisk
