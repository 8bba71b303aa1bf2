// SPDX-License-Identifier: MIT
// Data sets as CSV: a header row of variable names, one record per row, cells are state
// names; an empty cell, `?` or `NA` is missing; RFC 4180 quoting (quotes doubled inside a
// quoted cell, which may hold commas and line breaks). Reading streams the input row by
// row into the data set, so a file of several gigabytes is never held twice in memory.
#pragma once

#include "pitchrisk/core/network.hpp"
#include "pitchrisk/detail/excerpt.hpp"
#include "pitchrisk/detail/utf8.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/learning/dataset.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <span>
#include <istream>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace pitchrisk::io {

/// Options of the CSV reader and writer.
struct csv_options {
  char delimiter = ',';                                   ///< cell separator (',', ';', a tab ...)

  std::vector<std::string> missing_tokens{"", "?", "NA"};  ///< unquoted cells that mean missing
  bool trim_spaces = true;              ///< strip spaces and tabs around unquoted cells
  bool ignore_unknown_columns = false;  ///< with a network: skip data columns it does not know
  std::size_t max_cell_bytes = 1 << 16;  ///< a longer cell is a parse_error (no unbounded growth)
};

/// Reads a CSV file whose columns are variables of `net`. The result has one column per
/// variable of `net`, in id order (as dataset::for_network); a variable without a column in
/// the file is all missing. Throws: io_error (cannot open), parse_error naming file, line
/// and column (1-based cell number) on an empty file, a duplicate or empty header name, an
/// unknown variable (unless ignore_unknown_columns), a row with the wrong number of cells, an
/// unknown state, invalid UTF-8, broken quoting or an over-long cell.
/// Complexity: one pass; memory one byte per cell plus one row.
template <class Real>
[[nodiscard]] dataset read_csv(const std::filesystem::path& file, const basic_network<Real>& net,
                               const csv_options& options = {});
/// As above, from a stream; `file_name` names it in messages.
template <class Real>
[[nodiscard]] dataset read_csv(std::istream& in, const basic_network<Real>& net, const std::string& file_name,
                               const csv_options& options = {});
/// As above, from text in memory.
template <class Real>
[[nodiscard]] dataset read_csv_string(std::string_view text, const basic_network<Real>& net,
                                      const std::string& file_name = "<string>", const csv_options& options = {});

/// Reads a CSV file without a network: one column per header name, the states of a column
/// are its distinct non-missing cells in order of first appearance. Throws: as above; a
/// column with more than 255 distinct values is a parse_error at the cell that exceeds it.
[[nodiscard]] dataset read_csv(const std::filesystem::path& file, const csv_options& options = {});
/// As above, from a stream; `file_name` names it in messages.
[[nodiscard]] dataset read_csv(std::istream& in, const std::string& file_name, const csv_options& options = {});
/// As above, from text in memory.
[[nodiscard]] dataset read_csv_string(std::string_view text, const std::string& file_name = "<string>",
                                      const csv_options& options = {});

/// Writes `data` as CSV: the header, then one row per record, a missing cell as an empty
/// cell; names and states are quoted when they hold the delimiter, a quote, a line break,
/// surrounding blanks, or spell a missing token. Lines end with '\n'.
void write_csv(std::ostream& out, const dataset& data, const csv_options& options = {});
/// Throws: io_error if the file cannot be written.
void write_csv(const std::filesystem::path& file, const dataset& data, const csv_options& options = {});
/// The text write_csv() would write.
[[nodiscard]] std::string to_csv_string(const dataset& data, const csv_options& options = {});


// ---------------------------------------------------------------------------------------

namespace detail {

/// One cell as the tokenizer delivers it.
struct csv_cell {
  std::string_view text;    ///< unquoted contents (valid until the next call)
  bool quoted = false;
  std::size_t line = 0;     ///< where the cell starts
  std::size_t column = 0;   ///< 1-based cell number in its record
  bool last = false;        ///< the last cell of its record
};

/// Splits a stream into cells and records (RFC 4180), reading it in blocks.
class csv_tokenizer {
 public:
  csv_tokenizer(std::istream& in, std::string file, const csv_options& options)
      : m_in(in), m_file(std::move(file)), m_options(options), m_buffer(1 << 16) {}

  /// The next cell, or false at the end of the input. Blank lines are skipped when
  /// `skip_blank` is set (a blank line of a one-column file is a missing cell).
  bool next(csv_cell& out, bool skip_blank);
  [[noreturn]] void fail(std::size_t line, std::size_t column, const std::string& what) const {
    throw parse_error(m_file, line, column, what);
  }
  [[nodiscard]] const std::string& file() const noexcept { return m_file; }
  /// Bytes consumed so far.
  [[nodiscard]] std::size_t consumed() const noexcept { return m_consumed_blocks + m_pos; }
  /// The line the tokenizer is on (1-based).
  [[nodiscard]] std::size_t line() const noexcept { return m_line; }

 private:
  int get() {
    if (m_pos == m_end) {
      if (m_eof) return -1;
      m_consumed_blocks += m_end;
      m_in.read(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
      m_end = static_cast<std::size_t>(m_in.gcount());
      m_pos = 0;
      if (m_in.bad()) throw io_error("cannot read CSV file '" + m_file + "': read error");
      if (m_end == 0) {
        m_eof = true;
        return -1;
      }
      if (m_first_block) {
        m_first_block = false;
        if (m_end >= 3 && std::memcmp(m_buffer.data(), "\xEF\xBB\xBF", 3) == 0) m_pos = 3;  // byte-order mark
        if (m_pos == m_end) return get();
      }
    }
    return static_cast<unsigned char>(m_buffer[m_pos++]);
  }
  int peek() {
    const int c = get();
    if (c >= 0) --m_pos;
    return c;
  }
  void push(char c, std::size_t line) {
    if (m_cell.size() >= m_options.max_cell_bytes)
      fail(line, m_column, "a cell longer than " + std::to_string(m_options.max_cell_bytes) +
                               " bytes (csv_options::max_cell_bytes; unbalanced quote?)");
    m_cell.push_back(c);
  }
  /// Consumes a line end whose first character `c` ('\r' or '\n') was just read.
  void end_line(int c) {
    if (c == '\r' && peek() == '\n') get();
    ++m_line;
  }

  std::istream& m_in;
  std::string m_file;
  const csv_options& m_options;
  std::vector<char> m_buffer;
  std::size_t m_pos = 0, m_end = 0, m_consumed_blocks = 0;
  bool m_eof = false, m_first_block = true;
  std::string m_cell;
  std::size_t m_line = 1;
  std::size_t m_column = 0;  // cells read in the current record
  bool m_in_record = false;
};

inline bool csv_tokenizer::next(csv_cell& out, bool skip_blank) {
  const char delim = m_options.delimiter;
  m_cell.clear();
  int c = get();
  if (!m_in_record) {
    // At the start of a record: skip blank lines, detect the end of input.
    while (skip_blank && (c == '\n' || c == '\r')) {
      end_line(c);
      c = get();
    }
    if (c < 0) return false;
    m_in_record = true;
    m_column = 0;
  }
  ++m_column;
  out.line = m_line;
  out.column = m_column;
  out.quoted = false;
  const auto is_blank = [&](int x) { return (x == ' ' || x == '\t') && x != delim; };
  if (m_options.trim_spaces)
    while (is_blank(c)) c = get();
  if (c == '"') {
    out.quoted = true;
    const std::size_t open_line = m_line;
    for (;;) {
      c = get();
      if (c < 0) fail(open_line, m_column, "unterminated quoted cell (the quote opened here is never closed)");
      if (c == '"') {
        if (peek() == '"') {
          get();
          push('"', open_line);
          continue;
        }
        break;
      }
      if (c == '\r' || c == '\n') {
        push(static_cast<char>(c), open_line);
        if (c == '\r' && peek() == '\n') push(static_cast<char>(get()), open_line);
        ++m_line;
        continue;
      }
      push(static_cast<char>(c), open_line);
    }
    c = get();
    if (m_options.trim_spaces)
      while (is_blank(c)) c = get();
    if (c >= 0 && c != delim && c != '\n' && c != '\r')
      fail(m_line, m_column,
           std::string("expected '") + (delim == '\t' ? std::string("\\t") : std::string(1, delim)) +
               "' or the end of the line after a closing quote, got '" + static_cast<char>(c) + "'");
  } else {
    while (c >= 0 && c != delim && c != '\n' && c != '\r') {
      if (c == '"') fail(m_line, m_column, "a quote inside an unquoted cell (quote the whole cell and double the quote)");
      push(static_cast<char>(c), m_line);
      c = get();
    }
    if (m_options.trim_spaces)
      while (!m_cell.empty() && is_blank(static_cast<unsigned char>(m_cell.back()))) m_cell.pop_back();
  }
  if (c == delim) {
    out.last = false;
  } else {
    out.last = true;
    m_in_record = false;
    if (c >= 0) end_line(c);
  }
  if (const std::size_t bad = pitchrisk::detail::first_invalid_utf8(m_cell); bad != std::string_view::npos)
    fail(out.line, out.column, "invalid UTF-8 at byte " + std::to_string(bad + 1) + " of the cell (CSV files are UTF-8 text)");
  out.text = m_cell;
  return true;
}

/// The header: names with their columns; checks duplicates and empty names.
inline std::vector<std::string> read_csv_header(csv_tokenizer& tok) {
  std::vector<std::string> names;
  std::unordered_map<std::string, std::size_t> seen;
  csv_cell cell;
  if (!tok.next(cell, true)) tok.fail(1, 0, "empty file (expected a header row of variable names)");
  for (;;) {
    std::string name(cell.text);
    if (name.empty()) tok.fail(cell.line, cell.column, "empty variable name in the header");
    if (const auto it = seen.find(name); it != seen.end())
      tok.fail(cell.line, cell.column, "duplicate header: variable '" + pitchrisk::detail::excerpt(name) +
                                           "' is also column " + std::to_string(it->second));
    seen.emplace(name, cell.column);
    names.push_back(std::move(name));
    if (cell.last) break;
    tok.next(cell, false);
  }
  return names;
}

inline bool is_missing_token(const csv_cell& cell, const csv_options& options) {
  if (cell.quoted) return cell.text.empty();
  for (const auto& t : options.missing_tokens)
    if (cell.text == t) return true;
  return false;
}

/// The records after the header: `on_cell(c, cell)` maps each cell of data column c.
/// Returns the number of records.
/// `reserve(rows)` is called once, after 1024 records, with the number of records a file of
/// `total_bytes` (0 = unknown) probably holds, so the columns grow once instead of doubling.
template <class OnCell, class Reserve>
std::size_t read_csv_records(csv_tokenizer& tok, std::size_t columns, OnCell&& on_cell,
                             const std::vector<std::string>& names, std::uintmax_t total_bytes, Reserve&& reserve) {
  csv_cell cell;
  const std::size_t body_start = tok.consumed();
  const bool skip_blank = columns > 1;
  std::size_t records = 0;
  while (tok.next(cell, skip_blank)) {
    if (++records == 1025 && total_bytes > 0) {
      const double per_record = static_cast<double>(tok.consumed() - body_start) / 1024.0;
      if (per_record > 0) reserve(static_cast<std::size_t>(static_cast<double>(total_bytes) / per_record * 1.02) + 16);
    }
    const std::size_t line = cell.line;
    for (std::size_t c = 0;; ++c) {
      if (c >= columns)
        tok.fail(cell.line, cell.column, "a row with more cells than the header's " + std::to_string(columns) +
                                             " (wrong number of cells)");
      on_cell(c, cell);
      if (cell.last) {
        if (c + 1 != columns)
          tok.fail(line, c + 1, "a row of " + std::to_string(c + 1) + " cells, expected " + std::to_string(columns) +
                                    " (wrong number of cells; the header names '" +
                                    pitchrisk::detail::excerpt(names[c + 1]) + "' next)");
        break;
      }
      tok.next(cell, false);
    }
  }
  return records;
}

inline std::string list_states(const std::vector<std::string>& states) {
  std::string out;
  for (const auto& s : states) {
    if (out.size() > 200) return out + ", ...";
    out += (out.empty() ? "" : ", ") + s;
  }
  return out;
}

inline bool needs_quotes(std::string_view s, const csv_options& options) {
  if (s.empty()) return true;
  if (s.substr(0, 3) == "\xEF\xBB\xBF") return true;  // at the start of a file it would read as a byte-order mark
  if (s.front() == ' ' || s.front() == '\t' || s.back() == ' ' || s.back() == '\t') return true;
  for (const char ch : s)
    if (ch == options.delimiter || ch == '"' || ch == '\n' || ch == '\r') return true;
  for (const auto& t : options.missing_tokens)
    if (s == t) return true;
  return false;
}

inline void write_csv_cell(std::ostream& out, std::string_view s, const csv_options& options) {
  if (!needs_quotes(s, options)) {
    out << s;
    return;
  }
  out << '"';
  for (const char ch : s) {
    if (ch == '"') out << '"';
    out << ch;
  }
  out << '"';
}

}  // namespace detail

namespace detail {

template <class Real>
dataset read_csv_stream(std::istream& in, const basic_network<Real>& net, const std::string& file_name,
                        const csv_options& options, std::uintmax_t total_bytes) {
  detail::csv_tokenizer tok(in, file_name, options);
  const std::vector<std::string> names = detail::read_csv_header(tok);
  // Data column -> variable (or -1: skipped).
  std::vector<variable_id> target(names.size(), -1);
  for (std::size_t c = 0; c < names.size(); ++c) {
    const auto v = net.find(names[c]);
    if (!v && !options.ignore_unknown_columns)
      tok.fail(1, c + 1, "unknown variable '" + pitchrisk::detail::excerpt(names[c]) + "': network '" + net.name() +
                             "' has no variable of that name");
    if (v) target[c] = *v;
  }
  const auto n = static_cast<std::size_t>(net.size());
  std::vector<std::vector<std::string>> states(n);
  std::vector<std::string> var_names(n);
  for (const variable_id v : net.variables()) {
    var_names[static_cast<std::size_t>(v)] = net.variable(v).name;
    states[static_cast<std::size_t>(v)] = net.variable(v).states;
    if (net.cardinality(v) > dataset::max_cardinality)
      throw model_error("variable '" + net.variable(v).name + "' has " + std::to_string(net.cardinality(v)) +
                        " states; a dataset holds at most 255 per column");
  }
  std::vector<std::vector<dataset::cell>> cells(n);
  std::vector<std::unordered_map<std::string, dataset::cell>> lookup(n);
  for (std::size_t v = 0; v < n; ++v)
    for (std::size_t s = 0; s < states[v].size(); ++s) lookup[v].emplace(states[v][s], static_cast<dataset::cell>(s));
  std::string key;
  const std::size_t rows = detail::read_csv_records(
      tok, names.size(),
      [&](std::size_t c, const detail::csv_cell& cell) {
        const variable_id v = target[c];
        if (v < 0) return;
        auto& column = cells[static_cast<std::size_t>(v)];
        if (detail::is_missing_token(cell, options)) {
          column.push_back(dataset::missing);
          return;
        }
        const auto& map = lookup[static_cast<std::size_t>(v)];
        key.assign(cell.text);
        const auto it = map.find(key);
        if (it == map.end())
          tok.fail(cell.line, cell.column, "unknown state '" + pitchrisk::detail::excerpt(cell.text) + "' of variable '" +
                                               names[c] + "' (states: " +
                                               detail::list_states(states[static_cast<std::size_t>(v)]) + ")");
        column.push_back(it->second);
      },
      names, total_bytes,
      [&](std::size_t rows) {
        for (std::size_t c = 0; c < target.size(); ++c)
          if (target[c] >= 0) cells[static_cast<std::size_t>(target[c])].reserve(rows);
      });
  // Variables without a column: all missing.
  for (auto& col : cells)
    if (col.size() != rows) col.assign(rows, dataset::missing);
  return dataset::from_columns(std::move(var_names), std::move(states), std::move(cells));
}

}  // namespace detail

template <class Real>
dataset read_csv(std::istream& in, const basic_network<Real>& net, const std::string& file_name,
                 const csv_options& options) {
  return detail::read_csv_stream(in, net, file_name, options, 0);
}

template <class Real>
dataset read_csv(const std::filesystem::path& file, const basic_network<Real>& net, const csv_options& options) {
  if (std::filesystem::is_directory(file)) throw io_error("cannot read CSV file '" + file.string() + "': it is a directory");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw io_error("cannot read CSV file '" + file.string() + "': " + std::strerror(errno));
  std::error_code ec;
  const std::uintmax_t bytes = std::filesystem::file_size(file, ec);
  return detail::read_csv_stream(in, net, file.string(), options, ec ? 0 : bytes);
}

template <class Real>
dataset read_csv_string(std::string_view text, const basic_network<Real>& net, const std::string& file_name,
                        const csv_options& options) {
  std::istringstream in{std::string(text)};
  return read_csv(in, net, file_name, options);
}

namespace detail {

inline dataset read_csv_stream(std::istream& in, const std::string& file_name, const csv_options& options,
                               std::uintmax_t total_bytes) {
  detail::csv_tokenizer tok(in, file_name, options);
  std::vector<std::string> names = detail::read_csv_header(tok);
  const std::size_t n = names.size();
  std::vector<std::vector<std::string>> states(n);
  std::vector<std::unordered_map<std::string, dataset::cell>> lookup(n);
  std::vector<std::vector<dataset::cell>> cells(n);
  std::string key;
  detail::read_csv_records(
      tok, n,
      [&](std::size_t c, const detail::csv_cell& cell) {
        if (detail::is_missing_token(cell, options)) {
          cells[c].push_back(dataset::missing);
          return;
        }
        key.assign(cell.text);
        auto it = lookup[c].find(key);
        if (it == lookup[c].end()) {
          if (static_cast<Eigen::Index>(states[c].size()) >= dataset::max_cardinality)
            tok.fail(cell.line, cell.column, "variable '" + names[c] + "' has more than 255 distinct values ('" +
                                                 pitchrisk::detail::excerpt(cell.text) + "' is the 256th)");
          it = lookup[c].emplace(key, static_cast<dataset::cell>(states[c].size())).first;
          states[c].push_back(key);
        }
        cells[c].push_back(it->second);
      },
      names, total_bytes,
      [&](std::size_t rows) {
        for (auto& col : cells) col.reserve(rows);
      });
  for (std::size_t c = 0; c < n; ++c)
    if (states[c].empty()) states[c].push_back("?");  // an all-missing column still needs one state
  return dataset::from_columns(std::move(names), std::move(states), std::move(cells));
}

}  // namespace detail

inline dataset read_csv(std::istream& in, const std::string& file_name, const csv_options& options) {
  return detail::read_csv_stream(in, file_name, options, 0);
}

inline dataset read_csv(const std::filesystem::path& file, const csv_options& options) {
  if (std::filesystem::is_directory(file)) throw io_error("cannot read CSV file '" + file.string() + "': it is a directory");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw io_error("cannot read CSV file '" + file.string() + "': " + std::strerror(errno));
  std::error_code ec;
  const std::uintmax_t bytes = std::filesystem::file_size(file, ec);
  return detail::read_csv_stream(in, file.string(), options, ec ? 0 : bytes);
}

inline dataset read_csv_string(std::string_view text, const std::string& file_name, const csv_options& options) {
  std::istringstream in{std::string(text)};
  return read_csv(in, file_name, options);
}

inline void write_csv(std::ostream& out, const dataset& data, const csv_options& options) {
  const Eigen::Index m = data.columns();
  for (Eigen::Index c = 0; c < m; ++c) {
    if (c) out << options.delimiter;
    detail::write_csv_cell(out, data.name(c), options);
  }
  out << '\n';
  // States as they are written, computed once per column.
  std::vector<std::vector<std::string>> text(static_cast<std::size_t>(m));
  for (Eigen::Index c = 0; c < m; ++c)
    for (const auto& s : data.states(c)) {
      std::ostringstream o;
      detail::write_csv_cell(o, s, options);
      text[static_cast<std::size_t>(c)].push_back(o.str());
    }
  std::vector<std::span<const dataset::cell>> cols;
  for (Eigen::Index c = 0; c < m; ++c) cols.push_back(data.column(c));
  std::string line;
  for (Eigen::Index r = 0; r < data.rows(); ++r) {
    line.clear();
    for (std::size_t c = 0; c < cols.size(); ++c) {
      if (c) line += options.delimiter;
      const dataset::cell x = cols[c][static_cast<std::size_t>(r)];
      if (x != dataset::missing) line += text[c][x];
    }
    if (m == 1 && line.empty()) line = "\"\"";  // a blank line would be skipped; keep the record
    line += '\n';
    out << line;
  }
}

inline void write_csv(const std::filesystem::path& file, const dataset& data, const csv_options& options) {
  std::ofstream out(file, std::ios::binary);
  if (!out) throw io_error("cannot write CSV file '" + file.string() + "': " + std::strerror(errno));
  write_csv(out, data, options);
  out.flush();
  if (!out) throw io_error("cannot write CSV file '" + file.string() + "': write error");
}

inline std::string to_csv_string(const dataset& data, const csv_options& options) {
  std::ostringstream out;
  write_csv(out, data, options);
  return out.str();
}

}  // namespace pitchrisk::io
