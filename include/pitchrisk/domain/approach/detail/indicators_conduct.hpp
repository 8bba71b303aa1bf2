// SPDX-License-Identifier: MIT
// Data, not code: the indicators of groups D to H of shared/domain/indicators.md section 4 (the
// questions asked, the offers made, the conduct, the authorities' flags, what the approach serves),
// transcribed with their states, definitions, seed documents, strengths and sources.
// vocabulary.hpp's indicators() appends them to groups A to C; nothing else should include this file.
#pragma once

#include "pitchrisk/domain/approach/vocabulary.hpp"

#include <limits>
#include <vector>

namespace pitchrisk::approach::detail {

/// Indicators D1 .. H4 (questions, offers, conduct, authorities, what it serves), in file order.
inline std::vector<indicator> conduct_indicators() {
  constexpr double inf = std::numeric_limits<double>::infinity();
  return {
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
}

}  // namespace pitchrisk::approach::detail
