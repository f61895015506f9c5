// pitfalls: every pitfall of the detected question plus the generic ones,
// each evaluated from its declarative condition.
#include <algorithm>
#include <set>

#include "checks/check.hpp"
#include "util/strings.hpp"

namespace sg::checks {

CheckResult run_pitfalls(Context& ctx) {
    CheckResult r;
    r.name = "pitfalls";
    std::vector<const rubric::Pitfall*> apply;
    std::set<std::string> seen;
    if (ctx.question)
        for (const auto& id : ctx.question->pitfalls)
            if (const auto* p = ctx.rubric.pitfall(id); p && seen.insert(id).second) apply.push_back(p);
    for (const auto& p : ctx.rubric.pitfalls)
        if (p.generic && kind_listed(p.kinds, ctx.kind) && seen.insert(p.id).second) apply.push_back(&p);

    double penalty = 0, all = 0;
    nlohmann::ordered_json found = nlohmann::ordered_json::array();
    nlohmann::ordered_json checked = nlohmann::ordered_json::array();
    for (const auto* p : apply) {
        checked.push_back(p->id);
        std::vector<const match::Match*> hits;
        if (!holds(ctx, p->detect, &hits)) continue;
        all += p->penalty;
        if (p->percent) r.percents.push_back(p->penalty);
        else penalty += p->penalty;
        nlohmann::ordered_json evidence = evidence_json(ctx, hits);
        // A message may quote its first piece of evidence as {excerpt}.
        std::string message = render(ctx, p->message, hits);
        nlohmann::ordered_json item = {{"id", p->id}, {"message", message}, {"penalty", p->penalty}};
        if (p->percent) item["penalty_as"] = "percent";
        if (!p->advice.empty()) item["advice"] = p->advice;
        if (!p->follow_up.empty()) item["follow_up"] = p->follow_up;
        item["evidence"] = evidence;
        found.push_back(item);
        Finding f{"pitfall/" + p->id, message, 0, 0, ""};
        if (!hits.empty()) f = ctx.at(*hits.front(), f.rule, f.message);
        r.findings.push_back(f);
    }
    // The check's own score counts every penalty as points; the overall
    // score takes percent penalties as shares (Engine::combine).
    r.score = std::max(0.0, 100.0 - all);
    r.penalty = penalty;
    r.details["found"] = found;
    r.details["checked"] = checked;
    return r;
}

}  // namespace sg::checks
