// SPDX-License-Identifier: MIT
// incremental_benchmark: junction_tree::update_to (incremental target propagation) against
// propagate_to, CPU per query, on alarm, hepar2, win95pts (from PITCHRISK_SHARED_DIR) and the
// approach model (target: intent; findings: its indicators).
//   incremental_benchmark [--cases N] [--repeat R]
// Two workloads, each on N generated cases (default 200) with a random target (intent for
// the approach model) and findings in a random order, each state drawn from its posterior
// given the findings before it (so P(e) > 0):
//   timeline: findings added one or two at a time (up to 16), the target asked after each;
//   leave-one-out: all of a case's findings set, then for each: retract, ask, observe, ask;
//   leave-one-out, one update each: the same answers, with the previous finding put back and
//     the next one retracted before one query (one update re-sends both paths).
// Each query is the propagation plus marginal(target). Every answer of update_to is first
// checked equal (==) to propagate_to's; then each is timed R times (default 20) on the same
// sequence, CPU time of the process (std::clock).
#include "pitchrisk/domain/approach/model.hpp"
#include "pitchrisk/inference/junction_tree.hpp"
#include "pitchrisk/io/bif.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <random>
#include <span>
#include <string>
#include <vector>

#ifndef PITCHRISK_SHARED_DIR
#define PITCHRISK_SHARED_DIR ""
#endif

using namespace pitchrisk;

namespace {

/// One change of the findings followed by a query (state -1: retract).
struct step {
  variable_id v;
  Eigen::Index state;
  bool ask;
};

/// A case: its target and its steps.
struct workload_case {
  variable_id target;
  std::vector<step> steps;
};

/// Draws a state of v from P(v | findings in ws) (propagating towards v).
Eigen::Index draw(const junction_tree& jt, junction_tree::workspace& ws, variable_id v, std::mt19937_64& rng) {
  jt.propagate_to(ws, v);
  std::vector<double> p(static_cast<std::size_t>(jt.network().cardinality(v)));
  jt.marginal(ws, v, p);
  double u = std::uniform_real_distribution<double>(0, 1)(rng);
  for (std::size_t s = 0; s < p.size(); ++s)
    if ((u -= p[s]) <= 0) return static_cast<Eigen::Index>(s);
  return static_cast<Eigen::Index>(p.size()) - 1;
}

/// N cases of the two workloads over `pool` (the observable variables).
void make_cases(const junction_tree& jt, const std::vector<variable_id>& pool, variable_id fixed_target, int n,
                std::vector<workload_case>& timeline, std::vector<workload_case>& loo,
                std::vector<workload_case>& loo1) {
  std::mt19937_64 rng(2026);
  auto ws = jt.make_workspace();
  for (int c = 0; c < n; ++c) {
    std::vector<variable_id> order = pool;
    std::shuffle(order.begin(), order.end(), rng);
    const variable_id target = fixed_target >= 0 ? fixed_target : order.back();
    jt.clear_evidence(ws);
    workload_case t{target, {}}, l{target, {}};
    const std::size_t count = std::min<std::size_t>(16, order.size() - 1);
    for (std::size_t i = 0; i < count;) {
      const std::size_t group = std::min<std::size_t>(count - i, 1 + rng() % 2);
      for (std::size_t j = 0; j < group; ++j, ++i) {
        const variable_id v = order[i];
        const Eigen::Index s = draw(jt, ws, v, rng);
        jt.observe(ws, v, s);
        t.steps.push_back({v, s, j + 1 == group});
        l.steps.push_back({v, s, false});
      }
    }
    l.steps.back().ask = true;
    workload_case one = l;
    for (std::size_t i = 0; i < count; ++i) {
      l.steps.push_back({order[i], -1, true});
      l.steps.push_back({order[i], l.steps[i].state, true});
      if (i > 0) one.steps.push_back({order[i - 1], one.steps[i - 1].state, false});
      one.steps.push_back({order[i], -1, true});
    }
    loo1.push_back(std::move(one));
    timeline.push_back(std::move(t));
    loo.push_back(std::move(l));
  }
}

/// Runs the cases with update_to (incremental) or propagate_to; returns the number of
/// queries; adds the target's first probability to `sink`; answers to `out` when given.
long run(const junction_tree& jt, junction_tree::workspace& ws, const std::vector<workload_case>& cases, bool incremental,
         double& sink, std::vector<double>* out) {
  long queries = 0;
  double p[64];
  for (const workload_case& c : cases) {
    jt.clear_evidence(ws);
    const auto k = static_cast<std::size_t>(jt.network().cardinality(c.target));
    for (const step& s : c.steps) {
      if (s.state >= 0) jt.observe(ws, s.v, s.state);
      else jt.retract(ws, s.v);
      if (!s.ask) continue;
      if (incremental) jt.update_to(ws, c.target);
      else jt.propagate_to(ws, c.target);
      jt.marginal(ws, c.target, std::span<double>(p, k));
      sink += p[0];
      if (out) {
        out->insert(out->end(), p, p + k);
        out->push_back(jt.log_evidence(ws));
      }
      ++queries;
    }
  }
  return queries;
}

/// CPU seconds of `f`.
template <class F>
double cpu_seconds(F f) {
  const std::clock_t start = std::clock();
  f();
  return static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
}

void bench(const char* name, const junction_tree& jt, const std::vector<variable_id>& pool, variable_id target, int n,
           int repeat) {
  std::vector<workload_case> timeline, loo, loo1;
  make_cases(jt, pool, target, n, timeline, loo, loo1);
  auto a = jt.make_workspace(), b = jt.make_workspace();
  for (const auto& [label, cases] :
       {std::pair{"timeline", &timeline}, std::pair{"leave-one-out", &loo}, std::pair{"loo, 1 update", &loo1}}) {
    double sink = 0;
    std::vector<double> inc, full;
    run(jt, a, *cases, true, sink, &inc);
    const long queries = run(jt, b, *cases, false, sink, &full);
    const bool same = inc == full;
    long resent = 0, asked = 0;  // cliques re-sent per incremental query
    {
      auto ws = jt.make_workspace();
      for (const workload_case& c : *cases) {
        jt.clear_evidence(ws);
        for (const step& s : c.steps) {
          if (s.state >= 0) jt.observe(ws, s.v, s.state);
          else jt.retract(ws, s.v);
          if (!s.ask) continue;
          jt.update_to(ws, c.target);
          const Eigen::Index r = jt.query_statistics(ws).cliques_resent;
          if (r >= 0) {
            resent += r;
            ++asked;
          }
        }
      }
    }
    const double t_inc = cpu_seconds([&] {
      for (int r = 0; r < repeat; ++r) run(jt, a, *cases, true, sink, nullptr);
    });
    const double t_full = cpu_seconds([&] {
      for (int r = 0; r < repeat; ++r) run(jt, b, *cases, false, sink, nullptr);
    });
    const double per = 1e9 / (static_cast<double>(queries) * repeat);
    std::printf("%-9s %-14s %7ld queries  propagate_to %8.0f ns  update_to %8.0f ns  speedup %5.2fx  "
                "cliques %3zu, re-sent %5.1f/query (%ld of %ld incremental)  %s  [%g]\n",
                name, label, queries, t_full * per, t_inc * per, t_full / t_inc, jt.cliques().size(),
                asked ? static_cast<double>(resent) / static_cast<double>(asked) : 0.0, asked, queries,
                same ? "bit-identical" : "DIFFERENT", sink);
  }
}

}  // namespace

int main(int argc, char** argv) {
  int n = 200, repeat = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string opt = argv[i];
    if (opt == "--cases") n = std::atoi(argv[i + 1]);
    else if (opt == "--repeat") repeat = std::atoi(argv[i + 1]);
  }
  for (const char* name : {"alarm", "hepar2", "win95pts"}) {
    const std::filesystem::path file = std::filesystem::path(PITCHRISK_SHARED_DIR) / "networks" / (std::string(name) + ".bif");
    if (!std::filesystem::exists(file)) {
      std::printf("%s: skipped (no %s)\n", name, file.string().c_str());
      continue;
    }
    const junction_tree jt(io::read_bif(file));
    std::vector<variable_id> pool;
    for (const variable_id v : jt.network().variables()) pool.push_back(v);
    bench(name, jt, pool, -1, n, repeat);
  }
  const approach::approach_model model;
  const junction_tree jt(model.network());
  bench("approach", jt, model.indicator_ids(), model.intent(), n, repeat);
  return 0;
}
