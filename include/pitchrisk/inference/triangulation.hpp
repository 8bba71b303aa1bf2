// SPDX-License-Identifier: MIT
// Deprecated: triangulation is greedy elimination, which lives in elimination_order.hpp
// (elimination_heuristic, elimination_result, greedy_elimination). This header only keeps
// old includes compiling; the old names are [[deprecated]] aliases there.
#pragma once

#include "pitchrisk/inference/elimination_order.hpp"
