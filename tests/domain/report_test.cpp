// SPDX-License-Identifier: MIT
#include "pitchrisk/domain/approach/report.hpp"

#include <catch2/catch.hpp>

#include <cctype>
#include <filesystem>
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
  for (const char* key : {"\"cases\"", "\"case\": \"svr_tutoring_ad_engineer\"", "\"stage\": \"cash_for_documents\"",
                          "\"p_pitch\"", "\"interval\"", "\"findings\"", "\"questions\"", "\"caveats\"", "\"lever\"",
                          "\"cycle_stage\"", "\"officer\"", "\"moved_by\"", "\"likelihood_ratio_in_context\""})
    CHECK(text.find(key) != std::string::npos);
}

TEST_CASE("strings are escaped for JSON", "[domain][report]") {
  CHECK(approach::detail::json_string("a\"b\\c\nd\x01") == "\"a\\\"b\\\\c\\nd\\u0001\"");
  CHECK(approach::detail::json_number(std::numeric_limits<double>::infinity()) == "null");
  CHECK(approach::detail::json_number(0.5) == "0.5");
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
  const std::string j = json.str();
  CHECK(json_checker(j).valid());
  CHECK_THAT(j, Contains("\"label\": \"unknown\""));
  CHECK_THAT(j, Contains("\"date\": \"2024-01-10\",\n") && Contains("\"days_since_previous\": null"));
  CHECK_THAT(j, Contains("\"date\": \"2024-01-22\"") && Contains("\"days_since_previous\": 12"));
  CHECK_THAT(j, Contains("\"indicator\": \"identity_check\", \"state\": \"contradicted\""));
  CHECK_THAT(j, Contains("\"confidence\": 0.8}"));
  CHECK_THAT(j, Contains("\"added_confidence\": {\"identity_check\": 0.8}"));
  CHECK_THAT(j, Contains("\"likelihood_evidence\": {\"identity_check\": [0.1, 0.1, 0.8]}"));

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
  CHECK_THAT(json.str(), Contains("\"calibration\": {\"statement\": ") &&
                             Contains("\"pitches\": " + std::to_string(a.library->pitches)) &&
                             Contains("\"base_rate\": {\"officer\": 0.02") && Contains("\"separating\": [") &&
                             Contains("\"expected_change\": "));
}
