// SPDX-License-Identifier: MIT
// pitchrisk-uai: answers a UAI competition problem in the competition's answer format.
//   pitchrisk-uai MODEL.uai [--evid FILE.evid] --task MAR|PR|MPE [--output FILE] [--lenient]
// BAYES models are read as networks, MARKOV models as factor models (io::to_factor_network);
// the junction tree answers. MAR lists the marginal of every model variable, PR the log10
// probability of the evidence (log10 Z for a MARKOV model), MPE the most probable state of
// every variable. With an evidence file of several samples, the first is used.
// Exit status: 0 done, 1 refused input, 2 usage.
#include "pitchrisk/inference/junction_tree.hpp"
#include "pitchrisk/io/uai.hpp"

#include "cli_run.hpp"

#include <CLI/CLI.hpp>

#include <cmath>
#include <exception>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  CLI::App app{"Answers a UAI problem (MAR, PR or MPE) in the UAI competition's answer format.", "pitchrisk-uai"};
  std::string model_file, evid_file, task, output;
  bool lenient = false;
  app.add_option("MODEL", model_file, "UAI model file (BAYES or MARKOV)")->required();
  app.add_option("--evid", evid_file, "UAI evidence file (one sample, or a count of samples then one per line)");
  app.add_option("--task", task, "what to compute: MAR (marginals), PR (log10 P(evidence)) or MPE")
      ->required()
      ->check(CLI::IsMember({"MAR", "PR", "MPE"}));
  app.add_option("--output,-o", output, "write the answer to this file instead of standard output");
  app.add_flag("--lenient", lenient, "accept CPT columns off 1 by up to 1e-2 (default 1e-4) and renormalise them");
  return pitchrisk::cli::run(app, argc, argv, [&] {
    using namespace pitchrisk;
    io::read_options options;
    options.build.columns.lenient = lenient;
    const io::uai_model model = io::read_uai_model(model_file, options);
    const std::size_t n = model.cardinalities.size();
    network net;
    evidence seen;
    double log10_scale = 0;
    if (model.markov) {
      io::factor_network fn = io::to_factor_network(model, options.build);
      net = std::move(fn.net);
      seen = fn.constraints;
      log10_scale = fn.log10_scale;
    } else {
      net = io::to_network(io::describe(model), options.build);
    }
    if (!net.repairs().empty())
      std::cerr << "pitchrisk-uai: note: " << model_file << ": " << net.repairs().size()
                << " CPT column(s) renormalised\n";
    if (!evid_file.empty()) {
      const auto samples = io::read_uai_evidence(evid_file, model.cardinalities);
      if (!samples.empty())
        for (const auto& [v, s] : samples.front()) seen.observe(static_cast<variable_id>(v), s);
    }
    const junction_tree engine(net);
    std::string answer;
    if (task == "MAR") {
      const auto all = engine.posteriors(seen);
      answer = io::uai_mar_answer<double>(std::span<const distribution>(all.data(), n));
    } else if (task == "PR") {
      answer = io::uai_pr_answer(engine.log_evidence_probability(seen) / std::log(10.0) + log10_scale);
    } else {
      const mpe_result best = engine.mpe(seen);
      answer = io::uai_mpe_answer(std::span<const Eigen::Index>(best.states.data(), n));
    }
    if (output.empty()) {
      std::cout << answer;
    } else {
      std::ofstream out(output, std::ios::binary);
      out << answer;
      if (!out) throw io_error("cannot write '" + output + "'");
    }
  });
}
