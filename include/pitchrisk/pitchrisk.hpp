// SPDX-License-Identifier: MIT
// Everything in one include, for exploring and for small programs. Product code should
// include the module headers (core.hpp, inference.hpp, io.hpp, learning.hpp, analysis.hpp,
// domain.hpp) or single headers, to compile faster.
#pragma once

#include "pitchrisk/analysis.hpp"
#include "pitchrisk/core.hpp"
#include "pitchrisk/domain.hpp"
#include "pitchrisk/inference.hpp"
#include "pitchrisk/io.hpp"
#include "pitchrisk/learning.hpp"
