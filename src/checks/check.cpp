#include "checks/check.hpp"

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

std::string render(const std::string& message, const std::string& excerpt) {
    std::string out = message;
    const std::string key = "{excerpt}";
    for (auto p = out.find(key); p != std::string::npos; p = out.find(key, p + excerpt.size()))
        out.replace(p, key.size(), excerpt);
    return out;
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
