// SPDX-License-Identifier: MIT
// Family counts: the contingency table of a child column and its parent columns, the
// sufficient statistics of every parameter and score computation. Rows with a missing
// cell among the family's columns are skipped (available-case analysis); EM replaces
// them by expected counts instead.
#pragma once

#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/learning/dataset.hpp"

#include <Eigen/Core>

#include <span>
#include <string>
#include <vector>

namespace pitchrisk {

/// Counts of (child, parents) over the rows of `data` where none of these cells is missing.
/// Layout: child fastest, then the parents in the order given (first parent next), so a
/// network's CPT columns in builder layout line up when the parents are its declared parents.
/// Throws: lookup_error on a column out of range; model_error if a column is repeated;
/// size_error if the table would exceed `max_entries`.
/// Complexity: O(rows x (parents + 1)).
[[nodiscard]] Eigen::ArrayXd family_counts(const dataset& data, Eigen::Index child,
                                           std::span<const Eigen::Index> parents,
                                           Eigen::Index max_entries = default_max_table_entries);

/// As family_counts, restricted to the rows [first, last). Throws: as above; lookup_error
/// if the rows are not within [0, rows()].

[[nodiscard]] Eigen::ArrayXd family_counts(const dataset& data, Eigen::Index child,
                                           std::span<const Eigen::Index> parents, Eigen::Index first,
                                           Eigen::Index last,
                                           Eigen::Index max_entries = default_max_table_entries);

// ---------------------------------------------------------------------------------------

inline Eigen::ArrayXd family_counts(const dataset& data, Eigen::Index child, std::span<const Eigen::Index> parents,
                                    Eigen::Index max_entries) {
  return family_counts(data, child, parents, 0, data.rows(), max_entries);
}

inline Eigen::ArrayXd family_counts(const dataset& data, Eigen::Index child, std::span<const Eigen::Index> parents,
                                    Eigen::Index first, Eigen::Index last, Eigen::Index max_entries) {
  if (first < 0 || last > data.rows() || first > last)
    throw lookup_error("family_counts: rows [" + std::to_string(first) + ", " + std::to_string(last) +
                       ") out of range (" + std::to_string(data.rows()) + " rows)");
  std::vector<Eigen::Index> cols{child};
  cols.insert(cols.end(), parents.begin(), parents.end());
  std::vector<Eigen::Index> cards, strides;
  Eigen::Index stride = 1;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    const Eigen::Index k = data.cardinality(cols[i]);  // checks the range
    for (std::size_t j = 0; j < i; ++j)
      if (cols[j] == cols[i])
        throw model_error("family_counts: column '" + data.name(cols[i]) + "' appears twice in the family");
    cards.push_back(k);
    strides.push_back(stride);
    stride *= k;
  }
  const Eigen::Index size =
      detail::checked_table_size(cards, max_entries, "family counts of '" + data.name(child) + "'");
  Eigen::ArrayXd counts = Eigen::ArrayXd::Zero(size);
  std::vector<const dataset::cell*> ptr;
  for (const Eigen::Index c : cols) ptr.push_back(data.column(c).data());
  const std::size_t m = cols.size();
  for (Eigen::Index r = first; r < last; ++r) {
    Eigen::Index idx = 0;
    bool complete = true;
    for (std::size_t i = 0; i < m; ++i) {
      const dataset::cell x = ptr[i][r];
      if (x == dataset::missing) {
        complete = false;
        break;
      }
      idx += strides[i] * x;
    }
    if (complete) counts[idx] += 1.0;
  }
  return counts;
}

}  // namespace pitchrisk
