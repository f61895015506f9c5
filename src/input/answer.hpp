#pragma once
// An answer as read from its source, before analysis.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sg::input {

struct Answer {
    std::string id;
    std::string source;             // path, or path#line / path#row
    std::string candidate;          // empty when unknown
    std::string question;           // declared question id, empty when none
    std::string date;               // from front matter, empty when none
    std::vector<std::pair<std::string, std::string>> metadata;  // other front-matter keys
    std::string text;               // normalised text (BOM and CR removed)
    std::size_t body_begin = 0;     // where the answer starts after the front matter
    std::string error;              // set when the answer cannot be graded
    std::string file;               // the input file it came from (as discovered)
    std::size_t index = 0;          // its position in that file, from 0: with `file`, the report order
};

// Largest answer accepted, in bytes.
constexpr std::size_t kDefaultMaxBytes = 1024 * 1024;

// Turns raw bytes into an Answer: checks encoding, normalises line ends,
// parses front matter. Problems become Answer::error with their place.
Answer parse_answer(const std::string& raw, const std::string& source, const std::string& default_id,
                    std::size_t max_bytes = kDefaultMaxBytes);

// Front matter of plain `key: value` lines only (keys of letters, digits, _
// and -; values that YAML reads as the same plain text), read without a YAML
// parser: true with the pairs in order, false when any line needs one (quotes,
// lists, comments, null, a repeated key ...), which parse_answer then uses.
bool simple_front_matter(std::string_view yaml, std::vector<std::pair<std::string, std::string>>& pairs);

// Reads a file and parses it; an unreadable file becomes an error answer.
Answer read_answer(const std::string& path, const std::string& default_id, std::size_t max_bytes = kDefaultMaxBytes);

}  // namespace sg::input
