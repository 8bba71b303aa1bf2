// SPDX-License-Identifier: MIT
// What a structure search may and may not do: required and forbidden arcs, a tier
// (temporal) order in which no arc points back to an earlier tier, and a maximum number of
// parents. Given as an aggregate by column index; compiled once, checked for conflicts, to
// an n x n table of allowed arcs that the search's inner loop reads.
#pragma once

#include "pitchrisk/core/graph.hpp"
#include "pitchrisk/error.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

namespace pitchrisk {

/// An arc from -> to between two columns (variables) by index.
struct arc {
  Eigen::Index from = 0;  ///< the parent's column
  Eigen::Index to = 0;    ///< the child's column
  /// Same from and same to.
  friend bool operator==(const arc&, const arc&) = default;
};

/// Constraints on a learned structure (all optional).
struct structure_constraints {
  std::vector<arc> required;        ///< arcs every result contains
  std::vector<arc> forbidden;       ///< arcs no result contains
  /// Empty, or one tier per variable: an arc a -> b needs tier(a) <= tier(b); a negative
  /// tier leaves the variable unconstrained.
  std::vector<Eigen::Index> tiers;
  bool arcs_within_tier = true;     ///< false: also no arc between two variables of one tier
  Eigen::Index max_parents = -1;    ///< -1: no limit
};

/// The constraints compiled for n variables: allowed(a, b) in O(1).
class arc_rules {
 public:
  /// Checks and compiles. `name_of` names variables in messages.
  /// Throws: model_error on an index out of range, a self-arc, an arc both required and
  /// forbidden (or against the tiers), required arcs that form a cycle or give a variable
  /// more than max_parents parents, or a tier list whose size is not n.
  arc_rules(Eigen::Index n, const structure_constraints& constraints,
            const std::function<std::string(Eigen::Index)>& name_of);

  /// Number of variables, n.
  [[nodiscard]] Eigen::Index size() const noexcept { return m_n; }

  /// Whether a -> b may be in the graph (not forbidden, not against the tiers, not a self-arc).
  [[nodiscard]] bool allowed(Eigen::Index a, Eigen::Index b) const noexcept {
    return m_allowed[static_cast<std::size_t>(a * m_n + b)] != 0;
  }
  /// Whether a -> b must stay in the graph.
  [[nodiscard]] bool required(Eigen::Index a, Eigen::Index b) const noexcept {
    return m_required[static_cast<std::size_t>(a * m_n + b)] != 0;
  }
  /// Largest parent count (a very large number when unlimited).
  [[nodiscard]] Eigen::Index max_parents() const noexcept { return m_max_parents; }
  /// The required arcs as parent lists (a valid starting graph).
  [[nodiscard]] const parent_lists& required_parents() const noexcept { return m_required_parents; }
  /// Whether `parents` (a DAG over the same n variables) keeps every constraint.
  [[nodiscard]] bool satisfied_by(const parent_lists& parents) const;

 private:
  Eigen::Index m_n;
  Eigen::Index m_max_parents;
  std::vector<char> m_allowed;
  std::vector<char> m_required;
  parent_lists m_required_parents;
};

// ---------------------------------------------------------------------------------------

inline arc_rules::arc_rules(Eigen::Index n, const structure_constraints& c,
                            const std::function<std::string(Eigen::Index)>& name_of)
    : m_n(n),
      m_max_parents(c.max_parents < 0 ? n : c.max_parents),
      m_allowed(static_cast<std::size_t>(n * n), 1),
      m_required(static_cast<std::size_t>(n * n), 0),
      m_required_parents(static_cast<std::size_t>(n)) {
  auto at = [n](Eigen::Index a, Eigen::Index b) { return static_cast<std::size_t>(a * n + b); };
  auto check_arc = [&](const arc& a, const char* kind) {
    if (a.from < 0 || a.from >= n || a.to < 0 || a.to >= n)
      throw model_error(std::string(kind) + " arc " + std::to_string(a.from) + " -> " + std::to_string(a.to) +
                        ": variable index out of range (" + std::to_string(n) + " variables)");
    if (a.from == a.to) throw model_error(std::string(kind) + " arc " + name_of(a.from) + " -> itself");
  };
  if (!c.tiers.empty() && static_cast<Eigen::Index>(c.tiers.size()) != n)
    throw model_error("tiers: " + std::to_string(c.tiers.size()) + " entries, expected one per variable (" +
                      std::to_string(n) + ")");
  for (Eigen::Index a = 0; a < n; ++a) m_allowed[at(a, a)] = 0;
  if (!c.tiers.empty())
    for (Eigen::Index a = 0; a < n; ++a)
      for (Eigen::Index b = 0; b < n; ++b) {
        const Eigen::Index ta = c.tiers[static_cast<std::size_t>(a)], tb = c.tiers[static_cast<std::size_t>(b)];
        if (ta < 0 || tb < 0) continue;
        if (ta > tb || (ta == tb && !c.arcs_within_tier)) m_allowed[at(a, b)] = 0;
      }
  for (const arc& a : c.forbidden) {
    check_arc(a, "forbidden");
    m_allowed[at(a.from, a.to)] = 0;
  }
  for (const arc& a : c.required) {
    check_arc(a, "required");
    if (!m_allowed[at(a.from, a.to)])
      throw model_error("required arc " + name_of(a.from) + " -> " + name_of(a.to) +
                        " is forbidden (by the forbidden arcs or the tiers)");
    if (m_required[at(a.to, a.from)])
      throw model_error("arcs " + name_of(a.from) + " -> " + name_of(a.to) + " and back are both required");
    if (m_required[at(a.from, a.to)]) continue;
    m_required[at(a.from, a.to)] = 1;
    m_required_parents[static_cast<std::size_t>(a.to)].push_back(a.from);
  }
  for (Eigen::Index v = 0; v < n; ++v)
    if (static_cast<Eigen::Index>(m_required_parents[static_cast<std::size_t>(v)].size()) > m_max_parents)
      throw model_error("variable " + name_of(v) + " has " +
                        std::to_string(m_required_parents[static_cast<std::size_t>(v)].size()) +
                        " required parents, more than the maximum of " + std::to_string(m_max_parents));
  try {
    (void)topological_order(m_required_parents, [&](variable_id v) { return name_of(v); });
  } catch (const model_error& e) {
    throw model_error(std::string("required arcs: ") + e.what());
  }
}

inline bool arc_rules::satisfied_by(const parent_lists& parents) const {
  if (static_cast<Eigen::Index>(parents.size()) != m_n) return false;
  for (Eigen::Index b = 0; b < m_n; ++b) {
    const auto& ps = parents[static_cast<std::size_t>(b)];
    if (static_cast<Eigen::Index>(ps.size()) > m_max_parents) return false;
    for (const variable_id a : ps)
      if (!allowed(a, b)) return false;
    for (const variable_id a : m_required_parents[static_cast<std::size_t>(b)])
      if (std::find(ps.begin(), ps.end(), a) == ps.end()) return false;
  }
  return true;
}

}  // namespace pitchrisk
