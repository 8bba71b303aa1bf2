// SPDX-License-Identifier: MIT
// Parameter learning for a fixed structure from complete or available-case counts: maximum
// likelihood, or the posterior mean under Dirichlet priors (BDeu with an equivalent sample
// size, K2, a prior network with an equivalent sample size: alpha = ess x P_prior(x, pa), or a
// prior network's columns each worth `ess` records: alpha = ess x P_prior(x | pa)).
// A CPT column without data and without prior mass is uniform (said in the result's notes).
#pragma once

#include "pitchrisk/core/network.hpp"
#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/junction_tree.hpp"
#include "pitchrisk/learning/counts.hpp"
#include "pitchrisk/learning/dataset.hpp"

#include <Eigen/Core>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

namespace pitchrisk {

/// Which Dirichlet prior the Bayesian estimate uses.
enum class prior_kind {
  mle,      ///< no prior: maximum likelihood (columns without data become uniform)
  bdeu,     ///< alpha = ess / (states x parent configurations) for every entry
  k2,       ///< alpha = 1 for every entry
  network,  ///< alpha = ess x P(x, parents) under `prior_network` (Heckerman's BDe)
  columns,  ///< alpha = ess x P(x | parents) of `prior_network`: every column equally strong,
            ///< however rare its parent configuration (the same parents, in the same order)
};

/// A Dirichlet prior over every CPT column.
struct parameter_prior {
  prior_kind kind = prior_kind::mle;                    ///< which Dirichlet pseudo-counts (mle: none)
  double ess = 1.0;                                     ///< equivalent sample size (bdeu, network, columns)
  std::shared_ptr<const network> prior_network{};       ///< kind network, columns: variables matched by name
};

/// What estimate_parameters() did besides the numbers.
struct estimation_notes {
  /// CPT columns that had neither data nor prior mass and were set uniform, as
  /// "variable | parent=state, ..." (at most 100 listed; `uniform_count` has them all).
  std::vector<std::string> uniform_columns{};
  Eigen::Index uniform_count = 0;  ///< how many columns were set uniform in all

};

/// Counts of every family of `structure` in `data` (columns matched by name), one array per
/// variable in builder layout (child fastest, then the declared parents); available-case: a
/// row with a missing cell in the family does not count; a variable or parent without a
/// column gives zero counts. Throws: model_error if a matched column's states differ.
template <class Real>
[[nodiscard]] std::vector<Eigen::ArrayXd> network_counts(const basic_network<Real>& structure, const dataset& data);

/// The pseudo-counts of `prior` for every family of `structure`, in builder layout.
/// Throws: error on ess <= 0 (bdeu, network, columns) or a missing prior network; model_error
/// if the prior network lacks a variable of the structure, has other states, or (columns)
/// other parents.
template <class Real>
[[nodiscard]] std::vector<Eigen::ArrayXd> prior_counts(const basic_network<Real>& structure, const parameter_prior& prior);

/// The network with `structure`'s variables and parents and CPTs (counts + pseudo) / column
/// total; a column of total 0 is uniform (listed in `notes`). `pseudo` may be empty (MLE).
/// Throws: error if `counts` (or a non-empty `pseudo`) does not hold one table per variable,
/// or a pseudo-count table differs in size from its count table; model_error from the build
/// on a table whose size is not the CPT's.


template <class Real>
[[nodiscard]] basic_network<Real> network_from_counts(const basic_network<Real>& structure,
                                                      const std::vector<Eigen::ArrayXd>& counts,
                                                      const std::vector<Eigen::ArrayXd>& pseudo,
                                                      estimation_notes* notes = nullptr);

/// Parameters of `structure` (its CPT values are ignored) from `data`: MLE or the Dirichlet
/// posterior mean. Missing cells: available-case counts (use learn_parameters_em for EM).
/// Complexity: O(rows x (variables + arcs)) plus the prior (one junction tree for `network`).
template <class Real>
[[nodiscard]] basic_network<Real> estimate_parameters(const basic_network<Real>& structure, const dataset& data,
                                                      const parameter_prior& prior = {},
                                                      estimation_notes* notes = nullptr);

// ---------------------------------------------------------------------------------------

template <class Real>
std::vector<Eigen::ArrayXd> network_counts(const basic_network<Real>& structure, const dataset& data) {
  const std::vector<Eigen::Index> cols = match_columns(data, structure);
  std::vector<Eigen::ArrayXd> out;
  out.reserve(static_cast<std::size_t>(structure.size()));
  std::vector<Eigen::Index> parents;
  for (const variable_id v : structure.variables()) {
    Eigen::Index size = structure.cardinality(v);
    bool all_present = cols[static_cast<std::size_t>(v)] >= 0;
    parents.clear();
    for (const variable_id p : structure.parents(v)) {
      size *= structure.cardinality(p);
      all_present = all_present && cols[static_cast<std::size_t>(p)] >= 0;
      parents.push_back(cols[static_cast<std::size_t>(p)]);
    }
    if (!all_present) {
      out.push_back(Eigen::ArrayXd::Zero(size));
      continue;
    }
    out.push_back(family_counts(data, cols[static_cast<std::size_t>(v)], parents));
  }
  return out;
}

template <class Real>
std::vector<Eigen::ArrayXd> prior_counts(const basic_network<Real>& structure, const parameter_prior& prior) {
  std::vector<Eigen::ArrayXd> out;
  out.reserve(static_cast<std::size_t>(structure.size()));
  if (prior.kind != prior_kind::mle && prior.kind != prior_kind::k2 && !(prior.ess > 0 && std::isfinite(prior.ess)))
    throw error("parameter prior: the equivalent sample size must be positive, got " + std::to_string(prior.ess));
  std::unique_ptr<junction_tree> engine;
  if ((prior.kind == prior_kind::network || prior.kind == prior_kind::columns) && !prior.prior_network)
    throw error(std::string("parameter prior: kind '") + (prior.kind == prior_kind::network ? "network" : "columns") +
                "' without a prior network");
  if (prior.kind == prior_kind::network) engine = std::make_unique<junction_tree>(*prior.prior_network);
  for (const variable_id v : structure.variables()) {
    Eigen::Index size = structure.cardinality(v);
    for (const variable_id p : structure.parents(v)) size *= structure.cardinality(p);
    switch (prior.kind) {
      case prior_kind::mle:
        out.push_back(Eigen::ArrayXd::Zero(size));
        break;
      case prior_kind::k2:
        out.push_back(Eigen::ArrayXd::Ones(size));
        break;
      case prior_kind::bdeu:
        out.push_back(Eigen::ArrayXd::Constant(size, prior.ess / static_cast<double>(size)));
        break;
      case prior_kind::network: {
        const network& pn = *prior.prior_network;
        // The family in the structure's builder order, as ids of the prior network.
        std::vector<variable_id> family{v};
        family.insert(family.end(), structure.parents(v).begin(), structure.parents(v).end());
        std::vector<variable_id> ids;
        for (const variable_id u : family) {
          const auto& var = structure.variable(u);
          const auto found = pn.find(var.name);
          if (!found) throw model_error("prior network '" + pn.name() + "' has no variable '" + var.name + "'");
          if (pn.variable(*found).states != var.states)
            throw model_error("prior network '" + pn.name() + "': variable '" + var.name +
                              "' has other states than in the structure");
          ids.push_back(*found);
        }
        const factor joint = engine->joint_posterior(std::span<const variable_id>(ids), evidence{});
        out.push_back(prior.ess * to_layout(joint, ids));
        break;
      }
      case prior_kind::columns: {
        const network& pn = *prior.prior_network;
        const auto& var = structure.variable(v);
        const auto found = pn.find(var.name);
        if (!found) throw model_error("prior network '" + pn.name() + "' has no variable '" + var.name + "'");
        if (pn.variable(*found).states != var.states)
          throw model_error("prior network '" + pn.name() + "': variable '" + var.name +
                            "' has other states than in the structure");
        const auto theirs = pn.parents(*found);
        const auto ours = structure.parents(v);
        bool same = theirs.size() == ours.size();
        for (std::size_t j = 0; same && j < ours.size(); ++j)
          same = pn.variable(theirs[j]).name == structure.variable(ours[j]).name;
        if (!same)
          throw model_error("prior network '" + pn.name() + "': variable '" + var.name +
                            "' has other parents (or another parent order) than in the structure");
        out.push_back(prior.ess * pn.cpt_columns(*found));
        break;
      }
    }
  }
  return out;
}

namespace detail {

/// "tub | asia=yes": names a CPT column of `v` (builder layout, first parent fastest).
template <class Real>
std::string column_name(const basic_network<Real>& net, variable_id v, Eigen::Index column) {
  std::vector<const pitchrisk::variable*> parents;
  for (const variable_id p : net.parents(v)) parents.push_back(&net.variable(p));
  return net.variable(v).name + " | " + describe_column(parents, column);
}

}  // namespace detail

template <class Real>
basic_network<Real> network_from_counts(const basic_network<Real>& structure, const std::vector<Eigen::ArrayXd>& counts,
                                        const std::vector<Eigen::ArrayXd>& pseudo, estimation_notes* notes) {
  if (static_cast<Eigen::Index>(counts.size()) != structure.size() ||
      (!pseudo.empty() && pseudo.size() != counts.size()))
    throw error("network_from_counts: one count table per variable expected");
  basic_network_builder<Real> b(structure);
  for (const variable_id v : structure.variables()) {
    const auto vi = static_cast<std::size_t>(v);
    Eigen::ArrayXd n = counts[vi];
    if (!pseudo.empty()) {
      if (pseudo[vi].size() != n.size()) throw error("network_from_counts: pseudo-counts of the wrong size");
      n += pseudo[vi];
    }
    const Eigen::Index k = structure.cardinality(v);
    const Eigen::Index columns = n.size() / k;
    Eigen::Array<Real, Eigen::Dynamic, 1> table(n.size());
    for (Eigen::Index c = 0; c < columns; ++c) {
      const double total = n.segment(c * k, k).sum();
      if (total > 0 && std::isfinite(total)) {
        for (Eigen::Index s = 0; s < k; ++s) table[c * k + s] = static_cast<Real>(n[c * k + s] / total);
      } else {
        for (Eigen::Index s = 0; s < k; ++s) table[c * k + s] = static_cast<Real>(1.0 / static_cast<double>(k));
        if (notes) {
          if (notes->uniform_columns.size() < 100) notes->uniform_columns.push_back(detail::column_name(structure, v, c));
          ++notes->uniform_count;
        }
      }
    }
    b.set_cpt(v, std::move(table));
  }
  return b.build();
}

template <class Real>
basic_network<Real> estimate_parameters(const basic_network<Real>& structure, const dataset& data,
                                        const parameter_prior& prior, estimation_notes* notes) {
  const std::vector<Eigen::ArrayXd> counts = network_counts(structure, data);
  const std::vector<Eigen::ArrayXd> pseudo =
      prior.kind == prior_kind::mle ? std::vector<Eigen::ArrayXd>{} : prior_counts(structure, prior);
  return network_from_counts(structure, counts, pseudo, notes);
}

}  // namespace pitchrisk
