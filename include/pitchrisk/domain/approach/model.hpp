// SPDX-License-Identifier: MIT
// The approach-risk network: how likely an approach to a person is an intelligence pitch.
// Latent variables and the 29 indicators of indicators.md, with shared intermediate nodes
// (offer_nature, concealment, collection_pressure) so that correlated indicators are not
// double counted (indicators.md section 6.1). Every number is elicited from the guidance
// (strength scale of section 2), never fitted to the case files, which only test it.
#pragma once

#include "pitchrisk/core/canonical.hpp"
#include "pitchrisk/core/distribution.hpp"
#include "pitchrisk/core/network.hpp"
#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/domain/approach/vocabulary.hpp"
#include "pitchrisk/error.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

namespace pitchrisk::approach {

/// The configurable parameters of the approach network. Everything else is elicited from
/// indicators.md and documented next to each number in build_approach_network().
struct model_parameters {
  /// P(approacher_is_io = yes): the base rate of intelligence officers (or tasked
  /// co-optees) among the approaches of the SCREENED POPULATION (indicators.md section 6.2:
  /// "must be set for the population being screened ... otherwise the posterior is
  /// meaningless"). Neither indicators.md nor the seeds give a figure; the default 0.02
  /// assumes approaches that cleared staff found worth reporting to a security officer,
  /// where hostile approaches are a small minority (sections 6.2, 4.A1: "the great majority
  /// of diplomats who network are doing their job"). For unfiltered contacts use far less
  /// (1e-4 or below). It scales the posterior odds of approacher_is_io exactly (posterior
  /// odds = prior odds x likelihood ratio) and so sets the level of every score; the
  /// ranking of cases hardly depends on it.
  double officer_base_rate = 0.02;
  /// P(intent = recruitment_pitch | approacher_is_io = yes). Four of five seed approaches
  /// are recruitment or collection (seeds 000, 002, 003/004); section 3.
  double recruitment_share = 0.70;
  /// P(intent = influence_operation | approacher_is_io = yes): seed 000/001's campaign
  /// offer; section 6.4. The rest, 1 - recruitment_share - influence_share (default 0.10),
  /// is an officer's contact that is ordinary official business (a declared attache doing
  /// liaison work), i.e. intent = benign.
  double influence_share = 0.20;
};

/// P(pitch) before any evidence: officer_base_rate x (recruitment_share + influence_share),
/// because only an officer's approach can be a pitch (section 3: a pitch is an approach by,
/// or on behalf of, a service or state organ). Throws: model_error on invalid parameters.
[[nodiscard]] double prior_p_pitch(const model_parameters& parameters = {});

/// Builds the approach network (37 variables: 5 latent, 3 intermediate, 29 indicators whose
/// names and states are exactly those of indicators.md). Throws: model_error if
/// officer_base_rate is not in (0, 1) or the shares are negative or sum above 1.
/// Limits (tested in tests/domain/model_test.cpp): an influence operation that looks
/// benign at every step (open events, traceable money) stays near the prior until a
/// service flags the officer (section 6.4); the four target attributes multiply, so a
/// benign contact with a young, exposed, cash-strapped engineer with sensitive access who
/// answered an ad scores as high as an attache's first meeting in an official setting.
[[nodiscard]] network build_approach_network(const model_parameters& parameters = {});

/// P(pitch) = P(intent != benign) from a posterior of `intent`, summed over the hostile
/// states (not formed as 1 - P(benign), which loses small values). Throws: model_error if
/// `intent` is not the intent variable of this model.
[[nodiscard]] double p_pitch(const distribution& intent);

/// The network with its vocabulary, the ids of the key variables and P(pitch).
class approach_model {
 public:
  explicit approach_model(const model_parameters& parameters = {});

  [[nodiscard]] const pitchrisk::network& network() const noexcept { return m_network; }
  [[nodiscard]] const model_parameters& parameters() const noexcept { return m_parameters; }
  [[nodiscard]] const std::vector<indicator>& vocabulary() const { return indicators(); }

  [[nodiscard]] variable_id officer() const noexcept { return m_officer; }  ///< approacher_is_io
  [[nodiscard]] variable_id intent() const noexcept { return m_intent; }
  [[nodiscard]] variable_id cycle_stage() const noexcept { return m_cycle_stage; }
  [[nodiscard]] variable_id target_value() const noexcept { return m_target_value; }
  [[nodiscard]] variable_id lever() const noexcept { return m_lever; }  ///< exploitable_lever
  /// The 5 latent variables of indicators.md section 3.
  [[nodiscard]] const std::vector<variable_id>& latent_ids() const noexcept { return m_latents; }
  /// offer_nature, concealment, collection_pressure (section 6.1).
  [[nodiscard]] const std::vector<variable_id>& intermediate_ids() const noexcept { return m_intermediates; }
  /// The 29 indicators, in vocabulary order.
  [[nodiscard]] const std::vector<variable_id>& indicator_ids() const noexcept { return m_indicators; }
  /// Whether `v` is an observable indicator.
  [[nodiscard]] bool is_indicator(variable_id v) const noexcept;

  /// P(pitch) from a posterior of intent (see the free function p_pitch).
  [[nodiscard]] double p_pitch(const distribution& intent_posterior) const { return approach::p_pitch(intent_posterior); }
  /// P(pitch) with no evidence (see the free function prior_p_pitch).
  [[nodiscard]] double prior_p_pitch() const { return approach::prior_p_pitch(m_parameters); }

 private:
  model_parameters m_parameters;
  pitchrisk::network m_network;
  variable_id m_officer = 0, m_intent = 0, m_cycle_stage = 0, m_target_value = 0, m_lever = 0;
  std::vector<variable_id> m_latents, m_intermediates, m_indicators;
};

// ---------------------------------------------------------------------------------------

namespace detail {

inline void check_model_parameters(const model_parameters& p) {
  const auto text = [](double x) { return pitchrisk::detail::number_text(x); };
  if (!(p.officer_base_rate > 0.0 && p.officer_base_rate < 1.0))
    throw model_error("approach model: officer_base_rate is " + text(p.officer_base_rate) +
                      ", expected a probability strictly between 0 and 1");
  if (!(p.recruitment_share >= 0.0) || !(p.influence_share >= 0.0))
    throw model_error("approach model: recruitment_share and influence_share must be non-negative, got " +
                      text(p.recruitment_share) + " and " + text(p.influence_share));
  const double hostile = p.recruitment_share + p.influence_share;
  if (!(hostile > 0.0) || hostile > 1.0 + 1e-12)
    throw model_error("approach model: recruitment_share + influence_share is " + text(hostile) +
                      ", expected a value in (0, 1]");
}

/// Sets the CPT of `child` from one distribution per parent configuration (first parent
/// fastest), after declaring the parents.
inline void set_columns(network_builder& b, std::string_view child, const std::vector<std::string>& parents,
                        const std::vector<std::vector<double>>& columns) {
  std::vector<double> flat;
  for (const auto& c : columns) flat.insert(flat.end(), c.begin(), c.end());
  b.set_cpt(child, parents, std::move(flat));
}

}  // namespace detail

inline double prior_p_pitch(const model_parameters& p) {
  detail::check_model_parameters(p);
  return p.officer_base_rate * (p.recruitment_share + p.influence_share);
}

inline double p_pitch(const distribution& intent) {
  const auto& v = intent.variable();
  if (v.name != "intent" || v.states != find_latent("intent")->states)
    throw model_error("p_pitch needs the posterior of 'intent' (recruitment_pitch, influence_operation, benign), got '" +
                      v.name + "'");
  return intent[0] + intent[1];
}

inline network build_approach_network(const model_parameters& p) {
  detail::check_model_parameters(p);
  network_builder b("approach_risk");
  // Notation: LR = P(state | pitch) / P(state | benign), the quantity of indicators.md
  // section 2; "weak" 1.5-3, "moderate" 3-10, "strong" > 10, "decisive" >= 100 toward a
  // pitch; exculpatory "weak" 0.35-0.7, "moderate" 0.1-0.35. The LR of each state that the
  // numbers below imply (alone, from no evidence) is given as "-> LR x" and is checked against
  // the band of the vocabulary by tests/domain/model_test.cpp.

  // ---- Latent variables (section 3) --------------------------------------------------
  for (const latent_variable& l : latent_variables()) b.add_variable(std::string(l.name), l.states);
  // Intermediate nodes (section 6.1): one shared cause per group of correlated indicators,
  // each with states ordered from benign to hostile.
  b.add_variable("offer_nature", {"none", "legitimate", "illicit"});
  b.add_variable("concealment", {"open", "discreet", "concealed"});
  b.add_variable("collection_pressure", {"none", "low", "high", "extreme"});
  for (const indicator& i : indicators()) b.add_variable(std::string(i.name), i.states);

  // approacher_is_io (yes, no): the configurable base rate of the screened population (6.2).
  detail::set_columns(b, "approacher_is_io", {}, {{p.officer_base_rate, 1.0 - p.officer_base_rate}});

  // intent | approacher_is_io. Only an officer (or tasked co-optee) makes a pitch (section 3,
  // label "pitch"); an officer's contact is recruitment, influence, or ordinary business.
  const double officer_benign = std::max(0.0, 1.0 - p.recruitment_share - p.influence_share);
  detail::set_columns(b, "intent", {"approacher_is_io"},
                      {{p.recruitment_share, p.influence_share, officer_benign},  // io = yes
                       {0.0, 0.0, 1.0}});                                          // io = no

  // cycle_stage | intent (none, spotting, assessing, developing, recruiting, handling): where
  // an approach that comes to an analyst's attention stands [R22][R19][R13]. Most hostile
  // contacts are still early (spotting casts a wide net; few reach the ask); influence
  // operations spend longer developing and make their offer at "recruiting" (seed 000's
  // dinner offer, case file cycle judgement). Benign contacts are "none" by definition.
  detail::set_columns(b, "cycle_stage", {"intent"},
                      {{0.0, 0.30, 0.25, 0.20, 0.15, 0.10},   // recruitment_pitch
                       {0.0, 0.20, 0.20, 0.30, 0.25, 0.05},   // influence_operation
                       {1.0, 0.0, 0.0, 0.0, 0.0, 0.0}});      // benign

  // target_value | intent (low, medium, high). Current access, future access, contacts or
  // audience (section 3, 4.C1). Benign contacts reach a general population, mostly of low
  // value to a service; recruitment aims at access (high) but spotting casts a wide net
  // (seed 001: "students with bright futures", "interesting profiles"); influence aims at
  // people with contacts and audience (medium: seed 000's adviser, 4.C1 "moderate toward
  // influence_operation"). Numbers chosen jointly with target_access so that each access
  // state lands in its band of 4.C1 and no access state lowers P(pitch) (every hostile
  // row puts at least the benign probability on each incriminating access state).
  detail::set_columns(b, "target_value", {"intent"},
                      {{0.37, 0.26, 0.37},    // recruitment_pitch
                       {0.09, 0.83, 0.08},    // influence_operation
                       {0.75, 0.18, 0.07}});  // benign

  // exploitable_lever | intent (none, money, ideology, compromise, ego): MICE [R21]. A benign
  // contact works on no lever. Recruitment: money first (seed 002 "tempted to get extra
  // cash"; [R28] targets with financial difficulties), then ego [R19][R30]; influence:
  // ideology first (seed 001: milieus "sensitive to speeches on traditional values").
  detail::set_columns(b, "exploitable_lever", {"intent"},
                      {{0.10, 0.40, 0.12, 0.10, 0.28},   // recruitment_pitch
                       {0.10, 0.25, 0.45, 0.05, 0.15},   // influence_operation
                       {1.0, 0.0, 0.0, 0.0, 0.0}});      // benign

  // ---- Intermediate nodes (section 6.1) ----------------------------------------------
  // offer_nature | cycle_stage: one offer behind offer_plausibility, payment_channel and
  // political_funding_offer (6.1). Benign contacts often carry ordinary offers (jobs,
  // grants, paid lessons); hostile ones make illicit offers from developing on, and most at
  // the ask (recruiting) and in handling (paid tasking) [R13][R19]; seed 000's EUR 500,000.
  detail::set_columns(b, "offer_nature", {"cycle_stage"},
                      {{0.55, 0.44, 0.01},    // none (benign)
                       {0.85, 0.12, 0.03},    // spotting: little is offered yet
                       {0.70, 0.18, 0.12},    // assessing
                       {0.40, 0.20, 0.40},    // developing: small paid favours [R13]
                       {0.15, 0.20, 0.65},    // recruiting: the explicit ask
                       {0.10, 0.20, 0.70}});  // handling: payments to a source

  // concealment | cycle_stage: one concealment behind secrecy and comms_tradecraft (6.1).
  // Benign contacts are open or merely private; hostile ones avoid institutional visibility
  // increasingly as the relationship deepens [R17][R20][R25] (seed 002: meetings fixed face
  // to face).
  detail::set_columns(b, "concealment", {"cycle_stage"},
                      {{0.45, 0.53, 0.02},    // none (benign)
                       {0.15, 0.65, 0.20},    // spotting
                       {0.10, 0.55, 0.35},    // assessing
                       {0.05, 0.40, 0.55},    // developing
                       {0.03, 0.30, 0.67},    // recruiting
                       {0.02, 0.20, 0.78}});  // handling

  // collection_pressure | cycle_stage: one escalation behind task_request,
  // work_elicitation and request_escalation (6.1). "Slowly increasing their demands over
  // time" [R13]; "one small step of cooperation at a time" [R19]; less sensitive requests
  // first [R5]. Benign contacts almost never push for non-public material.
  detail::set_columns(b, "collection_pressure", {"cycle_stage"},
                      {{0.80, 0.19, 0.0098, 0.0002},   // none (benign)
                       {0.45, 0.45, 0.09, 0.01},       // spotting
                       {0.30, 0.45, 0.22, 0.03},       // assessing
                       {0.15, 0.40, 0.37, 0.08},       // developing
                       {0.08, 0.30, 0.40, 0.22},       // recruiting
                       {0.05, 0.25, 0.42, 0.28}});     // handling

  // ---- A. Who is approaching (children of approacher_is_io) --------------------------
  // Columns: approacher_is_io = yes, then no. LR ~ P(. | yes) / P(. | no).
  // A1 official_cover (none, diplomat, attache_or_trade_post): diplomat weak, attache
  // moderate, none neutral [R15][R49], seeds 000, 002-004; most networking diplomats do their
  // job (seed 000) -> LR 0.88, 2.5, 5.9.
  detail::set_columns(b, "official_cover", {"approacher_is_io"}, {{0.84, 0.10, 0.06}, {0.95, 0.04, 0.01}});
  // A2 state_nexus (none, allied_or_neutral, high_threat): high_threat moderate, allied
  // neutral to weak exculpatory, none weak exculpatory [R1][R23][R25]; kept moderate: most
  // contacts with any state's officials are benign -> LR 0.6, 0.82, 5.0. About organisations,
  // never nationality (6.5).
  detail::set_columns(b, "state_nexus", {"approacher_is_io"}, {{0.42, 0.18, 0.40}, {0.70, 0.22, 0.08}});
  // A3 identity_check (verified, unverifiable, contradicted) | io, official_cover:
  // contradicted strong, unverifiable weak to moderate, verified weak exculpatory for
  // non-official approachers but neutral for accredited officials ("a verified diplomat can
  // still be an officer") [R1][R6][R23][R25][R28]. Columns: (yes,none) (no,none) (yes,diplomat)
  // (no,diplomat) (yes,attache) (no,attache).
  // -> non-official: LR 0.56, 2.1, 15; official: 0.93, 2, 10.
  detail::set_columns(b, "identity_check", {"approacher_is_io", "official_cover"},
                      {{0.45, 0.40, 0.15}, {0.80, 0.19, 0.01},
                       {0.90, 0.05, 0.05}, {0.97, 0.025, 0.005},
                       {0.90, 0.05, 0.05}, {0.97, 0.025, 0.005}});
  // A4 profile_anomalies (none, some): some moderate, none weak exculpatory [R4][R5][R23]
  // -> LR 0.65, 5.
  detail::set_columns(b, "profile_anomalies", {"approacher_is_io"}, {{0.60, 0.40}, {0.92, 0.08}});
  // A5 prior_relationship (established, introduced, stranger): established moderate
  // exculpatory, introduced neutral (MI5 on fake shared acquaintances [R1][R51]), stranger
  // weak (seeds 000, 002) -> LR 0.2, 0.88, 2.
  detail::set_columns(b, "prior_relationship", {"approacher_is_io"}, {{0.08, 0.22, 0.70}, {0.40, 0.25, 0.35}});

  // ---- B. How contact began ------------------------------------------------------------
  // B1 first_contact_channel (institutional, event_or_conference, ad_or_gig,
  // online_unsolicited, in_person_other): ad_or_gig and online_unsolicited moderate [R13]
  // [R16][R1][R23][R25] (seed 002's Leboncoin ad), in_person weak, event neutral to weak,
  // institutional moderate exculpatory [R36][R37] -> LR 0.2, 1.08, 4, 4, 1.53.
  detail::set_columns(b, "first_contact_channel", {"approacher_is_io"},
                      {{0.10, 0.27, 0.16, 0.24, 0.23}, {0.50, 0.25, 0.04, 0.06, 0.15}});

  // ---- C. The target (weak by design, section 1) ----------------------------------------
  // C1 target_access (none, influence_or_contacts, sensitive_unclassified, classified) |
  // target_value (low, medium, high): access and contacts make a person valuable [R19][R7]
  // [R49]; a high-value person without current access is a student or junior with future
  // access (seed 001). -> LR 0.5, 1.7 (and >= 3.5 toward influence_operation), 3.3, 3.6.
  detail::set_columns(b, "target_access", {"target_value"},
                      {{0.91, 0.07, 0.01, 0.01},    // low
                       {0.09, 0.88, 0.02, 0.01},    // medium
                       {0.13, 0.01, 0.35, 0.51}});  // high
  // C2 target_career_stage (student_or_early, established, former_insider) | intent:
  // students and former insiders weak toward [R14][R15][R4], established neutral. Tied to
  // intent rather than target_value because future access (students) and current access are
  // alternatives, not correlates. -> LR 1.6, 0.69, 2.0.
  detail::set_columns(b, "target_career_stage", {"intent"},
                      {{0.45, 0.42, 0.13},    // recruitment_pitch
                       {0.28, 0.64, 0.08},    // influence_operation
                       {0.26, 0.68, 0.06}});  // benign
  // C3 target_public_exposure (low, high) | approacher_is_io: high weak toward: it explains
  // spotting [R7][R25][R28] -> LR 0.54, 1.86.
  detail::set_columns(b, "target_public_exposure", {"approacher_is_io"}, {{0.35, 0.65}, {0.65, 0.35}});
  // C4-C6 | exploitable_lever (none, money, ideology, compromise, ego): each attribute is
  // moderate evidence for its lever (LR 3.5-7 lever vs other levers) and, through the
  // lever, weak toward pitch overall. The base rates (20 % of people show financial need,
  // 10 % alignment, 10 % grievance) hold for every other lever, so no lever lowers them.
  // C4 target_financial_pressure: money lever [R21][R28], seed 002 -> LR 2.1 toward pitch.
  detail::set_columns(b, "target_financial_pressure", {"exploitable_lever"},
                      {{0.80, 0.20}, {0.20, 0.80}, {0.80, 0.20}, {0.80, 0.20}, {0.80, 0.20}});
  // C5 target_ideological_affinity: ideology lever [R21], seeds 000, 001 -> LR 2.2 toward
  // pitch, 3.7 toward influence_operation.
  detail::set_columns(b, "target_ideological_affinity", {"exploitable_lever"},
                      {{0.90, 0.10}, {0.90, 0.10}, {0.30, 0.70}, {0.90, 0.10}, {0.90, 0.10}});
  // C6 target_grievance: ego lever [R30][R19] -> LR 2.4 toward pitch.
  detail::set_columns(b, "target_grievance", {"exploitable_lever"},
                      {{0.90, 0.10}, {0.90, 0.10}, {0.90, 0.10}, {0.90, 0.10}, {0.35, 0.65}});

  // ---- D. What the approacher asks about -------------------------------------------------
  // D1 personal_probing (none, light, persistent) | cycle_stage: persistent strong, marks
  // the assessing stage [R3][R19][R22][R23][R28], seed 000's second meeting; light weak;
  // none weak exculpatory -> LR 0.38, 1.6, 15. Every hostile stage puts at least the benign
  // probability on light and persistent, so neither can lower P(pitch).
  detail::set_columns(b, "personal_probing", {"cycle_stage"},
                      {{0.71, 0.27, 0.02},    // none (benign)
                       {0.45, 0.45, 0.10},    // spotting
                       {0.10, 0.35, 0.55},    // assessing: learning what makes you tick [R19]
                       {0.20, 0.45, 0.35},    // developing
                       {0.25, 0.45, 0.30},    // recruiting
                       {0.30, 0.45, 0.25}});  // handling
  // D2 work_elicitation (none, public_level, nonpublic_specific) | collection_pressure:
  // non-public strong [R17][R18][R10], public neutral, none weak exculpatory
  // -> LR 0.54, 1.4, 12.5.
  detail::set_columns(b, "work_elicitation", {"collection_pressure"},
                      {{0.75, 0.245, 0.005}, {0.30, 0.67, 0.03}, {0.15, 0.40, 0.45}, {0.15, 0.35, 0.50}});
  // D3 contacts_elicitation (no, yes) | intent: moderate [R10][R17]; influence works through
  // contacts (seed 000: the candidate "through" his adviser) -> LR 4.4.
  detail::set_columns(b, "contacts_elicitation", {"intent"}, {{0.60, 0.40}, {0.40, 0.60}, {0.90, 0.10}});
  // D4 flattery (no, yes) | intent: weak, praise is ubiquitous in networking [R5][R17][R19]
  // [R27] -> LR 2.2.
  detail::set_columns(b, "flattery", {"intent"}, {{0.45, 0.55}, {0.40, 0.60}, {0.75, 0.25}});

  // ---- E. Offers, money and tasks ---------------------------------------------------------
  // E1 task_request (none, open_or_analytic, seek_access_position, internal_documents,
  // classified_documents) | collection_pressure: open moderate (also normal consulting),
  // seek_access and internal strong, classified decisive, none weak exculpatory [R13][R16]
  // [R12][R25], seeds 002, 004 -> LR 0.67, 4.8, 11, 17, ~200. Each incriminating task is at
  // least as likely at every higher pressure level (no finding can lower P(pitch)).
  detail::set_columns(b, "task_request", {"collection_pressure"},
                      {{0.97618, 0.02, 0.002, 0.0018, 0.00002},   // none
                       {0.86508, 0.12, 0.008, 0.0069, 0.00002},   // low
                       {0.20, 0.44, 0.13, 0.227, 0.003},          // high
                       {0.01, 0.44, 0.13, 0.22, 0.20}});        // extreme
  // E2 offer_plausibility (no_offer, plausible, too_good_to_be_true) | offer_nature: too
  // good strong [R4][R6][R11][R29] (seed 000: EUR 500,000 against a EUR 7,500 cap [R33]),
  // plausible weak exculpatory, no_offer neutral. An ordinary offer is judged too good no
  // more often than a missing one is (0.3 % misjudgements), so the finding points only to
  // an illicit offer and can never argue for "some ordinary offer" -> LR 0.96, 0.58, 21.
  detail::set_columns(b, "offer_plausibility", {"offer_nature"},
                      {{0.977, 0.02, 0.003}, {0.02, 0.977, 0.003}, {0.02, 0.25, 0.73}});
  // E3 payment_channel (none, traceable, cash_or_concealed) | offer_nature: cash strong
  // (seed 002; [R32][R49]), traceable weak exculpatory, none neutral; cash as rare with an
  // ordinary offer as without one (same reason as E2) -> LR 0.93, 0.64, 20.
  detail::set_columns(b, "payment_channel", {"offer_nature"},
                      {{0.957, 0.04, 0.003}, {0.25, 0.747, 0.003}, {0.15, 0.25, 0.60}});
  // E4 political_funding_offer (no, yes) | offer_nature, intent: moderate on its own (most
  // donations are domestic and legal), strong toward influence_operation with an illicit
  // offer [R32][R33][R34][R35], seed 000 -> LR 7.3 toward pitch. Ordinary offers carry the same
  // small rate as no offer, so the finding never argues for "an ordinary offer exists".
  // Columns: offer fastest; intent recruitment_pitch, influence_operation, benign.
  detail::set_columns(b, "political_funding_offer", {"offer_nature", "intent"},
                      {{0.99, 0.01}, {0.99, 0.01}, {0.90, 0.10},     // recruitment_pitch
                       {0.99, 0.01}, {0.99, 0.01}, {0.35, 0.65},     // influence_operation
                       {0.99, 0.01}, {0.99, 0.01}, {0.90, 0.10}});   // benign
  // E5 paid_travel_invitation (no, yes) | cycle_stage: moderate; trips abroad are where
  // pressure is applied [R1][R10][R24][R25][R27] -> LR 4.7.
  detail::set_columns(b, "paid_travel_invitation", {"cycle_stage"},
                      {{0.98, 0.02}, {0.97, 0.03}, {0.93, 0.07}, {0.85, 0.15}, {0.85, 0.15}, {0.90, 0.10}});
  // E6 gifts_hospitality (none < modest < lavish): noisy-MAX of two causes, the cultivation
  // of the relationship (cycle_stage; reciprocation [R21], "we meet over lunch" [R19]) and an
  // illicit offer (benefits, free trips [R25][R27]); the leak is the hospitality of ordinary
  // contacts. lavish moderate, modest weak, none neutral -> LR 0.72, 1.8, 6.5.
  set_noisy_max(b, b.id("gifts_hospitality"), {b.id("cycle_stage"), b.id("offer_nature")},
                {{{1, 0, 0},               // cycle none: no cultivation
                  {0.95, 0.05, 0.0},       // spotting
                  {0.82, 0.15, 0.03},      // assessing
                  {0.65, 0.28, 0.07},      // developing
                  {0.65, 0.26, 0.09},      // recruiting
                  {0.65, 0.26, 0.09}},     // handling
                 {{1, 0, 0},               // offer none
                  {0.97, 0.03, 0.0},       // legitimate offer
                  {0.70, 0.12, 0.18}}},    // illicit offer
                {0.83, 0.155, 0.015});     // leak: ordinary meals and receptions

  // ---- F. Conduct and tradecraft ----------------------------------------------------------
  // F1 secrecy (open_institutional, informal, secrecy_requested) | concealment: requested
  // strong, open moderate exculpatory, informal neutral (job searches are discreet)
  // [R17][R20][R25][R36] -> LR 0.27, 1.17, 15.
  detail::set_columns(b, "secrecy", {"concealment"}, {{0.899, 0.10, 0.001}, {0.08, 0.91, 0.01}, {0.02, 0.43, 0.55}});
  // F2 comms_tradecraft (none, channel_shift, covert_methods) | concealment: covert strong
  // (seed 002), channel shift moderate [R6][R25], none weak exculpatory -> LR 0.65, 3.2, 11.5.
  detail::set_columns(b, "comms_tradecraft", {"concealment"}, {{0.95, 0.045, 0.005}, {0.91, 0.08, 0.01}, {0.20, 0.42, 0.38}});
  // F3 meeting_setting (official_group, public_one_to_one, private_or_abroad) | cycle_stage:
  // official group moderate exculpatory (no privacy for a pitch), public one-to-one weak
  // (seed 002's restaurant), private or abroad moderate ("home turf" [R3][R10][R27])
  // -> LR 0.19, 1.6, 3.3.
  detail::set_columns(b, "meeting_setting", {"cycle_stage"},
                      {{0.55, 0.35, 0.10},    // none (benign)
                       {0.25, 0.55, 0.20},    // spotting: events and first meals
                       {0.08, 0.62, 0.30},    // assessing
                       {0.05, 0.60, 0.35},    // developing
                       {0.03, 0.52, 0.45},    // recruiting
                       {0.02, 0.50, 0.48}});  // handling
  // F4 contact_cadence (single_or_ad_hoc, regular_scheduled) | cycle_stage: regular weak
  // (tutoring is regular too), handling runs on schedules (seed 002: every three weeks)
  // -> LR 2.1. Spotting equals the benign rate so that "regular" never lowers P(pitch).
  detail::set_columns(b, "contact_cadence", {"cycle_stage"},
                      {{0.75, 0.25}, {0.75, 0.25}, {0.60, 0.40}, {0.30, 0.70}, {0.30, 0.70}, {0.15, 0.85}});
  // F5 request_escalation (none, gradual) | collection_pressure: moderate to strong [R19]
  // [R13][R5], seeds 000, 002; none weak exculpatory -> LR 0.69, 4.7.
  detail::set_columns(b, "request_escalation", {"collection_pressure"},
                      {{0.97, 0.03}, {0.75, 0.25}, {0.30, 0.70}, {0.20, 0.80}});
  // F6 pretext_mismatch (consistent, inconsistent) | cycle_stage: strong; the cover wears
  // thin when the real requirement appears [R16] (seed 000: an attache funding a campaign;
  // seed 002: a "pupil" paying for documents), i.e. at the ask and in handling; 2.5 % of
  // benign relations look odd; consistent weak exculpatory -> LR 0.67, 14. (A noisy-OR of
  // offer_nature and collection_pressure would damp its correlation with the offer and the
  // tasks further, but its explaining-away let "too good to be true" LOWER P(pitch) in rare
  // contexts, found by a randomised search over 2e5 findings; monotonicity comes first.)
  detail::set_columns(b, "pretext_mismatch", {"cycle_stage"},
                      {{0.975, 0.025},    // none (benign)
                       {0.95, 0.05},      // spotting
                       {0.80, 0.20},      // assessing
                       {0.60, 0.40},      // developing
                       {0.30, 0.70},      // recruiting: the explicit ask
                       {0.20, 0.80}});    // handling

  // ---- G. Authorities ----------------------------------------------------------------------
  // G1 authority_flag (none, flagged) | approacher_is_io: flagged decisive (a service's
  // knowledge integrates what the analyst lacks; expulsions in seeds 002-004); services know
  // about half of the officers who approach people; none weak exculpatory -> LR 0.5, ~330.
  detail::set_columns(b, "authority_flag", {"approacher_is_io"}, {{0.50, 0.50}, {0.9995, 0.0005}});

  return b.build();
}

inline approach_model::approach_model(const model_parameters& parameters)
    : m_parameters(parameters), m_network(build_approach_network(parameters)) {
  m_officer = m_network.id("approacher_is_io");
  m_intent = m_network.id("intent");
  m_cycle_stage = m_network.id("cycle_stage");
  m_target_value = m_network.id("target_value");
  m_lever = m_network.id("exploitable_lever");
  for (const latent_variable& l : latent_variables()) m_latents.push_back(m_network.id(l.name));
  for (const char* n : {"offer_nature", "concealment", "collection_pressure"}) m_intermediates.push_back(m_network.id(n));
  for (const indicator& i : indicators()) m_indicators.push_back(m_network.id(i.name));
}

inline bool approach_model::is_indicator(variable_id v) const noexcept {
  for (const variable_id i : m_indicators)
    if (i == v) return true;
  return false;
}

}  // namespace pitchrisk::approach
