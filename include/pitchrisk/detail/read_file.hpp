// SPDX-License-Identifier: MIT
// Reading a whole text file for the parsers (BIF, .case, .ref), with the same errors for
// all of them: io_error naming the file when it is missing, a folder, or unreadable;
// size_error when it is larger than the caller accepts.
#pragma once

#include "pitchrisk/error.hpp"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>

namespace pitchrisk::detail {

/// The bytes of `file`. `kind` names it in messages ("BIF file"); `limit_name` names the
/// option that sets `max_bytes`. Throws: io_error, size_error.
inline std::string read_file(const std::filesystem::path& file, std::string_view kind,
                             std::uintmax_t max_bytes = std::numeric_limits<std::uintmax_t>::max(),
                             std::string_view limit_name = {}) {
  const std::string name = file.string();
  const std::string head = "cannot read " + std::string(kind) + " '" + name + "': ";
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) throw io_error(head + ec.message());
  if (ec || !std::filesystem::exists(status)) throw io_error(head + "no such file");
  if (std::filesystem::is_directory(status)) throw io_error(head + "it is a directory");
  const std::uintmax_t bytes = std::filesystem::file_size(file, ec);
  if (ec) throw io_error(head + ec.message());
  if (bytes > max_bytes)
    throw size_error(name + ": " + std::to_string(bytes) + " bytes, over the limit of " + std::to_string(max_bytes) +
                         " bytes" + (limit_name.empty() ? std::string() : " (" + std::string(limit_name) + ")"),
                     static_cast<double>(bytes));
  std::ifstream in(file, std::ios::binary);
  if (!in) throw io_error(head + std::strerror(errno));
  std::string text(static_cast<std::size_t>(bytes), '\0');
  in.read(text.data(), static_cast<std::streamsize>(bytes));
  if (in.bad() || static_cast<std::uintmax_t>(in.gcount()) != bytes)
    throw io_error(head + "read " + std::to_string(in.gcount()) + " of " + std::to_string(bytes) + " bytes");
  return text;
}

}  // namespace pitchrisk::detail
