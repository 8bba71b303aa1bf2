// SPDX-License-Identifier: MIT
// learning_benchmark: time and quality of parameter learning (counting or EM) on CSV files,
// for bench/pomegranate_compare.py. Reading the CSV files is not timed (the Python side's
// reading is not either); the learning is, as the median of --repeat runs, both wall-clock
// and process CPU time (the CPU time is what to compare on a machine shared with others).
//   learning_benchmark NETWORK.bif TRAIN.csv TEST.csv [--prior mle|bdeu|k2] [--ess N]
//                      [--em] [--threads N] [--repeat R]
// Prints one JSON object: records, the timings, the held-out log-likelihood per record of the
// learned and of the true network (NETWORK), their gap, and EM's iterations when it ran.
#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/io/csv.hpp"
#include "pitchrisk/learning.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  using namespace pitchrisk;
  if (argc < 4) {
    std::fprintf(stderr, "usage: learning_benchmark NETWORK.bif TRAIN.csv TEST.csv [--prior mle|bdeu|k2] [--ess N] "
                         "[--em] [--threads N] [--repeat R]\n");
    return 2;
  }
  std::string prior_name = "mle";
  double ess = 1;
  bool force_em = false;
  int threads = 1, repeat = 5;
  for (int i = 4; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--prior") prior_name = next();
    else if (a == "--ess") ess = std::atof(next().c_str());
    else if (a == "--em") force_em = true;
    else if (a == "--threads") threads = std::atoi(next().c_str());
    else if (a == "--repeat") repeat = std::max(1, std::atoi(next().c_str()));
    else {
      std::fprintf(stderr, "unknown option %s\n", a.c_str());
      return 2;
    }
  }
  try {
    const network truth = io::read_bif(argv[1]);
    const dataset train = io::read_csv(std::string(argv[2]), truth);
    const dataset test = io::read_csv(std::string(argv[3]), truth);
    parameter_prior prior;
    prior.ess = ess;
    prior.kind = prior_name == "bdeu" ? prior_kind::bdeu : prior_name == "k2" ? prior_kind::k2 : prior_kind::mle;
    const bool em = force_em || train.has_missing();
    std::vector<double> wall, cpu;
    network learned;
    int iterations = 0;
    for (int r = 0; r < repeat; ++r) {
      const auto w0 = std::chrono::steady_clock::now();
      const std::clock_t c0 = std::clock();
      if (em) {
        em_options o;
        o.prior = prior;
        o.threads = threads;
        const em_result res = learn_parameters_em(truth, train, o);
        learned = res.model;
        iterations = res.iterations;
      } else {
        learned = estimate_parameters(truth, train, prior);
      }
      cpu.push_back(static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
      wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count());
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    const double n = static_cast<double>(test.rows());
    const double ll_learned = log_likelihood(learned, test) / n, ll_true = log_likelihood(truth, test) / n;
    std::printf("{\"records\": %lld, \"em\": %s, \"iterations\": %d, \"threads\": %d, \"wall_seconds\": %.6f, "
                "\"cpu_seconds\": %.6f, \"ll_learned\": %.6f, \"ll_true\": %.6f, \"gap\": %.6f, \"data_bytes\": %zu, "
                "\"cells\": %lld}\n",
                static_cast<long long>(train.rows()), em ? "true" : "false", iterations, threads, wall[wall.size() / 2],
                cpu[cpu.size() / 2], ll_learned, ll_true, ll_true - ll_learned, train.cell_bytes(),
                static_cast<long long>(train.rows() * train.columns()));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "learning_benchmark: %s\n", e.what());
    return 1;
  }
}
