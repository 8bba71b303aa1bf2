// SPDX-License-Identifier: MIT
// Where the third-party test data lives (shared/networks/*.bif, shared/reference/*.ref):
// the folder given to CMake as PITCHRISK_SHARED_DIR. Tests over shared files check
// have_shared_data() first and skip with a WARN when the folder is absent.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#ifndef PITCHRISK_SHARED_DIR
#define PITCHRISK_SHARED_DIR ""
#endif

namespace pitchrisk::test {

/// The shared data folder (may not exist).
[[nodiscard]] inline std::filesystem::path shared_dir() { return std::filesystem::path(PITCHRISK_SHARED_DIR); }

/// shared/networks/<name>.bif; `name` may be given with or without the ".bif" extension.
[[nodiscard]] inline std::filesystem::path shared_network_path(std::string_view name) {
  std::string file(name);
  if (file.size() < 4 || file.compare(file.size() - 4, 4, ".bif") != 0) file += ".bif";
  return shared_dir() / "networks" / file;
}

/// shared/reference/<name> (the .ref files with expected posteriors).
[[nodiscard]] inline std::filesystem::path shared_reference_path(std::string_view name) {
  return shared_dir() / "reference" / std::string(name);
}

/// Whether the shared networks are present (tests skip with a WARN when they are not).
[[nodiscard]] inline bool have_shared_data() {
  std::error_code ec;
  return std::filesystem::is_directory(shared_dir() / "networks", ec);
}

}  // namespace pitchrisk::test
