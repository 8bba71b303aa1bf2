// SPDX-License-Identifier: MIT
// Reads and writes the older GeNIe/SMILE text format (.dsl): `net NAME { node X { TYPE = CPT;
// HEADER = {...}; PARENTS = (...); DEFINITION = { NAMESTATES = (...); PROBABILITIES = (...);
// }; }; };`, with the table row-major over (parents in order, node): node fastest, as XDSL.
// CPT nodes (and TRUTHTABLE nodes given as 0/1 probabilities) are read; decision, utility,
// noisy-MAX and other node types are refused naming the node. Blocks the reader does not use
// (SCREEN, USER_PROPERTIES, OBSERVATION_COST...) are skipped without recursion.
#pragma once

#include "pitchrisk/core/network.hpp"
#include "pitchrisk/detail/read_file.hpp"
#include "pitchrisk/io/detail/dsl_parser.hpp"
#include "pitchrisk/io/detail/text_file.hpp"
#include "pitchrisk/io/format_options.hpp"
#include "pitchrisk/io/model_description.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

namespace pitchrisk::io {

/// Reads DSL text into a model description. Throws: parse_error (malformed text, an unknown
/// parent, a wrong number count, an unsupported node type: with file, line and column),
/// size_error (a table over options.build.max_table_entries, a file over max_file_bytes).
template <class Real = double>
[[nodiscard]] basic_model_description<Real> read_dsl_description_string(std::string_view text,
                                                                        std::string file_name = "<string>",
                                                                        const dsl_options& options = {});
/// Reads a DSL file into a model description. Throws: as read_dsl_description_string, io_error.
template <class Real = double>
[[nodiscard]] basic_model_description<Real> read_dsl_description(const std::filesystem::path& file,
                                                                 const dsl_options& options = {});
/// Reads a DSL file into a network. Throws: as read_dsl_description, model_error from the
/// network builder (prefixed with file:line).
template <class Real = double>
[[nodiscard]] basic_network<Real> read_dsl(const std::filesystem::path& file, const dsl_options& options = {});
/// Reads DSL text into a network. Throws: as read_dsl.
template <class Real = double>
[[nodiscard]] basic_network<Real> read_dsl_string(std::string_view text, std::string file_name = "<string>",
                                                  const dsl_options& options = {});

/// The model as DSL text. Every node is a `CPT` (a canonical model is written as its full
/// table, saying so in the node's HEADER COMMENT). Names that are not GeNIe identifiers are
/// written as identifiers; the names themselves go in HEADER NAME (variables) and
/// STATECOMMENTS (states), which a file marked as written by pitchrisk gives back.
/// Throws: model_error from expand(), or for a name holding a double quote or a control character.
template <class Real>
[[nodiscard]] std::string to_dsl_string(const basic_model_description<Real>& model);
/// to_dsl_string(describe(net)).
template <class Real>
[[nodiscard]] std::string to_dsl_string(const basic_network<Real>& net);
/// Writes to_dsl_string(net) to `file`. Throws: as to_dsl_string, io_error.
template <class Real>
void write_dsl(const basic_network<Real>& net, const std::filesystem::path& file);

}  // namespace pitchrisk::io

// ---------------------------------------------------------------------------------------

namespace pitchrisk::io {

template <class Real>
basic_model_description<Real> read_dsl_description_string(std::string_view text, std::string file_name,
                                                          const dsl_options& options) {
  pitchrisk::detail::check_text_size(text, file_name, options.max_file_bytes, "max_file_bytes");
  return pitchrisk::detail::dsl::reader<Real>(text, std::move(file_name), options).read();
}

template <class Real>
basic_model_description<Real> read_dsl_description(const std::filesystem::path& file, const dsl_options& options) {
  const std::string text = pitchrisk::detail::read_file(file, "DSL file", options.max_file_bytes, "max_file_bytes");
  return read_dsl_description_string<Real>(text, file.string(), options);
}

template <class Real>
basic_network<Real> read_dsl(const std::filesystem::path& file, const dsl_options& options) {
  return to_network(read_dsl_description<Real>(file, options), options.build);
}

template <class Real>
basic_network<Real> read_dsl_string(std::string_view text, std::string file_name, const dsl_options& options) {
  return to_network(read_dsl_description_string<Real>(text, std::move(file_name), options), options.build);
}

}  // namespace pitchrisk::io

#include "pitchrisk/io/detail/dsl_writer.hpp"  // to_dsl_string, write_dsl
