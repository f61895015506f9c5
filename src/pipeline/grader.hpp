#pragma once
// Grades answers against a compiled rubric. An Engine is built once and is
// immutable afterwards, so worker threads share it.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checks/check.hpp"
#include "input/answer.hpp"
#include "match/matcher.hpp"
#include "pipeline/detect.hpp"
#include "rubric/model.hpp"

namespace sg::pipeline {

enum class Status { Graded, Error, Skipped };
const char* status_name(Status s);

// A rubric cap that held for an answer (scoring.caps).
struct CapHit {
    std::string id;
    double max = 0;
    std::string message;
    nlohmann::ordered_json evidence = nlohmann::ordered_json::array();  // line, column, excerpt
};

struct Graded {
    input::Answer answer;
    Status status = Status::Graded;
    std::string error;
    std::string question;            // empty when none matched
    double question_confidence = 0;
    bool question_declared = false;
    double score = 0;
    double uncapped_score = 0;       // the weighted score before scoring.caps
    std::vector<CapHit> caps;        // caps that held; the score is at most the lowest max
    std::string band;
    std::string band_label;
    bool passed = false;
    std::vector<checks::CheckResult> checks;
    std::vector<std::string> competencies;  // competencies the answer shows evidence of
    std::vector<std::string> follow_ups;
    std::size_t words = 0;
    std::vector<std::string> warnings;      // e.g. a pattern that gave up on this answer
    double seconds = 0;                     // time spent grading it (set by the pipeline runner)

    const checks::CheckResult* check(const std::string& name) const;
};

struct GradeOptions {
    std::string force_question;        // --question
    std::optional<double> pass_mark;   // --fail-under
};

class Engine {
public:
    explicit Engine(std::unique_ptr<rubric::Rubric> rubric);
    const rubric::Rubric& rubric() const { return *rubric_; }
    const match::Matcher& matcher() const { return matcher_; }
    const QuestionDetector& detector() const { return detector_; }
    double pass_mark(const GradeOptions& o) const { return o.pass_mark ? *o.pass_mark : rubric_->scoring.pass; }

    Graded grade(input::Answer answer, const GradeOptions& options) const;

    // The weighted score of check results, and its band.
    double combine(const std::vector<checks::CheckResult>& results) const;
    const rubric::Band* band(double score) const;

private:
    std::unique_ptr<rubric::Rubric> rubric_;
    match::Matcher matcher_;
    QuestionDetector detector_;
};

}  // namespace sg::pipeline
