// SPDX-License-Identifier: MIT
// A discrete random variable: a name and an ordered list of named states.
// Variables are identified inside a network by a dense id (0 .. n-1); names are resolved
// at the API edge, so inner loops only ever see ids and state indices.
#pragma once

#include <Eigen/Core>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pitchrisk {

/// Dense position of a variable in its network.
using variable_id = Eigen::Index;

/// A discrete variable with named states (declaration order is the state order).
struct variable {
  std::string name;                 ///< unique within its network; how files and evidence name it
  std::vector<std::string> states;  ///< state names, unique, in declaration order (index = state)

  /// Number of states.
  [[nodiscard]] Eigen::Index cardinality() const noexcept {
    return static_cast<Eigen::Index>(states.size());
  }
  /// Index of the state called `state`, if any.
  [[nodiscard]] std::optional<Eigen::Index> find_state(std::string_view state) const noexcept;

  /// Same name and the same states in the same order.
  friend bool operator==(const variable&, const variable&) = default;

};

inline std::optional<Eigen::Index> variable::find_state(std::string_view state) const noexcept {
  for (std::size_t i = 0; i < states.size(); ++i)
    if (states[i] == state) return static_cast<Eigen::Index>(i);
  return std::nullopt;
}

}  // namespace pitchrisk
