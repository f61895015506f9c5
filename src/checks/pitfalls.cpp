// pitfalls: every pitfall of the detected question plus the generic ones,
// each evaluated from its declarative condition.
#include <algorithm>
#include <set>

#include "checks/check.hpp"
#include "util/strings.hpp"

namespace sg::checks {

namespace {

struct Eval {
    const Context& ctx;
    std::vector<const match::Match*> evidence;

    bool run(const rubric::Condition& c, bool collect) {
        using K = rubric::Condition::Kind;
        switch (c.kind) {
            case K::All:
                for (const auto& ch : c.children)
                    if (!run(ch, collect)) return false;
                return true;
            case K::Any: {
                bool any = false;
                for (const auto& ch : c.children) any = run(ch, collect) || any;
                return any;
            }
            case K::Not:
                return c.children.empty() ? true : !run(c.children.front(), false);
            case K::Matches: {
                std::vector<const match::Match*> ms;
                for (auto s : c.sets) {
                    auto sel = ctx.select(s, c.region, c.negated);
                    ms.insert(ms.end(), sel.begin(), sel.end());
                }
                double n;
                if (c.distinct) {
                    std::set<std::pair<rubric::SetId, std::uint32_t>> seen;
                    for (const auto* m : ms) seen.insert({m->set, m->phrase});
                    n = static_cast<double>(seen.size());
                } else {
                    n = static_cast<double>(ms.size());
                }
                bool ok = n >= c.min && n <= c.max;
                if (ok && collect && c.min >= 1) evidence.insert(evidence.end(), ms.begin(), ms.end());
                return ok;
            }
            case K::Feature: {
                auto it = ctx.features.find(c.feature);
                double v = it == ctx.features.end() ? 0.0 : it->second;
                return v >= c.min && v <= c.max;
            }
            case K::Element: {
                bool covered = ctx.covered_elements.count(c.element) > 0;
                return covered == c.covered;
            }
        }
        return false;
    }
};

bool kind_allows(const rubric::Pitfall& p, const rubric::Kind* kind) {
    if (p.kinds.empty()) return true;
    if (!kind) return false;
    return std::find(p.kinds.begin(), p.kinds.end(), kind->id) != p.kinds.end();
}

}  // namespace

CheckResult run_pitfalls(Context& ctx) {
    CheckResult r;
    r.name = "pitfalls";
    std::vector<const rubric::Pitfall*> apply;
    std::set<std::string> seen;
    if (ctx.question)
        for (const auto& id : ctx.question->pitfalls)
            if (const auto* p = ctx.rubric.pitfall(id); p && seen.insert(id).second) apply.push_back(p);
    for (const auto& p : ctx.rubric.pitfalls)
        if (p.generic && kind_allows(p, ctx.kind) && seen.insert(p.id).second) apply.push_back(&p);

    double penalty = 0;
    nlohmann::ordered_json found = nlohmann::ordered_json::array();
    nlohmann::ordered_json checked = nlohmann::ordered_json::array();
    for (const auto* p : apply) {
        checked.push_back(p->id);
        Eval ev{ctx, {}};
        if (!ev.run(p->detect, true)) continue;
        penalty += p->penalty;
        std::sort(ev.evidence.begin(), ev.evidence.end(), [](auto* a, auto* b) { return a->begin < b->begin; });
        ev.evidence.erase(std::unique(ev.evidence.begin(), ev.evidence.end()), ev.evidence.end());
        nlohmann::ordered_json evidence = nlohmann::ordered_json::array();
        for (std::size_t i = 0; i < ev.evidence.size() && i < 5; ++i) {
            auto pos = ctx.doc.position(ev.evidence[i]->begin);
            evidence.push_back({{"line", pos.line},
                                {"column", pos.column},
                                {"excerpt", util::excerpt(ctx.doc.slice(ev.evidence[i]->begin, ev.evidence[i]->end))}});
        }
        // A message may quote its first piece of evidence as {excerpt}.
        std::string message =
            render(p->message, ev.evidence.empty() ? std::string() : ctx.matched_text(*ev.evidence.front()));
        nlohmann::ordered_json item = {{"id", p->id}, {"message", message}, {"penalty", p->penalty}};
        if (!p->advice.empty()) item["advice"] = p->advice;
        if (!p->follow_up.empty()) item["follow_up"] = p->follow_up;
        item["evidence"] = evidence;
        found.push_back(item);
        Finding f{"pitfall/" + p->id, message, 0, 0, ""};
        if (!ev.evidence.empty()) f = ctx.at(*ev.evidence.front(), f.rule, f.message);
        r.findings.push_back(f);
    }
    r.score = std::max(0.0, 100.0 - penalty);
    r.penalty = penalty;
    r.details["found"] = found;
    r.details["checked"] = checked;
    return r;
}

}  // namespace sg::checks
