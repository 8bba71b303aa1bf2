// SPDX-License-Identifier: MIT
// Conditional probability tables: the builder's column layout and the checks that every
// column is a distribution. A CPT of child X with declared parents (P1 .. Pn) is given as
// one column per parent configuration: X fastest, then P1, then P2 ... (first parent
// fastest). Stored in the network as a factor over {X, P1..Pn} in sorted-scope layout.
#pragma once

#include "pitchrisk/core/factor.hpp"
#include "pitchrisk/core/variable.hpp"

#include <string>
#include <vector>

namespace pitchrisk {

/// One CPT column that was renormalised when the network was built.
struct cpt_repair {
  variable_id child = 0;          ///< the CPT's variable
  Eigen::Index column = 0;        ///< parent configuration, first parent fastest
  double sum = 1.0;               ///< what the column summed to before renormalisation
};

/// How strictly build() checks CPT columns.
struct cpt_policy {
  double tolerance = 1e-6;        ///< |sum - 1| allowed silently (renormalised exactly)
  bool lenient = false;           ///< also accept columns off by up to lenient_tolerance
  double lenient_tolerance = 1e-2;  ///< |sum - 1| accepted (and renormalised) when `lenient`

};

namespace detail {

/// "asia=yes, smoke=no": names a parent configuration (column index, first parent fastest).
inline std::string describe_column(const std::vector<const variable*>& parents, Eigen::Index column) {
  if (parents.empty()) return "(no parents)";
  std::string out;
  for (std::size_t i = 0; i < parents.size(); ++i) {
    const Eigen::Index c = parents[i]->cardinality();
    if (i) out += ", ";
    out += parents[i]->name + "=" + parents[i]->states[static_cast<std::size_t>(column % c)];
    column /= c;
  }
  return out;
}

}  // namespace detail
}  // namespace pitchrisk
