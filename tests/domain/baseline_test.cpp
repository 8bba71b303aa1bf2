// SPDX-License-Identifier: MIT
// The model against the red-flag counter baseline (count of observed states marked "toward
// pitch" in indicators.md, target attributes left out), on every stage before exposure of the
// eight case files: where the model separates pitches from benign contacts better, and the
// one place where the checklist orders a pair better. Figures: examples/approach_red_flag_baseline.
#include "pitchrisk/domain/approach/timeline.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace baseline_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using namespace pitchrisk::approach;

namespace {

struct stage_score {
  bool pitch;
  double p, flags;
};

/// Scores of every stage before exposure, by "case/stage".
const std::map<std::string, stage_score>& scores() {
  static const std::map<std::string, stage_score> all = [] {
    const approach_model model;
    assessment_options options;
    options.uncertainty.samples = 0;
    options.questions = 0;
    options.explain = false;
    std::map<std::string, stage_score> out;
    for (const case_file& c : read_case_directory(std::filesystem::path(PITCHRISK_SOURCE_DIR) / "examples" / "data" / "cases"))
      if (c.is_labelled())  // a `label unknown` case has no side to count on
        for (const timeline_step& s : assess_timeline(model, c, options).steps)
          if (s.stage != "exposure")
            out[c.name + "/" + s.stage] = {c.is_pitch(), s.result.p_pitch, static_cast<double>(s.result.red_flags.size())};
    return out;
  }();
  return all;
}

double auc(double stage_score::*score) {
  double wins = 0, pairs = 0;
  for (const auto& [a_name, a] : scores())
    for (const auto& [b_name, b] : scores())
      if (a.pitch && !b.pitch) {
        pairs += 1;
        wins += a.*score > b.*score ? 1.0 : (a.*score == b.*score ? 0.5 : 0.0);
      }
  return wins / pairs;
}

const stage_score& at(const std::string& name) { return scores().at(name); }

}  // namespace

TEST_CASE("sixteen stages before exposure: eight of pitches, eight of benign contacts", "[domain][baseline]") {
  std::size_t pitch = 0;
  for (const auto& [name, s] : scores()) pitch += s.pitch;
  CHECK(scores().size() == 16);
  CHECK(pitch == 8);
}

TEST_CASE("the model separates pitch stages from benign stages better than the red-flag count", "[domain][baseline]") {
  const double model = auc(&stage_score::p), counter = auc(&stage_score::flags);
  CAPTURE(model, counter);
  CHECK(model > counter);
  CHECK(model > 0.9);
}

TEST_CASE("where the model beats the counter: behaviour that clears, and who is asking", "[domain][baseline]") {
  // The real student's regular, paid, open lessons collect five red flags (an ad, a stranger,
  // one-to-one, regular, light small talk), as many as the SVR officer's restaurant dinners;
  // the model weighs what they lack: covert arrangements, cash, a mismatch with the pretext.
  const stage_score& student = at("benign_student_tutoring_ad/weekly_lessons");
  const stage_score& officer = at("svr_tutoring_ad_engineer/dinner_lessons");
  CHECK(student.flags == officer.flags);
  CHECK(student.p < 0.5);
  CHECK(officer.p > 0.25);
  CHECK(officer.p > 5 * student.p);
  // The attache's contacts with a campaign adviser: as many flags as the headhunter's
  // connection request; the model sees a declared military attache of a high-threat state
  // probing the campaign's people (still below 0.5: nothing is offered or hidden yet).
  const stage_score& adviser = at("gru_attache_campaign_funding_offer/contacts_with_adviser");
  CHECK(adviser.p > 10 * at("benign_headhunter_professional_network/connection_request").p);
  CHECK(adviser.p > 0.1);
  CHECK(at("benign_diplomat_public_event_journalist/group_briefing").p < 0.1);
  CHECK(at("benign_headhunter_professional_network/connection_request").p < 0.5);
}

TEST_CASE("the model misorders at most three pitch/benign pairs, the counter many", "[domain][baseline]") {
  const auto misordered = [](double stage_score::*score) {
    std::size_t n = 0;
    for (const auto& [a_name, a] : scores())
      for (const auto& [b_name, b] : scores())
        if (a.pitch && !b.pitch && a.*score <= b.*score) ++n;
    return n;
  };
  // The model's misordered pairs (examples/approach_red_flag_baseline prints them): two
  // first contacts in which the officer has done nothing yet (the journalist's first
  // meeting, the SVR officer's ad reply) score below the real student's paid weekly lessons
  // of a young engineer with sensitive access: who approaches is weak by design (issue 14).
  CHECK(misordered(&stage_score::p) <= 3);
  CHECK(misordered(&stage_score::flags) >= 10);
  CHECK(at("gru_attache_journalist_paris/first_meeting").flags > at("benign_student_tutoring_ad/ad_reply").flags);
}

}  // namespace baseline_test
