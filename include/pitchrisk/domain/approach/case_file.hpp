// SPDX-License-Identifier: MIT
// Reader for approach case files (`<slug>.case`, grammar in shared/domain/cases/README.md):
// label (pitch, benign, or unknown for a case to score), sources, case-level facts and a
// timeline of optionally dated stages, each turned into the CUMULATIVE evidence an analyst
// had at that point (later findings replace earlier ones); `indicator=state~c` is an
// uncertain observation (observation.hpp). Every rule of the format is checked; a violation
// is a parse_error with file, line and column.
#pragma once

#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/detail/excerpt.hpp"
#include "pitchrisk/detail/parse_number.hpp"
#include "pitchrisk/detail/read_file.hpp"
#include "pitchrisk/domain/approach/case_date.hpp"
#include "pitchrisk/domain/approach/observation.hpp"
#include "pitchrisk/domain/approach/vocabulary.hpp"
#include "pitchrisk/error.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pitchrisk::approach {

/// One stage of a case timeline.
struct case_stage {
  std::string name;                    ///< `stage <name>`, or "all" for a file without stages
  std::string cycle;                   ///< the `# cycle:` judgement, empty if none
  std::size_t line = 0;                ///< line of the `stage` statement (0 for "all")
  std::optional<case_date> date;       ///< `stage <name> YYYY-MM-DD`; every stage or none has one
  std::vector<observation> added;      ///< the evidence lines of this stage only
  std::vector<observation> cumulative; ///< case-level plus stages 1..k, later states replacing
  pitchrisk::evidence evidence;        ///< `cumulative` as evidence for an engine (uncertain
                                       ///< observations as likelihoods in indicators.md order)
};

/// A parsed case file.
struct case_file {
  std::string name;                  ///< file name without `.case` (the slug)
  std::string label;                 ///< "pitch", "benign" or "unknown" (to score, not to learn from)
  std::vector<std::string> sources;  ///< `source` lines, in order
  std::string title;                 ///< `# title:` comment, empty if none
  std::string intent;                ///< `# intent:` comment, empty if none
  std::vector<observation> case_level;  ///< observations before the first stage (known throughout)
  std::vector<case_stage> stages;    ///< chronological; never empty

  [[nodiscard]] bool is_pitch() const noexcept { return label == "pitch"; }    ///< labelled pitch
  [[nodiscard]] bool is_benign() const noexcept { return label == "benign"; }  ///< labelled benign
  /// Whether the label is known (pitch or benign): cases labelled unknown are scored, but
  /// not counted by anything that compares scores with labels.
  [[nodiscard]] bool is_labelled() const noexcept { return is_pitch() || is_benign(); }
  /// Whether the stages carry dates (then every stage does).
  [[nodiscard]] bool is_dated() const noexcept { return !stages.empty() && stages.front().date.has_value(); }
  /// Whether the last stage is named `exposure`.
  [[nodiscard]] bool has_exposure() const noexcept { return !stages.empty() && stages.back().name == "exposure"; }
  /// The stage to score for detection: the last one before `exposure` (or the last one if
  /// there is no exposure). Throws: lookup_error if the file has only an exposure stage.
  [[nodiscard]] const case_stage& last_before_exposure() const;
  /// The stage called `name`. Throws: lookup_error naming case and stage.
  [[nodiscard]] const case_stage& stage(std::string_view name) const;
};

/// Parses case-file text; `file_name` (e.g. "svr_tutoring_ad_engineer.case") names the case
/// and appears in messages. Throws: parse_error(file, line, column) for every violation of
/// the format: unknown statement, unknown indicator or state, a duplicate in one block, a
/// duplicate or misplaced label/source/title/intent/cycle, a bad stage name or duplicate
/// stage, `exposure` not last or without authority_flag=flagged, authority_flag outside
/// `exposure`, a missing label, invalid UTF-8, a file name that is not `<slug>.case`, a
/// trailing comment, a stage date that is not a real YYYY-MM-DD day, earlier than the stage
/// before, or on some stages only, a `~` without a confidence in (0, 1] or on authority_flag.
[[nodiscard]] case_file read_case_string(std::string_view text, const std::string& file_name);
/// Reads and parses one file. Throws: io_error if it cannot be read; parse_error as above.
[[nodiscard]] case_file read_case(const std::filesystem::path& path);
/// Reads every `*.case` file of a folder, sorted by name. Throws: io_error, parse_error.
[[nodiscard]] std::vector<case_file> read_case_directory(const std::filesystem::path& folder);

// ---------------------------------------------------------------------------------------

namespace detail {

inline bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

inline std::string_view trim_blanks(std::string_view s) noexcept {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

inline bool is_slug(std::string_view s) noexcept {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

/// Byte offset of the first invalid UTF-8 sequence (overlong forms and surrogates
/// included), or npos.
inline std::size_t invalid_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = 0;
    if (c >= 0xC2 && c <= 0xDF) n = 1;
    else if (c >= 0xE0 && c <= 0xEF) n = 2;
    else if (c >= 0xF0 && c <= 0xF4) n = 3;
    else return i;
    if (i + n >= s.size()) return i;
    for (std::size_t k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    const auto d = static_cast<unsigned char>(s[i + 1]);
    if ((c == 0xE0 && d < 0xA0) || (c == 0xED && d > 0x9F) || (c == 0xF0 && d < 0x90) || (c == 0xF4 && d > 0x8F))
      return i;
    i += n + 1;
  }
  return std::string_view::npos;
}

}  // namespace detail

inline const case_stage& case_file::last_before_exposure() const {
  if (!has_exposure()) return stages.back();
  if (stages.size() < 2) throw lookup_error("case '" + name + "' has no stage before 'exposure'");
  return stages[stages.size() - 2];
}

inline const case_stage& case_file::stage(std::string_view stage_name) const {
  for (const case_stage& s : stages)
    if (s.name == stage_name) return s;
  throw lookup_error("case '" + name + "' has no stage '" + std::string(stage_name) + "'");
}

namespace detail {

/// The work of one read_case_string call, one member per kind of line: the case being
/// built, the lines of the statements allowed once, and the current evidence block (case
/// level or the current stage). Every violation throws a parse_error naming the file, the
/// line and the column.
class case_reader {
 public:
  explicit case_reader(const std::string& file_name) : m_file(file_name) {}
  /// Takes the case name from the file name, which must be `<slug>.case` (line and column 0).
  void read_file_name();
  /// Refuses text with invalid UTF-8, naming the line of the first bad byte (column 0).
  void check_utf8(std::string_view text) const;
  /// One non-blank line, trimmed; `col0` is the column of its first character.
  void read_line(std::string_view line, std::size_t line_no, std::size_t col0);
  /// After the last line (`last_line`): closes the block, checks the label and the exposure
  /// stage, adds the stage "all" to a file without stages and fills the cumulative evidence.
  [[nodiscard]] case_file finish(std::size_t last_line);

 private:
  [[nodiscard]] parse_error fail(std::size_t line, std::size_t column, const std::string& what) const {
    return parse_error(m_file, line, column, what);
  }
  /// `# title:`, `# intent:`, `# cycle:`; other comments are ignored.
  void read_comment(std::string_view line, std::size_t line_no, std::size_t col0);
  void read_intent(const std::string& intent, std::size_t line_no, std::size_t col0);
  void read_cycle(const std::string& cycle, std::size_t line_no, std::size_t col0);
  /// A comment after a statement on the same line is refused.
  void check_no_trailing_comment(std::string_view line, std::size_t line_no, std::size_t col0) const;
  void read_label(std::string_view argument, std::size_t line_no, std::size_t col0, std::size_t arg_col);
  void read_source(std::string_view argument, std::size_t line_no, std::size_t col0, std::size_t arg_col);
  /// `stage <name> [YYYY-MM-DD]`: closes the block before it and opens the stage.
  void read_stage(std::string_view argument, std::size_t line_no, std::size_t col0, std::size_t arg_col);
  /// The optional date of a stage line, starting at `date_col`.
  [[nodiscard]] std::optional<case_date> read_stage_date(std::string_view date_text, std::size_t line_no,
                                                         std::size_t date_col) const;
  /// Every stage or none dated, dates in chronological order (against the stages so far).
  void check_stage_date(std::string_view stage_name, const std::optional<case_date>& date, std::size_t line_no,
                        std::size_t name_end_col, std::size_t date_col) const;
  /// `<indicator>=<state>` or `<indicator>=<state>~<confidence>`; `eq` is the position of '='.
  void read_observation(std::string_view line, std::size_t eq, std::size_t line_no, std::size_t col0);
  /// The confidence after `~` (at column `tilde_col`) of a soft observation.
  [[nodiscard]] double read_confidence(std::string_view name, std::string_view state, std::string_view number,
                                       std::size_t line_no, std::size_t tilde_col) const;
  /// Hands the current block to the case level or the current stage and empties it.
  void flush();

  const std::string& m_file;
  case_file m_out;
  std::size_t m_label_line = 0;
  std::size_t m_title_line = 0;
  std::size_t m_intent_line = 0;
  bool m_expect_cycle = false;     // just after a stage line (only comments in between)
  std::vector<observation> m_block;  // the current block (case level or current stage)
};

/// The value of a structured comment `key: value` (body without the '#'), or nullopt.
inline std::optional<std::string> structured_comment(std::string_view body, std::string_view key) {
  if (body.substr(0, key.size()) == key && body.size() > key.size() && body[key.size()] == ':')
    return std::string(trim_blanks(body.substr(key.size() + 1)));
  return std::nullopt;
}

/// The states of `states`, comma-separated.
inline std::string list_states(const std::vector<std::string>& states) {
  std::string known;
  for (const auto& s : states) known += (known.empty() ? "" : ", ") + s;
  return known;
}

/// Fills each stage's cumulative observations (case level, then stages 1..k, a later state
/// replacing an earlier one of the same indicator) and its evidence.
inline void accumulate_stages(case_file& c) {
  std::vector<observation> acc = c.case_level;
  const auto apply = [&](const observation& o) {
    for (observation& a : acc)
      if (a.indicator == o.indicator) {
        a = o;
        return;
      }
    acc.push_back(o);
  };
  for (case_stage& s : c.stages) {
    for (const observation& o : s.added) apply(o);
    s.cumulative = acc;
    for (const observation& o : acc) add_observation(s.evidence, o);
  }
}

inline void case_reader::read_file_name() {
  const std::string base = std::filesystem::path(m_file).filename().string();
  const std::string_view ext = ".case";
  if (base.size() <= ext.size() || base.compare(base.size() - ext.size(), ext.size(), ext) != 0)
    throw fail(0, 0, "a case file is named <slug>.case, got '" + base + "'");
  m_out.name = base.substr(0, base.size() - ext.size());
  if (!is_slug(m_out.name))
    throw fail(0, 0, "case name '" + m_out.name + "' is not a slug (lower-case letters, digits, underscores)");
}

inline void case_reader::check_utf8(std::string_view text) const {
  if (const std::size_t bad = invalid_utf8(text); bad != std::string_view::npos) {
    const std::size_t line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
    throw fail(line, 0, "invalid UTF-8 (a case file is plain UTF-8 text)");
  }
}

inline void case_reader::read_comment(std::string_view line, std::size_t line_no, std::size_t col0) {
  const std::string_view body = trim_blanks(line.substr(1));
  if (auto title = structured_comment(body, "title")) {
    if (m_title_line) throw fail(line_no, col0, "second '# title:' comment (the first is on line " + std::to_string(m_title_line) + ")");
    m_title_line = line_no;
    m_out.title = *title;
  } else if (auto intent = structured_comment(body, "intent")) {
    read_intent(*intent, line_no, col0);
  } else if (auto cycle = structured_comment(body, "cycle")) {
    read_cycle(*cycle, line_no, col0);
  }
  // other comments, including '# basis:', are ignored
}

inline void case_reader::read_intent(const std::string& intent, std::size_t line_no, std::size_t col0) {
  if (!m_out.stages.empty()) throw fail(line_no, col0, "'# intent:' belongs at case level, before the first stage");
  if (m_intent_line) throw fail(line_no, col0, "second '# intent:' comment (the first is on line " + std::to_string(m_intent_line) + ")");
  const auto& intents = find_latent("intent")->states;
  if (std::find(intents.begin(), intents.end(), intent) == intents.end())
    throw fail(line_no, col0, "'# intent: " + intent + "': expected one of " + list_states(intents));
  m_intent_line = line_no;
  m_out.intent = intent;
}

inline void case_reader::read_cycle(const std::string& cycle, std::size_t line_no, std::size_t col0) {
  if (!m_expect_cycle) throw fail(line_no, col0, "'# cycle:' belongs just after a 'stage' line");
  const auto& states = find_latent("cycle_stage")->states;
  if (std::find(states.begin(), states.end(), cycle) == states.end())
    throw fail(line_no, col0, "'# cycle: " + cycle + "': expected none, spotting, assessing, developing, recruiting or handling");
  m_out.stages.back().cycle = cycle;
  m_expect_cycle = false;
}

inline void case_reader::check_no_trailing_comment(std::string_view line, std::size_t line_no, std::size_t col0) const {
  for (std::size_t i = 1; i < line.size(); ++i)
    if (line[i] == '#' && is_blank(line[i - 1]))
      throw fail(line_no, col0 + i, "trailing comment '" + pitchrisk::detail::excerpt(line.substr(i)) +
                                        "': a comment takes a whole line (put it on a line of its own)");
}

inline void case_reader::read_line(std::string_view line, std::size_t line_no, std::size_t col0) {
  if (line.front() == '#') {
    read_comment(line, line_no, col0);
    return;
  }
  m_expect_cycle = false;
  check_no_trailing_comment(line, line_no, col0);
  const std::size_t space = line.find_first_of(" \t");
  const std::string_view keyword = line.substr(0, space);
  // Without an argument, an empty one just after the keyword (its column is the one after the keyword).
  const std::string_view argument = space == std::string_view::npos ? line.substr(line.size()) : trim_blanks(line.substr(space));
  const std::size_t arg_col = col0 + static_cast<std::size_t>(argument.data() - line.data());
  if (keyword == "label") {
    read_label(argument, line_no, col0, arg_col);
  } else if (keyword == "source") {
    read_source(argument, line_no, col0, arg_col);
  } else if (keyword == "stage") {
    read_stage(argument, line_no, col0, arg_col);
  } else if (const std::size_t eq = line.find('='); eq != std::string_view::npos && space == std::string_view::npos) {
    read_observation(line, eq, line_no, col0);
  } else if (line.find('=') != std::string_view::npos) {
    throw fail(line_no, col0, "evidence line '" + pitchrisk::detail::excerpt(line) + "' has blanks; expected <indicator>=<state>");
  } else {
    throw fail(line_no, col0, "unknown statement '" + pitchrisk::detail::excerpt(keyword) +
                                  "' (expected label, source, stage, <indicator>=<state> or a # comment)");
  }
}

inline void case_reader::read_label(std::string_view argument, std::size_t line_no, std::size_t col0, std::size_t arg_col) {
  if (!m_out.stages.empty()) throw fail(line_no, col0, "'label' must come before the first 'stage' line");
  if (m_label_line) throw fail(line_no, col0, "second 'label' line (the first is on line " + std::to_string(m_label_line) + ")");
  if (argument != "pitch" && argument != "benign" && argument != "unknown")
    throw fail(line_no, arg_col, "label '" + pitchrisk::detail::excerpt(argument) +
                                     "': expected 'pitch' or 'benign' (or 'unknown' for a case to score)");
  m_label_line = line_no;
  m_out.label = std::string(argument);
}

inline void case_reader::read_source(std::string_view argument, std::size_t line_no, std::size_t col0, std::size_t arg_col) {
  if (!m_out.stages.empty()) throw fail(line_no, col0, "'source' must come before the first 'stage' line");
  const bool url = (argument.substr(0, 7) == "http://" && argument.size() > 7) ||
                   (argument.substr(0, 8) == "https://" && argument.size() > 8);
  const bool seed = argument.substr(0, 5) == "seed:" && argument.size() > 5;
  if ((!url && !seed) || argument.find_first_of(" \t") != std::string_view::npos)
    throw fail(line_no, arg_col, "source '" + pitchrisk::detail::excerpt(argument) + "': expected an http:// or https:// URL or seed:<file name>");
  m_out.sources.emplace_back(argument);
}

inline void case_reader::read_stage(std::string_view argument, std::size_t line_no, std::size_t col0, std::size_t arg_col) {
  const std::size_t name_end = std::min(argument.find_first_of(" \t"), argument.size());
  const std::string_view stage_name = argument.substr(0, name_end);
  const std::string_view date_text = trim_blanks(argument.substr(name_end));
  const std::size_t date_col = arg_col + static_cast<std::size_t>(date_text.data() - argument.data());
  if (!is_slug(stage_name))
    throw fail(line_no, arg_col, "stage name '" + pitchrisk::detail::excerpt(stage_name) + "' must match [a-z0-9_]+");
  for (const case_stage& s : m_out.stages)
    if (s.name == stage_name)
      throw fail(line_no, arg_col, "stage '" + pitchrisk::detail::excerpt(stage_name) + "' already started on line " + std::to_string(s.line));
  if (m_out.has_exposure())
    throw fail(line_no, col0, "stage '" + pitchrisk::detail::excerpt(stage_name) + "' after 'exposure' (exposure is the last stage)");
  const std::optional<case_date> date = read_stage_date(date_text, line_no, date_col);
  check_stage_date(stage_name, date, line_no, arg_col + name_end, date_col);
  flush();
  case_stage s;
  s.name = std::string(stage_name);
  s.line = line_no;
  s.date = date;
  m_out.stages.push_back(std::move(s));
  m_expect_cycle = true;
}

inline std::optional<case_date> case_reader::read_stage_date(std::string_view date_text, std::size_t line_no,
                                                             std::size_t date_col) const {
  if (date_text.empty()) return std::nullopt;
  if (const std::size_t extra = date_text.find_first_of(" \t"); extra != std::string_view::npos)
    throw fail(line_no, date_col, "stage line has more than a name and a date: expected 'stage <name> [YYYY-MM-DD]'");
  const parsed_case_date d = parse_case_date(date_text);
  if (!d.ok()) throw fail(line_no, date_col, "stage date '" + pitchrisk::detail::excerpt(date_text) + "' " + d.fault);
  return d.date;
}

inline void case_reader::check_stage_date(std::string_view stage_name, const std::optional<case_date>& date,
                                          std::size_t line_no, std::size_t name_end_col, std::size_t date_col) const {
  if (m_out.stages.empty()) return;
  const case_stage& first = m_out.stages.front();
  const case_stage& previous = m_out.stages.back();
  if (date && !first.date)
    throw fail(line_no, date_col, "stage '" + std::string(stage_name) + "' has a date but stage '" + first.name +
                                      "' on line " + std::to_string(first.line) +
                                      " has none: date every stage or none");
  if (!date && first.date)
    throw fail(line_no, name_end_col, "stage '" + std::string(stage_name) + "' has no date but stage '" +
                                          first.name + "' on line " + std::to_string(first.line) +
                                          " has one: date every stage or none");
  if (date && *date < *previous.date)
    throw fail(line_no, date_col, "stage '" + std::string(stage_name) + "' is dated " + format_date(*date) +
                                      ", before stage '" + previous.name + "' (line " + std::to_string(previous.line) +
                                      ", " + format_date(*previous.date) + "): stages are in chronological order");
}

inline void case_reader::read_observation(std::string_view line, std::size_t eq, std::size_t line_no, std::size_t col0) {
  const std::string_view name = line.substr(0, eq);
  const std::size_t tilde = line.find('~', eq + 1);
  const std::string_view state = line.substr(eq + 1, tilde == std::string_view::npos ? std::string_view::npos : tilde - eq - 1);
  const indicator* ind = find_indicator(name);
  if (!ind) throw fail(line_no, col0, "unknown indicator '" + pitchrisk::detail::excerpt(name) + "' (see indicators.md)");
  if (std::find(ind->states.begin(), ind->states.end(), state) == ind->states.end())
    throw fail(line_no, col0 + eq + 1, "indicator '" + pitchrisk::detail::excerpt(name) + "' has no state '" + pitchrisk::detail::excerpt(state) +
                                           "' (states: " + list_states(ind->states) + ")");
  for (const observation& o : m_block)
    if (o.indicator == name)
      throw fail(line_no, col0, "indicator '" + pitchrisk::detail::excerpt(name) + "' appears twice in one block (also line " +
                                    std::to_string(o.line) + ")");
  if (name == "authority_flag" && state == "flagged" && (m_out.stages.empty() || m_out.stages.back().name != "exposure"))
    throw fail(line_no, col0, "authority_flag=flagged belongs only in a final stage named 'exposure'");
  const double confidence =
      tilde == std::string_view::npos ? 1.0 : read_confidence(name, state, line.substr(tilde + 1), line_no, col0 + tilde);
  m_block.push_back({std::string(name), std::string(state), line_no, confidence});
}

inline double case_reader::read_confidence(std::string_view name, std::string_view state, std::string_view number,
                                           std::size_t line_no, std::size_t tilde_col) const {
  if (name == "authority_flag")
    throw fail(line_no, tilde_col, "authority_flag takes no '~': a flag is the authority's statement, not an uncertain report");
  if (number.empty())
    throw fail(line_no, tilde_col, "'~' without a confidence: expected " + std::string(name) + "=" + std::string(state) +
                                       "~<number in (0, 1]>, e.g. ~0.7");
  const auto c = pitchrisk::detail::parse_decimal<double>(number);
  if (c.fault != pitchrisk::detail::number_fault::none)
    throw fail(line_no, tilde_col + 1, "confidence '" + pitchrisk::detail::excerpt(number) + "' " +
                                           pitchrisk::detail::describe(c.fault) + "; expected a number in (0, 1]");
  if (!(c.value > 0 && c.value <= 1))
    throw fail(line_no, tilde_col + 1, "confidence '" + pitchrisk::detail::excerpt(number) +
                                           "' is outside (0, 1] (1 is a plain observation; for 'surely not', name another state)");
  return c.value;
}

inline void case_reader::flush() {
  if (m_out.stages.empty()) {
    m_out.case_level = m_block;
  } else {
    m_out.stages.back().added = m_block;
  }
  m_block.clear();
}

inline case_file case_reader::finish(std::size_t last_line) {
  flush();
  if (!m_label_line) throw fail(last_line, 0, "no 'label pitch', 'label benign' or 'label unknown' line");
  if (m_out.has_exposure()) {
    const auto& added = m_out.stages.back().added;
    const bool flagged = std::any_of(added.begin(), added.end(), [](const observation& o) {
      return o.indicator == "authority_flag" && o.state == "flagged" && !o.is_soft();
    });
    if (!flagged) throw fail(m_out.stages.back().line, 0, "stage 'exposure' does not carry authority_flag=flagged");
  }
  if (m_out.stages.empty()) {
    case_stage all;
    all.name = "all";
    m_out.stages.push_back(std::move(all));
  }
  accumulate_stages(m_out);
  return std::move(m_out);
}

}  // namespace detail

inline case_file read_case_string(std::string_view text, const std::string& file_name) {
  detail::case_reader reader(file_name);
  reader.read_file_name();
  reader.check_utf8(text);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // byte-order mark
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view raw = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    const std::string_view line = detail::trim_blanks(raw);
    const std::size_t col0 = static_cast<std::size_t>(line.data() - raw.data()) + 1;  // column of the first non-blank
    if (!line.empty()) reader.read_line(line, line_no, col0);
    if (end == text.size()) break;
  }
  return reader.finish(line_no);
}

inline case_file read_case(const std::filesystem::path& path) {
  // Messages name the file as given; the case name comes from its file name.
  return read_case_string(pitchrisk::detail::read_file(path, "case file"), path.string());
}

inline std::vector<case_file> read_case_directory(const std::filesystem::path& folder) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".case") files.push_back(entry.path());
  if (ec) throw io_error("cannot list case folder '" + folder.string() + "': " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<case_file> out;
  for (const auto& f : files) out.push_back(read_case(f));
  return out;
}

}  // namespace pitchrisk::approach
