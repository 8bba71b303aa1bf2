// SPDX-License-Identifier: MIT
// One entry point for network files in every format the library reads and writes:
// read_network(path) / write_network(net, path) choose the format by the file's extension,
// else (reading) by sniffing its first word, unless the caller forces one. Conversions
// between formats go through the format-neutral model description, so what both formats
// can hold (canonical models, names) is not lost on the way. The XML formats (XMLBIF, XDSL)
// are there when pugixml is: a program linking pitchrisk::xml (which defines PITCHRISK_HAS_XML).
#pragma once

#include "pitchrisk/detail/read_file.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/io/dne.hpp"
#include "pitchrisk/io/dsl.hpp"
#include "pitchrisk/io/model_description.hpp"
#include "pitchrisk/io/net.hpp"
#include "pitchrisk/io/uai.hpp"
#if defined(PITCHRISK_HAS_XML)
#include "pitchrisk/io/xdsl.hpp"
#include "pitchrisk/io/xmlbif.hpp"
#endif

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace pitchrisk::io {

/// The network file formats.
enum class network_format { bif, uai, dne, xdsl, xmlbif, net, dsl };

/// The names of all formats as the tools spell them.
inline constexpr std::string_view format_names[] = {"bif", "uai", "dne", "xdsl", "xmlbif", "net", "dsl"};

/// "bif", "uai", "dne", "xdsl", "xmlbif", "net", "dsl": the format's name as the tools spell it.
[[nodiscard]] inline std::string_view format_name(network_format f) noexcept;
/// The format called `name` (one of format_names; case-insensitive). Throws: io_error
/// listing the known names.
[[nodiscard]] inline network_format parse_format(std::string_view name);
/// The format a file name's extension stands for (.bif, .uai, .dne/.dnet, .xdsl,
/// .xml/.xmlbif/.bifxml, .net, .dsl), if any.
[[nodiscard]] inline std::optional<network_format> format_of_extension(const std::filesystem::path& file);
/// The format of a text by its first word (`network` -> BIF, `BAYES`/`MARKOV` -> UAI, `bnet`
/// -> DNE, `net {`/`class` -> Hugin NET, `net NAME` -> GeNIe DSL), after blanks and comments, or for XML by its root element (`<BIF>` -> XMLBIF,
/// `<smile>` -> XDSL); nullopt if none.
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

}  // namespace pitchrisk::io

/// Internals of the format registry.
namespace pitchrisk::detail::network_file {

inline std::string known_names() {
  std::string out;
  for (const std::string_view n : io::format_names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

[[noreturn]] inline void no_xml(io::network_format f) {
  throw io_error("the " + std::string(io::format_name(f)) +
                 " format needs pugixml: link pitchrisk::xml (this program was built without it)");
}

/// The format of an XML text by its root element, after the declaration, comments,
/// processing instructions and a DOCTYPE.
inline std::optional<io::network_format> sniff_xml(std::string_view text) {
  std::size_t i = 0;
  for (;;) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) ++i;
    const std::string_view rest = text.substr(i);
    if (rest.empty() || rest[0] != '<') return std::nullopt;
    std::size_t end = std::string_view::npos;
    if (rest.substr(0, 2) == "<?") {
      end = rest.find("?>");
      if (end != std::string_view::npos) end += 2;
    } else if (rest.substr(0, 4) == "<!--") {
      end = rest.find("-->", 4);
      if (end != std::string_view::npos) end += 3;
    } else if (rest.substr(0, 2) == "<!") {
      const std::size_t open = rest.find('['), close = rest.find('>');
      if (open != std::string_view::npos && open < close) {
        const std::size_t bracket = rest.find("]", open);
        end = bracket == std::string_view::npos ? bracket : rest.find('>', bracket);
      } else {
        end = close;
      }
      if (end != std::string_view::npos) end += 1;
    } else {
      std::size_t j = 1;
      while (j < rest.size() && rest[j] != ' ' && rest[j] != '\t' && rest[j] != '\r' && rest[j] != '\n' &&
             rest[j] != '>' && rest[j] != '/')
        ++j;
      const std::string_view name = rest.substr(1, j - 1);
      if (name == "smile") return io::network_format::xdsl;
      if (name == "BIF" || (name.size() > 4 && name.substr(name.size() - 4) == ":BIF")) return io::network_format::xmlbif;
      return std::nullopt;
    }
    if (end == std::string_view::npos) return std::nullopt;
    i += end;
  }
}

}  // namespace pitchrisk::detail::network_file

namespace pitchrisk::io {

inline std::string_view format_name(network_format f) noexcept {
  switch (f) {
    case network_format::bif: return "bif";
    case network_format::uai: return "uai";
    case network_format::dne: return "dne";
    case network_format::xdsl: return "xdsl";
    case network_format::xmlbif: return "xmlbif";
    case network_format::net: return "net";
    case network_format::dsl: return "dsl";
  }
  return "bif";
}

inline network_format parse_format(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "bif") return network_format::bif;
  if (lower == "uai") return network_format::uai;
  if (lower == "dne") return network_format::dne;
  if (lower == "xdsl") return network_format::xdsl;
  if (lower == "xmlbif") return network_format::xmlbif;
  if (lower == "net" || lower == "hugin") return network_format::net;
  if (lower == "dsl") return network_format::dsl;
  throw io_error("unknown network format '" + pitchrisk::detail::excerpt(name) + "' (known: " +
                 pitchrisk::detail::network_file::known_names() + ")");
}

inline std::optional<network_format> format_of_extension(const std::filesystem::path& file) {
  std::string ext = file.extension().string();
  for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (ext == ".bif") return network_format::bif;
  if (ext == ".uai") return network_format::uai;
  if (ext == ".dne" || ext == ".dnet") return network_format::dne;
  if (ext == ".xdsl") return network_format::xdsl;
  if (ext == ".xml" || ext == ".xmlbif" || ext == ".bifxml") return network_format::xmlbif;
  if (ext == ".net" || ext == ".oobn") return network_format::net;
  if (ext == ".dsl") return network_format::dsl;
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
    if (rest.substr(0, 1) == "<") return pitchrisk::detail::network_file::sniff_xml(rest);
    if (rest.substr(0, 2) == "//" || rest.substr(0, 1) == "#" || rest.substr(0, 1) == "%" || rest.substr(0, 2) == "c " || rest.substr(0, 2) == "c\n") {
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
    if (word == "bnet") return network_format::dne;
    if (word == "class") return network_format::net;
    if (word == "net") {  // Hugin: `net {`; GeNIe DSL: `net NAME {`
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n')) ++j;
      return j < text.size() && text[j] != '{' ? network_format::dsl : network_format::net;
    }
    return std::nullopt;
  }
}

template <class Real>
basic_model_description<Real> read_description(const std::filesystem::path& file, std::optional<network_format> format,
                                               const read_options& options) {
  const std::string text =
      pitchrisk::detail::read_file(file, "network file", options.max_file_bytes, "read_options::max_file_bytes");
  if (!format) {
    // .xml names both XMLBIF and GeNIe files: the root element decides.
    format = format_of_extension(file);
    const std::optional<network_format> sniffed = sniff_format(text);
    if (!format || (format == network_format::xmlbif && sniffed == network_format::xdsl)) format = sniffed;
  }
  if (!format)
    throw io_error("cannot tell the format of '" + file.string() +
                   "' from its extension or its first word (known: " + pitchrisk::detail::network_file::known_names() +
                   "; name one with --from)");
  switch (*format) {
    case network_format::bif: {
      bif_options bif;
      static_cast<read_options&>(bif) = options;
      return read_bif_description_string<Real>(text, file.string(), bif);
    }
    case network_format::uai: return read_uai_description_string<Real>(text, file.string(), options);
    case network_format::dne: {
      dne_options dne;
      static_cast<read_options&>(dne) = options;
      return read_dne_description_string<Real>(text, file.string(), dne);
    }
    case network_format::net: {
      net_options net;
      static_cast<read_options&>(net) = options;
      return read_net_description_string<Real>(text, file.string(), net);
    }
    case network_format::dsl: {
      dsl_options dsl;
      static_cast<read_options&>(dsl) = options;
      return read_dsl_description_string<Real>(text, file.string(), dsl);
    }
#if defined(PITCHRISK_HAS_XML)
    case network_format::xdsl: {
      xdsl_options xdsl;
      static_cast<read_options&>(xdsl) = options;
      return read_xdsl_description_string<Real>(text, file.string(), xdsl);
    }
    case network_format::xmlbif: {
      xmlbif_options xmlbif;
      static_cast<read_options&>(xmlbif) = options;
      return read_xmlbif_description_string<Real>(text, file.string(), xmlbif);
    }
#else
    case network_format::xdsl:
    case network_format::xmlbif: pitchrisk::detail::network_file::no_xml(*format);
#endif
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
    case network_format::dne: return to_dne_string(model);
    case network_format::net: return to_net_string(model);
    case network_format::dsl: return to_dsl_string(model);
#if defined(PITCHRISK_HAS_XML)
    case network_format::xdsl: return to_xdsl_string(model);
    case network_format::xmlbif: return to_xmlbif_string(model);
#else
    case network_format::xdsl:
    case network_format::xmlbif: pitchrisk::detail::network_file::no_xml(format);
#endif
  }
  return {};
}

template <class Real>
void write_description(const basic_model_description<Real>& model, const std::filesystem::path& file,
                       std::optional<network_format> format) {
  if (!format) format = format_of_extension(file);
  if (!format)
    throw io_error("cannot tell which format to write '" + file.string() +
                   "' in from its extension (known: .bif, .uai, .dne, .xdsl, .xml, .net, .dsl; name one with --to)");
  pitchrisk::detail::uai::write_text(to_string(model, *format), file, "network file");
}

template <class Real>
void write_network(const basic_network<Real>& net, const std::filesystem::path& file,
                   std::optional<network_format> format) {
  write_description(describe(net), file, format);
}

}  // namespace pitchrisk::io
