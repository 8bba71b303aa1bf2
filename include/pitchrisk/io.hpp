// SPDX-License-Identifier: MIT
// The io module: readers and writers of network and case files. Uses only core; file,
// text and number parsing stay here and in detail/, so that core/ remains light.
#pragma once

#include "pitchrisk/io/bif.hpp"
#include "pitchrisk/io/csv.hpp"
#include "pitchrisk/io/dne.hpp"
#include "pitchrisk/io/model_description.hpp"
#include "pitchrisk/io/network_file.hpp"
#include "pitchrisk/io/reference.hpp"
#include "pitchrisk/io/uai.hpp"
