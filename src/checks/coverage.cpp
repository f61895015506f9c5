// coverage: the share of the question's expected elements the answer covers.
#include "checks/check.hpp"

namespace sg::checks {

CheckResult run_coverage(Context& ctx) {
    CheckResult r;
    r.name = "coverage";
    r.applies = ctx.question != nullptr && !ctx.question->expected.empty();
    nlohmann::ordered_json covered = nlohmann::ordered_json::array();
    nlohmann::ordered_json missing = nlohmann::ordered_json::array();
    if (!r.applies) {
        ctx.features["coverage"] = 0;
        ctx.features["score_coverage"] = 0;
        r.details["covered"] = covered;
        r.details["missing"] = missing;
        return r;
    }
    std::size_t n = 0;
    for (const auto& el : ctx.question->expected) {
        auto hits = ctx.select(el.cues);
        if (static_cast<int>(hits.size()) >= ctx.rubric.checks.coverage.min_hits) {
            ++n;
            ctx.covered_elements.insert(el.id);
            covered.push_back(el.id);
        } else {
            missing.push_back(el.id);
            if (!el.message.empty()) r.findings.push_back(Finding{"coverage/" + el.id, el.message, 0, 0, ""});
        }
    }
    double share = static_cast<double>(n) / static_cast<double>(ctx.question->expected.size());
    r.score = 100.0 * share;
    r.details["covered"] = covered;
    r.details["missing"] = missing;
    ctx.features["coverage"] = share;
    ctx.features["score_coverage"] = r.score;
    return r;
}

}  // namespace sg::checks
