// SPDX-License-Identifier: MIT
// pitchrisk.Network (read, write, inspect) and pitchrisk.NetworkBuilder (build one from
// Python: variables with states, parents, CPT columns).
#pragma once

#include <pitchrisk/core/network.hpp>
#include <pitchrisk/core/network_builder.hpp>
#include <pitchrisk/io/bif.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <string>
#include <vector>

namespace pitchrisk::python {

namespace py = pybind11;

/// The CPT of `v` as a (states x parent configurations) array; column j is the parent
/// configuration j, first parent fastest (the builder's and BIF's column order).
inline py::array_t<double> cpt_array(const network& net, variable_id v) {
  const Eigen::ArrayXd flat = net.cpt_columns(v);
  const auto rows = static_cast<py::ssize_t>(net.cardinality(v));
  const py::ssize_t cols = static_cast<py::ssize_t>(flat.size()) / rows;
  py::array_t<double, py::array::f_style> out({rows, cols});
  std::copy(flat.data(), flat.data() + flat.size(), out.mutable_data());
  return out;
}

inline std::vector<std::string> names_of(const network& net, std::span<const variable_id> ids) {
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (const variable_id v : ids) out.push_back(net.variable(v).name);
  return out;
}

inline void bind_network(py::module_& m) {
  py::class_<network>(m, "Network", "A discrete Bayesian network: immutable once built.")
      .def(py::pickle([](const network& net) { return io::to_bif_string(net); },  // BIF keeps every bit
                      [](const std::string& bif) { return io::read_bif_string(bif, "<pickled network>"); }))
      .def_property_readonly("name", &network::name)
      .def("__len__", &network::size)
      .def_property_readonly("variables", [](const network& net) {
        std::vector<std::string> out;
        for (const variable_id v : net.variables()) out.push_back(net.variable(v).name);
        return out;
      }, "Variable names, in declaration order (the columns of the batch evidence matrices).")
      .def("states", [](const network& net, std::string_view name) { return net.variable(net.id(name)).states; },
           py::arg("variable"), "State names of a variable.")
      .def("parents", [](const network& net, std::string_view name) { return names_of(net, net.parents(net.id(name))); },
           py::arg("variable"), "Parent names, in declared order.")
      .def("children", [](const network& net, std::string_view name) { return names_of(net, net.children(net.id(name))); },
           py::arg("variable"))
      .def("cpt", [](const network& net, std::string_view name) { return cpt_array(net, net.id(name)); },
           py::arg("variable"),
           "The CPT as a (states x parent configurations) array, first parent fastest.")
      .def_property_readonly("arc_count", &network::arc_count)
      .def_property_readonly("parameter_count", &network::parameter_count)
      .def("to_bif", [](const network& net) { return io::to_bif_string(net); }, "The network as BIF text.")
      .def("write_bif", [](const network& net, const std::filesystem::path& file) { io::write_bif(net, file); },
           py::arg("path"))
      .def("__eq__", [](const network& a, const network& b) { return a == b; })
      .def("__repr__", [](const network& net) {
        return "<pitchrisk.Network '" + net.name() + "': " + std::to_string(net.size()) + " variables, " +
               std::to_string(net.arc_count()) + " arcs>";
      });

  m.def("read_bif", [](const std::filesystem::path& file) { return io::read_bif(file); }, py::arg("path"),
        "Reads a BIF file. Raises ParseError (with file, line, column) or IOError.");
  m.def("read_bif_string", [](std::string_view text, std::string file_name) { return io::read_bif_string(text, std::move(file_name)); },
        py::arg("text"), py::arg("file_name") = "<string>", "Reads BIF text.");

  py::class_<network_builder>(m, "NetworkBuilder",
                              "Builds a network: add variables, set parents and CPTs, then build() validates all.")
      .def(py::init<std::string>(), py::arg("name") = "unknown")
      .def("add_variable", [](network_builder& b, std::string name, std::vector<std::string> states) {
        b.add_variable(std::move(name), std::move(states));
      }, py::arg("name"), py::arg("states"))
      .def("set_parents", [](network_builder& b, std::string_view child, const std::vector<std::string>& parents) {
        std::vector<variable_id> ids;
        for (const auto& p : parents) ids.push_back(b.id(p));
        b.set_parents(b.id(child), std::move(ids));
      }, py::arg("child"), py::arg("parents"))
      .def("set_cpt", [](network_builder& b, std::string_view child,
                         const py::array_t<double, py::array::forcecast>& table) {
        // A (states x configurations) array is read column by column; a flat one as given.
        const py::array_t<double, py::array::f_style | py::array::forcecast> f(table);
        Eigen::ArrayXd columns(f.size());
        std::copy(f.data(), f.data() + f.size(), columns.data());
        b.set_cpt(b.id(child), std::move(columns));
      }, py::arg("child"), py::arg("table"),
           "CPT columns: a (states x parent configurations) array (first parent fastest) or the same flattened.")
      .def("build", [](const network_builder& b) { return b.build(); }, "Validates and freezes the network.");
}

}  // namespace pitchrisk::python
