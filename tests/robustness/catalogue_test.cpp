// SPDX-License-Identifier: MIT
// The bad-input catalogue: every file listed in catalogue/index.tsv is read through the
// public file readers (read_bif, read_uai, read_xmlbif, read_net, read_dsl, read_case, read_reference, read_csv against asia) and must give exactly the
// expected outcome: `ok` (valid oddities such as CRLF, tabs, comments, a BOM must load) or
// one typed error whose message names the file and contains the listed fragment, and, for
// a parse_error, the listed line. Generated inputs too large to commit (huge lines, huge
// counts) are checked at the end.
#include "support/networks.hpp"
#include "support/sanitizers.hpp"

#include "pitchrisk/domain/approach/case_file.hpp"
#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/io/csv.hpp"
#include "pitchrisk/io/dsl.hpp"
#include "pitchrisk/io/net.hpp"
#include "pitchrisk/io/reference.hpp"
#include "pitchrisk/io/uai.hpp"
#include "pitchrisk/io/xmlbif.hpp"

#include <catch2/catch.hpp>

#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace catalogue_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

namespace {

const std::filesystem::path catalogue_dir = std::filesystem::path(PITCHRISK_SOURCE_DIR) / "tests" / "robustness" / "catalogue";

struct entry {
  std::string file;      ///< relative to catalogue_dir
  std::string expected;  ///< ok, parse_error, model_error, size_error, io_error
  std::string line;      ///< "-" or the line a parse_error must name
  std::string fragment;  ///< "-" or a piece of the message
  std::string note;
};

std::vector<std::string> split_tabs(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t tab = s.find('\t', start);
    out.push_back(s.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return out;
    start = tab + 1;
  }
}

std::vector<entry> read_index() {
  std::ifstream in(catalogue_dir / "index.tsv");
  REQUIRE(in);
  std::vector<entry> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto f = split_tabs(line);
    REQUIRE(f.size() == 5);
    out.push_back({f[0], f[1], f[2], f[3], f[4]});
  }
  return out;
}

/// What reading one input gave: "ok", or the error type and its message.
struct outcome {
  std::string type;
  std::string message;
  std::size_t line = 0;
};

/// Runs `read`, classifying what comes out. Anything that is not a pitchrisk::error is
/// reported as "untyped: ..." so that the test fails naming it.
template <class Read>
outcome classify(Read&& read) {
  try {
    read();
    return {"ok", "", 0};
  } catch (const parse_error& e) {
    return {"parse_error", e.what(), e.line()};
  } catch (const size_error& e) {
    return {"size_error", e.what(), 0};
  } catch (const model_error& e) {
    return {"model_error", e.what(), 0};
  } catch (const io_error& e) {
    return {"io_error", e.what(), 0};
  } catch (const evidence_error& e) {
    return {"evidence_error", e.what(), 0};
  } catch (const lookup_error& e) {
    return {"lookup_error", e.what(), 0};
  } catch (const error& e) {
    return {"error", e.what(), 0};
  } catch (const std::exception& e) {
    return {"untyped", e.what(), 0};
  }
}

outcome read_catalogue_file(const std::filesystem::path& path, const std::string& reader) {
  if (reader == "bif") return classify([&] { (void)io::read_bif(path); });
  if (reader == "uai") return classify([&] { (void)io::read_uai(path); });
  if (reader == "xmlbif") return classify([&] { (void)io::read_xmlbif(path); });
  if (reader == "net") return classify([&] { (void)io::read_net(path); });
  if (reader == "dsl") return classify([&] { (void)io::read_dsl(path); });
  if (reader == "case") return classify([&] { (void)approach::read_case(path); });
  if (reader == "ref") return classify([&] { (void)io::read_reference(path); });
  if (reader == "csv") return classify([&] { (void)io::read_csv(path, test::asia()); });
  FAIL("no reader for folder '" << reader << "'");
  return {};
}

}  // namespace

TEST_CASE("every catalogued bad input gives its typed error, every valid oddity loads",
          "[robustness][catalogue]") {
  const std::vector<entry> entries = read_index();
  REQUIRE(entries.size() >= 100);
  std::size_t bad = 0;
  for (const entry& e : entries) {
    const std::filesystem::path path = catalogue_dir / e.file;
    const std::string reader = e.file.substr(0, e.file.find('/'));
    INFO(e.file << " (" << e.note << ")");
    REQUIRE(std::filesystem::exists(path));
    const outcome got = read_catalogue_file(path, reader);
    INFO("got " << got.type << ": " << got.message);
    CHECK(got.type == e.expected);
    if (e.expected == "ok") continue;
    ++bad;
    if (e.fragment != "-") CHECK_THAT(got.message, Catch::Matchers::Contains(e.fragment));
    // Every error from a file reader names the file it was reading.
    CHECK_THAT(got.message, Catch::Matchers::Contains(path.filename().string()));
    if (e.line != "-" && got.type == "parse_error") CHECK(std::to_string(got.line) == e.line);
  }
  CHECK(bad >= 100);
}

TEST_CASE("a missing file or a folder is an io_error naming the path", "[robustness][catalogue]") {
  const std::filesystem::path missing = catalogue_dir / "no_such_file.bif";
  for (const char* reader : {"bif", "uai", "xmlbif", "net", "dsl", "case", "ref", "csv"}) {
    INFO(reader);
    const outcome got = read_catalogue_file(missing, reader);
    CHECK(got.type == "io_error");
    CHECK_THAT(got.message, Catch::Matchers::Contains("no_such_file.bif"));
    const outcome dir = read_catalogue_file(catalogue_dir / "bif", reader);
    INFO("folder: " << dir.type << ": " << dir.message);
    CHECK(dir.type == "io_error");
    CHECK_THAT(dir.message, Catch::Matchers::Contains("directory"));
  }
}

namespace {

/// Reads `text` with one reader, timing it.
outcome timed_read(const std::string& reader, const std::string& text, double& seconds) {
  const std::clock_t start = std::clock();  // processor time: other load on the machine does not count
  outcome got;
  if (reader == "bif") got = classify([&] { (void)io::read_bif_string(text, "huge.bif"); });
  if (reader == "uai") got = classify([&] { (void)io::read_uai_string(text, "huge.uai"); });
  if (reader == "xmlbif") got = classify([&] { (void)io::read_xmlbif_string(text, "huge.xml"); });
  if (reader == "net") got = classify([&] { (void)io::read_net_string(text, "huge.net"); });
  if (reader == "dsl") got = classify([&] { (void)io::read_dsl_string(text, "huge.dsl"); });
  if (reader == "case") got = classify([&] { (void)approach::read_case_string(text, "huge.case"); });
  if (reader == "ref") got = classify([&] { (void)io::read_reference_string(text, "huge.ref"); });
  seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  return got;
}

struct huge_input {
  const char* what;
  std::string reader;
  std::string text;
  std::string expected;
};

std::vector<huge_input> huge_inputs() {
  std::vector<huge_input> out;
  const std::string line(std::size_t{8} << 20, 'a');  // 8 MiB without a line break
  for (const char* reader : {"bif", "uai", "xmlbif", "net", "dsl", "case", "ref"})
    out.push_back({"an 8 MiB line", reader, line, "parse_error"});
  std::string net_states = "net {}\nnode a { states = (";
  for (int i = 0; i < 200000; ++i) net_states += "\"s" + std::to_string(i) + "\" ";
  out.push_back({"a NET node with 200 000 states (data too short)", "net",
                 net_states + "); }\npotential (a) { data = (0.5 0.5); }\n", "parse_error"});
  std::string net_data = "net {}\nnode a { states = (\"y\" \"n\"); }\npotential (a) { data = (";
  for (int i = 0; i < 500000; ++i) net_data += "0.5 ";
  out.push_back({"a NET table of 500 000 numbers for 2 states", "net", net_data + "); }\n", "parse_error"});
  out.push_back({"1 000 000 nested parentheses in NET data", "net",
                 "net {}\nnode a { states = (\"y\" \"n\"); }\npotential (a) { data = " + std::string(1000000, '(') +
                     "0.5 0.5" + std::string(1000000, ')') + "; }\n",
                 "parse_error"});
  std::string dsl_states = "net n {\n node a {\n  TYPE = CPT;\n  DEFINITION = {\n   NAMESTATES = (s0";
  for (int i = 1; i < 200000; ++i) dsl_states += ", s" + std::to_string(i);
  out.push_back({"a DSL node with 200 000 states (probabilities too short)", "dsl",
                 dsl_states + ");\n   PROBABILITIES = (0.5, 0.5);\n  };\n };\n};\n", "parse_error"});
  std::string dsl_table = "net n {\n node a {\n  TYPE = CPT;\n  DEFINITION = {\n   NAMESTATES = (y, n);\n   PROBABILITIES = (0.5";
  for (int i = 1; i < 500000; ++i) dsl_table += ", 0.5";
  out.push_back({"a DSL table of 500 000 numbers for 2 states", "dsl", dsl_table + ");\n  };\n };\n};\n", "parse_error"});
  out.push_back({"1 000 000 nested braces in a skipped DSL block", "dsl",
                 "net n {\n node a {\n  USER_PROPERTIES = " + std::string(1000000, '{') + std::string(1000000, '}') + ";\n };\n};\n",
                 "parse_error"});
  std::string xml_outcomes = "<BIF VERSION=\"0.3\"><NETWORK><VARIABLE><NAME>a</NAME>";
  for (int i = 0; i < 100000; ++i) xml_outcomes += "<OUTCOME>s" + std::to_string(i) + "</OUTCOME>";
  out.push_back({"an XMLBIF variable with 100 000 outcomes and no definition", "xmlbif",
                 xml_outcomes + "</VARIABLE></NETWORK></BIF>", "parse_error"});
  std::string xml_table = "<BIF VERSION=\"0.3\"><NETWORK><VARIABLE><NAME>a</NAME><OUTCOME>y</OUTCOME><OUTCOME>n</OUTCOME>"
                          "</VARIABLE><DEFINITION><FOR>a</FOR><TABLE>";
  for (int i = 0; i < 500000; ++i) xml_table += "0.5 ";
  out.push_back({"an XMLBIF table of 500 000 numbers for 2 outcomes", "xmlbif",
                 xml_table + "</TABLE></DEFINITION></NETWORK></BIF>", "parse_error"});
  out.push_back({"100 000 nested XML elements", "xmlbif",
                 "<BIF><NETWORK>" + [] {
                   std::string s;
                   for (int i = 0; i < 100000; ++i) s += "<x>";
                   return s;
                 }(),
                 "parse_error"});
  std::string uai_table = "BAYES\n1\n2\n1\n1 0\n2 ";
  for (int i = 0; i < 500000; ++i) uai_table += "0.5 ";
  out.push_back({"a UAI table of 500 000 numbers for 2 declared", "uai", uai_table, "parse_error"});
  std::string states = "network n {\n}\nvariable a {\n  type discrete [ 50000 ] { ";
  for (int i = 0; i < 50000; ++i) states += (i ? ", s" : "s") + std::to_string(i);
  states += " };\n}\nprobability ( a ) {\n  default 0.5, 0.5;\n}\n";
  out.push_back({"one variable with 50 000 states (default line too short)", "bif", states, "parse_error"});
  std::string table = "network n {\n}\nvariable a {\n  type discrete [ 2 ] { y, n };\n}\nprobability ( a ) {\n  table ";
  for (int i = 0; i < 500000; ++i) table += "0.5, ";
  out.push_back({"a table of 500 000 numbers for 2 states", "bif", table + "0.5;\n}\n", "parse_error"});
  std::string cases;
  for (int i = 0; i < 100000; ++i) cases += "case " + std::to_string(i) + "\nevidence a=yes\nend\n";
  out.push_back({"100 000 cases", "ref", cases, "ok"});
  std::string evidence = "case 0\nevidence";
  for (int i = 0; i < 20000; ++i) evidence += " v" + std::to_string(i) + "=x";
  out.push_back({"one evidence line with 20 000 findings", "ref", evidence + "\nend\n", "ok"});
  std::string stages = "label pitch\n";
  for (int i = 0; i < 20000; ++i) stages += "stage s" + std::to_string(i) + "\nprior_relationship=stranger\n";
  out.push_back({"20 000 stages", "case", stages, "ok"});
  return out;
}

}  // namespace

TEST_CASE("huge lines and long token runs are refused or read in near-linear time, with short messages",
          "[robustness][catalogue]") {
  for (const huge_input& input : huge_inputs()) {
    double seconds = 0;
    const outcome got = timed_read(input.reader, input.text, seconds);
    INFO(input.reader << ": " << input.what << " -> " << got.type << ": " << got.message.substr(0, 300) << " in "
                      << seconds << " s of processor time");
    CHECK(got.type == input.expected);
    // A few MiB must not take seconds: quadratic work on input sizes is a denial of service.
    CHECK(seconds < 2.0 * test::sanitizer_slowdown);
    // A message quotes the offending token, shortened: one readable line, not megabytes.
    CHECK(got.message.size() < 2000);
  }
}

TEST_CASE("the BIF file-size limit refuses before reading", "[robustness][catalogue]") {
  io::bif_options options;
  options.max_file_bytes = 16;
  const std::filesystem::path file = catalogue_dir / "bif" / "ok_crlf.bif";
  const outcome got = classify([&] { (void)io::read_bif(file, options); });
  CHECK(got.type == "size_error");
  CHECK_THAT(got.message, Catch::Matchers::Contains("max_file_bytes"));
}

}  // namespace catalogue_test
