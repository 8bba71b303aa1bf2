// SPDX-License-Identifier: MIT
// Data, not code: the public sources [R#] of shared/domain/indicators.md section 7 that the
// indicators and latent variables cite, with the title as cited and where it can be read.
// vocabulary.hpp's references() returns them; nothing else should include this file.
#pragma once

#include "pitchrisk/domain/approach/vocabulary.hpp"

#include <vector>

namespace pitchrisk::approach::detail {

/// The references of indicators.md section 7, in the order of the file.
inline std::vector<reference> reference_table() {
  return {
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
}

}  // namespace pitchrisk::approach::detail
