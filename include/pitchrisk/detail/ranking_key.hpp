// SPDX-License-Identifier: MIT
// The key that ranks a magnitude in a report (a likelihood ratio's logarithm, a change of
// probability): the magnitude rounded to 1e-9. Two magnitudes equal in exact arithmetic
// (two findings with the same table column, ln 1.5 and -ln 1.5) come out of an engine apart
// by rounding (1e-16), by an amount that depends on the tree and the order of the products;
// on the rounded key they tie, and the report breaks the tie by name, so its order is the
// same whichever engine or tree computed the numbers.
#pragma once

#include <cmath>
#include <limits>

namespace pitchrisk::detail {

/// Resolution of ranking_key(): magnitudes closer than this may rank as ties.
inline constexpr double ranking_resolution = 1e-9;

/// round(magnitude / ranking_resolution), saturated to the range of long long; NaN gives
/// the smallest key (ranked after every number when larger keys rank first).
[[nodiscard]] inline long long ranking_key(double magnitude) noexcept {
  constexpr long long lowest = std::numeric_limits<long long>::min();
  if (std::isnan(magnitude)) return lowest;
  const double scaled = std::round(magnitude / ranking_resolution);
  constexpr double limit = 9.0e18;  // below 2^63, exactly representable
  if (scaled >= limit) return static_cast<long long>(limit);
  if (scaled <= -limit) return -static_cast<long long>(limit);
  return static_cast<long long>(scaled);
}

}  // namespace pitchrisk::detail
