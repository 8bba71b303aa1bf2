// SPDX-License-Identifier: MIT
// The Python module pitchrisk._pitchrisk: networks and their file formats, exact and
// approximate engines, MAP, NumPy batches, data sets (NumPy, pandas), sampling, parameter and
// structure learning, evaluation, the approach model, typed exceptions;
// python/pitchrisk/__init__.py re-exports it.
#include "approach_bindings.hpp"
#include "approx_bindings.hpp"
#include "data_bindings.hpp"
#include "engine_bindings.hpp"
#include "evaluation_bindings.hpp"
#include "errors.hpp"
#include "learning_bindings.hpp"
#include "network_bindings.hpp"
#include "structure_bindings.hpp"

#include <pitchrisk/version.hpp>

PYBIND11_MODULE(_pitchrisk, m) {
  m.doc() = "pitchrisk: exact discrete Bayesian networks and the approach-risk model";
  m.attr("__version__") = PITCHRISK_VERSION_STRING;
  pitchrisk::python::bind_errors(m);
  pitchrisk::python::bind_network(m);
  pitchrisk::python::bind_engines(m);
  pitchrisk::python::bind_approximate(m);
  pitchrisk::python::bind_data(m);
  pitchrisk::python::bind_learning(m);
  pitchrisk::python::bind_structure(m);
  pitchrisk::python::bind_evaluation(m);
  pitchrisk::python::bind_approach(m);
}
