// SPDX-License-Identifier: MIT
// Renders assessments and case timelines for people and programs: a readable text report
// (the score, its interval, how such scores fared in the case library, the base rate it
// assumes, the findings an analyst would name, what separates the two likeliest
// explanations, the next questions and the caveats), TSV (a header row, one row per case
// and stage; also the score-alone rows of score_stages) and Graphviz DOT of the model.
// Numbers are printed with fixed precision so output is diffable. JSON lives in
// report_json.hpp (it needs nlohmann-json).
#pragma once

#include "pitchrisk/domain/approach/assessment.hpp"
#include "pitchrisk/domain/approach/case_file.hpp"
#include "pitchrisk/domain/approach/uncertainty.hpp"
#include "pitchrisk/domain/approach/timeline.hpp"
#include "pitchrisk/detail/decimal_snap.hpp"
#include "pitchrisk/domain/approach/vocabulary.hpp"

#include <algorithm>
#include <cmath>
#include <vector>
#include <cstdio>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

namespace pitchrisk::approach {

/// Options of the text report.
struct text_options {
  std::size_t findings = 6;     ///< findings listed per assessment
  std::size_t questions = 3;    ///< next questions listed per assessment
  std::size_t separating = 4;   ///< findings separating the two likeliest explanations listed
  bool every_stage = false;     ///< full detail for every stage (default: the stage before exposure)
  std::string indent = "  ";    ///< put before every line of an assessment's detail
};

/// The full text of one assessment, under `heading`.
void write_text(std::ostream& out, const assessment& a, std::string_view heading, const text_options& options = {});
/// A case: title, the timeline table, then the detailed assessment of the stage before
/// exposure (or of every stage), and the exposure stage's score when there is one.
void write_text(std::ostream& out, const timeline& t, const text_options& options = {});

/// The TSV header row (tab-separated, newline-terminated); the last two columns are the
/// stage's date and the days since the stage before ("-" where the case is undated).
void write_tsv_header(std::ostream& out);
/// One TSV row per stage of `t`, in the columns of write_tsv_header.
void write_tsv(std::ostream& out, const timeline& t);

/// The header row of the score-alone TSV (score_stages): case, stage, label, p_pitch, p_low,
/// p_high, date.
void write_scores_header(std::ostream& out);
/// One row per stage of `c` with its score from score_stages() (`scores[k]` for c.stages[k]).
/// Throws: size_error if scores.size() != c.stages.size().
void write_scores(std::ostream& out, const case_file& c, std::span<const probability_interval> scores);

/// Graphviz DOT of the model's network: latent variables as ellipses, indicators as boxes
/// grouped and coloured by the sections of indicators.md, other (intermediate) nodes dashed.
void write_dot(std::ostream& out, const network& net);

/// "+0.125" style signed change.
[[nodiscard]] std::string format_change(double d);
/// "x12.3" / "x0.25" style likelihood ratio (">x1e6" beyond a million, "<x1e-6" below).
[[nodiscard]] std::string format_ratio(double r);

// ---------------------------------------------------------------------------------------

inline std::string format_change(double d) {
  char buf[32];
  d = pitchrisk::detail::decimal_snap(d);
  std::snprintf(buf, sizeof buf, "%+.3f", std::abs(d) < 5e-4 ? 0.0 : d);
  return buf;
}

inline std::string format_ratio(double r) {
  r = pitchrisk::detail::decimal_snap(r);
  if (!(r < 1e6)) return ">x1e6";
  if (!(r > 1e-6)) return "<x1e-6";
  char buf[32];
  std::snprintf(buf, sizeof buf, r >= 100 ? "x%.0f" : (r >= 10 ? "x%.1f" : "x%.2f"), r);
  return buf;
}

namespace detail {

/// `s` padded with blanks to `width` columns, and at least one blank after it: a text as
/// wide as its column or wider (asks_target_for_money=fees_or_investment, 40 characters) is
/// never glued to the next (its row's later columns move right instead).
inline std::string pad(std::string s, std::size_t width) {
  s.append(s.size() < width ? width - s.size() : 1, ' ');
  return s;
}

inline std::string percent(double p) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", pitchrisk::detail::decimal_snap(100 * p));
  return buf;
}

/// "recruitment_pitch 0.62, influence_operation 0.08, benign 0.30"
inline std::string states_line(const distribution& d) {
  std::string out;
  for (Eigen::Index s = 0; s < d.size(); ++s) {
    if (s) out += ", ";
    out += d.variable().states[static_cast<std::size_t>(s)] + " " + format_probability(d[s]);
  }
  return out;
}

inline std::string interval_text(const probability_interval& i) {
  if (i.samples == 0) return "no interval";
  return percent(i.level) + " interval " + format_probability(i.low) + " to " + format_probability(i.high);
}

/// "indicator=state", or "indicator=state~0.7" for an uncertain observation.
inline std::string finding_text(const finding_weight& f) {
  return f.indicator + "=" + f.state + (f.confidence < 1 ? "~" + format_confidence(f.confidence) : std::string());
}

/// The TSV columns library_bin, library_pitches, library_stages ("-" each without a table).
inline std::string library_columns(const assessment& a) {
  if (!a.library) return "-\t-\t-";
  return fixed(a.library->low, 1) + "-" + fixed(a.library->high, 1) + "\t" + std::to_string(a.library->pitches) + "\t" +
         std::to_string(a.library->count);
}

inline std::string top_finding(const assessment& a) {
  return a.findings.empty() ? std::string("-") : finding_text(a.findings.front());
}

/// A double-quoted string for DOT, with quotes, backslashes and control characters escaped.
inline std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

}  // namespace detail

inline void write_text(std::ostream& out, const assessment& a, std::string_view heading, const text_options& options) {
  using detail::pad;
  const std::string& ind = options.indent;
  out << heading << '\n';
  out << ind << "P(pitch) = " << format_probability(a.p_pitch) << " (" << detail::interval_text(a.interval)
      << "; prior " << format_probability(a.prior_p_pitch) << ")\n";
  if (!a.calibration.empty()) out << ind << "calibration:   " << a.calibration << '\n';
  if (!a.base_rate.empty()) out << ind << "base rate:     " << a.base_rate << '\n';
  out << ind << "intent:        " << detail::states_line(a.intent) << '\n';
  out << ind << "officer:       P(" << a.officer.name() << " = yes) = "
      << format_probability(a.officer.size() ? a.officer[a.officer.variable().find_state("yes").value_or(0)] : 0.0)
      << '\n';
  out << ind << "cycle stage:   " << detail::states_line(a.cycle_stage) << '\n';
  out << ind << "lever:         " << detail::states_line(a.lever) << '\n';
  if (!a.findings.empty()) {
    out << ind << "findings, strongest first (likelihood ratio for pitch alone / in context; P(pitch) without it):\n";
    for (std::size_t i = 0; i < a.findings.size() && i < options.findings; ++i) {
      const finding_weight& f = a.findings[i];
      out << ind << "  " << pad(detail::finding_text(f), 40) << pad(format_ratio(f.likelihood_ratio), 8) << " / "
          << pad(format_ratio(f.likelihood_ratio_in_context), 8) << "  without: " << format_probability(f.p_without)
          << " (" << format_change(f.change) << ")";
      if (!f.wording.empty()) out << "  [" << f.wording << "]";
      out << '\n';
    }
    if (a.findings.size() > options.findings)
      out << ind << "  ... and " << a.findings.size() - options.findings << " more\n";
  }
  if (!a.rivals.first.empty() && !a.rivals.findings.empty() && options.separating > 0) {
    out << ind << "separating " << a.rivals.first << " (" << format_probability(a.rivals.p_first) << ") from "
        << a.rivals.second << " (" << format_probability(a.rivals.p_second)
        << ") (likelihood ratio first:second in context):\n";
    for (std::size_t i = 0; i < a.rivals.findings.size() && i < options.separating; ++i) {
      const separating_finding& f = a.rivals.findings[i];
      out << ind << "  " << pad(f.indicator + "=" + f.state, 40) << format_ratio(std::exp(f.log_ratio)) << '\n';
    }
  }
  if (!a.questions.empty() && options.questions > 0) {
    out << ind << "next questions (expected change of P(pitch); information about pitch; P(pitch) after each answer):\n";
    for (std::size_t i = 0; i < a.questions.size() && i < options.questions; ++i) {
      const next_question& q = a.questions[i];
      char gain[48];
      std::snprintf(gain, sizeof gain, "%.3f  %.3f bits", pitchrisk::detail::decimal_snap(q.expected_change),
                    pitchrisk::detail::decimal_snap(q.information_gain));
      out << ind << "  " << pad(q.indicator, 28) << gain << ":";
      for (const answer_outcome& ans : q.answers)
        out << "  " << ans.state << " (" << detail::percent(ans.probability) << ") -> " << format_probability(ans.p_pitch);
      out << '\n';
    }
  }
  if (!a.sensitivities.empty()) {
    out << ind << "elicited numbers the score depends on most (dP(pitch)/dtheta at the elicited theta):\n";
    for (const sensitivity_function& f : a.sensitivities) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "theta = %.4g  slope %+.3g  (theta/2 -> %.3f)", f.theta, f.derivative,
                    f.value(f.theta / 2));
      out << ind << "  " << pad(f.parameter, 58) << "  " << buf << '\n';
    }
  }
  out << ind << "red flags (checklist baseline): " << a.red_flags.size();
  if (!a.red_flags.empty()) {
    out << " (";
    for (std::size_t i = 0; i < a.red_flags.size(); ++i) out << (i ? ", " : "") << a.red_flags[i];
    out << ")";
  }
  out << '\n';
  for (const std::string& c : a.caveats) out << ind << "caveat: " << c << '\n';
}

inline void write_text(std::ostream& out, const timeline& t, const text_options& options) {
  using detail::pad;
  out << "== " << t.case_name << " (label: " << t.label << (t.intent.empty() ? "" : ", intent: " + t.intent) << ")\n";
  if (!t.title.empty()) out << "   " << t.title << '\n';
  // Dated cases: the date and the days since the stage before, after the stage name.
  const bool dated = !t.steps.empty() && t.steps.front().date.has_value();
  out << "   " << pad("stage", 24) << (dated ? pad("date", 11) + pad("days", 6) : "") << pad("P(pitch)", 10)
      << pad("interval", 16) << pad("change", 9) << "moved most by\n";
  for (const timeline_step& s : t.steps) {
    const probability_interval& i = s.result.interval;
    out << "   " << pad(s.stage, 24)
        << (dated ? pad(s.date ? format_date(*s.date) : "-", 11) +
                        pad(s.days_since_previous ? "+" + std::to_string(*s.days_since_previous) : "-", 6)
                  : "")
        << pad(format_probability(s.result.p_pitch), 10)
        << pad(i.samples ? format_probability(i.low) + "-" + format_probability(i.high) : std::string("-"), 16)
        << pad(format_change(s.change), 9)
        << (s.moved_by.empty() ? std::string("-") : s.moved_by + " (" + format_change(s.moved_by_change) + ")") << '\n';
  }
  out << '\n';
  const timeline_step& judged = t.before_exposure();
  for (const timeline_step& s : t.steps) {
    if (!options.every_stage && &s != &judged) continue;
    std::string heading = "   assessment at stage '" + s.stage + "'";
    if (&s == &judged && t.steps.back().stage == "exposure") heading += " (the last before exposure)";
    text_options inner = options;
    inner.indent = "     ";
    write_text(out, s.result, heading + ":", inner);
    out << '\n';
  }
  if (!options.every_stage && &judged != &t.steps.back())
    out << "   at exposure: P(pitch) = " << format_probability(t.steps.back().result.p_pitch) << " ("
        << format_change(t.steps.back().result.p_pitch - judged.result.p_pitch) << ")\n\n";
}

inline void write_tsv_header(std::ostream& out) {
  out << "case\tstage\tlabel\tp_pitch\tp_low\tp_high\tp_officer\ttop_finding\tmoved_by\tchange\tcycle_stage\t"
         "cycle_judged\tred_flags\ttop_question\tfirst_explanation\tsecond_explanation\tseparated_by\t"
         "library_bin\tlibrary_pitches\tlibrary_stages\tbase_rate\tdate\tdays_since_previous\n";
}

inline void write_tsv(std::ostream& out, const timeline& t) {
  for (const timeline_step& s : t.steps) {
    const assessment& a = s.result;
    const auto yes = a.officer.variable().find_state("yes");
    out << t.case_name << '\t' << s.stage << '\t' << t.label << '\t' << format_probability(a.p_pitch) << '\t'
        << format_probability(a.interval.low) << '\t' << format_probability(a.interval.high) << '\t'
        << format_probability(yes ? a.officer[*yes] : 0.0) << '\t' << detail::top_finding(a) << '\t'
        << (s.moved_by.empty() ? "-" : s.moved_by) << '\t' << format_change(s.change) << '\t'
        << a.cycle_stage.variable().states[static_cast<std::size_t>(a.cycle_stage.most_likely())] << '\t'
        << (s.cycle.empty() ? "-" : s.cycle) << '\t' << a.red_flags.size() << '\t'
        << (a.questions.empty() ? "-" : a.questions.front().indicator) << '\t'
        << (a.rivals.first.empty() ? "-" : a.rivals.first) << '\t' << (a.rivals.second.empty() ? "-" : a.rivals.second)
        << '\t'
        << (a.rivals.findings.empty() ? std::string("-")
                                      : a.rivals.findings.front().indicator + "=" + a.rivals.findings.front().state)
        << '\t' << detail::library_columns(a) << '\t' << detail::fixed(a.officer_base_rate, 4) << '\t'
        << (s.date ? format_date(*s.date) : std::string("-")) << '\t'
        << (s.days_since_previous ? std::to_string(*s.days_since_previous) : std::string("-")) << '\n';
  }
}

inline void write_scores_header(std::ostream& out) { out << "case\tstage\tlabel\tp_pitch\tp_low\tp_high\tdate\n"; }

inline void write_scores(std::ostream& out, const case_file& c, std::span<const probability_interval> scores) {
  if (scores.size() != c.stages.size())
    throw size_error("write_scores: " + std::to_string(scores.size()) + " scores for the " +
                         std::to_string(c.stages.size()) + " stages of case '" + c.name + "'",
                     static_cast<double>(c.stages.size()));
  for (std::size_t k = 0; k < scores.size(); ++k) {
    const case_stage& s = c.stages[k];
    char numbers[64];
    std::snprintf(numbers, sizeof numbers, "%.3f\t%.3f\t%.3f", pitchrisk::detail::decimal_snap(scores[k].point),
                  pitchrisk::detail::decimal_snap(scores[k].low), pitchrisk::detail::decimal_snap(scores[k].high));
    out << c.name << '\t' << s.name << '\t' << c.label << '\t' << numbers << '\t'
        << (s.date ? format_date(*s.date) : std::string("-")) << '\n';
  }
}

inline void write_dot(std::ostream& out, const network& net) {
  struct group_style {
    indicator_group group;
    const char* label;
    const char* colour;
  };
  static const group_style groups[] = {
      {indicator_group::approacher, "A. who is approaching", "#fde0c5"},
      {indicator_group::first_contact, "B. how contact began", "#facba6"},
      {indicator_group::target, "C. the target (weak by design)", "#e5e5e5"},
      {indicator_group::questions, "D. questions asked", "#f8b58b"},
      {indicator_group::offers, "E. requests and offers", "#f59e72"},
      {indicator_group::conduct, "F. conduct of the relationship", "#f2855d"},
      {indicator_group::authorities, "G. authorities", "#eb4a40"},
  };
  out << "digraph " << detail::quoted(net.name().empty() ? std::string("approach") : net.name()) << " {\n";
  out << "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, nodesep=0.15, ranksep=1.2];\n";
  out << "  node [fontname=\"Helvetica\", fontsize=10];\n";
  out << "  edge [color=\"#777777\", arrowsize=0.6];\n";
  std::vector<bool> placed(static_cast<std::size_t>(net.size()), false);
  out << "  subgraph cluster_latent {\n    label=\"latent (inferred)\"; style=rounded; color=\"#3b6ea5\";\n";
  for (const variable_id v : net.variables())
    if (find_latent(net.variable(v).name)) {
      out << "    " << detail::quoted(net.variable(v).name)
          << " [shape=ellipse, style=filled, fillcolor=\"#c6dbef\", penwidth=1.5];\n";
      placed[static_cast<std::size_t>(v)] = true;
    }
  out << "  }\n";
  int k = 0;
  for (const group_style& g : groups) {
    out << "  subgraph cluster_" << k++ << " {\n    label=" << detail::quoted(g.label) << "; style=rounded; color=\"#bbbbbb\";\n";
    for (const variable_id v : net.variables())
      if (const indicator* ind = find_indicator(net.variable(v).name); ind && ind->group == g.group) {
        out << "    " << detail::quoted(net.variable(v).name) << " [shape=box, style=\"rounded,filled\", fillcolor=\""
            << g.colour << "\"];\n";
        placed[static_cast<std::size_t>(v)] = true;
      }
    out << "  }\n";
  }
  for (const variable_id v : net.variables())
    if (!placed[static_cast<std::size_t>(v)])
      out << "  " << detail::quoted(net.variable(v).name) << " [shape=ellipse, style=dashed];\n";
  for (const variable_id v : net.variables())
    for (const variable_id p : net.parents(v))
      out << "  " << detail::quoted(net.variable(p).name) << " -> " << detail::quoted(net.variable(v).name) << ";\n";
  out << "}\n";
}

}  // namespace pitchrisk::approach
