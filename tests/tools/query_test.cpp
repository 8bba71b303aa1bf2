// SPDX-License-Identifier: MIT
// pitchrisk-query end to end: its output is a reference file that matches the reference
// it was given; its errors are one line on stderr naming the file, with a non-zero status.
#include "pitchrisk/io/reference.hpp"

#include "support/programs.hpp"
#include "support/shared_data.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace query_test {  // one namespace per file: the tests compile in unity batches

namespace {

using run_result = pitchrisk::test::program_run;

run_result run(const std::string& args) { return pitchrisk::test::run_program(PITCHRISK_QUERY_EXE, args); }

std::string write_temp(const std::string& name, const std::string& text) {
  const auto p = std::filesystem::temp_directory_path() / name;
  std::ofstream(p, std::ios::binary) << text;
  return p.string();
}

}  // namespace

TEST_CASE("pitchrisk-query answers the asia reference cases in the reference grammar", "[tools][query]") {
  if (!pitchrisk::test::have_shared_data()) {
    WARN("skipped: no shared data at " << pitchrisk::test::shared_dir());
    return;
  }
  const std::string ref = pitchrisk::test::shared_reference_path("asia.ref").string();
  const run_result r = run("\"" + pitchrisk::test::shared_network_path("asia").string() + "\" \"" + ref + "\" --mpe --engine ve");
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  const auto got = pitchrisk::io::read_reference_string(r.out, "output");
  const auto want = pitchrisk::io::read_reference(ref);
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CHECK(got[i].index == want[i].index);
    REQUIRE(got[i].marginals.size() == want[i].marginals.size());
    CHECK(*got[i].log_pe == Approx(*want[i].log_pe).margin(1e-12));
    for (std::size_t m = 0; m < got[i].marginals.size(); ++m) {
      CHECK(got[i].marginals[m].variable == want[i].marginals[m].variable);
      for (std::size_t s = 0; s < got[i].marginals[m].probabilities.size(); ++s)
        CHECK(got[i].marginals[m].probabilities[s] == Approx(want[i].marginals[m].probabilities[s]).margin(1e-11));
    }
    REQUIRE(got[i].mpe.size() == want[i].mpe.size());
    for (std::size_t m = 0; m < got[i].mpe.size(); ++m) CHECK(got[i].mpe[m].state == want[i].mpe[m].state);
  }
}

TEST_CASE("pitchrisk-query prints a one-line summary without cases", "[tools][query]") {
  const std::string bif = write_temp("pq_tiny.bif",
                                     "network tiny {}\nvariable a { type discrete [ 2 ] { yes, no }; }\n"
                                     "variable b { type discrete [ 2 ] { yes, no }; }\n"
                                     "probability ( a ) { table 0.3, 0.7; }\n"
                                     "probability ( b | a ) { (yes) 0.9, 0.1; (no) 0.2, 0.8; }\n");
  const run_result r = run("\"" + bif + "\"");
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("2 variables, 1 arcs, 3 parameters"));
}

TEST_CASE("pitchrisk-query errors are one line naming the file and the fault", "[tools][query]") {
  const std::string bif = write_temp("pq_bad.bif", "network x {}\nvariable a { type discrete [ 2 ] { yes, no }; }\nprobability ( a ) { table 0.3, 0.8; }\n");
  const run_result bad_sum = run("\"" + bif + "\"");
  CHECK(bad_sum.status != 0);
  CHECK_THAT(bad_sum.err, Catch::Contains("pq_bad.bif") && Catch::Contains("sums to"));
  CHECK(std::count(bad_sum.err.begin(), bad_sum.err.end(), '\n') == 1);

  const std::string good = write_temp("pq_good.bif", "network x {}\nvariable a { type discrete [ 2 ] { yes, no }; }\nprobability ( a ) { table 0.3, 0.7; }\n");
  const std::string cases = write_temp("pq_cases.ref", "case 0\nevidence a=maybe\nend\n");
  const run_result bad_state = run("\"" + good + "\" \"" + cases + "\"");
  CHECK(bad_state.status != 0);
  CHECK_THAT(bad_state.err, Catch::Contains("pq_cases.ref:1") && Catch::Contains("maybe"));

  const std::string impossible_net = write_temp("pq_det.bif",
      "network x {}\nvariable a { type discrete [ 2 ] { yes, no }; }\nvariable b { type discrete [ 2 ] { yes, no }; }\n"
      "probability ( a ) { table 0.3, 0.7; }\nprobability ( b | a ) { (yes) 1.0, 0.0; (no) 0.0, 1.0; }\n");
  const std::string impossible = write_temp("pq_imp.ref", "case 0\nevidence a=yes b=no\nend\n");
  const run_result zero = run("\"" + impossible_net + "\" \"" + impossible + "\"");
  CHECK(zero.status != 0);
  CHECK_THAT(zero.err, Catch::Contains("P(e) = 0"));

  const run_result missing = run("/nonexistent/net.bif");
  CHECK(missing.status != 0);
  CHECK_THAT(missing.err, Catch::Contains("/nonexistent/net.bif"));

  // Answer lines (logpe, marginal, mpe) are ignored in the input; the evidence line is not.
  const std::string answers = write_temp("pq_ans.ref", "case 0\nevidence a=yes\nlogpe abc\nend\n");
  CHECK(run("\"" + good + "\" \"" + answers + "\"").status == 0);
  const std::string malformed = write_temp("pq_mal.ref", "case 0\nevidence a\nend\n");
  const run_result parse = run("\"" + good + "\" \"" + malformed + "\"");
  CHECK(parse.status != 0);
  CHECK_THAT(parse.err, Catch::Contains("pq_mal.ref:2") && Catch::Contains("VAR=STATE"));

  const run_result usage = run("--engine");
  CHECK(usage.status != 0);
}

TEST_CASE("pitchrisk-query - answers a stream case by case and goes on after a bad block", "[tools][query]") {
  const std::string net = write_temp("pq_stream.bif",
                                     "network tiny {}\nvariable a { type discrete [ 2 ] { yes, no }; }\n"
                                     "variable b { type discrete [ 2 ] { yes, no }; }\n"
                                     "probability ( a ) { table 0.3, 0.7; }\n"
                                     "probability ( b | a ) { (yes) 0.9, 0.1; (no) 0.2, 0.8; }\n");
  // Case 1 names an unknown state, case 2 never ends, 'junk' is outside a case, case 4 is
  // malformed: each is reported with its line on the stream; cases 0, 3 and 5 are answered.
  const std::string input = write_temp("pq_stream.in",
                                       "case 0\nevidence b=yes\nend\n"
                                       "case 1\nevidence b=maybe\nend\n"
                                       "case 2\nevidence a=no\n"
                                       "case 3\nevidence\nend\n"
                                       "junk\n"
                                       "case 4\nevidence a\nend\n"
                                       "case 5\nevidence a=no b=no\nend\n");
  const run_result r = run("\"" + net + "\" - < \"" + input + "\"");
  CHECK(r.status == 1);
  const auto answered = pitchrisk::io::read_reference_string(r.out, "output");
  REQUIRE(answered.size() == 3);
  CHECK(answered[0].index == 0);
  CHECK(answered[1].index == 3);
  CHECK(answered[2].index == 5);
  // P(a = yes | b = yes) = 0.27 / 0.41.
  REQUIRE(answered[0].marginals.size() == 1);
  CHECK(answered[0].marginals[0].probabilities[0] == Approx(0.27 / 0.41).epsilon(1e-12));
  CHECK_THAT(r.err, Catch::Contains("<stdin>:4: case 1: variable 'b' has no state 'maybe'"));
  CHECK_THAT(r.err, Catch::Contains("<stdin>:7: case without 'end'"));
  CHECK_THAT(r.err, Catch::Contains("<stdin>:12: 'junk' outside a case"));
  CHECK_THAT(r.err, Catch::Contains("<stdin>:14: expected VAR=STATE"));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 4);

  const run_result fast = run("\"" + net + "\" - --fail-fast < \"" + input + "\"");
  CHECK(fast.status == 1);
  CHECK(pitchrisk::io::read_reference_string(fast.out, "output").size() == 1);
  CHECK(std::count(fast.err.begin(), fast.err.end(), '\n') == 1);

  // JSON Lines: one object per answered case, the same numbers.
  const run_result json = run("\"" + net + "\" - --format jsonl --mpe < \"" + input + "\"");
  CHECK(json.status == 1);
  CHECK(std::count(json.out.begin(), json.out.end(), '\n') == 3);
  CHECK_THAT(json.out, Catch::StartsWith("{\"case\":0,\"evidence\":{\"b\":\"yes\"},\"logpe\":"));
  CHECK_THAT(json.out, Catch::Contains("\"mpe\":{\"log_probability\":"));
}

TEST_CASE("pitchrisk-query gives the same bytes on 1 and 3 threads, and --help lists every option", "[tools][query]") {
  if (!pitchrisk::test::have_shared_data()) {
    WARN("skipped: no shared data at " << pitchrisk::test::shared_dir());
    return;
  }
  const std::string net = pitchrisk::test::shared_network_path("alarm").string();
  const std::string ref = pitchrisk::test::shared_reference_path("alarm.ref").string();
  const run_result one = run("\"" + net + "\" - --mpe < \"" + ref + "\"");
  const run_result three = run("\"" + net + "\" \"" + ref + "\" --mpe --threads 3");
  REQUIRE(one.status == 0);
  CHECK(one.out == three.out);
  CHECK(pitchrisk::io::read_reference_string(one.out, "output").size() == pitchrisk::io::read_reference(ref).size());
  const run_result help = run("--help");
  CHECK(help.status == 0);
  for (const char* option : {"--engine", "--format", "--mpe", "--map", "--threads", "--lenient", "--samples",
                             "--iterations", "--seed", "--time-budget", "--fail-fast", "--version"})
    CHECK_THAT(help.out, Catch::Contains(option));
  CHECK(run("\"" + net + "\" --threads 0").status == 2);
  CHECK(run("\"" + net + "\" --engine lw --mpe").status == 2);
  CHECK_THAT(run("--version").out, Catch::StartsWith("pitchrisk-query "));
}

}  // namespace query_test
