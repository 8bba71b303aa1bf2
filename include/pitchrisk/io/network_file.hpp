// SPDX-License-Identifier: MIT
// One entry point for network files in every format the library reads and writes:
// read_network(path) / write_network(net, path) choose the format by the file's extension,
// else (reading) by sniffing its first word, unless the caller forces one. Conversions
// between formats go through the format-neutral model description, so what both formats
// can hold (canonical models, names) is not lost on the way.
#pragma once

#include "pitchrisk/detail/read_file.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/io/model_description.hpp"
#include "pitchrisk/io/uai.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace pitchrisk::io {

/// The network file formats.
enum class network_format { bif, uai };

/// "bif", "uai": the format's name as the tools spell it.
[[nodiscard]] inline std::string_view format_name(network_format f) noexcept;
/// The format called `name` ("bif", "uai"; case-insensitive). Throws: io_error listing the
/// known names.
[[nodiscard]] inline network_format parse_format(std::string_view name);
/// The format a file name's extension stands for (.bif, .uai), if any.
[[nodiscard]] inline std::optional<network_format> format_of_extension(const std::filesystem::path& file);
/// The format of a text by its first word (`network` -> BIF, `BAYES`/`MARKOV` -> UAI), after
/// blanks and comments; nullopt if neither.
[[nodiscard]] inline std::optional<network_format> sniff_format(std::string_view text);

/// Reads a model description from `file` in `format`, or by extension, or by content.
/// Throws: io_error (unreadable, or no format recognised: the message lists the formats),
/// and what the format's reader throws.
template <class Real = double>
[[nodiscard]] basic_model_description<Real> read_description(const std::filesystem::path& file,
                                                             std::optional<network_format> format = {},
                                                             const read_options& options = {});
/// Reads a network from `file` (format as read_description). Throws: as read_description,
/// model_error and size_error from the builder.
template <class Real = double>
[[nodiscard]] basic_network<Real> read_network(const std::filesystem::path& file,
                                               std::optional<network_format> format = {},
                                               const read_options& options = {});

/// The description as text in `format`.
template <class Real>
[[nodiscard]] std::string to_string(const basic_model_description<Real>& model, network_format format);
/// Writes a description to `file` in `format`, or by extension. Throws: io_error (no format
/// known for the extension, or the file cannot be written), and what the writer throws.
template <class Real>
void write_description(const basic_model_description<Real>& model, const std::filesystem::path& file,
                       std::optional<network_format> format = {});
/// Writes a network to `file` (format as write_description).
template <class Real>
void write_network(const basic_network<Real>& net, const std::filesystem::path& file,
                   std::optional<network_format> format = {});

// ---------------------------------------------------------------------------------------

inline std::string_view format_name(network_format f) noexcept {
  switch (f) {
    case network_format::bif: return "bif";
    case network_format::uai: return "uai";
  }
  return "bif";
}

inline network_format parse_format(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "bif") return network_format::bif;
  if (lower == "uai") return network_format::uai;
  throw io_error("unknown network format '" + pitchrisk::detail::excerpt(name) + "' (known: bif, uai)");
}

inline std::optional<network_format> format_of_extension(const std::filesystem::path& file) {
  std::string ext = file.extension().string();
  for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (ext == ".bif") return network_format::bif;
  if (ext == ".uai") return network_format::uai;
  return std::nullopt;
}

inline std::optional<network_format> sniff_format(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::size_t i = 0;
  for (;;) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n' ||
                               text[i] == '\f' || text[i] == '\v'))
      ++i;
    const std::string_view rest = text.substr(i);
    if (rest.substr(0, 2) == "//" || rest.substr(0, 1) == "#" || rest.substr(0, 2) == "c " || rest.substr(0, 2) == "c\n") {
      const std::size_t eol = text.find('\n', i);
      if (eol == std::string_view::npos) return std::nullopt;
      i = eol + 1;
      continue;
    }
    if (rest.substr(0, 2) == "/*") {
      const std::size_t end = text.find("*/", i + 2);
      if (end == std::string_view::npos) return std::nullopt;
      i = end + 2;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '\t' && text[j] != '\r' && text[j] != '\n' && text[j] != '{')
      ++j;
    const std::string_view word = text.substr(i, j - i);
    if (word == "network") return network_format::bif;
    if (word == "BAYES" || word == "MARKOV") return network_format::uai;
    return std::nullopt;
  }
}

template <class Real>
basic_model_description<Real> read_description(const std::filesystem::path& file, std::optional<network_format> format,
                                               const read_options& options) {
  const std::string text =
      pitchrisk::detail::read_file(file, "network file", options.max_file_bytes, "read_options::max_file_bytes");
  if (!format) format = format_of_extension(file);
  if (!format) format = sniff_format(text);
  if (!format)
    throw io_error("cannot tell the format of '" + file.string() +
                   "' from its extension or its first word (known: bif, uai; name one with --from)");
  switch (*format) {
    case network_format::bif: {
      bif_options bif;
      static_cast<read_options&>(bif) = options;
      return read_bif_description_string<Real>(text, file.string(), bif);
    }
    case network_format::uai: return read_uai_description_string<Real>(text, file.string(), options);
  }
  throw io_error("unknown network format");
}

template <class Real>
basic_network<Real> read_network(const std::filesystem::path& file, std::optional<network_format> format,
                                 const read_options& options) {
  return to_network(read_description<Real>(file, format, options), options.build);
}

template <class Real>
std::string to_string(const basic_model_description<Real>& model, network_format format) {
  switch (format) {
    case network_format::bif: return to_bif_string(model);
    case network_format::uai: return to_uai_string(model);
  }
  return {};
}

template <class Real>
void write_description(const basic_model_description<Real>& model, const std::filesystem::path& file,
                       std::optional<network_format> format) {
  if (!format) format = format_of_extension(file);
  if (!format)
    throw io_error("cannot tell which format to write '" + file.string() +
                   "' in from its extension (known: .bif, .uai; name one with --to)");
  pitchrisk::detail::uai::write_text(to_string(model, *format), file, "network file");
}

template <class Real>
void write_network(const basic_network<Real>& net, const std::filesystem::path& file,
                   std::optional<network_format> format) {
  write_description(describe(net), file, format);
}

}  // namespace pitchrisk::io
