#pragma once
// Exit codes, documented in the README.
namespace sg::cli {
constexpr int kExitOk = 0;          // every answer passed
constexpr int kExitFailed = 1;      // some answer scored under the pass mark
constexpr int kExitInputError = 2;  // some input could not be graded (reports still complete)
constexpr int kExitRegression = 3;  // diff: some answer regressed against the baseline
constexpr int kExitUsage = 64;      // bad command line
constexpr int kExitRubric = 65;     // invalid rubric
constexpr int kExitNoInput = 66;    // no input found
constexpr int kExitWrite = 74;      // a report could not be written
}  // namespace sg::cli
