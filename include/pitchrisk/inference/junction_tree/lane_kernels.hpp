// SPDX-License-Identifier: MIT
// The inner loops of junction_tree_lanes (a clique table times a message, sums into a
// separator, ...), each over the lanes of a table entry, and the instruction set they run:
// on x86-64 with GCC or Clang, a copy compiled for AVX2 is chosen at run time where the
// processor has it (half the instructions per entry; the lanes are bound by instructions and
// stores). An AVX-512 copy was no faster than AVX2 on the approach model, so there is none.
// Both do the same operations in the same order (no FMA): the same numbers bit for bit.
#pragma once

#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/junction_tree/kernels.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PITCHRISK_LANES_X86 1
#else
#define PITCHRISK_LANES_X86 0
#endif

namespace pitchrisk::detail {

/// The instruction sets of the lanes' kernels, in increasing width.
enum class jt_lane_isa : int { portable = 0, avx2 = 1 };

/// The name of an instruction set ("portable", "avx2").
[[nodiscard]] constexpr std::string_view jt_lane_isa_name(jt_lane_isa isa) noexcept;
/// The set named `name` (as jt_lane_isa_name). Throws: error naming PITCHRISK_LANES_ISA (where
/// names come from) and `name` if it is none.
[[nodiscard]] jt_lane_isa jt_lane_isa_parse(std::string_view name);
/// The widest set this processor runs (portable where the copies are not compiled).
[[nodiscard]] jt_lane_isa jt_lane_isa_supported() noexcept;
/// The set in use: the widest supported, or the environment variable PITCHRISK_LANES_ISA
/// (portable or avx2, capped to what is supported), or the last jt_lane_isa_use().
/// Throws: error naming the variable and its value if it is none of those names.
[[nodiscard]] jt_lane_isa jt_lane_isa_in_use();
/// Makes later propagations (of every thread) use `isa`, capped to what is supported; returns
/// the set now in use. For tests and benchmarks comparing the copies.
jt_lane_isa jt_lane_isa_use(jt_lane_isa isa) noexcept;

/// Sums of `n` lane-interleaved entries per lane, in jt_block_sum's order.
template <int L, class Real>
inline void jt_lane_block_sum(const Real* p, Eigen::Index n, Real* out) noexcept {
  switch (n) {
    case 1:
      for (int l = 0; l < L; ++l) out[l] = p[l];
      return;
    case 2:
      for (int l = 0; l < L; ++l) out[l] = p[l] + p[L + l];
      return;
    case 3:
      for (int l = 0; l < L; ++l) out[l] = p[l] + p[L + l] + p[2 * L + l];
      return;
    case 4:
      for (int l = 0; l < L; ++l) out[l] = (p[l] + p[L + l]) + (p[2 * L + l] + p[3 * L + l]);
      return;
    default: break;
  }
  std::array<Real, L> s0{}, s1{}, s2{}, s3{};
  Eigen::Index i = 0;
  for (; i + 4 <= n; i += 4) {
    const Real* q = p + i * L;
    for (int l = 0; l < L; ++l) {
      s0[l] += q[l];
      s1[l] += q[L + l];
      s2[l] += q[2 * L + l];
      s3[l] += q[3 * L + l];
    }
  }
  for (; i < n; ++i)
    for (int l = 0; l < L; ++l) s0[l] += p[i * L + l];
  for (int l = 0; l < L; ++l) out[l] = (s0[l] + s1[l]) + (s2[l] + s3[l]);
}

/// t[l] (+)= the sum of `inner` lane-interleaved entries at p, per lane, in jt_block_sum's
/// order (Add: added to t, else written); the short blocks inline.
template <bool Add, int L, class Real>
inline void jt_lane_block_into(const Real* p, Eigen::Index inner, Real* t) noexcept {
  switch (inner) {
    case 1:
      for (int l = 0; l < L; ++l) t[l] = Add ? t[l] + p[l] : p[l];
      return;
    case 2:
      for (int l = 0; l < L; ++l) t[l] = Add ? t[l] + (p[l] + p[L + l]) : p[l] + p[L + l];
      return;
    case 3:
      for (int l = 0; l < L; ++l) {
        const Real x = p[l] + p[L + l] + p[2 * L + l];
        t[l] = Add ? t[l] + x : x;
      }
      return;
    case 4:
      for (int l = 0; l < L; ++l) {
        const Real x = (p[l] + p[L + l]) + (p[2 * L + l] + p[3 * L + l]);
        t[l] = Add ? t[l] + x : x;
      }
      return;
    default: {
      std::array<Real, L> b;
      jt_lane_block_sum<L>(p, inner, b.data());
      for (int l = 0; l < L; ++l) t[l] = Add ? t[l] + b[l] : b[l];
    }
  }
}

/// jt_marginalise<false> in every lane (the same sums in the same order).
template <int L, class Real>
inline void jt_lane_marginalise(const Real* pot, const jt_map& m, const std::uint32_t* maps, Real* out,
                                Eigen::Index sep_size) noexcept {
  const Eigen::Index inner = m.inner, run = m.run, rs = m.run_stride;
  const std::uint32_t* map = m.offset < 0 ? nullptr : maps + m.offset;
  if (!map && rs == 1) {
    if (inner == 1) std::copy(pot, pot + run * L, out);
    else
      for (Eigen::Index j = 0; j < run; ++j) jt_lane_block_into<false, L>(pot + j * inner * L, inner, out + j * L);
    return;
  }
  std::fill(out, out + sep_size * L, Real(0));
  const Real* p = pot;
  for (Eigen::Index o = 0; o < m.outer; ++o, p += run * inner * L) {
    Real* t = out + (map ? static_cast<Eigen::Index>(map[o]) : 0) * L;
    for (Eigen::Index j = 0; j < run; ++j) jt_lane_block_into<true, L>(p + j * inner * L, inner, t + j * rs * L);
  }
}

/// out[entry] = pot[entry] * f[separator entry] per lane (Broadcast: f only); out may be pot.
template <bool Broadcast, int L, class Real>
inline void jt_lane_multiply_into(Real* out, const Real* pot, const jt_map& m, const std::uint32_t* maps,
                                  const Real* f) noexcept {
  const Eigen::Index inner = m.inner, run = m.run, rs = m.run_stride;
  const std::uint32_t* map = m.offset < 0 ? nullptr : maps + m.offset;
  const Eigen::Index block = run * inner * L;
  for (Eigen::Index o = 0; o < m.outer; ++o) {
    const Real* p = pot + o * block;
    Real* d = out + o * block;
    const Eigen::Index g0 = map ? static_cast<Eigen::Index>(map[o]) : 0;
    for (Eigen::Index j = 0; j < run; ++j) {
      const Real* x = f + (g0 + j * rs) * L;
      for (Eigen::Index i = 0; i < inner; ++i) {
        const Real* q = p + (j * inner + i) * L;
        Real* r = d + (j * inner + i) * L;
        for (int l = 0; l < L; ++l) r[l] = Broadcast ? x[l] : q[l] * x[l];
      }
    }
  }
}

/// out = pot where v (stride, card) is in `state`, 0 elsewhere, every lane; out may be pot.
template <int L, class Real>
inline void jt_lane_select_state(Real* out, const Real* pot, Eigen::Index size, Eigen::Index stride, Eigen::Index card,
                                 Eigen::Index state) noexcept {
  const Eigen::Index block = stride * card;
  for (Eigen::Index r = 0; r < size; r += block)
    for (Eigen::Index j = 0; j < card; ++j) {
      const Eigen::Index first = (r + j * stride) * L, last = first + stride * L;
      if (j == state) {
        if (out != pot) std::copy(pot + first, pot + last, out + first);
      } else {
        std::fill(out + first, out + last, Real(0));
      }
    }
}

/// Multiplies every lane of a table by lambda[state of v]: jt_apply_likelihood on the
/// interleaved table, each entry L numbers long (the same products).
template <int L, class Real>
inline void jt_lane_apply_likelihood(Real* pot, Eigen::Index size, Eigen::Index stride, Eigen::Index card,
                                     const double* lambda) noexcept {
  jt_apply_likelihood(pot, size * L, stride * L, card, lambda);
}

/// msg[b] = the sum over r of the block sums of `stride` entries at in + (b inner + state
/// stride + r period), r < inner / period, per lane: jt_slice_message's sums, b < run.
template <int L, class Real>
inline void jt_lane_slice_sums(const Real* in, Eigen::Index run, Eigen::Index inner, Eigen::Index period,
                               Eigen::Index stride, Eigen::Index state, Real* msg) noexcept {
  const Eigen::Index reps = inner / period;
  std::array<Real, L> acc, part;
  for (Eigen::Index b = 0; b < run; ++b) {
    const Real* p = in + (b * inner + state * stride) * L;
    acc.fill(Real(0));
    for (Eigen::Index r = 0; r < reps; ++r, p += period * L) {
      jt_lane_block_sum<L>(p, stride, part.data());
      for (int l = 0; l < L; ++l) acc[l] += part[l];
    }
    std::copy(acc.begin(), acc.end(), msg + b * L);
  }
}

/// jt_block_sum over n entries `step` apart (one lane of an interleaved table).
template <class Real>
inline Real jt_strided_block_sum(const Real* p, Eigen::Index n, Eigen::Index step) noexcept {
  switch (n) {
    case 1: return p[0];
    case 2: return p[0] + p[step];
    case 3: return p[0] + p[step] + p[2 * step];
    case 4: return (p[0] + p[step]) + (p[2 * step] + p[3 * step]);
    default: break;
  }
  Real s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  Eigen::Index i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += p[i * step];
    s1 += p[(i + 1) * step];
    s2 += p[(i + 2) * step];
    s3 += p[(i + 3) * step];
  }
  for (; i < n; ++i) s0 += p[i * step];
  return (s0 + s1) + (s2 + s3);
}


/// The kernels a lane collector calls, compiled for the build's target and inlined.
struct jt_lane_portable {
  template <int L, class Real>
  static void multiply(Real* out, const Real* pot, const jt_map& m, const std::uint32_t* maps, const Real* f) noexcept {
    jt_lane_multiply_into<false, L>(out, pot, m, maps, f);
  }
  template <int L, class Real>
  static void broadcast(Real* out, const jt_map& m, const std::uint32_t* maps, const Real* f) noexcept {
    jt_lane_multiply_into<true, L>(out, static_cast<const Real*>(out), m, maps, f);
  }
  template <int L, class Real>
  static void marginalise(const Real* pot, const jt_map& m, const std::uint32_t* maps, Real* out,
                          Eigen::Index sep_size) noexcept {
    jt_lane_marginalise<L>(pot, m, maps, out, sep_size);
  }
  template <int L, class Real>
  static void block_sum(const Real* p, Eigen::Index n, Real* out) noexcept {
    jt_lane_block_sum<L>(p, n, out);
  }
  template <int L, class Real>
  static void apply_likelihood(Real* pot, Eigen::Index size, Eigen::Index stride, Eigen::Index card,
                               const double* lambda) noexcept {
    jt_lane_apply_likelihood<L>(pot, size, stride, card, lambda);
  }
  template <int L, class Real>
  static void slice_sums(const Real* in, Eigen::Index run, Eigen::Index inner, Eigen::Index period, Eigen::Index stride,
                         Eigen::Index state, Real* msg) noexcept {
    jt_lane_slice_sums<L>(in, run, inner, period, stride, state, msg);
  }
  /// out[i] = a[i] * b[i], n numbers.
  template <class Real>
  static void times(Real* out, const Real* a, const Real* b, Eigen::Index n) noexcept {
    for (Eigen::Index i = 0; i < n; ++i) out[i] = a[i] * b[i];
  }
  /// p[entry][lane] *= f[lane] over `entries` entries.
  template <int L, class Real>
  static void scale_lanes(Real* p, Eigen::Index entries, const Real* f) noexcept {
    for (Eigen::Index i = 0; i < entries; ++i)
      for (int l = 0; l < L; ++l) p[i * L + l] *= f[l];
  }
};

#if PITCHRISK_LANES_X86
// The same kernels compiled for a wider instruction set: each member is one out-of-line copy
// of jt_lane_portable's (flatten inlines the portable kernel into it, so it is compiled for the
// member's target; the target has no FMA, so nothing is contracted).
#define PITCHRISK_LANES_KERNEL_SET(NAME, TARGET)                                                                      \
  struct NAME {                                                                                                      \
    template <int L, class Real>                                                                                     \
    [[gnu::target(TARGET), gnu::flatten, gnu::noinline]] static void multiply(                                       \
        Real* out, const Real* pot, const jt_map& m, const std::uint32_t* maps, const Real* f) noexcept {           \
      jt_lane_portable::multiply<L>(out, pot, m, maps, f);                                                          \
    }                                                                                                                \
    template <int L, class Real>                                                                                     \
    [[gnu::target(TARGET), gnu::flatten, gnu::noinline]] static void broadcast(Real* out, const jt_map& m,          \
                                                                               const std::uint32_t* maps,            \
                                                                               const Real* f) noexcept {             \
      jt_lane_portable::broadcast<L>(out, m, maps, f);                                                              \
    }                                                                                                                \
    template <int L, class Real>                                                                                     \
    [[gnu::target(TARGET), gnu::flatten, gnu::noinline]] static void marginalise(                                    \
        const Real* pot, const jt_map& m, const std::uint32_t* maps, Real* out, Eigen::Index sep_size) noexcept {    \
      jt_lane_portable::marginalise<L>(pot, m, maps, out, sep_size);                                                \
    }                                                                                                                \
    template <int L, class Real>                                                                                     \
    [[gnu::target(TARGET), gnu::flatten, gnu::noinline]] static void block_sum(const Real* p, Eigen::Index n,      \
                                                                               Real* out) noexcept {                 \
      jt_lane_portable::block_sum<L>(p, n, out);                                                                    \
    }                                                                                                                \
    template <int L, class Real>                                                                                     \
    [[gnu::target(TARGET), gnu::flatten, gnu::noinline]] static void apply_likelihood(                               \
        Real* pot, Eigen::Index size, Eigen::Index stride, Eigen::Index card, const double* lambda) noexcept {       \
      jt_lane_portable::apply_likelihood<L>(pot, size, stride, card, lambda);                                       \
    }                                                                                                                \
    template <int L, class Real>                                                                                     \
    [[gnu::target(TARGET), gnu::flatten, gnu::noinline]] static void slice_sums(                                     \
        const Real* in, Eigen::Index run, Eigen::Index inner, Eigen::Index period, Eigen::Index stride,              \
        Eigen::Index state, Real* msg) noexcept {                                                                   \
      jt_lane_portable::slice_sums<L>(in, run, inner, period, stride, state, msg);                                  \
    }                                                                                                                \
    template <class Real>                                                                                            \
    [[gnu::target(TARGET), gnu::flatten, gnu::noinline]] static void times(Real* out, const Real* a, const Real* b, \
                                                                           Eigen::Index n) noexcept {                \
      jt_lane_portable::times(out, a, b, n);                                                                         \
    }                                                                                                                \
    template <int L, class Real>                                                                                     \
    [[gnu::target(TARGET), gnu::flatten, gnu::noinline]] static void scale_lanes(Real* p, Eigen::Index entries,    \
                                                                                 const Real* f) noexcept {           \
      jt_lane_portable::scale_lanes<L>(p, entries, f);                                                              \
    }                                                                                                                \
  }
/// The kernels compiled for AVX2 (4 doubles per instruction).
PITCHRISK_LANES_KERNEL_SET(jt_lane_avx2, "avx2");
#undef PITCHRISK_LANES_KERNEL_SET
#endif

/// f(kernel set) with the set in use (jt_lane_isa_in_use()).
template <class F>
decltype(auto) jt_with_lane_kernels(F&& f) {
#if PITCHRISK_LANES_X86
  switch (jt_lane_isa_in_use()) {
    case jt_lane_isa::avx2: return f(jt_lane_avx2{});
    case jt_lane_isa::portable: break;
  }
#endif
  return f(jt_lane_portable{});
}

// ---------------------------------------------------------------------------------------
// Definitions

constexpr std::string_view jt_lane_isa_name(jt_lane_isa isa) noexcept {
  switch (isa) {
    case jt_lane_isa::avx2: return "avx2";
    case jt_lane_isa::portable: break;
  }
  return "portable";
}

inline jt_lane_isa jt_lane_isa_parse(std::string_view name) {
  for (const jt_lane_isa isa : {jt_lane_isa::portable, jt_lane_isa::avx2})
    if (name == jt_lane_isa_name(isa)) return isa;
  throw error("PITCHRISK_LANES_ISA is '" + std::string(name) + "', expected portable or avx2");
}

inline jt_lane_isa jt_lane_isa_supported() noexcept {
#if PITCHRISK_LANES_X86
  static const jt_lane_isa best = [] {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2")) return jt_lane_isa::avx2;
    return jt_lane_isa::portable;
  }();
  return best;
#else
  return jt_lane_isa::portable;
#endif
}

/// The set chosen (-1: not yet read from the environment).
inline std::atomic<int>& jt_lane_isa_choice() noexcept {
  static std::atomic<int> choice{-1};
  return choice;
}

inline jt_lane_isa jt_lane_isa_use(jt_lane_isa isa) noexcept {
  const jt_lane_isa use = std::min(isa, jt_lane_isa_supported());
  jt_lane_isa_choice().store(static_cast<int>(use), std::memory_order_relaxed);
  return use;
}

inline jt_lane_isa jt_lane_isa_in_use() {
  const int chosen = jt_lane_isa_choice().load(std::memory_order_relaxed);
  if (chosen >= 0) return static_cast<jt_lane_isa>(chosen);
  jt_lane_isa want = jt_lane_isa_supported();
  if (const char* env = std::getenv("PITCHRISK_LANES_ISA"); env && *env) want = jt_lane_isa_parse(env);
  const jt_lane_isa use = std::min(want, jt_lane_isa_supported());
  int expected = -1;  // a concurrent jt_lane_isa_use() wins
  jt_lane_isa_choice().compare_exchange_strong(expected, static_cast<int>(use), std::memory_order_relaxed);
  return static_cast<jt_lane_isa>(jt_lane_isa_choice().load(std::memory_order_relaxed));
}

}  // namespace pitchrisk::detail
