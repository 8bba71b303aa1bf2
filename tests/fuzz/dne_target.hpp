// SPDX-License-Identifier: MIT
// Fuzz target for the DNE reader: read with tight limits; on success check the network's
// invariants, write it back, read the text again and require a bit-identical model and a
// stable text (write(read(write(m))) == write(m)), then run one bounded query. Only
// pitchrisk::error may escape the reader; a model the reader accepts must be writable.
#pragma once

#include "fuzz_common.hpp"

#include "pitchrisk/inference/variable_elimination.hpp"
#include "pitchrisk/io/dne.hpp"

#include <cmath>
#include <string>
#include <string_view>

namespace pitchrisk::fuzz {

/// Runs one input. Returns normally when the input was accepted or refused with a typed
/// error; throws finding (or lets an untyped exception escape) when something is wrong.
inline void dne_target(std::string_view text) {
  io::dne_options options;
  options.build.max_table_entries = fuzz_max_table_entries;
  options.max_file_bytes = 1 << 20;
  network net;
  try {
    net = io::read_dne_string(text, "fuzz.dne", options);
  } catch (const pitchrisk::error&) {
    return;  // a typed refusal is the expected outcome for most inputs
  }
  check_network_invariants(net);

  std::string written;
  try {
    written = io::to_dne_string(net);
  } catch (const pitchrisk::error& e) {
    throw finding(std::string("the reader accepted a model the writer refuses: ") + e.what());
  }
  network again;
  try {
    again = io::read_dne_string(written, "fuzz-roundtrip.dne", options);
  } catch (const pitchrisk::error& e) {
    throw finding(std::string("reading our own DNE output failed: ") + e.what() + "\n--- text ---\n" + written);
  }
  require_same_model(net, again, "DNE round trip");
  require(io::to_dne_string(again) == written, "DNE round trip: the second writing differs from the first");

  // One bounded query: the prior of the first variable, only on small models.
  if (net.size() > 0 && net.size() <= 64) {
    const variable_elimination engine(net, {.max_factor_entries = fuzz_max_factor_entries});
    try {
      const distribution p = engine.posterior(variable_id{0}, evidence{});
      double sum = 0;
      for (Eigen::Index s = 0; s < p.probabilities().size(); ++s) {
        require(std::isfinite(p.probabilities()[s]) && p.probabilities()[s] >= 0, "prior with a NaN or negative entry");
        sum += p.probabilities()[s];
      }
      require(std::abs(sum - 1) <= 1e-9, "prior does not sum to 1");
      const double lpe = engine.log_evidence_probability(evidence{});
      require(std::abs(lpe) <= 1e-9, "log P(no evidence) is not 0");
    } catch (const size_error&) {
      // a model whose elimination would exceed the fuzz factor limit: refused, fine
    }
  }
}

}  // namespace pitchrisk::fuzz
