// SPDX-License-Identifier: MIT
// The elicited tables of the approach network's 33 indicators, groups A to H of indicators.md
// section 4 (data with its rationale, not code): each CPT is argued in the comment above it,
// with the likelihood ratios it implies. build_approach_network() in model.hpp calls one step
// per group after the latent and intermediate tables of latent_tables.hpp.
#pragma once

#include "pitchrisk/core/canonical.hpp"
#include "pitchrisk/domain/approach/detail/latent_tables.hpp"
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

/// Indicators A (who is approaching, children of contact_profile) and B (how contact began).
inline void add_contact_indicator_tables(network_builder& b) {
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
}

/// Indicators C: the target (weak by design, indicators.md section 1).
inline void add_target_indicator_tables(network_builder& b) {
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
}

/// Indicators D: what the approacher asks about.
inline void add_question_indicator_tables(network_builder& b) {
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
}

/// Indicators E: offers, money and tasks.
inline void add_offer_indicator_tables(network_builder& b) {
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
}

/// Indicators F (conduct and tradecraft) and G (authorities).
inline void add_conduct_indicator_tables(network_builder& b) {
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
}

/// H2 declared_affiliation (individual, private_firm, recruitment_firm, media,
/// academic_or_think_tank, advocacy_or_lobby, state_body) | contact_profile, intent. A
/// state affiliation is what a state-linked profile declares, whoever acts (0.60 of
/// state-linked contacts, 0.02-0.03 otherwise: embassy impersonation, state-owned firms),
/// so its weight goes through the profile. The other affiliations are the ordinary
/// explanations' trades: fake recruiters and firms for scams [R52]; recruitment firms for
/// headhunters; consultancies and expert networks for competitors; media and universities
/// for press and research [R56]; lobbying firms and associations for lobbyists [R54][R55].
/// An officer's non-official cover is chosen to look like the ordinary approaches
/// (consultancies, think tanks, recruiters, students [R15][R23][R25][R28]): the pitch rows
/// take the mix of the affiliations of the ordinary approaches OF THE SAME PROFILE (in the
/// population's shares, weighted by P(profile | explanation)), so a declared non-state
/// affiliation says which ordinary explanation competes, never that a pitch is likelier
/// (neutral toward pitch).
inline void set_declared_affiliation(network_builder& b, const explanation_shares& w) {
  const std::vector<std::vector<double>> ordinary{
      {0.35, 0.30, 0.33, 0.01, 0.005, 0.005},    // fraud
      {0.03, 0.12, 0.83, 0.005, 0.01, 0.005},    // commercial_recruitment
      {0.10, 0.75, 0.05, 0.02, 0.06, 0.02},      // business_intelligence
      {0.05, 0.02, 0.005, 0.70, 0.22, 0.005},    // press_or_research
      {0.05, 0.25, 0.005, 0.01, 0.09, 0.595},    // lobbying
      {0.50, 0.25, 0.08, 0.04, 0.10, 0.03}};     // benign
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

/// Indicators H: what the approach serves (issue 14); H2 weighs the population's shares.
inline void add_serves_indicator_tables(network_builder& b, const model_parameters& p) {
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
  // H2 declared_affiliation | contact_profile, intent: see set_declared_affiliation().
  detail::set_declared_affiliation(b, p.population);
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
}

}  // namespace pitchrisk::approach::detail
