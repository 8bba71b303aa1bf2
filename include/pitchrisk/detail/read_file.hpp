// SPDX-License-Identifier: MIT
// Reading a whole text file for the parsers (BIF, .case, .ref), with the same errors for
// all of them: io_error naming the file when it is missing, a folder, or unreadable;
// size_error when it is larger than the caller accepts (read no further than that).
#pragma once

#include "pitchrisk/error.hpp"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>

namespace pitchrisk::detail {

/// The bytes of `file`. `kind` names it in messages ("BIF file"); `limit_name` names the
/// option that sets `max_bytes`. Throws: io_error, size_error.
/// A small file costs one open, one read and a close: the checks that explain a failure
/// (missing, a folder) run only when opening or reading has failed.
inline std::string read_file(const std::filesystem::path& file, std::string_view kind,
                             std::uintmax_t max_bytes = std::numeric_limits<std::uintmax_t>::max(),
                             std::string_view limit_name = {}) {
  const std::string name = file.string();
  const auto head = [&] { return "cannot read " + std::string(kind) + " '" + name + "': "; };
  const auto failure = [&](int err) {  // why opening or reading failed, in the words of a check
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) return io_error(head() + ec.message());
    if (ec || !std::filesystem::exists(status)) return io_error(head() + "no such file");
    if (std::filesystem::is_directory(status)) return io_error(head() + "it is a directory");
    return io_error(head() + std::strerror(err));
  };
  const auto too_large = [&](std::uintmax_t bytes) {
    return size_error(name + ": " + std::to_string(bytes) + " bytes, over the limit of " + std::to_string(max_bytes) +
                          " bytes" + (limit_name.empty() ? std::string() : " (" + std::string(limit_name) + ")"),
                      static_cast<double>(bytes));
  };
  std::FILE* f = std::fopen(name.c_str(), "rb");
  if (!f) throw failure(errno);
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> closing(f, &std::fclose);
  std::setvbuf(f, nullptr, _IONBF, 0);  // read straight into the string
  constexpr std::size_t first_read = 16384;
  std::string text(first_read, '\0');
  std::size_t got = std::fread(text.data(), 1, first_read, f);
  if (std::ferror(f)) throw failure(errno);
  if (got < first_read) {  // the whole file
    if (got > max_bytes) throw too_large(got);
    text.resize(got);
    return text;
  }
  // A larger file: its size from the end, read in one call; else (a pipe) in growing steps.
  long end = -1;
  if (std::fseek(f, 0, SEEK_END) == 0) end = std::ftell(f);
  if (end >= 0 && std::fseek(f, static_cast<long>(got), SEEK_SET) != 0) throw failure(errno);
  if (end >= 0) {
    const auto bytes = static_cast<std::uintmax_t>(end);
    if (bytes > max_bytes) throw too_large(bytes);
    if (bytes < got) throw io_error(head() + "the file shrank while it was read");
    text.resize(static_cast<std::size_t>(bytes));
    got += std::fread(text.data() + got, 1, static_cast<std::size_t>(bytes) - got, f);
    if (std::ferror(f) || got != bytes)
      throw io_error(head() + "read " + std::to_string(got) + " of " + std::to_string(bytes) + " bytes");
    return text;
  }
  std::clearerr(f);
  for (;;) {
    if (got > max_bytes) throw too_large(got);
    text.resize(2 * text.size());
    got += std::fread(text.data() + got, 1, text.size() - got, f);
    if (std::ferror(f)) throw failure(errno);
    if (got < text.size()) break;
  }
  if (got > max_bytes) throw too_large(got);
  text.resize(got);
  return text;
}

}  // namespace pitchrisk::detail
