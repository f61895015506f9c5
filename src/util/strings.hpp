#pragma once
// Small text helpers shared by every module.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sg::util {

std::string to_lower_ascii(std::string_view s);
std::string_view trim(std::string_view s);
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);

// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The closest candidate within a small distance, if any.
std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates);

// Byte offset of the first invalid UTF-8 sequence, or npos when valid.
std::size_t first_invalid_utf8(std::string_view s);
// Number of code points in a valid UTF-8 string.
std::size_t utf8_length(std::string_view s);
// At most max_chars code points of s, with an ellipsis when cut; newlines become spaces.
std::string excerpt(std::string_view s, std::size_t max_chars = 80);

std::string join(const std::vector<std::string>& parts, std::string_view sep);

}  // namespace sg::util
