// SPDX-License-Identifier: MIT
#include "pitchrisk/domain/approach/report.hpp"
#include "pitchrisk/domain/approach/report_json.hpp"

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

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (const char c : s) {
    if (c == sep)
      out.emplace_back();
    else
      out.back() += c;
  }
  return out;
}

}  // namespace

TEST_CASE("the json checker itself rejects malformed text", "[domain][report]") {
  for (const char* bad : {"{", "{\"a\" 1}", "[1,]", "{\"a\": \"x\ny\"}", "{\"a\": nan}", "[1] 2"}) {
    const std::string s = bad;
    CHECK_FALSE(json_checker(s).valid());
  }
  const std::string good = "{\"a\": [1, -2.5e-3, \"\\\"q\\\"\", null, true, {}]}";
  CHECK(json_checker(good).valid());
}

TEST_CASE("JSON output is well formed and carries the whole assessment", "[domain][report]") {
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
          "[domain][report]") {
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

TEST_CASE("JSON numbers have 6 significant digits and non-finite ones are null", "[domain][report]") {
  using J = nlohmann::ordered_json;
  CHECK(approach::detail::json_number<J>(0.5).dump() == "0.5");
  CHECK(approach::detail::json_number<J>(0.123456789).dump() == "0.123457");
  CHECK(approach::detail::json_number<J>(1234567.0).dump() == "1234570.0");
  CHECK(approach::detail::json_number<J>(2.5e-7).dump() == "2.5e-07");
  CHECK(approach::detail::json_number<J>(std::numeric_limits<double>::infinity()).is_null());
  CHECK(approach::detail::json_number<J>(std::numeric_limits<double>::quiet_NaN()).is_null());
}

TEST_CASE("JSON strings are escaped, and bytes that are not UTF-8 are replaced, not refused", "[domain][report]") {
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

TEST_CASE("DOT names are quoted and escaped", "[domain][report]") {
  CHECK(approach::detail::quoted("a\"b\\c\nd\x01") == "\"a\\\"b\\\\c\\nd\\u0001\"");
}

TEST_CASE("TSV has a header and one row per stage with the promised columns", "[domain][report]") {
  const timeline t = seed_timeline("gru_attache_journalist_paris");
  std::ostringstream out;
  write_tsv_header(out);
  write_tsv(out, t);
  const std::vector<std::string> lines = split(out.str(), '\n');
  REQUIRE(lines.size() == 5);  // header, 3 stages, empty after the last newline
  CHECK(lines.back().empty());
  const std::vector<std::string> header = split(lines[0], '\t');
  for (const char* column : {"case", "stage", "p_pitch", "p_low", "p_high", "p_officer", "top_finding"})
    CHECK(std::find(header.begin(), header.end(), column) != header.end());
  for (std::size_t k = 1; k <= 3; ++k) {
    const std::vector<std::string> row = split(lines[k], '\t');
    REQUIRE(row.size() == header.size());
    CHECK(row[0] == "gru_attache_journalist_paris");
    CHECK(row[1] == t.steps[k - 1].stage);
    const double p = std::stod(row[3]), low = std::stod(row[4]), high = std::stod(row[5]);
    CHECK(low <= p);
    CHECK(p <= high);
  }
  CHECK(split(lines[2], '\t')[7] == "personal_probing=persistent");
  for (std::size_t k = 1; k <= 3; ++k) {  // an undated case: no date, no days
    const std::vector<std::string> row = split(lines[k], '\t');
    CHECK(row[row.size() - 2] == "-");
    CHECK(row.back() == "-");
  }
}

TEST_CASE("the text report names the score, the findings, the questions and the caveats", "[domain][report]") {
  const timeline t = seed_timeline("gru_attache_campaign_funding_offer");
  std::ostringstream out;
  write_text(out, t);
  const std::string text = out.str();
  CHECK(text.find("== gru_attache_campaign_funding_offer (label: pitch, intent: influence_operation)") == 0);
  CHECK(text.find("contacts_with_adviser") != std::string::npos);
  CHECK(text.find("assessment at stage 'dinner_offer'") != std::string::npos);
  CHECK(text.find("political_funding_offer=yes") != std::string::npos);
  CHECK(text.find("red flags (checklist baseline)") != std::string::npos);
  // At 0.999 before exposure no answer could move the score by 0.01: no question is listed.
  CHECK(t.before_exposure().result.p_pitch > 0.99);
  CHECK(text.find("next questions") == std::string::npos);
  text_options every;
  every.every_stage = true;
  std::ostringstream all;
  write_text(all, t, every);
  CHECK(all.str().find("assessment at stage 'contacts_with_adviser'") != std::string::npos);
  CHECK(all.str().find("next questions") != std::string::npos);
}

TEST_CASE("ratios and changes are printed compactly", "[domain][report]") {
  CHECK(format_ratio(12.34) == "x12.3");
  CHECK(format_ratio(0.25) == "x0.25");
  CHECK(format_ratio(350) == "x350");
  CHECK(format_ratio(1e7) == ">x1e6");
  CHECK(format_change(0.1234) == "+0.123");
  CHECK(format_change(-0.0001) == "+0.000");
  CHECK(format_probability(0.98765) == "0.988");
}

TEST_CASE("the DOT picture groups latent variables and indicators", "[domain][report]") {
  std::ostringstream out;
  write_dot(out, builtin().network());
  const std::string dot = out.str();
  CHECK(dot.rfind("digraph \"approach_risk\" {", 0) == 0);
  CHECK(dot.find("cluster_latent") != std::string::npos);
  CHECK(dot.find("\"approacher_is_io\" -> \"intent\"") != std::string::npos);
  CHECK(dot.find("\"personal_probing\" [shape=box") != std::string::npos);
  CHECK(dot.find("\"concealment\" [shape=ellipse, style=dashed]") != std::string::npos);
  std::size_t arrows = 0;
  for (std::size_t p = dot.find("->"); p != std::string::npos; p = dot.find("->", p + 2)) ++arrows;
  CHECK(arrows == static_cast<std::size_t>(builtin().network().arc_count()));
}

TEST_CASE("reports show stage dates and uncertain observations as written", "[domain][report]") {
  using Catch::Matchers::Contains;
  const case_file c = read_case_string(
      "label unknown\nstage first_call 2024-01-10\nfirst_contact_channel=online_unsolicited\n"
      "stage dinner 2024-01-22\nidentity_check=contradicted~0.8\nflattery=yes\n",
      "under_review.case");
  assessment_options o;
  o.uncertainty.samples = 10;
  o.questions = 1;
  const timeline t = assess_timeline(builtin(), c, o);

  std::ostringstream text;
  write_text(text, t, {.every_stage = true});
  const std::string s = text.str();
  CHECK_THAT(s, Contains("(label: unknown)"));
  CHECK_THAT(s, Contains("date") && Contains("days"));
  CHECK_THAT(s, Contains("2024-01-10 -") && Contains("2024-01-22 +12"));
  CHECK_THAT(s, Contains("identity_check=contradicted~0.8 "));

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

  // TSV: the last two columns are the date and the days since the stage before.
  std::ostringstream tsv;
  write_tsv_header(tsv);
  write_tsv(tsv, t);
  const std::vector<std::string> rows = split(tsv.str(), '\n');
  REQUIRE(rows.size() == 4);
  const std::vector<std::string> header = split(rows[0], '\t');
  REQUIRE(header.size() >= 2);
  CHECK(header[header.size() - 2] == "date");
  CHECK(header.back() == "days_since_previous");
  const std::vector<std::string> first = split(rows[1], '\t'), second = split(rows[2], '\t');
  REQUIRE(first.size() == header.size());
  REQUIRE(second.size() == header.size());
  CHECK(first[first.size() - 2] == "2024-01-10");
  CHECK(first.back() == "-");
  CHECK(second[second.size() - 2] == "2024-01-22");
  CHECK(second.back() == "12");

  // An undated case without uncertain findings has none of these fields.
  std::ostringstream plain;
  write_json(plain, seed_timeline("benign_foundation_grant"));
  for (const char* key : {"\"date\"", "\"days_since_previous\"", "\"confidence\"", "\"added_confidence\"",
                          "\"likelihood_evidence\""})
    CHECK(plain.str().find(key) == std::string::npos);
}

TEST_CASE("text, TSV and JSON carry the calibration, the base rate and what separates the top two intents",
          "[domain][report]") {
  using Catch::Matchers::Contains;
  const timeline t = seed_timeline("svr_tutoring_ad_engineer");
  const assessment& a = t.before_exposure().result;
  REQUIRE(a.library.has_value());
  REQUIRE_FALSE(a.rivals.findings.empty());
  const std::string counts = "were pitches " + std::to_string(a.library->pitches) + " of " +
                             std::to_string(a.library->count) + " times";

  std::ostringstream text;
  write_text(text, t);
  CHECK_THAT(text.str(), Contains("calibration:   In the library") && Contains(counts));
  CHECK_THAT(text.str(), Contains("base rate:     The base rate (P(officer) = 0.0200) is an assumption"));
  CHECK_THAT(text.str(), Contains("separating " + a.rivals.first + " (") && Contains(") from " + a.rivals.second));
  const separating_finding& top = a.rivals.findings.front();
  CHECK_THAT(text.str(), Contains(top.indicator + "=" + top.state));

  std::ostringstream tsv;
  write_tsv_header(tsv);
  write_tsv(tsv, t);
  const std::vector<std::string> lines = split(tsv.str(), '\n');
  const std::vector<std::string> header = split(lines[0], '\t');
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const std::size_t judged = t.steps.size() - 1;  // the stage before exposure is row judged (1-based)
  const std::vector<std::string> row = split(lines[judged], '\t');
  REQUIRE(row.size() == header.size());
  CHECK(row[column("first_explanation")] == a.rivals.first);
  CHECK(row[column("second_explanation")] == a.rivals.second);
  CHECK(row[column("separated_by")] == top.indicator + "=" + top.state);
  CHECK(row[column("library_pitches")] == std::to_string(a.library->pitches));
  CHECK(row[column("library_stages")] == std::to_string(a.library->count));
  CHECK(row[column("base_rate")] == "0.0200");

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
