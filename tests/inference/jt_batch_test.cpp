// SPDX-License-Identifier: MIT
#include "pitchrisk/inference/batch.hpp"

#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <random>
#include <thread>
#include <vector>

using namespace pitchrisk;

namespace {

std::vector<resolved_evidence> possible_cases(const network& net, const junction_tree& jt, std::size_t n,
                                              std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<resolved_evidence> out;
  while (out.size() < n) {
    const evidence seen = test::random_evidence(net, rng, 0.12, 0.05);
    try {
      (void)jt.log_evidence_probability(seen);
      out.push_back(resolve(net, seen));
    } catch (const evidence_error&) {
    }
  }
  return out;
}

}  // namespace

TEST_CASE("batch scoring gives bit-identical results on 1, 2 and 8 threads", "[inference][batch][junction_tree]") {
  const network net = test::random_network(77, 60, 3, true);
  const junction_tree jt(net);
  const auto cases = possible_cases(net, jt, 150, 9);
  const auto one = log_evidence_batch(jt, std::span<const resolved_evidence>(cases), 1);
  const auto post1 = posterior_batch(jt, std::span<const resolved_evidence>(cases), 40, 1);
  for (const unsigned t : {2u, 8u}) {
    const auto many = log_evidence_batch(jt, std::span<const resolved_evidence>(cases), t);
    REQUIRE(many.size() == one.size());
    CHECK(std::memcmp(many.data(), one.data(), one.size() * sizeof(double)) == 0);
    const auto postt = posterior_batch(jt, std::span<const resolved_evidence>(cases), 40, t);
    REQUIRE(postt.size() == post1.size());
    CHECK(std::memcmp(postt.data(), post1.data(), post1.size() * sizeof(double)) == 0);
  }
  // The batch answers are the engine's answers.
  auto ws = jt.make_workspace();
  for (std::size_t i = 0; i < cases.size(); i += 37) {
    jt.set_evidence(ws, cases[i]);
    jt.propagate(ws);
    CHECK(one[i] == Approx(jt.log_evidence(ws)).margin(1e-11));
  }
}

TEST_CASE("eight threads sharing one engine give bit-identical posteriors", "[inference][junction_tree]") {
  const network net = test::random_network(78, 50, 3, true);
  const junction_tree jt(net);
  const auto cases = possible_cases(net, jt, 60, 10);
  std::size_t width = 0;
  for (const variable_id v : net.variables()) width += static_cast<std::size_t>(net.cardinality(v));
  auto answer_all = [&](std::vector<double>& out, std::vector<double>& log_pe) {
    auto ws = jt.make_workspace();
    out.assign(cases.size() * width, 0.0);
    log_pe.assign(cases.size(), 0.0);
    for (int round = 0; round < 3; ++round)
      for (std::size_t i = 0; i < cases.size(); ++i) {
        jt.set_evidence(ws, cases[i]);
        jt.propagate(ws);
        log_pe[i] = jt.log_evidence(ws);
        std::size_t off = i * width;
        for (const variable_id v : net.variables()) {
          const auto k = static_cast<std::size_t>(net.cardinality(v));
          jt.marginal(ws, v, std::span<double>(out.data() + off, k));
          off += k;
        }
      }
  };
  std::vector<double> base, base_pe;
  answer_all(base, base_pe);
  std::vector<std::vector<double>> outs(8), pes(8);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 8; ++t) threads.emplace_back([&, t] { answer_all(outs[t], pes[t]); });
  for (auto& th : threads) th.join();
  for (std::size_t t = 0; t < 8; ++t) {
    CHECK(std::memcmp(outs[t].data(), base.data(), base.size() * sizeof(double)) == 0);
    CHECK(std::memcmp(pes[t].data(), base_pe.data(), base_pe.size() * sizeof(double)) == 0);
  }
  // The convenience queries share a mutex-guarded workspace pool: same answers from threads.
  const evidence seen = test::random_evidence(net, *std::make_unique<std::mt19937_64>(4), 0.0, 0.1);
  const auto expected = jt.posteriors(seen);
  std::vector<char> same(8, 0);
  threads.clear();
  for (std::size_t t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      bool ok = true;
      for (int r = 0; r < 20; ++r) {
        const auto got = jt.posteriors(seen);
        for (std::size_t v = 0; v < got.size(); ++v) ok = ok && (got[v].probabilities() == expected[v].probabilities()).all();
      }
      same[t] = ok;
    });
  for (auto& th : threads) th.join();
  for (const char s : same) CHECK(s);
}

TEST_CASE("batch scoring names the impossible case", "[inference][batch][junction_tree]") {
  const network net = test::asia();
  const junction_tree jt(net);
  std::vector<resolved_evidence> cases{resolve(net, evidence{{"xray", "yes"}}),
                                       resolve(net, evidence{{"tub", "yes"}, {"either", "no"}})};
  REQUIRE_THROWS_AS(log_evidence_batch(jt, std::span<const resolved_evidence>(cases), 2), evidence_error);
  REQUIRE_THROWS_WITH(log_evidence_batch(jt, std::span<const resolved_evidence>(cases), 2), Catch::Contains("case 1"));
  REQUIRE_THROWS_AS(posterior_batch(jt, std::span<const resolved_evidence>(cases), 99, 1), lookup_error);
}

TEST_CASE("evidence-adaptive batches are bit-identical on 1 and 8 threads", "[inference][batch][junction_tree][adaptive]") {
  const network net = test::random_network(79, 50, 3, true);
  junction_tree_options o;
  o.adaptive_min_entries = 1;
  o.adaptive_gain = 0;
  const junction_tree jt(net, o);
  const auto cases = possible_cases(net, jt, 80, 11);
  const auto one = log_evidence_batch(jt, std::span<const resolved_evidence>(cases), 1);
  const auto eight = log_evidence_batch(jt, std::span<const resolved_evidence>(cases), 8);
  CHECK(std::memcmp(one.data(), eight.data(), one.size() * sizeof(double)) == 0);
  const auto post1 = posterior_batch(jt, std::span<const resolved_evidence>(cases), 17, 1);
  const auto post8 = posterior_batch(jt, std::span<const resolved_evidence>(cases), 17, 8);
  CHECK(std::memcmp(post1.data(), post8.data(), post1.size() * sizeof(double)) == 0);
}

// ---- Any engine: the generic batch functions and their runner ---------------------------

#include "pitchrisk/inference/variable_elimination.hpp"

namespace jt_batch_test {  // one namespace per file: the tests compile in unity batches

TEST_CASE("batch scoring works for any engine and equals one query per case", "[inference][batch]") {
  const network net = test::random_network(41, 12, 3);
  const variable_elimination ve(net);
  const junction_tree jt(net);
  std::vector<evidence> cases;
  std::mt19937_64 rng(5);
  while (cases.size() < 24) {
    const evidence seen = test::random_evidence(net, rng, 0.15, 0.05);
    try {
      (void)ve.log_evidence_probability(seen);
      cases.push_back(seen);
    } catch (const evidence_error&) {
    }
  }
  const variable_id target = 3;
  const auto k = static_cast<std::size_t>(net.cardinality(target));
  const std::vector<double> one = posterior_batch(ve, std::span<const evidence>(cases), target, 1);
  const std::vector<double> three = posterior_batch(ve, std::span<const evidence>(cases), target, 3);
  const std::vector<double> tree = posterior_batch(jt, std::span<const evidence>(cases), target, 2);
  const std::vector<double> logs = log_evidence_batch(ve, std::span<const evidence>(cases), 4);
  REQUIRE(one.size() == cases.size() * k);
  CHECK(one == three);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const distribution d = ve.posterior(target, cases[i]);
    for (std::size_t s = 0; s < k; ++s) {
      CHECK(one[i * k + s] == d[static_cast<Eigen::Index>(s)]);
      CHECK(tree[i * k + s] == Approx(d[static_cast<Eigen::Index>(s)]).margin(1e-12));
    }
    CHECK(logs[i] == ve.log_evidence_probability(cases[i]));
  }
}

TEST_CASE("for_each_case reports the lowest failing case, every case below it run", "[inference][batch]") {
  const std::size_t n = 40;
  std::vector<int> ran(n, 0);
  const batch_failure none = for_each_case(n, 4, [] { return 0; }, [&](int&, std::size_t i) { ran[i] = 1; });
  CHECK(none.index == n);
  CHECK_FALSE(none.error);
  CHECK(std::count(ran.begin(), ran.end(), 1) == static_cast<long>(n));
  std::fill(ran.begin(), ran.end(), 0);
  const batch_failure failed = for_each_case(n, 3, [] { return 0; }, [&](int&, std::size_t i) {
    if (i == 17 || i == 33) throw evidence_error("case failed");
    ran[i] = 1;
  });
  CHECK(failed.index == 17);
  REQUIRE(failed.error);
  for (std::size_t i = 0; i < 17; ++i) CHECK(ran[i] == 1);
  // The generic functions name the case.
  const network asia = test::asia();
  const variable_elimination ve(asia);
  const std::vector<evidence> cases{evidence{{"xray", "yes"}}, evidence{{"tub", "yes"}, {"either", "no"}}};
  REQUIRE_THROWS_WITH(log_evidence_batch(ve, std::span<const evidence>(cases), 2), Catch::Contains("case 1"));
  REQUIRE_THROWS_AS(posterior_batch(ve, std::span<const evidence>(cases), 99, 1), lookup_error);
}

}  // namespace jt_batch_test
