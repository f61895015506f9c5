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
    std::vector<const match::Match*> cues, targets;
    for (auto s : cfg.outcome_cues)
        for (const auto* m : ctx.select(s)) cues.push_back(m);
    for (auto s : cfg.not_outcome)
        for (const auto* m : ctx.select(s)) targets.push_back(m);
    const auto& toks = ctx.doc.tokens();
    // An outcome cue in the candidate's clause, or a few words away in its sentence.
    auto has_cue = [&](const match::Match& c) {
        for (const auto* m : cues) {
            if (m->sentence != c.sentence) continue;
            if (m->begin < c.end && c.begin < m->end) return true;  // the cue is part of the quantity
            std::uint32_t gap = m->end_token <= c.first_token ? c.first_token - m->end_token
                                : c.end_token <= m->first_token ? m->first_token - c.end_token
                                                                 : 0;
            bool same_clause = toks[m->first_token].clause == toks[c.first_token].clause ||
                               toks[m->end_token - 1].clause == toks[c.end_token - 1].clause;
            if (same_clause || static_cast<int>(gap) <= cfg.cue_window) return true;
        }
        return false;
    };
    // A target, budget or plan stated earlier in the sentence.
    auto is_target = [&](const match::Match& c) {
        for (const auto* m : targets)
            if (m->sentence == c.sentence && m->begin < c.begin) return true;
        return false;
    };

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
        bool cue = c.self_evident || has_cue(*c.m);
        if (is_scope || !cue || c.m->negated || is_target(*c.m)) {
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
