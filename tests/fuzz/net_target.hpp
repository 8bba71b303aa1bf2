// SPDX-License-Identifier: MIT
// Fuzz target for the Hugin NET reader: the description round trip of round_trip.hpp (read with
// tight limits, check the network, write, read again: same network, same text).
#pragma once

#include "round_trip.hpp"

#include "pitchrisk/io/net.hpp"

#include <string>
#include <string_view>
#include <utility>

namespace pitchrisk::fuzz {

inline void net_target(std::string_view text) {
  io::net_options options;
  options.build.max_table_entries = fuzz_max_table_entries;
  options.max_file_bytes = 1 << 20;
  options.max_nodes = 2000;
  description_round_trip(
      text, options, "net", "Hugin NET",
      [](std::string_view t, std::string file, const io::net_options& o) {
        return io::read_net_description_string(t, std::move(file), o);
      },
      [](const io::model_description& m) { return io::to_net_string(m); });
}

}  // namespace pitchrisk::fuzz
