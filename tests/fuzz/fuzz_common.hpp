// SPDX-License-Identifier: MIT
// Shared pieces of the fuzz targets: the exception a target throws when it finds a real
// fault (an invariant broken, a round trip that changes the model), the reader limits used
// while fuzzing, and the invariant checks run on every model a reader accepts. Everything a
// reader may legitimately throw derives from pitchrisk::error; anything else escaping a
// target is a finding too (libFuzzer reports it as an uncaught exception / abort).
#pragma once

#include "pitchrisk/core/network.hpp"
#include "pitchrisk/error.hpp"

#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

namespace pitchrisk::fuzz {

/// A fault found by a target. Deliberately NOT a pitchrisk::error, so no caller swallows it.
class finding : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

/// Table limit while fuzzing: small enough that no accepted input costs more than ~8 MB.
inline constexpr Eigen::Index fuzz_max_table_entries = Eigen::Index{1} << 20;
/// Largest intermediate factor a target's tiny inference may build.
inline constexpr Eigen::Index fuzz_max_factor_entries = Eigen::Index{1} << 16;

/// Throws finding(what) unless `ok`.
inline void require(bool ok, const std::string& what) {
  if (!ok) throw finding(what);
}

/// Checks what every frozen network promises: ids, sizes, finite entries in [0, 1],
/// columns summing to 1, a topological order that puts parents first.
template <class Real>
void check_network_invariants(const basic_network<Real>& net) {
  const Eigen::Index n = net.size();
  require(static_cast<Eigen::Index>(net.topological_order().size()) == n, "topological order has the wrong size");
  std::vector<Eigen::Index> position(static_cast<std::size_t>(n), -1);
  for (std::size_t i = 0; i < net.topological_order().size(); ++i) {
    const variable_id v = net.topological_order()[i];
    require(v >= 0 && v < n, "topological order holds an id out of range");
    require(position[static_cast<std::size_t>(v)] < 0, "topological order lists a variable twice");
    position[static_cast<std::size_t>(v)] = static_cast<Eigen::Index>(i);
  }
  for (const variable_id v : net.variables()) {
    const Eigen::Index k = net.cardinality(v);
    require(k >= 1, "a variable without states");
    require(net.id(net.variable(v).name) == v, "name lookup does not give the id back");
    Eigen::Index expected = k;
    for (const variable_id p : net.parents(v)) {
      require(p >= 0 && p < n && p != v, "parent id out of range or self-loop");
      require(position[static_cast<std::size_t>(p)] < position[static_cast<std::size_t>(v)],
              "a parent comes after its child in the topological order");
      expected *= net.cardinality(p);
    }
    const auto columns = net.cpt_columns(v);
    require(columns.size() == expected, "CPT of '" + net.variable(v).name + "' has the wrong size");
    for (Eigen::Index c = 0; c < expected / k; ++c) {
      double sum = 0;
      for (Eigen::Index s = 0; s < k; ++s) {
        const double x = static_cast<double>(columns[c * k + s]);
        require(std::isfinite(x) && x >= 0 && x <= 1, "CPT entry out of [0, 1] in '" + net.variable(v).name + "'");
        sum += x;
      }
      require(std::abs(sum - 1.0) <= 1e-6, "CPT column of '" + net.variable(v).name + "' does not sum to 1");
    }
  }
}

/// Bit-for-bit equality of names, states, parents (declared order) and given CPT numbers.
template <class Real>
void require_same_model(const basic_network<Real>& a, const basic_network<Real>& b, const std::string& what) {
  require(a.size() == b.size(), what + ": variable count differs");
  for (const variable_id v : a.variables()) {
    require(a.variable(v).name == b.variable(v).name, what + ": variable name differs");
    require(a.variable(v).states == b.variable(v).states, what + ": states of '" + a.variable(v).name + "' differ");
    const auto pa = a.parents(v), pb = b.parents(v);
    require(std::vector<variable_id>(pa.begin(), pa.end()) == std::vector<variable_id>(pb.begin(), pb.end()),
            what + ": parents of '" + a.variable(v).name + "' differ");
    const auto ca = a.cpt_columns(v, true), cb = b.cpt_columns(v, true);
    require(ca.size() == cb.size() &&
                std::memcmp(ca.data(), cb.data(), static_cast<std::size_t>(ca.size()) * sizeof(Real)) == 0,
            what + ": CPT numbers of '" + a.variable(v).name + "' are not bit-identical");
  }
}

}  // namespace pitchrisk::fuzz
