// SPDX-License-Identifier: MIT
// A screening desk receives reported contacts faster than an analyst can read full reports.
// It compiles the model once, scores every stage of every case with the score alone (P(pitch)
// and its parameter-uncertainty interval, nothing else), and sends on only the cases whose
// latest stage (before any exposure: the desk works before the authorities act) is above a
// threshold even at the low end of the interval. An analyst then reads the full report of
// the first few. Here the queue is the case library, labels hidden from the
// desk until the end, when we see what the threshold let through and what it held back.
//
//   library/**/*.case --score_stages (batches of 16)--> P(pitch), low, high per stage
//                     --low >= threshold--> assess_timeline --> top finding, next question
#include "pitchrisk/domain.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <span>
#include <vector>

int main(int argc, char** argv) try {
  using namespace pitchrisk::approach;
  const std::filesystem::path library = argc > 1 ? argv[1] : PITCHRISK_DATA_DIR "/library";
  const double threshold = 0.5;

  // The queue: every case of the library's folders.
  std::vector<case_file> queue;
  for (const char* folder : {"intelligence", "non_intelligence", "constructed"})
    for (case_file& c : read_case_directory(library / folder)) queue.push_back(std::move(c));

  // Compiled once: the model's junction tree and the interval's 200 sampled models. Immutable,
  // so threads could share it; each thread scores in a workspace of its own.
  const approach_model model;
  const compiled_model compiled{scored_model(model)};
  compiled_model::workspace ws = compiled.make_workspace();

  // The score alone, 16 cases at a time (each sampled model serves the whole batch).
  std::vector<std::vector<probability_interval>> scores;
  for (std::size_t i = 0; i < queue.size(); i += 16) {
    const std::span<const case_file> batch(queue.data() + i, std::min<std::size_t>(16, queue.size() - i));
    for (std::vector<probability_interval>& s : score_stages(compiled, ws, batch)) scores.push_back(std::move(s));
  }

  // What the desk judges: the latest stage before exposure (an "exposure" stage records the
  // authorities' action, which the desk cannot know yet).
  const auto judged = [&](std::size_t i) -> const probability_interval& {
    const std::vector<case_stage>& st = queue[i].stages;
    return scores[i][st.size() >= 2 && st.back().name == "exposure" ? st.size() - 2 : st.size() - 1];
  };
  // Sent on: the judged stage's low end at or above the threshold, most certain first.
  std::vector<std::size_t> sent;
  for (std::size_t i = 0; i < queue.size(); ++i)
    if (judged(i).low >= threshold) sent.push_back(i);
  std::sort(sent.begin(), sent.end(), [&](std::size_t a, std::size_t b) {
    if (judged(a).low != judged(b).low) return judged(a).low > judged(b).low;
    return queue[a].name < queue[b].name;
  });
  std::size_t stages = 0;
  for (const std::vector<probability_interval>& s : scores) stages += s.size();
  std::printf("%zu cases, %zu stages scored; %zu sent on (low end of the 90%% interval >= %.2f)\n\n", queue.size(),
              stages, sent.size(), threshold);

  // The analyst reads the full report of the first three and of the last one sent on.
  std::printf("%7s %7s %7s  %s\n", "P", "low", "high", "sent on");
  for (std::size_t k = 0; k < sent.size(); ++k) {
    const case_file& c = queue[sent[k]];
    const probability_interval& s = judged(sent[k]);
    std::printf("%7.3f %7.3f %7.3f  %s\n", s.point, s.low, s.high, c.name.c_str());
    if (k >= 3 && k + 1 < sent.size()) continue;
    const timeline t = assess_timeline(compiled, c);
    const assessment& a = t.before_exposure().result;
    std::printf("    weighs most: %s=%s (x%.2f in context); ask next: %s\n", a.findings.front().indicator.c_str(),
                a.findings.front().state.c_str(), a.findings.front().likelihood_ratio_in_context,
                a.questions.empty() ? "nothing worth asking" : a.questions.front().indicator.c_str());
  }

  // Only now the labels: what the threshold let through and what it held back.
  std::size_t pitches = 0, pitches_sent = 0, benign_sent = 0;
  for (std::size_t i = 0; i < queue.size(); ++i) pitches += queue[i].is_pitch() ? 1 : 0;
  for (const std::size_t i : sent) (queue[i].is_pitch() ? pitches_sent : benign_sent) += 1;
  std::printf("\nLabels: %zu of the %zu pitches sent on, %zu benign cases sent on with them.\n", pitches_sent, pitches,
              benign_sent);
  std::printf("Held back although labelled pitch (P and its interval at the judged stage):\n");
  for (std::size_t i = 0; i < queue.size(); ++i)
    if (queue[i].is_pitch() && judged(i).low < threshold)
      std::printf("%7.3f %7.3f %7.3f  %s\n", judged(i).point, judged(i).low, judged(i).high, queue[i].name.c_str());
  std::size_t benign_close = 0;
  for (std::size_t i = 0; i < queue.size(); ++i) benign_close += !queue[i].is_pitch() && judged(i).high >= threshold;
  std::printf("Benign cases held back whose interval still reaches %.2f: %zu.\n", threshold, benign_close);
} catch (const pitchrisk::error& e) {
  std::cerr << "approach_screening_queue: " << e.what() << '\n';
  return 1;
}
