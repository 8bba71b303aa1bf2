// SPDX-License-Identifier: MIT
// The research loop as a story. A clinic's records follow the "chest clinic" network, but a
// fifth of the cells were never filled in. From those records, learn the model back and ask
// how close it gets to the truth, on fresh records it has not seen.
//
//   asia      smoke            sample 20,000 records from the true network, hide 20% of the
//    |        /   \            cells at random, learn the graph by tabu search and its CPTs by
//   tub    lung   bronc        EM (expected counts from the junction tree), then score the
//                              learned and the true network on
//     \    /        |          5,000 held-out records: log-likelihood per record, and how well
//     either        |          each predicts bronchitis from the other cells.
//     /     \       |
//   xray     dysp --+          Run with a BIF file as argument (e.g. alarm.bif) to use that instead.
#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/learning.hpp"

#include <cstdio>
#include <vector>

namespace {

pitchrisk::network chest_clinic() {
  pitchrisk::network_builder b("asia");
  for (const char* name : {"asia", "tub", "smoke", "lung", "bronc", "either", "xray", "dysp"}) b.add_variable(name, {"yes", "no"});
  b.set_cpt("asia", {}, {0.01, 0.99});
  b.set_cpt("tub", {"asia"}, {0.05, 0.95, 0.01, 0.99});
  b.set_cpt("smoke", {}, {0.5, 0.5});
  b.set_cpt("lung", {"smoke"}, {0.1, 0.9, 0.01, 0.99});
  b.set_cpt("bronc", {"smoke"}, {0.6, 0.4, 0.3, 0.7});
  b.set_cpt("either", {"lung", "tub"}, {1, 0, 1, 0, 1, 0, 0, 1});
  b.set_cpt("xray", {"either"}, {0.98, 0.02, 0.05, 0.95});
  b.set_cpt("dysp", {"bronc", "either"}, {0.9, 0.1, 0.7, 0.3, 0.8, 0.2, 0.1, 0.9});
  return b.build();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace pitchrisk;
  // 1. The truth, and records drawn from it: 20% of the training cells go missing.
  const network truth = argc > 1 ? io::read_bif(argv[1]) : chest_clinic();
  const dataset train = sample(truth, 20000, {.seed = 1, .missing_rate = 0.2});
  const dataset test = sample(truth, 5000, {.seed = 2});
  std::printf("%s: %lld training records, %lld of %lld cells missing; %lld test records\n", truth.name().c_str(),
              static_cast<long long>(train.rows()), static_cast<long long>(train.missing_cells()),
              static_cast<long long>(train.rows() * train.columns()), static_cast<long long>(test.rows()));

  // 2. The structure: tabu search over arc additions, removals and reversals with the BDeu
  //    score, on the complete records only (families counted on different subsets of records
  //    would not be comparable scores). Its distance to the truth is counted on the essential
  //    graphs (arcs whose direction data can tell).
  std::vector<Eigen::Index> complete;
  for (Eigen::Index r = 0; r < train.rows(); ++r) {
    bool full = true;
    for (Eigen::Index c = 0; c < train.columns(); ++c) full = full && train.at(r, c) != dataset::missing;
    if (full) complete.push_back(r);
  }
  const learned_structure found =
      hill_climbing(train.select_rows(complete),
                    {.score = {.kind = structure_score_kind::bdeu, .equivalent_sample_size = 1}, .tabu_length = 20});
  network_builder shape(truth.name());
  for (Eigen::Index c = 0; c < train.columns(); ++c) shape.add_variable(train.name(c), train.states(c));
  for (Eigen::Index c = 0; c < train.columns(); ++c) {
    shape.set_parents(c, found.parents[static_cast<std::size_t>(c)]);
    Eigen::Index entries = train.cardinality(c);
    for (const Eigen::Index p : found.parents[static_cast<std::size_t>(c)]) entries *= train.cardinality(p);
    shape.set_cpt(c, Eigen::ArrayXd::Constant(entries, 1.0 / static_cast<double>(train.cardinality(c))));
  }
  const network structure = shape.build();  // CPTs are placeholders: EM replaces them
  std::printf("structure from %lld complete records: %lld arcs learned (%lld true), structural Hamming distance %lld\n",
              static_cast<long long>(complete.size()), static_cast<long long>(structure.arc_count()), static_cast<long long>(truth.arc_count()),
              static_cast<long long>(structural_hamming_distance(truth, structure)));

  // 3. The parameters: EM from the incomplete records, with a BDeu prior of one record.
  const em_result em = learn_parameters_em(structure, train, {.prior = {.kind = prior_kind::bdeu, .ess = 1}});
  std::printf("EM: %s after %d E-steps, log-likelihood per record %.4f -> %.4f\n",
              em.converged ? "converged" : "stopped", em.iterations, em.log_likelihood.front() / 20000.0,
              em.log_likelihood.back() / 20000.0);

  // 4. Judge both models on the records neither has seen.
  const double n = static_cast<double>(test.rows());
  const double ll_true = log_likelihood(truth, test) / n, ll_learned = log_likelihood(em.model, test) / n;
  std::printf("held-out log-likelihood per record: true %.4f, learned %.4f, gap %.4f nats\n", ll_true, ll_learned,
              ll_true - ll_learned);
  const char* target = argc > 1 ? truth.variable(0).name.c_str() : "bronc";
  const target_scores t = score_predictions(predict(truth, test, target));
  const target_scores l = score_predictions(predict(em.model, test, target));
  std::printf("predicting %s from the other cells: AUC true %.2f, learned %.2f; Brier true %.3f, learned %.3f\n",
              target, t.auc, l.auc, t.brier, l.brier);
}
