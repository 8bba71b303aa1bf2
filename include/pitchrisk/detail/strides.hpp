// SPDX-License-Identifier: MIT
// The one odometer behind every factor operation (libDAI's linear index): walk the entries
// of a table over ordered dimensions, first dimension fastest, carrying K running offsets
// into other tables whose strides were computed once per operation (0 where a table lacks
// a dimension). The innermost dimension is a plain loop; carries happen once per run.
#pragma once

#include <Eigen/Core>

#include <array>
#include <cstddef>
#include <span>
#include <vector>

namespace pitchrisk::detail {

/// Strides of a table whose dimensions have these cardinalities (first fastest).
[[nodiscard]] inline std::vector<Eigen::Index> natural_strides(std::span<const Eigen::Index> cards) {
  std::vector<Eigen::Index> s(cards.size());
  Eigen::Index acc = 1;
  for (std::size_t i = 0; i < cards.size(); ++i) {
    s[i] = acc;
    acc *= cards[i];
  }
  return s;
}

/// Calls `f(offsets)` for every entry of a table with dimensions `cards` (first fastest),
/// where offsets[k] = sum_d index[d] * strides[k][d]. Entries are visited in linear order,
/// so the entry number is implicit. Complexity: O(entries * K), no allocation per entry.
template <std::size_t K, class F>
void for_each_offset(std::span<const Eigen::Index> cards,
                     const std::array<const Eigen::Index*, K>& strides, F&& f) {
  const std::size_t dims = cards.size();
  std::array<Eigen::Index, K> off{};
  if (dims == 0) {
    f(off);
    return;
  }
  for (const Eigen::Index c : cards)
    if (c == 0) return;
  std::vector<Eigen::Index> counter(dims, 0);
  const Eigen::Index c0 = cards[0];
  std::array<Eigen::Index, K> s0{};
  for (std::size_t k = 0; k < K; ++k) s0[k] = strides[k][0];
  for (;;) {
    std::array<Eigen::Index, K> o = off;
    for (Eigen::Index i = 0; i < c0; ++i) {
      f(o);
      for (std::size_t k = 0; k < K; ++k) o[k] += s0[k];
    }
    std::size_t d = 1;
    for (; d < dims; ++d) {
      ++counter[d];
      for (std::size_t k = 0; k < K; ++k) off[k] += strides[k][d];
      if (counter[d] < cards[d]) break;
      for (std::size_t k = 0; k < K; ++k) off[k] -= strides[k][d] * cards[d];
      counter[d] = 0;
    }
    if (d == dims) return;
  }
}

}  // namespace pitchrisk::detail
