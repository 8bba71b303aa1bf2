// SPDX-License-Identifier: MIT
// The junction tree against the independent reference answers of ../shared/reference:
// every marginal within 1e-8, log P(e) within 1e-9 relative, every MPE exactly.
#include "pitchrisk/inference/junction_tree.hpp"

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
  const junction_tree jt(io::read_bif(test::shared_network_path(name)));
  const auto cases = io::read_reference(test::shared_reference_path(name + ".ref"));
  REQUIRE(!cases.empty());
  test::check_reference(jt, cases, true);
}

}  // namespace

TEST_CASE("junction tree matches the references on the small networks", "[inference][junction_tree][reference]") {
  for (const char* name : {"asia", "cancer", "earthquake", "survey", "sachs", "child", "insurance", "alarm",
                           "hailfinder", "hepar2", "win95pts", "water"})
    check_network(name);
}

TEST_CASE("junction tree matches the references on every shared network", "[.slow][slow][inference][junction_tree][reference]") {
  for (const char* name : {"pathfinder", "mildew", "barley", "andes", "diabetes", "pigs", "link", "munin1", "munin",
                           "munin2", "munin3", "munin4"})
    check_network(name);
}
