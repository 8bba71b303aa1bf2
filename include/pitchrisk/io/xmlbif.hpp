// SPDX-License-Identifier: MIT
// Reads and writes XMLBIF 0.3 networks (JavaBayes, Weka, aGrUM, pgmpy, SamIam) through
// pugixml: VARIABLE (NAME, OUTCOME, PROPERTY), DEFINITION (FOR, GIVEN, TABLE: the child
// fastest, then the last GIVEN). Decision and utility variables, the pre-0.3 dialect and
// UnBBayes' namespaced XML are refused naming what they hold. pugixml expands no user or
// external entity, so entity bombs and external references stay inert text. Link pitchrisk::xml.
#pragma once

#include "pitchrisk/io/detail/text_file.hpp"
#include "pitchrisk/io/detail/xmlbif_parser.hpp"
#include "pitchrisk/io/format_options.hpp"
#include "pitchrisk/io/model_description.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/detail/excerpt.hpp"
#include "pitchrisk/detail/parse_number.hpp"
#include "pitchrisk/detail/read_file.hpp"
#include "pitchrisk/error.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace pitchrisk::io {

/// Reads XMLBIF text into a model description (`position = (x, y)` properties as positions,
/// other PROPERTY texts as (key, value) split at the first `=`).
/// Throws: parse_error (bad XML, an unsupported construct, a wrong count or number, with
/// file, line and column), size_error (a table over options.build.max_table_entries).
template <class Real = double>
[[nodiscard]] basic_model_description<Real> read_xmlbif_description_string(std::string_view text,
                                                                           std::string file_name = "<string>",
                                                                           const xmlbif_options& options = {});
/// Reads an XMLBIF file into a model description. Throws: as read_xmlbif_description_string, io_error.
template <class Real = double>
[[nodiscard]] basic_model_description<Real> read_xmlbif_description(const std::filesystem::path& file,
                                                                    const xmlbif_options& options = {});
/// Reads an XMLBIF file into a network. Throws: as read_xmlbif_description, model_error from
/// the network builder (cycles, column sums; prefixed with file:line of the DEFINITION).
template <class Real = double>
[[nodiscard]] basic_network<Real> read_xmlbif(const std::filesystem::path& file, const xmlbif_options& options = {});
/// Reads XMLBIF text into a network. Throws: as read_xmlbif.
template <class Real = double>
[[nodiscard]] basic_network<Real> read_xmlbif_string(std::string_view text, std::string file_name = "<string>",
                                                     const xmlbif_options& options = {});

/// The model as XMLBIF 0.3 text with the DTD subset other tools expect; a canonical model is
/// written as its full table after a comment saying so. Throws: model_error from expand(),
/// or for a name that XML cannot hold (control characters) or that reads back differently
/// (empty, or with blanks at either end).
template <class Real>
[[nodiscard]] std::string to_xmlbif_string(const basic_model_description<Real>& model);
/// to_xmlbif_string(describe(net)).
template <class Real>
[[nodiscard]] std::string to_xmlbif_string(const basic_network<Real>& net);
/// Writes to_xmlbif_string(net) to `file`. Throws: as to_xmlbif_string, io_error.
template <class Real>
void write_xmlbif(const basic_network<Real>& net, const std::filesystem::path& file);

}  // namespace pitchrisk::io

// ---------------------------------------------------------------------------------------

namespace pitchrisk::io {

template <class Real>
basic_model_description<Real> read_xmlbif_description_string(std::string_view text, std::string file_name,
                                                             const xmlbif_options& options) {
  pitchrisk::detail::check_text_size(text, file_name, options.max_file_bytes, "max_file_bytes");
  return pitchrisk::detail::xmlbif::reader<Real>(text, std::move(file_name), options).read();
}

template <class Real>
basic_model_description<Real> read_xmlbif_description(const std::filesystem::path& file, const xmlbif_options& options) {
  const std::string text = pitchrisk::detail::read_file(file, "XMLBIF file", options.max_file_bytes, "max_file_bytes");
  return read_xmlbif_description_string<Real>(text, file.string(), options);
}

template <class Real>
basic_network<Real> read_xmlbif(const std::filesystem::path& file, const xmlbif_options& options) {
  return to_network(read_xmlbif_description<Real>(file, options), options.build);
}

template <class Real>
basic_network<Real> read_xmlbif_string(std::string_view text, std::string file_name, const xmlbif_options& options) {
  return to_network(read_xmlbif_description_string<Real>(text, std::move(file_name), options), options.build);
}

}  // namespace pitchrisk::io

#include "pitchrisk/io/detail/xmlbif_writer.hpp"  // to_xmlbif_string, write_xmlbif
