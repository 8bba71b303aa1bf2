// SPDX-License-Identifier: MIT
#include "pitchrisk/learning/essential_graph.hpp"

#include "support/networks.hpp"

#include <catch2/catch.hpp>

namespace essential_graph_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

namespace {
parent_lists dag(Eigen::Index n, std::initializer_list<std::pair<Eigen::Index, Eigen::Index>> arcs) {
  parent_lists p(static_cast<std::size_t>(n));
  for (const auto& [a, b] : arcs) p[static_cast<std::size_t>(b)].push_back(a);
  return p;
}
}  // namespace

TEST_CASE("a chain and a fork are one class, a collider is its own", "[learning][essential_graph]") {
  const pdag chain = essential_graph(dag(3, {{0, 1}, {1, 2}}));
  const pdag fork = essential_graph(dag(3, {{1, 0}, {1, 2}}));
  CHECK(chain == fork);
  CHECK(chain.undirected(0, 1));
  CHECK(chain.undirected(1, 2));
  CHECK_FALSE(chain.adjacent(0, 2));
  const pdag collider = essential_graph(dag(3, {{0, 1}, {2, 1}}));
  CHECK(collider.directed(0, 1));
  CHECK(collider.directed(2, 1));
  CHECK(structural_hamming_distance(chain, collider) == 2);
  CHECK(structural_hamming_distance(chain, fork) == 0);
}

TEST_CASE("the essential graph of asia has the published arcs", "[learning][essential_graph]") {
  const network net = test::asia();
  const pdag g = essential_graph(net);
  auto id = [&](const char* s) { return net.id(s); };
  // v-structures tub -> either <- lung and bronc -> dysp <- either; R1 orients either -> xray.
  CHECK(g.directed(id("tub"), id("either")));
  CHECK(g.directed(id("lung"), id("either")));
  CHECK(g.directed(id("either"), id("xray")));
  CHECK(g.directed(id("either"), id("dysp")));
  CHECK(g.directed(id("bronc"), id("dysp")));
  CHECK(g.undirected(id("asia"), id("tub")));
  CHECK(g.undirected(id("smoke"), id("lung")));
  CHECK(g.undirected(id("smoke"), id("bronc")));
  CHECK(g.arc_count() == 5);
  CHECK(g.edge_count() == 3);
}

TEST_CASE("Meek rule R3 orients the edge into a collider's shared neighbour", "[learning][essential_graph]") {
  // a - c -> b, a - d -> b, a - b, c and d not adjacent  =>  a -> b.
  pdag g(4);
  const Eigen::Index a = 0, b = 1, c = 2, d = 3;
  g.add_edge(a, c);
  g.add_edge(a, d);
  g.add_edge(a, b);
  g.add_arc(c, b);
  g.add_arc(d, b);
  apply_meek_rules(g);
  CHECK(g.directed(a, b));
  CHECK(g.undirected(a, c));
}

TEST_CASE("a DAG extension of an essential graph is in the same class", "[learning][essential_graph]") {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const network net = test::random_network(seed, 9, 3);
    const pdag g = essential_graph(net);
    const auto ext = dag_extension(g);
    REQUIRE(ext);
    CHECK(essential_graph(*ext) == g);
    CHECK(to_dag(g) == *ext);
    // Every arc and edge of g appears in the extension, oriented as g says where it does.
    for (Eigen::Index a = 0; a < g.size(); ++a)
      for (Eigen::Index b = 0; b < g.size(); ++b)
        if (g.directed(a, b)) {
          const auto& ps = (*ext)[static_cast<std::size_t>(b)];
          CHECK(std::find(ps.begin(), ps.end(), a) != ps.end());
        }
  }
}

TEST_CASE("a PDAG without extension still gives an acyclic graph", "[learning][essential_graph]") {
  // A 4-cycle of undirected edges has no extension without a new v-structure.
  pdag g(4);
  g.add_edge(0, 1);
  g.add_edge(1, 2);
  g.add_edge(2, 3);
  g.add_edge(3, 0);
  CHECK_FALSE(dag_extension(g));
  const parent_lists p = to_dag(g);
  CHECK_NOTHROW(topological_order(p, [](variable_id v) { return std::to_string(v); }));
  Eigen::Index arcs = 0;
  for (const auto& ps : p) arcs += static_cast<Eigen::Index>(ps.size());
  CHECK(arcs == 4);
}

TEST_CASE("SHD between networks matches variables by name", "[learning][essential_graph]") {
  const network a = test::asia();
  network_builder b(a);
  // smoke -> lung reversed is Markov equivalent; removing xray's parent is one difference.
  b.set_parents(b.id("lung"), {});
  b.set_parents(b.id("smoke"), {b.id("lung")});
  b.set_cpt(b.id("lung"), Eigen::ArrayXd::Constant(2, 0.5));
  b.set_cpt(b.id("smoke"), Eigen::ArrayXd::Constant(4, 0.5));
  CHECK(structural_hamming_distance(a, b.build()) == 0);
  b.set_parents(b.id("xray"), {});
  b.set_cpt(b.id("xray"), Eigen::ArrayXd::Constant(2, 0.5));
  CHECK(structural_hamming_distance(a, b.build()) == 1);
  const network other = test::random_network(3, 8);
  REQUIRE_THROWS_AS(structural_hamming_distance(a, other), model_error);
  REQUIRE_THROWS_WITH(structural_hamming_distance(a, other), Catch::Contains("is not in network 'asia'"));
}

}  // namespace essential_graph_test
