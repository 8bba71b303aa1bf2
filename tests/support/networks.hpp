// SPDX-License-Identifier: MIT
// Tiny networks built through the public builder, for tests that must not depend on the
// shared data: asia (Lauritzen & Spiegelhalter 1988), a random-network generator with
// seeded Dirichlet-like CPTs (including zeros and near-deterministic columns).
#pragma once

#include "pitchrisk/core.hpp"

#include <random>
#include <string>
#include <vector>

namespace pitchrisk::test {

/// The asia network ("chest clinic"), numbers as published by Lauritzen & Spiegelhalter.
inline network asia() {
  network_builder b("asia");
  for (const char* v : {"asia", "tub", "smoke", "lung", "bronc", "either", "xray", "dysp"}) b.add_variable(v, {"yes", "no"});
  b.set_cpt("asia", {}, {0.01, 0.99});
  b.set_cpt("tub", {"asia"}, {0.05, 0.95, 0.01, 0.99});
  b.set_cpt("smoke", {}, {0.5, 0.5});
  b.set_cpt("lung", {"smoke"}, {0.1, 0.9, 0.01, 0.99});
  b.set_cpt("bronc", {"smoke"}, {0.6, 0.4, 0.3, 0.7});
  // either = tub or lung (deterministic); columns with the first parent (lung) fastest.
  b.set_cpt("either", {"lung", "tub"}, {1, 0, 1, 0, 1, 0, 0, 1});
  b.set_cpt("xray", {"either"}, {0.98, 0.02, 0.05, 0.95});
  b.set_cpt("dysp", {"bronc", "either"}, {0.9, 0.1, 0.7, 0.3, 0.8, 0.2, 0.1, 0.9});
  return b.build();
}

/// A random DAG of `n` variables (2-4 states, up to `max_parents` earlier parents) with
/// random CPT columns; `zeros` makes some entries exactly 0 and some columns near-deterministic.
template <class Real = double>
basic_network<Real> random_network(std::uint64_t seed, int n, int max_parents = 3, bool zeros = true) {
  std::mt19937_64 rng(seed);
  basic_network_builder<Real> b("random" + std::to_string(seed));
  std::uniform_int_distribution<int> card_dist(2, 4);
  for (int i = 0; i < n; ++i) {
    std::vector<std::string> states;
    const int k = card_dist(rng);
    for (int s = 0; s < k; ++s) states.push_back("s" + std::to_string(s));
    b.add_variable("v" + std::to_string(i), states);
  }
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int i = 0; i < n; ++i) {
    std::vector<variable_id> parents;
    const int np = i == 0 ? 0 : std::uniform_int_distribution<int>(0, std::min(i, max_parents))(rng);
    std::vector<int> pool(static_cast<std::size_t>(i));
    for (int j = 0; j < i; ++j) pool[static_cast<std::size_t>(j)] = j;
    std::shuffle(pool.begin(), pool.end(), rng);
    for (int j = 0; j < np; ++j) parents.push_back(pool[static_cast<std::size_t>(j)]);
    b.set_parents(i, parents);
    Eigen::Index cols = 1;
    for (const variable_id p : parents) cols *= b.variable(p).cardinality();
    const Eigen::Index k = b.variable(i).cardinality();
    Eigen::Array<Real, Eigen::Dynamic, 1> t(k * cols);
    for (Eigen::Index c = 0; c < cols; ++c) {
      const double mode = u(rng);
      double sum = 0;
      for (Eigen::Index s = 0; s < k; ++s) {
        double x = -std::log(1.0 - u(rng));  // Dirichlet(1) via exponentials
        if (zeros && mode < 0.15 && s > 0 && u(rng) < 0.5) x = 0;                 // structural zeros
        if (zeros && mode > 0.9) x = (s == 0) ? 1.0 : 1e-9 * (1.0 + u(rng));     // near-deterministic
        t[c * k + s] = static_cast<Real>(x);
        sum += x;
      }
      for (Eigen::Index s = 0; s < k; ++s) t[c * k + s] = static_cast<Real>(static_cast<double>(t[c * k + s]) / sum);
    }
    b.set_cpt(i, t);
  }
  return b.build();
}

/// Random evidence: each variable observed with probability `p_hard` (a random state)
/// or given a random likelihood with probability `p_soft` (some entries zero).
template <class Real>
evidence random_evidence(const basic_network<Real>& net, std::mt19937_64& rng, double p_hard, double p_soft) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  evidence e;
  for (const variable_id v : net.variables()) {
    const double r = u(rng);
    const Eigen::Index k = net.cardinality(v);
    if (r < p_hard) {
      e.observe(v, std::uniform_int_distribution<Eigen::Index>(0, k - 1)(rng));
    } else if (r < p_hard + p_soft) {
      std::vector<double> lambda(static_cast<std::size_t>(k));
      for (auto& l : lambda) l = u(rng) < 0.2 ? 0.0 : u(rng);
      lambda[static_cast<std::size_t>(std::uniform_int_distribution<Eigen::Index>(0, k - 1)(rng))] = 0.5 + u(rng);
      e.likelihood(v, lambda);
    }
  }
  return e;
}

}  // namespace pitchrisk::test
