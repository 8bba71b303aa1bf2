// SPDX-License-Identifier: MIT
#include "pitchrisk/core/graph.hpp"

#include <catch2/catch.hpp>

namespace graph_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

TEST_CASE("topological order is deterministic and parents first", "[core][graph]") {
  const parent_lists parents{{2}, {}, {1}, {0, 2}};
  const auto order = topological_order(parents, [](variable_id v) { return std::to_string(v); });
  CHECK(order == std::vector<variable_id>{1, 2, 0, 3});
}

TEST_CASE("a cycle behind an acyclic part is still found and printed in arc order", "[core][graph]") {
  const parent_lists parents{{}, {0, 3}, {1}, {2}};  // 1 -> 2 -> 3 -> 1
  CHECK_THROWS_WITH(topological_order(parents, [](variable_id v) { return "v" + std::to_string(v); }),
                    Catch::Contains("v1 -> v2 -> v3 -> v1") || Catch::Contains("v2 -> v3 -> v1 -> v2") ||
                        Catch::Contains("v3 -> v1 -> v2 -> v3"));
}

TEST_CASE("ancestral set and moral graph", "[core][graph]") {
  const parent_lists parents{{}, {}, {0, 1}, {2}, {}};
  const std::vector<variable_id> seeds{3};
  const auto anc = ancestral_set(parents, seeds);
  CHECK(anc == std::vector<char>{1, 1, 1, 1, 0});
  const auto moral = moral_graph(parents, anc);
  CHECK(moral[0] == std::vector<variable_id>{1, 2});  // married to 1
  CHECK(moral[4].empty());
}

}  // namespace graph_test
