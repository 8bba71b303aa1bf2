// SPDX-License-Identifier: MIT
#include "pitchrisk/domain/approach/timeline.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace timeline_test {  // one namespace per file: the tests compile in unity batches

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

TEST_CASE("stages given through the API give the same timeline as the file", "[domain][timeline]") {
  const case_file c = seed_case("russian_officers_buying_secret_documents");
  std::vector<stage_evidence> stages;
  evidence seen{{"official_cover", "diplomat"}, {"state_nexus", "high_threat"}, {"declared_affiliation", "state_body"}};
  seen.observe("task_request", "classified_documents");
  seen.observe("asks_target_for_money", "no");
  seen.observe("interest_served", "state_interest");
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
  // Of the stage's three findings, whose interest the request serves moves the eight-explanation
  // model most (it separates a state's collection from every private explanation).
  CHECK(file.steps[0].moved_by == "interest_served=state_interest");
}

TEST_CASE("a case without stages is one stage called all", "[domain][timeline]") {
  const case_file c = read_case_string("label benign\nstate_nexus=none\nidentity_check=verified\n", "plain.case");
  const timeline t = assess_timeline(builtin(), c, quick());
  REQUIRE(t.steps.size() == 1);
  CHECK(t.steps[0].stage == "all");
  CHECK(t.steps[0].added.size() == 2);
  CHECK(t.steps[0].result.p_pitch < t.steps[0].result.prior_p_pitch);
}

TEST_CASE("an uncertain observation scores as virtual evidence: the closed form over its states",
          "[domain][timeline]") {
  // P(pitch | lambda) = sum_s lambda_s P(s, pitch) / sum_s lambda_s P(s), from hard queries.
  const approach_model& m = builtin();
  const variable_elimination engine(m.network());
  const hypothesis pitch = pitch_hypothesis(m);
  const evidence base{{"first_contact_channel", "online_unsolicited"}};
  const distribution check = engine.posterior(m.network().id("identity_check"), base);
  const auto closed_form = [&](const std::vector<double>& lambda) {
    double num = 0, den = 0;
    for (std::size_t s = 0; s < lambda.size(); ++s) {
      evidence hard = base;
      hard.observe("identity_check", m.network().variable(m.network().id("identity_check")).states[s]);
      const double ps = check[static_cast<Eigen::Index>(s)];
      num += lambda[s] * ps * probability(engine.posterior(pitch.variable, hard), pitch);
      den += lambda[s] * ps;
    }
    return num / den;
  };
  assessment_options o = quick();
  o.uncertainty.samples = 0;
  const auto score = [&](const std::string& reading) {
    const case_file c = read_case_string(
        "label unknown\nfirst_contact_channel=online_unsolicited\nstage a\nstage b\n" + reading + "\n", "soft.case");
    return assess_timeline(m, c, o);
  };
  const timeline soft = score("identity_check=contradicted~0.8");
  CHECK(soft.label == "unknown");
  CHECK(soft.steps[1].result.p_pitch == Approx(closed_form({0.1, 0.1, 0.8})).epsilon(1e-10));
  const double hard = score("identity_check=contradicted").steps[1].result.p_pitch;
  const double none = score("").steps[1].result.p_pitch;
  CHECK(none < soft.steps[1].result.p_pitch);
  CHECK(soft.steps[1].result.p_pitch < hard);
  CHECK(score("identity_check=contradicted~1").steps[1].result.p_pitch == Approx(hard).epsilon(1e-12));
  CHECK(score("identity_check=verified~0.3333333333333333").steps[1].result.p_pitch == Approx(none).epsilon(1e-9));
  // Below 1/k the report counts against the named state.
  CHECK(score("identity_check=contradicted~0.1").steps[1].result.p_pitch < none);

  // The timeline and the findings name it as written.
  const timeline_step& step = soft.steps[1];
  CHECK(step.moved_by == "identity_check=contradicted~0.8");
  REQUIRE(step.added.size() == 1);
  CHECK(step.added[0].confidence == 0.8);
  CHECK(step.added[0].line == 5);
  const auto f = std::find_if(step.result.findings.begin(), step.result.findings.end(),
                              [](const finding_weight& w) { return w.indicator == "identity_check"; });
  REQUIRE(f != step.result.findings.end());
  CHECK(f->state == "contradicted");
  CHECK(f->confidence == 0.8);
  CHECK(f->p_without == Approx(none).epsilon(1e-10));
  // A soft finding is not a red flag of the checklist baseline.
  CHECK(std::find(step.result.red_flags.begin(), step.result.red_flags.end(), "identity_check=contradicted") ==
        step.result.red_flags.end());
}

TEST_CASE("restating an uncertain finding with another confidence is a change of the stage", "[domain][timeline]") {
  const case_file c = read_case_string(
      "label unknown\nstage a\nidentity_check=unverifiable~0.6\nstage b\nidentity_check=unverifiable~0.6\n"
      "stage c\nidentity_check=unverifiable~0.9\n",
      "restated.case");
  assessment_options o = quick();
  o.uncertainty.samples = 0;
  const timeline t = assess_timeline(builtin(), c, o);
  REQUIRE(t.steps.size() == 3);
  CHECK(t.steps[1].added.empty());  // same reading: nothing new
  CHECK(t.steps[1].change == Approx(0).margin(1e-15));
  REQUIRE(t.steps[2].added.size() == 1);
  CHECK(t.steps[2].moved_by == "identity_check=unverifiable~0.9");
  // Reverting the 0.9 reading goes back to the 0.6 one, i.e. to stage b's score.
  CHECK(t.steps[2].moved_by_change == Approx(t.steps[2].result.p_pitch - t.steps[1].result.p_pitch).epsilon(1e-10));
}

TEST_CASE("dated stages give the days between contacts, without changing the score", "[domain][timeline]") {
  const case_file c = seed_case("gru_attache_journalist_paris");
  // The same case with dates on its stages.
  std::ifstream in(std::filesystem::path(PITCHRISK_SOURCE_DIR) / "examples/data/cases/gru_attache_journalist_paris.case");
  std::stringstream text;
  text << in.rdbuf();
  std::string dated = text.str();
  const char* dates[] = {" 2013-02-04", " 2013-02-18", " 2013-05-02"};
  std::size_t at = 0, k = 0;
  while ((at = dated.find("\nstage ", at)) != std::string::npos && k < 3) {
    const std::size_t eol = dated.find('\n', at + 1);
    dated.insert(eol, dates[k++]);
    at = eol;
  }
  REQUIRE(k == c.stages.size());
  const case_file d = read_case_string(dated, "gru_attache_journalist_paris.case");
  REQUIRE(d.is_dated());
  const timeline plain = assess_timeline(builtin(), c, quick());
  const timeline timed = assess_timeline(builtin(), d, quick());
  REQUIRE(timed.steps.size() == 3);
  CHECK(!plain.steps[1].date);
  CHECK(!plain.steps[1].days_since_previous);
  CHECK(format_date(*timed.steps[0].date) == "2013-02-04");
  CHECK(!timed.steps[0].days_since_previous);
  CHECK(timed.steps[1].days_since_previous == 14);
  CHECK(timed.steps[2].days_since_previous == 73);
  for (std::size_t s = 0; s < 3; ++s) {
    CHECK(timed.steps[s].result.p_pitch == plain.steps[s].result.p_pitch);
    CHECK(timed.steps[s].result.interval.low == plain.steps[s].result.interval.low);
    CHECK(timed.steps[s].moved_by == plain.steps[s].moved_by);
  }
}

TEST_CASE("stage dates given through the API are checked as the case reader checks them", "[domain][timeline]") {
  using Catch::Matchers::Contains;
  using std::chrono::day;
  using std::chrono::month;
  using std::chrono::year;
  const evidence first{{"first_contact_channel", "online_unsolicited"}};
  evidence second = first;
  second.observe("flattery", "yes");
  const auto stages_dated = [&](std::optional<case_date> a, std::optional<case_date> b) {
    return std::vector<stage_evidence>{{"first_call", "", first, a}, {"dinner", "", second, b}};
  };
  assessment_options o;
  o.uncertainty.samples = 0;
  o.questions = 0;
  const compiled_model m(builtin(), o);
  compiled_model::workspace ws = m.make_workspace();
  const case_date jan10{year{2024}, month{1}, day{10}}, jan22{year{2024}, month{1}, day{22}};

  SECTION("valid: dated, undated, and two stages on one day") {
    const std::vector<stage_evidence> dated = stages_dated(jan10, jan22);
    const timeline t = assess_timeline(m, ws, "review", "unknown", dated);
    CHECK(t.steps[1].days_since_previous == 12);
    const std::vector<stage_evidence> undated = stages_dated(std::nullopt, std::nullopt);
    CHECK_FALSE(assess_timeline(m, ws, "review", "unknown", undated).steps[1].date);
    const std::vector<stage_evidence> same_day = stages_dated(jan10, jan10);
    CHECK(assess_timeline(m, ws, "review", "unknown", same_day).steps[1].days_since_previous == 0);
  }
  SECTION("a stage earlier than the stage before") {
    const std::vector<stage_evidence> stages = stages_dated(jan22, jan10);
    CHECK_THROWS_WITH(assess_timeline(m, ws, "review", "unknown", stages),
                      "case 'review': stage 'dinner' is dated 2024-01-10, before stage 'first_call' (2024-01-22): "
                      "stages are in chronological order");
    CHECK_THROWS_AS(assess_timeline(m, ws, "review", "unknown", stages), evidence_error);
    // Every entry point checks: the engine-generic path, the uncompiled one, a hand-made case file.
    CHECK_THROWS_AS(assess_timeline(variable_elimination(builtin().network()), scored_model(builtin()), "review",
                                    "unknown", stages, o),
                    evidence_error);
    CHECK_THROWS_AS(assess_timeline(builtin(), "review", "unknown", stages, o), evidence_error);
    case_file c = read_case_string("label unknown\nstage first_call 2024-01-22\nflattery=yes\nstage dinner 2024-01-23\n",
                                   "review.case");
    c.stages[1].date = jan10;  // made by hand, not by the reader
    CHECK_THROWS_WITH(assess_timeline(m, ws, c), Contains("stage 'dinner' is dated 2024-01-10"));
    const std::vector<case_file> batch{c};
    CHECK_THROWS_AS(assess_timelines(m, ws, batch), evidence_error);
  }
  SECTION("some stages dated, others not") {
    const std::vector<stage_evidence> late = stages_dated(std::nullopt, jan22);
    CHECK_THROWS_WITH(assess_timeline(m, ws, "review", "unknown", late),
                      "case 'review': stage 'dinner' has a date but stage 'first_call' has none: date every stage or none");
    const std::vector<stage_evidence> missing = stages_dated(jan10, std::nullopt);
    CHECK_THROWS_WITH(assess_timeline(m, ws, "review", "unknown", missing),
                      "case 'review': stage 'dinner' has no date but stage 'first_call' has one: date every stage or none");
  }
  SECTION("a date that is not a calendar day") {
    const std::vector<stage_evidence> stages = stages_dated(jan10, case_date{year{2023}, month{2}, day{29}});
    CHECK_THROWS_WITH(assess_timeline(m, ws, "review", "unknown", stages),
                      "case 'review': stage 'dinner': date 2023-02-29 is not a calendar date");
    const std::vector<stage_evidence> month13 = stages_dated(case_date{year{2024}, month{13}, day{1}}, jan22);
    CHECK_THROWS_WITH(assess_timeline(m, ws, "review", "unknown", month13),
                      "case 'review': stage 'first_call': date 2024-13-01 is not a calendar date");
  }
}

}  // namespace timeline_test
