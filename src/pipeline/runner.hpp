#pragma once
// Grades many sources on a few threads; results come back in input order.
#include <vector>

#include "input/discovery.hpp"
#include "pipeline/grader.hpp"

namespace sg::pipeline {

struct RunOptions {
    GradeOptions grade;
    unsigned jobs = 1;
    std::size_t max_bytes = input::kDefaultMaxBytes;
};

std::vector<Graded> grade_all(const Engine& engine, const std::vector<input::Source>& sources, const RunOptions& options);

}  // namespace sg::pipeline
