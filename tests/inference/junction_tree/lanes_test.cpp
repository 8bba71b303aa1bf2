// SPDX-License-Identifier: MIT
// Lane-batched target propagation (junction_tree/lanes.hpp): every lane's posterior is the
// scalar junction_tree::propagate_to posterior of that lane's network, bit for bit (==),
// and a lane where P(e) = 0 reports it with the scalar engine's exception and message; on
// random networks of several structures with zeros, hard and soft findings, lanes partly
// used, long evidence chains whose probability underflows double, several threads; and
// networks of another structure are refused naming the variable. The tests of numbers run
// under every instruction set of the lanes' kernels the processor supports (portable, AVX2):
// each must give the scalar numbers bit for bit.
#include "pitchrisk/inference/junction_tree/lanes.hpp"

#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace lanes_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

namespace {

/// The network `net` with new random CPT values (same variables, states, parents): Dirichlet
/// columns, some entries exactly 0 when `zeros`.
network reparameterised(const network& net, std::uint64_t seed, bool zeros) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  network_builder b(net);
  for (const variable_id v : net.variables()) {
    Eigen::ArrayXd t = net.cpt_columns(v, true);
    const Eigen::Index k = net.cardinality(v), cols = t.size() / k;
    for (Eigen::Index c = 0; c < cols; ++c) {
      double sum = 0;
      for (Eigen::Index s = 0; s < k; ++s) {
        double x = -std::log(1.0 - u(rng));
        if (zeros && s > 0 && u(rng) < 0.15) x = 0;
        t[c * k + s] = x;
        sum += x;
      }
      for (Eigen::Index s = 0; s < k; ++s) t[c * k + s] /= sum;
    }
    b.set_cpt(v, t);
  }
  return b.build();
}

/// Scalar engines without evidence-adaptive queries (the lanes never use reduced trees).
using two_lanes = basic_junction_tree_lanes<double, 2>;

junction_tree_options scalar_options() {
  junction_tree_options o;
  o.adaptive_min_entries = 0;
  return o;
}

/// Runs the lanes' kernels of `isa` while in scope (then those used before).
class instruction_set_scope {
 public:
  explicit instruction_set_scope(detail::jt_lane_isa isa) : m_before(detail::jt_lane_isa_in_use()) {
    REQUIRE(detail::jt_lane_isa_use(isa) == isa);
  }
  ~instruction_set_scope() { detail::jt_lane_isa_use(m_before); }
  instruction_set_scope(const instruction_set_scope&) = delete;
  instruction_set_scope& operator=(const instruction_set_scope&) = delete;

 private:
  detail::jt_lane_isa m_before;
};

/// Each instruction set this processor supports, one per run of the test case (a generator).
#define EACH_INSTRUCTION_SET()                                                                            \
  const auto isa = static_cast<detail::jt_lane_isa>(                                                      \
      GENERATE(range(0, static_cast<int>(detail::jt_lane_isa_supported()) + 1)));                         \
  INFO("instruction set " << detail::jt_lane_isa_name(isa));                                               \
  const instruction_set_scope isa_scope(isa)

struct tally {
  long compared = 0;         ///< lanes whose posterior was compared
  long impossible = 0;       ///< lanes where both found P(e) = 0
  long mixed = 0;            ///< propagations impossible in some lanes only
};

/// Lanes of `lanes` against each network's scalar engine, for `seen` and `target`.
template <int L>
void compare(const basic_junction_tree_lanes<double, L>& lanes, typename basic_junction_tree_lanes<double, L>::workspace& lws,
             const std::vector<junction_tree>& scalar, const evidence& seen, variable_id target, tally& n, bool exact) {
  const network& net = lanes.network();
  const resolved_evidence r = resolve(net, seen);
  lanes.set_evidence(lws, r);
  lanes.propagate_to(lws, target);
  const auto k = static_cast<std::size_t>(net.cardinality(target));
  int dead = 0;
  std::vector<double> each(k * static_cast<std::size_t>(lanes.lanes()));  // marginal() per lane
  for (int l = 0; l < lanes.lanes(); ++l) {
    const junction_tree& jt = scalar[static_cast<std::size_t>(l)];
    junction_tree::workspace ws = jt.make_workspace();
    jt.set_evidence(ws, r);
    std::string scalar_error;
    try {
      jt.propagate_to(ws, target);
    } catch (const evidence_error& e) {
      scalar_error = e.what();
    }
    std::vector<double> want(k), got(k);
    INFO("lane " << l << " target " << net.variable(target).name);
    if (!scalar_error.empty()) {
      ++dead;
      ++n.impossible;
      CHECK_FALSE(lanes.possible(lws, l));
      try {
        lanes.marginal(lws, target, l, got);
        FAIL("no exception for P(e) = 0");
      } catch (const evidence_error& e) {
        CHECK(std::string(e.what()) == scalar_error);
      }
      continue;
    }
    REQUIRE(lanes.possible(lws, l));
    jt.marginal(ws, target, want);
    lanes.marginal(lws, target, l, got);
    std::copy(got.begin(), got.end(), each.begin() + static_cast<std::ptrdiff_t>(k * static_cast<std::size_t>(l)));
    for (std::size_t s = 0; s < k; ++s) {
      if (exact) CHECK(got[s] == want[s]);
      else CHECK(got[s] == Approx(want[s]).epsilon(1e-12).margin(1e-300));
    }
    ++n.compared;
  }
  if (dead > 0 && dead < lanes.lanes()) ++n.mixed;
  // All lanes at once: marginal()'s numbers bit for bit, or its exception if a lane died.
  std::vector<double> all(each.size());
  if (dead == 0) {
    lanes.marginals(lws, target, all);
    CHECK(all == each);
  } else {
    CHECK_THROWS_AS(lanes.marginals(lws, target, all), evidence_error);
  }
  all.pop_back();
  CHECK_THROWS_AS(lanes.marginals(lws, target, all), error);  // too small
}

}  // namespace

TEST_CASE("each lane's posterior is the scalar propagate_to's, bit for bit", "[inference][lanes]") {
  // Structures: size, most parents; lanes used of 4: all, some, one.
  const auto [size, parents, used] = GENERATE(std::make_tuple(6, 2, 4), std::make_tuple(10, 3, 3), std::make_tuple(14, 3, 1),
                                              std::make_tuple(20, 2, 4), std::make_tuple(24, 4, 2));
  EACH_INSTRUCTION_SET();
  tally n;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const network base = test::random_network(seed * 101 + static_cast<std::uint64_t>(size), size, parents, true);
    std::vector<network> nets;
    for (int l = 0; l < used; ++l) nets.push_back(reparameterised(base, seed * 1000 + static_cast<std::uint64_t>(l), true));
    const basic_junction_tree_lanes<double, 4> lanes(nets);
    REQUIRE(lanes.lanes() == used);
    REQUIRE(lanes.calibrated());
    std::vector<junction_tree> scalar;
    for (const network& net : nets) scalar.emplace_back(net, scalar_options());
    auto lws = lanes.make_workspace();
    std::mt19937_64 rng(seed);
    for (int q = 0; q < 12; ++q) {
      const evidence seen = test::random_evidence(base, rng, 0.25, 0.15);
      const auto target = static_cast<variable_id>(std::uniform_int_distribution<int>(0, size - 1)(rng));
      compare(lanes, lws, scalar, seen, target, n, true);
    }
  }
  CAPTURE(n.compared, n.impossible, n.mixed);
  CHECK(n.compared > 50 * used);
  CHECK(n.impossible > 0);
  if (used > 1) CHECK(n.mixed > 0);  // P(e) = 0 under some networks only was exercised
}

TEST_CASE("update_to gives propagate_to's numbers as findings come and go", "[inference][lanes]") {
  EACH_INSTRUCTION_SET();
  tally n;
  long partial = 0;  // updates that re-sent fewer cliques than half the variables
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const int size = 10 + 3 * static_cast<int>(seed);
    const network base = test::random_network(seed * 7 + 3, size, 3, true);
    std::vector<network> nets;
    for (int l = 0; l < 3; ++l) nets.push_back(reparameterised(base, seed * 50 + static_cast<std::uint64_t>(l), true));
    const basic_junction_tree_lanes<double, 4> lanes(nets);
    std::vector<junction_tree> scalar;
    for (const network& net : nets) scalar.emplace_back(net, scalar_options());
    auto inc = lanes.make_workspace();
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int> pick(0, size - 1);
    const auto target = static_cast<variable_id>(pick(rng));
    evidence seen;  // what inc holds, in the order entered
    std::vector<char> has(static_cast<std::size_t>(size), 0);
    for (int step = 0; step < 40; ++step) {
      const auto v = static_cast<variable_id>(pick(rng));
      const double r = std::uniform_real_distribution<double>(0, 1)(rng);
      if (has[static_cast<std::size_t>(v)] && r < 0.4) {
        lanes.retract(inc, v);
        seen.retract(v);
        has[static_cast<std::size_t>(v)] = 0;
      } else if (r < 0.85 || v == target) {
        const auto s = std::uniform_int_distribution<Eigen::Index>(0, base.cardinality(v) - 1)(rng);
        lanes.observe(inc, v, s);
        seen.observe(v, s);
        has[static_cast<std::size_t>(v)] = 1;
      } else {
        std::vector<double> l(static_cast<std::size_t>(base.cardinality(v)), 0.25);
        l[0] = 1;
        lanes.likelihood(inc, v, l);
        seen.likelihood(v, l);
        has[static_cast<std::size_t>(v)] = 1;
      }
      lanes.update_to(inc, target);
      const Eigen::Index resent = lanes.cliques_resent(inc);
      if (resent >= 0 && resent < static_cast<Eigen::Index>(lanes.network().size()) / 2) ++partial;
      // The scalar engines given the same findings in the order inc holds them.
      const resolved_evidence r2 = resolve(base, seen);
      int dead = 0;
      for (int l = 0; l < lanes.lanes(); ++l) {
        const junction_tree& jt = scalar[static_cast<std::size_t>(l)];
        junction_tree::workspace ws = jt.make_workspace();
        jt.set_evidence(ws, r2);
        std::vector<double> want(static_cast<std::size_t>(base.cardinality(target))), got(want.size());
        try {
          jt.propagate_to(ws, target);
        } catch (const evidence_error&) {
          ++dead;
          CHECK_FALSE(lanes.possible(inc, l));
          continue;
        }
        REQUIRE(lanes.possible(inc, l));
        jt.marginal(ws, target, want);
        lanes.marginal(inc, target, l, got);
        CHECK(got == want);
        ++n.compared;
      }
      n.impossible += dead;
      if (dead == lanes.lanes()) {  // start again from no findings
        lanes.clear_evidence(inc);
        seen = evidence{};
        std::fill(has.begin(), has.end(), 0);
      }
    }
  }
  CAPTURE(n.compared, n.impossible, partial);
  CHECK(n.compared > 300);
  CHECK(partial > 50);  // the updates did reuse messages
}

namespace {

/// A hub network: two latent roots, a hub with both as parents, `children` children of the
/// hub (every fourth with a root as second parent) and a grandchild under every third child,
/// so the hub's clique absorbs many messages; uniform CPTs (reparameterised per lane).
network hub_network(int children) {
  network_builder b("hub" + std::to_string(children));
  const auto add = [&](const std::string& name, int k, std::vector<variable_id> parents, Eigen::Index configs) {
    std::vector<std::string> states;
    for (int s = 0; s < k; ++s) states.push_back(std::to_string(s));
    const variable_id v = b.add_variable(name, states);
    if (!parents.empty()) b.set_parents(v, parents);
    b.set_cpt(v, Eigen::ArrayXd::Constant(k * configs, 1.0 / k));
    return v;
  };
  const variable_id a = add("a", 3, {}, 1);
  const variable_id c = add("c", 2, {}, 1);
  const variable_id h = add("h", 4, {a, c}, 6);
  for (int i = 0; i < children; ++i) {
    const variable_id x = i % 4 == 1 ? add("x" + std::to_string(i), 3, {h, c}, 8) : add("x" + std::to_string(i), 3, {h}, 4);
    if (i % 3 == 0) add("y" + std::to_string(i), 2, {x}, 3);
  }
  return b.build();
}

}  // namespace

/// Lanes of width L (all used) on a hub network against the scalar engines, bit for bit,
/// findings entered one at a time (update_to) and from scratch (propagate_to).
template <int L>
void wide_lanes_case(int children, std::uint64_t seed, tally& n) {
  const network base = reparameterised(hub_network(children), seed, false);
  std::vector<network> nets;
  for (int l = 0; l < L; ++l) nets.push_back(reparameterised(base, seed * 1000 + static_cast<std::uint64_t>(l), l % 5 == 4));
  const basic_junction_tree_lanes<double, L> lanes(nets);
  REQUIRE(lanes.lanes() == L);
  std::vector<junction_tree> scalar;
  for (const network& net : nets) scalar.emplace_back(net, scalar_options());
  auto inc = lanes.make_workspace(), fresh = lanes.make_workspace();
  std::mt19937_64 rng(seed);
  const variable_id target = *base.find("a");
  evidence seen;
  std::uniform_int_distribution<int> pick(3, static_cast<int>(base.size()) - 1);
  for (int step = 0; step < 12; ++step) {
    const auto v = static_cast<variable_id>(pick(rng));
    const Eigen::Index k = base.cardinality(v);
    if (step % 3 == 2) {
      std::vector<double> w(static_cast<std::size_t>(k));
      for (double& x : w) x = std::uniform_real_distribution<double>(0.05, 1.0)(rng);
      seen.likelihood(v, w);
      lanes.likelihood(inc, v, w);
    } else {
      const auto s = std::uniform_int_distribution<Eigen::Index>(0, k - 1)(rng);
      seen.observe(v, s);
      lanes.observe(inc, v, s);
    }
    lanes.update_to(inc, target);
    compare(lanes, fresh, scalar, seen, target, n, true);  // propagate_to from scratch
    for (int l = 0; l < L; ++l) {
      if (!lanes.possible(inc, l)) {
        CHECK_FALSE(lanes.possible(fresh, l));
        continue;
      }
      std::vector<double> a(static_cast<std::size_t>(base.cardinality(target))), b(a.size());
      lanes.marginal(inc, target, l, a);
      lanes.marginal(fresh, target, l, b);
      CHECK(a == b);  // the incremental update: the same numbers
    }
  }
}

TEST_CASE("wide lanes (20 and 50 networks) on hub cliques with many messages: bit for bit", "[inference][lanes]") {
  // Widths beyond the other tests' 2-8 lanes, as the approach model's interval uses (50);
  // the hub's clique absorbs a message from most of its children.
  EACH_INSTRUCTION_SET();
  tally n;
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    wide_lanes_case<20>(9 + static_cast<int>(seed), seed, n);
    wide_lanes_case<50>(14, seed + 10, n);
  }
  CAPTURE(n.compared, n.impossible);
  CHECK(n.compared > 1500);
}

TEST_CASE("eight lanes of doubles, findings entered one by one", "[inference][lanes]") {
  const network base = test::random_network(77, 16, 3, true);
  std::vector<network> nets;
  for (int l = 0; l < 8; ++l) nets.push_back(reparameterised(base, 500 + static_cast<std::uint64_t>(l), false));
  const junction_tree_lanes lanes(nets);
  std::vector<junction_tree> scalar;
  for (const network& net : nets) scalar.emplace_back(net, scalar_options());
  auto lws = lanes.make_workspace();
  lanes.observe(lws, 3, 1);
  const std::vector<double> lambda(static_cast<std::size_t>(base.cardinality(9)), 0.5);
  lanes.likelihood(lws, 9, lambda);
  CHECK(lws.observed_count() == 2);
  lanes.propagate_to(lws, 0);
  for (int l = 0; l < 8; ++l) {
    junction_tree::workspace ws = scalar[static_cast<std::size_t>(l)].make_workspace();
    scalar[static_cast<std::size_t>(l)].observe(ws, 3, 1);
    scalar[static_cast<std::size_t>(l)].likelihood(ws, 9, lambda);
    scalar[static_cast<std::size_t>(l)].propagate_to(ws, 0);
    std::vector<double> want(static_cast<std::size_t>(base.cardinality(0))), got(want.size());
    scalar[static_cast<std::size_t>(l)].marginal(ws, 0, want);
    lanes.marginal(lws, 0, l, got);
    CHECK(got == want);
  }
  // Variables outside the target's clique: both readers refuse them, naming themselves and it.
  int uncovered = 0;
  for (const variable_id v : base.variables()) {
    const auto k = static_cast<std::size_t>(base.cardinality(v));
    std::vector<double> one(k), all(8 * k);
    try {
      lanes.marginal(lws, v, 0, one);
      continue;
    } catch (const error& e) {
      CHECK(std::string(e.what()) ==
            "junction_tree_lanes::marginal: '" + base.variable(v).name + "' is not covered by the last propagate_to()");
    }
    CHECK_THROWS_WITH(lanes.marginals(lws, v, all), "junction_tree_lanes::marginals: '" + base.variable(v).name +
                                                        "' is not covered by the last propagate_to()");
    ++uncovered;
  }
  CHECK(uncovered > 0);
  lanes.clear_evidence(lws);
  std::vector<double> out(static_cast<std::size_t>(base.cardinality(0)));
  CHECK_THROWS_AS(lanes.marginal(lws, 0, 0, out), error);
}

TEST_CASE("long evidence chains do not underflow in any lane", "[inference][lanes]") {
  // A chain x0 -> x1 -> ... of 600 binary variables, each rarely 1 given a 0 parent, all
  // seen 1: P(e) is about 1e-1200 (a plain product underflows double), per lane different.
  EACH_INSTRUCTION_SET();
  const int n = 600;
  std::vector<network> nets;
  for (int l = 0; l < 3; ++l) {
    network_builder b("chain");
    for (int i = 0; i < n; ++i) b.add_variable("x" + std::to_string(i), {"no", "yes"});
    const double rare = 0.01 * (1 + l), keep = 0.03 + 0.01 * l;
    b.set_cpt(0, Eigen::ArrayXd::Constant(2, 0.5));
    for (int i = 1; i < n; ++i) {
      b.set_parents(i, {i - 1});
      Eigen::ArrayXd t(4);
      t << 1 - rare, rare, 1 - keep, keep;  // columns: parent no, parent yes
      b.set_cpt(i, t);
    }
    nets.push_back(b.build());
  }
  double plain = 1;
  for (int i = 1; i < n; ++i) plain *= 0.05;
  REQUIRE(plain == 0.0);  // the product of the findings' probabilities underflows
  const basic_junction_tree_lanes<double, 4> lanes(nets);
  REQUIRE(lanes.calibrated());  // prior marginals are normal numbers: each lane exact
  std::vector<junction_tree> scalar;
  for (const network& net : nets) scalar.emplace_back(net, scalar_options());
  evidence seen;
  for (int i = 1; i < n; ++i) seen.observe("x" + std::to_string(i), "yes");
  tally count;
  auto lws = lanes.make_workspace();
  for (const variable_id target : {variable_id{0}, variable_id{n / 2 - 1}})
    compare(lanes, lws, scalar, target == 0 ? seen : evidence{}, target, count, lanes.calibrated());
  // The same with a soft finding at the start of the chain and the target inside.
  evidence with_target_free;
  with_target_free.likelihood("x0", {0.3, 0.7});
  for (int i = 2; i < n; ++i) with_target_free.observe("x" + std::to_string(i), "yes");
  compare(lanes, lws, scalar, with_target_free, 1, count, lanes.calibrated());
  CHECK(count.compared == 9);
  for (int l = 0; l < 3; ++l) {
    std::vector<double> p(2);
    lanes.marginal(lws, 1, l, p);
    CHECK(std::isfinite(p[1]));
    CHECK(p[0] + p[1] == Approx(1).epsilon(1e-12));
  }
}

TEST_CASE("tables whose products underflow: raw lanes, the scalar numbers to 1e-12", "[inference][lanes]") {
  // Three parents of 1e-120-ish priors: the clique product of prior entries leaves the normal
  // range, so at least one network cannot be calibrated and the lanes keep raw tables; the
  // tiny network first (the first lane fails) or last (the first calibrates, a later fails).
  EACH_INSTRUCTION_SET();
  const int tiny_lane = GENERATE(0, 1);
  std::vector<network> nets;
  for (int l = 0; l < 2; ++l) {
    network_builder b("tiny");
    for (const char* v : {"a", "b", "c", "d"}) b.add_variable(v, {"s0", "s1"});
    const double tiny = l == tiny_lane ? 1e-120 : 1e-3;
    for (const char* v : {"a", "b", "c"}) b.set_cpt(v, {}, {tiny, 1 - tiny});
    b.set_cpt("d", {"a", "b", "c"}, {0.9, 0.1, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6, 0.5, 0.5, 0.6, 0.4, 0.7, 0.3, 0.99, 0.01});
    nets.push_back(b.build());
  }
  const basic_junction_tree_lanes<double, 2> lanes(nets);
  REQUIRE_FALSE(lanes.calibrated());
  std::vector<junction_tree> scalar;
  for (const network& net : nets) scalar.emplace_back(net, scalar_options());
  tally count;
  auto lws = lanes.make_workspace();
  evidence seen;
  seen.observe("d", "s0");
  for (const variable_id target : {variable_id{0}, variable_id{1}, variable_id{2}})
    compare(lanes, lws, scalar, seen, target, count, lanes.calibrated());
  seen.observe("a", "s0");
  seen.observe("b", "s0");
  compare(lanes, lws, scalar, seen, 2, count, lanes.calibrated());
  CHECK(count.compared == 8);
}

TEST_CASE("concurrent queries in separate workspaces give the same numbers", "[inference][lanes]") {
  const network base = test::random_network(5, 18, 3, true);
  std::vector<network> nets;
  for (int l = 0; l < 4; ++l) nets.push_back(reparameterised(base, 900 + static_cast<std::uint64_t>(l), false));
  const basic_junction_tree_lanes<double, 4> lanes(nets);
  std::mt19937_64 rng(3);
  std::vector<resolved_evidence> sets;
  std::vector<variable_id> targets;
  for (int q = 0; q < 40; ++q) {
    sets.push_back(resolve(base, test::random_evidence(base, rng, 0.2, 0.1)));
    targets.push_back(static_cast<variable_id>(q % 18));
  }
  auto run = [&](std::vector<double>& out) {
    auto ws = lanes.make_workspace();
    for (std::size_t q = 0; q < sets.size(); ++q) {
      lanes.set_evidence(ws, sets[q]);
      lanes.propagate_to(ws, targets[q]);
      for (int l = 0; l < 4; ++l) {
        std::vector<double> p(static_cast<std::size_t>(base.cardinality(targets[q])), -1.0);
        if (lanes.possible(ws, l)) lanes.marginal(ws, targets[q], l, p);
        out.insert(out.end(), p.begin(), p.end());
      }
    }
  };
  std::vector<double> alone;
  run(alone);
  std::vector<std::vector<double>> each(4);
  std::vector<std::thread> threads;
  for (auto& e : each) threads.emplace_back([&run, &e] { run(e); });
  for (auto& t : threads) t.join();
  for (const auto& e : each) CHECK(e == alone);
}

TEST_CASE("networks of another structure are refused, naming the variable", "[inference][lanes]") {
  const network a = test::asia();
  SECTION("other states") {
    network_builder b(a);
    b.add_variable("extra", {"x", "y"});
    b.set_cpt("extra", {}, {0.5, 0.5});
    const network other = b.build();
    const std::vector<const network*> nets{&a, &other};
    REQUIRE_THROWS_AS(two_lanes(nets), model_error);
    REQUIRE_THROWS_WITH(two_lanes(nets), Catch::Contains("9 variables, expected 8"));
  }
  SECTION("other cardinality") {
    network_builder b("asia");
    for (const variable_id v : a.variables()) {
      const std::string& name = a.variable(v).name;
      if (name == "xray") b.add_variable(name, {"yes", "no", "unclear"});
      else b.add_variable(name, a.variable(v).states);
    }
    for (const variable_id v : a.variables()) {
      b.set_parents(v, std::vector<variable_id>(a.parents(v).begin(), a.parents(v).end()));
      if (a.variable(v).name == "xray") b.set_cpt(v, Eigen::ArrayXd::Constant(6, 1.0 / 3));
      else b.set_cpt(v, a.cpt_columns(v, true));
    }
    const network other = b.build();
    const std::vector<const network*> nets{&a, &other};
    REQUIRE_THROWS_AS(two_lanes(nets), model_error);
    REQUIRE_THROWS_WITH(two_lanes(nets),
                        Catch::Contains("variable 'xray' has 3 states, expected 2"));
  }
  SECTION("other parents") {
    network_builder b(a);
    b.set_parents(a.id("xray"), {a.id("either"), a.id("smoke")});
    b.set_cpt(a.id("xray"), Eigen::ArrayXd::Constant(8, 0.5));
    const network other = b.build();
    const std::vector<const network*> nets{&a, &other};
    REQUIRE_THROWS_WITH(two_lanes(nets), Catch::Contains("variable 'xray' has other parents"));
  }
  SECTION("too many or no networks") {
    const std::vector<const network*> three{&a, &a, &a};
    REQUIRE_THROWS_AS(two_lanes(three), error);
    const std::vector<const network*> none;
    REQUIRE_THROWS_WITH(two_lanes(none), Catch::Contains("0 networks, expected 1 to 2"));
  }
  SECTION("bad queries") {
    const std::vector<const network*> one{&a};
    const basic_junction_tree_lanes<double, 2> lanes(one);
    auto ws = lanes.make_workspace();
    lanes.propagate_to(ws, 0);
    std::vector<double> out(2);
    REQUIRE_THROWS_WITH(lanes.marginal(ws, 0, 1, out), Catch::Contains("lane 1 out of range (1 lanes)"));
    REQUIRE_THROWS_AS(lanes.observe(ws, 0, 2), evidence_error);
    CHECK_FALSE(lanes.possible(ws, 1));
  }
}

#undef EACH_INSTRUCTION_SET

}  // namespace lanes_test
