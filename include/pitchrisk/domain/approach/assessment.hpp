// SPDX-License-Identifier: MIT
// The assessment of one evidence set with the approach model: P(pitch) = P(intent is not
// benign) with a parameter-uncertainty interval, the distributions of intent, officer,
// recruitment-cycle stage and lever, the weight of each finding (ranked), the findings that
// separate the two likeliest explanations, the next best questions (questions.hpp), how the
// score was calibrated on the case library and what the base rate assumes, optionally the
// elicited numbers the score is most sensitive to, and caveats saying what the model cannot
// see. Also the red-flag counter baseline.
#pragma once

#include "pitchrisk/analysis/explanation.hpp"
#include "pitchrisk/analysis/sensitivity.hpp"
#include "pitchrisk/core/distribution.hpp"
#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/detail/decimal_snap.hpp"
#include "pitchrisk/domain/approach/calibration.hpp"
#include "pitchrisk/domain/approach/model.hpp"
#include "pitchrisk/domain/approach/questions.hpp"
#include "pitchrisk/domain/approach/separation.hpp"
#include "pitchrisk/domain/approach/uncertainty.hpp"
#include "pitchrisk/domain/approach/vocabulary.hpp"
#include "pitchrisk/inference/engine.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace pitchrisk::approach {

/// Equivalent sample size of every elicited table (see uncertainty.hpp): the elicitor's
/// judgement counts as 100 observed cases per CPT column. Chosen so that the sampled
/// likelihood ratio of a typical state (0.3 against 0.05) varies by about a factor of 2 either
/// way, the width of one strength band of indicators.md section 2 ("moderate" = 3 to 10):
/// the elicitation says which band, not where in it.
inline constexpr double default_equivalent_sample_size = 100.0;

/// What an assessment needs of a model: its network, the ids of the key latent variables
/// and an equivalent sample size per table. Made from the built-in approach_model, or from
/// any network that has the latent variables of indicators.md section 3 (a --model file).
struct scored_model {
  pitchrisk::network net;     ///< the network scored
  variable_id intent = 0;       ///< id of intent
  variable_id officer = 0;      ///< id of approacher_is_io
  variable_id cycle_stage = 0;  ///< id of cycle_stage
  variable_id lever = 0;        ///< id of exploitable_lever
  std::vector<double> ess;  ///< per variable id; 0 for approacher_is_io, whose table is the
                            ///< base rate of the screened population (a setting, held fixed)

  /// The built-in model (implicit, so assess(approach_model, ...) reads naturally).
  scored_model(const approach_model& model);  // NOLINT(google-explicit-constructor)
  /// Any network with variables intent (with a state `benign`), approacher_is_io (with a
  /// state `yes`), cycle_stage and exploitable_lever; `source` names it in errors.
  /// Throws: model_error naming `source` and the missing variable or state.
  scored_model(pitchrisk::network net, const std::string& source);
};

/// Options of assess().
struct assessment_options {
  uncertainty_options uncertainty{};  ///< samples = 0 gives the point estimate only
  std::size_t questions = 5;          ///< how many next questions to rank (0: none)
  double question_threshold = 0.01;   ///< drop questions no answer of which moves P(pitch)
                                      ///< by more than this (question_options::threshold)
  const calibration_table* calibration = &built_in_calibration();  ///< quoted by the report
                                      ///< (the elicited model's at the default base rate;
                                      ///< nullptr: no calibration statement)
  bool explain = true;                ///< compute the weight of each finding
  std::size_t sensitivities = 0;      ///< how many CPT entries P(pitch) is most sensitive to
                                      ///< (0: none; costs two engine builds per entry)
  std::optional<double> ess{};        ///< one equivalent sample size for every table
                                      ///< (default: the model's own, scored_model::ess)
};

/// What one finding does to P(pitch).
struct finding_weight {
  std::string indicator;              ///< variable name
  std::string state;                  ///< observed state
  double likelihood_ratio = 1;        ///< O(pitch | f) / O(pitch): the finding alone
  double likelihood_ratio_in_context = 1;  ///< O(pitch | e) / O(pitch | e without f)
  double p_without = 0;               ///< P(pitch | e without f)
  double change = 0;                  ///< P(pitch | e) - P(pitch | e without f)
  std::string wording;                ///< indicators.md strength of the state ("" if none)
  double confidence = 1;              ///< c of an uncertain observation `indicator=state~c`
                                      ///< (set by assess_timeline; state is then the named one)
};

/// The assessment of one evidence set.
struct assessment {
  pitchrisk::evidence seen;              ///< the evidence assessed
  double prior_p_pitch = 0;              ///< P(pitch) with no evidence (the base rate at work)
  double p_pitch = 0;                    ///< P(intent != benign | e)
  probability_interval interval;         ///< on p_pitch, from parameter uncertainty
  distribution intent;                   ///< P(intent | e): the eight explanations
  distribution officer;                  ///< P(approacher_is_io | e)
  distribution cycle_stage;              ///< P(cycle_stage | e)
  distribution lever;                    ///< P(exploitable_lever | e)
  std::vector<finding_weight> findings;  ///< by |weight in context| decreasing
  top_two rivals;                        ///< the two likeliest intents and what separates them
  std::vector<next_question> questions;  ///< by expected change of P(pitch) decreasing
  double officer_base_rate = 0;          ///< prior P(approacher_is_io = yes): the assumed base rate
  std::string calibration;               ///< calibration_statement() for p_pitch ("" if no table)
  std::optional<calibration_bin> library;  ///< the calibration table's bin holding p_pitch
  std::string base_rate;                 ///< base_rate_statement(officer_base_rate)
  std::vector<sensitivity_function> sensitivities;  ///< by |dP(pitch)/dtheta| decreasing
  std::vector<std::string> caveats;      ///< what the score cannot see, where it applies
  std::vector<std::string> red_flags;    ///< the baseline: observed red-flag states
};

/// The hypothesis "pitch": intent is recruitment_pitch or influence_operation (for a model
/// whose intent has neither state: intent is not benign).
[[nodiscard]] hypothesis pitch_hypothesis(const scored_model& model);

/// Assesses one evidence set. Throws: evidence_error (unknown indicator or state, impossible).
[[nodiscard]] assessment assess(const scored_model& model, const evidence& seen,
                                const assessment_options& options = {});

/// Assesses several evidence sets (the stages of a case); the interval's networks are
/// drawn once and shared, so this is much cheaper than separate calls.
[[nodiscard]] std::vector<assessment> assess_all(const scored_model& model, std::span<const evidence> sets,
                                                 const assessment_options& options = {});
/// The same with the caller's engine over model.net (the overload above uses variable
/// elimination). Requires: `engine.network()` is `model.net`.
template <exact_engine Engine>
[[nodiscard]] std::vector<assessment> assess_all(const Engine& engine, const scored_model& model,
                                                 std::span<const evidence> sets, const assessment_options& options = {});

/// The red-flag counter baseline: "indicator=state" for every observed state that
/// indicators.md marks toward pitch (any strength), target attributes (section 4.C) left out
/// because they describe the target, not the approach. Unknown names are skipped.
[[nodiscard]] std::vector<std::string> red_flags(const evidence& seen);

/// "0.873" style: a probability with three decimals (shared by the reports).
[[nodiscard]] std::string format_probability(double p);

// ---------------------------------------------------------------------------------------

inline scored_model::scored_model(const approach_model& model)
    : net(model.network()),
      intent(model.intent()),
      officer(model.officer()),
      cycle_stage(model.cycle_stage()),
      lever(model.lever()),
      ess(static_cast<std::size_t>(model.network().size()), default_equivalent_sample_size) {
  ess[static_cast<std::size_t>(officer)] = 0;  // the base rate is a setting, not an elicited table
}

inline scored_model::scored_model(pitchrisk::network network_, const std::string& source) : net(std::move(network_)) {
  const auto need = [&](const char* name, const char* state) {
    const auto v = net.find(name);
    if (!v)
      throw model_error(source + ": the model has no variable '" + name +
                        "' (an approach model needs intent, approacher_is_io, cycle_stage, exploitable_lever)");
    if (state && !net.variable(*v).find_state(state))
      throw model_error(source + ": variable '" + name + "' has no state '" + state + "'");
    return *v;
  };
  intent = need("intent", "benign");
  officer = need("approacher_is_io", "yes");
  cycle_stage = need("cycle_stage", nullptr);
  lever = need("exploitable_lever", nullptr);
  if (net.cardinality(intent) < 2) throw model_error(source + ": variable 'intent' needs a state besides 'benign'");
  ess.assign(static_cast<std::size_t>(net.size()), default_equivalent_sample_size);
  ess[static_cast<std::size_t>(officer)] = 0;  // the base rate is a setting, not an elicited table
}

inline hypothesis pitch_hypothesis(const scored_model& model) {
  const variable& intent = model.net.variable(model.intent);
  hypothesis h{model.intent, {}};
  for (Eigen::Index s = 0; s < intent.cardinality(); ++s)
    for (const std::string_view p : pitch_intents)
      if (intent.states[static_cast<std::size_t>(s)] == p) h.states.push_back(s);
  // A model of the first edition's kind names no pitch state we know: every state but benign.
  if (h.states.empty())
    for (Eigen::Index s = 0; s < intent.cardinality(); ++s)
      if (intent.states[static_cast<std::size_t>(s)] != "benign") h.states.push_back(s);
  return h;
}

inline std::string format_probability(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", pitchrisk::detail::decimal_snap(p));
  return buf;
}

inline std::vector<std::string> red_flags(const evidence& seen) {
  std::vector<std::string> out;
  for (const finding& f : seen.findings()) {
    if (f.is_soft() || f.variable.empty()) continue;
    const indicator* ind = find_indicator(f.variable);
    if (!ind || ind->group == indicator_group::target) continue;
    for (const state_strength& s : ind->strengths)
      if (s.state == f.state && s.direction == direction::toward_pitch) out.push_back(f.variable + "=" + f.state);
  }
  return out;
}

namespace detail {

/// `seen` with every finding given by variable id (and state index) given by name instead,
/// in the same order, so that the reports, red flags and caveats, which read names, see it.
/// A finding whose id or state index is out of range is kept as it is (resolve() refuses it).
inline evidence named(const network& net, const evidence& seen) {
  evidence out;
  for (const finding& f : seen.findings()) {
    const bool known = f.id >= 0 && f.id < net.size();
    if (known && f.is_soft()) {
      out.likelihood(net.variable(f.id).name, f.likelihood);
    } else if (known && f.state_index >= 0 && f.state_index < net.cardinality(f.id)) {
      const variable& v = net.variable(f.id);
      out.observe(v.name, v.states[static_cast<std::size_t>(f.state_index)]);
    } else if (f.id >= 0 && f.is_soft()) {
      out.likelihood(f.id, f.likelihood);
    } else if (f.id >= 0) {
      out.observe(f.id, f.state_index);
    } else if (f.is_soft()) {
      out.likelihood(f.variable, f.likelihood);
    } else {
      out.observe(f.variable, f.state);
    }
  }
  return out;
}

inline std::string wording_of(std::string_view name, std::string_view state) {
  if (const indicator* ind = find_indicator(name))
    for (const state_strength& s : ind->strengths)
      if (s.state == state) return std::string(s.wording);
  return {};
}

inline bool observed(const evidence& seen, std::string_view name, std::string_view state = {}) {
  for (const finding& f : seen.findings())
    if (f.variable == name && (state.empty() || f.state == state)) return true;
  return false;
}

/// What the score cannot see, in the situations where it matters (indicators.md section 6).
inline std::vector<std::string> caveats_for(const assessment& a) {
  std::vector<std::string> out;
  const evidence& e = a.seen;
  const bool flagged = observed(e, "authority_flag", "flagged");
  if (flagged)
    out.push_back("The authority flag dominates the score: it carries the service's knowledge, not the analyst's "
                  "evidence; read the score of the stage before exposure to judge detection.");
  const bool influence_surface = observed(e, "target_access", "influence_or_contacts") ||
                                 observed(e, "target_ideological_affinity", "aligned") ||
                                 observed(e, "political_funding_offer");
  if (!flagged && influence_surface && a.p_pitch < 0.5)
    out.push_back("Influence operations often look benign at every step (public events, traceable donations) and "
                  "hinge on a hidden state link; a low score here is not clearance (indicators.md 6.4).");
  std::size_t behaviour = 0;
  for (const finding& f : e.findings())
    if (const indicator* ind = find_indicator(f.variable); ind && ind->group != indicator_group::target &&
                                                           ind->group != indicator_group::approacher)
      ++behaviour;
  if (behaviour < 2)
    out.push_back("Little behavioural evidence: the score rests mostly on who is approaching and on the base "
                  "rate set for the screened population (prior P(pitch) = " + format_probability(a.prior_p_pitch) + ").");
  if (!flagged && observed(e, "official_cover", "none") && !observed(e, "identity_check", "verified"))
    out.push_back("Identity as presented: an officer can hide an official post and a state behind a private "
                  "persona (the 'Czech consultant'); the score cannot see a cover that has not been checked.");
  if (a.interval.samples > 0 && a.interval.high - a.interval.low > 0.4)
    out.push_back("The elicited tables leave this score uncertain (interval " + format_probability(a.interval.low) +
                  " to " + format_probability(a.interval.high) + "): treat it as a ranking, not a measurement.");
  return out;
}

}  // namespace detail

inline std::vector<assessment> assess_all(const scored_model& model, std::span<const evidence> sets,
                                          const assessment_options& options) {
  return assess_all(variable_elimination(model.net), model, sets, options);
}

template <exact_engine Engine>
std::vector<assessment> assess_all(const Engine& engine, const scored_model& model, std::span<const evidence> sets,
                                   const assessment_options& options) {
  const hypothesis pitch = pitch_hypothesis(model);
  const double prior = probability(engine.posterior(pitch.variable, evidence{}), pitch);

  const distribution officer_prior = pitchrisk::detail::to_double(engine.posterior(model.officer, evidence{}));
  const double base_rate = officer_prior[officer_prior.variable().find_state("yes").value_or(0)];
  const std::vector<variable_id> candidates = question_candidates(model.net);

  std::vector<assessment> out;
  std::vector<double> points;
  for (const evidence& seen : sets) {
    assessment a;
    a.seen = detail::named(model.net, seen);
    a.prior_p_pitch = prior;
    a.officer_base_rate = base_rate;
    const std::vector<distribution> post = engine.posteriors(seen);
    auto at = [&](variable_id v) { return post[static_cast<std::size_t>(v)]; };
    a.intent = at(model.intent);
    a.officer = at(model.officer);
    a.cycle_stage = at(model.cycle_stage);
    a.lever = at(model.lever);
    a.p_pitch = probability(a.intent, pitch);
    points.push_back(a.p_pitch);

    if (options.explain) {
      const explanation why = explain(engine, pitch, seen);
      for (const finding_contribution& c : why.findings)
        a.findings.push_back({c.variable, c.state, std::exp(c.weight), std::exp(c.weight_in_context),
                              c.probability_without, c.change, detail::wording_of(c.variable, c.state)});
    }
    if (options.explain) a.rivals = separate_top_two(engine, model.intent, seen);
    a.questions = rank_next_questions(engine, pitch, candidates, seen, {options.questions, options.question_threshold});
    if (options.calibration && !options.calibration->bins.empty()) {
      a.calibration = calibration_statement(*options.calibration, a.p_pitch);
      if (const calibration_bin* b = bin_of(*options.calibration, a.p_pitch)) a.library = *b;
    }
    a.base_rate = base_rate_statement(base_rate);
    if (options.sensitivities > 0) a.sensitivities = rank_sensitivities(model.net, pitch, seen, {}, options.sensitivities);
    a.red_flags = red_flags(a.seen);
    out.push_back(std::move(a));
  }

  if (options.uncertainty.samples > 0) {
    const std::vector<double> ess =
        options.ess ? std::vector<double>(static_cast<std::size_t>(model.net.size()), *options.ess) : model.ess;
    const std::vector<probability_interval> intervals =
        parameter_intervals(model.net, ess, pitch, sets, points, options.uncertainty);
    for (std::size_t i = 0; i < out.size(); ++i) out[i].interval = intervals[i];
  } else {
    for (std::size_t i = 0; i < out.size(); ++i)
      out[i].interval = {points[i], points[i], points[i], options.uncertainty.level, 0, points[i], points[i], points[i], 0};
  }
  for (assessment& a : out) a.caveats = detail::caveats_for(a);
  return out;
}

inline assessment assess(const scored_model& model, const evidence& seen, const assessment_options& options) {
  return std::move(assess_all(model, std::span<const evidence>(&seen, 1), options).front());
}

}  // namespace pitchrisk::approach
