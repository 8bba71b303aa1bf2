// SPDX-License-Identifier: MIT
// The analysis module: questions asked of any exact engine about a model and evidence:
// value of information (which unobserved variable to ask about next) and explanations
// (the weight of evidence of each finding for a hypothesis, alone and in context) and
// one-way sensitivity of a posterior to each CPT entry.
#pragma once

#include "pitchrisk/analysis/explanation.hpp"
#include "pitchrisk/analysis/sensitivity.hpp"
#include "pitchrisk/analysis/value_of_information.hpp"
#include "pitchrisk/inference.hpp"
