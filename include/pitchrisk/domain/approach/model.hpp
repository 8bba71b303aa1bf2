// SPDX-License-Identifier: MIT
// The approach-risk network: how likely an approach to a person is an intelligence pitch,
// against the ordinary explanations of the same oddities (fraud, headhunting, business
// intelligence, press or research, lobbying, an ordinary contact). Latent variables and the
// 33 indicators of indicators.md, with shared intermediate nodes (contact_profile,
// offer_nature, concealment, collection_pressure) so that correlated indicators are not
// double counted (indicators.md section 6.1). Every number is elicited from the guidance
// (strength scale of section 2), never fitted to the case files, which only test it.
#pragma once

#include "pitchrisk/core/canonical.hpp"
#include "pitchrisk/core/distribution.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/domain/approach/detail/indicator_tables.hpp"
#include "pitchrisk/domain/approach/detail/latent_tables.hpp"
#include "pitchrisk/domain/approach/model_parameters.hpp"
#include "pitchrisk/domain/approach/vocabulary.hpp"
#include "pitchrisk/error.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

namespace pitchrisk::approach {

/// P(pitch) before any evidence: officer_base_rate x (recruitment_share + influence_share),
/// because only an officer's approach can be a pitch (section 3: a pitch is an approach by,
/// or on behalf of, a service or state organ). Throws: model_error on invalid parameters.
[[nodiscard]] double prior_p_pitch(const model_parameters& parameters = {});

/// The intent states that make a pitch (case-file label `pitch`); the other six are the
/// competing explanations.
inline constexpr std::string_view pitch_intents[] = {"recruitment_pitch", "influence_operation"};

/// Builds the approach network (42 variables: 5 latent, 4 intermediate, 33 indicators whose
/// names and states are exactly those of indicators.md). Throws: model_error if
/// officer_base_rate is not in (0, 1), the shares are negative or sum above 1, or the
/// population's explanation shares do not sum to 1.
/// Limits (tested in tests/domain/model_test.cpp): an influence operation that looks
/// benign at every step (open events, traceable money) stays near the prior until a
/// service flags the officer (section 6.4); who approaches, how, and the target's situation
/// can never make a pitch likely on their own (issue 14 point 2).
[[nodiscard]] network build_approach_network(const model_parameters& parameters = {});

/// P(pitch) = P(intent = recruitment_pitch or influence_operation) from a posterior of
/// `intent`. Throws: model_error if `intent` is not the intent variable of this model.
[[nodiscard]] double p_pitch(const distribution& intent);

/// The network with its vocabulary, the ids of the key variables and P(pitch).
class approach_model {
 public:
  /// The elicited model (indicators.md) under `parameters` (base rate, explanation shares).
  /// Throws: model_error on invalid parameters (a share outside [0, 1], shares not summing to 1).
  explicit approach_model(const model_parameters& parameters = {});
  /// The model with the tables of `tables` (for example learned from cases:
  /// learned_model.hpp) for every variable but the two roots, approacher_is_io and intent,
  /// whose tables come from `parameters`: the base rate and the explanation shares are
  /// assumptions about the screened population, never taken from a case library.
  /// Throws: model_error naming the first variable whose name, states or parents differ
  /// from build_approach_network()'s, or on invalid parameters.
  approach_model(const model_parameters& parameters, const pitchrisk::network& tables);

  /// The Bayesian network of the model.
  [[nodiscard]] const pitchrisk::network& network() const noexcept { return m_network; }
  /// The parameters it was built with.
  [[nodiscard]] const model_parameters& parameters() const noexcept { return m_parameters; }
  /// The indicator vocabulary (indicators()).
  [[nodiscard]] const std::vector<indicator>& vocabulary() const { return indicators(); }

  [[nodiscard]] variable_id officer() const noexcept { return m_officer; }  ///< approacher_is_io
  [[nodiscard]] variable_id intent() const noexcept { return m_intent; }    ///< intent (8 explanations)
  [[nodiscard]] variable_id cycle_stage() const noexcept { return m_cycle_stage; }    ///< recruitment cycle stage
  [[nodiscard]] variable_id target_value() const noexcept { return m_target_value; }  ///< target_value
  [[nodiscard]] variable_id lever() const noexcept { return m_lever; }  ///< exploitable_lever
  /// The 5 latent variables of indicators.md section 3.
  [[nodiscard]] const std::vector<variable_id>& latent_ids() const noexcept { return m_latents; }
  /// contact_profile, offer_nature, concealment, collection_pressure (section 6.1).
  [[nodiscard]] const std::vector<variable_id>& intermediate_ids() const noexcept { return m_intermediates; }
  /// The 33 indicators, in vocabulary order.
  [[nodiscard]] const std::vector<variable_id>& indicator_ids() const noexcept { return m_indicators; }
  /// Whether `v` is an observable indicator.
  [[nodiscard]] bool is_indicator(variable_id v) const noexcept;

  /// P(pitch) from a posterior of intent (see the free function p_pitch).
  [[nodiscard]] double p_pitch(const distribution& intent_posterior) const { return approach::p_pitch(intent_posterior); }
  /// P(pitch) with no evidence (see the free function prior_p_pitch).
  [[nodiscard]] double prior_p_pitch() const { return approach::prior_p_pitch(m_parameters); }

 private:
  void find_ids();

  model_parameters m_parameters;
  pitchrisk::network m_network;
  variable_id m_officer = 0, m_intent = 0, m_cycle_stage = 0, m_target_value = 0, m_lever = 0;
  std::vector<variable_id> m_latents, m_intermediates, m_indicators;
};


inline double prior_p_pitch(const model_parameters& p) {
  detail::check_model_parameters(p);
  return p.officer_base_rate * (p.recruitment_share + p.influence_share);
}

inline double p_pitch(const distribution& intent) {
  const auto& v = intent.variable();
  if (v.name != "intent" || v.states != find_latent("intent")->states)
    throw model_error("p_pitch needs the posterior of 'intent' (the 8 explanations of the vocabulary), got '" + v.name +
                      "'");
  return intent[0] + intent[1];  // recruitment_pitch, influence_operation
}

inline network build_approach_network(const model_parameters& p) {
  detail::check_model_parameters(p);
  network_builder b("approach_risk");
  // Notation: LR = P(state | pitch) / P(state | benign), the quantity of indicators.md
  // section 2; "weak" 1.5-3, "moderate" 3-10, "strong" > 10, "decisive" >= 100 toward a
  // pitch; exculpatory "weak" 0.35-0.7, "moderate" 0.1-0.35. For the indicators A1-G1 of the
  // first edition "benign" is the ordinary contact (intent = benign), as elicited then; for
  // H1-H4 it is the screened population's mixture of non-pitch explanations. The LR of each
  // state that the numbers below imply (alone, from no evidence) is checked against the band
  // of the vocabulary by tests/domain/model_test.cpp.
  //
  // Structure (issue 14). intent has 8 explanations; the rows of recruitment_pitch,
  // influence_operation and benign keep the first edition's numbers, and each non-pitch
  // explanation adds its own row (its signature). Indicators that say the same thing meet
  // in a shared intermediate node, so that they are not double counted and so that what is
  // weak stays weak: who approaches and how (contact_profile), the target's situation
  // (target_value, exploitable_lever), the offer (offer_nature), concealment and collection
  // pressure. A node whose rows are "by stage" takes cycle_stage and intent as parents: the
  // pitch intents use the row of their stage, the non-pitch explanations (whose stage is
  // always none) one row each, and benign the row of stage none.

  // The variables: latent (section 3), intermediate (section 6.1), the 33 indicators. Then
  // their tables, one step per group (detail/latent_tables.hpp, detail/indicator_tables.hpp).
  for (const latent_variable& l : latent_variables()) b.add_variable(std::string(l.name), l.states);
  b.add_variable("contact_profile", {"ordinary", "cold_anonymous", "state_linked"});
  b.add_variable("offer_nature", {"none", "legitimate", "illicit"});
  b.add_variable("concealment", {"open", "discreet", "concealed"});
  b.add_variable("collection_pressure", {"none", "low", "high", "extreme"});
  for (const indicator& i : indicators()) b.add_variable(std::string(i.name), i.states);

  detail::add_latent_tables(b, p);
  detail::add_profile_tables(b);
  detail::add_intermediate_tables(b);
  detail::add_contact_indicator_tables(b);
  detail::add_target_indicator_tables(b);
  detail::add_question_indicator_tables(b);
  detail::add_offer_indicator_tables(b);
  detail::add_conduct_indicator_tables(b);
  detail::add_serves_indicator_tables(b, p);
  return b.build();
}

inline approach_model::approach_model(const model_parameters& parameters)
    : m_parameters(parameters), m_network(build_approach_network(parameters)) {
  find_ids();
}

inline approach_model::approach_model(const model_parameters& parameters, const pitchrisk::network& tables)
    : m_parameters(parameters) {
  const pitchrisk::network elicited = build_approach_network(parameters);
  if (tables.size() != elicited.size())
    throw model_error("approach model tables '" + tables.name() + "' have " + std::to_string(tables.size()) +
                      " variables, expected " + std::to_string(elicited.size()));
  network_builder b(elicited);
  for (const variable_id v : elicited.variables()) {
    const auto& want = elicited.variable(v);
    const auto& got = tables.variable(v);
    bool same = got.name == want.name && got.states == want.states &&
                tables.parents(v).size() == elicited.parents(v).size();
    for (std::size_t j = 0; same && j < elicited.parents(v).size(); ++j)
      same = tables.parents(v)[j] == elicited.parents(v)[j];
    if (!same)
      throw model_error("approach model tables '" + tables.name() + "': variable " + std::to_string(v) + " is '" +
                        got.name + "', expected '" + want.name +
                        "' with the states and parents of the elicited model");
    if (want.name != "approacher_is_io" && want.name != "intent") b.set_cpt(v, tables.cpt_columns(v, true));
  }
  m_network = b.build();
  find_ids();
}

inline void approach_model::find_ids() {
  m_officer = m_network.id("approacher_is_io");
  m_intent = m_network.id("intent");
  m_cycle_stage = m_network.id("cycle_stage");
  m_target_value = m_network.id("target_value");
  m_lever = m_network.id("exploitable_lever");
  for (const latent_variable& l : latent_variables()) m_latents.push_back(m_network.id(l.name));
  for (const char* n : {"contact_profile", "offer_nature", "concealment", "collection_pressure"})
    m_intermediates.push_back(m_network.id(n));
  for (const indicator& i : indicators()) m_indicators.push_back(m_network.id(i.name));
}

inline bool approach_model::is_indicator(variable_id v) const noexcept {
  for (const variable_id i : m_indicators)
    if (i == v) return true;
  return false;
}

}  // namespace pitchrisk::approach
