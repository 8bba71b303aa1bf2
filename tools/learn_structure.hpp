// SPDX-License-Identifier: MIT
// The `structure` subcommand of pitchrisk-learn: reads a CSV data set, learns a DAG by hill
// climbing, tabu search or PC-stable under the given constraints, fits the CPTs with the
// chosen prior and writes a BIF network. Kept in its own header so that pitchrisk_learn.cpp
// dispatches to it in one line.
#pragma once

#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/io/csv.hpp"
#include "pitchrisk/learning/parameter_estimation.hpp"
#include "pitchrisk/learning/essential_graph.hpp"
#include "pitchrisk/learning/hill_climbing.hpp"
#include "pitchrisk/learning/pc.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace pitchrisk_learn {

inline constexpr const char* structure_help =
    "usage: pitchrisk-learn structure --data TRAIN.csv --out OUT.bif [options]\n"
    "Learns a network's structure from the records of TRAIN.csv (a header row of variable\n"
    "names, one record per row, cells are state names; an empty cell, ? or NA is missing),\n"
    "then its CPTs, and writes it as BIF. Missing cells: every family score and test counts\n"
    "the rows complete on its own columns (available-case analysis).\n"
    "  --data FILE          the training records (required)\n"
    "  --out FILE           the BIF file written (required)\n"
    "  --network FILE.bif   take the variables and their states from this network (its arcs\n"
    "                       and CPTs are ignored); default: the CSV header, states in order\n"
    "                       of first appearance\n"
    "  --algorithm A        hc (hill climbing, default), tabu (tabu search) or pc (PC-stable)\n"
    "  --score S            bic (default), aic, bdeu or k2: the score hc and tabu maximise\n"
    "  --ess N              equivalent sample size of the BDeu score and prior (default 1)\n"
    "  --max-parents K      at most K parents per variable (hc, tabu; default no limit)\n"
    "  --require A->B       the arc A -> B must be in the result (repeatable; hc, tabu)\n"
    "  --forbid A->B        the arc A -> B must not be in the result (repeatable; hc, tabu)\n"
    "  --tiers FILE         one tier per line, earliest first, variable names separated by\n"
    "                       blanks or commas ('#' starts a comment): no arc points from a later\n"
    "                       tier to an earlier one; unlisted variables are free (hc, tabu)\n"
    "  --restarts N         random restarts from perturbations of the best graph (default 0)\n"
    "  --tabu-length N      graphs remembered by tabu search (default 10)\n"
    "  --seed S             seed of the restarts (default 0)\n"
    "  --test T             pc's independence test: g-test (default) or chi-square\n"
    "  --alpha P            pc's significance level (default 0.05)\n"
    "  --prior P            CPT estimates (estimate_parameters): bdeu (default; ess from --ess),\n"
    "                       k2 (+1 per entry) or mle (a column never seen is uniform)\n"
    "  --quiet              no summary on stderr\n"
    "Errors are one line on stderr; exit status 1 (2 for a bad command line).\n";

struct usage_error {
  std::string what;
};

namespace detail {

inline double parse_number(std::string_view option, const std::string& v, double low, double high) {
  char* end = nullptr;
  const double x = std::strtod(v.c_str(), &end);
  if (v.empty() || *end != '\0' || !(x >= low && x <= high))
    throw usage_error{std::string(option) + " '" + v + "': expected a number from " + std::to_string(low) + " to " +
                      std::to_string(high)};
  return x;
}

inline pitchrisk::arc parse_arc(std::string_view option, const std::string& v, const pitchrisk::dataset& data) {
  const auto at = v.find("->");
  if (at == std::string::npos) throw usage_error{std::string(option) + " '" + v + "': expected A->B"};
  auto trim = [](std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.erase(s.begin());
    return s;
  };
  const std::string a = trim(v.substr(0, at)), b = trim(v.substr(at + 2));
  const Eigen::Index ia = data.column_of(a), ib = data.column_of(b);
  if (ia < 0) throw pitchrisk::lookup_error(std::string(option) + " '" + v + "': the data has no variable '" + a + "'");
  if (ib < 0) throw pitchrisk::lookup_error(std::string(option) + " '" + v + "': the data has no variable '" + b + "'");
  return {ia, ib};
}

inline std::vector<Eigen::Index> read_tiers(const std::string& file, const pitchrisk::dataset& data) {
  std::ifstream in(file);
  if (!in) throw pitchrisk::io_error("cannot read tiers file '" + file + "'");
  std::vector<Eigen::Index> tiers(static_cast<std::size_t>(data.columns()), -1);
  std::string line;
  Eigen::Index tier = 0;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    for (char& c : line)
      if (c == ',' || c == '\t' || c == '\r') c = ' ';
    std::istringstream words(line);
    std::string name;
    bool any = false;
    while (words >> name) {
      const Eigen::Index c = data.column_of(name);
      if (c < 0)
        throw pitchrisk::parse_error(file, number, 0, "the data has no variable '" + name + "'");
      if (tiers[static_cast<std::size_t>(c)] >= 0)
        throw pitchrisk::parse_error(file, number, 0, "variable '" + name + "' is in two tiers");
      tiers[static_cast<std::size_t>(c)] = tier;
      any = true;
    }
    tier += any;
  }
  return tiers;
}

/// The DAG over the data's columns as a network (uniform CPTs: estimate_parameters replaces them).
inline pitchrisk::network structure_of(const pitchrisk::dataset& data, const pitchrisk::parent_lists& parents,
                                       const std::string& name) {
  pitchrisk::network_builder b(name);
  for (Eigen::Index c = 0; c < data.columns(); ++c) b.add_variable(data.name(c), data.states(c));
  for (Eigen::Index c = 0; c < data.columns(); ++c) {
    const auto& ps = parents[static_cast<std::size_t>(c)];
    b.set_parents(c, ps);
    Eigen::Index size = data.cardinality(c);
    for (const Eigen::Index p : ps) size *= data.cardinality(p);
    b.set_cpt(c, Eigen::ArrayXd::Constant(size, 1.0 / static_cast<double>(data.cardinality(c))));
  }
  return b.build();
}

}  // namespace detail

/// Runs `pitchrisk-learn structure ARGS...` (args excludes the program and subcommand).
inline int run_structure(const std::vector<std::string>& args) {
  using namespace pitchrisk;
  std::string data_file, out_file, network_file, algorithm = "hc", score_word = "bic", tiers_file, test_word = "g-test",
                                   prior = "bdeu";
  std::vector<std::string> required, forbidden;
  double ess = 1, alpha = 0.05;
  Eigen::Index max_parents = -1, restarts = 0, tabu_length = 10;
  std::uint64_t seed = 0;
  bool quiet = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw usage_error{a + " needs a value"};
      return args[++i];
    };
    if (a == "--help" || a == "-h") {
      std::cout << structure_help;
      return 0;
    } else if (a == "--data") data_file = value();
    else if (a == "--out") out_file = value();
    else if (a == "--network") network_file = value();
    else if (a == "--algorithm") algorithm = value();
    else if (a == "--score") score_word = value();
    else if (a == "--ess") ess = detail::parse_number(a, value(), 1e-9, 1e9);
    else if (a == "--max-parents") max_parents = static_cast<Eigen::Index>(detail::parse_number(a, value(), 0, 1e6));
    else if (a == "--require") required.push_back(value());
    else if (a == "--forbid") forbidden.push_back(value());
    else if (a == "--tiers") tiers_file = value();
    else if (a == "--restarts") restarts = static_cast<Eigen::Index>(detail::parse_number(a, value(), 0, 1e6));
    else if (a == "--tabu-length") tabu_length = static_cast<Eigen::Index>(detail::parse_number(a, value(), 1, 1e6));
    else if (a == "--seed") seed = static_cast<std::uint64_t>(detail::parse_number(a, value(), 0, 9e15));
    else if (a == "--test") test_word = value();
    else if (a == "--alpha") alpha = detail::parse_number(a, value(), 1e-300, 0.999999);
    else if (a == "--prior") prior = value();
    else if (a == "--quiet") quiet = true;
    else throw usage_error{"unknown option '" + a + "'"};
  }
  if (data_file.empty()) throw usage_error{"--data is required"};
  if (out_file.empty()) throw usage_error{"--out is required"};
  if (algorithm != "hc" && algorithm != "tabu" && algorithm != "pc")
    throw usage_error{"--algorithm '" + algorithm + "': expected hc, tabu or pc"};
  if (prior != "bdeu" && prior != "k2" && prior != "mle") throw usage_error{"--prior '" + prior + "': expected bdeu, k2 or mle"};
  structure_score_kind kind{};
  independence_test_kind test{};
  try {
    kind = parse_structure_score(score_word);
    test = parse_independence_test(test_word);
  } catch (const lookup_error& e) {
    throw usage_error{e.what()};
  }
  if (algorithm == "pc" && (!required.empty() || !forbidden.empty() || !tiers_file.empty() || max_parents >= 0))
    throw usage_error{"--require, --forbid, --tiers and --max-parents apply to hc and tabu, not pc"};

  const dataset data = network_file.empty()
                           ? io::read_csv(std::filesystem::path(data_file))
                           : io::read_csv(std::filesystem::path(data_file), io::read_bif<double>(std::filesystem::path(network_file)));
  const auto start = std::chrono::steady_clock::now();
  parent_lists parents;
  std::string summary;
  if (algorithm == "pc") {
    const pc_result r = pc_stable(data, {.test = test, .alpha = alpha});
    parents = to_dag(r.graph);
    summary = std::to_string(r.tests) + " independence tests, " + std::to_string(r.graph.arc_count()) + " arcs and " +
              std::to_string(r.graph.edge_count()) + " undirected edges";
  } else {
    hill_climbing_options o;
    o.score = {.kind = kind, .equivalent_sample_size = ess};
    o.constraints.max_parents = max_parents;
    for (const auto& s : required) o.constraints.required.push_back(detail::parse_arc("--require", s, data));
    for (const auto& s : forbidden) o.constraints.forbidden.push_back(detail::parse_arc("--forbid", s, data));
    if (!tiers_file.empty()) o.constraints.tiers = detail::read_tiers(tiers_file, data);
    o.tabu_length = algorithm == "tabu" ? tabu_length : 0;
    o.restarts = restarts;
    o.seed = seed;
    const learned_structure r = hill_climbing(data, o);
    parents = r.parents;
    summary = "score " + std::to_string(r.score) + " after " + std::to_string(r.moves) + " moves";
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  parameter_prior p{.kind = prior == "mle" ? prior_kind::mle : prior == "k2" ? prior_kind::k2 : prior_kind::bdeu,
                    .ess = ess};
  const network net =
      estimate_parameters(detail::structure_of(data, parents, std::filesystem::path(data_file).stem().string()), data, p);
  io::write_bif(net, std::filesystem::path(out_file));
  if (!quiet)
    std::cerr << "pitchrisk-learn structure: " << data.rows() << " records, " << data.columns() << " variables; "
              << algorithm << ": " << net.arc_count() << " arcs, " << summary << "; " << seconds << " s\n";
  return 0;
}

}  // namespace pitchrisk_learn
