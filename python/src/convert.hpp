// SPDX-License-Identifier: MIT
// Conversions between Python values and pitchrisk's: evidence from a dict (a state name, a
// state index, or a sequence of likelihoods per variable), distributions to dicts, and the
// NumPy evidence matrix of the batch calls (one row per case, -1 = unobserved).
#pragma once

#include <pitchrisk/core/distribution.hpp>
#include <pitchrisk/core/evidence.hpp>
#include <pitchrisk/core/network.hpp>
#include <pitchrisk/error.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

namespace pitchrisk::python {

namespace py = pybind11;

/// {"xray": "yes", "smoke": 0, "dysp": [0.8, 0.2]}: a state name, a state index or likelihoods.
/// Throws: lookup_error for an unknown variable, evidence_error for a bad value.
inline evidence to_evidence(const network& net, const py::dict& seen) {
  evidence out;
  const py::object integer = py::module_::import("numpy").attr("integer");
  for (const auto& [key, value] : seen) {
    if (!py::isinstance<py::str>(key)) throw evidence_error("evidence keys are variable names (str)");
    const std::string name = py::cast<std::string>(key);
    if (py::isinstance<py::str>(value)) {
      out.observe(name, py::cast<std::string>(value));
    } else if (py::isinstance<py::bool_>(value)) {
      throw evidence_error("evidence on '" + name + "': a bool is not a state (give its name or index)");
    } else if (py::isinstance<py::int_>(value) || py::isinstance(value, integer)) {
      const variable_id v = net.id(name);
      const auto s = py::cast<long long>(value);
      if (s < 0 || s >= net.cardinality(v))
        throw evidence_error("evidence on '" + name + "': state index " + std::to_string(s) + " out of range (" +
                             std::to_string(net.cardinality(v)) + " states)");
      out.observe(v, static_cast<Eigen::Index>(s));
    } else if (py::isinstance<py::sequence>(value) || py::isinstance<py::array>(value)) {
      out.likelihood(name, py::cast<std::vector<double>>(value));
    } else {
      throw evidence_error("evidence on '" + name + "': expected a state name, a state index or likelihoods, got " +
                           py::cast<std::string>(py::str(value.get_type())));
    }
  }
  return out;
}

/// {"yes": 0.1, "no": 0.9}, in the variable's state order.
inline py::dict to_dict(const distribution& d) {
  py::dict out;
  for (Eigen::Index s = 0; s < d.size(); ++s) out[py::str(d.variable().states[static_cast<std::size_t>(s)])] = d[s];
  return out;
}

/// The rows of a (cases x variables) int matrix as resolved evidence (-1 = unobserved).
/// Throws: evidence_error for a wrong shape, or naming the case, variable and value.
inline std::vector<resolved_evidence> to_cases(const network& net,
                                               const py::array_t<long long, py::array::c_style | py::array::forcecast>& m) {
  if (m.ndim() != 2 || m.shape(1) != net.size())
    throw evidence_error("evidence matrix: expected shape (cases, " + std::to_string(net.size()) + "), got " +
                     std::to_string(m.ndim()) + " dimensions" +
                     (m.ndim() == 2 ? " with " + std::to_string(m.shape(1)) + " columns" : std::string()));
  const auto r = m.unchecked<2>();
  const auto n = static_cast<std::size_t>(net.size());
  std::vector<resolved_evidence> cases(static_cast<std::size_t>(m.shape(0)));
  for (py::ssize_t i = 0; i < m.shape(0); ++i) {
    resolved_evidence& e = cases[static_cast<std::size_t>(i)];
    e.hard.assign(n, -1);
    e.soft.assign(n, Eigen::ArrayXd());
    for (variable_id v = 0; v < net.size(); ++v) {
      const long long s = r(i, v);
      if (s == -1) continue;
      if (s < -1 || s >= net.cardinality(v))
        throw evidence_error("case " + std::to_string(i) + ": variable '" + net.variable(v).name + "' has no state " +
                             std::to_string(s) + " (" + std::to_string(net.cardinality(v)) +
                             " states; -1 = unobserved)");
      e.hard[static_cast<std::size_t>(v)] = static_cast<Eigen::Index>(s);
      e.observed.push_back(v);
    }
  }
  return cases;
}

}  // namespace pitchrisk::python
