// Fuzzes the whole grading of one answer with the default rubric: each input
// is parsed as an answer (front matter allowed) and graded by the Engine built
// once from rubrics/tpm.yaml (STARGRADE_FUZZ_RUBRIC).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "checks/check.hpp"
#include "fuzz_support.hpp"
#include "input/answer.hpp"
#include "pipeline/grader.hpp"
#include "rubric/loader.hpp"
#include "util/diagnostic.hpp"
#include "util/strings.hpp"

namespace {

const sg::pipeline::Engine& engine() {
    static const std::unique_ptr<sg::pipeline::Engine> e = [] {
        sg::util::Diagnostics diags;
        auto rubric = sg::rubric::load_rubric_file(STARGRADE_FUZZ_RUBRIC, diags);
        for (const auto& d : diags.items()) std::fprintf(stderr, "%s\n", d.str().c_str());
        fuzz::require(rubric != nullptr, "the default rubric does not load");
        return std::make_unique<sg::pipeline::Engine>(std::move(rubric));
    }();
    return *e;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    engine();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string raw(reinterpret_cast<const char*>(data), size);
    auto answer = sg::input::parse_answer(raw, "fuzz.md", "fuzz");
    bool parsed = answer.error.empty();
    auto g = engine().grade(std::move(answer), {});
    if (!parsed) {
        fuzz::require(g.status == sg::pipeline::Status::Error, "an answer with an error was graded");
        return 0;
    }
    if (g.status != sg::pipeline::Status::Graded) {
        fuzz::require(!g.error.empty(), "an ungraded answer without an error");
        return 0;
    }
    fuzz::require(std::isfinite(g.score) && g.score >= 0 && g.score <= 100, "score outside 0..100");
    fuzz::require(g.question_confidence >= 0 && g.question_confidence <= 1.0 + 1e-9, "confidence outside 0..1");
    fuzz::require(g.checks.size() == sg::checks::registry().size(), "not one result per check");
    for (const auto& c : g.checks) {
        fuzz::require(std::isfinite(c.score) && c.score >= 0 && c.score <= 100, "a check score outside 0..100");
        fuzz::require(std::isfinite(c.penalty), "a check penalty is not finite");
        for (const auto& f : c.findings) {
            fuzz::require(f.line >= 0 && f.column >= 0, "a finding with a negative place");
            fuzz::require(sg::util::first_invalid_utf8(f.excerpt) == std::string::npos, "an excerpt is not valid UTF-8");
            fuzz::require(sg::util::first_invalid_utf8(f.message) == std::string::npos, "a message is not valid UTF-8");
        }
        // What the JSON report does with the details; throws on invalid UTF-8.
        (void)c.details.dump();
    }
    fuzz::require(!g.band.empty(), "no band");
    return 0;
}
