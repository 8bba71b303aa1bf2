// SPDX-License-Identifier: MIT
// The domain module: the approach-risk model (vocabulary, network, case files) and what is
// done with it: the assessment of an evidence set (score, interval, findings, questions,
// caveats), the timeline of a case, and text, TSV and Graphviz renderings. The JSON
// rendering, domain/approach/report_json.hpp, is not included: it needs nlohmann-json
// (link pitchrisk::json).
#pragma once

#include "pitchrisk/analysis.hpp"
#include "pitchrisk/domain/approach/assessment.hpp"
#include "pitchrisk/domain/approach/calibration.hpp"
#include "pitchrisk/domain/approach/case_date.hpp"
#include "pitchrisk/domain/approach/case_file.hpp"
#include "pitchrisk/domain/approach/compiled_model.hpp"
#include "pitchrisk/domain/approach/learned_model.hpp"
#include "pitchrisk/domain/approach/model.hpp"
#include "pitchrisk/domain/approach/observation.hpp"
#include "pitchrisk/domain/approach/report.hpp"
#include "pitchrisk/domain/approach/stage_scores.hpp"
#include "pitchrisk/domain/approach/timeline.hpp"
#include "pitchrisk/domain/approach/uncertainty.hpp"
#include "pitchrisk/domain/approach/vocabulary.hpp"
