// SPDX-License-Identifier: MIT
// pitchrisk-learn: learning from data.
//   pitchrisk-learn structure --data TRAIN.csv --out OUT.bif [options]   (learn_structure.hpp)
// Every error is one line on stderr; exit status 1 (2 for a bad command line).
#include "learn_structure.hpp"

#include <exception>
#include <iostream>
#include <string>
#include <vector>

namespace {
constexpr const char* usage_text =
    "usage: pitchrisk-learn COMMAND [options]   (pitchrisk-learn COMMAND --help for the options)\n"
    "  structure   learn a network's structure and CPTs from a CSV data set\n";
}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << usage_text;
    return 2;
  }
  if (args[0] == "--help" || args[0] == "-h") {
    std::cout << usage_text;
    return 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  try {
    if (command == "structure") return pitchrisk_learn::run_structure(args);
    std::cerr << "pitchrisk-learn: unknown command '" << command << "'\n" << usage_text;
    return 2;
  } catch (const pitchrisk_learn::usage_error& e) {
    std::cerr << "pitchrisk-learn " << command << ": " << e.what << "\n(pitchrisk-learn " << command
              << " --help lists the options)\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "pitchrisk-learn " << command << ": " << e.what() << '\n';
    return 1;
  }
}
