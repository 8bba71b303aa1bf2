// SPDX-License-Identifier: MIT
// pitchrisk-convert: converts a network file from one format to another.
//   pitchrisk-convert IN OUT [--from F] [--to F] [--lenient]   (F: bif uai dne xdsl xmlbif net dsl)
// The formats come from the file extensions unless forced; the input's format is sniffed
// from its first word when its extension says nothing. The model is checked as a network
// (cycles, sizes, column sums) before anything is written; columns renormalised on the way
// are reported in one note on standard error. Exit status: 0 done, 1 refused input, 2 usage.
#include "pitchrisk/io/network_file.hpp"

#include "cli_run.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <vector>
#include <iterator>

int main(int argc, char** argv) {
  CLI::App app{"Converts a Bayesian-network file between formats (BIF, UAI, Netica DNE, GeNIe XDSL and DSL, XMLBIF, Hugin NET).",
               "pitchrisk-convert"};
  const std::vector<std::string> names(std::begin(pitchrisk::io::format_names), std::end(pitchrisk::io::format_names));
  std::string in, out, from, to;
  bool lenient = false;
  app.add_option("IN", in,
                 "network file to read (.bif, .uai, .dne, .xdsl, .xml, .net, .dsl; other names are sniffed by their first word)")
      ->required();
  app.add_option("OUT", out,
                 "file to write; its extension (.bif, .uai, .dne, .xdsl, .xml, .net, .dsl) gives the format unless --to names one")
      ->required();
  app.add_option("--from", from, "format of IN, overriding its extension and content")
      ->check(CLI::IsMember(names, CLI::ignore_case));
  app.add_option("--to", to, "format of OUT, overriding its extension")->check(CLI::IsMember(names, CLI::ignore_case));
  app.add_flag("--lenient", lenient,
               "accept CPT columns whose sums are off 1 by up to 1e-2 (default 1e-4, enough for tables printed with "
               "six decimals) and renormalise them");
  return pitchrisk::cli::run(app, argc, argv, [&] {
    pitchrisk::io::read_options options;
    options.build.columns.lenient = lenient;
    std::optional<pitchrisk::io::network_format> in_format, out_format;
    if (!from.empty()) in_format = pitchrisk::io::parse_format(from);
    if (!to.empty()) out_format = pitchrisk::io::parse_format(to);
    const pitchrisk::io::model_description model = pitchrisk::io::read_description(in, in_format, options);
    const pitchrisk::network net = pitchrisk::io::to_network(model, options.build);
    if (!net.repairs().empty()) {
      double worst = 0;
      for (const auto& r : net.repairs()) worst = std::max(worst, std::abs(r.sum - 1.0));
      std::cerr << "pitchrisk-convert: note: " << in << ": " << net.repairs().size()
                << " CPT column(s) renormalised (largest deviation of a sum from 1: " << worst << ")\n";
    }
    pitchrisk::io::write_description(model, out, out_format);
  });
}
