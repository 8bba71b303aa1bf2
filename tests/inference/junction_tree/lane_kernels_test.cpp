// SPDX-License-Identifier: MIT
// The lanes' kernels (junction_tree/lane_kernels.hpp): the instruction set in use is named,
// chosen and capped to the processor's, bad names are refused with the variable named; each
// kernel of every supported set gives the portable kernel's numbers bit for bit (==) on random
// tables with zeros, tiny and huge values, over the lane widths and block lengths the
// collectors use. (The collectors under each set: lanes_test.cpp.)
#include "pitchrisk/inference/junction_tree/lane_kernels.hpp"
#include "pitchrisk/inference/junction_tree/lanes.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace lane_kernels_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using detail::jt_lane_isa;

namespace {

/// n random numbers of very different sizes, some exactly 0.
std::vector<double> random_numbers(std::size_t n, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::uniform_int_distribution<int> exponent(-300, 300);
  std::vector<double> x(n);
  for (double& v : x) v = u(rng) < 0.1 ? 0.0 : u(rng) * std::pow(10.0, exponent(rng) / 10);
  return x;
}

/// Each kernel of set K against jt_lane_portable's, L lanes, blocks of 1 to 13 entries.
template <class K, int L>
void compare_kernels(std::mt19937_64& rng, long& compared) {
  using P = detail::jt_lane_portable;
  for (Eigen::Index n = 1; n <= 13; ++n) {
    // Room for every kernel below: 12n entries (the slice: 3 runs of 4n), 18 (the likelihood).
    const auto entries = static_cast<std::size_t>(std::max<Eigen::Index>(12 * n, 18));
    const std::vector<double> a = random_numbers(entries * L, rng), b = random_numbers(entries * L, rng);
    INFO("lanes " << L << ", block of " << n);
    {  // sums of n entries per lane
      std::vector<double> want(L), got(L);
      P::block_sum<L>(a.data(), n, want.data());
      K::template block_sum<L>(a.data(), n, got.data());
      CHECK(got == want);
    }
    {  // the product of two tables, entry by entry
      std::vector<double> want(a.size()), got(a.size());
      P::times(want.data(), a.data(), b.data(), static_cast<Eigen::Index>(a.size()));
      K::times(got.data(), a.data(), b.data(), static_cast<Eigen::Index>(a.size()));
      CHECK(got == want);
    }
    {  // each lane scaled
      std::vector<double> want = a, got = a;
      P::scale_lanes<L>(want.data(), n, b.data());
      K::template scale_lanes<L>(got.data(), n, b.data());
      CHECK(got == want);
    }
    {  // a likelihood on a variable of 3 states, `stride` entries apart
      const Eigen::Index stride = 1 + n % 3, size = stride * 3 * 2;
      const std::vector<double> lambda{0.25, 3.0, 0.0};
      std::vector<double> want(a.begin(), a.begin() + size * L), got = want;
      P::apply_likelihood<L>(want.data(), size, stride, 3, lambda.data());
      K::template apply_likelihood<L>(got.data(), size, stride, 3, lambda.data());
      CHECK(got == want);
    }
    {  // a hard finding's slice: state 1 of 2, n entries apart, blocks of 2n, 3 of them
      const Eigen::Index stride = n, period = 2 * n, inner = 2 * period;
      std::vector<double> want(3 * L), got(3 * L);
      P::slice_sums<L>(a.data(), 3, inner, period, stride, 1, want.data());
      K::template slice_sums<L>(a.data(), 3, inner, period, stride, 1, got.data());
      CHECK(got == want);
    }
    ++compared;
  }
}

}  // namespace

TEST_CASE("the kernels' instruction set: named, chosen, capped to the processor's, bad names refused", "[inference][lanes]") {
  const detail::jt_lane_isa best = detail::jt_lane_isa_supported();
  const detail::jt_lane_isa before = detail::jt_lane_isa_in_use();
  CHECK(before <= best);
  CHECK(junction_tree_lanes::instruction_set() == detail::jt_lane_isa_name(before));
  for (const auto isa : {jt_lane_isa::portable, jt_lane_isa::avx2}) {
    CHECK(detail::jt_lane_isa_parse(detail::jt_lane_isa_name(isa)) == isa);
    const detail::jt_lane_isa got = detail::jt_lane_isa_use(isa);
    CHECK(got == std::min(isa, best));
    CHECK(junction_tree_lanes::instruction_set() == detail::jt_lane_isa_name(got));
  }
  detail::jt_lane_isa_use(before);
  for (const char* bad : {"", "AVX2", "avx", "avx512", "avx2 "}) {
    INFO("name '" << bad << "'");
    try {
      (void)detail::jt_lane_isa_parse(bad);
      FAIL("accepted");
    } catch (const error& e) {
      CHECK(std::string(e.what()) == "PITCHRISK_LANES_ISA is '" + std::string(bad) + "', expected portable or avx2");
    }
  }
}

TEST_CASE("every instruction set's kernels give the portable numbers bit for bit", "[inference][lanes]") {
  std::mt19937_64 rng(20261205);
  long compared = 0;
#if PITCHRISK_LANES_X86
  if (detail::jt_lane_isa_supported() >= jt_lane_isa::avx2) {
    compare_kernels<detail::jt_lane_avx2, 50>(rng, compared);
    compare_kernels<detail::jt_lane_avx2, 7>(rng, compared);
    compare_kernels<detail::jt_lane_avx2, 1>(rng, compared);
  }
#endif
  compare_kernels<detail::jt_lane_portable, 4>(rng, compared);  // the reference against itself: runs anywhere
  CHECK(compared >= 13);
}

}  // namespace lane_kernels_test
