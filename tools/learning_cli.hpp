// SPDX-License-Identifier: MIT
// Pieces shared by the learning tools (pitchrisk-sample, pitchrisk-learn, pitchrisk-evaluate):
// the --prior / --ess / --missing-token options, and reading the CSV against a network.
#pragma once

#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/io/csv.hpp"
#include "pitchrisk/learning.hpp"

#include "cli_run.hpp"

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace pitchrisk::cli {

/// The values of --prior and --ess.
struct prior_choice {
  std::string prior = "mle";
  double ess = 1.0;
};

/// Adds --prior and --ess to `app`.
inline void add_prior_options(CLI::App& app, prior_choice& choice) {
  app.add_option("--prior", choice.prior,
                 "Dirichlet prior of the CPTs: mle (maximum likelihood, no prior), bdeu (alpha = ESS / "
                 "(states x parent configurations)), k2 (alpha = 1), or network:FILE.bif (alpha = ESS x "
                 "P(family) under that network, e.g. an elicited model)")
      ->capture_default_str();
  app.add_option("--ess", choice.ess, "equivalent sample size of the bdeu and network priors")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
}

/// The prior the choice names. Throws: error on an unknown kind; io_error/parse_error from
/// reading the prior network.
inline parameter_prior make_prior(const prior_choice& c) {
  parameter_prior p;
  p.ess = c.ess;
  if (c.prior == "mle") p.kind = prior_kind::mle;
  else if (c.prior == "bdeu") p.kind = prior_kind::bdeu;
  else if (c.prior == "k2") p.kind = prior_kind::k2;
  else if (c.prior.rfind("network:", 0) == 0) {
    p.kind = prior_kind::network;
    p.prior_network = std::make_shared<const network>(io::read_bif(c.prior.substr(8)));
  } else {
    throw error("--prior '" + c.prior + "': expected mle, bdeu, k2 or network:FILE.bif");
  }
  return p;
}

/// Adds --missing-token (repeatable) and --delimiter to `app`.
inline void add_csv_options(CLI::App& app, std::vector<std::string>& extra_missing, std::string& delimiter) {
  app.add_option("--missing-token", extra_missing,
                 "a cell text that also means missing (repeatable; empty, ? and NA always do)");
  app.add_option("--delimiter", delimiter, "the cell separator of the CSV file (one character; 'tab' for a tab)")
      ->capture_default_str();
}

/// Completes the CSV options from the command-line values.
inline void finish_csv_options(io::csv_options& o, const std::vector<std::string>& extra_missing,
                               const std::string& delimiter) {
  for (const auto& t : extra_missing) o.missing_tokens.push_back(t);
  if (delimiter == "tab") o.delimiter = '\t';
  else if (delimiter.size() == 1) o.delimiter = delimiter[0];
  else throw error("--delimiter '" + delimiter + "': expected one character or 'tab'");
}

}  // namespace pitchrisk::cli
