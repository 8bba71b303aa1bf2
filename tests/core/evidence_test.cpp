// SPDX-License-Identifier: MIT
#include "pitchrisk/core/evidence.hpp"

#include "support/networks.hpp"

#include <catch2/catch.hpp>

namespace evidence_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

TEST_CASE("evidence resolves names, ids and likelihoods", "[core][evidence]") {
  const network net = test::asia();
  evidence e{{"xray", "yes"}};
  e.observe(net.id("smoke"), 1).likelihood("dysp", {0.2, 0.8});
  const resolved_evidence r = resolve(net, e);
  CHECK(r.hard[static_cast<std::size_t>(net.id("xray"))] == 0);
  CHECK(r.hard[static_cast<std::size_t>(net.id("smoke"))] == 1);
  CHECK(r.is_soft(net.id("dysp")));
  CHECK(r.observed == std::vector<variable_id>{net.id("smoke"), net.id("xray"), net.id("dysp")});
  e.observe("xray", "no");  // replaces
  CHECK(e.size() == 3);
  e.retract("xray");
  CHECK(e.size() == 2);
}

TEST_CASE("bad evidence is an evidence_error naming the fault", "[core][evidence]") {
  const network net = test::asia();
  const evidence unknown{{"asthma", "yes"}};
  CHECK_THROWS_WITH(resolve(net, unknown), Catch::Contains("unknown variable 'asthma'"));
  const evidence bad_state{{"xray", "blurred"}};
  CHECK_THROWS_WITH(resolve(net, bad_state), Catch::Contains("'xray' has no state 'blurred'"));
  const evidence bad_index = evidence{}.observe(net.id("xray"), 2);
  CHECK_THROWS_WITH(resolve(net, bad_index), Catch::Contains("out of range"));
  const evidence bad_id = evidence{}.observe(99, 0);
  CHECK_THROWS_AS(resolve(net, bad_id), evidence_error);
  const evidence all_zero = evidence{}.likelihood("xray", {0.0, 0.0});
  CHECK_THROWS_WITH(resolve(net, all_zero), Catch::Contains("P(e) = 0"));
  const evidence negative = evidence{}.likelihood("xray", {-1.0, 1.0});
  CHECK_THROWS_WITH(resolve(net, negative), Catch::Contains("non-negative"));
  const evidence twice = evidence{}.observe("xray", "yes").observe(net.id("xray"), 0);
  CHECK_THROWS_WITH(resolve(net, twice), Catch::Contains("two findings"));
}

}  // namespace evidence_test
