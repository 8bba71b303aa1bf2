// SPDX-License-Identifier: MIT
// pitchrisk-convert and pitchrisk-uai as programs: a round trip through every writable format,
// a UAI answer checked against the engine, --help and --version, and the exit statuses
// (0 done, 1 refused input with one line on stderr, 2 bad command line).
#include <catch2/catch.hpp>

#include "pitchrisk/inference/junction_tree.hpp"
#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/version.hpp"
#include "support/programs.hpp"
#include "support/networks.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace network_tools_test {  // one namespace per file: the tests compile in unity batches

#if defined(PITCHRISK_CONVERT_EXE) && defined(PITCHRISK_UAI_EXE)

namespace {

namespace fs = std::filesystem;
using namespace pitchrisk;

using run_result = test::program_run;
using test::one_line;
using test::quoted;

const fs::path work = fs::temp_directory_path() / "pitchrisk_network_tools_test";

/// asia written once for the runs.
fs::path asia_file() {
  fs::create_directories(work);
  const fs::path p = work / "asia.bif";
  std::ofstream(p) << io::to_bif_string(test::asia());
  return p;
}

}  // namespace

TEST_CASE("pitchrisk-convert and pitchrisk-uai: --help, --version and a bad command line", "[tools][network]") {
  for (const char* exe : {PITCHRISK_CONVERT_EXE, PITCHRISK_UAI_EXE}) {
    const run_result version = test::run_program(exe, "--version");
    CHECK(version.status == 0);
    CHECK(version.out.find(PITCHRISK_VERSION_STRING) != std::string::npos);
    const run_result help = test::run_program(exe, "--help");
    CHECK(help.status == 0);
    CHECK(help.out.find("--version") != std::string::npos);
    const run_result none = test::run_program(exe, "");  // the required arguments missing
    CHECK(none.status == 2);
    CHECK(one_line(none.err));
    const run_result unknown = test::run_program(exe, "--no-such-option x");
    CHECK(unknown.status == 2);
  }
  const run_result bad_format = test::run_program(PITCHRISK_CONVERT_EXE, quoted(asia_file()) + " out.bif --to png");
  CHECK(bad_format.status == 2);
  const run_result bad_task = test::run_program(PITCHRISK_UAI_EXE, quoted(asia_file()) + " --task SUM");
  CHECK(bad_task.status == 2);
}

TEST_CASE("pitchrisk-convert writes every format and converts each back to the same network", "[tools][network]") {
  const network asia = test::asia();
  const junction_tree engine(asia);
  const evidence seen{{"xray", "yes"}, {"smoke", "no"}};
  const auto expected = engine.posteriors(seen);
  for (const char* ext : {".bif", ".uai", ".dne", ".xdsl", ".xml", ".net", ".dsl"}) {
    CAPTURE(ext);
    const fs::path out = work / (std::string("asia") + ext);
    const run_result r = test::run_program(PITCHRISK_CONVERT_EXE, quoted(asia_file()) + " " + quoted(out));
    REQUIRE(r.status == 0);
    CHECK(r.err.empty());
    // Back to BIF by the tool itself (the XML formats need no pugixml in this test program).
    const fs::path again = work / (std::string("asia_back_") + (ext + 1) + ".bif");
    const run_result r_back = test::run_program(PITCHRISK_CONVERT_EXE, quoted(out) + " " + quoted(again));
    REQUIRE(r_back.status == 0);
    const network back = io::read_bif(again.string());
    REQUIRE(back.size() == asia.size());
    // UAI keeps no names: compare by variable id, in the order the BIF declared them.
    const junction_tree back_engine(back);
    evidence by_id;
    by_id.observe(asia.id("xray"), 0).observe(asia.id("smoke"), 1);
    const auto got = back_engine.posteriors(std::string(ext) == ".uai" ? by_id : seen);
    for (std::size_t v = 0; v < expected.size(); ++v)
      for (Eigen::Index s = 0; s < expected[v].size(); ++s) CHECK(got[v][s] == Approx(expected[v][s]).margin(1e-6));
  }
}

TEST_CASE("pitchrisk-uai answers PR as log10 P(e) and refuses a bad file in one line", "[tools][network]") {
  const network asia = test::asia();
  const fs::path uai = work / "asia_pr.uai", evid = work / "asia_pr.uai.evid";
  REQUIRE(test::run_program(PITCHRISK_CONVERT_EXE, quoted(asia_file()) + " " + quoted(uai)).status == 0);
  std::ofstream(evid) << "1 " << asia.id("xray") << " 0\n";
  const run_result pr = test::run_program(PITCHRISK_UAI_EXE, quoted(uai) + " --evid " + quoted(evid) + " --task PR");
  REQUIRE(pr.status == 0);
  std::istringstream answer(pr.out);
  std::string kind;
  double log10_pe = 0;
  answer >> kind >> log10_pe;
  CHECK(kind == "PR");
  const double expected = junction_tree(asia).log_evidence_probability(evidence{}.observe(asia.id("xray"), 0)) / std::log(10.0);
  CHECK(log10_pe == Approx(expected).margin(1e-5));
  const fs::path broken = work / "broken.uai";
  std::ofstream(broken) << "BAYES\n2\n2 2\n1\n1 0\n";  // the tables missing
  const run_result bad = test::run_program(PITCHRISK_UAI_EXE, quoted(broken) + " --task MAR");
  CHECK(bad.status == 1);
  CHECK(one_line(bad.err));
  CHECK(bad.err.find("broken.uai") != std::string::npos);
  const run_result bad_convert = test::run_program(PITCHRISK_CONVERT_EXE, quoted(broken) + " " + quoted(work / "out.bif"));
  CHECK(bad_convert.status == 1);
  CHECK(one_line(bad_convert.err));
  CHECK(bad_convert.err.find("broken.uai") != std::string::npos);
}

#endif

}  // namespace network_tools_test
