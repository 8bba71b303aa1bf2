// SPDX-License-Identifier: MIT
// approx_benchmark: accuracy against time of the approximate engines.
//   approx_benchmark [--engines jt,lbp,lw,is,gibbs] [--budgets 10000,100000] [--lbp-iterations 5,50,500]
//                    [--threads T] [--reference-samples N] [PROBLEM ...]
// A PROBLEM is
//   NAME           a standard network of ../shared/networks with the evidence of its .ref file,
//                  exact answers from the junction tree;
//   uai:NAME       a UAI problem of ../shared/formats-corpus/uai with its published exact
//                  marginals (.MAR) under its evidence (.evid): MARKOV models enter the engines
//                  as networks through io::to_factor_network (one observed child per function);
//   grid30         a generated 30x30 binary grid network (parents: the cells above and to the
//                  left; seeded random tables), the bottom row observed;
//   dense200       a generated dense network: 200 ternary variables, each with 5 parents drawn
//                  among the 40 before it (seeded), ten variables observed;
//   file:PATH      any network file (e.g. a structure learned by pitchrisk-learn), ten variables
//                  observed at the states of one forward sample (seeded), so the evidence is possible.
// --write-generated DIR writes grid30.bif and dense200.bif there (to sample and learn from).
// The two generated networks are beyond the junction tree (it refuses them for memory: its
// message is printed); their "errors" are against importance sampling with
// --reference-samples samples (default 1,000,000), whose own largest standard error is printed.
// For every problem, engine and budget (samples for the samplers, iterations for loopy BP) the
// program prints the time per query, the max and mean absolute marginal error, the largest
// Hellinger distance, and the largest standard error and smallest effective sample size the
// sampler reports: errors against time. `jt` is the exact junction tree (its time, for scale).
#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/detail/random.hpp"
#include "pitchrisk/inference/gibbs_sampling.hpp"
#include "pitchrisk/inference/importance_sampling.hpp"
#include "pitchrisk/inference/junction_tree.hpp"
#include "pitchrisk/inference/likelihood_weighting.hpp"
#include "pitchrisk/inference/loopy_belief_propagation.hpp"
#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/io/network_file.hpp"
#include "pitchrisk/io/reference.hpp"
#include "pitchrisk/io/uai.hpp"
#include "pitchrisk/learning/sampling.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#ifndef PITCHRISK_SHARED_DIR
#define PITCHRISK_SHARED_DIR "../shared"
#endif

namespace {

using namespace pitchrisk;
using marginals = std::vector<std::vector<double>>;

/// One evidence set and, when known, the exact marginals of the variables compared.
struct query {
  evidence seen;
  marginals exact;
};

/// A network, its queries, and how many of its first variables are compared (a factor model
/// seen as a network carries one extra variable per function, never compared).
struct problem {
  std::string name;
  std::shared_ptr<const network> net;
  std::vector<query> queries;
  std::size_t compared = 0;
  std::string exact_from;
};

struct errors {
  double max_abs = 0, sum_abs = 0, max_hellinger = 0, max_se = 0, min_ess = -1;
  long count = 0;
  double seconds = 0, samples = 0;
  long queries = 0;
};

marginals to_marginals(const std::vector<distribution>& d, std::size_t n) {
  marginals out(n);
  for (std::size_t v = 0; v < n; ++v)
    out[v].assign(d[v].probabilities().data(), d[v].probabilities().data() + d[v].size());
  return out;
}

void compare(errors& e, const marginals& got, const marginals& exact, const resolved_evidence& ev) {
  for (std::size_t v = 0; v < exact.size(); ++v) {
    if (ev.is_observed(static_cast<variable_id>(v))) continue;
    double h = 0;
    for (std::size_t s = 0; s < exact[v].size(); ++s) {
      const double d = std::abs(got[v][s] - exact[v][s]);
      e.max_abs = std::max(e.max_abs, d);
      e.sum_abs += d;
      ++e.count;
      const double r = std::sqrt(std::max(0.0, got[v][s])) - std::sqrt(std::max(0.0, exact[v][s]));
      h += r * r;
    }
    e.max_hellinger = std::max(e.max_hellinger, std::sqrt(h / 2));
  }
}

/// One answer of an engine: the marginals and the largest standard error it reports.
struct answer {
  std::vector<distribution> posteriors;
  double max_se = 0;
  double ess = -1;  ///< effective sample size (samplers), -1 when not applicable
  double samples = 0;
};

answer from_sampler(const sampling_result& r, std::size_t compared) {
  answer a{r.posteriors, 0, r.effective_sample_size, static_cast<double>(r.samples)};
  for (std::size_t v = 0; v < compared; ++v)
    if (r.standard_errors[v].size() > 0) a.max_se = std::max(a.max_se, r.standard_errors[v].maxCoeff());
  return a;
}

errors measure(const problem& p, const std::function<answer(const evidence&)>& run) {
  errors e;
  for (const query& q : p.queries) {
    const auto start = std::chrono::steady_clock::now();
    const answer a = run(q.seen);
    e.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ++e.queries;
    e.samples += a.samples;
    e.max_se = std::max(e.max_se, a.max_se);
    if (a.ess >= 0) e.min_ess = e.min_ess < 0 ? a.ess : std::min(e.min_ess, a.ess);
    compare(e, to_marginals(a.posteriors, p.compared), q.exact, resolve(*p.net, q.seen));
  }
  return e;
}

void print(const problem& p, const std::string& engine, const std::string& budget, const errors& e) {
  std::printf("%-20s %-6s %9s %11.3f ms  max|err| %.5f  mean|err| %.6f  maxHell %.5f", p.name.c_str(), engine.c_str(),
              budget.c_str(), 1e3 * e.seconds / static_cast<double>(e.queries), e.max_abs,
              e.sum_abs / static_cast<double>(std::max(1L, e.count)), e.max_hellinger);
  if (e.min_ess >= 0)
    std::printf("  maxSE %.5f  minESS %.0f  %.2f M samples/s", e.max_se, e.min_ess, e.samples / e.seconds / 1e6);
  std::printf("\n");
}

// ---- problems --------------------------------------------------------------------------

std::string shared(const std::string& rest) { return std::string(PITCHRISK_SHARED_DIR) + "/" + rest; }

problem standard_problem(const std::string& name) {
  problem p{name, std::make_shared<const network>(io::read_bif(shared("networks/" + name + ".bif"))), {}, 0,
            "junction tree"};
  p.compared = p.net->size();
  const junction_tree jt(p.net);
  for (const auto& c : io::read_reference(shared("reference/" + name + ".ref"), false)) {
    const evidence seen = c.to_evidence();
    p.queries.push_back({seen, to_marginals(jt.posteriors(seen), p.compared)});
  }
  return p;
}

/// The published marginals of a UAI `MAR` answer file: after `MAR`, an optional sample count
/// `1` (bn-pp, UAI 2010), then n and per variable k and k values; checked against the model.
marginals read_mar(const std::string& file, const std::vector<Eigen::Index>& cardinalities) {
  std::ifstream in(file);
  if (!in) throw io_error(file + ": cannot open the published marginals");
  std::string word;
  in >> word;
  if (word != "MAR") throw parse_error(file, 1, 1, "expected 'MAR' at the start, got '" + word + "'");
  std::vector<double> x;
  for (double v; in >> v;) x.push_back(v);
  std::size_t pos = 0;
  if (x.size() > 1 && x[0] == 1 && cardinalities.size() != 1) pos = 1;
  if (pos >= x.size() || x[pos] != static_cast<double>(cardinalities.size()))
    throw parse_error(file, 1, 1, "the answer does not have the model's " + std::to_string(cardinalities.size()) + " variables");
  ++pos;
  marginals out(cardinalities.size());
  for (std::size_t v = 0; v < out.size(); ++v) {
    if (pos >= x.size() || x[pos] != static_cast<double>(cardinalities[v]))
      throw parse_error(file, 1, 1, "variable " + std::to_string(v) + ": state count differs from the model's");
    const auto k = static_cast<std::size_t>(cardinalities[v]);
    if (pos + 1 + k > x.size()) throw parse_error(file, 1, 1, "truncated MAR answer");
    out[v].assign(x.begin() + static_cast<std::ptrdiff_t>(pos + 1), x.begin() + static_cast<std::ptrdiff_t>(pos + 1 + k));
    pos += 1 + k;
  }
  return out;
}

problem uai_problem(const std::string& name) {
  const std::string dir = shared("formats-corpus/uai/");
  const io::uai_model model = io::read_uai_model(dir + name + ".uai");
  problem p{"uai:" + name, nullptr, {}, model.cardinalities.size(), "published .MAR"};
  evidence seen;
  if (model.markov) {
    io::factor_network fn = io::to_factor_network(model);
    p.net = std::make_shared<const network>(std::move(fn.net));
    seen = fn.constraints;
  } else {
    p.net = std::make_shared<const network>(io::read_uai(dir + name + ".uai"));
  }
  // bn-pp names its MAR evidence `<model>-MAR.uai.evid`; the UAI 2014 problems `<model>.uai.evid`.
  for (const std::string& evid : {dir + name + "-MAR.uai.evid", dir + name + ".uai.evid"}) {
    if (!std::ifstream(evid)) continue;
    const auto samples = io::read_uai_evidence(evid, model.cardinalities);
    if (!samples.empty())
      for (const auto& [v, s] : samples[0]) seen.observe(static_cast<variable_id>(v), s);
    break;
  }
  p.queries.push_back({seen, read_mar(dir + name + ".uai.MAR", model.cardinalities)});
  return p;
}

/// A random column-stochastic table: each column Dirichlet(1, ..., 1) through normalised
/// exponentials, floored at 0.02 so that no state is deterministic.
std::vector<double> random_table(std::size_t states, std::size_t columns, detail::random_stream& rng) {
  std::vector<double> t(states * columns);
  for (std::size_t c = 0; c < columns; ++c) {
    double sum = 0;
    for (std::size_t s = 0; s < states; ++s) sum += t[c * states + s] = 0.02 - std::log(1 - rng.uniform());
    for (std::size_t s = 0; s < states; ++s) t[c * states + s] /= sum;
  }
  return t;
}

network grid_network(int side) {
  network_builder b("grid" + std::to_string(side));
  detail::random_stream rng(30, 0);
  auto name = [](int r, int c) { return "g" + std::to_string(r) + "_" + std::to_string(c); };
  for (int r = 0; r < side; ++r)
    for (int c = 0; c < side; ++c) {
      b.add_variable(name(r, c), {"0", "1"});
      std::vector<std::string> parents;
      if (r > 0) parents.push_back(name(r - 1, c));
      if (c > 0) parents.push_back(name(r, c - 1));
      b.set_cpt(name(r, c), parents, random_table(2, std::size_t{1} << parents.size(), rng));
    }
  return b.build();
}

network dense_network(int n, int parents, int window) {
  network_builder b("dense" + std::to_string(n));
  detail::random_stream rng(200, 0);
  for (int v = 0; v < n; ++v) {
    const std::string name = "d" + std::to_string(v);
    b.add_variable(name, {"a", "b", "c"});
    std::vector<std::string> ps;
    const int lo = std::max(0, v - window);
    while (static_cast<int>(ps.size()) < std::min(parents, v)) {
      const std::string p = "d" + std::to_string(lo + static_cast<int>(rng() % static_cast<std::uint64_t>(v - lo)));
      if (std::find(ps.begin(), ps.end(), p) == ps.end()) ps.push_back(p);
    }
    std::size_t columns = 1;
    for (std::size_t i = 0; i < ps.size(); ++i) columns *= 3;
    b.set_cpt(name, ps, random_table(3, columns, rng));
  }
  return b.build();
}

/// A problem whose exact answers come from the junction tree when it compiles within 2 GB, and
/// otherwise from importance sampling with `reference_samples` samples.
problem network_problem(const std::string& name, std::shared_ptr<const network> net, const evidence& seen,
                        std::int64_t reference_samples, unsigned threads) {
  problem p{name, std::move(net), {}, 0, ""};
  p.compared = p.net->size();
  try {
    const junction_tree jt(p.net, {.memory_budget_bytes = 2e9});
    std::printf("# %s: the junction tree compiles within 2 GB: %lld cliques, largest %lld variables\n", name.c_str(),
                static_cast<long long>(jt.statistics().cliques),
                static_cast<long long>(jt.statistics().largest_clique_variables));
    p.exact_from = "junction tree";
    p.queries.push_back({seen, to_marginals(jt.posteriors(seen), p.compared)});
    return p;
  } catch (const size_error& e) {
    std::printf("# %s: junction tree refused: %s\n", name.c_str(), e.what());
  }
  const importance_sampling reference(p.net, {.samples = reference_samples, .seed = 99, .threads = threads});
  const sampling_result r = reference.run(seen);
  const answer a = from_sampler(r, p.compared);
  std::printf("# %s: reference = importance sampling, %lld samples, %.1f s, largest standard error %.5f\n",
              name.c_str(), static_cast<long long>(r.samples), r.seconds, a.max_se);
  p.exact_from = "importance sampling";
  p.queries.push_back({seen, to_marginals(r.posteriors, p.compared)});
  return p;
}

problem generated_problem(const std::string& name, std::int64_t reference_samples, unsigned threads) {
  const bool grid = name == "grid30";
  auto net = std::make_shared<const network>(grid ? grid_network(30) : dense_network(200, 5, 40));
  detail::random_stream rng(7, 0);
  evidence seen;
  if (grid)
    for (int c = 0; c < 30; ++c) seen.observe(net->id("g29_" + std::to_string(c)), static_cast<Eigen::Index>(rng() % 2));
  else
    for (int v = 150; v < 200; v += 5) seen.observe(net->id("d" + std::to_string(v)), static_cast<Eigen::Index>(rng() % 3));
  return network_problem(name, std::move(net), seen, reference_samples, threads);
}

problem file_problem(const std::string& path, std::int64_t reference_samples, unsigned threads) {
  auto net = std::make_shared<const network>(io::read_network(path));
  const dataset one = sample(*net, 1, {.seed = 7});
  evidence seen;
  const Eigen::Index n = net->size(), step = std::max<Eigen::Index>(1, n / 10);
  for (Eigen::Index v = n - 1, k = 0; v >= 0 && k < 10; v -= step, ++k)
    seen.observe(static_cast<variable_id>(v), one.at(0, v));
  return network_problem("file:" + std::filesystem::path(path).filename().string(), std::move(net), seen,
                         reference_samples, threads);
}

std::vector<std::int64_t> numbers(const std::string& list) {
  std::vector<std::int64_t> out;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) out.push_back(std::atoll(item.c_str()));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> names;
  std::string engines = "jt,lbp,lw,is,gibbs", budgets = "10000,100000", lbp_iterations = "5,50,500", generated_dir;
  std::int64_t reference_samples = 1000000;
  unsigned threads = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 < argc && (a == "--engines" || a == "--budgets" || a == "--lbp-iterations" || a == "--threads" ||
                         a == "--reference-samples" || a == "--write-generated")) {
      const std::string v = argv[++i];
      if (a == "--engines") engines = v;
      else if (a == "--budgets") budgets = v;
      else if (a == "--lbp-iterations") lbp_iterations = v;
      else if (a == "--reference-samples") reference_samples = std::atoll(v.c_str());
      else if (a == "--write-generated") generated_dir = v;
      else threads = static_cast<unsigned>(std::atoi(v.c_str()));
    } else if (a.rfind("--", 0) == 0) {
      std::fprintf(stderr, "approx_benchmark: unknown option '%s' (see the comment at the top of the source)\n", a.c_str());
      return 2;
    } else {
      names.push_back(a);
    }
  }
  if (!generated_dir.empty()) {
    io::write_bif(grid_network(30), generated_dir + "/grid30.bif");
    io::write_bif(dense_network(200, 5, 40), generated_dir + "/dense200.bif");
    std::printf("# wrote %s/grid30.bif and %s/dense200.bif\n", generated_dir.c_str(), generated_dir.c_str());
    if (names.empty()) return 0;
  }
  if (names.empty()) names = {"alarm"};
  auto wants = [&](const char* name) { return ("," + engines + ",").find("," + std::string(name) + ",") != std::string::npos; };
  std::printf("# %u thread(s); budgets: samples %s, loopy BP iterations %s\n", threads, budgets.c_str(),
              lbp_iterations.c_str());
  std::printf("%-20s %-6s %9s %14s\n", "problem", "engine", "budget", "time/query");
  for (const std::string& name : names) {
    problem p;
    try {
      p = name.rfind("uai:", 0) == 0               ? uai_problem(name.substr(4))
          : name.rfind("file:", 0) == 0            ? file_problem(name.substr(5), reference_samples, threads)
          : name == "grid30" || name == "dense200" ? generated_problem(name, reference_samples, threads)
                                                   : standard_problem(name);
    } catch (const error& e) {
      std::printf("# %s: cannot load: %s\n", name.c_str(), e.what());
      continue;
    }
    std::printf("# %s: %zu variables (%zu compared), %zu queries, errors against the %s\n", p.name.c_str(),
                p.net->size(), p.compared, p.queries.size(), p.exact_from.c_str());
    auto attempt = [&](const std::string& engine, const std::string& budget, const std::function<answer(const evidence&)>& run) {
      try {
        print(p, engine, budget, measure(p, run));
      } catch (const error& e) {
        std::printf("%-20s %-6s %9s refused: %s\n", p.name.c_str(), engine.c_str(), budget.c_str(), e.what());
      }
    };
    if (wants("jt")) {
      try {
        const junction_tree jt(p.net, {.memory_budget_bytes = 2e9});
        attempt("jt", "exact", [&](const evidence& e) { return answer{jt.posteriors(e), 0}; });
      } catch (const size_error& e) {
        std::printf("%-20s %-6s %9s refused: %s\n", p.name.c_str(), "jt", "exact", e.what());
      }
    }
    if (wants("lbp"))
      for (const std::int64_t it : numbers(lbp_iterations)) {
        const loopy_belief_propagation lbp(p.net, {.max_iterations = it});
        attempt("lbp", std::to_string(it) + " it", [&](const evidence& e) { return answer{lbp.posteriors(e), 0}; });
      }
    for (const std::int64_t n : numbers(budgets)) {
      const std::string budget = std::to_string(n);
      if (wants("lw")) {
        const likelihood_weighting lw(p.net, {.samples = n, .seed = 1, .threads = threads});
        attempt("lw", budget, [&](const evidence& e) { return from_sampler(lw.run(e), p.compared); });
      }
      if (wants("is")) {
        const importance_sampling is(p.net, {.samples = n, .seed = 1, .threads = threads});
        attempt("is", budget, [&](const evidence& e) { return from_sampler(is.run(e), p.compared); });
      }
      if (wants("gibbs"))
        attempt("gibbs", budget, [&](const evidence& e) {
          const gibbs_sampling gibbs(p.net, {.samples = n, .seed = 1, .threads = threads});
          return from_sampler(gibbs.run(e), p.compared);
        });
    }
  }
}
