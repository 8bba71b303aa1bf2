// SPDX-License-Identifier: MIT
// Heterogeneous lookup of std::string keys: a hash and an equality that take string views,
// so that finding a name in an unordered map never builds a std::string.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace pitchrisk::detail {

/// std::hash of the characters, for std::string, std::string_view and const char* alike.
struct string_hash {
  using is_transparent = void;  ///< lets unordered_map::find take a std::string_view
  [[nodiscard]] std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

/// An unordered map from names whose find() takes a std::string_view.
template <class Value>
using name_map = std::unordered_map<std::string, Value, string_hash, std::equal_to<>>;

}  // namespace pitchrisk::detail
