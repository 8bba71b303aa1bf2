// SPDX-License-Identifier: MIT
// Evaluating a model on held-out records: the log-likelihood of a data set (missing cells
// marginalised by the junction tree), predictions of a target from the other cells, and
// the measures of those predictions: log-loss, Brier score, AUC (one-vs-rest), calibration
// table; and k-fold cross-validation of any learning procedure.
#pragma once

#include "pitchrisk/core/network.hpp"
#include "pitchrisk/detail/random.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/junction_tree.hpp"
#include "pitchrisk/learning/dataset.hpp"
#include "pitchrisk/learning/em.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

namespace pitchrisk {

/// Total log-likelihood (natural log) of the records of `data` under `model`; columns are
/// matched by name, missing cells and absent columns are summed out.
/// Throws: evidence_error naming a record of probability 0; model_error on other states.
[[nodiscard]] double log_likelihood(const network& model, const dataset& data, int threads = 1);

/// Predictions of one variable from the other cells of each record.
struct target_predictions {
  Eigen::MatrixXd probabilities;  ///< one row per record kept, P(target = s | other cells)
  std::vector<Eigen::Index> labels{};  ///< the observed state of each kept record
  std::vector<Eigen::Index> rows{};    ///< the record each row came from
};

/// P(target | the record's other cells) for every record whose target cell is present.
/// Throws: lookup_error if `model` has no such variable; evidence_error naming a record
/// whose other cells have probability 0.
[[nodiscard]] target_predictions predict(const network& model, const dataset& data, std::string_view target);

/// Mean of -log p(true state); p is clipped below at the machine epsilon (as scikit-learn
/// 1.2 does), so a confident miss costs 36 nats, not infinity. Throws: error if empty.
[[nodiscard]] double log_loss(const Eigen::MatrixXd& probabilities, std::span<const Eigen::Index> labels);

/// Mean over records of sum_s (p_s - [s = true])^2 (Brier's original, in [0, 2]); for two
/// states it is twice scikit-learn's brier_score_loss. Throws: error if empty.
[[nodiscard]] double brier_score(const Eigen::MatrixXd& probabilities, std::span<const Eigen::Index> labels);

/// Area under the ROC curve of state `state` against the rest (ties count one half).
/// Returns NaN when every label is, or none is, `state`. Throws: error if `scores` and
/// `labels` differ in length.
[[nodiscard]] double auc(std::span<const double> scores, std::span<const Eigen::Index> labels, Eigen::Index state);

/// Two states: the AUC of state 1. More: the mean of the one-vs-rest AUCs over the states
/// that occur and do not occur in `labels` (scikit-learn's multi_class="ovr", macro average).
/// Throws: error (no records, counts that differ, a label out of range) as log_loss().
[[nodiscard]] double auc(const Eigen::MatrixXd& probabilities, std::span<const Eigen::Index> labels);

/// One bin of a calibration table.
struct calibration_bin {
  /// @name Predicted-probability range (lower, upper]; the first bin is [0, upper]
  ///@{
  double lower = 0;               ///< lower edge of the bin
  double upper = 0;               ///< upper edge of the bin
  ///@}
  double mean_predicted = 0;      ///< mean predicted probability of `state` in the bin
  double observed_frequency = 0;  ///< share of the bin's records whose label is `state`
  Eigen::Index count = 0;         ///< records in the bin (never 0: empty bins are left out)
};

/// Calibration of P(state): `bins` equal-width bins over [0, 1]; a probability on an edge
/// falls in the lower bin and empty bins are left out (as scikit-learn 1.2's
/// calibration_curve, strategy "uniform", edges i / bins computed as i x (1 / bins)).
/// Throws: error as log_loss(), or if bins < 1 or `state` is out of range.

[[nodiscard]] std::vector<calibration_bin> calibration_table(const Eigen::MatrixXd& probabilities,
                                                             std::span<const Eigen::Index> labels,
                                                             Eigen::Index state, int bins = 10);

/// Measures of predictions of a target.
struct target_scores {
  Eigen::Index records = 0;  ///< records scored; 0 leaves every measure at 0
  double log_loss = 0;       ///< log_loss() of the predictions (nats per record)
  double brier = 0;          ///< brier_score() of the predictions, in [0, 2]
  double auc = 0;            ///< auc() of the predictions (one-vs-rest macro average beyond 2 states)
  double accuracy = 0;       ///< share of records whose most probable state (first on ties) is the label
};
/// Every measure of `p`; all 0 when `p` has no record. Throws: error when the labels and
/// predictions differ in number or a label is out of range (as log_loss()).
[[nodiscard]] target_scores score_predictions(const target_predictions& p);

/// A learning procedure for cross-validation: training records -> model.
using learning_procedure = std::function<network(const dataset& train)>;

/// One fold of a cross-validation.
struct fold_result {
  Eigen::Index train_records = 0;        ///< records the model was learnt from
  Eigen::Index test_records = 0;         ///< records held out and scored
  double log_likelihood_per_record = 0;  ///< mean over the fold's test records
  target_scores target{};                ///< when a target was given
};

/// Options of cross_validate().
struct cross_validation_options {
  int folds = 5;                ///< number of folds, >= 2 and at most the number of records
  std::uint64_t seed = 1;       ///< shuffles the records before they are cut into folds
  std::string target{};         ///< also score predictions of this variable ("" = none)
  int threads = 1;              ///< threads for the test log-likelihood; does not change the answer

};

/// k-fold cross-validation: the records are shuffled (seeded) and cut into `folds` parts;
/// each part is held out once while `learn` trains on the rest.
/// Throws: error if folds < 2 or more than the records.
[[nodiscard]] std::vector<fold_result> cross_validate(const dataset& data, const learning_procedure& learn,
                                                      const cross_validation_options& options = {});

// ---------------------------------------------------------------------------------------

inline double log_likelihood(const network& model, const dataset& data, int threads) {
  return expected_counts(model, align_to_network(data, model), nullptr, threads);
}

inline target_predictions predict(const network& model, const dataset& data, std::string_view target) {
  const variable_id t = model.id(target);
  const dataset aligned = align_to_network(data, model);
  const junction_tree engine(model);
  auto ws = engine.make_workspace();
  target_predictions out;
  const Eigen::Index k = model.cardinality(t);
  std::vector<Eigen::Index> kept;
  const auto target_column = aligned.column(t);
  for (Eigen::Index r = 0; r < aligned.rows(); ++r)
    if (target_column[static_cast<std::size_t>(r)] != dataset::missing) kept.push_back(r);
  out.probabilities.resize(static_cast<Eigen::Index>(kept.size()), k);
  std::vector<double> p(static_cast<std::size_t>(k));
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const Eigen::Index r = kept[i];
    engine.clear_evidence(ws);
    for (Eigen::Index v = 0; v < model.size(); ++v) {
      const dataset::cell x = aligned.column(v)[static_cast<std::size_t>(r)];
      if (v != t && x != dataset::missing) engine.observe(ws, v, x);
    }
    try {
      engine.propagate_to(ws, t);
    } catch (const evidence_error& e) {
      throw evidence_error("record " + std::to_string(r) + ": its cells other than '" + std::string(target) +
                           "' are impossible under the model: " + e.what());
    }
    engine.marginal(ws, t, p);
    for (Eigen::Index s = 0; s < k; ++s) out.probabilities(static_cast<Eigen::Index>(i), s) = p[static_cast<std::size_t>(s)];
    out.labels.push_back(target_column[static_cast<std::size_t>(r)]);
  }
  out.rows = std::move(kept);
  return out;
}

namespace detail {

inline void check_predictions(const Eigen::MatrixXd& p, std::span<const Eigen::Index> labels, const char* what) {
  if (p.rows() == 0) throw error(std::string(what) + ": no records");
  if (static_cast<Eigen::Index>(labels.size()) != p.rows())
    throw error(std::string(what) + ": " + std::to_string(p.rows()) + " predictions but " +
                std::to_string(labels.size()) + " labels");
  for (const Eigen::Index y : labels)
    if (y < 0 || y >= p.cols())
      throw error(std::string(what) + ": label " + std::to_string(y) + " out of range (" + std::to_string(p.cols()) +
                  " states)");
}

}  // namespace detail

inline double log_loss(const Eigen::MatrixXd& probabilities, std::span<const Eigen::Index> labels) {
  detail::check_predictions(probabilities, labels, "log_loss");
  const double eps = std::numeric_limits<double>::epsilon();
  double sum = 0;
  for (std::size_t i = 0; i < labels.size(); ++i)
    sum -= std::log(std::max(eps, probabilities(static_cast<Eigen::Index>(i), labels[i])));
  return sum / static_cast<double>(labels.size());
}

inline double brier_score(const Eigen::MatrixXd& probabilities, std::span<const Eigen::Index> labels) {
  detail::check_predictions(probabilities, labels, "brier_score");
  double sum = 0;
  for (std::size_t i = 0; i < labels.size(); ++i)
    for (Eigen::Index s = 0; s < probabilities.cols(); ++s) {
      const double d = probabilities(static_cast<Eigen::Index>(i), s) - (labels[i] == s ? 1.0 : 0.0);
      sum += d * d;
    }
  return sum / static_cast<double>(labels.size());
}

inline double auc(std::span<const double> scores, std::span<const Eigen::Index> labels, Eigen::Index state) {
  if (scores.size() != labels.size()) throw error("auc: scores and labels differ in length");
  // Mann-Whitney U with mid-ranks for ties.
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
  double rank_sum = 0;
  std::size_t positives = 0;
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) ++j;
    const double mid = (static_cast<double>(i) + static_cast<double>(j) + 1.0) / 2.0;  // 1-based mean rank
    for (std::size_t m = i; m < j; ++m)
      if (labels[order[m]] == state) {
        rank_sum += mid;
        ++positives;
      }
    i = j;
  }
  const std::size_t negatives = labels.size() - positives;
  if (positives == 0 || negatives == 0) return std::numeric_limits<double>::quiet_NaN();
  const auto np = static_cast<double>(positives), nn = static_cast<double>(negatives);
  return (rank_sum - np * (np + 1) / 2) / (np * nn);
}

inline double auc(const Eigen::MatrixXd& probabilities, std::span<const Eigen::Index> labels) {
  detail::check_predictions(probabilities, labels, "auc");
  std::vector<double> column(labels.size());
  const auto one = [&](Eigen::Index s) {
    for (std::size_t i = 0; i < labels.size(); ++i) column[i] = probabilities(static_cast<Eigen::Index>(i), s);
    return auc(column, labels, s);
  };
  if (probabilities.cols() == 2) return one(1);
  double sum = 0;
  int defined = 0;
  for (Eigen::Index s = 0; s < probabilities.cols(); ++s) {
    const double a = one(s);
    if (std::isnan(a)) continue;
    sum += a;
    ++defined;
  }
  return defined ? sum / defined : std::numeric_limits<double>::quiet_NaN();
}

inline std::vector<calibration_bin> calibration_table(const Eigen::MatrixXd& probabilities,
                                                      std::span<const Eigen::Index> labels, Eigen::Index state,
                                                      int bins) {
  detail::check_predictions(probabilities, labels, "calibration_table");
  if (bins < 1) throw error("calibration_table: at least one bin");
  if (state < 0 || state >= probabilities.cols()) throw error("calibration_table: state out of range");
  const double step = 1.0 / bins;  // edges i * step, as numpy.linspace
  std::vector<double> sum_p(static_cast<std::size_t>(bins), 0.0), sum_y(static_cast<std::size_t>(bins), 0.0);
  std::vector<Eigen::Index> count(static_cast<std::size_t>(bins), 0);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const double p = probabilities(static_cast<Eigen::Index>(i), state);
    int b = 0;
    while (b + 1 < bins && static_cast<double>(b + 1) * step < p) ++b;
    sum_p[static_cast<std::size_t>(b)] += p;
    sum_y[static_cast<std::size_t>(b)] += labels[i] == state ? 1.0 : 0.0;
    ++count[static_cast<std::size_t>(b)];
  }
  std::vector<calibration_bin> out;
  for (int b = 0; b < bins; ++b) {
    const auto bi = static_cast<std::size_t>(b);
    if (count[bi] == 0) continue;
    const auto c = static_cast<double>(count[bi]);
    out.push_back({b * step, b + 1 == bins ? 1.0 : (b + 1) * step, sum_p[bi] / c, sum_y[bi] / c, count[bi]});
  }
  return out;
}

inline target_scores score_predictions(const target_predictions& p) {
  target_scores s;
  s.records = static_cast<Eigen::Index>(p.labels.size());
  if (s.records == 0) return s;
  s.log_loss = log_loss(p.probabilities, p.labels);
  s.brier = brier_score(p.probabilities, p.labels);
  s.auc = auc(p.probabilities, p.labels);
  Eigen::Index right = 0;
  for (std::size_t i = 0; i < p.labels.size(); ++i) {
    Eigen::Index best = 0;
    p.probabilities.row(static_cast<Eigen::Index>(i)).maxCoeff(&best);
    right += best == p.labels[i];
  }
  s.accuracy = static_cast<double>(right) / static_cast<double>(s.records);
  return s;
}

inline std::vector<fold_result> cross_validate(const dataset& data, const learning_procedure& learn,
                                               const cross_validation_options& options) {
  if (options.folds < 2) throw error("cross_validate: at least 2 folds");
  if (data.rows() < options.folds)
    throw error("cross_validate: " + std::to_string(data.rows()) + " records for " + std::to_string(options.folds) +
                " folds");
  std::vector<Eigen::Index> order(static_cast<std::size_t>(data.rows()));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  detail::random_stream rng(options.seed, 0);
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);  // Fisher-Yates
  std::vector<fold_result> out;
  const Eigen::Index n = data.rows();
  for (int f = 0; f < options.folds; ++f) {
    const Eigen::Index lo = n * f / options.folds, hi = n * (f + 1) / options.folds;
    std::vector<Eigen::Index> test(order.begin() + lo, order.begin() + hi), train;
    train.reserve(static_cast<std::size_t>(n - (hi - lo)));
    train.insert(train.end(), order.begin(), order.begin() + lo);
    train.insert(train.end(), order.begin() + hi, order.end());
    std::sort(test.begin(), test.end());
    std::sort(train.begin(), train.end());
    const dataset train_data = data.select_rows(train), test_data = data.select_rows(test);
    const network model = learn(train_data);
    fold_result r;
    r.train_records = train_data.rows();
    r.test_records = test_data.rows();
    r.log_likelihood_per_record = log_likelihood(model, test_data, options.threads) / static_cast<double>(test_data.rows());
    if (!options.target.empty()) r.target = score_predictions(predict(model, test_data, options.target));
    out.push_back(r);
  }
  return out;
}

}  // namespace pitchrisk
