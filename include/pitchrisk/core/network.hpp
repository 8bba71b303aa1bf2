// SPDX-License-Identifier: MIT
// A discrete Bayesian network, frozen: variables with named states, the DAG, one CPT per
// variable (columns normalised to sum exactly 1), a topological order and name lookups.
// It is built and validated by basic_network_builder::build() and is then immutable, so
// one network can be shared freely between threads and engines.
#pragma once

#include "pitchrisk/core/cpt.hpp"
#include "pitchrisk/core/factor.hpp"
#include "pitchrisk/core/graph.hpp"
#include "pitchrisk/core/variable.hpp"
#include "pitchrisk/detail/string_hash.hpp"
#include "pitchrisk/error.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pitchrisk {

template <class Real>
class basic_network_builder;

/// The ids 0 .. n-1 of a network's variables, as a range for range-for loops.
class id_range {
 public:
  /// A forward iterator over the ids (an input range of values, not of references).
  class iterator {
   public:
    using value_type = variable_id;        ///< the ids themselves
    using difference_type = Eigen::Index;  ///< distance between two ids
    /// An iterator at id `v`.
    explicit iterator(variable_id v) noexcept : m_v(v) {}
    /// The current id.
    variable_id operator*() const noexcept { return m_v; }
    /// Moves to the next id.
    iterator& operator++() noexcept {
      ++m_v;
      return *this;
    }
    /// At the same id.
    bool operator==(const iterator&) const noexcept = default;

   private:
    variable_id m_v;
  };
  /// The ids 0 .. n-1.
  explicit id_range(variable_id n) noexcept : m_n(n) {}
  /// At id 0.
  [[nodiscard]] iterator begin() const noexcept { return iterator(0); }
  /// Past the last id, n.
  [[nodiscard]] iterator end() const noexcept { return iterator(m_n); }
  /// Number of ids, n.
  [[nodiscard]] variable_id size() const noexcept { return m_n; }

 private:
  variable_id m_n;
};

/// A frozen, validated discrete Bayesian network: variables (dense ids in declaration
/// order), the DAG, one normalised CPT per variable and name lookups. Made only by
/// basic_network_builder::build() (or a reader), immutable afterwards, hence safe to share
/// between threads. Accessors taking a variable_id throw lookup_error when it is out of range.
template <class Real>
class basic_network {
 public:
  using real_type = Real;                     ///< the type of the CPT entries
  using factor_type = basic_factor<Real>;     ///< the type of the CPTs

  /// An empty network (no variables).
  basic_network() = default;

  /// The network's name (from the file or the builder; "unknown" by default).
  [[nodiscard]] const std::string& name() const noexcept { return m_name; }
  /// Number of variables.
  [[nodiscard]] Eigen::Index size() const noexcept { return static_cast<Eigen::Index>(m_variables.size()); }
  /// The ids of all variables, 0 .. size()-1 (declaration order).
  [[nodiscard]] id_range variables() const noexcept { return id_range(size()); }
  /// Name and states of `v`. Throws: lookup_error if `v` is out of range.
  [[nodiscard]] const pitchrisk::variable& variable(variable_id v) const { return m_variables.at(index(v)); }
  /// Number of states of `v`. Throws: lookup_error if `v` is out of range.
  [[nodiscard]] Eigen::Index cardinality(variable_id v) const { return variable(v).cardinality(); }
  /// Id of the variable called `name`. Throws: lookup_error if there is none.
  [[nodiscard]] variable_id id(std::string_view name) const;
  /// Id of the variable called `name`, or nothing. Complexity: one hash lookup.
  [[nodiscard]] std::optional<variable_id> find(std::string_view name) const;
  /// Index of state `state` of `v`. Throws: lookup_error naming variable and state.
  [[nodiscard]] Eigen::Index state(variable_id v, std::string_view state) const;
  /// Parents in declared order (the order of the file or of the builder).
  [[nodiscard]] std::span<const variable_id> parents(variable_id v) const { return m_parents.at(index(v)); }
  /// Children of `v`, increasing ids. Throws: lookup_error if `v` is out of range.
  [[nodiscard]] std::span<const variable_id> children(variable_id v) const { return m_children.at(index(v)); }
  /// Parent lists of every variable (the DAG), indexed by id.
  [[nodiscard]] const pitchrisk::parent_lists& all_parents() const noexcept { return m_parents; }
  /// The CPT of `v` as a factor over {v} and its parents (sorted-scope layout), columns
  /// normalised to sum to 1.
  [[nodiscard]] const factor_type& cpt(variable_id v) const { return m_cpts.at(index(v)); }
  /// The CPT as it was given (before renormalisation), for writers: equal to cpt(v) unless
  /// a column was renormalised.
  [[nodiscard]] const factor_type& given_cpt(variable_id v) const;
  /// The CPT of `v` in the builder's column layout (child fastest, first parent next).
  [[nodiscard]] Eigen::Array<Real, Eigen::Dynamic, 1> cpt_columns(variable_id v, bool given = false) const;
  /// P(v = state | parents = parent_states), parent states in declared parent order.
  /// Throws: lookup_error on an id or state out of range or the wrong number of parent states.

  [[nodiscard]] Real probability(variable_id v, Eigen::Index state, std::span<const Eigen::Index> parent_states) const;
  /// Parents before children; ties broken by id.
  [[nodiscard]] std::span<const variable_id> topological_order() const noexcept { return m_topological; }
  /// Number of arcs of the DAG (the total number of parents).
  [[nodiscard]] Eigen::Index arc_count() const noexcept;
  /// Free parameters: sum over variables of (states - 1) x parent configurations.
  [[nodiscard]] double parameter_count() const noexcept;
  /// Columns renormalised by build() (off by more than 1e-12), in variable then column order.
  [[nodiscard]] std::span<const cpt_repair> repairs() const noexcept { return m_repairs; }

  /// Structural and numerical equality (names, states, parents, normalised CPTs).
  friend bool operator==(const basic_network& a, const basic_network& b) {
    return a.m_name == b.m_name && a.m_variables == b.m_variables && a.m_parents == b.m_parents &&
           a.m_cpts == b.m_cpts;
  }

 private:
  friend class basic_network_builder<Real>;
  std::size_t index(variable_id v) const {
    if (v < 0 || v >= size())
      throw lookup_error("variable id " + std::to_string(v) + " out of range (network has " +
                         std::to_string(size()) + " variables)");
    return static_cast<std::size_t>(v);
  }

  std::string m_name;
  std::vector<pitchrisk::variable> m_variables;
  std::vector<std::vector<variable_id>> m_parents;
  std::vector<std::vector<variable_id>> m_children;
  std::vector<factor_type> m_cpts;
  std::vector<std::optional<factor_type>> m_given;
  std::vector<variable_id> m_topological;
  std::vector<cpt_repair> m_repairs;
  detail::name_map<variable_id> m_ids;
};

/// The network of the double-precision engines, what the readers return.
using network = basic_network<double>;


// ---------------------------------------------------------------------------------------

template <class Real>
variable_id basic_network<Real>::id(std::string_view name) const {
  if (const auto v = find(name)) return *v;
  throw lookup_error("network '" + m_name + "' has no variable '" + std::string(name) + "'");
}

template <class Real>
std::optional<variable_id> basic_network<Real>::find(std::string_view name) const {
  const auto it = m_ids.find(name);
  if (it == m_ids.end()) return std::nullopt;
  return it->second;
}

template <class Real>
Eigen::Index basic_network<Real>::state(variable_id v, std::string_view state) const {
  const pitchrisk::variable& var = variable(v);
  if (const auto s = var.find_state(state)) return *s;
  std::string known;
  for (const auto& s : var.states) known += (known.empty() ? "" : ", ") + s;
  throw lookup_error("variable '" + var.name + "' has no state '" + std::string(state) + "' (states: " +
                     known + ")");
}

template <class Real>
const basic_factor<Real>& basic_network<Real>::given_cpt(variable_id v) const {
  const auto& g = m_given.at(index(v));
  return g ? *g : m_cpts[index(v)];
}

template <class Real>
Eigen::Array<Real, Eigen::Dynamic, 1> basic_network<Real>::cpt_columns(variable_id v, bool given) const {
  std::vector<variable_id> order{v};
  order.insert(order.end(), parents(v).begin(), parents(v).end());
  return to_layout(given ? given_cpt(v) : cpt(v), order);
}

template <class Real>
Real basic_network<Real>::probability(variable_id v, Eigen::Index state,
                                      std::span<const Eigen::Index> parent_states) const {
  const auto ps = parents(v);
  if (parent_states.size() != ps.size())
    throw lookup_error("probability: variable '" + variable(v).name + "' has " + std::to_string(ps.size()) +
                       " parents, got " + std::to_string(parent_states.size()) + " parent states");
  const factor_type& f = cpt(v);
  if (state < 0 || state >= cardinality(v)) throw lookup_error("probability: state index out of range");
  Eigen::Index idx = state * f.stride(v);
  for (std::size_t i = 0; i < ps.size(); ++i) {
    if (parent_states[i] < 0 || parent_states[i] >= cardinality(ps[i]))
      throw lookup_error("probability: parent state index out of range");
    idx += parent_states[i] * f.stride(ps[i]);
  }
  return f.values()[idx];
}

template <class Real>
Eigen::Index basic_network<Real>::arc_count() const noexcept {
  Eigen::Index n = 0;
  for (const auto& p : m_parents) n += static_cast<Eigen::Index>(p.size());
  return n;
}

template <class Real>
double basic_network<Real>::parameter_count() const noexcept {
  double n = 0;
  for (std::size_t v = 0; v < m_variables.size(); ++v) {
    double cols = 1;
    for (const variable_id p : m_parents[v]) cols *= static_cast<double>(m_variables[static_cast<std::size_t>(p)].cardinality());
    n += static_cast<double>(m_variables[v].cardinality() - 1) * cols;
  }
  return n;
}

}  // namespace pitchrisk
