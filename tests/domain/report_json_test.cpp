// SPDX-License-Identifier: MIT
// The JSON reports (report_json.hpp): parsed back with nlohmann-json and compared with the
// assessments and timelines they were written from. The text, TSV and DOT reports are in
// report_test.cpp.
#include "pitchrisk/domain/approach/report_json.hpp"
#include "pitchrisk/domain/approach/case_file.hpp"
#include "pitchrisk/domain/approach/timeline.hpp"

#include "domain/domain_fixtures.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <span>
#include <sstream>
#include <string>
#include <vector>

namespace report_json_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using namespace pitchrisk::approach;

namespace {

/// A strict JSON well-formedness check (RFC 8259 grammar, no extensions).
class json_checker {
 public:
  explicit json_checker(const std::string& text) : m_s(text) {}
  bool valid() {
    ws();
    if (!value()) return false;
    ws();
    return m_i == m_s.size();
  }

 private:
  bool value() {
    if (m_i >= m_s.size()) return false;
    const char c = m_s[m_i];
    if (c == '{') return object();
    if (c == '[') return array();
    if (c == '"') return string();
    if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) return number();
    for (const char* word : {"true", "false", "null"})
      if (m_s.compare(m_i, std::char_traits<char>::length(word), word) == 0) {
        m_i += std::char_traits<char>::length(word);
        return true;
      }
    return false;
  }
  bool object() {
    ++m_i;
    ws();
    if (peek('}')) return ++m_i, true;
    for (;;) {
      ws();
      if (!string()) return false;
      ws();
      if (!peek(':')) return false;
      ++m_i;
      ws();
      if (!value()) return false;
      ws();
      if (peek('}')) return ++m_i, true;
      if (!peek(',')) return false;
      ++m_i;
    }
  }
  bool array() {
    ++m_i;
    ws();
    if (peek(']')) return ++m_i, true;
    for (;;) {
      ws();
      if (!value()) return false;
      ws();
      if (peek(']')) return ++m_i, true;
      if (!peek(',')) return false;
      ++m_i;
    }
  }
  bool string() {
    if (!peek('"')) return false;
    for (++m_i; m_i < m_s.size(); ++m_i) {
      const auto c = static_cast<unsigned char>(m_s[m_i]);
      if (c == '"') return ++m_i, true;
      if (c < 0x20) return false;
      if (c == '\\') {
        ++m_i;
        if (m_i >= m_s.size() || std::string("\"\\/bfnrtu").find(m_s[m_i]) == std::string::npos) return false;
      }
    }
    return false;
  }
  bool number() {
    const std::size_t start = m_i;
    if (peek('-')) ++m_i;
    while (m_i < m_s.size() && (std::isdigit(static_cast<unsigned char>(m_s[m_i])) || std::string(".eE+-").find(m_s[m_i]) != std::string::npos)) ++m_i;
    return m_i > start;
  }
  bool peek(char c) const { return m_i < m_s.size() && m_s[m_i] == c; }
  void ws() {
    while (m_i < m_s.size() && std::isspace(static_cast<unsigned char>(m_s[m_i]))) ++m_i;
  }
  const std::string& m_s;
  std::size_t m_i = 0;
};

const approach_model& builtin() { return fixtures::elicited_model(); }
using fixtures::seed_timeline;

/// `x` as the JSON reports promise it: printf's %.6g read back (an oracle independent of
/// report_json.hpp's std::to_chars), or null when it is not finite.
bool same_number(const nlohmann::ordered_json& j, double x) {
  if (!std::isfinite(x)) return j.is_null();
  if (!j.is_number()) return false;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return j.get<double>() == std::strtod(buf, nullptr);
}

/// The keys of a JSON object in the order written.
std::vector<std::string> keys_of(const nlohmann::ordered_json& o) {
  std::vector<std::string> keys;
  for (const auto& item : o.items()) keys.push_back(item.key());
  return keys;
}

/// What parts of the format a run of check_assessment() has seen filled (so a test over
/// real cases can require that none of its checks ran over empty arrays only).
struct coverage {
  bool findings = false, soft_findings = false, separating = false, calibration = false, questions = false,
       sensitivities = false, red_flags = false, caveats = false;
};

// The checks below take the documents by value: operator[] on a missing key then yields
// null (a failed CHECK) instead of reading past a const object's end.

/// A distribution's JSON: one key per state, in state order, each probability to 6 digits.
void check_distribution(nlohmann::ordered_json j, const distribution& d) {
  REQUIRE(j.is_object());
  REQUIRE(j.size() == static_cast<std::size_t>(d.size()));
  CHECK(keys_of(j) == d.variable().states);
  for (Eigen::Index s = 0; s < d.size(); ++s)
    CHECK(same_number(j[d.variable().states[static_cast<std::size_t>(s)]], d[s]));
}

/// Every field of an assessment's JSON against the assessment it was written from.
void check_assessment(nlohmann::ordered_json j, const assessment& a, coverage& seen) {
  // evidence: the hard findings by name; likelihood_evidence: the uncertain ones' likelihoods
  std::size_t hard = 0, soft = 0;
  for (const finding& f : a.seen.findings()) {
    if (f.is_soft()) {
      ++soft;
      CHECK_FALSE(j["evidence"].contains(f.variable));
      REQUIRE(j["likelihood_evidence"].contains(f.variable));
      nlohmann::ordered_json& l = j["likelihood_evidence"][f.variable];
      REQUIRE(l.size() == f.likelihood.size());
      for (std::size_t s = 0; s < f.likelihood.size(); ++s) CHECK(same_number(l[s], f.likelihood[s]));
    } else {
      ++hard;
      CHECK(j["evidence"][f.variable] == f.state);
    }
  }
  CHECK(j["evidence"].size() == hard);
  CHECK(j.contains("likelihood_evidence") == (soft > 0));
  if (soft > 0) CHECK(j["likelihood_evidence"].size() == soft);

  CHECK(same_number(j["prior_p_pitch"], a.prior_p_pitch));
  CHECK(same_number(j["p_pitch"], a.p_pitch));

  nlohmann::ordered_json& i = j["interval"];
  CHECK(keys_of(i) == std::vector<std::string>{"low", "high", "level", "samples", "log_odds_spread", "sample_low",
                                               "sample_median", "sample_high"});
  CHECK(same_number(i["low"], a.interval.low));
  CHECK(same_number(i["high"], a.interval.high));
  CHECK(same_number(i["level"], a.interval.level));
  CHECK(i["samples"] == a.interval.samples);
  CHECK(same_number(i["log_odds_spread"], a.interval.spread));
  CHECK(same_number(i["sample_low"], a.interval.sample_low));
  CHECK(same_number(i["sample_median"], a.interval.sample_median));
  CHECK(same_number(i["sample_high"], a.interval.sample_high));

  check_distribution(j["intent"], a.intent);
  check_distribution(j["officer"], a.officer);
  check_distribution(j["cycle_stage"], a.cycle_stage);
  check_distribution(j["lever"], a.lever);

  REQUIRE(j["findings"].size() == a.findings.size());
  for (std::size_t k = 0; k < a.findings.size(); ++k) {
    const finding_weight& f = a.findings[k];
    nlohmann::ordered_json& jf = j["findings"][k];
    CHECK(jf["indicator"] == f.indicator);
    CHECK(jf["state"] == f.state);
    CHECK(same_number(jf["likelihood_ratio"], f.likelihood_ratio));
    CHECK(same_number(jf["likelihood_ratio_in_context"], f.likelihood_ratio_in_context));
    CHECK(same_number(jf["p_without"], f.p_without));
    CHECK(same_number(jf["change"], f.change));
    CHECK(jf["wording"] == f.wording);
    CHECK(jf.contains("confidence") == (f.confidence < 1));
    if (f.confidence < 1) {
      CHECK(same_number(jf["confidence"], f.confidence));
      seen.soft_findings = true;
    }
    seen.findings = true;
  }

  nlohmann::ordered_json& r = j["explanations"];
  CHECK(keys_of(r) == std::vector<std::string>{"first", "p_first", "second", "p_second", "separating"});
  CHECK(r["first"] == a.rivals.first);
  CHECK(same_number(r["p_first"], a.rivals.p_first));
  CHECK(r["second"] == a.rivals.second);
  CHECK(same_number(r["p_second"], a.rivals.p_second));
  REQUIRE(r["separating"].size() == a.rivals.findings.size());
  for (std::size_t k = 0; k < a.rivals.findings.size(); ++k) {
    const separating_finding& f = a.rivals.findings[k];
    CHECK(r["separating"][k]["indicator"] == f.indicator);
    CHECK(r["separating"][k]["state"] == f.state);
    CHECK(same_number(r["separating"][k]["log_likelihood_ratio"], f.log_ratio));
    seen.separating = true;
  }

  if (a.library) {
    nlohmann::ordered_json& c = j["calibration"];
    CHECK(keys_of(c) == std::vector<std::string>{"statement", "low", "high", "pitches", "stages"});
    CHECK(c["statement"] == a.calibration);
    CHECK(same_number(c["low"], a.library->low));
    CHECK(same_number(c["high"], a.library->high));
    CHECK(c["pitches"] == a.library->pitches);
    CHECK(c["stages"] == a.library->count);
    seen.calibration = true;
  } else {
    CHECK(j["calibration"].is_null());
  }

  CHECK(keys_of(j["base_rate"]) == std::vector<std::string>{"officer", "statement"});
  CHECK(same_number(j["base_rate"]["officer"], a.officer_base_rate));
  CHECK(j["base_rate"]["statement"] == a.base_rate);

  REQUIRE(j["questions"].size() == a.questions.size());
  for (std::size_t k = 0; k < a.questions.size(); ++k) {
    const next_question& q = a.questions[k];
    nlohmann::ordered_json& jq = j["questions"][k];
    CHECK(jq["indicator"] == q.indicator);
    CHECK(same_number(jq["expected_change"], q.expected_change));
    CHECK(same_number(jq["largest_change"], q.largest_change));
    CHECK(same_number(jq["information_gain_bits"], q.information_gain));
    REQUIRE(jq["answers"].size() == q.answers.size());
    for (std::size_t n = 0; n < q.answers.size(); ++n) {
      CHECK(jq["answers"][n]["state"] == q.answers[n].state);
      CHECK(same_number(jq["answers"][n]["probability"], q.answers[n].probability));
      CHECK(same_number(jq["answers"][n]["p_pitch"], q.answers[n].p_pitch));
    }
    seen.questions = true;
  }

  REQUIRE(j["sensitivities"].size() == a.sensitivities.size());
  for (std::size_t k = 0; k < a.sensitivities.size(); ++k) {
    const sensitivity_function& f = a.sensitivities[k];
    nlohmann::ordered_json& js = j["sensitivities"][k];
    CHECK(keys_of(js) == std::vector<std::string>{"parameter", "theta", "derivative", "a", "b", "c", "d"});
    CHECK(js["parameter"] == f.parameter);
    CHECK(same_number(js["theta"], f.theta));
    CHECK(same_number(js["derivative"], f.derivative));
    CHECK(same_number(js["a"], f.a));
    CHECK(same_number(js["b"], f.b));
    CHECK(same_number(js["c"], f.c));
    CHECK(same_number(js["d"], f.d));
    seen.sensitivities = true;
  }

  CHECK(j["red_flags"].get<std::vector<std::string>>() == a.red_flags);
  CHECK(j["caveats"].get<std::vector<std::string>>() == a.caveats);
  seen.red_flags = seen.red_flags || !a.red_flags.empty();
  seen.caveats = seen.caveats || !a.caveats.empty();
}

}  // namespace

TEST_CASE("the json checker itself rejects malformed text", "[domain][report_json]") {
  for (const char* bad : {"{", "{\"a\" 1}", "[1,]", "{\"a\": \"x\ny\"}", "{\"a\": nan}", "[1] 2"}) {
    const std::string s = bad;
    CHECK_FALSE(json_checker(s).valid());
  }
  const std::string good = "{\"a\": [1, -2.5e-3, \"\\\"q\\\"\", null, true, {}]}";
  CHECK(json_checker(good).valid());
}

TEST_CASE("JSON output is well formed and carries the whole assessment", "[domain][report_json]") {
  const std::vector<timeline> cases{seed_timeline("svr_tutoring_ad_engineer"), seed_timeline("benign_foundation_grant")};
  std::ostringstream out;
  write_json(out, cases);
  const std::string text = out.str();
  CHECK(json_checker(text).valid());
  CHECK(text.back() == '\n');
  for (const char* key : {"\"cases\"", "\"case\": \"svr_tutoring_ad_engineer\"", "\"stage\": \"cash_for_documents\"",
                          "\"p_pitch\"", "\"interval\"", "\"findings\"", "\"questions\"", "\"caveats\"", "\"lever\"",
                          "\"cycle_stage\"", "\"officer\"", "\"moved_by\"", "\"likelihood_ratio_in_context\""})
    CHECK(text.find(key) != std::string::npos);
}

TEST_CASE("JSON reads back with nlohmann-json: every number as the assessment has it to 6 digits, keys in report order",
          "[domain][report_json]") {
  const timeline t = seed_timeline("svr_tutoring_ad_engineer");
  for (const int indent : {2, 0, -1}) {
    std::ostringstream out;
    write_json(out, t, indent);
    const nlohmann::json j = nlohmann::json::parse(out.str());  // throws on invalid JSON
    CHECK(json_checker(out.str()).valid());
    if (indent < 0) CHECK(out.str().find('\n') == std::string::npos);
    CHECK(j["case"] == t.case_name);
    CHECK(j["label"] == t.label);
    REQUIRE(j["stages"].size() == t.steps.size());
    for (std::size_t k = 0; k < t.steps.size(); ++k) {
      const timeline_step& s = t.steps[k];
      const nlohmann::json& js = j["stages"][k];
      const nlohmann::json& ja = js["assessment"];
      CHECK(js["stage"] == s.stage);
      CHECK(js["moved_by"] == s.moved_by);
      CHECK(js["added"].size() == s.added.size());
      CHECK(ja["p_pitch"].get<double>() == Approx(s.result.p_pitch).epsilon(1e-5));
      CHECK(ja["prior_p_pitch"].get<double>() == Approx(s.result.prior_p_pitch).epsilon(1e-5));
      CHECK(ja["interval"]["low"].get<double>() == Approx(s.result.interval.low).epsilon(1e-5));
      CHECK(ja["interval"]["samples"].get<int>() == s.result.interval.samples);
      REQUIRE(ja["findings"].size() == s.result.findings.size());
      for (std::size_t f = 0; f < s.result.findings.size(); ++f) {
        CHECK(ja["findings"][f]["indicator"] == s.result.findings[f].indicator);
        CHECK(ja["findings"][f]["likelihood_ratio_in_context"].get<double>() ==
              Approx(s.result.findings[f].likelihood_ratio_in_context).epsilon(1e-5));
      }
      REQUIRE(ja["questions"].size() == s.result.questions.size());
      for (std::size_t q = 0; q < s.result.questions.size(); ++q) {
        CHECK(ja["questions"][q]["indicator"] == s.result.questions[q].indicator);
        CHECK(ja["questions"][q]["answers"].size() == s.result.questions[q].answers.size());
      }
      CHECK(ja["intent"].size() == static_cast<std::size_t>(s.result.intent.size()));
      CHECK(ja["red_flags"].get<std::vector<std::string>>() == s.result.red_flags);
      CHECK(ja["caveats"].get<std::vector<std::string>>() == s.result.caveats);
    }
  }
  // nlohmann::ordered_json keeps the report's key order; round trip through text is exact.
  const nlohmann::ordered_json o = t;
  std::vector<std::string> keys;
  for (const auto& item : o.items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"case", "label", "title", "intent", "sources", "stages"});
  std::vector<std::string> assessment_keys;
  for (const auto& item : o["stages"][0]["assessment"].items()) assessment_keys.push_back(item.key());
  CHECK(assessment_keys == std::vector<std::string>{"evidence", "prior_p_pitch", "p_pitch", "interval", "intent",
                                                     "officer", "cycle_stage", "lever", "findings", "explanations",
                                                     "calibration", "base_rate", "questions", "sensitivities",
                                                     "red_flags", "caveats"});
  std::ostringstream text;
  write_json(text, t);
  CHECK(nlohmann::ordered_json::parse(text.str()) == o);
}

TEST_CASE("JSON numbers have 6 significant digits and non-finite ones are null", "[domain][report_json]") {
  using J = nlohmann::ordered_json;
  CHECK(approach::detail::json_number<J>(0.5).dump() == "0.5");
  CHECK(approach::detail::json_number<J>(0.123456789).dump() == "0.123457");
  CHECK(approach::detail::json_number<J>(1234567.0).dump() == "1234570.0");
  CHECK(approach::detail::json_number<J>(2.5e-7).dump() == "2.5e-07");
  CHECK(approach::detail::json_number<J>(std::numeric_limits<double>::infinity()).is_null());
  CHECK(approach::detail::json_number<J>(std::numeric_limits<double>::quiet_NaN()).is_null());
}

TEST_CASE("JSON strings are escaped, and bytes that are not UTF-8 are replaced, not refused", "[domain][report_json]") {
  timeline t;
  t.case_name = "a\"b\\c\nd\x01";
  t.label = "bad \xff byte";
  std::ostringstream out;
  write_json(out, t, -1);
  CHECK(out.str().find(R"("case":"a\"b\\c\nd\u0001")") != std::string::npos);
  const nlohmann::json j = nlohmann::json::parse(out.str());
  CHECK(j["case"] == "a\"b\\c\nd\x01");
  CHECK(j["label"] == "bad \xEF\xBF\xBD byte");  // U+FFFD
}

TEST_CASE("JSON shows stage dates and uncertain observations as written", "[domain][report_json]") {
  const timeline t = fixtures::dated_uncertain_timeline();

  std::ostringstream json;
  write_json(json, t);
  CHECK(json_checker(json.str()).valid());
  const nlohmann::json j = nlohmann::json::parse(json.str());
  CHECK(j["label"] == "unknown");
  REQUIRE(j["stages"].size() == 2);
  CHECK(j["stages"][0]["date"] == "2024-01-10");
  CHECK(j["stages"][0]["days_since_previous"].is_null());
  CHECK(j["stages"][1]["date"] == "2024-01-22");
  CHECK(j["stages"][1]["days_since_previous"] == 12);
  const nlohmann::json& dinner = j["stages"][1];
  CHECK(dinner["added"]["identity_check"] == "contradicted");
  CHECK(dinner["added_confidence"] == nlohmann::json{{"identity_check", 0.8}});
  CHECK(dinner["assessment"]["likelihood_evidence"] == nlohmann::json{{"identity_check", {0.1, 0.1, 0.8}}});
  bool soft_finding = false;
  for (const nlohmann::json& f : dinner["assessment"]["findings"])
    if (f["indicator"] == "identity_check") {
      soft_finding = true;
      CHECK(f["state"] == "contradicted");
      CHECK(f["confidence"] == 0.8);
    } else {
      CHECK_FALSE(f.contains("confidence"));
    }
  CHECK(soft_finding);

  // An undated case without uncertain findings has none of these fields.
  std::ostringstream plain;
  write_json(plain, seed_timeline("benign_foundation_grant"));
  for (const char* key : {"\"date\"", "\"days_since_previous\"", "\"confidence\"", "\"added_confidence\"",
                          "\"likelihood_evidence\""})
    CHECK(plain.str().find(key) == std::string::npos);
}

TEST_CASE("JSON carries the calibration, the base rate and what separates the top two intents", "[domain][report_json]") {
  const timeline t = seed_timeline("svr_tutoring_ad_engineer");
  const assessment& a = t.before_exposure().result;
  REQUIRE(a.library.has_value());
  REQUIRE_FALSE(a.rivals.findings.empty());
  const separating_finding& top = a.rivals.findings.front();

  std::ostringstream json;
  write_json(json, a, 0);
  CHECK(json_checker(json.str()).valid());
  const nlohmann::json j = nlohmann::json::parse(json.str());
  CHECK(j["calibration"]["statement"] == a.calibration);
  CHECK(j["calibration"]["pitches"] == a.library->pitches);
  CHECK(j["calibration"]["stages"] == a.library->count);
  CHECK(j["base_rate"]["officer"] == 0.02);
  CHECK(j["base_rate"]["statement"] == a.base_rate);
  CHECK(j["explanations"]["first"] == a.rivals.first);
  CHECK(j["explanations"]["separating"].size() == a.rivals.findings.size());
  CHECK(j["explanations"]["separating"][0]["indicator"] == top.indicator);
  REQUIRE(j["questions"].size() == a.questions.size());
  for (const nlohmann::json& q : j["questions"]) CHECK(q.contains("expected_change"));
}

TEST_CASE("JSON of an assessment: every field as the assessment has it, to 6 significant digits", "[domain][report_json]") {
  // Every stage of two real cases, with questions and the interval on, so that each section
  // of the document is filled somewhere; then one assessment with sensitivities (each costs
  // a ranking of every CPT entry, so not at every stage).
  const auto check_both_indents = [](const assessment& a, coverage& seen) {
    for (const int indent : {2, -1}) {
      std::ostringstream out;
      write_json(out, a, indent);
      CHECK(json_checker(out.str()).valid());
      CHECK((out.str().find('\n') == std::string::npos) == (indent < 0));
      auto j = nlohmann::ordered_json::parse(out.str());
      CHECK(j == nlohmann::ordered_json(a));  // write_json writes to_json's document
      check_assessment(j, a, seen);
    }
  };
  coverage seen;
  for (const char* name : {"svr_tutoring_ad_engineer", "gru_attache_journalist_paris"}) {
    const timeline t = seed_timeline(name);
    for (const timeline_step& s : t.steps) {
      INFO(name << ", stage " << s.stage);
      check_both_indents(s.result, seen);
    }
  }
  CHECK(seen.findings);
  CHECK(seen.separating);
  CHECK(seen.calibration);
  CHECK(seen.questions);
  CHECK(seen.red_flags);
  CHECK(seen.caveats);
  CHECK_FALSE(seen.sensitivities);  // off by default

  assessment_options o;
  o.uncertainty.samples = 16;
  o.sensitivities = 3;
  const assessment a = assess(builtin(), seed_timeline("svr_tutoring_ad_engineer").before_exposure().result.seen, o);
  REQUIRE(a.sensitivities.size() == 3);
  check_both_indents(a, seen);
  CHECK(seen.sensitivities);
}

TEST_CASE("JSON of a timeline: title, intent, sources, and each stage's cycle, additions, change and assessment",
          "[domain][report_json]") {
  const timeline t = seed_timeline("svr_tutoring_ad_engineer");
  REQUIRE_FALSE(t.title.empty());
  REQUIRE_FALSE(t.intent.empty());
  REQUIRE_FALSE(t.sources.empty());
  std::ostringstream out;
  write_json(out, t);
  auto j = nlohmann::ordered_json::parse(out.str());
  CHECK(j["case"] == t.case_name);
  CHECK(j["label"] == t.label);
  CHECK(j["title"] == t.title);
  CHECK(j["intent"] == t.intent);
  CHECK(j["sources"].get<std::vector<std::string>>() == t.sources);
  REQUIRE(j["stages"].size() == t.steps.size());
  coverage seen;
  bool judged = false;
  for (std::size_t k = 0; k < t.steps.size(); ++k) {
    const timeline_step& s = t.steps[k];
    nlohmann::ordered_json& js = j["stages"][k];
    INFO("stage " << s.stage);
    // An undated case without uncertain findings: no date, days or confidences.
    CHECK(keys_of(js) == std::vector<std::string>{"stage", "cycle_judged", "added", "change", "moved_by",
                                                  "moved_by_change", "assessment"});
    CHECK(js["stage"] == s.stage);
    CHECK(js["cycle_judged"] == s.cycle);
    judged = judged || !s.cycle.empty();
    REQUIRE(js["added"].size() == s.added.size());
    for (const observation& x : s.added) CHECK(js["added"][x.indicator] == x.state);
    CHECK(same_number(js["change"], s.change));
    CHECK(js["moved_by"] == s.moved_by);
    CHECK(same_number(js["moved_by_change"], s.moved_by_change));
    check_assessment(js["assessment"], s.result, seen);
  }
  CHECK(judged);  // the case has `# cycle:` judgements, so cycle_judged was compared with one
  CHECK(seen.findings);
  CHECK(seen.calibration);
}

TEST_CASE("JSON of a dated case with uncertain observations: dates, days, confidences and likelihoods as assessed",
          "[domain][report_json]") {
  const case_file c = read_case_string(
      "label unknown\nstage first_call 2024-01-10\nfirst_contact_channel=online_unsolicited\n"
      "stage dinner 2024-01-22\nidentity_check=contradicted~0.8\nflattery=yes\n"
      "stage third 2024-03-01\ntask_request=open_or_analytic~0.6\n",
      "under_review.case");
  assessment_options o;
  o.uncertainty.samples = 10;
  o.questions = 2;
  const timeline t = assess_timeline(builtin(), c, o);
  REQUIRE(t.steps.size() == 3);
  std::ostringstream out;
  write_json(out, t);
  auto j = nlohmann::ordered_json::parse(out.str());
  REQUIRE(j["stages"].size() == t.steps.size());
  coverage seen;
  for (std::size_t k = 0; k < t.steps.size(); ++k) {
    const timeline_step& s = t.steps[k];
    nlohmann::ordered_json& js = j["stages"][k];
    INFO("stage " << s.stage);
    REQUIRE(s.date.has_value());
    CHECK(js["date"] == format_date(*s.date));
    if (s.days_since_previous)
      CHECK(js["days_since_previous"] == *s.days_since_previous);
    else
      CHECK(js["days_since_previous"].is_null());
    CHECK(s.days_since_previous.has_value() == (k > 0));
    const bool uncertain =
        std::any_of(s.added.begin(), s.added.end(), [](const observation& x) { return x.is_soft(); });
    std::vector<std::string> keys{"stage", "cycle_judged", "date", "days_since_previous", "added"};
    if (uncertain) keys.push_back("added_confidence");
    for (const char* key : {"change", "moved_by", "moved_by_change", "assessment"}) keys.push_back(key);
    CHECK(keys_of(js) == keys);
    std::size_t soft = 0;
    for (const observation& x : s.added) {
      CHECK(js["added"][x.indicator] == x.state);  // uncertain ones under the state named
      if (x.is_soft()) {
        ++soft;
        CHECK(same_number(js["added_confidence"][x.indicator], x.confidence));
      }
    }
    if (uncertain) CHECK(js["added_confidence"].size() == soft);
    // likelihood_evidence follows evidence in the assessment's keys once an uncertain finding is in
    const std::vector<std::string> assessment_keys = keys_of(js["assessment"]);
    REQUIRE(assessment_keys.size() >= 2);
    const bool has_soft = std::any_of(s.result.seen.findings().begin(), s.result.seen.findings().end(),
                                      [](const finding& f) { return f.is_soft(); });
    CHECK(assessment_keys[1] == (has_soft ? "likelihood_evidence" : "prior_p_pitch"));
    check_assessment(js["assessment"], s.result, seen);
  }
  CHECK(seen.soft_findings);
}

TEST_CASE("JSON calibration is null when the assessment has no calibration table", "[domain][report_json]") {
  assessment_options o;
  o.uncertainty.samples = 0;
  o.calibration = nullptr;
  const assessment a = assess(builtin(), evidence{{"first_contact_channel", "online_unsolicited"}}, o);
  REQUIRE_FALSE(a.library.has_value());
  std::ostringstream out;
  write_json(out, a);
  auto j = nlohmann::ordered_json::parse(out.str());
  REQUIRE(j.contains("calibration"));
  CHECK(j["calibration"].is_null());
  coverage seen;
  check_assessment(j, a, seen);  // the point estimate only: the interval as assess() left it
}

TEST_CASE("JSON of several cases is {\"cases\": [...]}, each case as write_json writes it alone, then a newline",
          "[domain][report_json]") {
  const std::vector<timeline> cases{seed_timeline("gru_attache_journalist_paris"), seed_timeline("benign_foundation_grant")};
  for (const int indent : {2, -1}) {
    std::ostringstream out;
    write_json(out, std::span<const timeline>(cases), indent);
    const std::string text = out.str();
    REQUIRE_FALSE(text.empty());
    CHECK(text.back() == '\n');
    if (indent < 0) CHECK(text.find('\n') == text.size() - 1);  // one line, then the newline
    auto j = nlohmann::ordered_json::parse(text);
    CHECK(keys_of(j) == std::vector<std::string>{"cases"});
    REQUIRE(j["cases"].size() == cases.size());
    for (std::size_t k = 0; k < cases.size(); ++k) {
      std::ostringstream alone;
      write_json(alone, cases[k], indent);
      CHECK(j["cases"][k] == nlohmann::ordered_json::parse(alone.str()));
      CHECK(j["cases"][k]["case"] == cases[k].case_name);
    }
  }
  std::ostringstream none;
  write_json(none, std::span<const timeline>{}, -1);
  CHECK(none.str() == "{\"cases\":[]}\n");
}

TEST_CASE("JSON escapes the text of case files and assessments, and replaces bytes that are not UTF-8",
          "[domain][report_json]") {
  const case_file c = read_case_string(
      "# title: \"Tutor\" ad \\ r\u00e9sum\u00e9\ttabbed\nlabel unknown\n"
      "source https://example.org/q?a=\"b\"&c=\\d\n"
      "stage first\nfirst_contact_channel=online_unsolicited\n",
      "escape.case");
  assessment_options o;
  o.uncertainty.samples = 0;
  const timeline t = assess_timeline(builtin(), c, o);
  REQUIRE(t.title.find('"') != std::string::npos);
  REQUIRE(t.sources.size() == 1);
  std::ostringstream out;
  write_json(out, t, -1);
  CHECK(json_checker(out.str()).valid());
  CHECK(out.str().find(R"(\"Tutor\" ad \\ r)") != std::string::npos);  // quote and backslash escaped
  CHECK(out.str().find("r\u00e9sum\u00e9") != std::string::npos);       // valid UTF-8 kept as written
  CHECK(out.str().find(R"(\t)") != std::string::npos);                    // control characters escaped
  auto j = nlohmann::ordered_json::parse(out.str());
  CHECK(j["title"] == t.title);
  CHECK(j["sources"][0] == t.sources[0]);

  // The same through an assessment's own strings (write_json of an assessment).
  assessment a = t.steps.front().result;
  a.caveats.push_back("quote \" backslash \\ newline \n bad \xfe byte");
  a.red_flags.push_back("x=\"y\"");
  std::ostringstream one;
  write_json(one, a, -1);
  CHECK(json_checker(one.str()).valid());
  auto ja = nlohmann::ordered_json::parse(one.str());
  CHECK(ja["caveats"].back() == "quote \" backslash \\ newline \n bad \xEF\xBF\xBD byte");  // U+FFFD
  CHECK(ja["red_flags"].back() == a.red_flags.back());
}

}  // namespace report_json_test
