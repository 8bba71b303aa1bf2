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

template <class Real>
class basic_distribution {
 public:
  using array_type = Eigen::Array<Real, Eigen::Dynamic, 1>;

  basic_distribution() = default;
  basic_distribution(const pitchrisk::variable& var, array_type p) : m_variable(var), m_p(std::move(p)) {}

  [[nodiscard]] const std::string& name() const noexcept { return m_variable.name; }
  [[nodiscard]] const pitchrisk::variable& variable() const noexcept { return m_variable; }
  [[nodiscard]] const array_type& probabilities() const noexcept { return m_p; }
  [[nodiscard]] Eigen::Index size() const noexcept { return m_p.size(); }
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
