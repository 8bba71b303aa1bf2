// SPDX-License-Identifier: MIT
#include "pitchrisk/domain/approach/stage_scores.hpp"
#include "pitchrisk/domain/approach/report.hpp"
#include "pitchrisk/domain/approach/timeline.hpp"

#include "domain/domain_fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace pitchrisk;
using namespace pitchrisk::approach;
using Catch::Contains;

namespace {


const scored_model& builtin() {
  static const scored_model model{approach_model{}};
  return model;
}

const std::vector<case_file>& all_cases() { return fixtures::shipped_cases(); }

bool close(double a, double b) { return std::abs(a - b) <= 1e-12; }

}  // namespace

TEST_CASE("score_stages gives the timeline's P(pitch) and interval at every stage", "[domain][stage_scores]") {
  assessment_options options;
  options.uncertainty.samples = 40;
  const compiled_model m(builtin(), options);
  const std::vector<case_file>& cases = all_cases();
  REQUIRE(cases.size() > 50);
  std::size_t stages = 0;
  for (const case_file& c : cases) {
    const timeline t = assess_timeline(m, c);
    const std::vector<probability_interval> s = score_stages(m, c);
    REQUIRE(s.size() == t.steps.size());
    for (std::size_t k = 0; k < s.size(); ++k) {
      const probability_interval& full = t.steps[k].result.interval;
      INFO(c.name << " stage " << t.steps[k].stage);
      CHECK(close(s[k].point, t.steps[k].result.p_pitch));
      CHECK(close(s[k].low, full.low));
      CHECK(close(s[k].high, full.high));
      CHECK(close(s[k].sample_median, full.sample_median));
      // logit(point) moves by ~1e-16 / (p (1 - p)) when point moves by a rounding error
      const double p = s[k].point;
      CHECK(std::abs(s[k].spread - full.spread) <= 1e-12 + 1e-15 / std::max(p * (1 - p), 1e-300));
      CHECK(s[k].samples == 40);
      CHECK(s[k].low <= s[k].point);
      CHECK(s[k].point <= s[k].high);
      ++stages;
    }
  }
  CHECK(stages > cases.size());  // cases with several stages are among them
}

TEST_CASE("score_stages without samples: the point, as low and high", "[domain][stage_scores]") {
  assessment_options options;
  options.uncertainty.samples = 0;
  const compiled_model m(builtin(), options);
  const case_file c = read_case_string(
      "label unknown\nstage first\nofficial_cover=attache_or_trade_post\nstage second\n"
      "payment_channel=cash_or_concealed\n",
      "two.case");
  const std::vector<probability_interval> s = score_stages(m, c);
  REQUIRE(s.size() == 2);
  for (const probability_interval& x : s) {
    CHECK(x.low == x.point);
    CHECK(x.high == x.point);
    CHECK(x.samples == 0);
  }
  // Stage by stage, the score of each stage's cumulative evidence alone.
  compiled_model::workspace ws = m.make_workspace();
  CHECK(close(s[0].point, m.p_pitch(ws, c.stages[0].evidence)));
  CHECK(close(s[1].point, m.p_pitch(ws, c.stages[1].evidence)));
  CHECK(s[1].point > s[0].point);  // cash on top of an attache
}

TEST_CASE("score_stages refuses what assess_timeline refuses, with the same message", "[domain][stage_scores]") {
  assessment_options options;
  options.uncertainty.samples = 0;
  const compiled_model m(builtin(), options);
  // The reader refuses stages out of order; a program can still build such a case.
  case_file dated = read_case_string(
      "label pitch\nstage a 2020-03-01\nofficial_cover=attache_or_trade_post\nstage b 2020-03-05\n"
      "payment_channel=cash_or_concealed\n",
      "dated.case");
  dated.stages[1].date = dated.stages[0].date;
  dated.stages[0].date = case_date{std::chrono::year{2020}, std::chrono::month{3}, std::chrono::day{9}};
  std::string timeline_message, scores_message;
  try {
    (void)assess_timeline(m, dated);
  } catch (const evidence_error& e) {
    timeline_message = e.what();
  }
  try {
    (void)score_stages(m, dated);
  } catch (const evidence_error& e) {
    scores_message = e.what();
  }
  CHECK_FALSE(scores_message.empty());
  CHECK(scores_message == timeline_message);
  CHECK_THAT(scores_message, Contains("chronological order"));
}

TEST_CASE("score_stages answers the same on many threads at once", "[domain][stage_scores]") {
  assessment_options options;
  options.uncertainty.samples = 10;
  const compiled_model m(builtin(), options);
  const std::vector<case_file>& cases = all_cases();
  std::vector<std::vector<probability_interval>> alone;
  for (const case_file& c : cases) alone.push_back(score_stages(m, c));
  std::vector<std::vector<std::vector<probability_interval>>> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t)
    threads.emplace_back([&, t] {
      for (const case_file& c : cases) seen[t].push_back(score_stages(m, c));
    });
  for (std::thread& t : threads) t.join();
  for (const auto& run : seen) {
    REQUIRE(run.size() == alone.size());
    for (std::size_t i = 0; i < run.size(); ++i)
      for (std::size_t k = 0; k < run[i].size(); ++k) {
        CHECK(run[i][k].point == alone[i][k].point);
        CHECK(run[i][k].low == alone[i][k].low);
        CHECK(run[i][k].high == alone[i][k].high);
      }
  }
}

TEST_CASE("write_scores writes a row per stage, and refuses scores of another case", "[domain][stage_scores]") {
  assessment_options options;
  options.uncertainty.samples = 0;
  const compiled_model m(builtin(), options);
  const case_file c = read_case_string(
      "label pitch\nstage met 2021-01-02\nofficial_cover=attache_or_trade_post\nstage paid 2021-02-03\n"
      "payment_channel=cash_or_concealed\n",
      "paid_contact.case");
  const std::vector<probability_interval> s = score_stages(m, c);
  std::ostringstream out;
  write_scores_header(out);
  write_scores(out, c, s);
  std::istringstream rows(out.str());
  std::string line;
  std::getline(rows, line);
  CHECK(line == "case\tstage\tlabel\tp_pitch\tp_low\tp_high\tdate");
  std::getline(rows, line);
  CHECK(line == "paid_contact\tmet\tpitch\t" + format_probability(s[0].point) + "\t" + format_probability(s[0].low) +
                    "\t" + format_probability(s[0].high) + "\t2021-01-02");
  std::getline(rows, line);
  CHECK(line == "paid_contact\tpaid\tpitch\t" + format_probability(s[1].point) + "\t" + format_probability(s[1].low) +
                    "\t" + format_probability(s[1].high) + "\t2021-02-03");
  CHECK_FALSE(std::getline(rows, line));
  REQUIRE_THROWS_AS(write_scores(out, c, std::span<const probability_interval>(s.data(), 1)), size_error);
  REQUIRE_THROWS_WITH(write_scores(out, c, std::span<const probability_interval>(s.data(), 1)),
                      Contains("1 scores for the 2 stages of case 'paid_contact'"));
}
