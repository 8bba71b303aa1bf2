// SPDX-License-Identifier: MIT
#include "pitchrisk/learning/structure_constraints.hpp"

#include <catch2/catch.hpp>

namespace structure_constraints_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

namespace {
std::string name(Eigen::Index v) { return "v" + std::to_string(v); }
}  // namespace

TEST_CASE("arc rules combine forbidden arcs, tiers and required arcs", "[learning][structure_constraints]") {
  structure_constraints c;
  c.forbidden = {{0, 1}};
  c.required = {{2, 3}};
  c.tiers = {0, 0, 1, 1, -1};
  c.max_parents = 2;
  const arc_rules rules(5, c, name);
  CHECK_FALSE(rules.allowed(0, 1));  // forbidden
  CHECK(rules.allowed(1, 0));
  CHECK_FALSE(rules.allowed(2, 0));  // tier 1 -> tier 0
  CHECK(rules.allowed(0, 2));
  CHECK(rules.allowed(4, 0));        // untiered
  CHECK(rules.allowed(2, 4));
  CHECK_FALSE(rules.allowed(3, 3));
  CHECK(rules.required(2, 3));
  CHECK(rules.max_parents() == 2);
  CHECK(rules.required_parents()[3] == std::vector<variable_id>{2});
  parent_lists g(5);
  CHECK_FALSE(rules.satisfied_by(g));  // misses 2 -> 3
  g[3] = {2};
  CHECK(rules.satisfied_by(g));
  g[2] = {0, 1, 4};
  CHECK_FALSE(rules.satisfied_by(g));  // three parents
}

TEST_CASE("arcs inside a tier can be forbidden too", "[learning][structure_constraints]") {
  structure_constraints c;
  c.tiers = {0, 0, 1};
  c.arcs_within_tier = false;
  const arc_rules rules(3, c, name);
  CHECK_FALSE(rules.allowed(0, 1));
  CHECK(rules.allowed(1, 2));
}

TEST_CASE("conflicting constraints are reported with the variables", "[learning][structure_constraints]") {
  structure_constraints both;
  both.required = {{0, 1}};
  both.forbidden = {{0, 1}};
  REQUIRE_THROWS_WITH(arc_rules(2, both, name), Catch::Contains("required arc v0 -> v1 is forbidden"));
  structure_constraints tiers;
  tiers.required = {{1, 0}};
  tiers.tiers = {0, 1};
  REQUIRE_THROWS_AS(arc_rules(2, tiers, name), model_error);
  structure_constraints cycle;
  cycle.required = {{0, 1}, {1, 2}, {2, 0}};
  REQUIRE_THROWS_WITH(arc_rules(3, cycle, name), Catch::Contains("cycle"));
  structure_constraints many;
  many.required = {{0, 2}, {1, 2}};
  many.max_parents = 1;
  REQUIRE_THROWS_WITH(arc_rules(3, many, name), Catch::Contains("v2 has 2 required parents"));
  structure_constraints range;
  range.forbidden = {{0, 7}};
  REQUIRE_THROWS_WITH(arc_rules(3, range, name), Catch::Contains("out of range"));
  structure_constraints short_tiers;
  short_tiers.tiers = {0};
  REQUIRE_THROWS_WITH(arc_rules(3, short_tiers, name), Catch::Contains("one per variable"));
}

}  // namespace structure_constraints_test
