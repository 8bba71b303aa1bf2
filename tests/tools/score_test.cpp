// SPDX-License-Identifier: MIT
// pitchrisk-score end to end: TSV, JSON and text over the case files, models written and
// read back, and errors that are one line on stderr naming the file, line and fault.
#include <catch2/catch.hpp>

#include "support/programs.hpp"
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace score_test {  // one namespace per file: the tests compile in unity batches

#ifdef PITCHRISK_SCORE_EXE

namespace {

namespace fs = std::filesystem;

using run_result = pitchrisk::test::program_run;
using pitchrisk::test::one_line;
using pitchrisk::test::slurp;

run_result score(const std::string& args) { return pitchrisk::test::run_program(PITCHRISK_SCORE_EXE, args); }

std::string write_temp(const std::string& name, const std::string& text) {
  const fs::path p = fs::temp_directory_path() / "pitchrisk_score_test" / name;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
  return p.string();
}

const std::string cases_dir = (fs::path(PITCHRISK_SOURCE_DIR) / "examples" / "data" / "cases").string();

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}


}  // namespace

TEST_CASE("pitchrisk-score --format tsv prints a header and one row per case and stage", "[tools][score]") {
  const run_result r = score("--format tsv --samples 8 \"" + cases_dir + "\"");
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  const auto rows = lines(r.out);
  REQUIRE(rows.size() == 1 + 19);  // 8 case files with 19 stages in all
  CHECK(rows[0].rfind("case\tstage\tlabel\tp_pitch\tp_low\tp_high\tp_officer\ttop_finding", 0) == 0);
  CHECK(rows[1].rfind("benign_diplomat_public_event_journalist\tfirst_meeting\tbenign\t", 0) == 0);
  // Files named one by one give the same rows as their folder.
  const run_result one = score("--format tsv --samples 8 \"" + cases_dir + "/svr_tutoring_ad_engineer.case\"");
  REQUIRE(one.status == 0);
  const auto svr = lines(one.out);
  REQUIRE(svr.size() == 5);
  CHECK(std::find(rows.begin(), rows.end(), svr[3]) != rows.end());
}

TEST_CASE("pitchrisk-score gives the same bytes on 1 and 4 threads, with no progress when stderr is a file",
          "[tools][score]") {
  const std::string library = (fs::path(PITCHRISK_SOURCE_DIR) / "examples" / "data" / "library").string();
  const std::string inputs = "\"" + cases_dir + "\" \"" + library + "/intelligence\" \"" + library + "/non_intelligence\"";
  const run_result one = score("--format tsv --samples 10 --threads 1 " + inputs);
  const run_result four = score("--format tsv --samples 10 --threads 4 " + inputs);
  REQUIRE(one.status == 0);
  REQUIRE(four.status == 0);
  CHECK(lines(one.out).size() > 100);
  CHECK(one.out == four.out);
  CHECK(one.err.empty());  // progress is for a terminal only
  CHECK(four.err.empty());
  const run_result json1 = score("--format jsonl --samples 10 --threads 1 " + inputs);
  const run_result json4 = score("--format jsonl --samples 10 --threads 3 " + inputs);
  CHECK(json1.out == json4.out);
}

TEST_CASE("pitchrisk-score scores files given one by one (a shell glob) as their folder", "[tools][score]") {
  // Consecutive file inputs are scored as one list: the same bytes as the folder, on 1 and
  // 3 threads.
  const fs::path folder = fs::path(PITCHRISK_SOURCE_DIR) / "examples" / "data" / "library" / "intelligence";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(folder))
    if (e.path().extension() == ".case") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() > 20);
  std::string one_by_one;
  for (const fs::path& f : files) one_by_one += " \"" + f.string() + "\"";
  const run_result whole = score("--format tsv --samples 10 --threads 1 \"" + folder.string() + "\"");
  const run_result glob1 = score("--format tsv --samples 10 --threads 1" + one_by_one);
  const run_result glob3 = score("--format tsv --samples 10 --threads 3" + one_by_one);
  REQUIRE(whole.status == 0);
  REQUIRE(glob1.status == 0);
  CHECK(glob1.out == whole.out);
  CHECK(glob3.out == whole.out);
  // Bad files among them: each reported on stderr (one line, in file order), the others
  // scored: the same bytes as the folder, whatever the thread count, and exit status 1.
  const fs::path bad = fs::temp_directory_path() / "pitchrisk_score_glob_bad.case";
  std::ofstream(bad) << "label pitch\nstage first\nno_such_indicator=yes\n";
  std::string with_bad;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (i == 1) with_bad += " \"" + bad.string() + "\"";
    with_bad += " \"" + files[i].string() + "\"";
  }
  for (const char* threads : {"1", "3"}) {
    const run_result went_on = score(std::string("--format tsv --samples 10 --threads ") + threads + with_bad);
    CHECK(went_on.status == 1);
    CHECK(went_on.out == whole.out);
    CHECK(lines(went_on.err).size() == 1);
    CHECK(went_on.err.find("pitchrisk_score_glob_bad.case:3") != std::string::npos);
  }
  // --fail-fast: the files before the first bad one are written, then its error, nothing after.
  const std::string middle = " \"" + files[0].string() + "\" \"" + bad.string() + "\" \"" + files[1].string() + "\"";
  const run_result stopped = score("--fail-fast --format tsv --samples 10" + middle);
  const run_result first = score("--format tsv --samples 10 \"" + files[0].string() + "\"");
  CHECK(stopped.status == 1);
  CHECK(stopped.out == first.out);
  CHECK(stopped.err.find("pitchrisk_score_glob_bad.case") != std::string::npos);
  const run_result went_on = score("--format tsv --samples 10" + middle);
  const run_result both = score("--format tsv --samples 10 \"" + files[0].string() + "\" \"" + files[1].string() + "\"");
  CHECK(went_on.status == 1);
  CHECK(went_on.out == both.out);
  fs::remove(bad);
}

TEST_CASE("pitchrisk-score prints a text report by default and JSON on request", "[tools][score]") {
  const std::string file = "\"" + cases_dir + "/gru_attache_journalist_paris.case\"";
  const run_result text = score("--samples 8 " + file);
  REQUIRE(text.status == 0);
  CHECK(text.out.rfind("== gru_attache_journalist_paris (label: pitch", 0) == 0);
  CHECK(text.out.find("personal_probing=persistent") != std::string::npos);
  const run_result json = score("--format json --samples 8 " + file);
  REQUIRE(json.status == 0);
  CHECK(json.out.rfind("{\n  \"cases\": [", 0) == 0);
  CHECK(json.out.find("\"stage\": \"second_meeting\"") != std::string::npos);
}

TEST_CASE("pitchrisk-score JSON and JSON Lines read back as JSON, the same whatever the thread count",
          "[tools][score]") {
  const std::string inputs = "\"" + cases_dir + "\"";
  const run_result json1 = score("--format json --samples 4 --threads 1 " + inputs);
  const run_result json2 = score("--format json --samples 4 --threads 2 " + inputs);
  REQUIRE(json1.status == 0);
  CHECK(json1.out == json2.out);
  const nlohmann::json all = nlohmann::json::parse(json1.out);
  REQUIRE(all["cases"].size() == 8);
  const run_result jsonl = score("--format jsonl --samples 4 " + inputs);
  REQUIRE(jsonl.status == 0);
  const auto rows = lines(jsonl.out);
  REQUIRE(rows.size() == 8);
  for (std::size_t i = 0; i < rows.size(); ++i) CHECK(nlohmann::json::parse(rows[i]) == all["cases"][i]);
  // The TSV's scores are the JSON's, rounded to three decimals.
  const run_result tsv = score("--format tsv --samples 4 " + inputs);
  const auto tsv_rows = lines(tsv.out);
  std::size_t row = 1;
  for (const nlohmann::json& c : all["cases"])
    for (const nlohmann::json& stage : c["stages"]) {
      REQUIRE(row < tsv_rows.size());
      char p[16];
      std::snprintf(p, sizeof p, "%.3f", stage["assessment"]["p_pitch"].get<double>());
      CHECK(tsv_rows[row++].find("\t" + std::string(p) + "\t") != std::string::npos);
    }
}

TEST_CASE("pitchrisk-score --format tsv ends each row with the stage's date and the days since the stage before",
          "[tools][score]") {
  const std::string dated = write_temp("dated_review.case",
                                       "label unknown\nstage first_call 2024-01-10\nfirst_contact_channel=online_unsolicited\n"
                                       "stage dinner 2024-01-22\nflattery=yes\nstage gift 2024-03-01\ngifts_hospitality=modest\n");
  const run_result r = score("--format tsv --samples 0 \"" + dated + "\" \"" + cases_dir + "/svr_tutoring_ad_engineer.case\"");
  REQUIRE(r.status == 0);
  const auto rows = lines(r.out);
  REQUIRE(rows.size() == 1 + 3 + 4);
  const auto ends_with = [](const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
  };
  CHECK(ends_with(rows[0], "\tbase_rate\tdate\tdays_since_previous"));
  CHECK(ends_with(rows[1], "\t2024-01-10\t-"));
  CHECK(ends_with(rows[2], "\t2024-01-22\t12"));
  CHECK(ends_with(rows[3], "\t2024-03-01\t39"));  // 2024 is a leap year
  for (std::size_t k = 4; k < rows.size(); ++k) CHECK(ends_with(rows[k], "\t-\t-"));  // an undated case
  const run_result text = score("--samples 0 \"" + dated + "\"");
  CHECK(text.out.find("2024-03-01 +39") != std::string::npos);
}

TEST_CASE("pitchrisk-score writes the model and scores with a model read back", "[tools][score]") {
  const fs::path dir = fs::temp_directory_path() / "pitchrisk_score_test";
  fs::create_directories(dir);
  const std::string bif = (dir / "approach.bif").string(), dot = (dir / "approach.dot").string();
  const run_result w = score("--export-model \"" + bif + "\" --dot \"" + dot + "\"");
  REQUIRE(w.status == 0);
  CHECK(slurp(bif).rfind("network approach_risk", 0) == 0);
  CHECK(slurp(dot).rfind("digraph", 0) == 0);
  const std::string file = " \"" + cases_dir + "/svr_tutoring_ad_engineer.case\"";
  const run_result builtin = score("--format tsv --samples 0" + file);
  // The built-in calibration table belongs to the built-in model: with --model it is quoted
  // only when given as --calibration.
  const std::string table = (fs::path(PITCHRISK_SOURCE_DIR) / "examples" / "data" / "calibration.tsv").string();
  const run_result read = score("--format tsv --samples 0 --model \"" + bif + "\" --calibration \"" + table + "\"" + file);
  REQUIRE(builtin.status == 0);
  REQUIRE(read.status == 0);
  CHECK(read.out == builtin.out);
  const run_result bare = score("--format tsv --samples 0 --model \"" + bif + "\"" + file);
  REQUIRE(bare.status == 0);
  CHECK(bare.out.find("\t-\t-\t-\t0.0200\t-\t-\n") != std::string::npos);  // no library bin; undated
  CHECK(builtin.out.find("\t-\t-\t-\t0.0200\t-\t-\n") == std::string::npos);
}

TEST_CASE("pitchrisk-score quotes the calibration table it is given and states the base rate", "[tools][score]") {
  // A table of our own, read at run time: its numbers appear in the report.
  const std::string table = write_temp("table.tsv",
                                       "# scope: a made-up library\nlow\thigh\tmean_score\tobserved\tpitches\tcount\n"
                                       "0.00\t0.50\t0.1\t0.25\t7\t28\n0.50\t1.00\t0.9\t0.90\t9\t10\n");
  const std::string file = " \"" + cases_dir + "/svr_tutoring_ad_engineer.case\"";
  const run_result r = score("--samples 0 --calibration \"" + table + "\"" + file);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("calibration:   In the library (a made-up library), stages scored 0.5-1.0 were pitches 9 of 10 times (of all its 38 stages 16") !=
        std::string::npos);
  CHECK(r.out.find("P(officer) = 0.0200) is an assumption") != std::string::npos);
  // Another base rate: stated, and the built-in table (measured at 0.02) is not quoted.
  const run_result other = score("--samples 0 --base-rate 0.1" + file);
  REQUIRE(other.status == 0);
  CHECK(other.out.find("P(officer) = 0.1000) is an assumption") != std::string::npos);
  CHECK(other.out.find("calibration:") == std::string::npos);
  // The threshold: above every possible change, no question is suggested.
  const run_result none = score("--samples 0 --question-threshold 1" + file);
  REQUIRE(none.status == 0);
  CHECK(none.out.find("next questions") == std::string::npos);
  const run_result bad = score("--samples 0 --calibration \"" + file.substr(2, file.size() - 3) + "\"" + file);
  CHECK(bad.status == 1);
  CHECK(bad.err.find("expected the header") != std::string::npos);
}

TEST_CASE("pitchrisk-score errors are one line naming file, line and fault", "[tools][score]") {
  const std::string bad = write_temp("bad_state.case", "label pitch\nofficial_cover=ambassador\n");
  const run_result r = score("\"" + bad + "\"");
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(one_line(r.err));
  CHECK(r.err.find("bad_state.case:2") != std::string::npos);
  CHECK(r.err.find("ambassador") != std::string::npos);

  const std::string no_label = write_temp("no_label.case", "official_cover=diplomat\n");
  const run_result l = score("\"" + no_label + "\"");
  CHECK(l.status == 1);
  CHECK(one_line(l.err));
  CHECK(l.err.find("no_label.case") != std::string::npos);

  const run_result missing = score("/nonexistent/folder/x.case");
  CHECK(missing.status == 1);
  CHECK(one_line(missing.err));
  CHECK(missing.err.find("/nonexistent/folder/x.case") != std::string::npos);

  const std::string tiny = write_temp("tiny.bif", "network tiny {}\nvariable intent { type discrete [ 2 ] { hostile, benign }; }\n"
                                                  "probability ( intent ) { table 0.1, 0.9; }\n");
  const run_result m = score("--model \"" + tiny + "\" \"" + cases_dir + "/benign_foundation_grant.case\"");
  CHECK(m.status == 1);
  CHECK(one_line(m.err));
  CHECK(m.err.find("tiny.bif") != std::string::npos);
  CHECK(m.err.find("approacher_is_io") != std::string::npos);

  const std::string broken = write_temp("broken.bif", "network broken {\nvariable x {\n");
  const run_result b = score("--model \"" + broken + "\" \"" + cases_dir + "/benign_foundation_grant.case\"");
  CHECK(b.status == 1);
  CHECK(one_line(b.err));
  CHECK(b.err.find("broken.bif:") != std::string::npos);

  const run_result usage = score("--format xml x.case");
  CHECK(usage.status == 2);
  CHECK(usage.err.find("--format: xml not in {text,tsv,json,jsonl,scores}") != std::string::npos);
}

namespace {

/// The seed cases as one stream of blocks `case NAME` + the file's text.
std::string seed_stream() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(cases_dir))
    if (e.path().extension() == ".case") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::string out;
  for (const auto& f : files) out += "case " + f.stem().string() + "\n" + slurp(f);
  return out;
}

}  // namespace

TEST_CASE("pitchrisk-score - scores a stream of case blocks like the files themselves", "[tools][score]") {
  const std::string stream = write_temp("stream.txt", seed_stream());
  const run_result files = score("--format tsv --samples 0 \"" + cases_dir + "\"");
  const run_result piped = score("--format tsv --samples 0 - < \"" + stream + "\"");
  REQUIRE(files.status == 0);
  REQUIRE(piped.status == 0);
  CHECK(piped.err.empty());
  CHECK(piped.out == files.out);

  const run_result jsonl = score("--format jsonl --samples 0 - < \"" + stream + "\"");
  REQUIRE(jsonl.status == 0);
  const auto rows = lines(jsonl.out);
  CHECK(rows.size() == 8);  // one object per case, one per line
  for (const auto& r : rows) CHECK((r.front() == '{' && r.back() == '}'));
}

TEST_CASE("pitchrisk-score - reports a bad case with its place in the stream and goes on", "[tools][score]") {
  const std::string text = "# a stream\ncase broken\nlabel pitch\nnonsense=1\ncase good\n" +
                           slurp(fs::path(cases_dir) / "svr_tutoring_ad_engineer.case");
  const std::string stream = write_temp("bad_stream.txt", text);
  const run_result r = score("--format tsv --samples 0 - < \"" + stream + "\"");
  CHECK(r.status == 1);  // a case failed
  CHECK(one_line(r.err));
  CHECK(r.err.find("<stdin>:4:1: case 'broken': unknown indicator 'nonsense'") != std::string::npos);
  CHECK(lines(r.out).size() == 1 + 4);  // the header and the good case's four stages

  const run_result fatal = score("--fail-fast --format tsv --samples 0 - < \"" + stream + "\"");
  CHECK(fatal.status == 1);
  CHECK(lines(fatal.out).size() == 1);  // the header only: it stopped at the bad case

  const std::string headless = write_temp("headless.txt", "label pitch\n");
  const run_result h = score("--samples 0 - < \"" + headless + "\"");
  CHECK(h.status == 1);
  CHECK(h.err.find("<stdin>:1:1: expected a line 'case NAME'") != std::string::npos);
}

namespace {

/// The tab-separated fields of a row.
std::vector<std::string> fields(const std::string& row) {
  std::vector<std::string> out;
  std::istringstream in(row);
  for (std::string f; std::getline(in, f, '\t');) out.push_back(f);
  return out;
}

}  // namespace

TEST_CASE("pitchrisk-score --format scores: the TSV's score columns, alone, from files and streams",
          "[tools][score]") {
  const std::string library = (fs::path(PITCHRISK_SOURCE_DIR) / "examples" / "data" / "library").string();
  const std::string dated_case = write_temp("scores_dated.case",
                                            "label unknown\nstage met 2021-01-02\nofficial_cover=attache_or_trade_post\n"
                                            "stage paid 2021-02-03\npayment_channel=cash_or_concealed\n");
  const std::string inputs = "\"" + cases_dir + "\" \"" + library + "/intelligence\" \"" + library +
                             "/non_intelligence\" \"" + dated_case + "\"";
  const run_result full = score("--format tsv --samples 10 --threads 1 " + inputs);
  const run_result alone = score("--format scores --samples 10 --threads 1 " + inputs);
  REQUIRE(full.status == 0);
  REQUIRE(alone.status == 0);
  CHECK(alone.err.empty());
  const auto full_rows = lines(full.out), rows = lines(alone.out);
  REQUIRE(rows.size() == full_rows.size());
  REQUIRE(rows.size() > 100);
  CHECK(rows[0] == "case\tstage\tlabel\tp_pitch\tp_low\tp_high\tdate");
  std::size_t dated = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto a = fields(rows[i]), f = fields(full_rows[i]);
    REQUIRE(a.size() == 7);
    INFO(rows[i]);
    for (std::size_t c = 0; c < 6; ++c) CHECK(a[c] == f[c]);  // case, stage, label, p_pitch, p_low, p_high
    CHECK(a[6] == f[21]);                                     // the date column of the full TSV
    dated += a[6] != "-";
  }
  CHECK(dated == 2);  // the dated case's two stages
  // The same bytes on several threads, and from a stream of the same cases.
  CHECK(score("--format scores --samples 10 --threads 3 " + inputs).out == alone.out);
  const std::string stream = write_temp("scores_stream.txt", seed_stream());
  const run_result piped = score("--format scores --samples 10 - < \"" + stream + "\"");
  const run_result seeds = score("--format scores --samples 10 \"" + cases_dir + "\"");
  REQUIRE(piped.status == 0);
  CHECK(piped.out == seeds.out);
  // Without samples the interval is the point.
  const run_result point = score("--format scores --samples 0 \"" + cases_dir + "\"");
  for (const std::string& row : lines(point.out)) {
    const auto a = fields(row);
    if (a[0] == "case") continue;
    CHECK((a[3] == a[4] && a[4] == a[5]));
  }
  // A bad case: one line naming the file, the other cases written.
  const std::string bad = write_temp("scores_bad/b_bad.case", "label pitch\nofficial_cover=ambassador\n");
  write_temp("scores_bad/a_good.case", slurp(fs::path(cases_dir) / "svr_tutoring_ad_engineer.case"));
  const run_result r = score("--format scores --samples 0 \"" + fs::path(bad).parent_path().string() + "\"");
  CHECK(r.status == 1);
  CHECK(one_line(r.err));
  CHECK(r.err.find("b_bad.case:2") != std::string::npos);
  CHECK(lines(r.out).size() == 1 + 4);  // the header and a_good's four stages
}

TEST_CASE("pitchrisk-score options: help, version and refused values", "[tools][score]") {
  const run_result help = score("--help");
  CHECK(help.status == 0);
  for (const char* option : {"--format", "--model", "--export-model", "--dot", "--samples", "--seed", "--level",
                             "--threads", "--base-rate", "--ess", "--every-stage", "--sensitivity", "--fail-fast",
                             "--version"})
    CHECK(help.out.find(option) != std::string::npos);
  const run_result version = score("--version");
  CHECK(version.status == 0);
  CHECK(version.out.rfind("pitchrisk-score ", 0) == 0);

  const run_result fraction = score("--samples 1.5 x.case");
  CHECK(fraction.status == 2);
  CHECK(fraction.err.find("--samples: expected a whole number, got '1.5'") != std::string::npos);
  for (const char* rate : {"0", "1", "-0.1", "abc"}) {
    const run_result b = score(std::string("--base-rate ") + rate + " x.case");
    CHECK(b.status == 2);
    CHECK(b.err.find("--base-rate: expected a probability strictly between 0 and 1") != std::string::npos);
  }
  const run_result twice = score("- -");
  CHECK(twice.status == 2);
  CHECK(twice.err.find("standard input (-) given twice") != std::string::npos);
  const run_result nothing = score("");
  CHECK(nothing.status == 2);
}

#endif

}  // namespace score_test
