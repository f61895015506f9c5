#include "checks/check.hpp"

#include <algorithm>
#include <set>

#include "util/strings.hpp"

namespace sg::checks {

std::vector<const match::Match*> Context::select(rubric::SetId set, rubric::Region region,
                                                 rubric::NegatedMode negated) const {
    std::vector<const match::Match*> out;
    for (const auto& m : matches.of(set)) {
        if (region == rubric::Region::Body && m.header) continue;
        if (region == rubric::Region::Header && !m.header) continue;
        if (negated == rubric::NegatedMode::Exclude && m.negated) continue;
        if (negated == rubric::NegatedMode::Only && !m.negated) continue;
        out.push_back(&m);
    }
    return out;
}

std::size_t Context::count(const std::vector<rubric::SetId>& sets, rubric::Region region,
                           rubric::NegatedMode negated) const {
    std::size_t n = 0;
    for (auto s : sets) n += select(s, region, negated).size();
    return n;
}

const std::vector<char>& Context::content_concrete() {
    if (content_concrete_done_) return content_concrete_;
    content_concrete_done_ = true;
    const auto& cfg = rubric.checks.coverage;
    auto& out = content_concrete_;
    out = concrete;
    out.resize(doc.sentences().size(), 0);
    // A first-person action counts, unless the sentence is made of buzzwords
    // ("I drove alignment across all stakeholders").
    std::vector<char> buzz(out.size(), 0);
    for (auto set : cfg.buzz)
        for (const auto* m : select(set)) buzz[m->sentence] = 1;
    for (auto set : cfg.concrete)
        for (const auto* m : select(set))
            if (!buzz[m->sentence]) out[m->sentence] = 1;
    // A point made while hedging ("I think we looked at latency") is not
    // made concretely, whatever the sentence names.
    for (auto set : cfg.hedged)
        for (const auto* m : select(set)) out[m->sentence] = 0;
    return out;
}

std::string Context::matched_text(const match::Match& m) const {
    return std::string(doc.slice(m.begin, m.end));
}

Finding Context::at(const match::Match& m, std::string rule, std::string message) const {
    Finding f;
    f.rule = std::move(rule);
    f.message = std::move(message);
    auto pos = doc.position(m.begin);
    f.line = pos.line;
    f.column = pos.column;
    f.excerpt = util::excerpt(doc.slice(m.begin, m.end));
    return f;
}

namespace {

// Evaluates a rubric condition, collecting the matches that made it hold.
struct Eval {
    const Context& ctx;
    std::vector<const match::Match*>* evidence;

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
                if (ok && collect && evidence && c.min >= 1) evidence->insert(evidence->end(), ms.begin(), ms.end());
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

}  // namespace

bool holds(const Context& ctx, const rubric::Condition& c, std::vector<const match::Match*>* evidence) {
    std::size_t before = evidence ? evidence->size() : 0;
    bool ok = Eval{ctx, evidence}.run(c, true);
    if (evidence) {
        if (!ok) evidence->resize(before);
        std::sort(evidence->begin(), evidence->end(), [](auto* a, auto* b) { return a->begin < b->begin; });
        evidence->erase(std::unique(evidence->begin(), evidence->end()), evidence->end());
    }
    return ok;
}

nlohmann::ordered_json evidence_json(const Context& ctx, const std::vector<const match::Match*>& hits,
                                     std::size_t limit) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < hits.size() && i < limit; ++i) {
        auto pos = ctx.doc.position(hits[i]->begin);
        out.push_back({{"line", pos.line},
                       {"column", pos.column},
                       {"excerpt", util::excerpt(ctx.doc.slice(hits[i]->begin, hits[i]->end))}});
    }
    return out;
}

std::string render(const std::string& message, const std::string& excerpt) {
    std::string out = message;
    const std::string key = "{excerpt}";
    for (auto p = out.find(key); p != std::string::npos; p = out.find(key, p + excerpt.size()))
        out.replace(p, key.size(), excerpt);
    return out;
}

std::string render(const Context& ctx, const std::string& message, const std::vector<const match::Match*>& hits) {
    return render(message, hits.empty() ? std::string() : ctx.matched_text(*hits.front()));
}

bool kind_listed(const std::vector<std::string>& kinds, const rubric::Kind* kind) {
    if (kinds.empty()) return true;
    return kind && std::find(kinds.begin(), kinds.end(), kind->id) != kinds.end();
}

std::string message_or(const std::map<std::string, std::string>& messages, const std::string& key,
                       const std::string& fallback) {
    auto it = messages.find(key);
    return it == messages.end() ? fallback : it->second;
}

const std::vector<CheckEntry>& registry() {
    static const std::vector<CheckEntry> entries = {
        {"specificity", run_specificity},
        {"metrics", run_metrics},
        {"star", run_star},
        {"coverage", run_coverage},
        {"pitfalls", run_pitfalls},
    };
    return entries;
}

}  // namespace sg::checks
