// SPDX-License-Identifier: MIT
// Proof that junction-tree queries on a workspace allocate nothing: this file replaces the
// global operator new/delete of the test program with counting versions (the engine's
// buffers are std::vectors, and its kernels use Eigen only through Maps, never allocating).
#include "pitchrisk/inference/junction_tree.hpp"

#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <new>
#include <random>
#include <vector>

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

// GCC 12 flags free() on memory from a replaced operator new; here both sides are ours.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
// The nothrow forms too (Catch2 uses them): otherwise the runtime's own nothrow new would be
// paired with our delete, which AddressSanitizer rightly reports as a mismatch.
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n == 0 ? 1 : n);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n == 0 ? 1 : n);
}
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

using namespace pitchrisk;

TEST_CASE("junction tree queries on a workspace allocate nothing", "[inference][junction_tree][allocation]") {
  const network net = test::random_network(21, 60, 3, true);
  const junction_tree jt(net);
  auto ws = jt.make_workspace();
  // Findings prepared up front: (variable, state) pairs and one likelihood.
  std::mt19937_64 rng(3);
  std::vector<std::vector<std::pair<variable_id, Eigen::Index>>> cases;
  for (int i = 0; i < 50; ++i) {
    std::vector<std::pair<variable_id, Eigen::Index>> c;
    for (const variable_id v : net.variables())
      if (std::uniform_real_distribution<double>(0, 1)(rng) < 0.1)
        c.emplace_back(v, std::uniform_int_distribution<Eigen::Index>(0, net.cardinality(v) - 1)(rng));
    cases.push_back(c);
  }
  const std::vector<double> lambda(static_cast<std::size_t>(net.cardinality(5)), 0.5);
  std::vector<double> out(8);
  Eigen::Index widest_family = 0;
  for (const variable_id v : net.variables()) widest_family = std::max(widest_family, net.cpt(v).size());
  std::vector<double> family(static_cast<std::size_t>(widest_family));
  std::vector<Eigen::Index> states(static_cast<std::size_t>(net.size()));
  double sink = 0;
  long answered = 0, reused = 0;
  auto run = [&] {
    for (const auto& c : cases) {
      jt.clear_evidence(ws);
      for (const auto& [v, s] : c)
        if (v != 5) jt.observe(ws, v, s);
      jt.likelihood(ws, 5, lambda);
      try {
        jt.propagate(ws);
      } catch (const evidence_error&) {
        continue;  // random findings can be impossible; that path may allocate its message
      }
      for (const variable_id v : net.variables()) {
        jt.marginal(ws, v, std::span<double>(out.data(), static_cast<std::size_t>(net.cardinality(v))));
        sink += out[0];
        jt.family_marginal(ws, v, std::span<double>(family.data(), static_cast<std::size_t>(net.cpt(v).size())));
        sink += family[0];
      }
      for (const auto& [v, s] : c)  // fast retraction of each finding
        if (v != 5 && jt.retracted_marginal(ws, v, std::span<double>(out.data(), static_cast<std::size_t>(net.cardinality(v)))))
          sink += out[0];
      jt.propagate_to(ws, 7);
      jt.marginal(ws, 7, std::span<double>(out.data(), static_cast<std::size_t>(net.cardinality(7))));
      jt.propagate_evidence(ws);
      sink += jt.log_evidence(ws) + jt.max_propagate(ws, states);
      // Incremental target propagation: each finding taken out and put back.
      jt.update_to(ws, 7);
      for (const auto& [v, s] : c) {
        if (v == 5) continue;
        jt.retract(ws, v);
        jt.update_to(ws, 7);
        reused += jt.query_statistics(ws).cliques_resent >= 0;
        jt.marginal(ws, 7, std::span<double>(out.data(), static_cast<std::size_t>(net.cardinality(7))));
        sink += out[0] + jt.log_evidence(ws);
        jt.observe(ws, v, s);
        jt.update_to(ws, 7);
        reused += jt.query_statistics(ws).cliques_resent >= 0;
        sink += jt.log_evidence(ws);
      }
      ++answered;
    }
  };
  run();  // warm-up
  answered = reused = 0;
  const long before = g_allocations.load();
  run();
  const long after = g_allocations.load();
  CHECK(answered > 10);
  CHECK(reused > 100);  // update_to did take its incremental path
  CHECK(after - before == 0);
  CHECK(std::isfinite(sink));
  // The counter does count: building a workspace allocates.
  const long b2 = g_allocations.load();
  { auto other = jt.make_workspace(); }
  CHECK(g_allocations.load() > b2);
}

TEST_CASE("evidence-adaptive queries allocate; switched off, none do", "[inference][junction_tree][allocation]") {
  const network net = test::random_network(22, 60, 3, true);
  std::mt19937_64 rng(4);
  std::vector<std::vector<std::pair<variable_id, Eigen::Index>>> cases;
  for (int i = 0; i < 30; ++i) {
    std::vector<std::pair<variable_id, Eigen::Index>> c;
    for (const variable_id v : net.variables())
      if (std::uniform_real_distribution<double>(0, 1)(rng) < 0.15)
        c.emplace_back(v, std::uniform_int_distribution<Eigen::Index>(0, net.cardinality(v) - 1)(rng));
    cases.push_back(c);
  }
  auto allocations = [&](const junction_tree& jt) {
    auto ws = jt.make_workspace();
    // Warm-up, keeping the possible cases (an impossible one throws, and the exception
    // allocates its message).
    std::vector<const std::vector<std::pair<variable_id, Eigen::Index>>*> possible;
    auto query = [&](const std::vector<std::pair<variable_id, Eigen::Index>>& c) {
      jt.clear_evidence(ws);
      for (const auto& [v, s] : c) jt.observe(ws, v, s);
      jt.propagate(ws);
      jt.propagate_to(ws, 3);
    };
    for (const auto& c : cases) {
      try {
        query(c);
        possible.push_back(&c);
      } catch (const evidence_error&) {
      }
    }
    CHECK(possible.size() > 10);
    const long before = g_allocations.load();
    for (const auto* c : possible) query(*c);
    return g_allocations.load() - before;
  };
  junction_tree_options always;
  always.adaptive_min_entries = 1;
  always.adaptive_gain = 0;
  junction_tree_options never;
  never.adaptive_min_entries = 0;
  CHECK(allocations(junction_tree(net, always)) > 0);  // the reduced trees are built per query
  CHECK(allocations(junction_tree(net, never)) == 0);
}
