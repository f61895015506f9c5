#pragma once
// Report writers: one function per format over the same graded answers.
#include <string>
#include <vector>

#include "pipeline/grader.hpp"

namespace sg::report {

struct RunInfo {
    std::string tool_version;
    std::string rubric_id, rubric_version, rubric_path;
    double pass_mark = 60;
    std::string generated_at;  // ISO 8601, volatile
    std::string shard;         // "K/N" when this run graded one shard
};

struct Summary {
    std::size_t answers = 0, graded = 0, errors = 0, skipped = 0, passed = 0, failed = 0;
};
Summary summarise(const std::vector<pipeline::Graded>& results);

std::string to_json(const pipeline::Engine& engine, const RunInfo& info, const std::vector<pipeline::Graded>& results);
std::string to_csv(const pipeline::Engine& engine, const std::vector<pipeline::Graded>& results);

// RFC 4180: quote a field when it holds a comma, quote, CR or LF.
std::string csv_field(const std::string& value);

}  // namespace sg::report
