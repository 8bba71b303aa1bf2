// SPDX-License-Identifier: MIT
// jt_benchmark: load, compile and query timings of the junction tree on the shared
// networks, one thread, with dlib's join tree on the same evidence in the same process.
//   jt_benchmark [NETWORK...] [--shared DIR] [--time SECONDS] [--cases N] [--dlib-max-vars N] [--no-dlib]
// All-posteriors queries observe 15% of the variables at states drawn by forward sampling
// (fixed seed); single-target queries observe 3-5 variables and ask for one posterior.
#include "pitchrisk/inference/junction_tree.hpp"
#include "pitchrisk/io/bif.hpp"

#include <benchmark/benchmark.h>

#ifdef PITCHRISK_BENCH_DLIB
#include <dlib/bayes_utils.h>
#include <dlib/directed_graph.h>
#include <dlib/graph.h>
#include <dlib/graph_utils.h>
#include <dlib/set.h>
#endif

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <numeric>
#include <random>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace {

using pitchrisk::variable_id;
using clock_type = std::chrono::steady_clock;

struct query_case {
  std::vector<std::pair<variable_id, Eigen::Index>> findings;  // increasing ids
  variable_id target = 0;
};

struct timing {
  double median_us = 0, min_us = 0, per_second = 0;
  double first_median_us = 0;  // the warm-up pass (a fresh workspace growing its buffers)
  std::size_t queries = 0;
};

double ms_since(clock_type::time_point t0) {
  return std::chrono::duration<double, std::milli>(clock_type::now() - t0).count();
}

std::vector<Eigen::Index> forward_sample(const pitchrisk::network& net, std::mt19937_64& rng) {
  std::vector<Eigen::Index> x(static_cast<std::size_t>(net.size()), 0);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<Eigen::Index> ps;
  for (const variable_id v : net.topological_order()) {
    ps.clear();
    for (const variable_id p : net.parents(v)) ps.push_back(x[static_cast<std::size_t>(p)]);
    double r = u(rng);
    Eigen::Index s = 0;
    for (; s + 1 < net.cardinality(v); ++s) {
      r -= net.probability(v, s, ps);
      if (r < 0) break;
    }
    // Never pick a zero-probability state through rounding.
    while (net.probability(v, s, ps) <= 0) s = (s + 1) % net.cardinality(v);
    x[static_cast<std::size_t>(v)] = s;
  }
  return x;
}

/// `count` cases observing `observed(i)` variables of a fresh forward sample each.
template <class Observed>
std::vector<query_case> make_cases(const pitchrisk::network& net, std::size_t count, std::uint64_t seed, Observed observed) {
  std::mt19937_64 rng(seed);
  std::vector<query_case> out;
  std::vector<variable_id> ids(static_cast<std::size_t>(net.size()));
  for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<variable_id>(i);
  for (std::size_t i = 0; i < count; ++i) {
    const auto x = forward_sample(net, rng);
    std::shuffle(ids.begin(), ids.end(), rng);
    const std::size_t k = std::min(ids.size() - 1, observed(i));
    query_case c;
    for (std::size_t j = 0; j < k; ++j) c.findings.emplace_back(ids[j], x[static_cast<std::size_t>(ids[j])]);
    std::sort(c.findings.begin(), c.findings.end());
    c.target = ids[k];
    out.push_back(std::move(c));
  }
  return out;
}

/// Runs `query(case)` over the cases, repeating passes until `seconds` have elapsed. With
/// `warm_up`, one pass over the cases runs first, outside the figures but for its own median:
/// a workspace grows its buffers (the reduced trees of the evidence-adaptive path) on the
/// first queries that need them, and the first touch of fresh memory costs more than the
/// propagation on a large network. Scoring many cases pays that once; the timed passes
/// measure the steady state.
template <class Query>
timing time_queries(const std::vector<query_case>& cases, double seconds, bool warm_up, Query query) {
  std::vector<double> us;
  auto one_pass = [&] {
    for (const query_case& c : cases) {
      const auto t0 = clock_type::now();
      query(c);
      us.push_back(std::chrono::duration<double, std::micro>(clock_type::now() - t0).count());
    }
  };
  timing t;
  if (warm_up) {
    one_pass();
    std::sort(us.begin(), us.end());
    t.first_median_us = us[us.size() / 2];
    us.clear();
  }
  const auto start = clock_type::now();
  do one_pass();
  while (std::chrono::duration<double>(clock_type::now() - start).count() < seconds);
  const double total = std::chrono::duration<double>(clock_type::now() - start).count();
  t.queries = us.size();
  t.per_second = static_cast<double>(us.size()) / total;
  std::sort(us.begin(), us.end());
  t.median_us = us[us.size() / 2];
  t.min_us = us.front();
  return t;
}

#ifdef PITCHRISK_BENCH_DLIB
using dlib_net = dlib::directed_graph<dlib::bayes_node>::kernel_1a;
using dlib_set = dlib::set<unsigned long>::compare_1b;
using dlib_join_tree = dlib::graph<dlib_set, dlib_set>::kernel_1a;

void to_dlib(const pitchrisk::network& net, dlib_net& bn, dlib_join_tree& jt) {
  using namespace dlib::bayes_node_utils;
  const auto n = static_cast<unsigned long>(net.size());
  bn.set_number_of_nodes(n);
  for (const variable_id v : net.variables())
    for (const variable_id p : net.parents(v)) bn.add_edge(static_cast<unsigned long>(p), static_cast<unsigned long>(v));
  for (const variable_id v : net.variables())
    set_node_num_values(bn, static_cast<unsigned long>(v), static_cast<unsigned long>(net.cardinality(v)));
  for (const variable_id v : net.variables()) {
    const auto parents = net.parents(v);
    std::vector<Eigen::Index> ps(parents.size(), 0);
    dlib::assignment a;
    for (const variable_id p : parents) a.add(static_cast<unsigned long>(p), 0);
    for (;;) {
      for (std::size_t i = 0; i < parents.size(); ++i) a[static_cast<unsigned long>(parents[i])] = static_cast<unsigned long>(ps[i]);
      for (Eigen::Index s = 0; s < net.cardinality(v); ++s)
        set_node_probability(bn, static_cast<unsigned long>(v), static_cast<unsigned long>(s), a, net.probability(v, s, ps));
      std::size_t d = 0;
      for (; d < ps.size(); ++d) {
        if (++ps[d] < net.cardinality(parents[d])) break;
        ps[d] = 0;
      }
      if (d == ps.size()) break;
    }
  }
  dlib::create_moral_graph(bn, jt);
  dlib::create_join_tree(jt, jt);
}
#endif

struct command_line {
  std::filesystem::path shared = PITCHRISK_SHARED_DIR;
  std::vector<std::string> networks;
  double seconds = 1.0;
  // All-posteriors evidence sets per network: 100, and 40 where the tables exceed 1e7
  // entries (queries of tens of milliseconds; with 10, as before, the median was decided
  // by where one or two queries fell on a noisy machine).
  std::size_t cases = 0;
  Eigen::Index dlib_max_vars = 120;
  double dlib_max_entries = 1e5;  // water (3e6 clique entries): one dlib query takes minutes
  bool dlib = true;
};

}  // namespace

int main(int argc, char** argv) {
  command_line cl;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "jt_benchmark: " << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--shared") cl.shared = value();
    else if (a == "--time") cl.seconds = std::atof(value().c_str());
    else if (a == "--cases") cl.cases = static_cast<std::size_t>(std::max(1L, std::atol(value().c_str())));
    else if (a == "--dlib-max-vars") cl.dlib_max_vars = std::atol(value().c_str());
    else if (a == "--dlib-max-entries") cl.dlib_max_entries = std::atof(value().c_str());
    else if (a == "--no-dlib") cl.dlib = false;
    else if (a == "-h" || a == "--help") {
      std::cout << "usage: jt_benchmark [NETWORK...] [--shared DIR] [--time SECONDS] [--cases N] [--dlib-max-vars N] [--dlib-max-entries E] [--no-dlib]\n";
      return 0;
    } else cl.networks.push_back(a);
  }
  const std::filesystem::path dir = cl.shared / "networks";
  if (cl.networks.empty()) {
    if (!std::filesystem::is_directory(dir)) {
      std::cerr << "jt_benchmark: no networks in " << dir << " (use --shared DIR)\n";
      return 1;
    }
    std::vector<std::pair<std::uintmax_t, std::string>> found;
    for (const auto& f : std::filesystem::directory_iterator(dir))
      if (f.path().extension() == ".bif") found.emplace_back(f.file_size(), f.path().stem().string());
    std::sort(found.begin(), found.end());
    for (const auto& f : found) cl.networks.push_back(f.second);
  }
  std::printf("one thread; all-posteriors: 15%% of the variables observed (forward sampling, seed 2026);\n"
              "single target: 3-5 findings, one posterior; times are per query in microseconds\n\n");
  std::printf("%-11s %5s %8s %9s %6s %10s %11s %9s | %9s %9s %9s %6s | %8s %9s | %11s %11s %8s %9s\n", "network", "vars",
              "load_ms", "compile", "cliq", "largest", "entries", "MB", "all_med", "all_min", "all_first", "adapt", "one_med",
              "one_q/s", "dlib_med", "dlib_min", "dlib/jt", "max_diff");
  for (const std::string& name : cl.networks) {
    const auto t_load = clock_type::now();
    const auto net = std::make_shared<const pitchrisk::network>(pitchrisk::io::read_bif(dir / (name + ".bif")));
    const double load_ms = ms_since(t_load);
    const auto t_compile = clock_type::now();
    std::unique_ptr<pitchrisk::junction_tree> jt;
    try {
      jt = std::make_unique<pitchrisk::junction_tree>(net);
    } catch (const pitchrisk::size_error& e) {
      std::printf("%-11s %5ld %8.1f  cannot compile: %s\n", name.c_str(), static_cast<long>(net->size()), load_ms, e.what());
      continue;
    }
    const double compile_ms = ms_since(t_compile);
    const auto& st = jt->statistics();
    const auto n = static_cast<std::size_t>(net->size());
    const std::size_t observed = std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(0.15 * static_cast<double>(n))));
    const std::size_t count = cl.cases > 0 ? cl.cases : st.total_clique_entries > 1e7 ? 40 : 100;
    const auto all_cases = make_cases(*net, count, 2026, [&](std::size_t) { return observed; });
    const auto one_cases = make_cases(*net, st.total_clique_entries > 1e7 ? 10 : 200, 2027, [](std::size_t i) { return std::size_t{3} + i % 3; });

    auto ws = jt->make_workspace();
    std::vector<double> marg(static_cast<std::size_t>(std::accumulate(
        net->variables().begin(), net->variables().end(), Eigen::Index{0},
        [&](Eigen::Index acc, variable_id v) { return acc + net->cardinality(v); })));
    auto all_query = [&](const query_case& c) {
      jt->clear_evidence(ws);
      for (const auto& [v, s] : c.findings) jt->observe(ws, v, s);
      jt->propagate(ws);
      std::size_t off = 0;
      for (const variable_id v : net->variables()) {
        const auto k = static_cast<std::size_t>(net->cardinality(v));
        jt->marginal(ws, v, std::span<double>(marg.data() + off, k));
        off += k;
      }
      benchmark::DoNotOptimize(marg.data());
      benchmark::ClobberMemory();
    };
    const timing all = time_queries(all_cases, cl.seconds, true, all_query);
    // Share of the all-posteriors cases answered on the tree of the network reduced by
    // their findings (junction_tree_options::adaptive_min_entries).
    double adapted = 0;
    for (const query_case& c : all_cases) {
      all_query(c);
      adapted += jt->query_statistics(ws).adapted ? 1 : 0;
    }
    char adapt_pct[16];
    std::snprintf(adapt_pct, sizeof adapt_pct, "%.0f%%", 100 * adapted / static_cast<double>(all_cases.size()));
    Eigen::Index widest = 1;
    for (const variable_id v : net->variables()) widest = std::max(widest, net->cardinality(v));
    std::vector<double> one_out(static_cast<std::size_t>(widest));  // diabetes has variables of 100+ states
    const timing one = time_queries(one_cases, cl.seconds, true, [&](const query_case& c) {
      jt->clear_evidence(ws);
      for (const auto& [v, s] : c.findings) jt->observe(ws, v, s);
      jt->propagate_to(ws, c.target);
      jt->marginal(ws, c.target, std::span<double>(one_out.data(), static_cast<std::size_t>(net->cardinality(c.target))));
      benchmark::DoNotOptimize(one_out.data());
      benchmark::ClobberMemory();
    });

    std::string dlib_med = "-", dlib_min = "-", ratio = "-", diff = "-";
#ifdef PITCHRISK_BENCH_DLIB
    if (cl.dlib && (net->size() > cl.dlib_max_vars || st.total_clique_entries > cl.dlib_max_entries)) dlib_med = "skipped";
    if (cl.dlib && net->size() <= cl.dlib_max_vars && st.total_clique_entries <= cl.dlib_max_entries) try {
      dlib_net bn;
      dlib_join_tree djt;
      to_dlib(*net, bn, djt);
      double max_diff = 0;
      std::vector<query_case> dcases = all_cases;
      // dlib recomputes everything per query: time a few cases when one query is slow.
      {
        const auto t0 = clock_type::now();
        dlib::bayesian_network_join_tree probe(bn, djt);
        benchmark::DoNotOptimize(&probe);
        if (ms_since(t0) > 200) dcases.resize(std::min<std::size_t>(dcases.size(), 3));
      }
      const timing d = time_queries(dcases, std::min(cl.seconds, 0.5), false, [&](const query_case& c) {
        for (const auto& [v, s] : c.findings) {
          dlib::bayes_node_utils::set_node_value(bn, static_cast<unsigned long>(v), static_cast<unsigned long>(s));
          dlib::bayes_node_utils::set_node_as_evidence(bn, static_cast<unsigned long>(v));
        }
        dlib::bayesian_network_join_tree solution(bn, djt);
        for (const variable_id v : net->variables()) {
          const dlib::matrix<double, 1> p = solution.probability(static_cast<unsigned long>(v));
          benchmark::DoNotOptimize(p(0));
        }
        for (const auto& [v, s] : c.findings) dlib::bayes_node_utils::set_node_as_nonevidence(bn, static_cast<unsigned long>(v));
      });
      // Same answers: compare dlib with the junction tree on the first case.
      {
        const query_case& c = dcases.front();
        for (const auto& [v, s] : c.findings) {
          dlib::bayes_node_utils::set_node_value(bn, static_cast<unsigned long>(v), static_cast<unsigned long>(s));
          dlib::bayes_node_utils::set_node_as_evidence(bn, static_cast<unsigned long>(v));
        }
        dlib::bayesian_network_join_tree solution(bn, djt);
        all_query(c);
        std::size_t off = 0;
        for (const variable_id v : net->variables()) {
          const dlib::matrix<double, 1> p = solution.probability(static_cast<unsigned long>(v));
          for (Eigen::Index s = 0; s < net->cardinality(v); ++s)
            max_diff = std::max(max_diff, std::abs(p(static_cast<long>(s)) - marg[off + static_cast<std::size_t>(s)]));
          off += static_cast<std::size_t>(net->cardinality(v));
        }
        for (const auto& [v, s] : c.findings) dlib::bayes_node_utils::set_node_as_nonevidence(bn, static_cast<unsigned long>(v));
      }
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.1f", d.median_us);
      dlib_med = buf;
      std::snprintf(buf, sizeof buf, "%.1f", d.min_us);
      dlib_min = buf;
      std::snprintf(buf, sizeof buf, "%.0fx", d.median_us / all.median_us);
      ratio = buf;
      std::snprintf(buf, sizeof buf, "%.1e", max_diff);
      diff = buf;
    } catch (const std::exception&) {
      dlib_med = dlib_min = "failed";  // dlib's checked containers reject some networks
    }
#endif
    std::printf("%-11s %5zu %8.1f %9.1f %6ld %10.4g %11.4g %9.1f | %9.1f %9.1f %9.1f %6s | %8.2f %9.0f | %11s %11s %8s %9s\n",
                name.c_str(), n, load_ms, compile_ms, static_cast<long>(st.cliques), st.largest_clique_entries,
                st.total_clique_entries, (st.engine_bytes + st.workspace_bytes) / 1e6, all.median_us, all.min_us,
                all.first_median_us, adapt_pct, one.median_us, one.per_second, dlib_med.c_str(), dlib_min.c_str(), ratio.c_str(), diff.c_str());
    std::fflush(stdout);
  }
  return 0;
}
