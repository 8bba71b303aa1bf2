// SPDX-License-Identifier: MIT
// MAP over a subset: the most probable joint state of a few variables (intent, officer,
// stage) given the evidence, every other variable summed out. Exact: variable elimination
// with the MAP variables eliminated last (a two-phase min-weight order: sums first, then
// maximisations, with traceback), every intermediate table checked against a size limit.
// Approximate, for when that is too
// large: local search from the argmax of the marginals, then simulated annealing, each
// candidate scored exactly by log P(candidate, e) (Park & Darwiche 2004).
#pragma once

#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/core/factor.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/inference/detail/sampling.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/elimination_order.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace pitchrisk {

/// The answer: one state per MAP variable, and how probable it is.
struct map_result {
  std::vector<variable_id> variables;  ///< the MAP variables, as asked
  std::vector<Eigen::Index> states;    ///< their states, in the same order
  double log_probability = 0;          ///< log P(states, evidence)
  double log_posterior = 0;            ///< log P(states | evidence)
  std::int64_t evaluations = 0;        ///< approximate: candidates scored
};

/// Options of exact_map().
struct exact_map_options {
  /// Largest intermediate factor allowed (entries); beyond it exact_map() throws size_error.
  /// Default: the library's one table limit, default_max_table_entries (2^28).
  Eigen::Index max_factor_entries = default_max_table_entries;
};

/// Options of approximate_map(): a greedy local search, then simulated annealing.
struct approximate_map_options {
  std::int64_t annealing_steps = 200;   ///< random single-variable moves after the local search; >= 0
  double initial_temperature = 1.0;     ///< in units of log probability
  double cooling = 0.97;                ///< temperature factor per step, in (0, 1]
  std::uint64_t seed = 1;               ///< seed of the annealing moves (same seed, same result)
  variable_elimination_options scoring{};
  ///< the engine scoring each candidate
};

/// Exact MAP of `vars` given `seen`. Throws: evidence_error (bad or impossible evidence),
/// size_error (an intermediate table beyond the limit: use approximate_map), lookup_error.
template <class Real>
[[nodiscard]] map_result exact_map(const basic_network<Real>& net, std::span<const variable_id> vars,
                                   const evidence& seen, exact_map_options options = {});

/// Approximate MAP: starts from the argmax of each marginal in `start` (by variable id,
/// e.g. loopy BP's beliefs or exact posteriors), climbs to a local maximum, then anneals.
/// Throws: options_error (negative steps or temperature, cooling outside (0, 1]),
/// evidence_error (bad evidence, an observed MAP variable), lookup_error (a MAP variable out
/// of range or repeated), error if `start` does not hold one marginal per variable.

template <class Real>
[[nodiscard]] map_result approximate_map(const basic_network<Real>& net, std::span<const variable_id> vars,
                                         const evidence& seen, const std::vector<basic_distribution<Real>>& start,
                                         approximate_map_options options = {});

// ---------------------------------------------------------------------------------------

namespace detail {

inline void check_map_variables(std::span<const variable_id> vars, Eigen::Index n, const resolved_evidence& ev,
                                const std::vector<std::string>& names) {
  std::vector<char> seen(static_cast<std::size_t>(n), 0);
  for (const variable_id v : vars) {
    if (v < 0 || v >= n) throw lookup_error("map: variable id " + std::to_string(v) + " out of range");
    if (seen[static_cast<std::size_t>(v)]) throw lookup_error("map: variable '" + names[static_cast<std::size_t>(v)] + "' given twice");
    if (ev.is_hard(v)) throw evidence_error("map: variable '" + names[static_cast<std::size_t>(v)] + "' is observed");
    seen[static_cast<std::size_t>(v)] = 1;
  }
}

}  // namespace detail

namespace detail {

/// One maximisation, for the traceback: the argmax of `var` for each state of `scope`.
struct map_step {
  variable_id var;
  std::vector<variable_id> scope;
  std::vector<Eigen::Index> cards;
  std::vector<Eigen::Index> argmax;
};

/// The relevant CPTs in double, reduced by hard findings, soft findings multiplied in.
template <class Real>
std::vector<basic_factor<double>> map_factors(const basic_network<Real>& net, const resolved_evidence& ev,
                                              const std::vector<char>& relevant) {
  std::vector<basic_factor<double>> factors;
  for (const variable_id v : net.variables()) {
    if (!relevant[static_cast<std::size_t>(v)]) continue;
    const auto& cpt = net.cpt(v);
    basic_factor<double> f(cpt.scope(), cpt.cardinalities(), cpt.values().template cast<double>());
    if (ev.is_soft(v)) multiply_by_likelihood(f, v, ev.soft[static_cast<std::size_t>(v)]);
    for (const variable_id u : cpt.scope())
      if (ev.is_hard(u)) f = reduce(f, u, ev.hard[static_cast<std::size_t>(u)]);
    factors.push_back(std::move(f));
  }
  return factors;
}

/// Multiplies the factors that mention x and sums x out (or maximises it, recording the
/// step), rescaled into `log_scale`. Throws: size_error beyond `max_entries`, evidence_error.
inline void map_eliminate(std::vector<basic_factor<double>>& factors, variable_id x, bool maximise,
                          Eigen::Index max_entries, const std::vector<std::string>& names, double& log_scale,
                          std::vector<map_step>& traceback) {
  basic_factor<double> product;
  std::vector<basic_factor<double>> rest;
  std::vector<variable_id> scope, s;
  std::vector<Eigen::Index> cards, c;
  for (auto& f : factors) {
    if (!f.contains(x)) {
      rest.push_back(std::move(f));
      continue;
    }
    scope_union(scope, cards, f.scope(), f.cardinalities(), s, c);
    scope.swap(s);
    cards.swap(c);
    const double needed = table_size_estimate(cards);
    if (needed > static_cast<double>(max_entries))
      throw size_error("exact_map: eliminating '" + names[static_cast<std::size_t>(x)] + "' needs a table of " +
                           std::to_string(static_cast<long double>(needed)) + " entries, over the limit of " +
                           std::to_string(max_entries) + " (use approximate_map)",
                       needed);
    product = multiply(product, f);
  }
  if (maximise) {
    map_step step{x, {}, {}, {}};
    basic_factor<double> out = max_out(product, x, &step.argmax);
    step.scope = out.scope();
    step.cards = out.cardinalities();
    traceback.push_back(std::move(step));
    product = std::move(out);
  } else {
    product = sum_out(product, x);
  }
  const double top = product.values().maxCoeff();
  if (!(top > 0)) throw_impossible_evidence();
  product.values() /= top;
  log_scale += std::log(top);
  rest.push_back(std::move(product));
  factors = std::move(rest);
}

/// The maximised states, read back from the last maximisation to the first.
inline std::vector<Eigen::Index> map_traceback(const std::vector<map_step>& traceback, std::size_t n) {
  std::vector<Eigen::Index> state(n, -1);
  for (auto it = traceback.rbegin(); it != traceback.rend(); ++it) {
    Eigen::Index idx = 0, stride = 1;
    for (std::size_t i = 0; i < it->scope.size(); ++i) {
      idx += state[static_cast<std::size_t>(it->scope[i])] * stride;
      stride *= it->cards[i];
    }
    state[static_cast<std::size_t>(it->var)] = it->argmax[static_cast<std::size_t>(idx)];
  }
  return state;
}

}  // namespace detail

template <class Real>
map_result exact_map(const basic_network<Real>& net, std::span<const variable_id> vars, const evidence& seen,
                     exact_map_options options) {
  const resolved_evidence ev = resolve(net, seen);
  const std::vector<std::string> names = detail::variable_names(net);
  detail::check_map_variables(vars, net.size(), ev, names);
  const detail::flat_network flat = detail::flatten(net);
  (void)detail::possible_states(flat, ev, names);
  const auto n = static_cast<std::size_t>(net.size());
  // Relevant: ancestors of the MAP variables and of the findings (the rest sums to 1).
  std::vector<variable_id> seeds(vars.begin(), vars.end());
  seeds.insert(seeds.end(), ev.observed.begin(), ev.observed.end());
  const std::vector<char> relevant = ancestral_set(net.all_parents(), seeds);
  std::vector<basic_factor<double>> factors = detail::map_factors(net, ev, relevant);
  // Order: smallest table first (min-weight), the other variables summed out (phase 1)
  // before the MAP variables are maximised (phase 2).
  std::vector<char> phase(n, 0);
  for (std::size_t v = 0; v < n; ++v) phase[v] = relevant[v] && !ev.is_hard(static_cast<variable_id>(v)) ? 1 : 0;
  for (const variable_id v : vars) phase[static_cast<std::size_t>(v)] = 2;
  std::vector<Eigen::Index> cards(n);
  for (std::size_t v = 0; v < n; ++v) cards[v] = net.cardinality(static_cast<variable_id>(v));
  const adjacency_lists graph =
      interaction_graph(n, factors, [](const basic_factor<double>& f) -> const auto& { return f.scope(); });
  double log_scale = 0;
  std::vector<detail::map_step> traceback;
  for (const variable_id x : elimination_order(graph, cards, phase, elimination_heuristic::min_weight))
    detail::map_eliminate(factors, x, phase[static_cast<std::size_t>(x)] == 2, options.max_factor_entries, names,
                          log_scale, traceback);
  double constant = 1;
  for (const auto& f : factors) constant *= f.values()[0];
  if (!(constant > 0)) detail::throw_impossible_evidence();
  map_result r;
  r.variables.assign(vars.begin(), vars.end());
  const std::vector<Eigen::Index> state = detail::map_traceback(traceback, n);
  for (const variable_id v : vars) r.states.push_back(state[static_cast<std::size_t>(v)]);
  r.log_probability = log_scale + std::log(constant);
  r.log_posterior = ev.observed.empty() ? r.log_probability
                                        : r.log_probability - basic_variable_elimination<Real>(net).log_evidence_probability(seen);
  return r;
}

template <class Real>
map_result approximate_map(const basic_network<Real>& net, std::span<const variable_id> vars, const evidence& seen,
                           const std::vector<basic_distribution<Real>>& start, approximate_map_options options) {
  if (options.annealing_steps < 0) throw options_error("approximate_map: annealing_steps must be >= 0");
  if (!(options.cooling > 0 && options.cooling <= 1)) throw options_error("approximate_map: cooling must be in (0, 1]");
  if (!(options.initial_temperature >= 0)) throw options_error("approximate_map: initial_temperature must be >= 0");
  const resolved_evidence ev = resolve(net, seen);
  const std::vector<std::string> names = detail::variable_names(net);
  detail::check_map_variables(vars, net.size(), ev, names);
  if (start.size() != static_cast<std::size_t>(net.size()))
    throw error("approximate_map: expected a starting marginal for each of the " + std::to_string(net.size()) +
                " variables, got " + std::to_string(start.size()));
  const basic_variable_elimination<Real> engine(net, options.scoring);
  std::map<std::vector<Eigen::Index>, double> cache;
  map_result r;
  auto score = [&](const std::vector<Eigen::Index>& x) {
    const auto it = cache.find(x);
    if (it != cache.end()) return it->second;
    evidence e = seen;
    for (std::size_t i = 0; i < x.size(); ++i) e.observe(vars[i], x[i]);
    double s = -std::numeric_limits<double>::infinity();
    try {
      s = engine.log_evidence_probability(e);
    } catch (const evidence_error&) {  // P(x, e) = 0
    }
    ++r.evaluations;
    cache.emplace(x, s);
    return s;
  };
  std::vector<Eigen::Index> x;
  for (const variable_id v : vars) x.push_back(start[static_cast<std::size_t>(v)].most_likely());
  double current = score(x);
  // Steepest ascent over single-variable changes.
  for (bool improved = true; improved;) {
    improved = false;
    std::vector<Eigen::Index> best_x = x;
    double best = current;
    for (std::size_t i = 0; i < x.size(); ++i)
      for (Eigen::Index s = 0; s < net.cardinality(vars[i]); ++s) {
        if (s == x[i]) continue;
        std::vector<Eigen::Index> y = x;
        y[i] = s;
        const double sy = score(y);
        if (sy > best) {
          best = sy;
          best_x = std::move(y);
          improved = true;
        }
      }
    x = std::move(best_x);
    current = best;
  }
  // Simulated annealing from there, keeping the best assignment seen.
  std::vector<Eigen::Index> best_x = x;
  double best = current;
  detail::fast_rng rng(options.seed, 0x300000000ULL);
  double temperature = options.initial_temperature;
  for (std::int64_t k = 0; k < options.annealing_steps && !x.empty(); ++k, temperature *= options.cooling) {
    const auto i = static_cast<std::size_t>(rng.below(static_cast<Eigen::Index>(x.size())));
    const Eigen::Index card = net.cardinality(vars[i]);
    if (card < 2) continue;
    std::vector<Eigen::Index> y = x;
    y[i] = (x[i] + 1 + rng.below(card - 1)) % card;
    const double sy = score(y);
    const double delta = sy - current;
    if (delta >= 0 || (temperature > 0 && std::isfinite(sy) && rng.uniform() < std::exp(delta / temperature))) {
      x = std::move(y);
      current = sy;
      if (current > best) {
        best = current;
        best_x = x;
      }
    }
  }
  if (!std::isfinite(best)) detail::throw_impossible_evidence();
  r.variables.assign(vars.begin(), vars.end());
  r.states = best_x;
  r.log_probability = best;
  r.log_posterior = ev.observed.empty() ? best : best - engine.log_evidence_probability(seen);
  return r;
}

}  // namespace pitchrisk
