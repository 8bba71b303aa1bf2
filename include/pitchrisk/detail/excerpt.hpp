// SPDX-License-Identifier: MIT
// A piece of input quoted in an error message: at most 60 characters, then "...", so that
// a huge token (a line of a megabyte) does not make a huge message.
#pragma once

#include <string>
#include <string_view>

namespace pitchrisk::detail {

inline std::string excerpt(std::string_view text) {
  return text.size() <= 60 ? std::string(text) : std::string(text.substr(0, 60)) + "...";
}

}  // namespace pitchrisk::detail
