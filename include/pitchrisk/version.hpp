// SPDX-License-Identifier: MIT
// pitchrisk version: the single source of the version number.
// CMake parses PITCHRISK_VERSION_STRING from this file (as Eigen and fmt do), so the
// version is written once. Semantic versioning; 0.y releases may change the API.
#pragma once

#define PITCHRISK_VERSION_MAJOR 0
#define PITCHRISK_VERSION_MINOR 1
#define PITCHRISK_VERSION_PATCH 0
#define PITCHRISK_VERSION_STRING "0.1.0"
