// SPDX-License-Identifier: MIT
// Tests of io/model_description.hpp: a description becomes the network it describes and a
// network its description again; canonical models expand to the tables canonical.hpp
// computes (in any child-state order); CPT faults name file and line; and the readers'
// default tolerance accepts tables printed with six decimals, renormalises them exactly
// and lists them as repairs, while larger faults name the --lenient flag.
#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/io/model_description.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace model_description_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

/// a (2 states) -> c (3 states) <- b (3 states), c noisy-MAX.
io::model_description graded() {
  io::model_description m;
  m.name = "graded";
  m.file = "graded.txt";
  m.variables.resize(3);
  m.variables[0].name = "a";
  m.variables[0].states = {"no", "yes"};
  m.variables[0].table = Eigen::ArrayXd{{0.7, 0.3}};
  m.variables[1].name = "b";
  m.variables[1].states = {"none", "some", "much"};
  m.variables[1].table = Eigen::ArrayXd{{0.5, 0.3, 0.2}};
  m.variables[2].name = "c";
  m.variables[2].states = {"ok", "mild", "severe"};
  m.variables[2].parents = {0, 1};
  m.variables[2].line = 42;
  io::canonical_parameters p;
  p.kind = io::local_model::noisy_max;
  p.effects = {{{1, 0, 0}, {0.2, 0.5, 0.3}}, {{1, 0, 0}, {0.6, 0.4, 0}, {0.1, 0.3, 0.6}}};
  p.leak = {0.9, 0.08, 0.02};
  m.variables[2].canonical = p;
  return m;
}

}  // namespace

TEST_CASE("a description becomes its network and a network its description", "[io][model_description]") {
  const io::model_description m = graded();
  const network net = io::to_network(m);
  REQUIRE(net.size() == 3);
  CHECK(net.name() == "graded");
  CHECK(net.variable(2).states == std::vector<std::string>{"ok", "mild", "severe"});
  REQUIRE(net.parents(2).size() == 2);
  CHECK(net.parents(2)[0] == 0);
  const Eigen::ArrayXd expected = noisy_max(m.variables[2].canonical->effects, m.variables[2].canonical->leak);
  const Eigen::ArrayXd got = net.cpt_columns(2);
  REQUIRE(got.size() == expected.size());
  for (Eigen::Index i = 0; i < got.size(); ++i) CHECK(got[i] == Approx(expected[i]).epsilon(1e-15));

  const io::model_description back = io::describe(net);
  REQUIRE(back.variables.size() == 3);
  CHECK(back.variables[2].parents == std::vector<std::size_t>{0, 1});
  CHECK_FALSE(back.variables[2].canonical);
  CHECK(io::to_network(back) == net);
}

TEST_CASE("a noisy-MAX child order is the order of activity, not of declaration", "[io][model_description]") {
  // The same model with the child's states declared most active first (GeNIe's habit):
  // reversed declaration plus a reversed child_order must give the same probabilities.
  const io::model_description m = graded();
  io::model_description r = m;
  auto& c = r.variables[2];
  c.states = {"severe", "mild", "ok"};
  auto& p = *c.canonical;
  const auto reverse = [](std::vector<double> d) { return std::vector<double>(d.rbegin(), d.rend()); };
  for (auto& parent : p.effects)
    for (auto& e : parent) e = reverse(e);
  p.leak = reverse(p.leak);
  p.child_order = {2, 1, 0};
  const network a = io::to_network(m), b = io::to_network(r);
  const Eigen::ArrayXd x = a.cpt_columns(2), y = b.cpt_columns(2);
  for (Eigen::Index col = 0; col < x.size() / 3; ++col)
    for (Eigen::Index s = 0; s < 3; ++s) CHECK(y[col * 3 + (2 - s)] == Approx(x[col * 3 + s]).epsilon(1e-15));
}

TEST_CASE("noisy-OR and noisy-AND descriptions expand as canonical.hpp does", "[io][model_description]") {
  io::model_description m;
  m.variables.resize(2);
  m.variables[0] = {"cause", {"absent", "present"}, {}, Eigen::ArrayXd{{0.6, 0.4}}, {}, {}, {}, {}, 0};
  m.variables[1].name = "effect";
  m.variables[1].states = {"off", "on"};
  m.variables[1].parents = {0};
  io::canonical_parameters p;
  p.kind = io::local_model::noisy_or;
  p.effects = {{{1, 0}, {0.2, 0.8}}};
  p.leak = {0.95, 0.05};
  m.variables[1].canonical = p;
  const Eigen::ArrayXd want_or = noisy_or({{0.0, 0.8}}, 0.05);
  const Eigen::ArrayXd got_or = io::to_network(m).cpt_columns(1);
  for (Eigen::Index i = 0; i < 4; ++i) CHECK(got_or[i] == Approx(want_or[i]).epsilon(1e-15));
  m.variables[1].canonical->kind = io::local_model::noisy_and;
  const Eigen::ArrayXd want_and = noisy_and({{1.0, 0.2}}, 0.95);
  const Eigen::ArrayXd got_and = io::to_network(m).cpt_columns(1);
  for (Eigen::Index i = 0; i < 4; ++i) CHECK(got_and[i] == Approx(want_and[i]).epsilon(1e-15));
}

TEST_CASE("faults in a description are model_errors naming file, line and variable", "[io][model_description]") {
  io::model_description m = graded();
  m.variables[2].canonical->effects[1].pop_back();
  REQUIRE_THROWS_AS(io::to_network(m), model_error);
  REQUIRE_THROWS_WITH(io::to_network(m), StartsWith("graded.txt:42: cpt 'c'") && Contains("parent 'b' has 3 states"));
  io::model_description t = graded();
  t.variables[0].table = Eigen::ArrayXd{{0.7, 0.2}};
  REQUIRE_THROWS_WITH(io::to_network(t), StartsWith("graded.txt: cpt 'a'") && Contains("sums to 0.9"));
}

TEST_CASE("BIF writes a canonical model as its table after a comment, and reads it back", "[io][model_description]") {
  const io::model_description m = graded();
  const std::string text = io::to_bif_string(m);
  CHECK_THAT(text, Contains("// noisy-MAX model, written as its full table (BIF has no canonical models)\n"
                            "probability ( c | a, b ) {"));
  const network back = io::read_bif_string(text, "graded.bif");
  const network direct = io::to_network(m);
  for (const variable_id v : direct.variables()) {
    const Eigen::ArrayXd x = direct.cpt_columns(v), y = back.cpt_columns(v);
    for (Eigen::Index i = 0; i < x.size(); ++i) CHECK(y[i] == x[i]);  // shortest round-trip numbers
  }
}

TEST_CASE("tables printed with six decimals load by default, renormalised and reported", "[io][model_description]") {
  // Seven states of 1/7 printed with six decimals: 7 x 0.142857 = 0.999999.
  const std::string six = R"(network n { }
variable a { type discrete [ 7 ] { s0, s1, s2, s3, s4, s5, s6 }; }
variable b { type discrete [ 2 ] { yes, no }; }
probability ( a ) { table 0.142857, 0.142857, 0.142857, 0.142857, 0.142857, 0.142857, 0.142857; }
probability ( b | a ) {
  (s0) 0.333333, 0.666667;
  (s1) 0.500001, 0.500034;
  (s2) 0.5, 0.5;
  (s3) 0.5, 0.5;
  (s4) 0.5, 0.5;
  (s5) 0.5, 0.5;
  (s6) 0.5, 0.5;
}
)";
  const network net = io::read_bif_string(six, "six.bif");
  REQUIRE(net.repairs().size() == 2);  // a's only column (0.999999) and b | s1 (1.000035)
  CHECK(net.repairs()[0].child == net.id("a"));
  CHECK(net.repairs()[0].sum == Approx(0.999999).epsilon(1e-12));
  CHECK(net.repairs()[1].child == net.id("b"));
  CHECK(net.repairs()[1].column == 1);
  CHECK(net.repairs()[1].sum == Approx(1.000035).epsilon(1e-12));
  CHECK(net.cpt_columns(net.id("a"))[3] == Approx(1.0 / 7).epsilon(1e-14));
  CHECK(net.cpt_columns(net.id("b"))[2] == Approx(0.500001 / 1.000035).epsilon(1e-14));
  // The (0.333333, 0.666667) column sums to exactly 1: not a repair.
  // The given numbers are kept for writers.
  CHECK(net.cpt_columns(net.id("a"), true)[3] == 0.142857);

  std::string off = six;
  off.replace(off.find("0.500034"), 8, "0.500300");  // 1.000301: over 1e-4
  REQUIRE_THROWS_AS(io::read_bif_string(off, "off.bif"), model_error);
  REQUIRE_THROWS_WITH(io::read_bif_string(off, "off.bif"),
                      StartsWith("off.bif:5: cpt 'b'") && Contains("sums to 1.000301") && Contains("--lenient"));
  io::bif_options lenient;
  lenient.build.columns.lenient = true;
  CHECK(io::read_bif_string(off, "off.bif", lenient).repairs().size() == 2);
  // The builder itself keeps its strict 1e-6 default.
  CHECK_THROWS_AS(io::to_network(io::read_bif_description_string(six, "six.bif")), model_error);
}

}  // namespace model_description_test
