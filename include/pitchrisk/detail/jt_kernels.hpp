// SPDX-License-Identifier: MIT
// The inner loops of junction-tree propagation. A clique table is seen as `outer` blocks
// of `inner` contiguous entries; a precomputed map gives the separator entry of each
// block (or none: the identity). Marginalising, multiplying, and applying evidence are
// then straight loops with no index arithmetic per entry and no allocation.
#pragma once

#include <Eigen/Core>

#include <algorithm>
#include <cstdint>

namespace pitchrisk::detail {

/// How the entries of one clique table map to the entries of one adjacent separator.
struct jt_map {
  Eigen::Index inner = 1;    ///< contiguous entries sharing one separator entry
  Eigen::Index outer = 1;    ///< number of blocks (clique size / inner)
  std::int64_t offset = -1;  ///< start of the block -> separator table, or -1 for the identity
};

/// Sum of `n` contiguous entries (Eigen's packet reduction for long runs).
template <class Real>
inline Real jt_block_sum(const Real* p, Eigen::Index n) noexcept {
  switch (n) {
    case 1: return p[0];
    case 2: return p[0] + p[1];
    case 3: return p[0] + p[1] + p[2];
    case 4: return (p[0] + p[1]) + (p[2] + p[3]);
    default: break;
  }
  if (n < 16) {
    Real s = 0;
    for (Eigen::Index i = 0; i < n; ++i) s += p[i];
    return s;
  }
  return Eigen::Map<const Eigen::Array<Real, Eigen::Dynamic, 1>>(p, n).sum();
}

template <class Real>
inline Real jt_block_max(const Real* p, Eigen::Index n) noexcept {
  Real m = p[0];
  for (Eigen::Index i = 1; i < n; ++i) m = std::max(m, p[i]);
  return m;
}

/// out[s] = sum (or max) of the clique entries mapping to separator entry s.
template <bool Max, class Real>
inline void jt_marginalise(const Real* pot, const jt_map& m, const std::uint32_t* maps, Real* out,
                           Eigen::Index sep_size) noexcept {
  const Eigen::Index inner = m.inner, outer = m.outer;
  if (m.offset < 0) {
    for (Eigen::Index o = 0; o < outer; ++o)
      out[o] = Max ? jt_block_max(pot + o * inner, inner) : jt_block_sum(pot + o * inner, inner);
    return;
  }
  std::fill(out, out + sep_size, Real(0));
  const std::uint32_t* map = maps + m.offset;
  if (inner == 1) {
    for (Eigen::Index o = 0; o < outer; ++o) {
      Real& t = out[map[o]];
      t = Max ? std::max(t, pot[o]) : t + pot[o];
    }
    return;
  }
  for (Eigen::Index o = 0; o < outer; ++o) {
    Real& t = out[map[o]];
    const Real b = Max ? jt_block_max(pot + o * inner, inner) : jt_block_sum(pot + o * inner, inner);
    t = Max ? std::max(t, b) : t + b;
  }
}

/// pot[entry] *= f[separator entry of that entry].
template <class Real>
inline void jt_multiply(Real* pot, const jt_map& m, const std::uint32_t* maps, const Real* f) noexcept {
  const Eigen::Index inner = m.inner, outer = m.outer;
  const std::uint32_t* map = m.offset < 0 ? nullptr : maps + m.offset;
  if (inner == 1) {
    if (map)
      for (Eigen::Index o = 0; o < outer; ++o) pot[o] *= f[map[o]];
    else
      for (Eigen::Index o = 0; o < outer; ++o) pot[o] *= f[o];
    return;
  }
  for (Eigen::Index o = 0; o < outer; ++o) {
    const Real x = f[map ? static_cast<Eigen::Index>(map[o]) : o];
    Real* p = pot + o * inner;
    for (Eigen::Index i = 0; i < inner; ++i) p[i] *= x;
  }
}

/// Largest of `n` entries (Eigen's packet reduction).
template <class Real>
inline Real jt_max(const Real* p, Eigen::Index n) noexcept {
  return Eigen::Map<const Eigen::Array<Real, Eigen::Dynamic, 1>>(p, n).maxCoeff();
}

/// Multiplies `n` entries by `x`.
template <class Real>
inline void jt_scale(Real* pot, Eigen::Index n, Real x) noexcept {
  for (Eigen::Index i = 0; i < n; ++i) pot[i] *= x;
}

/// Multiplies a table by lambda[state of v], v having stride `stride` and `card` states.
template <class Real, class Lambda>
inline void jt_apply_likelihood(Real* pot, Eigen::Index size, Eigen::Index stride, Eigen::Index card,
                                const Lambda* lambda) noexcept {
  const Eigen::Index block = stride * card;
  for (Eigen::Index r = 0; r < size; r += block)
    for (Eigen::Index j = 0; j < card; ++j) {
      const Real x = static_cast<Real>(lambda[j]);
      Real* p = pot + r + j * stride;
      for (Eigen::Index i = 0; i < stride; ++i) p[i] *= x;
    }
}

/// Zeroes every entry where v is not in `state`.
template <class Real>
inline void jt_apply_hard(Real* pot, Eigen::Index size, Eigen::Index stride, Eigen::Index card,
                          Eigen::Index state) noexcept {
  const Eigen::Index block = stride * card;
  for (Eigen::Index r = 0; r < size; r += block) {
    std::fill(pot + r, pot + r + state * stride, Real(0));
    std::fill(pot + r + (state + 1) * stride, pot + r + block, Real(0));
  }
}

/// out[j] = sum of the entries where v (stride, card) is in state j.
template <class Real>
inline void jt_variable_marginal(const Real* pot, Eigen::Index size, Eigen::Index stride, Eigen::Index card,
                                 Real* out) noexcept {
  std::fill(out, out + card, Real(0));
  const Eigen::Index block = stride * card;
  for (Eigen::Index r = 0; r < size; r += block)
    for (Eigen::Index j = 0; j < card; ++j) out[j] += jt_block_sum(pot + r + j * stride, stride);
}

}  // namespace pitchrisk::detail
