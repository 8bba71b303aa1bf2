// SPDX-License-Identifier: MIT
// pitchrisk-sample, pitchrisk-learn parameters and pitchrisk-evaluate end to end: sample a
// network, learn its parameters back (counting and EM), evaluate, and errors that are one
// line on stderr with exit status 1 (2 for a bad command line).
#include <catch2/catch.hpp>

#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/io/csv.hpp"
#include "support/programs.hpp"
#include "support/networks.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace learning_tools_test {  // one namespace per file: the tests compile in unity batches

#if defined(PITCHRISK_SAMPLE_EXE) && defined(PITCHRISK_LEARN_EXE) && defined(PITCHRISK_EVALUATE_EXE)

namespace {

namespace fs = std::filesystem;
using namespace pitchrisk;

using run_result = pitchrisk::test::program_run;
using pitchrisk::test::one_line;
using pitchrisk::test::run_program;
using pitchrisk::test::slurp;

const fs::path work = fs::temp_directory_path() / "pitchrisk_learning_tools_test";

run_result run(const std::string& exe, const std::string& args) { return run_program(exe, args); }

std::string q(const fs::path& p) { return pitchrisk::test::quoted(p); }

/// asia written once for the runs.
fs::path asia_file() {
  fs::create_directories(work);
  const fs::path p = work / "asia.bif";
  io::write_bif(test::asia(), p);
  return p;
}

}  // namespace

TEST_CASE("pitchrisk-sample writes seeded CSV records, with missing cells and hidden columns", "[tools][learning]") {
  const fs::path net = asia_file();
  const run_result a = run(PITCHRISK_SAMPLE_EXE, q(net) + " 500 --seed 4 --missing 0.25 --hide either,tub");
  REQUIRE(a.status == 0);
  CHECK(a.err.empty());
  const run_result b = run(PITCHRISK_SAMPLE_EXE, q(net) + " 500 --seed 4 --missing 0.25 --hide either,tub --threads 3");
  CHECK(b.out == a.out);  // same records on three threads
  const dataset d = io::read_csv_string(a.out, test::asia(), "sampled.csv");
  CHECK(d.rows() == 500);
  CHECK(a.out.rfind("asia,smoke,lung,bronc,xray,dysp\n", 0) == 0);
  CHECK(static_cast<double>(d.missing_cells()) == Approx(500 * 8 * 0.25 + 500 * 2 * 0.75).epsilon(0.1));
  const run_result c = run(PITCHRISK_SAMPLE_EXE, q(net) + " 500 --seed 5");
  CHECK(c.out != a.out);
  const run_result help = run(PITCHRISK_SAMPLE_EXE, "--help");
  CHECK(help.status == 0);
  for (const char* option : {"--seed", "--missing", "--hide", "--threads", "--out", "--version"})
    CHECK(help.out.find(option) != std::string::npos);
  const run_result bad = run(PITCHRISK_SAMPLE_EXE, q(net) + " 10 --hide nope");
  CHECK(bad.status == 1);
  CHECK(one_line(bad.err));
  CHECK(bad.err.find("'nope'") != std::string::npos);
  CHECK(run(PITCHRISK_SAMPLE_EXE, q(net) + " 10 --missing 2").status == 2);
}

TEST_CASE("pitchrisk-learn parameters counts complete data and runs EM on missing cells", "[tools][learning]") {
  const fs::path net = asia_file();
  const fs::path complete = work / "complete.csv", partial = work / "partial.csv";
  REQUIRE(run(PITCHRISK_SAMPLE_EXE, q(net) + " 20000 --seed 1 --out " + q(complete)).status == 0);
  REQUIRE(run(PITCHRISK_SAMPLE_EXE, q(net) + " 5000 --seed 2 --missing 0.2 --out " + q(partial)).status == 0);
  const fs::path counted = work / "counted.bif", em = work / "em.bif";
  const run_result c = run(PITCHRISK_LEARN_EXE, "parameters --network " + q(net) + " --data " + q(complete) +
                                                    " --out " + q(counted) + " --prior bdeu --ess 2");
  REQUIRE(c.status == 0);
  CHECK(c.err.find("counted 20000 complete records") != std::string::npos);
  const network learned = io::read_bif(counted);
  CHECK(learned.probability(learned.id("smoke"), 0, {}) == Approx(0.5).margin(0.02));
  const run_result e = run(PITCHRISK_LEARN_EXE, "parameters --network " + q(net) + " --data " + q(partial) +
                                                    " --out " + q(em) + " --threads 2");
  REQUIRE(e.status == 0);
  CHECK(e.err.find("EM on 5000 records") != std::string::npos);
  CHECK(e.err.find("converged") != std::string::npos);
  const network em_net = io::read_bif(em);
  const std::vector<Eigen::Index> smoker{0};
  CHECK(em_net.probability(em_net.id("bronc"), 0, smoker) == Approx(0.6).margin(0.05));
  const run_result help = run(PITCHRISK_LEARN_EXE, "parameters --help");
  CHECK(help.status == 0);
  for (const char* option : {"--network", "--data", "--out", "--prior", "--ess", "--max-iterations", "--restarts",
                             "--seed", "--threads", "--tolerance"})
    CHECK(help.out.find(option) != std::string::npos);
  // A state the network does not know: one line naming the file, line and column.
  const fs::path bad = work / "bad.csv";
  std::ofstream(bad) << "smoke,xray\nyes,no\nmaybe,no\n";
  const run_result r = run(PITCHRISK_LEARN_EXE, "parameters --network " + q(net) + " --data " + q(bad) + " --out " +
                                                    q(work / "never.bif"));
  CHECK(r.status == 1);
  CHECK(one_line(r.err));
  CHECK(r.err.find("bad.csv:3:1: unknown state 'maybe'") != std::string::npos);
  CHECK(run(PITCHRISK_LEARN_EXE, "parameters --network " + q(net) + " --data " + q(bad) + " --out x.bif --prior nope")
            .status == 1);
  CHECK(run(PITCHRISK_LEARN_EXE, "").status == 2);
}

TEST_CASE("pitchrisk-evaluate prints the log-likelihood, target measures and cross-validation", "[tools][learning]") {
  const fs::path net = asia_file();
  const fs::path data = work / "eval.csv";
  REQUIRE(run(PITCHRISK_SAMPLE_EXE, q(net) + " 2000 --seed 7 --missing 0.1 --out " + q(data)).status == 0);
  const run_result r = run(PITCHRISK_EVALUATE_EXE, q(net) + " " + q(data) + " --target either --bins 5");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("records\t2000\n") != std::string::npos);
  CHECK(r.out.find("log-likelihood per record\t-") != std::string::npos);
  CHECK(r.out.find("AUC\t") != std::string::npos);
  CHECK(r.out.find("calibration of P(either = no)") != std::string::npos);
  const run_result cv = run(PITCHRISK_EVALUATE_EXE, q(net) + " " + q(data) + " --folds 3 --learn bdeu");
  REQUIRE(cv.status == 0);
  CHECK(cv.out.find("\n3\t") != std::string::npos);
  CHECK(cv.out.find("mean\t") != std::string::npos);
  const run_result help = run(PITCHRISK_EVALUATE_EXE, "--help");
  for (const char* option : {"--target", "--state", "--bins", "--folds", "--learn", "--ess", "--seed", "--threads"})
    CHECK(help.out.find(option) != std::string::npos);
  const run_result bad = run(PITCHRISK_EVALUATE_EXE, q(net) + " " + q(data) + " --target nope");
  CHECK(bad.status == 1);
  CHECK(one_line(bad.err));
}

#endif

}  // namespace learning_tools_test
