// SPDX-License-Identifier: MIT
// pitchrisk-sample: draws records from a network (forward sampling) and writes them as CSV.
//   pitchrisk-sample NETWORK.bif N [--seed S] [--missing F] [--hide VAR,...] [--threads N]
//                    [--out FILE.csv]                                      (default: stdout)
// The records depend only on the network, N and the seed, not on the thread count.
#include "learning_cli.hpp"

#include <fstream>

int main(int argc, char** argv) {
  using namespace pitchrisk;
  CLI::App app("Draws N records from a Bayesian network (forward sampling) and writes them as CSV: a "
               "header of variable names, one record per row, state names in the cells, missing cells "
               "empty.",
               "pitchrisk-sample");
  std::string network_file, out_file;
  Eigen::Index rows = 0;
  sampling_options options;
  app.add_option("NETWORK", network_file, "the network to sample (BIF file)")->required()->check(CLI::ExistingFile);
  app.add_option("N", rows, "number of records")->required()->check(CLI::NonNegativeNumber);
  app.add_option("--seed", options.seed, "seed of the random streams (same seed, same records)")->capture_default_str();
  app.add_option("--missing", options.missing_rate,
                 "probability that a cell is missing, independently of everything (MCAR)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--hide", options.hidden, "variables left out of the output (latent), comma-separated")
      ->delimiter(',');
  app.add_option("--threads", options.threads, "threads to sample with (0: all cores); the records do not change")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--out", out_file, "write the CSV here instead of to standard output");
  return cli::run(app, argc, argv, [&] {
    const network net = io::read_bif(network_file);
    const dataset data = sample(net, rows, options);
    if (out_file.empty()) {
      io::write_csv(std::cout, data);
      std::cout.flush();
      if (!std::cout) throw io_error("cannot write to standard output");
    } else {
      io::write_csv(out_file, data);
    }
  });
}
