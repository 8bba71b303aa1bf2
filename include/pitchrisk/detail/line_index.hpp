// SPDX-License-Identifier: MIT
// The line starts of a text, found in one pass, so that the line of a byte offset costs a
// binary search rather than a scan from the start of the text. The XML readers note the
// line of every variable for later messages; scanning from the start each time made them
// quadratic in the file size (XMLBIF read munin 20x slower than BIF).
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

namespace pitchrisk::detail {

/// Line numbers of byte offsets in one text (LF, CRLF and CR-only line ends).
class line_index {
 public:
  explicit line_index(std::string_view text) : m_size(text.size()) {
    m_starts.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')))
        m_starts.push_back(i + 1);
  }
  /// The 1-based line of byte `offset` (clamped to the text).
  [[nodiscard]] std::size_t line(std::ptrdiff_t offset) const noexcept {
    const std::size_t at = offset < 0 ? 0 : std::min(static_cast<std::size_t>(offset), m_size);
    return static_cast<std::size_t>(std::upper_bound(m_starts.begin(), m_starts.end(), at) - m_starts.begin());
  }

 private:
  std::vector<std::size_t> m_starts;
  std::size_t m_size;
};

}  // namespace pitchrisk::detail
