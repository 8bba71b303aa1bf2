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

// Equal findings: the same observed ids, states and likelihoods, every other entry empty.
void check_same(const resolved_evidence& got, const resolved_evidence& want) {
  CHECK(got.observed == want.observed);
  CHECK(got.hard == want.hard);
  REQUIRE(got.soft.size() == want.soft.size());
  for (std::size_t v = 0; v < want.soft.size(); ++v) {
    INFO("variable " << v);
    REQUIRE(got.soft[v].size() == want.soft[v].size());
    CHECK((got.soft[v] == want.soft[v]).all());
  }
}

TEST_CASE("resolve_into reuses one buffer for set after set, and holds no finding after a refusal",
          "[core][evidence]") {
  const network net = test::asia();
  std::vector<evidence> sets(5);
  sets[1].observe("xray", "yes").observe("smoke", "no");
  sets[2].likelihood("dysp", {0.2, 0.8}).observe(net.id("tub"), 1);
  sets[3] = sets[1];
  sets[3].likelihood("either", {1.0, 0.5}).likelihood("dysp", {0.9, 0.1});
  sets[4].observe("lung", "no");
  resolved_evidence buffer;  // empty: sized by the first call
  for (int round = 0; round < 2; ++round)
    for (std::size_t j = 0; j < sets.size(); ++j) {
      INFO("round " << round << ", set " << j);
      resolve_into(net, sets[j], buffer);
      check_same(buffer, resolve(net, sets[j]));
    }
  // A refusal part-way (the second finding is bad): the buffer holds no finding, not the first.
  const evidence bad = evidence{}.observe("xray", "yes").observe("smoke", "sometimes");
  resolve_into(net, sets[3], buffer);
  CHECK_THROWS_WITH(resolve_into(net, bad, buffer), Catch::Contains("'smoke' has no state 'sometimes'"));
  check_same(buffer, resolve(net, evidence{}));
  const evidence bad_soft = evidence{}.likelihood("dysp", {0.5, 0.5}).likelihood("xray", {0.0, 0.0});
  CHECK_THROWS_AS(resolve_into(net, bad_soft, buffer), evidence_error);
  check_same(buffer, resolve(net, evidence{}));
  // A buffer sized for another network is resized.
  resolved_evidence other;
  other.hard.assign(3, -1);
  other.soft.assign(3, Eigen::ArrayXd());
  resolve_into(net, sets[2], other);
  check_same(other, resolve(net, sets[2]));
  // A buffer edited by hand, its observed list naming ids out of range, is reset whole.
  for (const variable_id wrong : {variable_id{-1}, static_cast<variable_id>(net.size()), variable_id{1000000}}) {
    resolved_evidence edited = resolve(net, sets[1]);
    edited.observed.push_back(wrong);
    resolve_into(net, sets[2], edited);
    check_same(edited, resolve(net, sets[2]));
  }
}

}  // namespace evidence_test
