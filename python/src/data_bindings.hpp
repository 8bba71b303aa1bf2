// SPDX-License-Identifier: MIT
// Data sets for Python: pitchrisk.Dataset (named columns with their states, one byte per
// cell), built from a NumPy int matrix or a pandas DataFrame and turned back into either;
// and the one conversion every learning and evaluation call uses, so that each takes a
// Dataset, a DataFrame or (with a network for the variables) a NumPy matrix alike.
#pragma once

#include "convert.hpp"

#include <pitchrisk/learning/dataset.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace pitchrisk::python {

namespace py = pybind11;

using record_matrix = py::array_t<long long, py::array::c_style | py::array::forcecast>;

/// The data set's cells as a (rows x columns) int matrix, -1 = missing.
inline py::array_t<long long> to_matrix(const dataset& data) {
  const auto rows = static_cast<py::ssize_t>(data.rows());
  const auto cols = static_cast<py::ssize_t>(data.columns());
  py::array_t<long long> out({rows, cols});
  auto w = out.mutable_unchecked<2>();
  for (py::ssize_t c = 0; c < cols; ++c) {
    const auto column = data.column(static_cast<Eigen::Index>(c));
    for (py::ssize_t r = 0; r < rows; ++r) {
      const dataset::cell x = column[static_cast<std::size_t>(r)];
      w(r, c) = x == dataset::missing ? -1 : static_cast<long long>(x);
    }
  }
  return out;
}

/// The data set (column v = variable v) as a (rows x variables) int matrix, -1 = missing.
inline py::array_t<long long> to_matrix(const network&, const dataset& aligned) { return to_matrix(aligned); }

/// A (rows x variables) int matrix as a data set for `net`. Throws: evidence_error for a
/// wrong shape or a value out of range, naming the row and the variable.
inline dataset to_dataset(const network& net, const record_matrix& m) {
  if (m.ndim() != 2 || m.shape(1) != net.size())
    throw evidence_error("records: expected an int matrix of shape (records, " + std::to_string(net.size()) + ")");
  dataset data = dataset::for_network(net);
  data.reserve(static_cast<Eigen::Index>(m.shape(0)));
  const auto r = m.unchecked<2>();
  std::vector<dataset::cell> row(static_cast<std::size_t>(net.size()));
  for (py::ssize_t i = 0; i < m.shape(0); ++i) {
    for (variable_id v = 0; v < net.size(); ++v) {
      const long long s = r(i, v);
      if (s < -1 || s >= net.cardinality(v))
        throw evidence_error("record " + std::to_string(i) + ": variable '" + net.variable(v).name + "' has no state " +
                             std::to_string(s) + " (" + std::to_string(net.cardinality(v)) + " states; -1 = missing)");
      row[static_cast<std::size_t>(v)] = s == -1 ? dataset::missing : static_cast<dataset::cell>(s);
    }
    data.append_row_unchecked(row);
  }
  return data;
}

/// Columns `names` with `states` and the cells of a (rows x columns) int matrix (-1 = missing).
/// Throws: evidence_error for a wrong shape or a value out of range (naming row and column);
/// model_error from the dataset constructor (duplicate names or states, no states).
inline dataset to_dataset(std::vector<std::string> names, std::vector<std::vector<std::string>> states,
                          const record_matrix& m) {
  if (m.ndim() != 2 || m.shape(1) != static_cast<py::ssize_t>(names.size()))
    throw evidence_error("records: expected an int matrix of shape (records, " + std::to_string(names.size()) + ")");
  if (states.size() != names.size())
    throw model_error("dataset: " + std::to_string(names.size()) + " names but " + std::to_string(states.size()) +
                      " state lists");
  const auto r = m.unchecked<2>();
  std::vector<std::vector<dataset::cell>> cells(names.size(), std::vector<dataset::cell>(static_cast<std::size_t>(m.shape(0))));
  for (std::size_t c = 0; c < names.size(); ++c) {
    const auto card = static_cast<long long>(states[c].size());
    for (py::ssize_t i = 0; i < m.shape(0); ++i) {
      const long long s = r(i, static_cast<py::ssize_t>(c));
      if (s < -1 || s >= card)
        throw evidence_error("record " + std::to_string(i) + ": column '" + names[c] + "' has no state " + std::to_string(s) +
                             " (" + std::to_string(card) + " states; -1 = missing)");
      cells[c][static_cast<std::size_t>(i)] = s == -1 ? dataset::missing : static_cast<dataset::cell>(s);
    }
  }
  return dataset::from_columns(std::move(names), std::move(states), std::move(cells));
}

namespace detail {

inline py::module_ frames() { return py::module_::import("pitchrisk._frames"); }

/// A DataFrame value as a state name: a str as it is, an int (or a float with an integer
/// value, as an int column with NaN becomes) in decimal, as a CSV cell would spell it.
/// Throws: evidence_error naming the column, its dtype and the value for anything else.
inline std::string label_text(py::handle x, const std::string& column, const std::string& dtype) {
  const py::module_ np = py::module_::import("numpy");
  if (py::isinstance<py::str>(x)) return py::cast<std::string>(x);
  const bool is_bool = py::isinstance<py::bool_>(x) || py::isinstance(x, np.attr("bool_"));
  if (!is_bool && (py::isinstance<py::int_>(x) || py::isinstance(x, np.attr("integer"))))
    return std::to_string(py::cast<long long>(x));
  if (!is_bool && (py::isinstance<py::float_>(x) || py::isinstance(x, np.attr("floating")))) {
    const double d = py::cast<double>(x);
    if (std::isfinite(d) && d == std::floor(d) && std::abs(d) < 9.007199254740992e15)
      return std::to_string(static_cast<long long>(d));
  }
  throw evidence_error("DataFrame column '" + column + "' (dtype " + dtype + "): value " + py::cast<std::string>(py::repr(x)) +
                       " is not a state name (expected str, int or categorical values)");
}

/// One DataFrame column: its name, dtype, codes (-1 = missing) and labels as state names.
struct frame_column {
  std::string name;
  std::string dtype;
  py::array_t<long long, py::array::c_style | py::array::forcecast> codes;
  std::vector<std::string> labels;
};

inline std::vector<frame_column> frame_columns(py::handle frame) {
  std::vector<frame_column> out;
  for (const py::handle item : frames().attr("frame_columns")(frame)) {
    const py::tuple t = py::reinterpret_borrow<py::tuple>(item);
    if (!py::isinstance<py::str>(t[0]))
      throw evidence_error("DataFrame column names are variable names (str), got " +
                           py::cast<std::string>(py::repr(t[0])));
    frame_column c{py::cast<std::string>(t[0]), py::cast<std::string>(t[1]),
                   py::cast<py::array_t<long long, py::array::c_style | py::array::forcecast>>(t[2]), {}};
    for (const py::handle x : t[3]) c.labels.push_back(label_text(x, c.name, c.dtype));
    out.push_back(std::move(c));
  }
  return out;
}

/// The cells of a column, each code replaced by map[code] (-1 stays missing).
inline std::vector<dataset::cell> remap(const frame_column& c, const std::vector<dataset::cell>& map) {
  const auto codes = c.codes.unchecked<1>();
  std::vector<dataset::cell> cells(static_cast<std::size_t>(codes.shape(0)));
  for (py::ssize_t r = 0; r < codes.shape(0); ++r) {
    const long long k = codes(r);
    cells[static_cast<std::size_t>(r)] = k < 0 ? dataset::missing : map[static_cast<std::size_t>(k)];
  }
  return cells;
}

/// The first row of a column holding label `k`.
inline py::ssize_t first_row(const frame_column& c, std::size_t k) {
  const auto codes = c.codes.unchecked<1>();
  for (py::ssize_t r = 0; r < codes.shape(0); ++r)
    if (codes(r) == static_cast<long long>(k)) return r;
  return -1;
}

}  // namespace detail

/// A DataFrame as a data set for `net`: column v is variable v, a variable without a column
/// is all missing. Throws: model_error for a column the network does not know (the message of
/// match_columns); lookup_error for a value that is not a state of its variable, naming the
/// column, the first row holding it and the states; evidence_error for a value that is no
/// state name at all (a bool, a fraction, an object).
inline dataset frame_to_dataset(const network& net, py::handle frame) {
  const std::vector<detail::frame_column> columns = detail::frame_columns(frame);
  const auto n = static_cast<std::size_t>(net.size());
  const py::ssize_t rows = py::len(frame);
  std::vector<std::vector<dataset::cell>> cells(n);
  std::vector<char> seen(n, 0);
  for (const detail::frame_column& c : columns) {
    const std::optional<variable_id> v = net.find(c.name);
    if (!v) throw model_error("data column '" + c.name + "' is not a variable of network '" + net.name() + "'");
    const auto vi = static_cast<std::size_t>(*v);
    if (seen[vi]) throw model_error("DataFrame has two columns '" + c.name + "'");
    seen[vi] = 1;
    const auto& states = net.variable(*v).states;
    std::vector<dataset::cell> map(c.labels.size());
    for (std::size_t k = 0; k < c.labels.size(); ++k) {
      const auto it = std::find(states.begin(), states.end(), c.labels[k]);
      if (it == states.end()) {
        const py::ssize_t r = detail::first_row(c, k);
        if (r < 0) {  // an unused category: it cannot be a cell, and is not an error
          map[k] = dataset::missing;
          continue;
        }
        std::string list;
        for (const auto& s : states) list += (list.empty() ? "" : ", ") + s;
        throw lookup_error("DataFrame column '" + c.name + "', row " + std::to_string(r) + ": unknown state '" +
                           c.labels[k] + "' (variable '" + c.name + "' has " + list + ")");
      }
      map[k] = static_cast<dataset::cell>(it - states.begin());
    }
    cells[vi] = detail::remap(c, map);
  }
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> states;
  for (const variable_id v : net.variables()) {
    names.push_back(net.variable(v).name);
    states.push_back(net.variable(v).states);
    if (!seen[static_cast<std::size_t>(v)]) cells[static_cast<std::size_t>(v)].assign(static_cast<std::size_t>(rows), dataset::missing);
  }
  return dataset::from_columns(std::move(names), std::move(states), std::move(cells));
}

/// A DataFrame as a data set of its own columns: a categorical column's states are its
/// categories, another column's its distinct values in order of first appearance.
/// Throws: evidence_error as above; model_error from the dataset (a column without any
/// value, over 255 states, duplicate names or two values spelling one state).
inline dataset frame_to_dataset(py::handle frame) {
  std::vector<detail::frame_column> columns = detail::frame_columns(frame);
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> states;
  std::vector<std::vector<dataset::cell>> cells;
  for (detail::frame_column& c : columns) {
    if (c.labels.size() > static_cast<std::size_t>(dataset::max_cardinality))
      throw model_error("DataFrame column '" + c.name + "' has " + std::to_string(c.labels.size()) +
                        " distinct values, more than the 255 states a column may have");
    std::vector<dataset::cell> map(c.labels.size());
    for (std::size_t k = 0; k < map.size(); ++k) map[k] = static_cast<dataset::cell>(k);
    cells.push_back(detail::remap(c, map));
    names.push_back(std::move(c.name));
    states.push_back(std::move(c.labels));
  }
  return dataset::from_columns(std::move(names), std::move(states), std::move(cells));
}

/// Whether `x` is a pandas DataFrame (never true while pandas is not imported).
inline bool is_dataframe(py::handle x) { return py::cast<bool>(detail::frames().attr("is_dataframe")(x)); }

/// Records for `net` from a Dataset (columns matched by name, as align_to_network), a
/// DataFrame or a NumPy int matrix (columns in variable order, -1 = missing).
/// Throws: as align_to_network, frame_to_dataset and to_dataset.
inline dataset as_dataset(const network& net, py::handle data) {
  if (py::isinstance<dataset>(data)) return align_to_network(py::cast<const dataset&>(data), net);
  if (is_dataframe(data)) return frame_to_dataset(net, data);
  const bool matrix_like = py::isinstance<py::array>(data) || (py::isinstance<py::sequence>(data) && !py::isinstance<py::str>(data));
  if (matrix_like) {
    try {
      return to_dataset(net, py::cast<record_matrix>(data));
    } catch (const py::error_already_set&) {  // not convertible to integers: reported below
    } catch (const py::cast_error&) {
    }
  }
  throw evidence_error("records: expected an int matrix (records x " + std::to_string(net.size()) +
                       " variables, -1 = missing), a pitchrisk.Dataset or a pandas DataFrame, got " +
                       py::cast<std::string>(py::str(py::type::of(data).attr("__name__"))));
}

/// Records with their own variables: a Dataset or a DataFrame as they are; with `net`, the
/// data aligned to it (and then a NumPy matrix too). Throws: options_error for a NumPy
/// matrix without a network, naming `what`; as above otherwise.
inline dataset as_dataset(py::handle data, const std::optional<network>& net, const std::string& what) {
  if (net) return as_dataset(*net, data);
  if (py::isinstance<dataset>(data)) return py::cast<const dataset&>(data);
  if (is_dataframe(data)) return frame_to_dataset(data);
  throw options_error(what + ": records as a NumPy matrix need network= for their variables and states "
                             "(or give a pitchrisk.Dataset or a pandas DataFrame)");
}

/// The data set as a DataFrame of categorical columns (categories = the states).
inline py::object to_dataframe(const dataset& data) {
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> states;
  for (Eigen::Index c = 0; c < data.columns(); ++c) {
    names.push_back(data.name(c));
    states.push_back(data.states(c));
  }
  return detail::frames().attr("make_frame")(names, states, to_matrix(data));
}

inline Eigen::Index column_index(const dataset& data, py::handle key) {
  if (py::isinstance<py::str>(key)) {
    const std::string name = py::cast<std::string>(key);
    const Eigen::Index c = data.column_of(name);
    if (c < 0) throw lookup_error("the data set has no column '" + name + "'");
    return c;
  }
  const auto c = py::cast<long long>(key);
  if (c < 0 || c >= data.columns())
    throw lookup_error("column " + std::to_string(c) + " out of range (" + std::to_string(data.columns()) + " columns)");
  return static_cast<Eigen::Index>(c);
}

inline void bind_data(py::module_& m) {
  py::class_<dataset>(m, "Dataset",
                      "Records of discrete variables: named columns, each with its state names, one cell per record "
                      "(a state index or missing). Learning and evaluation calls take a Dataset, a pandas DataFrame, or "
                      "with a network a NumPy int matrix (-1 = missing).")
      .def(py::init([](std::vector<std::string> names, std::vector<std::vector<std::string>> states,
                       const record_matrix& records) { return to_dataset(std::move(names), std::move(states), records); }),
           py::arg("names"), py::arg("states"), py::arg("records"),
           "Columns `names` with their `states` and the cells of an int matrix (records x columns, -1 = missing). "
           "Raises EvidenceError naming a cell out of range, ModelError for duplicate names or states.")
      .def(py::init([](const network& net, py::handle records) { return as_dataset(net, records); }),
           py::arg("network"), py::arg("records"),
           "The network's variables as columns (in its order) and the records of an int matrix (-1 = missing), a "
           "DataFrame or another Dataset, matched by name.")
      .def_static("from_dataframe", [](py::handle frame, const std::optional<network>& net) {
             if (!is_dataframe(frame)) throw evidence_error("from_dataframe: expected a pandas DataFrame");
             return net ? frame_to_dataset(*net, frame) : frame_to_dataset(frame);
           }, py::arg("frame"), py::arg("network") = py::none(),
           "A DataFrame as a Dataset: columns are variables, NaN/None cells are missing. A categorical column's "
           "values are its categories, a str column's its strings, an int column's (or a float column holding "
           "integers and NaN) its numbers in decimal. With `network`: the network's variables in its order (a "
           "variable without a column is all missing) and its states; a column it does not know raises "
           "ModelError, a value that is not a state LookupError (naming column and row), a bool or fraction "
           "EvidenceError. Without: the frame's columns, states = categories or values in order of first appearance.")
      .def("to_dataframe", &to_dataframe,
           "The records as a pandas DataFrame, one categorical column per variable (categories = its states, "
           "missing = NaN).")
      .def("to_numpy", [](const dataset& d) { return to_matrix(d); },
           "The records as an int matrix (records x columns, state indices, -1 = missing).")
      .def_property_readonly("names", [](const dataset& d) {
             std::vector<std::string> out;
             for (Eigen::Index c = 0; c < d.columns(); ++c) out.push_back(d.name(c));
             return out;
           }, "Column (variable) names, in order.")
      .def("states", [](const dataset& d, py::handle column) { return d.states(column_index(d, column)); },
           py::arg("column"), "State names of a column (by name or index).")
      .def_property_readonly("rows", &dataset::rows, "Number of records.")
      .def_property_readonly("columns", &dataset::columns, "Number of columns.")
      .def_property_readonly("missing_cells", &dataset::missing_cells, "Number of missing cells.")
      .def("select_rows", [](const dataset& d, const std::vector<Eigen::Index>& rows) { return d.select_rows(rows); },
           py::arg("rows"), "The records listed (in that order, repeats allowed) as a new Dataset.")
      .def("__len__", &dataset::rows)
      .def("__eq__", [](const dataset& a, const dataset& b) {
        if (a.rows() != b.rows() || a.columns() != b.columns()) return false;
        for (Eigen::Index c = 0; c < a.columns(); ++c) {
          if (a.name(c) != b.name(c) || a.states(c) != b.states(c)) return false;
          const auto x = a.column(c), y = b.column(c);
          if (!std::equal(x.begin(), x.end(), y.begin())) return false;
        }
        return true;
      })
      .def("__repr__", [](const dataset& d) {
        return "<pitchrisk.Dataset: " + std::to_string(d.rows()) + " records, " + std::to_string(d.columns()) +
               " columns, " + std::to_string(d.missing_cells()) + " missing cells>";
      });

  m.def("to_dataframe", [](const network& net, py::handle records) { return to_dataframe(as_dataset(net, records)); },
        py::arg("network"), py::arg("records"),
        "Records for the network (an int matrix as sample and read_csv give, -1 = missing) as a pandas DataFrame "
        "of categorical columns named after the variables.");
}

}  // namespace pitchrisk::python
