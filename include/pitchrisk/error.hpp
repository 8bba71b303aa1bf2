// SPDX-License-Identifier: MIT
// The exception hierarchy: one base (`pitchrisk::error`) to catch everything the library
// throws for bad input or misuse, and one type per kind of fault so callers can react.
// Messages say where, what, got and expected: `cpt 'tub': column asia=yes sums to 0.97`.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>

namespace pitchrisk {

/// Base of every exception the library throws on purpose.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An invalid model: cycle, cardinality, CPT size or sum, unknown parent.
class model_error : public error {
 public:
  using error::error;
};

/// Evidence that cannot be used: unknown variable or state, bad likelihood, P(e) = 0.
class evidence_error : public error {
 public:
  using error::error;
};

/// A name that the network does not know (variable or state) in a lookup.
class lookup_error : public error {
 public:
  using error::error;
};

/// A table, clique or intermediate factor larger than the configured limit.
class size_error : public error {
 public:
  /// The message `what` and the number of entries the refused table would have needed.
  size_error(const std::string& what, double needed_entries)
      : error(what), m_needed(needed_entries) {}
  /// Number of entries the refused allocation would have needed (may exceed 2^64).
  [[nodiscard]] double needed_entries() const noexcept { return m_needed; }

 private:
  double m_needed;
};

/// Malformed input text; carries the place: file, line and column (1-based, 0 = unknown).
class parse_error : public error {
 public:
  /// A fault `what` at file:line:column; what() reads "file:line:column: what", leaving out
  /// a zero line or column and writing "<input>" for an empty file name (text, not a file).
  parse_error(std::string file, std::size_t line, std::size_t column, const std::string& what)
      : error(format(file, line, column, what)),
        m_file(std::move(file)),
        m_line(line),
        m_column(column) {}
  /// Name of the file at fault; empty when the input was text in memory.
  [[nodiscard]] const std::string& file() const noexcept { return m_file; }
  /// Line of the fault, 1-based; 0 when unknown.
  [[nodiscard]] std::size_t line() const noexcept { return m_line; }
  /// Column of the fault, 1-based; 0 when unknown.
  [[nodiscard]] std::size_t column() const noexcept { return m_column; }


 private:
  static std::string format(const std::string& file, std::size_t line, std::size_t column,
                            const std::string& what) {
    std::string out = file.empty() ? std::string("<input>") : file;
    if (line > 0) out += ":" + std::to_string(line);
    if (line > 0 && column > 0) out += ":" + std::to_string(column);
    return out + ": " + what;
  }
  std::string m_file;
  std::size_t m_line;
  std::size_t m_column;
};

/// A file that cannot be opened or read.
class io_error : public error {
 public:
  using error::error;
};

/// An option out of range: a zero or negative budget (samples, iterations, time), no chains.
class options_error : public error {
 public:
  using error::error;
};

/// An approximate engine that cannot give an answer: zero effective sample size, a
/// proposal or chain that cannot reach the evidence.
class sampling_error : public error {
 public:
  using error::error;
};

}  // namespace pitchrisk
