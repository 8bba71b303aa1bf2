// SPDX-License-Identifier: MIT
// Incremental target propagation (junction_tree::update_to, incremental.hpp): after every
// change of the findings, update_to in one workspace gives exactly (==, bit for bit) the
// target marginal and log P(e) of propagate_to in a second workspace holding the same
// findings, or throws where it throws; and it does reuse messages (query_statistics).
#include "pitchrisk/inference/junction_tree.hpp"

#include "pitchrisk/io/bif.hpp"

#include "support/networks.hpp"
#include "support/shared_data.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace incremental_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

namespace {

/// Counts of what the comparisons saw.
struct tally {
  long compared = 0;      ///< both answered, equal
  long impossible = 0;    ///< both threw evidence_error
  long incremental = 0;   ///< update_to reused the previous messages
  long partial = 0;       ///< ... and re-sent fewer cliques than the collect visits in all
};

/// Two workspaces given the same findings in the same order: `inc` answered by update_to,
/// `full` by propagate_to.
class pair_of_workspaces {
 public:
  explicit pair_of_workspaces(const junction_tree& jt) : m_jt(jt), m_inc(jt.make_workspace()), m_full(jt.make_workspace()) {}

  void observe(variable_id v, Eigen::Index s) {
    m_jt.observe(m_inc, v, s);
    m_jt.observe(m_full, v, s);
  }
  void likelihood(variable_id v, const std::vector<double>& l) {
    m_jt.likelihood(m_inc, v, l);
    m_jt.likelihood(m_full, v, l);
  }
  void retract(variable_id v) {
    m_jt.retract(m_inc, v);
    m_jt.retract(m_full, v);
  }
  void clear() {
    m_jt.clear_evidence(m_inc);
    m_jt.clear_evidence(m_full);
  }
  [[nodiscard]] Eigen::Index observed() const { return m_inc.observed_count(); }

  /// update_to against propagate_to for `target`: the same exception, or the same numbers.
  void compare(variable_id target, tally& n) {
    bool inc_threw = false, full_threw = false;
    try {
      m_jt.update_to(m_inc, target);
    } catch (const evidence_error&) {
      inc_threw = true;
    }
    try {
      m_jt.propagate_to(m_full, target);
    } catch (const evidence_error&) {
      full_threw = true;
    }
    REQUIRE(inc_threw == full_threw);
    if (inc_threw) {
      ++n.impossible;
      return;
    }
    const junction_tree_query_statistics stats = m_jt.query_statistics(m_inc);
    CHECK(m_jt.query_statistics(m_full).cliques_resent == -1);
    if (stats.cliques_resent >= 0) {
      ++n.incremental;
      n.partial += stats.cliques_resent < static_cast<Eigen::Index>(m_jt.cliques().size()) - 1;
    }
    const auto k = static_cast<std::size_t>(m_jt.network().cardinality(target));
    std::vector<double> a(k), b(k);
    m_jt.marginal(m_inc, target, a);
    m_jt.marginal(m_full, target, b);
    for (std::size_t s = 0; s < k; ++s) REQUIRE(a[s] == b[s]);
    REQUIRE(m_jt.log_evidence(m_inc) == m_jt.log_evidence(m_full));
    ++n.compared;
  }

 private:
  const junction_tree& m_jt;
  junction_tree::workspace m_inc, m_full;
};

/// A random likelihood for v with some zero weights (never all zero), times `scale`.
std::vector<double> random_likelihood(const network& net, variable_id v, std::mt19937_64& rng, double scale = 1) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> l(static_cast<std::size_t>(net.cardinality(v)));
  for (double& x : l) x = u(rng) < 0.25 ? 0.0 : u(rng);
  l[static_cast<std::size_t>(std::uniform_int_distribution<Eigen::Index>(0, net.cardinality(v) - 1)(rng))] = 0.5 + u(rng);
  for (double& x : l) x *= scale;
  return l;
}

/// Random changes of the findings, update_to after each, against propagate_to: observe (new
/// variable or a new state), likelihood, retract, now and then clear; the target mostly kept.
/// `tiny`: likelihoods scaled by 1e-60, most changes likelihoods, so that messages leave the
/// normal range and are rescaled (terms of log P(e) kept per clique).
void random_changes(const junction_tree& jt, std::uint64_t seed, int steps, tally& n, bool tiny = false) {
  const network& net = jt.network();
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  auto any_variable = [&] { return std::uniform_int_distribution<variable_id>(0, net.size() - 1)(rng); };
  pair_of_workspaces two(jt);
  std::vector<variable_id> seen;  // variables given a finding (maybe retracted since)
  variable_id target = any_variable();
  for (int step = 0; step < steps; ++step) {
    INFO("seed " << seed << " step " << step);
    const double r = u(rng);
    if (tiny && r < 0.5) {
      const variable_id v = any_variable();
      two.likelihood(v, random_likelihood(net, v, rng, 1e-60));
      seen.push_back(v);
    } else if (r < 0.4 || seen.empty()) {
      const variable_id v = any_variable();
      two.observe(v, std::uniform_int_distribution<Eigen::Index>(0, net.cardinality(v) - 1)(rng));
      seen.push_back(v);
    } else if (r < 0.55) {
      const variable_id v = any_variable();
      two.likelihood(v, random_likelihood(net, v, rng));
      seen.push_back(v);
    } else if (r < 0.8) {
      two.retract(seen[std::uniform_int_distribution<std::size_t>(0, seen.size() - 1)(rng)]);
    } else if (r < 0.9) {  // a finding changed in place
      const variable_id v = seen[std::uniform_int_distribution<std::size_t>(0, seen.size() - 1)(rng)];
      two.observe(v, std::uniform_int_distribution<Eigen::Index>(0, net.cardinality(v) - 1)(rng));
    } else if (r < 0.93) {
      two.clear();
      seen.clear();
    }  // else: nothing changed
    if (two.observed() > net.size() / (tiny ? 1 : 3)) {  // keep P(e) > 0 common
      two.retract(seen.front());
      seen.erase(seen.begin());
    }
    if (u(rng) < 0.1) target = any_variable();
    two.compare(target, n);
  }
}

}  // namespace

TEST_CASE("update_to equals propagate_to bit for bit under random changes of the findings",
          "[inference][junction_tree][incremental]") {
  tally n;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    // zeros: CPT entries exactly 0, so some findings are impossible together
    const network net = test::random_network(seed, 6 + static_cast<int>(seed % 25), 3, seed % 3 != 0);
    const junction_tree jt(net);
    random_changes(jt, seed * 7919, 120, n);
  }
  CHECK(n.compared > 5000);
  CHECK(n.impossible > 50);
  CHECK(n.incremental > n.compared / 2);
  CHECK(n.partial > n.incremental / 4);
}

TEST_CASE("update_to on larger networks, with and without evidence-adaptive queries",
          "[inference][junction_tree][incremental]") {
  for (const double adaptive : {0.0, 1.0}) {
    tally n;
    junction_tree_options options;
    options.adaptive_min_entries = adaptive;  // 1: every query may use the reduced tree
    for (std::uint64_t seed = 101; seed <= 108; ++seed) {
      // 150 variables: more than 64 cliques, so no traversal is precomputed per root (the
      // workspace computes it, findings go to their smallest clique off the compiled root)
      const network net = test::random_network(seed, seed <= 104 ? 60 : 150, seed <= 104 ? 3 : 2, true);
      const junction_tree jt(net, options);
      if (seed > 104) CHECK(jt.cliques().size() > 64);
      random_changes(jt, seed, 150, n);
    }
    INFO("adaptive_min_entries " << adaptive);
    CHECK(n.compared > 500);
    if (adaptive == 0) CHECK(n.partial > n.compared / 3);
    else CHECK(n.incremental == 0);  // adaptive engines always propagate in full
  }
}

TEST_CASE("update_to after impossible evidence, a retraction and the same findings again",
          "[inference][junction_tree][incremental]") {
  // asia's `either` is lung OR tub: either = no with lung = yes is impossible.
  const network net = test::asia();
  const junction_tree jt(net);
  auto ws = jt.make_workspace();
  auto fresh = jt.make_workspace();
  const variable_id either = net.id("either"), lung = net.id("lung"), dysp = net.id("dysp"), xray = net.id("xray");
  std::vector<double> a(2), b(2);
  auto same = [&](variable_id target) {
    jt.propagate_to(fresh, target);
    jt.marginal(ws, target, a);
    jt.marginal(fresh, target, b);
    CHECK(a == b);
    CHECK(jt.log_evidence(ws) == jt.log_evidence(fresh));
  };
  jt.observe(ws, xray, 0);
  jt.observe(fresh, xray, 0);
  jt.update_to(ws, dysp);  // no base yet: a full propagation
  CHECK(jt.query_statistics(ws).cliques_resent == -1);
  same(dysp);
  jt.update_to(ws, dysp);  // nothing changed
  CHECK(jt.query_statistics(ws).cliques_resent == 0);
  same(dysp);
  jt.observe(ws, lung, 0);
  jt.observe(fresh, lung, 0);
  jt.update_to(ws, dysp);
  CHECK(jt.query_statistics(ws).cliques_resent > 0);
  same(dysp);
  jt.observe(ws, either, 1);
  jt.observe(fresh, either, 1);
  CHECK_THROWS_AS(jt.update_to(ws, dysp), evidence_error);
  CHECK_THROWS_AS(jt.propagate_to(fresh, dysp), evidence_error);
  CHECK_THROWS_AS(jt.marginal(ws, dysp, a), error);  // no answer after P(e) = 0
  jt.retract(ws, either);
  jt.retract(fresh, either);
  jt.retract(ws, either);  // no finding: nothing happens
  jt.update_to(ws, dysp);  // the failed propagation left no base: full again
  CHECK(jt.query_statistics(ws).cliques_resent == -1);
  same(dysp);
  jt.retract(ws, lung);
  jt.retract(fresh, lung);
  jt.update_to(ws, dysp);
  CHECK(jt.query_statistics(ws).cliques_resent >= 0);
  same(dysp);
  // Another propagation in between, then the same target: no base, a full propagation.
  jt.propagate(ws);
  jt.observe(ws, lung, 1);
  jt.observe(fresh, lung, 1);
  jt.update_to(ws, dysp);
  CHECK(jt.query_statistics(ws).cliques_resent == -1);
  same(dysp);
  CHECK_THROWS_AS(jt.retract(ws, net.size()), evidence_error);
  CHECK_THROWS_AS(jt.update_to(ws, -1), evidence_error);
}

TEST_CASE("update_to along timelines on the standard networks", "[inference][junction_tree][incremental]") {
  if (!test::have_shared_data()) {
    WARN("skipped: no shared data at " << test::shared_dir());
    return;
  }
  for (const char* name : {"alarm", "hepar2", "win95pts"}) {
    INFO("network " << name);
    const network net = io::read_bif(test::shared_network_path(name));
    const junction_tree jt(net);
    tally n;
    std::mt19937_64 rng(77);
    std::vector<variable_id> order;
    for (const variable_id v : net.variables()) order.push_back(v);
    for (int timeline = 0; timeline < 6; ++timeline) {
      // A case: findings added 1-3 at a time, the report's target asked after each stage,
      // then each finding taken out and put back (its weight in the report).
      std::shuffle(order.begin(), order.end(), rng);
      const variable_id target = order.back();
      pair_of_workspaces two(jt);
      std::vector<std::pair<variable_id, Eigen::Index>> added;
      std::size_t next = 0;
      for (int stage = 0; stage < 10; ++stage) {
        const int count = std::uniform_int_distribution<int>(1, 3)(rng);
        for (int j = 0; j < count; ++j, ++next) {
          const variable_id v = order[next];
          // a random state, or now and then a likelihood
          if (std::uniform_real_distribution<double>(0, 1)(rng) < 0.2) {
            two.likelihood(v, random_likelihood(net, v, rng));
            added.emplace_back(v, -1);
          } else {
            const Eigen::Index s = std::uniform_int_distribution<Eigen::Index>(0, net.cardinality(v) - 1)(rng);
            two.observe(v, s);
            added.emplace_back(v, s);
          }
        }
        two.compare(target, n);
      }
      for (const auto& [v, s] : added) {
        if (s < 0) continue;
        two.retract(v);
        two.compare(target, n);
        two.observe(v, s);
        two.compare(target, n);
      }
    }
    CHECK(n.compared + n.impossible > 100);
    CHECK(n.compared > 50);
    CHECK(n.incremental + 6 + n.impossible >= n.compared);  // full: each case's first, after P(e) = 0
    CHECK(n.partial > n.compared / 2);
  }
}

TEST_CASE("update_to equals propagate_to where messages are rescaled", "[inference][junction_tree][incremental]") {
  tally n;
  double lowest = 0;
  for (std::uint64_t seed = 201; seed <= 210; ++seed) {
    const network net = test::random_network(seed, 40, 2, false);
    const junction_tree jt(net);
    random_changes(jt, seed, 200, n, true);
    // the scale of the evidence reached: far below what an unscaled message could hold
    auto ws = jt.make_workspace();
    std::mt19937_64 rng(seed);
    for (const variable_id v : net.variables()) jt.likelihood(ws, v, random_likelihood(net, v, rng, 1e-60));
    jt.propagate_to(ws, 0);
    lowest = std::min(lowest, jt.log_evidence(ws));
  }
  CHECK(lowest < -2000);
  CHECK(n.compared > 1500);
  CHECK(n.partial > n.compared / 3);
}

}  // namespace incremental_test
