// SPDX-License-Identifier: MIT
#include "pitchrisk/domain/approach/model.hpp"

#include "pitchrisk/domain/approach/case_file.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"
#include "pitchrisk/io/bif.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

using namespace pitchrisk;
using namespace pitchrisk::approach;
using Catch::Matchers::Contains;

namespace {

const std::filesystem::path cases_dir = std::filesystem::path(PITCHRISK_SOURCE_DIR) / "examples/data/cases";

struct scored {
  const approach_model& model;
  variable_elimination engine;
  explicit scored(const approach_model& m) : model(m), engine(m.network()) {}
  /// P(pitch | seen).
  double operator()(const evidence& seen) const { return model.p_pitch(engine.posterior(model.intent(), seen)); }
  /// Odds of pitch against benign, from the two sides of the posterior (no 1 - p).
  double odds(const evidence& seen) const {
    const distribution d = engine.posterior(model.intent(), seen);
    return (d[0] + d[1]) / d[2];
  }
};

/// Every indicator state whose documented direction is toward a pitch.
std::vector<std::pair<std::string, std::string>> toward_pitch_findings() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const indicator& i : indicators())
    for (const state_strength& s : i.strengths)
      if (s.direction == direction::toward_pitch) out.emplace_back(std::string(i.name), std::string(s.state));
  return out;
}

bool observes(const evidence& e, const std::string& name) {
  for (const finding& f : e.findings())
    if (f.variable == name) return true;
  return false;
}

}  // namespace

TEST_CASE("the approach network speaks the vocabulary of indicators.md", "[domain][model]") {
  const approach_model m;
  const network& net = m.network();
  CHECK(net.size() == 37);
  REQUIRE(m.indicator_ids().size() == 29);
  for (std::size_t k = 0; k < indicators().size(); ++k) {
    const indicator& i = indicators()[k];
    const variable& v = net.variable(m.indicator_ids()[k]);
    CHECK(v.name == i.name);
    CHECK(v.states == i.states);
    CHECK(m.is_indicator(m.indicator_ids()[k]));
    // Indicators are observed, never causes of latent variables.
    for (const variable_id c : net.children(m.indicator_ids()[k])) CHECK(m.is_indicator(c));
  }
  for (const latent_variable& l : latent_variables()) CHECK(net.variable(net.id(l.name)).states == l.states);
  CHECK(net.variable(m.intent()).name == "intent");
  CHECK(net.variable(m.officer()).name == "approacher_is_io");
  CHECK(net.variable(m.cycle_stage()).name == "cycle_stage");
  CHECK(net.variable(m.lever()).name == "exploitable_lever");
  CHECK(m.intermediate_ids().size() == 3);
  CHECK(net.repairs().empty());
  // Exact-inference friendly: small tables, few parents.
  for (const variable_id v : net.variables()) {
    CHECK(net.parents(v).size() <= 2);
    CHECK(net.cpt(v).values().size() <= 64);
  }
  // Every case file resolves against the network.
  for (const case_file& c : read_case_directory(cases_dir))
    for (const case_stage& s : c.stages) CHECK_NOTHROW(resolve(net, s.evidence));
}

TEST_CASE("with no evidence P(pitch) is the configured prior, and removing all evidence restores it",
          "[domain][model]") {
  const model_parameters settings = GENERATE(model_parameters{}, model_parameters{0.001, 0.7, 0.2},
                                             model_parameters{0.3, 0.5, 0.5}, model_parameters{1e-6, 0.9, 0.0});
  const approach_model m(settings);
  const scored score(m);
  const double prior = settings.officer_base_rate * (settings.recruitment_share + settings.influence_share);
  CHECK(m.prior_p_pitch() == Approx(prior).epsilon(1e-14));
  CHECK(score(evidence{}) == Approx(prior).epsilon(1e-12));
  CHECK(score.engine.posterior(m.officer(), evidence{})["yes"] == Approx(settings.officer_base_rate).epsilon(1e-12));

  const case_file c = read_case(cases_dir / "svr_tutoring_ad_engineer.case");
  evidence seen = c.stages.back().evidence;
  CHECK(score(seen) > 0.99);
  for (const observation& o : c.stages.back().cumulative) seen.retract(o.indicator);
  REQUIRE(seen.empty());
  CHECK(score(seen) == Approx(prior).epsilon(1e-12));
}

TEST_CASE("each indicator state moves the odds within its documented strength band", "[domain][model]") {
  // LR = P(state | pitch) / P(state | benign) = posterior odds / prior odds (section 2).
  const approach_model m;
  const scored score(m);
  const double prior_odds = score.odds(evidence{});
  for (const indicator& i : indicators())
    for (const state_strength& s : i.strengths) {
      const double lr = score.odds(evidence{{i.name, s.state}}) / prior_odds;
      INFO(i.name << "=" << s.state << ": LR " << lr << ", documented " << s.wording << " [" << s.band.low << ", "
                  << s.band.high << "]");
      CHECK(s.band.contains(lr));
    }
}

TEST_CASE("a finding whose direction points to a pitch never lowers P(pitch)", "[domain][model]") {
  const approach_model m;
  const scored score(m);
  const auto toward = toward_pitch_findings();
  REQUIRE(toward.size() > 40);
  std::vector<evidence> contexts{evidence{}};
  for (const case_file& c : read_case_directory(cases_dir))
    for (const case_stage& s : c.stages) contexts.push_back(s.evidence);
  // Random partial evidence sets (fixed seed), without authority_flag.
  std::mt19937 rng(4);
  for (int k = 0; k < 400; ++k) {
    evidence e;
    std::uniform_int_distribution<int> how_many(1, 8);
    const int n = how_many(rng);
    for (int j = 0; j < n; ++j) {
      const indicator& i = indicators()[std::uniform_int_distribution<std::size_t>(0, indicators().size() - 2)(rng)];
      e.observe(i.name, i.states[std::uniform_int_distribution<std::size_t>(0, i.states.size() - 1)(rng)]);
    }
    contexts.push_back(e);
  }
  for (const evidence& context : contexts) {
    const double before = score(context);
    for (const auto& [name, state] : toward) {
      if (observes(context, name)) continue;
      evidence more = context;
      more.observe(name, state);
      const double after = score(more);
      INFO("adding " << name << "=" << state << " to " << context.size() << " findings: " << before << " -> " << after);
      CHECK(after >= before * (1 - 1e-12));
    }
  }
}

TEST_CASE("monotonicity holds over a wide randomised search of contexts", "[domain][model][.slow][slow]") {
  // The search that led pretext_mismatch away from a noisy-OR (see model.hpp, F6): larger
  // evidence sets (up to 16 findings), every toward-pitch finding added to each.
  const approach_model m;
  const scored score(m);
  const auto toward = toward_pitch_findings();
  std::mt19937 rng(12345);
  long violations = 0, checks = 0;
  for (int k = 0; k < 3000; ++k) {
    evidence context;
    const int n = std::uniform_int_distribution<int>(1, 16)(rng);
    for (int j = 0; j < n; ++j) {
      const indicator& i = indicators()[std::uniform_int_distribution<std::size_t>(0, indicators().size() - 2)(rng)];
      context.observe(i.name, i.states[std::uniform_int_distribution<std::size_t>(0, i.states.size() - 1)(rng)]);
    }
    const double before = score(context);
    for (const auto& [name, state] : toward) {
      if (observes(context, name)) continue;
      evidence more = context;
      more.observe(name, state);
      ++checks;
      if (score(more) < before * (1 - 1e-12)) {
        ++violations;
        UNSCOPED_INFO("adding " << name << "=" << state << " lowers P(pitch) from " << before);
      }
    }
  }
  CHECK(checks > 50000);
  CHECK(violations == 0);
}

TEST_CASE("seed pitches score clearly above benign counter-examples, timelines rise", "[domain][model]") {
  const approach_model m;
  const scored score(m);
  const auto cases = read_case_directory(cases_dir);
  REQUIRE(cases.size() == 8);
  double lowest_pitch = 1, highest_benign = 0, highest_benign_any_stage = 0;
  std::string table;
  for (const case_file& c : cases) {
    table += c.label + " " + c.name + ":";
    std::vector<double> p;
    for (const case_stage& s : c.stages) {
      p.push_back(score(s.evidence));
      char buf[96];
      std::snprintf(buf, sizeof buf, " %s=%.4f", s.name.c_str(), p.back());
      table += buf;
    }
    table += "\n";
    if (c.is_pitch()) {
      lowest_pitch = std::min(lowest_pitch, score(c.last_before_exposure().evidence));
      // The timeline never falls; exposure is near certainty.
      for (std::size_t k = 1; k < p.size(); ++k) CHECK(p[k] >= p[k - 1] * (1 - 1e-12));
      if (c.has_exposure()) CHECK(p.back() > 0.99);
    } else {
      highest_benign = std::max(highest_benign, p.back());
      for (const double x : p) highest_benign_any_stage = std::max(highest_benign_any_stage, x);
    }
  }
  WARN("P(pitch) per stage, default parameters:\n" << table);
  CHECK(lowest_pitch > 0.9);
  CHECK(highest_benign < 0.35);
  // Clear margin: at least a factor 20 in odds between the weakest pitch and the strongest benign.
  CHECK(lowest_pitch / (1 - lowest_pitch) > 20 * highest_benign / (1 - highest_benign));

  // The jumps the seeds describe (seed-cases.md, "What the timelines should show").
  const auto stage_score = [&](const std::string& name, const std::string& stage) {
    for (const case_file& c : cases)
      if (c.name == name) return score(c.stage(stage).evidence);
    FAIL("no case " << name);
    return 0.0;
  };
  CHECK(stage_score("gru_attache_journalist_paris", "second_meeting") >
        stage_score("gru_attache_journalist_paris", "first_meeting") + 0.3);
  CHECK(stage_score("gru_attache_campaign_funding_offer", "dinner_offer") >
        stage_score("gru_attache_campaign_funding_offer", "contacts_with_adviser"));
  CHECK(stage_score("gru_attache_campaign_funding_offer", "dinner_offer") > 0.99);
  CHECK(stage_score("svr_tutoring_ad_engineer", "dinner_lessons") > stage_score("svr_tutoring_ad_engineer", "ad_reply") + 0.2);
  CHECK(stage_score("svr_tutoring_ad_engineer", "cash_for_documents") > stage_score("svr_tutoring_ad_engineer", "dinner_lessons"));
  CHECK(stage_score("russian_officers_buying_secret_documents", "purchase_attempt") > 0.9);

  // Early warning: the first stage of every seed pitch is above every benign FINAL stage...
  for (const case_file& c : cases)
    if (c.is_pitch()) {
      INFO(c.name << " first stage " << c.stages.front().name);
      CHECK(score(c.stages.front().evidence) > highest_benign);
    }
  // ...but not above every benign stage: the benign tutoring ad reply (ad, stranger, young
  // engineer with sensitive access in need of money) scores as high as the GRU officer's
  // first meeting in an official group setting. Documented, not tuned away.
  CHECK(stage_score("benign_student_tutoring_ad", "ad_reply") > stage_score("gru_attache_journalist_paris", "first_meeting"));
  CHECK(highest_benign_any_stage < 0.5);
}

TEST_CASE("the base rate scales the officer odds exactly; the separation of cases survives", "[domain][model]") {
  // Posterior odds of approacher_is_io = prior odds x P(e | yes) / P(e | no): the base rate
  // only scales them. P(pitch) also counts an officer's ordinary business as benign, so its
  // odds scale only approximately (the ranking of close stages can change).
  const approach_model a;                           // base rate 0.02
  const approach_model b(model_parameters{0.001});  // 20 times rarer
  const scored sa(a), sb(b);
  const double factor = (0.02 / 0.98) / (0.001 / 0.999);
  double lowest_pitch = 1, highest_benign = 0;
  for (const case_file& c : read_case_directory(cases_dir)) {
    for (const case_stage& s : c.stages) {
      INFO(c.name << " " << s.name);
      const distribution oa = sa.engine.posterior(a.officer(), s.evidence);
      const distribution ob = sb.engine.posterior(b.officer(), s.evidence);
      CHECK((oa["yes"] / oa["no"]) / (ob["yes"] / ob["no"]) == Approx(factor).epsilon(1e-9));
    }
    if (c.is_pitch()) lowest_pitch = std::min(lowest_pitch, sb(c.last_before_exposure().evidence));
    else highest_benign = std::max(highest_benign, sb(c.stages.back().evidence));
  }
  // The separation survives a 20 times rarer base rate, at lower levels.
  CHECK(lowest_pitch > 10 * highest_benign);
}

TEST_CASE("what the model cannot see: an influence operation that looks benign at every step", "[domain][model]") {
  // Section 6.4: influence operations hinge on a hidden state link; before exposure every
  // observable step can be ordinary. The model must not pretend otherwise.
  const approach_model m;
  const scored score(m);
  const evidence looks_benign{{"official_cover", "diplomat"},          {"first_contact_channel", "event_or_conference"},
                              {"meeting_setting", "official_group"},   {"secrecy", "open_institutional"},
                              {"offer_plausibility", "plausible"},     {"payment_channel", "traceable"},
                              {"target_access", "influence_or_contacts"}, {"target_ideological_affinity", "aligned"}};
  CHECK(score(looks_benign) < m.prior_p_pitch() * 2);
  // Only the authority's flag reveals the officer; even then the open conduct keeps part of
  // the weight on an officer's ordinary official business.
  evidence exposed = looks_benign;
  exposed.observe("authority_flag", "flagged");
  CHECK(score.engine.posterior(m.officer(), exposed)["yes"] > 0.8);
  CHECK(score(exposed) > 10 * score(looks_benign));
}

TEST_CASE("the network is an ordinary network: BIF round trip", "[domain][model]") {
  const approach_model m;
  const network back = io::read_bif_string(io::to_bif_string(m.network()), "approach.bif");
  REQUIRE(back.size() == m.network().size());
  for (const variable_id v : m.network().variables()) {
    const variable_id w = back.id(m.network().variable(v).name);
    CHECK(back.variable(w).states == m.network().variable(v).states);
    const Eigen::ArrayXd x = m.network().cpt_columns(v);
    const Eigen::ArrayXd y = back.cpt_columns(w);
    REQUIRE(x.size() == y.size());
    CHECK((x - y).abs().maxCoeff() < 1e-12);
  }
}

TEST_CASE("invalid parameters and wrong distributions are typed errors", "[domain][model]") {
  const model_parameters zero{0.0};
  REQUIRE_THROWS_AS(build_approach_network(zero), model_error);
  REQUIRE_THROWS_WITH(build_approach_network(zero), Contains("officer_base_rate is 0"));
  const model_parameters one{1.0};
  REQUIRE_THROWS_AS(approach_model(one), model_error);
  const model_parameters too_many{0.02, 0.8, 0.3};
  REQUIRE_THROWS_WITH(prior_p_pitch(too_many), Contains("recruitment_share + influence_share is 1.1"));
  const model_parameters negative{0.02, -0.1, 0.3};
  REQUIRE_THROWS_AS(build_approach_network(negative), model_error);
  const approach_model m;
  const variable_elimination engine(m.network());
  const distribution officer = engine.posterior(m.officer(), evidence{});
  REQUIRE_THROWS_AS(p_pitch(officer), model_error);
  REQUIRE_THROWS_WITH(m.p_pitch(officer), Contains("'approacher_is_io'"));
}
