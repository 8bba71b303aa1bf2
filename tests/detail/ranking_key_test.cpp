// SPDX-License-Identifier: MIT
#include "pitchrisk/detail/ranking_key.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

namespace ranking_key_test {  // one namespace per file: the tests compile in unity batches

using pitchrisk::detail::ranking_key;

TEST_CASE("ranking keys tie magnitudes that only rounding sets apart, and order the others", "[detail][ranking]") {
  // ln 1.5 computed two ways: equal in exact arithmetic, apart in the last bits.
  const double a = std::log(1.5), b = -(std::log(2.0) - std::log(3.0));
  CHECK(ranking_key(a) == ranking_key(b));
  CHECK(ranking_key(2.220446049250313e-16) == ranking_key(0.0));
  CHECK(ranking_key(0.1 + 0.2) == ranking_key(0.3));
  // Apart by more than the resolution: ordered as the numbers.
  CHECK(ranking_key(0.405466) > ranking_key(0.405465));
  CHECK(ranking_key(1e-8) > ranking_key(0.0));
  CHECK(ranking_key(-0.5) < ranking_key(0.0));
  // NaN ranks after every number; huge and infinite magnitudes saturate, keeping their order.
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  CHECK(ranking_key(nan) < ranking_key(-inf));
  CHECK(ranking_key(inf) == ranking_key(1e300));
  CHECK(ranking_key(inf) > ranking_key(700.0));
  CHECK(ranking_key(-inf) < ranking_key(-700.0));
}

}  // namespace ranking_key_test
