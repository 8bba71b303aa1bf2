// SPDX-License-Identifier: MIT
// A data set of discrete records: one column per variable, values stored as state indices,
// one byte per cell (column-major), with a marker for a missing cell. Columns are matched
// to a network's variables by name (dataset::for_network, match_columns) or stand alone.
// This is what CSV reading fills, what sampling produces and what every learner reads.
#pragma once

#include "pitchrisk/core/network.hpp"
#include "pitchrisk/detail/string_hash.hpp"
#include "pitchrisk/error.hpp"

#include <Eigen/Core>

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace pitchrisk {

/// Records of discrete variables, column-major, one byte per cell.
class dataset {
 public:
  using cell = std::uint8_t;                 ///< a state index; cardinalities up to 255
  static constexpr cell missing = 0xFF;      ///< marks a missing cell
  static constexpr Eigen::Index max_cardinality = 255;  ///< most states a column may have

  /// An empty data set (no columns, no rows).
  dataset() = default;
  /// Columns called `names` with these states, and no rows.
  /// Throws: model_error on a duplicate or empty name, a column without states, a duplicate
  /// or empty state name, more than 255 states, or sizes that differ.
  dataset(std::vector<std::string> names, std::vector<std::vector<std::string>> states);
  /// Columns with their cells given (moved in, not copied): cells[c] is column c, all of
  /// the same length. Throws: as the constructor above; model_error on unequal lengths or
  /// a cell out of range, naming the column and the row.
  [[nodiscard]] static dataset from_columns(std::vector<std::string> names, std::vector<std::vector<std::string>> states,
                                            std::vector<std::vector<cell>> cells);
  /// Columns = the network's variables, in id order (column c is variable c).
  template <class Real>
  [[nodiscard]] static dataset for_network(const basic_network<Real>& net);

  /// Number of records.
  [[nodiscard]] Eigen::Index rows() const noexcept { return m_rows; }
  /// Number of columns (variables).
  [[nodiscard]] Eigen::Index columns() const noexcept { return static_cast<Eigen::Index>(m_names.size()); }
  /// Name of column `c`. Throws: lookup_error when `c` is out of range.
  [[nodiscard]] const std::string& name(Eigen::Index c) const { return m_names.at(index(c)); }
  /// State names of column `c`; a cell holds an index into them. Throws: lookup_error when
  /// `c` is out of range.
  [[nodiscard]] const std::vector<std::string>& states(Eigen::Index c) const { return m_states.at(index(c)); }
  /// Number of states of column `c`. Throws: lookup_error when `c` is out of range.
  [[nodiscard]] Eigen::Index cardinality(Eigen::Index c) const {
    return static_cast<Eigen::Index>(m_states.at(index(c)).size());
  }
  /// Column called `name`, or -1 if absent.
  [[nodiscard]] Eigen::Index column_of(std::string_view name) const;
  /// Index of state `state` of column `c`, or -1 if it has none.
  [[nodiscard]] Eigen::Index state_of(Eigen::Index c, std::string_view state) const;
  /// The cells of column `c` (rows() of them). Requires: 0 <= c < columns().
  [[nodiscard]] std::span<const cell> column(Eigen::Index c) const noexcept {
    return {m_cells[static_cast<std::size_t>(c)].data(), static_cast<std::size_t>(m_rows)};
  }
  /// The cell at (row, c). Throws: lookup_error when out of range.
  [[nodiscard]] cell at(Eigen::Index row, Eigen::Index c) const;
  /// Whether the cell at (row, c) is missing.
  [[nodiscard]] bool is_missing(Eigen::Index row, Eigen::Index c) const { return at(row, c) == missing; }

  /// Appends one record: columns() cells, each a state index below the column's
  /// cardinality or `missing`. Throws: model_error naming the column and the value.
  void append_row(std::span<const cell> row);
  /// Appends one record without checks (for readers and samplers that validated already).
  /// Requires: row.size() == columns(), every cell valid.
  void append_row_unchecked(std::span<const cell> row);
  /// Overwrites one cell. Throws: lookup_error / model_error when out of range.
  void set(Eigen::Index row, Eigen::Index c, cell value);
  /// Makes room for `rows` records in every column (no reallocation while appending them).
  void reserve(Eigen::Index rows);

  /// Whether any cell is missing.
  [[nodiscard]] bool has_missing() const noexcept { return m_missing_cells > 0; }
  /// Number of missing cells.
  [[nodiscard]] Eigen::Index missing_cells() const noexcept { return m_missing_cells; }
  /// The rows listed (in that order; repeats allowed) as a new data set with the same
  /// columns. Throws: lookup_error naming a row out of range.

  [[nodiscard]] dataset select_rows(std::span<const Eigen::Index> rows) const;
  /// Bytes taken by the cells (one per cell, plus capacity slack).
  [[nodiscard]] std::size_t cell_bytes() const noexcept;

 private:
  std::size_t index(Eigen::Index c) const {
    if (c < 0 || c >= columns())
      throw lookup_error("dataset column " + std::to_string(c) + " out of range (" + std::to_string(columns()) +
                         " columns)");
    return static_cast<std::size_t>(c);
  }
  void check_cell(std::size_t c, cell value) const;

  std::vector<std::string> m_names;
  std::vector<std::vector<std::string>> m_states;
  std::vector<std::vector<cell>> m_cells;  // one vector per column
  pitchrisk::detail::name_map<Eigen::Index> m_ids;
  Eigen::Index m_rows = 0;
  Eigen::Index m_missing_cells = 0;
};

/// For each variable of `net`, the column of `data` with its name, or -1 if the data has
/// none (a variable without a column is all missing).
/// Throws: model_error if a matched column's states differ from the variable's (names and
/// order), naming the variable; model_error if `data` has a column the network does not know
/// and `allow_extra_columns` is false.
template <class Real>
[[nodiscard]] std::vector<Eigen::Index> match_columns(const dataset& data, const basic_network<Real>& net,
                                                      bool allow_extra_columns = true);

/// The data re-laid for `net`: column v is variable v (all missing where the data has no
/// column). Throws: as match_columns.
template <class Real>
[[nodiscard]] dataset align_to_network(const dataset& data, const basic_network<Real>& net,
                                       bool allow_extra_columns = true);

// ---------------------------------------------------------------------------------------

inline dataset::dataset(std::vector<std::string> names, std::vector<std::vector<std::string>> states)
    : m_names(std::move(names)), m_states(std::move(states)) {
  if (m_names.size() != m_states.size())
    throw model_error("dataset: " + std::to_string(m_names.size()) + " column names but " +
                      std::to_string(m_states.size()) + " state lists");
  for (std::size_t c = 0; c < m_names.size(); ++c) {
    const std::string& n = m_names[c];
    if (n.empty()) throw model_error("dataset: column " + std::to_string(c + 1) + " has an empty name");
    if (!m_ids.emplace(n, static_cast<Eigen::Index>(c)).second)
      throw model_error("dataset: column '" + n + "' appears twice");
    const auto& st = m_states[c];
    if (st.empty()) throw model_error("dataset: column '" + n + "' has no states");
    if (static_cast<Eigen::Index>(st.size()) > max_cardinality)
      throw model_error("dataset: column '" + n + "' has " + std::to_string(st.size()) +
                        " states, at most 255 fit in one byte per cell");
    std::unordered_set<std::string_view> seen;
    for (const auto& s : st) {
      if (s.empty()) throw model_error("dataset: column '" + n + "' has an empty state name");
      if (!seen.insert(s).second) throw model_error("dataset: column '" + n + "' has state '" + s + "' twice");
    }
  }
  m_cells.resize(m_names.size());
}

inline dataset dataset::from_columns(std::vector<std::string> names, std::vector<std::vector<std::string>> states,
                                     std::vector<std::vector<cell>> cells) {
  dataset d(std::move(names), std::move(states));
  if (cells.size() != d.m_names.size())
    throw model_error("dataset: " + std::to_string(cells.size()) + " columns of cells for " +
                      std::to_string(d.m_names.size()) + " column names");
  const std::size_t rows = cells.empty() ? 0 : cells[0].size();
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (cells[c].size() != rows)
      throw model_error("dataset: column '" + d.m_names[c] + "' has " + std::to_string(cells[c].size()) +
                        " cells, column '" + d.m_names[0] + "' has " + std::to_string(rows));
    const auto k = static_cast<cell>(d.m_states[c].size());
    for (std::size_t r = 0; r < rows; ++r) {
      const cell x = cells[c][r];
      if (x == missing) {
        ++d.m_missing_cells;
      } else if (x >= k) {
        throw model_error("dataset: row " + std::to_string(r) + ", column '" + d.m_names[c] + "': value " +
                          std::to_string(x) + " out of range (" + std::to_string(k) + " states)");
      }
    }
  }
  d.m_cells = std::move(cells);
  d.m_rows = static_cast<Eigen::Index>(rows);
  return d;
}

template <class Real>
dataset dataset::for_network(const basic_network<Real>& net) {
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> states;
  for (const variable_id v : net.variables()) {
    names.push_back(net.variable(v).name);
    states.push_back(net.variable(v).states);
  }
  return dataset(std::move(names), std::move(states));
}

inline Eigen::Index dataset::column_of(std::string_view name) const {
  const auto it = m_ids.find(name);
  return it == m_ids.end() ? -1 : it->second;
}

inline Eigen::Index dataset::state_of(Eigen::Index c, std::string_view state) const {
  const auto& st = m_states.at(index(c));
  for (std::size_t s = 0; s < st.size(); ++s)
    if (st[s] == state) return static_cast<Eigen::Index>(s);
  return -1;
}

inline dataset::cell dataset::at(Eigen::Index row, Eigen::Index c) const {
  const std::size_t ci = index(c);
  if (row < 0 || row >= m_rows)
    throw lookup_error("dataset row " + std::to_string(row) + " out of range (" + std::to_string(m_rows) + " rows)");
  return m_cells[ci][static_cast<std::size_t>(row)];
}

inline void dataset::check_cell(std::size_t c, cell value) const {
  if (value != missing && static_cast<std::size_t>(value) >= m_states[c].size())
    throw model_error("dataset: value " + std::to_string(value) + " for column '" + m_names[c] + "' is out of range (" +
                      std::to_string(m_states[c].size()) + " states; missing is " + std::to_string(missing) + ")");
}

inline void dataset::append_row(std::span<const cell> row) {
  if (row.size() != m_names.size())
    throw model_error("dataset: a record of " + std::to_string(row.size()) + " cells, expected " +
                      std::to_string(m_names.size()) + " (one per column)");
  for (std::size_t c = 0; c < row.size(); ++c) check_cell(c, row[c]);
  append_row_unchecked(row);
}

inline void dataset::append_row_unchecked(std::span<const cell> row) {
  for (std::size_t c = 0; c < row.size(); ++c) {
    m_cells[c].push_back(row[c]);
    m_missing_cells += row[c] == missing;
  }
  ++m_rows;
}

inline void dataset::set(Eigen::Index row, Eigen::Index c, cell value) {
  const std::size_t ci = index(c);
  if (row < 0 || row >= m_rows)
    throw lookup_error("dataset row " + std::to_string(row) + " out of range (" + std::to_string(m_rows) + " rows)");
  check_cell(ci, value);
  cell& x = m_cells[ci][static_cast<std::size_t>(row)];
  m_missing_cells += (value == missing) - (x == missing);
  x = value;
}

inline void dataset::reserve(Eigen::Index rows) {
  for (auto& col : m_cells) col.reserve(static_cast<std::size_t>(rows));
}

inline dataset dataset::select_rows(std::span<const Eigen::Index> rows) const {
  dataset out(m_names, m_states);
  out.reserve(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t c = 0; c < m_cells.size(); ++c) {
    auto& dst = out.m_cells[c];
    for (const Eigen::Index r : rows) {
      if (r < 0 || r >= m_rows)
        throw lookup_error("dataset row " + std::to_string(r) + " out of range (" + std::to_string(m_rows) + " rows)");
      const cell x = m_cells[c][static_cast<std::size_t>(r)];
      dst.push_back(x);
      out.m_missing_cells += x == missing;
    }
  }
  out.m_rows = static_cast<Eigen::Index>(rows.size());
  return out;
}

inline std::size_t dataset::cell_bytes() const noexcept {
  std::size_t n = 0;
  for (const auto& col : m_cells) n += col.capacity();
  return n;
}

template <class Real>
std::vector<Eigen::Index> match_columns(const dataset& data, const basic_network<Real>& net,
                                        bool allow_extra_columns) {
  std::vector<Eigen::Index> cols(static_cast<std::size_t>(net.size()), -1);
  for (const variable_id v : net.variables()) {
    const auto& var = net.variable(v);
    const Eigen::Index c = data.column_of(var.name);
    if (c < 0) continue;
    if (data.states(c) != var.states) {
      std::string got, want;
      for (const auto& s : data.states(c)) got += (got.empty() ? "" : ", ") + s;
      for (const auto& s : var.states) want += (want.empty() ? "" : ", ") + s;
      throw model_error("data column '" + var.name + "' has states (" + got + "), the network's variable has (" +
                        want + ")");
    }
    cols[static_cast<std::size_t>(v)] = c;
  }
  if (!allow_extra_columns)
    for (Eigen::Index c = 0; c < data.columns(); ++c)
      if (!net.find(data.name(c)))
        throw model_error("data column '" + data.name(c) + "' is not a variable of network '" + net.name() + "'");
  return cols;
}

template <class Real>
dataset align_to_network(const dataset& data, const basic_network<Real>& net, bool allow_extra_columns) {
  const std::vector<Eigen::Index> cols = match_columns(data, net, allow_extra_columns);
  dataset out = dataset::for_network(net);
  out.reserve(data.rows());
  std::vector<dataset::cell> row(static_cast<std::size_t>(net.size()));
  for (Eigen::Index r = 0; r < data.rows(); ++r) {
    for (std::size_t v = 0; v < row.size(); ++v)
      row[v] = cols[v] < 0 ? dataset::missing : data.column(cols[v])[static_cast<std::size_t>(r)];
    out.append_row_unchecked(row);
  }
  return out;
}

}  // namespace pitchrisk
