// SPDX-License-Identifier: MIT
// What the two XML readers (XDSL and XMLBIF) share: the place of a pugixml node in the text,
// the typed errors that name it (file:line:column), the quoting of names in messages, and
// the walk over a table's columns in file order (last parent fastest). One copy, so that
// both readers word and place their errors the same way.
#pragma once

#include "pitchrisk/core/network.hpp"
#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/detail/excerpt.hpp"
#include "pitchrisk/detail/line_index.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/io/detail/file_columns.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pitchrisk::detail::xml {

/// `s` shortened for a message and put in single quotes.
inline std::string quote(std::string_view s) { return "'" + pitchrisk::detail::excerpt(s) + "'"; }

/// An XML blank: space, tab, line feed or carriage return.
inline bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Line and column of byte `offset` (LF, CRLF and CR-only line ends).
inline std::pair<std::size_t, std::size_t> place_of(std::string_view text, std::ptrdiff_t offset) {
  std::size_t line = 1, start = 0;
  const auto end = static_cast<std::size_t>(
      std::max<std::ptrdiff_t>(0, std::min<std::ptrdiff_t>(offset, static_cast<std::ptrdiff_t>(text.size()))));
  for (std::size_t i = 0; i < end; ++i)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++line;
      start = i + 1;
    }
  return {line, end - start + 1};
}


}  // namespace pitchrisk::detail::xml

namespace pitchrisk::detail {

/// The text and file name of one XML document being read, and the errors placed in it.
class xml_reader_base {
 protected:
  xml_reader_base(std::string_view text, std::string file) : m_text(text), m_lines(text), m_file(std::move(file)) {}

  /// Throws parse_error `what` at byte `offset` of the text.
  [[noreturn]] void fail_at(std::ptrdiff_t offset, const std::string& what) const {
    const auto [line, column] = xml::place_of(m_text, offset);
    throw parse_error(m_file, line, column, what);
  }
  /// Throws parse_error `what` at node `at`.
  [[noreturn]] void fail(const pugi::xml_node& at, const std::string& what) const { fail_at(at.offset_debug(), what); }
  /// Throws size_error `what` (`needed` entries) at node `at`.
  [[noreturn]] void fail_size(const pugi::xml_node& at, const std::string& what, double needed) const {
    const auto [line, column] = xml::place_of(m_text, at.offset_debug());
    throw size_error(m_file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + what, needed);
  }
  /// Refuses `count` states (placed at node `at`) over the table limit `limit`, as a
  /// size_error naming `what` (e.g. "variable 'a': its states"); one state is always allowed.
  void check_state_count(const pugi::xml_node& at, std::size_t count, Eigen::Index limit,
                         const std::string& what) const {
    if (count <= 1) return;
    const Eigen::Index cards[] = {static_cast<Eigen::Index>(count)};
    try {
      pitchrisk::detail::checked_table_size(cards, limit, what);
    } catch (const size_error& err) {
      fail_size(at, err.what(), static_cast<double>(count));
    }
  }
  /// The line of node `at`, in O(log n).
  [[nodiscard]] std::size_t line_of(const pugi::xml_node& at) const { return m_lines.line(at.offset_debug()); }

  std::string_view m_text;
  pitchrisk::detail::line_index m_lines;  ///< line of a node in O(log n)
  std::string m_file;
};

}  // namespace pitchrisk::detail
