// SPDX-License-Identifier: MIT
// Reads and writes BIF (Interchange Format 0.15) networks: the bnlearn dialect of the
// standard network repositories and the older JavaBayes spelling (quoted names, lists
// without commas, `probability ( X A B )`, `table` on nodes with parents, `default` rows,
// properties). Names are resolved after the whole file is read; all model checks happen
// in network_builder::build(). Writing then reading gives back bit-identical tables.
#pragma once

#include "pitchrisk/io/detail/bif_parser.hpp"
#include "pitchrisk/io/detail/bif_resolve.hpp"
#include "pitchrisk/io/detail/text_file.hpp"
#include "pitchrisk/io/format_options.hpp"
#include "pitchrisk/io/model_description.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/detail/excerpt.hpp"
#include "pitchrisk/detail/parse_number.hpp"
#include "pitchrisk/detail/read_file.hpp"
#include "pitchrisk/detail/text_reader.hpp"
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
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace pitchrisk::io {

/// Reads a BIF file. Throws: io_error (cannot read the file), parse_error (malformed text,
/// with file, line and column), model_error (cycle, column sums; the message starts with the
/// file and the line of the probability block), size_error (a declared table over
/// options.build.max_table_entries, or a file over options.max_file_bytes).
template <class Real = double>
[[nodiscard]] basic_network<Real> read_bif(const std::filesystem::path& file, const bif_options& options = {});

/// Reads BIF text; `file_name` is only used in error messages. Throws: as read_bif.
template <class Real = double>
[[nodiscard]] basic_network<Real> read_bif_string(std::string_view text, std::string file_name = "<string>",
                                                  const bif_options& options = {});

/// Reads BIF text into a model description (names resolved, tables in the builder's column
/// layout, nothing validated that network_builder::build() checks). Throws: as read_bif,
/// except the model_errors of build().
template <class Real = double>
[[nodiscard]] basic_model_description<Real> read_bif_description_string(std::string_view text,
                                                                        std::string file_name = "<string>",
                                                                        const bif_options& options = {});
/// Reads a BIF file into a model description. Throws: as read_bif_description_string, io_error.
template <class Real = double>
[[nodiscard]] basic_model_description<Real> read_bif_description(const std::filesystem::path& file,
                                                                 const bif_options& options = {});

/// A model description as BIF text, as to_bif_string(net) writes a network; a canonical
/// model is written as its full table, after a comment saying so (BIF has no canonical
/// models). Throws: as to_bif_string(net), model_error from expand().
template <class Real>
[[nodiscard]] std::string to_bif_string(const basic_model_description<Real>& model);

/// The network as BIF text (bnlearn dialect): declaration order, labelled rows with the first
/// parent fastest, `table` for roots, the given (not renormalised) numbers in shortest
/// round-trip form. Names that are not plain BIF words are written quoted.
/// Throws: model_error for a name no BIF spelling can carry (empty, or containing `"`, a
/// line break or a NUL byte).
template <class Real>
[[nodiscard]] std::string to_bif_string(const basic_network<Real>& net);

/// Writes to_bif_string(net) to `file`. Throws: as to_bif_string, io_error if the file
/// cannot be written.
template <class Real>
void write_bif(const basic_network<Real>& net, const std::filesystem::path& file);

/// Whether `name` can be written as a bare BIF word (else it needs quotes).
[[nodiscard]] inline bool is_bif_word(std::string_view name) noexcept;

}  // namespace pitchrisk::io

// ---------------------------------------------------------------------------------------

namespace pitchrisk::io {

inline bool is_bif_word(std::string_view name) noexcept {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c <= 0x20 || c == 0x7f || c == '"' || pitchrisk::detail::bif::punctuation.find(static_cast<char>(c)) != std::string_view::npos)
      return false;
    if (c == '/' && i + 1 < name.size() && (name[i + 1] == '/' || name[i + 1] == '*')) return false;
  }
  return true;
}

template <class Real>
basic_model_description<Real> read_bif_description_string(std::string_view text, std::string file_name,
                                                          const bif_options& options) {
  pitchrisk::detail::check_text_size(text, file_name, options.max_file_bytes, "bif_options::max_file_bytes");
  pitchrisk::detail::check_no_nul(text, file_name);
  pitchrisk::detail::skip_bom(text);
  pitchrisk::detail::bif::document<Real> doc = pitchrisk::detail::bif::parser<Real>(text, file_name, options).parse();
  return pitchrisk::detail::bif::resolve(doc, file_name, options);
}

template <class Real>
basic_model_description<Real> read_bif_description(const std::filesystem::path& file, const bif_options& options) {
  const std::string text = pitchrisk::detail::read_file(file, "BIF file", options.max_file_bytes, "bif_options::max_file_bytes");
  return read_bif_description_string<Real>(text, file.string(), options);
}

template <class Real>
basic_network<Real> read_bif_string(std::string_view text, std::string file_name, const bif_options& options) {
  return to_network(read_bif_description_string<Real>(text, std::move(file_name), options), options.build);
}

template <class Real>
basic_network<Real> read_bif(const std::filesystem::path& file, const bif_options& options) {
  return to_network(read_bif_description<Real>(file, options), options.build);
}

}  // namespace pitchrisk::io

#include "pitchrisk/io/detail/bif_writer.hpp"  // to_bif_string, write_bif
