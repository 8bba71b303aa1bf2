// SPDX-License-Identifier: MIT
// Variable elimination against the independent reference answers of ../shared/reference.
#include "pitchrisk/inference/variable_elimination.hpp"

#include "support/reference_check.hpp"

#include <catch2/catch.hpp>

using namespace pitchrisk;

namespace {

void check_network(const std::string& name) {
  if (!test::have_shared_data()) {
    WARN("skipped: no shared data at " << test::shared_dir());
    return;
  }
  INFO("network " << name);
  const variable_elimination ve(io::read_bif(test::shared_network_path(name)));
  const auto cases = io::read_reference(test::shared_reference_path(name + ".ref"));
  REQUIRE(!cases.empty());
  test::check_reference(ve, cases, true);
}

}  // namespace

TEST_CASE("variable elimination matches the references on the small networks", "[inference][variable_elimination][reference]") {
  for (const char* name : {"asia", "cancer", "earthquake", "survey", "sachs", "child", "insurance", "alarm",
                           "hailfinder", "hepar2", "win95pts", "pathfinder"})
    check_network(name);
}

TEST_CASE("variable elimination matches the references on the larger networks", "[.slow][slow][inference][variable_elimination][reference]") {
  for (const char* name : {"water", "mildew", "barley", "andes", "pigs", "munin1"}) check_network(name);
}
