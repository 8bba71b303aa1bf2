// SPDX-License-Identifier: MIT
#include "pitchrisk/domain/approach/observation.hpp"

#include "pitchrisk/core/network_builder.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace observation_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using namespace pitchrisk::approach;
using Catch::Matchers::Contains;

TEST_CASE("an uncertain observation gives c to the named state and spreads the rest evenly", "[domain][observation]") {
  const std::vector<std::string> states{"verified", "unverifiable", "contradicted"};
  const std::vector<double> l = soft_likelihood(states, "contradicted", 0.8);
  REQUIRE(l.size() == 3);
  CHECK(l[0] == Approx(0.1).epsilon(1e-15));
  CHECK(l[1] == Approx(0.1).epsilon(1e-15));
  CHECK(l[2] == 0.8);
  CHECK(soft_likelihood(states, "verified", 1.0) == std::vector<double>{1, 0, 0});
  REQUIRE_THROWS_AS(soft_likelihood(states, "verified", 1.5), evidence_error);
  REQUIRE_THROWS_WITH(soft_likelihood(states, "maybe", 0.5), Contains("no state 'maybe'"));
}

TEST_CASE("observations print as written and compare by reading", "[domain][observation]") {
  const observation soft{"identity_check", "contradicted", 12, 0.8};
  const observation hard{"identity_check", "contradicted", 3};
  CHECK(to_string(soft) == "identity_check=contradicted~0.8");
  CHECK(to_string(hard) == "identity_check=contradicted");
  CHECK(soft.is_soft());
  CHECK(!hard.is_soft());
  CHECK(!same_reading(soft, hard));
  CHECK(same_reading(hard, observation{"identity_check", "contradicted", 40}));
  CHECK(format_confidence(0.1 + 0.2) == "0.30000000000000004");  // shortest text that reads back
  CHECK(format_confidence(0.25) == "0.25");
}

TEST_CASE("a likelihood follows the state order of the network it is for", "[domain][observation]") {
  // A model file may list identity_check's states in another order than the vocabulary.
  network_builder b("reordered");
  const variable_id v = b.add_variable("identity_check", {"contradicted", "verified", "unverifiable"});
  b.set_cpt(v, Eigen::ArrayXd::Constant(3, 1.0 / 3));
  const network net = b.build();
  const observation o{"identity_check", "contradicted", 1, 0.7};
  evidence by_vocabulary, by_model;
  add_observation(by_vocabulary, o);
  add_observation(by_model, o, net);
  CHECK(by_vocabulary.findings()[0].likelihood == std::vector<double>{0.15000000000000002, 0.15000000000000002, 0.7});
  CHECK(by_model.findings()[0].likelihood == std::vector<double>{0.7, 0.15000000000000002, 0.15000000000000002});
  evidence plain;
  add_observation(plain, observation{"identity_check", "verified", 1});
  CHECK(!plain.findings()[0].is_soft());
  CHECK(plain.findings()[0].state == "verified");
  evidence bad;
  REQUIRE_THROWS_WITH(add_observation(bad, observation{"flattery", "yes", 1, 0.7}, net),
                      Contains("no variable 'flattery'") && Contains("flattery=yes~0.7"));
  REQUIRE_THROWS_WITH(add_observation(bad, observation{"identity_check", "fake", 1, 0.7}, net), Contains("no state 'fake'"));
}

}  // namespace observation_test
