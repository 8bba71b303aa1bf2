// SPDX-License-Identifier: MIT
// Four real approaches from public reporting, scored stage by stage as an analyst would have
// seen them: a GRU attache cultivating a young defence journalist (Paris, 2013); the same
// officer offering EUR 500,000 to a presidential campaign (2017); an SVR officer posing as a
// Czech consultant answering an engineer's tutoring ad (2020); officers under diplomatic cover
// buying secret documents (2022). Each case file (examples/data/cases/*.case) records what was
// known at each stage; its last stage, `exposure`, adds the counter-intelligence warning.
//
//   case file --read_case--> stages (cumulative evidence) --assess_timeline--> report
//
// Would the model have flagged each approach before the authorities did, and on what?
#include "pitchrisk/domain.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <vector>

int main(int argc, char** argv) try {
  using namespace pitchrisk::approach;
  const std::filesystem::path cases = argc > 1 ? argv[1] : PITCHRISK_DATA_DIR "/cases";
  const approach_model model;

  std::vector<timeline> studies;
  for (const char* name : {"gru_attache_journalist_paris", "gru_attache_campaign_funding_offer",
                           "svr_tutoring_ad_engineer", "russian_officers_buying_secret_documents"})
    studies.push_back(assess_timeline(model, read_case(cases / (std::string(name) + ".case"))));

  std::printf("Four case studies (prior P(pitch) = %.3f: officer base rate %.2f of reported approaches)\n\n",
              model.prior_p_pitch(), model.parameters().officer_base_rate);
  std::printf("%-42s %-22s %9s  %s\n", "case", "judged at stage", "P(pitch)", "found by");
  for (const timeline& t : studies) {
    const timeline_step& judged = t.before_exposure();
    std::printf("%-42s %-22s %9.3f  %s\n", t.case_name.c_str(), judged.stage.c_str(), judged.result.p_pitch,
                judged.result.findings.empty() ? "-"
                                               : (judged.result.findings.front().indicator + "=" +
                                                  judged.result.findings.front().state).c_str());
  }
  std::printf("\n");
  for (const timeline& t : studies) write_text(std::cout, t);
} catch (const pitchrisk::error& e) {
  std::cerr << "approach_case_studies: " << e.what() << '\n';
  return 1;
}
