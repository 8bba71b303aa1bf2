// SPDX-License-Identifier: MIT
// Reads and writes Hugin .net networks (Hugin, GeNIe, SamIam, aGrUM, pgmpy, bnlearn,
// UnBBayes): `net { }`, `node X { states = ("a" "b"); label; position }`, `potential (X | A
// B) { data = (...) }` with the numbers row-major over (A, B, X), the parentheses mirroring
// the nesting. Decision, utility, continuous and function nodes, OOBN instances and classes
// with interface nodes, and expression-defined tables are refused naming what they hold.
// The nesting of parentheses is read without recursion, so depth cannot overflow the stack.
#pragma once

#include "pitchrisk/io/detail/net_lexer.hpp"
#include "pitchrisk/io/detail/net_parser.hpp"
#include "pitchrisk/io/detail/text_file.hpp"
#include "pitchrisk/io/format_options.hpp"
#include "pitchrisk/io/model_description.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/detail/excerpt.hpp"
#include "pitchrisk/detail/parse_number.hpp"
#include "pitchrisk/detail/read_file.hpp"
#include "pitchrisk/error.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace pitchrisk::io {

/// Reads Hugin NET text into a model description: a node's `label` becomes its label,
/// `position` its position, other attributes (key, value text) properties; `experience`
/// and `fading` tables are skipped. Throws: parse_error (malformed text, an unsupported
/// node kind or construct, wrong counts, bad numbers; with file, line and column),
/// size_error (a table over options.build.max_table_entries, a file over max_file_bytes).
template <class Real = double>
[[nodiscard]] basic_model_description<Real> read_net_description_string(std::string_view text,
                                                                        std::string file_name = "<string>",
                                                                        const net_options& options = {});
/// Reads a NET file into a model description. Throws: as read_net_description_string, io_error.
template <class Real = double>
[[nodiscard]] basic_model_description<Real> read_net_description(const std::filesystem::path& file,
                                                                 const net_options& options = {});
/// Reads a NET file into a network. Throws: as read_net_description, model_error from the
/// network builder (cycles, column sums; prefixed with file:line of the potential).
template <class Real = double>
[[nodiscard]] basic_network<Real> read_net(const std::filesystem::path& file, const net_options& options = {});
/// Reads NET text into a network. Throws: as read_net.
template <class Real = double>
[[nodiscard]] basic_network<Real> read_net_string(std::string_view text, std::string file_name = "<string>",
                                                  const net_options& options = {});

/// The model as Hugin NET text. Names that are not identifiers are written as identifiers
/// with the name in a `pitchrisk_name` attribute (read back as the name); a canonical model
/// is written as its full table after a comment saying so.
/// Throws: model_error from expand(), or for a name or state containing a NUL byte.
template <class Real>
[[nodiscard]] std::string to_net_string(const basic_model_description<Real>& model);
/// to_net_string(describe(net)).
template <class Real>
[[nodiscard]] std::string to_net_string(const basic_network<Real>& net);
/// Writes to_net_string(net) to `file`. Throws: as to_net_string, io_error.
template <class Real>
void write_net(const basic_network<Real>& net, const std::filesystem::path& file);

}  // namespace pitchrisk::io

// ---------------------------------------------------------------------------------------

namespace pitchrisk::io {

template <class Real>
basic_model_description<Real> read_net_description_string(std::string_view text, std::string file_name,
                                                          const net_options& options) {
  pitchrisk::detail::check_text_size(text, file_name, options.max_file_bytes, "max_file_bytes");
  return pitchrisk::detail::net::reader<Real>(text, std::move(file_name), options).read();
}

template <class Real>
basic_model_description<Real> read_net_description(const std::filesystem::path& file, const net_options& options) {
  const std::string text = pitchrisk::detail::read_file(file, "Hugin NET file", options.max_file_bytes, "max_file_bytes");
  return read_net_description_string<Real>(text, file.string(), options);
}

template <class Real>
basic_network<Real> read_net(const std::filesystem::path& file, const net_options& options) {
  return to_network(read_net_description<Real>(file, options), options.build);
}

template <class Real>
basic_network<Real> read_net_string(std::string_view text, std::string file_name, const net_options& options) {
  return to_network(read_net_description_string<Real>(text, std::move(file_name), options), options.build);
}

}  // namespace pitchrisk::io

#include "pitchrisk/io/detail/net_writer.hpp"  // to_net_string, write_net
