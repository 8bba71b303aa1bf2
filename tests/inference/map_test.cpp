#include "pitchrisk/inference/map.hpp"

#include "pitchrisk/inference/loopy_belief_propagation.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"
#include "support/approximate.hpp"
#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <random>

namespace map_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

namespace {

/// log P(x_vars, e) for every assignment of `vars`, by enumerating the joint.
std::map<std::vector<Eigen::Index>, long double> brute_force_map_table(const network& net, const std::vector<variable_id>& vars,
                                                                       const evidence& seen) {
  const resolved_evidence ev = resolve(net, seen);
  const auto n = static_cast<std::size_t>(net.size());
  std::vector<Eigen::Index> x(n, 0), ps;
  std::map<std::vector<Eigen::Index>, long double> table;
  for (;;) {
    long double p = 1;
    for (std::size_t v = 0; v < n && p > 0; ++v) {
      const auto id = static_cast<variable_id>(v);
      if (ev.is_hard(id) && ev.hard[v] != x[v]) p = 0;
      ps.clear();
      for (const variable_id u : net.parents(id)) ps.push_back(x[static_cast<std::size_t>(u)]);
      p *= net.probability(id, x[v], ps);
      if (ev.is_soft(id)) p *= ev.soft[v][x[v]];
    }
    std::vector<Eigen::Index> key;
    for (const variable_id v : vars) key.push_back(x[static_cast<std::size_t>(v)]);
    table[key] += p;
    std::size_t d = 0;
    for (; d < n; ++d) {
      if (++x[d] < net.cardinality(static_cast<variable_id>(d))) break;
      x[d] = 0;
    }
    if (d == n) break;
  }
  return table;
}

long double best_of(const std::map<std::vector<Eigen::Index>, long double>& t) {
  long double best = 0;
  for (const auto& [k, p] : t) best = std::max(best, p);
  return best;
}

}  // namespace

TEST_CASE("exact MAP over a subset matches brute force", "[inference][map]") {
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    INFO("seed " << seed);
    const network net = test::random_network(seed, 9, 3, true);
    std::mt19937_64 rng(seed);
    const evidence seen = test::random_evidence(net, rng, 0.2, 0.1);
    const resolved_evidence ev = resolve(net, seen);
    std::vector<variable_id> vars;
    for (const variable_id v : net.variables())
      if (!ev.is_hard(v) && rng() % 3 == 0) vars.push_back(v);
    const auto table = brute_force_map_table(net, vars, seen);
    const long double best = best_of(table);
    if (!(best > 0)) {
      REQUIRE_THROWS_AS(exact_map(net, vars, seen), evidence_error);
      continue;
    }
    const map_result got = exact_map(net, vars, seen);
    REQUIRE(got.states.size() == vars.size());
    CHECK(got.log_probability == Approx(static_cast<double>(std::log(best))).epsilon(1e-9));
    CHECK(static_cast<double>(std::log(table.at(got.states))) == Approx(static_cast<double>(std::log(best))).epsilon(1e-9));
    const double logpe = ev.observed.empty() ? 0.0 : variable_elimination(net).log_evidence_probability(seen);
    CHECK(got.log_posterior == Approx(got.log_probability - logpe).epsilon(1e-9));
  }
}

TEST_CASE("MAP differs from the MPE restricted to the MAP variables", "[inference][map]") {
  // asia: the most probable (tub, lung) given dysp = yes, everything else summed out.
  const network net = test::asia();
  const evidence seen{{"dysp", "yes"}, {"xray", "yes"}};
  const std::vector<variable_id> vars{net.id("tub"), net.id("lung")};
  const map_result got = exact_map(net, vars, seen);
  const auto table = brute_force_map_table(net, vars, seen);
  CHECK(got.log_probability == Approx(static_cast<double>(std::log(best_of(table)))).epsilon(1e-12));
}

TEST_CASE("exact MAP refuses a table over its size limit and names the variable", "[inference][map]") {
  const network net = test::smooth_network(3, 12, 3);
  std::vector<variable_id> vars;
  for (const variable_id v : net.variables()) vars.push_back(v);
  const exact_map_options tiny{.max_factor_entries = 8};
  REQUIRE_THROWS_AS(exact_map(net, vars, {}, tiny), size_error);
  REQUIRE_THROWS_WITH(exact_map(net, vars, {}, tiny), Catch::Contains("exact_map: eliminating '") && Catch::Contains("approximate_map"));
}

TEST_CASE("exact MAP reports bad requests", "[inference][map]") {
  const network net = test::asia();
  const std::vector<variable_id> observed{net.id("xray")};
  const evidence seen{{"xray", "yes"}};
  REQUIRE_THROWS_AS(exact_map(net, observed, seen), evidence_error);
  const std::vector<variable_id> twice{1, 1};
  REQUIRE_THROWS_AS(exact_map(net, twice, {}), lookup_error);
  const evidence impossible{{"tub", "yes"}, {"either", "no"}};
  const std::vector<variable_id> lung{net.id("lung")};
  REQUIRE_THROWS_AS(exact_map(net, lung, impossible), evidence_error);
}

TEST_CASE("approximate MAP from loopy BP marginals finds the brute-force optimum on small networks", "[inference][map]") {
  int found = 0, cases = 0;
  for (std::uint64_t seed = 1; seed <= 25; ++seed) {
    const network net = test::smooth_network(seed, 10, 3);
    const evidence seen = test::few_findings(net, seed, 2);
    const resolved_evidence ev = resolve(net, seen);
    std::vector<variable_id> vars;
    for (const variable_id v : net.variables())
      if (!ev.is_hard(v) && v % 2 == 0) vars.push_back(v);
    const auto table = brute_force_map_table(net, vars, seen);
    const double best = static_cast<double>(std::log(best_of(table)));
    const auto start = loopy_belief_propagation(net).posteriors(seen);
    const map_result got = approximate_map(net, vars, seen, start, {.seed = seed});
    INFO("seed " << seed);
    CHECK(got.log_probability <= best + 1e-9);
    CHECK(got.log_probability == Approx(static_cast<double>(std::log(table.at(got.states)))).epsilon(1e-9));
    CHECK(got.evaluations > 0);
    ++cases;
    if (got.log_probability >= best - 1e-9) ++found;
  }
  INFO(found << " of " << cases << " optimal");
  CHECK(found >= cases * 9 / 10);
}

TEST_CASE("approximate MAP refuses bad options", "[inference][map]") {
  const network net = test::asia();
  const std::vector<variable_id> vars{0};
  const auto start = variable_elimination(net).posteriors({});
  const approximate_map_options hot{.cooling = 0};
  REQUIRE_THROWS_AS(approximate_map(net, vars, {}, start, hot), options_error);
  const std::vector<distribution> none;
  REQUIRE_THROWS_AS(approximate_map(net, vars, {}, none), error);
}

}  // namespace map_test
