// SPDX-License-Identifier: MIT
// Canonical local models: noisy-OR (leaky or not), noisy-MAX for graded child states and
// noisy-AND, each built from one parameter per cause (and state) into an ordinary CPT in
// the builder's column layout, so that every engine and writer sees plain tables. A child
// with n causes then needs O(n) numbers instead of a table exponential in n.
#pragma once

#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/core/variable.hpp"
#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/error.hpp"

#include <Eigen/Core>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace pitchrisk {

/// Per cause (parent), per parent state: one number. `links[i][s]` belongs to state s of
/// the i-th parent (declared order).
using cause_parameters = std::vector<std::vector<double>>;

/// Noisy-OR over a binary child with states (off, on), leaky when `leak` > 0:
///   P(off | x) = (1 - leak) * prod_i (1 - links[i][x_i]),   P(on | x) = 1 - P(off | x),
/// where links[i][s] is the probability that parent i in state s alone turns the child on
/// (usually 0 for the parent's "absent" state) and `leak` the probability that the child is
/// on although no modelled cause is active. Both entries are computed from
/// log q = log1p(-leak) + sum log1p(-link) as exp(log q) and -expm1(log q), so neither is
/// formed as a difference near 1. Returns the CPT columns: child fastest, then the first
/// parent, then the second (first parent fastest). Throws: model_error on a parameter
/// outside [0, 1], NaN, an empty parent, or a table over max_entries.
[[nodiscard]] Eigen::ArrayXd noisy_or(const cause_parameters& links, double leak = 0.0,
                                      Eigen::Index max_entries = default_max_table_entries);

/// Links for binary parents whose state 0 is "absent": {{0, p_0}, {0, p_1}, ...}.
[[nodiscard]] cause_parameters binary_links(const std::vector<double>& p);

/// Noisy-AND over a binary child (off, on), the De Morgan dual of noisy-OR: the child is on
/// only if no cause inhibits it and no background inhibitor does:
///   P(on | x) = (1 - leak) * prod_i (1 - inhibit[i][x_i]),   P(off | x) = 1 - P(on | x),
/// where inhibit[i][s] is the probability that parent i in state s alone keeps the child
/// off (near 1 for a missing necessary cause, 0 for a present one) and `leak` the
/// probability that the child is off although every cause is present. Same numerics,
/// layout and errors as noisy_or.
[[nodiscard]] Eigen::ArrayXd noisy_and(const cause_parameters& inhibit, double leak = 0.0,
                                       Eigen::Index max_entries = default_max_table_entries);

/// Noisy-MAX (Diez's graded model) over a child with ordered states 0 < 1 < ... < m-1:
/// each parent i in state s alone would put the child in state y with probability
/// effects[i][s][y]; the leak distribution leak[y] is the child's state when no cause acts;
/// the child takes the largest of these independent effects:
///   P(Y <= y | x) = L(y) * prod_i C_i(y | x_i)   with L, C_i the cumulative distributions.
/// The point probabilities are not formed as differences of cumulative products (which
/// cancel near 1) but by the telescoping sum of non-negative terms
///   P(Y = y | x) = sum_k [prod_{j<k} C_j(y-1)] * c_k(y) * [prod_{j>k} C_j(y)]
/// over all factors k (the causes and the leak). An effect of the "absent" state of a
/// parent is normally {1, 0, ..., 0}; no leak is {1, 0, ..., 0}. Throws: model_error on
/// distributions of the wrong size, with entries outside [0, 1] or NaN, or sums off 1 by
/// more than 1e-9; a table over max_entries.
[[nodiscard]] Eigen::ArrayXd noisy_max(const std::vector<std::vector<std::vector<double>>>& effects,
                                       const std::vector<double>& leak,
                                       Eigen::Index max_entries = default_max_table_entries);

/// Sets `parents` and a noisy-OR CPT on `child` (must have 2 states; the link vectors must
/// match the parents' cardinalities). Throws: model_error naming child and parent.
template <class Real>
void set_noisy_or(basic_network_builder<Real>& builder, variable_id child, const std::vector<variable_id>& parents,
                  const cause_parameters& links, double leak = 0.0);
/// Sets `parents` and a noisy-AND CPT on `child` (2 states). Throws: as set_noisy_or.
template <class Real>
void set_noisy_and(basic_network_builder<Real>& builder, variable_id child, const std::vector<variable_id>& parents,
                   const cause_parameters& inhibit, double leak = 0.0);
/// Sets `parents` and a noisy-MAX CPT on `child`. Throws: model_error on sizes that do not
/// match the child's or the parents' cardinalities, and as noisy_max.
template <class Real>
void set_noisy_max(basic_network_builder<Real>& builder, variable_id child, const std::vector<variable_id>& parents,
                   const std::vector<std::vector<std::vector<double>>>& effects, const std::vector<double>& leak);

// ---------------------------------------------------------------------------------------

namespace detail {

inline std::string number_text(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", x);
  return buf;
}

inline void check_probability(double p, const std::string& what) {
  if (!(p >= 0.0 && p <= 1.0)) throw model_error(what + " is " + number_text(p) + ", expected a probability in [0, 1]");
}

/// Cardinalities of the parents implied by per-state parameters; checks each is non-empty.
inline std::vector<Eigen::Index> cause_cardinalities(const cause_parameters& params, const char* model) {
  std::vector<Eigen::Index> cards;
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (params[i].empty()) throw model_error(std::string(model) + ": parent " + std::to_string(i) + " has no states");
    cards.push_back(static_cast<Eigen::Index>(params[i].size()));
  }
  return cards;
}

/// Columns of a binary child: entry (col, 0) = exp(log q), (col, 1) = -expm1(log q), where
/// log q = log1p(-leak) + sum_i log1p(-params[i][x_i]); `swap` exchanges the two rows.
inline Eigen::ArrayXd binary_product_model(const cause_parameters& params, double leak, bool swap, const char* model,
                                           Eigen::Index max_entries) {
  check_probability(leak, std::string(model) + ": leak");
  const std::vector<Eigen::Index> cards = cause_cardinalities(params, model);
  for (std::size_t i = 0; i < params.size(); ++i)
    for (std::size_t s = 0; s < params[i].size(); ++s)
      check_probability(params[i][s], std::string(model) + ": parameter of parent " + std::to_string(i) + ", state " +
                                          std::to_string(s));
  std::vector<Eigen::Index> all{2};
  all.insert(all.end(), cards.begin(), cards.end());
  const Eigen::Index entries = checked_table_size(all, max_entries, std::string(model) + " table");
  Eigen::ArrayXd out(entries);
  std::vector<Eigen::Index> x(cards.size(), 0);
  for (Eigen::Index col = 0; col < entries / 2; ++col) {
    double log_q = std::log1p(-leak);
    for (std::size_t i = 0; i < cards.size(); ++i) log_q += std::log1p(-params[i][static_cast<std::size_t>(x[i])]);
    const double q = std::exp(log_q);     // -inf -> 0 exactly
    const double r = -std::expm1(log_q);  // accurate when q is near 1
    out[2 * col + (swap ? 1 : 0)] = q;
    out[2 * col + (swap ? 0 : 1)] = r;
    for (std::size_t i = 0; i < cards.size(); ++i) {  // odometer, first parent fastest
      if (++x[i] < cards[i]) break;
      x[i] = 0;
    }
  }
  return out;
}

inline void check_distribution(const std::vector<double>& d, std::size_t size, const std::string& what) {
  if (d.size() != size)
    throw model_error(what + " has " + std::to_string(d.size()) + " entries, expected " + std::to_string(size) +
                      " (one per child state)");
  double sum = 0;
  for (std::size_t y = 0; y < d.size(); ++y) {
    check_probability(d[y], what + ", entry " + std::to_string(y));
    sum += d[y];
  }
  if (std::abs(sum - 1.0) > 1e-9) throw model_error(what + " sums to " + number_text(sum) + ", expected 1");
}

template <class Real>
void check_cause_sizes(const basic_network_builder<Real>& builder, variable_id child,
                       const std::vector<variable_id>& parents, const std::vector<std::size_t>& sizes,
                       const char* model) {
  const std::string& name = builder.variable(child).name;
  if (sizes.size() != parents.size())
    throw model_error(std::string(model) + " '" + name + "': " + std::to_string(sizes.size()) +
                      " cause parameter sets for " + std::to_string(parents.size()) + " parents");
  for (std::size_t i = 0; i < parents.size(); ++i) {
    const auto& p = builder.variable(parents[i]);
    if (static_cast<Eigen::Index>(sizes[i]) != p.cardinality())
      throw model_error(std::string(model) + " '" + name + "': parent '" + p.name + "' has " +
                        std::to_string(p.cardinality()) + " states, got " + std::to_string(sizes[i]) + " parameters");
  }
}

template <class Real>
std::vector<std::size_t> sizes_of(const std::vector<std::vector<Real>>& params) {
  std::vector<std::size_t> s;
  for (const auto& v : params) s.push_back(v.size());
  return s;
}

}  // namespace detail

inline Eigen::ArrayXd noisy_or(const cause_parameters& links, double leak, Eigen::Index max_entries) {
  return detail::binary_product_model(links, leak, false, "noisy-OR", max_entries);
}

inline Eigen::ArrayXd noisy_and(const cause_parameters& inhibit, double leak, Eigen::Index max_entries) {
  return detail::binary_product_model(inhibit, leak, true, "noisy-AND", max_entries);
}

inline cause_parameters binary_links(const std::vector<double>& p) {
  cause_parameters out;
  for (const double x : p) out.push_back({0.0, x});
  return out;
}

inline Eigen::ArrayXd noisy_max(const std::vector<std::vector<std::vector<double>>>& effects,
                                const std::vector<double>& leak, Eigen::Index max_entries) {
  const std::size_t m = leak.size();
  if (m < 2) throw model_error("noisy-MAX: the child needs at least 2 states, the leak has " + std::to_string(m));
  detail::check_distribution(leak, m, "noisy-MAX: leak distribution");
  std::vector<Eigen::Index> all{static_cast<Eigen::Index>(m)};
  // cumulative[i][s][y] = P(effect of parent i in state s <= y); the last entry is exactly 1.
  std::vector<std::vector<std::vector<double>>> cumulative(effects.size());
  for (std::size_t i = 0; i < effects.size(); ++i) {
    if (effects[i].empty()) throw model_error("noisy-MAX: parent " + std::to_string(i) + " has no states");
    all.push_back(static_cast<Eigen::Index>(effects[i].size()));
    for (std::size_t s = 0; s < effects[i].size(); ++s) {
      detail::check_distribution(effects[i][s], m,
                                 "noisy-MAX: effect of parent " + std::to_string(i) + ", state " + std::to_string(s));
      std::vector<double> c(m);
      double acc = 0;
      for (std::size_t y = 0; y < m; ++y) c[y] = (acc += effects[i][s][y]);
      c[m - 1] = 1.0;
      cumulative[i].push_back(std::move(c));
    }
  }
  std::vector<double> leak_cumulative(m);
  {
    double acc = 0;
    for (std::size_t y = 0; y < m; ++y) leak_cumulative[y] = (acc += leak[y]);
    leak_cumulative[m - 1] = 1.0;
  }
  const Eigen::Index entries = detail::checked_table_size(all, max_entries, "noisy-MAX table");
  const auto mi = static_cast<Eigen::Index>(m);
  Eigen::ArrayXd out(entries);
  const std::size_t n = effects.size();
  std::vector<std::size_t> x(n, 0);
  // Factor k of a column: k < n is parent k in state x[k]; k == n is the leak.
  std::vector<const std::vector<double>*> point(n + 1), cum(n + 1);
  std::vector<double> suffix(n + 2);
  for (Eigen::Index col = 0; col < entries / mi; ++col) {
    for (std::size_t k = 0; k < n; ++k) {
      point[k] = &effects[k][x[k]];
      cum[k] = &cumulative[k][x[k]];
    }
    point[n] = &leak;
    cum[n] = &leak_cumulative;
    for (std::size_t y = 0; y < m; ++y) {
      // suffix[k] = prod_{j >= k} C_j(y)
      suffix[n + 1] = 1.0;
      for (std::size_t k = n + 1; k-- > 0;) suffix[k] = suffix[k + 1] * (*cum[k])[y];
      double p;
      if (y == 0) {
        p = suffix[0];
      } else {
        p = 0;
        double prefix = 1.0;  // prod_{j < k} C_j(y - 1)
        for (std::size_t k = 0; k <= n; ++k) {
          p += prefix * (*point[k])[y] * suffix[k + 1];
          prefix *= (*cum[k])[y - 1];
        }
      }
      out[col * mi + static_cast<Eigen::Index>(y)] = p;
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (++x[i] < effects[i].size()) break;
      x[i] = 0;
    }
  }
  return out;
}

template <class Real>
void set_noisy_or(basic_network_builder<Real>& builder, variable_id child, const std::vector<variable_id>& parents,
                  const cause_parameters& links, double leak) {
  if (builder.variable(child).cardinality() != 2)
    throw model_error("noisy-OR '" + builder.variable(child).name + "': the child needs 2 states (off, on), has " +
                      std::to_string(builder.variable(child).cardinality()));
  detail::check_cause_sizes(builder, child, parents, detail::sizes_of(links), "noisy-OR");
  const Eigen::ArrayXd columns = noisy_or(links, leak);
  builder.set_parents(child, parents);
  builder.set_cpt(child, columns.cast<Real>());
}

template <class Real>
void set_noisy_and(basic_network_builder<Real>& builder, variable_id child, const std::vector<variable_id>& parents,
                   const cause_parameters& inhibit, double leak) {
  if (builder.variable(child).cardinality() != 2)
    throw model_error("noisy-AND '" + builder.variable(child).name + "': the child needs 2 states (off, on), has " +
                      std::to_string(builder.variable(child).cardinality()));
  detail::check_cause_sizes(builder, child, parents, detail::sizes_of(inhibit), "noisy-AND");
  const Eigen::ArrayXd columns = noisy_and(inhibit, leak);
  builder.set_parents(child, parents);
  builder.set_cpt(child, columns.cast<Real>());
}

template <class Real>
void set_noisy_max(basic_network_builder<Real>& builder, variable_id child, const std::vector<variable_id>& parents,
                   const std::vector<std::vector<std::vector<double>>>& effects, const std::vector<double>& leak) {
  const auto& c = builder.variable(child);
  if (static_cast<Eigen::Index>(leak.size()) != c.cardinality())
    throw model_error("noisy-MAX '" + c.name + "': the leak has " + std::to_string(leak.size()) +
                      " entries, the child has " + std::to_string(c.cardinality()) + " states");
  std::vector<std::size_t> sizes;
  for (const auto& e : effects) sizes.push_back(e.size());
  detail::check_cause_sizes(builder, child, parents, sizes, "noisy-MAX");
  const Eigen::ArrayXd columns = noisy_max(effects, leak);
  builder.set_parents(child, parents);
  builder.set_cpt(child, columns.cast<Real>());
}

}  // namespace pitchrisk
