// SPDX-License-Identifier: MIT
// France, a few months before the 2017 presidential election. The same GRU officer, still a
// declared military attache, cultivates the adviser on international and military questions of
// a candidate whose positions "incidentally pleased the Russians". At a dinner where the
// election is discussed he praises the candidate, says "maybe we can help you" and offers to
// donate EUR 500,000 so that the movement can campaign "more effectively". French law caps an
// individual's donations at EUR 7,500 a year and bars funding by foreign states. The adviser
// refuses at once (seeds 000 and 001; case file gru_attache_campaign_funding_offer).
//
//   intent = influence_operation -> cycle_stage -> offer_nature -> political_funding_offer,
//                                                                  offer_plausibility, payment_channel
//
// An influence operation, not a recruitment: does the model see the difference, and what
// could it not have seen before the offer?
#include "pitchrisk/domain.hpp"

#include <cstdio>
#include <iostream>
#include <vector>

int main() {
  using namespace pitchrisk;
  using namespace pitchrisk::approach;
  const approach_model model;

  // Who is who: a declared attache of a high-threat state; an established adviser to a
  // campaign whose positions are close to the approaching state's narrative.
  evidence seen{{"official_cover", "attache_or_trade_post"}, {"state_nexus", "high_threat"},
                {"identity_check", "verified"},             {"target_access", "influence_or_contacts"},
                {"target_career_stage", "established"},     {"target_ideological_affinity", "aligned"}};
  std::vector<stage_evidence> stages;

  // Earlier contacts with the adviser, implied by the seeds: interest in the campaign's people.
  seen.observe("contacts_elicitation", "yes");
  stages.push_back({"contacts_with_adviser", "developing", seen});

  // The dinner: praise, then EUR 500,000 that no law allows and no diplomat's job explains.
  seen.observe("flattery", "yes")
      .observe("political_funding_offer", "yes")
      .observe("offer_plausibility", "too_good_to_be_true")
      .observe("payment_channel", "cash_or_concealed")
      .observe("pretext_mismatch", "inconsistent");
  stages.push_back({"dinner_offer", "recruiting", seen});

  const timeline t = assess_timeline(model, "campaign_funding", "pitch", stages);
  write_text(std::cout, t);

  const assessment& dinner = t.steps.back().result;
  std::printf("After the dinner: P(influence_operation) = %.2f, P(recruitment_pitch) = %.2f; most likely lever: %s.\n",
              dinner.intent["influence_operation"], dinner.intent["recruitment_pitch"],
              dinner.lever.variable().states[static_cast<std::size_t>(dinner.lever.most_likely())].c_str());
}
