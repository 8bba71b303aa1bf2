// SPDX-License-Identifier: MIT
// A patient back from Asia is short of breath and has a positive chest x-ray. How likely is
// tuberculosis now, and how much of the x-ray is explained by lung cancer instead?
//
//   asia      smoke            The "chest clinic" network (Lauritzen & Spiegelhalter, 1988):
//    |        /   \            a visit to Asia raises tuberculosis, smoking raises lung cancer
//   tub    lung   bronc        and bronchitis; either (tub or lung) shows on the x-ray, and
//     \    /        |          dyspnoea comes from either or bronchitis.
//     either        |
//     /     \       |
//   xray     dysp --+
#include "pitchrisk/inference.hpp"

#include <cstdio>

int main() {
  // 1. Describe the model: variables, parents, and one column per parent configuration
  //    (the child's states first; with two parents, the first parent varies fastest).
  pitchrisk::network_builder clinic("asia");
  for (const char* name : {"asia", "tub", "smoke", "lung", "bronc", "either", "xray", "dysp"})
    clinic.add_variable(name, {"yes", "no"});
  clinic.set_cpt("asia", {}, {0.01, 0.99});
  clinic.set_cpt("tub", {"asia"}, {0.05, 0.95, 0.01, 0.99});
  clinic.set_cpt("smoke", {}, {0.5, 0.5});
  clinic.set_cpt("lung", {"smoke"}, {0.1, 0.9, 0.01, 0.99});
  clinic.set_cpt("bronc", {"smoke"}, {0.6, 0.4, 0.3, 0.7});
  clinic.set_cpt("either", {"lung", "tub"}, {1, 0, 1, 0, 1, 0, 0, 1});
  clinic.set_cpt("xray", {"either"}, {0.98, 0.02, 0.05, 0.95});
  clinic.set_cpt("dysp", {"bronc", "either"}, {0.9, 0.1, 0.7, 0.3, 0.8, 0.2, 0.1, 0.9});
  const pitchrisk::network net = clinic.build();  // validates: acyclic, columns sum to 1

  // 2. An exact engine over the frozen network.
  const pitchrisk::variable_elimination engine(net);

  // 3. Before seeing the patient, then after each finding.
  const pitchrisk::evidence nothing;
  const pitchrisk::evidence visit{{"asia", "yes"}};
  const pitchrisk::evidence visit_dysp{{"asia", "yes"}, {"dysp", "yes"}};
  const pitchrisk::evidence all_three{{"asia", "yes"}, {"dysp", "yes"}, {"xray", "yes"}};

  std::printf("%-28s %8s %8s %8s\n", "what we know", "P(tub)", "P(lung)", "P(e)");
  const struct { const char* label; const pitchrisk::evidence* seen; } steps[] = {
      {"nothing yet", &nothing},
      {"back from Asia", &visit},
      {"... and short of breath", &visit_dysp},
      {"... and a positive x-ray", &all_three}};
  for (const auto& step : steps)
    std::printf("%-28s %8.4f %8.4f %8.5f\n", step.label, engine.posterior("tub", *step.seen)["yes"],
                engine.posterior("lung", *step.seen)["yes"], engine.evidence_probability(*step.seen));

  // 4. The single most probable explanation of everything unobserved.
  const pitchrisk::mpe_result best = engine.mpe(all_three);
  std::printf("\nmost probable explanation (log P = %.4f):", best.log_probability);
  for (const pitchrisk::variable_id v : net.variables())
    std::printf(" %s=%s", net.variable(v).name.c_str(), net.variable(v).states[static_cast<std::size_t>(best.states[static_cast<std::size_t>(v)])].c_str());
  std::printf("\n");
}
