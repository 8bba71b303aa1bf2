// SPDX-License-Identifier: MIT
#include "pitchrisk/domain/approach/separation.hpp"
#include "pitchrisk/domain/approach/assessment.hpp"
#include "pitchrisk/domain/approach/model.hpp"
#include "pitchrisk/inference/junction_tree.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace separation_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using namespace pitchrisk::approach;

namespace {

const approach_model& builtin() {
  static const approach_model model;
  return model;
}

/// A job-fee scam that also asks about the employer: fraud and a pitch compete.
evidence fee_and_questions() {
  return evidence{{"first_contact_channel", "online_unsolicited"}, {"prior_relationship", "stranger"},
                  {"asks_target_for_money", "fees_or_investment"},  {"offer_plausibility", "too_good_to_be_true"},
                  {"work_elicitation", "nonpublic_specific"},       {"target_access", "sensitive_unclassified"}};
}

}  // namespace

TEST_CASE("the findings separating the two likeliest intents are likelihood ratios computed directly",
          "[domain][separation]") {
  const approach_model& model = builtin();
  const variable_elimination engine(model.network());
  const evidence seen = fee_and_questions();
  const top_two t = separate_top_two(engine, model.intent(), seen);

  // The two likeliest states, by a direct posterior query.
  const distribution post = engine.posterior(model.intent(), seen);
  std::vector<Eigen::Index> order(static_cast<std::size_t>(post.size()));
  for (Eigen::Index s = 0; s < post.size(); ++s) order[static_cast<std::size_t>(s)] = s;
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return post[a] > post[b]; });
  const variable& intent = model.network().variable(model.intent());
  CHECK(t.first == intent.states[static_cast<std::size_t>(order[0])]);
  CHECK(t.second == intent.states[static_cast<std::size_t>(order[1])]);
  CHECK(t.p_first == Approx(post[order[0]]).epsilon(1e-12));
  CHECK(t.p_second == Approx(post[order[1]]).epsilon(1e-12));
  CHECK(t.first != t.second);

  // Each finding: P(f | first, rest) / P(f | second, rest), by querying f's own variable with
  // the intent observed (a different route from the odds with and without f).
  REQUIRE(t.findings.size() == seen.size());
  for (const separating_finding& f : t.findings) {
    CAPTURE(f.indicator);
    evidence rest = seen;
    rest.retract(f.indicator);
    evidence first = rest, second = rest;
    first.observe("intent", t.first);
    second.observe("intent", t.second);
    const double p1 = engine.posterior(f.indicator, first)[f.state];
    const double p2 = engine.posterior(f.indicator, second)[f.state];
    CHECK(f.log_ratio == Approx(std::log(p1 / p2)).margin(1e-9));
  }
  for (std::size_t i = 1; i < t.findings.size(); ++i)
    CHECK(std::abs(t.findings[i - 1].log_ratio) >= std::abs(t.findings[i].log_ratio));
  // The ratios multiply up to the odds first:second only when findings are independent given
  // intent; they need not. But a junction tree gives the same numbers.
  const top_two jt = separate_top_two(junction_tree(model.network()), model.intent(), seen);
  REQUIRE(jt.findings.size() == t.findings.size());
  for (std::size_t i = 0; i < t.findings.size(); ++i) {
    CHECK(jt.findings[i].indicator == t.findings[i].indicator);
    CHECK(jt.findings[i].log_ratio == Approx(t.findings[i].log_ratio).margin(1e-9));
  }
}

TEST_CASE("a request for fees separates fraud from the runner-up explanation", "[domain][separation]") {
  const approach_model& model = builtin();
  const top_two t = separate_top_two(variable_elimination(model.network()), model.intent(), fee_and_questions());
  CAPTURE(t.first, t.second);
  REQUIRE(t.first == "fraud");
  const auto money = std::find_if(t.findings.begin(), t.findings.end(),
                                  [](const separating_finding& f) { return f.indicator == "asks_target_for_money"; });
  REQUIRE(money != t.findings.end());
  // Asking the target for fees is what a scam does and the other explanations do not.
  CHECK(money->log_ratio > std::log(2.0));
  CHECK(t.findings.front().indicator == "asks_target_for_money");
}

TEST_CASE("the assessment carries the separating findings when it explains", "[domain][separation]") {
  assessment_options options;
  options.uncertainty.samples = 0;
  const assessment a = assess(builtin(), fee_and_questions(), options);
  CHECK_FALSE(a.rivals.first.empty());
  CHECK(a.rivals.findings.size() == fee_and_questions().size());
  options.explain = false;
  CHECK(assess(builtin(), fee_and_questions(), options).rivals.findings.empty());
}

TEST_CASE("separate_top_two refuses a bad variable or unknown evidence", "[domain][separation]") {
  const approach_model& model = builtin();
  const variable_elimination engine(model.network());
  const evidence unknown{{"shoe_size", "large"}};
  REQUIRE_THROWS_AS(separate_top_two(engine, model.intent(), unknown), evidence_error);
  REQUIRE_THROWS_AS(separate_top_two(engine, model.network().size(), evidence{}), lookup_error);
}

}  // namespace separation_test
