// SPDX-License-Identifier: MIT
// Checks shared by the format tests: two networks give the same posteriors (junction tree,
// every variable, a few evidence sets chosen from the network), given tables bit for bit.
#pragma once

#include "pitchrisk/core/network.hpp"
#include "pitchrisk/inference/junction_tree.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <vector>

namespace pitchrisk::test {

/// Every given CPT of `a` equals that of `b`, bit for bit, in the builder's column layout.
inline bool identical_tables(const network& a, const network& b) {
  if (a.size() != b.size()) return false;
  for (const variable_id v : a.variables()) {
    const Eigen::ArrayXd x = a.cpt_columns(v, true), y = b.cpt_columns(v, true);
    if (x.size() != y.size() || std::memcmp(x.data(), y.data(), static_cast<std::size_t>(x.size()) * sizeof(double)) != 0)
      return false;
  }
  return true;
}

/// Evidence sets by variable and state index: none; the first variable in its first state;
/// the last in its last state with the middle one in state 0 (all possible in the nets used).
inline std::vector<std::vector<std::pair<variable_id, Eigen::Index>>> evidence_sets(const network& net) {
  const auto n = net.size();
  std::vector<std::vector<std::pair<variable_id, Eigen::Index>>> out{{}};
  if (n == 0) return out;
  out.push_back({{0, 0}});
  if (n > 2) out.push_back({{n - 1, net.cardinality(n - 1) - 1}, {n / 2, 0}});
  return out;
}

/// `a` and `b` describe the same model (variables matched by index, states by index):
/// every posterior under every evidence set agrees within `tolerance`. Impossible evidence
/// must be impossible in both.
inline void check_same_posteriors(const network& a, const network& b, double tolerance = 1e-12) {
  REQUIRE(a.size() == b.size());
  const junction_tree ja(a), jb(b);
  for (const auto& set : evidence_sets(a)) {
    evidence ea, eb;
    for (const auto& [v, s] : set) {
      ea.observe(v, s);
      eb.observe(v, s);
    }
    double pa = 0, pb = 0;
    bool impossible_a = false, impossible_b = false;
    try { pa = ja.log_evidence_probability(ea); } catch (const evidence_error&) { impossible_a = true; }
    try { pb = jb.log_evidence_probability(eb); } catch (const evidence_error&) { impossible_b = true; }
    REQUIRE(impossible_a == impossible_b);
    if (impossible_a) continue;
    CHECK(pa == Approx(pb).margin(tolerance));
    for (const variable_id v : a.variables()) {
      const auto da = ja.posterior(v, ea).probabilities(), db = jb.posterior(v, eb).probabilities();
      REQUIRE(da.size() == db.size());
      for (Eigen::Index s = 0; s < da.size(); ++s) {
        INFO("variable " << a.variable(v).name << " state " << s);
        CHECK(da[s] == Approx(db[s]).margin(tolerance));
      }
    }
  }
}

}  // namespace pitchrisk::test
