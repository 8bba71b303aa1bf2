// SPDX-License-Identifier: MIT
// pitchrisk-query: exact inference on a BIF network from the command line.
//   pitchrisk-query NETWORK.bif                  load, check, print a one-line summary
//   pitchrisk-query NETWORK.bif CASES.ref [--engine jt|ve] [--mpe] [--threads N]
// For each case of CASES.ref (its case/evidence/end lines; answer lines are ignored) it
// prints case, evidence, logpe, one marginal line per non-evidence variable, an mpe line
// with --mpe, and end: the grammar of the reference files, for line-by-line comparison.
#include "pitchrisk/inference.hpp"
#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/io/reference.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <memory>
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
  int threads = 1;
};

[[noreturn]] void usage_error(const std::string& what) {
  std::cerr << "pitchrisk-query: " << what
            << "\nusage: pitchrisk-query NETWORK.bif [CASES.ref] [--engine jt|ve] [--mpe] [--threads N]\n";
  std::exit(2);
}

command_line parse_command_line(int argc, char** argv) {
  command_line cl;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--mpe") {
      cl.mpe = true;
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
    } else if (arg == "-h" || arg == "--help") {
      std::cout << "usage: pitchrisk-query NETWORK.bif [CASES.ref] [--engine jt|ve] [--mpe] [--threads N]\n";
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
  if (cl.engine != "ve" && cl.engine != "jt")
    usage_error("unknown engine '" + cl.engine + "' (available: jt, the compiled junction tree; ve, variable elimination)");
  return cl;
}

std::string format(double x, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, x);
  return buf;
}

/// Answers one case in the reference grammar.
template <class Engine>
std::string answer(const Engine& engine, const pitchrisk::io::reference_case& c, bool with_mpe) {
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
  out << "end\n";
  return out.str();
}

template <class Engine>
void run_cases(const Engine& engine, const command_line& cl, const std::vector<pitchrisk::io::reference_case>& cases) {
  for (const auto& c : cases) {
    try {
      std::cout << answer(engine, c, cl.mpe);
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
      [&](no_state&, std::size_t i) { out[i] = answer(engine, cases[i], cl.mpe); });
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
    auto net = std::make_shared<const pitchrisk::network>(pitchrisk::io::read_bif(cl.network_file));
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
    if (cl.engine == "jt") {
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
