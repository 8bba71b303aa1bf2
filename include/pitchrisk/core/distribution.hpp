// SPDX-License-Identifier: MIT
// A posterior distribution of one variable: the probabilities of its states, with the
// variable's name and state names so that results can be read by name and printed
// without the network at hand.
#pragma once

#include "pitchrisk/core/variable.hpp"
#include "pitchrisk/error.hpp"

#include <Eigen/Core>

#include <string>
#include <string_view>
#include <utility>

namespace pitchrisk {

/// The probabilities of one variable's states (a posterior or a marginal), carrying a copy
/// of the variable so it can be read by state name and printed on its own. Engines return
/// normalised distributions; the class itself does not check that the entries sum to 1.
template <class Real>
class basic_distribution {
 public:
  /// One probability per state, in the variable's state order.
  using array_type = Eigen::Array<Real, Eigen::Dynamic, 1>;

  /// An empty distribution (no variable, no states), e.g. to be assigned later.
  basic_distribution() = default;
  /// The distribution `p` over the states of `var`. Requires: p.size() == var.cardinality().
  basic_distribution(const pitchrisk::variable& var, array_type p) : m_variable(var), m_p(std::move(p)) {}

  /// Name of the variable the distribution is about.
  [[nodiscard]] const std::string& name() const noexcept { return m_variable.name; }
  /// The variable (name and state names) the distribution is about.
  [[nodiscard]] const pitchrisk::variable& variable() const noexcept { return m_variable; }
  /// All the probabilities, indexed by state.
  [[nodiscard]] const array_type& probabilities() const noexcept { return m_p; }
  /// Number of states.
  [[nodiscard]] Eigen::Index size() const noexcept { return m_p.size(); }
  /// Probability of state index `state`. Requires: 0 <= state < size() (not checked).
  [[nodiscard]] Real operator[](Eigen::Index state) const { return m_p[state]; }
  /// Probability of the state called `state`. Throws: lookup_error if there is none.
  [[nodiscard]] Real operator[](std::string_view state) const {
    if (const auto s = m_variable.find_state(state)) return m_p[*s];
    throw lookup_error("variable '" + m_variable.name + "' has no state '" + std::string(state) + "'");
  }
  /// Index of the most probable state (the first one on ties).
  [[nodiscard]] Eigen::Index most_likely() const noexcept {
    Eigen::Index best = 0;
    for (Eigen::Index i = 1; i < m_p.size(); ++i)
      if (m_p[i] > m_p[best]) best = i;
    return best;
  }

 private:
  pitchrisk::variable m_variable;
  array_type m_p;
};

/// The distribution of the double-precision engines.
using distribution = basic_distribution<double>;


/// The most probable joint assignment of the unobserved variables, given evidence.
struct mpe_result {
  std::vector<Eigen::Index> states;  ///< per variable id (evidence variables: their state)
  double log_probability = 0;        ///< log P(assignment, evidence) (soft evidence weighted)
};

namespace detail {

/// The same distribution with double probabilities (a copy for double itself): analyses
/// over engines of any real type return one result type, figures for people and reports.
template <class Real>
[[nodiscard]] basic_distribution<double> to_double(const basic_distribution<Real>& d) {
  return basic_distribution<double>(d.variable(), d.probabilities().template cast<double>());
}

}  // namespace detail

}  // namespace pitchrisk
