#pragma once
// Shared helpers for the unit tests: a temporary folder, locating text in an
// inline YAML document, and a small rubric used by the check, grader and
// report tests.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "input/answer.hpp"
#include "pipeline/grader.hpp"
#include "rubric/loader.hpp"
#include "util/diagnostic.hpp"

namespace test {

namespace fs = std::filesystem;

// A fresh folder under the system temp folder, removed with everything in it.
class TempDir {
public:
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "stargrade-test-XXXXXX").string();
        char* made = ::mkdtemp(tmpl.data());
        REQUIRE(made != nullptr);
        path_ = made;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const fs::path& path() const { return path_; }
    std::string str() const { return path_.string(); }

    // Writes content to a path relative to the folder, creating parent folders.
    std::string write(const std::string& rel, const std::string& content) const {
        fs::path p = path_ / rel;
        fs::create_directories(p.parent_path());
        std::ofstream out(p, std::ios::binary);
        out << content;
        REQUIRE(out.good());
        return p.string();
    }

private:
    fs::path path_;
};

struct Where {
    int line = 0;
    int column = 0;
};

// 1-based line and column of the first occurrence of needle (after skip earlier
// occurrences), for checking where a diagnostic points. Columns count bytes,
// which equals code points in the ASCII documents used here.
inline Where where(const std::string& text, const std::string& needle, int skip = 0) {
    std::size_t at = text.find(needle);
    for (int i = 0; i < skip && at != std::string::npos; ++i) at = text.find(needle, at + 1);
    REQUIRE(at != std::string::npos);
    Where w{1, 1};
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < at; ++i)
        if (text[i] == '\n') {
            ++w.line;
            line_start = i + 1;
        }
    w.column = static_cast<int>(at - line_start) + 1;
    return w;
}

// A small rubric: one behavioural question with STAR and one opinion question.
inline const std::string kRubricYaml = R"(schema: 1
id: test-rubric
version: "2.1.0"
title: Test rubric
scoring:
  pass: 60
  weights: {specificity: 25, star: 20, metrics: 20, pitfalls: 25, coverage: 10}
  bands:
    - {id: strong, min: 80, label: Strong}
    - {id: fair, min: 50}
    - {id: weak, min: 0, label: Weak}
detection:
  min_confidence: 0.2
  header_weight: 3
  stopwords: [the, a, an, me, about, you, your, tell, what, do, to, of, is, be, have, most, how]
kinds:
  - {id: behavioural, star: true, metrics: true}
  - {id: opinion, star: false, metrics: false}
competencies:
  - id: delivery
    name: Delivery
    cues: [shipped, launch*, cutover]
lexicons:
  technology: [kafka, postgres*, redis, "re: \\bs3\\b"]
  singular: [i, me, my, myself]
  plural: [we, us, our, "the team"]
  vague: [basically, "kind of", stuff, various]
  negation: [not, never, no, "didn't", without]
  situation-cues: ["at the time", "back then", "was running", "had been"]
  task-cues: ["my goal", "needed to", "had to", "my job"]
  action-cues: ["i designed", "i wrote", "i ran", "i led", "i built", "i set up"]
  result-cues: ["as a result", "in the end", reduced, cut, improved]
  outcome: [cut, reduced, improved, increased, saved, shipped]
  unknown-outcome: ["not sure", "too early to tell"]
  scope-numbers: ["re: \\bteam of \\d+", "re: \\b\\d+ engineers\\b", "re: \\bq[1-4] \\d{4}\\b"]
checks:
  negation: [negation]
  negation_window: 3
  specificity:
    named: [technology]
    named_target: 4
    numbers_target: 4
    ownership: {singular: singular, plural: plural}
    vague: [vague]
    vague_per_100_words_max: 5
    weights: {named: 40, numbers: 25, ownership: 20, vague: 15}
    messages:
      vague: "Replace '{excerpt}' with a concrete detail."
  star:
    parts:
      situation: {labels: [situation, context], cues: [situation-cues]}
      task: {labels: [task, goal], cues: [task-cues]}
      action: {labels: [action, actions], cues: [action-cues]}
      result: {labels: [result, outcome], cues: [result-cues]}
    result_requires: [outcome]
    result_blockers: [unknown-outcome]
    action_min_share: 0.2
    messages:
      empty-result: "Say what the outcome was."
  metrics:
    patterns:
      - {id: change, pattern: "re: from \\d[\\d,.]*\\s?(ms|%|seconds)? to \\d[\\d,.]*\\s?(ms|%|seconds)?", outcome: true}
      - {id: latency, pattern: "re: \\b\\d+(\\.\\d+)?\\s?(ms|seconds)\\b"}
      - {id: percent, pattern: "re: \\b\\d+(\\.\\d+)?\\s?%"}
      - {id: count, pattern: "re: \\b\\d[\\d,]*\\b"}
    outcome_cues: [outcome]
    scope: [scope-numbers]
    target: 2
    messages:
      none: "Quantify the result."
      scope-only: "Those numbers are scope, not outcomes."
  coverage:
    min_hits: 1
    generic_credit: 0.5
questions:
  - id: complex-program
    kind: behavioural
    text: Tell me about the most technically complex program you have managed.
    aliases: [hardest technical program you ran]
    cues: [migrat*, architecture, sharding]
    competencies: [delivery]
    expected:
      - id: technical-challenge
        cues: ["hardest part", "trade-off*", latency]
        message: Explain the hardest technical problem.
    pitfalls: [no-technology]
    follow_ups: ["What would you do differently?"]
  - id: why-tpm
    kind: opinion
    text: Why do you want to be a technical program manager?
    cues: [career, passion*]
pitfalls:
  - id: no-technology
    penalty: 20
    message: Name the technology you worked with.
    detect: {matches: {lexicon: technology, min: 0, max: 0}}
  - id: vague-story
    generic: true
    kinds: [behavioural]
    penalty: 15
    message: The story is too vague.
    follow_up: What exactly did you build?
    detect:
      all:
        - any:
            - matches: {lexicon: vague, min: 2}
            - matches: {phrases: ["and so on"]}
        - feature: {name: first_person_singular, max: 1}
        - not: {matches: {lexicon: technology, min: 2}}
)";

inline std::unique_ptr<sg::rubric::Rubric> load_test_rubric() {
    sg::util::Diagnostics diags;
    auto r = sg::rubric::load_rubric_text(kRubricYaml, "test.yaml", diags);
    for (const auto& d : diags.items()) UNSCOPED_INFO(d.str());
    REQUIRE(diags.empty());
    REQUIRE(r != nullptr);
    return r;
}

inline const sg::pipeline::Engine& test_engine() {
    static const sg::pipeline::Engine engine(load_test_rubric());
    return engine;
}

// The default TPM rubric of the source tree, loaded once.
inline const sg::pipeline::Engine& tpm_engine() {
    static const sg::pipeline::Engine engine([] {
        sg::util::Diagnostics diags;
        auto r = sg::rubric::load_rubric_file(std::string(STARGRADE_REPO) + "/rubrics/tpm.yaml", diags);
        REQUIRE(r != nullptr);
        return r;
    }());
    return engine;
}

// The test rubric with each text inserted after its line (after, text).
inline std::unique_ptr<sg::rubric::Rubric> test_rubric_with(
    const std::vector<std::pair<std::string, std::string>>& inserts) {
    std::string yaml = kRubricYaml;
    for (const auto& [after, text] : inserts) {
        auto at = yaml.find(after);
        REQUIRE(at != std::string::npos);
        yaml.insert(at + after.size(), text);
    }
    sg::util::Diagnostics diags;
    auto rubric = sg::rubric::load_rubric_text(yaml, "variant.yaml", diags);
    for (const auto& d : diags.items()) UNSCOPED_INFO(d.str());
    REQUIRE(rubric != nullptr);
    REQUIRE(diags.empty());
    return rubric;
}

// The test rubric with `text` inserted after the line `after`.
inline std::unique_ptr<sg::rubric::Rubric> test_rubric_with(const std::string& after, const std::string& text) {
    return test_rubric_with({{after, text}});
}

// The test rubric with a generic red flag taken as a percent of the score
// ("their fault", penalty 20, percent_scale 1).
inline const sg::pipeline::Engine& red_flag_engine() {
    static const sg::pipeline::Engine engine(test_rubric_with(
        "pitfalls:\n", "  - id: blames\n"
                       "    generic: true\n"
                       "    penalty: 20\n"
                       "    penalty_as: percent\n"
                       "    message: You blame others.\n"
                       "    detect: {matches: {phrases: [\"their fault\"]}}\n"));
    return engine;
}

// Grades an answer text (front matter allowed) with the test rubric.
inline sg::pipeline::Graded grade_text(const std::string& raw, const std::string& id = "answer",
                                       const sg::pipeline::GradeOptions& options = {}) {
    auto answer = sg::input::parse_answer(raw, id + ".md", id);
    return test_engine().grade(std::move(answer), options);
}

}  // namespace test
