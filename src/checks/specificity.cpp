// specificity: named systems and technologies, concrete numbers, concrete
// sentences, first-person ownership and vague language.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "checks/check.hpp"
#include "util/strings.hpp"

namespace sg::checks {

namespace {
double part_weight(const std::map<std::string, double>& w, const char* key) {
    auto it = w.find(key);
    return it == w.end() ? 0.0 : it->second;
}
enum class Shape { None, Acronym, MixedCase, Capitalised };

// The written form of a word: "BGP", "APIs" (acronym), "SONiC", "PCIe",
// "iOS" (mixed case), "Broadcom" (capitalised); anything with other than
// ASCII letters has none.
Shape shape_of(std::string_view w) {
    std::size_t upper = 0, lower = 0;
    for (char c : w) {
        if (c >= 'A' && c <= 'Z')
            ++upper;
        else if (c >= 'a' && c <= 'z')
            ++lower;
        else
            return Shape::None;
    }
    if (upper >= 2 && w.size() <= 8 && (lower == 0 || (lower == 1 && w.back() == 's'))) return Shape::Acronym;
    if (upper >= 1 && lower >= 1 && !(upper == 1 && w.front() >= 'A' && w.front() <= 'Z')) return Shape::MixedCase;
    if (upper == 1 && lower >= 2) return Shape::Capitalised;
    return Shape::None;
}

bool listed(const std::vector<std::string>& v, const char* s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

// Names told by their written form (checks.specificity.name_shapes): each
// distinct word earns the configured credit, a word some lexicon already
// matched (a named thing, a buzzword, an excluded title) none. A capitalised
// word counts only inside a sentence, not where any sentence or label starts.
// `named_spans` holds the spans of the named and concepts matches the caller
// has already selected.
template <typename Fluffy>
double shaped_names(const Context& ctx, const Fluffy& fluffy, std::vector<char>& concrete,
                    std::vector<std::string>& named_list,
                    const std::vector<std::pair<std::uint32_t, std::uint32_t>>& named_spans) {
    const auto& cfg = ctx.rubric.checks.specificity;
    if (cfg.name_shapes.empty()) return 0.0;
    const bool acronym = listed(cfg.name_shapes, "acronym"), mixed = listed(cfg.name_shapes, "mixed-case"),
               capitalised = listed(cfg.name_shapes, "capitalised");
    const auto& toks = ctx.doc.tokens();
    const auto& sens = ctx.doc.sentences();
    const std::string& text = ctx.doc.text();

    std::vector<char> taken(toks.size(), 0);
    auto take_span = [&](std::uint32_t begin, std::uint32_t end) {
        auto it = std::lower_bound(toks.begin(), toks.end(), begin,
                                   [](const text::Token& t, std::uint32_t at) { return t.end <= at; });
        for (; it != toks.end() && it->begin < end; ++it) taken[static_cast<std::size_t>(it - toks.begin())] = 1;
    };
    auto take = [&](const std::vector<rubric::SetId>& sets) {
        for (auto set : sets)
            for (const auto* m : ctx.select(set, rubric::Region::Body, rubric::NegatedMode::Include))
                take_span(m->begin, m->end);
    };
    for (const auto& [b, e] : named_spans) take_span(b, e);
    take(cfg.vague);
    take(cfg.name_shape_exclude);

    std::map<std::string, double> credit;
    for (std::size_t i = 0; i < toks.size(); ++i) {
        const auto& t = toks[i];
        const auto& sen = sens[t.sentence];
        if (taken[i] || t.has_digit || sen.header || sen.heading) continue;
        Shape sh = shape_of(std::string_view(text).substr(t.begin, t.end - t.begin));
        bool counts = (sh == Shape::Acronym && acronym) || (sh == Shape::MixedCase && mixed);
        if (sh == Shape::Capitalised && capitalised && i != sen.first_token) {
            std::size_t k = t.begin;
            while (k > sen.begin && text[k - 1] == ' ') --k;
            char before = k > sen.begin ? text[k - 1] : ':';
            counts = std::string_view(":;\"'(*#>-").find(before) == std::string_view::npos &&
                     static_cast<unsigned char>(before) < 0x80;  // not after an opening quote or a label
        }
        if (!counts) continue;
        bool fluff = fluffy(t.sentence);
        if (!fluff) concrete[t.sentence] = 1;
        double c = cfg.name_shape_credit * (fluff ? cfg.fluff_named_credit : 1.0);
        auto [it, fresh] = credit.try_emplace(t.norm, c);
        if (fresh)
            named_list.push_back(t.norm);
        else
            it->second = std::max(it->second, c);
    }
    double total = 0;
    for (const auto& [word, c] : credit) total += c;
    return total;
}

CheckResult run_specificity(Context& ctx) {
    const auto& cfg = ctx.rubric.checks.specificity;
    CheckResult r;
    r.name = "specificity";

    const auto& toks = ctx.doc.tokens();
    const auto& sens = ctx.doc.sentences();
    double words = static_cast<double>(ctx.doc.body_words());
    std::vector<char> concrete(sens.size(), 0);

    std::vector<const match::Match*> vague;
    for (auto set : cfg.vague)
        for (const auto* m : ctx.select(set)) vague.push_back(m);
    std::sort(vague.begin(), vague.end(), [](auto* a, auto* b) { return a->begin < b->begin; });
    double vague_density = words > 0 ? 100.0 * static_cast<double>(vague.size()) / words : 0.0;

    // A sentence thick with buzzwords ("a cloud-native, AI-first microservices
    // platform leveraging serverless") drops names rather than using them: a
    // named thing there earns only fluff_named_credit, and the sentence does
    // not count as concrete for it.
    std::vector<int> vague_in(sens.size(), 0);
    for (const auto* m : vague) ++vague_in[m->sentence];
    auto fluffy = [&](std::uint32_t s) {
        return cfg.fluff_per_100_words > 0 && vague_in[s] >= 2 &&
               100.0 * vague_in[s] / std::max<double>(1.0, sens[s].words()) >= cfg.fluff_per_100_words;
    };

    // Distinct named things: the same phrase twice ("Kafka", "Kafka's") counts
    // once, with the best credit any of its sentences gives it.
    std::map<std::pair<rubric::SetId, std::uint32_t>, double> best;
    std::vector<std::string> named_list;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> named_spans;
    auto collect = [&](const std::vector<rubric::SetId>& sets, double weight) {
        for (auto set : sets)
            for (const auto* m : ctx.select(set, rubric::Region::Body, rubric::NegatedMode::Include)) {
                named_spans.emplace_back(m->begin, m->end);
                bool fluff = fluffy(m->sentence);
                if (!fluff) concrete[m->sentence] = 1;
                double credit = weight * (fluff ? cfg.fluff_named_credit : 1.0);
                auto [it, fresh] = best.try_emplace({set, m->phrase}, credit);
                if (fresh)
                    named_list.push_back(util::to_lower_ascii(ctx.matched_text(*m)));
                else
                    it->second = std::max(it->second, credit);
            }
    };
    collect(cfg.named, 1.0);
    collect(cfg.concepts, cfg.concept_weight);
    double named = 0;
    for (const auto& [key, credit] : best) named += credit;
    named += shaped_names(ctx, fluffy, concrete, named_list, named_spans);

    // Numbers that only label ("Step 3", a "2." list marker) are not specifics.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> label_spans;
    for (auto set : cfg.labels)
        for (const auto* m : ctx.select(set, rubric::Region::Body, rubric::NegatedMode::Include))
            label_spans.emplace_back(m->begin, m->end);
    auto is_label = [&](const text::Token& t) {
        for (const auto& [b, e] : label_spans)
            if (t.begin >= b && t.end <= e) return true;
        return false;
    };
    std::set<std::string> numbers;
    for (const auto& t : toks)
        if (t.has_digit && !sens[t.sentence].header && !is_label(t)) {
            numbers.insert(t.norm);
            concrete[t.sentence] = 1;
        }
    double sentences = 0, concrete_sentences = 0;
    for (std::size_t i = 0; i < sens.size(); ++i) {
        if (sens[i].header || sens[i].heading || sens[i].words() < 4) continue;
        sentences += 1;
        concrete_sentences += concrete[i];
    }
    double concrete_share = sentences > 0 ? concrete_sentences / sentences : 0.0;
    ctx.concrete = concrete;

    double singular = static_cast<double>(ctx.select(cfg.singular).size());
    double plural = static_cast<double>(ctx.select(cfg.plural).size());
    double we_share = singular + plural > 0 ? plural / (singular + plural) : 0.0;

    // Longer answers need more named things and numbers for the same marks, so
    // that length alone does not buy specificity.
    double scale = cfg.length_reference > 0 ? std::clamp(std::sqrt(words / cfg.length_reference), 0.6, 1.6) : 1.0;
    double named_target = cfg.named_target * scale, numbers_target = cfg.numbers_target * scale;
    double p_named = std::min(1.0, named / named_target);
    double p_numbers = std::min(1.0, static_cast<double>(numbers.size()) / numbers_target);
    double p_concrete = std::min(1.0, concrete_share / cfg.concrete_target);
    double p_owner = singular + plural > 0 ? std::clamp((singular / (singular + plural) - 0.2) / 0.4, 0.0, 1.0) : 0.5;
    double p_vague = 1.0 - std::min(1.0, vague_density / cfg.vague_max);

    double wn = part_weight(cfg.weights, "named"), wu = part_weight(cfg.weights, "numbers"),
           wc = part_weight(cfg.weights, "concrete"), wo = part_weight(cfg.weights, "ownership"),
           wv = part_weight(cfg.weights, "vague");
    // Ownership ("I" over "we") only weighs on the kinds of question the rubric names.
    if (!cfg.ownership_kinds.empty() &&
        (!ctx.kind || std::find(cfg.ownership_kinds.begin(), cfg.ownership_kinds.end(), ctx.kind->id) ==
                          cfg.ownership_kinds.end()))
        wo = 0;
    double total = wn + wu + wc + wo + wv;
    r.score = total > 0 ? 100.0 * (wn * p_named + wu * p_numbers + wc * p_concrete + wo * p_owner + wv * p_vague) / total
                        : 0.0;

    if (named < named_target / 2)
        r.findings.push_back(Finding{"specificity/few-named",
                                     message_or(cfg.messages, "few-named", "Name the systems and technologies involved."),
                                     0, 0, ""});
    if (static_cast<double>(numbers.size()) < numbers_target / 2)
        r.findings.push_back(Finding{"specificity/few-numbers",
                                     message_or(cfg.messages, "few-numbers", "Give concrete numbers: sizes, counts, dates."),
                                     0, 0, ""});
    if (plural >= 3 && we_share > 0.6) {
        auto first = ctx.select(cfg.plural);
        r.findings.push_back(ctx.at(*first.front(), "specificity/we-not-i",
                                    message_or(cfg.messages, "we-not-i",
                                               "Say what you did yourself, not only what the team did.")));
    }
    std::size_t shown = 0;
    for (const auto* m : vague) {
        if (++shown > 5) break;
        r.findings.push_back(ctx.at(*m, "specificity/vague",
                                    render(message_or(cfg.messages, "vague", "Replace '{excerpt}' with something concrete."),
                                           ctx.matched_text(*m))));
    }

    r.details["named"] = named_list;
    r.details["numbers"] = numbers.size();
    r.details["concrete_sentences"] = std::round(concrete_share * 1000.0) / 1000.0;
    r.details["first_person_singular"] = static_cast<int>(singular);
    r.details["first_person_plural"] = static_cast<int>(plural);
    r.details["vague_per_100_words"] = std::round(vague_density * 100.0) / 100.0;

    auto& f = ctx.features;
    f["words"] = words;
    f["sentences"] = sentences;
    f["first_person_singular"] = singular;
    f["first_person_plural"] = plural;
    f["we_share"] = we_share;
    f["vague_per_100_words"] = vague_density;
    f["named"] = named;
    f["numbers"] = static_cast<double>(numbers.size());
    f["concrete_sentences"] = concrete_share;
    f["score_specificity"] = r.score;
    return r;
}

}  // namespace sg::checks
