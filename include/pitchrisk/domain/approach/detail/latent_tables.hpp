// SPDX-License-Identifier: MIT
// The elicited tables of the approach network's latent and intermediate variables (data with
// its rationale, not code): each number is argued in the comment above it from indicators.md
// and its sources. build_approach_network() in model.hpp calls these steps in order; the CPT
// helpers set_columns and set_by_stage serve indicator_tables.hpp too.
#pragma once

#include "pitchrisk/core/network_builder.hpp"
#include "pitchrisk/domain/approach/model_parameters.hpp"
#include "pitchrisk/domain/approach/vocabulary.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pitchrisk::approach::detail {

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


/// Latent variables (indicators.md section 3): approacher_is_io from the configured base rate,
/// intent | approacher_is_io from the configured shares, cycle_stage | intent.
inline void add_latent_tables(network_builder& b, const model_parameters& p) {
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
}

/// Latent variables under intent: who approaches and how (contact_profile), the target's
/// value (target_value) and the motive worked on (exploitable_lever).
inline void add_profile_tables(network_builder& b) {
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
}

/// Intermediate nodes by stage (indicators.md section 6.1): offer_nature, concealment and
/// collection_pressure | cycle_stage, intent.
inline void add_intermediate_tables(network_builder& b) {
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
}

}  // namespace pitchrisk::approach::detail
