// SPDX-License-Identifier: MIT
// Two pictures for the README. The timeline of a case as a chart: P(pitch) after each stage,
// the 90% parameter-uncertainty band around it, the prior as a dashed line, and under each
// point the finding that moved the score most (SVG, written directly). And the model itself as
// a Graphviz graph (render it with `dot -Tsvg approach_model.dot -o approach_model.svg`).
//
//   case file --assess_timeline--> timeline --SVG--> approach_timeline.svg
//   approach_model --write_dot--> approach_model.dot
//
// Usage: approach_timeline_chart [CASE.case [OUTPUT_FOLDER]]   (default: the journalist, 2013).
// The README pictures: run it with OUTPUT_FOLDER = examples/images, then
//   dot -Tsvg examples/images/approach_model.dot -o examples/images/approach_model.svg
#include "pitchrisk/domain.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace {

using namespace pitchrisk::approach;

std::string number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

/// The chart: x = stages, y = P(pitch) from 0 to 1.
void write_svg(std::ostream& out, const timeline& t) {
  const double left = 70, right = 30, top = 60, bottom = 120, height = 440;
  const double width = std::max(760.0, left + right + 200.0 * static_cast<double>(t.steps.size()));
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  const auto n = static_cast<double>(t.steps.size());
  const auto x = [&](std::size_t k) { return left + plot_w * (n == 1 ? 0.5 : (static_cast<double>(k) + 0.5) / n); };
  const auto y = [&](double p) { return top + plot_h * (1 - p); };
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n";
  out << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  out << "<text x=\"" << left << "\" y=\"24\" font-size=\"15\" font-weight=\"bold\">" << t.case_name << "</text>\n";
  out << "<text x=\"" << left << "\" y=\"42\" fill=\"#555\">P(pitch) after each stage, 90% band from parameter "
         "uncertainty; below each point: the finding that moved it most</text>\n";
  for (const double g : {0.0, 0.25, 0.5, 0.75, 1.0}) {
    out << "<line x1=\"" << left << "\" x2=\"" << width - right << "\" y1=\"" << number(y(g)) << "\" y2=\""
        << number(y(g)) << "\" stroke=\"#e3e3e3\"/>\n";
    out << "<text x=\"" << left - 8 << "\" y=\"" << number(y(g) + 4) << "\" text-anchor=\"end\">" << g << "</text>\n";
  }
  out << "<text transform=\"translate(18," << number(top + plot_h / 2) << ") rotate(-90)\" text-anchor=\"middle\">"
      << "P(pitch)</text>\n";
  const double prior = t.steps.front().result.prior_p_pitch;
  out << "<line x1=\"" << left << "\" x2=\"" << width - right << "\" y1=\"" << number(y(prior)) << "\" y2=\""
      << number(y(prior)) << "\" stroke=\"#888\" stroke-dasharray=\"5,4\"/>\n";
  out << "<text x=\"" << width - right << "\" y=\"" << number(y(prior) - 5) << "\" text-anchor=\"end\" fill=\"#666\">"
      << "prior " << format_probability(prior) << "</text>\n";
  // The band: upper ends left to right, then lower ends right to left.
  out << "<polygon fill=\"#f4a582\" fill-opacity=\"0.45\" stroke=\"none\" points=\"";
  for (std::size_t k = 0; k < t.steps.size(); ++k) out << number(x(k)) << "," << number(y(t.steps[k].result.interval.high)) << " ";
  for (std::size_t k = t.steps.size(); k-- > 0;) out << number(x(k)) << "," << number(y(t.steps[k].result.interval.low)) << " ";
  out << "\"/>\n<polyline fill=\"none\" stroke=\"#b2182b\" stroke-width=\"2.5\" points=\"";
  for (std::size_t k = 0; k < t.steps.size(); ++k) out << number(x(k)) << "," << number(y(t.steps[k].result.p_pitch)) << " ";
  out << "\"/>\n";
  for (std::size_t k = 0; k < t.steps.size(); ++k) {
    const timeline_step& s = t.steps[k];
    const double px = x(k), py = y(s.result.p_pitch);
    out << "<circle cx=\"" << number(px) << "\" cy=\"" << number(py) << "\" r=\"5\" fill=\"#b2182b\"/>\n";
    for (const char* paint : {"stroke=\"white\" stroke-width=\"4\"", "fill=\"black\""})  // halo, then text
      out << "<text x=\"" << number(px) << "\" y=\"" << number(py < top + 20 ? py + 22 : py - 12)
          << "\" text-anchor=\"middle\" font-weight=\"bold\" " << paint << ">" << format_probability(s.result.p_pitch)
          << "</text>\n";
    out << "<text x=\"" << number(px) << "\" y=\"" << number(top + plot_h + 22) << "\" text-anchor=\"middle\">"
        << s.stage << "</text>\n";
    // "change +0.369", then the mover on two lines: "comms_tradecraft" / "= covert_methods".
    const std::size_t eq = s.moved_by.find('=');
    const std::string lines[] = {"change " + format_change(s.change), s.moved_by.substr(0, eq),
                                 eq == std::string::npos ? std::string() : "= " + s.moved_by.substr(eq + 1)};
    for (int i = 0; i < 3; ++i)
      out << "<text x=\"" << number(px) << "\" y=\"" << number(top + plot_h + 42 + 15 * i)
          << "\" text-anchor=\"middle\" fill=\"#555\" font-size=\"11\">" << lines[i] << "</text>\n";
  }
  out << "</svg>\n";
}

}  // namespace

int main(int argc, char** argv) try {
  const std::filesystem::path file = argc > 1 ? argv[1] : PITCHRISK_DATA_DIR "/cases/gru_attache_journalist_paris.case";
  const std::filesystem::path folder = argc > 2 ? argv[2] : ".";
  const approach_model model;

  const timeline t = assess_timeline(model, read_case(file));
  std::ofstream chart(folder / "approach_timeline.svg");
  write_svg(chart, t);
  std::ofstream graph(folder / "approach_model.dot");
  write_dot(graph, model.network());
  if (!chart.flush() || !graph.flush()) {
    std::cerr << "approach_timeline_chart: cannot write into " << folder << '\n';
    return 1;
  }
  for (const timeline_step& s : t.steps)
    std::cout << s.stage << ": P(pitch) = " << format_probability(s.result.p_pitch) << " [" << format_probability(s.result.interval.low)
              << ", " << format_probability(s.result.interval.high) << "], moved by " << s.moved_by << '\n';
  std::cout << "wrote approach_timeline.svg and approach_model.dot\n";
} catch (const pitchrisk::error& e) {
  std::cerr << "approach_timeline_chart: " << e.what() << '\n';
  return 1;
}
