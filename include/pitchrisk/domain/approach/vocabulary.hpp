// SPDX-License-Identifier: MIT
// The evidence vocabulary of the approach-risk model as typed data, transcribed from
// shared/domain/indicators.md: 33 observable indicators (groups A-G of the first edition, H of
// issue 14: what the approach serves) and 5 latent variables with their
// states, definitions, seed documents, qualitative strengths (as likelihood-ratio bands of
// indicators.md section 2) and public sources. Case files and the network use these names.
#pragma once

#include "pitchrisk/error.hpp"

#include <Eigen/Core>

#include <iterator>
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

namespace detail {
// The tables themselves (data, defined in detail/indicators_contact.hpp,
// detail/indicators_conduct.hpp and detail/reference_table.hpp, included at the end).
inline std::vector<indicator> contact_indicators();
inline std::vector<indicator> conduct_indicators();
inline std::vector<reference> reference_table();
}  // namespace detail

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
  static const std::vector<indicator> all = [] {
    std::vector<indicator> table = detail::contact_indicators();
    std::vector<indicator> conduct = detail::conduct_indicators();
    table.insert(table.end(), std::make_move_iterator(conduct.begin()), std::make_move_iterator(conduct.end()));
    return table;
  }();
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
  static const std::vector<reference> all = detail::reference_table();
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

#include "pitchrisk/domain/approach/detail/indicators_conduct.hpp"
#include "pitchrisk/domain/approach/detail/indicators_contact.hpp"
#include "pitchrisk/domain/approach/detail/reference_table.hpp"
