// SPDX-License-Identifier: MIT
// How far to trust the score? Every labelled case under examples/data/cases and
// examples/data/library (recursively, whatever files exist) is scored stage by stage, by
// (a) the elicited model and (c) the red-flag counter, and compared with its label.
//
//   *.case --assess_timeline--> P(pitch) per stage --+--> AUC, Brier, calibration table
//   *.case --red_flags--------> count per stage -----+     (+ reliability plot, SVG)
//
// Leave-one-out: the elicited model is fitted to nothing, so leaving a case out changes
// nothing and its scores ARE its leave-one-out scores. The counter's count is turned into a
// probability by the pitch frequency of that count among the OTHER cases (add-one smoothed),
// so it is validated leave-one-out too. Exposure stages are left out (the authority flag
// decides them). (b) the learned model follows with the learning module (issue 14 point 4).
//
// Usage: approach_cross_validation [--table FILE] [--svg FILE] [FOLDER...]
//   --table writes the elicited model's calibration table (the reports read
//   examples/data/calibration.tsv); --svg the reliability plot.
#include "pitchrisk/domain.hpp"

#include <algorithm>
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
  std::string case_name;
  bool pitch = false, last = false;  ///< last = the last stage before exposure
  double p = 0, flags = 0, flags_p = 0;
};

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
void write_svg(std::ostream& out, const calibration_table& model, const calibration_table& counter, std::size_t cases) {
  const double left = 70, top = 60, size = 400;
  const auto x = [&](double p) { return left + size * p; };
  const auto y = [&](double p) { return top + size * (1 - p); };
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << left + size + 190 << "\" height=\"" << top + size + 60
      << "\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  out << "<text x=\"" << left << "\" y=\"24\" font-size=\"15\" font-weight=\"bold\">Reliability of P(pitch), leave-one-out</text>\n";
  out << "<text x=\"" << left << "\" y=\"42\" fill=\"#555\">" << cases
      << " labelled cases, every stage before exposure; circle area = stages in the bin</text>\n";
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
  series(counter, "#2166ac", "(c) red-flag counter", top + 42);
  out << "</svg>\n";
}

}  // namespace

int main(int argc, char** argv) try {
  std::string table_file, svg_file;
  std::vector<fs::path> folders;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "--table" || a == "--svg") && i + 1 < argc) (a == "--table" ? table_file : svg_file) = argv[++i];
    else folders.emplace_back(a);
  }
  if (folders.empty()) folders = {PITCHRISK_DATA_DIR "/cases", PITCHRISK_DATA_DIR "/library"};

  const approach_model model;
  assessment_options options;
  options.uncertainty.samples = 0;
  options.questions = 0;
  options.explain = false;
  std::vector<stage_row> rows;
  std::size_t cases = 0, pitches = 0;
  for (const fs::path& file : case_files(folders)) {
    const case_file c = read_case(file);
    const timeline t = assess_timeline(model, c, options);
    ++cases;
    pitches += c.is_pitch() ? 1 : 0;
    const timeline_step& judged = t.before_exposure();
    for (const timeline_step& s : t.steps)
      if (s.stage != "exposure")
        rows.push_back({c.name, c.is_pitch(), &s == &judged, s.result.p_pitch,
                        static_cast<double>(s.result.red_flags.size()), 0});
  }
  // The counter's probability, leave-one-out: pitch frequency of its count among the other cases.
  for (stage_row& r : rows) {
    double hits = 1, total = 2;  // add-one smoothing
    for (const stage_row& o : rows)
      if (o.case_name != r.case_name && o.flags == r.flags) total += 1, hits += o.pitch ? 1 : 0;
    r.flags_p = hits / total;
  }
  std::printf("Cross-validation over %zu labelled cases (%zu pitches, %zu not), %zu stages before exposure.\n", cases,
              pitches, cases - pitches, rows.size());
  std::printf("Leave-one-out: the elicited model is fitted to no case, so its scores are its leave-one-out scores;\n"
              "the red-flag count becomes a probability through the pitch frequency of that count in the other cases.\n"
              "Base rate: P(officer) = %.2f, an assumption about the screened population, not a measurement.\n\n",
              model.parameters().officer_base_rate);

  std::printf("%-24s %10s %10s %8s\n", "score", "AUC last", "AUC all", "Brier");
  const auto line = [&](const char* name, double stage_row::*score, double stage_row::*prob) {
    std::printf("%-24s %10.3f %10.3f %8.3f\n", name, area_under_roc(pick(rows, score, true)),
                area_under_roc(pick(rows, score, false)), brier_score(pick(rows, prob, false)));
  };
  line("(a) elicited model", &stage_row::p, &stage_row::p);
  line("(c) red-flag counter", &stage_row::flags, &stage_row::flags_p);
  std::printf("(b) learned model: waits for the learning module (issue 14 point 4).\n");
  std::printf("AUC last: the last stage before exposure of each case; AUC all: every stage before exposure;\n"
              "Brier: every stage before exposure.\n\n");

  const std::string scope = std::to_string(cases) + " cases, " + std::to_string(rows.size()) +
                            " stages before exposure, elicited model at base rate 0.02";
  const calibration_table elicited = calibrate(pick(rows, &stage_row::p, false), 10, scope);
  const calibration_table counter = calibrate(pick(rows, &stage_row::flags_p, false), 10, scope);
  std::printf("Calibration, (a) elicited model:\n");
  print_table(elicited);
  std::printf("Calibration, (c) red-flag counter (leave-one-out probability of its count):\n");
  print_table(counter);

  if (!table_file.empty()) {
    std::ofstream out(table_file);
    write_calibration(out, elicited);
    if (!out.flush()) throw pitchrisk::io_error("cannot write " + table_file);
    std::printf("\nwrote %s\n", table_file.c_str());
  }
  if (!svg_file.empty()) {
    std::ofstream out(svg_file);
    write_svg(out, elicited, counter, cases);
    if (!out.flush()) throw pitchrisk::io_error("cannot write " + svg_file);
    std::printf("wrote %s\n", svg_file.c_str());
  }
} catch (const pitchrisk::error& e) {
  std::cerr << "approach_cross_validation: " << e.what() << '\n';
  return 1;
}
