// SPDX-License-Identifier: MIT
// How far to trust the score? Every labelled case under examples/data/cases and
// examples/data/library (recursively, whatever files exist) is scored stage by stage, by
// (a) the elicited model, (b) the model learned from the cases and (c) the red-flag
// counter, and compared with its label.
//
//   *.case --assess_timeline, elicited model---------> P(pitch) per stage --+--> AUC, Brier,
//   *.case --EM on the other cases--> learned model --> P(pitch) per stage --+    calibration
//   *.case --red_flags--> count --> pitch frequency of that count ---------->+    (+ SVG)
//
// Leave-one-out: each case is scored by models that never saw it. (b) is refitted without
// it (learned_model.hpp: EM from the elicited tables as Dirichlet priors). Its equivalent
// sample size is the one of a grid fixed in advance with the best Cheeseman-Stutz marginal
// likelihood of the whole library (no score is looked at); --nested chooses it again in
// every fold from the OTHER cases only (five fits per fold: minutes, not seconds). The counter's count becomes a probability through the
// pitch frequency of that count among the other cases' stages (add-one smoothed). All three
// score at the library's own base rate: the pitch share of the other cases (about 0.57),
// because a calibration against the library's labels means nothing at another base rate.
// Exposure stages are left out (the authority flag decides them).
//
// Usage: approach_cross_validation [--nested] [--table FILE] [--svg FILE] [--learned FILE] [FOLDER...]
//   --table writes the elicited model's calibration table at the screening base rate 0.02
//   (the reports read examples/data/calibration.tsv); --svg the reliability plot;
//   --learned the tables learned from every case (examples/data/approach_learned.bif).
#include "pitchrisk/domain.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

using namespace pitchrisk::approach;
namespace fs = std::filesystem;

struct stage_row {
  std::size_t case_index = 0;
  bool pitch = false, last = false;  ///< last = the last stage before exposure
  double elicited = 0, learned = 0, flags = 0, flags_p = 0;  ///< at the library's base rate
  double elicited_screening = 0, learned_screening = 0;      ///< at the screening base rate 0.02
};

/// The equivalent sample sizes tried, fixed before any score was seen.
constexpr double ess_grid[] = {10, 30, 100, 300, 1000};

std::vector<fs::path> case_files(const std::vector<fs::path>& folders) {
  std::vector<fs::path> out;
  for (const fs::path& f : folders) {
    if (!fs::exists(f)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(f))
      if (entry.is_regular_file() && entry.path().extension() == ".case") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<labelled_score> pick(const std::vector<stage_row>& rows, double stage_row::*score, bool last_only) {
  std::vector<labelled_score> out;
  for (const stage_row& r : rows)
    if (!last_only || r.last) out.push_back({r.*score, r.pitch});
  return out;
}

void print_table(const calibration_table& t) {
  std::printf("  %-9s %9s %9s %7s\n", "bin", "predicted", "observed", "stages");
  for (const calibration_bin& b : t.bins)
    if (b.count) std::printf("  %.1f-%.1f   %9.3f %9.3f %7zu\n", b.low, b.high, b.mean_score, b.observed(), b.count);
}

std::string number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

/// Reliability plot: observed pitch frequency against mean predicted P(pitch), per bin,
/// circles sized by the number of stages, for both scores; the diagonal is perfect calibration.
void write_svg(std::ostream& out, const calibration_table& model, const calibration_table& learned,
               const calibration_table& counter, std::size_t cases) {
  const double left = 70, top = 60, size = 400;
  const auto x = [&](double p) { return left + size * p; };
  const auto y = [&](double p) { return top + size * (1 - p); };
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << left + size + 190 << "\" height=\"" << top + size + 60
      << "\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  out << "<text x=\"" << left << "\" y=\"24\" font-size=\"15\" font-weight=\"bold\">Reliability of P(pitch), leave-one-out</text>\n";
  out << "<text x=\"" << left << "\" y=\"42\" fill=\"#555\">" << cases
      << " labelled cases, every stage before exposure, library base rate; circle area = stages</text>\n";
  for (const double g : {0.0, 0.25, 0.5, 0.75, 1.0}) {
    out << "<line x1=\"" << x(0) << "\" x2=\"" << x(1) << "\" y1=\"" << number(y(g)) << "\" y2=\"" << number(y(g))
        << "\" stroke=\"#e3e3e3\"/>\n<line x1=\"" << number(x(g)) << "\" x2=\"" << number(x(g)) << "\" y1=\"" << y(0)
        << "\" y2=\"" << y(1) << "\" stroke=\"#e3e3e3\"/>\n";
    out << "<text x=\"" << left - 8 << "\" y=\"" << number(y(g) + 4) << "\" text-anchor=\"end\">" << g << "</text>\n";
    out << "<text x=\"" << number(x(g)) << "\" y=\"" << y(0) + 18 << "\" text-anchor=\"middle\">" << g << "</text>\n";
  }
  out << "<line x1=\"" << x(0) << "\" y1=\"" << y(0) << "\" x2=\"" << x(1) << "\" y2=\"" << y(1)
      << "\" stroke=\"#888\" stroke-dasharray=\"5,4\"/>\n";
  out << "<text x=\"" << number(x(0.5)) << "\" y=\"" << y(0) + 40 << "\" text-anchor=\"middle\">mean predicted P(pitch)</text>\n";
  out << "<text transform=\"translate(22," << number(y(0.5)) << ") rotate(-90)\" text-anchor=\"middle\">observed pitch frequency</text>\n";
  const auto series = [&](const calibration_table& t, const char* colour, const char* label, double ly) {
    std::string points;
    for (const calibration_bin& b : t.bins) {
      if (!b.count) continue;
      points += number(x(b.mean_score)) + "," + number(y(b.observed())) + " ";
      out << "<circle cx=\"" << number(x(b.mean_score)) << "\" cy=\"" << number(y(b.observed())) << "\" r=\""
          << number(3 + 2.5 * std::sqrt(static_cast<double>(b.count))) << "\" fill=\"" << colour
          << "\" fill-opacity=\"0.45\" stroke=\"" << colour << "\"/>\n";
    }
    out << "<polyline fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"2\" points=\"" << points << "\"/>\n";
    out << "<circle cx=\"" << x(1) + 25 << "\" cy=\"" << ly << "\" r=\"6\" fill=\"" << colour << "\"/>\n<text x=\""
        << x(1) + 37 << "\" y=\"" << ly + 4 << "\">" << label << "</text>\n";
  };
  series(model, "#b2182b", "(a) elicited model", top + 20);
  series(learned, "#1b7837", "(b) learned model", top + 42);
  series(counter, "#2166ac", "(c) red-flag counter", top + 64);
  out << "</svg>\n";
}

}  // namespace

int main(int argc, char** argv) try {
  std::string table_file, svg_file, learned_file;
  std::vector<fs::path> folders;
  bool nested = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--nested") nested = true;
    else if ((a == "--table" || a == "--svg" || a == "--learned") && i + 1 < argc)
      (a == "--table" ? table_file : a == "--svg" ? svg_file : learned_file) = argv[++i];
    else folders.emplace_back(a);
  }
  if (folders.empty()) folders = {PITCHRISK_DATA_DIR "/cases", PITCHRISK_DATA_DIR "/library"};

  std::vector<case_file> cases;
  for (const fs::path& file : case_files(folders)) {
    case_file c = read_case(file);
    if (c.is_labelled()) cases.push_back(std::move(c));
  }
  const approach_model screening;  // the elicited model at the default base rate
  const model_parameters defaults = screening.parameters();
  const double pitch_share = defaults.recruitment_share + defaults.influence_share;
  assessment_options options;
  options.uncertainty.samples = 0;
  options.questions = 0;
  options.explain = false;
  const auto steps = [&](const approach_model& m, const case_file& c) {
    std::vector<timeline_step> out;
    for (timeline_step& s : assess_timeline(m, c, options).steps)
      if (s.stage != "exposure") out.push_back(std::move(s));
    return out;
  };
  const auto fit = [&](const approach_model& prior, const std::vector<case_file>& train, double ess) {
    learned_approach_model f = learn_approach_model(prior, train, {.ess = ess, .tolerance = 1e-4});
    if (!f.converged) throw pitchrisk::error("EM did not converge with ess " + number(ess));
    return f;
  };
  // (b) on `train`: one fit per ess of the grid, the best Cheeseman-Stutz marginal likelihood.
  const auto learn = [&](const approach_model& prior, const std::vector<case_file>& train, std::vector<double>* lml) {
    learned_approach_model best{prior};
    for (const double ess : ess_grid) {
      learned_approach_model f = fit(prior, train, ess);
      if (lml) lml->push_back(f.log_marginal_likelihood);
      if (ess == ess_grid[0] || f.log_marginal_likelihood > best.log_marginal_likelihood) best = std::move(f);
    }
    return best;
  };
  // The model learned from every case at the screening base rate: the shipped tables, and
  // (unless --nested) the equivalent sample size of every fold.
  std::vector<double> grid_lml;
  const learned_approach_model all = learn(screening, cases, &grid_lml);

  std::vector<stage_row> rows;
  std::size_t pitches = 0, records = 0;
  std::map<double, int> chosen;  // ess -> folds that chose it
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const case_file& c = cases[i];
    pitches += c.is_pitch() ? 1 : 0;
    std::vector<case_file> others;
    std::size_t other_pitches = 0;
    for (std::size_t j = 0; j < cases.size(); ++j)
      if (j != i) others.push_back(cases[j]), other_pitches += cases[j].is_pitch() ? 1 : 0;
    // The library's base rate, from the other cases: P(pitch) = base rate x pitch share.
    model_parameters library = defaults;
    library.officer_base_rate = static_cast<double>(other_pitches) / static_cast<double>(others.size()) / pitch_share;
    const approach_model elicited(library);
    const learned_approach_model learned = nested ? learn(elicited, others, nullptr) : fit(elicited, others, all.ess);
    ++chosen[learned.ess];
    const std::vector<timeline_step> e = steps(elicited, c), l = steps(learned.model, c), es = steps(screening, c),
                                     ls = steps(approach_model(defaults, learned.model.network()), c);
    records += e.size();
    for (std::size_t k = 0; k < e.size(); ++k)
      rows.push_back({i, c.is_pitch(), k + 1 == e.size(), e[k].result.p_pitch, l[k].result.p_pitch,
                      static_cast<double>(e[k].result.red_flags.size()), 0, es[k].result.p_pitch,
                      ls[k].result.p_pitch});
  }
  // The counter's probability, leave-one-out: pitch frequency of its count among the other cases.
  for (stage_row& r : rows) {
    double hits = 1, total = 2;  // add-one smoothing
    for (const stage_row& o : rows)
      if (o.case_index != r.case_index && o.flags == r.flags) total += 1, hits += o.pitch ? 1 : 0;
    r.flags_p = hits / total;
  }
  std::printf("Cross-validation over %zu labelled cases (%zu pitches, %zu not), %zu stages before exposure.\n",
              cases.size(), pitches, cases.size() - pitches, rows.size());
  std::printf("Leave-one-out: every score of a case comes from models that never saw it. (a) is fitted to no case;\n"
              "(b) is EM on the other cases from (a)'s tables as Dirichlet priors, with the equivalent sample size\n"
              "of the grid whose Cheeseman-Stutz log marginal likelihood is best %s:\n",
              nested ? "on the other cases, fold by fold" : "on the whole library");
  for (std::size_t g = 0; g < grid_lml.size(); ++g)
    std::printf("  ess %-5g %9.2f%s\n", ess_grid[g], grid_lml[g], ess_grid[g] == all.ess ? "  <- best (whole library)" : "");
  std::printf("(c) turns the red-flag count into the pitch frequency of that count among the other cases' stages.\n"
              "Base rate: the library's own, the pitch share of the other cases (%.3f or %.3f), for all three;\n"
              "the screening default P(officer) = %.2f is an assumption about the screened population.\n\n",
              static_cast<double>(pitches - 1) / static_cast<double>(cases.size() - 1),
              static_cast<double>(pitches) / static_cast<double>(cases.size() - 1), defaults.officer_base_rate);

  std::printf("%-34s %10s %10s %8s\n", "score (library base rate)", "AUC last", "AUC all", "Brier");
  const auto line = [&](const char* name, double stage_row::*score, double stage_row::*prob) {
    std::printf("%-34s %10.3f %10.3f %8.3f\n", name, area_under_roc(pick(rows, score, true)),
                area_under_roc(pick(rows, score, false)), brier_score(pick(rows, prob, false)));
  };
  line("(a) elicited model", &stage_row::elicited, &stage_row::elicited);
  line("(b) learned model", &stage_row::learned, &stage_row::learned);
  line("(c) red-flag counter", &stage_row::flags, &stage_row::flags_p);
  std::printf("at the screening base rate %.2f:\n", defaults.officer_base_rate);
  line("(a) elicited model", &stage_row::elicited_screening, &stage_row::elicited_screening);
  line("(b) learned model", &stage_row::learned_screening, &stage_row::learned_screening);
  std::printf("AUC last: the last stage before exposure of each case; AUC all: every stage before exposure;\n"
              "Brier: every stage before exposure.\n");
  std::printf("Equivalent sample size chosen (folds):");
  for (const auto& [ess, folds] : chosen) std::printf(" %g (%d)", ess, folds);
  std::printf("\n\n");

  const std::string scope = std::to_string(cases.size()) + " cases, " + std::to_string(rows.size()) +
                            " stages before exposure";
  const calibration_table elicited = calibrate(pick(rows, &stage_row::elicited, false), 10, scope);
  const calibration_table learned = calibrate(pick(rows, &stage_row::learned, false), 10, scope);
  const calibration_table counter = calibrate(pick(rows, &stage_row::flags_p, false), 10, scope);
  std::printf("Calibration at the library base rate, (a) elicited model:\n");
  print_table(elicited);
  std::printf("Calibration, (b) learned model:\n");
  print_table(learned);
  std::printf("Calibration, (c) red-flag counter (leave-one-out probability of its count):\n");
  print_table(counter);

  std::printf("\nLearned from all %zu cases (%zu stages): ess %g, %d EM iterations, log marginal likelihood %.2f.\n",
              all.cases, all.records, all.ess, all.iterations, all.log_marginal_likelihood);

  if (!table_file.empty()) {
    const calibration_table at_screening = calibrate(pick(rows, &stage_row::elicited_screening, false), 10,
                                                     scope + ", elicited model at base rate 0.02");
    std::ofstream out(table_file);
    write_calibration(out, at_screening);
    if (!out.flush()) throw pitchrisk::io_error("cannot write " + table_file);
    std::printf("wrote %s\n", table_file.c_str());
  }
  if (!svg_file.empty()) {
    std::ofstream out(svg_file);
    write_svg(out, elicited, learned, counter, cases.size());
    if (!out.flush()) throw pitchrisk::io_error("cannot write " + svg_file);
    std::printf("wrote %s\n", svg_file.c_str());
  }
  if (!learned_file.empty()) {
    write_learned_tables(learned_file, all.model);
    std::printf("wrote %s\n", learned_file.c_str());
  }
} catch (const pitchrisk::error& e) {
  std::cerr << "approach_cross_validation: " << e.what() << '\n';
  return 1;
}
