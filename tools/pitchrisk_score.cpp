// SPDX-License-Identifier: MIT
// pitchrisk-score: scores approach case files with the approach-risk model.
//   pitchrisk-score [options] FILE.case|FOLDER ...      a readable report per case (default)
//   --format text|tsv|json   tsv: a header row, one row per case and stage; json: everything
//   --model FILE.bif         score with a model read from a BIF file, not the built-in one
//   --export-model FILE.bif  write the built-in model as BIF;  --dot FILE.dot  as Graphviz
//   --samples N --seed N --level P --threads N   the parameter-uncertainty interval
//   --base-rate P            prior P(approacher is an intelligence officer) of the built-in model
//   --ess N                  equivalent sample size of every table (default: the model's own)
//   --every-stage            full detail for every stage in the text report
//   --sensitivity N          list the N elicited CPT entries P(pitch) depends on most
// Every error is one line on stderr naming the file (and line) and the fault; exit status 1
// (2 for a bad command line).
#include "pitchrisk/domain.hpp"
#include "pitchrisk/io/bif.hpp"

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace pitchrisk;
using namespace pitchrisk::approach;

constexpr const char* usage_text =
    "usage: pitchrisk-score [--format text|tsv|json] [--model FILE.bif] [--export-model FILE.bif]\n"
    "                       [--dot FILE.dot] [--samples N] [--seed N] [--level P] [--threads N]\n"
    "                       [--base-rate P] [--ess N] [--every-stage] [--sensitivity N]\n"
    "                       FILE.case|FOLDER ...\n";

struct command_line {
  std::string format = "text";
  std::string model_file, export_file, dot_file;
  std::vector<std::string> inputs;
  uncertainty_options uncertainty{};
  std::optional<double> base_rate, ess;
  bool every_stage = false;
  std::size_t sensitivities = 0;
};

[[noreturn]] void usage_error(const std::string& what) {
  std::cerr << "pitchrisk-score: " << what << '\n' << usage_text;
  std::exit(2);
}

double number(std::string_view option, const std::string& value, double low, double high) {
  char* end = nullptr;
  const double x = std::strtod(value.c_str(), &end);
  if (value.empty() || *end != '\0' || !(x >= low && x <= high))
    usage_error(std::string(option) + " '" + value + "': expected a number from " + std::to_string(low) + " to " +
                std::to_string(high));
  return x;
}

command_line parse_command_line(int argc, char** argv) {
  command_line cl;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error(std::string(arg) + " needs a value");
      return argv[++i];
    };
    if (arg == "-h" || arg == "--help") {
      std::cout << usage_text;
      std::exit(0);
    } else if (arg == "--format") {
      cl.format = value();
      if (cl.format != "text" && cl.format != "tsv" && cl.format != "json")
        usage_error("--format '" + cl.format + "': expected text, tsv or json");
    } else if (arg == "--model") {
      cl.model_file = value();
    } else if (arg == "--export-model") {
      cl.export_file = value();
    } else if (arg == "--dot") {
      cl.dot_file = value();
    } else if (arg == "--samples") {
      cl.uncertainty.samples = static_cast<int>(number(arg, value(), 0, 100000));
    } else if (arg == "--seed") {
      cl.uncertainty.seed = static_cast<std::uint64_t>(number(arg, value(), 0, 9007199254740992.0));
    } else if (arg == "--level") {
      cl.uncertainty.level = number(arg, value(), 0.01, 0.999);
    } else if (arg == "--threads") {
      cl.uncertainty.threads = static_cast<unsigned>(number(arg, value(), 0, 1024));
    } else if (arg == "--base-rate") {
      cl.base_rate = number(arg, value(), 1e-9, 1 - 1e-9);
    } else if (arg == "--ess") {
      cl.ess = number(arg, value(), 0.01, 1e9);
    } else if (arg == "--sensitivity") {
      cl.sensitivities = static_cast<std::size_t>(number(arg, value(), 0, 1000));
    } else if (arg == "--every-stage") {
      cl.every_stage = true;
    } else if (arg.size() > 1 && arg[0] == '-') {
      usage_error("unknown option '" + std::string(arg) + "'");
    } else {
      cl.inputs.emplace_back(arg);
    }
  }
  if (cl.inputs.empty() && cl.export_file.empty() && cl.dot_file.empty())
    usage_error("no case file or folder given");
  if (!cl.model_file.empty() && cl.base_rate) usage_error("--base-rate applies to the built-in model, not to --model");
  return cl;
}

/// The case files named on the command line: files as given, folders as their *.case files
/// sorted by name. Throws: io_error naming a path that is missing or a folder without cases.
std::vector<fs::path> case_paths(const std::vector<std::string>& inputs) {
  std::vector<fs::path> out;
  for (const std::string& in : inputs) {
    const fs::path p(in);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::directory_iterator(p, ec))
        if (entry.path().extension() == ".case") found.push_back(entry.path());
      if (ec) throw io_error(in + ": cannot list the folder: " + ec.message());
      if (found.empty()) throw io_error(in + ": folder has no .case files");
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      out.push_back(p);
    } else {
      throw io_error(in + ": no such file or folder");
    }
  }
  return out;
}

int run(const command_line& cl) {
  model_parameters params;
  if (cl.base_rate) params.officer_base_rate = *cl.base_rate;
  const approach_model builtin(params);
  if (!cl.export_file.empty()) {
    std::ofstream out(cl.export_file);
    if (!out) throw io_error(cl.export_file + ": cannot open for writing");
    out << io::to_bif_string(builtin.network());
    if (!out.flush()) throw io_error(cl.export_file + ": write failed");
  }
  if (!cl.dot_file.empty()) {
    std::ofstream out(cl.dot_file);
    if (!out) throw io_error(cl.dot_file + ": cannot open for writing");
    write_dot(out, builtin.network());
    if (!out.flush()) throw io_error(cl.dot_file + ": write failed");
  }
  if (cl.inputs.empty()) return 0;

  const scored_model model =
      cl.model_file.empty() ? scored_model(builtin) : scored_model(io::read_bif(cl.model_file), cl.model_file);
  assessment_options options;
  options.uncertainty = cl.uncertainty;
  options.ess = cl.ess;
  options.sensitivities = cl.sensitivities;

  std::vector<timeline> cases;
  for (const fs::path& p : case_paths(cl.inputs)) {
    const case_file c = read_case(p);
    try {
      cases.push_back(assess_timeline(model, c, options));
    } catch (const evidence_error& e) {
      // The model does not know an indicator or state the case uses (a --model file).
      throw evidence_error(p.string() + ": " + e.what());
    }
  }
  if (cl.format == "tsv") {
    write_tsv_header(std::cout);
    for (const timeline& t : cases) write_tsv(std::cout, t);
  } else if (cl.format == "json") {
    write_json(std::cout, cases);
  } else {
    text_options text;
    text.every_stage = cl.every_stage;
    for (const timeline& t : cases) write_text(std::cout, t, text);
  }
  std::cout.flush();
  if (!std::cout) throw io_error("<stdout>: write failed");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const command_line cl = parse_command_line(argc, argv);
  try {
    return run(cl);
  } catch (const std::exception& e) {
    std::cerr << "pitchrisk-score: " << e.what() << '\n';
    return 1;
  }
}
