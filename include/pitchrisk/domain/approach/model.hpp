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
#include "pitchrisk/domain/approach/vocabulary.hpp"
#include "pitchrisk/error.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

namespace pitchrisk::approach {

/// The shares of the ordinary explanations among the approaches NOT made by an officer, in
/// the screened population: reported odd contacts (section 6.2). These are ASSUMPTIONS, not
/// measurements: no public statistic gives them. They say that most odd approaches that
/// staff report are scams (the commonest unsolicited approach that asks something of a
/// stranger [R52][R53]), then headhunting and ordinary contacts, then journalists and
/// researchers, competitors' consultants and lobbyists. They must sum to 1.
struct explanation_shares {
  double fraud = 0.30;                   ///< scams: job fees, investment, identity theft
  double commercial_recruitment = 0.20;  ///< headhunters and recruiting firms
  double business_intelligence = 0.10;   ///< competitors and their consultants
  double press_or_research = 0.12;       ///< journalists cultivating a source, researchers
  double lobbying = 0.08;                ///< lobbying and advocacy
  double benign = 0.20;                  ///< ordinary contacts with no agenda
};

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
  /// P(intent | approacher_is_io = no): the ordinary explanations (an assumption of the
  /// screened population, see explanation_shares).
  explanation_shares population{};
};

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
  const explanation_shares& e = p.population;
  const double shares[] = {e.fraud, e.commercial_recruitment, e.business_intelligence, e.press_or_research,
                           e.lobbying, e.benign};
  double total = 0;
  for (const double x : shares) {
    if (!(x >= 0.0))
      throw model_error("approach model: an explanation share of the population is " + text(x) + ", expected >= 0");
    total += x;
  }
  if (std::abs(total - 1.0) > 1e-9)
    throw model_error("approach model: the population's explanation shares sum to " + text(total) + ", expected 1");
}

/// P(contact_profile | intent) (ordinary, cold_anonymous, state_linked), one row per intent
/// state; rationale at its use in build_approach_network().
inline std::vector<std::vector<double>> profile_rows() {
  return {{0.30, 0.50, 0.20},    // recruitment_pitch
          {0.45, 0.20, 0.35},    // influence_operation
          {0.05, 0.93, 0.02},    // fraud
          {0.35, 0.63, 0.02},    // commercial_recruitment
          {0.40, 0.55, 0.05},    // business_intelligence
          {0.75, 0.15, 0.10},    // press_or_research
          {0.75, 0.10, 0.15},    // lobbying
          {0.86, 0.06, 0.08}};   // benign
}

/// Sets the CPT of `child` | cycle_stage, intent from one row per cycle stage (used by the
/// pitch intents; the row of stage none is the ordinary benign contact's) and one row per
/// non-pitch explanation other than benign (fraud, commercial_recruitment,
/// business_intelligence, press_or_research, lobbying; their stage is always none).
/// Columns a model can never reach (a pitch at stage none, an explanation at a later
/// stage) repeat a reachable row so that every column is a distribution.
inline void set_by_stage(network_builder& b, std::string_view child, const std::vector<std::vector<double>>& by_stage,
                         const std::vector<std::vector<double>>& by_explanation) {
  const auto& intents = find_latent("intent")->states;
  std::vector<std::vector<double>> cols;
  for (const std::string& h : intents) {
    const bool stage_driven = h == "recruitment_pitch" || h == "influence_operation" || h == "benign";
    for (std::size_t stage = 0; stage < by_stage.size(); ++stage) {
      if (stage_driven) {
        cols.push_back(by_stage[h == "benign" ? 0 : stage]);
      } else {
        const auto k = static_cast<std::size_t>(std::find(intents.begin(), intents.end(), h) - intents.begin()) - 2;
        cols.push_back(by_explanation.at(k));
      }
    }
  }
  // Columns: cycle_stage fastest, then intent.
  std::vector<double> flat;
  for (const auto& c : cols) flat.insert(flat.end(), c.begin(), c.end());
  b.set_cpt(child, {"cycle_stage", "intent"}, std::move(flat));
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

  // ---- Latent variables (section 3) --------------------------------------------------
  for (const latent_variable& l : latent_variables()) b.add_variable(std::string(l.name), l.states);
  b.add_variable("contact_profile", {"ordinary", "cold_anonymous", "state_linked"});
  b.add_variable("offer_nature", {"none", "legitimate", "illicit"});
  b.add_variable("concealment", {"open", "discreet", "concealed"});
  b.add_variable("collection_pressure", {"none", "low", "high", "extreme"});
  for (const indicator& i : indicators()) b.add_variable(std::string(i.name), i.states);

  // approacher_is_io (yes, no): the configurable base rate of the screened population (6.2).
  detail::set_columns(b, "approacher_is_io", {}, {{p.officer_base_rate, 1.0 - p.officer_base_rate}});

  // intent | approacher_is_io. Only an officer (or tasked co-optee) makes a pitch (section 3);
  // an officer's contact is recruitment, influence, or ordinary business (benign). A contact
  // by anyone else has one of the ordinary explanations, in the shares of the screened
  // population (model_parameters::population: an ASSUMPTION, see there).
  const double officer_benign = std::max(0.0, 1.0 - p.recruitment_share - p.influence_share);
  const explanation_shares& s = p.population;
  detail::set_columns(b, "intent", {"approacher_is_io"},
                      {{p.recruitment_share, p.influence_share, 0, 0, 0, 0, 0, officer_benign},  // io = yes
                       {0.0, 0.0, s.fraud, s.commercial_recruitment, s.business_intelligence, s.press_or_research,
                        s.lobbying, s.benign}});                                                 // io = no

  // cycle_stage | intent (none, spotting, assessing, developing, recruiting, handling): where
  // an approach that comes to an analyst's attention stands [R22][R19][R13]. Most hostile
  // contacts are still early (spotting casts a wide net; few reach the ask); influence
  // operations spend longer developing and make their offer at "recruiting" (seed 000's
  // dinner offer). Every non-pitch explanation is "none" by definition: the recruitment cycle
  // is a service's; a scam's or a headhunter's progress shows through its own rows below.
  {
    const std::vector<double> none{1.0, 0.0, 0.0, 0.0, 0.0, 0.0};
    detail::set_columns(b, "cycle_stage", {"intent"},
                        {{0.0, 0.30, 0.25, 0.20, 0.15, 0.10},   // recruitment_pitch
                         {0.0, 0.20, 0.20, 0.30, 0.25, 0.05},   // influence_operation
                         none, none, none, none, none, none});
  }

  // contact_profile | intent (ordinary, cold_anonymous, state_linked): who approaches and
  // how, as one latent. The indicators of section A and B (cover, state, identity, profile,
  // relationship, channel) and the declared state affiliation are its children, so together
  // they weigh no more than the profile they reveal (issue 14 point 2: "weak things stay
  // weak"). ordinary: a known or traceable person through normal channels; cold_anonymous:
  // a stranger through an ad or an unsolicited online message, hard to verify;
  // state_linked: an official or a body of a foreign state.
  // Pitches: online and ad campaigns are industrial [R1][R23][R25] and official cover is the
  // resident services' standard [R15][R49]; influence works through officials, events and
  // associations (seed 000, [R32]). Fraud is almost always cold and anonymous [R52][R53];
  // headhunters and consultants cold but traceable or not; journalists, lobbyists and
  // ordinary contacts mostly ordinary; some lobbying and press is for foreign states (state
  // media, registered foreign agents), and most networking diplomats are ordinary contacts
  // doing their job (seed 000), hence state_linked 0.08 for benign. Officers' approaches
  // are mostly cold (the online campaigns reach tens of thousands [R1][R23][R25]), under a
  // third under official cover; influence works more through officials and associations.
  detail::set_columns(b, "contact_profile", {"intent"}, detail::profile_rows());

  // target_value | intent (low, medium, high): current access, future access, contacts or
  // audience (section 3, 4.C1). Benign contacts reach a general population, mostly of low
  // value to a service; recruitment aims at access (high) but spotting casts a wide net
  // (seed 001): the spotting net is wide, so a valuable target is weak evidence (issue 14:
  // who is worth approaching, not whether this approach is a pitch); influence aims at
  // people with contacts and audience (medium). A scam does
  // not care about access (same as benign) [R52]; headhunters and competitors' consultants
  // seek skilled insiders of firms (medium to high); journalists seek sources with access
  // and contacts; lobbyists people with influence (medium).
  detail::set_columns(b, "target_value", {"intent"},
                      {{0.55, 0.20, 0.25},    // recruitment_pitch
                       {0.15, 0.75, 0.10},    // influence_operation
                       {0.75, 0.18, 0.07},    // fraud
                       {0.35, 0.40, 0.25},    // commercial_recruitment
                       {0.30, 0.35, 0.35},    // business_intelligence
                       {0.40, 0.40, 0.20},    // press_or_research
                       {0.20, 0.75, 0.05},    // lobbying
                       {0.75, 0.18, 0.07}});  // benign

  // exploitable_lever | intent (none, money, ideology, compromise, ego): MICE [R21]. A benign
  // contact works on no lever. Recruitment: money first (seed 002; [R28]), then ego [R19]
  // [R30]; influence: ideology first (seed 001). The ordinary explanations work on motives
  // too: scams on need and greed (money) [R52][R53]; headhunters on pay and career (money,
  // ego); competitors' consultants on consulting fees (money); journalists on sources'
  // convictions and grievances (ideology, ego); lobbyists on shared causes (ideology). An
  // ordinary contact mostly works on no motive, sometimes on an ordinary one (paid lessons
  // or gigs: money; a shared cause; a career favour), so a target's need or grievance is
  // not, by itself, a sign of anyone's design.
  detail::set_columns(b, "exploitable_lever", {"intent"},
                      {{0.25, 0.33, 0.12, 0.08, 0.22},    // recruitment_pitch
                       {0.10, 0.25, 0.45, 0.05, 0.15},    // influence_operation
                       {0.35, 0.55, 0.00, 0.00, 0.10},    // fraud
                       {0.40, 0.30, 0.00, 0.00, 0.30},    // commercial_recruitment
                       {0.55, 0.35, 0.00, 0.00, 0.10},    // business_intelligence
                       {0.60, 0.00, 0.25, 0.00, 0.15},    // press_or_research
                       {0.60, 0.05, 0.30, 0.00, 0.05},    // lobbying
                       {0.70, 0.15, 0.05, 0.00, 0.10}});  // benign

  // ---- Intermediate nodes by stage (section 6.1) --------------------------------------
  // offer_nature: one offer behind offer_plausibility, payment_channel and
  // political_funding_offer. Benign contacts often carry ordinary offers (jobs, grants,
  // paid lessons); hostile ones make illicit offers from developing on [R13][R19]; seed
  // 000's EUR 500,000. A scam's bait is the illicit offer (a job, a prize, a return that is
  // not what it claims) [R52][R53]; a headhunter's offer is ordinary; a competitor may pay
  // an insider improperly (a tenth) [R57]; journalists rarely offer anything; lobbyists
  // offer ordinary hospitality, sponsorship and lawful donations.
  detail::set_by_stage(b, "offer_nature",
                       {{0.55, 0.44, 0.01},    // none (benign)
                        {0.85, 0.12, 0.03},    // spotting: little is offered yet
                        {0.70, 0.18, 0.12},    // assessing
                        {0.40, 0.20, 0.40},    // developing: small paid favours [R13]
                        {0.15, 0.20, 0.65},    // recruiting: the explicit ask
                        {0.10, 0.20, 0.70}},   // handling: payments to a source
                       {{0.10, 0.15, 0.75},    // fraud
                        {0.20, 0.78, 0.02},    // commercial_recruitment
                        {0.30, 0.60, 0.10},    // business_intelligence
                        {0.90, 0.09, 0.01},    // press_or_research
                        {0.35, 0.60, 0.05}});  // lobbying
  // concealment: one concealment behind secrecy and comms_tradecraft. Benign contacts are
  // open or merely private; hostile ones avoid institutional visibility increasingly
  // [R17][R20][R25]. Scams move victims off platforms and ask them to keep quiet [R52];
  // job searches are discreet; a competitor's consultant hides the client; journalists
  // protect sources with encrypted channels [R56]; lobbying is mostly open [R54][R55].
  detail::set_by_stage(b, "concealment",
                       {{0.45, 0.53, 0.02},    // none (benign)
                        {0.15, 0.65, 0.20},    // spotting
                        {0.10, 0.55, 0.35},    // assessing
                        {0.05, 0.40, 0.55},    // developing
                        {0.03, 0.30, 0.67},    // recruiting
                        {0.02, 0.20, 0.78}},   // handling
                       {{0.10, 0.50, 0.40},    // fraud
                        {0.30, 0.68, 0.02},    // commercial_recruitment
                        {0.15, 0.60, 0.25},    // business_intelligence
                        {0.20, 0.60, 0.20},    // press_or_research
                        {0.60, 0.38, 0.02}});  // lobbying
  // collection_pressure: one escalation behind task_request, work_elicitation and
  // request_escalation [R13][R19][R5]. Benign contacts almost never push for non-public
  // material; scams want money, not information (credentials are H1); headhunters ask
  // about the team at a public level; a competitor's consultant pushes for the employer's
  // non-public business [R57]; journalists seek non-public information too, which is their
  // job [R56]; lobbyists want positions, rarely documents.
  detail::set_by_stage(b, "collection_pressure",
                       {{0.80, 0.19, 0.0098, 0.0002},   // none (benign)
                        {0.45, 0.45, 0.09, 0.01},       // spotting
                        {0.30, 0.45, 0.22, 0.03},       // assessing
                        {0.15, 0.40, 0.37, 0.08},       // developing
                        {0.08, 0.30, 0.40, 0.22},       // recruiting
                        {0.05, 0.25, 0.42, 0.28}},      // handling
                       {{0.85, 0.14, 0.0098, 0.0002},   // fraud
                        {0.70, 0.28, 0.019, 0.001},     // commercial_recruitment
                        {0.20, 0.45, 0.30, 0.05},       // business_intelligence
                        {0.25, 0.50, 0.24, 0.01},       // press_or_research
                        {0.60, 0.35, 0.045, 0.005}});   // lobbying

  // ---- A. Who is approaching (children of contact_profile) ----------------------------
  // Each row: P(indicator | profile). The LRs toward pitch below are those implied through
  // the profile (recruitment and influence against benign).
  // A1 official_cover (none, diplomat, attache_or_trade_post): an official post is what a
  // state-linked profile shows; attaché and S&T/trade posts more among resident officers'
  // covers [R15][R49] (seeds 000, 002-004) -> LR 0.85, 2.3, 5.
  detail::set_columns(b, "official_cover", {"contact_profile"},
                      {{0.955, 0.04, 0.005}, {0.995, 0.004, 0.001}, {0.45, 0.30, 0.25}});
  // A2 state_nexus (none, allied_or_neutral, high_threat): about organisations, never
  // nationality (6.5); a state-linked profile is mostly a state the analyst's services warn
  // about or another state [R1][R23][R25] -> LR 0.68, 1.24, 3.2.
  detail::set_columns(b, "state_nexus", {"contact_profile"},
                      {{0.74, 0.21, 0.05}, {0.70, 0.22, 0.08}, {0.02, 0.38, 0.60}});
  // A3 identity_check (verified, unverifiable, contradicted) | contact_profile, concealment:
  // fake and borrowed personas are the core of cold online campaigns and of scams
  // [R1][R6][R23][R52]; an accredited official verifies ("a verified diplomat can still be an
  // officer"). A claim shown false is deception, so `contradicted` also rises with
  // concealment (a cover that is concealed is a cover that can be caught out): 0.20-0.35
  // of concealed approaches against 0.005-0.05 of the others. Whether a claim can be checked
  // at all depends on the profile alone: concealment scales verified and unverifiable
  // together. Columns: profile fastest, then concealment (open, discreet, concealed).
  {
    const std::vector<std::vector<double>> plain{{0.85, 0.145, 0.005}, {0.25, 0.70, 0.05}, {0.90, 0.095, 0.005}};
    const double caught[] = {0.20, 0.35, 0.20};  // P(contradicted | concealed, profile)
    std::vector<std::vector<double>> concealed;
    for (std::size_t q = 0; q < 3; ++q) {
      const double scale = (1 - caught[q]) / (1 - plain[q][2]);
      concealed.push_back({plain[q][0] * scale, plain[q][1] * scale, caught[q]});
    }
    std::vector<std::vector<double>> cols = plain;
    cols.insert(cols.end(), plain.begin(), plain.end());
    cols.insert(cols.end(), concealed.begin(), concealed.end());
    detail::set_columns(b, "identity_check", {"contact_profile", "concealment"}, cols);
  }
  // A4 profile_anomalies (none, some): hallmarks of a managed persona [R4][R5][R23].
  // -> LR 0.69, 4.4.
  detail::set_columns(b, "profile_anomalies", {"contact_profile"}, {{0.97, 0.03}, {0.15, 0.85}, {0.90, 0.10}});
  // A5 prior_relationship (established, introduced, stranger): a cold profile is a
  // stranger; an official networks by introductions [R1][R51] -> LR 0.34, 1.06, 1.9.
  detail::set_columns(b, "prior_relationship", {"contact_profile"},
                      {{0.50, 0.25, 0.25}, {0.02, 0.13, 0.85}, {0.02, 0.43, 0.55}});

  // ---- B. How contact began --------------------------------------------------------------
  // B1 first_contact_channel (institutional, event_or_conference, ad_or_gig,
  // online_unsolicited, in_person_other) | contact_profile: cold profiles come through ads
  // and unsolicited messages [R13][R16][R1][R23], officials through events and receptions;
  // ordinary contacts through institutions [R36][R37] -> LR 0.34, 1.25, 3.3, 3.6, 1.6.
  detail::set_columns(b, "first_contact_channel", {"contact_profile"},
                      {{0.62, 0.23, 0.02, 0.03, 0.10}, {0.01, 0.10, 0.27, 0.47, 0.15}, {0.04, 0.58, 0.03, 0.07, 0.28}});

  // ---- C. The target (weak by design, section 1) ----------------------------------------
  // Every target attribute hangs under target_value or exploitable_lever: the target's
  // situation says who is worth approaching, not whether this approach is a pitch, so all
  // of it together weighs no more than those two nodes (issue 14 point 2).
  // C1 target_access | target_value (low, medium, high): access and contacts make a person
  // valuable [R19][R7][R49]; a high-value person without current access is a student or
  // junior with future access (seed 001).
  detail::set_columns(b, "target_access", {"target_value"},
                      {{0.91, 0.07, 0.01, 0.01},    // low
                       {0.09, 0.88, 0.02, 0.01},    // medium
                       {0.13, 0.01, 0.35, 0.51}});  // high
  // C2 target_career_stage (student_or_early, established, former_insider) | target_value:
  // students for future access and former insiders for their knowledge [R14][R15][R4] are
  // over-represented among valuable targets; people of medium value (contacts, audience) are
  // established -> LR 1.5, 0.83, 1.75.
  detail::set_columns(b, "target_career_stage", {"target_value"},
                      {{0.15, 0.81, 0.04}, {0.15, 0.80, 0.05}, {0.55, 0.25, 0.20}});
  // C3 target_public_exposure (low, high) | target_value: people with audience and
  // advertised expertise are both more valuable and more visible [R7][R25][R28].
  // -> LR 0.69, 1.5.
  detail::set_columns(b, "target_public_exposure", {"target_value"}, {{0.75, 0.25}, {0.25, 0.75}, {0.35, 0.65}});
  // C4-C6 | exploitable_lever (none, money, ideology, compromise, ego): each attribute is
  // moderate evidence for its lever (LR 3.5-7 lever vs other levers). The base rates (20 % of
  // people show financial need, 10 % alignment, 10 % grievance) hold for every other lever.
  detail::set_columns(b, "target_financial_pressure", {"exploitable_lever"},
                      {{0.80, 0.20}, {0.20, 0.80}, {0.80, 0.20}, {0.80, 0.20}, {0.80, 0.20}});
  detail::set_columns(b, "target_ideological_affinity", {"exploitable_lever"},
                      {{0.90, 0.10}, {0.90, 0.10}, {0.30, 0.70}, {0.90, 0.10}, {0.90, 0.10}});
  detail::set_columns(b, "target_grievance", {"exploitable_lever"},
                      {{0.90, 0.10}, {0.90, 0.10}, {0.90, 0.10}, {0.90, 0.10}, {0.35, 0.65}});

  // ---- D. What the approacher asks about -------------------------------------------------
  // D1 personal_probing (none, light, persistent): persistent strong, marks the assessing
  // stage [R3][R19][R22][R23][R28] -> LR 0.38, 1.6, 15. Romance and investment scams build
  // rapport with personal questions [R53]; journalists ask about a source's situation;
  // headhunters, consultants and lobbyists rarely probe beyond small talk.
  detail::set_by_stage(b, "personal_probing",
                       {{0.71, 0.27, 0.02},    // none (benign)
                        {0.45, 0.45, 0.10},    // spotting
                        {0.10, 0.35, 0.55},    // assessing
                        {0.20, 0.45, 0.35},    // developing
                        {0.25, 0.45, 0.30},    // recruiting
                        {0.30, 0.45, 0.25}},   // handling
                       {{0.45, 0.40, 0.15},    // fraud
                        {0.55, 0.42, 0.03},    // commercial_recruitment
                        {0.60, 0.36, 0.04},    // business_intelligence
                        {0.45, 0.47, 0.08},    // press_or_research
                        {0.60, 0.38, 0.02}});  // lobbying
  // D2 work_elicitation | collection_pressure: non-public strong [R17][R18][R10]
  // -> LR 0.54, 1.4, 12.5.
  detail::set_columns(b, "work_elicitation", {"collection_pressure"},
                      {{0.75, 0.245, 0.005}, {0.30, 0.67, 0.03}, {0.15, 0.40, 0.45}, {0.15, 0.35, 0.50}});
  // D3 contacts_elicitation (no, yes) | intent: moderate [R10][R17]; influence works through
  // contacts (seed 000) -> LR 4.4. Headhunters ask who else is good, consultants and
  // journalists for people to talk to, lobbyists for introductions to decision makers; scams
  // rarely (beyond recruiting more victims).
  detail::set_columns(b, "contacts_elicitation", {"intent"},
                      {{0.60, 0.40}, {0.40, 0.60}, {0.92, 0.08}, {0.60, 0.40}, {0.60, 0.40}, {0.45, 0.55},
                       {0.50, 0.50}, {0.90, 0.10}});
  // D4 flattery (no, yes) | intent: weak, praise is ubiquitous in networking [R5][R17][R19]
  // [R27] -> LR 2.2; more so in scams' and headhunters' scripts and in lobbying.
  detail::set_columns(b, "flattery", {"intent"},
                      {{0.45, 0.55}, {0.40, 0.60}, {0.30, 0.70}, {0.30, 0.70}, {0.50, 0.50}, {0.55, 0.45},
                       {0.40, 0.60}, {0.75, 0.25}});

  // ---- E. Offers, money and tasks ---------------------------------------------------------
  // E1 task_request | collection_pressure: open moderate, seek_access and internal strong,
  // classified decisive [R13][R16][R12][R25] -> LR 0.67, 4.8, 11, 17, ~200.
  detail::set_columns(b, "task_request", {"collection_pressure"},
                      {{0.97618, 0.02, 0.002, 0.0018, 0.00002},   // none
                       {0.86508, 0.12, 0.008, 0.0069, 0.00002},   // low
                       {0.20, 0.44, 0.13, 0.227, 0.003},          // high
                       {0.01, 0.44, 0.13, 0.22, 0.20}});          // extreme
  // E2 offer_plausibility | offer_nature: too good strong [R4][R6][R11][R29] (seed 000) ->
  // LR 0.96, 0.58, 21. Scams' bait is too good too (through offer_nature = illicit).
  detail::set_columns(b, "offer_plausibility", {"offer_nature"},
                      {{0.977, 0.02, 0.003}, {0.02, 0.977, 0.003}, {0.02, 0.25, 0.73}});
  // E3 payment_channel (none, traceable, cash_or_concealed) | offer_nature, exploitable_lever:
  // cash strong (seed 002; [R32][R49]). The lever takes the offer into account (issue 14):
  // an illicit offer that works on money is paid in cash or concealed more often (0.75) than
  // one that works on another motive (0.50: conviction and ego are paid in trips and
  // recognition), so cash for reports points to the money lever. Ordinary offers are paid
  // the same way whatever the lever. Columns: offer fastest, then lever.
  {
    std::vector<std::vector<double>> cols;
    for (const char* lever : {"none", "money", "ideology", "compromise", "ego"}) {
      const bool money = std::string_view(lever) == "money";
      cols.push_back({0.957, 0.04, 0.003});  // no offer
      cols.push_back({0.25, 0.747, 0.003});  // legitimate offer
      cols.push_back(money ? std::vector<double>{0.10, 0.15, 0.75} : std::vector<double>{0.20, 0.30, 0.50});
    }
    detail::set_columns(b, "payment_channel", {"offer_nature", "exploitable_lever"}, cols);
  }
  // E4 political_funding_offer (no, yes) | offer_nature, intent: moderate on its own (most
  // donations are domestic and legal), strong toward influence_operation with an illicit
  // offer [R32][R33][R34][R35], seed 000. A lobbyist's legitimate offer is often a lawful
  // donation or fundraiser [R54]; the other explanations rarely fund politics.
  {
    std::vector<std::vector<double>> cols;
    const std::vector<double> rare{0.99, 0.01};
    for (const std::string& h : find_latent("intent")->states) {
      if (h == "influence_operation") cols.insert(cols.end(), {rare, rare, {0.35, 0.65}});
      else if (h == "lobbying") cols.insert(cols.end(), {{0.95, 0.05}, {0.75, 0.25}, {0.60, 0.40}});
      else cols.insert(cols.end(), {rare, rare, {0.90, 0.10}});
    }
    detail::set_columns(b, "political_funding_offer", {"offer_nature", "intent"}, cols);
  }
  // E5 paid_travel_invitation (no, yes): moderate; trips abroad are where pressure is
  // applied [R1][R10][R24][R25][R27] -> LR 4.7. Fake jobs abroad are a scam; employers pay
  // interview travel; lobbyists organise study tours.
  detail::set_by_stage(b, "paid_travel_invitation",
                       {{0.98, 0.02}, {0.97, 0.03}, {0.93, 0.07}, {0.85, 0.15}, {0.85, 0.15}, {0.90, 0.10}},
                       {{0.96, 0.04}, {0.88, 0.12}, {0.95, 0.05}, {0.97, 0.03}, {0.80, 0.20}});
  // E6 gifts_hospitality (none < modest < lavish): noisy-MAX of two causes, the cultivation
  // of the relationship (cycle_stage; reciprocation [R21], "we meet over lunch" [R19]) and an
  // illicit offer [R25][R27]; the leak is the hospitality of ordinary contacts -> LR 0.72,
  // 1.8, 6.5. A legitimate offer (a lobbyist's dinner, a headhunter's lunch) adds modest and
  // some lavish hospitality; lobbying's hospitality is the legitimate offer of offer_nature.
  set_noisy_max(b, b.id("gifts_hospitality"), {b.id("cycle_stage"), b.id("offer_nature")},
                {{{1, 0, 0},               // cycle none: no cultivation
                  {0.95, 0.05, 0.0},       // spotting
                  {0.82, 0.15, 0.03},      // assessing
                  {0.65, 0.28, 0.07},      // developing
                  {0.65, 0.26, 0.09},      // recruiting
                  {0.65, 0.26, 0.09}},     // handling
                 {{1, 0, 0},               // offer none
                  {0.90, 0.08, 0.02},      // legitimate offer
                  {0.70, 0.12, 0.18}}},    // illicit offer
                {0.83, 0.155, 0.015});     // leak: ordinary meals and receptions

  // ---- F. Conduct and tradecraft ----------------------------------------------------------
  // F1 secrecy | concealment -> LR 0.27, 1.17, 15 [R17][R20][R25][R36].
  detail::set_columns(b, "secrecy", {"concealment"}, {{0.899, 0.10, 0.001}, {0.08, 0.91, 0.01}, {0.02, 0.43, 0.55}});
  // F2 comms_tradecraft | concealment: covert strong (seed 002), channel shift moderate
  // [R6][R25] -> LR 0.65, 3.2, 11.5.
  detail::set_columns(b, "comms_tradecraft", {"concealment"}, {{0.95, 0.045, 0.005}, {0.91, 0.08, 0.01}, {0.20, 0.42, 0.38}});
  // F3 meeting_setting (official_group, public_one_to_one, private_or_abroad): official
  // group moderate exculpatory, public one-to-one weak (seed 002's restaurant), private or
  // abroad moderate ("home turf" [R3][R10][R27]) -> LR 0.19, 1.6, 3.3. Scams seldom meet
  // (a meeting, if any, is private or abroad); interviews are in offices; consultants and
  // journalists meet one to one in public; lobbyists host private dinners and trips.
  detail::set_by_stage(b, "meeting_setting",
                       {{0.55, 0.35, 0.10},    // none (benign)
                        {0.25, 0.55, 0.20},    // spotting: events and first meals
                        {0.08, 0.62, 0.30},    // assessing
                        {0.05, 0.60, 0.35},    // developing
                        {0.03, 0.52, 0.45},    // recruiting
                        {0.02, 0.50, 0.48}},   // handling
                       {{0.20, 0.40, 0.40},    // fraud
                        {0.55, 0.40, 0.05},    // commercial_recruitment
                        {0.25, 0.65, 0.10},    // business_intelligence
                        {0.25, 0.65, 0.10},    // press_or_research
                        {0.35, 0.35, 0.30}});  // lobbying
  // F4 contact_cadence (single_or_ad_hoc, regular_scheduled): regular weak (tutoring is
  // regular too), handling runs on schedules (seed 002) -> LR 2.1. The state is about
  // MEETINGS set on a schedule (indicators.md F4): scams chat daily but seldom meet on a
  // schedule; a hiring process is a few interviews; a consultant's or journalist's source
  // is met now and then; lobbying relationships are kept up over regular lunches.
  detail::set_by_stage(b, "contact_cadence",
                       {{0.75, 0.25}, {0.75, 0.25}, {0.60, 0.40}, {0.30, 0.70}, {0.30, 0.70}, {0.15, 0.85}},
                       {{0.90, 0.10}, {0.90, 0.10}, {0.80, 0.20}, {0.65, 0.35}, {0.60, 0.40}});
  // F5 request_escalation | collection_pressure [R19][R13][R5] -> LR 0.69, 4.7.
  detail::set_columns(b, "request_escalation", {"collection_pressure"},
                      {{0.97, 0.03}, {0.75, 0.25}, {0.30, 0.70}, {0.20, 0.80}});
  // F6 pretext_mismatch (consistent, inconsistent): strong; the cover wears thin when the
  // real requirement appears [R16] (seeds 000, 002) -> LR 0.67, 14. A scam's pretext breaks
  // when the fee is asked (a "job" that costs money) [R52]; a "market study" that wants the
  // roadmap is a competitor's; journalists and lobbyists are what they say.
  detail::set_by_stage(b, "pretext_mismatch",
                       {{0.975, 0.025},    // none (benign)
                        {0.95, 0.05},      // spotting
                        {0.80, 0.20},      // assessing
                        {0.60, 0.40},      // developing
                        {0.30, 0.70},      // recruiting: the explicit ask
                        {0.20, 0.80}},     // handling
                       {{0.55, 0.45}, {0.95, 0.05}, {0.75, 0.25}, {0.95, 0.05}, {0.93, 0.07}});

  // ---- G. Authorities ----------------------------------------------------------------------
  // G1 authority_flag (none, flagged) | approacher_is_io: flagged decisive (a service's
  // knowledge integrates what the analyst lacks; expulsions in seeds 002-004); services know
  // about half of the officers who approach people -> LR 0.5, ~330.
  detail::set_columns(b, "authority_flag", {"approacher_is_io"}, {{0.50, 0.50}, {0.9995, 0.0005}});

  // ---- H. What the approach serves (issue 14) -----------------------------------------------
  // Columns in intent order: recruitment_pitch, influence_operation, fraud,
  // commercial_recruitment, business_intelligence, press_or_research, lobbying, benign.
  // H1 asks_target_for_money (no, fees_or_investment, credentials_or_identity): the
  // signature of fraud [R52][R53]: most scams ask, at some stage, for a fee or an
  // investment, many for bank details or documents. Services pay targets rather than charge
  // them [R13][R19], though a "visa" for a paid trip may need a passport copy; employers ask
  // identity documents through HR (formal, recorded as no).
  detail::set_columns(b, "asks_target_for_money", {"intent"},
                      {{0.96, 0.01, 0.03}, {0.98, 0.01, 0.01}, {0.20, 0.55, 0.25}, {0.97, 0.005, 0.025},
                       {0.98, 0.01, 0.01}, {0.99, 0.005, 0.005}, {0.98, 0.015, 0.005}, {0.97, 0.02, 0.01}});
  // H2 declared_affiliation (individual, private_firm, recruitment_firm, media,
  // academic_or_think_tank, advocacy_or_lobby, state_body) | contact_profile, intent. A
  // state affiliation is what a state-linked profile declares, whoever acts (0.60 of
  // state-linked contacts, 0.02-0.03 otherwise: embassy impersonation, state-owned firms),
  // so its weight goes through the profile. The other affiliations are the ordinary
  // explanations' trades: fake recruiters and firms for scams [R52]; recruitment firms for
  // headhunters; consultancies and expert networks for competitors; media and universities
  // for press and research [R56]; lobbying firms and associations for lobbyists [R54][R55].
  // An officer's non-official cover is chosen to look like the ordinary approaches
  // (consultancies, think tanks, recruiters, students [R15][R23][R25][R28]): the pitch rows
  // take the mix of the affiliations of the ordinary approaches OF THE SAME PROFILE (in the
  // population's shares, weighted by P(profile | explanation)), so a declared non-state
  // affiliation says which ordinary explanation competes, never that a pitch is likelier
  // (neutral toward pitch).
  {
    const std::vector<std::vector<double>> ordinary{
        {0.35, 0.30, 0.33, 0.01, 0.005, 0.005},    // fraud
        {0.03, 0.12, 0.83, 0.005, 0.01, 0.005},    // commercial_recruitment
        {0.10, 0.75, 0.05, 0.02, 0.06, 0.02},      // business_intelligence
        {0.05, 0.02, 0.005, 0.70, 0.22, 0.005},    // press_or_research
        {0.05, 0.25, 0.005, 0.01, 0.09, 0.595},    // lobbying
        {0.50, 0.25, 0.08, 0.04, 0.10, 0.03}};     // benign
    const explanation_shares& w = p.population;
    const double weights[] = {w.fraud, w.commercial_recruitment, w.business_intelligence, w.press_or_research,
                              w.lobbying, w.benign};
    // P(profile | explanation) of the ordinary explanations, as in contact_profile above.
    const std::vector<std::vector<double>> profiles = detail::profile_rows();
    const auto profile_of = [&](std::size_t h, std::size_t q) { return profiles[h + 2][q]; };
    std::vector<std::vector<double>> cover(3, std::vector<double>(6, 0.0));  // per profile
    for (std::size_t q = 0; q < 3; ++q) {
      double total = 0;
      for (std::size_t h = 0; h < 6; ++h) total += weights[h] * profile_of(h, q);
      for (std::size_t h = 0; h < 6; ++h)
        for (std::size_t a = 0; a < 6; ++a) cover[q][a] += weights[h] * profile_of(h, q) * ordinary[h][a] / total;
    }
    const double state_share[] = {0.03, 0.02, 0.60};  // ordinary, cold_anonymous, state_linked
    std::vector<std::vector<double>> cols;
    for (std::size_t h = 0; h < 8; ++h)
      for (std::size_t q = 0; q < 3; ++q) {
        const double st = state_share[q];
        const std::vector<double>& row = h < 2 ? cover[q] : ordinary[h - 2];
        std::vector<double> c;
        for (const double x : row) c.push_back((1 - st) * x);
        c.push_back(st);
        cols.push_back(std::move(c));
      }
    detail::set_columns(b, "declared_affiliation", {"contact_profile", "intent"}, cols);
  }
  // H3 interest_served (unclear, target_money, commercial_advantage, publication,
  // policy_outcome, state_interest) | intent: the analyst's reading; unclear for most
  // first contacts. A pitch serves a state's collection or influence, behind a cover that
  // may look commercial (consulting reports, seed 002) or political (seed 000); the
  // ordinary explanations serve the target's money [R52][R53], a firm's business [R57], a
  // publication [R56] or a policy outcome [R54][R55].
  detail::set_columns(b, "interest_served", {"intent"},
                      {{0.55, 0.01, 0.12, 0.02, 0.05, 0.25},      // recruitment_pitch
                       {0.50, 0.005, 0.04, 0.03, 0.28, 0.145},    // influence_operation
                       {0.348, 0.62, 0.02, 0.005, 0.002, 0.005},  // fraud
                       {0.45, 0.01, 0.53, 0.005, 0.003, 0.002},   // commercial_recruitment
                       {0.40, 0.01, 0.57, 0.01, 0.005, 0.005},    // business_intelligence
                       {0.35, 0.005, 0.01, 0.62, 0.01, 0.005},    // press_or_research
                       {0.30, 0.005, 0.08, 0.01, 0.60, 0.005},    // lobbying
                       {0.80, 0.02, 0.10, 0.03, 0.04, 0.01}});    // benign
  // H4 formal_channel (yes, no) | intent: an HR process, a contract with the employer, an
  // editor's commission, a lobbying registration [R36][R37][R54][R55]. Pitches avoid it
  // (influence operations less: registered associations, declared donations); scams fake
  // it at most; headhunters and lobbyists mostly use it; journalists often (a named
  // outlet, a press office); expert-network consultations sometimes.
  detail::set_columns(b, "formal_channel", {"intent"},
                      {{0.05, 0.95}, {0.20, 0.80}, {0.03, 0.97}, {0.75, 0.25}, {0.35, 0.65}, {0.55, 0.45},
                       {0.70, 0.30}, {0.50, 0.50}});

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
