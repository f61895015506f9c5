// metrics: distinct quantified outcomes, told apart from scope numbers.
#include <algorithm>

#include "checks/check.hpp"
#include "util/strings.hpp"

namespace sg::checks {

CheckResult run_metrics(Context& ctx) {
    const auto& cfg = ctx.rubric.checks.metrics;
    CheckResult r;
    r.name = "metrics";

    struct Cand {
        const match::Match* m;
        std::string pattern;
        bool self_evident;
    };
    std::vector<Cand> cands;
    for (const auto& p : cfg.patterns)
        for (const auto* m : ctx.select(p.set, rubric::Region::Body, rubric::NegatedMode::Include))
            cands.push_back(Cand{m, p.id, p.outcome});
    std::sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) {
        return a.m->begin != b.m->begin ? a.m->begin < b.m->begin : a.m->end > b.m->end;
    });

    std::vector<const match::Match*> scope;
    for (auto s : cfg.scope)
        for (const auto* m : ctx.select(s, rubric::Region::Body, rubric::NegatedMode::Include)) scope.push_back(m);
    std::vector<char> cue_in_sentence(ctx.doc.sentences().size(), 0);
    for (auto s : cfg.outcome_cues)
        for (const auto* m : ctx.select(s)) cue_in_sentence[m->sentence] = 1;

    auto overlaps_scope = [&](const match::Match& m) {
        for (const auto* s : scope)
            if (s->begin < m.end && m.begin < s->end) return true;
        return false;
    };

    nlohmann::ordered_json outcomes = nlohmann::ordered_json::array();
    std::size_t scope_only = 0;
    std::uint32_t last_end = 0;
    bool any = false;
    for (const auto& c : cands) {
        if (any && c.m->begin < last_end) continue;  // overlapping candidates count once
        bool is_scope = overlaps_scope(*c.m) && !c.self_evident;
        bool cue = c.self_evident || cue_in_sentence[c.m->sentence];
        if (is_scope || !cue || c.m->negated) {
            if (is_scope) ++scope_only;
            continue;
        }
        any = true;
        last_end = c.m->end;
        ctx.outcomes.push_back(Span{c.m->begin, c.m->end, c.m->sentence});
        auto pos = ctx.doc.position(c.m->begin);
        outcomes.push_back({{"kind", c.pattern},
                            {"text", util::excerpt(ctx.doc.slice(c.m->begin, c.m->end))},
                            {"line", pos.line},
                            {"column", pos.column}});
    }
    std::size_t count = ctx.outcomes.size();
    r.score = 100.0 * std::min(1.0, static_cast<double>(count) / cfg.target);
    bool expected = ctx.kind == nullptr || ctx.kind->metrics;
    if (!expected) r.weight_factor = 0.5;
    if (count == 0 && expected) {
        if (scope_only > 0)
            r.findings.push_back(Finding{"metrics/scope-only",
                                         message_or(cfg.messages, "scope-only",
                                                    "Your numbers describe scope, not outcomes: add what changed."),
                                         0, 0, ""});
        else
            r.findings.push_back(Finding{"metrics/none",
                                         message_or(cfg.messages, "none", "Quantify the outcome."), 0, 0, ""});
    }
    r.details["count"] = count;
    r.details["outcomes"] = outcomes;
    ctx.features["metrics"] = static_cast<double>(count);
    ctx.features["score_metrics"] = r.score;
    return r;
}

}  // namespace sg::checks
