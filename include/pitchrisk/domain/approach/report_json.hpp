// SPDX-License-Identifier: MIT
// JSON renderings of assessments and case timelines, built with nlohmann-json (Debian
// nlohmann-json3-dev, header-only): everything an assessment holds, keys in a fixed order,
// numbers rounded to 6 significant digits (diffable; what the text report can show) and
// non-finite numbers as null. A program that includes this header links pitchrisk::json.
#pragma once

#include "pitchrisk/domain/approach/assessment.hpp"
#include "pitchrisk/domain/approach/case_date.hpp"
#include "pitchrisk/domain/approach/timeline.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ostream>
#include <span>
#include <string>

namespace pitchrisk::approach {

/// nlohmann-json's conversion of an assessment: `nlohmann::ordered_json j = a;` keeps the
/// keys in report order (`nlohmann::json` sorts them). Keys: evidence, likelihood_evidence
/// (only with uncertain findings), prior_p_pitch, p_pitch, interval, intent, officer,
/// cycle_stage, lever, findings, explanations, calibration (null without a table),
/// base_rate, questions, sensitivities, red_flags, caveats.
template <class BasicJson>
void to_json(BasicJson& j, const assessment& a);
/// nlohmann-json's conversion of a timeline: case, label, title, intent, sources, stages
/// (stage, cycle_judged, date and days_since_previous for dated cases, added,
/// added_confidence with uncertain findings, change, moved_by, moved_by_change, assessment).
template <class BasicJson>
void to_json(BasicJson& j, const timeline& t);

/// JSON: one assessment as an object, `indent` spaces per level (-1: all on one line).
/// Strings that are not valid UTF-8 get U+FFFD in place of the bad bytes.
void write_json(std::ostream& out, const assessment& a, int indent = 2);
/// JSON: one timeline as an object (case, label, title, sources, stages with assessments).
void write_json(std::ostream& out, const timeline& t, int indent = 2);
/// JSON: {"cases": [...]} for several timelines, then a newline.
void write_json(std::ostream& out, std::span<const timeline> cases, int indent = 2);

// ---------------------------------------------------------------------------------------

namespace detail {

/// `x` rounded to 6 significant digits (as printf's %.6g, but locale-independent), or null
/// when it is not finite.
template <class BasicJson>
BasicJson json_number(double x) {
  if (!std::isfinite(x)) return BasicJson(nullptr);
  char buf[32];
  const auto printed = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::general, 6);
  double rounded = x;
  std::from_chars(buf, printed.ptr, rounded);
  return BasicJson(rounded);
}

/// A distribution as {state: probability} in state order.
template <class BasicJson>
BasicJson json_distribution(const distribution& d) {
  BasicJson out = BasicJson::object();
  for (Eigen::Index s = 0; s < d.size(); ++s)
    out[d.variable().states[static_cast<std::size_t>(s)]] = json_number<BasicJson>(d[s]);
  return out;
}

/// The dump of `j` with `indent` (-1: one line), invalid UTF-8 replaced.
template <class BasicJson>
std::string json_text(const BasicJson& j, int indent) {
  return j.dump(indent, ' ', false, BasicJson::error_handler_t::replace);
}

/// Adds "evidence" (the hard findings) and, where there are any, "likelihood_evidence" (each
/// uncertain observation's likelihood, in the model's state order) to `j`.
template <class BasicJson>
void json_put_evidence(BasicJson& j, const evidence& e) {
  BasicJson& seen = j["evidence"] = BasicJson::object();
  for (const finding& f : e.findings())
    if (!f.is_soft() && !f.variable.empty()) seen[f.variable] = f.state;
  if (std::any_of(e.findings().begin(), e.findings().end(), [](const finding& f) { return f.is_soft(); })) {
    BasicJson& soft = j["likelihood_evidence"] = BasicJson::object();
    for (const finding& f : e.findings()) {
      if (!f.is_soft() || f.variable.empty()) continue;
      BasicJson& l = soft[f.variable] = BasicJson::array();
      for (const double x : f.likelihood) l.push_back(json_number<BasicJson>(x));
    }
  }
}

/// The interval as an object.
template <class BasicJson>
BasicJson json_interval(const probability_interval& i) {
  BasicJson interval = BasicJson::object();
  interval["low"] = json_number<BasicJson>(i.low);
  interval["high"] = json_number<BasicJson>(i.high);
  interval["level"] = json_number<BasicJson>(i.level);
  interval["samples"] = i.samples;
  interval["log_odds_spread"] = json_number<BasicJson>(i.spread);
  interval["sample_low"] = json_number<BasicJson>(i.sample_low);
  interval["sample_median"] = json_number<BasicJson>(i.sample_median);
  interval["sample_high"] = json_number<BasicJson>(i.sample_high);
  return interval;
}

/// The findings' weights as an array of objects.
template <class BasicJson>
BasicJson json_findings(const std::vector<finding_weight>& weights) {
  BasicJson findings = BasicJson::array();
  for (const finding_weight& f : weights) {
    BasicJson o = BasicJson::object();
    o["indicator"] = f.indicator;
    o["state"] = f.state;
    o["likelihood_ratio"] = json_number<BasicJson>(f.likelihood_ratio);
    o["likelihood_ratio_in_context"] = json_number<BasicJson>(f.likelihood_ratio_in_context);
    o["p_without"] = json_number<BasicJson>(f.p_without);
    o["change"] = json_number<BasicJson>(f.change);
    o["wording"] = f.wording;
    if (f.confidence < 1) o["confidence"] = json_number<BasicJson>(f.confidence);
    findings.push_back(std::move(o));
  }
  return findings;
}

/// The two likeliest intents and the findings that separate them.
template <class BasicJson>
BasicJson json_explanations(const top_two& t) {
  BasicJson rivals = BasicJson::object();
  rivals["first"] = t.first;
  rivals["p_first"] = json_number<BasicJson>(t.p_first);
  rivals["second"] = t.second;
  rivals["p_second"] = json_number<BasicJson>(t.p_second);
  BasicJson& separating = rivals["separating"] = BasicJson::array();
  for (const separating_finding& f : t.findings) {
    BasicJson o = BasicJson::object();
    o["indicator"] = f.indicator;
    o["state"] = f.state;
    o["log_likelihood_ratio"] = json_number<BasicJson>(f.log_ratio);
    separating.push_back(std::move(o));
  }
  return rivals;
}

/// The calibration statement and the library's bin, or null without a table.
template <class BasicJson>
BasicJson json_calibration(const assessment& a) {
  if (!a.library) return BasicJson(nullptr);
  BasicJson c = BasicJson::object();
  c["statement"] = a.calibration;
  c["low"] = json_number<BasicJson>(a.library->low);
  c["high"] = json_number<BasicJson>(a.library->high);
  c["pitches"] = a.library->pitches;
  c["stages"] = a.library->count;
  return c;
}

/// The next questions with their answers' outcomes.
template <class BasicJson>
BasicJson json_questions(const std::vector<next_question>& next) {
  BasicJson questions = BasicJson::array();
  for (const next_question& q : next) {
    BasicJson o = BasicJson::object();
    o["indicator"] = q.indicator;
    o["expected_change"] = json_number<BasicJson>(q.expected_change);
    o["largest_change"] = json_number<BasicJson>(q.largest_change);
    o["information_gain_bits"] = json_number<BasicJson>(q.information_gain);
    BasicJson& answers = o["answers"] = BasicJson::array();
    for (const answer_outcome& ans : q.answers) {
      BasicJson x = BasicJson::object();
      x["state"] = ans.state;
      x["probability"] = json_number<BasicJson>(ans.probability);
      x["p_pitch"] = json_number<BasicJson>(ans.p_pitch);
      answers.push_back(std::move(x));
    }
    questions.push_back(std::move(o));
  }
  return questions;
}

/// The sensitivity functions as an array of objects.
template <class BasicJson>
BasicJson json_sensitivities(const std::vector<sensitivity_function>& functions) {
  BasicJson sensitivities = BasicJson::array();
  for (const sensitivity_function& f : functions) {
    BasicJson o = BasicJson::object();
    o["parameter"] = f.parameter;
    o["theta"] = json_number<BasicJson>(f.theta);
    o["derivative"] = json_number<BasicJson>(f.derivative);
    o["a"] = json_number<BasicJson>(f.a);
    o["b"] = json_number<BasicJson>(f.b);
    o["c"] = json_number<BasicJson>(f.c);
    o["d"] = json_number<BasicJson>(f.d);
    sensitivities.push_back(std::move(o));
  }
  return sensitivities;
}

}  // namespace detail

template <class BasicJson>
void to_json(BasicJson& j, const assessment& a) {
  using detail::json_number;
  j = BasicJson::object();
  detail::json_put_evidence(j, a.seen);
  j["prior_p_pitch"] = json_number<BasicJson>(a.prior_p_pitch);
  j["p_pitch"] = json_number<BasicJson>(a.p_pitch);
  j["interval"] = detail::json_interval<BasicJson>(a.interval);
  j["intent"] = detail::json_distribution<BasicJson>(a.intent);
  j["officer"] = detail::json_distribution<BasicJson>(a.officer);
  j["cycle_stage"] = detail::json_distribution<BasicJson>(a.cycle_stage);
  j["lever"] = detail::json_distribution<BasicJson>(a.lever);
  j["findings"] = detail::json_findings<BasicJson>(a.findings);
  j["explanations"] = detail::json_explanations<BasicJson>(a.rivals);
  j["calibration"] = detail::json_calibration<BasicJson>(a);
  BasicJson& base_rate = j["base_rate"] = BasicJson::object();
  base_rate["officer"] = json_number<BasicJson>(a.officer_base_rate);
  base_rate["statement"] = a.base_rate;
  j["questions"] = detail::json_questions<BasicJson>(a.questions);
  j["sensitivities"] = detail::json_sensitivities<BasicJson>(a.sensitivities);
  j["red_flags"] = a.red_flags;
  j["caveats"] = a.caveats;
}

template <class BasicJson>
void to_json(BasicJson& j, const timeline& t) {
  j = BasicJson::object();
  j["case"] = t.case_name;
  j["label"] = t.label;
  j["title"] = t.title;
  j["intent"] = t.intent;
  j["sources"] = t.sources;
  BasicJson& stages = j["stages"] = BasicJson::array();
  for (const timeline_step& s : t.steps) {
    BasicJson o = BasicJson::object();
    o["stage"] = s.stage;
    o["cycle_judged"] = s.cycle;
    if (s.date) {  // dated cases only
      o["date"] = format_date(*s.date);
      o["days_since_previous"] = s.days_since_previous ? BasicJson(*s.days_since_previous) : BasicJson(nullptr);
    }
    BasicJson& added = o["added"] = BasicJson::object();
    for (const observation& x : s.added) added[x.indicator] = x.state;
    if (std::any_of(s.added.begin(), s.added.end(), [](const observation& x) { return x.is_soft(); })) {
      BasicJson& confidence = o["added_confidence"] = BasicJson::object();  // uncertain ones among `added`
      for (const observation& x : s.added)
        if (x.is_soft()) confidence[x.indicator] = detail::json_number<BasicJson>(x.confidence);
    }
    o["change"] = detail::json_number<BasicJson>(s.change);
    o["moved_by"] = s.moved_by;
    o["moved_by_change"] = detail::json_number<BasicJson>(s.moved_by_change);
    o["assessment"] = BasicJson(s.result);
    stages.push_back(std::move(o));
  }
}

inline void write_json(std::ostream& out, const assessment& a, int indent) {
  out << detail::json_text(nlohmann::ordered_json(a), indent);
}

inline void write_json(std::ostream& out, const timeline& t, int indent) {
  out << detail::json_text(nlohmann::ordered_json(t), indent);
}

inline void write_json(std::ostream& out, std::span<const timeline> cases, int indent) {
  nlohmann::ordered_json all = nlohmann::ordered_json::object();
  nlohmann::ordered_json& list = all["cases"] = nlohmann::ordered_json::array();
  for (const timeline& t : cases) list.push_back(nlohmann::ordered_json(t));
  out << detail::json_text(all, indent) << '\n';
}

}  // namespace pitchrisk::approach
