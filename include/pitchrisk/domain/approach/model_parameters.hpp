// SPDX-License-Identifier: MIT
// The configurable parameters of the approach-risk network: the base rate of officers in the
// screened population, the shares of recruitment and influence among their approaches, and the
// assumed shares of the ordinary explanations (fraud, headhunting, ...) among the others.
// Everything else in the network is elicited from indicators.md (domain/approach/detail/).
#pragma once

#include "pitchrisk/core/canonical.hpp"
#include "pitchrisk/error.hpp"

#include <cmath>

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
/// indicators.md, each number argued beside it in the steps of build_approach_network()
/// (domain/approach/detail/latent_tables.hpp and indicator_tables.hpp).
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

namespace detail {

/// Throws: model_error naming the parameter out of range.
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

}  // namespace detail

}  // namespace pitchrisk::approach
