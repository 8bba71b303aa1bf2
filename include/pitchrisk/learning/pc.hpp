// SPDX-License-Identifier: MIT
// Constraint-based structure learning: the PC algorithm, stable variant (Colombo and
// Maathuis 2014: adjacency sets frozen per level, so the result does not depend on the
// variable order), over any conditional-independence test; with data, a G-test or Pearson
// chi-square test whose p-values come from the chi-squared distribution (Boost.Math).
#pragma once

#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/detail/math.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/learning/dataset.hpp"
#include "pitchrisk/learning/essential_graph.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace pitchrisk {

/// The statistic of a conditional-independence test on counts.
enum class independence_test_kind {
  g_test,     ///< G = 2 sum n log(n / expected) (likelihood ratio; = 2 N x conditional mutual information)
  chi_square  ///< Pearson's X^2 = sum (n - expected)^2 / expected
};

/// Parses "g" / "g-test" / "chi-square" / "chi2". Throws: lookup_error otherwise.
[[nodiscard]] independence_test_kind parse_independence_test(std::string_view word);

/// Result of one test of x independent of y given z.
struct independence_result {
  double statistic = 0;           ///< G or X^2
  double degrees_of_freedom = 0;  ///< sum over observed z-strata of (x states seen - 1)(y states seen - 1)
  double p_value = 1;             ///< P(chi2(df) >= statistic); 1 when df = 0
  Eigen::Index rows = 0;          ///< rows used (complete on x, y and z: available-case)
};

/// Tests x independent of y given the columns `given` on the rows complete on all of
/// them. Degrees of freedom are adjusted for empty strata and unseen states (a stratum
/// with one x or one y state seen adds nothing).
/// Throws: lookup_error on a column out of range; model_error if a column repeats;
/// size_error if the table exceeds max_entries (dense tables only; sparse ones are sorted).
[[nodiscard]] independence_result independence_test(const dataset& data, Eigen::Index x, Eigen::Index y,
                                                    std::span<const Eigen::Index> given,
                                                    independence_test_kind kind = independence_test_kind::g_test);

/// Options of pc_stable on data.
struct pc_options {
  independence_test_kind test = independence_test_kind::g_test;  ///< the conditional-independence test

  double alpha = 0.05;                 ///< independent when p-value > alpha
  Eigen::Index max_conditioning = -1;  ///< largest conditioning set (-1: no limit)
};

/// The result of PC: the learned class as a PDAG and the separating sets found.
struct pc_result {
  pdag graph;                                                           ///< skeleton + orientations
  std::map<std::pair<Eigen::Index, Eigen::Index>, std::vector<Eigen::Index>> separating_sets;  ///< key (a, b), a < b
  Eigen::Index tests = 0;                                               ///< independence tests run
};

/// independent(x, y, z): whether x is independent of y given z (x != y, z excludes both).
using independence_oracle = std::function<bool(Eigen::Index, Eigen::Index, std::span<const Eigen::Index>)>;

/// PC-stable over n variables and an independence oracle: skeleton by tests of growing
/// conditioning sets drawn from frozen adjacency sets, then v-structures (an unshielded
/// x - z - y with z outside sepset(x, y) becomes x -> z <- y; an edge already oriented
/// keeps its first orientation) and Meek's rules R1-R3.
/// Complexity: exponential in the largest degree (bounded by max_conditioning).
[[nodiscard]] pc_result pc_stable(Eigen::Index n, const independence_oracle& independent,
                                  Eigen::Index max_conditioning = -1);
/// PC-stable on data with independence_test. Throws: model_error on alpha outside (0, 1).
[[nodiscard]] pc_result pc_stable(const dataset& data, const pc_options& options = {});

// ---------------------------------------------------------------------------------------

inline independence_test_kind parse_independence_test(std::string_view w) {
  if (w == "g" || w == "g-test" || w == "g_test") return independence_test_kind::g_test;
  if (w == "chi2" || w == "chi-square" || w == "chi_square" || w == "x2") return independence_test_kind::chi_square;
  throw lookup_error("unknown independence test '" + std::string(w) + "' (expected g-test or chi-square)");
}

namespace detail {

/// Adds one stratum's statistic and degrees of freedom; t is rx x ry, x fastest.
inline void test_stratum(const std::vector<double>& t, Eigen::Index rx, Eigen::Index ry, independence_test_kind kind,
                         independence_result& out, std::vector<double>& nx, std::vector<double>& ny) {
  nx.assign(static_cast<std::size_t>(rx), 0.0);
  ny.assign(static_cast<std::size_t>(ry), 0.0);
  double nz = 0;
  for (Eigen::Index j = 0; j < ry; ++j)
    for (Eigen::Index i = 0; i < rx; ++i) {
      const double c = t[static_cast<std::size_t>(j * rx + i)];
      nx[static_cast<std::size_t>(i)] += c;
      ny[static_cast<std::size_t>(j)] += c;
      nz += c;
    }
  if (nz <= 0) return;
  Eigen::Index seen_x = 0, seen_y = 0;
  for (const double c : nx) seen_x += c > 0;
  for (const double c : ny) seen_y += c > 0;
  out.degrees_of_freedom += static_cast<double>((seen_x - 1) * (seen_y - 1));
  out.rows += static_cast<Eigen::Index>(nz);
  for (Eigen::Index j = 0; j < ry; ++j) {
    if (ny[static_cast<std::size_t>(j)] <= 0) continue;
    for (Eigen::Index i = 0; i < rx; ++i) {
      if (nx[static_cast<std::size_t>(i)] <= 0) continue;
      const double c = t[static_cast<std::size_t>(j * rx + i)];
      const double e = nx[static_cast<std::size_t>(i)] * ny[static_cast<std::size_t>(j)] / nz;
      if (kind == independence_test_kind::g_test) {
        if (c > 0) out.statistic += 2.0 * c * std::log(c / e);
      } else {
        out.statistic += (c - e) * (c - e) / e;
      }
    }
  }
}

/// Calls f(subset) for every size-k subset of `pool` (lexicographic), until f returns true.
template <class F>
bool for_each_subset(const std::vector<Eigen::Index>& pool, std::size_t k, F&& f) {
  if (k > pool.size()) return false;
  std::vector<std::size_t> pick(k);
  for (std::size_t i = 0; i < k; ++i) pick[i] = i;
  std::vector<Eigen::Index> subset(k);
  while (true) {
    for (std::size_t i = 0; i < k; ++i) subset[i] = pool[pick[i]];
    if (f(std::span<const Eigen::Index>(subset))) return true;
    std::size_t i = k;
    while (i > 0 && pick[i - 1] == pool.size() - k + i - 1) --i;
    if (i == 0) return false;
    ++pick[i - 1];
    for (std::size_t j = i; j < k; ++j) pick[j] = pick[j - 1] + 1;
  }
}

}  // namespace detail

inline independence_result independence_test(const dataset& data, Eigen::Index x, Eigen::Index y,
                                             std::span<const Eigen::Index> given, independence_test_kind kind) {
  std::vector<Eigen::Index> cols{x, y};
  cols.insert(cols.end(), given.begin(), given.end());
  std::vector<Eigen::Index> cards;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (cols[i] < 0 || cols[i] >= data.columns())
      throw lookup_error("independence test: column " + std::to_string(cols[i]) + " out of range (" +
                         std::to_string(data.columns()) + " columns)");
    for (std::size_t j = 0; j < i; ++j)
      if (cols[j] == cols[i])
        throw model_error("independence test: column '" + data.name(cols[i]) + "' appears twice");
    cards.push_back(data.cardinality(cols[i]));
  }
  const Eigen::Index rx = cards[0], ry = cards[1], cell = rx * ry;
  const double strata = detail::table_size_estimate(std::span<const Eigen::Index>(cards).subspan(2));
  const auto rows = static_cast<std::size_t>(data.rows());
  constexpr std::uint64_t absent = ~std::uint64_t{0};
  std::vector<std::uint64_t> idx(rows, 0);
  std::uint64_t stride = 1;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    const dataset::cell* c = data.column(cols[i]).data();
    for (std::size_t r = 0; r < rows; ++r)
      idx[r] = (idx[r] == absent || c[r] == dataset::missing) ? absent : idx[r] + stride * c[r];
    stride *= static_cast<std::uint64_t>(cards[i]);
  }
  independence_result out;
  std::vector<double> t(static_cast<std::size_t>(cell)), nx, ny;
  const double total = strata * static_cast<double>(cell);
  if (total <= 4.0 * static_cast<double>(rows) + 65536.0) {
    std::vector<double> dense(static_cast<std::size_t>(total), 0.0);
    for (const std::uint64_t i : idx)
      if (i != absent) dense[static_cast<std::size_t>(i)] += 1.0;
    for (std::size_t z = 0; z < static_cast<std::size_t>(strata); ++z) {
      std::copy_n(dense.begin() + static_cast<std::ptrdiff_t>(z * static_cast<std::size_t>(cell)), cell, t.begin());
      detail::test_stratum(t, rx, ry, kind, out, nx, ny);
    }
  } else {
    idx.erase(std::remove(idx.begin(), idx.end(), absent), idx.end());
    std::sort(idx.begin(), idx.end());
    const auto c = static_cast<std::uint64_t>(cell);
    std::size_t a = 0;
    while (a < idx.size()) {
      const std::uint64_t z = idx[a] / c;
      std::fill(t.begin(), t.end(), 0.0);
      for (; a < idx.size() && idx[a] / c == z; ++a) t[static_cast<std::size_t>(idx[a] % c)] += 1.0;
      detail::test_stratum(t, rx, ry, kind, out, nx, ny);
    }
  }
  out.statistic = std::max(0.0, out.statistic);
  out.p_value = out.degrees_of_freedom > 0 ? detail::chi_squared_upper_tail(out.statistic, out.degrees_of_freedom) : 1.0;
  return out;
}

inline pc_result pc_stable(Eigen::Index n, const independence_oracle& independent, Eigen::Index max_conditioning) {
  pc_result out{pdag(n), {}, 0};
  pdag& g = out.graph;
  for (Eigen::Index a = 0; a < n; ++a)
    for (Eigen::Index b = a + 1; b < n; ++b) g.add_edge(a, b);
  for (Eigen::Index level = 0; max_conditioning < 0 || level <= max_conditioning; ++level) {
    std::vector<std::vector<Eigen::Index>> frozen(static_cast<std::size_t>(n));
    bool any = false;
    for (Eigen::Index a = 0; a < n; ++a) {
      frozen[static_cast<std::size_t>(a)] = g.neighbours(a);
      any |= static_cast<Eigen::Index>(frozen[static_cast<std::size_t>(a)].size()) - 1 >= level;
    }
    if (!any) break;
    for (Eigen::Index a = 0; a < n; ++a)
      for (const Eigen::Index b : frozen[static_cast<std::size_t>(a)]) {
        if (!g.adjacent(a, b)) continue;
        std::vector<Eigen::Index> pool;
        for (const Eigen::Index c : frozen[static_cast<std::size_t>(a)])
          if (c != b) pool.push_back(c);
        detail::for_each_subset(pool, static_cast<std::size_t>(level), [&](std::span<const Eigen::Index> s) {
          ++out.tests;
          if (!independent(a, b, s)) return false;
          g.remove(a, b);
          out.separating_sets[{std::min(a, b), std::max(a, b)}] = std::vector<Eigen::Index>(s.begin(), s.end());
          return true;
        });
      }
  }
  // v-structures, decided on the skeleton (before any orientation changes adjacency).
  std::vector<std::pair<Eigen::Index, Eigen::Index>> arcs;
  for (Eigen::Index z = 0; z < n; ++z) {
    const std::vector<Eigen::Index> nb = g.neighbours(z);
    for (std::size_t i = 0; i < nb.size(); ++i)
      for (std::size_t j = i + 1; j < nb.size(); ++j) {
        const Eigen::Index a = nb[i], b = nb[j];
        if (g.adjacent(a, b)) continue;
        const auto it = out.separating_sets.find({a, b});
        if (it != out.separating_sets.end() && std::find(it->second.begin(), it->second.end(), z) != it->second.end())
          continue;
        arcs.emplace_back(a, z);
        arcs.emplace_back(b, z);
      }
  }
  for (const auto& [a, z] : arcs)
    if (g.undirected(a, z)) g.add_arc(a, z);
  apply_meek_rules(g);
  return out;
}

inline pc_result pc_stable(const dataset& data, const pc_options& options) {
  if (!(options.alpha > 0.0 && options.alpha < 1.0))
    throw model_error("PC: alpha " + std::to_string(options.alpha) + ", expected a level in (0, 1)");
  return pc_stable(
      data.columns(),
      [&](Eigen::Index a, Eigen::Index b, std::span<const Eigen::Index> z) {
        return independence_test(data, a, b, z, options.test).p_value > options.alpha;
      },
      options.max_conditioning);
}

}  // namespace pitchrisk
