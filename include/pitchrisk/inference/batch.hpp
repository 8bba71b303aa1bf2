// SPDX-License-Identifier: MIT
// Batch scoring: many evidence sets against one compiled junction tree on T threads.
// Cases are split into fixed contiguous chunks, each thread owns one workspace, and every
// result goes to its own slot; a case is computed by the same sequential code whatever the
// thread count, so the output is bit-identical for any T.
#pragma once

#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/junction_tree.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <exception>
#include <span>
#include <string>
#include <thread>
#include <vector>

namespace pitchrisk {

/// log P(e) of every case. Throws: evidence_error naming the first impossible case.
template <class Real>
[[nodiscard]] std::vector<double> log_evidence_batch(const basic_junction_tree<Real>& engine,
                                                     std::span<const resolved_evidence> cases, unsigned threads = 1);

/// Posterior of `target` for every case, flattened: case i's distribution is at
/// [i * card, (i + 1) * card). Throws: evidence_error naming the first impossible case.
template <class Real>
[[nodiscard]] std::vector<Real> posterior_batch(const basic_junction_tree<Real>& engine,
                                                std::span<const resolved_evidence> cases, variable_id target,
                                                unsigned threads = 1);

// ---------------------------------------------------------------------------------------

namespace detail {

/// Runs f(workspace, case index) over [0, n) on `threads` threads in fixed chunks; rethrows
/// the error of the lowest failing case, prefixed with its index.
template <class Real, class F>
void jt_for_each_case(const basic_junction_tree<Real>& engine, std::size_t n, unsigned threads, F f) {
  const std::size_t t = std::max<std::size_t>(1, std::min<std::size_t>(threads == 0 ? 1 : threads, n));
  std::vector<std::exception_ptr> errors(t);
  std::vector<std::size_t> failed(t, n);
  auto work = [&](std::size_t k) {
    const std::size_t begin = n * k / t, end = n * (k + 1) / t;
    try {
      auto ws = engine.make_workspace();
      for (std::size_t i = begin; i < end; ++i) {
        failed[k] = i;
        f(ws, i);
      }
      failed[k] = n;
    } catch (...) {
      errors[k] = std::current_exception();
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
  for (std::size_t k = 0; k < t; ++k) {
    if (!errors[k]) continue;
    try {
      std::rethrow_exception(errors[k]);
    } catch (const evidence_error& e) {
      throw evidence_error("case " + std::to_string(failed[k]) + ": " + e.what());
    }
  }
}

}  // namespace detail

template <class Real>
std::vector<double> log_evidence_batch(const basic_junction_tree<Real>& engine, std::span<const resolved_evidence> cases,
                                       unsigned threads) {
  std::vector<double> out(cases.size(), 0.0);
  detail::jt_for_each_case(engine, cases.size(), threads,
                           [&](typename basic_junction_tree<Real>::workspace& ws, std::size_t i) {
                             engine.set_evidence(ws, cases[i]);
                             engine.propagate_evidence(ws);
                             out[i] = engine.log_evidence(ws);
                           });
  return out;
}

template <class Real>
std::vector<Real> posterior_batch(const basic_junction_tree<Real>& engine, std::span<const resolved_evidence> cases,
                                  variable_id target, unsigned threads) {
  if (target < 0 || target >= engine.network().size())
    throw lookup_error("posterior_batch: variable id " + std::to_string(target) + " out of range");
  const auto k = static_cast<std::size_t>(engine.network().cardinality(target));
  std::vector<Real> out(cases.size() * k, Real(0));
  detail::jt_for_each_case(engine, cases.size(), threads,
                           [&](typename basic_junction_tree<Real>::workspace& ws, std::size_t i) {
                             engine.set_evidence(ws, cases[i]);
                             engine.propagate_to(ws, target);
                             engine.marginal(ws, target, std::span<Real>(out.data() + i * k, k));
                           });
  return out;
}

}  // namespace pitchrisk
