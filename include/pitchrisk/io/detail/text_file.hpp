// SPDX-License-Identifier: MIT
// What every network-file reader and writer does around its format, once: refuse text over
// the size limit (size_error naming the option), refuse a NUL byte (a binary file; parse_error
// with line and column), skip a UTF-8 byte-order mark, and write the finished text to a file
// (io_error naming the format and the file).
#pragma once

#include "pitchrisk/detail/text_reader.hpp"
#include "pitchrisk/error.hpp"

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace pitchrisk::detail {

/// Throws: size_error "<file>: N bytes, over the limit of M bytes (<limit_name>)" when `text`
/// is longer than `limit` bytes.
inline void check_text_size(std::string_view text, const std::string& file_name, std::uintmax_t limit,
                            std::string_view limit_name) {
  if (text.size() > limit)
    throw size_error(file_name + ": " + std::to_string(text.size()) + " bytes, over the limit of " +
                         std::to_string(limit) + " bytes (" + std::string(limit_name) + ")",
                     static_cast<double>(text.size()));
}

/// Throws: parse_error at the first NUL byte of `text` (a binary file). Lines end at LF, and
/// also at a lone CR when `lone_cr_ends_line` (as the format's own scanner counts them).
inline void check_no_nul(std::string_view text, const std::string& file_name, bool lone_cr_ends_line = false) {
  const void* nul = std::memchr(text.data(), '\0', text.size());
  if (!nul) return;
  const auto pos = static_cast<std::size_t>(static_cast<const char*>(nul) - text.data());
  std::size_t line = 1, column = 1;
  if (lone_cr_ends_line) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < pos; ++i)
      if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
        ++line;
        start = i + 1;
      }
    column = pos - start + 1;
  } else {
    std::tie(line, column) = line_column(text, pos);
  }
  throw parse_error(file_name, line, column, "NUL byte in the text (a binary file?)");
}

/// Drops a leading UTF-8 byte-order mark.
inline void skip_bom(std::string_view& text) noexcept {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
}

/// Writes `text` to `file` (replacing it). `kind` names the format ("BIF file").
/// Throws: io_error "cannot write <kind> '<file>': <reason>".
inline void write_text_file(std::string_view text, const std::filesystem::path& file, std::string_view kind) {
  const std::string head = "cannot write " + std::string(kind) + " '" + file.string() + "': ";
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) throw io_error(head + std::strerror(errno));
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.flush();
  if (!out) throw io_error(head + "write failed");
}

}  // namespace pitchrisk::detail
