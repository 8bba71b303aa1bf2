// SPDX-License-Identifier: MIT
// pitchrisk-evaluate: how well a network explains held-out records.
//   pitchrisk-evaluate NETWORK.bif TEST.csv [--target VAR [--state S] [--bins B]]
//                      [--folds K [--learn mle|bdeu|k2|network:FILE.bif] [--ess N] [--seed S]]
// Prints the log-likelihood (total and per record; missing cells are summed out) and, with a
// target, log-loss, Brier score, AUC, accuracy and a calibration table of its prediction from
// the other cells. With --folds, k-fold cross-validation of learning NETWORK's parameters.
#include "learning_cli.hpp"

#include <cmath>
#include <cstdio>

namespace {

using namespace pitchrisk;

void print_scores(const target_scores& s) {
  std::printf("target records\t%lld\nlog-loss\t%.6f\nBrier\t%.6f\nAUC\t%.6f\naccuracy\t%.6f\n",
              static_cast<long long>(s.records), s.log_loss, s.brier, s.auc, s.accuracy);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("Evaluates a network on records (CSV): the log-likelihood of the records (cells that are "
               "missing or have no column are summed out) and, for a target variable predicted from the "
               "other cells, log-loss, Brier score (sum over states, in [0, 2]), AUC (one-vs-rest mean for "
               "more than two states) and a calibration table. With --folds K, k-fold cross-validation of "
               "learning the network's parameters from these records instead.",
               "pitchrisk-evaluate");
  std::string network_file, data_file, target, state;
  int bins = 10, folds = 0, threads = 1;
  std::uint64_t seed = 1;
  cli::prior_choice learn;
  std::vector<std::string> missing_tokens;
  std::string delimiter = ",";
  app.add_option("NETWORK", network_file, "the network (BIF file)")->required()->check(CLI::ExistingFile);
  app.add_option("DATA", data_file, "the records (CSV, header of variable names)")->required()->check(CLI::ExistingFile);
  app.add_option("--target", target, "a variable to predict from the other cells of each record");
  app.add_option("--state", state, "the target state of the calibration table (default: the target's last state)");
  app.add_option("--bins", bins, "bins of the calibration table")->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--folds", folds, "k-fold cross-validation of learning NETWORK's parameters from DATA (k >= 2)")
      ->check(CLI::Range(2, 1000));
  app.add_option("--learn", learn.prior,
                 "with --folds: the prior of the learning (mle, bdeu, k2 or network:FILE.bif); EM when cells are missing")
      ->capture_default_str();
  app.add_option("--ess", learn.ess, "with --folds: equivalent sample size of the bdeu and network priors")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--seed", seed, "with --folds: seed of the shuffle that cuts the folds")->capture_default_str();
  app.add_option("--threads", threads, "threads for the log-likelihood and EM (0: all cores)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cli::add_csv_options(app, missing_tokens, delimiter);
  return cli::run(app, argc, argv, [&] {
    const network net = io::read_bif(network_file);
    io::csv_options csv;
    cli::finish_csv_options(csv, missing_tokens, delimiter);
    const dataset data = io::read_csv(data_file, net, csv);
    if (!target.empty()) (void)net.id(target);
    if (folds >= 2) {
      const parameter_prior prior = cli::make_prior(learn);
      const auto results = cross_validate(
          data,
          [&](const dataset& train) {
            if (!train.has_missing()) return estimate_parameters(net, train, prior);
            em_options em;
            em.prior = prior;
            em.threads = threads;
            return learn_parameters_em(net, train, em).model;
          },
          {.folds = folds, .seed = seed, .target = target, .threads = threads});
      std::printf("fold\ttrain\ttest\tlog-likelihood per record%s\n", target.empty() ? "" : "\tlog-loss\tBrier\tAUC\taccuracy");
      double sum = 0;
      for (std::size_t f = 0; f < results.size(); ++f) {
        const fold_result& r = results[f];
        sum += r.log_likelihood_per_record;
        std::printf("%zu\t%lld\t%lld\t%.6f", f + 1, static_cast<long long>(r.train_records),
                    static_cast<long long>(r.test_records), r.log_likelihood_per_record);
        if (!target.empty())
          std::printf("\t%.6f\t%.6f\t%.6f\t%.6f", r.target.log_loss, r.target.brier, r.target.auc, r.target.accuracy);
        std::printf("\n");
      }
      std::printf("mean\t\t\t%.6f\n", sum / static_cast<double>(results.size()));
      return;
    }
    const double ll = log_likelihood(net, data, threads);
    std::printf("records\t%lld\nlog-likelihood\t%.6f\nlog-likelihood per record\t%.6f\n",
                static_cast<long long>(data.rows()), ll, data.rows() ? ll / static_cast<double>(data.rows()) : 0.0);
    if (target.empty()) return;
    const target_predictions p = predict(net, data, target);
    const target_scores s = score_predictions(p);
    print_scores(s);
    if (s.records == 0) return;
    const variable_id t = net.id(target);
    const Eigen::Index k = state.empty() ? net.cardinality(t) - 1 : net.state(t, state);
    std::printf("calibration of P(%s = %s)\nfrom\tto\tmean predicted\tobserved\tcount\n", target.c_str(),
                net.variable(t).states[static_cast<std::size_t>(k)].c_str());
    for (const calibration_bin& b : calibration_table(p.probabilities, p.labels, k, bins))
      std::printf("%.3f\t%.3f\t%.6f\t%.6f\t%lld\n", b.lower, b.upper, b.mean_predicted, b.observed_frequency,
                  static_cast<long long>(b.count));
  });
}
