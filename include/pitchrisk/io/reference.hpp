// SPDX-License-Identifier: MIT
// Reader for reference-answer files (`.ref`): cases of evidence with, optionally, the
// expected log P(e), posterior marginals and MPE (grammar in the shared reference README).
// pitchrisk-query reads its cases from this format and writes its answers in it, so its
// output can be compared with another tool's line by line.
#pragma once

#include "pitchrisk/core/evidence.hpp"
#include "pitchrisk/detail/excerpt.hpp"
#include "pitchrisk/detail/parse_number.hpp"
#include "pitchrisk/detail/read_file.hpp"
#include "pitchrisk/error.hpp"

#include <climits>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace pitchrisk::io {

/// `VAR=STATE` (split at the first '=').
struct reference_assignment {
  std::string variable;  ///< the text before the '=': a variable name
  std::string state;     ///< the text after it: a state name
};

/// One `marginal VAR p0 p1 ...` line: a variable's expected posterior.
struct reference_marginal {
  std::string variable;               ///< the variable's name
  std::vector<double> probabilities;  ///< one probability per state, in state order
};

/// One `case ... end` block.
struct reference_case {
  long index = 0;                                  ///< the number after `case`

  std::size_t line = 0;                            ///< line of the `case` keyword
  std::vector<reference_assignment> evidence;      ///< declaration order, as in the file
  std::optional<double> log_pe;                    ///< `logpe`
  std::vector<reference_marginal> marginals;       ///< `marginal` lines
  std::optional<double> mpe_log_probability;       ///< `mpe` logp
  std::vector<reference_assignment> mpe;           ///< `mpe` assignment

  /// The case's evidence as hard findings by name.
  [[nodiscard]] pitchrisk::evidence to_evidence() const {
    pitchrisk::evidence e;
    for (const auto& a : evidence) e.observe(a.variable, a.state);
    return e;
  }
};

/// Reads a `.ref` file. With `answers = false`, answer lines (logpe, marginal, mpe) are
/// skipped unread, as pitchrisk-query does with its input.
/// Throws: io_error (cannot open), parse_error with file and line (unknown keyword, line
/// outside a case, missing `end`, malformed VAR=STATE, bad number, repeated evidence line,
/// a case number already used: the message names both lines).
[[nodiscard]] std::vector<reference_case> read_reference(const std::filesystem::path& path, bool answers = true);
/// As read_reference(), from text in memory; `file_name` names it in messages.
/// Throws: parse_error as read_reference().

[[nodiscard]] std::vector<reference_case> read_reference_string(std::string_view text,

                                                                const std::string& file_name = "<string>",
                                                                bool answers = true);

// ---------------------------------------------------------------------------------------

namespace detail {

inline std::vector<std::string_view> split_words(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

/// The state of a `.ref` read: the cases so far, the open case, and the line being read.
class reference_reader {
 public:
  reference_reader(const std::string& file_name, bool answers) : m_file(file_name), m_answers(answers) {}

  /// Reads one line (its number `line_no`, without its line end).
  void read_line(std::string_view line, std::size_t line_no) {
    m_line = line_no;
    if (line.find('\0') != std::string_view::npos) fail("NUL byte in line");
    const auto words = split_words(line);
    if (words.empty() || words[0].front() == '#') return;
    const std::string_view key = words[0];
    if (key == "case") return start_case(words);
    if (!m_current) fail("'" + pitchrisk::detail::excerpt(key) + "' outside a case");
    if (key == "end")
      end_case(words);
    else if (key == "evidence")
      read_evidence(words);
    else if (key == "logpe" || key == "marginal" || key == "mpe") {
      if (m_answers) read_answer(key, words);
    } else
      fail("unknown keyword '" + pitchrisk::detail::excerpt(key) + "'");
  }

  /// The cases read, refusing a case left open at the end of the text.
  std::vector<reference_case> finish() {
    if (m_current) {
      m_line = m_current->line;
      fail("case " + std::to_string(m_current->index) + " has no 'end'");
    }
    return std::move(m_cases);
  }

 private:
  [[noreturn]] void fail(const std::string& what) const { throw parse_error(m_file, m_line, 0, what); }

  /// `VAR=STATE`, split at the first '='.
  reference_assignment assignment(std::string_view token) const {
    const std::size_t eq = token.find('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == token.size())
      fail("expected VAR=STATE, got '" + pitchrisk::detail::excerpt(token) + "'");
    return reference_assignment{std::string(token.substr(0, eq)), std::string(token.substr(eq + 1))};
  }

  /// A signed decimal of an answer line.
  double number(std::string_view token, const char* what) const {
    const auto x = pitchrisk::detail::parse_signed_decimal<double>(token);
    if (x.fault != pitchrisk::detail::number_fault::none)
      fail("bad number '" + pitchrisk::detail::excerpt(token) + "' in " + what + ": it " +
           pitchrisk::detail::describe(x.fault));
    return x.value;
  }

  /// `case <number>`: opens a case; its number must be new.
  void start_case(const std::vector<std::string_view>& words) {
    if (m_current) fail("'case' inside case " + std::to_string(m_current->index) + " (missing 'end')");
    if (words.size() != 2) fail("expected 'case <number>'");
    const auto idx = pitchrisk::detail::parse_count(words[1]);
    if (idx.fault != pitchrisk::detail::number_fault::none || idx.value > static_cast<std::uint64_t>(LONG_MAX))
      fail("bad case number '" + pitchrisk::detail::excerpt(words[1]) + "'");
    const auto [first, fresh] = m_case_lines.emplace(static_cast<long>(idx.value), m_line);
    if (!fresh)
      fail("case " + std::to_string(idx.value) + " on line " + std::to_string(m_line) + " repeats case " +
           std::to_string(idx.value) + " of line " + std::to_string(first->second) + " (case numbers are unique)");
    m_current = reference_case{};
    m_current->index = static_cast<long>(idx.value);
    m_current->line = m_line;
    m_have_evidence = false;
  }

  /// `end`: closes the open case, which must have had an evidence line.
  void end_case(const std::vector<std::string_view>& words) {
    if (words.size() != 1) fail("unexpected text after 'end'");
    if (!m_have_evidence) fail("case " + std::to_string(m_current->index) + " has no 'evidence' line");
    m_cases.push_back(std::move(*m_current));
    m_current.reset();
  }

  /// `evidence VAR=STATE ...`: once per case, each variable once.
  void read_evidence(const std::vector<std::string_view>& words) {
    if (m_have_evidence) fail("second 'evidence' line in case " + std::to_string(m_current->index));
    m_have_evidence = true;
    std::unordered_set<std::string_view> seen_variables;
    for (std::size_t i = 1; i < words.size(); ++i) {
      reference_assignment a = assignment(words[i]);
      if (!seen_variables.insert(words[i].substr(0, words[i].find('='))).second)
        fail("variable '" + pitchrisk::detail::excerpt(a.variable) + "' appears twice in the evidence");
      m_current->evidence.push_back(std::move(a));
    }
  }

  /// An answer line: `logpe <x>`, `marginal VAR p0 p1 ...` or `mpe <logp> VAR=STATE ...`.
  void read_answer(std::string_view key, const std::vector<std::string_view>& words) {
    if (key == "logpe") {
      if (words.size() != 2) fail("expected 'logpe <number>'");
      m_current->log_pe = number(words[1], "logpe");
    } else if (key == "marginal") {
      if (words.size() < 3) fail("expected 'marginal <VAR> <p0> <p1> ...'");
      reference_marginal m{std::string(words[1]), {}};
      for (std::size_t i = 2; i < words.size(); ++i) m.probabilities.push_back(number(words[i], "marginal"));
      m_current->marginals.push_back(std::move(m));
    } else {
      if (words.size() < 2) fail("expected 'mpe <logp> VAR=STATE ...'");
      m_current->mpe_log_probability = number(words[1], "mpe");
      for (std::size_t i = 2; i < words.size(); ++i) m_current->mpe.push_back(assignment(words[i]));
    }
  }

  const std::string& m_file;
  bool m_answers;
  std::vector<reference_case> m_cases;
  std::optional<reference_case> m_current;
  std::unordered_map<long, std::size_t> m_case_lines;  // case number -> line of its `case`
  bool m_have_evidence = false;
  std::size_t m_line = 0;
};

}  // namespace detail

inline std::vector<reference_case> read_reference_string(std::string_view text, const std::string& file_name,
                                                         bool answers) {
  detail::reference_reader reader(file_name, answers);
  std::size_t line_no = 0, pos = 0;
  while (pos < text.size()) {
    const std::size_t eol = text.find('\n', pos);
    std::string_view line = text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    pos = eol == std::string_view::npos ? text.size() : eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    reader.read_line(line, line_no);
  }
  return reader.finish();
}

inline std::vector<reference_case> read_reference(const std::filesystem::path& path, bool answers) {
  return read_reference_string(pitchrisk::detail::read_file(path, "reference file"), path.string(), answers);
}

}  // namespace pitchrisk::io
