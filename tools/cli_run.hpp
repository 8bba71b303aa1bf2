// SPDX-License-Identifier: MIT
// How every command-line tool runs: --help and --version, a bad command line (one line and a
// hint, exit status 2), a refused input or any other error (one line on stderr, status 1).
#pragma once

#include "pitchrisk/version.hpp"

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <string>

namespace pitchrisk::cli {

/// Parses argv into `app` and runs `body`; returns the exit status. --help and --version
/// print and return 0; a bad command line prints one line plus a hint and returns 2; a
/// pitchrisk::error (or any other exception) prints one line and returns 1.
template <class Body>
int run(CLI::App& app, int argc, char** argv, Body&& body) {
  app.set_version_flag("--version", std::string(app.get_name()) + " " + PITCHRISK_VERSION_STRING);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << app.get_name() << ": " << e.what() << " (run with --help for the options)\n";
    return 2;
  }
  try {
    body();
    return 0;
  } catch (const std::exception& e) {
    std::string what = e.what();
    for (char& c : what)
      if (c == '\n' || c == '\r') c = ' ';
    std::cerr << app.get_name() << ": " << what << '\n';
    return 1;
  }
}

}  // namespace pitchrisk::cli
