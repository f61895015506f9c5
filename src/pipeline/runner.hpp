#pragma once
// Grades a stream of sources on a few threads. Answers are read by one
// producer, graded by `jobs` workers and handed back one at a time in input
// order, so memory stays bounded whatever the number of answers: at most a
// small window of answers is in flight.
#include <functional>
#include <vector>

#include "input/discovery.hpp"
#include "input/reader.hpp"
#include "pipeline/grader.hpp"

namespace sg::pipeline {

struct RunOptions {
    GradeOptions grade;
    unsigned jobs = 1;
    input::ReadOptions read;
    unsigned shard_k = 1, shard_n = 1;  // grade only sources in shard k of n
};

// Pulls sources from next_source until it returns false and calls emit for
// every answer they hold, in order. emit runs on the calling thread.
void run(const Engine& engine, const std::function<bool(input::Source&)>& next_source, const RunOptions& options,
         const std::function<void(Graded&)>& emit);

// Every answer of a list of sources, in order.
std::vector<Graded> grade_all(const Engine& engine, const std::vector<input::Source>& sources,
                              const RunOptions& options);

}  // namespace sg::pipeline
