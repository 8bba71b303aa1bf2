// SPDX-License-Identifier: MIT
// Research: does the network do better than a checklist? The baseline counts red flags, the
// observed states that indicators.md marks "toward pitch" (target attributes left out). Both
// scores are computed for every stage of the eight case files before exposure (the authority
// flag would decide everything): 8 stages of the four real pitches, 8 of the four benign cases.
//
//   stage evidence --red_flags--> count        stage evidence --assess--> P(pitch)
//
// Which score separates the pitches from the benign contacts, stage by stage, and where does
// each one fail? Figures: the area under the ROC curve (AUC: the chance that a random pitch
// stage scores above a random benign stage, ties counting half) and the stages each misorders.
#include "pitchrisk/domain.hpp"

#include <cstdio>
#include <filesystem>
#include <vector>

namespace {

struct row {
  std::string case_name, stage;
  bool pitch;
  double p;
  double flags;
};

/// P(score of a pitch stage > score of a benign stage), ties counting one half.
double auc(const std::vector<row>& rows, double row::*score) {
  double wins = 0, pairs = 0;
  for (const row& a : rows)
    for (const row& b : rows)
      if (a.pitch && !b.pitch) {
        pairs += 1;
        wins += a.*score > b.*score ? 1.0 : (a.*score == b.*score ? 0.5 : 0.0);
      }
  return wins / pairs;
}

}  // namespace

int main(int argc, char** argv) try {
  using namespace pitchrisk::approach;
  const std::filesystem::path folder = argc > 1 ? argv[1] : PITCHRISK_DATA_DIR "/cases";
  const approach_model model;
  assessment_options options;
  options.uncertainty.samples = 0;  // point scores only
  options.questions = 0;

  std::vector<row> rows;
  for (const case_file& c : read_case_directory(folder)) {
    if (!c.is_labelled()) continue;  // `label unknown`: a case to score, nothing to compare with
    const timeline t = assess_timeline(model, c, options);
    for (const timeline_step& s : t.steps)
      if (s.stage != "exposure")
        rows.push_back({c.name, s.stage, c.is_pitch(), s.result.p_pitch, static_cast<double>(s.result.red_flags.size())});
  }
  std::printf("%-42s %-22s %-7s %9s %6s\n", "case", "stage", "label", "P(pitch)", "flags");
  for (const row& r : rows)
    std::printf("%-42s %-22s %-7s %9.3f %6.0f\n", r.case_name.c_str(), r.stage.c_str(), r.pitch ? "pitch" : "benign",
                r.p, r.flags);

  std::printf("\nAUC, pitch stages against benign stages (%zu stages before exposure):\n", rows.size());
  std::printf("  model P(pitch)    %.3f\n  red-flag count    %.3f\n", auc(rows, &row::p), auc(rows, &row::flags));

  // Alarms at fixed thresholds: how many pitch stages each score catches, how many benign it flags.
  std::printf("\nAlarms (pitch stages caught of 8 / benign stages flagged of 8):\n");
  const auto alarms = [&](double row::*score, double threshold) {
    std::size_t caught = 0, false_alarms = 0;
    for (const row& r : rows)
      if (r.*score >= threshold) ++(r.pitch ? caught : false_alarms);
    std::printf(" %zu/%zu", caught, false_alarms);
  };
  std::printf("  model P(pitch) >= 0.3 0.5 0.9:");
  for (const double t : {0.3, 0.5, 0.9}) alarms(&row::p, t);
  std::printf("\n  red flags      >= 3 4 5:      ");
  for (const double t : {3.0, 4.0, 5.0}) alarms(&row::flags, t);
  std::printf("\n");

  // Misordered pairs: a benign stage scored at least as high as a pitch stage.
  std::printf("\nBenign stages that outscore (or tie) pitch stages:\n");
  for (const auto& [name, score] : {std::pair{"model", &row::p}, std::pair{"red flags", &row::flags}})
    for (const row& b : rows) {
      if (b.pitch) continue;
      std::size_t beaten = 0;
      for (const row& a : rows)
        if (a.pitch && a.*score <= b.*score) ++beaten;
      if (beaten > 0)
        std::printf("  %-10s %s/%s is at least as high as %zu of the 8 pitch stages\n", name, b.case_name.c_str(),
                    b.stage.c_str(), beaten);
    }
  std::printf("\nEight cases are an illustration, not a validation: the benign cases were written beside the\n"
              "vocabulary, and the network's tables were elicited from the same guidance, not fitted to cases.\n");
} catch (const pitchrisk::error& e) {
  std::fprintf(stderr, "approach_red_flag_baseline: %s\n", e.what());
  return 1;
}
