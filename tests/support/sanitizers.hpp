// SPDX-License-Identifier: MIT
// How much slower a sanitizer build runs: tests that bound a running time (to catch
// input-driven hangs, not to measure speed) multiply their bound by it.
#pragma once

namespace pitchrisk::test {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr double sanitizer_slowdown = 20.0;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
inline constexpr double sanitizer_slowdown = 20.0;
#else
inline constexpr double sanitizer_slowdown = 1.0;
#endif
#else
inline constexpr double sanitizer_slowdown = 1.0;
#endif

}  // namespace pitchrisk::test
