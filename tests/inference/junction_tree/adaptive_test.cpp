// SPDX-License-Identifier: MIT
// Evidence-adaptive queries (adaptive.hpp): the tree of the network reduced by the hard findings,
// held in the workspace, answers as the compiled tree and brute force do.
#include "pitchrisk/inference/junction_tree.hpp"

#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"

#include "support/brute_force.hpp"
#include "support/exact_checks.hpp"
#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace adaptive_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

// ---- Evidence-adaptive queries: the tree of the network reduced by the hard findings ----

namespace {

/// Every query with a hard finding goes to the reduced tree, however small the network.
junction_tree_options always_adapt() {
  junction_tree_options o;
  o.adaptive_min_entries = 1;
  o.adaptive_gain = 0;
  return o;
}

}  // namespace

TEST_CASE("evidence-adaptive queries match brute force under random hard and soft evidence",
          "[inference][junction_tree][adaptive]") {
  for (std::uint64_t seed = 1; seed <= 16; ++seed) {
    const network net = test::random_network(seed + 100, 6 + static_cast<int>(seed % 4), 3);
    const junction_tree jt(net, always_adapt());
    std::mt19937_64 rng(seed * 104729);
    auto ws = jt.make_workspace();
    for (int trial = 0; trial < 6; ++trial) {
      const evidence seen = test::random_evidence(net, rng, 0.3, 0.15);
      INFO("seed " << seed << " trial " << trial);
      const test::brute_force_result truth = test::brute_force(net, seen);
      test::check_against_brute_force(net, jt, seen, truth);
      if (!truth.possible) continue;
      // The workspace path says which tree it used: the reduced one exactly when a hard
      // finding exists.
      const resolved_evidence r = resolve(net, seen);
      bool hard = false;
      for (const variable_id v : r.observed) hard = hard || r.is_hard(v);
      jt.set_evidence(ws, r);
      jt.propagate(ws);
      CHECK(jt.query_statistics(ws).adapted == hard);
      CHECK(jt.log_evidence(ws) == Approx(static_cast<double>(truth.log_pe)).margin(1e-12));
      jt.propagate_evidence(ws);
      CHECK(jt.log_evidence(ws) == Approx(static_cast<double>(truth.log_pe)).margin(1e-12));
    }
  }
}

TEST_CASE("reduced and compiled trees agree on a larger network, query after query in one workspace",
          "[inference][junction_tree][adaptive]") {
  const network net = test::random_network(4242, 45, 3, true);
  const junction_tree compiled(net);
  const junction_tree adaptive(net, always_adapt());
  const variable_elimination ve(net);
  auto wa = adaptive.make_workspace();
  auto wc = compiled.make_workspace();
  std::mt19937_64 rng(77);
  std::vector<double> pa(8), pc(8);
  int answered = 0;
  for (int trial = 0; trial < 40; ++trial) {
    // Findings from 0 to about 20 variables: the reduced tree grows and shrinks in the
    // same workspace buffers.
    const evidence seen = test::random_evidence(net, rng, 0.02 * (trial % 12), 0.05);
    resolved_evidence r;
    try {
      r = resolve(net, seen);
      compiled.set_evidence(wc, r);
      compiled.propagate(wc);
    } catch (const evidence_error&) {
      CHECK_THROWS_AS(adaptive.log_evidence_probability(seen), evidence_error);
      continue;
    }
    ++answered;
    adaptive.set_evidence(wa, r);
    adaptive.propagate(wa);
    CHECK(adaptive.log_evidence(wa) == Approx(compiled.log_evidence(wc)).margin(1e-11));
    CHECK(adaptive.log_evidence(wa) == Approx(ve.log_evidence_probability(seen)).margin(1e-11));
    for (const variable_id v : net.variables()) {
      const auto k = static_cast<std::size_t>(net.cardinality(v));
      adaptive.marginal(wa, v, std::span<double>(pa.data(), k));
      compiled.marginal(wc, v, std::span<double>(pc.data(), k));
      for (std::size_t s = 0; s < k; ++s) CHECK(pa[s] == Approx(pc[s]).margin(1e-12));
    }
    // One target, the barren part pruned from the reduced tree.
    const auto target = static_cast<variable_id>(trial % net.size());
    adaptive.propagate_to(wa, target);
    const auto k = static_cast<std::size_t>(net.cardinality(target));
    adaptive.marginal(wa, target, std::span<double>(pa.data(), k));
    compiled.marginal(wc, target, std::span<double>(pc.data(), k));
    for (std::size_t s = 0; s < k; ++s) CHECK(pa[s] == Approx(pc[s]).margin(1e-12));
    CHECK(adaptive.log_evidence(wa) == Approx(compiled.log_evidence(wc)).margin(1e-11));
    // MPE on the reduced tree.
    const mpe_result m = adaptive.mpe(seen);
    CHECK(m.log_probability == Approx(ve.mpe(seen).log_probability).margin(1e-11));
  }
  CHECK(answered > 20);
}

TEST_CASE("a compiled tree decides per query whether the reduced tree pays", "[inference][junction_tree][adaptive]") {
  // A chain of 30 variables with 6 states: cliques of 36 entries. Observing every other
  // variable leaves isolated variables, so the reduced tree is far smaller; a single
  // finding leaves it as large as the compiled one.
  network_builder b("chain6");
  const int n = 30;
  std::vector<std::string> states{"s0", "s1", "s2", "s3", "s4", "s5"};
  for (int i = 0; i < n; ++i) b.add_variable("x" + std::to_string(i), states);
  std::vector<double> prior(6, 1.0 / 6), column;
  b.set_cpt("x0", {}, prior);
  for (int p = 0; p < 6; ++p)
    for (int s = 0; s < 6; ++s) column.push_back(s == p ? 0.5 : 0.1);
  for (int i = 1; i < n; ++i) b.set_cpt("x" + std::to_string(i), {"x" + std::to_string(i - 1)}, column);
  const network net = b.build();
  junction_tree_options o;
  o.adaptive_min_entries = 100;
  const junction_tree jt(net, o);
  auto ws = jt.make_workspace();
  evidence many;
  for (int i = 0; i < n; i += 2) many.observe("x" + std::to_string(i), "s1");
  jt.set_evidence(ws, resolve(net, many));
  jt.propagate(ws);
  CHECK(jt.query_statistics(ws).adapted);
  CHECK(jt.query_statistics(ws).clique_entries < jt.statistics().total_clique_entries / 4);
  const variable_elimination ve(net);
  CHECK(jt.log_evidence(ws) == Approx(ve.log_evidence_probability(many)).margin(1e-12));
  jt.set_evidence(ws, resolve(net, evidence{{"x7", "s2"}}));
  jt.propagate(ws);
  CHECK_FALSE(jt.query_statistics(ws).adapted);
  CHECK(jt.query_statistics(ws).clique_entries == jt.statistics().total_clique_entries);
}

}  // namespace adaptive_test
