// SPDX-License-Identifier: MIT
// Relay cliques: the tree they produce is still a junction tree, they form only where they
// save passes, and they change no answer.
#include "pitchrisk/inference/junction_tree/relays.hpp"
#include "pitchrisk/inference/junction_tree.hpp"

#include "support/brute_force.hpp"
#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

namespace relays_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

namespace {

/// Every variable's cliques form a connected subtree (running intersection), and the parent
/// links form a tree over all the cliques with one root.
void check_junction_tree(const std::vector<std::vector<variable_id>>& cliques, const std::vector<Eigen::Index>& parent,
                         Eigen::Index variables) {
  REQUIRE(parent.size() == cliques.size());
  CHECK(std::count(parent.begin(), parent.end(), Eigen::Index{-1}) == 1);
  for (std::size_t k = 0; k < cliques.size(); ++k) {  // no cycle: every walk up ends at the root
    std::size_t steps = 0;
    for (Eigen::Index c = static_cast<Eigen::Index>(k); c >= 0 && steps <= cliques.size(); c = parent[static_cast<std::size_t>(c)]) ++steps;
    CHECK(steps <= cliques.size());
  }
  auto has = [&](std::size_t k, variable_id v) { return std::binary_search(cliques[k].begin(), cliques[k].end(), v); };
  for (variable_id v = 0; v < variables; ++v) {
    // Connected: exactly one clique holding v has a parent not holding it.
    int tops = 0;
    for (std::size_t k = 0; k < cliques.size(); ++k)
      if (has(k, v) && (parent[k] < 0 || !has(static_cast<std::size_t>(parent[k]), v))) ++tops;
    INFO("variable " << v);
    CHECK(tops <= 1);
  }
}

}  // namespace

TEST_CASE("relays group children whose separators share a small union", "[inference][junction_tree][relays]") {
  // A clique over 0..5 (64 entries) with four children: two share {0, 1}, one holds {2},
  // one {3, 4}.
  std::vector<std::vector<variable_id>> cliques{{0, 1, 2, 3, 4, 5}, {0, 1, 6}, {0, 1, 7}, {2, 8}, {3, 4, 9}};
  std::vector<Eigen::Index> parent{-1, 0, 0, 0, 0};
  const std::vector<Eigen::Index> cards(10, 2);
  const std::size_t added = detail::jt_add_relays(cliques, parent, cards, 1);
  CHECK(added >= 1);
  check_junction_tree(cliques, parent, 10);
  // The two children over {0, 1} hang under one relay.
  CHECK(parent[1] == parent[2]);
  CHECK(parent[1] >= 5);
  // No relay is as large as a third of the clique it relieves.
  for (std::size_t k = 5; k < cliques.size(); ++k) CHECK(3 * (std::size_t{1} << cliques[k].size()) < 64);

  SECTION("below the size threshold nothing changes") {
    std::vector<std::vector<variable_id>> small{{0, 1, 2, 3, 4, 5}, {0, 1, 6}, {0, 1, 7}};
    std::vector<Eigen::Index> up{-1, 0, 0};
    CHECK(detail::jt_add_relays(small, up, cards, 65) == 0);
    CHECK(small.size() == 3);
  }
  SECTION("children across empty separators (other components) are left alone") {
    std::vector<std::vector<variable_id>> parts{{0, 1, 2, 3, 4, 5}, {6, 7}, {8, 9}};
    std::vector<Eigen::Index> up{-1, 0, 0};
    CHECK(detail::jt_add_relays(parts, up, cards, 1) == 0);
  }
}

TEST_CASE("relay cliques change no answer", "[inference][junction_tree][relays]") {
  Eigen::Index relays = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const network net = test::random_network(seed + 300, 8 + static_cast<int>(seed % 4), 3);
    junction_tree_options everywhere;
    everywhere.relay_min_entries = 1;
    junction_tree_options adapted = everywhere;
    adapted.adaptive_min_entries = 1;
    adapted.adaptive_gain = 0;
    const junction_tree with(net, everywhere), reduced(net, adapted), without(net, {.relay_min_entries = 0});
    CHECK(without.statistics().relay_cliques == 0);
    relays += with.statistics().relay_cliques;
    std::mt19937_64 rng(seed * 31);
    for (int trial = 0; trial < 5; ++trial) {
      const evidence seen = test::random_evidence(net, rng, 0.25, 0.15);
      INFO("seed " << seed << " trial " << trial);
      const test::brute_force_result truth = test::brute_force(net, seen);
      if (!truth.possible) {
        CHECK_THROWS_AS(with.posteriors(seen), evidence_error);
        continue;
      }
      for (const junction_tree* jt : {&with, &reduced, &without}) {
        CHECK(jt->log_evidence_probability(seen) == Approx(static_cast<double>(truth.log_pe)).margin(1e-12));
        const auto all = jt->posteriors(seen);
        for (const variable_id v : net.variables()) {
          const distribution one = jt->posterior(v, seen);
          for (Eigen::Index s = 0; s < net.cardinality(v); ++s) {
            const double want = static_cast<double>(truth.posteriors[static_cast<std::size_t>(v)][static_cast<std::size_t>(s)]);
            CHECK(all[static_cast<std::size_t>(v)][s] == Approx(want).margin(1e-12));
            CHECK(one[s] == Approx(want).margin(1e-12));
          }
        }
        CHECK(jt->mpe(seen).log_probability == Approx(static_cast<double>(truth.mpe_log_probability)).margin(1e-12));
      }
    }
  }
  CHECK(relays > 0);  // the networks above do grow relays
}

}  // namespace relays_test
