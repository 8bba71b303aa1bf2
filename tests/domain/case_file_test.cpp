// SPDX-License-Identifier: MIT
#include "pitchrisk/domain/approach/case_file.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace case_file_test {  // one namespace per file: the tests compile in unity batches

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
std::size_t error_line(const std::string& text, std::string* message = nullptr, std::size_t* column = nullptr) {
  try {
    (void)read_case_string(text, "broken.case");
  } catch (const parse_error& e) {
    if (message) *message = e.what();
    if (column) *column = e.column();
    return e.line();
  }
  return 0;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

/// The cumulative "indicator=state" sets of a file in the grammar before issue 15 (label,
/// source, `stage <name>`, `<indicator>=<state>`, whole-line comments), read naively: the
/// reference the reader must still agree with on every shipped file.
std::vector<std::vector<std::string>> naive_stages(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<std::string> acc;
  std::vector<std::vector<std::string>> out;
  bool staged = false;
  std::string line;
  const auto put = [&](const std::string& o) {
    const std::string name = o.substr(0, o.find('='));
    for (std::string& a : acc)
      if (a.substr(0, a.find('=')) == name) {
        a = o;
        return;
      }
    acc.push_back(o);
  };
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#' || line.rfind("label ", 0) == 0 || line.rfind("source ", 0) == 0) continue;
    if (line.rfind("stage ", 0) == 0) {
      if (staged) out.push_back(acc);
      staged = true;
      continue;
    }
    put(line);
  }
  out.push_back(acc);
  return out;
}

}  // namespace

TEST_CASE("every shipped case file reads as before: no dates, no confidences, the same evidence",
          "[domain][case_file]") {
  // examples/data/cases and examples/data/library: files written before dates, `~` and
  // `label unknown` existed. Library files that use indicators of a newer vocabulary may
  // fail, but only on the vocabulary, never on the grammar.
  std::size_t read = 0, files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(PITCHRISK_SOURCE_DIR) / "examples/data")) {
    if (entry.path().extension() != ".case") continue;
    ++files;
    INFO(entry.path().string());
    case_file c;
    try {
      c = read_case(entry.path());
    } catch (const parse_error& e) {
      const std::string what = e.what();
      CHECK((what.find("unknown indicator") != std::string::npos || what.find("has no state") != std::string::npos ||
             what.find("# intent:") != std::string::npos));
      continue;
    }
    ++read;
    CHECK(c.is_labelled());
    CHECK(!c.is_dated());
    const auto naive = naive_stages(entry.path());
    REQUIRE(naive.size() == c.stages.size());
    for (std::size_t k = 0; k < c.stages.size(); ++k) {
      std::vector<std::string> got;
      for (const observation& o : c.stages[k].cumulative) {
        CHECK(!o.is_soft());
        got.push_back(o.indicator + "=" + o.state);
      }
      CHECK(got == naive[k]);
      CHECK(c.stages[k].evidence.size() == got.size());
      for (const finding& f : c.stages[k].evidence.findings()) CHECK(!f.is_soft());
    }
  }
  CHECK(files >= 90);
  CHECK(read >= 8);  // at least the seed cases (all, once the library's vocabulary is merged)
}

TEST_CASE("label unknown: a case to score, not to learn from", "[domain][case_file]") {
  const case_file c = read_case_string("label unknown\nstage first\nflattery=yes\n", "under_review.case");
  CHECK(c.label == "unknown");
  CHECK(!c.is_pitch());
  CHECK(!c.is_benign());
  CHECK(!c.is_labelled());
  CHECK(c.stages.size() == 1);
  CHECK(read_case_string("label benign\n", "b.case").is_benign());
  CHECK(read_case_string("label benign\n", "b.case").is_labelled());
  std::string msg;
  CHECK(error_line("label unknown\nlabel unknown\n", &msg) == 2);
  CHECK_THAT(msg, Contains("second 'label'") && Contains("line 1"));
  CHECK(error_line("label unknown\nlabel pitch\n") == 2);
  CHECK(error_line("label Unknown\n", &msg) == 1);
  CHECK_THAT(msg, Contains("'unknown'"));
}

TEST_CASE("dated stages: ISO days, in order, all or none", "[domain][case_file]") {
  const case_file c = read_case_string(
      "label pitch\nstage ad_reply 2020-02-28\nflattery=yes\nstage leap\t2020-02-29\nstage same_day 2020-02-29  \n"
      "stage exposure 2021-03-01\nauthority_flag=flagged\n",
      "dated.case");
  REQUIRE(c.stages.size() == 4);
  CHECK(c.is_dated());
  CHECK(c.stages[0].name == "ad_reply");
  CHECK(format_date(*c.stages[0].date) == "2020-02-28");
  CHECK(format_date(*c.stages[1].date) == "2020-02-29");
  CHECK(c.stages[2].name == "same_day");
  CHECK(days_between(*c.stages[2].date, *c.stages[3].date) == 366);  // 2020-02-29 to 2021-03-01
  CHECK(!read_case_string("label pitch\nstage a\n", "u.case").is_dated());

  std::string msg;
  std::size_t col = 0;
  SECTION("not a date") {
    for (const char* bad : {"2020-3-01", "20-03-01", "2020/03/01", "01.03.2020", "2020-03-01T10:00", "2020-03-0x",
                            "march"}) {
      INFO(bad);
      CHECK(error_line(std::string("label pitch\nstage a ") + bad + "\n", &msg, &col) == 2);
      CHECK_THAT(msg, Contains("not an ISO date YYYY-MM-DD") && Contains(bad));
      CHECK(col == 9);
    }
  }
  SECTION("not a real day") {
    CHECK(error_line("label pitch\nstage a 2021-02-29\n", &msg) == 2);
    CHECK_THAT(msg, Contains("February 2021 has 28 days"));
    CHECK(error_line("label pitch\nstage a 2020-04-31\n", &msg) == 2);
    CHECK_THAT(msg, Contains("April 2020 has 30 days"));
    CHECK(error_line("label pitch\nstage a 2020-00-10\n", &msg) == 2);
    CHECK_THAT(msg, Contains("no month 0"));
    CHECK(error_line("label pitch\nstage a 2020-01-00\n") == 2);
    CHECK(error_line("label pitch\nstage a 1900-02-29\n") == 2);  // 1900 is not a leap year
    CHECK(error_line("label pitch\nstage a 2000-02-29\n") == 0);  // 2000 is
  }
  SECTION("out of order, naming both stages") {
    CHECK(error_line("label pitch\nstage a 2020-03-01\nflattery=yes\nstage b 2020-02-01\n", &msg, &col) == 4);
    CHECK_THAT(msg, Contains("stage 'b' is dated 2020-02-01, before stage 'a' (line 2, 2020-03-01)"));
    CHECK(col == 9);
  }
  SECTION("all or none") {
    CHECK(error_line("label pitch\nstage a 2020-03-01\nstage b\n", &msg) == 3);
    CHECK_THAT(msg, Contains("stage 'b' has no date but stage 'a' on line 2 has one"));
    CHECK(error_line("label pitch\nstage a\nstage b 2020-03-01\n", &msg) == 3);
    CHECK_THAT(msg, Contains("date every stage or none"));
    CHECK(error_line("label pitch\nstage a 2020-03-01\nstage exposure\nauthority_flag=flagged\n") == 3);
  }
  SECTION("one name, one date") {
    CHECK(error_line("label pitch\nstage a 2020-03-01 2020-03-02\n", &msg) == 2);
    CHECK_THAT(msg, Contains("more than a name and a date"));
    CHECK(error_line("label pitch\nstage 2020-03-01\n", &msg) == 2);
    CHECK_THAT(msg, Contains("must match"));  // '-' is not in a stage name
  }
  SECTION("a statement without its argument points just after the keyword") {
    std::size_t column = 0;
    CHECK(error_line("label pitch\n  stage\n", &msg, &column) == 2);
    CHECK_THAT(msg, Contains("stage name '' must match"));
    CHECK(column == 8);
    CHECK(error_line("label\n", &msg, &column) == 1);
    CHECK_THAT(msg, Contains("label ''"));
    CHECK(column == 6);
    CHECK(error_line("source\nlabel pitch\n", &msg, &column) == 1);
    CHECK_THAT(msg, Contains("source ''"));
    CHECK(column == 7);
  }
}

TEST_CASE("an uncertain observation is a likelihood on the symmetric channel", "[domain][case_file]") {
  // identity_check: verified, unverifiable, contradicted.
  const case_file c = read_case_string(
      "label benign\nidentity_check=contradicted~0.8\nflattery=yes~.25\nstage a\nflattery=yes~1\n"
      "stage b\nidentity_check=contradicted~0.6\n",
      "soft.case");
  REQUIRE(c.case_level.size() == 2);
  CHECK(c.case_level[0].confidence == 0.8);
  CHECK(c.case_level[0].is_soft());
  CHECK(to_string(c.case_level[0]) == "identity_check=contradicted~0.8");
  CHECK(to_string(c.case_level[1]) == "flattery=yes~0.25");
  const auto& first = c.stages[0];
  REQUIRE(first.evidence.size() == 2);
  const finding& soft = first.evidence.findings()[0];
  CHECK(soft.variable == "identity_check");
  REQUIRE(soft.is_soft());
  CHECK(soft.likelihood[0] == Approx(0.1).epsilon(1e-15));
  CHECK(soft.likelihood[1] == Approx(0.1).epsilon(1e-15));
  CHECK(soft.likelihood[2] == 0.8);
  // `~1` is the plain observation, and it replaces the earlier uncertain one.
  const finding& hard = first.evidence.findings()[1];
  CHECK(hard.variable == "flattery");
  CHECK(!hard.is_soft());
  CHECK(hard.state == "yes");
  CHECK(!first.cumulative[1].is_soft());
  // A later stage restates the indicator with another confidence.
  CHECK(c.stages[1].cumulative[0].confidence == 0.6);
  CHECK(c.stages[1].evidence.findings()[0].likelihood[2] == 0.6);
  // On two states the vector is (1 - c, c) around the named state.
  CHECK(soft_likelihood(indicator_named("flattery").states, "no", 0.7) == std::vector<double>{0.7, 0.30000000000000004});
  const std::vector<std::string> two{"no", "yes"};
  REQUIRE_THROWS_AS(soft_likelihood(two, "maybe", 0.7), evidence_error);
  REQUIRE_THROWS_AS(soft_likelihood(two, "yes", 0), evidence_error);
}

TEST_CASE("bad uncertain observations are parse_errors at the '~' or the number", "[domain][case_file]") {
  std::string msg;
  std::size_t col = 0;
  CHECK(error_line("label pitch\nflattery=yes~\n", &msg, &col) == 2);
  CHECK_THAT(msg, Contains("'~' without a confidence") && Contains("flattery=yes~<number in (0, 1]>"));
  CHECK(col == 13);
  for (const char* bad : {"0", "0.0", "1.5", "1.0000001", "1e3"}) {
    INFO(bad);
    CHECK(error_line(std::string("label pitch\n  flattery=yes~") + bad + "\n", &msg, &col) == 2);
    CHECK_THAT(msg, Contains("outside (0, 1]"));
    CHECK(col == 16);
  }
  for (const char* bad : {"-0.5", "nan", "inf", "0x0.8", "70%", "0,7", "0.5~0.5", "likely", " 0.5"}) {
    INFO(bad);
    CHECK(error_line(std::string("label pitch\nflattery=yes~") + bad + "\n", &msg) == 2);
    CHECK_THAT(msg, Contains("confidence '") || Contains("has blanks"));
  }
  CHECK(error_line("label pitch\nflattery=perhaps~0.7\n", &msg) == 2);
  CHECK_THAT(msg, Contains("no state 'perhaps'"));
  CHECK(error_line("label pitch\nflattery=~0.7\n", &msg) == 2);
  CHECK_THAT(msg, Contains("no state ''"));
  CHECK(error_line("label pitch\nstage exposure\nauthority_flag=flagged~0.9\n", &msg, &col) == 3);
  CHECK_THAT(msg, Contains("authority_flag takes no '~'"));
  CHECK(col == 23);
  CHECK(error_line("label pitch\nauthority_flag=none~0.9\n") == 2);
  CHECK(error_line("label pitch\nflattery=yes~0.5\nflattery=no~0.5\n", &msg) == 3);
  CHECK_THAT(msg, Contains("twice"));
}

TEST_CASE("a trailing comment is named as such, not as blanks", "[domain][case_file]") {
  std::string msg;
  std::size_t col = 0;
  CHECK(error_line("label pitch\nflattery=yes # said twice\n", &msg, &col) == 2);
  CHECK_THAT(msg, Contains("trailing comment '# said twice'") && Contains("whole line"));
  CHECK_THAT(msg, !Contains("blanks"));
  CHECK(col == 14);
  CHECK(error_line("label pitch\t# sure\n", &msg) == 1);
  CHECK_THAT(msg, Contains("trailing comment"));
  CHECK(error_line("label pitch\nstage a 2020-01-01 # Tuesday\n", &msg) == 2);
  CHECK_THAT(msg, Contains("trailing comment"));
  // A '#' inside a URL is part of it; blanks around '=' are still "blanks".
  CHECK(error_line("label pitch\nsource https://example.org/page#section\n") == 0);
  CHECK(error_line("label pitch\nflattery = yes\n", &msg) == 2);
  CHECK_THAT(msg, Contains("has blanks"));
}

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
    CHECK_THAT(msg, Contains("expected 'pitch' or 'benign' (or 'unknown'"));
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
    CHECK(error_line("label pitch\nflattery=yes # trailing\n", &msg) == 2);
    CHECK_THAT(msg, Contains("trailing comment"));
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

}  // namespace case_file_test
