// SPDX-License-Identifier: MIT
// pitchrisk.VariableElimination and pitchrisk.JunctionTree: posteriors, log P(e) and the
// MPE with evidence as dicts; the junction tree also scores NumPy batches on threads with
// the GIL released (results identical whatever the thread count).
#pragma once

#include "convert.hpp"

#include <pitchrisk/inference/batch.hpp>
#include <pitchrisk/inference/junction_tree.hpp>
#include <pitchrisk/inference/variable_elimination.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

namespace pitchrisk::python {

namespace py = pybind11;

/// The queries every exact engine answers, bound on `cls`.
template <class Engine, class Class>
void bind_exact_queries(Class& cls) {
  cls.def_property_readonly("network", [](const Engine& e) { return e.network(); },
                            "A copy of the engine's network.")
      .def("posterior", [](const Engine& e, std::string_view target, const py::dict& seen) {
        return to_dict(e.posterior(target, to_evidence(e.network(), seen)));
      }, py::arg("target"), py::arg("evidence") = py::dict(),
           "P(target | evidence) as {state: probability}. Evidence: {variable: state name, state index or likelihoods}.")
      .def("posteriors", [](const Engine& e, const py::dict& seen) {
        const auto all = e.posteriors(to_evidence(e.network(), seen));
        py::dict out;
        for (const auto& d : all) out[py::str(d.name())] = to_dict(d);
        return out;
      }, py::arg("evidence") = py::dict(), "Every variable's posterior, {variable: {state: probability}}.")
      .def("log_evidence_probability", [](const Engine& e, const py::dict& seen) {
        return e.log_evidence_probability(to_evidence(e.network(), seen));
      }, py::arg("evidence") = py::dict(), "log P(evidence), exact far below the smallest double.")
      .def("evidence_probability", [](const Engine& e, const py::dict& seen) {
        return e.evidence_probability(to_evidence(e.network(), seen));
      }, py::arg("evidence") = py::dict())
      .def("mpe", [](const Engine& e, const py::dict& seen) {
        const network& net = e.network();
        const mpe_result r = e.mpe(to_evidence(net, seen));
        py::dict states;
        for (const variable_id v : net.variables())
          states[py::str(net.variable(v).name)] = net.variable(v).states[static_cast<std::size_t>(r.states[static_cast<std::size_t>(v)])];
        return py::make_tuple(states, r.log_probability);
      }, py::arg("evidence") = py::dict(),
           "The most probable explanation: ({variable: state}, log P(assignment, evidence)).");
}

inline void bind_engines(py::module_& m) {
  py::class_<variable_elimination> ve(m, "VariableElimination",
                                      "Exact inference by variable elimination, per query (no compilation).");
  ve.def(py::init<const network&>(), py::arg("network"), py::keep_alive<1, 2>())
      .def("__repr__", [](const variable_elimination& e) {
        return "<pitchrisk.VariableElimination over '" + e.network().name() + "'>";
      });
  bind_exact_queries<variable_elimination>(ve);

  py::class_<junction_tree> jt(m, "JunctionTree",
                               "Exact inference on a compiled junction tree; immutable, safe from many threads.");
  jt.def(py::init<const network&>(), py::arg("network"), py::keep_alive<1, 2>())
      .def("__repr__", [](const junction_tree& e) {
        const auto& s = e.statistics();
        return "<pitchrisk.JunctionTree over '" + e.network().name() + "': " + std::to_string(s.cliques) +
               " cliques, largest " + std::to_string(s.largest_clique_variables) + " variables>";
      })
      .def("posterior_batch", [](const junction_tree& e, const py::array_t<long long, py::array::c_style | py::array::forcecast>& cases,
                                 std::string_view target, unsigned threads) {
        const network& net = e.network();
        const variable_id t = net.id(target);
        const std::vector<resolved_evidence> resolved = to_cases(net, cases);
        std::vector<double> flat;
        {
          py::gil_scoped_release release;
          flat = posterior_batch(e, std::span<const resolved_evidence>(resolved), t, threads);
        }
        const auto k = static_cast<py::ssize_t>(net.cardinality(t));
        py::array_t<double> out({static_cast<py::ssize_t>(resolved.size()), k});
        std::copy(flat.begin(), flat.end(), out.mutable_data());
        return out;
      }, py::arg("cases"), py::arg("target"), py::arg("threads") = 1,
           "P(target | case) for every row of an int matrix (cases x variables, columns in the order of "
           "network.variables, state indices, -1 = unobserved): a (cases x states) array.")
      .def("log_evidence_batch", [](const junction_tree& e, const py::array_t<long long, py::array::c_style | py::array::forcecast>& cases,
                                    unsigned threads) {
        const std::vector<resolved_evidence> resolved = to_cases(e.network(), cases);
        std::vector<double> flat;
        {
          py::gil_scoped_release release;
          flat = log_evidence_batch(e, std::span<const resolved_evidence>(resolved), threads);
        }
        py::array_t<double> out(static_cast<py::ssize_t>(flat.size()));
        std::copy(flat.begin(), flat.end(), out.mutable_data());
        return out;
      }, py::arg("cases"), py::arg("threads") = 1, "log P(case) for every row of an int evidence matrix.");
  bind_exact_queries<junction_tree>(jt);
}

}  // namespace pitchrisk::python
