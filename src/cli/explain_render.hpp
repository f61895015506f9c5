#pragma once
// Renders one graded answer for `stargrade explain`: a header with the score,
// the answer text line by line with every located finding marked at its
// place, then what the grader found. A pure function of the graded result, so
// the unit tests call it directly.
#include <cstddef>
#include <optional>
#include <string>

#include "pipeline/grader.hpp"

namespace sg::cli {

struct RenderOptions {
    bool color = false;               // ANSI colours; otherwise plain text markers
    std::size_t width = 0;            // wrap answer lines at this many columns (0: never)
    std::optional<double> pass_mark;  // the pass mark the answer was graded against (default: the rubric's)
};

// The explanation of one answer. Plain mode marks
//   [S] [T] [A] [R]                  where a STAR part starts,
//   [[metric: TEXT]]                 a quantified outcome,
//   {{pitfall ID: TEXT}}             the evidence of a pitfall,
//   {{RULE: TEXT}}                   another located finding (vague, we-not-i, ...);
// labels of findings on the same text are joined with "; ".
std::string render_explain(const pipeline::Engine& engine, const pipeline::Graded& graded,
                           const RenderOptions& options);

// Byte offset in text of a 1-based line and column (columns count code points),
// clamped to the end of that line; npos when the line does not exist.
std::size_t byte_offset(const std::string& text, int line, int column);

// Where the text that util::excerpt() turned into `excerpt` ends, when it starts
// at byte `begin` (runs of white space became one space; a long excerpt was cut
// with "..."). Falls back to the end of the word at begin when it does not match.
std::size_t excerpt_end(const std::string& text, std::size_t begin, const std::string& excerpt);

}  // namespace sg::cli
