// SPDX-License-Identifier: MIT
#include "pitchrisk/learning/em.hpp"

#include "pitchrisk/learning/sampling.hpp"
#include "support/brute_force.hpp"
#include "support/networks.hpp"
#include "support/shared_data.hpp"

#include "pitchrisk/io/bif.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <vector>

namespace em_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

namespace {

/// The evidence of one record's observed cells (column v = variable v).
evidence record_evidence(const dataset& d, Eigen::Index r) {
  evidence e;
  for (Eigen::Index v = 0; v < d.columns(); ++v)
    if (!d.is_missing(r, v)) e.observe(variable_id{v}, Eigen::Index{d.at(r, v)});
  return e;
}

}  // namespace

TEST_CASE("the E-step's expected family counts and log-likelihood match brute-force enumeration",
          "[learning][em]") {
  const auto seed = GENERATE(3u, 8u, 21u);
  const network net = test::random_network(seed, 7, 3, false);
  const dataset d = sample(net, 150, {.seed = seed, .missing_rate = 0.35});
  std::vector<double> counts;
  const double ll = expected_counts(net, d, &counts, 1, 16);
  const std::vector<Eigen::Index> offsets = detail::cpt_offsets(net);
  std::vector<long double> expected(counts.size(), 0.0L);
  long double expected_ll = 0;
  for (Eigen::Index r = 0; r < d.rows(); ++r) {
    const test::brute_force_result bf = test::brute_force(net, record_evidence(d, r));
    REQUIRE(bf.possible);
    expected_ll += bf.log_pe;
    for (const variable_id v : net.variables())
      for (std::size_t k = 0; k < bf.families[static_cast<std::size_t>(v)].size(); ++k)
        expected[static_cast<std::size_t>(offsets[static_cast<std::size_t>(v)]) + k] += bf.families[static_cast<std::size_t>(v)][k];
  }
  CHECK(ll == Approx(static_cast<double>(expected_ll)).epsilon(1e-10));
  for (std::size_t k = 0; k < counts.size(); ++k) {
    INFO("entry " << k);
    CHECK(counts[k] == Approx(static_cast<double>(expected[k])).epsilon(1e-9).margin(1e-9));
  }
  // The same numbers, bit for bit, on three threads.
  std::vector<double> threaded;
  const double ll3 = expected_counts(net, d, &threaded, 3, 16);
  CHECK(ll3 == ll);
  CHECK(threaded == counts);
}

TEST_CASE("EM recovers asia's parameters from records with 20% of the cells missing", "[learning][em]") {
  const network truth = test::asia();
  const Eigen::Index n = 20000;
  const dataset d = sample(truth, n, {.seed = 12, .missing_rate = 0.2});
  const em_result r = learn_parameters_em(truth, d, {.tolerance = 1e-6});
  CHECK(r.converged);
  // The trace rises (EM never lowers the likelihood under MLE).
  for (std::size_t i = 1; i < r.log_likelihood.size(); ++i) CHECK(r.log_likelihood[i] >= r.log_likelihood[i - 1] - 1e-6);
  // Every CPT entry whose parent configuration is common enough is within 4 standard errors
  // of the truth (effective records: the configuration's share of n, times 0.8 for the
  // child's own missing cells, times 0.8^parents for its parents').
  const test::brute_force_result prior = test::brute_force(truth, evidence{});
  std::size_t checked = 0;
  for (const variable_id v : truth.variables()) {
    const factor& t = truth.cpt(v);
    const factor& e = r.model.cpt(v);
    const auto& fam = prior.families[static_cast<std::size_t>(v)];
    const Eigen::Index stride = t.stride(v), k = truth.cardinality(v);
    for (Eigen::Index i = 0; i < t.size(); ++i) {
      // P(parents) = sum over the child's states of P(family).
      const Eigen::Index base = i - ((i / stride) % k) * stride;
      long double p_parents = 0;
      for (Eigen::Index s = 0; s < k; ++s) p_parents += fam[static_cast<std::size_t>(base + s * stride)];
      const double n_eff = static_cast<double>(p_parents) * static_cast<double>(n) * 0.8 *
                           std::pow(0.8, static_cast<double>(truth.parents(v).size()));
      if (n_eff < 300) continue;
      const double p = t.values()[i];
      const double se = std::sqrt(std::max(p * (1 - p), 1e-4) / n_eff);
      INFO(truth.variable(v).name << " entry " << i << ": truth " << p << ", EM " << e.values()[i] << ", se " << se);
      CHECK(std::abs(e.values()[i] - p) <= 4 * se + 1e-3);
      ++checked;
    }
  }
  CHECK(checked >= 20);
}

TEST_CASE("EM: identical results on 1 and 2 threads, seeded restarts, latent variables", "[learning][em]") {
  const network truth = test::asia();
  const dataset d = sample(truth, 3000, {.seed = 5, .missing_rate = 0.1, .hidden = {"either"}});
  const em_options one{.max_iterations = 30, .restarts = 2, .seed = 7, .threads = 1};
  em_options two = one;
  two.threads = 2;
  const em_result a = learn_parameters_em(truth, d, one);
  const em_result b = learn_parameters_em(truth, d, two);
  CHECK(a.log_likelihood == b.log_likelihood);
  CHECK(a.model == b.model);
  REQUIRE(a.run_log_likelihoods.size() == 3);
  for (const double x : a.run_log_likelihoods) CHECK(x <= a.log_likelihood.back());
  CHECK(a.run_log_likelihoods[static_cast<std::size_t>(a.best_run)] == a.log_likelihood.back());
  // The latent variable's family was learned (not left uniform).
  const Eigen::ArrayXd either = a.model.cpt_columns(truth.id("either"));
  CHECK((either - 0.5).abs().maxCoeff() > 0.05);
}

TEST_CASE("EM names a record that is impossible under the model, never a NaN", "[learning][em]") {
  const network truth = test::asia();
  dataset d = dataset::for_network(truth);
  std::vector<dataset::cell> row(static_cast<std::size_t>(truth.size()), dataset::missing);
  d.append_row(row);
  row[static_cast<std::size_t>(truth.id("tub"))] = 0;     // tub = yes
  row[static_cast<std::size_t>(truth.id("either"))] = 1;  // either = no: impossible
  d.append_row(row);
  em_options from_truth;
  from_truth.start = std::make_shared<const network>(truth);
  CHECK_THROWS_WITH(learn_parameters_em(truth, d, from_truth), Catch::Contains("record 1 is impossible"));
  CHECK_THROWS_AS(learn_parameters_em(truth, d, from_truth), evidence_error);
  CHECK_THROWS_AS(learn_parameters_em(truth, d, {.max_iterations = 0}), error);
}

TEST_CASE("EM over evidence records: weighted counts and likelihoods match brute force, soft findings included",
          "[learning][em]") {
  const network net = test::random_network(8u, 7, 3, false);
  const dataset d = sample(net, 60, {.seed = 8, .missing_rate = 0.4});
  std::vector<evidence_record> records;
  for (Eigen::Index r = 0; r < d.rows(); ++r) {
    evidence e = record_evidence(d, r);
    if (r % 3 == 0 && d.is_missing(r, 0)) {  // a partial finding: "state 0 or 1" of variable 0
      std::vector<double> lambda(static_cast<std::size_t>(net.cardinality(0)), 0.0);
      lambda[0] = lambda[1] = 1.0;
      e.likelihood(variable_id{0}, lambda);
    }
    records.push_back({e, 0.5 + static_cast<double>(r % 4)});
  }
  std::vector<double> counts;
  const double ll = expected_counts(net, std::span<const evidence_record>(records), &counts, 1, 7);
  const std::vector<Eigen::Index> offsets = detail::cpt_offsets(net);
  std::vector<long double> expected(counts.size(), 0.0L);
  long double expected_ll = 0;
  for (const evidence_record& rec : records) {
    const test::brute_force_result bf = test::brute_force(net, rec.seen);
    REQUIRE(bf.possible);
    expected_ll += rec.weight * bf.log_pe;
    for (const variable_id v : net.variables())
      for (std::size_t k = 0; k < bf.families[static_cast<std::size_t>(v)].size(); ++k)
        expected[static_cast<std::size_t>(offsets[static_cast<std::size_t>(v)]) + k] +=
            rec.weight * bf.families[static_cast<std::size_t>(v)][k];
  }
  CHECK(ll == Approx(static_cast<double>(expected_ll)).epsilon(1e-10));
  for (std::size_t k = 0; k < counts.size(); ++k) {
    INFO("entry " << k);
    CHECK(counts[k] == Approx(static_cast<double>(expected[k])).epsilon(1e-9).margin(1e-9));
  }
  std::vector<double> threaded;
  CHECK(expected_counts(net, std::span<const evidence_record>(records), &threaded, 3, 7) == ll);
  CHECK(threaded == counts);
  // A fixed CPT stays; the others move; the likelihood does not fall (MLE steps).
  em_options options{.max_iterations = 8, .tolerance = 0};
  options.fixed = {net.variable(0).name};
  const em_result fit = learn_parameters_em(net, std::span<const evidence_record>(records), options);
  CHECK((fit.model.cpt_columns(0) == net.cpt_columns(0)).all());
  for (std::size_t i = 1; i < fit.log_likelihood.size(); ++i)
    CHECK(fit.log_likelihood[i] >= fit.log_likelihood[i - 1] - 1e-9);
  CHECK(std::isnan(fit.log_marginal_likelihood));  // no prior, no marginal likelihood
}

TEST_CASE("EM over evidence records refuses bad weights, restarts and impossible records", "[learning][em]") {
  const network truth = test::asia();
  std::vector<evidence_record> records{{evidence{{"tub", "yes"}}, -1.0}};
  CHECK_THROWS_WITH(learn_parameters_em(truth, std::span<const evidence_record>(records), {}),
                    Catch::Contains("record 0 has weight"));
  records = {{evidence{{"tub", "yes"}, {"either", "no"}}, 1.0}};
  CHECK_THROWS_AS(learn_parameters_em(truth, std::span<const evidence_record>(records), {}), evidence_error);
  CHECK_THROWS_WITH(learn_parameters_em(truth, std::span<const evidence_record>(records), {.restarts = 1}),
                    Catch::Contains("restarts"));
  em_options unknown;
  unknown.fixed = {"no_such_variable"};
  CHECK_THROWS_AS(learn_parameters_em(truth, std::span<const evidence_record>(records), unknown), lookup_error);
}

TEST_CASE("EM recovers alarm's parameters from 10 000 records with 20% missing", "[learning][em][.slow]") {
  if (!test::have_shared_data()) {
    WARN("no shared data: skipped");
    return;
  }
  const network truth = io::read_bif(test::shared_network_path("alarm"));
  const dataset d = sample(truth, 10000, {.seed = 1, .missing_rate = 0.2});
  const em_result r = learn_parameters_em(truth, d, {.prior = {.kind = prior_kind::bdeu, .ess = 1}});
  CHECK(r.converged);
  const dataset test_data = sample(truth, 5000, {.seed = 99});
  const double ll_true = expected_counts(truth, test_data, nullptr);
  const double ll_em = expected_counts(r.model, test_data, nullptr);
  CHECK((ll_true - ll_em) / 5000 < 0.06);
}

}  // namespace em_test
