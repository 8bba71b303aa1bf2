// SPDX-License-Identifier: MIT
// Fuzz target for the XMLBIF reader: read the description with tight limits; on success build
// the network and check its invariants, write the description back, read the text again
// and require the same network bit for bit and a stable text (write(read(write(m))) ==
// write(m)). Only pitchrisk::error may escape the reader; a model it accepts must be writable.
#pragma once

#include "fuzz_common.hpp"

#include "pitchrisk/io/xmlbif.hpp"

#include <string>
#include <string_view>

namespace pitchrisk::fuzz {

inline void xmlbif_target(std::string_view text) {
  io::xmlbif_options options;
  options.build.max_table_entries = fuzz_max_table_entries;
  options.max_file_bytes = 1 << 20;
  options.max_variables = 2000;
  io::model_description model;
  network net;
  try {
    model = io::read_xmlbif_description_string(text, "fuzz.xml", options);
    net = io::to_network(model, options.build);
  } catch (const pitchrisk::error&) {
    return;
  }
  check_network_invariants(net);
  std::string written;
  try {
    written = io::to_xmlbif_string(model);
  } catch (const pitchrisk::error& e) {
    throw finding(std::string("the reader accepted a model the writer refuses: ") + e.what());
  }
  io::model_description again_model;
  network again;
  try {
    again_model = io::read_xmlbif_description_string(written, "fuzz-roundtrip.xml", options);
    again = io::to_network(again_model, options.build);
  } catch (const pitchrisk::error& e) {
    throw finding(std::string("reading our own XMLBIF output failed: ") + e.what() + "\n--- text ---\n" + written);
  }
  require_same_model(net, again, "XMLBIF round trip");
  require(io::to_xmlbif_string(again_model) == written, "XMLBIF round trip: the second writing differs from the first");
}

}  // namespace pitchrisk::fuzz
