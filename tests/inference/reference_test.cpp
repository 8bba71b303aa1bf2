// SPDX-License-Identifier: MIT
// Variable elimination against the independent reference answers of ../shared/reference.
#include "pitchrisk/inference/variable_elimination.hpp"

#include "support/reference_check.hpp"

#include <catch2/catch.hpp>

namespace reference_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

TEST_CASE("variable elimination matches the references on the small networks", "[inference][variable_elimination][reference]") {
  for (const char* name : {"asia", "cancer", "earthquake", "survey", "sachs", "child", "insurance", "alarm",
                           "hailfinder", "hepar2", "win95pts", "pathfinder"})
    test::check_shared_network<variable_elimination>(name);
}

TEST_CASE("variable elimination matches the references on the larger networks", "[.slow][slow][inference][variable_elimination][reference]") {
  for (const char* name : {"water", "mildew", "barley", "andes", "pigs", "munin1"})
    test::check_shared_network<variable_elimination>(name);
}

}  // namespace reference_test
