// SPDX-License-Identifier: MIT
// The core module: variables, factors, CPTs, the network and its builder, evidence and
// posterior distributions. Everything else in pitchrisk is built on these types.
#pragma once

#include "pitchrisk/core/canonical.hpp"
#include "pitchrisk/core/cpt.hpp"
#include "pitchrisk/core/distribution.hpp"
#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/core/factor.hpp"
#include "pitchrisk/core/graph.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/core/variable.hpp"
#include "pitchrisk/error.hpp"
#include "pitchrisk/version.hpp"
