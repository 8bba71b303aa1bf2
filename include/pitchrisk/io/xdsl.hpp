// SPDX-License-Identifier: MIT
// Reads and writes GeNIe/SMILE XDSL networks through pugixml: `cpt` nodes (parents then the
// node, node fastest), `noisymax` nodes kept compact as the canonical noisy-MAX of the model
// description (strength orders kept), `deterministic` nodes as 0/1 tables; names and
// positions from the GeNIe extensions. Equation (continuous), decision, utility and other
// node kinds are refused naming the node. pugixml expands no user or external entity, so
// entity bombs and external references stay inert text. Link pitchrisk::xml.
#pragma once

#include "pitchrisk/io/detail/text_file.hpp"
#include "pitchrisk/io/detail/xdsl_parser.hpp"
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
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace pitchrisk::io {

/// Reads XDSL text into a model description (noisy-MAX nodes as canonical parameters).
/// Throws: parse_error (bad XML or an unsupported node, with file, line and column),
/// size_error (a table over options.build.max_table_entries, a file over max_file_bytes).
template <class Real = double>
[[nodiscard]] basic_model_description<Real> read_xdsl_description_string(std::string_view text,
                                                                         std::string file_name = "<string>",
                                                                         const xdsl_options& options = {});
/// Reads an XDSL file into a model description. Throws: as read_xdsl_description_string, io_error.
template <class Real = double>
[[nodiscard]] basic_model_description<Real> read_xdsl_description(const std::filesystem::path& file,
                                                                  const xdsl_options& options = {});
/// Reads an XDSL file into a network (canonical models expanded). Throws: as
/// read_xdsl_description, model_error from the network builder (prefixed with file:line).
template <class Real = double>
[[nodiscard]] basic_network<Real> read_xdsl(const std::filesystem::path& file, const xdsl_options& options = {});
/// Reads XDSL text into a network. Throws: as read_xdsl.
template <class Real = double>
[[nodiscard]] basic_network<Real> read_xdsl_string(std::string_view text, std::string file_name = "<string>",
                                                   const xdsl_options& options = {});

/// The model as XDSL text: a noisy-MAX whose child order is the reverse of the declared
/// states (GeNIe's: the last state is the "absent" one) is written as `<noisymax>`; any
/// other canonical model as its full `<cpt>` after a comment saying so. Names that are not
/// GeNIe identifiers are written as identifiers, with the name in the extensions (state
/// names in a `label`); a file marked as written by pitchrisk gives the names back.
/// Throws: model_error from expand(), or for a name containing a NUL byte.
template <class Real>
[[nodiscard]] std::string to_xdsl_string(const basic_model_description<Real>& model);
/// to_xdsl_string(describe(net)).
template <class Real>
[[nodiscard]] std::string to_xdsl_string(const basic_network<Real>& net);
/// Writes to_xdsl_string(net) to `file`. Throws: as to_xdsl_string, io_error.
template <class Real>
void write_xdsl(const basic_network<Real>& net, const std::filesystem::path& file);

}  // namespace pitchrisk::io

// ---------------------------------------------------------------------------------------

namespace pitchrisk::io {

template <class Real>
basic_model_description<Real> read_xdsl_description_string(std::string_view text, std::string file_name,
                                                           const xdsl_options& options) {
  pitchrisk::detail::check_text_size(text, file_name, options.max_file_bytes, "max_file_bytes");
  return pitchrisk::detail::xdsl::reader<Real>(text, std::move(file_name), options).read();
}

template <class Real>
basic_model_description<Real> read_xdsl_description(const std::filesystem::path& file, const xdsl_options& options) {
  const std::string text = pitchrisk::detail::read_file(file, "XDSL file", options.max_file_bytes, "max_file_bytes");
  return read_xdsl_description_string<Real>(text, file.string(), options);
}

template <class Real>
basic_network<Real> read_xdsl(const std::filesystem::path& file, const xdsl_options& options) {
  return to_network(read_xdsl_description<Real>(file, options), options.build);
}

template <class Real>
basic_network<Real> read_xdsl_string(std::string_view text, std::string file_name, const xdsl_options& options) {
  return to_network(read_xdsl_description_string<Real>(text, std::move(file_name), options), options.build);
}

}  // namespace pitchrisk::io

#include "pitchrisk/io/detail/xdsl_writer.hpp"  // to_xdsl_string, write_xdsl
