// star: situation, task, action and result, each present or not with evidence.
#include <algorithm>
#include <array>

#include "checks/check.hpp"
#include "util/strings.hpp"

namespace sg::checks {

namespace {

constexpr int kNone = -1;

// The STAR part a sentence's label names ("Situation:", "**Result:**", "## Action"), or kNone.
int label_of(const Context& ctx, const text::Sentence& sen) {
    const auto& parts = ctx.rubric.checks.star.parts;
    const auto& toks = ctx.doc.tokens();
    const std::string& text = ctx.doc.text();
    if (sen.first_token >= sen.end_token) return kNone;
    const auto& t = toks[sen.first_token];
    for (std::size_t p = 0; p < parts.size(); ++p) {
        for (const auto& words : parts[p].label_words) {  // a label may be several words ("the result")
            if (words.empty() || sen.first_token + words.size() > sen.end_token) continue;
            bool same = true;
            for (std::size_t k = 0; k < words.size() && same; ++k) same = toks[sen.first_token + k].norm == words[k];
            if (!same) continue;
            const auto& last = toks[sen.first_token + words.size() - 1];
            std::size_t i = last.end;
            while (i < sen.end && (text[i] == '*' || text[i] == '_' || text[i] == ' ')) ++i;
            if (i < sen.end && (text[i] == ':' || text[i] == '-')) return static_cast<int>(p);
            if (sen.heading && sen.first_token + words.size() == sen.end_token) return static_cast<int>(p);
            // "**Result** The launch..." or "**Result.** The launch...": a bold label
            std::size_t close = last.end;
            if (close < sen.end && (text[close] == '.' || text[close] == ':')) ++close;
            if (close < sen.end && text[close] == '*' && t.begin > sen.begin && text[t.begin - 1] == '*')
                return static_cast<int>(p);
        }
    }
    (void)t;
    return kNone;
}

// The part whose initial a sentence opens with as a label ("S:", "**R:**"), or kNone.
int initial_of(const Context& ctx, const text::Sentence& sen) {
    const auto& parts = ctx.rubric.checks.star.parts;
    const auto& text = ctx.doc.text();
    if (sen.first_token >= sen.end_token) return kNone;
    const auto& t = ctx.doc.tokens()[sen.first_token];
    if (t.norm.size() != 1) return kNone;
    std::size_t i = t.end;
    while (i < sen.end && (text[i] == '*' || text[i] == '_' || text[i] == ' ')) ++i;
    if (i >= sen.end || text[i] != ':') return kNone;
    for (std::size_t p = 0; p < parts.size(); ++p)
        if (!parts[p].name.empty() && parts[p].name[0] == t.norm[0]) return static_cast<int>(p);
    return kNone;
}

}  // namespace

CheckResult run_star(Context& ctx) {
    const auto& cfg = ctx.rubric.checks.star;
    CheckResult r;
    r.name = "star";
    r.applies = ctx.kind != nullptr && ctx.kind->star && cfg.parts.size() == 4;

    const auto& sens = ctx.doc.sentences();
    std::vector<std::size_t> body;
    for (std::size_t i = 0; i < sens.size(); ++i)
        if (!sens[i].header) body.push_back(i);

    // Cue hits per sentence and part.
    std::vector<std::array<int, 4>> hits(sens.size(), {0, 0, 0, 0});
    for (std::size_t p = 0; p < cfg.parts.size() && p < 4; ++p)
        for (auto set : cfg.parts[p].cues)
            for (const auto* m : ctx.select(set)) ++hits[m->sentence][p];

    std::vector<int> part(sens.size(), kNone);
    std::vector<int> labels(sens.size(), kNone);
    int labelled = 0;
    for (auto i : body) {
        labels[i] = cfg.parts.size() == 4 ? label_of(ctx, sens[i]) : kNone;
        if (labels[i] != kNone) ++labelled;
    }
    // "S: ... T: ... A: ... R: ...": initials label the parts only when at
    // least three different ones open sentences (a lone "A:" is an answer marker).
    if (labelled == 0 && cfg.parts.size() == 4) {
        std::vector<int> initials(sens.size(), kNone);
        std::array<bool, 4> seen{};
        for (auto i : body)
            if ((initials[i] = initial_of(ctx, sens[i])) != kNone) seen[static_cast<std::size_t>(initials[i])] = true;
        if (std::count(seen.begin(), seen.end(), true) >= 3)
            for (auto i : body)
                if (initials[i] != kNone) {
                    labels[i] = initials[i];
                    ++labelled;
                }
    }
    if (labelled >= 2) {
        int cur = kNone;
        for (auto i : body) {
            if (labels[i] != kNone) cur = labels[i];
            part[i] = cur;
        }
        // Sentences before the first label: by cue, else context.
        for (auto i : body) {
            if (labels[i] != kNone) break;
            int best = 0;
            for (int p = 1; p < 4; ++p)
                if (hits[i][p] > hits[i][best]) best = p;
            part[i] = best;
        }
    } else {
        // Unlabelled: the best-matching part, never going back more than one step,
        // ties and sentences without cues keep the current part.
        int cur = 0;
        for (std::size_t k = 0; k < body.size(); ++k) {
            auto i = body[k];
            double rel = body.size() > 1 ? static_cast<double>(k) / static_cast<double>(body.size() - 1) : 0.0;
            int best = kNone;
            double best_score = 0;
            for (int p = 0; p < 4; ++p) {
                if (hits[i][p] == 0) continue;
                double s = hits[i][p];
                if (p < cur - 1) s *= 0.3;                // stories rarely go back
                if (p == 3 && rel < 0.4) s *= 0.5;        // results come late
                if (p == 0 && rel > 0.6) s *= 0.5;        // context comes early
                if (s > best_score) {
                    best_score = s;
                    best = p;
                }
            }
            if (best != kNone) cur = best;
            part[i] = cur;
        }
    }

    std::array<std::size_t, 4> words{0, 0, 0, 0};
    std::array<int, 4> cue_total{0, 0, 0, 0};
    std::array<int, 4> first{-1, -1, -1, -1};
    for (auto i : body) {
        if (part[i] == kNone) continue;
        auto p = static_cast<std::size_t>(part[i]);
        words[p] += sens[i].words();
        cue_total[p] += hits[i][p];
        if (first[p] < 0) first[p] = static_cast<int>(i);
    }

    // Result needs an outcome in the result sentences and nothing saying it is unknown.
    bool result_outcome = false, result_blocked = false;
    const match::Match* blocker = nullptr;
    for (auto set : cfg.result_requires)
        for (const auto* m : ctx.select(set))
            if (part[m->sentence] == 3) result_outcome = true;
    for (const auto& o : ctx.outcomes)
        if (part[o.sentence] == 3) result_outcome = true;
    // Blockers count in the result, or in an unlabelled answer's closing sentences.
    std::vector<char> closing(sens.size(), 0);
    for (std::size_t k = body.size() - std::min<std::size_t>(body.size(), 2); k < body.size(); ++k) closing[body[k]] = 1;
    for (auto set : cfg.result_blockers)
        for (const auto* m : ctx.select(set, rubric::Region::Body, rubric::NegatedMode::Include))
            if (part[m->sentence] == 3 || (labelled < 2 && closing[m->sentence])) {
                result_blocked = true;
                if (!blocker) blocker = m;
            }

    // Cues anywhere in the body count for situation and task (context and the
    // candidate's goal are often given in passing); an opening sentence that
    // matches checks.star.opening is context too.
    std::array<int, 4> cue_anywhere{0, 0, 0, 0};
    for (auto i : body)
        for (int p = 0; p < 4; ++p) cue_anywhere[p] += hits[i][p];
    if (!body.empty() && labels[body.front()] == kNone) {
        for (auto set : cfg.opening)
            for (const auto* m : ctx.select(set, rubric::Region::Body, rubric::NegatedMode::Include))
                if (m->sentence == body.front()) ++cue_anywhere[0];
    }

    std::array<bool, 4> present{false, false, false, false};
    for (int p = 0; p < 4; ++p) {
        if (labelled >= 2 && first[p] >= 0 && labels[static_cast<std::size_t>(first[p])] == p)
            present[p] = words[p] >= 4;  // a labelled part with content
        else if (p <= 1)
            present[p] = cue_anywhere[p] >= 1;
        else
            present[p] = cue_total[p] >= (p == 2 ? 2 : 1);
    }
    bool result_label_empty = present[3] && !(result_outcome && !result_blocked);
    present[3] = present[3] && result_outcome && !result_blocked;

    std::size_t body_words = std::max<std::size_t>(1, ctx.doc.body_words());
    double action_share = static_cast<double>(words[2]) / static_cast<double>(body_words);

    // A part told only in generic sentences ("I drove alignment"; "the
    // program was a big success") earns checks.star.generic_credit of its
    // weight: its sentences, and for situation and task those with its cues.
    std::array<bool, 4> concrete_part{false, false, false, false};
    if (cfg.generic_credit < 1.0) {
        const auto& concrete = ctx.content_concrete();
        for (auto i : body) {
            if (!concrete[i]) continue;
            for (int p = 0; p < 4; ++p)
                if (part[i] == p || (p <= 1 && hits[i][p] > 0)) concrete_part[p] = true;
        }
    }
    double total = 0, got = 0;
    static const char* names[4] = {"situation", "task", "action", "result"};
    nlohmann::ordered_json generic = nlohmann::ordered_json::array();
    for (int p = 0; p < 4; ++p) {
        auto it = cfg.weights.find(names[p]);
        double w = it == cfg.weights.end() ? 25 : it->second;
        total += w;
        if (!present[p]) continue;
        if (cfg.generic_credit < 1.0 && !concrete_part[p]) {
            got += w * cfg.generic_credit;
            generic.push_back(names[p]);
        } else {
            got += w;
        }
    }
    r.score = total > 0 ? 100.0 * got / total : 0.0;
    bool thin = present[2] && action_share < cfg.action_min_share;
    if (thin) r.score = std::max(0.0, r.score - 10.0);

    if (r.applies) {
        for (int p = 0; p < 4; ++p) {
            if (present[p]) continue;
            if (p == 3 && result_label_empty) {
                Finding f{"star/empty-result",
                          message_or(cfg.messages, "empty-result", "Your result does not say what the outcome was."), 0, 0,
                          ""};
                if (blocker) f = ctx.at(*blocker, f.rule, f.message);
                else if (first[3] >= 0) {
                    auto pos = ctx.doc.position(sens[static_cast<std::size_t>(first[3])].begin);
                    f.line = pos.line;
                    f.column = pos.column;
                    const auto& s = sens[static_cast<std::size_t>(first[3])];
                    f.excerpt = util::excerpt(ctx.doc.slice(s.begin, s.end));
                }
                r.findings.push_back(f);
                continue;
            }
            std::string key = std::string("missing-") + names[p];
            r.findings.push_back(Finding{"star/" + key, message_or(cfg.messages, key, std::string("Add the ") + names[p] + "."),
                                         0, 0, ""});
        }
        if (thin)
            r.findings.push_back(Finding{"star/thin-action",
                                         message_or(cfg.messages, "thin-action", "Spend more of the answer on what you did."),
                                         0, 0, ""});
    }

    nlohmann::ordered_json parts = nlohmann::ordered_json::object();
    nlohmann::ordered_json where = nlohmann::ordered_json::object();
    for (int p = 0; p < 4; ++p) {
        parts[names[p]] = present[p];
        if (first[p] >= 0 && present[p]) {
            auto pos = ctx.doc.position(sens[static_cast<std::size_t>(first[p])].begin);
            where[names[p]] = {{"line", pos.line}, {"column", pos.column}, {"words", words[p]}};
        }
    }
    r.details["parts"] = parts;
    r.details["generic"] = generic;
    r.details["labelled"] = labelled >= 2;
    r.details["starts"] = where;
    r.details["action_share"] = action_share;

    auto& f = ctx.features;
    f["star_situation"] = present[0];
    f["star_task"] = present[1];
    f["star_action"] = present[2];
    f["star_result"] = present[3];
    f["star_parts"] = present[0] + present[1] + present[2] + present[3];
    f["action_share"] = action_share;
    f["score_star"] = r.score;
    return r;
}

}  // namespace sg::checks
