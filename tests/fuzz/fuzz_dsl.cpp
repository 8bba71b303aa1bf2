// SPDX-License-Identifier: MIT
// libFuzzer entry point for the GeNIe DSL reader (see dsl_target.hpp). Also linked with
// replay_main.cpp into a plain executable that replays files and folders.
#include "dsl_target.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  pitchrisk::fuzz::dsl_target(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
