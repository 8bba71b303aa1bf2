// SPDX-License-Identifier: MIT
// The test oracle: enumerates the full joint distribution of a small network in long
// double, independently of every engine, and derives posteriors, family and joint
// posteriors, log P(e) and the MPE.
#pragma once

#include "pitchrisk/core.hpp"

#include <cmath>
#include <stdexcept>
#include <vector>

namespace pitchrisk::test {

/// Joint enumeration result: marginal posteriors per variable, log P(e), the MPE.
struct brute_force_result {
  std::vector<std::vector<long double>> posteriors;  ///< by variable id, by state
  std::vector<std::vector<long double>> families;    ///< P(v, parents | e) by id, in the layout of cpt(v)
  long double log_pe = 0;
  std::vector<Eigen::Index> mpe;
  long double mpe_log_probability = 0;
  bool possible = false;  ///< P(e) > 0
};

/// Enumerates all joint states (throws std::length_error above 2^24 states).
template <class Real>
brute_force_result brute_force(const basic_network<Real>& net, const evidence& seen) {
  const resolved_evidence ev = resolve(net, seen);
  const auto n = static_cast<std::size_t>(net.size());
  long double states = 1;
  for (std::size_t v = 0; v < n; ++v) states *= static_cast<long double>(net.cardinality(static_cast<variable_id>(v)));
  if (states > (1 << 24)) throw std::length_error("brute_force: joint too large");
  brute_force_result r;
  r.posteriors.resize(n);
  r.families.resize(n);
  for (std::size_t v = 0; v < n; ++v) {
    r.posteriors[v].assign(static_cast<std::size_t>(net.cardinality(static_cast<variable_id>(v))), 0.0L);
    r.families[v].assign(static_cast<std::size_t>(net.cpt(static_cast<variable_id>(v)).size()), 0.0L);
  }
  std::vector<Eigen::Index> x(n, 0);
  long double total = 0, best = -1;
  std::vector<Eigen::Index> parent_states;
  for (;;) {
    long double p = 1;
    for (std::size_t v = 0; v < n && p > 0; ++v) {
      const auto id = static_cast<variable_id>(v);
      if (ev.is_hard(id) && ev.hard[v] != x[v]) {
        p = 0;
        break;
      }
      parent_states.clear();
      for (const variable_id u : net.parents(id)) parent_states.push_back(x[static_cast<std::size_t>(u)]);
      p *= static_cast<long double>(net.probability(id, x[v], parent_states));
      if (ev.is_soft(id)) p *= static_cast<long double>(ev.soft[v][x[v]]);
    }
    if (p > 0) {
      total += p;
      for (std::size_t v = 0; v < n; ++v) {
        r.posteriors[v][static_cast<std::size_t>(x[v])] += p;
        const auto& cpt = net.cpt(static_cast<variable_id>(v));
        Eigen::Index at = 0;
        for (const variable_id u : cpt.scope()) at += x[static_cast<std::size_t>(u)] * cpt.stride(u);
        r.families[v][static_cast<std::size_t>(at)] += p;
      }
      if (p > best) {
        best = p;
        r.mpe = x;
      }
    }
    std::size_t d = 0;
    for (; d < n; ++d) {
      if (++x[d] < net.cardinality(static_cast<variable_id>(d))) break;
      x[d] = 0;
    }
    if (d == n) break;
  }
  r.possible = total > 0;
  if (!r.possible) return r;
  for (auto& dist : r.posteriors)
    for (auto& q : dist) q /= total;
  for (auto& fam : r.families)
    for (auto& q : fam) q /= total;
  r.log_pe = std::log(total);
  r.mpe_log_probability = std::log(best);
  return r;
}

/// P(vars | e) by enumeration, in the sorted-scope layout over sorted, distinct `vars`
/// (first fastest). Empty if P(e) = 0. Throws std::length_error above 2^24 joint states.
template <class Real>
std::vector<long double> brute_force_joint(const basic_network<Real>& net, const std::vector<variable_id>& vars,
                                           const evidence& seen) {
  const resolved_evidence ev = resolve(net, seen);
  const auto n = static_cast<std::size_t>(net.size());
  long double states = 1;
  for (std::size_t v = 0; v < n; ++v) states *= static_cast<long double>(net.cardinality(static_cast<variable_id>(v)));
  if (states > (1 << 24)) throw std::length_error("brute_force_joint: joint too large");
  std::vector<Eigen::Index> stride(vars.size(), 1);
  std::size_t size = 1;
  for (std::size_t i = 0; i < vars.size(); ++i) {
    stride[i] = static_cast<Eigen::Index>(size);
    size *= static_cast<std::size_t>(net.cardinality(vars[i]));
  }
  std::vector<long double> out(size, 0.0L);
  std::vector<Eigen::Index> x(n, 0), parent_states;
  long double total = 0;
  for (;;) {
    long double p = 1;
    for (std::size_t v = 0; v < n && p > 0; ++v) {
      const auto id = static_cast<variable_id>(v);
      if (ev.is_hard(id) && ev.hard[v] != x[v]) {
        p = 0;
        break;
      }
      parent_states.clear();
      for (const variable_id u : net.parents(id)) parent_states.push_back(x[static_cast<std::size_t>(u)]);
      p *= static_cast<long double>(net.probability(id, x[v], parent_states));
      if (ev.is_soft(id)) p *= static_cast<long double>(ev.soft[v][x[v]]);
    }
    if (p > 0) {
      Eigen::Index at = 0;
      for (std::size_t i = 0; i < vars.size(); ++i) at += x[static_cast<std::size_t>(vars[i])] * stride[i];
      out[static_cast<std::size_t>(at)] += p;
      total += p;
    }
    std::size_t d = 0;
    for (; d < n; ++d) {
      if (++x[d] < net.cardinality(static_cast<variable_id>(d))) break;
      x[d] = 0;
    }
    if (d == n) break;
  }
  if (!(total > 0)) return {};
  for (auto& q : out) q /= total;
  return out;
}

}  // namespace pitchrisk::test
