// SPDX-License-Identifier: MIT
// Fuzz target for the CSV reader: read free-standing and against a small network; on
// success check the data set's invariants (cells in range, missing count), write it back,
// read the text again and require the same names, states and cells, and a stable text
// (write(read(write(d))) == write(d)). Only pitchrisk::error may escape the reader.
#pragma once

#include "fuzz_common.hpp"

#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/io/csv.hpp"

#include <string>
#include <string_view>

namespace pitchrisk::fuzz {

/// Every cell is a state index of its column or `missing`; the missing count adds up.
inline void check_dataset_invariants(const dataset& d) {
  Eigen::Index missing = 0;
  for (Eigen::Index c = 0; c < d.columns(); ++c) {
    require(d.cardinality(c) >= 1 && d.cardinality(c) <= 255, "a column with 0 or more than 255 states");
    require(d.column_of(d.name(c)) == c, "name lookup does not give the column back");
    const auto col = d.column(c);
    require(static_cast<Eigen::Index>(col.size()) == d.rows(), "a column of the wrong length");
    for (const dataset::cell x : col) {
      if (x == dataset::missing) ++missing;
      else require(x < d.cardinality(c), "a cell out of its column's range");
    }
  }
  require(missing == d.missing_cells(), "missing_cells() does not match the cells");
}

/// Same names, states (by name) and cells.
inline void require_same_data(const dataset& a, const dataset& b, const std::string& what) {
  require(a.columns() == b.columns() && a.rows() == b.rows(), what + ": shape differs");
  for (Eigen::Index c = 0; c < a.columns(); ++c) {
    require(a.name(c) == b.name(c), what + ": column name differs");
    const auto ca = a.column(c), cb = b.column(c);
    for (std::size_t r = 0; r < ca.size(); ++r) {
      require((ca[r] == dataset::missing) == (cb[r] == dataset::missing), what + ": a missing cell moved");
      if (ca[r] != dataset::missing)
        require(a.states(c)[ca[r]] == b.states(c)[cb[r]], what + ": a cell changed state");
    }
  }
}

/// A small network for the matched reading: names and states a fuzzer finds in the dictionary.
inline const network& csv_fuzz_network() {
  static const network net = [] {
    network_builder b("fuzz");
    b.add_variable("a", {"yes", "no"});
    b.add_variable("b", {"x", "y", "z"});
    b.add_variable("c", {"0", "1"});
    for (const char* v : {"a", "b", "c"}) {
      const auto k = static_cast<std::size_t>(b.variable(b.id(v)).cardinality());
      b.set_cpt(v, {}, std::vector<double>(k, 1.0 / static_cast<double>(k)));
    }
    return b.build();
  }();
  return net;
}

inline void csv_target(std::string_view text) {
  io::csv_options options;
  options.max_cell_bytes = 4096;
  // Free-standing.
  try {
    const dataset d = io::read_csv_string(text, "fuzz.csv", options);
    check_dataset_invariants(d);
    const std::string written = io::to_csv_string(d, options);
    dataset again;
    try {
      again = io::read_csv_string(written, "fuzz-roundtrip.csv", options);
    } catch (const pitchrisk::error& e) {
      throw finding(std::string("reading our own CSV output failed: ") + e.what() + "\n--- text ---\n" + written);
    }
    require_same_data(d, again, "CSV round trip");
    require(io::to_csv_string(again, options) == written, "CSV round trip: the second writing differs");
  } catch (const pitchrisk::error&) {
  }
  // Against a network.
  try {
    const network& net = csv_fuzz_network();
    const dataset d = io::read_csv_string(text, net, "fuzz.csv", options);
    check_dataset_invariants(d);
    require(d.columns() == net.size(), "a matched data set without one column per variable");
    const std::string written = io::to_csv_string(d, options);
    dataset again;
    try {
      again = io::read_csv_string(written, net, "fuzz-roundtrip.csv", options);
    } catch (const pitchrisk::error& e) {
      throw finding(std::string("reading our own CSV output against the network failed: ") + e.what());
    }
    require_same_data(d, again, "CSV round trip (network)");
  } catch (const pitchrisk::error&) {
  }
}

}  // namespace pitchrisk::fuzz
