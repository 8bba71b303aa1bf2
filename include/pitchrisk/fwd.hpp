// SPDX-License-Identifier: MIT
// Forward declarations of the main class templates and their double aliases, for headers
// that only name the types (in signatures, pointers and references) and want to stay light.
#pragma once

#include <Eigen/Core>

namespace pitchrisk {

/// @cond forward_declarations (each entity is documented where it is defined)
using variable_id = Eigen::Index;
struct variable;
class evidence;
struct resolved_evidence;
struct mpe_result;

template <class Real>
class basic_factor;
template <class Real>
class basic_network;
template <class Real>
class basic_network_builder;
template <class Real>
class basic_distribution;
template <class Real>
class basic_variable_elimination;

using factor = basic_factor<double>;
using network = basic_network<double>;
using network_builder = basic_network_builder<double>;
using distribution = basic_distribution<double>;
using variable_elimination = basic_variable_elimination<double>;
/// @endcond


}  // namespace pitchrisk
