// SPDX-License-Identifier: MIT
// Replays the committed fuzz corpus (tests/fuzz/corpus/<format>/, including past crashers)
// and the whole bad-input catalogue through the fuzz targets in every build, so the fuzz
// properties (typed errors only, invariants, bit-identical write/read round trips) are
// checked by CTest even where libFuzzer is not available (g++, sanitizer builds).
#include "fuzz/bif_target.hpp"
#include "fuzz/case_target.hpp"
#include "fuzz/csv_target.hpp"
#include "fuzz/dsl_target.hpp"
#include "fuzz/net_target.hpp"
#include "fuzz/reference_target.hpp"
#include "fuzz/uai_target.hpp"
#include "fuzz/xmlbif_target.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fuzz_corpus_test {  // one namespace per file: the tests compile in unity batches

namespace {

namespace fs = std::filesystem;
const fs::path tests_dir = fs::path(PITCHRISK_SOURCE_DIR) / "tests";

std::vector<fs::path> files_under(const fs::path& folder) {
  std::vector<fs::path> out;
  if (!fs::is_directory(folder)) return out;
  for (const auto& e : fs::recursive_directory_iterator(folder))
    if (e.is_regular_file()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string bytes_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

template <class Target>
std::size_t replay(const std::vector<fs::path>& folders, Target target) {
  std::size_t n = 0;
  for (const fs::path& folder : folders)
    for (const fs::path& file : files_under(folder)) {
      INFO(file.string());
      CHECK_NOTHROW(target(bytes_of(file)));
      ++n;
    }
  return n;
}

}  // namespace

TEST_CASE("the BIF fuzz target passes on its corpus and the catalogue", "[robustness][fuzz]") {
  const std::size_t n = replay({tests_dir / "fuzz" / "corpus" / "bif", tests_dir / "robustness" / "catalogue" / "bif"},
                               [](const std::string& s) { pitchrisk::fuzz::bif_target(s); });
  CHECK(n >= 50);
}

TEST_CASE("the UAI fuzz target passes on its corpus and the catalogue", "[robustness][fuzz]") {
  const std::size_t n = replay({tests_dir / "fuzz" / "corpus" / "uai", tests_dir / "robustness" / "catalogue" / "uai"},
                               [](const std::string& s) { pitchrisk::fuzz::uai_target(s); });
  CHECK(n >= 50);
}

TEST_CASE("the .case fuzz target passes on its corpus and the catalogue", "[robustness][fuzz]") {
  const std::size_t n = replay({tests_dir / "fuzz" / "corpus" / "case", tests_dir / "robustness" / "catalogue" / "case"},
                               [](const std::string& s) { pitchrisk::fuzz::case_target(s); });
  CHECK(n >= 30);
}

TEST_CASE("the .ref fuzz target passes on its corpus and the catalogue", "[robustness][fuzz]") {
  const std::size_t n =
      replay({tests_dir / "fuzz" / "corpus" / "reference", tests_dir / "robustness" / "catalogue" / "ref"},
             [](const std::string& s) { pitchrisk::fuzz::reference_target(s); });
  CHECK(n >= 30);
}

TEST_CASE("the fuzz targets reject a broken invariant (they can fail)", "[robustness][fuzz]") {
  // A network the reader accepts must pass the invariant check; a hand-broken comparison
  // must not: require_same_model sees a changed number.
  const auto a = pitchrisk::io::read_bif_string("network n { }\nvariable a { type discrete [ 2 ] { y, n }; }\n"
                                                "probability ( a ) { table 0.25, 0.75; }\n");
  const auto b = pitchrisk::io::read_bif_string("network n { }\nvariable a { type discrete [ 2 ] { y, n }; }\n"
                                                "probability ( a ) { table 0.75, 0.25; }\n");
  CHECK_NOTHROW(pitchrisk::fuzz::require_same_model(a, a, "same"));
  CHECK_THROWS_AS(pitchrisk::fuzz::require_same_model(a, b, "different"), pitchrisk::fuzz::finding);
}

TEST_CASE("the CSV fuzz target passes on its corpus and the catalogue", "[robustness][fuzz]") {
  const std::size_t n = replay({tests_dir / "fuzz" / "corpus" / "csv", tests_dir / "robustness" / "catalogue" / "csv"},
                               [](const std::string& s) { pitchrisk::fuzz::csv_target(s); });
  CHECK(n >= 30);
}

TEST_CASE("the XMLBIF fuzz target passes on its corpus and the catalogue", "[robustness][fuzz]") {
  const std::size_t n = replay({tests_dir / "fuzz" / "corpus" / "xmlbif", tests_dir / "robustness" / "catalogue" / "xmlbif"},
                               [](const std::string& s) { pitchrisk::fuzz::xmlbif_target(s); });
  CHECK(n >= 50);
}

TEST_CASE("the Hugin NET fuzz target passes on its corpus and the catalogue", "[robustness][fuzz]") {
  const std::size_t n = replay({tests_dir / "fuzz" / "corpus" / "net", tests_dir / "robustness" / "catalogue" / "net"},
                               [](const std::string& s) { pitchrisk::fuzz::net_target(s); });
  CHECK(n >= 50);
}

TEST_CASE("the GeNIe DSL fuzz target passes on its corpus and the catalogue", "[robustness][fuzz]") {
  const std::size_t n = replay({tests_dir / "fuzz" / "corpus" / "dsl", tests_dir / "robustness" / "catalogue" / "dsl"},
                               [](const std::string& s) { pitchrisk::fuzz::dsl_target(s); });
  CHECK(n >= 50);
}

}  // namespace fuzz_corpus_test
