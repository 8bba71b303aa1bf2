// SPDX-License-Identifier: MIT
#include "pitchrisk/detail/read_file.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <sys/stat.h>
#include <unistd.h>

namespace read_file_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using Catch::Contains;

namespace {

/// A file of `n` bytes with a byte pattern that catches misplaced chunks.
std::filesystem::path written(const std::string& name, std::size_t n) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::string bytes(n, '\0');
  for (std::size_t i = 0; i < n; ++i) bytes[i] = static_cast<char>((i * 131 + i / 251) % 256);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

std::string expected(std::size_t n) {
  std::string bytes(n, '\0');
  for (std::size_t i = 0; i < n; ++i) bytes[i] = static_cast<char>((i * 131 + i / 251) % 256);
  return bytes;
}

}  // namespace

TEST_CASE("read_file returns every byte, for sizes around its first read", "[detail][read_file]") {
  // 16,384 bytes are read first; a larger file is read to the size its end gives.
  for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{16383}, std::size_t{16384},
                              std::size_t{16385}, std::size_t{32768}, std::size_t{1000003}}) {
    const auto path = written("pitchrisk_read_file_test_" + std::to_string(n), n);
    const std::string text = detail::read_file(path, "test file");
    CHECK(text.size() == n);
    CHECK(text == expected(n));
    std::filesystem::remove(path);
  }
}

TEST_CASE("read_file refuses a file over the limit, with its size, small or large", "[detail][read_file]") {
  for (const std::size_t n : {std::size_t{100}, std::size_t{16384}, std::size_t{50000}}) {
    const auto path = written("pitchrisk_read_file_limit_" + std::to_string(n), n);
    CHECK(detail::read_file(path, "test file", n).size() == n);  // at the limit: read
    REQUIRE_THROWS_AS(detail::read_file(path, "test file", n - 1, "--max-bytes"), size_error);
    REQUIRE_THROWS_WITH(detail::read_file(path, "test file", n - 1, "--max-bytes"),
                        Contains(path.string()) && Contains(std::to_string(n) + " bytes, over the limit of " +
                                                            std::to_string(n - 1) + " bytes (--max-bytes)"));
    std::filesystem::remove(path);
  }
}

TEST_CASE("read_file names a missing file, a folder and an unreadable file", "[detail][read_file]") {
  const auto missing = std::filesystem::temp_directory_path() / "pitchrisk_no_such_dir" / "none.case";
  REQUIRE_THROWS_AS(detail::read_file(missing, "case file"), io_error);
  REQUIRE_THROWS_WITH(detail::read_file(missing, "case file"),
                      Contains("cannot read case file '" + missing.string() + "': no such file"));
  const auto folder = std::filesystem::temp_directory_path();
  REQUIRE_THROWS_WITH(detail::read_file(folder, "case file"), Contains("it is a directory"));
  if (::geteuid() != 0) {  // root reads a file without read permission
    const auto locked = written("pitchrisk_read_file_locked", 10);
    ::chmod(locked.c_str(), 0);
    REQUIRE_THROWS_WITH(detail::read_file(locked, "case file"), Contains("Permission denied"));
    std::filesystem::remove(locked);
  }
}

TEST_CASE("read_file reads a pipe, which has no size, to its end", "[detail][read_file]") {
  const auto fifo = std::filesystem::temp_directory_path() / "pitchrisk_read_file_fifo";
  std::filesystem::remove(fifo);
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::size_t n = 70000;  // more than the first read, so the growing path runs
  std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << expected(n); });  // opens when read
  const std::string text = detail::read_file(fifo, "case file");
  writer.join();
  CHECK(text == expected(n));
  std::filesystem::remove(fifo);
}

}  // namespace read_file_test
