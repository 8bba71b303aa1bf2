// SPDX-License-Identifier: MIT
// Fuzz target for the UAI reader: read the model with tight limits; a BAYES model the
// reader accepts must pass the network invariants, be writable, read back bit-identical
// and write stably; any model must also become a factor network or be refused with a typed
// error; and the same bytes read as an evidence file must give a typed error or samples
// within range. Only pitchrisk::error may escape the readers.
#pragma once

#include "fuzz_common.hpp"

#include "pitchrisk/io/uai.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace pitchrisk::fuzz {

/// Runs one input. Returns normally when the input was accepted or refused with a typed
/// error; throws finding when something is wrong.
inline void uai_target(std::string_view text) {
  io::read_options options;
  options.build.max_table_entries = fuzz_max_table_entries;
  options.max_file_bytes = 1 << 20;

  // The bytes as an evidence file for a small model.
  const std::vector<Eigen::Index> cards{2, 3, 2, 4};
  try {
    for (const io::uai_sample& sample : io::read_uai_evidence_string(text, cards, "fuzz.evid"))
      for (const auto& [v, s] : sample)
        require(v < cards.size() && s >= 0 && s < cards[v], "evidence reader returned an out-of-range finding");
  } catch (const pitchrisk::error&) {
  }

  io::uai_model model;
  try {
    model = io::read_uai_model_string(text, "fuzz.uai", options);
  } catch (const pitchrisk::error&) {
    return;
  }
  if (model.cardinalities.size() <= 64) {
    try {
      const io::factor_network fn = io::to_factor_network(model, options.build);
      check_network_invariants(fn.net);
    } catch (const pitchrisk::error&) {
    }
  }
  network net;
  try {
    net = io::to_network(io::describe(model), options.build);
  } catch (const pitchrisk::error&) {
    return;
  }
  check_network_invariants(net);
  std::string written;
  try {
    written = io::to_uai_string(net);
  } catch (const pitchrisk::error& e) {
    throw finding(std::string("the reader accepted a model the UAI writer refuses: ") + e.what());
  }
  network again;
  try {
    again = io::read_uai_string(written, "fuzz-roundtrip.uai", options);
  } catch (const pitchrisk::error& e) {
    throw finding(std::string("reading our own UAI output failed: ") + e.what() + "\n--- text ---\n" + written);
  }
  // Names are not in UAI: compare structure and numbers by position.
  require(again.size() == net.size(), "UAI round trip: variable count differs");
  for (const variable_id v : net.variables()) {
    require(again.cardinality(v) == net.cardinality(v), "UAI round trip: a domain size differs");
    const auto pa = net.parents(v), pb = again.parents(v);
    require(std::vector<variable_id>(pa.begin(), pa.end()) == std::vector<variable_id>(pb.begin(), pb.end()),
            "UAI round trip: parents differ");
    const Eigen::ArrayXd ca = net.cpt_columns(v, true), cb = again.cpt_columns(v, true);
    require(ca.size() == cb.size() && (ca == cb).all(), "UAI round trip: CPT numbers are not identical");
  }
  require(io::to_uai_string(again) == written, "UAI round trip: the second writing differs from the first");
}

}  // namespace pitchrisk::fuzz
