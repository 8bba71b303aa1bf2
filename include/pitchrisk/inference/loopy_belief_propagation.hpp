// SPDX-License-Identifier: MIT
// Loopy belief propagation on the factor graph of the CPTs (one factor per family, findings
// as unary terms on their variables), sum-product, with damping and residual scheduling
// (Elidan, McGraw & Koller 2006: the factor whose messages would change most is updated
// first). Exact on polytrees, where the factor graph is a tree; elsewhere an approximation
// without guarantee, reported with its convergence (iterations, final residual).
#pragma once

#include "pitchrisk/core/distribution.hpp"
#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/inference/detail/sampling.hpp"
#include "pitchrisk/error.hpp"

#include <Eigen/Core>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pitchrisk {

/// Order of message updates.
enum class lbp_schedule {
  residual,     ///< the factor with the largest pending change first (default)
  synchronous,  ///< every factor from the previous round's messages (flooding)
};

/// Options of loopy_belief_propagation: the budget (iterations or time), convergence
/// tolerance, damping and schedule.
struct loopy_belief_propagation_options {
  std::int64_t max_iterations = 500;  ///< budget; one iteration = as many factor updates as factors
  double tolerance = 1e-10;           ///< converged when no message would change by more (max abs)
  double damping = 0.0;               ///< new = (1 - damping) new + damping old; in [0, 1)
  lbp_schedule schedule = lbp_schedule::residual;  ///< order of the message updates
  std::optional<std::chrono::milliseconds> time_budget{};  ///< stop after it; > 0
};

/// How a run ended.
struct lbp_report {
  std::int64_t iterations = 0;  ///< factor updates / number of factors, rounded up
  std::int64_t updates = 0;     ///< factor updates done
  double residual = 0;          ///< largest pending message change when it stopped
  bool converged = false;       ///< residual <= tolerance
};

/// The answer of loopy belief propagation to one evidence set.
template <class Real>
struct basic_lbp_result {
  std::vector<basic_distribution<Real>> posteriors;  ///< beliefs, by variable id
  std::vector<Eigen::ArrayXd> lambdas;  ///< per variable: its finding times the messages from its children's families
  lbp_report report;                    ///< how the run ended (converged or out of budget)
};

/// Loopy belief propagation (see the top of this header): an engine meeting
/// the `engine` concept whose answers carry no error bar (see lbp_report). Immutable after
/// construction: one engine serves many threads. Complexity: O(iterations x sum over families
/// of the CPT size x family size) per run().
template <class Real>
class basic_loopy_belief_propagation {
 public:
  using real_type = Real;                              ///< the network's real type
  using network_type = basic_network<Real>;            ///< the network sampled
  using distribution_type = basic_distribution<Real>;  ///< what posterior() returns
  using result_type = basic_lbp_result<Real>;          ///< what run() returns

  /// Throws: options_error (zero iterations or time, damping outside [0, 1), tolerance < 0).
  explicit basic_loopy_belief_propagation(const network_type& net, loopy_belief_propagation_options options = {})
      : basic_loopy_belief_propagation(std::make_shared<const network_type>(net), options) {}
  /// Shares `net` instead of copying it (the engine keeps it alive).
  /// Throws: as the other constructor; error if `net` is null.
  explicit basic_loopy_belief_propagation(std::shared_ptr<const network_type> net,
                                          loopy_belief_propagation_options options = {});

  /// The network the engine answers about.
  [[nodiscard]] const network_type& network() const noexcept { return *m_net; }
  /// The options, as given.
  [[nodiscard]] const loopy_belief_propagation_options& options() const noexcept { return m_options; }

  /// Beliefs of every variable and the convergence report.
  /// Throws: evidence_error (bad or impossible evidence, or messages that vanish).
  [[nodiscard]] result_type run(const evidence& seen) const;
  /// The same for evidence already resolved against network() (as importance sampling's
  /// EPIS start does). Requires: `ev` comes from resolve() on this network.
  /// Throws: evidence_error if the messages vanish (evidence impossible under the model).

  [[nodiscard]] result_type run(const resolved_evidence& ev) const;
  /// P(v | seen), from one run(). Throws: as run(); lookup_error if `v` is out of range.
  [[nodiscard]] distribution_type posterior(variable_id v, const evidence& seen) const;
  /// P(name | seen), from one run(). Throws: as run(); lookup_error for an unknown name.
  [[nodiscard]] distribution_type posterior(std::string_view name, const evidence& seen) const {
    return posterior(m_net->id(name), seen);
  }
  /// Every P(v | seen), by variable id, from one run(). Throws: as run().
  [[nodiscard]] std::vector<distribution_type> posteriors(const evidence& seen) const { return run(seen).posteriors; }

 private:
  struct factor_node {
    std::vector<variable_id> scope;   // sorted
    std::vector<Eigen::Index> cards;
    std::vector<Eigen::Index> edges;  // one per scope position
    std::vector<double> values;       // sorted-scope layout
    variable_id child = 0;
  };
  struct state;
  double update(state& s, std::size_t f, bool commit) const;
  void incoming(const state& s, std::size_t f, std::vector<double>& in) const;
  /// Findings as unary potentials, uniform messages.
  state initial_state(const resolved_evidence& ev) const;
  /// Sweeps of every factor until the largest change is below the tolerance (or the budget).
  template <class OutOfTime>
  void run_synchronous(state& s, lbp_report& report, const OutOfTime& out_of_time) const;
  /// Updates the factor of largest pending change, then recomputes the factors reading it.
  template <class OutOfTime>
  void run_residual(state& s, lbp_report& report, const OutOfTime& out_of_time) const;
  /// Beliefs (normalised) and lambda messages of every variable. Throws: evidence_error.
  void fill_beliefs(const state& s, result_type& r) const;

  std::shared_ptr<const network_type> m_net;
  loopy_belief_propagation_options m_options;
  std::vector<factor_node> m_factors;
  std::vector<variable_id> m_edge_var;
  std::vector<std::size_t> m_edge_factor;
  std::vector<Eigen::Index> m_edge_offset;      // into the message arrays
  std::vector<std::vector<Eigen::Index>> m_var_edges;
  Eigen::Index m_message_size = 0;
  detail::flat_network m_flat;
  std::vector<std::string> m_names;
};

/// The engine over `network` (double precision).
using loopy_belief_propagation = basic_loopy_belief_propagation<double>;

// ---------------------------------------------------------------------------------------

/// @cond implementation (a private member, defined here)
template <class Real>
struct basic_loopy_belief_propagation<Real>::state {
  std::vector<double> to_var;    // factor -> variable messages, by edge
  std::vector<double> pending;   // candidate messages (residual schedule / synchronous)
  std::vector<double> residual;  // per factor
  std::vector<Eigen::ArrayXd> unary;
  std::vector<double> in, out;   // scratch
};
/// @endcond


template <class Real>
basic_loopy_belief_propagation<Real>::basic_loopy_belief_propagation(std::shared_ptr<const network_type> net,
                                                                     loopy_belief_propagation_options options)
    : m_net(std::move(net)), m_options(options) {
  if (!m_net) throw error("loopy_belief_propagation: null network");
  if (m_options.max_iterations <= 0)
    throw options_error("loopy_belief_propagation: a budget of " + std::to_string(m_options.max_iterations) +
                        " iterations is refused, expected at least 1");
  if (m_options.time_budget && m_options.time_budget->count() <= 0)
    throw options_error("loopy_belief_propagation: a time budget of " + std::to_string(m_options.time_budget->count()) +
                        " ms is refused, expected at least 1 ms");
  if (!(m_options.damping >= 0 && m_options.damping < 1))
    throw options_error("loopy_belief_propagation: damping " + std::to_string(m_options.damping) +
                        " is outside [0, 1)");
  if (!(m_options.tolerance >= 0)) throw options_error("loopy_belief_propagation: tolerance must be >= 0");
  const auto n = static_cast<std::size_t>(m_net->size());
  m_var_edges.resize(n);
  for (std::size_t v = 0; v < n; ++v) {
    const auto& cpt = m_net->cpt(static_cast<variable_id>(v));
    factor_node f;
    f.scope = cpt.scope();
    f.cards = cpt.cardinalities();
    f.child = static_cast<variable_id>(v);
    f.values.resize(static_cast<std::size_t>(cpt.size()));
    for (Eigen::Index i = 0; i < cpt.size(); ++i) f.values[static_cast<std::size_t>(i)] = static_cast<double>(cpt.values()[i]);
    for (std::size_t i = 0; i < f.scope.size(); ++i) {
      const auto e = static_cast<Eigen::Index>(m_edge_var.size());
      f.edges.push_back(e);
      m_edge_var.push_back(f.scope[i]);
      m_edge_factor.push_back(v);
      m_edge_offset.push_back(m_message_size);
      m_message_size += f.cards[i];
      m_var_edges[static_cast<std::size_t>(f.scope[i])].push_back(e);
    }
    m_factors.push_back(std::move(f));
  }
  m_flat = detail::flatten(*m_net);
  m_names = detail::variable_names(*m_net);
}

/// Messages from the scope's variables into factor f, concatenated by scope position.
template <class Real>
void basic_loopy_belief_propagation<Real>::incoming(const state& s, std::size_t f, std::vector<double>& in) const {
  const factor_node& fn = m_factors[f];
  in.clear();
  for (std::size_t i = 0; i < fn.scope.size(); ++i) {
    const auto u = static_cast<std::size_t>(fn.scope[i]);
    const Eigen::Index k = fn.cards[i];
    const std::size_t at = in.size();
    for (Eigen::Index x = 0; x < k; ++x) in.push_back(s.unary[u][x]);
    for (const Eigen::Index e : m_var_edges[u]) {
      if (e == fn.edges[i]) continue;
      const double* m = s.to_var.data() + m_edge_offset[static_cast<std::size_t>(e)];
      for (Eigen::Index x = 0; x < k; ++x) in[at + static_cast<std::size_t>(x)] *= m[x];
    }
    double total = 0;
    for (Eigen::Index x = 0; x < k; ++x) total += in[at + static_cast<std::size_t>(x)];
    if (total > 0)
      for (Eigen::Index x = 0; x < k; ++x) in[at + static_cast<std::size_t>(x)] /= total;
  }
}

/// Computes factor f's outgoing messages into s.pending; with `commit`, writes them (damped)
/// into s.to_var. Returns the largest absolute change.
template <class Real>
double basic_loopy_belief_propagation<Real>::update(state& s, std::size_t f, bool commit) const {
  const factor_node& fn = m_factors[f];
  const std::size_t m = fn.scope.size();
  incoming(s, f, s.in);
  std::vector<std::size_t> in_at(m + 1, 0);
  for (std::size_t i = 0; i < m; ++i) in_at[i + 1] = in_at[i] + static_cast<std::size_t>(fn.cards[i]);
  s.out.assign(in_at[m], 0.0);
  std::vector<Eigen::Index> x(m, 0);
  std::vector<double> prefix(m + 1), suffix(m + 1);
  for (std::size_t idx = 0; idx < fn.values.size(); ++idx) {
    const double t = fn.values[idx];
    if (t != 0) {
      prefix[0] = t;
      for (std::size_t i = 0; i < m; ++i) prefix[i + 1] = prefix[i] * s.in[in_at[i] + static_cast<std::size_t>(x[i])];
      suffix[m] = 1;
      for (std::size_t i = m; i-- > 0;) suffix[i] = suffix[i + 1] * s.in[in_at[i] + static_cast<std::size_t>(x[i])];
      for (std::size_t i = 0; i < m; ++i) s.out[in_at[i] + static_cast<std::size_t>(x[i])] += prefix[i] * suffix[i + 1];
    }
    for (std::size_t i = 0; i < m; ++i) {
      if (++x[i] < fn.cards[i]) break;
      x[i] = 0;
    }
  }
  double change = 0;
  const double a = m_options.damping;
  for (std::size_t i = 0; i < m; ++i) {
    const Eigen::Index k = fn.cards[i];
    double total = 0;
    for (Eigen::Index y = 0; y < k; ++y) total += s.out[in_at[i] + static_cast<std::size_t>(y)];
    if (!(total > 0) || !std::isfinite(total))
      throw evidence_error("loopy_belief_propagation: the message from the family of '" + m_names[static_cast<std::size_t>(fn.child)] +
                           "' to '" + m_names[static_cast<std::size_t>(fn.scope[i])] +
                           "' vanished: the evidence is impossible or contradicts the CPTs' zeros");
    double* old = s.to_var.data() + m_edge_offset[static_cast<std::size_t>(fn.edges[i])];
    double* pend = s.pending.data() + m_edge_offset[static_cast<std::size_t>(fn.edges[i])];
    for (Eigen::Index y = 0; y < k; ++y) {
      const double v = (1 - a) * s.out[in_at[i] + static_cast<std::size_t>(y)] / total + a * old[y];
      change = std::max(change, std::abs(v - old[y]));
      pend[y] = v;
      if (commit) old[y] = v;
    }
  }
  return change;
}

template <class Real>
typename basic_loopy_belief_propagation<Real>::result_type basic_loopy_belief_propagation<Real>::run(
    const evidence& seen) const {
  return run(resolve(*m_net, seen));
}

template <class Real>
typename basic_loopy_belief_propagation<Real>::state basic_loopy_belief_propagation<Real>::initial_state(
    const resolved_evidence& ev) const {
  const auto n = static_cast<std::size_t>(m_net->size());
  state s;
  s.unary.resize(n);
  for (std::size_t v = 0; v < n; ++v) {
    const Eigen::Index k = m_net->cardinality(static_cast<variable_id>(v));
    if (ev.hard[v] >= 0) {
      s.unary[v] = Eigen::ArrayXd::Zero(k);
      s.unary[v][ev.hard[v]] = 1;
    } else if (ev.soft[v].size() > 0) {
      s.unary[v] = ev.soft[v];
    } else {
      s.unary[v] = Eigen::ArrayXd::Ones(k);
    }
  }
  s.to_var.assign(static_cast<std::size_t>(m_message_size), 0.0);
  for (std::size_t e = 0; e < m_edge_var.size(); ++e) {
    const Eigen::Index k = m_net->cardinality(m_edge_var[e]);
    for (Eigen::Index y = 0; y < k; ++y) s.to_var[static_cast<std::size_t>(m_edge_offset[e] + y)] = 1.0 / static_cast<double>(k);
  }
  s.pending = s.to_var;
  s.residual.assign(m_factors.size(), 0.0);
  return s;
}

template <class Real>
template <class OutOfTime>
void basic_loopy_belief_propagation<Real>::run_synchronous(state& s, lbp_report& report,
                                                           const OutOfTime& out_of_time) const {
  const std::size_t nf = m_factors.size();
  for (std::int64_t it = 0; it < m_options.max_iterations; ++it) {
    double worst = 0;
    for (std::size_t f = 0; f < nf; ++f) worst = std::max(worst, update(s, f, false));
    s.to_var.swap(s.pending);
    s.pending = s.to_var;
    report.updates += static_cast<std::int64_t>(nf);
    report.iterations = it + 1;
    report.residual = worst;
    if (worst <= m_options.tolerance || out_of_time()) break;
  }
}

template <class Real>
template <class OutOfTime>
void basic_loopy_belief_propagation<Real>::run_residual(state& s, lbp_report& report,
                                                        const OutOfTime& out_of_time) const {
  // Every factor's pending change is known; update the largest, then recompute the factors
  // that read the messages it changed.
  const std::size_t nf = m_factors.size();
  const std::int64_t max_updates = m_options.max_iterations * static_cast<std::int64_t>(std::max<std::size_t>(nf, 1));
  for (std::size_t f = 0; f < nf; ++f) s.residual[f] = update(s, f, false);
  std::vector<char> touched(nf, 0);
  std::vector<std::size_t> dirty;
  while (report.updates < max_updates) {
    std::size_t best = 0;
    for (std::size_t f = 1; f < nf; ++f)
      if (s.residual[f] > s.residual[best]) best = f;
    report.residual = nf ? s.residual[best] : 0.0;
    if (report.residual <= m_options.tolerance) break;
    // Damped, the factor moves (1 - damping) of the way: what is left stays pending.
    const double moved = update(s, best, true);
    s.residual[best] = m_options.damping > 0 ? moved * m_options.damping / (1 - m_options.damping) : 0.0;
    ++report.updates;
    dirty.clear();
    for (const variable_id u : m_factors[best].scope)
      for (const Eigen::Index e : m_var_edges[static_cast<std::size_t>(u)]) {
        const std::size_t g = m_edge_factor[static_cast<std::size_t>(e)];
        if (g != best && !touched[g]) {
          touched[g] = 1;
          dirty.push_back(g);
        }
      }
    for (const std::size_t g : dirty) {
      s.residual[g] = update(s, g, false);
      touched[g] = 0;
    }
    if ((report.updates & 63) == 0 && out_of_time()) break;
  }
  report.residual = 0;
  for (std::size_t f = 0; f < nf; ++f) report.residual = std::max(report.residual, s.residual[f]);
  report.iterations = nf ? (report.updates + static_cast<std::int64_t>(nf) - 1) / static_cast<std::int64_t>(nf) : 0;
}

template <class Real>
void basic_loopy_belief_propagation<Real>::fill_beliefs(const state& s, result_type& r) const {
  const auto n = static_cast<std::size_t>(m_net->size());
  r.posteriors.resize(n);
  r.lambdas.resize(n);
  for (std::size_t v = 0; v < n; ++v) {
    Eigen::ArrayXd b = s.unary[v];
    Eigen::ArrayXd lambda = s.unary[v];
    for (const Eigen::Index e : m_var_edges[v]) {
      const Eigen::Map<const Eigen::ArrayXd> msg(s.to_var.data() + m_edge_offset[static_cast<std::size_t>(e)], b.size());
      b *= msg;
      if (m_factors[m_edge_factor[static_cast<std::size_t>(e)]].child != static_cast<variable_id>(v)) lambda *= msg;
    }
    const double total = b.sum();
    if (!(total > 0) || !std::isfinite(total))
      throw evidence_error("loopy_belief_propagation: the belief of '" + m_names[v] +
                           "' vanished: the evidence is impossible or contradicts the CPTs' zeros");
    b /= total;
    const double lt = lambda.sum();
    if (lt > 0) lambda /= lt;
    r.posteriors[v] = distribution_type(m_net->variable(static_cast<variable_id>(v)), b.cast<Real>());
    r.lambdas[v] = std::move(lambda);
  }
}

template <class Real>
typename basic_loopy_belief_propagation<Real>::result_type basic_loopy_belief_propagation<Real>::run(
    const resolved_evidence& ev) const {
  const auto start = std::chrono::steady_clock::now();
  (void)detail::possible_states(m_flat, ev, m_names);
  state s = initial_state(ev);
  lbp_report report;
  auto out_of_time = [&] {
    return m_options.time_budget && std::chrono::steady_clock::now() - start >= *m_options.time_budget;
  };
  if (m_options.schedule == lbp_schedule::synchronous)
    run_synchronous(s, report, out_of_time);
  else
    run_residual(s, report, out_of_time);
  report.converged = report.residual <= m_options.tolerance;
  result_type r;
  r.report = report;
  fill_beliefs(s, r);
  return r;
}

template <class Real>
typename basic_loopy_belief_propagation<Real>::distribution_type basic_loopy_belief_propagation<Real>::posterior(
    variable_id v, const evidence& seen) const {
  (void)m_net->variable(v);
  return run(seen).posteriors[static_cast<std::size_t>(v)];
}

}  // namespace pitchrisk
