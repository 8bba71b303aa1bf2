// SPDX-License-Identifier: MIT
// pitchrisk.approach: the approach-risk model from Python. A Model is compiled once and
// scores case files, case text or a list of stages; the result is the JSON report of
// pitchrisk-score --format json as a dict, so Python sees exactly what the tool prints.
#pragma once

#include <pitchrisk/domain/approach/case_file.hpp>
#include <pitchrisk/domain/approach/compiled_model.hpp>
#include <pitchrisk/domain/approach/report_json.hpp>
#include <pitchrisk/domain/approach/timeline.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <memory>
#include <optional>
#include <sstream>
#include <string>

namespace pitchrisk::python {

namespace py = pybind11;

/// The built-in approach model with its options, ready to score.
class approach_scorer {
 public:
  approach_scorer(std::optional<double> base_rate, int samples, std::uint64_t seed, std::size_t questions)
      : m_model(make_model(base_rate)), m_scored(*m_model) {
    approach::assessment_options options;
    options.uncertainty.samples = samples;
    options.uncertainty.seed = seed;
    options.questions = questions;
    // Compiled once: the junction tree and the interval's sampled models serve every case.
    m_compiled = std::make_unique<const approach::compiled_model>(m_scored, options);
  }

  /// The timeline of a parsed case as the JSON report's object (thread safe: each call
  /// borrows a workspace of the compiled model).
  [[nodiscard]] std::string json(const approach::case_file& c) const {
    const approach::timeline t = approach::assess_timeline(*m_compiled, c);
    std::ostringstream out;
    approach::write_json(out, t);
    return out.str();
  }
  [[nodiscard]] const network& model_network() const noexcept { return m_model->network(); }

 private:
  static std::unique_ptr<approach::approach_model> make_model(std::optional<double> base_rate) {
    approach::model_parameters params;
    if (base_rate) {
      if (!(*base_rate > 0 && *base_rate < 1))
        throw model_error("base_rate " + std::to_string(*base_rate) + ": expected a probability strictly between 0 and 1");
      params.officer_base_rate = *base_rate;
    }
    return std::make_unique<approach::approach_model>(params);
  }
  std::unique_ptr<approach::approach_model> m_model;  // scored_model refers to it: keep its address
  approach::scored_model m_scored;
  std::unique_ptr<const approach::compiled_model> m_compiled;
};

inline void bind_approach(py::module_& parent) {
  py::module_ m = parent.def_submodule("approach", "The approach-risk model: score approach cases.");
  const py::object loads = py::module_::import("json").attr("loads");
  py::class_<approach_scorer>(m, "Model",
                              "The built-in approach model, compiled once. score_file / score_text return the "
                              "JSON report of one case (every stage) as a dict.")
      .def(py::init<std::optional<double>, int, std::uint64_t, std::size_t>(), py::arg("base_rate") = py::none(),
           py::arg("samples") = 0, py::arg("seed") = 20130901, py::arg("questions") = 5,
           "base_rate: prior P(approacher is an intelligence officer) (default: the model's); samples: networks "
           "drawn for the parameter-uncertainty interval (0: the point estimate only).")
      .def("score_file", [loads](const approach_scorer& s, const std::filesystem::path& path) {
        return loads(s.json(approach::read_case(path)));
      }, py::arg("path"), "Scores a .case file.")
      .def("score_text", [loads](const approach_scorer& s, std::string_view text, const std::string& name) {
        return loads(s.json(approach::read_case_string(text, name)));
      }, py::arg("text"), py::arg("name") = "case.case", "Scores the text of a .case file; `name` is used in errors.")
      .def_property_readonly("network", &approach_scorer::model_network, "The model's Bayesian network.")
      .def("__repr__", [](const approach_scorer& s) {
        return "<pitchrisk.approach.Model: " + std::to_string(s.model_network().size()) + " variables>";
      });
}

}  // namespace pitchrisk::python
