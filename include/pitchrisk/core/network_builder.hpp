// SPDX-License-Identifier: MIT
// Builds a network step by step (variables, parents, CPTs), then validates everything at
// once in build(): acyclicity (the error names the cycle), cardinalities, table sizes,
// entries (no negative, NaN or infinite values) and column sums. Build, then freeze.
#pragma once

#include "pitchrisk/core/cpt.hpp"
#include "pitchrisk/core/graph.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/detail/string_hash.hpp"
#include "pitchrisk/error.hpp"

#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace pitchrisk {

namespace detail {
/// "1e-04"-style short text of a tolerance for messages.
inline std::string short_number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}
}  // namespace detail

/// Options of basic_network_builder::build().
struct build_options {
  cpt_policy columns{};                                      ///< column-sum tolerance policy
  Eigen::Index max_table_entries = default_max_table_entries;  ///< largest CPT accepted
};

/// Makes a network step by step: declare variables, set parents, set CPTs (in any order),
/// then build(), which validates everything at once and returns the frozen basic_network.
/// Setters check only what they can see (names, ids); sizes and sums are checked by build().
template <class Real>
class basic_network_builder {
 public:
  /// CPT columns in the builder's layout (child fastest, then the parents in declared order).
  using array_type = Eigen::Array<Real, Eigen::Dynamic, 1>;

  /// An empty builder for a network called `name`.
  explicit basic_network_builder(std::string name = "unknown") : m_name(std::move(name)) {}
  /// Starts from a copy of an existing network (to edit or extend it).
  explicit basic_network_builder(const basic_network<Real>& net);

  /// Declares a variable. Throws: model_error on an empty or duplicate name, no states,
  /// or a duplicate state name.
  variable_id add_variable(std::string name, std::vector<std::string> states);
  /// Sets the parents of `child` in their declared order (replaces earlier ones and
  /// forgets the CPT). Throws: model_error on an unknown id, a self-loop or a duplicate.
  void set_parents(variable_id child, std::vector<variable_id> parents);
  /// Sets the CPT of `child`: one column per parent configuration, child fastest, then the
  /// first parent, then the second... Checked by build().
  void set_cpt(variable_id child, array_type columns);
  /// Both at once, by name: `b.set_cpt("dysp", {"bronc", "either"}, {0.9, 0.1, ...})`.
  void set_cpt(std::string_view child, const std::vector<std::string>& parents, std::vector<Real> columns);
  /// Replaces the whole CPT by a factor over {child} and its parents (any layout is fine).
  /// Throws: model_error on an unknown id or a scope other than the child and its parents.

  void set_cpt_factor(variable_id child, const basic_factor<Real>& table);

  /// Number of variables declared so far.
  [[nodiscard]] Eigen::Index size() const noexcept { return static_cast<Eigen::Index>(m_variables.size()); }
  /// Id of the declared variable called `name`. Throws: model_error if there is none.
  [[nodiscard]] variable_id id(std::string_view name) const;
  /// Name and states of `v`. Throws: model_error if `v` is out of range.
  [[nodiscard]] const pitchrisk::variable& variable(variable_id v) const { return m_variables.at(check(v)); }
  /// Parents of `v` as set so far, declared order. Throws: model_error if `v` is out of range.
  [[nodiscard]] const std::vector<variable_id>& parents(variable_id v) const { return m_parents.at(check(v)); }
  /// Renames the network being built.
  void set_name(std::string name) { m_name = std::move(name); }

  /// Validates everything and returns the frozen network; the builder is left unchanged.
  /// Throws: model_error (cycle, missing or mis-sized CPT, bad entry, column sum),
  /// size_error (a CPT over max_table_entries).
  [[nodiscard]] basic_network<Real> build(const build_options& options = {}) const;

 private:
  std::size_t check(variable_id v) const {
    if (v < 0 || v >= size())
      throw model_error("variable id " + std::to_string(v) + " out of range (" + std::to_string(size()) +
                        " variables declared)");
    return static_cast<std::size_t>(v);
  }

  std::string m_name;
  std::vector<pitchrisk::variable> m_variables;
  std::vector<std::vector<variable_id>> m_parents;
  std::vector<std::optional<array_type>> m_columns;
  detail::name_map<variable_id> m_ids;
};

/// The builder of `network`.
using network_builder = basic_network_builder<double>;


// ---------------------------------------------------------------------------------------

template <class Real>
basic_network_builder<Real>::basic_network_builder(const basic_network<Real>& net) : m_name(net.name()) {
  for (const variable_id v : net.variables()) add_variable(net.variable(v).name, net.variable(v).states);
  for (const variable_id v : net.variables()) {
    set_parents(v, std::vector<variable_id>(net.parents(v).begin(), net.parents(v).end()));
    set_cpt(v, net.cpt_columns(v, true));
  }
}

template <class Real>
variable_id basic_network_builder<Real>::add_variable(std::string name, std::vector<std::string> states) {
  if (name.empty()) throw model_error("variable name is empty");
  if (m_ids.count(name)) throw model_error("variable '" + name + "' is declared twice");
  if (states.empty()) throw model_error("variable '" + name + "' has no states");
  std::unordered_set<std::string_view> seen;
  seen.reserve(states.size());
  for (const std::string& s : states) {
    if (s.empty()) throw model_error("variable '" + name + "' has an empty state name");
    if (!seen.insert(s).second) throw model_error("variable '" + name + "' has state '" + s + "' twice");
  }
  const auto v = static_cast<variable_id>(m_variables.size());
  m_ids.emplace(name, v);
  m_variables.push_back({std::move(name), std::move(states)});
  m_parents.emplace_back();
  m_columns.emplace_back();
  return v;
}

template <class Real>
void basic_network_builder<Real>::set_parents(variable_id child, std::vector<variable_id> parents) {
  const std::size_t c = check(child);
  for (std::size_t i = 0; i < parents.size(); ++i) {
    check(parents[i]);
    if (parents[i] == child)
      throw model_error("variable '" + m_variables[c].name + "' cannot be its own parent");
    for (std::size_t j = 0; j < i; ++j)
      if (parents[i] == parents[j])
        throw model_error("variable '" + m_variables[c].name + "' lists parent '" +
                          m_variables[static_cast<std::size_t>(parents[i])].name + "' twice");
  }
  m_parents[c] = std::move(parents);
  m_columns[c].reset();
}

template <class Real>
void basic_network_builder<Real>::set_cpt(variable_id child, array_type columns) {
  m_columns[check(child)] = std::move(columns);
}

template <class Real>
void basic_network_builder<Real>::set_cpt(std::string_view child, const std::vector<std::string>& parents,
                                          std::vector<Real> columns) {
  const variable_id c = id(child);
  std::vector<variable_id> ps;
  for (const auto& p : parents) ps.push_back(id(p));
  set_parents(c, std::move(ps));
  set_cpt(c, Eigen::Map<const array_type>(columns.data(), static_cast<Eigen::Index>(columns.size())));
}

template <class Real>
void basic_network_builder<Real>::set_cpt_factor(variable_id child, const basic_factor<Real>& table) {
  const std::size_t c = check(child);
  std::vector<variable_id> order{child};
  order.insert(order.end(), m_parents[c].begin(), m_parents[c].end());
  std::vector<variable_id> sorted = order;
  std::sort(sorted.begin(), sorted.end());
  if (sorted != table.scope())
    throw model_error("cpt '" + m_variables[c].name + "': the factor's scope is not the variable and its parents");
  m_columns[c] = to_layout(table, order);
}

template <class Real>
variable_id basic_network_builder<Real>::id(std::string_view name) const {
  const auto it = m_ids.find(name);
  if (it == m_ids.end()) throw model_error("no variable '" + std::string(name) + "' has been declared");
  return it->second;
}

template <class Real>
basic_network<Real> basic_network_builder<Real>::build(const build_options& options) const {
  basic_network<Real> net;
  net.m_name = m_name;
  net.m_variables = m_variables;
  net.m_parents = m_parents;
  net.m_ids = m_ids;
  const std::size_t n = m_variables.size();
  net.m_children.assign(n, {});
  for (std::size_t v = 0; v < n; ++v)
    for (const variable_id p : m_parents[v]) net.m_children[static_cast<std::size_t>(p)].push_back(static_cast<variable_id>(v));
  net.m_topological = topological_order(m_parents, [&](variable_id v) { return m_variables[static_cast<std::size_t>(v)].name; });

  net.m_cpts.reserve(n);
  net.m_given.assign(n, std::nullopt);
  for (std::size_t v = 0; v < n; ++v) {
    const auto& var = m_variables[v];
    const std::string what = "cpt '" + var.name + "'";
    std::vector<variable_id> order{static_cast<variable_id>(v)};
    std::vector<Eigen::Index> cards{var.cardinality()};
    std::vector<const pitchrisk::variable*> parent_vars;
    for (const variable_id p : m_parents[v]) {
      order.push_back(p);
      cards.push_back(m_variables[static_cast<std::size_t>(p)].cardinality());
      parent_vars.push_back(&m_variables[static_cast<std::size_t>(p)]);
    }
    const Eigen::Index entries = detail::checked_table_size(cards, options.max_table_entries, what, sizeof(Real));
    if (!m_columns[v]) throw model_error(what + ": no table was given");
    const array_type& given = *m_columns[v];
    if (given.size() != entries)
      throw model_error(what + ": expected " + std::to_string(entries) + " entries (" +
                        std::to_string(var.cardinality()) + " states x " +
                        std::to_string(entries / var.cardinality()) + " parent configurations), got " +
                        std::to_string(given.size()));
    const Eigen::Index k = var.cardinality();
    const Eigen::Index columns = entries / k;
    array_type normalised = given;
    bool changed = false;
    for (Eigen::Index col = 0; col < columns; ++col) {
      double sum = 0;
      for (Eigen::Index s = 0; s < k; ++s) {
        const double x = static_cast<double>(given[col * k + s]);
        if (!std::isfinite(x) || x < 0.0 || x > 1.0 + options.columns.tolerance) {
          char buf[64];
          std::snprintf(buf, sizeof buf, "%.17g", x);
          throw model_error(what + ": entry " + var.name + "=" + var.states[static_cast<std::size_t>(s)] + " | " +
                            detail::describe_column(parent_vars, col) + " is " + buf +
                            ", expected a probability in [0, 1]");
        }
        sum += x;
      }
      const double off = std::abs(sum - 1.0);
      const bool acceptable = off <= options.columns.tolerance ||
                              (options.columns.lenient && off <= options.columns.lenient_tolerance);
      if (!acceptable || !(sum > 0.0)) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.10g", sum);
        throw model_error(what + ": column " + detail::describe_column(parent_vars, col) + " sums to " + buf +
                          ", expected 1" +
                          (options.columns.lenient
                               ? ""
                               : " (off by more than the tolerance of " + detail::short_number(options.columns.tolerance) +
                                     "; lenient mode renormalises up to " +
                                     detail::short_number(options.columns.lenient_tolerance) +
                                     ": --lenient in the tools, cpt_policy::lenient in the API)"));
      }
      if (sum != 1.0) {
        for (Eigen::Index s = 0; s < k; ++s) normalised[col * k + s] = static_cast<Real>(static_cast<double>(given[col * k + s]) / sum);
        changed = true;
        if (off > 1e-12) net.m_repairs.push_back({static_cast<variable_id>(v), col, sum});
      }
    }
    net.m_cpts.push_back(from_layout<Real>(order, cards, normalised));
    if (changed) net.m_given[v] = from_layout<Real>(order, cards, given);
  }
  return net;
}

}  // namespace pitchrisk
