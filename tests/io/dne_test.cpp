// SPDX-License-Identifier: MIT
// Netica DNE: the CPT order (node fastest, last parent next), functable nodes, the older
// .dnet spelling, names that are not Netica identifiers, the round trip of the 24 shared
// networks (same posteriors, bit-identical tables, byte-identical second write) and the
// third-party files of formats-corpus/dne (load and match their BIF twin, or are refused
// naming the construct).
#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/io/dne.hpp"

#include "support/format_checks.hpp"
#include "support/shared_data.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace dne_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using Catch::Matchers::Contains;

namespace {

double p(const network& net, const std::string& child, const std::string& state,
         const std::vector<std::string>& parent_states) {
  const variable_id v = net.id(child);
  std::vector<Eigen::Index> ps;
  for (std::size_t i = 0; i < parent_states.size(); ++i) ps.push_back(net.state(net.parents(v)[i], parent_states[i]));
  return net.probability(v, net.state(v, state), ps);
}

const std::string two_parents = R"(// ~->[DNET-1]->~
bnet asia_part {
node bronc { kind = NATURE; discrete = TRUE; states = (yes, no); parents = (); probs = (0.45, 0.55); };
node either { kind = NATURE; discrete = TRUE; states = (yes, no); parents = (); probs = (0.06, 0.94); };
node dysp {
	kind = NATURE;
	discrete = TRUE;
	chance = CHANCE;
	states = (yes, no);
	parents = (bronc, either);
	probs =
		// yes   no       // bronc either
		(((0.9, 0.1),     // yes   yes
		  (0.8, 0.2)),    // yes   no
		 ((0.7, 0.3),     // no    yes
		  (0.1, 0.9)));   // no    no
	};
};
)";

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
  const std::string text = io::to_dne_string(net);
  const network back = io::read_dne_string(text, name + ".dne");
  CHECK(back == net);
  CHECK(test::identical_tables(back, net));
  CHECK(io::to_dne_string(back) == text);
  test::check_same_posteriors(net, back);
}

}  // namespace

TEST_CASE("DNE probs are node fastest, then the last parent: asia's dysp", "[io][dne]") {
  const network net = io::read_dne_string(two_parents, "dysp.dne");
  CHECK(p(net, "dysp", "yes", {"yes", "yes"}) == 0.9);
  CHECK(p(net, "dysp", "yes", {"yes", "no"}) == 0.8);
  CHECK(p(net, "dysp", "yes", {"no", "yes"}) == 0.7);
  CHECK(p(net, "dysp", "no", {"no", "no"}) == 0.9);
  CHECK(net.name() == "asia_part");
  // Written back, the table has the same nesting and order.
  const std::string text = io::to_dne_string(net);
  CHECK_THAT(text, Contains("\tprobs = \n\t\t(((0.9, 0.1),\n\t\t  (0.8, 0.2)),\n\t\t ((0.7, 0.3),\n\t\t  (0.1, 0.9)));"));
  CHECK(io::read_dne_string(text, "again.dne") == net);
}

TEST_CASE("a functable gives a deterministic table; states given by numstates are numbered", "[io][dne]") {
  const std::string text = R"(bnet f {
node a { discrete = TRUE; numstates = 3; parents = (); probs = (0.2, 0.3, 0.5); };
node b { kind = NATURE; states = (lo, hi); parents = (); probs = (0.5, 0.5); };
node c {
	kind = NATURE; discrete = TRUE; chance = DETERMIN;
	states = (no, yes); parents = (a, b);
	functable = (no, yes, yes, no, yes, yes);   // a varies slowest, b fastest
	};
};
)";
  const network net = io::read_dne_string(text, "f.dne");
  CHECK(net.variable(net.id("a")).states == std::vector<std::string>{"state0", "state1", "state2"});
  CHECK(p(net, "c", "no", {"state0", "lo"}) == 1.0);
  CHECK(p(net, "c", "yes", {"state0", "hi"}) == 1.0);
  CHECK(p(net, "c", "yes", {"state1", "lo"}) == 1.0);
  CHECK(p(net, "c", "no", {"state1", "hi"}) == 1.0);
  CHECK(p(net, "c", "yes", {"state2", "lo"}) == 1.0);
  CHECK(p(net, "c", "no", {"state2", "lo"}) == 0.0);
}

TEST_CASE("Netica 1.x probs without each last entry are completed", "[io][dne]") {
  const std::string text = "bnet old {\nnode a { states = (x, y, z); parents = (); probs = (0.25, 0.5); };\n"
                           "node b { states = (p, q); parents = (a); probs = ((0.5), (0.25), (1.0)); };\n};\n";
  const network net = io::read_dne_string(text, "old.dnet");
  CHECK(p(net, "a", "z", {}) == 0.25);
  CHECK(p(net, "b", "q", {"y"}) == 0.75);
  CHECK(p(net, "b", "q", {"z"}) == 0.0);
  const std::string over = "bnet old {\nnode a { states = (x, y, z); parents = (); probs = (0.75, 0.5); };\n};\n";
  REQUIRE_THROWS_AS(io::read_dne_string(over, "over.dnet"), parse_error);
  REQUIRE_THROWS_WITH(io::read_dne_string(over, "over.dnet"), Contains("add up to more than 1"));
}

TEST_CASE("DNE comments, escapes, CR-only and CRLF line ends, skipped blocks", "[io][dne]") {
  const std::string base = "// header\nbnet n {\ncomment = \"a \\\"quoted\\\" word \\\n and more\";\n"
                           "visual V1 { font = font {shape= \"Arial\"; size= 12;}; NodeSet X {Color = 0xc0c0c0;}; };\n"
                           "node a { kind = NATURE; states = (s, t); parents = ( ); inputs = (, x);\n"
                           "  probs = /* block */ (0.5, 0.5); visual V1 { center = (1, 2); link 1 { path = ((1,2),(3,4)); }; }; };\n};\n";
  const network lf = io::read_dne_string(base, "lf.dne");
  std::string crlf, cr;
  for (const char c : base) {
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    cr += c == '\n' ? '\r' : c;
  }
  CHECK(io::read_dne_string(crlf, "crlf.dne") == lf);
  CHECK(io::read_dne_string(cr, "cr.dne") == lf);
  // Line numbers count CR-only line ends too.
  const std::string bad = "bnet n {\rnode a {\r states = (s, t);\r parents = ();\r probs = (0.5, x);\r};\r};\r";
  try {
    (void)io::read_dne_string(bad, "cr.dne");
    FAIL("no error");
  } catch (const parse_error& e) {
    CHECK(e.line() == 5);
    CHECK(e.column() == 16);
  }
}

TEST_CASE("probs read without tokens (plain lists) equal probs read token by token", "[io][dne]") {
  // A plain list (only numbers, commas, parentheses, blanks) is read from the text; a
  // comment or a quoted string in the list sends the reader back to the token path.
  const auto text = [](const std::string& probs) {
    return "bnet n {\nnode a { states = (y, n); parents = (); probs = (0.25, 0.75); };\n"
           "node b { states = (p, q, r); parents = (a); probs = " + probs + "; };\n};\n";
  };
  const network plain = io::read_dne_string(text("\n ((0.1, 0.2, 0.7),\r\n  (0.3, 0.3, 0.4))"), "plain.dne");
  CHECK(plain == io::read_dne_string(text("// b\n ((0.1, 0.2, 0.7), // a=y\n  (0.3, 0.3, 0.4))"), "tokens.dne"));
  CHECK(plain == io::read_dne_string(text("(((0.1, 0.2, 0.7)), ((0.3, 0.3, 0.4)),)"), "nested.dne"));
  CHECK(plain.cpt(plain.id("b")).values().isApprox(
      io::read_dne_string(text("((0.1, 0.2), (0.3, 0.3))"), "implied.dne").cpt(plain.id("b")).values(), 1e-15));
}

TEST_CASE("names that are not Netica identifiers are written with titles and read back", "[io][dne]") {
  network_builder b("my net");
  const auto a = b.add_variable("age group", {"<5", "5-12", "12+", "0"});
  const auto c = b.add_variable("x", {"yes", "no"});
  b.set_parents(c, {a});
  b.set_cpt(a, Eigen::ArrayXd::Constant(4, 0.25));
  Eigen::ArrayXd t(8);
  t << 0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6;
  b.set_cpt(c, t);
  const network net = b.build();
  const std::string text = io::to_dne_string(net);
  CHECK_THAT(text, Contains("bnet my_net {"));
  CHECK_THAT(text, Contains("node age_group {"));
  CHECK_THAT(text, Contains("states = (s_5, s5_12, s12_, s0);"));
  CHECK_THAT(text, Contains("statetitles = (\"<5\", \"5-12\", \"12+\", \"0\");"));
  CHECK_THAT(text, Contains("title = \"age group\";"));
  const network back = io::read_dne_string(text, "names.dne");
  CHECK(back == net);
  CHECK(back.name() == "my net");
  // Without the pitchrisk marker the titles are display text, not names.
  const std::string edited = text.substr(text.find("bnet"));
  CHECK(io::read_dne_string(edited, "edited.dne").variable(0).name == "age_group");
  // Quotes, backslashes and line breaks are escaped in titles; a NUL byte cannot be written.
  network_builder q;
  q.add_variable("two\nlines \"q\" a\\b", {"a", "b"});
  q.set_cpt(0, Eigen::ArrayXd::Constant(2, 0.5));
  const network odd = q.build();
  CHECK(io::read_dne_string(io::to_dne_string(odd), "odd.dne") == odd);
  network_builder z;
  z.add_variable(std::string("nul\0name", 8), {"a", "b"});
  z.set_cpt(0, Eigen::ArrayXd::Constant(2, 0.5));
  const network bad = z.build();
  REQUIRE_THROWS_AS(io::to_dne_string(bad), model_error);
}

TEST_CASE("write_dne writes a file read_dne reads back; a missing file is an io_error", "[io][dne]") {
  const network net = io::read_dne_string(two_parents, "dysp.dne");
  const auto file = std::filesystem::temp_directory_path() / "pitchrisk_dne_test.dne";
  io::write_dne(net, file);
  CHECK(io::read_dne(file) == net);
  std::filesystem::remove(file);
  REQUIRE_THROWS_AS(io::read_dne(file), io_error);
}

TEST_CASE("the small shared networks survive DNE write then read", "[io][dne]") {
  if (!test::have_shared_data()) {
    WARN("skipped: no shared networks at " << test::shared_dir());
    return;
  }
  for (const shared_net& n : shared_networks)
    if (!n.slow) round_trip(n.name);
}

TEST_CASE("the large shared networks survive DNE write then read", "[io][dne][slow][.slow]") {
  if (!test::have_shared_data()) return;
  for (const shared_net& n : shared_networks)
    if (n.slow) round_trip(n.name);
}

namespace {

std::filesystem::path corpus(const std::string& name) { return test::shared_dir() / "formats-corpus" / "dne" / name; }

/// The Netica Chest Clinic against shared/networks/asia.bif: every posterior under a few
/// evidence sets, nodes matched by name, the first state of each being "yes".
void check_chest_clinic(const network& netica, double tolerance) {
  const network asia = io::read_bif(test::shared_network_path("asia"));
  const std::map<std::string, std::string> twin = {
      {"VisitAsia", "asia"}, {"Tuberculosis", "tub"}, {"Smoking", "smoke"}, {"Cancer", "lung"},
      {"TbOrCa", "either"},  {"XRay", "xray"},        {"Bronchitis", "bronc"}, {"Dyspnea", "dysp"}};
  REQUIRE(netica.size() == asia.size());
  const junction_tree a(asia), b(netica);
  const std::vector<std::vector<std::string>> sets = {{}, {"XRay"}, {"Dyspnea", "VisitAsia"}, {"TbOrCa", "Smoking"}};
  for (const auto& set : sets) {
    evidence ea, eb;
    for (const auto& name : set) {
      ea.observe(asia.id(twin.at(name)), 0);
      eb.observe(netica.id(name), 0);
    }
    for (const auto& [n, m] : twin) {
      INFO(n << " given " << set.size() << " findings");
      const auto pa = a.posterior(m, ea).probabilities(), pb = b.posterior(n, eb).probabilities();
      CHECK(pb[0] == Approx(pa[0]).margin(tolerance));
      CHECK(pb[1] == Approx(pa[1]).margin(tolerance));
    }
  }
}

}  // namespace

TEST_CASE("the third-party DNE files load (matching their BIF twin) or are refused naming the construct",
          "[io][dne]") {
  if (!std::filesystem::is_directory(test::shared_dir() / "formats-corpus" / "dne")) {
    WARN("skipped: no formats-corpus at " << test::shared_dir());
    return;
  }
  SECTION("Chest Clinic by Netica 1.06, by CaMML2 and as an old .dnet") {
    check_chest_clinic(io::read_dne(corpus("camml_TestRegression.dne")), 1e-12);
    check_chest_clinic(io::read_dne(corpus("javabayes_asia.dnet")), 1e-12);
    // CaMML prints 0.94999998 for 0.95: the posteriors agree to that precision.
    check_chest_clinic(io::read_dne(corpus("camml_temp.dne")), 1e-6);
  }
  SECTION("files without a BIF twin load and survive a round trip") {
    const std::map<std::string, Eigen::Index> sizes = {
        {"javabayes_cancer.dnet", 5}, {"rnetica_ACEDMotif1.dne", 15}, {"rnetica_GeometricPM.dne", 13},
        {"rnetica_IRT5.dne", 6},      {"unbbayes_Challenge_1.dne", 12}, {"unbbayes_coma.dne", 5}};
    for (const auto& [file, size] : sizes) {
      INFO(file);
      const network net = io::read_dne(corpus(file));
      CHECK(net.size() == size);
      const network back = io::read_dne_string(io::to_dne_string(net), file);
      CHECK(back == net);
      CHECK(test::identical_tables(back, net));
    }
    // Netica's Cooper coma network, twice: the 1.x .dnet (A = Metastatic Cancer) and Netica 4.16's.
    const network old = io::read_dne(corpus("javabayes_cancer.dnet"));
    const network coma = io::read_dne(corpus("unbbayes_coma.dne"));
    CHECK(p(old, "A", "Present", {}) == Approx(p(coma, "A", "present", {})));
  }
  SECTION("a Netica learning file with 'param' blocks is refused naming the first one") {
    try {
      (void)io::read_dne(corpus("rnetica_EMTask1a.dne"));
      FAIL("no error");
    } catch (const parse_error& e) {
      CHECK_THAT(e.what(), Contains("rnetica_EMTask1a.dne:38:7"));
      CHECK_THAT(e.what(), Contains("node 'X_Skill2_2' (a 'param' block, kind DISCONNECTED) has no probability table"));
    }
  }
}

TEST_CASE("a canonical model is written to DNE as its full table after a comment; titles are labels", "[io][dne]") {
  io::model_description model;
  model.name = "n";
  io::variable_description c;
  c.name = "c";
  c.states = {"absent", "present"};
  c.table = Eigen::ArrayXd::Constant(2, 0.5);
  model.variables.push_back(c);
  io::variable_description e;
  e.name = "e";
  e.states = {"off", "on"};
  e.parents = {0};
  io::canonical_parameters noisy;
  noisy.kind = io::local_model::noisy_or;
  noisy.effects = {{{1.0, 0.0}, {0.2, 0.8}}};
  noisy.leak = {0.9, 0.1};
  e.canonical = noisy;
  model.variables.push_back(e);
  const std::string text = io::to_dne_string(model);
  CHECK_THAT(text, Contains("// e is a noisy-OR model, written as its full table (DNE keeps tables only).\nnode e {"));
  const network back = io::read_dne_string(text, "or.dne");
  CHECK(back == io::to_network(model));
  CHECK(p(back, "e", "on", {"present"}) == Approx(1 - 0.9 * 0.2));
  // A Netica title is a label, the node's name stays its identifier.
  if (std::filesystem::is_directory(test::shared_dir() / "formats-corpus" / "dne")) {
    const io::model_description coma = io::read_dne_description(corpus("unbbayes_coma.dne"));
    CHECK(coma.variables[0].name == "A");
    CHECK(coma.variables[0].label == "Metastatic Cancer");
    CHECK_THAT(coma.comment, Contains("Originally from Cooper84"));
  }
}

}  // namespace dne_test
