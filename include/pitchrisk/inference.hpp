// SPDX-License-Identifier: MIT
// The inference module: exact engines (variable elimination, the junction tree), elimination
// orders, batch scoring, and the engine / exact_engine concepts analyses are written to.
#pragma once

#include "pitchrisk/core.hpp"
#include "pitchrisk/inference/elimination_order.hpp"
#include "pitchrisk/inference/batch.hpp"
#include "pitchrisk/inference/engine.hpp"
#include "pitchrisk/inference/junction_tree.hpp"
#include "pitchrisk/inference/triangulation.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"
