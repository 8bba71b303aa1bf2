// SPDX-License-Identifier: MIT
// Hugin NET: the data order (row-major over the parents then the node, parentheses
// mirroring the nesting), labels, positions, attributes and names that are not identifiers,
// canonical models written as tables, flat classes, the round trip of the 24 shared networks
// (same posteriors, bit-identical tables, byte-identical second write), and the third-party
// files of formats-corpus/net (gRain's chest clinic against asia.bif; influence diagrams,
// OOBN classes and count tables refused naming the construct). The malformed-input
// catalogue is tests/robustness/catalogue/net.
#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/io/net.hpp"

#include "support/format_checks.hpp"
#include "support/shared_data.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace net_test {  // one namespace per file: the tests compile in unity batches

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

const std::string dysp = "% Hugin comment\nnet\n{\n  name = \"chest\";\n  HR_Desc = \"a \\\"quoted\\\" word\";\n}\n"
                         "node bronc { label = \"Bronchitis?\"; position = (10 -20); states = (\"yes\" \"no\"); }\n"
                         "node either { states = (yes no); HR_Group = \"0\"; }\n"
                         "discrete node dysp { states = (\"yes\" \"no\"); }\n"
                         "potential (bronc) { data = (0.45 0.55); }\n"
                         "potential (either |) { data = (0.06 0.94); experience = 5; }\n"
                         "potential (dysp | bronc either)\n{\n  data\n   = (((0.9 0.1)  % bronc=yes either=yes\n"
                         "        (0.8 0.2))  % bronc=yes either=no\n       ((0.7 0.3)\n        (0.1 0.9)));\n}\n";

void round_trip(const std::string& name) {
  INFO(name);
  const network net = io::read_bif(test::shared_network_path(name));
  const std::string text = io::to_net_string(net);
  const network back = io::read_net_string(text, name + ".net");
  CHECK(back == net);
  CHECK(test::identical_tables(back, net));
  CHECK(io::to_net_string(back) == text);
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

TEST_CASE("Hugin data is row-major over the parents, then the node: asia's dysp", "[io][net]") {
  const network net = io::read_net_string(dysp, "dysp.net");
  CHECK(p(net, "dysp", "yes", {"yes", "yes"}) == 0.9);
  CHECK(p(net, "dysp", "yes", {"yes", "no"}) == 0.8);
  CHECK(p(net, "dysp", "yes", {"no", "yes"}) == 0.7);
  CHECK(p(net, "dysp", "no", {"no", "no"}) == 0.9);
  CHECK(net.name() == "chest");
  const std::string written = io::to_net_string(net);
  CHECK_THAT(written, Contains("potential (dysp | bronc either)"));
  CHECK_THAT(written, Contains("data = (((0.9 0.1)\n        (0.8 0.2))\n        ((0.7 0.3)\n        (0.1 0.9)));"));
  CHECK_THAT(written, Contains("data = (0.45 0.55);"));
}

TEST_CASE("labels, positions, attributes and non-identifier names survive a NET round trip", "[io][net]") {
  const io::model_description model = io::read_net_description_string(dysp, "dysp.net");
  REQUIRE(model.variables.size() == 3);
  CHECK(model.variables[0].label == "Bronchitis?");
  REQUIRE(model.variables[0].place);
  CHECK(model.variables[0].place->y == -20);
  CHECK(model.variables[1].states == std::vector<std::string>{"yes", "no"});
  CHECK(model.variables[1].properties == std::vector<std::pair<std::string, std::string>>{{"HR_Group", "\"0\""}});
  CHECK(model.properties == std::vector<std::pair<std::string, std::string>>{{"HR_Desc", "\"a \\\"quoted\\\" word\""}});
  const std::string once = io::to_net_string(model);
  const io::model_description back = io::read_net_description_string(once, "back.net");
  CHECK(back.properties == model.properties);
  CHECK(back.variables[0].label == model.variables[0].label);
  CHECK(back.variables[0].place == model.variables[0].place);
  CHECK(back.variables[1].properties == model.variables[1].properties);
  CHECK(io::to_net_string(back) == once);

  network_builder b("odd names");
  b.add_variable("a b", {"x \"1\"", "y\\z"});
  b.add_variable("2nd", {"s"});
  b.set_cpt("2nd", {}, {1.0});
  b.set_cpt("a b", {"2nd"}, {0.25, 0.75});
  const network odd = b.build();
  const std::string text = io::to_net_string(odd);
  CHECK_THAT(text, Contains("node a_b"));
  CHECK_THAT(text, Contains("pitchrisk_name = \"a b\";"));
  CHECK(io::read_net_string(text, "odd.net") == odd);
}

TEST_CASE("a canonical model is written to NET as its table after a comment", "[io][net]") {
  io::model_description m;
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
  const std::string text = io::to_net_string(m);
  CHECK_THAT(text, Contains("% effect is a noisy-OR model; Hugin NET holds tables only"));
  const network net = io::read_net_string(text, "noisy.net");
  CHECK(p(net, "effect", "on", {"on"}) == Approx(1 - 0.2 * 0.9).epsilon(1e-15));
}

TEST_CASE("a flat Hugin class loads; write_net writes a file read_net reads back", "[io][net]") {
  const network flat = io::read_net_string(
      "class Flat\n{\n  node_size = (40 40);\n  node a { states = (\"y\" \"n\"); }\n"
      "  potential (a) { data = (0.5 0.5); }\n} % class Flat\n",
      "flat.oobn");
  CHECK(flat.name() == "Flat");
  CHECK(flat.size() == 1);
  const network net = io::read_net_string(dysp, "dysp.net");
  const auto file = std::filesystem::temp_directory_path() / "pitchrisk_net_test.net";
  io::write_net(net, file);
  CHECK(io::read_net(file) == net);
  std::filesystem::remove(file);
  REQUIRE_THROWS_AS(io::read_net(file), io_error);
}

TEST_CASE("deep parentheses are refused without recursion", "[io][net]") {
  const std::string deep = "net {}\nnode a { states = (\"y\" \"n\"); }\npotential (a) { data = " +
                           std::string(1000000, '(') + "0.5 0.5" + std::string(1000000, ')') + "; }\n";
  REQUIRE_THROWS_AS(io::read_net_string(deep, "deep.net"), parse_error);
  REQUIRE_THROWS_WITH(io::read_net_string(deep, "deep.net"), Contains("deeper than 1024"));
  io::net_options options;
  options.max_nesting = 2000000;  // even unbounded, the reader uses no stack per level
  CHECK(io::read_net_string(deep, "deep.net", options).size() == 1);
}

TEST_CASE("the small shared networks survive NET write then read", "[io][net]") {
  if (!test::have_shared_data()) {
    WARN("skipped: no shared networks at " << test::shared_dir());
    return;
  }
  for (const auto& [name, slow] : shared_networks)
    if (!slow) round_trip(name);
}

TEST_CASE("the large shared networks survive NET write then read", "[io][net][slow][.slow]") {
  if (!test::have_shared_data()) return;
  for (const auto& [name, slow] : shared_networks)
    if (slow) round_trip(name);
}

namespace {

std::filesystem::path corpus(const std::string& name) { return test::shared_dir() / "formats-corpus" / "net" / name; }

template <class E>
E thrown_file(const std::filesystem::path& file) {
  try {
    (void)io::read_net(file);
  } catch (const E& e) {
    return e;
  }
  FAIL("reading " << file << " did not throw the expected type");
  throw;
}

}  // namespace

TEST_CASE("the third-party NET files load (matching their BIF twin) or are refused naming the construct", "[io][net]") {
  if (!std::filesystem::is_directory(test::shared_dir() / "formats-corpus" / "net") || !test::have_shared_data()) {
    WARN("skipped: no formats-corpus at " << test::shared_dir());
    return;
  }
  SECTION("gRain's chest clinic files are shared/networks/asia.bif") {
    const network asia = io::read_bif(test::shared_network_path("asia"));
    const junction_tree reference(asia);
    const std::vector<std::pair<std::string, std::string>> names = {{"A", "asia"}, {"S", "smoke"}, {"T", "tub"},
                                                                    {"L", "lung"}, {"B", "bronc"}, {"E", "either"},
                                                                    {"X", "xray"}, {"D", "dysp"}};
    for (const char* file : {"grain_chest_clinic.net", "grain_chest_clinic_short.net"}) {
      INFO(file);
      const network hugin = io::read_net(corpus(file));
      REQUIRE(hugin.size() == asia.size());
      const junction_tree engine(hugin);
      for (const auto& [seen_h, seen_a] : std::vector<std::pair<std::string, std::string>>{{"", ""}, {"X", "xray"}, {"D", "dysp"}}) {
        evidence eh, ea;
        if (!seen_h.empty()) {
          eh.observe(seen_h, "yes");
          ea.observe(seen_a, "yes");
        }
        for (const auto& [h, a] : names) {
          INFO(h << " given " << seen_h);
          for (const std::string s : {"yes", "no"})
            CHECK(engine.posterior(h, eh).probabilities()[hugin.state(hugin.id(h), s)] ==
                  Approx(reference.posterior(a, ea).probabilities()[asia.state(asia.id(a), s)]).margin(1e-12));
        }
      }
    }
  }
  SECTION("files by aGrUM, Hugin and UnBBayes without a twin load and survive a round trip") {
    for (const char* file : {"agrum_NetWriter_RO_TestFile.net", "agrum_test2.net", "agrum_test3.net",
                             "unbbayes_conditionals.J.noisyOr.net"}) {
      INFO(file);
      const io::model_description m = io::read_net_description(corpus(file));
      const network net = to_network(m, io::net_options{}.build);
      CHECK(net.size() > 0);
      const std::string once = io::to_net_string(m);
      const io::model_description back = io::read_net_description_string(once, file);
      CHECK(to_network(back, io::net_options{}.build) == net);
      CHECK(io::to_net_string(back) == once);
    }
  }
  SECTION("tables of counts are refused naming the construct") {
    for (const char* file : {"agrum_test1.net", "unbbayes_Chest_Clinic_Learned_Dirichlet.net"}) {
      INFO(file);
      const parse_error e = thrown_file<parse_error>(corpus(file));
      CHECK_THAT(e.what(), Contains("unnormalised tables"));
      CHECK_THAT(e.what(), StartsWith(corpus(file).string() + ":"));
    }
  }
  SECTION("influence diagrams are refused naming the node") {
    for (const char* file : {"id/unbbayes_RegularID.net", "id/unbbayes_car_buyer.net", "id/unbbayes_mildew3.net"}) {
      INFO(file);
      const parse_error e = thrown_file<parse_error>(corpus(file));
      CHECK_THAT(e.what(), Contains("node: influence diagrams are not supported"));
    }
  }
  SECTION("object-oriented classes with interface nodes or instances are refused naming the construct") {
    for (const char* file : {"oobn/unbbayes_DistanceTimeslice.oobn", "oobn/unbbayes_HarmPotentialST4T3.oobn",
                             "oobn/unbbayes_StarShip.oobn", "oobn/unbbayes_Zone.oobn"}) {
      INFO(file);
      const parse_error e = thrown_file<parse_error>(corpus(file));
      CHECK_THAT(e.what(), Contains("(OOBN)"));
    }
  }
}

}  // namespace net_test
