// SPDX-License-Identifier: MIT
// The JSON reports (report_json.hpp): parsed back with nlohmann-json and compared with the
// assessments and timelines they were written from. The text, TSV and DOT reports are in
// report_test.cpp.
#include "pitchrisk/domain/approach/report_json.hpp"
#include "pitchrisk/domain/approach/case_file.hpp"
#include "pitchrisk/domain/approach/timeline.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cctype>
#include <filesystem>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

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

const approach_model& builtin() {
  static const approach_model model;
  return model;
}

timeline seed_timeline(const std::string& name) {
  assessment_options o;
  o.uncertainty.samples = 16;
  return assess_timeline(builtin(), read_case(std::filesystem::path(PITCHRISK_SOURCE_DIR) / "examples" / "data" /
                                              "cases" / (name + ".case")),
                         o);
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
  const case_file c = read_case_string(
      "label unknown\nstage first_call 2024-01-10\nfirst_contact_channel=online_unsolicited\n"
      "stage dinner 2024-01-22\nidentity_check=contradicted~0.8\nflattery=yes\n",
      "under_review.case");
  assessment_options o;
  o.uncertainty.samples = 10;
  o.questions = 1;
  const timeline t = assess_timeline(builtin(), c, o);

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
