// SPDX-License-Identifier: MIT
// The C++ answers the Python tests compare with, bit for bit: for NETWORK.bif and findings
// VAR=STATE..., prints log P(e) and every posterior with 17 significant digits, from the
// junction tree ("jt") or variable elimination ("ve"); then each variable's posterior
// asked alone (lines `single VAR p...`).
//   pitchrisk_python_answers jt|ve NETWORK.bif [VAR=STATE]...
// With `learn`, the learning and evaluation answers on the records of DATA.csv (read with
// the network's variables): structures, scores, tests, CPTs, predictions of TARGET, folds.
//   pitchrisk_python_answers learn NETWORK.bif DATA.csv TARGET
#include <pitchrisk/inference/junction_tree.hpp>
#include <pitchrisk/inference/variable_elimination.hpp>
#include <pitchrisk/io/bif.hpp>
#include <pitchrisk/io/csv.hpp>
#include <pitchrisk/learning/em.hpp>
#include <pitchrisk/learning/essential_graph.hpp>
#include <pitchrisk/learning/evaluation.hpp>
#include <pitchrisk/learning/hill_climbing.hpp>
#include <pitchrisk/learning/parameter_estimation.hpp>
#include <pitchrisk/learning/pc.hpp>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

template <class Engine>
void print_answers(const Engine& engine, const pitchrisk::evidence& seen) {
  std::printf("logpe %.17g\n", engine.log_evidence_probability(seen));
  for (const auto& d : engine.posteriors(seen)) {
    std::printf("%s", d.name().c_str());
    for (Eigen::Index s = 0; s < d.size(); ++s) std::printf(" %.17g", d[s]);
    std::printf("\n");
  }
  // Single-target queries take another path through the junction tree: print them too.
  for (const pitchrisk::variable_id v : engine.network().variables()) {
    const auto d = engine.posterior(v, seen);
    std::printf("single %s", d.name().c_str());
    for (Eigen::Index s = 0; s < d.size(); ++s) std::printf(" %.17g", d[s]);
    std::printf("\n");
  }
}

void print_network(const char* tag, const pitchrisk::network& net) {
  for (const pitchrisk::variable_id v : net.variables()) {
    std::printf("%s %s", tag, net.variable(v).name.c_str());
    const Eigen::ArrayXd table = net.cpt_columns(v);  // as pitchrisk.Network.cpt, flattened by column
    for (Eigen::Index i = 0; i < table.size(); ++i) std::printf(" %.17g", table[i]);
    std::printf("\n");
  }
}

void print_structure(const char* tag, const pitchrisk::dataset& data, const pitchrisk::parent_lists& parents) {
  for (std::size_t v = 0; v < parents.size(); ++v) {
    std::printf("%s %s", tag, data.name(static_cast<Eigen::Index>(v)).c_str());
    for (const Eigen::Index p : parents[v]) std::printf(" %s", data.name(p).c_str());
    std::printf("\n");
  }
}

void print_scores(const char* tag, const pitchrisk::target_scores& s) {
  std::printf("%s %td %.17g %.17g %.17g %.17g\n", tag, static_cast<std::ptrdiff_t>(s.records), s.log_loss, s.brier,
              s.auc, s.accuracy);
}

// The options the Python test gives too (tests/test_structure.py).
int learn_answers(const pitchrisk::network& net, const std::string& csv, const std::string& target) {
  using namespace pitchrisk;
  const dataset data = io::read_csv(std::filesystem::path(csv), net);
  const parameter_prior bdeu{.kind = prior_kind::bdeu, .ess = 1.0};

  const learned_structure hc = hill_climbing(data);
  std::printf("hc %.17g %td\n", hc.score, static_cast<std::ptrdiff_t>(hc.moves));
  print_structure("hc_parents", data, hc.parents);
  hill_climbing_options o;
  o.score = {.kind = structure_score_kind::bdeu, .equivalent_sample_size = 10};
  o.constraints.required = {{0, 1}};
  o.constraints.forbidden = {{2, 3}};
  o.constraints.max_parents = 2;
  o.tabu_length = 5;
  o.restarts = 2;
  o.seed = 3;
  const learned_structure tabu = hill_climbing(data, o);
  std::printf("tabu %.17g %td\n", tabu.score, static_cast<std::ptrdiff_t>(tabu.moves));
  print_structure("tabu_parents", data, tabu.parents);

  const pc_result pc = pc_stable(data, {.test = independence_test_kind::chi_square, .alpha = 0.01});
  std::printf("pc %td\n", static_cast<std::ptrdiff_t>(pc.tests));
  print_structure("pc_dag", data, to_dag(pc.graph));
  const std::vector<Eigen::Index> given{2};
  const independence_result it = independence_test(data, 0, 1, given);
  std::printf("independence %.17g %.17g %.17g %td\n", it.statistic, it.degrees_of_freedom, it.p_value,
              static_cast<std::ptrdiff_t>(it.rows));

  structure_score bic(data);
  std::printf("score_total %.17g\n", bic.total(net.all_parents()));

  print_network("em", learn_parameters_em(net, data, {.prior = bdeu}).model);
  std::printf("ll %.17g\n", log_likelihood(net, data));
  const target_predictions p = predict(net, data, target);
  print_scores("predict", score_predictions(p));
  for (const calibration_bin& b : calibration_table(p.probabilities, p.labels, 1, 5))
    std::printf("calibration %.17g %.17g %.17g %.17g %td\n", b.lower, b.upper, b.mean_predicted, b.observed_frequency,
                static_cast<std::ptrdiff_t>(b.count));
  const parameter_prior k2{.kind = prior_kind::k2};
  const learning_procedure learn = [&](const dataset& train) { return learn_parameters_em(net, train, {.prior = k2}).model; };
  const auto folds = cross_validate(data, learn, {.folds = 4, .seed = 5, .target = target});
  for (const fold_result& f : folds) {
    std::printf("fold %td %td %.17g\n", static_cast<std::ptrdiff_t>(f.train_records),
                static_cast<std::ptrdiff_t>(f.test_records), f.log_likelihood_per_record);
    print_scores("fold_target", f.target);
  }
  return 0;
}

int main(int argc, char** argv) try {
  if (argc == 5 && std::string(argv[1]) == "learn")
    return learn_answers(pitchrisk::io::read_bif(argv[2]), argv[3], argv[4]);
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s jt|ve NETWORK.bif [VAR=STATE]...\n", argv[0]);
    return 2;
  }
  const std::string kind = argv[1];
  const pitchrisk::network net = pitchrisk::io::read_bif(argv[2]);
  pitchrisk::evidence seen;
  for (int i = 3; i < argc; ++i) {
    const std::string f = argv[i];
    const auto eq = f.find('=');
    seen.observe(f.substr(0, eq), f.substr(eq + 1));
  }
  if (kind == "ve")
    print_answers(pitchrisk::variable_elimination(net), seen);
  else
    print_answers(pitchrisk::junction_tree(net), seen);
} catch (const std::exception& e) {
  std::fprintf(stderr, "%s\n", e.what());
  return 1;
}
