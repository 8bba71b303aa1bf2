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

namespace stage_scores_test {  // one namespace per file: the tests compile in unity batches

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

namespace {

/// Cases with what the shipped ones lack: uncertain observations (one, then two in one
/// stage), an indicator re-observed in another state, a stage adding nothing.
std::vector<case_file> unusual_cases() {
  return {read_case_string("label unknown\nstage a\nidentity_check=contradicted~0.8\nflattery=yes\n"
                           "stage b\ncontact_cadence=regular_scheduled~0.6\nstage c\nflattery=no\n"
                           "stage d\nidentity_check=verified\n",
                           "uncertain.case"),
          read_case_string("label benign\nofficial_cover=none\nstage a\nmeeting_setting=public_one_to_one\n"
                           "stage b\nstage c\nmeeting_setting=private_or_abroad\npayment_channel=cash_or_concealed~0.9\n",
                           "reread.case")};
}

}  // namespace

TEST_CASE("score_stages gives, bit for bit, P(pitch) of each stage's evidence asked afresh", "[domain][stage_scores]") {
  // score_stages resolves the observations itself and moves one workspace from stage to
  // stage (and case to case); a fresh workspace per query does neither.
  assessment_options options;
  options.uncertainty.samples = 0;
  const compiled_model m(builtin(), options);
  const network& net = m.model().net;
  std::vector<case_file> cases = all_cases();
  for (case_file& c : unusual_cases()) cases.push_back(std::move(c));
  compiled_model::workspace ws = m.make_workspace();
  const std::vector<std::vector<probability_interval>> batch = score_stages(m, ws, cases);
  REQUIRE(batch.size() == cases.size());
  std::size_t checked = 0, soft = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const std::vector<stage_evidence> stages = approach::detail::stages_of(cases[i], net);
    REQUIRE(batch[i].size() == stages.size());
    for (std::size_t k = 0; k < stages.size(); ++k) {
      const resolved_evidence r = resolve(net, stages[k].seen);
      compiled_model::workspace fresh = m.make_workspace();
      INFO(cases[i].name << " stage " << stages[k].name);
      CHECK(batch[i][k].point == m.p_pitch(fresh, r));
      for (const variable_id v : r.observed) soft += r.is_soft(v) ? 1 : 0;
      ++checked;
    }
  }
  CHECK(checked > 150);
  CHECK(soft >= 5);
  // The direct resolution gives what resolving the stage's evidence by name gives.
  for (const case_file& c : unusual_cases()) {
    std::vector<resolved_evidence> direct;
    REQUIRE(approach::detail::resolve_stages(c, net, direct));
    const std::vector<stage_evidence> stages = approach::detail::stages_of(c, net);
    REQUIRE(direct.size() == stages.size());
    for (std::size_t k = 0; k < stages.size(); ++k) {
      const resolved_evidence r = resolve(net, stages[k].seen);
      CHECK(direct[k].hard == r.hard);
      CHECK(direct[k].observed == r.observed);
      for (const variable_id v : r.observed)
        if (r.is_soft(v)) CHECK((direct[k].soft[static_cast<std::size_t>(v)] == r.soft[static_cast<std::size_t>(v)]).all());
    }
  }
}

TEST_CASE("p_pitch on one workspace equals a fresh query whatever came before", "[domain][stage_scores]") {
  assessment_options options;
  options.uncertainty.samples = 0;
  const compiled_model m(builtin(), options);
  const network& net = m.model().net;
  std::vector<resolved_evidence> sets;
  for (const case_file& c : unusual_cases())
    for (const case_stage& s : c.stages) sets.push_back(resolve(net, s.evidence));
  for (const case_file& c : all_cases())
    for (const case_stage& s : c.stages) sets.push_back(resolve(net, s.evidence));
  compiled_model::workspace ws = m.make_workspace();
  std::size_t k = 0;
  for (const resolved_evidence& r : sets) {
    // now and then a full assessment in the same workspace, between two scores
    if (k++ % 7 == 3)
      (void)assess_all(m, ws, std::span<const evidence>(&all_cases()[k % all_cases().size()].stages[0].evidence, 1));
    compiled_model::workspace fresh = m.make_workspace();
    CHECK(m.p_pitch(ws, r) == m.p_pitch(fresh, r));
  }
  // The batch overload: the same numbers.
  const std::vector<double> all = m.p_pitch(ws, sets);
  REQUIRE(all.size() == sets.size());
  for (std::size_t j = 0; j < sets.size(); j += 13) {
    compiled_model::workspace fresh = m.make_workspace();
    CHECK(all[j] == m.p_pitch(fresh, sets[j]));
  }
  // Impossible evidence is refused, and the workspace still answers afterwards.
  resolved_evidence impossible = sets.front();
  const variable_id intent = net.id("intent");
  impossible.hard.assign(impossible.hard.size(), -1);
  impossible.soft.assign(impossible.soft.size(), Eigen::ArrayXd());
  impossible.observed = {intent};
  impossible.soft[static_cast<std::size_t>(intent)] = Eigen::ArrayXd::Zero(net.cardinality(intent));
  (void)m.p_pitch(ws, sets[1]);
  CHECK_THROWS_AS(m.p_pitch(ws, impossible), evidence_error);
  compiled_model::workspace fresh = m.make_workspace();
  CHECK(m.p_pitch(ws, sets[2]) == m.p_pitch(fresh, sets[2]));
}

TEST_CASE("p_pitch updates from the held findings only when it keeps more of them than it changes",
          "[domain][stage_scores]") {
  const network& net = builtin().net;
  const auto r = [&](std::initializer_list<std::pair<const char*, const char*>> findings) {
    evidence e;
    for (const auto& [v, s] : findings) e.observe(v, s);
    return resolve(net, e);
  };
  const resolved_evidence held = r({{"flattery", "yes"}, {"secrecy", "informal"}, {"formal_channel", "yes"}});
  using pitchrisk::approach::detail::mostly_kept;
  CHECK(mostly_kept(held, held));
  CHECK(mostly_kept(held, r({{"flattery", "yes"}, {"secrecy", "informal"}, {"formal_channel", "yes"}, {"identity_check", "unverifiable"}})));
  CHECK(mostly_kept(held, r({{"flattery", "yes"}, {"secrecy", "informal"}, {"formal_channel", "no"}})));  // 2 kept, 1 changed
  CHECK_FALSE(mostly_kept(held, r({{"flattery", "yes"}, {"secrecy", "secrecy_requested"}, {"formal_channel", "no"}})));
  CHECK_FALSE(mostly_kept(held, r({{"personal_probing", "persistent"}})));  // a case after another
  CHECK(mostly_kept(resolved_evidence{}, resolved_evidence{}));
  CHECK_FALSE(mostly_kept(resolved_evidence{}, r({{"flattery", "yes"}})));
  // a likelihood on a kept variable counts as kept only if equal
  evidence soft;
  soft.observe("flattery", "yes").observe("secrecy", "informal").likelihood("formal_channel", {0.3, 0.7});
  const resolved_evidence with_soft = resolve(net, soft);
  CHECK(mostly_kept(with_soft, with_soft));
  evidence other = soft;
  other.likelihood("formal_channel", {0.4, 0.6}).retract("flattery");
  CHECK_FALSE(mostly_kept(with_soft, resolve(net, other)));  // 1 kept, 2 changed
}

TEST_CASE("p_pitch by name equals p_pitch of the resolved evidence, also after a refused name",
          "[domain][stage_scores]") {
  assessment_options options;
  options.uncertainty.samples = 0;
  const compiled_model m(builtin(), options);
  const network& net = m.model().net;
  const std::vector<case_file> unusual = unusual_cases();  // uncertain observations among them
  std::vector<const evidence*> sets;
  for (const case_file& c : all_cases())
    for (const case_stage& s : c.stages) sets.push_back(&s.evidence);
  for (const case_file& c : unusual)
    for (const case_stage& s : c.stages) sets.push_back(&s.evidence);
  compiled_model::workspace by_name = m.make_workspace(), resolved = m.make_workspace();
  const evidence unknown = evidence{}.observe("flattery", "yes").observe("no_such_indicator", "yes");
  for (std::size_t k = 0; k < sets.size(); ++k) {
    INFO("set " << k);
    if (k % 5 == 2) {  // a refused name leaves the workspace answering as before
      CHECK_THROWS_WITH(m.p_pitch(by_name, unknown), Catch::Contains("no_such_indicator"));
    }
    const double p = m.p_pitch(by_name, *sets[k]);
    CHECK(p == m.p_pitch(resolved, resolve(net, *sets[k])));
    compiled_model::workspace fresh = m.make_workspace();
    CHECK(p == m.p_pitch(fresh, resolve(net, *sets[k])));
  }
}

TEST_CASE("score_stages names a bad observation as the timeline does", "[domain][stage_scores]") {
  assessment_options options;
  options.uncertainty.samples = 0;
  const compiled_model m(builtin(), options);
  const case_file good = read_case_string("label unknown\nstage a\nflattery=yes\nstage b\nidentity_check=verified\n",
                                          "good.case");
  // Built by a program (the reader refuses these): an unknown indicator, an unknown state,
  // an uncertain observation of an unknown state, a negative confidence.
  std::vector<case_file> bad(4, good);
  bad[0].stages[1].cumulative.push_back({"no_such_indicator", "yes", 0});
  bad[1].stages[1].cumulative.back().state = "no_such_state";
  bad[2].stages[1].cumulative.back() = {"identity_check", "no_such_state", 0, 0.7};
  bad[3].stages[1].cumulative.back() = {"identity_check", "verified", 0, -0.5};
  for (const case_file& c : bad) {
    std::string timeline_message, scores_message;
    try {
      (void)assess_timeline(m, c);
    } catch (const pitchrisk::error& e) {
      timeline_message = e.what();
    }
    try {
      (void)score_stages(m, c);
    } catch (const pitchrisk::error& e) {
      scores_message = e.what();
    }
    INFO(timeline_message);
    CHECK_FALSE(scores_message.empty());
    CHECK(scores_message == timeline_message);
  }
  // An indicator twice in a stage (the reader never makes one): the later reading counts,
  // as in the timeline.
  case_file twice = good;
  twice.stages[1].cumulative.push_back({"flattery", "no", 0});
  const std::vector<probability_interval> s = score_stages(m, twice);
  const timeline t = assess_timeline(m, twice);
  CHECK(close(s[1].point, t.steps[1].result.p_pitch));  // a full propagation there: rounding apart
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

}  // namespace stage_scores_test
