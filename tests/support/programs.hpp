// SPDX-License-Identifier: MIT
// Running a built program from a test: its exit status, standard output and standard error.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

namespace pitchrisk::test {

/// What a program run gave.
struct program_run {
  int status = -1;  ///< exit status, or 128 + the signal that ended it
  std::string out;  ///< standard output
  std::string err;  ///< standard error
};

/// The whole content of a file ("" if it cannot be read).
inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// `"exe" args` run by the shell (args may redirect standard input); its outputs go through
/// files named for this process and the command, removed afterwards.
inline program_run run_program(const std::string& exe, const std::string& args) {
  const auto dir = std::filesystem::temp_directory_path() / "pitchrisk_program_runs";
  std::filesystem::create_directories(dir);
  const auto out = dir / (std::to_string(::getpid()) + "_" + std::to_string(std::hash<std::string>{}(exe + args)) + ".out");
  const auto err = std::filesystem::path(out.string() + ".err");
  const std::string cmd = "\"" + exe + "\" " + args + " >\"" + out.string() + "\" 2>\"" + err.string() + "\"";
  const int raw = std::system(cmd.c_str());
  program_run r;
  if (WIFEXITED(raw)) r.status = WEXITSTATUS(raw);
  if (WIFSIGNALED(raw)) r.status = 128 + WTERMSIG(raw);
  r.out = slurp(out);
  r.err = slurp(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return r;
}

/// A path in double quotes, for a command line.
inline std::string quoted(const std::filesystem::path& p) { return "\"" + p.string() + "\""; }

/// Whether a program's error output is exactly one line.
inline bool one_line(const std::string& err) { return !err.empty() && err.find('\n') == err.size() - 1; }

}  // namespace pitchrisk::test
