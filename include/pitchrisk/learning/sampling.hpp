// SPDX-License-Identifier: MIT
// Forward (ancestral) sampling of records from a network: each record draws the variables
// in topological order from their CPT columns. Rows are drawn in fixed blocks, each from its
// own random stream seeded by (seed, block), so the records are the same whatever the number
// of threads. Optionally cells go missing completely at random and latent columns are dropped.
#pragma once

#include "pitchrisk/core/network.hpp"
#include "pitchrisk/detail/parallel.hpp"
#include "pitchrisk/detail/random.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/learning/dataset.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace pitchrisk {

/// Options of sample().
struct sampling_options {
  std::uint64_t seed = 1;             ///< same seed, same data set (whatever the thread count)
  double missing_rate
 = 0.0;          ///< each kept cell is missing with this probability (MCAR)
  std::vector<std::string> hidden{};  ///< variables left out of the data set (latent)
  int threads = 1;                    ///< 0: one per hardware thread; results do not depend on it
  Eigen::Index block_rows = 4096;     ///< rows per random stream (part of the seed's meaning)
};

/// `rows` records drawn from `net`: columns are the variables not hidden, in id order.
/// Throws: lookup_error on an unknown hidden name; error on a missing rate outside [0, 1],
/// negative rows or a variable of more than 255 states.
/// Complexity: O(rows x (variables + parents)).
template <class Real>
[[nodiscard]] dataset sample(const basic_network<Real>& net, Eigen::Index rows, const sampling_options& options = {});

// ---------------------------------------------------------------------------------------

template <class Real>
dataset sample(const basic_network<Real>& net, Eigen::Index rows, const sampling_options& options) {
  if (rows < 0) throw error("sample: negative number of rows (" + std::to_string(rows) + ")");
  if (!(options.missing_rate >= 0.0 && options.missing_rate <= 1.0))
    throw error("sample: missing rate " + std::to_string(options.missing_rate) + " is not in [0, 1]");
  if (options.block_rows < 1) throw error("sample: block_rows must be at least 1");
  const auto n = static_cast<std::size_t>(net.size());
  std::vector<char> hidden(n, 0);
  for (const auto& name : options.hidden) hidden[static_cast<std::size_t>(net.id(name))] = 1;
  // Per variable: cumulative CPT columns (builder layout: child fastest, declared parents next).
  std::vector<std::vector<double>> cumulative(n);
  std::vector<std::vector<Eigen::Index>> parent_strides(n);
  for (const variable_id v : net.variables()) {
    const Eigen::Index k = net.cardinality(v);
    if (k > dataset::max_cardinality)
      throw error("sample: variable '" + net.variable(v).name + "' has more than 255 states");
    const auto columns = net.cpt_columns(v);
    auto& cum = cumulative[static_cast<std::size_t>(v)];
    cum.resize(static_cast<std::size_t>(columns.size()));
    for (Eigen::Index c = 0; c < columns.size() / k; ++c) {
      double s = 0;
      for (Eigen::Index i = 0; i < k; ++i) {
        s += static_cast<double>(columns[c * k + i]);
        cum[static_cast<std::size_t>(c * k + i)] = s;
      }
      // u < 1 always lands in the column, and never on a trailing state of probability 0.
      Eigen::Index last = k - 1;
      while (last > 0 && columns[c * k + last] == Real(0)) --last;
      for (Eigen::Index i = last; i < k; ++i) cum[static_cast<std::size_t>(c * k + i)] = 2.0;
    }
    Eigen::Index stride = k;
    for (const variable_id p : net.parents(v)) {
      parent_strides[static_cast<std::size_t>(v)].push_back(stride);
      stride *= net.cardinality(p);
    }
  }
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> states;
  std::vector<variable_id> kept;
  for (const variable_id v : net.variables())
    if (!hidden[static_cast<std::size_t>(v)]) {
      kept.push_back(v);
      names.push_back(net.variable(v).name);
      states.push_back(net.variable(v).states);
    }
  std::vector<std::vector<dataset::cell>> cells(kept.size(), std::vector<dataset::cell>(static_cast<std::size_t>(rows)));
  const Eigen::Index blocks = (rows + options.block_rows - 1) / options.block_rows;
  const auto order = net.topological_order();
  detail::for_each_block(blocks, options.threads, [&](Eigen::Index b, int) {
    detail::random_stream rng(options.seed, static_cast<std::uint64_t>(b));
    std::vector<Eigen::Index> x(n);
    const Eigen::Index first = b * options.block_rows, last = std::min(rows, first + options.block_rows);
    for (Eigen::Index r = first; r < last; ++r) {
      for (const variable_id v : order) {
        const auto vi = static_cast<std::size_t>(v);
        Eigen::Index col = 0;
        const auto ps = net.parents(v);
        for (std::size_t j = 0; j < ps.size(); ++j) col += x[static_cast<std::size_t>(ps[j])] * parent_strides[vi][j];
        const double* cum = cumulative[vi].data() + col;
        const double u = rng.uniform();
        Eigen::Index s = 0;
        while (u >= cum[s]) ++s;
        x[vi] = s;
      }
      for (std::size_t j = 0; j < kept.size(); ++j) {
        auto value = static_cast<dataset::cell>(x[static_cast<std::size_t>(kept[j])]);
        if (options.missing_rate > 0 && rng.uniform() < options.missing_rate) value = dataset::missing;
        cells[j][static_cast<std::size_t>(r)] = value;
      }
    }
  });
  return dataset::from_columns(std::move(names), std::move(states), std::move(cells));
}

}  // namespace pitchrisk
