// coverage: the share of the question's expected elements the answer covers.
// An element talked about only in generic sentences (no named thing, number
// or first-person action, or hedged) earns checks.coverage.generic_credit of
// a point.
#include <cmath>

#include "checks/check.hpp"

namespace sg::checks {

CheckResult run_coverage(Context& ctx) {
    const auto& cfg = ctx.rubric.checks.coverage;
    CheckResult r;
    r.name = "coverage";
    r.applies = ctx.question != nullptr && !ctx.question->expected.empty();
    nlohmann::ordered_json covered = nlohmann::ordered_json::array();
    nlohmann::ordered_json generic = nlohmann::ordered_json::array();
    nlohmann::ordered_json missing = nlohmann::ordered_json::array();
    if (!r.applies) {
        ctx.features["coverage"] = 0;
        ctx.features["score_coverage"] = 0;
        r.details["covered"] = covered;
        r.details["missing"] = missing;
        return r;
    }
    const auto& concrete = ctx.content_concrete();

    double points = 0;
    for (const auto& el : ctx.question->expected) {
        auto hits = ctx.select(el.cues);
        if (static_cast<int>(hits.size()) < cfg.min_hits) {
            missing.push_back(el.id);
            if (!el.message.empty()) r.findings.push_back(Finding{"coverage/" + el.id, el.message, 0, 0, ""});
            continue;
        }
        ctx.covered_elements.insert(el.id);
        bool specific = false;
        for (const auto* m : hits) specific = specific || concrete[m->sentence];
        if (specific) {
            points += 1;
            covered.push_back(el.id);
        } else {
            points += cfg.generic_credit;
            generic.push_back(el.id);
        }
    }
    double share = points / static_cast<double>(ctx.question->expected.size());
    r.score = 100.0 * share;
    r.details["covered"] = covered;
    r.details["covered_generically"] = generic;
    r.details["missing"] = missing;
    ctx.features["coverage"] = share;
    ctx.features["score_coverage"] = r.score;
    return r;
}

}  // namespace sg::checks
