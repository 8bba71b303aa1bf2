// SPDX-License-Identifier: MIT
// Tests of io/network_file.hpp: the format is chosen by extension, by sniffing or by the
// caller; and the round trip: each of the 24 shared networks written in every format and
// read back gives the same posteriors as the BIF original on a few evidence sets, and a
// second writing is byte-identical to the first (the big networks are [slow]).
#include "pitchrisk/inference/junction_tree.hpp"
#include "pitchrisk/io/network_file.hpp"

#include "support/shared_data.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

namespace network_file_test {  // one namespace per file: the tests compile in unity batches

using namespace pitchrisk;
using Catch::Matchers::Contains;

namespace {

const std::vector<io::network_format> all_formats{io::network_format::bif, io::network_format::uai,
                                                  io::network_format::dne, io::network_format::xdsl,
                                                  io::network_format::xmlbif, io::network_format::net,
                                                  io::network_format::dsl};

network read_text(const std::string& text, io::network_format format) {
  switch (format) {
    case io::network_format::bif: return io::read_bif_string(text, "round.bif");
    case io::network_format::uai: return io::read_uai_string(text, "round.uai");
    case io::network_format::dne: return io::read_dne_string(text, "round.dne");
    case io::network_format::xdsl: return io::read_xdsl_string(text, "round.xdsl");
    case io::network_format::xmlbif: return io::read_xmlbif_string(text, "round.xml");
    case io::network_format::net: return io::read_net_string(text, "round.net");
    case io::network_format::dsl: return io::read_dsl_string(text, "round.dsl");
  }
  return {};
}

/// A few evidence sets: none, one leaf-ish finding, two findings (ids, so they carry over
/// formats without names).
std::vector<evidence> evidence_sets(const network& net) {
  const auto order = net.topological_order();
  const variable_id last = order.back(), middle = order[order.size() / 2];
  std::vector<evidence> out(3);
  out[1].observe(last, 0);
  out[2].observe(last, net.cardinality(last) - 1);
  if (middle != last) out[2].observe(middle, 0);
  return out;
}

void check_round_trip(const std::string& name) {
  const network original = io::read_bif(test::shared_network_path(name));
  const junction_tree reference(original);
  const std::vector<evidence> sets = evidence_sets(original);
  for (const io::network_format format : all_formats) {
    INFO(name << " as " << io::format_name(format));
    const std::string once = io::to_string(io::describe(original), format);
    const network back = read_text(once, format);
    REQUIRE(back.size() == original.size());
    CHECK(io::to_string(io::describe(back), format) == once);
    const junction_tree engine(back);
    for (std::size_t e = 0; e < sets.size(); ++e) {
      INFO("evidence set " << e);
      double pe_original = 0;
      try {
        pe_original = reference.log_evidence_probability(sets[e]);
      } catch (const evidence_error&) {
        CHECK_THROWS_AS(engine.log_evidence_probability(sets[e]), evidence_error);
        continue;
      }
      CHECK(engine.log_evidence_probability(sets[e]) == Approx(pe_original).epsilon(1e-12).margin(1e-12));
      const auto want = reference.posteriors(sets[e]), got = engine.posteriors(sets[e]);
      double worst = 0;
      for (std::size_t v = 0; v < want.size(); ++v)
        for (Eigen::Index s = 0; s < want[v].probabilities().size(); ++s)
          worst = std::max(worst, std::abs(want[v].probabilities()[s] - got[v].probabilities()[s]));
      CHECK(worst <= 1e-12);
    }
  }
}

}  // namespace

TEST_CASE("formats are chosen by extension, by content, or by the caller", "[io][network_file]") {
  CHECK(io::format_of_extension("a/b.BIF") == io::network_format::bif);
  CHECK(io::format_of_extension("b.uai") == io::network_format::uai);
  CHECK_FALSE(io::format_of_extension("b.txt"));
  CHECK(io::sniff_format("// comment\n/* x */ network n {") == io::network_format::bif);
  CHECK(io::sniff_format("c comment\n# another\nBAYES\n1\n") == io::network_format::uai);
  CHECK(io::sniff_format("  MARKOV 1") == io::network_format::uai);
  CHECK_FALSE(io::sniff_format("<?xml version=\"1.0\"?>"));
  CHECK(io::sniff_format("// ~->[DNET-1]->~\nbnet x {") == io::network_format::dne);
  CHECK(io::sniff_format("<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE BIF [\n<!ELEMENT BIF (NETWORK)*>\n]>\n<BIF VERSION=\"0.3\">") ==
        io::network_format::xmlbif);
  CHECK(io::sniff_format("<?xml version=\"1.0\"?><smile version=\"1.0\">") == io::network_format::xdsl);
  CHECK(io::format_of_extension("a.xml") == io::network_format::xmlbif);
  CHECK(io::format_of_extension("a.xdsl") == io::network_format::xdsl);
  CHECK(io::format_of_extension("a.dne") == io::network_format::dne);
  CHECK(io::format_of_extension("a.net") == io::network_format::net);
  CHECK(io::sniff_format("% Hugin\nnet\n{\n}") == io::network_format::net);
  CHECK(io::sniff_format("class Zone {") == io::network_format::net);
  CHECK(io::sniff_format("net Unnamed\n{\n\tnode a") == io::network_format::dsl);
  CHECK(io::sniff_format("// GeNIe\nnet \"my net\" {") == io::network_format::dsl);
  CHECK(io::sniff_format("net{") == io::network_format::net);
  CHECK(io::format_of_extension("a.DSL") == io::network_format::dsl);
  CHECK(io::parse_format("dsl") == io::network_format::dsl);
  CHECK(io::parse_format("UAI") == io::network_format::uai);
  REQUIRE_THROWS_AS(io::parse_format("xdsl2"), io_error);
  REQUIRE_THROWS_WITH(io::parse_format("xdsl2"), Contains("known: bif, uai, dne, xdsl, xmlbif, net, dsl"));

  const auto dir = std::filesystem::temp_directory_path() / "pitchrisk_network_file_test";
  std::filesystem::create_directories(dir);
  network_builder b("tiny");
  b.add_variable("a", {"yes", "no"});
  b.add_variable("b", {"lo", "mid", "hi"});
  b.set_cpt("a", {}, {0.25, 0.75});
  b.set_cpt("b", {"a"}, {0.1, 0.2, 0.7, 0.3, 0.3, 0.4});
  const network net = b.build();
  io::write_network(net, dir / "tiny.uai");
  io::write_network(net, dir / "tiny.xdsl");
  std::filesystem::copy_file(dir / "tiny.xdsl", dir / "genie.xml", std::filesystem::copy_options::overwrite_existing);
  io::write_network(net, dir / "tiny.xml");
  CHECK(io::read_network(dir / "tiny.xml") == net);
  CHECK(io::read_network(dir / "genie.xml") == net);  // .xml, but the root element says GeNIe
  io::write_network(net, dir / "tiny.model", io::network_format::bif);
  io::write_network(net, dir / "tiny.dsl");
  std::filesystem::copy_file(dir / "tiny.dsl", dir / "genie.txt", std::filesystem::copy_options::overwrite_existing);
  CHECK(io::read_network(dir / "genie.txt") == net);  // sniffed: `net NAME`
  // Extension, sniffing, forced format:
  CHECK(io::read_network(dir / "tiny.uai").cpt_columns(1)[5] == 0.4);
  CHECK(io::read_network(dir / "tiny.model") == net);
  std::filesystem::copy_file(dir / "tiny.uai", dir / "tiny.txt", std::filesystem::copy_options::overwrite_existing);
  CHECK(io::read_network(dir / "tiny.txt").size() == 2);
  REQUIRE_THROWS_AS(io::read_network(dir / "tiny.uai", io::network_format::bif), parse_error);
  REQUIRE_THROWS_AS(io::write_network(net, dir / "tiny.unknown"), io_error);
  REQUIRE_THROWS_WITH(io::write_network(net, dir / "tiny.unknown"), Contains("--to"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("small shared networks survive every format with the same posteriors and stable text",
          "[io][network_file]") {
  if (!test::have_shared_data()) {
    WARN("shared networks absent: skipped");
    return;
  }
  for (const char* name : {"asia", "cancer", "earthquake", "sachs", "survey", "alarm", "child", "insurance",
                           "hailfinder", "win95pts", "hepar2", "water"})
    check_round_trip(name);
}

TEST_CASE("large shared networks survive every format with the same posteriors and stable text",
          "[io][network_file][.slow][slow]") {
  if (!test::have_shared_data()) return;
  for (const char* name : {"andes", "barley", "diabetes", "link", "mildew", "munin", "munin1", "munin2", "munin3",
                           "munin4", "pathfinder", "pigs"})
    check_round_trip(name);
}

}  // namespace network_file_test
