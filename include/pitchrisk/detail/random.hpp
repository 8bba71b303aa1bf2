// SPDX-License-Identifier: MIT
// Small, fast, seedable random streams for the samplers and learners: splitmix64 to derive
// independent seeds (one per block of rows, per restart ...) and xoshiro256++ as the stream,
// so that results depend on the seed and the block, never on the thread that ran the block.
#pragma once

#include <cstdint>

namespace pitchrisk::detail {

/// One step of splitmix64: a well-mixed 64-bit value from a counter.
[[nodiscard]] constexpr std::uint64_t splitmix64(std::uint64_t x) noexcept {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

/// xoshiro256++ (Blackman & Vigna), seeded from (seed, stream) through splitmix64.
class random_stream {
 public:
  using result_type = std::uint64_t;
  random_stream(std::uint64_t seed, std::uint64_t stream) noexcept {
    std::uint64_t x = splitmix64(seed) ^ splitmix64(stream + 0x632BE59BD9B4E019ULL);
    for (auto& s : m_s) {
      x = splitmix64(x);
      s = x;
    }
  }
  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept { return ~result_type{0}; }
  result_type operator()() noexcept {
    const std::uint64_t result = rotl(m_s[0] + m_s[3], 23) + m_s[0];
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
  }
  /// Uniform in [0, 1) with 53 random bits.
  double uniform() noexcept { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
  std::uint64_t m_s[4];
};

}  // namespace pitchrisk::detail
