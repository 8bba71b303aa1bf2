// SPDX-License-Identifier: MIT
// Four constructed counter-examples with the surface of the real cases: a diplomat who
// networks with a journalist in the open; a foundation's research grant; a headhunter on a
// professional network; a real student who answers a tutoring ad and pays by bank transfer.
// Each is what an over-eager screen would flag (a diplomat, money, an online stranger, an ad).
//
//   benign_*.case --assess_timeline--> score per stage, with the red-flag count beside it
//
// Which of them does the model clear, which does it still worry about, and why?
#include "pitchrisk/domain.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <vector>

int main(int argc, char** argv) try {
  using namespace pitchrisk::approach;
  const std::filesystem::path folder = argc > 1 ? argv[1] : PITCHRISK_DATA_DIR "/cases";
  const approach_model model;

  std::vector<timeline> benign;
  for (const case_file& c : read_case_directory(folder))
    if (c.is_benign()) benign.push_back(assess_timeline(model, c));  // not the unlabelled ones

  std::printf("%-40s %-20s %9s %10s\n", "benign case", "stage", "P(pitch)", "red flags");
  for (const timeline& t : benign)
    for (const timeline_step& s : t.steps)
      std::printf("%-40s %-20s %9.3f %10zu\n", t.case_name.c_str(), s.stage.c_str(), s.result.p_pitch,
                  s.result.red_flags.size());
  std::printf("\n");
  for (const timeline& t : benign) write_text(std::cout, t);

  const auto worst = std::max_element(benign.begin(), benign.end(), [](const timeline& a, const timeline& b) {
    return a.steps.back().result.p_pitch < b.steps.back().result.p_pitch;
  });
  std::printf("Highest final score among the benign cases: %s, P(pitch) = %.3f.\n", worst->case_name.c_str(),
              worst->steps.back().result.p_pitch);
} catch (const pitchrisk::error& e) {
  std::cerr << "approach_benign_cases: " << e.what() << '\n';
  return 1;
}
