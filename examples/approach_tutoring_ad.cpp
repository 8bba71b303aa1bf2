// SPDX-License-Identifier: MIT
// France, 2020. A young engineer recently hired by a civil-military artificial-intelligence
// company still advertises maths lessons on a classified-ads site. A "Czech consultant" who
// wants to further his knowledge answers. The lessons take place every three weeks at dinners
// in a restaurant, and the date and place of the next one are fixed at the end of each. Later
// the pupil pays cash for "analytical documents" on cutting-edge technologies. He was Valentin
// Zakharov, an SVR officer at the Russian embassy's economic mission, expelled in November
// 2020 (seed 002; case file svr_tutoring_ad_engineer).
//
//   the pupil's persona (official_cover = none, state_nexus = allied_or_neutral) is what the
//   engineer could see; exposure replaces it with the truth (attache_or_trade_post, high_threat)
//
// When did the lessons stop looking like lessons?
#include "pitchrisk/domain.hpp"

#include <cstdio>
#include <iostream>
#include <vector>

int main() {
  using namespace pitchrisk;
  using namespace pitchrisk::approach;
  const approach_model model;

  // The engineer: young, with sensitive (unclassified) access, a public ad, wanting extra cash.
  evidence seen{{"target_access", "sensitive_unclassified"}, {"target_career_stage", "student_or_early"},
                {"target_public_exposure", "high"}, {"target_financial_pressure", "evident"}};
  std::vector<stage_evidence> stages;

  // The reply to the ad, from a stranger presenting as a private Czech consultant.
  seen.observe("first_contact_channel", "ad_or_gig")
      .observe("prior_relationship", "stranger")
      .observe("official_cover", "none")
      .observe("state_nexus", "allied_or_neutral")
      .observe("task_request", "none");
  stages.push_back({"ad_reply", "spotting", seen});

  // Restaurant dinners every three weeks, each next meeting fixed face to face.
  seen.observe("meeting_setting", "public_one_to_one")
      .observe("contact_cadence", "regular_scheduled")
      .observe("comms_tradecraft", "covert_methods");
  stages.push_back({"dinner_lessons", "developing", seen});

  // Cash for analytical documents: the pupil is not a pupil.
  seen.observe("task_request", "open_or_analytic")
      .observe("payment_channel", "cash_or_concealed")
      .observe("request_escalation", "gradual")
      .observe("pretext_mismatch", "inconsistent");
  stages.push_back({"cash_for_documents", "handling", seen});

  // Exposure: the true post and state replace the persona.
  seen.observe("authority_flag", "flagged")
      .observe("identity_check", "contradicted")
      .observe("official_cover", "attache_or_trade_post")
      .observe("state_nexus", "high_threat");
  stages.push_back({"exposure", "handling", seen});

  const timeline t = assess_timeline(model, "tutoring_ad", "pitch", stages);
  write_text(std::cout, t);

  for (const timeline_step& s : t.steps)
    if (s.result.p_pitch >= 0.5) {
      std::printf("The score first passes 0.5 at '%s' (P(pitch) = %.2f), moved most by %s.\n", s.stage.c_str(),
                  s.result.p_pitch, s.moved_by.c_str());
      break;
    }

  // A real first-year student answering the same kind of ad, with a checkable student card.
  const evidence student{{"target_access", "sensitive_unclassified"}, {"target_career_stage", "student_or_early"},
                         {"target_public_exposure", "high"}, {"target_financial_pressure", "evident"},
                         {"first_contact_channel", "ad_or_gig"}, {"prior_relationship", "stranger"},
                         {"state_nexus", "none"}, {"identity_check", "verified"}, {"task_request", "none"}};
  std::printf("A verified student's reply to the same ad scores %.2f: the reply alone hardly separates them;\n"
              "the dinners fixed face to face (%.2f) do.\n",
              assess(model, student).p_pitch, t.steps[1].result.p_pitch);
}
