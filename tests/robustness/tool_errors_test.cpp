// SPDX-License-Identifier: MIT
// The command-line tools on the bad-input catalogue: for every bad file, pitchrisk-query
// (.bif, .ref) and pitchrisk-score (.case) must exit with status 1 (not crash, not 0) and
// write exactly one line on standard error that names the file. (pitchrisk-query reads
// only the questions of a .ref file: files whose fault is in an answer line are skipped.) Skipped (with a WARN)
// when the tools are not built (PITCHRISK_BUILD_EXAMPLES=OFF).
#include "pitchrisk/io/reference.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace tool_errors_test {  // one namespace per file: the tests compile in unity batches

namespace {

namespace fs = std::filesystem;
const fs::path catalogue_dir = fs::path(PITCHRISK_SOURCE_DIR) / "tests" / "robustness" / "catalogue";

struct run_result {
  int status = -1;  ///< exit status, or 128 + signal
  std::string err;
};

run_result run(const std::string& command) {
  const fs::path err_file = fs::temp_directory_path() / ("pitchrisk_tool_err_" + std::to_string(::getpid()));
  const std::string full = command + " > /dev/null 2> '" + err_file.string() + "' < /dev/null";
  const int raw = std::system(full.c_str());
  run_result r;
  if (WIFEXITED(raw)) r.status = WEXITSTATUS(raw);
  if (WIFSIGNALED(raw)) r.status = 128 + WTERMSIG(raw);
  std::ifstream in(err_file, std::ios::binary);
  r.err.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  fs::remove(err_file);
  return r;
}

struct bad_file {
  std::string file;
  std::string expected;
};

std::vector<bad_file> bad_files() {
  std::ifstream in(catalogue_dir / "index.tsv");
  std::vector<bad_file> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::string file = line.substr(0, line.find('\t'));
    const std::size_t a = line.find('\t') + 1;
    const std::string expected = line.substr(a, line.find('\t', a) - a);
    if (expected != "ok") out.push_back({file, expected});
  }
  return out;
}

void check_one_line_error(const run_result& r, const std::string& file) {
  INFO("stderr: " << r.err.substr(0, 500));
  CHECK(r.status == 1);
  CHECK(!r.err.empty());
  CHECK(r.err.back() == '\n');
  CHECK(r.err.find('\n') == r.err.size() - 1);  // exactly one line
  CHECK(r.err.find(fs::path(file).filename().string()) != std::string::npos);
  CHECK(r.err.size() < 2000);
}

}  // namespace

TEST_CASE("pitchrisk-query turns every bad .bif, .uai and .ref file into one line on stderr and status 1",
          "[robustness][tools]") {
#ifndef PITCHRISK_QUERY_EXE
  WARN("skipped: pitchrisk-query is not built");
#else
  const std::string exe = PITCHRISK_QUERY_EXE;
  const std::string good_bif = (catalogue_dir / "bif" / "ok_crlf.bif").string();
  std::size_t n = 0;
  for (const bad_file& f : bad_files()) {
    const std::string path = (catalogue_dir / f.file).string();
    INFO(f.file << " (" << f.expected << ")");
    if (f.file.rfind("bif/", 0) == 0 || f.file.rfind("uai/", 0) == 0) {
      check_one_line_error(run("'" + exe + "' '" + path + "'"), path);
      ++n;
    } else if (f.file.rfind("ref/", 0) == 0) {
      bool refused = false;
      try {
        (void)pitchrisk::io::read_reference(path, false);
      } catch (const pitchrisk::error&) {
        refused = true;
      }
      if (!refused) continue;  // a fault in an answer line, which the tool does not read
      check_one_line_error(run("'" + exe + "' '" + good_bif + "' '" + path + "'"), path);
      ++n;
    }
  }
  CHECK(n >= 105);
#endif
}

TEST_CASE("pitchrisk-score turns every bad .case file into one line on stderr and status 1", "[robustness][tools]") {
#ifndef PITCHRISK_SCORE_EXE
  WARN("skipped: pitchrisk-score is not built");
#else
  const std::string exe = PITCHRISK_SCORE_EXE;
  std::size_t n = 0;
  for (const bad_file& f : bad_files()) {
    if (f.file.rfind("case/", 0) != 0) continue;
    const std::string path = (catalogue_dir / f.file).string();
    INFO(f.file << " (" << f.expected << ")");
    check_one_line_error(run("'" + exe + "' '" + path + "'"), path);
    ++n;
  }
  CHECK(n >= 25);
  // A bad network given with --model is reported the same way.
  const std::string model = (catalogue_dir / "bif" / "cycle.bif").string();
  const std::string a_case = (catalogue_dir / "case" / "ok_crlf.case").string();
  check_one_line_error(run("'" + exe + "' --model '" + model + "' '" + a_case + "'"), model);
#endif
}

}  // namespace tool_errors_test
