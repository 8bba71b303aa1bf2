// SPDX-License-Identifier: MIT
// approach_benchmark: the approach model's case scoring, old path against new, in one run.
//   approach_benchmark [--cases N] [--old-cases M] [--seed S] [--repeat R] [--write DIR]
// Generates N synthetic case files (default 2,400, ~6,000 stages) drawn from the built-in
// model itself with a fixed seed: an intent, approacher and every indicator forward-sampled,
// about a third of the indicators observed, spread over 1-4 stages (a few re-observed with
// another state later, a few uncertain `~0.8`, some ending in an `exposure` stage). Each case
// is parsed from its text as the tool would. OLD is per-query variable elimination through
// the engine-generic assess_timeline (what the tool did before); NEW is the compiled model
// (one junction tree, sampled models compiled once). Times per stage, one thread, for:
// P(pitch) alone; the score as `--samples 0` gives it (findings and questions); the full
// default report (200-sample interval, text rendered); and the score alone (score_stages, as
// `pitchrisk-score --format scores`), without and with the interval, against the OLD timeline
// that was the only way to get it. OLD runs on the first M cases
// (default 120: it is slow), NEW on all N; the two are compared on the cases both ran. Times
// are CPU time of the process (std::clock), the fastest of R runs of each row, OLD and NEW alike
// (default 3: on a shared machine the CPU time of one run still varies by a third).
// The interval's sampled models are also timed alone, scalar engines against the lane engines
// under each instruction set of their kernels the processor runs (PITCHRISK_LANES_ISA=portable
// runs the whole benchmark on the portable kernels).
// --write DIR also writes the cases there as DIR/<name>.case (for timing the tool).
#include "pitchrisk/domain/approach/compiled_model.hpp"
#include "pitchrisk/domain/approach/case_file.hpp"
#include "pitchrisk/domain/approach/model.hpp"
#include "pitchrisk/domain/approach/report.hpp"
#include "pitchrisk/domain/approach/stage_scores.hpp"
#include "pitchrisk/domain/approach/timeline.hpp"
#include "pitchrisk/domain/approach/vocabulary.hpp"
#include "pitchrisk/inference/junction_tree.hpp"
#include "pitchrisk/inference/junction_tree/lanes.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <span>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace pitchrisk;
using namespace pitchrisk::approach;

/// CPU seconds of this process since `t0` (the machine may be shared: wall time would count
/// the other programs' turns).
double seconds_since(std::clock_t t0) { return static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC; }

std::vector<Eigen::Index> forward_sample(const network& net, std::mt19937_64& rng) {
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
    while (net.probability(v, s, ps) <= 0) s = (s + 1) % net.cardinality(v);
    x[static_cast<std::size_t>(v)] = s;
  }
  return x;
}

/// The text of one synthetic case file drawn from `net`.
std::string synthetic_case(const network& net, std::size_t number, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const std::vector<Eigen::Index> x = forward_sample(net, rng);
  const auto state = [&](std::string_view name) {
    const variable_id v = net.id(name);
    return net.variable(v).states[static_cast<std::size_t>(x[static_cast<std::size_t>(v)])];
  };
  const std::string intent = state("intent");
  const bool pitch = std::find(std::begin(pitch_intents), std::end(pitch_intents), intent) != std::end(pitch_intents);
  const std::size_t stages = 1 + static_cast<std::size_t>(u(rng) * 4) % 4;
  std::vector<std::vector<std::string>> lines(stages + 1);  // [0]: case level
  for (const indicator& ind : indicators()) {
    if (ind.name == "authority_flag" || !net.find(ind.name) || u(rng) > 0.35) continue;
    const bool fact = ind.group == indicator_group::approacher || ind.group == indicator_group::target;
    const std::size_t at = fact && u(rng) < 0.7 ? 0 : 1 + static_cast<std::size_t>(u(rng) * static_cast<double>(stages)) % stages;
    const std::string observed = state(ind.name);
    std::string line = std::string(ind.name) + "=" + observed;
    if (u(rng) < 0.05) line += "~0.8";
    lines[at].push_back(line);
    if (at >= 1 && at < stages && u(rng) < 0.1) {  // re-observed later with another reading
      const std::string& other = ind.states[(ind.state_index(observed) + 1) % static_cast<Eigen::Index>(ind.states.size())];
      lines[at + 1 + static_cast<std::size_t>(u(rng) * static_cast<double>(stages - at)) % (stages - at)].push_back(
          std::string(ind.name) + "=" + other);
    }
  }
  std::ostringstream out;
  out << "# title: synthetic case " << number << " drawn from the model (intent " << intent << ")\n";
  out << "label " << (pitch ? "pitch" : "benign") << "\n";
  for (const std::string& l : lines[0]) out << l << '\n';
  for (std::size_t k = 1; k <= stages; ++k) {
    out << "\nstage s" << k << '\n';
    for (const std::string& l : lines[k]) out << l << '\n';
  }
  if (state("authority_flag") == "flagged" && u(rng) < 0.5) out << "\nstage exposure\nauthority_flag=flagged\n";
  return out.str();
}

struct mode {
  const char* name;
  assessment_options options;
  bool render = false;
};

struct run_result {
  double seconds = 0;
  std::size_t stages = 0;
  std::vector<timeline> timelines;
};

/// Scores the first `count` cases, `batch` at a time (score(span of cases) -> timelines).
template <class Score>
run_result run(const std::vector<case_file>& cases, std::size_t count, std::size_t batch, bool render, Score score) {
  run_result r;
  std::ostringstream sink;
  count = std::min(count, cases.size());
  const std::clock_t t0 = std::clock();
  for (std::size_t i = 0; i < count; i += batch) {
    std::vector<timeline> ts = score(std::span<const case_file>(cases.data() + i, std::min(batch, count - i)));
    for (timeline& t : ts) {
      if (render) write_text(sink, t);
      r.stages += t.steps.size();
      r.timelines.push_back(std::move(t));
    }
  }
  r.seconds = seconds_since(t0);
  return r;
}

/// Largest difference between two runs' numbers on the cases both scored.
struct difference {
  double p_pitch = 0, interval = 0, finding = 0, answer = 0;
  std::size_t text_mismatches = 0;
};

difference compare(const run_result& a, const run_result& b) {
  difference d;
  const auto rel = [](double x, double y) { return std::abs(x - y) / std::max(1.0, std::max(std::abs(x), std::abs(y))); };
  for (std::size_t i = 0; i < a.timelines.size() && i < b.timelines.size(); ++i) {
    std::ostringstream ta, tb;
    write_text(ta, a.timelines[i]);
    write_tsv(ta, a.timelines[i]);
    write_text(tb, b.timelines[i]);
    write_tsv(tb, b.timelines[i]);
    if (ta.str() != tb.str()) ++d.text_mismatches;
    for (std::size_t k = 0; k < a.timelines[i].steps.size(); ++k) {
      const assessment& x = a.timelines[i].steps[k].result;
      const assessment& y = b.timelines[i].steps[k].result;
      d.p_pitch = std::max(d.p_pitch, std::abs(x.p_pitch - y.p_pitch));
      d.interval = std::max({d.interval, std::abs(x.interval.low - y.interval.low), std::abs(x.interval.high - y.interval.high)});
      for (std::size_t f = 0; f < x.findings.size() && f < y.findings.size(); ++f)
        d.finding = std::max({d.finding, rel(x.findings[f].likelihood_ratio, y.findings[f].likelihood_ratio),
                              rel(x.findings[f].likelihood_ratio_in_context, y.findings[f].likelihood_ratio_in_context),
                              std::abs(x.findings[f].p_without - y.findings[f].p_without)});
      for (std::size_t q = 0; q < x.questions.size() && q < y.questions.size(); ++q)
        for (std::size_t s = 0; s < x.questions[q].answers.size() && s < y.questions[q].answers.size(); ++s)
          d.answer = std::max({d.answer, std::abs(x.questions[q].answers[s].p_pitch - y.questions[q].answers[s].p_pitch),
                               std::abs(x.questions[q].information_gain - y.questions[q].information_gain)});
    }
  }
  return d;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 2400, old_count = 120, repeat = 3;
  std::uint64_t seed = 20261204;
  std::string write_dir;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "approach_benchmark: " << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--cases") count = std::stoul(next());
    else if (a == "--old-cases") old_count = std::stoul(next());
    else if (a == "--seed") seed = std::stoull(next());
    else if (a == "--repeat") repeat = std::max<std::size_t>(1, std::stoul(next()));
    else if (a == "--write") write_dir = next();
    else {
      std::cerr << "usage: approach_benchmark [--cases N] [--old-cases M] [--seed S] [--repeat R] [--write DIR]\n";
      return 2;
    }
  }

  const approach_model builtin;
  const scored_model model(builtin);
  std::mt19937_64 rng(seed);
  std::vector<case_file> cases;
  std::size_t stages = 0;
  for (std::size_t i = 0; i < count; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "synthetic_%05zu", i);
    const std::string text = synthetic_case(model.net, i, rng);
    cases.push_back(read_case_string(text, std::string(name) + ".case"));
    stages += cases.back().stages.size();
    if (!write_dir.empty()) {
      std::filesystem::create_directories(write_dir);
      std::ofstream(std::filesystem::path(write_dir) / (std::string(name) + ".case")) << text;
    }
  }
  std::printf("approach_benchmark: %zu synthetic cases, %zu stages (seed %llu); OLD on the first %zu cases, "
              "NEW on all; one thread, CPU time\n",
              cases.size(), stages, static_cast<unsigned long long>(seed), std::min(old_count, cases.size()));

  assessment_options p_only;
  p_only.uncertainty.samples = 0;
  p_only.explain = false;
  p_only.questions = 0;
  assessment_options score_only;
  score_only.uncertainty.samples = 0;
  const mode modes[] = {{"P(pitch) alone", p_only, false},
                        {"score, --samples 0", score_only, false},
                        {"full default report", assessment_options{}, true}};

  // The engine underneath: one propagation of the model on the cases' evidence, compiled
  // with the default options and with the compiled model's (relay cliques).
  for (const bool relays : {false, true}) {
    const junction_tree jt(model.net, relays ? compiled_model::engine_options() : junction_tree_options{});
    const junction_tree_statistics& st = jt.statistics();
    junction_tree::workspace ws = jt.make_workspace();
    std::vector<resolved_evidence> sets;
    for (const case_file& c : cases)
      for (const case_stage& s : c.stages) sets.push_back(resolve(model.net, s.evidence));
    const auto time_per = [&](auto&& query) {
      const std::clock_t c0 = std::clock();
      std::size_t n = 0;
      for (int rep = 0; rep < 3; ++rep)
        for (const resolved_evidence& r : sets) {
          jt.set_evidence(ws, r);
          query();
          ++n;
        }
      return 1e6 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC / static_cast<double>(n);
    };
    const double all = time_per([&] { jt.propagate(ws); });
    const double to = time_per([&] { jt.propagate_to(ws, model.intent); });
    std::printf("junction tree (%s): %td cliques (%td relays), %.0f clique entries (largest %.0f); CPU per query on "
                "the stages' evidence: all posteriors %.2f us, P(intent) %.2f us\n",
                relays ? "compiled model's options" : "default options", static_cast<std::ptrdiff_t>(st.cliques),
                static_cast<std::ptrdiff_t>(st.relay_cliques), st.total_clique_entries, st.largest_clique_entries, all, to);
  }
  {  // The interval's sampled models on one stage: each scalar engine's propagate_to against
     // the lane engines' (junction_tree_lanes::max_lanes models per propagation), no reuse.
    const compiled_model compiled(model);
    const hypothesis pitch = pitch_hypothesis(model);
    std::vector<resolved_evidence> sets;
    for (const case_file& c : cases)
      for (const case_stage& s : c.stages) sets.push_back(resolve(model.net, s.evidence));
    sets.resize(std::min<std::size_t>(sets.size(), 600));
    std::vector<junction_tree::workspace> scalar_ws;
    for (const auto& jt : compiled.sampled()) scalar_ws.push_back(jt->make_workspace());
    std::vector<junction_tree_lanes> lanes;
    std::vector<junction_tree_lanes::workspace> lanes_ws;
    const std::size_t n = compiled.sampled().size(), width = junction_tree_lanes::max_lanes;
    for (std::size_t b = 0; b * width < n; ++b) {
      std::vector<const network*> nets;
      for (std::size_t i = b * width; i < std::min(n, (b + 1) * width); ++i) nets.push_back(&compiled.sampled()[i]->network());
      lanes.emplace_back(nets, compiled_model::engine_options());  // as the compiled model's batches
      lanes_ws.push_back(lanes.back().make_workspace());
    }
    std::vector<double> buffer(static_cast<std::size_t>(model.net.cardinality(pitch.variable)));
    std::vector<double> scalar_p(n * sets.size(), 0.0), lanes_p(n * sets.size(), 0.0);  // [set][sample]
    std::clock_t t0 = std::clock();
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < sets.size(); ++j) {
        compiled.sampled()[i]->set_evidence(scalar_ws[i], sets[j]);
        compiled.sampled()[i]->propagate_to(scalar_ws[i], pitch.variable);
        compiled.sampled()[i]->marginal(scalar_ws[i], pitch.variable, buffer);
        for (const Eigen::Index st : pitch.states) scalar_p[j * n + i] += buffer[static_cast<std::size_t>(st)];
      }
    const double scalar_us = 1e6 * seconds_since(t0) / static_cast<double>(sets.size());
    // The lanes under each instruction set of their kernels this processor runs (the last
    // timed is the widest, the one in use unless PITCHRISK_LANES_ISA says otherwise).
    const pitchrisk::detail::jt_lane_isa in_use = pitchrisk::detail::jt_lane_isa_in_use();
    std::string lanes_row;
    std::size_t differ = 0;
    for (int isa = 0; isa <= static_cast<int>(pitchrisk::detail::jt_lane_isa_supported()); ++isa) {
      pitchrisk::detail::jt_lane_isa_use(static_cast<pitchrisk::detail::jt_lane_isa>(isa));
      std::fill(lanes_p.begin(), lanes_p.end(), 0.0);
      t0 = std::clock();
      for (std::size_t b = 0; b < lanes.size(); ++b)
        for (std::size_t j = 0; j < sets.size(); ++j) {
          lanes[b].set_evidence(lanes_ws[b], sets[j]);
          lanes[b].propagate_to(lanes_ws[b], pitch.variable);
          for (int l = 0; l < lanes[b].lanes(); ++l) {
            lanes[b].marginal(lanes_ws[b], pitch.variable, l, buffer);
            for (const Eigen::Index st : pitch.states)
              lanes_p[j * n + b * width + static_cast<std::size_t>(l)] += buffer[static_cast<std::size_t>(st)];
          }
        }
      const double lanes_us = 1e6 * seconds_since(t0) / static_cast<double>(sets.size());
      for (std::size_t k = 0; k < scalar_p.size(); ++k) differ += scalar_p[k] != lanes_p[k];
      char part[96];
      std::snprintf(part, sizeof part, "%s%s %.1f us (%.1fx)", isa == 0 ? "" : ", ",
                    std::string(pitchrisk::detail::jt_lane_isa_name(static_cast<pitchrisk::detail::jt_lane_isa>(isa))).c_str(), lanes_us,
                    scalar_us / lanes_us);
      lanes_row += part;
    }
    pitchrisk::detail::jt_lane_isa_use(in_use);
    std::printf("interval's %zu sampled models on a stage (full target propagations, %zu stages): scalar %.1f us; "
                "%zu lane engines: %s; %zu of %zu values differ (bit for bit, every instruction set); in use: %s\n",
                n, sets.size(), scalar_us, lanes.size(), lanes_row.c_str(), differ, scalar_p.size(),
                std::string(junction_tree_lanes::instruction_set()).c_str());
  }
  {  // P(pitch) of a stage and nothing else: one query.
    const variable_elimination ve(model.net);
    const compiled_model compiled(model, p_only);
    compiled_model::workspace ws = compiled.make_workspace();
    const hypothesis pitch = pitch_hypothesis(model);
    std::vector<const evidence*> sets;
    for (const case_file& c : cases)
      for (const case_stage& s : c.stages) sets.push_back(&s.evidence);
    const std::size_t old_n = std::min(sets.size(), 20 * old_count);
    double sum_old = 0, sum_new = 0, worst = 0;
    std::clock_t t0 = std::clock();
    std::vector<double> old_p;
    for (std::size_t i = 0; i < old_n; ++i) old_p.push_back(probability(ve.posterior(pitch.variable, *sets[i]), pitch));
    const double old_s = seconds_since(t0);
    t0 = std::clock();
    for (int rep = 0; rep < 5; ++rep)
      for (std::size_t i = 0; i < sets.size(); ++i) {
        const double p = compiled.p_pitch(ws, *sets[i]);
        if (rep == 0 && i < old_n) worst = std::max(worst, std::abs(p - old_p[i]));
        sum_new += p;
      }
    const double new_s = seconds_since(t0);
    for (const double p : old_p) sum_old += p;
    const double old_us = 1e6 * old_s / static_cast<double>(std::max<std::size_t>(old_n, 1));
    const double new_us = 1e6 * new_s / static_cast<double>(5 * sets.size());
    std::printf("P(pitch) query of a stage (resolve + one propagation): OLD %.2f us, NEW %.3f us, %.0fx; max |OLD - NEW| "
                "%.1e (checksums %.3f, %.3f)\n",
                old_us, new_us, old_us / new_us, worst, sum_old, sum_new);
  }
  std::printf("%-22s %14s %14s %10s %12s  %s\n", "per stage", "OLD (VE)", "NEW", "ratio", "NEW setup", "max |OLD - NEW|");
  std::vector<double> old_per_stage;
  std::vector<run_result> old_runs;
  // The fastest of `repeat` runs (the same timelines every time).
  const auto fastest = [&](auto&& once) {
    run_result best = once();
    for (std::size_t r = 1; r < repeat; ++r) {
      run_result next = once();
      if (next.seconds < best.seconds) best = std::move(next);
    }
    return best;
  };
  for (const mode& m : modes) {
    const run_result old = fastest([&] {
      return run(cases, old_count, 1, m.render, [&](std::span<const case_file> c) {
        return std::vector<timeline>{assess_timeline(variable_elimination(model.net), model, c.front(), m.options)};
      });
    });
    const std::clock_t t0 = std::clock();
    const compiled_model compiled(model, m.options);
    compiled_model::workspace ws = compiled.make_workspace();
    const double setup = seconds_since(t0);
    // As pitchrisk-score does: runs of 16 cases, each in one batch.
    const run_result now = fastest([&] {
      return run(cases, cases.size(), 16, m.render,
                 [&](std::span<const case_file> c) { return assess_timelines(compiled, ws, c); });
    });
    const double old_us = old.stages ? 1e6 * old.seconds / static_cast<double>(old.stages) : 0;
    const double new_us = 1e6 * now.seconds / static_cast<double>(now.stages);
    const difference d = compare(old, now);
    std::printf("%-22s %11.2f us %11.3f us %9.0fx %9.1f ms  p %.1e, interval %.1e, findings %.1e, answers %.1e; "
                "%zu/%zu reports differ\n",
                m.name, old_us, new_us, old_us / new_us, 1e3 * setup, d.p_pitch, d.interval, d.finding, d.answer,
                d.text_mismatches, std::min(old.timelines.size(), now.timelines.size()));
    std::fflush(stdout);
    old_per_stage.push_back(old_us);
    old_runs.push_back(old);
  }
  // The score alone (pitchrisk-score --format scores): score_stages, without and with the
  // default interval, against the OLD timelines that were the only way to get it before.
  for (const int samples : {0, assessment_options{}.uncertainty.samples}) {
    assessment_options options;
    options.uncertainty.samples = samples;
    const compiled_model compiled(model, options);
    compiled_model::workspace ws = compiled.make_workspace();
    std::vector<std::vector<probability_interval>> scores;
    std::size_t stages = 0;
    double best = 0;
    for (std::size_t r = 0; r < repeat; ++r) {  // the fastest of `repeat` runs, as the rows above
      scores.clear();
      stages = 0;
      const std::clock_t t0 = std::clock();
      for (std::size_t i = 0; i < cases.size(); i += 16) {  // runs of 16 cases, as pitchrisk-score
        std::vector<std::vector<probability_interval>> run =
            score_stages(compiled, ws, std::span<const case_file>(cases.data() + i, std::min<std::size_t>(16, cases.size() - i)));
        for (auto& s : run) {
          stages += s.size();
          scores.push_back(std::move(s));
        }
      }
      const double seconds = seconds_since(t0);
      best = r == 0 ? seconds : std::min(best, seconds);
    }
    const double new_us = 1e6 * best / static_cast<double>(stages);
    const run_result& old = old_runs[samples == 0 ? 1 : 2];  // score --samples 0; full default report
    double p = 0, interval = 0;
    for (std::size_t i = 0; i < old.timelines.size(); ++i)
      for (std::size_t k = 0; k < old.timelines[i].steps.size(); ++k) {
        const assessment& a = old.timelines[i].steps[k].result;
        p = std::max(p, std::abs(a.p_pitch - scores[i][k].point));
        interval = std::max({interval, std::abs(a.interval.low - scores[i][k].low), std::abs(a.interval.high - scores[i][k].high)});
      }
    const double old_us = samples == 0 ? old_per_stage[1] : old_per_stage[2];
    std::printf("%-22s %11.2f us %11.3f us %9.0fx %12s  p %.1e, interval %.1e (OLD: the %s timeline",
                samples == 0 ? "score alone, 0 samples" : "score alone, interval", old_us, new_us, old_us / new_us, "", p,
                interval, samples == 0 ? "--samples 0" : "default report's");
    if (samples == 0) std::printf("; %.0fx of OLD P(pitch) alone", old_per_stage[0] / new_us);
    std::printf(")\n");
  }
  return 0;
}
