// specificity: named systems and technologies, concrete numbers, first-person
// ownership and vague language.
#include <algorithm>
#include <set>

#include "checks/check.hpp"
#include "util/strings.hpp"

namespace sg::checks {

namespace {
double part_weight(const std::map<std::string, double>& w, const char* key) {
    auto it = w.find(key);
    return it == w.end() ? 0.0 : it->second;
}
}  // namespace

CheckResult run_specificity(Context& ctx) {
    const auto& cfg = ctx.rubric.checks.specificity;
    CheckResult r;
    r.name = "specificity";

    const auto& toks = ctx.doc.tokens();
    const auto& sens = ctx.doc.sentences();
    double words = static_cast<double>(ctx.doc.body_words());

    std::set<std::string> named;
    std::vector<const match::Match*> named_matches;
    for (auto set : cfg.named)
        for (const auto* m : ctx.select(set, rubric::Region::Body, rubric::NegatedMode::Include))
            if (named.insert(util::to_lower_ascii(ctx.matched_text(*m))).second) named_matches.push_back(m);

    std::set<std::string> numbers;
    for (const auto& t : toks)
        if (t.has_digit && !sens[t.sentence].header) numbers.insert(t.norm);

    double singular = static_cast<double>(ctx.select(cfg.singular).size());
    double plural = static_cast<double>(ctx.select(cfg.plural).size());
    double we_share = singular + plural > 0 ? plural / (singular + plural) : 0.0;

    std::vector<const match::Match*> vague;
    for (auto set : cfg.vague)
        for (const auto* m : ctx.select(set)) vague.push_back(m);
    std::sort(vague.begin(), vague.end(), [](auto* a, auto* b) { return a->begin < b->begin; });
    double vague_density = words > 0 ? 100.0 * static_cast<double>(vague.size()) / words : 0.0;

    double p_named = std::min(1.0, static_cast<double>(named.size()) / cfg.named_target);
    double p_numbers = std::min(1.0, static_cast<double>(numbers.size()) / cfg.numbers_target);
    double p_owner = singular + plural > 0 ? std::clamp((singular / (singular + plural) - 0.2) / 0.4, 0.0, 1.0) : 0.5;
    double p_vague = 1.0 - std::min(1.0, vague_density / cfg.vague_max);

    double wn = part_weight(cfg.weights, "named"), wu = part_weight(cfg.weights, "numbers"),
           wo = part_weight(cfg.weights, "ownership"), wv = part_weight(cfg.weights, "vague");
    double total = wn + wu + wo + wv;
    r.score = total > 0 ? 100.0 * (wn * p_named + wu * p_numbers + wo * p_owner + wv * p_vague) / total : 0.0;

    if (static_cast<double>(named.size()) < cfg.named_target / 2)
        r.findings.push_back(Finding{"specificity/few-named",
                                     message_or(cfg.messages, "few-named", "Name the systems and technologies involved."),
                                     0, 0, ""});
    if (static_cast<double>(numbers.size()) < cfg.numbers_target / 2)
        r.findings.push_back(Finding{"specificity/few-numbers",
                                     message_or(cfg.messages, "few-numbers", "Give concrete numbers: sizes, counts, dates."),
                                     0, 0, ""});
    if (plural >= 3 && we_share > 0.6) {
        auto first = ctx.select(cfg.plural);
        Finding f = ctx.at(*first.front(), "specificity/we-not-i",
                           message_or(cfg.messages, "we-not-i", "Say what you did yourself, not only what the team did."));
        r.findings.push_back(f);
    }
    std::size_t shown = 0;
    for (const auto* m : vague) {
        if (++shown > 5) break;
        std::string text = ctx.matched_text(*m);
        r.findings.push_back(ctx.at(*m, "specificity/vague",
                                    render(message_or(cfg.messages, "vague", "Replace '{excerpt}' with something concrete."),
                                           text)));
    }

    std::vector<std::string> named_list(named.begin(), named.end());
    r.details["named"] = named_list;
    r.details["numbers"] = numbers.size();
    r.details["first_person_singular"] = static_cast<int>(singular);
    r.details["first_person_plural"] = static_cast<int>(plural);
    r.details["vague_per_100_words"] = vague_density;

    auto& f = ctx.features;
    f["words"] = words;
    f["sentences"] = static_cast<double>(sens.size());
    f["first_person_singular"] = singular;
    f["first_person_plural"] = plural;
    f["we_share"] = we_share;
    f["vague_per_100_words"] = vague_density;
    f["named"] = static_cast<double>(named.size());
    f["numbers"] = static_cast<double>(numbers.size());
    f["score_specificity"] = r.score;
    return r;
}

}  // namespace sg::checks
