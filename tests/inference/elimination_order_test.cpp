// SPDX-License-Identifier: MIT
#include "pitchrisk/inference/elimination_order.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace pitchrisk;

TEST_CASE("min-fill eliminates a chain without fill-in", "[inference][elimination_order]") {
  // chain 0 - 1 - 2 - 3 - 4
  const std::vector<std::vector<variable_id>> adj{{1}, {0, 2}, {1, 3}, {2, 4}, {3}};
  const std::vector<Eigen::Index> cards(5, 2);
  const std::vector<char> all(5, 1);
  for (const auto h : {elimination_heuristic::min_fill, elimination_heuristic::weighted_min_fill,
                       elimination_heuristic::min_weight}) {
    const auto order = elimination_order(adj, cards, all, h);
    REQUIRE(order.size() == 5);
    CHECK(largest_table_log2(adj, cards, order) == Approx(2.0));  // pairs only
  }
}

TEST_CASE("only the marked variables are eliminated", "[inference][elimination_order]") {
  const std::vector<std::vector<variable_id>> adj{{1, 2}, {0, 2}, {0, 1}};
  const std::vector<Eigen::Index> cards{2, 3, 4};
  const std::vector<char> some{1, 0, 1};
  auto order = elimination_order(adj, cards, some, elimination_heuristic::min_fill);
  std::sort(order.begin(), order.end());
  CHECK(order == std::vector<variable_id>{0, 2});
}

TEST_CASE("a grid gets an order near its treewidth", "[inference][elimination_order]") {
  const int w = 6;
  std::vector<std::vector<variable_id>> adj(w * w);
  for (int r = 0; r < w; ++r)
    for (int c = 0; c < w; ++c) {
      const int v = r * w + c;
      if (c + 1 < w) {
        adj[static_cast<std::size_t>(v)].push_back(v + 1);
        adj[static_cast<std::size_t>(v + 1)].push_back(v);
      }
      if (r + 1 < w) {
        adj[static_cast<std::size_t>(v)].push_back(v + w);
        adj[static_cast<std::size_t>(v + w)].push_back(v);
      }
    }
  for (auto& a : adj) std::sort(a.begin(), a.end());
  const std::vector<Eigen::Index> cards(w * w, 2);
  const auto order = elimination_order(adj, cards, std::vector<char>(w * w, 1), elimination_heuristic::min_fill);
  // treewidth of a 6x6 grid is 6: cliques of 7 binary variables; greedy may add one or two.
  CHECK(largest_table_log2(adj, cards, order) <= 9.0);
}
