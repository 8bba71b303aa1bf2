// SPDX-License-Identifier: MIT
// Fast retraction (junction_tree::retracted_marginal, retraction.hpp): P(v | e without e_v)
// from one propagation, against brute-force enumeration without v's finding.
#include "pitchrisk/inference/junction_tree.hpp"

#include "pitchrisk/core/network_builder.hpp"

#include "support/brute_force.hpp"
#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

namespace retraction_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

namespace {

/// Findings of `seen` set into ws (ids resolved).
void set(const junction_tree& jt, junction_tree::workspace& ws, const evidence& seen) {
  jt.set_evidence(ws, resolve(jt.network(), seen));
}

}  // namespace

TEST_CASE("retracted marginals equal brute force without the finding, hard and soft evidence",
          "[inference][junction_tree][retraction]") {
  long exact = 0, refused = 0, shared_clique = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    // zeros = true: CPTs with zero entries, so findings elsewhere can have probability 0
    const network net = test::random_network(seed, 7 + static_cast<int>(seed % 5), 3, seed % 2 == 0);
    const junction_tree jt(net);
    auto ws = jt.make_workspace();
    auto along = jt.make_workspace();  // propagate_findings(): distributes towards the findings only
    std::mt19937_64 rng(seed * 104729);
    for (int trial = 0; trial < 8; ++trial) {
      // many findings: several in one clique; soft ones with zero weights
      const evidence seen = test::random_evidence(net, rng, 0.35, 0.25);
      if (seen.findings().empty() || !test::brute_force(net, seen).possible) continue;
      set(jt, ws, seen);
      jt.propagate(ws);
      set(jt, along, seen);
      jt.propagate_findings(along);
      CHECK(jt.log_evidence(along) == Approx(jt.log_evidence(ws)).margin(1e-12));
      for (const finding& f : seen.findings()) {
        const variable_id v = f.id;
        INFO("seed " << seed << " trial " << trial << " variable " << net.variable(v).name);
        std::vector<double> got(static_cast<std::size_t>(net.cardinality(v)));
        if (!jt.retracted_marginal(ws, v, got)) {
          ++refused;
          continue;
        }
        ++exact;
        std::vector<double> cheaper(got.size());
        REQUIRE(jt.retracted_marginal(along, v, cheaper));
        for (std::size_t s = 0; s < got.size(); ++s) CHECK(cheaper[s] == Approx(got[s]).margin(1e-14));
        evidence without = seen;
        without.retract(v);
        const test::brute_force_result truth = test::brute_force(net, without);
        REQUIRE(truth.possible);
        double total = 0;
        for (Eigen::Index s = 0; s < net.cardinality(v); ++s) {
          CHECK(got[static_cast<std::size_t>(s)] ==
                Approx(static_cast<double>(truth.posteriors[static_cast<std::size_t>(v)][static_cast<std::size_t>(s)]))
                    .margin(1e-12));
          total += got[static_cast<std::size_t>(s)];
        }
        CHECK(total == Approx(1.0).margin(1e-12));
      }
      // several findings in one clique: some clique holds two observed variables
      for (const auto& c : jt.cliques()) {
        int observed = 0;
        for (const variable_id v : c)
          for (const finding& f : seen.findings()) observed += f.id == v;
        shared_clique += observed >= 2;
      }
    }
  }
  CHECK(exact > 200);            // the fast path answers nearly always...
  CHECK(exact > 10 * refused);   // ...and refuses only where Hugin's division lost the message
  CHECK(shared_clique > 20);
}

TEST_CASE("retraction with a likelihood on a hypothesis gives P(t | e without e_v) for each finding",
          "[inference][junction_tree][retraction]") {
  // P(t | e \ e_v) = P(t | e) / P(e_v | t, e \ e_v), normalised over t, where
  // P(e_v | t, e \ e_v) = sum_x lambda_v(x) P(x | t, e \ e_v) is read from the retracted
  // marginal of a propagation with the indicator of t as a likelihood on T.
  for (std::uint64_t seed = 3; seed <= 14; ++seed) {
    const network net = test::random_network(seed, 9, 3, false);
    const junction_tree jt(net);
    auto ws = jt.make_workspace();
    std::mt19937_64 rng(seed);
    const variable_id target = 0;
    evidence seen = test::random_evidence(net, rng, 0.4, 0.2);
    seen.retract(target);
    if (seen.findings().empty()) continue;
    const resolved_evidence r = resolve(net, seen);
    const auto k = static_cast<std::size_t>(net.cardinality(target));
    jt.set_evidence(ws, r);
    jt.propagate(ws);
    std::vector<double> post(k);
    jt.marginal(ws, target, post);
    for (const finding& f : seen.findings()) {
      const variable_id v = f.id;
      std::vector<double> x(static_cast<std::size_t>(net.cardinality(v))), w(k);
      for (std::size_t t = 0; t < k; ++t) {
        std::vector<double> indicator(k, 0.0);
        indicator[t] = 1;
        jt.set_evidence(ws, r);
        jt.likelihood(ws, target, indicator);
        jt.propagate(ws);
        REQUIRE(jt.retracted_marginal(ws, v, x));
        double pe = 0;
        for (std::size_t s = 0; s < x.size(); ++s)
          pe += (r.is_hard(v) ? (static_cast<Eigen::Index>(s) == r.hard[static_cast<std::size_t>(v)] ? 1.0 : 0.0)
                              : r.soft[static_cast<std::size_t>(v)][static_cast<Eigen::Index>(s)]) *
                x[s];
        w[t] = post[t] / pe;
      }
      double z = 0;
      for (const double y : w) z += y;
      evidence without = seen;
      without.retract(v);
      const test::brute_force_result truth = test::brute_force(net, without);
      INFO("seed " << seed << " finding " << net.variable(v).name);
      for (std::size_t t = 0; t < k; ++t)
        CHECK(w[t] / z == Approx(static_cast<double>(truth.posteriors[static_cast<std::size_t>(target)][t])).margin(1e-12));
    }
  }
}

TEST_CASE("retraction refuses what Hugin's division lost, and misuse throws", "[inference][junction_tree][retraction]") {
  // a -> b with b a copy of a: observing b = 1 zeroes a = 0 in the message of b's clique,
  // and the root's other finding (c = 0) makes a = 0 likelier without b's finding.
  network_builder nb("copy");
  nb.add_variable("a", {"0", "1"});
  nb.add_variable("b", {"0", "1"});
  nb.add_variable("c", {"0", "1"});
  nb.add_variable("d", {"0", "1"});
  nb.set_cpt("a", {}, {0.5, 0.5});
  nb.set_cpt("b", {"a"}, {1, 0, 0, 1});
  nb.set_cpt("c", {"a"}, {0.9, 0.1, 0.2, 0.8});
  nb.set_cpt("d", {"c"}, {0.7, 0.3, 0.4, 0.6});
  const network net = nb.build();
  const junction_tree jt(net);
  auto ws = jt.make_workspace();
  const evidence seen{{"b", "1"}, {"d", "0"}};
  std::vector<double> out(2);
  CHECK_THROWS_AS(jt.retracted_marginal(ws, net.id("b"), out), error);  // no propagation yet
  set(jt, ws, seen);
  jt.propagate(ws);
  CHECK_THROWS_AS(jt.retracted_marginal(ws, net.id("a"), out), evidence_error);  // no finding on a
  std::vector<double> wrong(3);
  CHECK_THROWS_AS(jt.retracted_marginal(ws, net.id("d"), wrong), evidence_error);
  for (const char* name : {"b", "d"}) {
    const variable_id v = net.id(name);
    evidence without = seen;
    without.retract(name);
    const test::brute_force_result truth = test::brute_force(net, without);
    if (jt.retracted_marginal(ws, v, out)) {
      for (std::size_t s = 0; s < 2; ++s) CHECK(out[s] == Approx(static_cast<double>(truth.posteriors[static_cast<std::size_t>(v)][s])).margin(1e-12));
    } else {
      // refused only where the tables cannot tell: propagating without the finding differs
      // from what a division by the lost message would give (a deterministic copy)
      CHECK(std::string(name) == "b");
    }
  }
}

}  // namespace retraction_test
