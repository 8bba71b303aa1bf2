// SPDX-License-Identifier: MIT
#include "pitchrisk/domain/approach/assessment.hpp"
#include "pitchrisk/domain/approach/case_file.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

namespace assessment_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using namespace pitchrisk::approach;

namespace {

const approach_model& builtin() {
  static const approach_model model;
  return model;
}

/// Evidence of the SVR tutoring-ad case at its 'dinner_lessons' stage.
evidence dinner_lessons() {
  return evidence{{"target_access", "sensitive_unclassified"}, {"target_career_stage", "student_or_early"},
                  {"target_public_exposure", "high"},         {"target_financial_pressure", "evident"},
                  {"first_contact_channel", "ad_or_gig"},     {"prior_relationship", "stranger"},
                  {"official_cover", "none"},                 {"state_nexus", "allied_or_neutral"},
                  {"task_request", "none"},                   {"meeting_setting", "public_one_to_one"},
                  {"contact_cadence", "regular_scheduled"},   {"comms_tradecraft", "covert_methods"}};
}

assessment_options quick(int samples = 40) {
  assessment_options o;
  o.uncertainty.samples = samples;
  o.uncertainty.seed = 5;
  return o;
}

}  // namespace

TEST_CASE("P(pitch) is P(recruitment or influence) and the latent posteriors are exact", "[domain][assessment]") {
  const approach_model& model = builtin();
  const evidence seen = dinner_lessons();
  const assessment a = assess(model, seen, quick());
  const variable_elimination engine(model.network());
  const distribution intent = engine.posterior(model.intent(), seen);
  CHECK(a.p_pitch == Approx(intent["recruitment_pitch"] + intent["influence_operation"]).epsilon(1e-12));
  CHECK(a.p_pitch == Approx(model.p_pitch(intent)).epsilon(1e-12));
  CHECK(a.prior_p_pitch == Approx(model.prior_p_pitch()).epsilon(1e-9));
  CHECK(a.officer["yes"] == Approx(engine.posterior(model.officer(), seen)["yes"]).epsilon(1e-12));
  for (const distribution* d : {&a.intent, &a.officer, &a.cycle_stage, &a.lever})
    CHECK(d->probabilities().sum() == Approx(1.0).epsilon(1e-12));
  CHECK(a.cycle_stage.name() == "cycle_stage");
  CHECK(a.lever.name() == "exploitable_lever");
  // Regular restaurant dinners fixed face to face, after a classified-ad contact: raised well
  // above the prior, though a scam or a competitor's consultant could still explain it.
  CHECK(a.p_pitch > 5 * a.prior_p_pitch);
}

TEST_CASE("finding weights are the odds ratios with and without each finding", "[domain][assessment]") {
  const approach_model& model = builtin();
  const evidence seen = dinner_lessons();
  const assessment a = assess(model, seen, quick(0));
  REQUIRE(a.findings.size() == seen.size());
  const variable_elimination engine(model.network());
  const auto odds = [](double p) { return p / (1 - p); };
  for (const finding_weight& f : a.findings) {
    CAPTURE(f.indicator);
    evidence without = seen;
    without.retract(f.indicator);
    const double p_without = model.p_pitch(engine.posterior(model.intent(), without));
    CHECK(f.p_without == Approx(p_without).epsilon(1e-10));
    CHECK(f.change == Approx(a.p_pitch - p_without).margin(1e-12));
    CHECK(f.likelihood_ratio_in_context == Approx(odds(a.p_pitch) / odds(p_without)).epsilon(1e-8));
    const double p_alone = model.p_pitch(engine.posterior(model.intent(), evidence{{f.indicator, f.state}}));
    CHECK(f.likelihood_ratio == Approx(odds(p_alone) / odds(a.prior_p_pitch)).epsilon(1e-8));
    CHECK_FALSE(f.wording.empty());  // every indicator state has its strength in the vocabulary
  }
  for (std::size_t i = 1; i < a.findings.size(); ++i)
    CHECK(std::abs(std::log(a.findings[i - 1].likelihood_ratio_in_context)) >=
          std::abs(std::log(a.findings[i].likelihood_ratio_in_context)));
  // The analyst's findings: regular dinners with the next meeting fixed face to face lead.
  CHECK((a.findings.front().indicator == "comms_tradecraft" || a.findings.front().indicator == "contact_cadence"));
}

TEST_CASE("next questions are unobserved indicators whose answers average to the score", "[domain][assessment]") {
  const approach_model& model = builtin();
  const evidence seen = dinner_lessons();
  assessment_options options = quick(0);
  options.questions = 6;
  const assessment a = assess(model, seen, options);
  REQUIRE(a.questions.size() == 6);
  for (std::size_t i = 0; i < a.questions.size(); ++i) {
    const next_question& q = a.questions[i];
    CAPTURE(q.indicator);
    CHECK(find_indicator(q.indicator) != nullptr);
    CHECK(std::none_of(seen.findings().begin(), seen.findings().end(),
                       [&](const finding& f) { return f.variable == q.indicator; }));
    if (i) CHECK(a.questions[i - 1].expected_change >= q.expected_change);  // ranked as questions.hpp says
    CHECK(q.largest_change > options.question_threshold);
    double total = 0, expected = 0;
    for (const answer_outcome& ans : q.answers) {
      total += ans.probability;
      expected += ans.probability * ans.p_pitch;
    }
    CHECK(total == Approx(1.0).epsilon(1e-10));
    // The score is a martingale: its expected value after the answer is the score now.
    CHECK(expected == Approx(a.p_pitch).epsilon(1e-9));
  }
}

TEST_CASE("the interval holds the point and narrows as the equivalent sample size grows", "[domain][assessment]") {
  const approach_model& model = builtin();
  const evidence seen = dinner_lessons();
  double last_width = 2;
  for (const double ess : {10.0, 100.0, 1000.0}) {
    assessment_options options = quick(60);
    options.explain = false;
    options.questions = 0;
    options.ess = ess;
    const assessment a = assess(model, seen, options);
    CAPTURE(ess);
    CHECK(a.interval.low <= a.p_pitch);
    CHECK(a.p_pitch <= a.interval.high);
    CHECK(a.interval.samples == 60);
    const double width = a.interval.high - a.interval.low;
    CHECK(width < last_width);
    last_width = width;
  }
  // Deterministic whatever the number of threads.
  assessment_options one = quick(30), two = quick(30);
  two.uncertainty.threads = 2;
  const assessment a1 = assess(model, seen, one), a2 = assess(model, seen, two);
  CHECK(a1.interval.low == a2.interval.low);
  CHECK(a1.interval.high == a2.interval.high);
}

TEST_CASE("the base rate is a setting: the interval does not resample it", "[domain][assessment]") {
  const scored_model scored(builtin());
  CHECK(scored.ess[static_cast<std::size_t>(scored.officer)] == 0);
  CHECK(scored.ess[static_cast<std::size_t>(scored.intent)] == default_equivalent_sample_size);
  // And the score follows it: a rarer population gives a lower score on the same evidence.
  const approach_model rare(model_parameters{.officer_base_rate = 0.001});
  CHECK(assess(rare, dinner_lessons(), quick(0)).p_pitch < assess(builtin(), dinner_lessons(), quick(0)).p_pitch);
}

TEST_CASE("caveats say what the score cannot see", "[domain][assessment]") {
  const approach_model& model = builtin();
  const auto has = [](const assessment& a, const char* words) {
    return std::any_of(a.caveats.begin(), a.caveats.end(),
                       [&](const std::string& c) { return c.find(words) != std::string::npos; });
  };
  // An adviser to a campaign met at a public event: low score, but influence hides well.
  const evidence influence{{"target_access", "influence_or_contacts"}, {"target_ideological_affinity", "aligned"},
                           {"first_contact_channel", "event_or_conference"}, {"meeting_setting", "official_group"}};
  const assessment a = assess(model, influence, quick(0));
  REQUIRE(a.p_pitch < 0.5);
  CHECK(has(a, "Influence operations"));
  const assessment flagged = assess(model, evidence{{"authority_flag", "flagged"}}, quick(0));
  CHECK(has(flagged, "authority flag"));
  CHECK_FALSE(has(flagged, "Influence operations"));
  CHECK(has(assess(model, evidence{{"official_cover", "none"}}, quick(0)), "Identity as presented"));
  CHECK(has(assess(model, evidence{}, quick(0)), "Little behavioural evidence"));
}

TEST_CASE("the red-flag baseline counts approach states toward pitch, not target attributes",
          "[domain][assessment]") {
  const evidence seen{{"official_cover", "attache_or_trade_post"}, {"target_access", "classified"},
                      {"meeting_setting", "official_group"}, {"personal_probing", "persistent"}};
  const std::vector<std::string> flags = red_flags(seen);
  CHECK(flags == std::vector<std::string>{"official_cover=attache_or_trade_post", "personal_probing=persistent"});
  CHECK(red_flags(evidence{}).empty());
}

TEST_CASE("bad evidence and incomplete models are errors that name the fault", "[domain][assessment]") {
  const evidence unknown{{"official_cover", "ambassador"}};
  REQUIRE_THROWS_AS(assess(builtin(), unknown, quick(0)), evidence_error);
  REQUIRE_THROWS_WITH(assess(builtin(), unknown, quick(0)), Catch::Contains("'official_cover'") && Catch::Contains("'ambassador'"));
  network_builder b("tiny");
  b.add_variable("intent", {"hostile", "benign"});
  b.set_cpt("intent", {}, {0.1, 0.9});
  const network tiny = b.build();
  REQUIRE_THROWS_AS(scored_model(tiny, "tiny.bif"), model_error);
  REQUIRE_THROWS_WITH(scored_model(tiny, "tiny.bif"), Catch::Contains("tiny.bif") && Catch::Contains("'approacher_is_io'"));
}

TEST_CASE("sensitivities name the elicited numbers the score depends on most", "[domain][assessment]") {
  assessment_options options = quick(0);
  options.questions = 0;
  options.sensitivities = 4;
  const evidence seen{{"official_cover", "attache_or_trade_post"}, {"personal_probing", "persistent"}};
  const assessment a = assess(builtin(), seen, options);
  REQUIRE(a.sensitivities.size() == 4);
  for (std::size_t i = 1; i < a.sensitivities.size(); ++i)
    CHECK(std::abs(a.sensitivities[i - 1].derivative) >= std::abs(a.sensitivities[i].derivative));
  for (const sensitivity_function& f : a.sensitivities) CHECK(f.value(f.theta) == Approx(a.p_pitch).epsilon(1e-9));
  // The base rate is among them: the score is a posterior for a screened population.
  CHECK(std::any_of(a.sensitivities.begin(), a.sensitivities.end(),
                    [](const sensitivity_function& f) { return f.parameter == "P(approacher_is_io=yes)"; }));
}

}  // namespace assessment_test
