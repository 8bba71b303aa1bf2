// SPDX-License-Identifier: MIT
#include "pitchrisk/domain/approach/vocabulary.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

namespace vocabulary_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using namespace pitchrisk::approach;
using Catch::Matchers::Contains;

TEST_CASE("the vocabulary holds the 33 indicators and 5 latents of indicators.md", "[domain][vocabulary]") {
  REQUIRE(indicators().size() == 33);
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
  CHECK(indicator_named("authority_flag").code == "G1");
  CHECK(indicators().back().name == "formal_channel");
  // The names and states of contracts.md section C, which the case library uses.
  CHECK(find_latent("intent")->states ==
        std::vector<std::string>{"recruitment_pitch", "influence_operation", "fraud", "commercial_recruitment",
                                 "business_intelligence", "press_or_research", "lobbying", "benign"});
  CHECK(indicator_named("asks_target_for_money").states ==
        std::vector<std::string>{"no", "fees_or_investment", "credentials_or_identity"});
  CHECK(indicator_named("declared_affiliation").states ==
        std::vector<std::string>{"individual", "private_firm", "recruitment_firm", "media", "academic_or_think_tank",
                                 "advocacy_or_lobby", "state_body"});
  CHECK(indicator_named("interest_served").states ==
        std::vector<std::string>{"unclear", "target_money", "commercial_advantage", "publication", "policy_outcome",
                                 "state_interest"});
  CHECK(indicator_named("formal_channel").states == std::vector<std::string>{"yes", "no"});
  for (const char* h : {"asks_target_for_money", "declared_affiliation", "interest_served", "formal_channel"})
    CHECK(indicator_named(h).group == indicator_group::serves);
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

}  // namespace vocabulary_test
