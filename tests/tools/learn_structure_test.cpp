// SPDX-License-Identifier: MIT
// pitchrisk-learn structure end to end: records of asia written as CSV, learned back with
// each algorithm, constraints honoured in the BIF written, errors on stderr with status.
#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/io/csv.hpp"
#include "pitchrisk/learning/essential_graph.hpp"
#include "pitchrisk/learning/hill_climbing.hpp"
#include "pitchrisk/learning/sampling.hpp"
#include "support/programs.hpp"
#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace learn_structure_test {  // one namespace per file: the tests compile in unity batches

#ifdef PITCHRISK_LEARN_EXE

namespace {

namespace fs = std::filesystem;
using namespace pitchrisk;

using run_result = pitchrisk::test::program_run;
using pitchrisk::test::slurp;

run_result learn(const std::string& args) { return pitchrisk::test::run_program(PITCHRISK_LEARN_EXE, args); }

struct asia_files {
  fs::path dir = fs::temp_directory_path() / "pitchrisk_learn_structure_test";
  fs::path csv = dir / "asia.csv";
  fs::path bif = dir / "out.bif";
  asia_files() {
    fs::create_directories(dir);
    io::write_csv(csv, sample(test::asia(), 20'000, {.seed = 3}));
  }
  ~asia_files() { fs::remove_all(dir); }
};

}  // namespace

TEST_CASE("pitchrisk-learn structure finds what the library finds and writes its CPTs", "[tools][learn_structure]") {
  const asia_files f;
  const dataset data = io::read_csv(f.csv);
  const learned_structure expected =
      hill_climbing(data, {.score = {.kind = structure_score_kind::bdeu}, .tabu_length = 10});
  for (const char* algorithm : {"tabu --score bdeu", "pc --alpha 0.01"}) {
    const run_result r = learn("structure --data \"" + f.csv.string() + "\" --out \"" + f.bif.string() +
                               "\" --algorithm " + algorithm);
    INFO(algorithm << ": " << r.err);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.err, Catch::Contains("20000 records, 8 variables"));
    const network learned = io::read_bif(f.bif);
    CHECK(learned.size() == 8);
    if (std::string(algorithm).starts_with("tabu")) {
      parent_lists got(8);
      for (Eigen::Index c = 0; c < 8; ++c)
        for (const variable_id p : learned.parents(learned.id(data.name(c))))
          got[static_cast<std::size_t>(c)].push_back(data.column_of(learned.variable(p).name));
      for (auto& ps : got) std::sort(ps.begin(), ps.end());
      CHECK(got == expected.parents);
    }
    CHECK(learned.arc_count() >= 6);
    // CPTs are estimates from the records: P(smoke = yes) = 0.5 in asia, within sampling error.
    const variable_id smoke = learned.id("smoke");
    if (learned.parents(smoke).empty())
      CHECK(learned.cpt(smoke).values()[learned.state(smoke, "yes")] == Approx(0.5).margin(0.015));
  }
}

TEST_CASE("pitchrisk-learn structure honours required and forbidden arcs, tiers and max parents",
          "[tools][learn_structure]") {
  const asia_files f;
  const fs::path tiers = f.dir / "tiers.txt";
  std::ofstream(tiers) << "# causes first\nasia, smoke\ntub lung bronc\n";
  const run_result r = learn("structure --data \"" + f.csv.string() + "\" --out \"" + f.bif.string() +
                             "\" --require \"asia->dysp\" --forbid \"either->xray\" --tiers \"" + tiers.string() +
                             "\" --max-parents 2 --quiet");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  const network learned = io::read_bif(f.bif);
  auto has = [&](const char* a, const char* b) {
    const auto ps = learned.parents(learned.id(b));
    return std::find(ps.begin(), ps.end(), learned.id(a)) != ps.end();
  };
  CHECK(has("asia", "dysp"));
  CHECK_FALSE(has("either", "xray"));
  CHECK_FALSE(has("lung", "smoke"));  // against the tiers
  CHECK_FALSE(has("tub", "asia"));
  for (const variable_id v : learned.variables()) CHECK(learned.parents(v).size() <= 2);
}

TEST_CASE("pitchrisk-learn structure reports bad input", "[tools][learn_structure]") {
  const asia_files f;
  const std::string base = "structure --data \"" + f.csv.string() + "\" --out \"" + f.bif.string() + "\" ";
  const run_result unknown = learn(base + "--require \"asia->nowhere\"");
  CHECK(unknown.status == 1);
  CHECK_THAT(unknown.err, Catch::Contains("the data has no variable 'nowhere'"));
  const run_result score = learn(base + "--score mdl");
  CHECK(score.status == 2);
  CHECK_THAT(score.err, Catch::Contains("unknown structure score 'mdl'"));
  const run_result pc = learn(base + "--algorithm pc --max-parents 2");
  CHECK(pc.status == 2);
  const run_result missing = learn("structure --data /nonexistent/x.csv --out \"" + f.bif.string() + "\"");
  CHECK(missing.status == 1);
  CHECK_THAT(missing.err, Catch::Contains("/nonexistent/x.csv"));
  const run_result help = learn("structure --help");
  CHECK(help.status == 0);
  for (const char* option : {"--data", "--out", "--network", "--algorithm", "--score", "--ess", "--max-parents",
                             "--require", "--forbid", "--tiers", "--restarts", "--tabu-length", "--seed", "--test",
                             "--alpha", "--prior", "--quiet"})
    CHECK_THAT(help.out, Catch::Contains(option));
}

#endif

}  // namespace learn_structure_test
