// SPDX-License-Identifier: MIT
// Data and learning for Python: records as NumPy int matrices (one row per record, one
// column per network variable in id order, -1 = missing), drawn with pitchrisk.sample or
// read with pitchrisk.read_csv, or as a pitchrisk.Dataset or pandas DataFrame;
// pitchrisk.learn_parameters (counts, Dirichlet priors, EM when
// cells are missing), pitchrisk.log_likelihood; read_network / write_network for every
// format the library reads. The GIL is released while the library works.
#pragma once

#include "convert.hpp"
#include "data_bindings.hpp"

#include <pitchrisk/io/csv.hpp>
#include <pitchrisk/io/network_file.hpp>
#include <pitchrisk/learning/em.hpp>
#include <pitchrisk/learning/evaluation.hpp>
#include <pitchrisk/learning/parameter_estimation.hpp>
#include <pitchrisk/learning/sampling.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pitchrisk::python {

namespace py = pybind11;

inline parameter_prior to_prior(const std::string& kind, double ess, const std::optional<network>& prior_network) {
  parameter_prior p;
  p.ess = ess;
  if (kind == "mle") p.kind = prior_kind::mle;
  else if (kind == "bdeu") p.kind = prior_kind::bdeu;
  else if (kind == "k2") p.kind = prior_kind::k2;
  else if (kind == "network") {
    if (!prior_network) throw options_error("learn_parameters: prior 'network' needs prior_network=");
    p.kind = prior_kind::network;
    p.prior_network = std::make_shared<const network>(*prior_network);
  } else {
    throw options_error("learn_parameters: prior must be 'mle', 'bdeu', 'k2' or 'network', got '" + kind + "'");
  }
  return p;
}

/// Counts of every family in builder layout (child fastest, then the declared parents), as
/// network_from_counts takes them, from counts laid out as each net.cpt(v) (concatenated).
inline std::vector<py::array_t<double>> builder_layout(const network& net, const std::vector<double>& counts) {
  std::vector<py::array_t<double>> out;
  std::size_t offset = 0;
  for (const variable_id v : net.variables()) {
    const factor& cpt = net.cpt(v);
    const Eigen::Map<const Eigen::ArrayXd> table(counts.data() + offset, cpt.size());
    offset += static_cast<std::size_t>(cpt.size());
    std::vector<variable_id> order{v};
    order.insert(order.end(), net.parents(v).begin(), net.parents(v).end());
    const Eigen::ArrayXd laid = to_layout(factor(cpt.scope(), cpt.cardinalities(), table), order);
    out.emplace_back(laid.size(), laid.data());
  }
  return out;
}

inline void bind_learning(py::module_& m) {
  m.def("sample", [](const network& net, long long rows, std::uint64_t seed, double missing_rate,
                     const std::vector<std::string>& hidden, int threads) {
    dataset aligned;
    {
      py::gil_scoped_release release;
      const dataset drawn = sample(net, static_cast<Eigen::Index>(rows),
                                   {.seed = seed, .missing_rate = missing_rate, .hidden = hidden, .threads = threads});
      aligned = align_to_network(drawn, net);
    }
    return to_matrix(net, aligned);
  }, py::arg("network"), py::arg("rows"), py::arg("seed") = 1, py::arg("missing_rate") = 0.0,
        py::arg("hidden") = std::vector<std::string>(), py::arg("threads") = 1,
        "`rows` records drawn from the network as an int matrix (records x variables, -1 = missing): "
        "each cell missing with probability `missing_rate`, the `hidden` variables' columns all -1. "
        "The same seed gives the same records whatever the thread count.");

  m.def("read_csv", [](const std::filesystem::path& file, const network& net) {
    dataset aligned;
    {
      py::gil_scoped_release release;
      aligned = io::read_csv(file, net);
    }
    return to_matrix(net, aligned);
  }, py::arg("path"), py::arg("network"),
        "Records of a CSV file (header of variable names, cells state names; empty, ? or NA = missing) as an "
        "int matrix in the network's variable order; a variable without a column is all -1. Raises ParseError "
        "naming the file, line and cell.");

  m.def("learn_parameters", [](const network& structure, const py::object& records, const std::string& prior,
                               double ess, const std::optional<network>& prior_network, int max_iterations,
                               double tolerance, int restarts, std::uint64_t seed, int threads,
                               const std::optional<network>& start) {
    const dataset data = as_dataset(structure, records);
    const parameter_prior p = to_prior(prior, ess, prior_network);
    py::dict out;
    if (!data.has_missing()) {
      network learned = [&] {
        py::gil_scoped_release release;
        return estimate_parameters(structure, data, p);
      }();
      out["network"] = std::move(learned);
      out["em"] = false;
      return out;
    }
    em_result r = [&] {
      py::gil_scoped_release release;
      return learn_parameters_em(structure, data,
                                 {.prior = p, .max_iterations = max_iterations, .tolerance = tolerance,
                                  .restarts = restarts, .seed = seed, .threads = threads,
                                  .start = start ? std::make_shared<const network>(*start) : nullptr});
    }();
    out["network"] = std::move(r.model);
    out["em"] = true;
    out["log_likelihood"] = r.log_likelihood;
    out["iterations"] = r.iterations;
    out["converged"] = r.converged;
    return out;
  }, py::arg("structure"), py::arg("records"), py::arg("prior") = "mle", py::arg("ess") = 1.0,
        py::arg("prior_network") = py::none(), py::arg("max_iterations") = 100, py::arg("tolerance") = 1e-5,
        py::arg("restarts") = 0, py::arg("seed") = 1, py::arg("threads") = 1, py::arg("start") = py::none(),
        "The CPTs of `structure` (its own numbers ignored unless it is the prior) learned from `records`: counts "
        "with a Dirichlet prior ('mle', 'bdeu', 'k2', or 'network' with prior_network and ess) on complete "
        "records; EM when a cell is missing (from `start`, else from the available-case counts + 1). Returns {network, em, and with EM: log_likelihood (trace per "
        "E-step), iterations, converged}. Raises EvidenceError naming a record that is impossible under the "
        "current model. `records`: an int matrix (variables in network order, -1 = missing), a Dataset or a "
        "pandas DataFrame (matched by name).");

  m.def("family_counts", [](const network& structure, const py::object& records) {
    const dataset data = as_dataset(structure, records);
    std::vector<Eigen::ArrayXd> counts;
    {
      py::gil_scoped_release release;
      counts = network_counts(structure, data);
    }
    std::vector<py::array_t<double>> out;
    for (const auto& c : counts) out.emplace_back(c.size(), c.data());
    return out;
  }, py::arg("structure"), py::arg("records"),
        "Available-case counts of every family (a record with a missing cell in the family does not count), one "
        "flat array per variable in builder layout: the child's state fastest, then the parents in order.");

  m.def("expected_counts", [](const network& model, const py::object& records, int threads) {
    const dataset data = as_dataset(model, records);
    std::vector<double> counts;
    double ll = 0;
    {
      py::gil_scoped_release release;
      ll = expected_counts(model, data, &counts, threads);
    }
    return py::make_tuple(ll, builder_layout(model, counts));
  }, py::arg("model"), py::arg("records"), py::arg("threads") = 1,
        "EM's E-step on these records: (log-likelihood, expected family counts in builder layout). Sums over "
        "partitions of a data set add up to the E-step of the whole. Raises EvidenceError naming an impossible record.");

  m.def("network_from_counts", [](const network& structure, const std::vector<py::array_t<double, py::array::c_style | py::array::forcecast>>& counts,
                                  const std::string& prior, double ess, const std::optional<network>& prior_network) {
    if (counts.size() != static_cast<std::size_t>(structure.size()))
      throw model_error("network_from_counts: " + std::to_string(counts.size()) + " count arrays for " +
                        std::to_string(structure.size()) + " variables");
    std::vector<Eigen::ArrayXd> c;
    for (std::size_t v = 0; v < counts.size(); ++v) {
      const auto& a = counts[v];
      if (a.ndim() != 1 || a.shape(0) != structure.cpt(static_cast<variable_id>(v)).size())
        throw model_error("network_from_counts: counts of '" + structure.variable(static_cast<variable_id>(v)).name +
                          "' must be a flat array of " + std::to_string(structure.cpt(static_cast<variable_id>(v)).size()) +
                          " entries");
      c.emplace_back(Eigen::Map<const Eigen::ArrayXd>(a.data(), a.shape(0)));
    }
    const parameter_prior p = to_prior(prior, ess, prior_network);
    const std::vector<Eigen::ArrayXd> pseudo = p.kind == prior_kind::mle ? std::vector<Eigen::ArrayXd>{} : prior_counts(structure, p);
    return network_from_counts(structure, c, pseudo);
  }, py::arg("structure"), py::arg("counts"), py::arg("prior") = "mle", py::arg("ess") = 1.0,
        py::arg("prior_network") = py::none(),
        "EM's M-step: the CPTs (counts + the prior's pseudo-counts) / column total, counts in builder layout as "
        "family_counts and expected_counts give them; a column of total 0 is uniform.");

  m.def("log_likelihood", [](const network& net, const py::object& records, int threads) {
    const dataset data = as_dataset(net, records);
    py::gil_scoped_release release;
    return log_likelihood(net, data, threads);
  }, py::arg("network"), py::arg("records"), py::arg("threads") = 1,
        "Total log-likelihood (nats) of the records (int matrix, Dataset or DataFrame) under the network, missing "
        "cells summed out.");

  m.def("read_network", [](const std::filesystem::path& file, const std::optional<std::string>& format) {
    std::optional<io::network_format> f;
    if (format) f = io::parse_format(*format);
    return io::read_network(file, f);
  }, py::arg("path"), py::arg("format") = py::none(),
        "A network from a model file; the format from `format`, else the extension, else the first word.");
  m.def("write_network", [](const network& net, const std::filesystem::path& file, const std::optional<std::string>& format) {
    std::optional<io::network_format> f;
    if (format) f = io::parse_format(*format);
    io::write_network(net, file, f);
  }, py::arg("network"), py::arg("path"), py::arg("format") = py::none(),
        "Writes the network; the format from `format`, else the extension.");
}

}  // namespace pitchrisk::python
