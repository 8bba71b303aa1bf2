// SPDX-License-Identifier: MIT
// Reads and writes Netica DNE networks (and the older `.dnet` text of Netica 1.x): `bnet`,
// `node` blocks with `states`/`numstates`, `parents`, `probs` (row-major over the parents
// then the node: node fastest, last parent next) or `functable` (one state per parent
// configuration, for deterministic nodes); everything else (visuals, fonts, beliefs, case
// counts, user fields) is skipped. Decision, utility, constant and continuous nodes are
// refused with an error naming the node, as are nodes without a table.
#pragma once

#include "pitchrisk/io/detail/dne_parser.hpp"
#include "pitchrisk/io/detail/dne_resolve.hpp"
#include "pitchrisk/io/detail/text_file.hpp"
#include "pitchrisk/io/format_options.hpp"
#include "pitchrisk/io/model_description.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/detail/excerpt.hpp"
#include "pitchrisk/detail/parse_number.hpp"
#include "pitchrisk/detail/read_file.hpp"
#include "pitchrisk/error.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace pitchrisk::io {

/// Reads a DNE file. Throws: io_error (cannot read the file), parse_error (malformed text
/// or an unsupported node, with file, line and column), model_error (cycle, column sums,
/// prefixed with the file and line of the node), size_error (a table over
/// options.build.max_table_entries, a file over options.max_file_bytes).
template <class Real = double>
[[nodiscard]] basic_network<Real> read_dne(const std::filesystem::path& file, const dne_options& options = {});

/// Reads DNE text; `file_name` is only used in error messages. Throws: as read_dne.
template <class Real = double>
[[nodiscard]] basic_network<Real> read_dne_string(std::string_view text, std::string file_name = "<string>",
                                                  const dne_options& options = {});

/// Reads DNE text into a model description (a node's `title` becomes its label, unless the
/// file was written by pitchrisk: then it is the name). Throws: as read_dne, except the
/// model_errors of the network builder.
template <class Real = double>
[[nodiscard]] basic_model_description<Real> read_dne_description_string(std::string_view text,
                                                                        std::string file_name = "<string>",
                                                                        const dne_options& options = {});
/// Reads a DNE file into a model description. Throws: as read_dne_description_string, io_error.
template <class Real = double>
[[nodiscard]] basic_model_description<Real> read_dne_description(const std::filesystem::path& file,
                                                                 const dne_options& options = {});

/// A model description as DNE text, as to_dne_string(net) writes a network; a canonical
/// model is written as its full table after a comment saying so (DNE keeps tables only).
/// Throws: as to_dne_string(net), model_error from expand().
template <class Real>
[[nodiscard]] std::string to_dne_string(const basic_model_description<Real>& model);

/// The network as DNE text: declaration order, `probs` nested like Netica's own output,
/// the given (not renormalised) numbers in shortest round-trip form. Netica names are
/// identifiers (a letter, then letters, digits or `_`, at most 30 characters): another
/// name is written as such an identifier and kept in the node's `title` (states:
/// `statetitles`, network: the bnet `title`); a file marked as written by pitchrisk gives
/// these names back when it is read. Throws: model_error for a name containing a NUL byte.
template <class Real>
[[nodiscard]] std::string to_dne_string(const basic_network<Real>& net);

/// Writes to_dne_string(net) to `file`. Throws: as to_dne_string, io_error.
template <class Real>
void write_dne(const basic_network<Real>& net, const std::filesystem::path& file);

/// Whether `name` is a Netica identifier (written as is, without a title).
[[nodiscard]] inline bool is_dne_name(std::string_view name) noexcept;

}  // namespace pitchrisk::io

// ---------------------------------------------------------------------------------------

namespace pitchrisk::io {

inline bool is_dne_name(std::string_view name) noexcept {
  if (name.empty() || name.size() > 30) return false;
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!letter(name[0])) return false;
  for (const char c : name)
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '_') return false;
  return true;
}

template <class Real>
basic_model_description<Real> read_dne_description_string(std::string_view text, std::string file_name,
                                                          const dne_options& options) {
  pitchrisk::detail::check_text_size(text, file_name, options.max_file_bytes, "max_file_bytes");
  pitchrisk::detail::check_no_nul(text, file_name, /*lone_cr_ends_line=*/true);
  pitchrisk::detail::skip_bom(text);
  pitchrisk::detail::dne::document doc = pitchrisk::detail::dne::parser(text, file_name, options).parse();
  const std::size_t mark = text.find(pitchrisk::detail::dne::marker);
  doc.ours = mark != std::string_view::npos && mark < 256;
  return pitchrisk::detail::dne::resolve<Real>(doc, file_name, options);
}

template <class Real>
basic_model_description<Real> read_dne_description(const std::filesystem::path& file, const dne_options& options) {
  const std::string text = pitchrisk::detail::read_file(file, "DNE file", options.max_file_bytes, "max_file_bytes");
  return read_dne_description_string<Real>(text, file.string(), options);
}

template <class Real>
basic_network<Real> read_dne_string(std::string_view text, std::string file_name, const dne_options& options) {
  return to_network(read_dne_description_string<Real>(text, std::move(file_name), options), options.build);
}

template <class Real>
basic_network<Real> read_dne(const std::filesystem::path& file, const dne_options& options) {
  return to_network(read_dne_description<Real>(file, options), options.build);
}

}  // namespace pitchrisk::io

#include "pitchrisk/io/detail/dne_writer.hpp"  // to_dne_string, write_dne
