// SPDX-License-Identifier: MIT
// Tests of io/bif.hpp: the 24 shared networks load with their published sizes, CPT entry
// orders (labelled rows, `table` with parents) land where formats.md section 0 says, the
// permissive grammar accepts the oddities of real files, and write -> read gives back
// bit-identical tables. Malformed input is covered in bif_malformed_test.cpp.
#include "pitchrisk/io/bif.hpp"

#include "support/shared_data.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace bif_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

std::filesystem::path fixture(const std::string& name) {
  return std::filesystem::path(PITCHRISK_SOURCE_DIR) / "tests" / "io" / "data" / "bif" / name;
}

std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t pos = 0; (pos = text.find(from, pos)) != std::string::npos; pos += to.size())
    text.replace(pos, from.size(), to);
  return text;
}

/// Entry `state` of `child` given its parents' states, all by name.
double p(const network& net, const std::string& child, const std::string& state,
         const std::vector<std::string>& parent_states) {
  const variable_id v = net.id(child);
  std::vector<Eigen::Index> ps;
  for (std::size_t i = 0; i < parent_states.size(); ++i) ps.push_back(net.state(net.parents(v)[i], parent_states[i]));
  return net.probability(v, net.state(v, state), ps);
}

/// Every given CPT of `a` equals that of `b`, bit for bit, in the builder's column layout.
bool identical_tables(const network& a, const network& b) {
  if (a.size() != b.size()) return false;
  for (const variable_id v : a.variables()) {
    const Eigen::ArrayXd x = a.cpt_columns(v, true), y = b.cpt_columns(v, true);
    if (x.size() != y.size()) return false;
    for (Eigen::Index i = 0; i < x.size(); ++i)
      if (std::memcmp(&x[i], &y[i], sizeof(double)) != 0) return false;
  }
  return true;
}

struct known_network {
  const char* name;
  Eigen::Index variables;
  Eigen::Index arcs;
  double parameters;
};

// Sizes as published by the bnlearn Bayesian network repository (nodes, arcs, parameters).
const std::vector<known_network> shared_networks = {
    {"alarm", 37, 46, 509},         {"andes", 223, 338, 1157},      {"asia", 8, 8, 18},
    {"barley", 48, 84, 114005},     {"cancer", 5, 4, 10},           {"child", 20, 25, 230},
    {"diabetes", 413, 602, 429409}, {"earthquake", 5, 4, 10},       {"hailfinder", 56, 66, 2656},
    {"hepar2", 70, 123, 1453},      {"insurance", 27, 52, 1008},    {"link", 724, 1125, 14211},
    {"mildew", 35, 46, 540150},     {"munin", 1041, 1397, 80592},   {"munin1", 186, 273, 15622},
    {"munin2", 1003, 1244, 69431},  {"munin3", 1041, 1306, 71059},  {"munin4", 1038, 1388, 80352},
    {"pathfinder", 109, 195, 72079}, {"pigs", 441, 592, 5618},      {"sachs", 11, 17, 178},
    {"survey", 6, 6, 21},           {"water", 32, 66, 10083},       {"win95pts", 76, 112, 574},
};

}  // namespace

TEST_CASE("all 24 shared networks load with their published sizes", "[io][bif]") {
  if (!test::have_shared_data()) {
    WARN("skipped: no shared networks at " << test::shared_dir());
    return;
  }
  const auto known = GENERATE(from_range(shared_networks));
  INFO(known.name);
  const std::clock_t start = std::clock();  // processor time: other load on the machine does not count
  const network net = io::read_bif(test::shared_network_path(known.name));
  const double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  CHECK(net.size() == known.variables);
  CHECK(net.arc_count() == known.arcs);
  CHECK(net.parameter_count() == known.parameters);
  CHECK(net.name() == "unknown");
#ifdef NDEBUG
  // A guard against a reader gone quadratic, not a speed measure (bench/io_benchmark is):
  // diabetes (5.5 MB) and mildew (5.3 MB) take ~0.15 s of processor time in Release.
  CHECK(seconds < 5.0);
#else
  (void)seconds;
#endif
}

TEST_CASE("all 24 shared networks survive write then read bit for bit", "[io][bif]") {
  if (!test::have_shared_data()) {
    WARN("skipped: no shared networks at " << test::shared_dir());
    return;
  }
  const auto known = GENERATE(from_range(shared_networks));
  INFO(known.name);
  const network net = io::read_bif(test::shared_network_path(known.name));
  const std::string text = io::to_bif_string(net);
  const network back = io::read_bif_string(text, std::string(known.name) + " (written)");
  CHECK(back == net);
  CHECK(identical_tables(back, net));
  CHECK(back.repairs().size() == net.repairs().size());
  // Writing is deterministic and stable: the second generation is the same text.
  CHECK(io::to_bif_string(back) == text);
}

TEST_CASE("networks written by bnlearn come back byte for byte when their numbers are shortest", "[io][bif]") {
  if (!test::have_shared_data()) {
    WARN("skipped: no shared networks at " << test::shared_dir());
    return;
  }
  // These four files use exactly our spelling (shortest numbers, first parent fastest).
  const auto name = GENERATE("asia", "cancer", "earthquake", "link");
  INFO(name);
  const auto path = test::shared_network_path(name);
  CHECK(io::to_bif_string(io::read_bif(path)) == slurp(path));
}

TEST_CASE("labelled rows are placed by label: asia's dysp columns", "[io][bif]") {
  if (!test::have_shared_data()) {
    WARN("skipped: no shared networks at " << test::shared_dir());
    return;
  }
  const network asia = io::read_bif(test::shared_network_path("asia"));
  const variable_id dysp = asia.id("dysp");
  REQUIRE(asia.parents(dysp).size() == 2);
  CHECK(asia.variable(asia.parents(dysp)[0]).name == "bronc");
  CHECK(asia.variable(asia.parents(dysp)[1]).name == "either");
  // Builder layout: dysp fastest, then bronc, then either (formats.md section 0).
  const Eigen::ArrayXd columns = asia.cpt_columns(dysp);
  const std::vector<double> expected{0.9, 0.1, 0.7, 0.3, 0.8, 0.2, 0.1, 0.9};
  REQUIRE(columns.size() == 8);
  for (Eigen::Index i = 0; i < 8; ++i) CHECK(columns[i] == expected[static_cast<std::size_t>(i)]);
  CHECK(p(asia, "dysp", "yes", {"no", "yes"}) == 0.7);
  CHECK(p(asia, "dysp", "yes", {"yes", "no"}) == 0.8);
  CHECK(p(asia, "tub", "yes", {"yes"}) == 0.05);
  CHECK(p(asia, "asia", "yes", {}) == 0.01);
}

TEST_CASE("table on a node with parents is child slowest, last parent fastest", "[io][bif]") {
  SECTION("asia's dysp written as a table gives the same factor as its rows") {
    const network tabled = io::read_bif(fixture("dysp-table.bif"));
    const Eigen::ArrayXd columns = tabled.cpt_columns(tabled.id("dysp"));
    const std::vector<double> expected{0.9, 0.1, 0.7, 0.3, 0.8, 0.2, 0.1, 0.9};
    REQUIRE(columns.size() == 8);
    for (Eigen::Index i = 0; i < 8; ++i) CHECK(columns[i] == expected[static_cast<std::size_t>(i)]);
  }
  SECTION("JavaBayes dog problem: P(dog-out | bowel-problem, family-out)") {
    const network dog = io::read_bif(fixture("dog-problem.bif"));
    CHECK(dog.name() == "Dog-Problem");
    CHECK(dog.size() == 5);
    CHECK(p(dog, "dog-out", "true", {"true", "true"}) == 0.99);
    CHECK(p(dog, "dog-out", "true", {"true", "false"}) == 0.97);
    CHECK(p(dog, "dog-out", "true", {"false", "true"}) == 0.9);
    CHECK(p(dog, "dog-out", "true", {"false", "false"}) == 0.3);
    CHECK(p(dog, "dog-out", "false", {"false", "false"}) == 0.7);
    CHECK(p(dog, "light-on", "true", {"false"}) == 0.05);
    CHECK(p(dog, "hear-bark", "false", {"false"}) == 0.99);
  }
  SECTION("the JavaBayes file and its bnlearn twin with shuffled rows are the same network") {
    const network a = io::read_bif(fixture("dog-problem.bif"));
    const network b = io::read_bif(fixture("dog-problem-rows.bif"));
    CHECK(a == b);
    CHECK(identical_tables(a, b));
  }
}

TEST_CASE("the oddities of real BIF files are accepted", "[io][bif]") {
  // CRLF, tabs, comments, quotes, no commas, properties with braces, interleaved blocks,
  // a default line, the old header form, numeric labels out of numeric order.
  const network odd = io::read_bif(fixture("oddities.bif"));
  CHECK(odd.name() == "odd network");
  REQUIRE(odd.size() == 5);
  CHECK(odd.variable(1).name == "sprinkler on");
  CHECK(odd.variable(1).states == std::vector<std::string>{"on", "off"});
  CHECK(odd.variable(4).states == std::vector<std::string>{"<5", "5-12", "Asy/Patch"});
  CHECK(p(odd, "rain", "yes", {}) == 0.2);
  CHECK(p(odd, "sprinkler on", "off", {}) == 0.75);
  CHECK(p(odd, "wet grass", "wet", {"yes", "on"}) == 0.99);
  CHECK(p(odd, "wet grass", "dry", {"no", "off"}) == 1.0);
  CHECK(p(odd, "wet grass", "wet", {"no", "on"}) == 0.5);   // from the default line
  CHECK(p(odd, "wet grass", "dry", {"yes", "off"}) == 0.5);  // from the default line
  CHECK(p(odd, "level", "2", {"no"}) == 0.7);
  // Labels are strings: state "1" of level is index 1, "3" is index 0.
  CHECK(p(odd, "size", "<5", {"3"}) == 1.0);
  CHECK(p(odd, "size", "Asy/Patch", {"1"}) == 0.5);
  CHECK(p(odd, "size", "5-12", {"2"}) == 0.3);
}

TEST_CASE("line endings, tabs and comments do not change what is read", "[io][bif]") {
  const std::string text = slurp(fixture("dog-problem-rows.bif"));
  const network plain = io::read_bif_string(text);
  SECTION("CRLF") { CHECK(io::read_bif_string(replace_all(text, "\n", "\r\n")) == plain); }
  SECTION("tabs and no commas") {
    CHECK(io::read_bif_string(replace_all(replace_all(text, "  ", "\t"), ",", " ")) == plain);
  }
  SECTION("block comments between every line, no final newline") {
    std::string commented = replace_all(text, "\n", " /* c { } ; */\n");
    commented.pop_back();
    CHECK(io::read_bif_string(commented) == plain);
  }
  SECTION("a UTF-8 byte-order mark") { CHECK(io::read_bif_string("\xEF\xBB\xBF" + text) == plain); }
}

TEST_CASE("write_bif writes a file read_bif reads back; a missing file is an io_error", "[io][bif]") {
  const network dog = io::read_bif(fixture("dog-problem.bif"));
  const auto path = std::filesystem::temp_directory_path() / "pitchrisk_bif_test_dog.bif";
  io::write_bif(dog, path);
  CHECK(io::read_bif(path) == dog);
  std::filesystem::remove(path);

  const auto missing = std::filesystem::temp_directory_path() / "pitchrisk_no_such_dir" / "none.bif";
  REQUIRE_THROWS_AS(io::read_bif(missing), io_error);
  REQUIRE_THROWS_WITH(io::read_bif(missing), Contains(missing.string()) && Contains("no such file"));
  REQUIRE_THROWS_AS(io::write_bif(dog, missing), io_error);
  REQUIRE_THROWS_WITH(io::write_bif(dog, missing), Contains(missing.string()));
  const auto folder = std::filesystem::temp_directory_path();
  REQUIRE_THROWS_WITH(io::read_bif(folder), Contains("directory"));
}

TEST_CASE("the writer uses the bnlearn spelling with shortest round-trip numbers", "[io][bif]") {
  network_builder b("tiny");
  b.add_variable("a", {"yes", "no"});
  b.add_variable("b", {"x", "y", "z"});
  b.set_cpt("a", {}, {1.0, 0.0});
  b.set_cpt("b", {"a"}, {0.1, 0.2, 0.7, 1.0 / 3, 1.0 / 3, 1.0 / 3});
  const network net = b.build();
  const std::string text = io::to_bif_string(net);
  CHECK(text ==
        "network tiny {\n}\n"
        "variable a {\n  type discrete [ 2 ] { yes, no };\n}\n"
        "variable b {\n  type discrete [ 3 ] { x, y, z };\n}\n"
        "probability ( a ) {\n  table 1.0, 0.0;\n}\n"
        "probability ( b | a ) {\n  (yes) 0.1, 0.2, 0.7;\n  (no) 0.3333333333333333, 0.3333333333333333, "
        "0.3333333333333333;\n}\n");
  const network back = io::read_bif_string(text);
  CHECK(back == net);
  CHECK(identical_tables(back, net));
}

TEST_CASE("the writer keeps the given numbers, not the renormalised ones", "[io][bif]") {
  network_builder b("given");
  b.add_variable("a", {"yes", "no"});
  b.set_cpt("a", {}, {0.3333333, 0.6666666});  // sums to 0.9999999, renormalised on build
  const network net = b.build();
  REQUIRE(net.cpt(0).values()[0] != 0.3333333);
  CHECK_THAT(io::to_bif_string(net), Contains("table 0.3333333, 0.6666666;"));
  const network back = io::read_bif_string(io::to_bif_string(net));
  CHECK(identical_tables(back, net));
  CHECK(back == net);
}

TEST_CASE("names that are not plain words are quoted and read back", "[io][bif]") {
  network_builder b("my net");
  b.add_variable("has space", {"a,b", "c{d}", "e;f", "g|h", "(i)", "[j]", "k//l", "m/*n"});
  b.add_variable("x", {"yes", "no"});
  b.set_cpt("has space", {}, {0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125});
  b.set_cpt("x", {"has space"}, {1, 0, 0, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25, 0.75});
  const network net = b.build();
  const std::string text = io::to_bif_string(net);
  CHECK_THAT(text, Contains("variable \"has space\" {"));
  CHECK_THAT(text, Contains("probability ( x | \"has space\" ) {"));
  CHECK_THAT(text, Contains("(\"a,b\") 1.0, 0.0;"));
  const network back = io::read_bif_string(text);
  CHECK(back == net);
  CHECK(identical_tables(back, net));
  CHECK(io::is_bif_word("Asy/Patch"));
  CHECK(io::is_bif_word("<5"));
  CHECK_FALSE(io::is_bif_word("a b"));
  CHECK_FALSE(io::is_bif_word(""));
}

TEST_CASE("names no BIF spelling can carry are refused by the writer", "[io][bif]") {
  network_builder b("ok");
  b.add_variable("say \"hi\"", {"yes", "no"});
  b.set_cpt(0, Eigen::ArrayXd::Constant(2, 0.5));
  const network net = b.build();
  REQUIRE_THROWS_AS(io::to_bif_string(net), model_error);
  REQUIRE_THROWS_WITH(io::to_bif_string(net), Contains("say \"hi\"") && Contains("variable name"));

  network_builder c("ok");
  c.add_variable("v", {"line\nbreak", "no"});
  c.set_cpt(0, Eigen::ArrayXd::Constant(2, 0.5));
  REQUIRE_THROWS_WITH(io::to_bif_string(c.build()), Contains("line break"));
}

TEST_CASE("read_bif reads into float and long double networks", "[io][bif]") {
  const auto dog = io::read_bif<float>(fixture("dog-problem.bif"));
  CHECK(dog.probability(dog.id("dog-out"), 0, std::vector<Eigen::Index>{0, 1}) == 0.97f);
  const auto precise = io::read_bif<long double>(fixture("dysp-table.bif"));
  CHECK(precise.cpt_columns(precise.id("dysp"))[2] == 0.7L);
  const auto back = io::read_bif_string<long double>(io::to_bif_string(precise));
  CHECK(back == precise);
}

TEST_CASE("the build options reach the network builder", "[io][bif]") {
  const std::string off = R"(network n { }
variable a { type discrete [ 2 ] { yes, no }; }
variable b { type discrete [ 2 ] { yes, no }; }
probability ( a ) { table 0.5, 0.5; }
probability ( b | a ) {
  (yes) 0.5, 0.495;
  (no) 0.5, 0.5;
}
)";
  SECTION("strict: a column off by 0.01 is a model_error naming file and block line") {
    REQUIRE_THROWS_AS(io::read_bif_string(off, "off.bif"), model_error);
    REQUIRE_THROWS_WITH(io::read_bif_string(off, "off.bif"), StartsWith("off.bif:5: cpt 'b'") && Contains("column a=yes sums to 0.995"));
  }
  SECTION("lenient: renormalised and recorded") {
    io::bif_options options;
    options.build.columns.lenient = true;
    const network net = io::read_bif_string(off, "off.bif", options);
    REQUIRE(net.repairs().size() == 1);
    CHECK(net.repairs()[0].sum == Approx(0.995).epsilon(1e-12));
    CHECK(p(net, "b", "yes", {"yes"}) == Approx(0.5 / 0.995).epsilon(1e-12));
  }
  SECTION("max_table_entries") {
    io::bif_options options;
    options.build.max_table_entries = 3;
    REQUIRE_THROWS_AS(io::read_bif_string(off, "off.bif", options), size_error);
    REQUIRE_THROWS_WITH(io::read_bif_string(off, "off.bif", options), StartsWith("off.bif:5:1: cpt 'b'"));
  }
  SECTION("single-state variables only when allowed") {
    const std::string one = "network n { }\nvariable a { type discrete [ 1 ] { only }; }\n"
                            "probability ( a ) { table 1.0; }\n";
    REQUIRE_THROWS_AS(io::read_bif_string(one), parse_error);
    io::bif_options options;
    options.allow_single_state = true;
    CHECK(io::read_bif_string(one, "one.bif", options).cardinality(0) == 1);
  }
}

TEST_CASE("names differing only in case are errors unless case_insensitive_names is set", "[io][bif]") {
  const std::string text = R"(network n { }
variable Neuroticism { type discrete [ 2 ] { Low, High }; }
variable b { type discrete [ 2 ] { yes, no }; }
probability ( NEUROTICISM ) { table 0.25, 0.75; }
probability ( b | neuroticism ) {
  (low) 0.5, 0.5;
  (HIGH) 0.1, 0.9;
}
)";
  REQUIRE_THROWS_AS(io::read_bif_string(text, "case.bif"), parse_error);
  REQUIRE_THROWS_WITH(io::read_bif_string(text, "case.bif"),
                      StartsWith("case.bif:4:15: probability block for 'NEUROTICISM'"));
  io::bif_options options;
  options.case_insensitive_names = true;
  const network net = io::read_bif_string(text, "case.bif", options);
  CHECK(net.variable(0).name == "Neuroticism");
  CHECK(p(net, "Neuroticism", "High", {}) == 0.75);
  CHECK(p(net, "b", "no", {"High"}) == 0.9);
  CHECK(p(net, "b", "yes", {"Low"}) == 0.5);

  const std::string ambiguous = R"(network n { }
variable a { type discrete [ 2 ] { yes, YES }; }
variable b { type discrete [ 2 ] { yes, no }; }
probability ( a ) { table 0.5, 0.5; }
probability ( b | a ) {
  (Yes) 0.5, 0.5;
  (YES) 0.1, 0.9;
}
)";
  REQUIRE_THROWS_AS(io::read_bif_string(ambiguous, "case.bif", options), parse_error);
  REQUIRE_THROWS_WITH(io::read_bif_string(ambiguous, "case.bif", options),
                      StartsWith("case.bif:6:4: 'Yes' matches both 'yes' and 'YES' ignoring case"));
}

TEST_CASE("a network name of several words on its line is one name (aGrUM's Munin1 and Pigs)", "[io][bif]") {
  const std::string body = "variable a { type discrete [ 2 ] { x, y }; }\nprobability ( a ) { table 0.25, 0.75; }\n";
  const network pigs = io::read_bif_string("network Pig - Network {\n}\n" + body);
  CHECK(pigs.name() == "Pig - Network");
  CHECK(io::read_bif_string(io::to_bif_string(pigs)).name() == "Pig - Network");  // written quoted
  CHECK(io::read_bif_string("network r.med  -\tapb {\n}\n" + body).name() == "r.med  -\tapb");
  // A comment or a line break between the words is not part of a name: the usual error.
  REQUIRE_THROWS_AS(io::read_bif_string("network a /* c */ b {\n}\n" + body), parse_error);
  REQUIRE_THROWS_WITH(io::read_bif_string("network a\nb {\n}\n" + body, "f.bif"),
                      Contains("f.bif:2:1") && Contains("expected '{' after the network name, got 'b'"));
  CHECK(io::read_bif_string("network \"a b\" {\n}\n" + body).name() == "a b");
}

}  // namespace bif_test
