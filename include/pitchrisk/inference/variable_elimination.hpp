// SPDX-License-Identifier: MIT
// Exact inference by variable elimination (bucket elimination) with scaling: every
// intermediate factor is divided by its maximum and the scale kept as a log in double,
// so log P(e) stays exact far below the smallest double. Barren variables are pruned per
// query; orders come from greedy elimination (elimination_order.hpp) on the query's
// interaction graph. The engine is immutable after construction: queries are const and
// safe from many threads.
#pragma once

#include "pitchrisk/core/distribution.hpp"
#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/core/factor.hpp"
#include "pitchrisk/core/graph.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/inference/elimination_order.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pitchrisk {

/// Options of variable elimination.
struct variable_elimination_options {
  /// Greedy elimination order of each query (elimination_order.hpp). Formerly `order`.
  elimination_heuristic heuristic = elimination_heuristic::weighted_min_fill;
  /// Largest intermediate factor allowed (entries); beyond it a query throws size_error.
  /// Default: the library's one table limit, default_max_table_entries (2^28).
  Eigen::Index max_factor_entries = default_max_table_entries;
  /// Drop variables that are neither queried, observed, nor ancestors of those.
  bool prune_barren = true;
};

/// Exact inference by variable elimination, one elimination per query (nothing compiled):
/// the right engine for a few questions on a network, or where the junction tree would be too
/// large but a query's pruned problem is not. Factors are rescaled as they are built, so
/// log P(e) never underflows. Immutable and safe to query from many threads. Meets
/// `exact_engine`. Complexity per query: the sum of the intermediate table sizes.
template <class Real>
class basic_variable_elimination {
 public:
  using real_type = Real;                              ///< the arithmetic of the factors
  using network_type = basic_network<Real>;            ///< the network it answers on
  using factor_type = basic_factor<Real>;              ///< a joint or family posterior
  using distribution_type = basic_distribution<Real>;  ///< a posterior

  /// An engine over a copy of `net`.
  explicit basic_variable_elimination(const network_type& net, variable_elimination_options options = {})
      : basic_variable_elimination(std::make_shared<const network_type>(net), options) {}
  /// An engine over `net` (shared, not copied). Throws: error on a null network.
  explicit basic_variable_elimination(std::shared_ptr<const network_type> net,
                                      variable_elimination_options options = {})
      : m_net(std::move(net)), m_options(options) {
    if (!m_net) throw error("variable_elimination: null network");
  }

  /// The network it answers on.
  [[nodiscard]] const network_type& network() const noexcept { return *m_net; }
  /// Its options.
  [[nodiscard]] const variable_elimination_options& options() const noexcept { return m_options; }

  /// P(v | evidence). Throws: evidence_error (bad or impossible evidence), size_error.
  [[nodiscard]] distribution_type posterior(variable_id v, const evidence& seen) const;
  /// P(name | evidence). Throws: lookup_error naming an unknown variable; as above.
  [[nodiscard]] distribution_type posterior(std::string_view name, const evidence& seen) const {
    return posterior(m_net->id(name), seen);
  }
  /// Posteriors of every variable, by id (a point mass for a hard-observed variable).
  [[nodiscard]] std::vector<distribution_type> posteriors(const evidence& seen) const;
  /// The joint posterior of several variables (duplicates ignored), as a factor (sorted
  /// scope). Throws: lookup_error on a bad id, evidence_error, size_error.
  [[nodiscard]] factor_type joint_posterior(std::span<const variable_id> vars, const evidence& seen) const;
  /// joint_posterior() of the listed variables.
  [[nodiscard]] factor_type joint_posterior(std::initializer_list<variable_id> vars, const evidence& seen) const {
    return joint_posterior(std::span<const variable_id>(vars.begin(), vars.size()), seen);
  }
  /// P(v, parents(v) | evidence), normalised, with the scope and layout of net.cpt(v).
  [[nodiscard]] factor_type family_posterior(variable_id v, const evidence& seen) const;
  /// family_posterior() of every variable, by id (one elimination per variable).
  [[nodiscard]] std::vector<factor_type> family_posteriors(const evidence& seen) const;
  /// log P(evidence) (soft findings weight it by their likelihoods). Throws on P(e) = 0.
  [[nodiscard]] double log_evidence_probability(const evidence& seen) const;
  /// P(evidence) = exp(log_evidence_probability()) (underflows to 0 where the log does not).
  [[nodiscard]] double evidence_probability(const evidence& seen) const {
    return std::exp(log_evidence_probability(seen));
  }
  /// Most probable joint state of the unobserved variables, and log P(state, evidence).
  [[nodiscard]] mpe_result mpe(const evidence& seen) const;

 private:
  struct scaled {
    factor_type f;
    double log_scale = 0;
  };
  struct traceback_step {
    variable_id var;
    std::vector<variable_id> scope;      // variables the argmax table depends on
    std::vector<Eigen::Index> cards;
    std::vector<Eigen::Index> argmax;
  };
  /// Eliminates every relevant variable outside `keep`; returns the product of what is
  /// left over `keep` (scaled). With `max_product`, maximises and records traceback.
  scaled eliminate(const resolved_evidence& ev, const std::vector<variable_id>& keep, bool max_product,
                   std::vector<traceback_step>* traceback) const;
  /// Step 1: the ancestors of `keep` and the findings (all variables for MPE or unpruned).
  std::vector<char> relevant_variables(const resolved_evidence& ev, const std::vector<variable_id>& keep,
                                       bool max_product) const;
  /// Step 2: the relevant CPTs, reduced by hard findings, soft findings multiplied in.
  std::vector<scaled> reduced_factors(const resolved_evidence& ev, const std::vector<char>& relevant) const;
  /// Step 3: the order of the relevant unobserved variables outside `keep`, greedy on the
  /// interaction graph of `factors`.
  std::vector<variable_id> order_of(const std::vector<scaled>& factors, const resolved_evidence& ev,
                                    std::vector<char> relevant, const std::vector<variable_id>& keep) const;
  /// Step 4: multiplies the live factors mentioning `x` (smallest first) and sums (or
  /// maximises) `x` out; the result joins `factors`.
  void eliminate_variable(variable_id x, std::vector<scaled>& factors, std::vector<char>& alive, bool max_product,
                          std::vector<traceback_step>* traceback) const;
  /// Divides `f` by its largest entry, adding the log of it to `log_scale`.
  /// Throws: evidence_error when every entry is 0 (impossible evidence).
  static void rescale(factor_type& f, double& log_scale);
  distribution_type point_mass(variable_id v, Eigen::Index state) const;

  std::shared_ptr<const network_type> m_net;
  variable_elimination_options m_options;
};

/// Variable elimination in double precision.
using variable_elimination = basic_variable_elimination<double>;

// ---------------------------------------------------------------------------------------

namespace detail {

[[noreturn]] inline void throw_impossible_evidence() {
  throw evidence_error("the evidence is impossible: P(e) = 0 under the model");
}

}  // namespace detail

template <class Real>
void basic_variable_elimination<Real>::rescale(factor_type& f, double& log_scale) {
  const Real peak = f.values().maxCoeff();
  if (!(peak > Real(0))) detail::throw_impossible_evidence();
  f.values() /= peak;
  log_scale += std::log(static_cast<double>(peak));
}

template <class Real>
std::vector<char> basic_variable_elimination<Real>::relevant_variables(const resolved_evidence& ev,
                                                                       const std::vector<variable_id>& keep,
                                                                       bool max_product) const {
  if (!m_options.prune_barren || max_product) return std::vector<char>(static_cast<std::size_t>(m_net->size()), 1);
  std::vector<variable_id> seeds = keep;
  seeds.insert(seeds.end(), ev.observed.begin(), ev.observed.end());
  return ancestral_set(m_net->all_parents(), seeds);
}

template <class Real>
std::vector<typename basic_variable_elimination<Real>::scaled> basic_variable_elimination<Real>::reduced_factors(
    const resolved_evidence& ev, const std::vector<char>& relevant) const {
  std::vector<scaled> factors;
  for (const variable_id v : m_net->variables()) {
    if (!relevant[static_cast<std::size_t>(v)]) continue;
    factor_type f = m_net->cpt(v);
    if (ev.is_soft(v)) multiply_by_likelihood(f, v, ev.soft[static_cast<std::size_t>(v)].template cast<Real>());
    for (const variable_id u : m_net->cpt(v).scope())
      if (ev.is_hard(u)) f = reduce(f, u, ev.hard[static_cast<std::size_t>(u)]);
    factors.push_back({std::move(f), 0.0});
  }
  return factors;
}

template <class Real>
std::vector<variable_id> basic_variable_elimination<Real>::order_of(const std::vector<scaled>& factors,
                                                                    const resolved_evidence& ev,
                                                                    std::vector<char> relevant,
                                                                    const std::vector<variable_id>& keep) const {
  const auto n = static_cast<std::size_t>(m_net->size());
  const adjacency_lists graph = interaction_graph(n, factors, [](const scaled& s) -> const auto& { return s.f.scope(); });
  std::vector<char>& to_eliminate = relevant;  // relevant, unobserved, not kept
  for (std::size_t v = 0; v < n; ++v) to_eliminate[v] = to_eliminate[v] && !ev.is_hard(static_cast<variable_id>(v));
  for (const variable_id k : keep) to_eliminate[static_cast<std::size_t>(k)] = 0;
  std::vector<Eigen::Index> cards(n);
  for (std::size_t v = 0; v < n; ++v) cards[v] = m_net->cardinality(static_cast<variable_id>(v));
  return elimination_order(graph, cards, to_eliminate, m_options.heuristic);
}

template <class Real>
void basic_variable_elimination<Real>::eliminate_variable(variable_id x, std::vector<scaled>& factors,
                                                          std::vector<char>& alive, bool max_product,
                                                          std::vector<traceback_step>* traceback) const {
  std::vector<std::size_t> bucket;
  std::vector<variable_id> uscope, tmp_scope;
  std::vector<Eigen::Index> ucards, tmp_cards;
  for (std::size_t i = 0; i < factors.size(); ++i)
    if (alive[i] && factors[i].f.contains(x)) {
      bucket.push_back(i);
      detail::scope_union(uscope, ucards, factors[i].f.scope(), factors[i].f.cardinalities(), tmp_scope, tmp_cards);
      uscope.swap(tmp_scope);
      ucards.swap(tmp_cards);
    }
  if (bucket.empty()) return;  // an isolated variable (its CPT was pruned): nothing to do
  detail::checked_table_size(ucards, m_options.max_factor_entries,
                             "variable elimination: the factor created by eliminating '" + m_net->variable(x).name + "'",
                             sizeof(Real));
  std::sort(bucket.begin(), bucket.end(), [&](std::size_t a, std::size_t b) {
    return factors[a].f.size() < factors[b].f.size() || (factors[a].f.size() == factors[b].f.size() && a < b);
  });
  factor_type prod = factors[bucket[0]].f;
  double log_scale = factors[bucket[0]].log_scale;
  alive[bucket[0]] = 0;
  for (std::size_t k = 1; k < bucket.size(); ++k) {
    prod = multiply(prod, factors[bucket[k]].f);
    log_scale += factors[bucket[k]].log_scale;
    alive[bucket[k]] = 0;
    rescale(prod, log_scale);  // as we go: a long bucket (many observed children) would underflow
  }
  factor_type out;
  if (max_product) {
    traceback_step step{x, {}, {}, {}};
    out = max_out(prod, x, &step.argmax);
    step.scope = out.scope();
    step.cards = out.cardinalities();
    if (traceback) traceback->push_back(std::move(step));
  } else {
    out = sum_out(prod, x);
  }
  rescale(out, log_scale);
  factors.push_back({std::move(out), log_scale});
  alive.push_back(1);
}

template <class Real>
typename basic_variable_elimination<Real>::scaled basic_variable_elimination<Real>::eliminate(
    const resolved_evidence& ev, const std::vector<variable_id>& keep, bool max_product,
    std::vector<traceback_step>* traceback) const {
  const std::vector<char> relevant = relevant_variables(ev, keep, max_product);
  std::vector<scaled> factors = reduced_factors(ev, relevant);
  const std::vector<variable_id> order = order_of(factors, ev, relevant, keep);
  std::vector<char> alive(factors.size(), 1);
  for (const variable_id x : order) eliminate_variable(x, factors, alive, max_product, traceback);
  // What is left mentions only kept variables: multiply it together.
  scaled result{factor_type(), 0.0};
  for (std::size_t i = 0; i < factors.size(); ++i)
    if (alive[i]) {
      result.f = multiply(result.f, factors[i].f);
      result.log_scale += factors[i].log_scale;
      rescale(result.f, result.log_scale);
    }
  return result;
}

template <class Real>
basic_distribution<Real> basic_variable_elimination<Real>::point_mass(variable_id v, Eigen::Index state) const {
  typename distribution_type::array_type p = distribution_type::array_type::Zero(m_net->cardinality(v));
  p[state] = Real(1);
  return distribution_type(m_net->variable(v), std::move(p));
}

template <class Real>
basic_distribution<Real> basic_variable_elimination<Real>::posterior(variable_id v, const evidence& seen) const {
  const resolved_evidence ev = resolve(*m_net, seen);
  if (v < 0 || v >= m_net->size()) throw lookup_error("posterior: variable id " + std::to_string(v) + " out of range");
  if (ev.is_hard(v)) {
    (void)eliminate(ev, {}, false, nullptr);  // checks that P(e) > 0
    return point_mass(v, ev.hard[static_cast<std::size_t>(v)]);
  }
  scaled r = eliminate(ev, {v}, false, nullptr);
  if (r.f.scope().empty()) {  // v did not appear (cannot happen: its CPT is relevant)
    r.f = factor_type::filled({v}, {m_net->cardinality(v)}, Real(1));
  }
  normalize(r.f);
  return distribution_type(m_net->variable(v), r.f.values());
}

template <class Real>
std::vector<basic_distribution<Real>> basic_variable_elimination<Real>::posteriors(const evidence& seen) const {
  std::vector<distribution_type> out;
  out.reserve(static_cast<std::size_t>(m_net->size()));
  for (const variable_id v : m_net->variables()) out.push_back(posterior(v, seen));
  return out;
}

template <class Real>
basic_factor<Real> basic_variable_elimination<Real>::joint_posterior(std::span<const variable_id> query,
                                                                     const evidence& seen) const {
  std::vector<variable_id> vars(query.begin(), query.end());
  std::sort(vars.begin(), vars.end());
  vars.erase(std::unique(vars.begin(), vars.end()), vars.end());
  const resolved_evidence ev = resolve(*m_net, seen);
  std::vector<variable_id> keep;
  for (const variable_id v : vars) {
    if (v < 0 || v >= m_net->size()) throw lookup_error("joint_posterior: variable id out of range");
    if (!ev.is_hard(v)) keep.push_back(v);
  }
  scaled r = eliminate(ev, keep, false, nullptr);
  // Variables that are observed become point masses in the result.
  for (const variable_id v : vars)
    if (ev.is_hard(v)) {
      factor_type pm = factor_type::filled({v}, {m_net->cardinality(v)}, Real(0));
      pm.values()[ev.hard[static_cast<std::size_t>(v)]] = Real(1);
      r.f = multiply(r.f, pm);
    }
  normalize(r.f);
  return r.f;
}

template <class Real>
basic_factor<Real> basic_variable_elimination<Real>::family_posterior(variable_id v, const evidence& seen) const {
  if (v < 0 || v >= m_net->size())
    throw lookup_error("family_posterior: variable id " + std::to_string(v) + " out of range");
  const std::vector<variable_id>& family = m_net->cpt(v).scope();  // sorted: the CPT's layout
  return joint_posterior(std::span<const variable_id>(family), seen);
}

template <class Real>
std::vector<basic_factor<Real>> basic_variable_elimination<Real>::family_posteriors(const evidence& seen) const {
  std::vector<factor_type> out;
  out.reserve(static_cast<std::size_t>(m_net->size()));
  for (const variable_id v : m_net->variables()) out.push_back(family_posterior(v, seen));
  return out;
}

template <class Real>
double basic_variable_elimination<Real>::log_evidence_probability(const evidence& seen) const {
  const resolved_evidence ev = resolve(*m_net, seen);
  const scaled r = eliminate(ev, {}, false, nullptr);
  const double total = static_cast<double>(r.f.values().sum());
  if (!(total > 0)) detail::throw_impossible_evidence();
  return r.log_scale + std::log(total);
}

template <class Real>
mpe_result basic_variable_elimination<Real>::mpe(const evidence& seen) const {
  const resolved_evidence ev = resolve(*m_net, seen);
  std::vector<traceback_step> steps;
  const scaled r = eliminate(ev, {}, true, &steps);
  const double peak = static_cast<double>(r.f.values().maxCoeff());
  if (!(peak > 0)) detail::throw_impossible_evidence();
  mpe_result out;
  out.log_probability = r.log_scale + std::log(peak);
  out.states.assign(static_cast<std::size_t>(m_net->size()), 0);
  for (const variable_id v : ev.observed)
    if (ev.is_hard(v)) out.states[static_cast<std::size_t>(v)] = ev.hard[static_cast<std::size_t>(v)];
  // Later steps depend only on variables eliminated after them: walk backwards.
  for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
    Eigen::Index idx = 0, stride = 1;
    for (std::size_t i = 0; i < it->scope.size(); ++i) {
      idx += out.states[static_cast<std::size_t>(it->scope[i])] * stride;
      stride *= it->cards[i];
    }
    out.states[static_cast<std::size_t>(it->var)] = it->argmax[static_cast<std::size_t>(idx)];
  }
  return out;
}

}  // namespace pitchrisk
