// SPDX-License-Identifier: MIT
// Compile-time promises: engines meet the exact_engine concept, accessors are noexcept,
// values are regular. Running it does nothing; compiling it is the test.
#include "pitchrisk/core.hpp"
#include "pitchrisk/inference.hpp"

#include <type_traits>

using namespace pitchrisk;

static_assert(exact_engine<variable_elimination>);
static_assert(exact_engine<basic_variable_elimination<float>>);
static_assert(exact_engine<basic_variable_elimination<long double>>);
static_assert(std::is_nothrow_move_constructible_v<network>);
static_assert(std::is_nothrow_move_constructible_v<factor>);
static_assert(std::is_copy_constructible_v<evidence>);
static_assert(noexcept(std::declval<const network&>().size()));
static_assert(noexcept(std::declval<const factor&>().scope()));

int main() { return 0; }
