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

/// The columns of a table in file order (last parent fastest), each given as its column in a
/// model description (first parent fastest). `cards` is the child's cardinality, then the
/// parents'; the walk starts at column 0.
class column_odometer {
 public:
  explicit column_odometer(const std::vector<Eigen::Index>& cards)
      : m_cards(cards), m_stride(cards.size() - 1), m_x(cards.size() - 1, 0) {
    for (std::size_t p = 0, s = 1; p < m_stride.size(); ++p) {
      m_stride[p] = static_cast<Eigen::Index>(s);
      s *= static_cast<std::size_t>(cards[p + 1]);
    }
  }
  /// The description's column of the current file column.
  [[nodiscard]] Eigen::Index column() const noexcept { return m_target; }
  /// Steps to the next file column (wraps to 0 after the last).
  void advance() noexcept {
    for (std::size_t p = m_stride.size(); p-- > 0;) {
      m_target += m_stride[p];
      if (++m_x[p] < m_cards[p + 1]) return;
      m_target -= m_stride[p] * m_cards[p + 1];
      m_x[p] = 0;
    }
  }

 private:
  const std::vector<Eigen::Index>& m_cards;
  std::vector<Eigen::Index> m_stride;
  std::vector<Eigen::Index> m_x;
  Eigen::Index m_target = 0;
};

/// Calls f(file_column, column) for file_column = 0 .. columns - 1, the parent configurations
/// in file order (the last parent fastest); `column` is the same configuration's index with
/// the first parent fastest. `cards`: the parents' cardinalities, in order.
template <class F>
void for_each_file_column(std::span<const Eigen::Index> cards, Eigen::Index columns, F&& f) {
  std::vector<Eigen::Index> all{1};  // column_odometer's cards start with the child's
  all.insert(all.end(), cards.begin(), cards.end());
  column_odometer order(all);
  for (Eigen::Index c = 0; c < columns; ++c) {
    f(c, order.column());
    order.advance();
  }
}

}  // namespace pitchrisk::detail
