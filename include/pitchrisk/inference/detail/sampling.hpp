// SPDX-License-Identifier: MIT
// The machinery the samplers share: a small fast random generator (xoshiro256++) seeded per
// block of samples, the network compiled to flat CPT columns for forward sampling, a check
// that the evidence is possible (arc consistency on the CPTs' zeros), weighted sums kept
// with a binary exponent (no underflow), and a block runner whose result does not depend
// on the thread count: fixed blocks, each with its own stream, merged in block order.
#pragma once

#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/detail/random.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/sampling_result.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstdint>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace pitchrisk::detail {

/// The samplers' generator: the library's seeded stream (detail/random.hpp, xoshiro256++),
/// with the draws the samplers need.
class fast_rng {
 public:
  fast_rng(std::uint64_t seed, std::uint64_t stream) noexcept : m_stream(seed, stream) {}
  std::uint64_t next() noexcept { return m_stream(); }
  /// Uniform in [0, 1), 53 random bits.
  double uniform() noexcept { return m_stream.uniform(); }
  /// Uniform integer in [0, n).
  Eigen::Index below(Eigen::Index n) noexcept {
    return static_cast<Eigen::Index>(uniform() * static_cast<double>(n));
  }

 private:
  random_stream m_stream;
};

/// The network as flat CPT columns: for variable v, column c (parents' states, first
/// declared parent fastest) holds P(v = s | c) at table[table_offset[v] + c * card[v] + s].
struct flat_network {
  Eigen::Index n = 0;
  Eigen::Index total_states = 0;
  std::vector<variable_id> order;              ///< topological
  std::vector<Eigen::Index> card;
  std::vector<Eigen::Index> state_offset;      ///< first state of v in a flat per-state array
  std::vector<Eigen::Index> table_offset;      ///< first entry of v's CPT in `table`
  std::vector<Eigen::Index> columns;           ///< parent configurations of v
  std::vector<Eigen::Index> parent_begin;      ///< parents of v: parent_ids[parent_begin[v] ..)
  std::vector<variable_id> parent_ids;
  std::vector<Eigen::Index> parent_stride;     ///< column stride of each parent
  std::vector<double> table;

  [[nodiscard]] Eigen::Index column(variable_id v, const Eigen::Index* x) const noexcept {
    Eigen::Index c = 0;
    for (Eigen::Index i = parent_begin[static_cast<std::size_t>(v)]; i < parent_begin[static_cast<std::size_t>(v) + 1]; ++i)
      c += x[parent_ids[static_cast<std::size_t>(i)]] * parent_stride[static_cast<std::size_t>(i)];
    return c;
  }
  [[nodiscard]] const double* column_ptr(variable_id v, Eigen::Index c) const noexcept {
    return table.data() + table_offset[static_cast<std::size_t>(v)] + c * card[static_cast<std::size_t>(v)];
  }
};

template <class Real>
[[nodiscard]] flat_network flatten(const basic_network<Real>& net) {
  flat_network f;
  f.n = net.size();
  const auto n = static_cast<std::size_t>(f.n);
  f.order.assign(net.topological_order().begin(), net.topological_order().end());
  f.card.resize(n);
  f.state_offset.resize(n + 1);
  f.table_offset.resize(n + 1);
  f.columns.resize(n);
  f.parent_begin.resize(n + 1);
  f.state_offset[0] = f.table_offset[0] = f.parent_begin[0] = 0;
  for (std::size_t v = 0; v < n; ++v) {
    const auto id = static_cast<variable_id>(v);
    f.card[v] = net.cardinality(id);
    Eigen::Index stride = 1;
    for (const variable_id p : net.parents(id)) {
      f.parent_ids.push_back(p);
      f.parent_stride.push_back(stride);
      stride *= net.cardinality(p);
    }
    f.columns[v] = stride;
    f.parent_begin[v + 1] = static_cast<Eigen::Index>(f.parent_ids.size());
    f.state_offset[v + 1] = f.state_offset[v] + f.card[v];
    const Eigen::Array<Real, Eigen::Dynamic, 1> t = net.cpt_columns(id);
    f.table_offset[v + 1] = f.table_offset[v] + t.size();
    for (Eigen::Index i = 0; i < t.size(); ++i) f.table.push_back(static_cast<double>(t[i]));
  }
  f.total_states = f.state_offset[n];
  return f;
}

/// Cumulative sums of every column of `probs` (laid out as f.table), the last positive
/// entry of a column set to exactly 1, for inversion sampling with one uniform draw.
/// Columns that sum to zero stay all zero (never sampled: their weight is zero).
[[nodiscard]] inline std::vector<double> cumulative_columns(const flat_network& f, const std::vector<double>& probs) {
  std::vector<double> cdf(probs.size());
  for (std::size_t v = 0; v < static_cast<std::size_t>(f.n); ++v) {
    const Eigen::Index k = f.card[v];
    for (Eigen::Index c = 0; c < f.columns[v]; ++c) {
      const std::size_t base = static_cast<std::size_t>(f.table_offset[v] + c * k);
      double acc = 0, total = 0;
      for (Eigen::Index s = 0; s < k; ++s) total += probs[base + static_cast<std::size_t>(s)];
      Eigen::Index last = -1;
      for (Eigen::Index s = 0; s < k; ++s) {
        acc += probs[base + static_cast<std::size_t>(s)];
        cdf[base + static_cast<std::size_t>(s)] = total > 0 ? acc / total : 0.0;
        if (probs[base + static_cast<std::size_t>(s)] > 0) last = s;
      }
      if (last >= 0)
        for (Eigen::Index s = last; s < k; ++s) cdf[base + static_cast<std::size_t>(s)] = 1.0;
    }
  }
  return cdf;
}

/// Inversion: the first state whose cumulative probability exceeds u.
[[nodiscard]] inline Eigen::Index draw(const double* cdf, Eigen::Index k, double u) noexcept {
  Eigen::Index s = 0;
  while (s < k - 1 && u >= cdf[s]) ++s;
  return s;
}

/// The states each variable can take given the evidence: hard and soft findings restrict
/// their variable, then every CPT removes the states no possible configuration of its
/// family supports (generalised arc consistency, to a fixed point). Throws: evidence_error
/// naming a variable left without a possible state (the evidence is impossible).
/// A returned domain may still contain impossible states (consistency is not search).
[[nodiscard]] inline std::vector<std::vector<char>> possible_states(const flat_network& f, const resolved_evidence& ev,
                                                                    const std::vector<std::string>& names) {
  const auto n = static_cast<std::size_t>(f.n);
  std::vector<std::vector<char>> dom(n);
  for (std::size_t v = 0; v < n; ++v) {
    dom[v].assign(static_cast<std::size_t>(f.card[v]), 1);
    if (ev.hard[v] >= 0) {
      std::fill(dom[v].begin(), dom[v].end(), 0);
      dom[v][static_cast<std::size_t>(ev.hard[v])] = 1;
    } else if (ev.soft[v].size() > 0) {
      for (Eigen::Index s = 0; s < f.card[v]; ++s)
        if (!(ev.soft[v][s] > 0)) dom[v][static_cast<std::size_t>(s)] = 0;
    }
  }
  std::vector<std::vector<char>> support(n);
  std::vector<Eigen::Index> pa_state;
  bool changed = true;
  while (changed) {
    changed = false;
    for (std::size_t v = 0; v < n; ++v) {
      const auto id = static_cast<variable_id>(v);
      const Eigen::Index pb = f.parent_begin[v], pe = f.parent_begin[v + 1];
      std::vector<std::vector<char>> seen(static_cast<std::size_t>(pe - pb + 1));
      seen[0].assign(static_cast<std::size_t>(f.card[v]), 0);
      for (Eigen::Index i = pb; i < pe; ++i)
        seen[static_cast<std::size_t>(i - pb + 1)].assign(static_cast<std::size_t>(f.card[static_cast<std::size_t>(f.parent_ids[static_cast<std::size_t>(i)])]), 0);
      pa_state.assign(static_cast<std::size_t>(pe - pb), 0);
      for (Eigen::Index c = 0; c < f.columns[v]; ++c) {
        // decode column c into parent states (first parent fastest)
        Eigen::Index rest = c;
        bool ok = true;
        for (Eigen::Index i = pb; i < pe; ++i) {
          const auto p = static_cast<std::size_t>(f.parent_ids[static_cast<std::size_t>(i)]);
          const Eigen::Index s = rest % f.card[p];
          rest /= f.card[p];
          pa_state[static_cast<std::size_t>(i - pb)] = s;
          ok = ok && dom[p][static_cast<std::size_t>(s)];
        }
        if (!ok) continue;
        const double* col = f.column_ptr(id, c);
        for (Eigen::Index s = 0; s < f.card[v]; ++s) {
          if (!(col[s] > 0) || !dom[v][static_cast<std::size_t>(s)]) continue;
          seen[0][static_cast<std::size_t>(s)] = 1;
          for (Eigen::Index i = 0; i < pe - pb; ++i) seen[static_cast<std::size_t>(i + 1)][static_cast<std::size_t>(pa_state[static_cast<std::size_t>(i)])] = 1;
        }
      }
      auto prune = [&](std::size_t u, const std::vector<char>& keep) {
        bool any = false;
        for (std::size_t s = 0; s < keep.size(); ++s) {
          if (dom[u][s] && !keep[s]) {
            dom[u][s] = 0;
            changed = true;
          }
          any = any || dom[u][s];
        }
        if (!any)
          throw evidence_error("the evidence is impossible: P(e) = 0 under the model (variable '" + names[u] +
                               "' has no state left that the CPTs and the findings allow)");
      };
      prune(v, seen[0]);
      for (Eigen::Index i = pb; i < pe; ++i)
        prune(static_cast<std::size_t>(f.parent_ids[static_cast<std::size_t>(i)]), seen[static_cast<std::size_t>(i - pb + 1)]);
    }
  }
  return dom;
}

template <class Real>
[[nodiscard]] std::vector<std::string> variable_names(const basic_network<Real>& net) {
  std::vector<std::string> names;
  for (const variable_id v : net.variables()) names.push_back(net.variable(v).name);
  return names;
}

/// Weighted sums of one block (or of several merged): every weight is w * 2^exponent.
struct weighted_sums {
  std::int64_t samples = 0;
  int exponent = INT_MIN;        // INT_MIN: no positive weight yet
  double w1 = 0, w2 = 0;         // sum w, sum w^2 (w^2 scaled by 2^(2 exponent))
  std::vector<double> s1, s2;    // per state: sum w [x = s], sum w^2 [x = s]

  void resize(Eigen::Index states) {
    s1.assign(static_cast<std::size_t>(states), 0.0);
    s2.assign(static_cast<std::size_t>(states), 0.0);
  }
  /// Brings the sums to exponent e >= exponent.
  void rescale(int e) noexcept {
    if (exponent == INT_MIN) {
      exponent = e;
      return;
    }
    if (e == exponent) return;
    const int d = exponent - e;
    w1 = std::ldexp(w1, d);
    w2 = std::ldexp(w2, 2 * d);
    for (auto& x : s1) x = std::ldexp(x, d);
    for (auto& x : s2) x = std::ldexp(x, 2 * d);
    exponent = e;
  }
  /// Adds the sums of a later block.
  void merge(const weighted_sums& b) {
    samples += b.samples;
    if (b.exponent == INT_MIN) return;
    if (exponent == INT_MIN || b.exponent > exponent) rescale(b.exponent);
    const int d = b.exponent - exponent;
    w1 += std::ldexp(b.w1, d);
    w2 += std::ldexp(b.w2, 2 * d);
    for (std::size_t i = 0; i < s1.size(); ++i) {
      s1[i] += std::ldexp(b.s1[i], d);
      s2[i] += std::ldexp(b.s2[i], 2 * d);
    }
  }
};

/// Budget of a sampler: refused when zero or negative.
inline void check_budget(const char* engine, std::int64_t samples, std::optional<std::chrono::milliseconds> time_budget,
                         unsigned threads) {
  if (samples <= 0)
    throw options_error(std::string(engine) + ": a budget of " + std::to_string(samples) +
                        " samples is refused, expected at least 1");
  if (time_budget && time_budget->count() <= 0)
    throw options_error(std::string(engine) + ": a time budget of " + std::to_string(time_budget->count()) +
                        " ms is refused, expected at least 1 ms");
  if (threads == 0) throw options_error(std::string(engine) + ": threads must be at least 1");
}

/// Runs block(b, count) -> weighted_sums for blocks b = 0, 1, ... of `block_size` samples
/// (the last one shorter) on `threads` threads and merges them in block order. With a time
/// budget, no block starts after it has passed (block 0 always runs); the merged blocks
/// are always 0 .. k-1, so a run that completes all its samples gives the same sums for any
/// thread count. Rethrows the first error a block threw.
template <class Block>
[[nodiscard]] weighted_sums run_blocks(std::int64_t samples, std::int64_t block_size, unsigned threads,
                                       std::optional<std::chrono::milliseconds> budget, Eigen::Index states,
                                       Block block) {
  const std::int64_t blocks = (samples + block_size - 1) / block_size;
  const auto start = std::chrono::steady_clock::now();
  std::atomic<std::int64_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::map<std::int64_t, weighted_sums> pending;
  std::int64_t merged_upto = 0;
  weighted_sums total;
  total.resize(states);
  std::exception_ptr failure;
  auto work = [&] {
    for (;;) {
      if (stop.load(std::memory_order_relaxed)) return;
      const std::int64_t b = next.fetch_add(1);
      if (b >= blocks) return;
      if (b > 0 && budget && std::chrono::steady_clock::now() - start >= *budget) {
        stop = true;
        return;
      }
      try {
        weighted_sums s = block(b, std::min(block_size, samples - b * block_size));
        const std::lock_guard lock(mutex);
        pending.emplace(b, std::move(s));
        for (auto it = pending.find(merged_upto); it != pending.end(); it = pending.find(merged_upto)) {
          total.merge(it->second);
          pending.erase(it);
          ++merged_upto;
        }
      } catch (...) {
        const std::lock_guard lock(mutex);
        if (!failure) failure = std::current_exception();
        stop = true;
        return;
      }
    }
  };
  const unsigned t = static_cast<unsigned>(std::max<std::int64_t>(1, std::min<std::int64_t>(threads, blocks)));
  std::vector<std::thread> pool;
  for (unsigned k = 1; k < t; ++k) pool.emplace_back(work);
  work();
  for (auto& th : pool) th.join();
  if (failure) std::rethrow_exception(failure);
  return total;
}

/// Sets r.posteriors and r.standard_errors for every variable: a point mass (standard errors
/// 0) where a hard finding fixes it, otherwise what estimate(v, p, se) writes into the state
/// probabilities p and the standard errors se (both sized to v's states, se zero).
template <class Real, class Estimate>
void fill_marginals(basic_sampling_result<Real>& r, const basic_network<Real>& net, const flat_network& f,
                    const resolved_evidence& ev, Estimate&& estimate) {
  const auto n = static_cast<std::size_t>(f.n);
  r.posteriors.resize(n);
  r.standard_errors.resize(n);
  for (std::size_t v = 0; v < n; ++v) {
    const Eigen::Index k = f.card[v];
    typename basic_distribution<Real>::array_type p(k);
    Eigen::ArrayXd se = Eigen::ArrayXd::Zero(k);
    if (ev.hard[v] >= 0) {
      p.setZero();
      p[ev.hard[v]] = Real(1);
    } else {
      estimate(v, p, se);
    }
    r.posteriors[v] = basic_distribution<Real>(net.variable(static_cast<variable_id>(v)), std::move(p));
    r.standard_errors[v] = std::move(se);
  }
}

/// Turns merged weighted sums into marginals with delta-method standard errors, ESS and
/// log P(e). Throws: sampling_error when no sample had a positive weight.
template <class Real>
[[nodiscard]] basic_sampling_result<Real> weighted_result(const basic_network<Real>& net, const flat_network& f,
                                                          const resolved_evidence& ev, const weighted_sums& w,
                                                          const char* engine) {
  if (w.exponent == INT_MIN || !(w.w1 > 0))
    throw sampling_error(std::string(engine) + ": zero effective sample size: all " + std::to_string(w.samples) +
                         " samples had weight 0 (the evidence is too unlikely for this sampler, or impossible)");
  basic_sampling_result<Real> r;
  fill_marginals(r, net, f, ev, [&](std::size_t v, auto& p, Eigen::ArrayXd& se) {
    for (Eigen::Index s = 0; s < f.card[v]; ++s) {
      const auto i = static_cast<std::size_t>(f.state_offset[v] + s);
      const double q = w.s1[i] / w.w1;
      p[s] = static_cast<Real>(q);
      const double num = w.s2[i] * (1 - 2 * q) + q * q * w.w2;
      se[s] = std::sqrt(std::max(0.0, num)) / w.w1;
    }
  });
  const double ns = static_cast<double>(w.samples);
  r.samples = w.samples;
  r.effective_sample_size = w.w1 * w.w1 / w.w2;
  if (!ev.observed.empty()) {
    const double mean = w.w1 / ns;
    const double var = std::max(0.0, w.w2 / ns - mean * mean);
    r.log_evidence = std::log(w.w1) + w.exponent * std::log(2.0) - std::log(ns);
    r.log_evidence_standard_error = std::sqrt(var / ns) / mean;
  }
  return r;
}

/// One variable of an importance sampler, in topological order: a hard finding fixes it
/// and multiplies the weight by its CPT entry; otherwise it is drawn from the proposal
/// columns `cdf` and the weight is multiplied by ratio = P / Q (null when Q = P) and by the
/// soft finding's likelihood (null when none).
struct sample_step {
  variable_id v = 0;
  Eigen::Index k = 0;
  Eigen::Index hard = -1;
  const double* prob = nullptr;
  const double* cdf = nullptr;
  const double* ratio = nullptr;
  const double* lambda = nullptr;
};

/// The steps of an importance sampler for `ev`; `cdf` and `ratio` laid out as f.table.
[[nodiscard]] inline std::vector<sample_step> make_plan(const flat_network& f, const resolved_evidence& ev,
                                                        const std::vector<double>& cdf, const std::vector<double>* ratio) {
  std::vector<sample_step> plan;
  for (const variable_id v : f.order) {
    const auto u = static_cast<std::size_t>(v);
    sample_step st;
    st.v = v;
    st.k = f.card[u];
    st.hard = ev.hard[u];
    st.prob = f.table.data() + f.table_offset[u];
    st.cdf = cdf.data() + f.table_offset[u];
    st.ratio = ratio ? ratio->data() + f.table_offset[u] : nullptr;
    st.lambda = ev.soft[u].size() > 0 ? ev.soft[u].data() : nullptr;
    plan.push_back(st);
  }
  return plan;
}

/// Draws `count` weighted samples into `out` (sized to f.total_states). `x` has f.n slots.
/// The weight is kept as w * 2^e with w >= 2^-400 while positive (no underflow).
template <bool with_ratio>
void importance_block(const flat_network& f, const std::vector<sample_step>& plan,
                      const std::vector<Eigen::Index>& tracked, fast_rng& rng, std::int64_t count,
                      weighted_sums& out, Eigen::Index* x) {
  for (std::int64_t i = 0; i < count; ++i) {
    double w = 1;
    int e = 0;
    for (const sample_step& st : plan) {
      const Eigen::Index base = f.column(st.v, x) * st.k;
      if (st.hard >= 0) {
        x[st.v] = st.hard;
        w *= st.prob[base + st.hard];
      } else {
        const Eigen::Index s = draw(st.cdf + base, st.k, rng.uniform());
        x[st.v] = s;
        if constexpr (with_ratio) w *= st.ratio[base + s];
        if (st.lambda) w *= st.lambda[s];
      }
      if (w < 0x1p-400) {
        if (!(w > 0)) break;
        w *= 0x1p400;
        e -= 400;
      }
    }
    ++out.samples;
    if (!(w > 0)) continue;
    if (out.exponent == INT_MIN || e > out.exponent) out.rescale(e);
    const int d = e - out.exponent;
    const double a = d == 0 ? w : std::ldexp(w, d);
    const double b = d == 0 ? w * w : std::ldexp(w * w, 2 * d);
    out.w1 += a;
    out.w2 += b;
    for (const Eigen::Index v : tracked) {
      const auto j = static_cast<std::size_t>(f.state_offset[static_cast<std::size_t>(v)] + x[v]);
      out.s1[j] += a;
      out.s2[j] += b;
    }
  }
}

/// The variables whose marginals a sampler estimates: those without a hard finding.
[[nodiscard]] inline std::vector<Eigen::Index> unobserved(const flat_network& f, const resolved_evidence& ev) {
  std::vector<Eigen::Index> out;
  for (Eigen::Index v = 0; v < f.n; ++v)
    if (ev.hard[static_cast<std::size_t>(v)] < 0) out.push_back(v);
  return out;
}

}  // namespace pitchrisk::detail
