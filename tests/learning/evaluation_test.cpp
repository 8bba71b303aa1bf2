// SPDX-License-Identifier: MIT
#include "pitchrisk/learning/evaluation.hpp"

#include "pitchrisk/learning/parameter_estimation.hpp"
#include "pitchrisk/learning/sampling.hpp"
#include "support/brute_force.hpp"
#include "support/networks.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

namespace evaluation_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

// Expected numbers computed once with scikit-learn 1.2.1 / numpy 1.24.2 under /usr/bin/python3:
//   import numpy as np
//   from sklearn.metrics import log_loss, roc_auc_score, brier_score_loss
//   from sklearn.calibration import calibration_curve
//   pb = np.array([0.9,0.8,0.8,0.3,0.55,0.1,0.65,0.4,0.2,0.8,0.05,0.97]); yb = np.array([1,1,0,0,1,0,1,1,0,0,0,1])
//   log_loss(yb, np.column_stack([1-pb, pb])); roc_auc_score(yb, pb); brier_score_loss(yb, pb)
//   calibration_curve(yb, pb, n_bins=4, strategy='uniform')
//   P3 = <the 12 x 3 matrix below>; y3 = np.array([0,1,2,1,0,2,2,1,1,0,0,1])
//   log_loss(y3, P3); roc_auc_score(y3, P3, multi_class='ovr', average='macro')
//   np.mean(np.sum((P3 - np.eye(3)[y3])**2, axis=1)); calibration_curve(y3 == 2, P3[:,2], n_bins=5)

namespace {

const std::vector<double> pb{0.9, 0.8, 0.8, 0.3, 0.55, 0.1, 0.65, 0.4, 0.2, 0.8, 0.05, 0.97};
const std::vector<Eigen::Index> yb{1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1};
const std::vector<Eigen::Index> y3{0, 1, 2, 1, 0, 2, 2, 1, 1, 0, 0, 1};

Eigen::MatrixXd binary_matrix() {
  Eigen::MatrixXd p(12, 2);
  for (Eigen::Index i = 0; i < 12; ++i) {
    p(i, 0) = 1 - pb[static_cast<std::size_t>(i)];
    p(i, 1) = pb[static_cast<std::size_t>(i)];
  }
  return p;
}

Eigen::MatrixXd three_state_matrix() {
  Eigen::MatrixXd p(12, 3);
  p << 0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4, 0.25, 0.5, 0.25, 0.6, 0.3, 0.1, 0.2, 0.2, 0.6, 0.1, 0.1, 0.8, 0.5,
      0.4, 0.1, 0.3, 0.6, 0.1, 0.4, 0.3, 0.3, 0.05, 0.15, 0.8, 0.2, 0.7, 0.1;
  return p;
}

}  // namespace

TEST_CASE("log-loss, Brier and AUC match scikit-learn on fixed vectors", "[learning][evaluation]") {
  const Eigen::MatrixXd p2 = binary_matrix();
  CHECK(log_loss(p2, yb) == Approx(0.52160183777879121).epsilon(1e-12));
  CHECK(auc(p2, yb) == Approx(0.80555555555555558).epsilon(1e-12));
  CHECK(brier_score(p2, yb) == Approx(2 * 0.1798666666666667).epsilon(1e-12));  // twice sklearn's binary form
  const Eigen::MatrixXd p3 = three_state_matrix();
  CHECK(log_loss(p3, y3) == Approx(0.76082212596168797).epsilon(1e-12));
  CHECK(auc(p3, y3) == Approx(0.87538580246913578).epsilon(1e-12));
  CHECK(brier_score(p3, y3) == Approx(0.39999999999999997).epsilon(1e-12));
}

TEST_CASE("calibration tables match scikit-learn's calibration_curve", "[learning][evaluation]") {
  const auto t2 = calibration_table(binary_matrix(), yb, 1, 4);
  REQUIRE(t2.size() == 4);
  const double true2[] = {0, 0.5, 1, 0.59999999999999998};
  const double pred2[] = {0.11666666666666668, 0.34999999999999998, 0.60000000000000009, 0.85399999999999987};
  const Eigen::Index count2[] = {3, 2, 2, 5};
  for (std::size_t b = 0; b < 4; ++b) {
    CHECK(t2[b].observed_frequency == Approx(true2[b]).margin(1e-12));
    CHECK(t2[b].mean_predicted == Approx(pred2[b]).epsilon(1e-12));
    CHECK(t2[b].count == count2[b]);
  }
  const auto t3 = calibration_table(three_state_matrix(), y3, 2, 5);
  REQUIRE(t3.size() == 4);  // the bin (0.8, 1] is empty and left out
  const double true3[] = {0, 0.33333333333333331, 1, 0.5};
  const double pred3[] = {0.099999999999999992, 0.31666666666666665, 0.59999999999999998, 0.80000000000000004};
  for (std::size_t b = 0; b < 4; ++b) {
    CHECK(t3[b].observed_frequency == Approx(true3[b]).margin(1e-12));
    CHECK(t3[b].mean_predicted == Approx(pred3[b]).epsilon(1e-12));
  }
  CHECK(t3[1].lower == Approx(0.2));
}

TEST_CASE("metrics refuse empty or mismatched input; AUC of one class is NaN", "[learning][evaluation]") {
  const Eigen::MatrixXd p2 = binary_matrix();
  const std::vector<Eigen::Index> short_labels{1, 0};
  CHECK_THROWS_WITH(log_loss(p2, short_labels), Catch::Contains("12 predictions but 2 labels"));
  const std::vector<Eigen::Index> bad(12, 5);
  CHECK_THROWS_AS(brier_score(p2, bad), error);
  const std::vector<Eigen::Index> ones(12, 1);
  CHECK(std::isnan(auc(p2, ones)));
}

TEST_CASE("log-likelihood of records with missing cells marginalises them", "[learning][evaluation]") {
  const network net = test::asia();
  const dataset d = sample(net, 50, {.seed = 3, .missing_rate = 0.4, .hidden = {"lung"}});
  double expected = 0;
  for (Eigen::Index r = 0; r < d.rows(); ++r) {
    evidence e;
    for (Eigen::Index c = 0; c < d.columns(); ++c)
      if (!d.is_missing(r, c)) e.observe(d.name(c), d.states(c)[d.at(r, c)]);
    expected += static_cast<double>(test::brute_force(net, e).log_pe);
  }
  CHECK(log_likelihood(net, d) == Approx(expected).epsilon(1e-10));
}

TEST_CASE("predictions of a target are posteriors given the other cells", "[learning][evaluation]") {
  const network net = test::asia();
  const dataset d = sample(net, 40, {.seed = 8, .missing_rate = 0.3});
  const target_predictions p = predict(net, d, "smoke");
  REQUIRE(p.labels.size() == p.rows.size());
  REQUIRE(p.probabilities.rows() == static_cast<Eigen::Index>(p.rows.size()));
  CHECK(p.rows.size() < 40);  // records without smoke are left out
  const variable_id target = net.id("smoke");
  for (std::size_t i = 0; i < p.rows.size(); ++i) {
    evidence e;
    for (Eigen::Index c = 0; c < d.columns(); ++c)
      if (c != target && !d.is_missing(p.rows[i], c)) e.observe(variable_id{c}, Eigen::Index{d.at(p.rows[i], c)});
    const auto bf = test::brute_force(net, e);
    CHECK(p.probabilities(static_cast<Eigen::Index>(i), 0) ==
          Approx(static_cast<double>(bf.posteriors[static_cast<std::size_t>(target)][0])).epsilon(1e-10));
  }
  CHECK_THROWS_AS(predict(net, d, "nope"), lookup_error);
  const target_scores s = score_predictions(p);
  CHECK(s.records == static_cast<Eigen::Index>(p.rows.size()));
  CHECK(s.auc > 0.5);
}

TEST_CASE("k-fold cross-validation holds out every record once", "[learning][evaluation]") {
  const network net = test::asia();
  const dataset d = sample(net, 2003, {.seed = 4});
  Eigen::Index trained = 0;
  const auto folds = cross_validate(
      d,
      [&](const dataset& train) {
        trained += train.rows();
        return estimate_parameters(net, train, {.kind = prior_kind::bdeu, .ess = 1});
      },
      {.folds = 4, .seed = 2, .target = "either"});
  REQUIRE(folds.size() == 4);
  Eigen::Index tested = 0;
  for (const auto& f : folds) {
    tested += f.test_records;
    CHECK(f.train_records + f.test_records == 2003);
    CHECK(f.log_likelihood_per_record < 0);
    CHECK(f.log_likelihood_per_record > -4);
    CHECK(f.target.accuracy > 0.9);  // either is a function of tub and lung
  }
  CHECK(tested == 2003);
  CHECK(trained == 3 * 2003);
  CHECK_THROWS_AS(cross_validate(d, [&](const dataset&) { return net; }, {.folds = 1}), error);
}

}  // namespace evaluation_test
