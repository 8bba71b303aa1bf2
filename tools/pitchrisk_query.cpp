// SPDX-License-Identifier: MIT
// pitchrisk-query: exact inference on a network (BIF or UAI) from the command line.
//   pitchrisk-query NETWORK.bif                  load, check, print a one-line summary
//   pitchrisk-query NETWORK.bif CASES.ref [--engine jt|ve] [--mpe] [--threads N] [--lenient]
//   pitchrisk-query NETWORK.bif CASES.ref --engine lbp|lw|is|gibbs [--samples N] [--iterations N]
//                   [--seed S] [--time-budget MS]     approximate: an `se` line after each marginal
//   ... [--map VAR,VAR]       MAP over those variables: a `map logp logposterior VAR=STATE ...` line
// For each case of CASES.ref (its case/evidence/end lines; answer lines are ignored) it
// prints case, evidence, logpe, one marginal line per non-evidence variable, an mpe line
// with --mpe, and end: the grammar of the reference files, for line-by-line comparison.
#include "pitchrisk/inference.hpp"
#include "pitchrisk/io/network_file.hpp"
#include "pitchrisk/io/reference.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct command_line {
  std::string network_file;
  std::string cases_file;
  std::string engine = "jt";
  bool mpe = false;
  bool lenient = false;  ///< --lenient: CPT columns off by up to 1e-2 are renormalised
  int threads = 1;
  std::vector<std::string> map_variables;  // --map
  long long samples = 100000;              // --samples (lw, is, gibbs)
  long long iterations = 0;                // --iterations (lbp; gibbs burn-in); 0: the engine's default
  long long seed = 1;                      // --seed
  long long time_budget_ms = -1;           // --time-budget; -1: none
};

const char* const usage_text =
    "usage: pitchrisk-query NETWORK.bif [CASES.ref] [--engine jt|ve|lbp|lw|is|gibbs] [--mpe] [--threads N] [--lenient]\n"
    "                       [--map VAR,VAR] [--samples N] [--iterations N] [--seed S] [--time-budget MS]\n";

bool is_approximate(const std::string& engine) {
  return engine == "lbp" || engine == "lw" || engine == "is" || engine == "gibbs";
}

[[noreturn]] void usage_error(const std::string& what) {
  std::cerr << "pitchrisk-query: " << what << '\n' << usage_text;
  std::exit(2);
}

command_line parse_command_line(int argc, char** argv) {
  command_line cl;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--mpe") {
      cl.mpe = true;
    } else if (arg == "--lenient") {
      cl.lenient = true;
    } else if (arg == "--engine" || arg == "--threads") {
      if (i + 1 >= argc) usage_error(std::string(arg) + " needs a value");
      const std::string value = argv[++i];
      if (arg == "--engine") {
        cl.engine = value;
      } else {
        char* end = nullptr;
        const long t = std::strtol(value.c_str(), &end, 10);
        if (end == value.c_str() || *end != '\0' || t < 1 || t > 1024) usage_error("--threads takes a number from 1 to 1024");
        cl.threads = static_cast<int>(t);
      }
    } else if (arg == "--map") {
      if (i + 1 >= argc) usage_error("--map needs a value");
      std::string list = argv[++i];
      for (std::size_t start = 0; start <= list.size();) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        if (comma == start) usage_error("--map takes variable names separated by commas");
        cl.map_variables.push_back(list.substr(start, comma - start));
        start = comma + 1;
      }
    } else if (arg == "--samples" || arg == "--iterations" || arg == "--seed" || arg == "--time-budget") {
      if (i + 1 >= argc) usage_error(std::string(arg) + " needs a value");
      const std::string value = argv[++i];
      char* end = nullptr;
      const long long x = std::strtoll(value.c_str(), &end, 10);
      if (end == value.c_str() || *end != '\0' || x < 0) usage_error(std::string(arg) + " takes a non-negative integer");
      if (arg == "--samples") cl.samples = x;
      else if (arg == "--iterations") cl.iterations = x;
      else if (arg == "--seed") cl.seed = x;
      else cl.time_budget_ms = x;
    } else if (arg == "-h" || arg == "--help") {
      std::cout << usage_text;
      std::exit(0);
    } else if (arg.size() > 1 && arg[0] == '-') {
      usage_error("unknown option '" + std::string(arg) + "'");
    } else {
      positional.emplace_back(arg);
    }
  }
  if (positional.empty() || positional.size() > 2) usage_error("expected a network file and at most one cases file");
  cl.network_file = positional[0];
  if (positional.size() == 2) cl.cases_file = positional[1];
  if (cl.engine != "ve" && cl.engine != "jt" && !is_approximate(cl.engine))
    usage_error("unknown engine '" + cl.engine + "' (available: jt, the compiled junction tree; ve, variable elimination; "
                "lbp, loopy belief propagation; lw, likelihood weighting; is, importance sampling; gibbs)");
  if (cl.mpe && is_approximate(cl.engine)) usage_error("--mpe needs an exact engine (jt or ve)");
  return cl;
}

std::string format(double x, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, x);
  return buf;
}

/// "map LOGP LOGPOSTERIOR VAR=STATE ...": exact MAP over the unobserved `names`, or approximate (local search
/// from `start`) when there are starting marginals or the exact tables are too large.
std::string map_line(const pitchrisk::network& net, const std::vector<std::string>& names, const pitchrisk::evidence& seen,
                     const std::vector<pitchrisk::distribution>* start) {
  std::vector<pitchrisk::variable_id> vars;  // an observed variable is known: left out
  const pitchrisk::resolved_evidence ev = pitchrisk::resolve(net, seen);
  for (const auto& n : names)
    if (!ev.is_hard(net.id(n))) vars.push_back(net.id(n));
  pitchrisk::map_result m;
  std::string how;
  if (!start) {
    try {
      m = pitchrisk::exact_map(net, vars, seen);
    } catch (const pitchrisk::size_error& e) {
      how = std::string("# exact MAP too large (") + e.what() + "); approximate from loopy BP\n";
      const auto lbp = pitchrisk::loopy_belief_propagation(net).posteriors(seen);
      m = pitchrisk::approximate_map(net, vars, seen, lbp);
    }
  } else {
    m = pitchrisk::approximate_map(net, vars, seen, *start);
  }
  std::ostringstream out;
  out << how << "map " << format(m.log_probability, 15) << ' ' << format(m.log_posterior, 15);
  for (std::size_t i = 0; i < vars.size(); ++i)
    out << ' ' << net.variable(vars[i]).name << '=' << net.variable(vars[i]).states[static_cast<std::size_t>(m.states[i])];
  out << '\n';
  return out.str();
}

/// Answers one case with an approximate engine: marginals each followed by a line of
/// standard errors (`se VAR ...`, samplers), log P(e) and its standard error where the
/// engine estimates it, and a comment line on the run (samples, ESS, R-hat; LBP convergence).
template <class Engine>
std::string answer_approximate(const Engine& engine, const pitchrisk::io::reference_case& c,
                               const std::vector<std::string>& map_variables) {
  const pitchrisk::network& net = engine.network();
  const pitchrisk::evidence seen = c.to_evidence();
  const pitchrisk::resolved_evidence ev = pitchrisk::resolve(net, seen);
  std::ostringstream out;
  out << "case " << c.index << "\nevidence";
  for (const pitchrisk::variable_id v : ev.observed)
    out << ' ' << net.variable(v).name << '=' << net.variable(v).states[static_cast<std::size_t>(ev.hard[static_cast<std::size_t>(v)])];
  out << '\n';
  const auto r = engine.run(seen);
  const std::vector<Eigen::ArrayXd>* se = nullptr;
  if constexpr (requires { r.standard_errors; }) {
    se = &r.standard_errors;
    if (!std::isnan(r.log_evidence))
      out << "logpe " << (ev.observed.empty() ? std::string("0") : format(r.log_evidence, 15)) << "\nlogpe_se "
          << format(r.log_evidence_standard_error, 6) << '\n';
    out << "# samples " << r.samples << " effective " << format(r.effective_sample_size, 6);
    if (r.r_hat > 0) out << " r_hat " << format(r.r_hat, 6);
    out << " seconds " << format(r.seconds, 4) << '\n';
  } else {
    out << "# lbp iterations " << r.report.iterations << " residual " << format(r.report.residual, 3)
        << (r.report.converged ? " converged" : " not converged") << '\n';
  }
  for (const pitchrisk::variable_id v : net.variables()) {
    if (ev.is_observed(v)) continue;
    const auto u = static_cast<std::size_t>(v);
    out << "marginal " << net.variable(v).name;
    for (Eigen::Index s = 0; s < net.cardinality(v); ++s) out << ' ' << format(r.posteriors[u][s], 12);
    out << '\n';
    if (se) {
      out << "se " << net.variable(v).name;
      for (Eigen::Index s = 0; s < net.cardinality(v); ++s) out << ' ' << format((*se)[u][s], 4);
      out << '\n';
    }
  }
  if (!map_variables.empty()) out << map_line(net, map_variables, seen, &r.posteriors);
  out << "end\n";
  return out.str();
}

/// Answers one case in the reference grammar.
template <class Engine>
std::string answer(const Engine& engine, const pitchrisk::io::reference_case& c, bool with_mpe,
                   const std::vector<std::string>& map_variables) {
  const pitchrisk::network& net = engine.network();
  const pitchrisk::evidence seen = c.to_evidence();
  const pitchrisk::resolved_evidence ev = pitchrisk::resolve(net, seen);
  std::ostringstream out;
  out << "case " << c.index << "\nevidence";
  for (const pitchrisk::variable_id v : ev.observed)
    out << ' ' << net.variable(v).name << '=' << net.variable(v).states[static_cast<std::size_t>(ev.hard[static_cast<std::size_t>(v)])];
  out << "\nlogpe " << (ev.observed.empty() ? std::string("0") : format(engine.log_evidence_probability(seen), 15)) << '\n';
  const auto posteriors = engine.posteriors(seen);
  for (const pitchrisk::variable_id v : net.variables()) {
    if (ev.is_observed(v)) continue;
    out << "marginal " << net.variable(v).name;
    for (Eigen::Index s = 0; s < net.cardinality(v); ++s) out << ' ' << format(posteriors[static_cast<std::size_t>(v)][s], 12);
    out << '\n';
  }
  if (with_mpe) {
    const pitchrisk::mpe_result m = engine.mpe(seen);
    out << "mpe " << format(m.log_probability, 15);
    for (const pitchrisk::variable_id v : net.variables())
      if (!ev.is_observed(v))
        out << ' ' << net.variable(v).name << '=' << net.variable(v).states[static_cast<std::size_t>(m.states[static_cast<std::size_t>(v)])];
    out << '\n';
  }
  if (!map_variables.empty()) out << map_line(net, map_variables, seen, nullptr);
  out << "end\n";
  return out.str();
}

template <class Engine>
void run_cases(const Engine& engine, const command_line& cl, const std::vector<pitchrisk::io::reference_case>& cases) {
  for (const auto& c : cases) {
    try {
      std::cout << answer(engine, c, cl.mpe, cl.map_variables);
    } catch (const pitchrisk::error& e) {
      throw pitchrisk::error(cl.cases_file + ":" + std::to_string(c.line) + ": case " + std::to_string(c.index) + ": " + e.what());
    }
  }
}

/// Answers the cases on `threads` threads (pitchrisk::for_each_case: fixed contiguous
/// chunks, one slot per case) and prints them in order up to the first failing case; the
/// engine is immutable, so the output is the same for any count.
template <class Engine>
void run_cases_threaded(const Engine& engine, const command_line& cl,
                        const std::vector<pitchrisk::io::reference_case>& cases) {
  std::vector<std::string> out(cases.size());
  struct no_state {};
  const pitchrisk::batch_failure failed = pitchrisk::for_each_case(
      cases.size(), static_cast<unsigned>(std::max(1, cl.threads)), [] { return no_state{}; },
      [&](no_state&, std::size_t i) { out[i] = answer(engine, cases[i], cl.mpe, cl.map_variables); });
  for (std::size_t i = 0; i < failed.index; ++i) std::cout << out[i];
  if (!failed.error) return;
  try {
    std::rethrow_exception(failed.error);
  } catch (const pitchrisk::error& e) {
    const auto& c = cases[failed.index];
    throw pitchrisk::error(cl.cases_file + ":" + std::to_string(c.line) + ": case " + std::to_string(c.index) + ": " + e.what());
  }
}

}  // namespace

int main(int argc, char** argv) {
  const command_line cl = parse_command_line(argc, argv);
  try {
    pitchrisk::io::read_options read;  // any format: by extension, else by the first word
    read.build.columns.lenient = cl.lenient;
    auto net = std::make_shared<const pitchrisk::network>(pitchrisk::io::read_network(cl.network_file, {}, read));
    if (cl.cases_file.empty()) {
      std::size_t largest = 0;
      for (const pitchrisk::variable_id v : net->variables())
        largest = std::max(largest, static_cast<std::size_t>(net->cpt(v).size()));
      std::cout << cl.network_file << ": network '" << net->name() << "': " << net->size() << " variables, "
                << net->arc_count() << " arcs, " << format(net->parameter_count(), 15) << " parameters, largest CPT "
                << largest << " entries";
      if (!net->repairs().empty()) std::cout << ", " << net->repairs().size() << " columns renormalised";
      std::cout << '\n';
      return 0;
    }
    const auto cases = pitchrisk::io::read_reference(cl.cases_file, false);
    std::cout << std::flush;
    std::optional<std::chrono::milliseconds> budget;
    if (cl.time_budget_ms >= 0) budget = std::chrono::milliseconds(cl.time_budget_ms);
    const auto threads = static_cast<unsigned>(cl.threads);
    const auto seed = static_cast<std::uint64_t>(cl.seed);
    auto approximate = [&](const auto& engine) {
      for (const auto& c : cases) {
        try {
          std::cout << answer_approximate(engine, c, cl.map_variables);
        } catch (const pitchrisk::error& e) {
          throw pitchrisk::error(cl.cases_file + ":" + std::to_string(c.line) + ": case " + std::to_string(c.index) + ": " + e.what());
        }
      }
    };
    if (cl.engine == "lbp") {
      approximate(pitchrisk::loopy_belief_propagation(
          net, {.max_iterations = cl.iterations > 0 ? cl.iterations : 500, .tolerance = 1e-10, .damping = 0.0,
                .schedule = pitchrisk::lbp_schedule::residual, .time_budget = budget}));
    } else if (cl.engine == "lw") {
      approximate(pitchrisk::likelihood_weighting(
          net, {.samples = cl.samples, .seed = seed, .threads = threads, .time_budget = budget, .block_size = 4096}));
    } else if (cl.engine == "is") {
      pitchrisk::importance_sampling_options o{.samples = cl.samples, .seed = seed, .threads = threads, .time_budget = budget};
      if (cl.iterations > 0) o.lbp_iterations = cl.iterations;
      approximate(pitchrisk::importance_sampling(net, o));
    } else if (cl.engine == "gibbs") {
      pitchrisk::gibbs_sampling_options o{.samples = cl.samples, .seed = seed, .threads = threads, .time_budget = budget};
      if (cl.iterations > 0) o.burn_in = cl.iterations;
      approximate(pitchrisk::gibbs_sampling(net, o));
    } else if (cl.engine == "jt") {
      const pitchrisk::junction_tree engine(net);
      run_cases_threaded(engine, cl, cases);
    } else {
      const pitchrisk::variable_elimination engine(net);
      if (cl.threads > 1) run_cases_threaded(engine, cl, cases);
      else run_cases(engine, cl, cases);
    }
  } catch (const pitchrisk::error& e) {
    std::cout << std::flush;
    std::cerr << "pitchrisk-query: " << e.what() << '\n';
    return 1;
  } catch (const std::bad_alloc&) {
    std::cerr << "pitchrisk-query: out of memory\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "pitchrisk-query: internal error: " << e.what() << '\n';
    return 3;
  }
  return 0;
}
