// SPDX-License-Identifier: MIT
// The C++ answers the Python tests compare with, bit for bit: for NETWORK.bif and findings
// VAR=STATE..., prints log P(e) and every posterior with 17 significant digits, from the
// junction tree ("jt") or variable elimination ("ve"); then each variable's posterior
// asked alone (lines `single VAR p...`).
//   pitchrisk_python_answers jt|ve NETWORK.bif [VAR=STATE]...
#include <pitchrisk/inference/junction_tree.hpp>
#include <pitchrisk/inference/variable_elimination.hpp>
#include <pitchrisk/io/bif.hpp>

#include <cstdio>
#include <exception>
#include <string>

template <class Engine>
void print_answers(const Engine& engine, const pitchrisk::evidence& seen) {
  std::printf("logpe %.17g\n", engine.log_evidence_probability(seen));
  for (const auto& d : engine.posteriors(seen)) {
    std::printf("%s", d.name().c_str());
    for (Eigen::Index s = 0; s < d.size(); ++s) std::printf(" %.17g", d[s]);
    std::printf("\n");
  }
  // Single-target queries take another path through the junction tree: print them too.
  for (const pitchrisk::variable_id v : engine.network().variables()) {
    const auto d = engine.posterior(v, seen);
    std::printf("single %s", d.name().c_str());
    for (Eigen::Index s = 0; s < d.size(); ++s) std::printf(" %.17g", d[s]);
    std::printf("\n");
  }
}

int main(int argc, char** argv) try {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s jt|ve NETWORK.bif [VAR=STATE]...\n", argv[0]);
    return 2;
  }
  const std::string kind = argv[1];
  const pitchrisk::network net = pitchrisk::io::read_bif(argv[2]);
  pitchrisk::evidence seen;
  for (int i = 3; i < argc; ++i) {
    const std::string f = argv[i];
    const auto eq = f.find('=');
    seen.observe(f.substr(0, eq), f.substr(eq + 1));
  }
  if (kind == "ve")
    print_answers(pitchrisk::variable_elimination(net), seen);
  else
    print_answers(pitchrisk::junction_tree(net), seen);
} catch (const std::exception& e) {
  std::fprintf(stderr, "%s\n", e.what());
  return 1;
}
