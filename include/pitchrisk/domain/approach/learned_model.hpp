// SPDX-License-Identifier: MIT
// The approach model built from the cases (issue 14 point 4): the elicited model's tables as
// Dirichlet priors (each column worth `ess` stages), updated by EM on labelled case files.
// Every stage before exposure is a record (its cumulative evidence), weighted 1 / stages so
// that each case counts once; the latent variables (officer, intent, cycle stage, lever,
// the intermediate nodes) stay latent and the label enters as a likelihood on intent (a
// pitch is one of the two pitch intents, anything else one of the six others). The roots
// (approacher_is_io, intent) are never learned: the library's share of pitches is not the
// screened population's base rate, so they stay those of the model parameters.
#pragma once

#include "pitchrisk/domain/approach/case_file.hpp"
#include "pitchrisk/domain/approach/model.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/learning/em.hpp"

#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace pitchrisk::approach {

/// Options of learn_approach_model().
struct learning_options {
  /// Equivalent sample size: each CPT column of the elicited model is the mean of a
  /// Dirichlet(ess x column) (as many stages' worth of judgement, whatever the column's
  /// parent configuration). 0: maximum likelihood; infinity: the elicited tables.
  double ess = 20;
  int max_iterations = 200;  ///< E-steps at most
  double tolerance = 1e-6;   ///< stop when the log-likelihood per case moves less
  int threads = 1;           ///< E-step threads; the result does not depend on it
};

/// A model learned from cases, with how the fit went.
struct learned_approach_model {
  approach_model model;                  ///< learned tables, roots from the elicited model's parameters
  double ess = 0;                        ///< the equivalent sample size used
  std::size_t cases = 0;                 ///< labelled cases used
  std::size_t records = 0;               ///< stages used (before exposure)
  int iterations = 0;                    ///< E-steps
  bool converged = false;                ///< met the tolerance before max_iterations
  std::vector<double> log_likelihood{};  ///< weighted log P(evidence, label) per E-step
  /// Cheeseman-Stutz approximation of log P(cases | ess): compares equivalent sample sizes
  /// on the training cases alone (NaN for ess 0 or infinity).
  double log_marginal_likelihood = std::numeric_limits<double>::quiet_NaN();
};

/// The likelihood on intent that a label sets: 1 on the pitch intents (recruitment_pitch,
/// influence_operation) for a pitch, 1 on the six others for a benign label.
[[nodiscard]] std::vector<double> label_likelihood(bool pitch);

/// The EM records of labelled cases: one per stage before `exposure` (its cumulative
/// evidence plus the label's likelihood on intent), weight 1 / (stages used by its case).
/// Cases labelled unknown are skipped. Throws: lookup_error if a case has only an exposure.
[[nodiscard]] std::vector<evidence_record> training_records(std::span<const case_file> cases);

/// Learns the approach model's tables from labelled cases, starting from and shrunk toward
/// `elicited` (see learning_options::ess); the roots keep `elicited`'s parameters.
/// Throws: error if no case is labelled or ess < 0 or NaN; evidence_error naming a record
/// that the elicited model finds impossible.
[[nodiscard]] learned_approach_model learn_approach_model(const approach_model& elicited,
                                                          std::span<const case_file> cases,
                                                          const learning_options& options = {});

/// The learned tables of `model` as BIF (every variable; the roots are ignored on reading).
void write_learned_tables(const std::filesystem::path& path, const approach_model& model);
/// A model with the tables of a BIF written by write_learned_tables() and the roots of
/// `parameters` (for example examples/data/approach_learned.bif). Throws: io_error,
/// parse_error, model_error if the file is not the approach model's structure.
[[nodiscard]] approach_model read_learned_model(const std::filesystem::path& path,
                                                const model_parameters& parameters = {});

// ---------------------------------------------------------------------------------------

inline std::vector<double> label_likelihood(bool pitch) {
  std::vector<double> lambda(find_latent("intent")->states.size(), pitch ? 0.0 : 1.0);
  for (const std::string_view s : pitch_intents) {
    const auto& states = find_latent("intent")->states;
    for (std::size_t k = 0; k < states.size(); ++k)
      if (states[k] == s) lambda[k] = pitch ? 1.0 : 0.0;
  }
  return lambda;
}

inline std::vector<evidence_record> training_records(std::span<const case_file> cases) {
  std::vector<evidence_record> out;
  for (const case_file& c : cases) {
    if (!c.is_labelled()) continue;
    const case_stage& last = c.last_before_exposure();
    std::size_t used = 0;
    for (const case_stage& s : c.stages) {
      ++used;
      if (&s == &last) break;
    }
    for (std::size_t i = 0; i < used; ++i) {
      evidence seen = c.stages[i].evidence;
      seen.likelihood("intent", label_likelihood(c.is_pitch()));
      out.push_back({std::move(seen), 1.0 / static_cast<double>(used)});
    }
  }
  return out;
}

inline learned_approach_model learn_approach_model(const approach_model& elicited, std::span<const case_file> cases,
                                                   const learning_options& options) {
  if (!(options.ess >= 0)) throw error("learn_approach_model: ess must be >= 0, got " + std::to_string(options.ess));
  const std::vector<evidence_record> records = training_records(cases);
  learned_approach_model out{elicited, options.ess, 0, records.size()};
  for (const case_file& c : cases) out.cases += c.is_labelled() ? 1 : 0;
  if (out.cases == 0) throw error("learn_approach_model: no labelled case to learn from");
  if (std::isinf(options.ess)) {  // the prior alone: the elicited tables, exactly
    out.converged = true;
    return out;
  }
  em_options em{.max_iterations = options.max_iterations, .tolerance = options.tolerance, .threads = options.threads};
  em.fixed = {"approacher_is_io", "intent"};
  if (options.ess > 0)
    em.prior = {.kind = prior_kind::columns,
                .ess = options.ess,
                .prior_network = std::make_shared<const network>(elicited.network())};
  em_result fit = learn_parameters_em(elicited.network(), records, em);
  out.model = approach_model(elicited.parameters(), fit.model);
  out.iterations = fit.iterations;
  out.converged = fit.converged;
  out.log_likelihood = std::move(fit.log_likelihood);
  out.log_marginal_likelihood = fit.log_marginal_likelihood;
  return out;
}

inline void write_learned_tables(const std::filesystem::path& path, const approach_model& model) {
  io::write_bif(model.network(), path);
}

inline approach_model read_learned_model(const std::filesystem::path& path, const model_parameters& parameters) {
  return approach_model(parameters, io::read_bif(path));
}

}  // namespace pitchrisk::approach
