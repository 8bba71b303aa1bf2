// SPDX-License-Identifier: MIT
// Data, not code: the indicators of groups A to C of shared/domain/indicators.md section 4 (who
// approaches, how the first contact is made, who the target is), transcribed with their states,
// definitions, seed documents, strengths and sources. vocabulary.hpp's indicators() joins them
// with the groups D to H of indicators_conduct.hpp; nothing else should include this file.
#pragma once

#include "pitchrisk/domain/approach/vocabulary.hpp"

#include <limits>
#include <vector>

namespace pitchrisk::approach::detail {

/// Indicators A1 .. C6 (approacher, first contact, target), in the order of indicators.md.
inline std::vector<indicator> contact_indicators() {
  constexpr double inf = std::numeric_limits<double>::infinity();
  return {
    {"A1", "official_cover", indicator_group::approacher,
     {"none", "diplomat", "attache_or_trade_post"},
     "the approacher holds an accredited post of a foreign state: embassy, consulate, "
     "permanent mission to an international body, trade or economic representation, or a "
     "state body attached to a mission (for example a cultural or religious centre with "
     "diplomatic status). `attache_or_trade_post` when the declared function is defence, "
     "military, naval or air attaché (or staff of that office), or scientific-technical, "
     "economic or trade representation; `diplomat` for any other accredited post; `none` "
     "when the approacher has no official post. Record the post as the analyst can establish "
     "it (diplomatic lists), not as the approacher describes it; if the approacher hides an "
     "official post behind a private persona, record what was known at each stage and update "
     "at `exposure`.",
     "000 (officer \"officially military attaché\", \"thanks to his diplomatic cover\"); 002 "
     "(officer in charge of scientific and technological matters at the embassy's economic "
     "mission; 35 \"diplomats\" expelled; a cultural centre with diplomatic status suspected "
     "as cover); 003, 004 (six officers \"operating under diplomatic cover\").",
     "`diplomat`: weak toward pitch. `attache_or_trade_post`: moderate toward pitch. `none`: "
     "neutral (not exculpatory).",
     "official posts are the standard legal cover of resident services: the FBI describes "
     "foreign services as maintaining \"an intelligence presence under both official "
     "(diplomatic) and non-official cover\" [R15]; France expelled some 35 \"diplomats\" and "
     "then six officers \"under diplomatic cover\" (seeds 002, 003, 004); the Dutch AIVD "
     "expelled two accredited diplomats who had built a paid source network in the high-tech "
     "sector [R49]. Defence attaché and S&T/economic posts recur in the seeds (000, 002). "
     "But the great majority of diplomats who network are doing their job (seed 000 notes "
     "that contact between journalists and embassy staff was \"common\"), so this indicator "
     "alone is weak to moderate. `none` is not exculpatory: non-official covers "
     "(consultancies, think tanks, students, community figures) are common [R15] [R23][R28].",
     {"R15", "R23", "R28", "R49"},
     {"000_9cfb67f56ed4678d.txt", "002_50957d413cd2b414.txt", "003_6a8349969b126fb9.txt", "004_bb236dacd16ff4dd.txt"},
     {{"none", direction::neutral, "neutral", {1.0 / 1.5, 1.5}},
       {"diplomat", direction::toward_pitch, "neutral to weak toward pitch (issue 14: through contact_profile)", {1.0 / 1.5, 3}},
       {"attache_or_trade_post", direction::toward_pitch, "weak to moderate toward pitch (issue 14: through contact_profile)", {1.5, 10}}}},
    {"A2", "state_nexus", indicator_group::approacher,
     {"none", "allied_or_neutral", "high_threat"},
     "the state behind the approaching organisation (employer, funder, mission, or declared "
     "principal), as declared or as established by the analyst. `high_threat` = a state that "
     "the analyst's own national counter-intelligence authorities publicly assess as "
     "actively conducting espionage or interference against the target's country or sector; "
     "`allied_or_neutral` = another state; `none` = no state organisation behind the "
     "approach (private person, private firm, domestic body). **This is about the "
     "organisation, never about a person's nationality, ethnicity or diaspora origin**: a "
     "private foreign student is `none`.",
     "all seed cases involve Russian services (000 to 004); 002 reports about 50 of an "
     "estimated 75 to 80 Russian officers expelled from France.",
     "`high_threat`: moderate toward pitch. `allied_or_neutral`: neutral to weak "
     "exculpatory. `none`: weak exculpatory.",
     "national services publish which states run mass approach campaigns (MI5 on hostile "
     "states on professional networks [R1][R2]; the German BfV on Chinese services "
     "contacting over 10,000 Germans [R23][R24]; the French DGSI and DGSE on some 4,000 "
     "French executives and officials [R25][R26]). Kept moderate because most contacts with "
     "nationals or officials of any state are benign, and because a nationality proxy would "
     "be both wrong and unfair. Deception matters: an officer may present a false state "
     "(seed 002: \"alleged Czech consultant\"); encode what was presented, then correct at "
     "exposure.",
     {"R1", "R2", "R23", "R24", "R25", "R26"},
     {"000_9cfb67f56ed4678d.txt", "002_50957d413cd2b414.txt", "004_bb236dacd16ff4dd.txt"},
     {{"none", direction::exculpatory, "weak exculpatory to neutral (issue 14: through contact_profile)", {0.35, 1.0}},
       {"allied_or_neutral", direction::exculpatory, "neutral to weak exculpatory", {0.35, 1.5}},
       {"high_threat", direction::toward_pitch, "weak to moderate toward pitch (issue 14: through contact_profile)", {1.5, 10}}}},
    {"A3", "identity_check", indicator_group::approacher,
     {"verified", "unverifiable", "contradicted"},
     "result of checking the approacher's claimed name, employer and role through channels "
     "the approacher does not control (accreditation list, the employer's switchboard or "
     "public website, company registry, colleagues who know the person independently, "
     "reverse image search). `contradicted`: a claim is shown to be false (fake persona, "
     "stolen photo, non-existent or look-alike firm, false nationality or employer).",
     "002 (the \"alleged Czech consultant\" was an SVR officer at the Russian economic "
     "mission: `contradicted`, known at exposure); 000 (the officer really was an accredited "
     "diplomat: `verified` identity, hidden function).",
     "`contradicted`: strong toward pitch. `unverifiable`: weak to moderate toward pitch. "
     "`verified`: weak exculpatory for non-official approachers; neutral for accredited "
     "officials (a verified diplomat can still be an officer).",
     "fake or borrowed identities are the core of the online campaigns described by MI5, "
     "CPNI and partners (\"Think Before You Link\") [R1][R6][R7] [R8]; the BfV showed a "
     "profile photo lifted from a fashion catalogue and invented think tanks [R23]; a "
     "co-optee's consultancy used the same name as a prominent US firm [R28]. The DGSI note "
     "stresses that the information such contacts give about themselves is \"abnormally "
     "vague\" [R25].",
     {"R1", "R6", "R7", "R8", "R23", "R25", "R28"},
     {"000_9cfb67f56ed4678d.txt", "002_50957d413cd2b414.txt"},
     {{"verified", direction::exculpatory, "weak exculpatory to neutral", {0.35, 1.5}},
       {"unverifiable", direction::toward_pitch, "weak to moderate toward pitch", {1.5, 10}},
       {"contradicted", direction::toward_pitch, "strong toward pitch", {10, inf}}}},
    {"A4", "profile_anomalies", indicator_group::approacher,
     {"none", "some"},
     "for an online approach, the profile shows hallmarks of a managed or fake persona: "
     "photo found elsewhere (reverse image search), very attractive stock-like photo, few or "
     "oddly chosen connections, recent creation, generic or vague employer, inconsistent "
     "history, standardised opening message. Leave unobserved for offline approaches.",
     "none (motivated by guidance).",
     "`some`: moderate toward pitch. `none`: weak exculpatory.",
     "the CPNI \"Think Before You Link\" app was built to check exactly these hallmarks "
     "(profile reviewer, reverse image search) [R4][R5]; BfV and DGSI describe attractive "
     "young \"headhunters\" and standardised messages [R23][R25].",
     {"R4", "R5", "R23", "R25"},
     {},
     {{"none", direction::exculpatory, "weak exculpatory", {0.35, 0.7}},
       {"some", direction::toward_pitch, "moderate toward pitch", {3, 10}}}},
    {"A5", "prior_relationship", indicator_group::approacher,
     {"established", "introduced", "stranger"},
     "how the target knew the approacher before the approach. `established`: known through "
     "normal work or social life for a substantial time before any request, with independent "
     "mutual acquaintances (a verified colleague). `introduced`: introduced by a known third "
     "party, or shows mutual online connections. `stranger`: no prior link.",
     "000 (the officer \"has just arrived at the Russian embassy and he is looking to meet "
     "people\": `stranger`); 002 (answered an ad: `stranger`).",
     "`established`: moderate exculpatory. `introduced`: neutral. `stranger`: weak toward "
     "pitch.",
     "a verified, long-standing colleague is the standard reassuring case (the contact is "
     "known independently of the approach); an introduction is much weaker: MI5 warns that "
     "apparent shared acquaintances make colleagues accept fake profiles [R1], and a "
     "security adviser gives the example of a \"foreign colleague\" met through a co-worker at "
     "a barbecue [R51].",
     {"R1", "R51"},
     {"000_9cfb67f56ed4678d.txt", "002_50957d413cd2b414.txt"},
     {{"established", direction::exculpatory, "weak to moderate exculpatory (issue 14: through contact_profile)", {0.1, 0.7}},
       {"introduced", direction::neutral, "neutral", {1.0 / 1.5, 1.5}},
       {"stranger", direction::toward_pitch, "weak toward pitch", {1.5, 3}}}},
    {"B1", "first_contact_channel", indicator_group::first_contact,
     {"institutional", "event_or_conference", "ad_or_gig", "online_unsolicited", "in_person_other"},
     "the channel of the first contact. `institutional`: through the target's employer, a "
     "formal programme or public call, official procurement, or an organisation's official "
     "channel. `event_or_conference`: met at a conference, seminar, reception, trade show or "
     "public event. `ad_or_gig`: arising from a classified ad, tutoring, freelance, "
     "paid-writing or language-exchange offer, in either direction (the approacher answers "
     "the target's ad, or the target answers the approacher's). `online_unsolicited`: "
     "unsolicited message or connection on a professional network, social network, messaging "
     "app or email. `in_person_other`: any other cold encounter (street, café, travel).",
     "002 (Leboncoin ad for maths lessons: `ad_or_gig`). 000 does not say; public reporting "
     "outside the seeds places the first meeting at a conference organised by the "
     "journalist's bloggers' association [R38].",
     "`ad_or_gig`: moderate toward pitch. `online_unsolicited`: moderate toward pitch. "
     "`in_person_other`: weak toward pitch. `event_or_conference`: neutral to weak toward "
     "pitch (a common spotting venue, but most contacts there are normal). `institutional`: "
     "moderate exculpatory.",
     "the FBI lists \"job or internship opportunities, paid paper-writing engagements, "
     "language exchanges, and cultural immersion programs\" as the pretexts of first contact "
     "[R13][R16]; seed 002 reports officers using Leboncoin to approach graduates \"with "
     "tender but high-potential profiles\". Online approaches are industrial in scale: over "
     "10,000 UK nationals [R1][R2], over 10,000 Germans [R23][R24], about 4,000 French "
     "[R25][R26]. Institutional channels leave an audit trail and involve the employer, "
     "which is what research-security guidance asks for [R36][R37].",
     {"R1", "R2", "R13", "R16", "R23", "R24", "R25", "R26", "R36", "R37", "R38"},
     {"000_9cfb67f56ed4678d.txt", "002_50957d413cd2b414.txt"},
     {{"institutional", direction::exculpatory, "weak to moderate exculpatory (issue 14: through contact_profile)", {0.1, 0.7}},
       {"event_or_conference", direction::toward_pitch, "neutral to weak toward pitch", {1.0 / 1.5, 3}},
       {"ad_or_gig", direction::toward_pitch, "moderate toward pitch", {3, 10}},
       {"online_unsolicited", direction::toward_pitch, "moderate toward pitch", {3, 10}},
       {"in_person_other", direction::toward_pitch, "neutral to weak toward pitch (issue 14: through contact_profile)", {1.0 / 1.5, 3}}}},
    {"C1", "target_access", indicator_group::target,
     {"none", "influence_or_contacts", "sensitive_unclassified", "classified"},
     "what the target can currently reach. `classified`: holds or recently held a security "
     "clearance or classified access. `sensitive_unclassified`: proprietary, dual-use or "
     "export-controlled technology, or non-public government or corporate information, "
     "without clearance. `influence_or_contacts`: value lies mainly in people and audiences "
     "(politicians and their advisers, journalists, community leaders). `none`: no notable "
     "current access (future access is `target_career_stage`).",
     "000 (defence journalist and reservist with contacts; an adviser on international and "
     "military affairs to a presidential candidate); 001 (\"people with interesting profiles, "
     "portfolios, or contacts\"); 002 (engineer at a civil-military artificial-intelligence "
     "company).",
     "raises the prior that the person is targeted. `classified`, `sensitive_unclassified`: "
     "weak toward pitch (moderate in the first edition; issue 14: the target's situation says "
     "who is worth approaching, and headhunters, competitors and journalists seek the same "
     "people). `influence_or_contacts`: weak toward pitch overall, moderate toward "
     "`influence_operation`. `none`: weak exculpatory.",
     "officers seek to assess \"the people who have access to the information they want\" "
     "[R19]; CPNI lists government staff, people with access to classified or commercially "
     "sensitive technology, and people who mention clearances [R7]; the AIVD case targeted "
     "artificial intelligence, semiconductors and nanotechnology [R49].",
     {"R7", "R19", "R49"},
     {"000_9cfb67f56ed4678d.txt", "001_b057ea188767382c.txt", "002_50957d413cd2b414.txt"},
     {{"none", direction::exculpatory, "weak exculpatory", {0.35, 0.7}},
       {"influence_or_contacts", direction::toward_pitch, "weak toward pitch", {1.5, 3}},
       {"sensitive_unclassified", direction::toward_pitch, "weak toward pitch", {1.5, 3}},
       {"classified", direction::toward_pitch, "weak toward pitch", {1.5, 3}}}},
    {"C2", "target_career_stage", indicator_group::target,
     {"student_or_early", "established", "former_insider"},
     "`student_or_early`: student or within a few years of first job; `established`: mid or "
     "senior career; `former_insider`: has left a sensitive post but keeps knowledge and "
     "contacts.",
     "000 (a 26-year-old freelance journalist); 001 (\"students with bright futures\"); 002 "
     "(\"young\" engineer, graduates \"with tender but high-potential profiles\").",
     "weak toward pitch for `student_or_early` and `former_insider`; neutral for "
     "`established`.",
     "services target students for future access because they are seen as inexperienced and "
     "likely future government employees [R14][R15]; current and former civil servants are "
     "targeted for their experience [R4].",
     {"R4", "R14", "R15"},
     {"000_9cfb67f56ed4678d.txt", "001_b057ea188767382c.txt", "002_50957d413cd2b414.txt"},
     {{"student_or_early", direction::toward_pitch, "neutral to weak toward pitch (issue 14: the target is weak by design)", {1.0 / 1.5, 3}},
       {"established", direction::neutral, "neutral", {1.0 / 1.5, 1.5}},
       {"former_insider", direction::toward_pitch, "neutral to weak toward pitch (issue 14: the target is weak by design)", {1.0 / 1.5, 3}}}},
    {"C3", "target_public_exposure", indicator_group::target,
     {"low", "high"},
     "the target publicly advertises role, employer, clearance, expertise or availability "
     "for paid work (ads, detailed online profiles, blogs, frequent media work).",
     "002 (public tutoring ad); 000 (writes for several outlets, member of a bloggers' "
     "collective).",
     "`high`: weak toward pitch (explains spotting).",
     "CPNI's targeting profile is people who identify online as government staff or mention "
     "their clearance [R7]; fake recruiters mine CV data [R25]; a co-optee searched "
     "professional profiles for clearance holders [R28].",
     {"R7", "R25", "R28"},
     {"000_9cfb67f56ed4678d.txt", "002_50957d413cd2b414.txt"},
     {{"low", direction::unstated, "not stated", {0, 1}},
       {"high", direction::toward_pitch, "neutral to weak toward pitch (issue 14: the target is weak by design)", {1.0 / 1.5, 3}}}},
    {"C4", "target_financial_pressure", indicator_group::target,
     {"not_evident", "evident"},
     "evident need or stated wish for extra income: debt, precarious or freelance income, "
     "openly seeking side income.",
     "002 (young engineers \"can be tempted to get extra cash\"; still advertising paid "
     "lessons); 000 (the officer probed \"income levels\", which is `personal_probing`, not "
     "this indicator).",
     "`evident`: weak toward pitch; moderate evidence for `exploitable_lever = money`.",
     "money is the first MICE lever [R21]; co-optees were told to look for targets with "
     "financial difficulties [R28].",
     {"R21", "R28"},
     {"000_9cfb67f56ed4678d.txt", "002_50957d413cd2b414.txt"},
     {{"not_evident", direction::unstated, "not stated", {0, 1}},
       {"evident", direction::toward_pitch, "neutral to weak toward pitch (issue 14: the target is weak by design)", {1.0 / 1.5, 3}}}},
    {"C5", "target_ideological_affinity", indicator_group::target,
     {"none", "aligned"},
     "the target or the organisation they serve publicly holds positions close to the "
     "approaching state's narrative or grievances.",
     "000 (the candidate's positions \"incidentally pleased the Russians\"); 001 (interest in "
     "the far right \"sensitive to speeches on traditional values\"; the candidate did not "
     "condemn the annexation of Crimea; young activists as \"useful idiots\").",
     "`aligned`: weak toward pitch; moderate toward `influence_operation` and "
     "`exploitable_lever = ideology`.",
     "ideology is a MICE lever [R21]; seed 001 describes customised approaches built on such "
     "affinities.",
     {"R21"},
     {"000_9cfb67f56ed4678d.txt", "001_b057ea188767382c.txt"},
     {{"none", direction::unstated, "not stated", {0, 1}},
       {"aligned", direction::toward_pitch, "weak toward pitch", {1.5, 3}}}},
    {"C6", "target_grievance", indicator_group::target,
     {"not_evident", "evident"},
     "visible dissatisfaction with employer or career, feeling undervalued, a recent "
     "setback.",
     "none.",
     "`evident`: weak toward pitch; moderate evidence for `exploitable_lever = ego`.",
     "co-optees were tasked to find \"dissatisfaction with work\" [R30]; an officer "
     "\"sympathize[s] with your problems and feed[s] your ego\" [R19].",
     {"R19", "R30"},
     {},
     {{"not_evident", direction::unstated, "not stated", {0, 1}},
       {"evident", direction::toward_pitch, "neutral to weak toward pitch (issue 14: the target is weak by design)", {1.0 / 1.5, 3}}}}
  };
}

}  // namespace pitchrisk::approach::detail
