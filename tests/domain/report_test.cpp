// SPDX-License-Identifier: MIT
// The text, TSV and DOT reports (report.hpp); the JSON reports are in report_json_test.cpp.
#include "pitchrisk/domain/approach/report.hpp"

#include "domain/domain_fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace report_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using namespace pitchrisk::approach;

namespace {

const approach_model& builtin() { return fixtures::elicited_model(); }
using fixtures::seed_timeline;

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

TEST_CASE("a finding as wide as its column or wider is never glued to its ratio", "[domain][report]") {
  // asks_target_for_money=fees_or_investment is 40 characters, the findings' column too;
  // first_contact_channel=event_or_conference 41.
  const case_file c = read_case_string(
      "label unknown\nstage first\nfirst_contact_channel=event_or_conference\nasks_target_for_money=fees_or_investment\n"
      "stage second\nofficial_cover=attache_or_trade_post\n",
      "wide.case");
  assessment_options o;
  o.uncertainty.samples = 0;
  text_options every;
  every.every_stage = true;
  std::ostringstream out;
  write_text(out, assess_timeline(builtin(), c, o), every);
  const std::string text = out.str();
  REQUIRE(text.find("asks_target_for_money=fees_or_investment ") != std::string::npos);
  REQUIRE(text.find("first_contact_channel=event_or_conference ") != std::string::npos);
  // No state name runs into a ratio ("...investmentx0.06"): every 'x' before a digit follows a blank.
  for (std::size_t i = 1; i + 1 < text.size(); ++i)
    if (text[i] == 'x' && std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
      INFO(text.substr(i > 50 ? i - 50 : 0, 60));
      CHECK((text[i - 1] == ' ' || text[i - 1] == '>'));
    }
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

TEST_CASE("text and TSV reports show stage dates and uncertain observations as written", "[domain][report]") {
  using Catch::Matchers::Contains;
  const timeline t = fixtures::dated_uncertain_timeline();

  std::ostringstream text;
  write_text(text, t, {.every_stage = true});
  const std::string s = text.str();
  CHECK_THAT(s, Contains("(label: unknown)"));
  CHECK_THAT(s, Contains("date") && Contains("days"));
  CHECK_THAT(s, Contains("2024-01-10 -") && Contains("2024-01-22 +12"));
  CHECK_THAT(s, Contains("identity_check=contradicted~0.8 "));

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
}

TEST_CASE("text and TSV carry the calibration, the base rate and what separates the top two intents",
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
}

}  // namespace report_test
