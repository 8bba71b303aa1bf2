// SPDX-License-Identifier: MIT
// The learning module: data sets, counts, sampling, parameter learning (maximum
// likelihood, Dirichlet priors, EM with missing values), structure learning (scores, hill
// climbing and tabu, PC-stable, essential graphs) and evaluation on held-out data.
#pragma once

#include "pitchrisk/learning/counts.hpp"
#include "pitchrisk/learning/dataset.hpp"
#include "pitchrisk/learning/em.hpp"
#include "pitchrisk/learning/essential_graph.hpp"
#include "pitchrisk/learning/evaluation.hpp"
#include "pitchrisk/learning/hill_climbing.hpp"
#include "pitchrisk/learning/parameter_estimation.hpp"
#include "pitchrisk/learning/pc.hpp"
#include "pitchrisk/learning/sampling.hpp"
#include "pitchrisk/learning/structure_constraints.hpp"
#include "pitchrisk/learning/structure_score.hpp"
