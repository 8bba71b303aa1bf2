// SPDX-License-Identifier: MIT
#include "pitchrisk/domain/approach/compiled_model.hpp"
#include "pitchrisk/domain/approach/report.hpp"
#include "pitchrisk/domain/approach/timeline.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"

#include "domain/domain_fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace compiled_model_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using namespace pitchrisk::approach;

namespace {

namespace fs = std::filesystem;

const scored_model& builtin() {
  static const scored_model model{approach_model{}};
  return model;
}

const std::vector<case_file>& all_cases() { return fixtures::shipped_cases(); }

assessment_options with_samples(int samples) {
  assessment_options o;
  o.uncertainty.samples = samples;
  return o;
}

bool close(double a, double b) {
  return std::abs(a - b) <= 1e-12 * std::max(1.0, std::max(std::abs(a), std::abs(b)));
}

/// Likelihood ratios: to 1e-12, or both beyond what the report prints (">x1e6", "<x1e-6"),
/// where one path's odds may be floored at the smallest double and the other's not.
bool close_ratio(double a, double b) { return close(a, b) || (a > 1e6 && b > 1e6) || (a < 1e-6 && b < 1e-6); }

void check_same(const assessment& x, const assessment& y) {
  CHECK(close(x.p_pitch, y.p_pitch));
  CHECK(close(x.prior_p_pitch, y.prior_p_pitch));
  for (Eigen::Index s = 0; s < x.intent.size(); ++s) CHECK(close(x.intent[s], y.intent[s]));
  for (Eigen::Index s = 0; s < x.officer.size(); ++s) CHECK(close(x.officer[s], y.officer[s]));
  for (Eigen::Index s = 0; s < x.cycle_stage.size(); ++s) CHECK(close(x.cycle_stage[s], y.cycle_stage[s]));
  for (Eigen::Index s = 0; s < x.lever.size(); ++s) CHECK(close(x.lever[s], y.lever[s]));
  CHECK(x.interval.samples == y.interval.samples);
  CHECK(close(x.interval.low, y.interval.low));
  CHECK(close(x.interval.high, y.interval.high));
  CHECK(close(x.interval.sample_median, y.interval.sample_median));
  // The log-odds spread is ill-conditioned where sampled values come near 0 or 1 (a rounding
  // of 1e-16 in 1 - 1e-12 moves its logit by 1e-4): to 1e-9 only while the sampled interval
  // stays within [1e-3, 1 - 1e-3], else to 5%.
  const bool inner = std::min(x.interval.sample_low, 1 - x.interval.sample_high) > 1e-3;
  CHECK(std::abs(x.interval.spread - y.interval.spread) <= (inner ? 1e-9 : 5e-2) * std::max(1.0, x.interval.spread));
  // Findings: the same ones with the same weights (the order is by weight, so it may only
  // differ between weights equal to rounding).
  REQUIRE(x.findings.size() == y.findings.size());
  for (const finding_weight& f : x.findings) {
    const auto g = std::find_if(y.findings.begin(), y.findings.end(),
                                [&](const finding_weight& h) { return h.indicator == f.indicator; });
    REQUIRE(g != y.findings.end());
    CHECK(f.state == g->state);
    CHECK(close_ratio(f.likelihood_ratio, g->likelihood_ratio));
    CHECK(close_ratio(f.likelihood_ratio_in_context, g->likelihood_ratio_in_context));
    CHECK(close(f.p_without, g->p_without));
    CHECK(close(f.change, g->change));
  }
  // Questions: the same best ones, their gains and answers (a question may only be swapped
  // with one of equal gain, to rounding, at the cut).
  REQUIRE(x.questions.size() == y.questions.size());
  for (const next_question& q : x.questions) {
    const auto r = std::find_if(y.questions.begin(), y.questions.end(),
                                [&](const next_question& u) { return u.indicator == q.indicator; });
    if (r == y.questions.end()) {
      CHECK(close(q.information_gain, y.questions.back().information_gain));
      continue;
    }
    CHECK(close(q.information_gain, r->information_gain));
    REQUIRE(q.answers.size() == r->answers.size());
    for (std::size_t k = 0; k < q.answers.size(); ++k) {
      CHECK(q.answers[k].state == r->answers[k].state);
      CHECK(close(q.answers[k].probability, r->answers[k].probability));
      CHECK(close(q.answers[k].p_pitch, r->answers[k].p_pitch));
    }
  }
  CHECK(x.red_flags == y.red_flags);
  CHECK(x.caveats == y.caveats);
}

std::string tsv_of(const std::vector<timeline>& ts) {
  std::ostringstream out;
  write_tsv_header(out);
  for (const timeline& t : ts) write_tsv(out, t);
  return out.str();
}

}  // namespace

TEST_CASE("the compiled model equals per-query variable elimination on every library and seed case stage",
          "[domain][compiled_model]") {
  const assessment_options options = with_samples(12);
  const compiled_model compiled(builtin(), options);
  const variable_elimination ve(builtin().net);
  REQUIRE(all_cases().size() >= 80);
  std::size_t stages = 0;
  for (const case_file& c : all_cases()) {
    INFO("case " << c.name);
    const timeline fast = assess_timeline(compiled, c);
    const timeline slow = assess_timeline(ve, builtin(), c, options);
    REQUIRE(fast.steps.size() == slow.steps.size());
    for (std::size_t k = 0; k < fast.steps.size(); ++k) {
      INFO("stage " << fast.steps[k].stage);
      check_same(fast.steps[k].result, slow.steps[k].result);
      CHECK(close(fast.steps[k].change, slow.steps[k].change));
      CHECK(fast.steps[k].moved_by == slow.steps[k].moved_by);
      CHECK(close(fast.steps[k].moved_by_change, slow.steps[k].moved_by_change));
      ++stages;
    }
  }
  CHECK(stages > 150);
}

TEST_CASE("assess and assess_all on a compiled model equal the engine-generic path", "[domain][compiled_model]") {
  assessment_options options = with_samples(0);
  options.questions = 40;  // every candidate, so the whole ranking is compared
  const compiled_model compiled(builtin(), options);
  const variable_elimination ve(builtin().net);
  const std::vector<evidence> sets = {
      evidence{},
      evidence{{"official_cover", "attache_or_trade_post"}, {"personal_probing", "persistent"}},
      evidence{{"intent", "recruitment_pitch"}, {"gifts_hospitality", "lavish"}},  // the target itself given
  };
  const std::vector<assessment> fast = assess_all(compiled, sets);
  const std::vector<assessment> slow = assess_all(ve, builtin(), sets, options);
  REQUIRE(fast.size() == sets.size());
  for (std::size_t j = 0; j < sets.size(); ++j) {
    INFO("set " << j);
    check_same(fast[j], slow[j]);
    for (std::size_t k = 0; k < fast[j].questions.size(); ++k)
      if (k + 1 < fast[j].questions.size() &&
          !close(fast[j].questions[k].information_gain, fast[j].questions[k + 1].information_gain))
        CHECK(fast[j].questions[k].indicator == slow[j].questions[k].indicator);
  }
  CHECK(close(assess(compiled, sets[1]).p_pitch, fast[1].p_pitch));
  CHECK(close(compiled.p_pitch(*compiled_model::lease(compiled), sets[1]), fast[1].p_pitch));
}

TEST_CASE("evidence given by variable id is assessed and reported as the same evidence by name",
          "[domain][compiled_model]") {
  const network& net = builtin().net;
  evidence by_name, by_id;
  by_name.observe("official_cover", "attache_or_trade_post")
      .observe("payment_channel", "cash_or_concealed")
      .observe("authority_flag", "flagged")
      .likelihood("identity_check", {0.1, 0.2, 0.7});
  for (const finding& f : by_name.findings()) {
    const variable_id v = net.id(f.variable);
    if (f.is_soft())
      by_id.likelihood(v, f.likelihood);
    else
      by_id.observe(v, net.state(v, f.state));
  }
  REQUIRE(net.cardinality(net.id("identity_check")) == 3);
  const compiled_model compiled(builtin(), with_samples(0));
  const variable_elimination ve(builtin().net);
  const assessment fast_name = assess(compiled, by_name), fast_id = assess(compiled, by_id);
  const assessment slow_id =
      assess_all(ve, builtin(), std::span<const evidence>(&by_id, 1), with_samples(0)).front();
  for (const assessment* a : {&fast_id, &slow_id}) {
    REQUIRE(a->seen.size() == fast_name.seen.size());
    for (std::size_t k = 0; k < a->seen.size(); ++k) {
      CHECK(a->seen.findings()[k].variable == fast_name.seen.findings()[k].variable);
      CHECK(a->seen.findings()[k].state == fast_name.seen.findings()[k].state);
      CHECK(a->seen.findings()[k].likelihood == fast_name.seen.findings()[k].likelihood);
    }
    CHECK(a->red_flags == fast_name.red_flags);
    CHECK(a->caveats == fast_name.caveats);
    CHECK(close(a->p_pitch, fast_name.p_pitch));
  }
  CHECK_FALSE(fast_name.red_flags.empty());  // cash is a red flag
  CHECK(std::any_of(fast_id.caveats.begin(), fast_id.caveats.end(),
                    [](const std::string& c) { return c.find("authority flag") != std::string::npos; }));
  // A finding by an id out of range is still refused, naming the id.
  evidence bad;
  bad.observe(variable_id{net.size() + 3}, 0);
  REQUIRE_THROWS_AS(assess(compiled, bad), evidence_error);
  REQUIRE_THROWS_AS(assess_all(ve, builtin(), std::span<const evidence>(&bad, 1), with_samples(0)), evidence_error);
}

TEST_CASE("a seed gives the same interval on every run and every thread count", "[domain][compiled_model]") {
  const evidence seen{{"official_cover", "attache_or_trade_post"}, {"personal_probing", "persistent"}};
  assessment_options one = with_samples(30), four = with_samples(30), other = with_samples(30);
  four.uncertainty.threads = 4;
  other.uncertainty.seed = one.uncertainty.seed + 1;
  const probability_interval a = assess(compiled_model(builtin(), one), seen).interval;
  const probability_interval b = assess(compiled_model(builtin(), one), seen).interval;
  const probability_interval c = assess(compiled_model(builtin(), four), seen).interval;
  const probability_interval d = assess(compiled_model(builtin(), other), seen).interval;
  CHECK(a.low == b.low);
  CHECK(a.high == b.high);
  CHECK(a.sample_median == b.sample_median);
  CHECK(a.low == c.low);
  CHECK(a.high == c.high);
  CHECK(a.spread == c.spread);
  CHECK(a.sample_median != d.sample_median);
  // The engine-generic path draws the same networks: the same interval to rounding.
  const probability_interval e = assess_all(variable_elimination(builtin().net), builtin(),
                                            std::span<const evidence>(&seen, 1), one).front().interval;
  CHECK(close(a.sample_low, e.sample_low));
  CHECK(close(a.sample_high, e.sample_high));
}

TEST_CASE("scoring on 4 threads gives the same TSV bytes as on 1", "[domain][compiled_model]") {
  const compiled_model compiled(builtin(), with_samples(10));
  std::vector<timeline> serial;
  for (const case_file& c : all_cases()) serial.push_back(assess_timeline(compiled, c));
  std::vector<timeline> parallel(all_cases().size());
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < 4; ++t)
    pool.emplace_back([&, t] {
      compiled_model::workspace ws = compiled.make_workspace();
      for (std::size_t i = t; i < all_cases().size(); i += 4) parallel[i] = assess_timeline(compiled, ws, all_cases()[i]);
    });
  for (std::thread& t : pool) t.join();
  CHECK(tsv_of(serial) == tsv_of(parallel));
}

TEST_CASE("a compiled model refuses bad evidence and bad options, naming the fault", "[domain][compiled_model]") {
  const compiled_model compiled(builtin(), with_samples(0));
  const evidence unknown{{"official_cover", "ambassador"}};
  REQUIRE_THROWS_AS(assess(compiled, unknown), evidence_error);
  REQUIRE_THROWS_WITH(assess(compiled, unknown), Catch::Contains("'official_cover'") && Catch::Contains("'ambassador'"));
  assessment_options bad = with_samples(5);
  bad.uncertainty.level = 1.5;
  REQUIRE_THROWS_AS(compiled_model(builtin(), bad), error);
}

TEST_CASE("the interval's sampled values are each sampled engine's own, bit for bit, batches full or not",
          "[domain][compiled_model]") {
  // 1 and 13 samples leave a lane batch partly used; 200 fills four.
  const int samples = GENERATE(1, 13, 200);
  const compiled_model compiled(builtin(), with_samples(samples));
  REQUIRE(compiled.sampled().size() == static_cast<std::size_t>(samples));
  const network& net = builtin().net;
  const auto soft = [&](const char* name, double first) {
    std::vector<double> l(static_cast<std::size_t>(net.cardinality(net.id(name))), 0.5);
    l[0] = first;
    return l;
  };
  // A timeline (findings added, changed, removed; one likelihood), then two likelihoods at once.
  std::vector<evidence> sets(6);
  sets[1].observe("official_cover", "attache_or_trade_post");
  sets[2] = sets[1];
  sets[2].observe("personal_probing", "persistent");
  sets[3] = sets[2];
  sets[3].likelihood("gifts_hospitality", soft("gifts_hospitality", 0.9));
  sets[4] = sets[3];
  sets[4].retract("official_cover");
  sets[4].observe("personal_probing", "none");
  sets[5] = sets[4];
  sets[5].likelihood("official_cover", soft("official_cover", 0.2));
  std::vector<resolved_evidence> resolved;
  std::vector<double> points;
  compiled_model::lease ws(compiled);
  for (const evidence& e : sets) {
    resolved.push_back(resolve(net, e));
    points.push_back(compiled.p_pitch(*ws, resolved.back()));
  }
  const std::vector<probability_interval> got = compiled.intervals(*ws, resolved, points);
  REQUIRE(got.size() == sets.size());
  const hypothesis& pitch = compiled.pitch();
  for (std::size_t j = 0; j < sets.size(); ++j) {
    INFO("set " << j);
    std::vector<double> values;
    for (const auto& jt : compiled.sampled()) {
      junction_tree::workspace w = jt->make_workspace();
      jt->set_evidence(w, resolved[j]);
      jt->propagate_to(w, pitch.variable);
      std::vector<double> p(static_cast<std::size_t>(net.cardinality(pitch.variable)));
      jt->marginal(w, pitch.variable, p);
      double sum = 0;
      for (const Eigen::Index s : pitch.states) sum += p[static_cast<std::size_t>(s)];
      values.push_back(sum);
    }
    const probability_interval want =
        pitchrisk::approach::detail::interval_of(points[j], values, compiled.options().uncertainty.level);
    CHECK(got[j].samples == samples);
    CHECK(got[j].sample_low == want.sample_low);
    CHECK(got[j].sample_median == want.sample_median);
    CHECK(got[j].sample_high == want.sample_high);
    CHECK(got[j].spread == want.spread);
  }
}

TEST_CASE("the compiled model's engines share their options: relays under the built-in model's hub clique",
          "[domain][compiled_model]") {
  const compiled_model compiled(builtin(), with_samples(3));
  // The built-in model's hub (intent x cycle_stage x collection_pressure, 192 entries) takes
  // 15 children's messages: relays group them. The sampled engines (and their lanes, checked
  // bit for bit against them above) are compiled with the same options.
  CHECK(compiled.engine().statistics().relay_cliques > 0);
  CHECK(compiled.engine().statistics().relay_cliques ==
        junction_tree(builtin().net, compiled_model::engine_options()).statistics().relay_cliques);
  for (const auto& jt : compiled.sampled())
    CHECK(jt->statistics().relay_cliques == compiled.engine().statistics().relay_cliques);
}

TEST_CASE("the sampled engines are compiled once, when first needed, and answer the samples the lanes cannot",
          "[domain][compiled_model]") {
  const compiled_model compiled(builtin(), with_samples(13));
  {  // sampled() first called from four threads at once: one compilation, the same engines.
    std::vector<const junction_tree*> first(4, nullptr);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < first.size(); ++t)
      threads.emplace_back([&, t] { first[t] = compiled.sampled().front().get(); });
    for (std::thread& t : threads) t.join();
    REQUIRE(compiled.sampled().size() == 13);
    for (const junction_tree* jt : first) CHECK(jt == compiled.sampled().front().get());
  }
  const network& net = builtin().net;
  std::vector<resolved_evidence> sets(2, resolve(net, evidence{}));
  sets[1] = resolve(net, evidence{}.observe("official_cover", "attache_or_trade_post"));
  compiled_model::workspace ws = compiled.make_workspace();
  std::vector<double> points;
  for (const resolved_evidence& r : sets) points.push_back(compiled.p_pitch(ws, r));
  const std::vector<probability_interval> before = compiled.intervals(ws, sets, points);

  // Evidence impossible in every lane: each sample is run again by its own engine (with a
  // workspace made now), which refuses it with the scalar engine's exception.
  resolved_evidence impossible = sets.front();
  const variable_id intent = net.id("intent");
  impossible.observed = {intent};
  impossible.soft[static_cast<std::size_t>(intent)] = Eigen::ArrayXd::Zero(net.cardinality(intent));
  const std::vector<double> half{0.5};
  CHECK_THROWS_AS(compiled.intervals(ws, std::span<const resolved_evidence>(&impossible, 1), half), evidence_error);

  // The same workspace answers as before, bit for bit; so does a fresh one.
  const std::vector<probability_interval> after = compiled.intervals(ws, sets, points);
  compiled_model::workspace fresh = compiled.make_workspace();
  const std::vector<probability_interval> anew = compiled.intervals(fresh, sets, points);
  for (std::size_t j = 0; j < sets.size(); ++j) {
    CHECK(after[j].sample_low == before[j].sample_low);
    CHECK(after[j].sample_high == before[j].sample_high);
    CHECK(anew[j].sample_median == before[j].sample_median);
  }

}

}  // namespace compiled_model_test
