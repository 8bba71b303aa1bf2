// SPDX-License-Identifier: MIT
// Concurrency soak: one compiled engine shared by 8 threads, each running the same 10 000
// mixed queries (posteriors, log P(e), MPE), on a standard network (alarm from the shared
// data, asia otherwise) and on the approach model; one compiled approach model (assessments
// with the lane-batched interval, its sampled engines compiled on first use) shared likewise. Every answer must be bit-identical
// (memcmp) to the single-thread baseline. Tagged [concurrency] so the ThreadSanitizer job
// runs exactly these; PITCHRISK_SOAK_QUERIES overrides the per-thread query count there.
#include "support/networks.hpp"
#include "support/shared_data.hpp"

#include "pitchrisk/domain/approach/compiled_model.hpp"
#include "pitchrisk/domain/approach/model.hpp"
#include "pitchrisk/inference/junction_tree.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"
#include "pitchrisk/io/bif.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace concurrency_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

namespace {

constexpr int thread_count = 8;

int soak_queries(int fallback) {
  if (const char* s = std::getenv("PITCHRISK_SOAK_QUERIES")) {
    const int n = std::atoi(s);
    if (n > 0) return n;
  }
  return fallback;
}

/// Possible evidence sets (checked once), drawn with a fixed seed.
std::vector<evidence> evidence_sets(const network& net, std::uint64_t seed, std::size_t count) {
  std::mt19937_64 rng(seed);
  const variable_elimination check(net);
  std::vector<evidence> out;
  out.push_back(evidence{});
  while (out.size() < count) {
    evidence e = test::random_evidence(net, rng, 0.15, 0.05);
    try {
      (void)check.log_evidence_probability(e);
      out.push_back(std::move(e));
    } catch (const evidence_error&) {
      // impossible evidence: draw again
    }
  }
  return out;
}

/// Query i of the soak: its answer as raw doubles.
template <class Engine>
std::vector<double> answer(const Engine& engine, const std::vector<evidence>& sets, int i) {
  const network& net = engine.network();
  const evidence& seen = sets[static_cast<std::size_t>(i) % sets.size()];
  const auto v = static_cast<variable_id>((i * 7) % net.size());
  std::vector<double> out;
  switch (i % 4) {
    case 0:
    case 1: {
      const auto d = engine.posterior(v, seen);
      out.assign(d.probabilities().data(), d.probabilities().data() + d.probabilities().size());
      break;
    }
    case 2:
      out.push_back(engine.log_evidence_probability(seen));
      break;
    default: {
      if (i % 16 == 3) {
        const mpe_result m = engine.mpe(seen);
        out.push_back(m.log_probability);
        for (const Eigen::Index s : m.states) out.push_back(static_cast<double>(s));
      } else {
        for (const auto& d : engine.posteriors(seen))
          out.insert(out.end(), d.probabilities().data(), d.probabilities().data() + d.probabilities().size());
      }
    }
  }
  return out;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

/// Runs body(t) for t = 0 .. thread_count - 1, each on its own thread, all at once;
/// rethrows the first exception a thread caught; returns the sum of what they returned.
template <class Body>
std::size_t on_threads(Body body) {
  std::vector<std::size_t> counts(thread_count, 0);
  std::vector<std::exception_ptr> errors(thread_count);
  std::vector<std::thread> threads;
  for (int t = 0; t < thread_count; ++t)
    threads.emplace_back([&, t] {
      try {
        counts[static_cast<std::size_t>(t)] = body(t);
      } catch (...) {
        errors[static_cast<std::size_t>(t)] = std::current_exception();
      }
    });
  for (auto& th : threads) th.join();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  std::size_t total = 0;
  for (const std::size_t c : counts) total += c;
  return total;
}

/// Runs `queries` queries on one thread for the baseline, then on 8 threads at once against
/// the same engine; returns the number of answers that differ from the baseline.
template <class Engine>
std::size_t soak(const Engine& engine, const std::vector<evidence>& sets, int queries) {
  std::vector<std::vector<double>> baseline(static_cast<std::size_t>(queries));
  for (int i = 0; i < queries; ++i) baseline[static_cast<std::size_t>(i)] = answer(engine, sets, i);
  return on_threads([&](int t) {
    std::size_t mismatches = 0;
    // Each thread walks the queries from a different starting point.
    for (int k = 0; k < queries; ++k) {
      const int i = (k + t * (queries / thread_count)) % queries;
      if (!same_bits(answer(engine, sets, i), baseline[static_cast<std::size_t>(i)])) ++mismatches;
    }
    return mismatches;
  });
}

/// The fast path: one workspace per thread, posterior of a target and log P(e).
std::size_t soak_workspaces(const junction_tree& engine, const std::vector<evidence>& sets, int queries) {
  const network& net = engine.network();
  std::vector<resolved_evidence> resolved;
  for (const evidence& e : sets) resolved.push_back(resolve(net, e));
  const auto run = [&](junction_tree::workspace& ws, int i) {
    const auto v = static_cast<variable_id>((i * 5) % net.size());
    engine.set_evidence(ws, resolved[static_cast<std::size_t>(i) % resolved.size()]);
    engine.propagate_to(ws, v);
    std::vector<double> out(static_cast<std::size_t>(net.cardinality(v)) + 1);
    engine.marginal(ws, v, std::span<double>(out.data(), out.size() - 1));
    out.back() = engine.log_evidence(ws);
    return out;
  };
  std::vector<std::vector<double>> baseline(static_cast<std::size_t>(queries));
  {
    auto ws = engine.make_workspace();
    for (int i = 0; i < queries; ++i) baseline[static_cast<std::size_t>(i)] = run(ws, i);
  }
  return on_threads([&](int t) {
    std::size_t mismatches = 0;
    auto ws = engine.make_workspace();
    for (int k = 0; k < queries; ++k) {
      const int i = (k * 3 + t) % queries;
      if (!same_bits(run(ws, i), baseline[static_cast<std::size_t>(i)])) ++mismatches;
    }
    return mismatches;
  });
}

network standard_network() {
  if (test::have_shared_data() && std::filesystem::exists(test::shared_network_path("alarm")))
    return io::read_bif(test::shared_network_path("alarm"));
  WARN("shared data absent: the soak uses asia instead of alarm");
  return test::asia();
}

}  // namespace

TEST_CASE("8 threads share one junction tree on a standard network: answers bit-identical to one thread",
          "[robustness][concurrency]") {
  const auto net = std::make_shared<const network>(standard_network());
  const junction_tree engine(net);
  const auto sets = evidence_sets(*net, 2026, 64);
  const int queries = soak_queries(10000);
  INFO(net->name() << ", " << queries << " queries per thread");
  CHECK(soak(engine, sets, queries) == 0);
  CHECK(soak_workspaces(engine, sets, queries) == 0);
}

TEST_CASE("8 threads share one variable elimination engine on a standard network", "[robustness][concurrency]") {
  const auto net = std::make_shared<const network>(standard_network());
  const variable_elimination engine(net);
  const auto sets = evidence_sets(*net, 7, 32);
  const int queries = soak_queries(10000) / 10;  // VE recomputes everything per query
  CHECK(soak(engine, sets, queries) == 0);
}

TEST_CASE("8 threads share one compiled approach model: answers bit-identical to one thread",
          "[robustness][concurrency]") {
  const auto net = std::make_shared<const network>(approach::build_approach_network());
  const junction_tree engine(net);
  const auto sets = evidence_sets(*net, 99, 64);
  const int queries = soak_queries(10000);
  CHECK(soak(engine, sets, queries) == 0);
  CHECK(soak_workspaces(engine, sets, queries) == 0);
  const variable_elimination ve(net);
  CHECK(soak(ve, sets, queries / 10) == 0);
}

TEST_CASE("8 threads share one compiled approach model: assessments and intervals bit-identical to one thread",
          "[robustness][concurrency]") {
  approach::assessment_options options;
  options.uncertainty.samples = 60;  // two lane batches, the second partly used
  const approach::compiled_model model(approach::scored_model{approach::approach_model{}}, options);
  const auto sets = evidence_sets(model.model().net, 5, 24);
  // Per set: P(pitch), the interval's quantiles and each sampled engine's P(pitch | set).
  const auto answer_of = [&](const approach::compiled_model& m, approach::compiled_model::workspace& ws, std::size_t j) {
    const std::vector<approach::assessment> a = approach::assess_all(m, ws, std::span<const evidence>(&sets[j], 1));
    std::vector<double> out{a[0].p_pitch, a[0].interval.sample_low, a[0].interval.sample_median, a[0].interval.sample_high};
    const variable_id target = m.pitch().variable;
    const resolved_evidence r = resolve(m.model().net, sets[j]);
    for (const auto& jt : m.sampled()) {  // compiled by whichever thread asks first
      auto w = jt->make_workspace();
      jt->set_evidence(w, r);
      jt->propagate_to(w, target);
      std::vector<double> p(static_cast<std::size_t>(m.model().net.cardinality(target)));
      jt->marginal(w, target, p);
      out.insert(out.end(), p.begin(), p.end());
    }
    return out;
  };
  // The baseline comes from a twin model, so that the shared one's sampled engines are
  // compiled under contention.
  const approach::compiled_model twin(approach::scored_model{approach::approach_model{}}, options);
  std::vector<std::vector<double>> baseline;
  approach::compiled_model::workspace twin_ws = twin.make_workspace();
  for (std::size_t j = 0; j < sets.size(); ++j) baseline.push_back(answer_of(twin, twin_ws, j));
  std::vector<int> mismatches(thread_count, 0);
  std::vector<std::exception_ptr> failures(thread_count);
  {
    std::vector<std::thread> threads;
    for (int t = 0; t < thread_count; ++t)
      threads.emplace_back([&, t] {
        try {
          approach::compiled_model::lease ws(model);
          for (std::size_t k = 0; k < 2 * sets.size(); ++k) {
            const std::size_t j = (k * 5 + static_cast<std::size_t>(t)) % sets.size();  // each thread its own order
            const std::vector<double> got = answer_of(model, *ws, j);
            if (got.size() != baseline[j].size() ||
                std::memcmp(got.data(), baseline[j].data(), got.size() * sizeof(double)) != 0)
              ++mismatches[static_cast<std::size_t>(t)];
          }
        } catch (...) {
          failures[static_cast<std::size_t>(t)] = std::current_exception();
        }
      });
    for (std::thread& t : threads) t.join();
  }
  for (const std::exception_ptr& f : failures)
    if (f) std::rethrow_exception(f);
  for (int t = 0; t < thread_count; ++t) CHECK(mismatches[static_cast<std::size_t>(t)] == 0);
}

}  // namespace concurrency_test
