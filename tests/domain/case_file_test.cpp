// SPDX-License-Identifier: MIT
#include "pitchrisk/domain/approach/case_file.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

using namespace pitchrisk;
using namespace pitchrisk::approach;
using Catch::Matchers::Contains;

namespace {

const std::filesystem::path cases_dir = std::filesystem::path(PITCHRISK_SOURCE_DIR) / "examples/data/cases";

std::string state_of(const case_stage& s, const std::string& indicator) {
  for (const observation& o : s.cumulative)
    if (o.indicator == indicator) return o.state;
  return "";
}

/// Line of the parse_error thrown by parsing `text`, or 0 when none is thrown.
std::size_t error_line(const std::string& text, std::string* message = nullptr) {
  try {
    (void)read_case_string(text, "broken.case");
  } catch (const parse_error& e) {
    if (message) *message = e.what();
    return e.line();
  }
  return 0;
}

}  // namespace

TEST_CASE("the SVR tutoring case reads into cumulative stages with replacements", "[domain][case_file]") {
  const case_file c = read_case(cases_dir / "svr_tutoring_ad_engineer.case");
  CHECK(c.name == "svr_tutoring_ad_engineer");
  CHECK(c.label == "pitch");
  CHECK(c.is_pitch());
  CHECK(c.intent == "recruitment_pitch");
  CHECK_THAT(c.title, Contains("SVR officer posing as a Czech consultant"));
  REQUIRE(c.sources.size() == 1);
  CHECK(c.sources[0] == "seed:002_50957d413cd2b414.txt");
  CHECK(c.case_level.size() == 4);
  REQUIRE(c.stages.size() == 4);
  CHECK(c.stages[0].name == "ad_reply");
  CHECK(c.stages[0].cycle == "spotting");
  CHECK(c.stages[3].name == "exposure");
  CHECK(c.has_exposure());
  CHECK(c.last_before_exposure().name == "cash_for_documents");
  // Cumulative sizes: 4 case-level + 6, + 4, + 5 (task_request replaced), + 6 (4 replaced).
  CHECK(c.stages[0].cumulative.size() == 10);
  CHECK(c.stages[1].cumulative.size() == 14);
  CHECK(c.stages[2].cumulative.size() == 18);
  CHECK(c.stages[3].cumulative.size() == 21);
  CHECK(c.stages[3].evidence.size() == 21);
  CHECK(state_of(c.stages[0], "task_request") == "none");
  CHECK(state_of(c.stages[2], "task_request") == "open_or_analytic");
  CHECK(state_of(c.stages[2], "official_cover") == "none");
  CHECK(state_of(c.stages[3], "official_cover") == "attache_or_trade_post");
  CHECK(state_of(c.stages[3], "state_nexus") == "high_threat");
  CHECK(state_of(c.stages[2], "authority_flag").empty());
  CHECK(c.stage("dinner_lessons").added.size() == 4);
  REQUIRE_THROWS_AS(c.stage("nope"), lookup_error);
}

TEST_CASE("every shipped case file parses and matches its label", "[domain][case_file]") {
  const auto cases = read_case_directory(cases_dir);
  REQUIRE(cases.size() == 8);
  int pitches = 0;
  for (const case_file& c : cases) {
    INFO(c.name);
    CHECK(c.is_pitch() == (c.name.rfind("benign_", 0) != 0));
    pitches += c.is_pitch() ? 1 : 0;
    CHECK(!c.stages.empty());
    CHECK(!c.intent.empty());
    CHECK((c.intent == "recruitment_pitch" || c.intent == "influence_operation") == c.is_pitch());
    for (const case_stage& s : c.stages)
      for (const observation& o : s.cumulative) CHECK(indicator_named(o.indicator).state_index(o.state) >= 0);
  }
  CHECK(pitches == 4);
}

TEST_CASE("a file without stages is one evidence set named all", "[domain][case_file]") {
  const case_file c = read_case_string("# a comment\n  label benign  \r\n\nstate_nexus=none\r\nflattery=yes\n", "plain.case");
  REQUIRE(c.stages.size() == 1);
  CHECK(c.stages[0].name == "all");
  CHECK(c.stages[0].cumulative.size() == 2);
  CHECK(c.last_before_exposure().name == "all");
  CHECK(c.title.empty());
}

TEST_CASE("every rule violation is a parse_error with file and line", "[domain][case_file]") {
  std::string msg;
  SECTION("unknown indicator") {
    CHECK(error_line("label pitch\nnot_an_indicator=yes\n", &msg) == 2);
    CHECK_THAT(msg, Contains("broken.case:2") && Contains("unknown indicator 'not_an_indicator'"));
  }
  SECTION("unknown state, with the known states listed") {
    CHECK(error_line("label pitch\nstage a\nsecrecy=total\n", &msg) == 3);
    CHECK_THAT(msg, Contains("no state 'total'") && Contains("open_institutional"));
  }
  SECTION("duplicate indicator within one block; allowed across blocks") {
    CHECK(error_line("label pitch\nflattery=yes\nflattery=no\n", &msg) == 3);
    CHECK_THAT(msg, Contains("twice") && Contains("line 2"));
    CHECK(error_line("label pitch\nflattery=yes\nstage a\nflattery=no\n") == 0);
  }
  SECTION("label rules") {
    CHECK(error_line("flattery=yes\n", &msg) > 0);
    CHECK_THAT(msg, Contains("no 'label"));
    CHECK(error_line("label pitch\nlabel benign\n", &msg) == 2);
    CHECK(error_line("label maybe\n", &msg) == 1);
    CHECK_THAT(msg, Contains("expected 'pitch' or 'benign'"));
    CHECK(error_line("stage a\nlabel pitch\n", &msg) == 2);
    CHECK_THAT(msg, Contains("before the first 'stage'"));
  }
  SECTION("source rules") {
    CHECK(error_line("label pitch\nsource ftp://x\n", &msg) == 2);
    CHECK(error_line("label pitch\nsource seed:\n") == 2);
    CHECK(error_line("label pitch\nstage a\nsource https://example.org\n", &msg) == 3);
    CHECK(error_line("label pitch\nsource https://example.org\nsource seed:000_x.txt\n") == 0);
  }
  SECTION("stage rules") {
    CHECK(error_line("label pitch\nstage Bad-Name\n", &msg) == 2);
    CHECK(error_line("label pitch\nstage a\nstage a\n", &msg) == 3);
    CHECK_THAT(msg, Contains("already started on line 2"));
    CHECK(error_line("label pitch\nstage exposure\nauthority_flag=flagged\nstage later\n", &msg) == 4);
    CHECK_THAT(msg, Contains("after 'exposure'"));
    CHECK(error_line("label pitch\nstage a\nstage exposure\nflattery=yes\n", &msg) == 3);
    CHECK_THAT(msg, Contains("authority_flag=flagged"));
    CHECK(error_line("label pitch\nstage a\nauthority_flag=flagged\n", &msg) == 3);
    CHECK(error_line("label pitch\nstage\n") == 2);
  }
  SECTION("misplaced or malformed lines") {
    CHECK(error_line("label pitch\nflattery = yes\n", &msg) == 2);
    CHECK_THAT(msg, Contains("blanks"));
    CHECK(error_line("label pitch\nflattery=yes # trailing\n") == 2);
    CHECK(error_line("label pitch\nwhatever\n", &msg) == 2);
    CHECK_THAT(msg, Contains("unknown statement"));
    CHECK(error_line("label pitch\n# cycle: spotting\n", &msg) == 2);
    CHECK(error_line("label pitch\nstage a\nflattery=yes\n# cycle: spotting\n") == 4);
    CHECK(error_line("label pitch\nstage a\n# basis: x\n# cycle: orbiting\n") == 4);
    CHECK(error_line("label pitch\nstage a\n# cycle: assessing\n") == 0);
    CHECK(error_line("# title: a\n# title: b\nlabel pitch\n") == 2);
    CHECK(error_line("label pitch\n# intent: sightseeing\n") == 2);
    CHECK(error_line("label pitch\nstage a\n# intent: benign\n") == 3);
  }
  SECTION("invalid UTF-8 and bad file names") {
    CHECK(error_line("label pitch\n# caf\xC3\xA9 ok\n# bad \xC3\x28\n", &msg) == 3);
    CHECK_THAT(msg, Contains("UTF-8"));
    CHECK(error_line("label pitch\n# overlong \xC0\xAF\n") == 2);
    REQUIRE_THROWS_AS(read_case_string("label pitch\n", "Bad Name.case"), parse_error);
    REQUIRE_THROWS_AS(read_case_string("label pitch\n", "notes.txt"), parse_error);
  }
}

TEST_CASE("a missing case file is an io_error naming it", "[domain][case_file]") {
  const std::filesystem::path missing = cases_dir / "no_such_case.case";
  REQUIRE_THROWS_AS(read_case(missing), io_error);
  REQUIRE_THROWS_WITH(read_case(missing), Contains("no_such_case.case"));
}

TEST_CASE("a folder given as a case file is an io_error saying so", "[domain][case_file]") {
  REQUIRE_THROWS_AS(read_case(cases_dir), io_error);
  REQUIRE_THROWS_WITH(read_case(cases_dir), Contains(cases_dir.string()) && Contains("directory"));
}
