// SPDX-License-Identifier: MIT
// The junction tree against the independent reference answers of ../shared/reference:
// every marginal within 1e-8, log P(e) within 1e-9 relative, every MPE exactly.
#include "pitchrisk/inference/junction_tree.hpp"

#include "support/reference_check.hpp"

#include <catch2/catch.hpp>

namespace jt_reference_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

TEST_CASE("junction tree matches the references on the small networks", "[inference][junction_tree][reference]") {
  for (const char* name : {"asia", "cancer", "earthquake", "survey", "sachs", "child", "insurance", "alarm",
                           "hailfinder", "hepar2", "win95pts", "water"})
    test::check_shared_network<junction_tree>(name);
}

TEST_CASE("junction tree matches the references on every shared network", "[.slow][slow][inference][junction_tree][reference]") {
  for (const char* name : {"pathfinder", "mildew", "barley", "andes", "diabetes", "pigs", "link", "munin1", "munin",
                           "munin2", "munin3", "munin4"})
    test::check_shared_network<junction_tree>(name);
}

}  // namespace jt_reference_test
