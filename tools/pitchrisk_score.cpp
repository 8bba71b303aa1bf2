// SPDX-License-Identifier: MIT
// pitchrisk-score: scores approach case files with the approach-risk model, from files and
// folders or as a stream on standard input (`-`: blocks that each start with a line
// `case NAME`), writing each result as soon as it is computed. `--help` lists every option.
// Every error is one line on stderr naming the file (and line) and the fault; exit status 1
// when a case failed (2 for a bad command line).
#include "pitchrisk/domain.hpp"
#include "pitchrisk/domain/approach/report_json.hpp"
#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/version.hpp"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace pitchrisk;
using namespace pitchrisk::approach;

struct command_line {
  std::string format = "text";
  std::string model_file, export_file, dot_file, calibration_file;
  std::vector<std::string> inputs;
  uncertainty_options uncertainty{};
  std::optional<double> base_rate, ess;
  bool every_stage = false;
  bool fail_fast = false;
  std::size_t sensitivities = 0;
  double question_threshold = 0.01;
};

/// A probability strictly between 0 and 1 (CLI::Range would also accept the ends).
const CLI::Validator open_probability(
    [](std::string& s) -> std::string {
      char* end = nullptr;
      const double x = std::strtod(s.c_str(), &end);
      if (s.empty() || *end != '\0' || !(x > 0 && x < 1)) return "expected a probability strictly between 0 and 1";
      return {};
    },
    "PROBABILITY in (0, 1)");

/// A whole number of digits (CLI11's Range would take 1.5 and report it as out of range).
const CLI::Validator whole_number(
    [](std::string& s) -> std::string {
      if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos) return "expected a whole number, got '" + s + "'";
      return {};
    },
    "WHOLE NUMBER");

void define_options(CLI::App& app, command_line& cl) {
  app.description(
      "Scores approach case files (.case) with the approach-risk model: P(pitch) at every stage, the\n"
      "explanation of the score and the next questions. A folder stands for its *.case files; `-`\n"
      "reads a stream of cases from standard input, each starting with a line `case NAME` (NAME a\n"
      "slug) and holding the text of a .case file; each result is written as soon as it is computed.");
  app.add_option("inputs", cl.inputs, "case files, folders of them, or - for standard input");
  app.add_option("--format", cl.format,
                 "text: a readable report per case (default); tsv: a header row, then one row per case and "
                 "stage; json: one document with every case; jsonl: one JSON object per case and line; scores: "
                 "the score alone, a header row then case, stage, label, p_pitch, p_low, p_high and date per "
                 "stage (no explanation, questions or statements: the fast path for screening queues)")
      ->check(CLI::IsMember({"text", "tsv", "json", "jsonl", "scores"}));
  app.add_option("--model", cl.model_file, "score with the model of this BIF file instead of the built-in one")
      ->check(CLI::ExistingFile);
  app.add_option("--export-model", cl.export_file, "write the built-in model as BIF to this file");
  app.add_option("--dot", cl.dot_file, "write the built-in model's graph as Graphviz DOT to this file");
  app.add_option("--samples", cl.uncertainty.samples,
                 "networks drawn for the parameter-uncertainty interval (0: the point estimate only)")
      ->check(whole_number)
      ->check(CLI::Range(0, 100000))
      ->default_val(cl.uncertainty.samples);
  app.add_option("--seed", cl.uncertainty.seed, "seed of the interval's draws (the interval depends on it, never on --threads)")
      ->check(whole_number)
      ->default_val(cl.uncertainty.seed);
  app.add_option("--level", cl.uncertainty.level, "central probability of the interval")
      ->check(CLI::Range(0.01, 0.999))
      ->default_val(cl.uncertainty.level);
  app.add_option("--threads", cl.uncertainty.threads,
                 "threads scoring the cases of files and folders and compiling the interval's models (0: one per "
                 "core); the output is the same whatever the number")
      ->check(whole_number)
      ->check(CLI::Range(0u, 1024u))
      ->default_val(cl.uncertainty.threads);
  app.add_option("--base-rate", cl.base_rate,
                 "prior P(approacher is an intelligence officer) of the built-in model: an assumption about the "
                 "screened population (default 0.02)")
      ->check(open_probability);
  app.add_option("--ess", cl.ess, "equivalent sample size of every table (default: the model's own)")
      ->check(CLI::Range(0.01, 1e9));
  app.add_option("--calibration", cl.calibration_file,
                 "calibration table (TSV, as examples/approach_cross_validation --table writes it) that the reports "
                 "quote; default: the built-in table of the elicited model at base rate 0.02, used only with the "
                 "built-in model at that base rate (with --model or --base-rate, no statement unless this is given)")
      ->check(CLI::ExistingFile);
  app.add_option("--question-threshold", cl.question_threshold,
                 "suggest a question only if some answer would move P(pitch) by more than this")
      ->check(CLI::Range(0.0, 1.0))
      ->default_val(cl.question_threshold);
  app.add_flag("--every-stage", cl.every_stage, "full detail for every stage in the text report");
  app.add_option("--sensitivity", cl.sensitivities, "list the N elicited CPT entries P(pitch) depends on most")
      ->check(whole_number)
      ->check(CLI::Range(std::size_t{0}, std::size_t{1000}));
  app.add_flag("--fail-fast", cl.fail_fast,
               "stop at the first bad case file or case of a stream (default: report it on stderr with its file or "
               "position, score the others and exit with status 1)");
  app.set_version_flag("--version", std::string("pitchrisk-score ") + PITCHRISK_VERSION_STRING);
  app.footer("Exit status: 0 when every case was scored, 1 when a case or file failed, 2 for a bad command line.");
}

/// The case files named on the command line: files as given, folders as their *.case files
/// sorted by name. Throws: io_error naming a path that is missing or a folder without cases.
std::vector<fs::path> case_paths(const std::string& in) {
  std::vector<fs::path> out;
  const fs::path p(in);
  std::error_code ec;
  if (fs::is_directory(p, ec)) {
    for (const auto& entry : fs::directory_iterator(p, ec))
      if (entry.path().extension() == ".case") out.push_back(entry.path());
    if (ec) throw io_error(in + ": cannot list the folder: " + ec.message());
    if (out.empty()) throw io_error(in + ": folder has no .case files");
    std::sort(out.begin(), out.end());
  } else if (fs::exists(p, ec)) {
    out.push_back(p);
  } else {
    throw io_error(in + ": no such file or folder");
  }
  return out;
}

/// One case scored: its timeline, or (--format scores) the case and its stages' scores.
struct scored_case {
  std::optional<timeline> full;
  std::optional<case_file> source;
  std::vector<probability_interval> scores;
};

/// Scores one case as the format needs it (`c` is kept, for the scores' rows, only once scored).
scored_case score_case(const compiled_model& model, compiled_model::workspace& ws, case_file&& c, bool scores_only) {
  scored_case out;
  if (scores_only) {
    out.scores = score_stages(model, ws, c);
    out.source = std::move(c);
  } else {
    out.full = assess_timeline(model, ws, c);
  }
  return out;
}

/// Writes each scored case at once (text, tsv, jsonl, scores) or gathers them (json).
class writer {
 public:
  explicit writer(const command_line& cl) : m_cl(cl) {
    if (m_cl.format == "tsv") write_tsv_header(std::cout);
    if (m_cl.format == "scores") write_scores_header(std::cout);
  }
  void add(scored_case c) {
    if (c.full) {
      add(std::move(*c.full));
    } else {
      write_scores(std::cout, *c.source, c.scores);
      std::cout.flush();
      if (!std::cout) throw io_error("<stdout>: write failed");
    }
  }
  void add(timeline t) {
    if (m_cl.format == "tsv") {
      write_tsv(std::cout, t);
    } else if (m_cl.format == "jsonl") {
      write_json(std::cout, t, -1);
      std::cout << '\n';
    } else if (m_cl.format == "json") {
      m_all.push_back(std::move(t));
    } else {
      text_options text;
      text.every_stage = m_cl.every_stage;
      write_text(std::cout, t, text);
    }
    std::cout.flush();
    if (!std::cout) throw io_error("<stdout>: write failed");
  }
  void finish() {
    if (m_cl.format == "json") write_json(std::cout, m_all);
    std::cout.flush();
    if (!std::cout) throw io_error("<stdout>: write failed");
  }

 private:
  const command_line& m_cl;
  std::vector<timeline> m_all;
};

/// Progress on standard error ("scored 1200/2400 cases"), only when it is a terminal, at
/// most ten times a second; erased before anything else is written.
class progress {
 public:
  explicit progress(std::size_t total) : m_total(total), m_on(total > 1 && ::isatty(STDERR_FILENO) == 1) {}
  ~progress() { erase(); }
  progress(const progress&) = delete;
  progress& operator=(const progress&) = delete;
  void show(std::size_t done) {
    if (!m_on) return;
    const auto now = std::chrono::steady_clock::now();
    if (m_shown && now - m_last < std::chrono::milliseconds(100)) return;
    m_last = now;
    m_shown = true;
    std::fprintf(stderr, "\rpitchrisk-score: scored %zu/%zu cases", done, m_total);
    std::fflush(stderr);
  }
  void erase() {
    if (!m_shown) return;
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
    m_shown = false;
  }

 private:
  std::size_t m_total;
  bool m_on;
  bool m_shown = false;
  std::chrono::steady_clock::time_point m_last{};
};

/// Scores case files on `threads` threads (each with its own workspace of the compiled
/// model, taking runs of consecutive files and scoring each run in one batch), a block at a
/// time, and writes the results in file order: the output does not depend on the thread
/// count. A file that cannot be read or scored is reported on standard error, in file order,
/// and the others are scored, as a stream's bad cases are; with `fail_fast` the first one
/// (in order) stops the run after the cases before it were written. Returns the number of
/// files that failed.
std::size_t score_files(const compiled_model& model, const std::vector<fs::path>& files, unsigned threads,
                        bool scores_only, bool fail_fast, std::vector<compiled_model::workspace>& workspaces,
                        writer& out) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  constexpr std::size_t run_length = 16;  // files per batch
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, (files.size() + run_length - 1) / run_length));
  threads = std::max(threads, 1u);
  while (workspaces.size() < threads) workspaces.push_back(model.make_workspace());  // kept for the next input
  progress shown(files.size());
  const std::size_t block = 16 * run_length * static_cast<std::size_t>(threads);
  std::vector<std::optional<scored_case>> done(block);
  std::vector<std::exception_ptr> failed(block);
  // Scores files [first + k, first + end) into done/failed.
  const auto score_run = [&](std::size_t first, std::size_t k, std::size_t end, compiled_model::workspace& ws) {
    std::vector<case_file> cases;
    std::vector<std::size_t> slot;  // cases[j] is file first + slot[j]
    for (std::size_t i = k; i < end; ++i) {
      try {
        cases.push_back(read_case(files[first + i]));
        slot.push_back(i);
      } catch (...) {
        failed[i] = std::current_exception();
      }
    }
    try {
      if (scores_only) {
        std::vector<std::vector<probability_interval>> scores = score_stages(model, ws, cases);
        for (std::size_t j = 0; j < cases.size(); ++j)
          done[slot[j]] = scored_case{std::nullopt, std::move(cases[j]), std::move(scores[j])};
      } else {
        std::vector<timeline> ts = assess_timelines(model, ws, cases);
        for (std::size_t j = 0; j < ts.size(); ++j) done[slot[j]] = scored_case{std::move(ts[j]), {}, {}};
      }
    } catch (...) {  // find the cases at fault: one by one
      for (std::size_t j = 0; j < cases.size(); ++j) {
        try {
          try {
            done[slot[j]] = score_case(model, ws, std::move(cases[j]), scores_only);
          } catch (const evidence_error& e) {
            // The model does not know an indicator or state the case uses (a --model file).
            throw evidence_error(files[first + slot[j]].string() + ": " + e.what());
          }
        } catch (...) {
          failed[slot[j]] = std::current_exception();
        }
      }
    }
  };
  std::size_t failures = 0;
  for (std::size_t first = 0; first < files.size(); first += block) {
    const std::size_t count = std::min(block, files.size() - first);
    std::atomic<std::size_t> next{0};
    const auto work = [&](unsigned t) {
      for (std::size_t k = next.fetch_add(run_length); k < count; k = next.fetch_add(run_length))
        score_run(first, k, std::min(count, k + run_length), workspaces[t]);
    };
    if (threads <= 1) {
      work(0);
    } else {
      std::vector<std::thread> pool;
      for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, t);
      for (std::thread& t : pool) t.join();
    }
    shown.erase();
    for (std::size_t k = 0; k < count; ++k) {
      if (failed[k]) {
        const std::exception_ptr at_fault = std::exchange(failed[k], nullptr);
        if (fail_fast) std::rethrow_exception(at_fault);
        try {
          std::rethrow_exception(at_fault);
        } catch (const error& e) {  // a bad or unreadable file; anything else stops the run
          std::cerr << "pitchrisk-score: " << e.what() << '\n';
          ++failures;
        }
        continue;
      }
      if (!done[k]) throw error("pitchrisk-score: internal error: case " + files[first + k].string() + " was not scored");
      out.add(std::move(*done[k]));
      done[k].reset();
    }
    shown.show(first + count);
  }
  return failures;
}

/// A parse error of a stream block, placed in the stream: "<stdin>:LINE:COL: what".
parse_error in_stream(const parse_error& e, std::size_t first_line) {
  const std::string what = e.what();
  std::string bare = what;
  // Drop the block's own "NAME.case[:line[:col]]: " prefix; keep the message.
  const std::string prefix = e.file() + (e.line() ? ":" + std::to_string(e.line()) : "") +
                             (e.line() && e.column() ? ":" + std::to_string(e.column()) : "") + ": ";
  if (what.rfind(prefix, 0) == 0) bare = what.substr(prefix.size());
  return parse_error("<stdin>", e.line() ? first_line + e.line() - 1 : first_line - 1, e.column(),
                     "case '" + fs::path(e.file()).stem().string() + "': " + bare);
}

/// Scores the blocks of standard input one by one (bounded memory: one block at a time).
/// Returns the number of cases that failed.
std::size_t score_stream(const compiled_model& model, const command_line& cl, compiled_model::workspace& ws,
                         writer& out) {
  std::size_t failed = 0, line_no = 0, block_line = 0;
  std::string name, text, line;
  bool in_block = false;
  auto flush = [&]() {
    if (!in_block) return;
    try {
      try {
        out.add(score_case(model, ws, read_case_string(text, name + ".case"), cl.format == "scores"));
      } catch (const parse_error& e) {
        throw in_stream(e, block_line + 1);
      } catch (const evidence_error& e) {
        throw evidence_error("<stdin>:" + std::to_string(block_line) + ": case '" + name + "': " + e.what());
      }
    } catch (const io_error&) {
      throw;
    } catch (const error& e) {
      if (cl.fail_fast) throw;
      std::cerr << "pitchrisk-score: " << e.what() << '\n';
      ++failed;
    }
    text.clear();
    in_block = false;
  };
  while (std::getline(std::cin, line)) {
    ++line_no;
    const std::string_view l = line;
    if (l.rfind("case ", 0) == 0 || l == "case") {
      flush();
      name = std::string(l.size() > 5 ? l.substr(5) : std::string_view());
      while (!name.empty() && (name.back() == ' ' || name.back() == '\r' || name.back() == '\t')) name.pop_back();
      block_line = line_no;
      in_block = true;
    } else if (in_block) {
      text += line;
      text += '\n';
    } else if (l.find_first_not_of(" \t\r") != std::string_view::npos && l[l.find_first_not_of(" \t\r")] != '#') {
      const parse_error e("<stdin>", line_no, 1, "expected a line 'case NAME' before the first case");
      if (cl.fail_fast) throw e;
      std::cerr << "pitchrisk-score: " << e.what() << '\n';
      ++failed;
    }
  }
  flush();
  if (std::cin.bad()) throw io_error("<stdin>: read failed");
  return failed;
}

int run(const command_line& cl) {
  model_parameters params;
  if (cl.base_rate) params.officer_base_rate = *cl.base_rate;
  const approach_model builtin(params);
  if (!cl.export_file.empty()) {
    std::ofstream out(cl.export_file);
    if (!out) throw io_error(cl.export_file + ": cannot open for writing");
    out << io::to_bif_string(builtin.network());
    if (!out.flush()) throw io_error(cl.export_file + ": write failed");
  }
  if (!cl.dot_file.empty()) {
    std::ofstream out(cl.dot_file);
    if (!out) throw io_error(cl.dot_file + ": cannot open for writing");
    write_dot(out, builtin.network());
    if (!out.flush()) throw io_error(cl.dot_file + ": write failed");
  }
  if (cl.inputs.empty()) return 0;

  const scored_model model =
      cl.model_file.empty() ? scored_model(builtin) : scored_model(io::read_bif(cl.model_file), cl.model_file);
  assessment_options options;
  options.uncertainty = cl.uncertainty;
  options.ess = cl.ess;
  options.sensitivities = cl.sensitivities;
  options.question_threshold = cl.question_threshold;
  // The built-in table was measured on the built-in model at the default base rate only.
  calibration_table calibration;
  if (!cl.calibration_file.empty()) {
    calibration = read_calibration_file(cl.calibration_file);
    options.calibration = &calibration;
  } else if (!cl.model_file.empty() || (cl.base_rate && *cl.base_rate != model_parameters{}.officer_base_rate)) {
    options.calibration = nullptr;
  }

  // Compiled once: the junction tree and the interval's sampled models serve every case.
  const compiled_model compiled(model, options);
  // Every input path is checked before any output; a stream is scored as it comes.
  std::vector<std::vector<fs::path>> files;
  for (const std::string& in : cl.inputs) files.push_back(in == "-" ? std::vector<fs::path>{} : case_paths(in));
  writer out(cl);
  // Consecutive file and folder inputs (a shell glob: one input per file) are scored as one
  // list, in order: the same output, batched and shared between threads as one folder is.
  std::vector<compiled_model::workspace> workspaces;  // one per thread, kept between lists
  std::vector<fs::path> pending;
  std::size_t failed = 0;
  const auto score_pending = [&] {
    if (!pending.empty())
      failed += score_files(compiled, pending, cl.uncertainty.threads, cl.format == "scores", cl.fail_fast, workspaces, out);
    pending.clear();
  };
  for (std::size_t i = 0; i < cl.inputs.size(); ++i) {
    if (cl.inputs[i] == "-") {
      score_pending();
      if (workspaces.empty()) workspaces.push_back(compiled.make_workspace());
      failed += score_stream(compiled, cl, workspaces.front(), out);
      continue;
    }
    pending.insert(pending.end(), files[i].begin(), files[i].end());
  }
  score_pending();
  out.finish();
  return failed ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Standard input is read line by line: unsynchronised, a buffered read instead of a C
  // getc and ungetc per character (the progress line on stderr is flushed as it is written).
  std::ios::sync_with_stdio(false);
  CLI::App app("pitchrisk-score", "pitchrisk-score");
  command_line cl;
  define_options(app, cl);
  try {
    app.parse(argc, argv);
    if (cl.inputs.empty() && cl.export_file.empty() && cl.dot_file.empty())
      throw CLI::ValidationError("no case file or folder given (use - for standard input)");
    if (!cl.model_file.empty() && cl.base_rate)
      throw CLI::ValidationError("--base-rate applies to the built-in model, not to --model");
    if (std::count(cl.inputs.begin(), cl.inputs.end(), "-") > 1)
      throw CLI::ValidationError("standard input (-) given twice");
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "pitchrisk-score: " << e.what() << "\nRun with --help for the options.\n";
    return 2;
  }
  try {
    return run(cl);
  } catch (const std::exception& e) {
    std::cerr << "pitchrisk-score: " << e.what() << '\n';
    return 1;
  }
}
