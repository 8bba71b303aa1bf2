// SPDX-License-Identifier: MIT
// GeNIe XDSL: the CPT order (node fastest, last parent next), noisy-MAX kept compact (the
// SMILE parameterisation against a brute-force expansion, strength orders), deterministic
// nodes, GeNIe names and submodels, the round trip of the 24 shared networks (same
// posteriors, bit-identical tables, byte-identical second write), the third-party files of
// formats-corpus/xdsl, and a catalogue of malformed input (bad XML, entity bombs, external
// entities, wrong counts, unknown references, huge sizes) with typed one-line errors.
#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/io/xdsl.hpp"

#include "support/format_checks.hpp"
#include "support/shared_data.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

namespace xdsl_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

double p(const network& net, const std::string& child, const std::string& state,
         const std::vector<std::string>& parent_states) {
  const variable_id v = net.id(child);
  std::vector<Eigen::Index> ps;
  for (std::size_t i = 0; i < parent_states.size(); ++i) ps.push_back(net.state(net.parents(v)[i], parent_states[i]));
  return net.probability(v, net.state(v, state), ps);
}

std::string smile(const std::string& nodes, const std::string& extensions = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<smile version=\"1.0\" id=\"Net\">\n<nodes>\n" + nodes +
         "</nodes>\n" + extensions + "</smile>\n";
}

const std::string roots = "<cpt id=\"bronc\"><state id=\"yes\"/><state id=\"no\"/><probabilities>0.45 0.55</probabilities></cpt>\n"
                          "<cpt id=\"either\"><state id=\"yes\"/><state id=\"no\"/><probabilities>0.06 0.94</probabilities></cpt>\n";

// Noisy-MAX: child Y (high, mid, absent), parent A (a0, a1, a2), parent B (b0, b1); the
// strengths of A are reordered (2 0 1: state a2 is the strongest, a1 distinguished).
const std::string noisy = "<cpt id=\"A\"><state id=\"a0\"/><state id=\"a1\"/><state id=\"a2\"/><probabilities>0.2 0.5 0.3</probabilities></cpt>\n"
                          "<cpt id=\"B\"><state id=\"b0\"/><state id=\"b1\"/><probabilities>0.4 0.6</probabilities></cpt>\n"
                          "<noisymax id=\"Y\"><state id=\"high\"/><state id=\"mid\"/><state id=\"absent\"/>\n"
                          "<parents>A B</parents><strengths>2 0 1 0 1</strengths>\n"
                          "<parameters>0.7 0.2 0.1  0.3 0.3 0.4  0 0 1   0.5 0.4 0.1  0 0 1   0.01 0.04 0.95</parameters>\n"
                          "</noisymax>\n";

/// P(Y = y | a, b) by enumerating the independent effects and taking the most active one.
double noisy_max_brute(std::size_t y, std::size_t a, std::size_t b) {
  // effect distributions (high, mid, absent) per parent state, from the fixture above
  const double ea[3][3] = {{0.3, 0.3, 0.4}, {0, 0, 1}, {0.7, 0.2, 0.1}};  // a0, a1, a2
  const double eb[2][3] = {{0.5, 0.4, 0.1}, {0, 0, 1}};
  const double leak[3] = {0.01, 0.04, 0.95};
  double total = 0;
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 3; ++j)
      for (std::size_t l = 0; l < 3; ++l)
        if (std::min({i, j, l}) == y) total += ea[a][i] * eb[b][j] * leak[l];  // index 0 is the most active
  return total;
}

struct shared_net {
  const char* name;
  bool slow;
};
const std::vector<shared_net> shared_networks = {
    {"alarm", false},  {"andes", false},      {"asia", false},   {"barley", true},  {"cancer", false},
    {"child", false},  {"diabetes", true},    {"earthquake", false}, {"hailfinder", false}, {"hepar2", false},
    {"insurance", false}, {"link", true},     {"mildew", true},  {"munin", true},   {"munin1", true},
    {"munin2", true},  {"munin3", true},      {"munin4", true},  {"pathfinder", true}, {"pigs", true},
    {"sachs", false},  {"survey", false},     {"water", false},  {"win95pts", false},
};

void round_trip(const std::string& name) {
  INFO(name);
  const network net = io::read_bif(test::shared_network_path(name));
  const std::string text = io::to_xdsl_string(net);
  const network back = io::read_xdsl_string(text, name + ".xdsl");
  CHECK(back == net);
  CHECK(test::identical_tables(back, net));
  CHECK(io::to_xdsl_string(back) == text);
  test::check_same_posteriors(net, back);
}

}  // namespace

TEST_CASE("XDSL probabilities are node fastest, then the last parent: asia's dysp", "[io][xdsl]") {
  const std::string text = smile(roots + "<cpt id=\"dysp\"><state id=\"yes\"/><state id=\"no\"/><parents>bronc either</parents>"
                                         "<probabilities>0.9 0.1 0.8 0.2 0.7 0.3 0.1 0.9</probabilities></cpt>\n");
  const network net = io::read_xdsl_string(text, "dysp.xdsl");
  CHECK(p(net, "dysp", "yes", {"yes", "yes"}) == 0.9);
  CHECK(p(net, "dysp", "yes", {"yes", "no"}) == 0.8);
  CHECK(p(net, "dysp", "yes", {"no", "yes"}) == 0.7);
  CHECK(p(net, "dysp", "no", {"no", "no"}) == 0.9);
  CHECK(net.name() == "Net");
  CHECK_THAT(io::to_xdsl_string(net), Contains("<probabilities>0.9 0.1 0.8 0.2 0.7 0.3 0.1 0.9</probabilities>"));
}

TEST_CASE("a noisy-MAX node is read as the canonical model SMILE defines and written back compact", "[io][xdsl]") {
  const io::model_description model = io::read_xdsl_description_string(smile(noisy), "noisy.xdsl");
  REQUIRE(model.variables[2].canonical);
  CHECK(model.variables[2].canonical->kind == io::local_model::noisy_max);
  CHECK(model.variables[2].canonical->parent_order[0] == std::vector<std::size_t>{2, 0, 1});
  const network net = io::to_network(model);
  const char* ys[] = {"high", "mid", "absent"};
  const char* as[] = {"a0", "a1", "a2"};
  const char* bs[] = {"b0", "b1"};
  for (std::size_t y = 0; y < 3; ++y)
    for (std::size_t a = 0; a < 3; ++a)
      for (std::size_t b = 0; b < 2; ++b) {
        INFO(ys[y] << " | " << as[a] << ", " << bs[b]);
        CHECK(p(net, "Y", ys[y], {as[a], bs[b]}) == Approx(noisy_max_brute(y, a, b)).margin(1e-15));
      }
  // Written back: still a noisymax, same strengths and parameters; the second write is the same text.
  const std::string text = io::to_xdsl_string(model);
  CHECK_THAT(text, Contains("<noisymax id=\"Y\">"));
  CHECK_THAT(text, Contains("<strengths>2 0 1 0 1</strengths>"));
  CHECK_THAT(text, Contains("<parameters>0.7 0.2 0.1 0.3 0.3 0.4 0 0 1 0.5 0.4 0.1 0 0 1 0.01 0.04 0.95</parameters>"));
  const io::model_description back = io::read_xdsl_description_string(text, "back.xdsl");
  REQUIRE(back.variables[2].canonical);
  CHECK(back.variables[2].canonical->effects == model.variables[2].canonical->effects);
  CHECK(back.variables[2].canonical->leak == model.variables[2].canonical->leak);
  CHECK(io::to_xdsl_string(back) == text);
  CHECK(io::to_network(back) == net);
}

TEST_CASE("a canonical model XDSL cannot hold is written as its table after a comment", "[io][xdsl]") {
  io::model_description model;
  model.name = "n";
  io::variable_description c;
  c.name = "c";
  c.states = {"off", "on"};
  c.table = Eigen::ArrayXd::Constant(2, 0.5);
  model.variables.push_back(c);
  io::variable_description e;
  e.name = "e";
  e.states = {"off", "on"};
  e.parents = {0};
  io::canonical_parameters noisy_or;
  noisy_or.kind = io::local_model::noisy_or;
  noisy_or.effects = {{{1.0, 0.0}, {0.2, 0.8}}};
  noisy_or.leak = {0.9, 0.1};
  e.canonical = noisy_or;
  model.variables.push_back(e);
  const std::string text = io::to_xdsl_string(model);
  CHECK_THAT(text, Contains("<!-- e is a noisy-OR model; XDSL holds noisy-MAX only with the last state as the absent one"));
  CHECK_THAT(text, Contains("<cpt id=\"e\">"));
  const network back = io::read_xdsl_string(text, "or.xdsl");
  CHECK(back == io::to_network(model));
  CHECK(p(back, "e", "on", {"on"}) == Approx(1 - 0.9 * 0.2));
}

TEST_CASE("deterministic nodes, GeNIe names in submodels, ISO-8859-1 text", "[io][xdsl]") {
  const std::string text =
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<smile version=\"1.0\" id=\"N\" numsamples=\"oracle\">\n<nodes>\n" + roots +
      "<deterministic id=\"d\"><state id=\"t\"/><state id=\"f\"/><parents>bronc either</parents>"
      "<resultingstates>t t t f</resultingstates></deterministic>\n</nodes>\n"
      "<extensions><genie version=\"1.0\" name=\"N\"><submodel id=\"S\"><node id=\"d\"><name>D\xe9j\xe0 vu</name>"
      "<position>10 20 110 80</position></node></submodel></genie></extensions>\n</smile>\n";
  const io::model_description model = io::read_xdsl_description_string(text, "det.xdsl");
  CHECK(model.variables[2].label == "D\xc3\xa9j\xc3\xa0 vu");  // decoded to UTF-8
  REQUIRE(model.variables[2].place);
  CHECK(model.variables[2].place->x == 10);
  const network net = io::to_network(model);
  CHECK(p(net, "d", "t", {"yes", "no"}) == 1.0);
  CHECK(p(net, "d", "f", {"no", "no"}) == 1.0);
  CHECK(p(net, "d", "t", {"no", "no"}) == 0.0);
}

TEST_CASE("names that are not GeNIe identifiers are written as identifiers and read back", "[io][xdsl]") {
  network_builder b("my <net>");
  const auto a = b.add_variable("age group", {"<5", "5-12", "12+", "0"});
  const auto c = b.add_variable("x & y", {"yes", "no"});
  b.set_parents(c, {a});
  b.set_cpt(a, Eigen::ArrayXd::Constant(4, 0.25));
  Eigen::ArrayXd t(8);
  t << 0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6;
  b.set_cpt(c, t);
  const network net = b.build();
  const std::string text = io::to_xdsl_string(net);
  CHECK_THAT(text, Contains("<cpt id=\"age_group\">"));
  CHECK_THAT(text, Contains("<state id=\"s_5\" label=\"&lt;5\" />"));
  CHECK_THAT(text, Contains("<name>x &amp; y</name>"));
  CHECK(io::read_xdsl_string(text, "names.xdsl") == net);
  CHECK(io::to_xdsl_string(io::read_xdsl_string(text, "names.xdsl")) == text);
}

TEST_CASE("write_xdsl writes a file read_xdsl reads back; a missing file is an io_error", "[io][xdsl]") {
  const network net = io::read_xdsl_string(smile(noisy), "noisy.xdsl");
  const auto file = std::filesystem::temp_directory_path() / "pitchrisk_xdsl_test.xdsl";
  io::write_xdsl(net, file);
  CHECK(io::read_xdsl(file) == net);
  std::filesystem::remove(file);
  REQUIRE_THROWS_AS(io::read_xdsl(file), io_error);
}

TEST_CASE("the small shared networks survive XDSL write then read", "[io][xdsl]") {
  if (!test::have_shared_data()) {
    WARN("skipped: no shared networks at " << test::shared_dir());
    return;
  }
  for (const shared_net& n : shared_networks)
    if (!n.slow) round_trip(n.name);
}

TEST_CASE("the large shared networks survive XDSL write then read", "[io][xdsl][slow][.slow]") {
  if (!test::have_shared_data()) return;
  for (const shared_net& n : shared_networks)
    if (n.slow) round_trip(n.name);
}

namespace {

std::filesystem::path corpus(const std::string& name) { return test::shared_dir() / "formats-corpus" / "xdsl" / name; }

template <class E>
E thrown_file(const std::filesystem::path& file, const io::xdsl_options& options = {}) {
  try {
    (void)io::read_xdsl(file, options);
  } catch (const E& e) {
    return e;
  }
  FAIL("reading " << file << " did not throw the expected type");
  throw;
}

}  // namespace

TEST_CASE("the third-party XDSL files load (matching their BIF twin) or are refused naming the construct",
          "[io][xdsl]") {
  if (!std::filesystem::is_directory(test::shared_dir() / "formats-corpus" / "xdsl")) {
    WARN("skipped: no formats-corpus at " << test::shared_dir());
    return;
  }
  SECTION("GeNIe's asia against shared/networks/asia.bif (states matched by name)") {
    const network genie = io::read_xdsl(corpus("causaliq_asia.xdsl"));
    const network asia = io::read_bif(test::shared_network_path("asia"));
    REQUIRE(genie.size() == asia.size());
    const junction_tree a(asia), g(genie);
    const std::vector<std::vector<std::string>> sets = {{}, {"xray"}, {"dysp", "asia"}, {"either", "smoke"}};
    for (const auto& set : sets) {
      evidence ea, eg;
      for (const auto& name : set) {
        ea.observe(name, "yes");
        eg.observe(name, "yes");
      }
      for (const variable_id v : asia.variables()) {
        const std::string& name = asia.variable(v).name;
        INFO(name << " given " << set.size() << " findings");
        const auto pa = a.posterior(name, ea), pg = g.posterior(name, eg);
        for (const std::string s : {"yes", "no"})
          CHECK(pg.probabilities()[genie.state(genie.id(name), s)] ==
                Approx(pa.probabilities()[asia.state(v, s)]).margin(1e-12));
      }
    }
  }
  SECTION("GeNIe files without a twin load and survive a round trip") {
    for (const char* file : {"agrum_benefits.xdsl", "causaliq_heartdisease.xdsl", "causaliq_sports.xdsl",
                             "causaliq_covid_knowledge_k-means.xdsl"}) {
      INFO(file);
      const network net = io::read_xdsl(corpus(file));
      CHECK(net.size() > 0);
      const network back = io::read_xdsl_string(io::to_xdsl_string(net), file);
      CHECK(back == net);
      CHECK(test::identical_tables(back, net));
    }
  }
  SECTION("Tetrad's Alarm prints 0.999 columns: refused naming --lenient, loaded when lenient") {
    const model_error e = thrown_file<model_error>(corpus("tetrad_Alarm.xdsl"));
    CHECK_THAT(e.what(), StartsWith(corpus("tetrad_Alarm.xdsl").string() + ":"));
    CHECK_THAT(e.what(), Contains("--lenient"));
    io::xdsl_options lenient;
    lenient.build.columns.lenient = true;
    const network alarm = io::read_xdsl(corpus("tetrad_Alarm.xdsl"), lenient);
    CHECK(alarm.size() == 37);
  }
  SECTION("continuous and influence-diagram files are refused naming the node") {
    const parse_error eq = thrown_file<parse_error>(corpus("continuous/causaliq_gauss.xdsl"));
    CHECK_THAT(eq.what(), Contains("node 'A' is an equation node"));
    CHECK(eq.line() == 5);
    const parse_error id = thrown_file<parse_error>(corpus("id/agrum_Pinball.xdsl"));
    CHECK_THAT(id.what(), Contains("is a decision node: influence diagrams are not supported"));
  }
}

namespace {

struct bad_case {
  const char* fault;
  std::string text;
  std::size_t line;
  const char* fragment;
};

const std::string a_node = "<cpt id=\"a\"><state id=\"y\"/><state id=\"n\"/><probabilities>0.5 0.5</probabilities></cpt>\n";

const std::vector<bad_case> bad_cases = {
    {"empty file", "", 1, "not well-formed XML: No document element found"},
    {"truncated", smile(a_node).substr(0, 80), 4, "not well-formed XML"},
    {"mismatched tag", "<smile id=\"n\"><nodes></smile>", 1, "not well-formed XML: Start-end tags mismatch"},
    {"wrong root", "<?xml version=\"1.0\"?>\n<BIF VERSION=\"0.3\"/>\n", 2, "expected the root element <smile>"},
    {"no nodes", "<smile id=\"n\">\n</smile>\n", 1, "<smile> has no <nodes> element"},
    {"unknown node type", smile("<noisyadder id=\"z\"><state id=\"y\"/></noisyadder>\n"), 4,
     "node 'z': node type <noisyadder> is not supported"},
    {"utility node", smile("<utility id=\"u\"><utilities>1</utilities></utility>\n"), 4,
     "node 'u' is a utility node: influence diagrams are not supported"},
    {"no id", smile("<cpt><state id=\"y\"/></cpt>\n"), 4, "a <cpt> node without an id"},
    {"duplicate node", smile(a_node + a_node), 5, "node 'a' is declared twice"},
    {"no states", smile("<cpt id=\"a\"><probabilities>1</probabilities></cpt>\n"), 4, "node 'a' has no <state>"},
    {"duplicate state", smile("<cpt id=\"a\"><state id=\"y\"/><state id=\"y\"/></cpt>\n"), 4, "node 'a' lists state 'y' twice"},
    {"no probabilities", smile("<cpt id=\"a\"><state id=\"y\"/><state id=\"n\"/></cpt>\n"), 4, "node 'a' has no <probabilities>"},
    {"too few probabilities", smile("<cpt id=\"a\"><state id=\"y\"/><state id=\"n\"/><probabilities>1</probabilities></cpt>\n"), 4,
     "the probabilities of node 'a' have 1 values, expected 2"},
    {"bad number", smile("<cpt id=\"a\"><state id=\"y\"/><state id=\"n\"/><probabilities>0.5 x</probabilities></cpt>\n"), 4,
     "value 'x' is not a number"},
    {"negative number", smile("<cpt id=\"a\"><state id=\"y\"/><state id=\"n\"/><probabilities>-0.5 1.5</probabilities></cpt>\n"), 4,
     "value '-0.5' is negative"},
    {"NaN", smile("<cpt id=\"a\"><state id=\"y\"/><state id=\"n\"/><probabilities>NaN 0.5</probabilities></cpt>\n"), 4,
     "value 'NaN' is NaN"},
    {"unknown parent", smile(a_node + "<cpt id=\"b\"><state id=\"y\"/><state id=\"n\"/><parents>zz</parents>"
                                      "<probabilities>0.5 0.5</probabilities></cpt>\n"), 5,
     "parent 'zz' of node 'b' is not a declared node"},
    {"own parent", smile("<cpt id=\"b\"><state id=\"y\"/><state id=\"n\"/><parents>b</parents><probabilities>1 0 1 0</probabilities></cpt>\n"),
     4, "node 'b' is listed as its own parent"},
    {"parent twice", smile(a_node + "<cpt id=\"b\"><state id=\"y\"/><state id=\"n\"/><parents>a a</parents>"
                                    "<probabilities>1 0</probabilities></cpt>\n"), 5, "parent 'a' is listed twice"},
    {"noisymax without parameters", smile(a_node + "<noisymax id=\"b\"><state id=\"y\"/><state id=\"n\"/><parents>a</parents></noisymax>\n"),
     5, "node 'b' has no <parameters>"},
    {"noisymax parameter count", smile(a_node + "<noisymax id=\"b\"><state id=\"y\"/><state id=\"n\"/><parents>a</parents>"
                                                "<parameters>0.5 0.5 0 1</parameters></noisymax>\n"), 5,
     "the parameters of node 'b' have 4 values, expected 6"},
    {"noisymax strengths count", smile(a_node + "<noisymax id=\"b\"><state id=\"y\"/><state id=\"n\"/><parents>a</parents>"
                                                "<strengths>0</strengths><parameters>0.5 0.5 0 1 0 1</parameters></noisymax>\n"), 5,
     "the strengths of node 'b' list 1 states, expected 2"},
    {"noisymax strengths not a permutation", smile(a_node + "<noisymax id=\"b\"><state id=\"y\"/><state id=\"n\"/><parents>a</parents>"
                                                "<strengths>1 1</strengths><parameters>0.5 0.5 0 1 0 1</parameters></noisymax>\n"), 5,
     "are not a permutation of 0..1"},
    {"deterministic unknown state", smile(a_node + "<deterministic id=\"d\"><state id=\"t\"/><state id=\"f\"/><parents>a</parents>"
                                                   "<resultingstates>t maybe</resultingstates></deterministic>\n"), 5,
     "'maybe' is not a state of the node"},
    {"deterministic count", smile(a_node + "<deterministic id=\"d\"><state id=\"t\"/><state id=\"f\"/><parents>a</parents>"
                                           "<resultingstates>t</resultingstates></deterministic>\n"), 5,
     "the resulting states of node 'd' are 1, expected 2"},
    {"control character in an id (found by fuzz_xdsl)", smile("<cpt id=\"a\x19" "b\"><state id=\"y\"/></cpt>\n"), 4,
     "the node id 'a\x19" "b' contains a control character"},
    {"entity declared in a DTD is not expanded", "<?xml version=\"1.0\"?>\n<!DOCTYPE smile [<!ENTITY a \"0.5 0.5\">]>\n" +
     smile("<cpt id=\"a\"><state id=\"y\"/><state id=\"n\"/><probabilities>&a;</probabilities></cpt>\n").substr(39), 5,
     "value '&a;' is not a number"},
    {"external entity is not fetched", "<?xml version=\"1.0\"?>\n<!DOCTYPE smile [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n" +
     smile("<cpt id=\"&x;\"><state id=\"y\"/></cpt>\n").substr(39) , 5, "node '&x;'"},
};

}  // namespace

TEST_CASE("each malformed XDSL input gives one typed one-line error naming file and line", "[io][xdsl]") {
  for (const bad_case& c : bad_cases) {
    INFO(c.fault);
    try {
      (void)io::read_xdsl_string(c.text, "bad.xdsl");
      FAIL("no error");
    } catch (const parse_error& e) {
      CHECK(e.file() == "bad.xdsl");
      CHECK(e.line() == c.line);
      CHECK(e.column() > 0);
      CHECK_THAT(e.what(), StartsWith("bad.xdsl:" + std::to_string(e.line()) + ":" + std::to_string(e.column()) + ": "));
      CHECK_THAT(e.what(), Contains(c.fragment));
      CHECK(std::string(e.what()).find('\n') == std::string::npos);
    }
  }
}

TEST_CASE("billion laughs, huge declared sizes and model faults in XDSL are typed errors", "[io][xdsl]") {
  SECTION("an entity bomb stays inert text") {
    std::string dtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE smile [\n<!ENTITY l0 \"ha\">\n";
    for (int i = 1; i < 10; ++i) {
      dtd += "<!ENTITY l" + std::to_string(i) + " \"";
      for (int j = 0; j < 10; ++j) dtd += "&l" + std::to_string(i - 1) + ";";
      dtd += "\">\n";
    }
    dtd += "]>\n<smile id=\"n\"><nodes><cpt id=\"a\"><state id=\"y\"/><state id=\"n\"/><probabilities>&l9;</probabilities></cpt></nodes></smile>\n";
    CHECK_THROWS_WITH(io::read_xdsl_string(dtd, "bomb.xdsl"), Contains("value '&l9;' is not a number"));
  }
  SECTION("40 binary parents") {
    std::string nodes;
    std::string parents;
    for (int i = 0; i < 40; ++i) {
      nodes += "<cpt id=\"p" + std::to_string(i) + "\"><state id=\"y\"/><state id=\"n\"/><probabilities>0.5 0.5</probabilities></cpt>\n";
      parents += (i ? " p" : "p") + std::to_string(i);
    }
    nodes += "<cpt id=\"c\"><state id=\"y\"/><state id=\"n\"/><parents>" + parents + "</parents><probabilities>0.5 0.5</probabilities></cpt>\n";
    try {
      (void)io::read_xdsl_string(smile(nodes), "wide.xdsl");
      FAIL("no error");
    } catch (const size_error& e) {
      CHECK_THAT(e.what(), StartsWith("wide.xdsl:44:2: the table of node 'c'"));
    }
  }
  SECTION("too many nodes, too large a file") {
    io::xdsl_options few;
    few.max_nodes = 1;
    CHECK_THROWS_AS(io::read_xdsl_string(smile(a_node + roots), "many.xdsl", few), size_error);
    io::xdsl_options tiny;
    tiny.max_file_bytes = 10;
    CHECK_THROWS_WITH(io::read_xdsl_string(smile(a_node), "big.xdsl", tiny), Contains("max_file_bytes"));
  }
  SECTION("a column off 1 and a cycle are model_errors naming file and line") {
    const std::string off = smile("<cpt id=\"a\"><state id=\"y\"/><state id=\"n\"/><probabilities>0.5 0.6</probabilities></cpt>\n");
    CHECK_THROWS_WITH(io::read_xdsl_string(off, "off.xdsl"), StartsWith("off.xdsl:4: cpt 'a': column (no parents) sums to 1.1"));
    const std::string cycle = smile("<cpt id=\"a\"><state id=\"y\"/><state id=\"n\"/><parents>b</parents><probabilities>0.5 0.5 0.5 0.5</probabilities></cpt>\n"
                                    "<cpt id=\"b\"><state id=\"y\"/><state id=\"n\"/><parents>a</parents><probabilities>0.5 0.5 0.5 0.5</probabilities></cpt>\n");
    CHECK_THROWS_AS(io::read_xdsl_string(cycle, "cycle.xdsl"), model_error);
    CHECK_THROWS_WITH(io::read_xdsl_string(cycle, "cycle.xdsl"), Contains("cycle"));
  }
}

TEST_CASE("every truncation of an XDSL file gives a typed error or a network", "[io][xdsl]") {
  const std::string good = smile(noisy + "<deterministic id=\"d\"><state id=\"t\"/><state id=\"f\"/><parents>B</parents>"
                                         "<resultingstates>t f</resultingstates></deterministic>\n");
  REQUIRE(io::read_xdsl_string(good, "good.xdsl").size() == 4);
  for (std::size_t n = 0; n < good.size(); ++n) {
    try {
      (void)io::read_xdsl_string(good.substr(0, n), "cut.xdsl");
    } catch (const error&) {
    }
  }
  SUCCEED("no untyped exception, no crash");
}

}  // namespace xdsl_test
