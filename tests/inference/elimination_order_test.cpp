// SPDX-License-Identifier: MIT
// Greedy elimination: each heuristic on graphs whose answer is known, and the unified routine
// against the two it replaced (tests/support/former_elimination.hpp) on every shared network:
// the same orders, so variable elimination and the junction tree compile as before.
#include "pitchrisk/inference/elimination_order.hpp"

#include "pitchrisk/core/graph.hpp"
#include "pitchrisk/io/bif.hpp"
#include "support/former_elimination.hpp"
#include "support/shared_data.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace elimination_order_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

namespace {

/// The graph of `edges` over n vertices, as sorted adjacency lists.
adjacency_lists graph_of(std::size_t n, const std::vector<std::pair<variable_id, variable_id>>& edges) {
  adjacency_lists adj(n);
  for (const auto& [a, b] : edges) {
    adj[static_cast<std::size_t>(a)].push_back(b);
    adj[static_cast<std::size_t>(b)].push_back(a);
  }
  for (auto& a : adj) std::sort(a.begin(), a.end());
  return adj;
}

/// Variable elimination's graph for one query: the ancestors of the query and the findings,
/// observed variables cut out; `eliminate` marks the relevant variables to sum out.
adjacency_lists query_graph(const network& net, variable_id query, const std::vector<variable_id>& observed,
                            std::vector<char>& eliminate) {
  std::vector<variable_id> seeds = observed;
  seeds.push_back(query);
  const std::vector<char> relevant = ancestral_set(net.all_parents(), seeds);
  std::vector<char> seen(static_cast<std::size_t>(net.size()), 0);
  for (const variable_id v : observed) seen[static_cast<std::size_t>(v)] = 1;
  adjacency_lists adj(static_cast<std::size_t>(net.size()));
  for (const variable_id v : net.variables()) {
    if (!relevant[static_cast<std::size_t>(v)]) continue;
    std::vector<variable_id> scope;
    for (const variable_id u : net.cpt(v).scope())
      if (!seen[static_cast<std::size_t>(u)]) scope.push_back(u);
    for (const variable_id a : scope)
      for (const variable_id b : scope)
        if (a != b) adj[static_cast<std::size_t>(a)].push_back(b);
  }
  for (auto& a : adj) {
    std::sort(a.begin(), a.end());
    a.erase(std::unique(a.begin(), a.end()), a.end());
  }
  eliminate.assign(static_cast<std::size_t>(net.size()), 0);
  for (const variable_id v : net.variables())
    eliminate[static_cast<std::size_t>(v)] = relevant[static_cast<std::size_t>(v)] && !seen[static_cast<std::size_t>(v)];
  eliminate[static_cast<std::size_t>(query)] = 0;
  return adj;
}

/// Total entries of the tables an order creates (its cliques).
double order_entries(const adjacency_lists& graph, std::span<const Eigen::Index> cards,
                     const std::vector<variable_id>& order) {
  detail::elimination_graph g(graph);
  const std::vector<double> card(cards.begin(), cards.end());
  std::vector<std::size_t> nb;
  double total = 0;
  for (const variable_id v : order) {
    g.neighbours(static_cast<std::size_t>(v), nb);
    total += detail::clique_weight(static_cast<std::size_t>(v), nb, card);
    (void)g.eliminate(static_cast<std::size_t>(v), nb);
  }
  return total;
}

void check_same(const elimination_result& now, const test::former::jt_result& before) {
  CHECK(now.order == before.order);
  CHECK(now.cliques == before.cliques);
  CHECK(now.total_entries == before.total_entries);
  CHECK(now.largest_entries == before.largest_entries);
}

}  // namespace

TEST_CASE("min-fill eliminates a chain without fill-in", "[inference][elimination_order]") {
  // chain 0 - 1 - 2 - 3 - 4
  const adjacency_lists adj = graph_of(5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}});
  const std::vector<Eigen::Index> cards(5, 2);
  const std::vector<char> all(5, 1);
  for (const auto h : {elimination_heuristic::min_fill, elimination_heuristic::weighted_min_fill,
                       elimination_heuristic::min_weight, elimination_heuristic::min_degree,
                       elimination_heuristic::best}) {
    INFO(to_string(h));
    const auto order = elimination_order(adj, cards, all, h);
    REQUIRE(order.size() == 5);
    CHECK(largest_table_log2(adj, cards, order) == Approx(2.0));  // pairs only
  }
}

TEST_CASE("only the marked variables are eliminated", "[inference][elimination_order]") {
  const adjacency_lists adj = graph_of(3, {{0, 1}, {0, 2}, {1, 2}});
  const std::vector<Eigen::Index> cards{2, 3, 4};
  const std::vector<char> some{1, 0, 1};
  const elimination_result r = greedy_elimination(adj, cards, elimination_heuristic::min_fill, some);
  CHECK(r.order == std::vector<variable_id>{0, 2});  // the smaller table first
  CHECK(r.cliques == std::vector<std::vector<variable_id>>{{0, 1, 2}, {1, 2}});
  CHECK(r.total_entries == 24 + 12);
  CHECK(r.largest_entries == 24);
}

TEST_CASE("phases order the marked vertices: all of phase 1 before any of phase 2", "[inference][elimination_order]") {
  // Star around 0 with leaves 1..4: min-weight alone would take a leaf, then 0 among the
  // rest; with 0 in phase 1 it goes first, which joins the leaves into one clique.
  const adjacency_lists adj = graph_of(5, {{0, 1}, {0, 2}, {0, 3}, {0, 4}});
  const std::vector<Eigen::Index> cards{2, 3, 3, 3, 3};
  const std::vector<char> phases{1, 2, 2, 2, 0};
  const elimination_result r = greedy_elimination(adj, cards, elimination_heuristic::min_weight, phases);
  REQUIRE(r.order.size() == 4);
  CHECK(r.order.front() == 0);
  CHECK(r.cliques.front() == std::vector<variable_id>{0, 1, 2, 3, 4});
  CHECK(r.largest_entries == 2 * 81);
  const std::vector<char> one_phase{1, 1, 1, 1, 0};
  CHECK(greedy_elimination(adj, cards, elimination_heuristic::min_weight, one_phase).order.front() == 1);
}

TEST_CASE("the interaction graph links the variables that share a factor", "[inference][elimination_order]") {
  const std::vector<std::vector<variable_id>> scopes{{0, 2}, {1, 2, 3}, {2, 0}};
  const adjacency_lists g = interaction_graph(5, scopes, [](const auto& s) -> const auto& { return s; });
  CHECK(g == adjacency_lists{{2}, {2, 3}, {0, 1, 3}, {1, 2}, {}});
}

TEST_CASE("each heuristic minimises its own score", "[inference][elimination_order]") {
  // A triangle 1 - 2 - 3 with 0 joined to all three, 4 (40 states) hanging off 1, and 5
  // joined to 2 and 3; every other variable has 2 states. First choices:
  //   vertex:  0    1    2    3    4    5
  //   fill:    0    3    2    2    0    0
  //   degree:  3    4    4    4    1    2
  //   table:  16  640   32   32   80    8
  const adjacency_lists adj =
      graph_of(6, {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}, {1, 4}, {2, 5}, {3, 5}});
  const std::vector<Eigen::Index> cards{2, 2, 2, 2, 40, 2};
  const std::vector<char> all(6, 1);
  CHECK(elimination_order(adj, cards, all, elimination_heuristic::min_fill).front() == 5);  // fill 0, table 8
  CHECK(elimination_order(adj, cards, all, elimination_heuristic::weighted_min_fill).front() == 5);
  CHECK(elimination_order(adj, cards, all, elimination_heuristic::min_weight).front() == 5);  // table 8
  CHECK(elimination_order(adj, cards, all, elimination_heuristic::min_degree).front() == 4);  // degree 1
  // Among the fill-free vertices 0 (table 16) and 4 (table 80), min-fill breaks the tie by table.
  const std::vector<char> not_five{1, 1, 1, 1, 1, 0};
  CHECK(elimination_order(adj, cards, not_five, elimination_heuristic::min_fill).front() == 0);
  CHECK(to_string(elimination_heuristic::min_degree) == "min-degree");
}

TEST_CASE("a grid gets an order near its treewidth", "[inference][elimination_order]") {
  const int w = 6;
  std::vector<std::pair<variable_id, variable_id>> edges;
  for (int r = 0; r < w; ++r)
    for (int c = 0; c < w; ++c) {
      const int v = r * w + c;
      if (c + 1 < w) edges.emplace_back(v, v + 1);
      if (r + 1 < w) edges.emplace_back(v, v + w);
    }
  const adjacency_lists adj = graph_of(w * w, edges);
  const std::vector<Eigen::Index> cards(w * w, 2);
  for (const auto h : {elimination_heuristic::min_fill, elimination_heuristic::min_degree}) {
    const elimination_result r = greedy_elimination(adj, cards, h);
    // treewidth of a 6x6 grid is 6: cliques of 7 binary variables; greedy may add one or two.
    CHECK(largest_table_log2(adj, cards, r.order) <= 9.0);
    CHECK(std::log2(r.largest_entries) == Approx(largest_table_log2(adj, cards, r.order)));
  }
}

TEST_CASE("the unified routine makes the orders of the two it replaced on the shared networks",
          "[inference][elimination_order]") {
  if (!test::have_shared_data()) {
    WARN("no shared data: skipped");
    return;
  }
  using former = test::former::heuristic;
  using now = elimination_heuristic;
  const std::pair<former, now> pairs[] = {{former::min_fill, now::min_fill},
                                          {former::weighted_min_fill, now::weighted_min_fill},
                                          {former::min_weight, now::min_weight}};
  int networks = 0;
  double ve_entries_now = 0, ve_entries_before = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test::shared_dir() / "networks")) {
    if (entry.path().extension() != ".bif") continue;
    ++networks;
    const std::string name = entry.path().stem().string();
    INFO(name);
    const network net = io::read_bif(entry.path());
    const adjacency_lists moral = moral_graph(net.all_parents(), std::vector<char>(static_cast<std::size_t>(net.size()), 1));
    std::vector<Eigen::Index> cards;
    for (const variable_id v : net.variables()) cards.push_back(net.cardinality(v));
    const std::vector<char> all(cards.size(), 1);
    // The junction tree: each heuristic, two seeded randomised runs, and `best`.
    for (const auto& [old_h, new_h] : pairs) {
      INFO(to_string(new_h));
      check_same(greedy_elimination(moral, cards, new_h), test::former::jt_triangulate_one(moral, cards, old_h));
      if (new_h == now::min_weight) continue;
      for (std::uint64_t seed = 1; seed <= 2; ++seed)
        check_same(detail::greedy_elimination_run(moral, cards, new_h, {}, seed, 0.5),
                   test::former::jt_triangulate_one(moral, cards, old_h, seed, 0.5));
    }
    if (net.size() <= 500) check_same(greedy_elimination(moral, cards, now::best), test::former::jt_triangulate_best(moral, cards));
    // Variable elimination: the whole network, then queries with random findings. Its
    // former routine weighed tables by sums of logarithms, whose rounding broke exact ties
    // between equal tables; with that one difference removed, the orders are the same.
    std::mt19937_64 rng(std::hash<std::string>{}(name));
    for (const auto& [old_h, new_h] : pairs) {
      INFO(to_string(new_h));
      auto compare = [&, old_h = old_h, new_h = new_h](const adjacency_lists& g, const std::vector<char>& eliminate) {
        const std::vector<variable_id> order = elimination_order(g, cards, eliminate, new_h);
        CHECK(order == test::former::ve_order(g, cards, eliminate, old_h, true));
        ve_entries_now += order_entries(g, cards, order);
        ve_entries_before += order_entries(g, cards, test::former::ve_order(g, cards, eliminate, old_h));
      };
      compare(moral, all);
      for (int query = 0; query < 3; ++query) {
        std::uniform_int_distribution<variable_id> pick(0, net.size() - 1);
        std::vector<variable_id> observed;
        for (int k = 0; k < 1 + static_cast<int>(net.size() / 20); ++k) observed.push_back(pick(rng));
        variable_id target = pick(rng);
        while (std::find(observed.begin(), observed.end(), target) != observed.end()) target = pick(rng);
        std::vector<char> eliminate;
        const adjacency_lists g = query_graph(net, target, observed, eliminate);
        INFO("query " << query);
        compare(g, eliminate);
      }
    }
  }
  // The tie-breaks send single queries either way (a few by 2x); over all of them the
  // tables variable elimination builds stay the same size.
  INFO("entries of variable elimination's tables, now / before: " << ve_entries_now / ve_entries_before);
  CHECK(ve_entries_now == Approx(ve_entries_before).epsilon(0.02));
  CHECK(networks == 24);
}

}  // namespace elimination_order_test
