// SPDX-License-Identifier: MIT
// A number rounded to 9 significant decimal digits before a report prints it with 2 or 3.
// Two engines (or two trees of one engine) give a ratio such as 11/8 as 1.3749999999999998
// or 1.3750000000000002; printed with two decimals they read x1.37 and x1.38. Snapped, both
// are 1.375 and print alike, so a report's text does not depend on the last bits.
#pragma once

#include <cmath>

namespace pitchrisk::detail {

/// `x` rounded to 9 significant decimal digits; 0, infinities, NaN and numbers whose
/// scaling would overflow (subnormals) are returned as they are.
[[nodiscard]] inline double decimal_snap(double x) noexcept {
  if (x == 0 || !std::isfinite(x)) return x;
  const int exponent = static_cast<int>(std::floor(std::log10(std::abs(x))));
  const double scale = std::pow(10.0, 8 - exponent);
  const double snapped = std::round(x * scale) / scale;
  return std::isfinite(snapped) ? snapped : x;
}

}  // namespace pitchrisk::detail
