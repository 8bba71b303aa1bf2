// SPDX-License-Identifier: MIT
// Evaluation for Python: predictions of a target from the other cells of each record (NumPy
// matrices out), their measures (log-loss, Brier score, AUC, accuracy, calibration table)
// and k-fold cross-validation of a learning procedure written in Python.
#pragma once

#include "data_bindings.hpp"

#include <pitchrisk/learning/evaluation.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

namespace pitchrisk::python {

namespace py = pybind11;

namespace detail {

using probability_matrix = py::array_t<double, py::array::c_style | py::array::forcecast>;
using label_vector = py::array_t<long long, py::array::c_style | py::array::forcecast>;

/// A (records x states) NumPy matrix as an Eigen matrix. Throws: evidence_error if not 2-D.
inline Eigen::MatrixXd to_eigen(const probability_matrix& p, const char* what) {
  if (p.ndim() != 2) throw evidence_error(std::string(what) + ": probabilities must be a (records x states) matrix");
  const auto r = p.unchecked<2>();
  Eigen::MatrixXd out(p.shape(0), p.shape(1));
  for (py::ssize_t i = 0; i < p.shape(0); ++i)
    for (py::ssize_t j = 0; j < p.shape(1); ++j) out(i, j) = r(i, j);
  return out;
}

inline std::vector<Eigen::Index> to_labels(const label_vector& y, const char* what) {
  if (y.ndim() != 1) throw evidence_error(std::string(what) + ": labels must be a flat array of state indices");
  const auto r = y.unchecked<1>();
  std::vector<Eigen::Index> out(static_cast<std::size_t>(y.shape(0)));
  for (py::ssize_t i = 0; i < y.shape(0); ++i) out[static_cast<std::size_t>(i)] = static_cast<Eigen::Index>(r(i));
  return out;
}

inline py::array_t<long long> to_array(const std::vector<Eigen::Index>& v) {
  py::array_t<long long> out(static_cast<py::ssize_t>(v.size()));
  auto w = out.mutable_unchecked<1>();
  for (std::size_t i = 0; i < v.size(); ++i) w(static_cast<py::ssize_t>(i)) = static_cast<long long>(v[i]);
  return out;
}

inline py::array_t<double> to_array(const Eigen::MatrixXd& m) {
  py::array_t<double> out({static_cast<py::ssize_t>(m.rows()), static_cast<py::ssize_t>(m.cols())});
  auto w = out.mutable_unchecked<2>();
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) w(i, j) = m(i, j);
  return out;
}

inline py::dict scores_dict(const target_scores& s) {
  py::dict out;
  out["records"] = s.records;
  out["log_loss"] = s.log_loss;
  out["brier"] = s.brier;
  out["auc"] = s.auc;
  out["accuracy"] = s.accuracy;
  return out;
}

}  // namespace detail

inline void bind_evaluation(py::module_& m) {
  m.def("predict", [](const network& model, const py::object& records, const std::string& target) {
    const dataset data = as_dataset(model, records);
    target_predictions p;
    {
      py::gil_scoped_release release;
      p = predict(model, data, target);
    }
    py::dict out;
    out["probabilities"] = detail::to_array(p.probabilities);
    out["labels"] = detail::to_array(p.labels);
    out["rows"] = detail::to_array(p.rows);
    out["states"] = model.variable(model.id(target)).states;
    return out;
  }, py::arg("model"), py::arg("records"), py::arg("target"),
        "P(target | the record's other cells) for every record whose target cell is present: {probabilities "
        "(records kept x states), labels (the observed state indices), rows (the record each came from), states}. "
        "`records`: an int matrix, a Dataset or a DataFrame. Raises LookupError for an unknown target, "
        "EvidenceError naming a record whose other cells are impossible.");

  m.def("log_loss", [](const detail::probability_matrix& p, const detail::label_vector& y) {
    return log_loss(detail::to_eigen(p, "log_loss"), detail::to_labels(y, "log_loss"));
  }, py::arg("probabilities"), py::arg("labels"),
        "Mean of -log p(true state), p clipped below at the machine epsilon (as scikit-learn). Raises Error for no "
        "records, counts that differ or a label out of range.");

  m.def("brier_score", [](const detail::probability_matrix& p, const detail::label_vector& y) {
    return brier_score(detail::to_eigen(p, "brier_score"), detail::to_labels(y, "brier_score"));
  }, py::arg("probabilities"), py::arg("labels"),
        "Mean over records of sum_s (p_s - [s = true])^2, in [0, 2] (twice scikit-learn's brier_score_loss for two "
        "states). Raises Error as log_loss.");

  m.def("auc", [](const py::array_t<double, py::array::c_style | py::array::forcecast>& p, const detail::label_vector& y,
                  std::optional<Eigen::Index> state) {
    const std::vector<Eigen::Index> labels = detail::to_labels(y, "auc");
    if (state) {
      if (p.ndim() != 1) throw evidence_error("auc: with state=, give the scores of that state as a flat array");
      return auc(std::span<const double>(p.data(), static_cast<std::size_t>(p.shape(0))), labels, *state);
    }
    return auc(detail::to_eigen(p, "auc"), labels);
  }, py::arg("probabilities"), py::arg("labels"), py::arg("state") = py::none(),
        "Area under the ROC curve. A (records x states) matrix: the AUC of state 1 for two states, else the mean of "
        "the one-vs-rest AUCs of the states that occur and do not occur (scikit-learn's macro 'ovr'). Flat scores "
        "with state=: the AUC of that state against the rest (NaN when all or no labels are it).");

  m.def("calibration_table", [](const detail::probability_matrix& p, const detail::label_vector& y, Eigen::Index state,
                                int bins) {
    py::list out;
    for (const calibration_bin& b :
         calibration_table(detail::to_eigen(p, "calibration_table"), detail::to_labels(y, "calibration_table"), state, bins)) {
      py::dict d;
      d["lower"] = b.lower;
      d["upper"] = b.upper;
      d["mean_predicted"] = b.mean_predicted;
      d["observed_frequency"] = b.observed_frequency;
      d["count"] = b.count;
      out.append(d);
    }
    return out;
  }, py::arg("probabilities"), py::arg("labels"), py::arg("state"), py::arg("bins") = 10,
        "Calibration of P(state) in `bins` equal-width bins over [0, 1] (empty ones left out; as scikit-learn's "
        "calibration_curve): a list of {lower, upper, mean_predicted, observed_frequency, count}.");

  m.def("score_predictions", [](const py::dict& predictions) {
    target_predictions p;
    p.probabilities = detail::to_eigen(py::cast<detail::probability_matrix>(predictions["probabilities"]), "score_predictions");
    p.labels = detail::to_labels(py::cast<detail::label_vector>(predictions["labels"]), "score_predictions");
    return detail::scores_dict(score_predictions(p));
  }, py::arg("predictions"),
        "Every measure of predict's result: {records, log_loss, brier, auc, accuracy} (all 0 without records).");

  m.def("cross_validate", [](const py::object& records, const py::function& learn,
                             const std::optional<network>& net, int folds, std::uint64_t seed, const std::string& target,
                             int threads) {
    const dataset data = as_dataset(records, net, "cross_validate");
    // The training records go to Python as a copy it may keep; the GIL stays held throughout.
    const learning_procedure procedure = [&learn](const dataset& train) {
      return py::cast<network>(learn(py::cast(train, py::return_value_policy::copy)));
    };
    const std::vector<fold_result> r =
        cross_validate(data, procedure, {.folds = folds, .seed = seed, .target = target, .threads = threads});
    py::list out;
    for (const fold_result& f : r) {
      py::dict d;
      d["train_records"] = f.train_records;
      d["test_records"] = f.test_records;
      d["log_likelihood_per_record"] = f.log_likelihood_per_record;
      d["target"] = target.empty() ? py::object(py::none()) : py::object(detail::scores_dict(f.target));
      out.append(d);
    }
    return out;
  }, py::arg("records"), py::arg("learn"), py::arg("network") = py::none(), py::arg("folds") = 5, py::arg("seed") = 1,
        py::arg("target") = "", py::arg("threads") = 1,
        "k-fold cross-validation: the records (a Dataset, a DataFrame, or an int matrix with network=) are shuffled "
        "(seeded) and cut into `folds` parts; each is held out once while learn(train: Dataset) -> Network trains "
        "on the rest. A list of {train_records, test_records, log_likelihood_per_record, target (with `target`: "
        "score_predictions of its predictions, else None)}. Raises Error for folds < 2 or more than the records.");
}

}  // namespace pitchrisk::python
