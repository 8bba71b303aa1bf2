// SPDX-License-Identifier: MIT
// Expectation-maximisation for a fixed structure with missing cells and latent variables
// (a variable without a column). The E-step compiles a junction tree of the current model
// and reads expected family counts (family posteriors) record by record, in fixed chunks of
// records over threads, reduced in chunk order: the result does not depend on the thread
// count. The M-step is the MLE or the Dirichlet posterior mean of parameter_estimation.hpp.
// Records may also be evidence (hard findings and likelihoods, with weights): EM over
// evidence_record, which can keep some CPTs fixed and scores the fit by the Cheeseman-Stutz
// approximation of the marginal likelihood.
#pragma once

#include "pitchrisk/core/network.hpp"
#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/detail/parallel.hpp"
#include "pitchrisk/detail/random.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/junction_tree.hpp"
#include "pitchrisk/learning/dataset.hpp"
#include "pitchrisk/learning/parameter_estimation.hpp"

#include <Eigen/Core>

#include <cmath>
#include <cstdint>
#include <span>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace pitchrisk {

/// Options of learn_parameters_em().
struct em_options {
  parameter_prior prior{};       ///< M-step: MLE (default) or a Dirichlet posterior mean
  int max_iterations = 100;        ///< E-steps per run at most
  double tolerance = 1e-5;         ///< stop when the mean log-likelihood per record rises less
  int restarts = 0;                ///< extra runs from random starting CPTs; the best one is kept
  std::uint64_t seed = 1;          ///< seeds the random starts
  int threads = 1;                 ///< 0: one per hardware thread; results do not depend on it
  Eigen::Index chunk_rows = 256;   ///< records per work unit of the E-step
  std::shared_ptr<const network> start{};///< first run's start (default: available-case estimate)
  /// Variables whose CPTs stay those of the start (EM over evidence records only).
  std::vector<std::string> fixed{};
};

/// One record for EM over evidence: hard findings and likelihoods (soft or partial
/// findings, e.g. "one of these states"), and the record's weight in the likelihood.
struct evidence_record {
  evidence seen{};    ///< the findings (hard or likelihoods) of the record
  double weight = 1.0;  ///< how many times the record counts (e.g. 1 / stages of its case)
};

/// What learn_parameters_em() returns.
struct em_result {
  network model;                       ///< the parameters of the best run's last E-step
  std::vector<double> log_likelihood{};///< best run: total log-likelihood at each E-step
  int iterations = 0;                  ///< E-steps of the best run
  bool converged = false;              ///< the best run met the tolerance before the cap
  int best_run = 0;                    ///< 0 = the first run, r = restart r
  std::vector<double> run_log_likelihoods{};///< final log-likelihood of every run
  /// EM over evidence records with a Dirichlet prior: the Cheeseman-Stutz approximation of
  /// log P(records | prior) at the fit (families of fixed CPTs left out: they cancel); NaN
  /// otherwise.
  double log_marginal_likelihood = std::numeric_limits<double>::quiet_NaN();
};

/// Learns the CPTs of `structure` (its CPT values are ignored unless they are the start)
/// from `data`, whose columns are matched by name (a variable without a column is latent).
/// Run 0 starts from the available-case estimate (+1 smoothing), with random CPT columns for
/// families that hold a variable without data; restart r from a random mixture seeded by
/// (seed, r). Throws: evidence_error naming the record (0-based row) whose cells are
/// impossible under the current model; model_error on mismatched states; error on bad options.
[[nodiscard]] em_result learn_parameters_em(const network& structure, const dataset& data, const em_options& options = {});

/// Log-likelihood of every record of `data` (aligned so that column v is variable v) under
/// `model`, summed in chunk order, with the expected family counts in the layout of each
/// net.cpt(v), concatenated (`counts` sized to the total, may be nullptr). The E-step.
/// Throws: evidence_error naming the first impossible record.
double expected_counts(const network& model, const dataset& aligned, std::vector<double>* counts, int threads = 1,
                       Eigen::Index chunk_rows = 256);

/// EM over evidence records, starting from the CPTs of `start` (which also gives the
/// structure): each E-step reads the weighted expected family counts of every record (its
/// findings and likelihoods entered in a junction tree), each M-step sets every CPT but
/// those of `options.fixed` to the MLE or the Dirichlet posterior mean (options.prior), until
/// the weighted log-likelihood per unit of weight rises less than the tolerance. Results do
/// not depend on the thread count. `options.restarts` must be 0 and `options.start` empty.
/// Throws: evidence_error naming the record impossible under the current model (or its bad
/// finding); error on bad options or a weight that is negative or not finite; lookup_error
/// on an unknown fixed variable.
[[nodiscard]] em_result learn_parameters_em(const network& start, std::span<const evidence_record> records,
                                            const em_options& options);

/// The E-step over evidence records: sum of weight x log P(findings) under `model`, with
/// the weighted expected family counts in the layout of each model.cpt(v), concatenated
/// (`counts` sized to the total, may be nullptr); chunks of records reduced in order.
/// Throws: evidence_error naming the first impossible record or bad finding.
double expected_counts(const network& model, std::span<const evidence_record> records, std::vector<double>* counts,
                       int threads = 1, Eigen::Index chunk_rows = 16);

// ---------------------------------------------------------------------------------------

namespace detail {

/// Offsets of each variable's CPT table in the concatenated count vector.
inline std::vector<Eigen::Index> cpt_offsets(const network& net) {
  std::vector<Eigen::Index> offsets(static_cast<std::size_t>(net.size()) + 1, 0);
  for (const variable_id v : net.variables())
    offsets[static_cast<std::size_t>(v) + 1] = offsets[static_cast<std::size_t>(v)] + net.cpt(v).size();
  return offsets;
}

/// Random CPT columns: each column Dirichlet(1) (normalised exponentials).
inline Eigen::ArrayXd random_columns(Eigen::Index size, Eigen::Index k, random_stream& rng) {
  Eigen::ArrayXd t(size);
  for (Eigen::Index c = 0; c < size / k; ++c) {
    double sum = 0;
    for (Eigen::Index s = 0; s < k; ++s) {
      t[c * k + s] = -std::log(1.0 - rng.uniform()) + 1e-3;
      sum += t[c * k + s];
    }
    t.segment(c * k, k) /= sum;
  }
  return t;
}


/// One E-step's skeleton, shared by the data-set and evidence-record versions: compiles a
/// junction tree of `model` once, cuts rows 0 .. rows-1 into chunks of `chunk_rows`, and
/// calls row(engine, workspace, r, local, buffer) for each row of a chunk, which returns the
/// row's (weighted) log-likelihood and adds its expected family counts into `local` (the
/// chunk's counts, in cpt_offsets layout; empty when `counts` is null). `buffer` is one
/// scratch vector of the same size per worker. Chunks are reduced in chunk order, so the
/// sums do not depend on the thread count. Returns the total log-likelihood and, when
/// `counts` is not null, sets it to the summed counts.
template <class Row>
double e_step(const network& model, Eigen::Index rows, std::vector<double>* counts, int threads,
              Eigen::Index chunk_rows, Row&& row) {
  const Eigen::Index total = cpt_offsets(model).back();
  const Eigen::Index chunks = (rows + chunk_rows - 1) / chunk_rows;
  const auto engine = std::make_shared<const junction_tree>(std::make_shared<const network>(model),
                                                            junction_tree_options{.adaptive_min_entries = 0});
  const int workers = worker_count(threads, chunks);
  struct worker_state {
    junction_tree::workspace ws;
    std::vector<double> buffer;
  };
  std::vector<std::unique_ptr<worker_state>> state(static_cast<std::size_t>(workers));
  std::vector<double> chunk_ll(static_cast<std::size_t>(chunks), 0.0);
  std::vector<std::vector<double>> chunk_counts(counts ? static_cast<std::size_t>(chunks) : 0);
  for_each_block(chunks, threads, [&](Eigen::Index b, int w) {
    auto& mine = state[static_cast<std::size_t>(w)];
    if (!mine)
      mine = std::make_unique<worker_state>(
          worker_state{engine->make_workspace(), std::vector<double>(static_cast<std::size_t>(total))});
    std::vector<double> local(counts ? static_cast<std::size_t>(total) : 0, 0.0);
    double ll = 0;
    const Eigen::Index first = b * chunk_rows, last = std::min(rows, first + chunk_rows);
    for (Eigen::Index r = first; r < last; ++r) ll += row(*engine, mine->ws, r, local, mine->buffer);
    chunk_ll[static_cast<std::size_t>(b)] = ll;
    if (counts) chunk_counts[static_cast<std::size_t>(b)] = std::move(local);
  });
  double ll = 0;
  for (const double x : chunk_ll) ll += x;
  if (counts) {
    counts->assign(static_cast<std::size_t>(total), 0.0);
    for (const auto& c : chunk_counts)
      for (std::size_t k = 0; k < c.size(); ++k) (*counts)[k] += c[k];
  }
  return ll;
}

/// Adds the family posterior of every variable of `vars` (after propagation) into `local`.
template <class Vars>
void add_family_posteriors(const junction_tree& engine, junction_tree::workspace& ws, const Vars& vars,
                           const std::vector<Eigen::Index>& offsets, double weight, std::vector<double>& local,
                           std::vector<double>& buffer) {
  for (const variable_id v : vars) {
    const auto vi = static_cast<std::size_t>(v);
    const std::span<double> out(buffer.data() + offsets[vi], static_cast<std::size_t>(offsets[vi + 1] - offsets[vi]));
    engine.family_marginal(ws, v, out);
    for (std::size_t k = 0; k < out.size(); ++k) local[static_cast<std::size_t>(offsets[vi]) + k] += weight * out[k];
  }
}

/// log P(e) of a propagated workspace, or an evidence_error naming record r.
inline double record_log_evidence(const junction_tree& engine, junction_tree::workspace& ws, Eigen::Index r) {
  const double lp = engine.log_evidence(ws);
  if (!std::isfinite(lp))
    throw evidence_error("record " + std::to_string(r) + " has a log-likelihood of " + std::to_string(lp));
  return lp;
}

}  // namespace detail

inline double expected_counts(const network& model, const dataset& aligned, std::vector<double>* counts, int threads,
                              Eigen::Index chunk_rows) {
  if (aligned.columns() != model.size()) throw error("expected_counts: the data must have one column per variable");
  if (chunk_rows < 1) throw error("expected_counts: chunk_rows must be at least 1");
  const auto n = static_cast<std::size_t>(model.size());
  const std::vector<Eigen::Index> offsets = detail::cpt_offsets(model);
  const Eigen::Index rows = aligned.rows();
  // Per variable: the CPT's scope and strides (to index a fully observed family) and its
  // log table (for complete records).
  std::vector<std::vector<variable_id>> scope(n);
  std::vector<std::vector<Eigen::Index>> stride(n);
  std::vector<Eigen::ArrayXd> log_cpt(n);
  for (const variable_id v : model.variables()) {
    const factor& f = model.cpt(v);
    scope[static_cast<std::size_t>(v)] = f.scope();
    for (const variable_id u : f.scope()) stride[static_cast<std::size_t>(v)].push_back(f.stride(u));
    log_cpt[static_cast<std::size_t>(v)] = f.values().log();
  }
  std::vector<const dataset::cell*> col(n);
  for (std::size_t v = 0; v < n; ++v) col[v] = aligned.column(static_cast<Eigen::Index>(v)).data();

  return detail::e_step(model, rows, counts, threads, chunk_rows,
                        [&](const junction_tree& engine, junction_tree::workspace& ws, Eigen::Index r,
                            std::vector<double>& local, std::vector<double>& buffer) -> double {
    const auto ri = static_cast<std::size_t>(r);
    bool complete = true;
    for (std::size_t v = 0; v < n && complete; ++v) complete = col[v][ri] != dataset::missing;
    if (complete) {  // fully observed: the product of CPT entries, counts of one
      double lp = 0;
      for (std::size_t v = 0; v < n; ++v) {
        Eigen::Index at = 0;
        for (std::size_t j = 0; j < scope[v].size(); ++j) at += stride[v][j] * col[static_cast<std::size_t>(scope[v][j])][ri];
        lp += log_cpt[v][at];
        if (counts) local[static_cast<std::size_t>(offsets[v] + at)] += 1.0;
      }
      if (!(lp > -std::numeric_limits<double>::infinity()))
        throw evidence_error("record " + std::to_string(r) + " is impossible under the current model (P = 0)");
      return lp;
    }
    engine.clear_evidence(ws);
    for (std::size_t v = 0; v < n; ++v)
      if (col[v][ri] != dataset::missing) engine.observe(ws, static_cast<variable_id>(v), col[v][ri]);
    try {
      engine.propagate(ws);
    } catch (const evidence_error& e) {
      throw evidence_error("record " + std::to_string(r) + " is impossible under the current model: " + e.what());
    }
    const double lp = detail::record_log_evidence(engine, ws, r);
    if (!counts) return lp;
    for (std::size_t v = 0; v < n; ++v) {  // observed families count one, the others their posterior
      bool observed = true;
      Eigen::Index at = 0;
      for (std::size_t j = 0; j < scope[v].size() && observed; ++j) {
        const dataset::cell x = col[static_cast<std::size_t>(scope[v][j])][ri];
        observed = x != dataset::missing;
        at += stride[v][j] * x;
      }
      if (observed) {
        local[static_cast<std::size_t>(offsets[v] + at)] += 1.0;
      } else {
        const variable_id one[] = {static_cast<variable_id>(v)};
        detail::add_family_posteriors(engine, ws, one, offsets, 1.0, local, buffer);
      }
    }
    return lp;
  });
}

namespace detail {

/// What every EM run over a data set shares.
struct em_plan {
  dataset aligned{};                            ///< the data, column v holding variable v
  std::vector<Eigen::Index> offsets{};          ///< cpt_offsets of the structure
  std::vector<Eigen::ArrayXd> pseudo{};         ///< the prior's pseudo-counts; empty for the MLE
  std::vector<char> has_data{};                 ///< whether variable v has an observed cell
  network smoothed{};                           ///< the available-case estimate, +1 smoothing
  std::vector<std::vector<variable_id>> order{};  ///< each family in builder layout: v, then its parents
  double records = 1;                           ///< rows, at least 1 (the tolerance is per record)
};

/// Each family of `net` in builder layout: the variable, then its parents.
inline std::vector<std::vector<variable_id>> family_orders(const network& net) {
  std::vector<std::vector<variable_id>> order(static_cast<std::size_t>(net.size()));
  for (const variable_id v : net.variables()) {
    order[static_cast<std::size_t>(v)].push_back(v);
    order[static_cast<std::size_t>(v)].insert(order[static_cast<std::size_t>(v)].end(), net.parents(v).begin(),
                                               net.parents(v).end());
  }
  return order;
}

/// The expected counts of an E-step (cpt_offsets layout, CPTs of `current`) as builder columns.
inline std::vector<Eigen::ArrayXd> builder_counts(const network& current, const std::vector<double>& counts,
                                                  const std::vector<Eigen::Index>& offsets,
                                                  const std::vector<std::vector<variable_id>>& order) {
  std::vector<Eigen::ArrayXd> out(static_cast<std::size_t>(current.size()));
  for (const variable_id v : current.variables()) {
    const auto vi = static_cast<std::size_t>(v);
    const factor& cpt = current.cpt(v);
    const Eigen::Map<const Eigen::ArrayXd> table(counts.data() + offsets[vi], cpt.size());
    out[vi] = to_layout(factor(cpt.scope(), cpt.cardinalities(), table), order[vi]);
  }
  return out;
}

/// Checks the options and prepares what the runs over `data` share. Throws: error on bad
/// options; model_error when the data's states do not match the structure's.
inline em_plan plan_em(const network& structure, const dataset& data, const em_options& options) {
  if (options.max_iterations < 1) throw error("EM: max_iterations must be at least 1");
  if (options.restarts < 0) throw error("EM: restarts must be non-negative");
  if (!(options.tolerance >= 0)) throw error("EM: the tolerance must be non-negative");
  em_plan p{.aligned = align_to_network(data, structure)};
  const auto n = static_cast<std::size_t>(structure.size());
  p.offsets = cpt_offsets(structure);
  if (options.prior.kind != prior_kind::mle) p.pseudo = prior_counts(structure, options.prior);
  // Which variables have any data; families holding one without data start at random.
  p.has_data.assign(n, 0);
  for (std::size_t v = 0; v < n; ++v)
    for (const dataset::cell x : p.aligned.column(static_cast<Eigen::Index>(v)))
      if (x != dataset::missing) {
        p.has_data[v] = 1;
        break;
      }
  std::vector<Eigen::ArrayXd> available = network_counts(structure, p.aligned);
  for (auto& a : available) a += 1.0;
  p.smoothed = network_from_counts(structure, available, {});
  p.order = family_orders(structure);
  p.records = std::max<double>(1.0, static_cast<double>(p.aligned.rows()));
  return p;
}

/// The start of run `run`: options.start for run 0 when given; otherwise the smoothed
/// estimate with random columns for the families holding a variable without data (run 0),
/// or every column an even mixture of the estimate and random columns (restarts), seeded
/// by (seed, run).
inline network em_start(const network& structure, const em_plan& p, const em_options& options, int run) {
  random_stream rng(options.seed, static_cast<std::uint64_t>(run));
  if (run == 0 && options.start) {
    (void)match_columns(dataset::for_network(*options.start), structure);  // same variables and states
    return *options.start;
  }
  network_builder b(p.smoothed);
  for (const variable_id v : structure.variables()) {
    const auto vi = static_cast<std::size_t>(v);
    bool latent_family = !p.has_data[vi];
    for (const variable_id u : structure.parents(v)) latent_family = latent_family || !p.has_data[static_cast<std::size_t>(u)];
    if (run == 0 && !latent_family) continue;
    const Eigen::ArrayXd base = p.smoothed.cpt_columns(v);
    const Eigen::ArrayXd noise = random_columns(base.size(), structure.cardinality(v), rng);
    b.set_cpt(v, run == 0 ? noise : Eigen::ArrayXd(0.5 * base + 0.5 * noise));
  }
  return b.build();
}

/// One EM run from `current`: E-steps and M-steps until the mean log-likelihood per record
/// rises less than the tolerance or max_iterations E-steps have run; the model is that of
/// the last E-step.
inline em_result em_run(const network& structure, const em_plan& p, const em_options& options, network current) {
  em_result result;
  std::vector<double> counts;
  double previous = -std::numeric_limits<double>::infinity();
  for (int it = 0; it < options.max_iterations; ++it) {
    const double ll = expected_counts(current, p.aligned, &counts, options.threads, options.chunk_rows);
    result.log_likelihood.push_back(ll);
    result.iterations = it + 1;
    result.model = current;
    if (it > 0 && (ll - previous) / p.records < options.tolerance) {
      result.converged = true;
      break;
    }
    previous = ll;
    current = network_from_counts(structure, builder_counts(current, counts, p.offsets, p.order), p.pseudo);  // M-step
  }
  return result;
}

}  // namespace detail

inline em_result learn_parameters_em(const network& structure, const dataset& data, const em_options& options) {
  const detail::em_plan plan = detail::plan_em(structure, data, options);
  em_result best;
  best.run_log_likelihoods.reserve(static_cast<std::size_t>(options.restarts) + 1);
  double best_ll = -std::numeric_limits<double>::infinity();
  for (int run = 0; run <= options.restarts; ++run) {
    em_result result = detail::em_run(structure, plan, options, detail::em_start(structure, plan, options, run));
    const double final_ll = result.log_likelihood.back();
    best.run_log_likelihoods.push_back(final_ll);
    if (final_ll > best_ll) {
      best_ll = final_ll;
      auto runs = std::move(best.run_log_likelihoods);
      best = std::move(result);
      best.run_log_likelihoods = std::move(runs);
      best.best_run = run;
    }
  }
  return best;
}

inline double expected_counts(const network& model, std::span<const evidence_record> records,
                              std::vector<double>* counts, int threads, Eigen::Index chunk_rows) {
  if (chunk_rows < 1) throw error("expected_counts: chunk_rows must be at least 1");
  const std::vector<Eigen::Index> offsets = detail::cpt_offsets(model);
  const auto rows = static_cast<Eigen::Index>(records.size());
  return detail::e_step(model, rows, counts, threads, chunk_rows,
                        [&](const junction_tree& engine, junction_tree::workspace& ws, Eigen::Index r,
                            std::vector<double>& local, std::vector<double>& buffer) -> double {
    const evidence_record& rec = records[static_cast<std::size_t>(r)];
    if (!(rec.weight >= 0 && std::isfinite(rec.weight)))
      throw error("record " + std::to_string(r) + " has weight " + std::to_string(rec.weight) +
                  ", expected a finite non-negative number");
    try {
      engine.set_evidence(ws, resolve(model, rec.seen));
      engine.propagate(ws);
    } catch (const evidence_error& e) {
      throw evidence_error("record " + std::to_string(r) + " is impossible under the current model: " + e.what());
    }
    const double lp = detail::record_log_evidence(engine, ws, r);
    if (counts) detail::add_family_posteriors(engine, ws, model.variables(), offsets, rec.weight, local, buffer);
    return rec.weight * lp;
  });
}

inline em_result learn_parameters_em(const network& start, std::span<const evidence_record> records,
                                     const em_options& options) {
  if (options.max_iterations < 1) throw error("EM: max_iterations must be at least 1");
  if (options.restarts != 0) throw error("EM over evidence records: restarts are not supported (the start is given)");
  if (options.start) throw error("EM over evidence records: the start is the network passed, options.start must be empty");
  if (!(options.tolerance >= 0)) throw error("EM: the tolerance must be non-negative");
  const auto n = static_cast<std::size_t>(start.size());
  std::vector<char> fixed(n, 0);
  for (const std::string& name : options.fixed) fixed[static_cast<std::size_t>(start.id(name))] = 1;
  const std::vector<Eigen::Index> offsets = detail::cpt_offsets(start);
  const std::vector<Eigen::ArrayXd> pseudo =
      options.prior.kind == prior_kind::mle ? std::vector<Eigen::ArrayXd>{} : prior_counts(start, options.prior);
  const std::vector<std::vector<variable_id>> order = detail::family_orders(start);
  double weight = 0;
  for (const evidence_record& r : records) weight += r.weight;
  const double scale = weight > 0 ? weight : 1.0;
  em_result result;
  network current = start;
  std::vector<double> counts;
  std::vector<Eigen::ArrayXd> builder_counts(n);
  double previous = -std::numeric_limits<double>::infinity();
  for (int it = 0; it < options.max_iterations; ++it) {
    const double ll = expected_counts(current, records, &counts, options.threads, options.chunk_rows);
    result.log_likelihood.push_back(ll);
    result.iterations = it + 1;
    result.model = current;
    builder_counts = detail::builder_counts(current, counts, offsets, order);
    if (it > 0 && std::abs(ll - previous) / scale < options.tolerance) {
      result.converged = true;
      break;
    }
    if (it + 1 == options.max_iterations) break;  // the counts above belong to result.model
    previous = ll;
    // M-step; fixed CPTs stay.
    const network updated = network_from_counts(start, builder_counts, pseudo);
    network_builder b(updated);
    for (const variable_id v : start.variables())
      if (fixed[static_cast<std::size_t>(v)]) b.set_cpt(v, current.cpt_columns(v, true));
    current = b.build();
  }
  result.run_log_likelihoods.push_back(result.log_likelihood.back());
  if (!pseudo.empty()) {
    // Cheeseman-Stutz: log P(D) ~ log P(D' | prior) + log P(D | theta) - log P(D' | theta),
    // D' the data completed by the expected counts at theta (Chickering & Heckerman 1997).
    double lml = result.log_likelihood.back();
    for (const variable_id v : start.variables()) {
      const auto vi = static_cast<std::size_t>(v);
      if (fixed[vi]) continue;
      const Eigen::ArrayXd theta = result.model.cpt_columns(v);
      const Eigen::ArrayXd& c = builder_counts[vi];
      const Eigen::ArrayXd& a = pseudo[vi];
      const Eigen::Index k = start.cardinality(v);
      for (Eigen::Index col = 0; col < c.size() / k; ++col) {
        double a0 = 0, n0 = 0;
        for (Eigen::Index s = col * k; s < (col + 1) * k; ++s) {
          if (a[s] > 0) {
            lml += std::lgamma(a[s] + c[s]) - std::lgamma(a[s]);
            a0 += a[s];
          }
          n0 += c[s];
          if (c[s] > 0 && theta[s] > 0) lml -= c[s] * std::log(theta[s]);
        }
        if (a0 > 0) lml += std::lgamma(a0) - std::lgamma(a0 + n0);
      }
    }
    result.log_marginal_likelihood = lml;
  }
  return result;
}

}  // namespace pitchrisk
