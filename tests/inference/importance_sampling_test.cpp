#include "pitchrisk/inference/importance_sampling.hpp"

#include "pitchrisk/inference/likelihood_weighting.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"
#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/io/reference.hpp"
#include "support/approximate.hpp"
#include "support/networks.hpp"
#include "support/shared_data.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>

namespace importance_sampling_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

static_assert(test::contract_engine<importance_sampling>);
static_assert(test::contract_engine<basic_importance_sampling<float>>);

TEST_CASE("importance sampling converges to the exact marginals within 4 standard errors",
          "[inference][importance_sampling]") {
  const auto proposal = GENERATE(importance_proposal::epis, importance_proposal::ais);
  const int stages = GENERATE(0, 4);
  test::se_tally t;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const network net = test::smooth_network(seed, 9);
    const evidence seen = test::few_findings(net, seed + 100, 1 + static_cast<int>(seed % 4));
    const variable_elimination exact(net);
    const importance_sampling is(net, {.samples = 20000, .seed = seed, .proposal = proposal, .learning_stages = stages});
    const sampling_result got = is.run(seen);
    test::tally(t, got, exact.posteriors(seen), resolve(net, seen));
    INFO("seed " << seed);
    CHECK(std::abs(got.log_evidence - exact.log_evidence_probability(seen)) <= 4 * got.log_evidence_standard_error + 1e-12);
  }
  INFO(t.beyond_4se << " of " << t.checks << " beyond 4 SE, worst error " << t.worst);
  CHECK(t.checks > 350);
  CHECK(t.beyond_4se <= t.checks / 200);
  CHECK(t.worst < 0.03);
}

TEST_CASE("importance sampling standard errors cover the true error at the nominal rate",
          "[inference][importance_sampling]") {
  const network net = test::asia();
  const evidence seen{{"dysp", "yes"}, {"xray", "yes"}};
  const variable_elimination exact(net);
  const auto truth = exact.posteriors(seen);
  const double logpe = exact.log_evidence_probability(seen);
  long covered = 0, total = 0, logpe_covered = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    const sampling_result got = importance_sampling(net, {.samples = 3000, .seed = seed}).run(seen);
    for (const char* name : {"bronc", "smoke", "lung"}) {
      const auto v = static_cast<std::size_t>(net.id(name));
      ++total;
      if (std::abs(got.posteriors[v][0] - truth[v][0]) <= 1.96 * got.standard_errors[v][0]) ++covered;
    }
    if (std::abs(got.log_evidence - logpe) <= 1.96 * got.log_evidence_standard_error) ++logpe_covered;
  }
  const double rate = static_cast<double>(covered) / static_cast<double>(total);
  INFO("coverage of the 95% interval: " << rate << ", log P(e): " << logpe_covered / 300.0);
  CHECK(rate > 0.92);
  CHECK(rate < 0.98);
  CHECK(logpe_covered / 300.0 > 0.90);
  CHECK(logpe_covered / 300.0 < 0.99);
}

TEST_CASE("importance sampling gives the same answer for a seed on 1, 2 and 8 threads",
          "[inference][importance_sampling]") {
  const network net = test::smooth_network(8, 14, 3);
  const evidence seen = test::few_findings(net, 2, 4);
  const int stages = GENERATE(0, 3);
  auto at = [&](unsigned threads) {
    return importance_sampling(net, {.samples = 40000, .seed = 5, .threads = threads, .block_size = 1000, .learning_stages = stages}).run(seen);
  };
  const sampling_result one = at(1);
  CHECK(test::identical(one, at(2)));
  CHECK(test::identical(one, at(8)));
}

TEST_CASE("the EPIS proposal finds evidence that likelihood weighting never reaches", "[inference][importance_sampling]") {
  const network net = test::needle_network();
  const evidence rare{{"b", "yes"}};
  REQUIRE_THROWS_AS(likelihood_weighting(net, {.samples = 5000}).run(rare), sampling_error);
  const sampling_result got = importance_sampling(net, {.samples = 5000}).run(rare);
  CHECK(std::abs(got.log_evidence - std::log(1e-12)) <= 4 * got.log_evidence_standard_error);
  CHECK(std::abs(got.log_evidence - std::log(1e-12)) < 0.01);
  CHECK(got.posteriors[0]["rare"] == Approx(1.0));
  CHECK(got.effective_sample_size > 4000);
}

TEST_CASE("adaptive proposals have a larger effective sample size than the prior", "[inference][importance_sampling]") {
  const network net = test::asia();
  const evidence seen{{"either", "yes"}, {"bronc", "no"}};  // LW: weight 0 unless tub or lung
  const double prior = likelihood_weighting(net, {.samples = 20000}).run(seen).effective_sample_size;
  const double epis = importance_sampling(net, {.samples = 20000}).run(seen).effective_sample_size;
  const double ais = importance_sampling(net, {.samples = 20000, .proposal = importance_proposal::ais, .learning_stages = 5})
                         .run(seen).effective_sample_size;
  INFO("ESS: prior " << prior << ", EPIS " << epis << ", AIS " << ais);
  CHECK(epis > 5 * prior);
  CHECK(ais > 5 * prior);
}

TEST_CASE("the proposal is a distribution positive wherever the CPT is", "[inference][importance_sampling]") {
  const network net = test::random_network(4, 10, 3, true);
  const evidence seen = test::few_findings(test::smooth_network(4, 10, 3), 1, 0);
  const importance_sampling is(net, {.learning_stages = 2});
  const std::vector<double> q = is.proposal(seen);
  Eigen::Index at = 0;
  for (const variable_id v : net.variables()) {
    const Eigen::ArrayXd p = net.cpt_columns(v);
    const Eigen::Index k = net.cardinality(v);
    for (Eigen::Index c = 0; c < p.size() / k; ++c) {
      double sum = 0;
      for (Eigen::Index s = 0; s < k; ++s) {
        const double x = q[static_cast<std::size_t>(at + c * k + s)];
        CHECK((p[c * k + s] > 0) == (x > 0));
        sum += x;
      }
      CHECK(sum == Approx(1.0).epsilon(1e-12));
    }
    at += p.size();
  }
}

TEST_CASE("importance sampling reports impossible evidence and refuses a zero budget", "[inference][importance_sampling]") {
  const network net = test::asia();
  const evidence impossible{{"tub", "yes"}, {"either", "no"}};
  REQUIRE_THROWS_AS(importance_sampling(net).run(impossible), evidence_error);
  const importance_sampling_options none{.samples = 0};
  REQUIRE_THROWS_AS(importance_sampling(net, none), options_error);
  const importance_sampling_options no_time{.time_budget = std::chrono::milliseconds(0)};
  REQUIRE_THROWS_WITH(importance_sampling(net, no_time), Catch::Contains("time budget"));
}

namespace {

double worst_reference_error(const std::string& name, std::int64_t samples) {
  const auto net = std::make_shared<const network>(io::read_bif(test::shared_network_path(name)));
  const auto cases = io::read_reference(test::shared_reference_path(name + ".ref"));
  const importance_sampling is(net, {.samples = samples, .seed = 1});
  double worst = 0;
  for (const auto& c : cases) {
    const sampling_result got = is.run(c.to_evidence());
    for (const auto& m : c.marginals) {
      const auto v = static_cast<std::size_t>(net->id(m.variable));
      for (std::size_t s = 0; s < m.probabilities.size(); ++s)
        worst = std::max(worst, std::abs(got.posteriors[v][static_cast<Eigen::Index>(s)] - m.probabilities[s]));
    }
  }
  return worst;
}

}  // namespace

TEST_CASE("importance sampling with 100,000 samples is within 0.01 of the reference on alarm",
          "[inference][importance_sampling]") {
  if (!test::have_shared_data()) {
    WARN("skipped: no shared data at " << test::shared_dir());
    return;
  }
  CHECK(worst_reference_error("alarm", 100000) <= 0.01);
}

TEST_CASE("importance sampling with 100,000 samples is within 0.01 of the reference on the standard networks",
          "[inference][importance_sampling][.slow]") {
  if (!test::have_shared_data()) {
    WARN("skipped: no shared data at " << test::shared_dir());
    return;
  }
  for (const char* name : {"alarm", "hailfinder", "hepar2", "win95pts", "insurance"}) {
    const double worst = worst_reference_error(name, 100000);
    INFO(name << ": max abs marginal error " << worst);
    CHECK(worst <= 0.01);
  }
}

}  // namespace importance_sampling_test
