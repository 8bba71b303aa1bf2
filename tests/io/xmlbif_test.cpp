// SPDX-License-Identifier: MIT
// XMLBIF 0.3: the TABLE order (child fastest, then the last GIVEN), properties and
// positions, canonical models written as tables, the round trip of the 24 shared networks
// (same posteriors, bit-identical tables, byte-identical second write), and the third-party
// files of formats-corpus/xmlbif (JavaBayes and aGrUM files against their BIF twins; influence
// diagrams, the pre-0.3 dialect and UnBBayes' XML refused naming the construct). The
// malformed-input catalogue is tests/robustness/catalogue/xmlbif.
#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/io/xmlbif.hpp"

#include "support/format_checks.hpp"
#include "support/shared_data.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

namespace xmlbif_test {  // one namespace per file: the tests compile in unity batches

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

std::string variable(const std::string& name) {
  return "<VARIABLE TYPE=\"nature\"><NAME>" + name + "</NAME><OUTCOME>yes</OUTCOME><OUTCOME>no</OUTCOME></VARIABLE>\n";
}

std::string bif(const std::string& body) {
  return "<?xml version=\"1.0\"?>\n<BIF VERSION=\"0.3\">\n<NETWORK>\n<NAME>n</NAME>\n" + body + "</NETWORK>\n</BIF>\n";
}

const std::string dysp = bif(variable("bronc") + variable("either") + variable("dysp") +
                             "<DEFINITION><FOR>bronc</FOR><TABLE>0.45 0.55</TABLE></DEFINITION>\n"
                             "<DEFINITION><FOR>either</FOR><TABLE>0.06 0.94</TABLE></DEFINITION>\n"
                             "<DEFINITION><FOR>dysp</FOR><GIVEN>bronc</GIVEN><GIVEN>either</GIVEN>\n"
                             "<TABLE>0.9 0.1\n 0.8 0.2\n 0.7 0.3\n 0.1 0.9 </TABLE></DEFINITION>\n");

void round_trip(const std::string& name) {
  INFO(name);
  const network net = io::read_bif(test::shared_network_path(name));
  const std::string text = io::to_xmlbif_string(net);
  const network back = io::read_xmlbif_string(text, name + ".xml");
  CHECK(back == net);
  CHECK(test::identical_tables(back, net));
  CHECK(io::to_xmlbif_string(back) == text);
  test::check_same_posteriors(net, back);
}

const std::vector<std::pair<const char*, bool>> shared_networks = {
    {"alarm", false},  {"andes", false},      {"asia", false},   {"barley", true},  {"cancer", false},
    {"child", false},  {"diabetes", true},    {"earthquake", false}, {"hailfinder", false}, {"hepar2", false},
    {"insurance", false}, {"link", true},     {"mildew", true},  {"munin", true},   {"munin1", true},
    {"munin2", true},  {"munin3", true},      {"munin4", true},  {"pathfinder", true}, {"pigs", true},
    {"sachs", false},  {"survey", false},     {"water", false},  {"win95pts", false},
};

}  // namespace

TEST_CASE("XMLBIF tables are child fastest, then the last GIVEN: asia's dysp", "[io][xmlbif]") {
  const network net = io::read_xmlbif_string(dysp, "dysp.xml");
  CHECK(p(net, "dysp", "yes", {"yes", "yes"}) == 0.9);
  CHECK(p(net, "dysp", "yes", {"yes", "no"}) == 0.8);
  CHECK(p(net, "dysp", "yes", {"no", "yes"}) == 0.7);
  CHECK(p(net, "dysp", "no", {"no", "no"}) == 0.9);
  CHECK(net.name() == "n");
  const std::string written = io::to_xmlbif_string(net);
  CHECK_THAT(written, Contains("<TABLE>0.9 0.1 0.8 0.2 0.7 0.3 0.1 0.9</TABLE>"));
  CHECK_THAT(written, Contains("<!DOCTYPE BIF ["));
  CHECK_THAT(written, Contains("<BIF VERSION=\"0.3\">"));
}

TEST_CASE("XMLBIF properties, positions and escaped names survive a round trip", "[io][xmlbif]") {
  const std::string text =
      bif("<PROPERTY>author = a = b</PROPERTY>\n<PROPERTY></PROPERTY>\n"
          "<VARIABLE TYPE=\"nature\"><NAME>a &amp; &lt;b&gt;</NAME><OUTCOME>x&quot;1</OUTCOME><OUTCOME>y</OUTCOME>"
          "<PROPERTY>position = (73, 165)</PROPERTY><PROPERTY>fast = A[1,5]</PROPERTY><PROPERTY>desc</PROPERTY></VARIABLE>\n"
          "<DEFINITION><TABLE> 0.25 0.75 </TABLE><FOR> a &amp; &lt;b&gt; </FOR></DEFINITION>\n");
  const io::model_description model = io::read_xmlbif_description_string(text, "props.xml");
  REQUIRE(model.variables.size() == 1);
  const auto& v = model.variables[0];
  CHECK(v.name == "a & <b>");
  CHECK(v.states == std::vector<std::string>{"x\"1", "y"});
  REQUIRE(v.place);
  CHECK(v.place->x == 73);
  CHECK(v.place->y == 165);
  REQUIRE(v.properties.size() == 2);
  CHECK(v.properties[0] == std::pair<std::string, std::string>{"fast", "A[1,5]"});
  CHECK(v.properties[1] == std::pair<std::string, std::string>{"desc", ""});
  REQUIRE(model.properties.size() == 1);
  CHECK(model.properties[0] == std::pair<std::string, std::string>{"author", "a = b"});  // the first '=' splits
  const std::string once = io::to_xmlbif_string(model);
  const io::model_description back = io::read_xmlbif_description_string(once, "back.xml");
  CHECK(back.variables[0].name == v.name);
  CHECK(back.variables[0].properties == v.properties);
  CHECK(back.variables[0].place == v.place);
  CHECK(back.properties == model.properties);
  CHECK(io::to_xmlbif_string(back) == once);
}

TEST_CASE("a canonical model is written to XMLBIF as its table after a comment", "[io][xmlbif]") {
  io::model_description m;
  m.name = "noisy";
  m.variables.resize(2);
  m.variables[0].name = "cause";
  m.variables[0].states = {"off", "on"};
  m.variables[0].table = Eigen::ArrayXd{{0.6, 0.4}};
  m.variables[1].name = "effect";
  m.variables[1].states = {"off", "on"};
  m.variables[1].parents = {0};
  io::canonical_parameters c;
  c.kind = io::local_model::noisy_or;
  c.effects = {{{1.0, 0.0}, {0.2, 0.8}}};
  c.leak = {0.9, 0.1};
  m.variables[1].canonical = c;
  const std::string text = io::to_xmlbif_string(m);
  CHECK_THAT(text, Contains("effect is a noisy-OR model; XMLBIF holds tables only"));
  const network net = io::read_xmlbif_string(text, "noisy.xml");
  CHECK(p(net, "effect", "on", {"off"}) == Approx(0.1).epsilon(1e-15));
  CHECK(p(net, "effect", "on", {"on"}) == Approx(1 - 0.2 * 0.9).epsilon(1e-15));
}

TEST_CASE("write_xmlbif writes a file read_xmlbif reads back; a missing file is an io_error", "[io][xmlbif]") {
  const network net = io::read_xmlbif_string(dysp, "dysp.xml");
  const auto file = std::filesystem::temp_directory_path() / "pitchrisk_xmlbif_test.xml";
  io::write_xmlbif(net, file);
  CHECK(io::read_xmlbif(file) == net);
  std::filesystem::remove(file);
  REQUIRE_THROWS_AS(io::read_xmlbif(file), io_error);
}

TEST_CASE("the small shared networks survive XMLBIF write then read", "[io][xmlbif]") {
  if (!test::have_shared_data()) {
    WARN("skipped: no shared networks at " << test::shared_dir());
    return;
  }
  for (const auto& [name, slow] : shared_networks)
    if (!slow) round_trip(name);
}

TEST_CASE("the large shared networks survive XMLBIF write then read", "[io][xmlbif][slow][.slow]") {
  if (!test::have_shared_data()) return;
  for (const auto& [name, slow] : shared_networks)
    if (slow) round_trip(name);
}

namespace {

std::filesystem::path corpus(const std::string& name) { return test::shared_dir() / "formats-corpus" / "xmlbif" / name; }

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// `a` and `b` are the same network up to the case of names and a renaming `alias`
/// (lower-case name in b -> lower-case name in a): every variable and state matched (states
/// by position when `states_by_index`),
/// same posteriors with no evidence and with each of a few single findings.
void check_same_network(const network& a, const network& b,
                        const std::vector<std::pair<std::string, std::string>>& alias = {},
                        bool states_by_index = false) {
  REQUIRE(a.size() == b.size());
  std::vector<variable_id> to_a(static_cast<std::size_t>(b.size()));
  std::vector<std::vector<Eigen::Index>> state_to_a(static_cast<std::size_t>(b.size()));
  for (const variable_id v : b.variables()) {
    std::string name = lower(b.variable(v).name);
    for (const auto& [from, to] : alias)
      if (name == from) name = to;
    variable_id found = -1;
    for (const variable_id w : a.variables())
      if (lower(a.variable(w).name) == name) found = w;
    INFO("variable " << b.variable(v).name);
    REQUIRE(found >= 0);
    to_a[static_cast<std::size_t>(v)] = found;
    REQUIRE(a.cardinality(found) == b.cardinality(v));
    for (const auto& s : b.variable(v).states) {
      Eigen::Index t = states_by_index ? static_cast<Eigen::Index>(state_to_a[static_cast<std::size_t>(v)].size()) : -1;
      for (Eigen::Index k = 0; k < a.cardinality(found); ++k)
        if (!states_by_index && lower(a.variable(found).states[static_cast<std::size_t>(k)]) == lower(s)) t = k;
      INFO("state " << s);
      REQUIRE(t >= 0);
      state_to_a[static_cast<std::size_t>(v)].push_back(t);
    }
  }
  const junction_tree ja(a), jb(b);
  std::vector<std::vector<std::pair<variable_id, Eigen::Index>>> sets{{}};
  for (variable_id v = 0; v < b.size(); v += 1 + b.size() / 4) sets.push_back({{v, 0}});
  for (const auto& set : sets) {
    evidence ea, eb;
    for (const auto& [v, s] : set) {
      eb.observe(v, s);
      ea.observe(to_a[static_cast<std::size_t>(v)], state_to_a[static_cast<std::size_t>(v)][static_cast<std::size_t>(s)]);
    }
    for (const variable_id v : b.variables()) {
      const auto pb = jb.posterior(v, eb).probabilities();
      const auto pa = ja.posterior(to_a[static_cast<std::size_t>(v)], ea).probabilities();
      for (Eigen::Index s = 0; s < pb.size(); ++s) {
        INFO(b.variable(v).name << " state " << s << " with " << set.size() << " finding(s)");
        CHECK(pb[s] == Approx(pa[state_to_a[static_cast<std::size_t>(v)][static_cast<std::size_t>(s)]]).margin(1e-12));
      }
    }
  }
}

template <class E>
E thrown_file(const std::filesystem::path& file) {
  try {
    (void)io::read_xmlbif(file);
  } catch (const E& e) {
    return e;
  }
  FAIL("reading " << file << " did not throw the expected type");
  throw;
}

}  // namespace

TEST_CASE("the third-party XMLBIF files load (matching their BIF twin) or are refused naming the construct",
          "[io][xmlbif]") {
  if (!std::filesystem::is_directory(test::shared_dir() / "formats-corpus" / "xmlbif") || !test::have_shared_data()) {
    WARN("skipped: no formats-corpus at " << test::shared_dir());
    return;
  }
  SECTION("aGrUM's alarm has alarm.bif's tables except 9 with two or more parents") {
    // 28 of the 37 conditional tables agree entry for entry; the 9 others hold alarm.bif's
    // numbers assigned to other parent configurations (the parent-order confusion between
    // alarm copies noted in formats.md and in the UAI note), so the posteriors differ.
    const network bif_alarm = io::read_bif(test::shared_network_path("alarm"));
    const network agrum = io::read_xmlbif(corpus("agrum_alarm.bifxml"));
    REQUIRE(agrum.size() == 37);
    std::vector<std::string> differ;
    for (const variable_id v : agrum.variables()) {
      const variable_id w = bif_alarm.id(agrum.variable(v).name);
      const auto pa = bif_alarm.parents(w), pb = agrum.parents(v);
      std::vector<Eigen::Index> xa(pa.size(), 0);
      double worst = 0;
      for (bool more = true; more;) {
        std::vector<Eigen::Index> xb;
        for (const variable_id q : pb)
          for (std::size_t i = 0; i < pa.size(); ++i)
            if (bif_alarm.variable(pa[i]).name == agrum.variable(q).name) xb.push_back(xa[i]);
        REQUIRE(xb.size() == pa.size());
        for (Eigen::Index s = 0; s < agrum.cardinality(v); ++s)
          worst = std::max(worst, std::abs(bif_alarm.probability(w, s, xa) - agrum.probability(v, s, xb)));
        more = false;
        for (std::size_t i = 0; i < pa.size() && !more; ++i) {
          more = ++xa[i] < bif_alarm.cardinality(pa[i]);
          if (!more) xa[i] = 0;
        }
      }
      if (worst > 1e-6) differ.push_back(agrum.variable(v).name);
    }
    std::sort(differ.begin(), differ.end());
    CHECK(differ == std::vector<std::string>{"BP", "CATECHOL", "CO", "HREKG", "HRSAT", "PRESS", "PVSAT", "VENTLUNG",
                                             "VENTTUBE"});
  }
  SECTION("JavaBayes' dog problem, and aGrUM's copy with hyphens, are the same network") {
    const network javabayes = io::read_xmlbif(corpus("javabayes_dog-problem.xml03"));
    const network agrum = io::read_xmlbif(corpus("agrum_dog.bifxml"));
    CHECK(javabayes.name() == "Dog_Problem");
    CHECK(p(javabayes, "dog_out", "true", {"true", "false"}) == 0.97);  // bowel_problem, family_out
    std::vector<std::pair<std::string, std::string>> alias;
    for (const char* n : {"light", "bowel", "dog", "hear", "family"}) {
      const std::string base = n;
      for (const char* tail : {"_on", "_problem", "_out", "_bark"})
        alias.emplace_back(base + "-" + std::string(tail + 1), base + tail);
    }
    check_same_network(javabayes, agrum, alias);
  }
  SECTION("JavaBayes' asia is shared/networks/asia.bif") {
    const network javabayes = io::read_xmlbif(corpus("javabayes_asia.xml03"));
    CHECK(javabayes.size() == 8);
    check_same_network(io::read_bif(test::shared_network_path("asia")), javabayes,
                       {{"visitasia", "asia"}, {"tuberculosis", "tub"}, {"smoking", "smoke"}, {"cancer", "lung"},
                        {"tborca", "either"}, {"xray", "xray"}, {"bronchitis", "bronc"}, {"dyspnea", "dysp"}},
                       true);
  }
  SECTION("JavaBayes' alarm loads, 37 variables") {
    CHECK(io::read_xmlbif(corpus("javabayes_alarm.xml03")).size() == 37);
  }
  SECTION("aGrUM's fast-syntax file loads, its PROPERTY texts kept") {
    const io::model_description m = io::read_xmlbif_description(corpus("agrum_BN_with_name.bifxml"));
    CHECK(m.name == "fastPrototype");
    CHECK(to_network(m, io::xmlbif_options{}.build).size() == static_cast<Eigen::Index>(m.variables.size()));
    REQUIRE_FALSE(m.variables.empty());
    CHECK(m.variables[0].properties.size() == 2);
  }
  SECTION("influence diagrams are refused naming the variable") {
    for (const char* file : {"id/agrum_Pinball.xml", "id/agrum_decAsia.xml"}) {
      const parse_error e = thrown_file<parse_error>(corpus(file));
      CHECK_THAT(e.what(), Contains("variable: influence diagrams are not supported"));
      CHECK_THAT(e.what(), StartsWith(corpus(file).string() + ":"));
    }
  }
  SECTION("the pre-0.3 dialect and UnBBayes' XML are refused naming the construct") {
    for (const char* file : {"old-xmlbif-0.2/javabayes_ASIA.XML", "old-xmlbif-0.2/javabayes_dog-problem.xml"}) {
      const parse_error e = thrown_file<parse_error>(corpus(file));
      CHECK_THAT(e.what(), Contains("pre-0.3"));
    }
    const parse_error u = thrown_file<parse_error>(corpus("unbbayes-variant/unbbayes_WetGrass.xml"));
    CHECK_THAT(u.what(), Contains("UnBBayes"));
  }
}

}  // namespace xmlbif_test
