// SPDX-License-Identifier: MIT
// The inference module: exact engines (variable elimination, the junction tree), elimination
// orders, batch scoring, and the engine / exact_engine concepts analyses are written to.
#pragma once

#include "pitchrisk/core.hpp"
#include "pitchrisk/inference/elimination_order.hpp"
#include "pitchrisk/inference/batch.hpp"
#include "pitchrisk/inference/engine.hpp"
#include "pitchrisk/inference/junction_tree.hpp"
#include "pitchrisk/inference/junction_tree/lanes.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"
// Approximate engines (error bars, budgets) and MAP over a subset of variables.
#include "pitchrisk/inference/gibbs_sampling.hpp"
#include "pitchrisk/inference/importance_sampling.hpp"
#include "pitchrisk/inference/likelihood_weighting.hpp"
#include "pitchrisk/inference/loopy_belief_propagation.hpp"
#include "pitchrisk/inference/map.hpp"
