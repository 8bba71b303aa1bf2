// SPDX-License-Identifier: MIT
#include "pitchrisk/domain/approach/questions.hpp"
#include "pitchrisk/domain/approach/assessment.hpp"
#include "pitchrisk/domain/approach/case_file.hpp"
#include "pitchrisk/domain/approach/observation.hpp"
#include "pitchrisk/inference/junction_tree.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

namespace questions_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using namespace pitchrisk::approach;

namespace {

const approach_model& builtin() {
  static const approach_model model;
  return model;
}

/// The SVR tutoring-ad case at its 'dinner_lessons' stage.
evidence dinner_lessons() {
  return evidence{{"target_access", "sensitive_unclassified"}, {"target_career_stage", "student_or_early"},
                  {"target_public_exposure", "high"},         {"target_financial_pressure", "evident"},
                  {"first_contact_channel", "ad_or_gig"},     {"prior_relationship", "stranger"},
                  {"official_cover", "none"},                 {"state_nexus", "allied_or_neutral"},
                  {"task_request", "none"},                   {"meeting_setting", "public_one_to_one"},
                  {"contact_cadence", "regular_scheduled"},   {"comms_tradecraft", "covert_methods"}};
}

double p_pitch(const variable_elimination& engine, const hypothesis& pitch, const evidence& seen) {
  return probability(engine.posterior(pitch.variable, seen), pitch);
}

/// Brute force: the expected absolute change of P(pitch) and the largest change, by one
/// direct query per answer (P(answer | e) from its own posterior query).
struct direct_value {
  double expected = 0, largest = 0;
};
direct_value direct(const variable_elimination& engine, const hypothesis& pitch, const evidence& seen, variable_id v) {
  const double now = p_pitch(engine, pitch, seen);
  const distribution answer = engine.posterior(v, seen);
  direct_value out;
  for (Eigen::Index s = 0; s < answer.size(); ++s) {
    if (answer[s] <= 0) continue;
    evidence with = seen;
    with.observe(engine.network().variable(v).name, engine.network().variable(v).states[static_cast<std::size_t>(s)]);
    const double moved = std::abs(p_pitch(engine, pitch, with) - now);
    out.expected += answer[s] * moved;
    out.largest = std::max(out.largest, moved);
  }
  return out;
}

}  // namespace

TEST_CASE("next questions are ranked by the expected change of P(pitch), computed by direct queries",
          "[domain][questions]") {
  const approach_model& model = builtin();
  const scored_model scored(model);
  const hypothesis pitch = pitch_hypothesis(scored);
  const variable_elimination engine(model.network());
  const evidence seen = GENERATE(evidence{}, dinner_lessons());
  const std::vector<variable_id> candidates = question_candidates(model.network());
  const std::vector<next_question> ranked =
      rank_next_questions(engine, pitch, candidates, seen, {.count = 100, .threshold = 0.0});

  // Every unobserved candidate whose answers move P(pitch) at all is listed, in the order of
  // the brute-force expected change.
  std::vector<std::pair<double, std::string>> expected;
  for (const variable_id v : candidates) {
    const std::string& name = model.network().variable(v).name;
    if (std::any_of(seen.findings().begin(), seen.findings().end(), [&](const finding& f) { return f.variable == name; }))
      continue;
    const direct_value d = direct(engine, pitch, seen, v);
    if (d.largest > 0) expected.emplace_back(d.expected, name);
  }
  REQUIRE(ranked.size() == expected.size());
  std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    CAPTURE(i, ranked[i].indicator);
    const variable_id v = model.network().id(ranked[i].indicator);
    const direct_value d = direct(engine, pitch, seen, v);
    CHECK(ranked[i].expected_change == Approx(d.expected).epsilon(1e-9).margin(1e-14));
    CHECK(ranked[i].largest_change == Approx(d.largest).epsilon(1e-9).margin(1e-14));
    // Same order as the brute force, up to ties within rounding.
    CHECK(ranked[i].expected_change == Approx(expected[i].first).epsilon(1e-9).margin(1e-14));
    if (i) CHECK(ranked[i - 1].expected_change >= ranked[i].expected_change);
    // The information about pitch vs not pitch: H(pitch | e) - sum_a P(a | e) H(pitch | e, a).
    const auto h = [](double p) { return (p > 0 ? -p * std::log2(p) : 0.0) - (p < 1 ? (1 - p) * std::log2(1 - p) : 0.0); };
    double after = 0, total = 0, mean = 0;
    for (const answer_outcome& a : ranked[i].answers) {
      after += a.probability * h(a.p_pitch);
      total += a.probability;
      mean += a.probability * a.p_pitch;
    }
    CHECK(ranked[i].information_gain == Approx(h(p_pitch(engine, pitch, seen)) - after).margin(1e-12));
    CHECK(ranked[i].information_gain >= 0);
    CHECK(total == Approx(1.0).epsilon(1e-10));
    CHECK(mean == Approx(p_pitch(engine, pitch, seen)).epsilon(1e-9));  // the score is a martingale
  }
}

TEST_CASE("next questions take any exact engine: the junction tree ranks as variable elimination does",
          "[domain][questions]") {
  const approach_model& model = builtin();
  const hypothesis pitch = pitch_hypothesis(scored_model(model));
  const std::vector<variable_id> candidates = question_candidates(model.network());
  const std::vector<next_question> ve =
      rank_next_questions(variable_elimination(model.network()), pitch, candidates, dinner_lessons());
  const std::vector<next_question> jt =
      rank_next_questions(junction_tree(model.network()), pitch, candidates, dinner_lessons());
  REQUIRE(ve.size() == jt.size());
  REQUIRE(ve.size() == 5);  // the default count
  for (std::size_t i = 0; i < ve.size(); ++i) {
    CHECK(ve[i].indicator == jt[i].indicator);
    CHECK(ve[i].expected_change == Approx(jt[i].expected_change).epsilon(1e-9));
  }
}

TEST_CASE("authority_flag is never suggested: only an exposure or investigation stage records it",
          "[domain][questions]") {
  const approach_model& model = builtin();
  const hypothesis pitch = pitch_hypothesis(scored_model(model));
  const junction_tree engine(model.network());
  CHECK_FALSE(askable_before_exposure("authority_flag"));
  CHECK(askable_before_exposure("payment_channel"));
  const std::vector<variable_id> candidates = question_candidates(model.network());
  const variable_id flag = model.network().id("authority_flag");
  CHECK(std::find(candidates.begin(), candidates.end(), flag) == candidates.end());
  // With no evidence the flag would be the strongest question of all; given as a candidate
  // anyway, it is skipped.
  std::vector<variable_id> all;
  for (const variable_id v : model.network().variables()) all.push_back(v);
  for (const next_question& q : rank_next_questions(engine, pitch, all, evidence{}, {.count = 100, .threshold = 0}))
    CHECK(q.indicator != "authority_flag");
  // Every stage before exposure of every seed and library case.
  const std::filesystem::path data = std::filesystem::path(PITCHRISK_SOURCE_DIR) / "examples" / "data";
  std::size_t stages = 0;
  for (const std::filesystem::path& folder : {data / "cases", data / "library" / "intelligence",
                                             data / "library" / "non_intelligence", data / "library" / "constructed"}) {
    for (const case_file& c : read_case_directory(folder)) {
      for (const case_stage& s : c.stages) {
        if (s.name == "exposure") continue;
        evidence seen;
        for (const observation& o : s.cumulative) add_observation(seen, o, model.network());
        for (const next_question& q : rank_next_questions(engine, pitch, candidates, seen, {.count = 3}))
          CHECK(q.indicator != "authority_flag");
        ++stages;
      }
    }
  }
  CHECK(stages > 200);
}

TEST_CASE("a question is suggested only if some answer moves P(pitch) by more than the threshold",
          "[domain][questions]") {
  const approach_model& model = builtin();
  const hypothesis pitch = pitch_hypothesis(scored_model(model));
  const variable_elimination engine(model.network());
  const std::vector<variable_id> candidates = question_candidates(model.network());
  const evidence seen = dinner_lessons();
  const double threshold = GENERATE(0.01, 0.05, 0.2);
  const std::vector<next_question> ranked =
      rank_next_questions(engine, pitch, candidates, seen, {.count = 100, .threshold = threshold});
  CAPTURE(threshold);
  for (const variable_id v : candidates) {
    const std::string& name = model.network().variable(v).name;
    if (std::any_of(seen.findings().begin(), seen.findings().end(), [&](const finding& f) { return f.variable == name; }))
      continue;
    const bool listed = std::any_of(ranked.begin(), ranked.end(), [&](const next_question& q) { return q.indicator == name; });
    CAPTURE(name);
    CHECK(listed == (direct(engine, pitch, seen, v).largest > threshold));
  }
  // A high threshold leaves fewer questions; one above every possible change leaves none.
  CHECK(rank_next_questions(engine, pitch, candidates, seen, {.count = 100, .threshold = 1.0}).empty());
  CHECK(rank_next_questions(engine, pitch, candidates, seen, {.count = 0}).empty());
}

TEST_CASE("the assessment's questions are rank_next_questions with its options", "[domain][questions]") {
  const approach_model& model = builtin();
  assessment_options options;
  options.uncertainty.samples = 0;
  options.questions = 4;
  options.question_threshold = 0.02;
  const assessment a = assess(model, dinner_lessons(), options);
  const std::vector<next_question> direct_rank =
      rank_next_questions(variable_elimination(model.network()), pitch_hypothesis(scored_model(model)),
                          question_candidates(model.network()), dinner_lessons(), {.count = 4, .threshold = 0.02});
  REQUIRE(a.questions.size() == direct_rank.size());
  for (std::size_t i = 0; i < a.questions.size(); ++i) {
    CHECK(a.questions[i].indicator == direct_rank[i].indicator);
    CHECK(a.questions[i].largest_change > 0.02);
  }
}

TEST_CASE("rank_next_questions refuses evidence the model does not know", "[domain][questions]") {
  const approach_model& model = builtin();
  const variable_elimination engine(model.network());
  const evidence unknown{{"shoe_size", "large"}};
  const std::vector<variable_id> candidates = question_candidates(model.network());
  REQUIRE_THROWS_AS(rank_next_questions(engine, pitch_hypothesis(scored_model(model)), candidates, unknown),
                    evidence_error);
}

}  // namespace questions_test
