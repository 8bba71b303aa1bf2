// SPDX-License-Identifier: MIT
#include "pitchrisk/detail/decimal_snap.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

namespace decimal_snap_test {  // one namespace per file: the tests compile in unity batches

using pitchrisk::detail::decimal_snap;

std::string two_decimals(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return buf;
}

TEST_CASE("decimal_snap makes numbers a few ulps apart print alike", "[detail][decimal_snap]") {
  // 11/8 as two engines give it: printed raw they differ, snapped they agree.
  const double below = std::nextafter(1.375, 0.0), above = std::nextafter(1.375, 2.0);
  CHECK(two_decimals(below) != two_decimals(above));
  CHECK(decimal_snap(below) == 1.375);
  CHECK(decimal_snap(above) == 1.375);
  CHECK(two_decimals(decimal_snap(below)) == two_decimals(decimal_snap(above)));
  // 9 significant digits kept, at any scale; the sign kept.
  CHECK(decimal_snap(0.1 + 0.2) == 0.3);
  CHECK(decimal_snap(123456.7891234) == Approx(123456.789).epsilon(1e-15));
  CHECK(decimal_snap(-2.0000000000000004) == -2.0);
  CHECK(decimal_snap(3.2e-7 * (1 + 1e-15)) == Approx(3.2e-7).epsilon(1e-15));
  CHECK(decimal_snap(1.234567891e300) == Approx(1.23456789e300).epsilon(1e-15));
  // Left as they are: 0, infinities, NaN, subnormals.
  CHECK(decimal_snap(0.0) == 0.0);
  CHECK(std::isinf(decimal_snap(std::numeric_limits<double>::infinity())));
  CHECK(std::isnan(decimal_snap(std::numeric_limits<double>::quiet_NaN())));
  const double tiny = std::numeric_limits<double>::denorm_min() * 3;
  CHECK(decimal_snap(tiny) == tiny);
}

}  // namespace decimal_snap_test
