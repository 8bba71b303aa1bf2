// SPDX-License-Identifier: MIT
// Validation helpers used once at API entry (never in inner loops): overflow-checked
// table sizes against a configurable limit, so that nothing allocates from input sizes
// without first knowing how much it needs.
#pragma once

#include "pitchrisk/error.hpp"

#include <Eigen/Core>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>

namespace pitchrisk {

/// Default largest number of entries in one table (CPT, clique, intermediate factor):
/// 2^28 doubles = 2 GiB. Every engine and reader takes its own limit in its options, and
/// every such limit defaults to this one constant: build_options::max_table_entries,
/// variable_elimination_options and exact_map_options::max_factor_entries,
/// junction_tree_options::max_clique_entries, score_options::max_table_entries.
inline constexpr Eigen::Index default_max_table_entries = Eigen::Index{1} << 28;

}  // namespace pitchrisk

namespace pitchrisk::detail {

/// Product of cardinalities as a double (exact up to 2^53, never overflows).
[[nodiscard]] inline double table_size_estimate(std::span<const Eigen::Index> cards) noexcept {
  double n = 1.0;
  for (const Eigen::Index c : cards) n *= static_cast<double>(c);
  return n;
}

/// Bytes as a readable figure: "12.5 GB".
[[nodiscard]] inline std::string format_bytes(double bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
  int u = 0;
  while (bytes >= 1000.0 && u < 6) {
    bytes /= 1000.0;
    ++u;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, bytes < 10 ? "%.2f %s" : "%.1f %s", bytes, units[u]);
  return buf;
}

/// Throws size_error unless a table of these cardinalities fits in `limit` entries.
/// Returns the exact entry count. `what` names the table in the message.
inline Eigen::Index checked_table_size(std::span<const Eigen::Index> cards, Eigen::Index limit,
                                       const std::string& what, std::size_t bytes_per_entry = 8) {
  const double n = table_size_estimate(cards);
  if (n > static_cast<double>(limit)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.4g", n);
    throw size_error(what + " would need " + buf + " entries (" +
                         format_bytes(n * static_cast<double>(bytes_per_entry)) +
                         "), over the limit of " + std::to_string(limit) + " entries",
                     n);
  }
  Eigen::Index exact = 1;
  for (const Eigen::Index c : cards) exact *= c;
  return exact;
}

}  // namespace pitchrisk::detail
