// SPDX-License-Identifier: MIT
#include "pitchrisk/domain/approach/vocabulary.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace pitchrisk;
using namespace pitchrisk::approach;
using Catch::Matchers::Contains;

TEST_CASE("the vocabulary holds the 29 indicators and 5 latents of indicators.md", "[domain][vocabulary]") {
  REQUIRE(indicators().size() == 29);
  REQUIRE(latent_variables().size() == 5);
  std::set<std::string_view> names;
  for (const indicator& i : indicators()) {
    INFO(i.name);
    CHECK(names.insert(i.name).second);
    CHECK(i.states.size() >= 2);
    REQUIRE(i.strengths.size() == i.states.size());
    for (std::size_t s = 0; s < i.states.size(); ++s) {
      CHECK(i.strengths[s].state == i.states[s]);
      CHECK(i.strengths[s].band.low <= i.strengths[s].band.high);
    }
    CHECK(!i.definition.empty());
    CHECK(!i.strength.empty());
    for (const std::string_view r : i.references) CHECK(find_reference(r) != nullptr);
  }
  for (const latent_variable& l : latent_variables()) CHECK(names.insert(l.name).second);
  CHECK(indicators().front().code == "A1");
  CHECK(indicators().back().name == "authority_flag");
  CHECK(find_latent("intent")->states == std::vector<std::string>{"recruitment_pitch", "influence_operation", "benign"});
}

TEST_CASE("documented strengths become likelihood-ratio bands of section 2", "[domain][vocabulary]") {
  const indicator& cover = indicator_named("official_cover");
  CHECK(cover.strengths[2].direction == direction::toward_pitch);
  CHECK(cover.strengths[2].band.contains(5.0));
  CHECK(!cover.strengths[2].band.contains(12.0));
  const indicator& task = indicator_named("task_request");
  CHECK(task.strengths[4].wording == "decisive toward pitch");
  CHECK(task.strengths[4].band.low == 100);
  CHECK(indicator_named("secrecy").strengths[0].direction == direction::exculpatory);
  CHECK(indicator_named("secrecy").strengths[0].band.high == 0.35);
}

TEST_CASE("vocabulary lookups report unknown names", "[domain][vocabulary]") {
  CHECK(find_indicator("nope") == nullptr);
  REQUIRE_THROWS_AS(indicator_named("nope"), lookup_error);
  REQUIRE_THROWS_WITH(indicator_named("officer"), Contains("'officer'"));
  CHECK(indicator_named("secrecy").state_index("informal") == 1);
  REQUIRE_THROWS_WITH(indicator_named("secrecy").state_index("loud"), Contains("'secrecy'") && Contains("'loud'"));
  CHECK(find_reference("R15") != nullptr);
  CHECK(find_reference("R99") == nullptr);
}
