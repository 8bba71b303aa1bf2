// SPDX-License-Identifier: MIT
// France, 2021-2022. A French source warns the DGSI that a Russian agent is trying to buy
// sensitive information from him. The service watches the contacts for months; on 11 April
// 2022 six Russian agents "operating under diplomatic cover" are declared persona non grata,
// discovered "purchasing secret documents" (seeds 002, 003, 004; case file
// russian_officers_buying_secret_documents). Who the source was and how the first contact
// happened are not public, so most indicators stay unobserved.
//
//   approacher_is_io -> official_cover = diplomat, state_nexus = high_threat
//        intent -> cycle_stage -> collection_pressure -> task_request = classified_documents
//
// With almost nothing known but the request itself, how sure can the score be, and what
// should the analyst ask next?
#include "pitchrisk/domain.hpp"

#include <cstdio>
#include <iostream>
#include <vector>

int main() {
  using namespace pitchrisk;
  using namespace pitchrisk::approach;
  const approach_model model;

  // A diplomat of a high-threat state.
  evidence seen{{"official_cover", "diplomat"}, {"state_nexus", "high_threat"}};
  std::vector<stage_evidence> stages;

  // He asks to buy classified documents.
  seen.observe("task_request", "classified_documents");
  stages.push_back({"purchase_attempt", "recruiting", seen});

  // Six officers declared persona non grata.
  seen.observe("authority_flag", "flagged");
  stages.push_back({"exposure", "recruiting", seen});

  const timeline t = assess_timeline(model, "secret_documents", "pitch", stages);
  write_text(std::cout, t);

  const assessment& ask = t.steps[0].result;
  std::printf("With two facts and one request, P(pitch) = %.3f (interval %.3f to %.3f); best next question: %s.\n",
              ask.p_pitch, ask.interval.low, ask.interval.high,
              ask.questions.empty() ? "-" : ask.questions.front().indicator.c_str());
}
