// SPDX-License-Identifier: MIT
// The compiled clique_tree keeps the promises written at the top of clique_tree.hpp: a
// clique lists its own variables first and its separator to the parent last (in the
// parent's order), strides are natural, every CPT sits in a clique holding its family, and
// the cliques holding a variable form a connected subtree.
#include "pitchrisk/inference/junction_tree/clique_tree.hpp"

#include "pitchrisk/inference/junction_tree/adaptive.hpp"
#include "pitchrisk/inference/junction_tree/kernels.hpp"

#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

namespace clique_tree_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

namespace {

detail::clique_tree<double> compile(const network& net, double relay_min_entries) {
  const detail::jt_problem<double> p = detail::jt_network_problem(net);
  detail::clique_tree<double> t;
  detail::jt_limits limits;
  limits.relay_min_entries = relay_min_entries;
  t.compile(net, p, greedy_elimination(p.adjacency, p.cards, elimination_heuristic::best), limits);
  return t;
}

}  // namespace

TEST_CASE("clique layouts list the separator to the parent last, in the parent's order",
          "[inference][junction_tree][clique_tree]") {
  const double relay = GENERATE(0.0, 4.0);
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    INFO("seed " << seed << ", relays from " << relay);
    const network net = test::random_network(seed + 500, 18, 3);
    const detail::clique_tree<double> t = compile(net, relay);
    REQUIRE(t.edges.size() + 1 == t.cliques.size());
    Eigen::Index offset = 0;
    for (const detail::jt_clique& c : t.cliques) {
      CHECK(c.offset == offset);
      offset += c.size;
      CHECK(c.strides == detail::natural_strides(c.cards));
    }
    CHECK(static_cast<Eigen::Index>(t.init.size()) == offset);
    for (const detail::jt_edge& e : t.edges) {
      const detail::jt_clique& child = t.cliques[static_cast<std::size_t>(e.a)];
      const detail::jt_clique& parent = t.cliques[static_cast<std::size_t>(e.b)];
      // Child: the separator is its tail, in separator order.
      REQUIRE(child.vars.size() >= e.vars.size());
      CHECK(std::equal(e.vars.begin(), e.vars.end(), child.vars.end() - static_cast<std::ptrdiff_t>(e.vars.size())));
      // Separator: in the order of the parent's layout.
      std::vector<variable_id> in_parent;
      for (const variable_id v : parent.vars)
        if (std::find(e.vars.begin(), e.vars.end(), v) != e.vars.end()) in_parent.push_back(v);
      CHECK(in_parent == e.vars);
      // The child's map is the identity onto the separator: one run of blocks.
      CHECK(e.map_a.outer == 1);
      CHECK(e.map_a.inner * e.size == child.size);
    }
  }
}

TEST_CASE("every CPT sits in a clique holding its family; each variable's cliques are connected",
          "[inference][junction_tree][clique_tree]") {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    INFO("seed " << seed);
    const network net = test::random_network(seed + 600, 20, 3);
    const detail::clique_tree<double> t = compile(net, 512);
    auto holds = [&](Eigen::Index k, variable_id v) {
      const auto& vars = t.cliques[static_cast<std::size_t>(k)].vars;
      return std::find(vars.begin(), vars.end(), v) != vars.end();
    };
    for (const variable_id v : net.variables()) {
      const Eigen::Index k = t.family_home[static_cast<std::size_t>(v)];
      REQUIRE(k >= 0);
      for (const variable_id u : net.cpt(v).scope()) CHECK(holds(k, u));
      CHECK(holds(t.home[static_cast<std::size_t>(v)], v));
      // Connected: exactly one clique holding v has no edge to its parent holding v.
      int tops = 0;
      for (std::size_t c = 0; c < t.cliques.size(); ++c) {
        if (!holds(static_cast<Eigen::Index>(c), v)) continue;
        bool linked = false;
        for (const detail::jt_edge& e : t.edges)
          if (e.a == static_cast<Eigen::Index>(c)) linked = std::find(e.vars.begin(), e.vars.end(), v) != e.vars.end();
        tops += linked ? 0 : 1;
      }
      CHECK(tops == 1);
    }
  }
}

TEST_CASE("the map of a table onto a separator finds the entry of every table entry",
          "[inference][junction_tree][kernels]") {
  // Table over (a, b, c, d) with cards (2, 3, 2, 2); separator (d, b) with cards (2, 3).
  const std::vector<variable_id> vars{0, 1, 2, 3}, sep{3, 1};
  const std::vector<Eigen::Index> cards{2, 3, 2, 2}, sep_cards{2, 3};
  std::vector<std::uint32_t> maps;
  const detail::jt_map m = detail::jt_map_onto(vars, cards, sep, sep_cards, maps);
  CHECK(m.inner == 2);  // a, outside the separator, forms the blocks
  CHECK(m.inner * m.run * m.outer == 24);
  // Marginalise a table of entry numbers both ways.
  std::vector<double> table(24), got(6), want(6, 0.0);
  for (Eigen::Index i = 0; i < 24; ++i) {
    table[static_cast<std::size_t>(i)] = static_cast<double>(i + 1);
    const Eigen::Index b = (i / 2) % 3, d = i / 12;
    want[static_cast<std::size_t>(d + 2 * b)] += static_cast<double>(i + 1);
  }
  detail::jt_marginalise<false>(table.data(), m, maps.data(), got.data(), 6);
  CHECK(got == want);
}

}  // namespace clique_tree_test
