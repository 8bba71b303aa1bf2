// SPDX-License-Identifier: MIT
// Compile-time promises: what each engine models (engine, exact_engine), accessors are noexcept,
// values are regular. Running it does nothing; compiling it is the test.
#include "pitchrisk/core.hpp"
#include "pitchrisk/inference.hpp"

#include <type_traits>
#include <vector>

using namespace pitchrisk;

// Both exact engines meet exact_engine, hence engine, for every real type.
static_assert(engine<variable_elimination>);
static_assert(exact_engine<variable_elimination>);
static_assert(exact_engine<basic_variable_elimination<float>>);
static_assert(exact_engine<basic_variable_elimination<long double>>);
static_assert(engine<junction_tree>);
static_assert(exact_engine<junction_tree>);
static_assert(exact_engine<basic_junction_tree<float>>);
static_assert(exact_engine<basic_junction_tree<long double>>);
// A posterior-only engine (what a sampler offers) meets engine but not exact_engine.
struct posterior_only {
  using real_type = double;
  const basic_network<double>& network() const;
  basic_distribution<double> posterior(variable_id, const evidence&) const;
  std::vector<basic_distribution<double>> posteriors(const evidence&) const;
};
static_assert(engine<posterior_only>);
static_assert(!exact_engine<posterior_only>);
static_assert(std::is_nothrow_move_constructible_v<network>);
static_assert(std::is_nothrow_move_constructible_v<factor>);
static_assert(std::is_copy_constructible_v<evidence>);
static_assert(noexcept(std::declval<const network&>().size()));
static_assert(noexcept(std::declval<const factor&>().scope()));

int main() { return 0; }
