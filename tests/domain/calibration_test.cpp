// SPDX-License-Identifier: MIT
#include "pitchrisk/domain/approach/calibration.hpp"
#include "pitchrisk/domain/approach/assessment.hpp"
#include "pitchrisk/domain/approach/model.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace calibration_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using namespace pitchrisk::approach;
using Catch::Matchers::Contains;

namespace {

const std::string table_file =
    (std::filesystem::path(PITCHRISK_SOURCE_DIR) / "examples" / "data" / "calibration.tsv").string();

/// "were pitches N of M times" -> {N, M}; {-1, -1} if the sentence has no such part.
std::pair<long, long> counts_in(const std::string& statement) {
  static const std::regex re("were pitches ([0-9]+) of ([0-9]+) times");
  std::smatch m;
  if (!std::regex_search(statement, m, re)) return {-1, -1};
  return {std::stol(m[1]), std::stol(m[2])};
}

std::vector<labelled_score> random_scores(unsigned seed, std::size_t n) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<labelled_score> out;
  for (std::size_t i = 0; i < n; ++i) {
    const double s = std::round(u(gen) * 20) / 20;  // ties on purpose
    out.push_back({s, u(gen) < s});
  }
  return out;
}

}  // namespace

TEST_CASE("AUC is the share of pitch/non-pitch pairs ordered right, ties half", "[domain][calibration]") {
  const std::vector<labelled_score> scores = random_scores(GENERATE(1u, 2u, 3u), 60);
  double wins = 0, pairs = 0;
  for (const labelled_score& p : scores)
    for (const labelled_score& q : scores)
      if (p.pitch && !q.pitch) {
        pairs += 1;
        wins += p.score > q.score ? 1.0 : (p.score == q.score ? 0.5 : 0.0);
      }
  REQUIRE(pairs > 0);
  CHECK(area_under_roc(scores) == Approx(wins / pairs).epsilon(1e-12));
  const std::vector<labelled_score> one_kind{{0.2, true}, {0.4, true}};
  REQUIRE_THROWS_AS(area_under_roc(one_kind), model_error);
}

TEST_CASE("the Brier score and the calibration bins count what they say", "[domain][calibration]") {
  const std::vector<labelled_score> scores{{0.05, false}, {0.15, true}, {0.95, true}, {1.0, true}, {0.5, false}};
  CHECK(brier_score(scores) == Approx((0.05 * 0.05 + 0.85 * 0.85 + 0.05 * 0.05 + 0 + 0.25) / 5).epsilon(1e-12));
  const calibration_table t = calibrate(scores, 10, "five");
  REQUIRE(t.bins.size() == 10);
  CHECK(t.bins[0].count == 1);
  CHECK(t.bins[1].pitches == 1);
  CHECK(t.bins[9].count == 2);  // 1.0 falls in the last, closed bin
  CHECK(t.bins[9].mean_score == Approx(0.975));
  CHECK(t.bins[5].observed() == 0.0);
  const std::vector<labelled_score> bad{{1.5, true}};
  REQUIRE_THROWS_AS(brier_score(bad), model_error);
  REQUIRE_THROWS_AS(calibrate(scores, 0), model_error);
}

TEST_CASE("a calibration table survives writing and reading; a broken one names its line", "[domain][calibration]") {
  const calibration_table t = calibrate(random_scores(7, 50), 10, "fifty random scores");
  std::stringstream text;
  write_calibration(text, t);
  const calibration_table back = read_calibration(text);
  CHECK(back.scope == t.scope);
  REQUIRE(back.bins.size() == t.bins.size());
  for (std::size_t b = 0; b < t.bins.size(); ++b) {
    CHECK(back.bins[b].count == t.bins[b].count);
    CHECK(back.bins[b].pitches == t.bins[b].pitches);
    CHECK(back.bins[b].low == Approx(t.bins[b].low));
  }
  std::istringstream broken("low\thigh\tmean_score\tobserved\tpitches\tcount\n0.00\t0.10\t0.05\t0.5\t3\t2\n");
  try {
    (void)read_calibration(broken, "broken.tsv");
    FAIL("no error");
  } catch (const parse_error& e) {
    CHECK(e.line() == 2);
    CHECK_THAT(e.what(), Contains("broken.tsv") && Contains("3 pitches of 2"));
  }
  REQUIRE_THROWS_AS(read_calibration_file("/nonexistent/calibration.tsv"), io_error);
}

TEST_CASE("the built-in table is examples/data/calibration.tsv, bin for bin", "[domain][calibration]") {
  const calibration_table file = read_calibration_file(table_file);
  const calibration_table& built_in = built_in_calibration();
  CHECK(built_in.scope == file.scope);
  REQUIRE(built_in.bins.size() == file.bins.size());
  REQUIRE_FALSE(file.bins.empty());
  for (std::size_t b = 0; b < file.bins.size(); ++b) {
    CHECK(built_in.bins[b].low == file.bins[b].low);
    CHECK(built_in.bins[b].high == file.bins[b].high);
    CHECK(built_in.bins[b].pitches == file.bins[b].pitches);
    CHECK(built_in.bins[b].count == file.bins[b].count);
  }
}

TEST_CASE("every report's calibration statement quotes the cross-validation's numbers", "[domain][calibration]") {
  const calibration_table file = read_calibration_file(table_file);
  const approach_model model;
  assessment_options options;
  options.uncertainty.samples = 0;
  options.questions = 0;
  options.explain = false;
  // From nothing observed to a near-certain pitch: scores in several bins.
  const std::vector<evidence> sets{
      evidence{},
      evidence{{"first_contact_channel", "ad_or_gig"}, {"contact_cadence", "regular_scheduled"},
               {"comms_tradecraft", "covert_methods"}},
      evidence{{"first_contact_channel", "ad_or_gig"}, {"contact_cadence", "regular_scheduled"},
               {"comms_tradecraft", "covert_methods"}, {"payment_channel", "cash_or_concealed"},
               {"task_request", "internal_documents"}, {"secrecy", "secrecy_requested"}}};
  const std::vector<assessment> results = assess_all(model, sets, options);
  std::size_t quoted = 0;
  for (const assessment& a : results) {
    CAPTURE(a.p_pitch, a.calibration);
    const calibration_bin* b = bin_of(file, a.p_pitch);
    REQUIRE(b != nullptr);
    REQUIRE(a.library.has_value());
    CHECK(a.library->pitches == b->pitches);
    CHECK(a.library->count == b->count);
    CHECK_THAT(a.calibration, Contains(file.scope));
    if (b->count > 0) {
      const auto [n, m] = counts_in(a.calibration);
      CHECK(n == static_cast<long>(b->pitches));
      CHECK(m == static_cast<long>(b->count));
      std::size_t all_pitches = 0, all_stages = 0;
      for (const calibration_bin& c : file.bins) {
        all_pitches += c.pitches;
        all_stages += c.count;
      }
      CHECK_THAT(a.calibration, Contains("of all its " + std::to_string(all_stages) + " stages " +
                                         std::to_string(all_pitches) + " were pitches"));
      ++quoted;
    }
    // The base rate, with the value used, is said to be an assumption.
    CHECK(a.officer_base_rate == Approx(0.02).epsilon(1e-9));
    CHECK_THAT(a.base_rate, Contains("0.0200") && Contains("assumption about the screened population"));
  }
  CHECK(quoted >= 2);
  CHECK(results.front().p_pitch < results.back().p_pitch);

  // Another base rate is stated as such; no table, no statement.
  model_parameters p;
  p.officer_base_rate = 0.1;
  options.calibration = nullptr;
  const assessment other = assess(approach_model(p), evidence{}, options);
  CHECK(other.calibration.empty());
  CHECK_FALSE(other.library.has_value());
  CHECK_THAT(other.base_rate, Contains("0.1000"));
}

TEST_CASE("the statement says when no stage of the library scored at that level", "[domain][calibration]") {
  calibration_table t;
  t.scope = "two bins";
  t.bins = {{0.0, 0.5, 3, 1, 0.2}, {0.5, 1.0, 0, 0, 0.0}};
  CHECK(calibration_statement(t, 0.2) == "In the library (two bins), stages scored 0.0-0.5 were pitches 1 of 3 times "
                                         "(of all its 3 stages 1 were pitches: the library's mix, not the screened "
                                         "population's).");
  CHECK_THAT(calibration_statement(t, 0.7), Contains("no stage scored 0.5-1.0"));
  CHECK(bin_of(t, 1.0) == &t.bins[1]);
  CHECK(bin_of(calibration_table{}, 0.5) == nullptr);
}

}  // namespace calibration_test
