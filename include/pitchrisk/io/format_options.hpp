// SPDX-License-Identifier: MIT
// The options of the network-file readers: each format's struct adds its own limits and
// leniencies to read_options (column-sum policy, CPT size limit, file-size limit). They live
// apart from the readers so that the readers' internals (io/detail/) can take them without
// including the public headers; users get them through io/bif.hpp, io/dne.hpp and the others.
#pragma once

#include "pitchrisk/io/model_description.hpp"

#include <cstddef>

namespace pitchrisk::io {

/// Options of the BIF reader: those of every reader (column-sum policy with the 1e-4
/// tolerance of printed tables, CPT size limit, file-size limit), and BIF's own.
struct bif_options : read_options {
  bool allow_single_state = false;                    ///< accept `type discrete [ 1 ]` variables
  /// When a variable or state name in a probability block has no exact match, accept the
  /// one declared name equal to it ignoring ASCII case (files edited by hand, pgmpy #2611).
  bool case_insensitive_names = false;
};

/// Options of the DNE reader: those of every reader, and the deepest nesting accepted.
struct dne_options : read_options {
  std::size_t max_nesting = 64;  ///< deepest `{ }` / `( )` nesting accepted
};

/// Options of the DSL reader.
struct dsl_options : read_options {
  std::size_t max_nodes = 100000;  ///< more nodes are refused (size_error)
  std::size_t max_nesting = 1024;  ///< deepest `{ }` / `( )` nesting accepted in a skipped block
};

/// Options of the Hugin NET reader.
struct net_options : read_options {
  std::size_t max_nesting = 1024;       ///< deepest `( )` nesting accepted in a value
  std::size_t max_nodes = 100000;       ///< more nodes are refused (size_error)
};

/// Options of the XDSL reader.
struct xdsl_options : read_options {
  std::size_t max_nodes = 100000;  ///< more `<nodes>` children are refused (size_error)
};

/// Options of the XMLBIF reader.
struct xmlbif_options : read_options {
  std::size_t max_variables = 100000;  ///< more VARIABLE elements are refused (size_error)
};

}  // namespace pitchrisk::io
