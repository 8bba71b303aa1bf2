// SPDX-License-Identifier: MIT
// Fuzz target for the `.ref` reader: read; on success write the cases back in the grammar
// of shared/reference/README.md (numbers in shortest round-trip form), read that text
// again and require the same cases; then resolve each case's evidence against asia, where
// only evidence_error may come out. Only pitchrisk::error may escape the reader.
#pragma once

#include "fuzz_common.hpp"

#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/io/reference.hpp"

#include <charconv>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace pitchrisk::fuzz {

/// Writes cases in the .ref grammar (the test's own writer: the library has none).
inline std::string to_reference_string(const std::vector<io::reference_case>& cases) {
  const auto number = [](double x) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, x);
    return std::string(buf, r.ptr);
  };
  std::string out = "# written by the fuzz target\n";
  // A name may end in '\r' (the reader strips only one before the line break): keep it by
  // ending such a line with a blank.
  const auto end_line = [&out] { out += out.back() == '\r' ? " \n" : "\n"; };
  for (const auto& c : cases) {
    out += "case " + std::to_string(c.index) + "\nevidence";
    for (const auto& a : c.evidence) out += " " + a.variable + "=" + a.state;
    end_line();
    if (c.log_pe) out += "logpe " + number(*c.log_pe) + "\n";
    for (const auto& m : c.marginals) {
      out += "marginal " + m.variable;
      for (const double p : m.probabilities) out += " " + number(p);
      end_line();
    }
    if (c.mpe_log_probability) {
      out += "mpe " + number(*c.mpe_log_probability);
      for (const auto& a : c.mpe) out += " " + a.variable + "=" + a.state;
      end_line();
    }
    out += "end\n";
  }
  return out;
}

inline bool same_bits(double a, double b) noexcept { return std::memcmp(&a, &b, sizeof a) == 0; }

inline void require_same_cases(const std::vector<io::reference_case>& a, const std::vector<io::reference_case>& b) {
  require(a.size() == b.size(), ".ref round trip: case count differs");
  const auto same_assignments = [](const std::vector<io::reference_assignment>& x,
                                   const std::vector<io::reference_assignment>& y) {
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i)
      if (x[i].variable != y[i].variable || x[i].state != y[i].state) return false;
    return true;
  };
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto& x = a[i];
    const auto& y = b[i];
    require(x.index == y.index, ".ref round trip: case number differs");
    require(same_assignments(x.evidence, y.evidence), ".ref round trip: evidence differs");
    require(x.log_pe.has_value() == y.log_pe.has_value() && (!x.log_pe || same_bits(*x.log_pe, *y.log_pe)),
            ".ref round trip: logpe differs");
    require(x.marginals.size() == y.marginals.size(), ".ref round trip: marginal count differs");
    for (std::size_t m = 0; m < x.marginals.size(); ++m) {
      require(x.marginals[m].variable == y.marginals[m].variable, ".ref round trip: marginal variable differs");
      require(x.marginals[m].probabilities.size() == y.marginals[m].probabilities.size(),
              ".ref round trip: marginal length differs");
      for (std::size_t k = 0; k < x.marginals[m].probabilities.size(); ++k)
        require(same_bits(x.marginals[m].probabilities[k], y.marginals[m].probabilities[k]),
                ".ref round trip: marginal value differs");
    }
    require(x.mpe_log_probability.has_value() == y.mpe_log_probability.has_value() &&
                (!x.mpe_log_probability || same_bits(*x.mpe_log_probability, *y.mpe_log_probability)),
            ".ref round trip: mpe logp differs");
    require(same_assignments(x.mpe, y.mpe), ".ref round trip: mpe assignment differs");
  }
}

/// A two-variable network the evidence of fuzzed cases is resolved against.
inline const network& reference_fuzz_network() {
  static const network net = [] {
    network_builder b("fuzz");
    b.add_variable("a", {"yes", "no"});
    b.add_variable("b", {"x", "y", ">=7.5"});
    b.set_cpt("a", {}, {0.5, 0.5});
    b.set_cpt("b", {"a"}, {0.2, 0.3, 0.5, 0.1, 0.1, 0.8});
    return b.build();
  }();
  return net;
}

inline void reference_target(std::string_view text) {
  std::vector<io::reference_case> cases;
  try {
    cases = io::read_reference_string(text, "fuzz.ref");
  } catch (const pitchrisk::error&) {
    return;
  }
  for (const auto& c : cases) {
    for (const auto& a : c.evidence) require(!a.variable.empty() && !a.state.empty(), "empty name in evidence");
    if (c.log_pe) require(std::isfinite(*c.log_pe), "non-finite logpe accepted");
    for (const auto& m : c.marginals)
      for (const double p : m.probabilities) require(std::isfinite(p), "non-finite marginal accepted");
  }
  const std::string written = to_reference_string(cases);
  std::vector<io::reference_case> again;
  try {
    again = io::read_reference_string(written, "fuzz-roundtrip.ref");
  } catch (const pitchrisk::error& e) {
    throw finding(std::string("reading the written .ref text failed: ") + e.what() + "\n--- text ---\n" + written);
  }
  require_same_cases(cases, again);
  // Without answers the reader must accept the same text and give the same evidence.
  std::vector<io::reference_case> questions;
  try {
    questions = io::read_reference_string(text, "fuzz.ref", false);
  } catch (const pitchrisk::error& e) {
    throw finding(std::string("accepted with answers but refused without: ") + e.what());
  }
  require(questions.size() == cases.size(), "answers=false gives a different case count");
  for (const auto& c : cases) {
    try {
      (void)resolve(reference_fuzz_network(), c.to_evidence());
    } catch (const evidence_error&) {
      // unknown variable or state: the expected refusal
    }
  }
}

}  // namespace pitchrisk::fuzz
