// SPDX-License-Identifier: MIT
// The column order of the text formats' tables (DSL, Hugin NET and others): the parent
// configurations with the LAST parent fastest, while a model description's table has the
// FIRST parent fastest (core/factor.hpp). One odometer maps the one order to the other, for
// the readers (file to description) and the writers (description to file).
#pragma once

#include <Eigen/Core>

#include <cstddef>
#include <span>
#include <vector>

namespace pitchrisk::detail {

/// Calls f(file_column, column) for file_column = 0 .. columns - 1, the parent configurations
/// in file order (the last parent fastest); `column` is the same configuration's index with
/// the first parent fastest. `cards`: the parents' cardinalities, in order.
template <class F>
void for_each_file_column(std::span<const Eigen::Index> cards, Eigen::Index columns, F&& f) {
  const std::size_t n = cards.size();
  std::vector<Eigen::Index> stride(n), x(n, 0);
  for (std::size_t p = 0, s = 1; p < n; ++p) {
    stride[p] = static_cast<Eigen::Index>(s);
    s *= static_cast<std::size_t>(cards[p]);
  }
  Eigen::Index column = 0;
  for (Eigen::Index c = 0; c < columns; ++c) {
    f(c, column);
    for (std::size_t p = n; p-- > 0;) {
      column += stride[p];
      if (++x[p] < cards[p]) break;
      column -= stride[p] * cards[p];
      x[p] = 0;
    }
  }
}

}  // namespace pitchrisk::detail
