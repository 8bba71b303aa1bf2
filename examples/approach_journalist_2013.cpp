// SPDX-License-Identifier: MIT
// Paris, 2013. A man who says he has just arrived at the Russian embassy and wants "to create
// the beginnings of a network in Paris" hands his card to a 26-year-old freelance defence
// journalist at a conference. Contacts with embassy staff are common; nothing seems odd. A few
// weeks later, at a second meeting, he asks about the journalist's income, where he lives and
// his family. Then the DGSI calls: the "diplomat" is a GRU officer, officially military
// attache, looking for sources (seeds 000 and 001; case file gru_attache_journalist_paris).
//
//   approacher_is_io -> intent -> cycle_stage -> personal_probing, request_escalation, ...
//          |                                       (what the officer does at each stage)
//          +-> official_cover, state_nexus, identity_check, authority_flag
//
// Would the score have flagged him at the second meeting, before the warning, and why?
#include "pitchrisk/domain.hpp"

#include <cstdio>
#include <iostream>
#include <vector>

int main() {
  using namespace pitchrisk;
  using namespace pitchrisk::approach;
  const approach_model model;  // the built-in network; officer base rate 0.02

  // Known from the start: who he is (an accredited attache of a high-threat state, a
  // stranger) and who the journalist is (young, visible, with contacts).
  evidence seen{{"official_cover", "attache_or_trade_post"}, {"state_nexus", "high_threat"},
                {"identity_check", "verified"},             {"prior_relationship", "stranger"},
                {"target_access", "influence_or_contacts"}, {"target_career_stage", "student_or_early"},
                {"target_public_exposure", "high"}};
  std::vector<stage_evidence> stages;

  // First meeting: a conference of the journalist's bloggers' association, others present.
  seen.observe("first_contact_channel", "event_or_conference").observe("meeting_setting", "official_group");
  stages.push_back({"first_meeting", "spotting", seen});

  // Second meeting, a few weeks later: income, home, family.
  seen.observe("personal_probing", "persistent").observe("request_escalation", "gradual");
  stages.push_back({"second_meeting", "assessing", seen});

  // The counter-intelligence service's warning.
  seen.observe("authority_flag", "flagged");
  stages.push_back({"exposure", "assessing", seen});

  const timeline t = assess_timeline(model, "journalist_2013", "pitch", stages);
  write_text(std::cout, t);

  const timeline_step& second = t.steps[1];
  std::printf("Before any warning, the second meeting took P(pitch) from %.2f to %.2f; the finding that\n"
              "moved it most was %s (%+.2f).\n",
              t.steps[0].result.p_pitch, second.result.p_pitch, second.moved_by.c_str(), second.moved_by_change);
}
