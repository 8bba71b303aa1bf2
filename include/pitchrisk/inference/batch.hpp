// SPDX-License-Identifier: MIT
// Batch scoring: many evidence sets against one engine on T threads. Cases are split into
// fixed contiguous chunks, each thread owns its per-thread state (a junction-tree
// workspace, or nothing for engines whose queries are const), and every result goes to its
// own slot; a case is computed by the same sequential code whatever the thread count, so
// the output is bit-identical for any T. Works for any `engine`; the junction tree also
// has overloads on resolved evidence that run its allocation-free workspace path.
#pragma once

#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/engine.hpp"
#include "pitchrisk/inference/junction_tree.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <exception>
#include <span>
#include <string>
#include <thread>
#include <vector>

namespace pitchrisk {

/// The lowest case for_each_case() saw fail (index = case count: none) and its exception.
struct batch_failure {
  std::size_t index = 0;      ///< the lowest failing case, or the case count when none failed
  std::exception_ptr error;   ///< what that case threw (null when none failed)

};

/// Runs f(state, i) for every case i in [0, n) on `threads` threads (0 counts as 1) in fixed
/// contiguous chunks, `state` made by make_state() once per thread. A chunk stops at its
/// first failing case; returns the lowest failing case (every case below it was run).
template <class MakeState, class F>
[[nodiscard]] batch_failure for_each_case(std::size_t n, unsigned threads, MakeState make_state, F f);

/// Posterior of `target` for every case, flattened: case i's distribution is at
/// [i * card, (i + 1) * card). Throws: evidence_error naming the first impossible case.
template <engine E>
[[nodiscard]] std::vector<typename E::real_type> posterior_batch(const E& engine, std::span<const evidence> cases,
                                                                 variable_id target, unsigned threads = 1);
/// log P(e) of every case. Throws: evidence_error naming the first impossible case.
template <exact_engine E>
[[nodiscard]] std::vector<double> log_evidence_batch(const E& engine, std::span<const evidence> cases,
                                                     unsigned threads = 1);

/// log P(e) of every case already resolved against the engine's network, on the junction
/// tree's workspace path (no allocation per case). Throws: evidence_error naming the first
/// impossible case.
template <class Real>
[[nodiscard]] std::vector<double> log_evidence_batch(const basic_junction_tree<Real>& engine,
                                                     std::span<const resolved_evidence> cases, unsigned threads = 1);
/// Posterior of `target` for every resolved case, flattened as posterior_batch() above, on
/// the workspace path. Throws: lookup_error if `target` is out of range; evidence_error
/// naming the first impossible case.
template <class Real>

[[nodiscard]] std::vector<Real> posterior_batch(const basic_junction_tree<Real>& engine,
                                                std::span<const resolved_evidence> cases, variable_id target,
                                                unsigned threads = 1);

// ---------------------------------------------------------------------------------------

template <class MakeState, class F>
batch_failure for_each_case(std::size_t n, unsigned threads, MakeState make_state, F f) {
  const std::size_t t = std::max<std::size_t>(1, std::min<std::size_t>(threads == 0 ? 1 : threads, n));
  std::vector<batch_failure> failed(t, batch_failure{n, nullptr});
  auto work = [&](std::size_t k) {
    const std::size_t begin = n * k / t, end = n * (k + 1) / t;
    std::size_t i = begin;
    try {
      auto state = make_state();
      for (; i < end; ++i) f(state, i);
    } catch (...) {
      failed[k] = {i, std::current_exception()};
    }
  };
  if (t == 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    pool.reserve(t - 1);
    for (std::size_t k = 1; k < t; ++k) pool.emplace_back(work, k);
    work(0);
    for (auto& th : pool) th.join();
  }
  for (const batch_failure& b : failed)
    if (b.error) return b;
  return {n, nullptr};
}

namespace detail {

/// Rethrows a batch failure, an evidence_error prefixed with its case index.
inline void rethrow_case(const batch_failure& failure) {
  if (!failure.error) return;
  try {
    std::rethrow_exception(failure.error);
  } catch (const evidence_error& e) {
    throw evidence_error("case " + std::to_string(failure.index) + ": " + e.what());
  }
}

/// Per-thread state of engines that need none.
struct no_state {};

template <class Engine>
void check_target(const Engine& engine, variable_id target) {
  if (target < 0 || target >= engine.network().size())
    throw lookup_error("posterior_batch: variable id " + std::to_string(target) + " out of range");
}

}  // namespace detail

template <engine E>
std::vector<typename E::real_type> posterior_batch(const E& engine, std::span<const evidence> cases,
                                                   variable_id target, unsigned threads) {
  detail::check_target(engine, target);
  const auto k = static_cast<std::size_t>(engine.network().cardinality(target));
  std::vector<typename E::real_type> out(cases.size() * k, typename E::real_type(0));
  detail::rethrow_case(for_each_case(cases.size(), threads, [] { return detail::no_state{}; },
                                     [&](detail::no_state&, std::size_t i) {
                                       const auto d = engine.posterior(target, cases[i]);
                                       std::copy(d.probabilities().begin(), d.probabilities().end(),
                                                 out.begin() + static_cast<std::ptrdiff_t>(i * k));
                                     }));
  return out;
}

template <exact_engine E>
std::vector<double> log_evidence_batch(const E& engine, std::span<const evidence> cases, unsigned threads) {
  std::vector<double> out(cases.size(), 0.0);
  detail::rethrow_case(for_each_case(cases.size(), threads, [] { return detail::no_state{}; },
                                     [&](detail::no_state&, std::size_t i) {
                                       out[i] = engine.log_evidence_probability(cases[i]);
                                     }));
  return out;
}

template <class Real>
std::vector<double> log_evidence_batch(const basic_junction_tree<Real>& engine, std::span<const resolved_evidence> cases,
                                       unsigned threads) {
  std::vector<double> out(cases.size(), 0.0);
  detail::rethrow_case(for_each_case(cases.size(), threads, [&] { return engine.make_workspace(); },
                                     [&](typename basic_junction_tree<Real>::workspace& ws, std::size_t i) {
                                       engine.set_evidence(ws, cases[i]);
                                       engine.propagate_evidence(ws);
                                       out[i] = engine.log_evidence(ws);
                                     }));
  return out;
}

template <class Real>
std::vector<Real> posterior_batch(const basic_junction_tree<Real>& engine, std::span<const resolved_evidence> cases,
                                  variable_id target, unsigned threads) {
  detail::check_target(engine, target);
  const auto k = static_cast<std::size_t>(engine.network().cardinality(target));
  std::vector<Real> out(cases.size() * k, Real(0));
  detail::rethrow_case(for_each_case(cases.size(), threads, [&] { return engine.make_workspace(); },
                                     [&](typename basic_junction_tree<Real>::workspace& ws, std::size_t i) {
                                       engine.set_evidence(ws, cases[i]);
                                       engine.propagate_to(ws, target);
                                       engine.marginal(ws, target, std::span<Real>(out.data() + i * k, k));
                                     }));
  return out;
}

}  // namespace pitchrisk
