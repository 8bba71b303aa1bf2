// SPDX-License-Identifier: MIT
// Decomposable structure scores -- BIC, AIC, BDeu and K2 -- as a sum of family scores, each
// a function of the family's counts. `family_score` scores a given count table;
// `structure_score` counts families straight from a data set and caches their scores,
// which is what a search asks for thousands of times. Missing cells: available-case.
#pragma once

#include "pitchrisk/core/graph.hpp"
#include "pitchrisk/detail/checks.hpp"
#include "pitchrisk/detail/math.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/learning/dataset.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace pitchrisk {

/// The score of a structure given data (higher is better; all are log-scale).
enum class structure_score_kind {
  bic,   ///< log-likelihood - (log N / 2) x free parameters
  aic,   ///< log-likelihood - free parameters
  bdeu,  ///< log marginal likelihood, Dirichlet(ess / (r q)) prior on every cell
  k2     ///< log marginal likelihood, Dirichlet(1) prior on every cell (Cooper and Herskovits)
};

/// Options of a structure score.
struct score_options {
  structure_score_kind kind = structure_score_kind::bic;  ///< which score
  double equivalent_sample_size = 1.0;                  ///< BDeu's ess (> 0)
  Eigen::Index max_table_entries = default_max_table_entries;  ///< largest family table counted
};

/// Parses "bic", "aic", "bdeu", "k2". Throws: lookup_error naming the word otherwise.
[[nodiscard]] structure_score_kind parse_structure_score(std::string_view word);

/// Score of one family from its counts, laid out child fastest then parent configurations
/// (counts.size() / child_states columns; family_counts' layout). N for BIC is the sum of
/// the counts. Throws: model_error if the size is not a multiple of child_states, a count
/// is negative or not finite, or ess <= 0 for BDeu.
[[nodiscard]] double family_score(const Eigen::Ref<const Eigen::ArrayXd>& counts, Eigen::Index child_states,
                                  const score_options& options = {});

/// Family scores from a data set, counted on demand and cached (child, parent set).
/// Identical records are merged first (with their multiplicity) when that at least halves
/// them, as on small networks with many records.
/// Missing cells: each family is counted over the rows complete on its own columns
/// (available-case); N in BIC is that family's row count, so scores of families with
/// different missing rates use different N, and family_on_rows() scores a family on the
/// rows another parent set also needs (what hill_climbing compares moves with). Not thread-safe (the cache); use one per thread.
class structure_score {
 public:
  /// Requires: `data` outlives this object. Throws: model_error if ess <= 0 for BDeu.
  explicit structure_score(const dataset& data, score_options options = {});

  /// The data set scored (not owned).
  [[nodiscard]] const dataset& data() const noexcept { return *m_data; }
  /// The options, as given.
  [[nodiscard]] const score_options& options() const noexcept { return m_options; }

  /// Score of `child` given `parents` (any order). Throws: lookup_error on a column out of
  /// range, model_error on a repeated column, size_error on a table over the limit.
  [[nodiscard]] double family(Eigen::Index child, std::span<const Eigen::Index> parents);
  /// Score of `child` given `parents` plus `extra`: the search's add-an-arc query; the row
  /// indices of (child, parents) are kept between calls with the same base.
  /// Throws: as family().

  [[nodiscard]] double family_with(Eigen::Index child, std::span<const Eigen::Index> parents, Eigen::Index extra);
  /// Score of `child` given `parents`, counted only over the rows where the columns of
  /// `also` are observed as well as the family's own: a search compares two parent sets of
  /// one child on the same rows this way (otherwise, with missing cells, the family with
  /// more parents counts fewer rows and gains log-likelihood by dropping them). Equals
  /// family() when the data has no missing cell or `also` holds only family columns.
  /// Throws: as family(); lookup_error on a column of `also` out of range.
  [[nodiscard]] double family_on_rows(Eigen::Index child, std::span<const Eigen::Index> parents,
                                      std::span<const Eigen::Index> also);
  /// Sum of the family scores of a DAG over the data's columns. Throws: model_error if the
  /// size is not columns().
  [[nodiscard]] double total(const parent_lists& parents);
  /// Families scored so far (the cache's size).
  [[nodiscard]] std::size_t families_scored() const noexcept { return m_cache.size(); }

 private:
  struct key_hash {
    std::size_t operator()(const std::vector<Eigen::Index>& k) const noexcept {
      std::size_t h = 0x9e3779b97f4a7c15ULL;
      for (const Eigen::Index x : k) h = (h ^ static_cast<std::size_t>(x)) * 0x100000001b3ULL;
      return h;
    }
  };
  static constexpr std::uint64_t absent = std::numeric_limits<std::uint64_t>::max();

  void check_family(Eigen::Index child, std::span<const Eigen::Index> parents) const;
  std::vector<Eigen::Index> key(Eigen::Index child, std::span<const Eigen::Index> parents, Eigen::Index extra) const;
  /// Column c of the (merged) records.
  [[nodiscard]] std::span<const dataset::cell> cells(Eigen::Index c) const noexcept {
    return m_weights.empty() ? m_data->column(c) : std::span<const dataset::cell>(m_columns[static_cast<std::size_t>(c)]);
  }
  /// idx = idx + stride x column(c), `absent` where the cell is missing.
  void add_column(std::vector<std::uint64_t>& idx, Eigen::Index c, std::uint64_t stride) const;
  double score_indices(const std::vector<std::uint64_t>& idx, Eigen::Index r, double q, std::uint64_t size);
  /// The family's score on the rows where the child, the parents and every `mask` column are observed.
  double score_family(Eigen::Index child, std::span<const Eigen::Index> parents, std::span<const Eigen::Index> mask);
  /// The score of the counts in m_dense (size cells, child fastest).
  double score_dense(Eigen::Index r, double q, std::uint64_t size);

  const dataset* m_data;
  score_options m_options;
  bool m_any_missing = false;
  // Identical records merged (when that at least halves them): columns and weights.
  std::vector<std::vector<dataset::cell>> m_columns;
  std::vector<std::uint32_t> m_weights;
  std::unordered_map<std::vector<Eigen::Index>, double, key_hash> m_cache;
  // The last base family of family_with and its row indices.
  std::vector<Eigen::Index> m_base_key;
  std::vector<std::uint64_t> m_base_idx;
  std::uint64_t m_base_size = 0;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> m_scratch;
  std::vector<std::uint32_t> m_dense;
};

// ---------------------------------------------------------------------------------------

namespace detail {

/// Accumulates a family score over parent configurations, one non-zero count at a time.
class family_tally {
 public:
  family_tally(const score_options& o, Eigen::Index r, double q) : m_kind(o.kind), m_r(static_cast<double>(r)), m_q(q) {
    if (m_kind == structure_score_kind::bdeu) {
      m_aj = o.equivalent_sample_size / q;
      m_ajk = m_aj / m_r;
      m_lg_ajk = detail::log_gamma(m_ajk);
      m_lg_aj = detail::log_gamma(m_aj);
    } else if (m_kind == structure_score_kind::k2) {
      m_lg_aj = detail::log_gamma(m_r);
    }
  }
  /// One non-zero count of the current configuration.
  void cell(double c) {
    m_nj += c;
    switch (m_kind) {
      case structure_score_kind::bic:
      case structure_score_kind::aic: m_sum += c * std::log(c); break;
      case structure_score_kind::bdeu: m_sum += detail::log_gamma(m_ajk + c) - m_lg_ajk; break;
      case structure_score_kind::k2: m_sum += detail::log_gamma(1.0 + c); break;
    }
  }
  /// Closes the current configuration.
  void end_configuration() {
    if (m_nj <= 0) return;
    switch (m_kind) {
      case structure_score_kind::bic:
      case structure_score_kind::aic: m_sum -= m_nj * std::log(m_nj); break;
      case structure_score_kind::bdeu: m_sum += m_lg_aj - detail::log_gamma(m_aj + m_nj); break;
      case structure_score_kind::k2: m_sum += m_lg_aj - detail::log_gamma(m_r + m_nj); break;
    }
    m_n += m_nj;
    m_nj = 0;
  }
  [[nodiscard]] double result() const {
    const double params = (m_r - 1.0) * m_q;
    switch (m_kind) {
      case structure_score_kind::bic: return m_sum - (m_n > 0 ? 0.5 * std::log(m_n) * params : 0.0);
      case structure_score_kind::aic: return m_sum - params;
      default: return m_sum;
    }
  }

 private:
  structure_score_kind m_kind;
  double m_r, m_q;
  double m_aj = 0, m_ajk = 0, m_lg_aj = 0, m_lg_ajk = 0;
  double m_sum = 0, m_nj = 0, m_n = 0;
};

inline void check_score_options(const score_options& o) {
  if (o.kind == structure_score_kind::bdeu && !(o.equivalent_sample_size > 0 && std::isfinite(o.equivalent_sample_size)))
    throw model_error("BDeu score: equivalent sample size " + std::to_string(o.equivalent_sample_size) +
                      ", expected a finite number > 0");
}

}  // namespace detail

inline structure_score_kind parse_structure_score(std::string_view w) {
  if (w == "bic") return structure_score_kind::bic;
  if (w == "aic") return structure_score_kind::aic;
  if (w == "bdeu") return structure_score_kind::bdeu;
  if (w == "k2") return structure_score_kind::k2;
  throw lookup_error("unknown structure score '" + std::string(w) + "' (expected bic, aic, bdeu or k2)");
}

inline double family_score(const Eigen::Ref<const Eigen::ArrayXd>& counts, Eigen::Index r, const score_options& o) {
  detail::check_score_options(o);
  if (r < 1 || counts.size() == 0 || counts.size() % r != 0)
    throw model_error("family_score: " + std::to_string(counts.size()) + " counts is not a positive multiple of " +
                      std::to_string(r) + " child states");
  for (Eigen::Index i = 0; i < counts.size(); ++i)
    if (!std::isfinite(counts[i]) || counts[i] < 0)
      throw model_error("family_score: count " + std::to_string(i) + " is " + std::to_string(counts[i]) +
                        ", expected a finite number >= 0");
  const Eigen::Index q = counts.size() / r;
  detail::family_tally tally(o, r, static_cast<double>(q));
  for (Eigen::Index j = 0; j < q; ++j) {
    for (Eigen::Index k = 0; k < r; ++k)
      if (counts[j * r + k] > 0) tally.cell(counts[j * r + k]);
    tally.end_configuration();
  }
  return tally.result();
}

inline structure_score::structure_score(const dataset& data, score_options options)
    : m_data(&data), m_options(options) {
  detail::check_score_options(m_options);
  m_any_missing = data.has_missing();
  const Eigen::Index n = data.columns(), rows = data.rows();
  if (rows < 1000 || n == 0) return;
  std::unordered_map<std::string, std::uint32_t> seen;
  seen.reserve(static_cast<std::size_t>(rows / 2 + 1));
  std::vector<std::uint32_t> weights;
  std::vector<Eigen::Index> first;
  std::string key(static_cast<std::size_t>(n), '\0');
  for (Eigen::Index r = 0; r < rows; ++r) {
    for (Eigen::Index c = 0; c < n; ++c) key[static_cast<std::size_t>(c)] = static_cast<char>(data.column(c)[static_cast<std::size_t>(r)]);
    const auto [it, fresh] = seen.emplace(key, static_cast<std::uint32_t>(weights.size()));
    if (fresh) {
      weights.push_back(1);
      first.push_back(r);
      if (static_cast<Eigen::Index>(weights.size()) * 2 > rows) return;  // not worth it
    } else {
      ++weights[it->second];
    }
  }
  m_columns.assign(static_cast<std::size_t>(n), std::vector<dataset::cell>(first.size()));
  for (Eigen::Index c = 0; c < n; ++c)
    for (std::size_t u = 0; u < first.size(); ++u)
      m_columns[static_cast<std::size_t>(c)][u] = data.column(c)[static_cast<std::size_t>(first[u])];
  m_weights = std::move(weights);
}

inline void structure_score::check_family(Eigen::Index child, std::span<const Eigen::Index> parents) const {
  auto check = [&](Eigen::Index c) {
    if (c < 0 || c >= m_data->columns())
      throw lookup_error("structure score: column " + std::to_string(c) + " out of range (" +
                         std::to_string(m_data->columns()) + " columns)");
  };
  check(child);
  for (std::size_t i = 0; i < parents.size(); ++i) {
    check(parents[i]);
    if (parents[i] == child)
      throw model_error("structure score: '" + m_data->name(child) + "' cannot be its own parent");
    for (std::size_t j = 0; j < i; ++j)
      if (parents[j] == parents[i])
        throw model_error("structure score: parent '" + m_data->name(parents[i]) + "' of '" + m_data->name(child) +
                          "' appears twice");
  }
}

inline std::vector<Eigen::Index> structure_score::key(Eigen::Index child, std::span<const Eigen::Index> parents,
                                                      Eigen::Index extra) const {
  std::vector<Eigen::Index> k(parents.begin(), parents.end());
  if (extra >= 0) k.push_back(extra);
  std::sort(k.begin(), k.end());
  k.insert(k.begin(), child);
  return k;
}

inline void structure_score::add_column(std::vector<std::uint64_t>& idx, Eigen::Index c, std::uint64_t stride) const {
  const dataset::cell* x = cells(c).data();
  const std::size_t n = idx.size();
  if (!m_any_missing) {
    for (std::size_t i = 0; i < n; ++i) idx[i] += stride * x[i];
    return;
  }
  for (std::size_t i = 0; i < n; ++i)
    idx[i] = (idx[i] == absent || x[i] == dataset::missing) ? absent : idx[i] + stride * x[i];
}

inline double structure_score::score_indices(const std::vector<std::uint64_t>& idx, Eigen::Index r, double q,
                                             std::uint64_t size) {
  detail::family_tally tally(m_options, r, q);
  const auto rr = static_cast<std::uint64_t>(r);
  const auto rows = static_cast<std::uint64_t>(idx.size());
  if (size <= 4 * rows + 65536) {
    m_dense.assign(static_cast<std::size_t>(size), 0);
    if (m_weights.empty()) {
      for (const std::uint64_t i : idx)
        if (i < size) ++m_dense[static_cast<std::size_t>(i)];
    } else {
      for (std::size_t r = 0; r < idx.size(); ++r)
        if (idx[r] < size) m_dense[static_cast<std::size_t>(idx[r])] += m_weights[r];
    }
    return score_dense(r, q, size);
  }
  // Sparse: (cell, weight) pairs sorted by cell; a configuration's cells are adjacent.
  m_scratch.clear();
  for (std::size_t r = 0; r < idx.size(); ++r)
    if (idx[r] < size) m_scratch.push_back({idx[r], m_weights.empty() ? 1u : m_weights[r]});
  std::sort(m_scratch.begin(), m_scratch.end());
  std::size_t a = 0;
  while (a < m_scratch.size()) {
    const std::uint64_t config = m_scratch[a].first / rr;
    while (a < m_scratch.size() && m_scratch[a].first / rr == config) {
      double count = 0;
      const std::uint64_t cell = m_scratch[a].first;
      for (; a < m_scratch.size() && m_scratch[a].first == cell; ++a) count += m_scratch[a].second;
      tally.cell(count);
    }
    tally.end_configuration();
  }
  return tally.result();
}

inline double structure_score::score_dense(Eigen::Index r, double q, std::uint64_t size) {
  detail::family_tally tally(m_options, r, q);
  const auto rr = static_cast<std::uint64_t>(r);
  for (std::uint64_t j = 0; j < size; j += rr) {
    for (std::uint64_t k = 0; k < rr; ++k)
      if (m_dense[static_cast<std::size_t>(j + k)]) tally.cell(m_dense[static_cast<std::size_t>(j + k)]);
    tally.end_configuration();
  }
  return tally.result();
}

inline double structure_score::family(Eigen::Index child, std::span<const Eigen::Index> parents) {
  check_family(child, parents);
  std::vector<Eigen::Index> k = key(child, parents, -1);
  if (const auto it = m_cache.find(k); it != m_cache.end()) return it->second;
  const double s = score_family(child, parents, {});
  m_cache.emplace(std::move(k), s);
  return s;
}

inline double structure_score::score_family(Eigen::Index child, std::span<const Eigen::Index> parents,
                                            std::span<const Eigen::Index> mask) {
  std::vector<Eigen::Index> cards{m_data->cardinality(child)};
  for (const Eigen::Index p : parents) cards.push_back(m_data->cardinality(p));
  const auto size = static_cast<std::uint64_t>(detail::checked_table_size(
      cards, m_options.max_table_entries, "structure score: family table of '" + m_data->name(child) + "'"));
  const auto col = cells(child);
  std::vector<std::uint64_t> idx(col.size());
  for (std::size_t i = 0; i < col.size(); ++i) idx[i] = col[i] == dataset::missing ? absent : col[i];
  std::uint64_t stride = static_cast<std::uint64_t>(cards[0]);
  for (const Eigen::Index p : parents) {
    add_column(idx, p, stride);
    stride *= static_cast<std::uint64_t>(m_data->cardinality(p));
  }
  for (const Eigen::Index c : mask) add_column(idx, c, 0);  // absent where c is missing, unchanged elsewhere
  return score_indices(idx, cards[0], static_cast<double>(size) / static_cast<double>(cards[0]), size);
}

inline double structure_score::family_with(Eigen::Index child, std::span<const Eigen::Index> parents, Eigen::Index extra) {
  std::vector<Eigen::Index> all(parents.begin(), parents.end());
  all.push_back(extra);
  check_family(child, all);
  std::vector<Eigen::Index> k = key(child, parents, extra);
  if (const auto it = m_cache.find(k); it != m_cache.end()) return it->second;
  std::vector<Eigen::Index> base = key(child, parents, -1);
  std::vector<Eigen::Index> cards{m_data->cardinality(child)};
  for (const Eigen::Index p : parents) cards.push_back(m_data->cardinality(p));
  cards.push_back(m_data->cardinality(extra));
  const auto size = static_cast<std::uint64_t>(detail::checked_table_size(
      cards, m_options.max_table_entries, "structure score: family table of '" + m_data->name(child) + "'"));
  if (base != m_base_key) {
    const auto col = cells(child);
    m_base_idx.resize(col.size());
    for (std::size_t i = 0; i < col.size(); ++i) m_base_idx[i] = col[i] == dataset::missing ? absent : col[i];
    std::uint64_t stride = static_cast<std::uint64_t>(cards[0]);
    for (std::size_t i = 1; i < base.size(); ++i) {  // sorted parents: any fixed order will do
      add_column(m_base_idx, base[i], stride);
      stride *= static_cast<std::uint64_t>(m_data->cardinality(base[i]));
    }
    m_base_key = std::move(base);
    m_base_size = stride;
  }
  const double q = static_cast<double>(size) / static_cast<double>(cards[0]);
  const std::size_t rows = m_base_idx.size();
  if (size <= 4 * static_cast<std::uint64_t>(rows) + 65536) {
    // Dense: count straight from the base indices and the extra column, in one pass.
    m_dense.assign(static_cast<std::size_t>(size), 0);
    const std::uint64_t* b = m_base_idx.data();
    const dataset::cell* x = cells(extra).data();
    const std::uint64_t stride = m_base_size;
    std::uint32_t* d = m_dense.data();
    if (!m_any_missing && m_weights.empty()) {
      for (std::size_t i = 0; i < rows; ++i) ++d[b[i] + stride * x[i]];
    } else {
      for (std::size_t i = 0; i < rows; ++i)
        if (b[i] != absent && x[i] != dataset::missing) d[b[i] + stride * x[i]] += m_weights.empty() ? 1u : m_weights[i];
    }
    const double s = score_dense(cards[0], q, size);
    m_cache.emplace(std::move(k), s);
    return s;
  }
  std::vector<std::uint64_t> idx = m_base_idx;
  add_column(idx, extra, m_base_size);
  const double s = score_indices(idx, cards[0], static_cast<double>(size) / static_cast<double>(cards[0]), size);
  m_cache.emplace(std::move(k), s);
  return s;
}

inline double structure_score::family_on_rows(Eigen::Index child, std::span<const Eigen::Index> parents,
                                              std::span<const Eigen::Index> also) {
  check_family(child, parents);
  std::vector<Eigen::Index> mask;
  for (const Eigen::Index c : also) {
    if (c < 0 || c >= m_data->columns())
      throw lookup_error("structure score: column " + std::to_string(c) + " out of range (" +
                         std::to_string(m_data->columns()) + " columns)");
    if (c != child && std::find(parents.begin(), parents.end(), c) == parents.end()) mask.push_back(c);
  }
  if (!m_any_missing || mask.empty()) return family(child, parents);
  std::sort(mask.begin(), mask.end());
  mask.erase(std::unique(mask.begin(), mask.end()), mask.end());
  std::vector<Eigen::Index> k = key(child, parents, -1);
  k.push_back(-1);  // then the mask columns: no family key holds -1
  k.insert(k.end(), mask.begin(), mask.end());
  if (const auto it = m_cache.find(k); it != m_cache.end()) return it->second;
  const double s = score_family(child, parents, mask);
  m_cache.emplace(std::move(k), s);
  return s;
}

inline double structure_score::total(const parent_lists& parents) {
  if (static_cast<Eigen::Index>(parents.size()) != m_data->columns())
    throw model_error("structure score: graph over " + std::to_string(parents.size()) + " variables, data has " +
                      std::to_string(m_data->columns()) + " columns");
  double s = 0;
  for (std::size_t v = 0; v < parents.size(); ++v) s += family(static_cast<Eigen::Index>(v), parents[v]);
  return s;
}

}  // namespace pitchrisk
