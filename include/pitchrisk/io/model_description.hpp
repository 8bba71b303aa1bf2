// SPDX-License-Identifier: MIT
// The format-neutral description of a discrete Bayesian network that sits between every
// reader and the network builder, and between the network and every writer: variables,
// states, parents in their declared order, one local model each (a table as given, or the
// parameters of a canonical model: noisy-OR, noisy-AND, noisy-MAX with leak and orderings),
// and what a file carries besides (network name, labels, positions, comments, properties).
#pragma once

#include "pitchrisk/core/canonical.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/detail/excerpt.hpp"
#include "pitchrisk/error.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pitchrisk::io {

/// How a variable's local model is given.
enum class local_model { table, noisy_or, noisy_and, noisy_max };

/// The parameters of a canonical (causal-independence) local model.
/// `effects[i][s]` is a distribution over the child's states (declared order) for state s
/// (declared order) of the i-th parent; `leak` is the distribution when no cause acts.
/// noisy-MAX orders the child's states from "absent" to most active by `child_order`
/// (declared state indices, lowest first; empty = declared order). noisy-OR and noisy-AND
/// need a binary child (off, on): noisy-OR's link of parent i in state s is
/// effects[i][s][1] and its leak leak[1]; noisy-AND's inhibitor is effects[i][s][0] and its
/// leak leak[0]. `parent_order[i]` keeps a file's strength order of parent i's states
/// (strongest first, GeNIe) so that a writer can give it back; it does not change the model.
struct canonical_parameters {
  local_model kind = local_model::noisy_max;              ///< noisy-MAX, noisy-OR or noisy-AND
  std::vector<std::vector<std::vector<double>>> effects;  ///< effects[parent][parent state][child state]
  std::vector<double> leak;                               ///< the child's distribution when no cause acts
  std::vector<std::size_t> child_order;                   ///< noisy-MAX: child states from absent to most active
  std::vector<std::vector<std::size_t>> parent_order;     ///< a file's strength order per parent (kept, not used)
};

/// A 2-D position of a node in a drawing (format units).
struct position {
  double x = 0;  ///< horizontal, format units
  double y = 0;  ///< vertical, format units
  /// Same place.
  friend bool operator==(const position&, const position&) = default;
};

/// One variable: its states, its parents (indices into model_description::variables, in the
/// declared order), and its local model: `table` (the builder's column layout: child fastest,
/// then the first parent, then the second...; the numbers as given, not renormalised)
/// unless `canonical` holds a canonical model.
template <class Real>
struct basic_variable_description {
  std::string name;                               ///< the variable's name (unique in the model)
  std::vector<std::string> states;                ///< its states, in declared order
  std::vector<std::size_t> parents;               ///< indices into model_description::variables
  Eigen::Array<Real, Eigen::Dynamic, 1> table;    ///< the CPT columns, builder layout, as given
  std::optional<canonical_parameters> canonical;  ///< a canonical model instead of `table`
  std::string label;                ///< human-readable name (Hugin label, GeNIe name), may be empty
  std::optional<io::position> place;  ///< drawing position, if the file gives one
  std::vector<std::pair<std::string, std::string>> properties;  ///< other (key, value) texts, in file order
  std::size_t line = 0;             ///< where the file defines the local model (0 = unknown), for messages
};

/// A whole network as a file describes it.
template <class Real>
struct basic_model_description {
  std::string name;                 ///< network name ("" when the file has none)
  std::string comment;              ///< free text about the network (may be empty)
  std::vector<std::pair<std::string, std::string>> properties;  ///< network-level (key, value) texts
  std::vector<basic_variable_description<Real>> variables;  ///< every variable, in file order
  std::string file;                 ///< where it was read from (for messages), may be empty
};

/// A variable description in double precision.
using variable_description = basic_variable_description<double>;
/// A model description in double precision.
using model_description = basic_model_description<double>;

/// Options of the readers: what the network builder checks, and the file-size limit.
/// The column-sum tolerance of every reader is 1e-4 by default, not the builder's 1e-6:
/// a table printed with six decimals over many states is off by that much. Columns within
/// it are renormalised exactly and listed in network::repairs(); `columns.lenient` (the
/// tools' `--lenient`) accepts up to 1e-2.
struct read_options {
  build_options build{.columns = {.tolerance = 1e-4}};  ///< what the network builder checks
  std::uintmax_t max_file_bytes = std::uintmax_t{1} << 30;  ///< larger files are refused (size_error)
};

/// The column table of a canonical model (builder layout). Throws: model_error naming the
/// variable on parameters of the wrong size or outside [0, 1]; size_error over max_entries.
template <class Real>
[[nodiscard]] Eigen::Array<Real, Eigen::Dynamic, 1> expand(const basic_model_description<Real>& model,
                                                          std::size_t variable,
                                                          Eigen::Index max_entries = default_max_table_entries);

/// The network the description describes (canonical models expanded). Throws: model_error
/// (cycle, sizes, column sums; a CPT fault names `file:line` of the variable's local model
/// when known), size_error.
template <class Real>
[[nodiscard]] basic_network<Real> to_network(const basic_model_description<Real>& model,
                                             const build_options& options = {});

/// The description of a network: declaration order, declared parent order, the given (not
/// renormalised) tables; no canonical models, no properties.
template <class Real>
[[nodiscard]] basic_model_description<Real> describe(const basic_network<Real>& net);

// ---------------------------------------------------------------------------------------

template <class Real>
Eigen::Array<Real, Eigen::Dynamic, 1> expand(const basic_model_description<Real>& model, std::size_t variable,
                                             Eigen::Index max_entries) {
  const basic_variable_description<Real>& v = model.variables.at(variable);
  if (!v.canonical) return v.table;
  const canonical_parameters& c = *v.canonical;
  const std::string who = "cpt '" + v.name + "'";
  if (c.effects.size() != v.parents.size())
    throw model_error(who + ": " + std::to_string(c.effects.size()) + " cause parameter sets for " +
                      std::to_string(v.parents.size()) + " parents");
  const std::size_t m = v.states.size();
  for (std::size_t i = 0; i < c.effects.size(); ++i) {
    const auto& parent = model.variables.at(v.parents[i]);
    if (c.effects[i].size() != parent.states.size())
      throw model_error(who + ": parent '" + pitchrisk::detail::excerpt(parent.name) + "' has " +
                        std::to_string(parent.states.size()) + " states, got " + std::to_string(c.effects[i].size()) +
                        " effect distributions");
    for (const auto& e : c.effects[i])
      if (e.size() != m)
        throw model_error(who + ": an effect distribution of parent '" + pitchrisk::detail::excerpt(parent.name) + "' has " +
                          std::to_string(e.size()) + " entries, the child has " + std::to_string(m) + " states");
  }
  if (c.leak.size() != m)
    throw model_error(who + ": the leak has " + std::to_string(c.leak.size()) + " entries, the child has " +
                      std::to_string(m) + " states");
  Eigen::ArrayXd columns;
  try {
    if (c.kind == local_model::noisy_or || c.kind == local_model::noisy_and) {
      if (m != 2) throw model_error("the child needs 2 states (off, on), has " + std::to_string(m));
      const std::size_t pick = c.kind == local_model::noisy_or ? 1 : 0;
      cause_parameters params;
      for (const auto& parent : c.effects) {
        params.emplace_back();
        for (const auto& e : parent) params.back().push_back(e[pick]);
      }
      columns = c.kind == local_model::noisy_or ? noisy_or(params, c.leak[1], max_entries)
                                                : noisy_and(params, c.leak[0], max_entries);
    } else {
      // noisy_max() wants the child's states lowest first: permute in, expand, permute out.
      std::vector<std::size_t> order = c.child_order;
      if (order.empty())
        for (std::size_t y = 0; y < m; ++y) order.push_back(y);
      std::vector<bool> seen(m, false);
      if (order.size() != m) throw model_error("the child order lists " + std::to_string(order.size()) + " states");
      for (const std::size_t y : order) {
        if (y >= m || seen[y]) throw model_error("the child order is not a permutation of the child's states");
        seen[y] = true;
      }
      const auto permute = [&](const std::vector<double>& d) {
        std::vector<double> out(m);
        for (std::size_t r = 0; r < m; ++r) out[r] = d[order[r]];
        return out;
      };
      std::vector<std::vector<std::vector<double>>> effects;
      for (const auto& parent : c.effects) {
        effects.emplace_back();
        for (const auto& e : parent) effects.back().push_back(permute(e));
      }
      const Eigen::ArrayXd ranked = noisy_max(effects, permute(c.leak), max_entries);
      columns.resize(ranked.size());
      const auto mi = static_cast<Eigen::Index>(m);
      for (Eigen::Index col = 0; col < ranked.size() / mi; ++col)
        for (std::size_t r = 0; r < m; ++r)
          columns[col * mi + static_cast<Eigen::Index>(order[r])] = ranked[col * mi + static_cast<Eigen::Index>(r)];
    }
  } catch (const size_error&) {
    throw;
  } catch (const model_error& e) {
    throw model_error(who + ": " + e.what());
  }
  return columns.cast<Real>();
}

template <class Real>
basic_network<Real> to_network(const basic_model_description<Real>& model, const build_options& options) {
  basic_network_builder<Real> builder{model.name};
  const std::string file = model.file.empty() ? std::string("<input>") : model.file;
  try {
    for (const auto& v : model.variables) builder.add_variable(v.name, v.states);
    for (std::size_t i = 0; i < model.variables.size(); ++i) {
      const auto& v = model.variables[i];
      std::vector<variable_id> parents;
      for (const std::size_t p : v.parents) {
        if (p >= model.variables.size())
          throw model_error("cpt '" + pitchrisk::detail::excerpt(v.name) + "': parent index " + std::to_string(p) + " out of range");
        parents.push_back(static_cast<variable_id>(p));
      }
      builder.set_parents(static_cast<variable_id>(i), std::move(parents));
      builder.set_cpt(static_cast<variable_id>(i), expand(model, i, options.max_table_entries));
    }
    return builder.build(options);
  } catch (const size_error&) {
    throw;
  } catch (const model_error& e) {
    // Name the file and, for a CPT fault, the line of the variable's local model.
    const std::string_view message = e.what();
    std::size_t best = model.variables.size(), best_length = 0;
    for (std::size_t i = 0; i < model.variables.size(); ++i) {
      const std::string prefix = "cpt '" + model.variables[i].name + "'";
      if (message.substr(0, prefix.size()) == prefix && prefix.size() > best_length) {
        best = i;
        best_length = prefix.size();
      }
    }
    if (best == model.variables.size() || model.variables[best].line == 0)
      throw model_error(file + ": " + std::string(message));
    throw model_error(file + ":" + std::to_string(model.variables[best].line) + ": " + std::string(message));
  }
}

template <class Real>
basic_model_description<Real> describe(const basic_network<Real>& net) {
  basic_model_description<Real> out;
  out.name = net.name();
  for (const variable_id v : net.variables()) {
    basic_variable_description<Real> d;
    d.name = net.variable(v).name;
    d.states = net.variable(v).states;
    for (const variable_id p : net.parents(v)) d.parents.push_back(static_cast<std::size_t>(p));
    d.table = net.cpt_columns(v, true);
    out.variables.push_back(std::move(d));
  }
  return out;
}

}  // namespace pitchrisk::io
