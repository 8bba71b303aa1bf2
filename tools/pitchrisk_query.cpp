// SPDX-License-Identifier: MIT
// pitchrisk-query: inference on a network (any format read_network reads) from the command line.
//   pitchrisk-query NETWORK                  load, check, print a one-line summary
//   pitchrisk-query NETWORK CASES.ref [--engine jt|ve] [--mpe] [--threads N] [--lenient]
//   pitchrisk-query NETWORK - ...            the cases from standard input, answered as they come
//   pitchrisk-query NETWORK CASES.ref --engine lbp|lw|is|gibbs [--samples N] [--iterations N]
//                   [--seed S] [--time-budget MS]     approximate: an `se` line after each marginal
//   ... [--map VAR,VAR]       MAP over those variables: a `map logp logposterior VAR=STATE ...` line
//   ... [--format jsonl]      one JSON object per case and line instead of the reference grammar
// For each case (its case/evidence/end lines; answer lines are ignored) it prints case,
// evidence, logpe, one marginal line per non-evidence variable, an mpe line with --mpe, and
// end: the grammar of the reference files, for line-by-line comparison. A case that cannot be
// answered (unknown state, impossible evidence, a malformed block on standard input) is
// reported on stderr with its file and line and the others go on (--fail-fast stops); the exit
// status is 1 when any case failed, 2 for a bad command line. `--help` lists every option.
#include "pitchrisk/inference.hpp"
#include "pitchrisk/io/network_file.hpp"
#include "pitchrisk/io/reference.hpp"
#include "pitchrisk/version.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

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
  std::string cases_file;  // "-": standard input
  std::string engine = "jt";
  std::string format = "ref";
  bool mpe = false;
  bool lenient = false;    ///< --lenient: CPT columns off by up to 1e-2 are renormalised
  bool fail_fast = false;
  int threads = 1;
  std::string map_list;                    // --map VAR,VAR
  std::vector<std::string> map_variables;  // its names
  long long samples = 100000;              // --samples (lw, is, gibbs)
  long long iterations = 0;                // --iterations (lbp; gibbs burn-in); 0: the engine's default
  long long seed = 1;                      // --seed
  long long time_budget_ms = -1;           // --time-budget; -1: none
};

bool is_approximate(const std::string& engine) {
  return engine == "lbp" || engine == "lw" || engine == "is" || engine == "gibbs";
}

void define_options(CLI::App& app, command_line& cl) {
  app.description(
      "Answers inference queries on a Bayesian network: for each case of CASES (the grammar of the\n"
      "reference files: `case N`, `evidence VAR=STATE ...`, `end`; `-` reads them from standard input\n"
      "and answers each as it comes), log P(e), the posterior of every unobserved variable and, on\n"
      "request, the MPE or a MAP over a few variables. Without CASES it checks the network and prints\n"
      "a summary.");
  app.add_option("network", cl.network_file, "the network: BIF, UAI, DNE, XDSL, DSL... (by extension, else by content)")
      ->required();
  app.add_option("cases", cl.cases_file, "a reference file of cases, or - for standard input");
  app.add_option("--engine", cl.engine,
                 "jt: compiled junction tree (default); ve: variable elimination; lbp: loopy belief propagation; "
                 "lw: likelihood weighting; is: importance sampling; gibbs: Gibbs sampling")
      ->check(CLI::IsMember({"jt", "ve", "lbp", "lw", "is", "gibbs"}));
  app.add_option("--format", cl.format,
                 "ref: the reference grammar (default); jsonl: one JSON object per case and line")
      ->check(CLI::IsMember({"ref", "jsonl"}));
  app.add_flag("--mpe", cl.mpe, "also the most probable explanation (exact engines)");
  app.add_option("--map", cl.map_list, "MAP over these unobserved variables (comma separated), the others summed out");
  app.add_option("--threads", cl.threads, "threads answering the cases (exact engines) or drawing samples; answers "
                                          "do not depend on it")
      ->check(CLI::Range(1, 1024));
  app.add_flag("--lenient", cl.lenient, "accept CPT columns whose printed sums are off by up to 1e-2 (renormalised)");
  app.add_option("--samples", cl.samples, "samples per case (lw, is) or kept sweeps (gibbs)")->check(CLI::Range(1LL, 1LL << 40));
  app.add_option("--iterations", cl.iterations, "lbp: iteration cap; is: loopy BP iterations of its proposal; gibbs: "
                                                "burn-in sweeps (0: the engine's default)")
      ->check(CLI::Range(0LL, 1LL << 40));
  app.add_option("--seed", cl.seed, "seed of the samplers (same seed, same answer)")->check(CLI::NonNegativeNumber);
  app.add_option("--time-budget", cl.time_budget_ms, "milliseconds per case for the approximate engines (then the "
                                                     "answer depends on the clock)")
      ->check(CLI::Range(1LL, 1LL << 40));
  app.add_flag("--fail-fast", cl.fail_fast, "stop at the first case that cannot be answered (default: report it on "
                                            "stderr with its file and line, and go on)");
  app.set_version_flag("--version", std::string("pitchrisk-query ") + PITCHRISK_VERSION_STRING);
  app.footer("Exit status: 0 when every case was answered, 1 when the network or a case failed, 2 for a bad "
             "command line.");
}

std::string format(double x, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, x);
  return buf;
}

using assignment = std::pair<std::string, std::string>;

/// Everything the tool says about one case, rendered as the reference grammar or as JSON.
struct case_answer {
  long index = 0;
  std::vector<assignment> evidence;
  std::optional<double> log_pe, log_pe_se;
  std::string run_note;  // approximate engines: samples, ESS, R-hat; LBP convergence
  nlohmann::json run = nlohmann::json::object();
  struct marginal {
    std::string variable;
    std::vector<double> p, se;
  };
  std::vector<marginal> marginals;
  std::optional<double> mpe_log_p;
  std::vector<assignment> mpe;
  std::string map_note;  // how the MAP was found when not exactly
  std::optional<double> map_log_p, map_log_posterior;
  std::vector<assignment> map;
};

std::string render_reference(const case_answer& a) {
  std::ostringstream out;
  out << "case " << a.index << "\nevidence";
  for (const auto& [v, s] : a.evidence) out << ' ' << v << '=' << s;
  out << '\n';
  if (a.log_pe) out << "logpe " << (a.evidence.empty() ? std::string("0") : format(*a.log_pe, 15)) << '\n';
  if (a.log_pe_se) out << "logpe_se " << format(*a.log_pe_se, 6) << '\n';
  if (!a.run_note.empty()) out << "# " << a.run_note << '\n';
  for (const auto& m : a.marginals) {
    out << "marginal " << m.variable;
    for (const double p : m.p) out << ' ' << format(p, 12);
    out << '\n';
    if (!m.se.empty()) {
      out << "se " << m.variable;
      for (const double x : m.se) out << ' ' << format(x, 4);
      out << '\n';
    }
  }
  if (a.mpe_log_p) {
    out << "mpe " << format(*a.mpe_log_p, 15);
    for (const auto& [v, s] : a.mpe) out << ' ' << v << '=' << s;
    out << '\n';
  }
  if (!a.map_note.empty()) out << "# " << a.map_note << '\n';
  if (a.map_log_p) {
    out << "map " << format(*a.map_log_p, 15) << ' ' << format(*a.map_log_posterior, 15);
    for (const auto& [v, s] : a.map) out << ' ' << v << '=' << s;
    out << '\n';
  }
  out << "end\n";
  return out.str();
}

std::string render_json(const case_answer& a) {
  nlohmann::json j;
  j["case"] = a.index;
  j["evidence"] = nlohmann::json::object();
  for (const auto& [v, s] : a.evidence) j["evidence"][v] = s;
  if (a.log_pe) j["logpe"] = a.evidence.empty() ? 0.0 : *a.log_pe;
  if (a.log_pe_se) j["logpe_se"] = *a.log_pe_se;
  if (!a.run.empty()) j["run"] = a.run;
  j["marginals"] = nlohmann::json::object();
  for (const auto& m : a.marginals) j["marginals"][m.variable] = m.p;
  bool any_se = false;
  for (const auto& m : a.marginals) any_se = any_se || !m.se.empty();
  if (any_se) {
    j["standard_errors"] = nlohmann::json::object();
    for (const auto& m : a.marginals) j["standard_errors"][m.variable] = m.se;
  }
  auto states = [](const std::vector<assignment>& list) {
    nlohmann::json o = nlohmann::json::object();
    for (const auto& [v, s] : list) o[v] = s;
    return o;
  };
  if (a.mpe_log_p) j["mpe"] = {{"log_probability", *a.mpe_log_p}, {"states", states(a.mpe)}};
  if (a.map_log_p)
    j["map"] = {{"log_probability", *a.map_log_p}, {"log_posterior", *a.map_log_posterior}, {"states", states(a.map)},
                {"exact", a.map_note.empty() || a.map_note.rfind("exact", 0) == 0}};
  return j.dump() + '\n';
}

std::vector<assignment> observed_states(const pitchrisk::network& net, const pitchrisk::resolved_evidence& ev) {
  std::vector<assignment> out;
  for (const pitchrisk::variable_id v : ev.observed)
    out.emplace_back(net.variable(v).name, net.variable(v).states[static_cast<std::size_t>(ev.hard[static_cast<std::size_t>(v)])]);
  return out;
}

/// MAP over the unobserved `names`: exact, or approximate (local search from `start`) when there
/// are starting marginals or the exact tables are too large.
void add_map(case_answer& a, const pitchrisk::network& net, const std::vector<std::string>& names,
             const pitchrisk::evidence& seen, const std::vector<pitchrisk::distribution>* start) {
  std::vector<pitchrisk::variable_id> vars;  // an observed variable is known: left out
  const pitchrisk::resolved_evidence ev = pitchrisk::resolve(net, seen);
  for (const auto& n : names)
    if (!ev.is_hard(net.id(n))) vars.push_back(net.id(n));
  pitchrisk::map_result m;
  if (!start) {
    try {
      m = pitchrisk::exact_map(net, vars, seen);
    } catch (const pitchrisk::size_error& e) {
      a.map_note = std::string("exact MAP too large (") + e.what() + "); approximate from loopy BP";
      const auto lbp = pitchrisk::loopy_belief_propagation(net).posteriors(seen);
      m = pitchrisk::approximate_map(net, vars, seen, lbp);
    }
  } else {
    m = pitchrisk::approximate_map(net, vars, seen, *start);
  }
  a.map_log_p = m.log_probability;
  a.map_log_posterior = m.log_posterior;
  for (std::size_t i = 0; i < vars.size(); ++i)
    a.map.emplace_back(net.variable(vars[i]).name, net.variable(vars[i]).states[static_cast<std::size_t>(m.states[i])]);
}

/// One case with an approximate engine: marginals with standard errors (samplers), log P(e)
/// and its standard error where the engine estimates it, and a note on the run.
template <class Engine>
case_answer answer_approximate(const Engine& engine, const pitchrisk::io::reference_case& c,
                               const std::vector<std::string>& map_variables) {
  const pitchrisk::network& net = engine.network();
  const pitchrisk::evidence seen = c.to_evidence();
  const pitchrisk::resolved_evidence ev = pitchrisk::resolve(net, seen);
  case_answer a;
  a.index = c.index;
  a.evidence = observed_states(net, ev);
  const auto r = engine.run(seen);
  const std::vector<Eigen::ArrayXd>* se = nullptr;
  if constexpr (requires { r.standard_errors; }) {
    se = &r.standard_errors;
    if (!std::isnan(r.log_evidence)) {
      a.log_pe = r.log_evidence;
      a.log_pe_se = r.log_evidence_standard_error;
    }
    a.run_note = "samples " + std::to_string(r.samples) + " effective " + format(r.effective_sample_size, 6);
    if (r.r_hat > 0) a.run_note += " r_hat " + format(r.r_hat, 6);
    a.run_note += " seconds " + format(r.seconds, 4);
    a.run = {{"samples", r.samples}, {"effective_sample_size", r.effective_sample_size}, {"seconds", r.seconds}};
    if (r.r_hat > 0) a.run["r_hat"] = r.r_hat;
  } else {
    a.run_note = "lbp iterations " + std::to_string(r.report.iterations) + " residual " + format(r.report.residual, 3) +
                 (r.report.converged ? " converged" : " not converged");
    a.run = {{"iterations", r.report.iterations}, {"residual", r.report.residual}, {"converged", r.report.converged}};
  }
  for (const pitchrisk::variable_id v : net.variables()) {
    if (ev.is_observed(v)) continue;
    const auto u = static_cast<std::size_t>(v);
    case_answer::marginal m{net.variable(v).name, {}, {}};
    for (Eigen::Index s = 0; s < net.cardinality(v); ++s) {
      m.p.push_back(r.posteriors[u][s]);
      if (se) m.se.push_back((*se)[u][s]);
    }
    a.marginals.push_back(std::move(m));
  }
  if (!map_variables.empty()) add_map(a, net, map_variables, seen, &r.posteriors);
  return a;
}

/// One case with an exact engine.
template <class Engine>
case_answer answer_exact(const Engine& engine, const pitchrisk::io::reference_case& c, bool with_mpe,
                         const std::vector<std::string>& map_variables) {
  const pitchrisk::network& net = engine.network();
  const pitchrisk::evidence seen = c.to_evidence();
  const pitchrisk::resolved_evidence ev = pitchrisk::resolve(net, seen);
  case_answer a;
  a.index = c.index;
  a.evidence = observed_states(net, ev);
  a.log_pe = ev.observed.empty() ? 0.0 : engine.log_evidence_probability(seen);
  const auto posteriors = engine.posteriors(seen);
  for (const pitchrisk::variable_id v : net.variables()) {
    if (ev.is_observed(v)) continue;
    case_answer::marginal m{net.variable(v).name, {}, {}};
    for (Eigen::Index s = 0; s < net.cardinality(v); ++s) m.p.push_back(posteriors[static_cast<std::size_t>(v)][s]);
    a.marginals.push_back(std::move(m));
  }
  if (with_mpe) {
    const pitchrisk::mpe_result m = engine.mpe(seen);
    a.mpe_log_p = m.log_probability;
    for (const pitchrisk::variable_id v : net.variables())
      if (!ev.is_observed(v))
        a.mpe.emplace_back(net.variable(v).name, net.variable(v).states[static_cast<std::size_t>(m.states[static_cast<std::size_t>(v)])]);
  }
  if (!map_variables.empty()) add_map(a, net, map_variables, seen, nullptr);
  return a;
}

/// A case to answer, or the fault of a block that could not be read, with its place.
struct pending {
  std::optional<pitchrisk::io::reference_case> c;
  std::string fault;  // "FILE:LINE: what" when the block was malformed
};

/// Reads reference-grammar blocks from a stream one at a time (bounded memory: one block), so
/// that a long stream is answered as it comes; a malformed block becomes a fault naming its
/// line on the stream, and reading goes on at the next `case`.
class case_stream {
 public:
  case_stream(std::istream& in, std::string name) : m_in(in), m_name(std::move(name)) {}

  /// The next case or fault; nullopt at the end of the stream.
  std::optional<pending> next() {
    std::string line, block;
    std::size_t first = 0;  // line of the open block's `case`; 0: none open
    while (read_line(line)) {
      const std::string key = first_word(line);
      if (first == 0) {
        if (key.empty() || key[0] == '#') continue;
        if (key != "case") return fault(m_line, "'" + key.substr(0, 40) + "' outside a case");
        first = m_line;
      } else if (key == "case") {  // the open block never ended; this line starts the next one
        m_pushback = line;
        --m_line;
        return fault(first, "case without 'end' (a new 'case' on line " + std::to_string(m_line + 1) + ")");
      }
      if (block.size() + line.size() > max_block_bytes) return skip_block(first);
      block += line;
      block += '\n';
      if (key == "end") return parse(block, first);
    }
    if (first != 0) return fault(first, "case has no 'end' (end of input)");
    return std::nullopt;
  }

 private:
  static constexpr std::size_t max_block_bytes = std::size_t{1} << 24;

  bool read_line(std::string& line) {
    if (m_pushback) {
      line = std::move(*m_pushback);
      m_pushback.reset();
    } else if (!std::getline(m_in, line)) {
      return false;
    }
    ++m_line;
    return true;
  }
  static std::string first_word(const std::string& line) {
    std::istringstream words(line);
    std::string key;
    words >> key;
    return key;
  }
  pending fault(std::size_t line, const std::string& what) const {
    return pending{{}, m_name + ":" + std::to_string(line) + ": " + what};
  }
  pending skip_block(std::size_t first) {
    for (std::string line; read_line(line);)
      if (first_word(line) == "end") break;
    return fault(first, "case block longer than 16 MB");
  }
  pending parse(const std::string& block, std::size_t first) const {
    try {
      auto cases = pitchrisk::io::read_reference_string(block, m_name, false);
      pending p;
      p.c = std::move(cases.at(0));
      p.c->line = first;
      return p;
    } catch (const pitchrisk::parse_error& e) {  // the block's line numbers, moved to the stream's
      std::string what = e.what();
      const std::string prefix = m_name + ":" + std::to_string(e.line());
      if (e.line() > 0 && what.rfind(prefix, 0) == 0)
        what = m_name + ":" + std::to_string(first - 1 + e.line()) + what.substr(prefix.size());
      return pending{{}, what};
    }
  }

  std::istream& m_in;
  std::string m_name;
  std::size_t m_line = 0;
  std::optional<std::string> m_pushback;
};

}  // namespace

namespace {

/// Answers the cases `source` yields and writes each result in order as soon as its group is
/// done (groups of one case on one thread; of 64 cases per thread otherwise). A case that fails
/// is reported on stderr with its place; returns how many failed (stops at the first with
/// --fail-fast).
template <class Source, class Answer>
std::size_t answer_all(Source&& source, const command_line& cl, unsigned case_threads, Answer&& answer) {
  const std::size_t group = case_threads <= 1 ? 1 : 64 * std::size_t{case_threads};
  std::size_t failures = 0;
  std::vector<pending> batch;
  std::vector<std::string> out, faults;
  for (bool more = true; more;) {
    batch.clear();
    while (batch.size() < group) {
      std::optional<pending> p = source();
      if (!p) {
        more = false;
        break;
      }
      batch.push_back(std::move(*p));
    }
    out.assign(batch.size(), std::string());
    faults.assign(batch.size(), std::string());
    struct no_state {};
    (void)pitchrisk::for_each_case(batch.size(), case_threads, [] { return no_state{}; }, [&](no_state&, std::size_t i) {
      const pending& p = batch[i];
      if (!p.c) {
        faults[i] = p.fault;
        return;
      }
      try {
        const case_answer a = answer(*p.c);
        out[i] = cl.format == "jsonl" ? render_json(a) : render_reference(a);
      } catch (const pitchrisk::error& e) {
        faults[i] = (cl.cases_file == "-" ? std::string("<stdin>") : cl.cases_file) + ":" + std::to_string(p.c->line) +
                    ": case " + std::to_string(p.c->index) + ": " + e.what();
      }
    });
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (faults[i].empty()) {
        std::cout << out[i];
        continue;
      }
      std::cout << std::flush;
      std::cerr << "pitchrisk-query: " << faults[i] << '\n';
      ++failures;
      if (cl.fail_fast) return failures;
    }
    std::cout << std::flush;
  }
  return failures;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);  // a case stream on stdin: buffered reads, not a getc per character
  command_line cl;
  CLI::App app("pitchrisk-query", "pitchrisk-query");
  define_options(app, cl);
  try {
    app.parse(argc, argv);
    if (cl.mpe && is_approximate(cl.engine)) throw CLI::ValidationError("--mpe needs an exact engine (jt or ve)");
    for (std::size_t start = 0; !cl.map_list.empty() && start <= cl.map_list.size();) {
      const std::size_t comma = std::min(cl.map_list.find(',', start), cl.map_list.size());
      if (comma == start) throw CLI::ValidationError("--map takes variable names separated by commas");
      cl.map_variables.push_back(cl.map_list.substr(start, comma - start));
      start = comma + 1;
    }
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "pitchrisk-query: " << e.what() << "\nRun with --help for the options.\n";
    return 2;
  }
  try {
    pitchrisk::io::read_options read;  // any format: by extension, else by the first word
    read.build.columns.lenient = cl.lenient;
    auto net = std::make_shared<const pitchrisk::network>(pitchrisk::io::read_network(cl.network_file, {}, read));
    for (const auto& name : cl.map_variables) (void)net->id(name);  // an unknown name: lookup_error naming it
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
    // The cases: a file is read whole and checked first (a malformed file is one error); standard
    // input is read block by block, each answered as it comes.
    std::vector<pitchrisk::io::reference_case> from_file;
    std::size_t next_from_file = 0;
    std::optional<case_stream> stream;
    if (cl.cases_file == "-") stream.emplace(std::cin, "<stdin>");
    else from_file = pitchrisk::io::read_reference(cl.cases_file, false);
    auto source = [&]() -> std::optional<pending> {
      if (stream) return stream->next();
      if (next_from_file == from_file.size()) return std::nullopt;
      return pending{from_file[next_from_file++], {}};
    };
    std::optional<std::chrono::milliseconds> budget;
    if (cl.time_budget_ms >= 0) budget = std::chrono::milliseconds(cl.time_budget_ms);
    const auto threads = static_cast<unsigned>(cl.threads);
    const auto seed = static_cast<std::uint64_t>(cl.seed);
    std::size_t failures = 0;
    // Approximate engines use the threads inside each case; exact ones answer cases in parallel.
    auto approximate = [&](const auto& engine) {
      failures = answer_all(source, cl, 1, [&](const pitchrisk::io::reference_case& c) {
        return answer_approximate(engine, c, cl.map_variables);
      });
    };
    auto exact = [&](const auto& engine) {
      failures = answer_all(source, cl, threads, [&](const pitchrisk::io::reference_case& c) {
        return answer_exact(engine, c, cl.mpe, cl.map_variables);
      });
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
      exact(pitchrisk::junction_tree(net));
    } else {
      exact(pitchrisk::variable_elimination(net));
    }
    return failures == 0 ? 0 : 1;
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
}
