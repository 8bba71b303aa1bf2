// SPDX-License-Identifier: MIT
// The evidence vocabulary of the approach-risk model as typed data, transcribed from
// shared/domain/indicators.md: 33 observable indicators (groups A-G of the first edition, H of
// issue 14: what the approach serves) and 5 latent variables with their
// states, definitions, seed documents, qualitative strengths (as likelihood-ratio bands of
// indicators.md section 2) and public sources. Case files and the network use these names.
#pragma once

#include "pitchrisk/error.hpp"

#include <Eigen/Core>

#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace pitchrisk::approach {

/// Section of indicators.md section 4 an indicator belongs to (A to H; H: what the approach serves).
enum class indicator_group { approacher, first_contact, target, questions, offers, conduct, authorities, serves };

/// Which way a state moves the score according to indicators.md (`unstated`: the file gives
/// no strength; such states are complements of a state toward pitch, so at most neutral).
enum class direction { toward_pitch, neutral, exculpatory, unstated };

/// A documented range of the likelihood ratio LR = P(state | pitch) / P(state | benign)
/// (indicators.md section 2: weak 1.5-3, moderate 3-10, strong > 10, decisive in the
/// hundreds; exculpatory weak 0.35-0.7, moderate 0.1-0.35, strong < 0.1; neutral taken as
/// 1/1.5-1.5). `high` may be infinite.
struct likelihood_band {
  double low = 0;                                          ///< smallest likelihood ratio of the band
  double high = std::numeric_limits<double>::infinity();  ///< largest likelihood ratio of the band
  /// Whether `lr` lies in [low, high].
  [[nodiscard]] bool contains(double lr) const noexcept { return lr >= low && lr <= high; }
};

/// Direction and strength of one state of an indicator.
struct state_strength {
  std::string_view state;         ///< the state's name
  approach::direction direction;  ///< toward pitch, exculpatory or neutral
  std::string_view wording;  ///< the words of indicators.md ("moderate toward pitch")
  likelihood_band band;           ///< the likelihood ratios that wording stands for
};

/// One public source `[R#]` of indicators.md section 7.
struct reference {
  std::string_view id;  ///< "R15"
  std::string_view title;  ///< the source's title as cited
  std::string_view url;    ///< where it can be read
};

/// One observable indicator (indicators.md section 4).
struct indicator {
  std::string_view code;  ///< "A1" .. "G1"
  std::string_view name;  ///< the variable name in networks and case files
  indicator_group group;            ///< the group (A approacher .. H explanation) it belongs to
  std::vector<std::string> states;  ///< from exculpatory to incriminating where ordered
  std::string_view definition;      ///< what an analyst records, in the words of indicators.md
  std::string_view seeds;     ///< what the seed documents say
  std::string_view strength;  ///< the "Direction and strength" text
  std::string_view why;       ///< the rationale, with its [R#] citations
  std::vector<std::string_view> references;      ///< "R15", ... cited in the rationale
  std::vector<std::string_view> seed_documents;  ///< seed file names cited
  std::vector<state_strength> strengths;         ///< one per state, same order as states

  /// Index of state `state`. Throws: lookup_error naming indicator and state.
  [[nodiscard]] Eigen::Index state_index(std::string_view state) const;
};

/// One latent variable (indicators.md section 3): not observed, inferred.
struct latent_variable {
  std::string_view name;                     ///< the variable name in networks
  std::vector<std::string> states;           ///< its states, in network order
  std::string_view meaning;                  ///< what it stands for
  std::vector<std::string_view> references;  ///< "R21", ... sources of its tables
};

/// The 33 indicators, in the order of indicators.md (A1 .. G1, then H1 .. H4).
[[nodiscard]] const std::vector<indicator>& indicators();
/// The 5 latent variables: approacher_is_io, intent, cycle_stage, target_value, exploitable_lever.
[[nodiscard]] const std::vector<latent_variable>& latent_variables();
/// The references [R#] of indicators.md section 7.
[[nodiscard]] const std::vector<reference>& references();
/// The indicator called `name`, or nullptr.
[[nodiscard]] const indicator* find_indicator(std::string_view name) noexcept;
/// The indicator called `name`. Throws: lookup_error naming it.
[[nodiscard]] const indicator& indicator_named(std::string_view name);
/// The latent variable called `name`, or nullptr.
[[nodiscard]] const latent_variable* find_latent(std::string_view name) noexcept;
/// The reference with id `id` ("R15"), or nullptr.
[[nodiscard]] const reference* find_reference(std::string_view id) noexcept;

// ---------------------------------------------------------------------------------------

inline Eigen::Index indicator::state_index(std::string_view state) const {
  for (std::size_t i = 0; i < states.size(); ++i)
    if (states[i] == state) return static_cast<Eigen::Index>(i);
  std::string known;
  for (const auto& s : states) known += (known.empty() ? "" : ", ") + s;
  throw lookup_error("indicator '" + std::string(name) + "' has no state '" + std::string(state) +
                     "' (states: " + known + ")");
}

inline const std::vector<indicator>& indicators() {
  constexpr double inf = std::numeric_limits<double>::infinity();
  static const std::vector<indicator> all{
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
       {"evident", direction::toward_pitch, "neutral to weak toward pitch (issue 14: the target is weak by design)", {1.0 / 1.5, 3}}}},
    {"D1", "personal_probing", indicator_group::questions,
     {"none", "light", "persistent"},
     "questions about finances, debts, housing, family relationships, habits, health, "
     "frustrations, beyond ordinary small talk. `light`: passing questions of the kind any "
     "acquaintance asks; `persistent`: specific or repeated questions across several of "
     "these topics.",
     "000 (at the second meeting: \"specific questions about my income levels, about where I "
     "live, about my family relationships ... to identify ... my weaknesses\": `persistent`).",
     "`persistent`: strong toward pitch (marks the assessing stage). `light`: weak toward "
     "pitch. `none`: weak exculpatory.",
     "assessment means learning \"what makes you tick\" [R19] and the \"identification of "
     "weaknesses (for alcohol, drugs, money, sex)\" [R3]; spotting involves \"uncovering "
     "personal details that leave potential agents vulnerable\" [R22]; the BfV reports fake "
     "profiles seeking \"habits, hobbies and political interests\" [R23]; co-optees were told "
     "to identify targets' vulnerabilities [R28].",
     {"R3", "R19", "R22", "R23", "R28"},
     {"000_9cfb67f56ed4678d.txt"},
     {{"none", direction::exculpatory, "weak exculpatory", {0.35, 0.7}},
       {"light", direction::toward_pitch, "weak toward pitch", {1.5, 3}},
       {"persistent", direction::toward_pitch, "strong toward pitch", {10, inf}}}},
    {"D2", "work_elicitation", indicator_group::questions,
     {"none", "public_level", "nonpublic_specific"},
     "questions about the target's work, projects, employer or colleagues' work. "
     "`public_level`: what the target could say at a public conference; "
     "`nonpublic_specific`: details that are not public (designs, internal plans, access, "
     "security procedures), including by indirect techniques (false statements to be "
     "corrected, flattery, \"quid pro quo\").",
     "none explicit for conversation (requests for documents are `task_request`).",
     "`nonpublic_specific`: strong toward pitch unless inside an institutional channel with "
     "a non-disclosure agreement (then moderate). `public_level`: neutral. `none`: weak "
     "exculpatory.",
     "elicitation is \"a structured method of communication used to extract predetermined "
     "information from people without making them aware that they are a collection target\" "
     "and is reportable as a suspicious contact [R17] [R18]; NCSC: fake recruiters \"elicit "
     "information from their targets, including about their work and contacts\" [R10].",
     {"R10", "R17", "R18"},
     {},
     {{"none", direction::exculpatory, "weak exculpatory", {0.35, 0.7}},
       {"public_level", direction::neutral, "neutral", {1.0 / 1.5, 1.5}},
       {"nonpublic_specific", direction::toward_pitch, "strong toward pitch", {10, inf}}}},
    {"D3", "contacts_elicitation", indicator_group::questions,
     {"no", "yes"},
     "the approacher asks about, or for introductions to, colleagues, superiors, political "
     "leaders or others with access or influence, or uses the target as a route to them.",
     "000 (tried to approach the presidential candidate \"through\" his adviser); 001 "
     "(interest in people's \"contacts\").",
     "`yes`: moderate toward pitch.",
     "NCSC names \"contacts\" as an elicitation target [R10]; DCSA's reporting list includes "
     "contacts suggesting an employee \"may be targeted\" [R17]; spotting others is a classic "
     "tasking of a developed source.",
     {"R10", "R17"},
     {"000_9cfb67f56ed4678d.txt", "001_b057ea188767382c.txt"},
     {{"no", direction::unstated, "not stated", {0, 1}},
       {"yes", direction::toward_pitch, "moderate toward pitch", {3, 10}}}},
    {"D4", "flattery", indicator_group::questions,
     {"no", "yes"},
     "unusual praise of the target's (or their principal's) expertise or importance, or "
     "\"only you can help\" framing.",
     "000 (at the dinner: the candidate \"is fantastic, it would be extraordinary if he were "
     "President\").",
     "`yes`: weak toward pitch.",
     "flattery is a named elicitation technique [R17][R18][R19]; the CPNI app asks whether "
     "the profile \"sent messages to flatter the user\" [R5]; French services describe targets "
     "being flattered before offers [R27]. Weak because praise is ubiquitous in normal "
     "networking and recruiting.",
     {"R5", "R17", "R18", "R19", "R27"},
     {"000_9cfb67f56ed4678d.txt"},
     {{"no", direction::unstated, "not stated", {0, 1}},
       {"yes", direction::toward_pitch, "weak toward pitch", {1.5, 3}}}},
    {"E1", "task_request", indicator_group::offers,
     {"none", "open_or_analytic", "seek_access_position", "internal_documents", "classified_documents"},
     "what the approacher asks the target to produce or do. `open_or_analytic`: written "
     "analysis, essays, reports, presentations, or copies of publicly available documents. "
     "`seek_access_position`: apply for, or move into, a job or role with access. "
     "`internal_documents`: non-public employer or government documents or data. "
     "`classified_documents`: classified or secret material.",
     "002 (\"analytical documents on cutting-edge technologies\": `open_or_analytic` as "
     "reported; and officers \"purchasing secret documents\": `classified_documents`); 004 (\"a "
     "Russian agent was trying to buy sensitive information\").",
     "`open_or_analytic`: moderate toward pitch (a typical first paid task, but also normal "
     "consulting). `seek_access_position`: strong. `internal_documents`: strong. "
     "`classified_documents`: decisive when the asker is not an authorised official. `none`: "
     "weak exculpatory.",
     "the FBI: services \"ask ... to perform tasks and provide information (which is not "
     "necessarily sensitive or classified) in exchange for payment or other rewards, slowly "
     "increasing their demands\", and suggest applying for government jobs [R13][R16]; NCSC's "
     "film shows a throw-away paid research report as the first step [R12]; the French note "
     "describes targets asked to write \"notes d'analyse\" relying on confidential information "
     "[R25].",
     {"R12", "R13", "R16", "R25"},
     {"002_50957d413cd2b414.txt", "004_bb236dacd16ff4dd.txt"},
     {{"none", direction::exculpatory, "weak exculpatory", {0.35, 0.7}},
       {"open_or_analytic", direction::toward_pitch, "moderate toward pitch", {3, 10}},
       {"seek_access_position", direction::toward_pitch, "strong toward pitch", {10, inf}},
       {"internal_documents", direction::toward_pitch, "strong toward pitch", {10, inf}},
       {"classified_documents", direction::toward_pitch, "decisive toward pitch", {100, inf}}}},
    {"E2", "offer_plausibility", indicator_group::offers,
     {"no_offer", "plausible", "too_good_to_be_true"},
     "for any offer (job, consultancy, paid task, business deal, donation, funding, travel): "
     "`plausible` = proportionate to the target's seniority and market rates, specific, and "
     "from an organisation that can be checked; `too_good_to_be_true` = disproportionate "
     "money or benefits, vague \"unique opportunity\", unsolicited generosity, money for "
     "\"friendship\", or an amount that ignores legal limits.",
     "000 (EUR 500,000 offered for a presidential campaign, when French law caps an "
     "individual's donations to parties at EUR 7,500 a year and bars funding from foreign "
     "states and legal persons [R33][R34][R35]: `too_good_to_be_true`).",
     "`too_good_to_be_true`: strong toward pitch. `plausible`: weak exculpatory. `no_offer`: "
     "neutral.",
     "\"Think Before You Link\" warns of \"enticing\", \"unique\" and \"lucrative\" offers "
     "[R4][R6][R9]; NCSC/FBI warn of \"lucrative employment opportunities, including "
     "all-expense-paid overseas trips\" [R11]; the FBI urged caution with \"implausible career "
     "opportunities\" [R29]; the French note speaks of \"generously paid\" collaboration "
     "[R25][R26].",
     {"R4", "R6", "R9", "R11", "R25", "R26", "R29", "R33", "R34", "R35"},
     {"000_9cfb67f56ed4678d.txt"},
     {{"no_offer", direction::neutral, "neutral", {1.0 / 1.5, 1.5}},
       {"plausible", direction::exculpatory, "weak exculpatory", {0.35, 0.7}},
       {"too_good_to_be_true", direction::toward_pitch, "strong toward pitch", {10, inf}}}},
    {"E3", "payment_channel", indicator_group::offers,
     {"none", "traceable", "cash_or_concealed"},
     "how money or value is (or is offered to be) transferred. `traceable`: invoice, "
     "contract, bank transfer in the target's name, through the employer or an official "
     "financing body. `cash_or_concealed`: cash in person, payments routed through relatives "
     "or third parties, structured or disguised transfers, or offers designed to hide the "
     "origin.",
     "002 (officer \"paying this young engineer cash in exchange for analytical documents\"); "
     "001 (\"offered cash to a figure close to\" the candidate).",
     "`cash_or_concealed`: strong toward pitch. `traceable`: weak exculpatory. `none`: "
     "neutral.",
     "cash avoids the audit trail that legitimate employers and clients create; MI5's "
     "interference alert stressed donations facilitated \"covertly to mask the origins of the "
     "payments\" [R32]; the AIVD reports sources \"paid ... in exchange for information\" "
     "[R49].",
     {"R32", "R49"},
     {"001_b057ea188767382c.txt", "002_50957d413cd2b414.txt"},
     {{"none", direction::neutral, "neutral", {1.0 / 1.5, 1.5}},
       {"traceable", direction::exculpatory, "weak exculpatory", {0.35, 0.7}},
       {"cash_or_concealed", direction::toward_pitch, "strong toward pitch", {10, inf}}}},
    {"E4", "political_funding_offer", indicator_group::offers,
     {"no", "yes"},
     "money or in-kind support offered to a party, campaign, candidate, an elected "
     "official's office, or routed through an official for public credit (for example a "
     "donation presented by a minister).",
     "000 (EUR 500,000 so that the movement could run \"the campaign more effectively\"); 001 "
     "(cash offered to influence).",
     "`yes`: moderate toward pitch on its own (most political donations are domestic and "
     "legal); strong toward `influence_operation` when combined with `state_nexus = "
     "high_threat`, `official_cover`, `too_good_to_be_true` or `cash_or_concealed`.",
     "foreign-state funding of French parties is banned and individual donations are capped "
     "[R33][R34][R35]; MI5 issued an interference alert about covert donations to serving "
     "and aspiring parliamentarians on behalf of a foreign party organ [R32].",
     {"R32", "R33", "R34", "R35"},
     {"000_9cfb67f56ed4678d.txt", "001_b057ea188767382c.txt"},
     {{"no", direction::unstated, "not stated", {0, 1}},
       {"yes", direction::toward_pitch, "moderate toward pitch", {3, 10}}}},
    {"E5", "paid_travel_invitation", indicator_group::offers,
     {"no", "yes"},
     "invitation to travel (usually to the approacher's country or a third country) with "
     "costs paid: talk, seminar, interview, meeting a client.",
     "none.",
     "`yes`: moderate toward pitch; weak if it comes through an institutional channel with a "
     "public programme.",
     "MI5: targets \"offered speaking or business and travel opportunities\" [R1]; NCSC: "
     "\"promising targets are offered all-expense-paid trips overseas for meetings or "
     "presentations, where they are pressured to turn over more information\" [R10]; BfV: "
     "paid trips to China [R24]; DGSI: targets \"invited free of charge abroad\" [R25], where "
     "compromising material may be gathered [R27].",
     {"R1", "R10", "R24", "R25", "R27"},
     {},
     {{"no", direction::unstated, "not stated", {0, 1}},
       {"yes", direction::toward_pitch, "moderate toward pitch", {3, 10}}}},
    {"E6", "gifts_hospitality", indicator_group::offers,
     {"none", "modest", "lavish"},
     "meals, gifts, trips or benefits given by the approacher. `modest`: ordinary meals, "
     "small gifts, a reception; `lavish`: expensive meals or trips, electronics, holidays, "
     "benefits for family members, housing, stipends.",
     "000 and 002 mention dinners but not who paid; leave unobserved.",
     "`lavish`: moderate toward pitch (strong when concealed from the employer). `modest`: "
     "weak toward pitch. `none`: neutral.",
     "reciprocation is a core influence factor [R21]; officers \"cultivate you as a friend "
     "... we meet over lunch\" [R19]; the French note's targets were offered free trips "
     "[R25][R27].",
     {"R19", "R21", "R25", "R27"},
     {"000_9cfb67f56ed4678d.txt", "002_50957d413cd2b414.txt"},
     {{"none", direction::neutral, "neutral", {1.0 / 1.5, 1.5}},
       {"modest", direction::toward_pitch, "weak toward pitch", {1.5, 3}},
       {"lavish", direction::toward_pitch, "moderate toward pitch", {3, 10}}}},
    {"F1", "secrecy", indicator_group::conduct,
     {"open_institutional", "informal", "secrecy_requested"},
     "`open_institutional`: the approacher works through documented processes visible to the "
     "target's institution (contracts, official events, HR) and accepts or encourages that "
     "the target inform the employer or security officer; `informal`: private but not "
     "concealed; `secrecy_requested`: the approacher asks that contact, payments or meetings "
     "be kept from employer, colleagues or security, or supplies a cover story for "
     "discretion.",
     "none explicit.",
     "`secrecy_requested`: strong toward pitch. `open_institutional`: moderate exculpatory. "
     "`informal`: neutral.",
     "reporting duties for suspicious contacts exist precisely because hostile contacts "
     "avoid institutional visibility [R17][R20]; the French note: \"under the pretext of "
     "discretion\" the contacts use encrypted messaging [R25]; research-security guidance "
     "makes institutional due diligence the norm for legitimate collaboration [R36][R37].",
     {"R17", "R20", "R25", "R36", "R37"},
     {},
     {{"open_institutional", direction::exculpatory, "moderate exculpatory", {0.1, 0.35}},
       {"informal", direction::neutral, "neutral", {1.0 / 1.5, 1.5}},
       {"secrecy_requested", direction::toward_pitch, "strong toward pitch", {10, inf}}}},
    {"F2", "comms_tradecraft", indicator_group::conduct,
     {"none", "channel_shift", "covert_methods"},
     "`channel_shift`: the approacher pushes the conversation off the original platform to "
     "private or encrypted apps or personal e-mail. `covert_methods`: avoids phones and "
     "e-mail by fixing each next meeting in person, varies venues, supplies a dedicated "
     "phone, app or e-mail account, uses coded language or concealed hand-overs.",
     "002 (\"the dates and locations of the lessons ... were determined after each course\": "
     "`covert_methods`).",
     "`covert_methods`: strong toward pitch. `channel_shift`: moderate toward pitch. `none`: "
     "weak exculpatory.",
     "\"Think Before You Link\": attempts \"to move you towards specific communications "
     "platforms\" [R6]; French note: encrypted messaging [R25]. Fixing the next meeting face "
     "to face avoids the electronic traces that counter-intelligence exploits; an honest "
     "pupil or client has no reason to.",
     {"R6", "R25"},
     {"002_50957d413cd2b414.txt"},
     {{"none", direction::exculpatory, "weak exculpatory", {0.35, 0.7}},
       {"channel_shift", direction::toward_pitch, "moderate toward pitch", {3, 10}},
       {"covert_methods", direction::toward_pitch, "strong toward pitch", {10, inf}}}},
    {"F3", "meeting_setting", indicator_group::conduct,
     {"official_group", "public_one_to_one", "private_or_abroad"},
     "`official_group`: official premises or an organised event with others present; "
     "`public_one_to_one`: restaurant, café, car park or other public place, alone; "
     "`private_or_abroad`: homes, hotel rooms, vehicles, or in the approacher's or a third "
     "country.",
     "002 (lessons \"at dinners in a restaurant\": `public_one_to_one`); 000 (the funding "
     "offer was made \"during a dinner\"; who else was present is not reported).",
     "`official_group`: moderate exculpatory. `public_one_to_one`: weak toward pitch. "
     "`private_or_abroad`: moderate toward pitch.",
     "an official setting with others present removes the privacy a pitch needs, so it is "
     "exculpatory; pitches need one-to-one settings. Travel abroad puts the target on the "
     "service's \"home turf\", where it has \"many advantages\" [R3], and is where pressure and "
     "compromise are applied [R10][R27].",
     {"R3", "R10", "R27"},
     {"000_9cfb67f56ed4678d.txt", "002_50957d413cd2b414.txt"},
     {{"official_group", direction::exculpatory, "moderate exculpatory", {0.1, 0.35}},
       {"public_one_to_one", direction::toward_pitch, "weak toward pitch", {1.5, 3}},
       {"private_or_abroad", direction::toward_pitch, "moderate toward pitch", {3, 10}}}},
    {"F4", "contact_cadence", indicator_group::conduct,
     {"single_or_ad_hoc", "regular_scheduled"},
     "repeated meetings on a regular schedule set by the approacher (every few weeks, "
     "monthly).",
     "002 (\"once every three weeks\").",
     "`regular_scheduled`: weak toward pitch (tutoring and many legitimate relations are "
     "regular too).",
     "handling relationships run on regular meetings; the weight comes from the combination "
     "with `comms_tradecraft` and `payment_channel`.",
     {},
     {"002_50957d413cd2b414.txt"},
     {{"single_or_ad_hoc", direction::unstated, "not stated", {0, 1}},
       {"regular_scheduled", direction::toward_pitch, "weak toward pitch", {1.5, 3}}}},
    {"F5", "request_escalation", indicator_group::conduct,
     {"none", "gradual"},
     "judged across the timeline: requests or questions have moved from innocuous or public "
     "toward personal or non-public, or the stakes (payments, sensitivity) have grown.",
     "000 (networking at the first meeting, personal questions \"a few weeks later\"); 002 "
     "(maths lessons, then analytical documents for cash).",
     "`gradual`: moderate to strong toward pitch. `none`: weak exculpatory (only after "
     "several contacts).",
     "\"I look for ways to gain one small step of cooperation at a time\" [R19]; the FBI: "
     "\"slowly increasing their demands over time\" [R13]; the CPNI campaign notes spies "
     "\"initially asking for less sensitive information before intensifying\" [R5].",
     {"R5", "R13", "R19"},
     {"000_9cfb67f56ed4678d.txt", "002_50957d413cd2b414.txt"},
     {{"none", direction::exculpatory, "weak exculpatory", {0.35, 0.7}},
       {"gradual", direction::toward_pitch, "moderate to strong toward pitch", {3, inf}}}},
    {"F6", "pretext_mismatch", indicator_group::conduct,
     {"consistent", "inconsistent"},
     "the approacher's actual behaviour or requests do not fit the stated purpose of the "
     "relationship (a pupil who pays the tutor for documents; a recruiter more interested in "
     "policy than in the job; a diplomat offering campaign money).",
     "002 (a \"pupil\" who ends up paying for analytical documents); 000 (a military attaché "
     "offering to fund a campaign).",
     "`inconsistent`: strong toward pitch. `consistent`: weak exculpatory.",
     "the FBI notes officers \"don't normally say they work for intelligence services ... "
     "they claim other lines of work\" [R16]; the pretext is the cover, and cover wears thin "
     "when the real requirement appears.",
     {"R16"},
     {"000_9cfb67f56ed4678d.txt", "002_50957d413cd2b414.txt"},
     {{"consistent", direction::exculpatory, "weak exculpatory", {0.35, 0.7}},
       {"inconsistent", direction::toward_pitch, "strong toward pitch", {10, inf}}}},
    {"G1", "authority_flag", indicator_group::authorities,
     {"none", "flagged"},
     "a security or counter-intelligence service has told the target or their organisation "
     "that the approacher is a known or suspected intelligence officer or agent, or the "
     "approacher has been expelled, declared persona non grata, publicly alerted on, or "
     "charged for intelligence activity. `none` only if the analyst has actually checked.",
     "000 (the DGSI told the journalist the \"diplomat\" was a GRU officer); 002 (officer "
     "expelled in November 2020); 003, 004 (six declared persona non grata).",
     "`flagged`: decisive toward `approacher_is_io`. `none`: weak exculpatory.",
     "the service's knowledge integrates evidence the analyst does not have. Kept in the "
     "vocabulary because analysts do receive such warnings, but case files confine it to an "
     "`exposure` stage.",
     {},
     {"000_9cfb67f56ed4678d.txt", "002_50957d413cd2b414.txt", "003_6a8349969b126fb9.txt", "004_bb236dacd16ff4dd.txt"},
     {{"none", direction::exculpatory, "weak exculpatory", {0.35, 0.7}},
       {"flagged", direction::toward_pitch, "decisive toward pitch", {100, inf}}}},
    {"H1", "asks_target_for_money", indicator_group::serves,
     {"no", "fees_or_investment", "credentials_or_identity"},
     "the approacher asks the target to pay (fees, training kit, deposit, investment, crypto, "
     "\"tax\" to release a prize) or to hand over bank details, passwords or identity documents. "
     "`no` when nothing of the kind is asked; an employer's ordinary request for identity "
     "documents through its HR process after an offer is `no`.",
     "none (the seeds are all intelligence approaches; services pay their targets).",
     "`fees_or_investment`: strong exculpatory (the signature of fraud). "
     "`credentials_or_identity`: moderate exculpatory. `no`: neutral.",
     "job, advance-fee and investment scams ask the victim to pay before the promised gain "
     "[R52][R53]; intelligence services cultivate and pay a source and gain nothing from "
     "taking the target's money, which would end the relationship [R13][R19]. Credentials and "
     "identity documents are also harvested by state actors (a \"visa\" for a paid trip), so "
     "that state is kept moderate.",
     {"R13", "R19", "R52", "R53"},
     {},
     {{"no", direction::neutral, "neutral", {1.0 / 1.5, 1.5}},
       {"fees_or_investment", direction::exculpatory, "strong exculpatory", {0, 0.1}},
       {"credentials_or_identity", direction::exculpatory, "moderate exculpatory", {0.1, 0.35}}}},
    {"H2", "declared_affiliation", indicator_group::serves,
     {"individual", "private_firm", "recruitment_firm", "media", "academic_or_think_tank",
      "advocacy_or_lobby", "state_body"},
     "whom the approacher says they act for, as presented (an officer posing as a consultant "
     "is `private_firm` until exposure). `state_body`: a ministry, embassy, state agency or "
     "state-owned body; `advocacy_or_lobby`: a lobbying firm, trade association, NGO or "
     "campaign; `academic_or_think_tank`: a university, research institute or think tank.",
     "000 (an embassy's military attaché: `state_body`); 002 (\"Czech consultant\": "
     "`private_firm` as presented).",
     "`state_body`: moderate toward pitch. Every other state: neutral toward pitch (a "
     "non-official cover is chosen to look like the ordinary approaches), but it names the "
     "ordinary explanation that competes: `recruitment_firm` a headhunter or a job scam, "
     "`media` or `academic_or_think_tank` press or research, `advocacy_or_lobby` lobbying, "
     "`private_firm` a competitor's consultant.",
     "non-official covers are consultancies, think tanks, students and recruiters [R15][R23]"
     "[R25][R28]; most people presenting as journalists, headhunters or lobbyists are what they "
     "say, and journalists say whom they write for [R56]; lobbyists register [R54][R55]. A "
     "state affiliation carries the state link that every pitch has (section 3).",
     {"R15", "R23", "R25", "R28", "R54", "R55", "R56"},
     {"000_9cfb67f56ed4678d.txt", "002_50957d413cd2b414.txt"},
     {{"individual", direction::neutral, "neutral", {1.0 / 1.5, 1.5}},
       {"private_firm", direction::neutral, "neutral", {1.0 / 1.5, 1.5}},
       {"recruitment_firm", direction::neutral, "neutral", {1.0 / 1.5, 1.5}},
       {"media", direction::neutral, "neutral", {1.0 / 1.5, 1.5}},
       {"academic_or_think_tank", direction::neutral, "neutral", {1.0 / 1.5, 1.5}},
       {"advocacy_or_lobby", direction::neutral, "neutral", {1.0 / 1.5, 1.5}},
       {"state_body", direction::toward_pitch, "weak to moderate toward pitch", {1.5, 10}}}},
    {"H3", "interest_served", indicator_group::serves,
     {"unclear", "target_money", "commercial_advantage", "publication", "policy_outcome", "state_interest"},
     "the analyst's reading of whose interest what is asked or offered serves: the "
     "approacher's gain from the target's money; a firm's business or competitive edge; a "
     "publication; a policy or regulatory outcome; a state's collection or influence. "
     "`unclear` when it cannot be told yet (as at most first contacts).",
     "000 (a campaign funded by a foreign state: `state_interest`); 002 (analytical documents "
     "on technologies for an embassy's economic mission: `state_interest`, known at exposure).",
     "`state_interest`: strong toward pitch. `target_money`: strong exculpatory. "
     "`publication`: moderate exculpatory. `commercial_advantage`: weak exculpatory. "
     "`policy_outcome`: neutral to weak toward pitch (influence operations pursue policy "
     "too; lobbyists do it openly). `unclear`: neutral.",
     "the law itself draws the line: economic espionage benefits a foreign government, "
     "trade-secret theft a private party [R57]; scams serve the approacher's gain from the "
     "victim's money [R52][R53]; journalism serves a publication [R56]; lobbying a policy "
     "outcome, disclosed [R54][R55]; a pitch serves a state's collection or influence "
     "(section 3).",
     {"R52", "R53", "R54", "R55", "R56", "R57"},
     {"000_9cfb67f56ed4678d.txt", "002_50957d413cd2b414.txt"},
     {{"unclear", direction::neutral, "neutral", {1.0 / 1.5, 1.5}},
       {"target_money", direction::exculpatory, "strong exculpatory", {0, 0.1}},
       {"commercial_advantage", direction::exculpatory, "weak exculpatory", {0.35, 0.7}},
       {"publication", direction::exculpatory, "moderate exculpatory", {0.1, 0.35}},
       {"policy_outcome", direction::neutral, "neutral to weak toward pitch", {1.0 / 1.5, 3}},
       {"state_interest", direction::toward_pitch, "strong toward pitch", {10, inf}}}},
    {"H4", "formal_channel", indicator_group::serves,
     {"yes", "no"},
     "the exchange goes through a formal, documented channel the target's organisation can "
     "see: an HR process or offer letter, a contract with the employer, an editor's "
     "commission, a registered lobbying disclosure, a university agreement. Leave unobserved "
     "while nothing is exchanged.",
     "002 (cash for documents at restaurant dinners: `no`).",
     "`yes`: moderate exculpatory. `no`: weak toward pitch.",
     "legitimate headhunting, consulting, journalism, lobbying and research leave a paper "
     "trail the employer can see [R36][R37][R54][R55]; a pitch needs deniability and avoids "
     "institutional visibility [R17][R20].",
     {"R17", "R20", "R36", "R37", "R54", "R55"},
     {"002_50957d413cd2b414.txt"},
     {{"yes", direction::exculpatory, "moderate exculpatory", {0.1, 0.35}},
       {"no", direction::toward_pitch, "weak toward pitch", {1.5, 3}}}}

  };
  return all;
}

inline const std::vector<latent_variable>& latent_variables() {
  static const std::vector<latent_variable> all{
    {"approacher_is_io", {"yes", "no"},
     "The approacher is an intelligence officer, or a co-optee / access agent tasked by one or "
     "by a state organ (United Front style bodies included).",
     {}},
    {"intent", {"recruitment_pitch", "influence_operation", "fraud", "commercial_recruitment",
                "business_intelligence", "press_or_research", "lobbying", "benign"},
     "What explains the approach: collect information or recruit a source for a state "
     "(recruitment_pitch); shape decisions, positions or funding of the target's circle for a "
     "state (influence_operation); or one of the ordinary sources of the same oddities: a scam "
     "after the target's money (fraud), a headhunter (commercial_recruitment), a firm or its "
     "consultant after a competitor's business (business_intelligence), a journalist or "
     "researcher (press_or_research), a lobbyist or advocate (lobbying), or an ordinary contact "
     "(benign). Case-file label pitch = recruitment_pitch or influence_operation.",
     {"R52", "R53", "R54", "R55", "R56", "R57"}},
    {"cycle_stage", {"none", "spotting", "assessing", "developing", "recruiting", "handling"},
     "Where a hostile approach stands in the recruitment cycle; none for benign contacts. "
     "Spotting: identifying people with access or potential; assessing: learning motives and "
     "weaknesses; developing: building trust and dependence, small favours and tasks; "
     "recruiting: the explicit ask (money for information, the pitch); handling: tasking, "
     "payment and covert communication with a recruited source.",
     {"R22", "R19", "R13"}},
    {"target_value", {"low", "medium", "high"},
     "Value of the person to a hostile service: current access, future access (students with "
     "bright futures, seed 001), and contacts or audience.",
     {}},
    {"exploitable_lever", {"none", "money", "ideology", "compromise", "ego"},
     "The motive the approach appears to work on, after the classic MICE mnemonic (money, "
     "ideology, compromise or coercion, ego); reciprocation and liking (RASCLS) appear as "
     "observable behaviours.",
     {"R21"}},
  };
  return all;
}

inline const std::vector<reference>& references() {
  static const std::vector<reference> all{
    {"R1", "BBC (via People First), \"MI5 warns of spies using LinkedIn to trick staff into "
       "spilling secrets\", 21 Apr 2021", "https://www.people-first.co.uk/news-article?title=MI5+warns+of+spies+using+LinkedIn+to+trick+staff+into+spilling+secrets&id=363"},
    {"R2", "Computing, \"MI5: Spies are using LinkedIn to steal secrets from UK nationals\"", "https://www.computing.co.uk/news/4030151/mi5-spies-linkedin"},
    {"R3", "Security awareness guide, \"A foreign intelligence or security service has many "
       "advantages when they are working on their home turf\" (mirror; lists elicitation, "
       "assessment of political attitudes, identification of weaknesses)", "http://www.iwar.org.uk/ecoespionage/resources/security-guide/Quiz3/False2.htm"},
    {"R4", "Security On Screen, \"New 'Think Before you Link' app to counter malicious approaches "
       "online\" (CPNI, 2022)", "https://securityonscreen.com/new-think-before-you-link-app-to-counter-malicious-approaches-online/"},
    {"R5", "Information Age, \"New government app launched to detect online spies\"", "https://www.information-age.com/new-government-app-launched-to-detect-online-spies-19905/"},
    {"R6", "University of Oxford Information Security, \"Think before you link\" (summary of "
       "CPNI/NCSC advice)", "https://infosec.web.ox.ac.uk/article/think-before-you-link"},
    {"R7", "CPNI, \"Think before you link: senior briefing pack\" (copy)", "https://vdocuments.mx/think-before-you-link-cpnigovuk-dv-how-approaching-individuals-online-offering.html"},
    {"R8", "ASIO, \"Think before you link: online networking guide\" (copy)", "https://pdfslide.net/documents/think-before-you-link-asio.html"},
    {"R9", "New Zealand Protective Security Requirements, \"Think before you link\"", "https://protectivesecurity.govt.nz/campaigns/think-before-you-link/"},
    {"R10", "ODNI / NCSC, \"Intelligence threats and social media deception\" (The Nevernight "
       "Connection)", "https://www.odni.gov/index.php/ncsc-features/2780"},
    {"R11", "Homeland Security Digital Library, \"Foreign intelligence threat: increasing awareness\"", "https://www.hsdl.org/c/foreign-intelligence-threat/"},
    {"R12", "ClearanceJobs, \"NCSC and FBI warn of insider threats via social platforms in The "
       "Nevernight Connection\"", "https://news.clearancejobs.com/2020/10/01/ncsc-and-fbi-warn-of-insider-threats-via-social-platforms-in-the-nevernight-connection/"},
    {"R13", "FBI, \"The key to U.S. student safety overseas\"", "https://ucr.fbi.gov/investigate/counterintelligence/the-key-to-u.s.-student-safety-overseas"},
    {"R14", "FBI, \"Foreign intelligence service targeting of U.S. students overseas: frequently "
       "asked questions\" (2014)", "https://www.fbi.gov/news/stories/2014/april/students-abroad-warned-of%20foreign-intelligence-threat/frequently-asked-questions/"},
    {"R15", "FBI, \"National security concerns for study abroad students\" (copy)", "https://docslib.org/doc/8869819/u-s-department-of-justice-federal-bureau-of-investigation"},
    {"R16", "PJ Media, \"FBI warns students against being recruited as foreign spies\" (quotes the "
       "FBI advisory)", "https://pjmedia.com/bridget-johnson/2014/04/14/fbi-warns-students-against-being-recruited-as-foreign-spies-n190858"},
    {"R17", "DCSA / CDSE, \"Elicitation\" brochure, 2021 (copy)", "https://www.scribd.com/document/616542219/DCSA-CI-Elicitation-2021"},
    {"R18", "DHS Office of Security, \"Elicitation: would you recognize it?\" (copy)", "https://pdfslide.us/documents/ocso-elicitation-brochure.html"},
    {"R19", "Security awareness guide, \"Foreign intelligence operatives are seldom obvious\" "
       "(mirror)", "http://www.iwar.org.uk/ecoespionage/resources/security-guide/Quiz3/False4.htm"},
    {"R20", "PERSEREC, \"Counterintelligence Reporting Essentials (CORE)\"", "http://publicintelligence.net/perserec-counterintelligence/"},
    {"R21", "R. Burkett, \"An alternative framework for agent recruitment: from MICE to RASCLS\", "
       "Studies in Intelligence 57(1), 2013 (copy)", "https://docslib.org/doc/10674053/an-alternative-framework-for-agent-recruitment-from-mice-to-rascls"},
    {"R22", "\"Agent handling: agents, spotting, and recruitment\" (encyclopaedia mirror)", "https://liquisearch.com/agent_handling/agents_spotting_and_recruitment"},
    {"R23", "South China Morning Post, \"German intelligence unmasks alleged covert Chinese social "
       "media profiles\" (BfV, Dec 2017)", "https://www.scmp.com/news/china/society/article/2123702/german-intelligence-unmasks-alleged-covert-chinese-social-media"},
    {"R24", "Quartz, \"Germany accused China of tricking German government workers on LinkedIn\"", "https://qz.com/1152880/germany-accuses-china-of-trying-to-recruit-its-government-workers-via-fake-linkedin-profiles"},
    {"R25", "RTL, \"Comment la Chine espionne nos entreprises et administrations sur LinkedIn\" "
       "(DGSI/DGSE note, Oct 2018)", "https://www.rtl.fr/actu/international/comment-la-chine-espionne-nos-entreprises-et-administrations-sur-linkedin-7795289902"},
    {"R26", "franceinfo, \"Des fonctionnaires et des chercheurs français espionnés par des Chinois "
       "via le réseau social LinkedIn\"", "https://www.francetvinfo.fr/monde/chine/des-fonctionnaires-et-des-chercheurs-francais-espionnes-par-des-chinois-via-le-reseau-social-linkedin_3011007.html"},
    {"R27", "6Medias / Orange, \"Espionnage : quand la Chine drague des Français sur LinkedIn\"", "https://actu.orange.fr/france/espionnage-quand-la-chine-drague-des-francais-sur-linkedin-magic-CNT0000017H62O.html"},
    {"R36", "University of Oxford, \"Trusted research\" (NPSA/NCSC guidance, due diligence)", "https://researchsupport.admin.ox.ac.uk/trusted-research"},
    {"R37", "UCL, \"Trusted research\" (due diligence on partners)", "https://www.ucl.ac.uk/research-innovation-services/compliance-and-assurance/trusted-research"},
    {"R28", "Jurist, \"Singapore national pleads guilty to acting as a spy for Chinese intelligence "
       "in the US\" (J. W. Yeo, 2020)", "https://www.jurist.org/news/2020/07/singapore-national-pleads-guilty-to-acting-as-a-spy-for-chinese-intelligence-in-the-us/"},
    {"R29", "IELR blog, on the Yeo plea (FBI: \"implausible career opportunities\")", "https://ielrblog.com/index.php/page/19"},
    {"R30", "Swarajya, on the Yeo plea (US Justice Department text: targets' \"dissatisfaction with "
       "work or financial difficulties\")", "https://swarajyamag.com/amp/story/insta/jun-wei-yeo-a-phd-student-at-nus-singapore-pleads-guilty-in-us-court-to-working-as-recruiter-for-chinese-intelligence"},
    {"R32", "The Independent, report on the MI5 security service interference alert about Christine "
       "Lee, 13 Jan 2022", "https://www.independent.co.uk/news/uk/barry-gardiner-chinese-mps-priti-patel-mi5-b1992461.html"},
    {"R33", "Parti socialiste, \"Dons : les lois sur le financement privé de la vie politique\" "
       "(summary of French law: EUR 7,500 cap, donors French or resident)", "https://adhesion.parti-socialiste.fr/dons-cnccfp"},
    {"R34", "Assemblée nationale, written answer on article 11-4 of law 88-227 (no funding by legal "
       "persons)", "http://questions.assemblee-nationale.fr/q13/13-1470QE.htm"},
    {"R35", "NosDéputés, National Assembly debate (14th legislature) noting the existing ban on "
       "donations from foreign states and foreign legal persons", "https://2012-2017.nosdeputes.fr/14/dossier/4354/tag/%C3%89tat"},
    {"R38", "France 5, \"C dans l'air: Romain Mielcarek - Espions russes : comment ils recrutent en "
       "France ?\" (26 Jan 2023)", "https://france.tv/france-5/l-invite-de-c-dans-l-air/4498009-emission-du-jeudi-26-janvier-2023.html"},
    {"R49", "The Moscow Times / AFP, \"Dutch expel 2 Russian diplomats for spying\" (AIVD, Dec 2020)", "https://www.themoscowtimes.com/2020/12/10/dutch-expel-2-russian-diplomats-for-spying-intelligence-service-a72319"},
    {"R51", "ClearanceJobs, \"How to lose a clearance? Mess with money and morals\" (introduction "
       "through a co-worker as pretext)", "https://news.clearancejobs.com/2018/02/22/lose-clearance-mess-money-morals/amp/"},
    {"R52", "US Federal Trade Commission, \"Job scams\" (consumer advice: scammers ask for payment "
       "for a job, training or equipment, or for bank and identity details)", "https://consumer.ftc.gov/articles/job-scams"},
    {"R53", "US Federal Trade Commission, \"What to know about investment scams\"", "https://consumer.ftc.gov/articles/what-know-about-investment-scams"},
    {"R54", "US Senate Office of Public Records, Lobbying Disclosure Act registrations and reports", "https://lda.senate.gov/"},
    {"R55", "European Union, Transparency Register (interest representatives)", "https://transparency-register.europa.eu/"},
    {"R56", "Society of Professional Journalists, Code of Ethics (identify sources; avoid "
       "surreptitious methods unless open ones fail)", "https://www.spj.org/ethicscode.asp"},
    {"R57", "18 U.S.C. 1831 (economic espionage: to benefit a foreign government) and 1832 (theft "
       "of trade secrets: to benefit another party)", "https://www.law.cornell.edu/uscode/text/18/1831"}
  };
  return all;
}

inline const indicator* find_indicator(std::string_view name) noexcept {
  for (const indicator& i : indicators())
    if (i.name == name) return &i;
  return nullptr;
}

inline const indicator& indicator_named(std::string_view name) {
  if (const indicator* i = find_indicator(name)) return *i;
  throw lookup_error("no indicator '" + std::string(name) + "' in the approach vocabulary (indicators.md)");
}

inline const latent_variable* find_latent(std::string_view name) noexcept {
  for (const latent_variable& l : latent_variables())
    if (l.name == name) return &l;
  return nullptr;
}

inline const reference* find_reference(std::string_view id) noexcept {
  for (const reference& r : references())
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace pitchrisk::approach
