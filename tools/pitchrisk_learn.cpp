// SPDX-License-Identifier: MIT
// pitchrisk-learn: learns a network from data. One function per subcommand registers its
// options and its action (add_parameters_command below); adding a subcommand is one more
// such function and one line in main().
//   pitchrisk-learn parameters --network STRUCTURE.bif --data TRAIN.csv --out OUT.bif
//       [--prior mle|bdeu|k2|network:FILE.bif] [--ess N] [--max-iterations N] [--restarts N]
//       [--tolerance T] [--seed S] [--threads N] [--missing-token T]... [--delimiter C]
// EM runs by itself when a cell is missing or a network variable has no column.
//   pitchrisk-learn structure --data TRAIN.csv --out OUT.bif [--algorithm hc|tabu|pc]
//       [--score bic|aic|bdeu|k2] [--max-parents K] [--require A->B]... [--forbid A->B]...
//       [--tiers FILE] [--seed S] ...   (tools/learn_structure.hpp; --help for all options)
#include "learn_structure.hpp"
#include "learning_cli.hpp"

#include <functional>
#include <iomanip>
#include <sstream>

namespace {

using namespace pitchrisk;

/// A registered subcommand's action, run after parsing when it was chosen.
struct subcommand {
  CLI::App* app = nullptr;
  std::function<void()> action;
};

/// `pitchrisk-learn parameters`: CPTs for a given structure (counting, or EM when cells are
/// missing), written as BIF. A summary goes to standard error.
subcommand add_parameters_command(CLI::App& app) {
  struct values {
    std::string network_file, data_file, out_file;
    cli::prior_choice prior;
    em_options em;
    std::vector<std::string> missing_tokens;
    std::string delimiter = ",";
  };
  auto v = std::make_shared<values>();
  CLI::App* sub = app.add_subcommand(
      "parameters",
      "Learn the CPTs of a given structure from records. Complete data: counts (MLE or the Dirichlet "
      "posterior mean). A missing cell or a network variable without a column in the data: EM, with "
      "expected counts from the junction tree, until the mean log-likelihood per record rises by less "
      "than the tolerance. The CPT values in the structure file are ignored unless it is also the prior.");
  sub->add_option("--network", v->network_file, "the structure: a BIF file whose variables, states and parents are used")
      ->required()
      ->check(CLI::ExistingFile);
  sub->add_option("--data", v->data_file, "the training records: CSV, a header of variable names, state names in the cells")
      ->required()
      ->check(CLI::ExistingFile);
  sub->add_option("--out", v->out_file, "where to write the learned network (BIF)")->required();
  cli::add_prior_options(*sub, v->prior);
  sub->add_option("--max-iterations", v->em.max_iterations, "EM: E-steps per run at most")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  sub->add_option("--tolerance", v->em.tolerance,
                  "EM: stop when the mean log-likelihood per record rises by less than this (nats)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--restarts", v->em.restarts, "EM: extra runs from random starting CPTs; the best log-likelihood wins")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--seed", v->em.seed, "EM: seed of the random restarts and of random starts of latent variables")
      ->capture_default_str();
  sub->add_option("--threads", v->em.threads, "EM: threads for the E-step (0: all cores); the result does not change")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cli::add_csv_options(*sub, v->missing_tokens, v->delimiter);
  return {sub, [v] {
            const network structure = io::read_bif(v->network_file);
            io::csv_options csv;
            cli::finish_csv_options(csv, v->missing_tokens, v->delimiter);
            const dataset data = io::read_csv(v->data_file, structure, csv);
            const parameter_prior prior = cli::make_prior(v->prior);
            Eigen::Index absent = 0;
            std::string absent_names;
            for (const variable_id x : structure.variables())
              if (data.column(x).size() > 0 && std::all_of(data.column(x).begin(), data.column(x).end(),
                                                          [](dataset::cell c) { return c == dataset::missing; })) {
                ++absent;
                absent_names += (absent_names.empty() ? "" : ", ") + structure.variable(x).name;
              }
            std::ostringstream report;
            report << std::setprecision(10);
            network learned;
            if (!data.has_missing()) {
              estimation_notes notes;
              learned = estimate_parameters(structure, data, prior, &notes);
              report << "counted " << data.rows() << " complete records (prior " << v->prior.prior << ")\n";
              if (notes.uniform_count > 0)
                report << notes.uniform_count << " CPT column(s) had no data and no prior mass and were set uniform, e.g. "
                       << notes.uniform_columns.front() << '\n';
            } else {
              em_options em = v->em;
              em.prior = prior;
              const em_result r = learn_parameters_em(structure, data, em);
              learned = r.model;
              const double cells = static_cast<double>(data.rows() * data.columns());
              report << "EM on " << data.rows() << " records, " << data.missing_cells() << " of "
                     << static_cast<Eigen::Index>(cells) << " cells missing";
              if (absent > 0) report << " (no data at all for: " << absent_names << ")";
              report << "\n" << (r.converged ? "converged" : "stopped at the iteration cap") << " after "
                     << r.iterations << " E-steps (run " << r.best_run << " of " << em.restarts + 1
                     << "); log-likelihood per record " << r.log_likelihood.back() / static_cast<double>(data.rows())
                     << "\nlog-likelihood trace:";
              for (const double ll : r.log_likelihood) report << ' ' << ll;
              report << '\n';
            }
            io::write_bif(learned, v->out_file);
            std::cerr << report.str() << "wrote " << v->out_file << '\n';
          }};
}

/// `pitchrisk-learn structure`: its options are parsed by learn_structure.hpp, which also
/// prints its --help; CLI11 passes everything after `structure` through.
subcommand add_structure_command(CLI::App& app) {
  CLI::App* sub = app.add_subcommand(
      "structure",
      "Learn a network's structure and CPTs from records: hill climbing or tabu search on BIC, AIC, "
      "BDeu or K2 with required/forbidden arcs, tiers and a parent limit, or PC-stable with a G or "
      "chi-square test. `pitchrisk-learn structure --help` lists the options.");
  sub->set_help_flag();
  sub->prefix_command();
  return {sub, [sub] {
            try {
              (void)pitchrisk_learn::run_structure(sub->remaining());
            } catch (const pitchrisk_learn::usage_error& e) {
              std::cerr << "pitchrisk-learn structure: " << e.what
                        << "\n(pitchrisk-learn structure --help lists the options)\n";
              std::exit(2);
            }
          }};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("Learns Bayesian networks from data (CSV records).", "pitchrisk-learn");
  std::vector<subcommand> commands;
  commands.push_back(add_parameters_command(app));
  commands.push_back(add_structure_command(app));
  app.require_subcommand(1);
  return cli::run(app, argc, argv, [&] {
    for (const subcommand& c : commands)
      if (c.app->parsed()) c.action();
  });
}
