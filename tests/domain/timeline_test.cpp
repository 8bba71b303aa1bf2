// SPDX-License-Identifier: MIT
#include "pitchrisk/domain/approach/timeline.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

using namespace pitchrisk;
using namespace pitchrisk::approach;

namespace {

const approach_model& builtin() {
  static const approach_model model;
  return model;
}

case_file seed_case(const std::string& name) {
  return read_case(std::filesystem::path(PITCHRISK_SOURCE_DIR) / "examples" / "data" / "cases" / (name + ".case"));
}

assessment_options quick() {
  assessment_options o;
  o.uncertainty.samples = 20;
  o.questions = 2;
  return o;
}

}  // namespace

TEST_CASE("the journalist's timeline rises at the second meeting, moved by the personal questions",
          "[domain][timeline]") {
  const timeline t = assess_timeline(builtin(), seed_case("gru_attache_journalist_paris"), quick());
  REQUIRE(t.steps.size() == 3);
  CHECK(t.case_name == "gru_attache_journalist_paris");
  CHECK(t.label == "pitch");
  CHECK(t.steps[1].stage == "second_meeting");
  CHECK(t.steps[1].cycle == "assessing");
  CHECK(t.steps[1].result.p_pitch > t.steps[0].result.p_pitch + 0.15);
  CHECK(t.steps[1].moved_by == "personal_probing=persistent");
  CHECK(t.steps[2].moved_by == "authority_flag=flagged");
  CHECK(&t.before_exposure() == &t.steps[1]);
  // The first stage's change is measured from the prior and counts the case-level facts.
  CHECK(t.steps[0].change == Approx(t.steps[0].result.p_pitch - t.steps[0].result.prior_p_pitch));
  CHECK(t.steps[0].added.size() == 10);  // 7 case-level facts + 2 of the first meeting
  double sum = 0;
  for (const timeline_step& s : t.steps) sum += s.change;
  CHECK(sum == Approx(t.steps.back().result.p_pitch - t.steps[0].result.prior_p_pitch).margin(1e-12));
}

TEST_CASE("a changed finding is a mover: the tutoring pupil's true post at exposure", "[domain][timeline]") {
  const timeline t = assess_timeline(builtin(), seed_case("svr_tutoring_ad_engineer"), quick());
  REQUIRE(t.steps.size() == 4);
  const timeline_step& exposure = t.steps.back();
  // official_cover none -> attache_or_trade_post and state_nexus allied_or_neutral -> high_threat
  // are changes, not repetitions.
  const auto changed = [&](const char* name) {
    return std::any_of(exposure.added.begin(), exposure.added.end(),
                       [&](const observation& o) { return o.indicator == name; });
  };
  CHECK(changed("official_cover"));
  CHECK(changed("state_nexus"));
  CHECK(changed("authority_flag"));
  CHECK_FALSE(changed("first_contact_channel"));
  CHECK(t.steps[2].moved_by_change * t.steps[2].change >= 0);  // the mover pushed the way the score went
  for (const timeline_step& s : t.steps)
    for (const observation& o : s.added) CHECK(o.line > 0);  // file lines kept
}

TEST_CASE("stages given through the API give the same timeline as the file", "[domain][timeline][.known_failure]") {  // KNOWN FAILURE: the API stages lack the H findings the case file gained (issue 14); add declared_affiliation, asks_target_for_money, interest_served
  const case_file c = seed_case("russian_officers_buying_secret_documents");
  std::vector<stage_evidence> stages;
  evidence seen{{"official_cover", "diplomat"}, {"state_nexus", "high_threat"}};
  seen.observe("task_request", "classified_documents");
  stages.push_back({"purchase_attempt", "recruiting", seen});
  seen.observe("authority_flag", "flagged");
  stages.push_back({"exposure", "recruiting", seen});
  const timeline api = assess_timeline(builtin(), "officers", "pitch", stages, quick());
  const timeline file = assess_timeline(builtin(), c, quick());
  REQUIRE(api.steps.size() == file.steps.size());
  for (std::size_t k = 0; k < api.steps.size(); ++k) {
    CHECK(api.steps[k].result.p_pitch == Approx(file.steps[k].result.p_pitch).epsilon(1e-12));
    CHECK(api.steps[k].moved_by == file.steps[k].moved_by);
    CHECK(api.steps[k].result.interval.low == file.steps[k].result.interval.low);
  }
  CHECK(file.steps[0].moved_by == "task_request=classified_documents");
}

TEST_CASE("a case without stages is one stage called all", "[domain][timeline]") {
  const case_file c = read_case_string("label benign\nstate_nexus=none\nidentity_check=verified\n", "plain.case");
  const timeline t = assess_timeline(builtin(), c, quick());
  REQUIRE(t.steps.size() == 1);
  CHECK(t.steps[0].stage == "all");
  CHECK(t.steps[0].added.size() == 2);
  CHECK(t.steps[0].result.p_pitch < t.steps[0].result.prior_p_pitch);
}
