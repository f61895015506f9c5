// Fuzzes the rubric loader with arbitrary YAML text. A rubric that loads is
// also compiled into an Engine and used to grade one short answer, so the
// matcher, the detector and the checks see the odd rubrics too.
//
// The path given to the loader is inside a folder that does not exist, so a
// relative `calibration:` reference never reads a real file.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "input/answer.hpp"
#include "pipeline/grader.hpp"
#include "rubric/loader.hpp"
#include "util/diagnostic.hpp"

namespace {

const char kAnswer[] =
    "---\nid: fuzz\n---\n"
    "Situation: at the time we were running a migration from postgres to kafka.\n"
    "Task: I needed to cut latency from 900 ms to 120 ms for a team of 8 engineers in Q3 2024.\n"
    "Action: I designed the rollout, I wrote the plan and I led the cutover; basically stuff.\n"
    "Result: as a result we shipped on time and reduced incidents by 40%. Not sure about cost.\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    sg::util::Diagnostics diags;
    auto rubric = sg::rubric::load_rubric_text(text, "/nonexistent-stargrade-fuzz/fuzz.yaml", diags);
    fuzz::require((rubric == nullptr) == !diags.empty(), "load_rubric_text: null exactly when a diagnostic was added");
    for (const auto& d : diags.items()) {
        fuzz::require(!d.message.empty(), "diagnostic without a message");
        fuzz::require(d.line >= 0 && d.column >= 0, "diagnostic with a negative place");
        (void)d.str();
    }
    (void)diags.sorted();
    if (!rubric) return 0;

    sg::pipeline::Engine engine(std::move(rubric));
    auto answer = sg::input::parse_answer(kAnswer, "fuzz.md", "fuzz");
    auto graded = engine.grade(std::move(answer), {});
    if (graded.status == sg::pipeline::Status::Graded) {
        fuzz::require(std::isfinite(graded.score), "score is not finite");
        fuzz::require(graded.score >= 0 && graded.score <= 100, "score outside 0..100");
    }
    return 0;
}
