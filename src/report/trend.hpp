#pragma once
// Trends over practice logs: answers grouped by candidate (and question) and
// ordered by date, so a candidate sees what improved and what keeps coming back.
#include <string>
#include <vector>

#include "pipeline/grader.hpp"

namespace sg::report {

// What a trend needs of one graded answer.
struct TrendPoint {
    std::string id, source, candidate, question, date;  // date as written (ISO 8601 sorts)
    double score = 0;
    int star_parts = 0;                  // 0..4 STAR parts present
    int metrics = 0;                     // quantified outcomes found
    std::vector<std::string> pitfalls;   // pitfall ids found
};

// One candidate's answers to one question ("" question: all questions), by date.
struct TrendSeries {
    std::string candidate, question;
    std::vector<TrendPoint> points;
};

// Graded answers only; nullopt-like false for errors and skipped answers.
bool trend_point(const pipeline::Graded& g, TrendPoint& out);

// Groups points by candidate, and by candidate and question, each ordered by
// (date, source). Answers without a candidate are grouped under "".
std::vector<TrendSeries> build_trends(std::vector<TrendPoint> points);

}  // namespace sg::report
