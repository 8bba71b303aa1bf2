// SPDX-License-Identifier: MIT
// The API half of the bad-input catalogue: misuses of the builder, the evidence, the
// engines and the resource limits, one row per fault, each with the error type and the
// message fragment it must produce. Resource limits: every table, clique and intermediate
// factor whose size comes from the input is checked before allocation, and the size_error
// says how many entries it would have needed; the limit is an option.
#include "support/networks.hpp"
#include "support/sanitizers.hpp"

#include "pitchrisk/inference/junction_tree.hpp"
#include "pitchrisk/inference/variable_elimination.hpp"
#include "pitchrisk/io/bif.hpp"

#include <catch2/catch.hpp>

#include <ctime>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace api_misuse_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;

namespace {

struct misuse {
  const char* what;
  const char* type;      ///< expected exception type
  const char* fragment;  ///< piece of its message
  std::function<void()> run;
};

std::string type_of_thrown(const std::function<void()>& run, std::string& message) {
  try {
    run();
  } catch (const parse_error& e) {
    message = e.what();
    return "parse_error";
  } catch (const size_error& e) {
    message = e.what();
    return "size_error";
  } catch (const model_error& e) {
    message = e.what();
    return "model_error";
  } catch (const evidence_error& e) {
    message = e.what();
    return "evidence_error";
  } catch (const lookup_error& e) {
    message = e.what();
    return "lookup_error";
  } catch (const io_error& e) {
    message = e.what();
    return "io_error";
  } catch (const error& e) {
    message = e.what();
    return "error";
  } catch (const std::exception& e) {
    message = e.what();
    return "untyped";
  }
  return "nothing";
}

network_builder two_variables() {
  network_builder b("two");
  b.add_variable("a", {"yes", "no"});
  b.add_variable("b", {"yes", "no"});
  return b;
}

/// A builder whose only CPT is 2 x 4^k entries (k parents of 4 states each).
network_builder wide(int k) {
  network_builder b("wide");
  std::vector<variable_id> parents;
  for (int i = 0; i < k; ++i) {
    const variable_id p = b.add_variable("p" + std::to_string(i), {"s0", "s1", "s2", "s3"});
    b.set_cpt(p, Eigen::ArrayXd::Constant(4, 0.25));
    parents.push_back(p);
  }
  const variable_id c = b.add_variable("c", {"y", "n"});
  b.set_parents(c, parents);
  return b;
}

std::vector<misuse> misuses() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const auto bad_entry = [](double x) {
    return [x] {
      network_builder b = two_variables();
      b.set_cpt("a", {}, {x, 0.5});
      b.set_cpt("b", {}, {0.5, 0.5});
      (void)b.build();
    };
  };
  const network asia = test::asia();
  return {
      // ---- builder ----
      {"empty variable name", "model_error", "empty", [] { network_builder b; b.add_variable("", {"x", "y"}); }},
      {"variable declared twice", "model_error", "declared twice",
       [] { network_builder b = two_variables(); b.add_variable("a", {"x", "y"}); }},
      {"variable without states", "model_error", "no states", [] { network_builder b; b.add_variable("a", {}); }},
      {"duplicate state", "model_error", "state 'x' twice", [] { network_builder b; b.add_variable("a", {"x", "x"}); }},
      {"empty state name", "model_error", "empty state name", [] { network_builder b; b.add_variable("a", {"x", ""}); }},
      {"parent id out of range", "model_error", "out of range",
       [] { network_builder b = two_variables(); b.set_parents(0, {7}); }},
      {"negative parent id", "model_error", "out of range",
       [] { network_builder b = two_variables(); b.set_parents(0, {-1}); }},
      {"self-loop", "model_error", "own parent", [] { network_builder b = two_variables(); b.set_parents(0, {0}); }},
      {"parent twice", "model_error", "twice", [] { network_builder b = two_variables(); b.set_parents(1, {0, 0}); }},
      {"CPT for an id out of range", "model_error", "out of range",
       [] { network_builder b = two_variables(); b.set_cpt(5, Eigen::ArrayXd::Constant(2, 0.5)); }},
      {"CPT by an undeclared name", "model_error", "'zz'",
       [] { network_builder b = two_variables(); b.set_cpt("zz", {}, {0.5, 0.5}); }},
      {"CPT with an undeclared parent", "model_error", "'zz'",
       [] { network_builder b = two_variables(); b.set_cpt("a", {"zz"}, {0.5, 0.5}); }},
      {"missing CPT", "model_error", "no table", [] { network_builder b = two_variables(); b.set_cpt("a", {}, {0.5, 0.5}); (void)b.build(); }},
      {"CPT too short", "model_error", "expected 4 entries",
       [] {
         network_builder b = two_variables();
         b.set_cpt("a", {}, {0.5, 0.5});
         b.set_cpt("b", {"a"}, {0.5, 0.5});
         (void)b.build();
       }},
      {"NaN entry", "model_error", "nan", bad_entry(nan)},
      {"infinite entry", "model_error", "inf", bad_entry(inf)},
      {"negative entry", "model_error", "-0.5", bad_entry(-0.5)},
      {"entry above 1", "model_error", "1.5", bad_entry(1.5)},
      {"column sum 0.9", "model_error", "sums to 0.9", bad_entry(0.4)},
      {"all-zero column", "model_error", "sums to 0",
       [] {
         network_builder b = two_variables();
         b.set_cpt("a", {}, {0.0, 0.0});
         b.set_cpt("b", {}, {0.5, 0.5});
         (void)b.build();
       }},
      {"cycle", "model_error", "cycle",
       [] {
         network_builder b = two_variables();
         b.set_cpt("a", {"b"}, {0.5, 0.5, 0.5, 0.5});
         b.set_cpt("b", {"a"}, {0.5, 0.5, 0.5, 0.5});
         (void)b.build();
       }},
      {"factor over the wrong scope", "model_error", "scope",
       [] {
         network_builder b = two_variables();
         b.set_cpt_factor(0, factor::filled({1}, {2}, 0.5));
       }},
      // ---- resource limits ----
      {"CPT of 2 x 4^40 entries", "size_error", "would need",
       [] { (void)wide(40).build(); }},
      {"CPT over a configured limit of 1000 entries", "size_error", "would need 2048 entries",
       [] {
         network_builder b = wide(5);
         b.set_cpt(5, Eigen::ArrayXd::Constant(2048, 0.5));
         (void)b.build({.max_table_entries = 1000});
       }},
      {"BIF table over a configured limit", "size_error", "would need",
       [] {
         io::bif_options o;
         o.build.max_table_entries = 3;
         (void)io::read_bif_string("network n { }\nvariable a { type discrete [ 4 ] { q, r, s, t }; }\n"
                                   "probability ( a ) { table 0.25, 0.25, 0.25, 0.25; }\n",
                                   "limit.bif", o);
       }},
      {"variable elimination factor over its limit", "size_error", "would need",
       [] {
         const network net = test::random_network(3, 12, 4, false);
         const variable_elimination ve(net, {.max_factor_entries = 4});
         (void)ve.posteriors(evidence{});
       }},
      {"junction tree clique over its limit", "size_error", "",
       [] {
         const network net = test::random_network(3, 12, 4, false);
         const junction_tree jt(net, {.max_clique_entries = 4});
       }},
      {"junction tree over its memory budget", "size_error", "",
       [] {
         const network net = test::random_network(3, 12, 4, false);
         const junction_tree jt(net, {.memory_budget_bytes = 100});
       }},
      // ---- evidence ----
      {"unknown variable", "evidence_error", "'nope'",
       [asia] { (void)variable_elimination(asia).posterior("tub", evidence{{"nope", "yes"}}); }},
      {"unknown state", "evidence_error", "no state 'maybe'",
       [asia] { (void)variable_elimination(asia).posterior("tub", evidence{{"xray", "maybe"}}); }},
      {"state index out of range", "evidence_error", "out of range",
       [asia] { (void)variable_elimination(asia).posterior("tub", evidence{}.observe(variable_id{6}, 5)); }},
      {"variable id out of range", "evidence_error", "out of range",
       [asia] { (void)variable_elimination(asia).posterior("tub", evidence{}.observe(variable_id{60}, 0)); }},
      {"likelihood of the wrong length", "evidence_error", "expected 2",
       [asia] { (void)variable_elimination(asia).posterior("tub", evidence{}.likelihood("xray", {0.5, 0.2, 0.3})); }},
      {"negative likelihood", "evidence_error", "non-negative",
       [asia] { (void)variable_elimination(asia).posterior("tub", evidence{}.likelihood("xray", {-0.5, 1.0})); }},
      {"NaN likelihood", "evidence_error", "xray",
       [asia, nan] { (void)variable_elimination(asia).posterior("tub", evidence{}.likelihood("xray", {nan, 1.0})); }},
      {"infinite likelihood", "evidence_error", "xray",
       [asia, inf] { (void)junction_tree(asia).posterior("tub", evidence{}.likelihood("xray", {inf, 1.0})); }},
      {"all-zero likelihood", "evidence_error", "zero for every state",
       [asia] { (void)junction_tree(asia).posterior("tub", evidence{}.likelihood("xray", {0.0, 0.0})); }},
      {"impossible evidence (VE)", "evidence_error", "P(e) = 0",
       [asia] { (void)variable_elimination(asia).posterior("tub", evidence{{"lung", "yes"}, {"either", "no"}}); }},
      {"impossible evidence (junction tree)", "evidence_error", "",
       [asia] { (void)junction_tree(asia).posterior("tub", evidence{{"lung", "yes"}, {"either", "no"}}); }},
      // ---- lookups ----
      {"unknown variable name", "lookup_error", "'nope'", [asia] { (void)asia.id("nope"); }},
      {"unknown state name", "lookup_error", "'maybe'", [asia] { (void)asia.state(0, "maybe"); }},
      {"variable id out of range", "lookup_error", "out of range", [asia] { (void)asia.variable(99); }},
      {"posterior of an unknown name", "lookup_error", "'nope'",
       [asia] { (void)variable_elimination(asia).posterior("nope", evidence{}); }},
      {"posterior of an id out of range", "lookup_error", "out of range",
       [asia] { (void)variable_elimination(asia).posterior(variable_id{42}, evidence{}); }},
      // ---- files ----
      {"BIF file that does not exist", "io_error", "no_such.bif", [] { (void)io::read_bif("no_such.bif"); }},
      {"BIF writer to a folder that does not exist", "io_error", "no_such_dir",
       [asia] { io::write_bif(asia, "/no_such_dir/x.bif"); }},
      {"BIF writer: a name no BIF spelling can carry", "model_error", "cannot write BIF",
       [] {
         network_builder b("n");
         b.add_variable("a\"b", {"x", "y"});
         b.set_cpt(0, Eigen::ArrayXd::Constant(2, 0.5));
         (void)io::to_bif_string(b.build());
       }},
  };
}

}  // namespace

TEST_CASE("every API misuse gives its typed error with a message naming the fault", "[robustness][catalogue]") {
  const std::vector<misuse> table = misuses();
  CHECK(table.size() >= 40);
  for (const misuse& m : table) {
    std::string message;
    const std::string got = type_of_thrown(m.run, message);
    INFO(m.what << " -> " << got << ": " << message);
    CHECK(got == m.type);
    CHECK_THAT(message, Catch::Matchers::Contains(m.fragment));
  }
}

TEST_CASE("size errors report the size they would need, beyond 2^64 too", "[robustness][limits]") {
  try {
    (void)wide(40).build();
    FAIL("no size_error");
  } catch (const size_error& e) {
    CHECK(e.needed_entries() == Approx(2.0 * std::pow(4.0, 40)));
    CHECK_THAT(e.what(), Catch::Matchers::Contains("cpt 'c'"));
  }
  try {
    (void)wide(2).build({.max_table_entries = 31});
    FAIL("no size_error");
  } catch (const size_error& e) {
    CHECK(e.needed_entries() == 32);
    CHECK_THAT(e.what(), Catch::Matchers::Contains("32"));
    CHECK_THAT(e.what(), Catch::Matchers::Contains("31"));
  }
}

TEST_CASE("limits are options: a larger limit accepts what a smaller one refuses", "[robustness][limits]") {
  const network net = test::random_network(3, 12, 4, false);
  CHECK_THROWS_AS(variable_elimination(net, {.max_factor_entries = 4}).posteriors(evidence{}), size_error);
  CHECK_NOTHROW(variable_elimination(net, {.max_factor_entries = 1 << 20}).posteriors(evidence{}));
  CHECK_THROWS_AS(junction_tree(net, {.max_clique_entries = 4}), size_error);
  CHECK_NOTHROW(junction_tree(net, {.max_clique_entries = 1 << 20}));
}

TEST_CASE("compiling a junction tree is not cubic in the size of the input", "[robustness][limits]") {
  // A naive Bayes model of 2 000 leaves is a tree (cliques of two variables). Its compile
  // must take milliseconds; a triangulation that rescans every neighbour pair of the hub at
  // every step takes seconds here and tens of minutes at 10 000 leaves (an input-driven hang).
  network_builder b("star");
  b.add_variable("c", {"a", "b"});
  b.set_cpt(0, Eigen::ArrayXd::Constant(2, 0.5));
  for (int i = 1; i < 2000; ++i) {
    const variable_id x = b.add_variable("x" + std::to_string(i), {"a", "b"});
    b.set_parents(x, {0});
    b.set_cpt(x, (Eigen::ArrayXd(4) << 0.9, 0.1, 0.2, 0.8).finished());
  }
  const network net = b.build();
  const std::clock_t start = std::clock();  // processor time: other load does not count
  const junction_tree jt(net);
  const double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  INFO("compile took " << seconds << " s of processor time");
  CHECK(jt.statistics().largest_clique_variables == 2);
  CHECK(seconds < 1.0 * test::sanitizer_slowdown);
}

}  // namespace api_misuse_test
