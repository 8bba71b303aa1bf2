// SPDX-License-Identifier: MIT
// pitchrisk-query with the approximate engines and --map: standard-error lines after the
// marginals, a map line per case, refusals (zero budget, Gibbs on deterministic CPTs).
#include "pitchrisk/io/reference.hpp"

#include "support/programs.hpp"
#include "support/shared_data.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace query_approximate_test {  // one namespace per file: the tests compile in unity batches

namespace {

using run_result = pitchrisk::test::program_run;

run_result run_query(const std::string& args) { return pitchrisk::test::run_program(PITCHRISK_QUERY_EXE, args); }

std::vector<std::string> lines_starting(const std::string& text, const std::string& head) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(head, 0) == 0) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("pitchrisk-query --engine lw prints standard errors and --map a MAP line per case", "[tools][query]") {
  if (!pitchrisk::test::have_shared_data()) {
    WARN("skipped: no shared data at " << pitchrisk::test::shared_dir());
    return;
  }
  const std::string net = "\"" + pitchrisk::test::shared_network_path("asia").string() + "\"";
  const std::string ref = pitchrisk::test::shared_reference_path("asia.ref").string();
  const auto want = pitchrisk::io::read_reference(ref);
  const run_result r = run_query(net + " \"" + ref + "\" --engine lw --samples 50000 --seed 3 --map tub,lung");
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  const auto marginals = lines_starting(r.out, "marginal ");
  const auto se = lines_starting(r.out, "se ");
  CHECK(marginals.size() == se.size());
  CHECK(lines_starting(r.out, "map ").size() == want.size());
  // Every marginal within 5 standard errors (+ 1e-9) of the reference.
  std::size_t at = 0;
  for (const auto& c : want)
    for (const auto& m : c.marginals) {
      REQUIRE(at < marginals.size());
      std::istringstream pm(marginals[at]), ps(se[at]);
      std::string word, name, name2;
      pm >> word >> name;
      ps >> word >> name2;
      CHECK(name == m.variable);
      CHECK(name2 == m.variable);
      for (const double p : m.probabilities) {
        double got = 0, e = 0;
        pm >> got;
        ps >> e;
        CHECK(std::abs(got - p) <= 5 * e + 1e-9);
      }
      ++at;
    }
  // Same seed, same output, on 2 threads.
  const run_result two = run_query(net + " \"" + ref + "\" --engine lw --samples 50000 --seed 3 --threads 2 --map tub,lung");
  CHECK(lines_starting(two.out, "marginal ") == marginals);
}

TEST_CASE("pitchrisk-query refuses a zero budget and Gibbs on deterministic CPTs", "[tools][query]") {
  if (!pitchrisk::test::have_shared_data()) {
    WARN("skipped: no shared data at " << pitchrisk::test::shared_dir());
    return;
  }
  const std::string net = "\"" + pitchrisk::test::shared_network_path("asia").string() + "\"";
  const std::string ref = "\"" + pitchrisk::test::shared_reference_path("asia.ref").string() + "\"";
  const run_result zero = run_query(net + " " + ref + " --engine is --samples 0");
  CHECK(zero.status == 2);  // refused by the command line (the engines refuse it too: inference tests)
  CHECK(zero.err.find("--samples") != std::string::npos);
  const run_result gibbs = run_query(net + " " + ref + " --engine gibbs");
  CHECK(gibbs.status == 1);
  CHECK(gibbs.err.find("cpt 'either'") != std::string::npos);
  const run_result lbp = run_query(net + " " + ref + " --engine lbp --iterations 50");
  CHECK(lbp.status == 0);
  CHECK(lines_starting(lbp.out, "# lbp iterations").size() == 10);
  const run_result bad = run_query(net + " " + ref + " --map tub,,lung");
  CHECK(bad.status == 2);
  const run_result unknown = run_query(net + " " + ref + " --map tub,lungs");
  CHECK(unknown.status == 1);
  CHECK(unknown.err.find("lungs") != std::string::npos);
}

}  // namespace query_approximate_test
