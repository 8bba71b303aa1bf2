// SPDX-License-Identifier: MIT
// Reads and writes the UAI inference-competition format: the model file (`BAYES` as a
// network; `MARKOV` as a plain factor model, which the network engines cannot take), the
// `.evid` evidence file (2014 single-sample and older multi-sample dialects), and the
// `MAR`, `PR` and `MPE` answer files, so results can be compared with published solutions.
// UAI has no names: variables read as x0, x1, ..., states as 0, 1, ...
#pragma once

#include "pitchrisk/core/distribution.hpp"
#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/detail/excerpt.hpp"
#include "pitchrisk/detail/parse_number.hpp"
#include "pitchrisk/detail/read_file.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/io/detail/text_file.hpp"
#include "pitchrisk/io/detail/uai_scanner.hpp"
#include "pitchrisk/io/model_description.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pitchrisk::io {

/// One function of a UAI model: its scope as written and its table, row-major over the
/// scope (the last scope variable fastest), as in the file.
template <class Real>
struct basic_uai_function {
  std::vector<std::size_t> scope;                  ///< variable indices as written (not sorted)
  Eigen::Array<Real, Eigen::Dynamic, 1> table;     ///< entries, the last scope variable fastest
  std::size_t line = 0;  ///< line of the table's entry count
};

/// A UAI model as written: preamble kind, domain sizes, functions.
template <class Real>
struct basic_uai_model {
  bool markov = false;  ///< `MARKOV` (a factor model) rather than `BAYES`
  std::vector<Eigen::Index> cardinalities;          ///< number of states of each variable x0 .. x(N-1)
  std::vector<basic_uai_function<Real>> functions;  ///< the functions (CPTs or factors), file order
  std::string file;                                 ///< the file read (for messages; empty for text)
};
/// A UAI model with double tables.
using uai_model = basic_uai_model<double>;

/// Evidence of a `.evid` file: one sample or several, each a list of (variable, state).
using uai_sample = std::vector<std::pair<std::size_t, Eigen::Index>>;

/// Reads UAI model text (either preamble). Throws: parse_error (file, line, column) on
/// malformed text, wrong counts, out-of-range indices, negative or non-finite entries;
/// size_error for a table over options.build.max_table_entries or a file over
/// options.max_file_bytes.
template <class Real = double>
[[nodiscard]] basic_uai_model<Real> read_uai_model_string(std::string_view text, std::string file_name = "<string>",
                                                          const read_options& options = {});
/// As read_uai_model_string(), from a file. Throws: also io_error if it cannot be read.
template <class Real = double>
[[nodiscard]] basic_uai_model<Real> read_uai_model(const std::filesystem::path& file, const read_options& options = {});

/// The description of a `BAYES` model: variables x0 .. x(N-1) with states 0 .. d-1; each
/// function's child is the last scope variable (the spec), or the first when that is the
/// only reading in which every variable is the child of exactly one function (bn-pp
/// writes child-first scopes); parents keep the scope order. Throws: parse_error for a
/// `MARKOV` model (naming read_uai_model) or a child assignment that fails both readings.
template <class Real>
[[nodiscard]] basic_model_description<Real> describe(const basic_uai_model<Real>& model);

/// Reads a `BAYES` UAI file into a description / a network. Throws: as read_uai_model and
/// describe(model); model_error (as network_builder::build) from read_uai.
template <class Real = double>
[[nodiscard]] basic_model_description<Real> read_uai_description_string(std::string_view text,
                                                                        std::string file_name = "<string>",
                                                                        const read_options& options = {});
/// UAI text in memory as a network (`file_name` names it in messages).
template <class Real = double>
[[nodiscard]] basic_network<Real> read_uai_string(std::string_view text, std::string file_name = "<string>",
                                                  const read_options& options = {});
/// A UAI file as a network. Throws: also io_error if it cannot be read.
template <class Real = double>
[[nodiscard]] basic_network<Real> read_uai(const std::filesystem::path& file, const read_options& options = {});

/// A model description as `BAYES` text: declaration order, scope = declared parents then the
/// child, one line of child probabilities per parent configuration, shortest round-trip
/// numbers. Canonical models are written as their full tables (UAI has no other kind).
template <class Real>
[[nodiscard]] std::string to_uai_string(const basic_model_description<Real>& model);
/// A network as `BAYES` text, as to_uai_string(describe(net)) would write it.
template <class Real>
[[nodiscard]] std::string to_uai_string(const basic_network<Real>& net);
/// Writes to_uai_string(net) to `file`. Throws: io_error.
template <class Real>
void write_uai(const basic_network<Real>& net, const std::filesystem::path& file);

/// Reads a `.evid` file for a model with the given domain sizes. A file that is exactly
/// `n v1 x1 ... vn xn` is one sample (UAI 2014 on); otherwise `s` followed by s such lines
/// (UAI 2010). Throws: parse_error on bad numbers, indices or states out of range, a
/// variable observed twice in one sample, or text that fits neither dialect.
[[nodiscard]] inline std::vector<uai_sample> read_uai_evidence_string(std::string_view text,
                                                                     std::span<const Eigen::Index> cardinalities,
                                                                     std::string file_name = "<string>");
/// As read_uai_evidence_string(), from a file. Throws: also io_error if it cannot be read.
[[nodiscard]] inline std::vector<uai_sample> read_uai_evidence(const std::filesystem::path& file,
                                                              std::span<const Eigen::Index> cardinalities);
/// One sample as evidence over a network read from the same UAI model (ids = UAI indices).
[[nodiscard]] inline evidence to_evidence(const uai_sample& sample);

/// A factor model (`MARKOV`, or any UAI model) as a network the engines can take: the
/// model's variables x0 .. x(N-1) (ids 0 .. N-1) as uniform roots, and per function i a binary
/// child `f<i>` of the function's scope with P(`f<i>` = on | s) = phi_i(s) / max phi_i. Observing
/// every `f<i>` = on (`constraints`) gives P(x | constraints) = prod phi / Z, so posteriors and
/// MPE are those of the factor model, and log10 Z = log10 P(constraints) + `log10_scale`.
template <class Real>
struct basic_factor_network {
  basic_network<Real> net;  ///< the variables, then one constraint child per function
  evidence constraints;     ///< every constraint child observed `on`

  double log10_scale = 0;  ///< sum of log10 d_j over variables plus log10 max phi_i over functions
};
/// A factor network over double tables.
using factor_network = basic_factor_network<double>;

/// Throws: model_error naming a function whose table is all zeros (Z = 0), size_error.
template <class Real>
[[nodiscard]] basic_factor_network<Real> to_factor_network(const basic_uai_model<Real>& model,
                                                           const build_options& options = {});

/// Answer files in the competition's format: `MAR` (per variable: state count, then the
/// probabilities), `PR` (log10 of the probability of the evidence), `MPE` (per variable
/// its state index). Numbers in shortest round-trip form.
template <class Real>
[[nodiscard]] std::string uai_mar_answer(std::span<const basic_distribution<Real>> marginals);
/// A `PR` answer: log10 P(e).
[[nodiscard]] inline std::string uai_pr_answer(double log10_probability);
/// An `MPE` answer: the state index of every variable, by UAI index.
[[nodiscard]] inline std::string uai_mpe_answer(std::span<const Eigen::Index> states);

}  // namespace pitchrisk::io

// ---------------------------------------------------------------------------------------

namespace pitchrisk::detail::uai {

/// Reads the preamble word: `BAYES`, or `MARKOV` (sets model.markov); refuses anything else.
template <class Real>
void read_preamble(scanner& in, io::basic_uai_model<Real>& model) {
  const word kind = in.next();
  if (kind.text.empty()) in.fail(kind.line, kind.column, "empty file: expected 'BAYES' or 'MARKOV'");
  if (kind.text == "MARKOV")
    model.markov = true;
  else if (kind.text != "BAYES")
    in.fail(kind.line, kind.column,
            "expected 'BAYES' or 'MARKOV' at the start of a UAI file, got '" + pitchrisk::detail::excerpt(kind.text) +
                "'" +
                (kind.text == "SPARSEBAYES" || kind.text == "SPARSEMARKOV" ? " (the sparse UAI variant is not supported)"
                                                                          : ""));
}

/// Reads the variable count and domain sizes into model.cardinalities; returns the count.
template <class Real>
std::uint64_t read_cardinalities(scanner& in, io::basic_uai_model<Real>& model, const std::string& file_name,
                                 const io::read_options& options) {
  const auto [n, n_at] = in.count("the number of variables");
  // Each variable needs at least two bytes of text for its domain size: refuse absurd counts
  // before reserving anything.
  if (n > in.remaining() / 2 + 1)
    in.fail(n_at.line, n_at.column,
            "declares " + std::string(n_at.text) + " variables, more than the rest of the file can list");
  for (std::uint64_t i = 0; i < n; ++i) {
    const auto [d, at] = in.count("the domain size of variable " + std::to_string(i));
    if (d == 0) in.fail(at.line, at.column, "variable " + std::to_string(i) + " has domain size 0");
    if (d > static_cast<std::uint64_t>(options.build.max_table_entries))
      throw size_error(place(file_name, at.line, at.column) + ": variable " + std::to_string(i) + " has domain size " +
                           std::string(at.text) + ", over the table limit of " +
                           std::to_string(options.build.max_table_entries) + " entries",
                       static_cast<double>(d));
    model.cardinalities.push_back(static_cast<Eigen::Index>(d));
  }
  return n;
}

/// Reads one function's scope (size, then distinct variable indices below `n`) and checks
/// its table size against the limit.
template <class Real>
void read_scope(scanner& in, io::basic_uai_model<Real>& model, std::uint64_t i, std::uint64_t n,
                const std::string& file_name, const io::read_options& options) {
  const std::string who = "function " + std::to_string(i);
  const auto [s, s_at] = in.count("the scope size of " + who);
  if (s > n)
    in.fail(s_at.line, s_at.column,
            who + " has a scope of " + std::string(s_at.text) + " variables, the model has " + std::to_string(n));
  auto& scope = model.functions[i].scope;
  std::vector<Eigen::Index> cards;
  for (std::uint64_t j = 0; j < s; ++j) {
    const auto [v, v_at] = in.count("a variable index in the scope of " + who);
    if (v >= n)
      in.fail(v_at.line, v_at.column,
              who + ": variable index " + std::string(v_at.text) + " out of range (the model has " +
                  std::to_string(n) + " variables)");
    if (std::find(scope.begin(), scope.end(), v) != scope.end())
      in.fail(v_at.line, v_at.column, who + ": variable " + std::string(v_at.text) + " appears twice in the scope");
    scope.push_back(static_cast<std::size_t>(v));
    cards.push_back(model.cardinalities[static_cast<std::size_t>(v)]);
  }
  (void)pitchrisk::detail::checked_table_size(cards, options.build.max_table_entries,
                                              place(file_name, s_at.line, s_at.column) + ": the table of " + who,
                                              sizeof(Real));
}

/// Reads function i's table: its entry count (which must match the scope) and the entries.
template <class Real>
void read_table(scanner& in, io::basic_uai_model<Real>& model, std::uint64_t i) {
  const std::string who = "function " + std::to_string(i);
  auto& function = model.functions[i];
  Eigen::Index expected = 1;
  for (const std::size_t v : function.scope) expected *= model.cardinalities[v];
  const auto [t, t_at] = in.count("the entry count of the table of " + who);
  function.line = t_at.line;
  if (t != static_cast<std::uint64_t>(expected))
    in.fail(t_at.line, t_at.column,
            "the table of " + who + " declares " + std::string(t_at.text) + " entries, its scope needs " +
                std::to_string(expected));
  function.table.resize(expected);
  for (Eigen::Index e = 0; e < expected; ++e) {
    const word w = in.next();
    if (w.text.empty())
      in.fail(w.line, w.column,
              "unexpected end of file in the table of " + who + " (" + std::to_string(e) + " of " +
                  std::to_string(expected) + " entries)");
    const auto x = pitchrisk::detail::parse_decimal<Real>(w.text);
    if (x.fault != pitchrisk::detail::number_fault::none)
      in.fail(w.line, w.column,
              "the table of " + who + ": entry '" + pitchrisk::detail::excerpt(w.text) + "' " +
                  pitchrisk::detail::describe(x.fault));
    function.table[e] = x.value;
  }
}

}  // namespace pitchrisk::detail::uai

namespace pitchrisk::io {

template <class Real>
basic_uai_model<Real> read_uai_model_string(std::string_view text, std::string file_name, const read_options& options) {
  pitchrisk::detail::check_text_size(text, file_name, options.max_file_bytes, "read_options::max_file_bytes");
  pitchrisk::detail::skip_bom(text);
  pitchrisk::detail::uai::scanner in(text, file_name);
  basic_uai_model<Real> model;
  model.file = file_name;
  pitchrisk::detail::uai::read_preamble(in, model);
  const std::uint64_t n = pitchrisk::detail::uai::read_cardinalities(in, model, file_name, options);
  const auto [f, f_at] = in.count("the number of functions");
  if (f > in.remaining() / 2 + 1)
    in.fail(f_at.line, f_at.column,
            "declares " + std::string(f_at.text) + " functions, more than the rest of the file can list");
  model.functions.resize(static_cast<std::size_t>(f));
  for (std::uint64_t i = 0; i < f; ++i) pitchrisk::detail::uai::read_scope(in, model, i, n, file_name, options);
  for (std::uint64_t i = 0; i < f; ++i) pitchrisk::detail::uai::read_table(in, model, i);
  const pitchrisk::detail::uai::word extra = in.next();
  if (!extra.text.empty())
    in.fail(extra.line, extra.column,
            "unexpected '" + pitchrisk::detail::excerpt(extra.text) + "' after the last table (more tables than the " +
                std::to_string(f) + " functions declared?)");
  return model;
}

template <class Real>
basic_uai_model<Real> read_uai_model(const std::filesystem::path& file, const read_options& options) {
  const std::string text = pitchrisk::detail::read_file(file, "UAI file", options.max_file_bytes, "read_options::max_file_bytes");
  return read_uai_model_string<Real>(text, file.string(), options);
}

template <class Real>
basic_model_description<Real> describe(const basic_uai_model<Real>& model) {
  const std::size_t n = model.cardinalities.size();
  if (model.markov)
    throw parse_error(model.file, 1, 1,
                      "a MARKOV model is a factor model, not a Bayesian network (read_uai_model gives its factors)");
  if (model.functions.size() != n)
    throw parse_error(model.file, 0, 0,
                      "a BAYES model needs one function per variable: " + std::to_string(model.functions.size()) +
                          " functions for " + std::to_string(n) + " variables");
  // The child of each function: the last scope variable, else the first.
  std::vector<std::size_t> child(n);
  const auto assign = [&](bool last) {
    std::vector<std::size_t> owner(n, n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto& scope = model.functions[i].scope;
      if (scope.empty()) return false;
      const std::size_t c = last ? scope.back() : scope.front();
      if (owner[c] != n) return false;
      owner[c] = i;
      child[i] = c;
    }
    return true;
  };
  if (!assign(true) && !assign(false)) {
    // Name the first fault of the standard reading.
    std::vector<std::size_t> owner(n, n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto& scope = model.functions[i].scope;
      if (scope.empty())
        throw parse_error(model.file, model.functions[i].line, 0, "function " + std::to_string(i) + " has an empty scope");
      if (owner[scope.back()] != n)
        throw parse_error(model.file, model.functions[i].line, 0,
                          "variable " + std::to_string(scope.back()) + " is the child (last scope variable) of both function " +
                              std::to_string(owner[scope.back()]) + " and function " + std::to_string(i) +
                              " (nor is the first scope variable a child of exactly one function)");
      owner[scope.back()] = i;
    }
  }
  basic_model_description<Real> out;
  out.file = model.file;
  out.variables.resize(n);
  for (std::size_t v = 0; v < n; ++v) {
    out.variables[v].name = "x" + std::to_string(v);
    for (Eigen::Index s = 0; s < model.cardinalities[v]; ++s) out.variables[v].states.push_back(std::to_string(s));
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto& function = model.functions[i];
    auto& d = out.variables[child[i]];
    d.line = function.line;
    std::vector<variable_id> columns{static_cast<variable_id>(child[i])};
    for (const std::size_t v : function.scope)
      if (v != child[i]) {
        d.parents.push_back(v);
        columns.push_back(static_cast<variable_id>(v));
      }
    // Row-major over the scope as written: fastest first is the reversed scope.
    std::vector<variable_id> order;
    std::vector<Eigen::Index> cards;
    for (std::size_t j = function.scope.size(); j-- > 0;) {
      order.push_back(static_cast<variable_id>(function.scope[j]));
      cards.push_back(model.cardinalities[function.scope[j]]);
    }
    d.table = to_layout(from_layout<Real>(order, cards, function.table), columns);
  }
  return out;
}

template <class Real>
basic_model_description<Real> read_uai_description_string(std::string_view text, std::string file_name,
                                                          const read_options& options) {
  return describe(read_uai_model_string<Real>(text, std::move(file_name), options));
}

template <class Real>
basic_network<Real> read_uai_string(std::string_view text, std::string file_name, const read_options& options) {
  return to_network(read_uai_description_string<Real>(text, std::move(file_name), options), options.build);
}

template <class Real>
basic_network<Real> read_uai(const std::filesystem::path& file, const read_options& options) {
  return to_network(describe(read_uai_model<Real>(file, options)), options.build);
}

template <class Real>
basic_factor_network<Real> to_factor_network(const basic_uai_model<Real>& model, const build_options& options) {
  basic_model_description<Real> d;
  d.file = model.file;
  d.name = "factors";
  basic_factor_network<Real> out;
  const std::size_t n = model.cardinalities.size();
  for (std::size_t v = 0; v < n; ++v) {
    basic_variable_description<Real> x;
    x.name = "x" + std::to_string(v);
    for (Eigen::Index s = 0; s < model.cardinalities[v]; ++s) x.states.push_back(std::to_string(s));
    x.table = Eigen::Array<Real, Eigen::Dynamic, 1>::Constant(model.cardinalities[v],
                                                              Real(1) / static_cast<Real>(model.cardinalities[v]));
    out.log10_scale += std::log10(static_cast<double>(model.cardinalities[v]));
    d.variables.push_back(std::move(x));
  }
  for (std::size_t i = 0; i < model.functions.size(); ++i) {
    const auto& function = model.functions[i];
    basic_variable_description<Real> f;
    f.name = "f" + std::to_string(i);
    f.states = {"on", "off"};
    f.line = function.line;
    f.parents = function.scope;
    const Real top = function.table.size() > 0 ? function.table.maxCoeff() : Real(0);
    if (!(top > Real(0)))
      throw model_error(model.file + ":" + std::to_string(function.line) + ": function " + std::to_string(i) +
                        " is zero everywhere: the factor model has no mass (Z = 0)");
    out.log10_scale += std::log10(static_cast<double>(top));
    // Column layout (f, scope[0], ..., scope[k-1]) fastest first = the file's reversed order.
    std::vector<variable_id> from, to{static_cast<variable_id>(n + i)};
    std::vector<Eigen::Index> cards;
    for (std::size_t j = function.scope.size(); j-- > 0;) {
      from.push_back(static_cast<variable_id>(function.scope[j]));
      cards.push_back(model.cardinalities[function.scope[j]]);
    }
    for (const std::size_t v : function.scope) to.push_back(static_cast<variable_id>(v));
    Eigen::Array<Real, Eigen::Dynamic, 1> scaled = function.table / top;
    const Eigen::Array<Real, Eigen::Dynamic, 1> in_scope_order =
        function.scope.empty() ? scaled : to_layout(from_layout<Real>(from, cards, scaled), std::span<const variable_id>(to).subspan(1));
    f.table.resize(2 * in_scope_order.size());
    for (Eigen::Index c = 0; c < in_scope_order.size(); ++c) {
      f.table[2 * c] = in_scope_order[c];
      f.table[2 * c + 1] = Real(1) - in_scope_order[c];
    }
    d.variables.push_back(std::move(f));
    out.constraints.observe(static_cast<variable_id>(n + i), 0);
  }
  out.net = to_network(d, options);
  return out;
}

}  // namespace pitchrisk::io

#include "pitchrisk/io/detail/uai_evidence.hpp"  // read_uai_evidence*, to_evidence
#include "pitchrisk/io/detail/uai_writer.hpp"    // to_uai_string, write_uai, the answer files
