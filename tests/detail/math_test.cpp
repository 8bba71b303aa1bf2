// SPDX-License-Identifier: MIT
#include "pitchrisk/detail/math.hpp"

#include <catch2/catch.hpp>

#include <cmath>

namespace math_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

TEST_CASE("log-gamma and digamma match closed forms and SciPy", "[detail][math]") {
  CHECK(detail::log_gamma(5.0) == Approx(std::log(24.0)).epsilon(1e-14));
  CHECK(detail::log_gamma(0.25) == Approx(1.2880225246980774).epsilon(1e-13));  // scipy.special.gammaln
  CHECK(detail::digamma(1.0) == Approx(-0.5772156649015329).epsilon(1e-14));     // -Euler's gamma
  CHECK(detail::digamma(0.3) == Approx(-3.502524222200133).epsilon(1e-13));      // scipy.special.digamma
  CHECK(detail::digamma(11.0) == Approx(detail::digamma(10.0) + 0.1).epsilon(1e-14));
}

TEST_CASE("the chi-squared upper tail matches closed forms and SciPy", "[detail][math]") {
  CHECK(detail::chi_squared_upper_tail(3.0, 2.0) == Approx(std::exp(-1.5)).epsilon(1e-13));  // df 2: exp(-x/2)
  CHECK(detail::chi_squared_upper_tail(40.0, 7.0) == Approx(1.258790387371308e-06).epsilon(1e-10));
  CHECK(detail::chi_squared_upper_tail(0.0, 3.0) == 1.0);
}

TEST_CASE("bad arguments are errors, not NaN", "[detail][math]") {
  REQUIRE_THROWS_AS(detail::log_gamma(0.0), error);
  REQUIRE_THROWS_WITH(detail::digamma(-1.0), Catch::Contains("expected a finite positive number"));
  REQUIRE_THROWS_WITH(detail::chi_squared_upper_tail(1.0, 0.0), Catch::Contains("degrees of freedom"));
  REQUIRE_THROWS_AS(detail::chi_squared_upper_tail(std::nan(""), 1.0), error);
}

}  // namespace math_test
