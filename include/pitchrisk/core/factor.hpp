// SPDX-License-Identifier: MIT
// A factor: a non-negative table over a set of discrete variables, the unit of every
// exact inference algorithm. One contiguous Eigen array per factor, scope sorted by
// variable id, first variable fastest. Example, scope (A, B) with |A| = 2, |B| = 3:
//   values = [ f(a0,b0) f(a1,b0) f(a0,b1) f(a1,b1) f(a0,b2) f(a1,b2) ]
#pragma once

#include "pitchrisk/core/variable.hpp"
#include "pitchrisk/detail/strides.hpp"
#include "pitchrisk/error.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace pitchrisk {

/// A non-negative table over a set of variables (its scope, sorted by id), stored in one
/// contiguous array with the first scope variable fastest (see the example at the top of
/// this header). The operations on factors are the free functions below.
template <class Real>
class basic_factor {
 public:
  /// The table, one entry per joint state of the scope.
  using array_type = Eigen::Array<Real, Eigen::Dynamic, 1>;

  /// The constant factor 1 (empty scope, one entry).
  basic_factor() : m_values(array_type::Ones(1)) {}
  /// A factor over `scope` (strictly increasing ids) with these cardinalities and values.
  /// Throws: model_error if the scope is unsorted or the value count is wrong.
  basic_factor(std::vector<variable_id> scope, std::vector<Eigen::Index> cards, array_type values);
  /// A factor over `scope` with every entry equal to `value`.
  [[nodiscard]] static basic_factor filled(std::vector<variable_id> scope,
                                           std::vector<Eigen::Index> cards, Real value);

  /// The variables of the table, strictly increasing ids.
  [[nodiscard]] const std::vector<variable_id>& scope() const noexcept { return m_scope; }
  /// Number of states of each scope variable, in scope order.
  [[nodiscard]] const std::vector<Eigen::Index>& cardinalities() const noexcept { return m_cards; }
  /// The entries, first scope variable fastest.
  [[nodiscard]] const array_type& values() const noexcept { return m_values; }
  /// The entries, writable in place (the size must not change; entries should stay >= 0).
  [[nodiscard]] array_type& values() noexcept { return m_values; }
  /// Number of entries: the product of the cardinalities (1 for the empty scope).
  [[nodiscard]] Eigen::Index size() const noexcept { return m_values.size(); }
  /// Position of `v` in the scope, or -1.
  [[nodiscard]] Eigen::Index position(variable_id v) const noexcept;
  /// Whether `v` is in the scope. Complexity: O(log scope size).
  [[nodiscard]] bool contains(variable_id v) const noexcept { return position(v) >= 0; }
  /// Stride of `v` in the table, 0 if `v` is not in the scope.
  [[nodiscard]] Eigen::Index stride(variable_id v) const noexcept;
  /// Entry at the given states, one per scope variable (in scope order).
  /// Throws: error on a wrong number of states or a state out of range.
  [[nodiscard]] Real at(std::span<const Eigen::Index> states) const;

  /// Same scope, same cardinalities and exactly equal entries.
  friend bool operator==(const basic_factor& a, const basic_factor& b) {
    return a.m_scope == b.m_scope && a.m_cards == b.m_cards &&
           a.m_values.size() == b.m_values.size() && (a.m_values == b.m_values).all();
  }

 private:
  std::vector<variable_id> m_scope;
  std::vector<Eigen::Index> m_cards;
  array_type m_values;
};

/// The factor of the double-precision engines.
using factor = basic_factor<double>;


/// Product of two factors over the union of their scopes.
/// Complexity: O(size of the result).
template <class Real>
[[nodiscard]] basic_factor<Real> multiply(const basic_factor<Real>& a, const basic_factor<Real>& b);

/// Sums `v` out of `f` (returns `f` unchanged if `v` is not in its scope).
template <class Real>
[[nodiscard]] basic_factor<Real> sum_out(const basic_factor<Real>& f, variable_id v);

/// Maximises `v` out of `f`; if `argmax` is given it receives, per entry of the result,
/// the first state of `v` that attains the maximum.
template <class Real>
[[nodiscard]] basic_factor<Real> max_out(const basic_factor<Real>& f, variable_id v,
                                         std::vector<Eigen::Index>* argmax = nullptr);

/// Keeps only the entries where `v` is in `state`, dropping `v` from the scope (returns `f`
/// unchanged if `v` is not in its scope). Throws: evidence_error if `state` is out of range.
template <class Real>
[[nodiscard]] basic_factor<Real> reduce(const basic_factor<Real>& f, variable_id v, Eigen::Index state);

/// Multiplies, in place, every entry by `lambda[state of v]` (soft evidence on `v`).
/// Throws: error if `v` is not in the scope; evidence_error if `lambda` has the wrong size.
template <class Real>
void multiply_by_likelihood(basic_factor<Real>& f, variable_id v,
                            const std::type_identity_t<Eigen::Array<Real, Eigen::Dynamic, 1>>& lambda);

/// Divides by the total so the entries sum to 1; returns the total.
/// Throws: evidence_error if the total is zero or not finite.
template <class Real>
Real normalize(basic_factor<Real>& f);

/// Builds a factor from a table laid out in another variable order: `order` lists the
/// variables of `values` fastest first, with `cards` in the same order. The result has the
/// sorted-scope layout. Throws: model_error on duplicates or a wrong value count.
template <class Real>
[[nodiscard]] basic_factor<Real> from_layout(std::span<const variable_id> order,
                                             std::span<const Eigen::Index> cards,
                                             const Eigen::Array<Real, Eigen::Dynamic, 1>& values);

/// The inverse of from_layout: the entries of `f` listed with `order` fastest first
/// (`order` must be a permutation of the scope). Throws: error if it is not.

template <class Real>
[[nodiscard]] Eigen::Array<Real, Eigen::Dynamic, 1> to_layout(const basic_factor<Real>& f,
                                                              std::span<const variable_id> order);

// ---------------------------------------------------------------------------------------
// Definitions

template <class Real>
basic_factor<Real>::basic_factor(std::vector<variable_id> scope, std::vector<Eigen::Index> cards,
                                 array_type values)
    : m_scope(std::move(scope)), m_cards(std::move(cards)), m_values(std::move(values)) {
  if (m_scope.size() != m_cards.size())
    throw model_error("factor: scope has " + std::to_string(m_scope.size()) + " variables but " +
                      std::to_string(m_cards.size()) + " cardinalities");
  Eigen::Index n = 1;
  for (std::size_t i = 0; i < m_scope.size(); ++i) {
    if (i > 0 && m_scope[i - 1] >= m_scope[i])
      throw model_error("factor: scope must be strictly increasing variable ids");
    if (m_cards[i] < 1) throw model_error("factor: cardinality must be at least 1");
    n *= m_cards[i];
  }
  if (m_values.size() != n)
    throw model_error("factor: expected " + std::to_string(n) + " values, got " +
                      std::to_string(m_values.size()));
}

template <class Real>
basic_factor<Real> basic_factor<Real>::filled(std::vector<variable_id> scope,
                                              std::vector<Eigen::Index> cards, Real value) {
  Eigen::Index n = 1;
  for (const Eigen::Index c : cards) n *= c;
  return basic_factor(std::move(scope), std::move(cards), array_type::Constant(n, value));
}

template <class Real>
Eigen::Index basic_factor<Real>::position(variable_id v) const noexcept {
  const auto it = std::lower_bound(m_scope.begin(), m_scope.end(), v);
  return (it != m_scope.end() && *it == v) ? static_cast<Eigen::Index>(it - m_scope.begin()) : -1;
}

template <class Real>
Eigen::Index basic_factor<Real>::stride(variable_id v) const noexcept {
  Eigen::Index s = 1;
  for (std::size_t i = 0; i < m_scope.size(); ++i) {
    if (m_scope[i] == v) return s;
    s *= m_cards[i];
  }
  return 0;
}

template <class Real>
Real basic_factor<Real>::at(std::span<const Eigen::Index> states) const {
  if (states.size() != m_scope.size()) throw error("factor::at: wrong number of states");
  Eigen::Index idx = 0, s = 1;
  for (std::size_t i = 0; i < states.size(); ++i) {
    if (states[i] < 0 || states[i] >= m_cards[i]) throw error("factor::at: state out of range");
    idx += states[i] * s;
    s *= m_cards[i];
  }
  return m_values[idx];
}

namespace detail {

/// Sorted union of two sorted scopes with their cardinalities.
inline void scope_union(const std::vector<variable_id>& sa, const std::vector<Eigen::Index>& ca,
                        const std::vector<variable_id>& sb, const std::vector<Eigen::Index>& cb,
                        std::vector<variable_id>& out_scope, std::vector<Eigen::Index>& out_cards) {
  out_scope.clear();
  out_cards.clear();
  std::size_t i = 0, j = 0;
  while (i < sa.size() || j < sb.size()) {
    if (j == sb.size() || (i < sa.size() && sa[i] < sb[j])) {
      out_scope.push_back(sa[i]);
      out_cards.push_back(ca[i++]);
    } else if (i == sa.size() || sb[j] < sa[i]) {
      out_scope.push_back(sb[j]);
      out_cards.push_back(cb[j++]);
    } else {
      out_scope.push_back(sa[i]);
      out_cards.push_back(ca[i]);
      ++i;
      ++j;
    }
  }
}

/// Strides of factor `f` aligned with the dimensions of `scope` (0 where absent).
template <class Real>
std::vector<Eigen::Index> aligned_strides(const basic_factor<Real>& f,
                                          const std::vector<variable_id>& scope) {
  std::vector<Eigen::Index> s(scope.size(), 0);
  Eigen::Index acc = 1;
  std::size_t j = 0;
  for (std::size_t i = 0; i < f.scope().size(); ++i) {
    while (scope[j] != f.scope()[i]) ++j;
    s[j] = acc;
    acc *= f.cardinalities()[i];
  }
  return s;
}

/// inner = product of cardinalities before position p; outer = after it.
template <class Real>
void split_at(const basic_factor<Real>& f, Eigen::Index p, Eigen::Index& inner, Eigen::Index& card,
              Eigen::Index& outer) {
  inner = 1;
  outer = 1;
  for (Eigen::Index i = 0; i < p; ++i) inner *= f.cardinalities()[static_cast<std::size_t>(i)];
  card = f.cardinalities()[static_cast<std::size_t>(p)];
  for (std::size_t i = static_cast<std::size_t>(p) + 1; i < f.scope().size(); ++i)
    outer *= f.cardinalities()[i];
}

template <class T>
std::vector<T> erase_at(std::vector<T> v, Eigen::Index p) {
  v.erase(v.begin() + p);
  return v;
}

}  // namespace detail

template <class Real>
basic_factor<Real> multiply(const basic_factor<Real>& a, const basic_factor<Real>& b) {
  std::vector<variable_id> scope;
  std::vector<Eigen::Index> cards;
  detail::scope_union(a.scope(), a.cardinalities(), b.scope(), b.cardinalities(), scope, cards);
  Eigen::Index n = 1;
  for (const Eigen::Index c : cards) n *= c;
  typename basic_factor<Real>::array_type out(n);
  if (scope == a.scope() && scope == b.scope()) {
    out = a.values() * b.values();
  } else {
    const std::vector<Eigen::Index> sa = detail::aligned_strides(a, scope);
    const std::vector<Eigen::Index> sb = detail::aligned_strides(b, scope);
    const Real* pa = a.values().data();
    const Real* pb = b.values().data();
    Real* po = out.data();
    detail::for_each_offset<2>(cards, {sa.data(), sb.data()},
                               [&](const std::array<Eigen::Index, 2>& o) { *po++ = pa[o[0]] * pb[o[1]]; });
  }
  return basic_factor<Real>(std::move(scope), std::move(cards), std::move(out));
}

template <class Real>
basic_factor<Real> sum_out(const basic_factor<Real>& f, variable_id v) {
  const Eigen::Index p = f.position(v);
  if (p < 0) return f;
  Eigen::Index inner, card, outer;
  detail::split_at(f, p, inner, card, outer);
  using array_type = typename basic_factor<Real>::array_type;
  using matrix_map = Eigen::Map<const Eigen::Array<Real, Eigen::Dynamic, Eigen::Dynamic>>;
  array_type out(inner * outer);
  for (Eigen::Index o = 0; o < outer; ++o) {
    const matrix_map block(f.values().data() + o * inner * card, inner, card);
    out.segment(o * inner, inner) = block.rowwise().sum();
  }
  return basic_factor<Real>(detail::erase_at(f.scope(), p), detail::erase_at(f.cardinalities(), p),
                            std::move(out));
}

template <class Real>
basic_factor<Real> max_out(const basic_factor<Real>& f, variable_id v, std::vector<Eigen::Index>* argmax) {
  const Eigen::Index p = f.position(v);
  if (p < 0) {
    if (argmax) argmax->assign(static_cast<std::size_t>(f.size()), 0);
    return f;
  }
  Eigen::Index inner, card, outer;
  detail::split_at(f, p, inner, card, outer);
  typename basic_factor<Real>::array_type out(inner * outer);
  if (argmax) argmax->assign(static_cast<std::size_t>(inner * outer), 0);
  const Real* in = f.values().data();
  for (Eigen::Index o = 0; o < outer; ++o)
    for (Eigen::Index i = 0; i < inner; ++i) {
      const Real* base = in + o * inner * card + i;
      Real best = base[0];
      Eigen::Index arg = 0;
      for (Eigen::Index c = 1; c < card; ++c)
        if (base[c * inner] > best) {
          best = base[c * inner];
          arg = c;
        }
      out[o * inner + i] = best;
      if (argmax) (*argmax)[static_cast<std::size_t>(o * inner + i)] = arg;
    }
  return basic_factor<Real>(detail::erase_at(f.scope(), p), detail::erase_at(f.cardinalities(), p),
                            std::move(out));
}

template <class Real>
basic_factor<Real> reduce(const basic_factor<Real>& f, variable_id v, Eigen::Index state) {
  const Eigen::Index p = f.position(v);
  if (p < 0) return f;
  Eigen::Index inner, card, outer;
  detail::split_at(f, p, inner, card, outer);
  if (state < 0 || state >= card) throw evidence_error("reduce: state index out of range");
  typename basic_factor<Real>::array_type out(inner * outer);
  for (Eigen::Index o = 0; o < outer; ++o)
    out.segment(o * inner, inner) = f.values().segment((o * card + state) * inner, inner);
  return basic_factor<Real>(detail::erase_at(f.scope(), p), detail::erase_at(f.cardinalities(), p),
                            std::move(out));
}

template <class Real>
void multiply_by_likelihood(basic_factor<Real>& f, variable_id v,
                            const std::type_identity_t<Eigen::Array<Real, Eigen::Dynamic, 1>>& lambda) {
  const Eigen::Index p = f.position(v);
  if (p < 0) throw error("multiply_by_likelihood: variable not in the factor's scope");
  Eigen::Index inner, card, outer;
  detail::split_at(f, p, inner, card, outer);
  if (lambda.size() != card) throw evidence_error("multiply_by_likelihood: wrong likelihood size");
  for (Eigen::Index o = 0; o < outer; ++o)
    for (Eigen::Index c = 0; c < card; ++c) f.values().segment((o * card + c) * inner, inner) *= lambda[c];
}

template <class Real>
Real normalize(basic_factor<Real>& f) {
  const Real total = f.values().sum();
  if (!(total > Real(0)) || !std::isfinite(static_cast<double>(total)))
    throw evidence_error("normalize: total mass is " + std::to_string(static_cast<double>(total)) +
                         ", expected a positive finite number");
  f.values() /= total;
  return total;
}

template <class Real>
basic_factor<Real> from_layout(std::span<const variable_id> order, std::span<const Eigen::Index> cards,
                               const Eigen::Array<Real, Eigen::Dynamic, 1>& values) {
  if (order.size() != cards.size()) throw model_error("from_layout: order and cardinalities differ in length");
  std::vector<std::size_t> perm(order.size());
  for (std::size_t i = 0; i < perm.size(); ++i) perm[i] = i;
  std::sort(perm.begin(), perm.end(), [&](std::size_t x, std::size_t y) { return order[x] < order[y]; });
  std::vector<variable_id> scope(order.size());
  std::vector<Eigen::Index> scards(order.size());
  const std::vector<Eigen::Index> in_strides = detail::natural_strides(cards);
  std::vector<Eigen::Index> strides(order.size());
  for (std::size_t i = 0; i < perm.size(); ++i) {
    scope[i] = order[perm[i]];
    scards[i] = cards[perm[i]];
    strides[i] = in_strides[perm[i]];
    if (i > 0 && scope[i] == scope[i - 1]) throw model_error("from_layout: a variable appears twice");
  }
  Eigen::Index n = 1;
  for (const Eigen::Index c : cards) n *= c;
  if (values.size() != n)
    throw model_error("from_layout: expected " + std::to_string(n) + " values, got " +
                      std::to_string(values.size()));
  typename basic_factor<Real>::array_type out(n);
  Real* po = out.data();
  const Real* pv = values.data();
  detail::for_each_offset<1>(scards, {strides.data()},
                             [&](const std::array<Eigen::Index, 1>& o) { *po++ = pv[o[0]]; });
  return basic_factor<Real>(std::move(scope), std::move(scards), std::move(out));
}

template <class Real>
Eigen::Array<Real, Eigen::Dynamic, 1> to_layout(const basic_factor<Real>& f, std::span<const variable_id> order) {
  if (order.size() != f.scope().size()) throw error("to_layout: order is not a permutation of the scope");
  std::vector<Eigen::Index> cards(order.size()), strides(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    const Eigen::Index p = f.position(order[i]);
    if (p < 0) throw error("to_layout: order is not a permutation of the scope");
    cards[i] = f.cardinalities()[static_cast<std::size_t>(p)];
    strides[i] = f.stride(order[i]);
  }
  Eigen::Array<Real, Eigen::Dynamic, 1> out(f.size());
  Real* po = out.data();
  const Real* pf = f.values().data();
  detail::for_each_offset<1>(cards, {strides.data()},
                             [&](const std::array<Eigen::Index, 1>& o) { *po++ = pf[o[0]]; });
  return out;
}

}  // namespace pitchrisk
