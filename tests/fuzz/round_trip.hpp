// SPDX-License-Identifier: MIT
// The check shared by the fuzz targets of the description readers (Hugin NET, XMLBIF, XDSL,
// DSL): read the description with the target's tight limits; on success build the network
// and check its invariants, write the description back, read the text again and require
// the same network bit for bit and a stable text (write(read(write(m))) == write(m)). Only
// pitchrisk::error may escape the reader; a model it accepts must be writable.
#pragma once

#include "fuzz_common.hpp"

#include "pitchrisk/io/model_description.hpp"

#include <string>
#include <string_view>

namespace pitchrisk::fuzz {

/// Runs the round trip on `text`. `read(text, file_name, options)` gives a description,
/// `write(description)` its text; `extension` names the files ("net" -> fuzz.net) and
/// `format` the format in findings ("Hugin NET").
template <class Options, class Read, class Write>
void description_round_trip(std::string_view text, const Options& options, std::string_view extension,
                            const std::string& format, Read read, Write write) {
  const std::string ext(extension);
  io::model_description model;
  network net;
  try {
    model = read(text, "fuzz." + ext, options);
    net = io::to_network(model, options.build);
  } catch (const pitchrisk::error&) {
    return;
  }
  check_network_invariants(net);
  std::string written;
  try {
    written = write(model);
  } catch (const pitchrisk::error& e) {
    throw finding(std::string("the reader accepted a model the writer refuses: ") + e.what());
  }
  io::model_description again_model;
  network again;
  try {
    again_model = read(written, "fuzz-roundtrip." + ext, options);
    again = io::to_network(again_model, options.build);
  } catch (const pitchrisk::error& e) {
    throw finding("reading our own " + format + " output failed: " + e.what() + "\n--- text ---\n" + written);
  }
  require_same_model(net, again, format + " round trip");
  require(write(again_model) == written, format + " round trip: the second writing differs from the first");
}

}  // namespace pitchrisk::fuzz
