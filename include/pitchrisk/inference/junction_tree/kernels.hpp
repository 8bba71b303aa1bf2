// SPDX-License-Identifier: MIT
// The inner loops of junction-tree propagation. A clique table is seen as `outer` blocks
// of `inner` contiguous entries; a precomputed map gives the separator entry of each
// block (or none: the identity). Marginalising, multiplying, and applying evidence are
// then straight loops with no index arithmetic per entry and no allocation.
#pragma once

#include "pitchrisk/fwd.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace pitchrisk::detail {

/// How the entries of one clique table map to the entries of one adjacent separator. The
/// table is `outer` runs of `run` blocks of `inner` contiguous entries: the entries of a
/// block share one separator entry, and within a run the separator entry advances by
/// `run_stride` per block. A precomputed map gives each run's first separator entry (or
/// there is one run, starting at separator entry 0: offset -1).
struct jt_map {
  Eigen::Index inner = 1;
  Eigen::Index run = 1;
  Eigen::Index run_stride = 1;
  Eigen::Index outer = 1;
  std::int64_t offset = -1;  ///< start of the run -> separator table in the engine's maps, or -1
};
/// Sum of `n` contiguous entries (four partial sums: independent chains, a fixed order).
template <class Real>
inline Real jt_block_sum(const Real* p, Eigen::Index n) noexcept {
  switch (n) {
    case 1: return p[0];
    case 2: return p[0] + p[1];
    case 3: return p[0] + p[1] + p[2];
    case 4: return (p[0] + p[1]) + (p[2] + p[3]);
    default: break;
  }
  Real s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  Eigen::Index i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += p[i];
    s1 += p[i + 1];
    s2 += p[i + 2];
    s3 += p[i + 3];
  }
  for (; i < n; ++i) s0 += p[i];
  return (s0 + s1) + (s2 + s3);
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
  const Eigen::Index inner = m.inner, run = m.run, rs = m.run_stride;
  const std::uint32_t* map = m.offset < 0 ? nullptr : maps + m.offset;
  if (!map && rs == 1) {  // one run over the whole separator: every entry written once
    if (inner == 1) std::copy(pot, pot + run, out);
    else
      for (Eigen::Index j = 0; j < run; ++j)
        out[j] = Max ? jt_block_max(pot + j * inner, inner) : jt_block_sum(pot + j * inner, inner);
    return;
  }
  std::fill(out, out + sep_size, Real(0));
  const Real* p = pot;
  for (Eigen::Index o = 0; o < m.outer; ++o, p += run * inner) {
    Real* t = out + (map ? static_cast<Eigen::Index>(map[o]) : 0);
    if (inner == 1) {
      if (rs == 1)
        for (Eigen::Index j = 0; j < run; ++j) t[j] = Max ? std::max(t[j], p[j]) : t[j] + p[j];
      else
        for (Eigen::Index j = 0; j < run; ++j) t[j * rs] = Max ? std::max(t[j * rs], p[j]) : t[j * rs] + p[j];
      continue;
    }
    if (!Max && inner == 2) {
      for (Eigen::Index j = 0; j < run; ++j) t[j * rs] += p[2 * j] + p[2 * j + 1];
      continue;
    }
    if (!Max && inner == 3) {
      for (Eigen::Index j = 0; j < run; ++j) t[j * rs] += p[3 * j] + p[3 * j + 1] + p[3 * j + 2];
      continue;
    }
    for (Eigen::Index j = 0; j < run; ++j) {
      const Real b = Max ? jt_block_max(p + j * inner, inner) : jt_block_sum(p + j * inner, inner);
      t[j * rs] = Max ? std::max(t[j * rs], b) : t[j * rs] + b;
    }
  }
}

/// out[entry] = pot[entry] * f(separator entry of that entry), f a callable (inlined);
/// `out` may be `pot`. Broadcast: out[entry] = f(separator entry), `pot` unread.
template <bool Broadcast = false, class Real, class F>
inline void jt_multiply_into(Real* out, const Real* pot, const jt_map& m, const std::uint32_t* maps, F f) noexcept {
  const Eigen::Index inner = m.inner, run = m.run, rs = m.run_stride;
  const std::uint32_t* map = m.offset < 0 ? nullptr : maps + m.offset;
  const Real* p = pot;
  Real* d = out;
  for (Eigen::Index o = 0; o < m.outer; ++o, p += run * inner, d += run * inner) {
    const Eigen::Index g0 = map ? static_cast<Eigen::Index>(map[o]) : 0;
    auto g = [&](Eigen::Index k) { return f(g0 + k); };
    if (inner == 1) {
      if (rs == 1)
        for (Eigen::Index j = 0; j < run; ++j) d[j] = Broadcast ? g(j) : p[j] * g(j);
      else
        for (Eigen::Index j = 0; j < run; ++j) d[j] = Broadcast ? g(j * rs) : p[j] * g(j * rs);
      continue;
    }
    // Short blocks (the common case in small cliques) unrolled.
    switch (inner) {
      case 2:
        for (Eigen::Index j = 0; j < run; ++j) {
          const Real x = g(j * rs);
          d[2 * j] = Broadcast ? x : p[2 * j] * x;
          d[2 * j + 1] = Broadcast ? x : p[2 * j + 1] * x;
        }
        break;
      case 3:
        for (Eigen::Index j = 0; j < run; ++j) {
          const Real x = g(j * rs);
          d[3 * j] = Broadcast ? x : p[3 * j] * x;
          d[3 * j + 1] = Broadcast ? x : p[3 * j + 1] * x;
          d[3 * j + 2] = Broadcast ? x : p[3 * j + 2] * x;
        }
        break;
      case 4:
        for (Eigen::Index j = 0; j < run; ++j) {
          const Real x = g(j * rs);
          d[4 * j] = Broadcast ? x : p[4 * j] * x;
          d[4 * j + 1] = Broadcast ? x : p[4 * j + 1] * x;
          d[4 * j + 2] = Broadcast ? x : p[4 * j + 2] * x;
          d[4 * j + 3] = Broadcast ? x : p[4 * j + 3] * x;
        }
        break;
      default:
        for (Eigen::Index j = 0; j < run; ++j) {
          const Real x = g(j * rs);
          const Real* q = p + j * inner;
          Real* r = d + j * inner;
          for (Eigen::Index i = 0; i < inner; ++i) r[i] = Broadcast ? x : q[i] * x;
        }
    }
  }
}

/// pot[entry] *= f(separator entry of that entry), f a callable (inlined).
template <class Real, class F>
inline void jt_multiply_by(Real* pot, const jt_map& m, const std::uint32_t* maps, F f) noexcept {
  jt_multiply_into(pot, static_cast<const Real*>(pot), m, maps, f);
}

/// pot[entry] *= f[separator entry of that entry].
template <class Real>
inline void jt_multiply(Real* pot, const jt_map& m, const std::uint32_t* maps, const Real* f) noexcept {
  jt_multiply_by(pot, m, maps, [f](Eigen::Index k) { return f[k]; });
}

/// Largest of `n` entries (four partial maxima).
template <class Real>
inline Real jt_max(const Real* p, Eigen::Index n) noexcept {
  Real m0 = 0, m1 = 0, m2 = 0, m3 = 0;
  Eigen::Index i = 0;
  for (; i + 4 <= n; i += 4) {
    m0 = p[i] > m0 ? p[i] : m0;
    m1 = p[i + 1] > m1 ? p[i + 1] : m1;
    m2 = p[i + 2] > m2 ? p[i + 2] : m2;
    m3 = p[i + 3] > m3 ? p[i + 3] : m3;
  }
  for (; i < n; ++i) m0 = p[i] > m0 ? p[i] : m0;
  return std::max(std::max(m0, m1), std::max(m2, m3));
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

/// out = pot where v (stride, card) is in `state`, 0 elsewhere; `out` may be `pot`
/// (selects, not fills: small tables would spend their time in calls to memset).
template <class Real>
inline void jt_select_state(Real* out, const Real* pot, Eigen::Index size, Eigen::Index stride, Eigen::Index card,
                            Eigen::Index state) noexcept {
  const Eigen::Index block = stride * card;
  if (stride == 1) {
    for (Eigen::Index r = 0; r < size; r += block)
      for (Eigen::Index j = 0; j < card; ++j) out[r + j] = j == state ? pot[r + j] : Real(0);
    return;
  }
  for (Eigen::Index r = 0; r < size; r += block)
    for (Eigen::Index j = 0; j < card; ++j) {
      const Real keep = j == state ? Real(1) : Real(0);
      const Real* p = pot + r + j * stride;
      Real* q = out + r + j * stride;
      for (Eigen::Index i = 0; i < stride; ++i) q[i] = p[i] * keep;
    }
}

/// Zeroes every entry where v is not in `state`.
template <class Real>
inline void jt_apply_hard(Real* pot, Eigen::Index size, Eigen::Index stride, Eigen::Index card,
                          Eigen::Index state) noexcept {
  jt_select_state(pot, static_cast<const Real*>(pot), size, stride, card, state);
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

/// Walks a table of `cards` (first fastest, contiguous) against another table whose
/// stride along each dimension is `strides` (0 where it does not depend on it), in runs:
/// run(first entry, length, offset in the other table, its stride within the run).
/// Dimensions contiguous in both are merged first, so runs are long.
/// No allocation: a table of Eigen::Index entries has at most 62 dimensions of two or more.
template <class Run>
inline void jt_for_each_run(std::span<const Eigen::Index> cards, std::span<const Eigen::Index> strides, Run&& run) {
  constexpr std::size_t max_dims = 64;
  std::array<Eigen::Index, max_dims> mc{}, ms{}, counter{};
  std::size_t dims = 0;
  for (std::size_t i = 0; i < cards.size(); ++i) {
    if (cards[i] == 1) continue;
    if (cards[i] == 0) return;
    if (dims > 0 && strides[i] == ms[dims - 1] * mc[dims - 1]) {
      mc[dims - 1] *= cards[i];
    } else {
      assert(dims < max_dims);
      mc[dims] = cards[i];
      ms[dims] = strides[i];
      ++dims;
    }
  }
  if (dims == 0) {
    run(Eigen::Index{0}, Eigen::Index{1}, Eigen::Index{0}, Eigen::Index{0});
    return;
  }
  const Eigen::Index n0 = mc[0], s0 = ms[0];
  Eigen::Index off = 0, first = 0;
  for (;;) {
    run(first, n0, off, s0);
    first += n0;
    std::size_t d = 1;
    for (; d < dims; ++d) {
      off += ms[d];
      if (++counter[d] < mc[d]) break;
      off -= ms[d] * mc[d];
      counter[d] = 0;
    }
    if (d == dims) return;
  }
}

/// t[entry] *= values[the other table's offset of that entry] (see jt_for_each_run).
/// Returns true if a product of two positive numbers fell below the normal range (its
/// value is then lost or imprecise).
template <class Real>
inline bool jt_multiply_strided(Real* t, std::span<const Eigen::Index> cards, std::span<const Eigen::Index> strides,
                                const Real* values) {
  const Real tiny = std::numeric_limits<Real>::min();
  bool lost = false;
  jt_for_each_run(cards, strides, [&](Eigen::Index first, Eigen::Index n, Eigen::Index off, Eigen::Index stride) {
    Real* p = t + first;
    const Real* v = values + off;
    if (stride == 0) {
      const Real x = *v;
      if (!(x > Real(0))) {
        std::fill(p, p + n, Real(0));
        return;
      }
      for (Eigen::Index i = 0; i < n; ++i) {
        const Real before = p[i];
        p[i] *= x;
        lost |= before > Real(0) && p[i] < tiny;
      }
      return;
    }
    for (Eigen::Index i = 0; i < n; ++i) {
      const Real before = p[i], x = v[i * stride];
      p[i] *= x;
      lost |= before > Real(0) && x > Real(0) && p[i] < tiny;
    }
  });
  return lost;
}

/// out[entry] = base + the other table's offset of that entry (see jt_for_each_run).
template <class Out>
inline void jt_fill_offsets(Out* out, std::span<const Eigen::Index> cards, std::span<const Eigen::Index> strides,
                            Eigen::Index base = 0) {
  jt_for_each_run(cards, strides, [&](Eigen::Index first, Eigen::Index n, Eigen::Index off, Eigen::Index stride) {
    for (Eigen::Index i = 0; i < n; ++i) out[first + i] = static_cast<Out>(base + off + i * stride);
  });
}

/// out[entry] = values[base + the other table's offset of that entry].
template <class Real>
inline void jt_gather(Real* out, std::span<const Eigen::Index> cards, std::span<const Eigen::Index> strides,
                      const Real* values) {
  jt_for_each_run(cards, strides, [&](Eigen::Index first, Eigen::Index n, Eigen::Index off, Eigen::Index stride) {
    for (Eigen::Index i = 0; i < n; ++i) out[first + i] = values[off + i * stride];
  });
}

/// The map of a table over `vars` (layout order, `cards`) onto a separator over `sep_vars`
/// (`sep_cards`, a subset of `vars`): leading variables outside the separator form the
/// blocks; the following separator variables whose separator strides continue each other
/// form the runs; when more follow, a map appended to `maps` gives the start of each run.
template <class Maps>
inline jt_map jt_map_onto(std::span<const variable_id> vars, std::span<const Eigen::Index> cards,
                          std::span<const variable_id> sep_vars, std::span<const Eigen::Index> sep_cards, Maps& maps) {
  std::vector<Eigen::Index> stride_in_sep(vars.size(), 0);
  for (std::size_t i = 0; i < vars.size(); ++i) {
    Eigen::Index st = 1;
    for (std::size_t j = 0; j < sep_vars.size(); st *= sep_cards[j], ++j)
      if (sep_vars[j] == vars[i]) stride_in_sep[i] = st;
  }
  Eigen::Index size = 1;
  for (const Eigen::Index k : cards) size *= k;
  std::size_t first = 0;
  Eigen::Index inner = 1;
  for (; first < vars.size() && stride_in_sep[first] == 0; ++first) inner *= cards[first];
  std::size_t last = first;
  Eigen::Index run = 1, run_stride = 1;
  if (first < vars.size()) {
    run_stride = stride_in_sep[first];
    for (; last < vars.size() && stride_in_sep[last] == run_stride * run; ++last) run *= cards[last];
  }
  jt_map m{inner, run, run_stride, size / (inner * run), -1};
  if (last < vars.size()) {
    m.offset = static_cast<std::int64_t>(maps.size());
    const std::size_t start = maps.size();
    maps.resize(start + static_cast<std::size_t>(m.outer));
    jt_fill_offsets(maps.data() + start, cards.subspan(last), std::span<const Eigen::Index>(stride_in_sep).subspan(last));
  }
  return m;
}

}  // namespace pitchrisk::detail
