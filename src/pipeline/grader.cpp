#include "pipeline/grader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "text/document.hpp"
#include "util/strings.hpp"

namespace sg::pipeline {

const char* status_name(Status s) {
    switch (s) {
        case Status::Graded: return "graded";
        case Status::Error: return "error";
        case Status::Skipped: return "skipped";
    }
    return "error";
}

const checks::CheckResult* Graded::check(const std::string& name) const {
    for (const auto& c : checks)
        if (c.name == name) return &c;
    return nullptr;
}

Engine::Engine(std::unique_ptr<rubric::Rubric> rubric)
    : rubric_(std::move(rubric)), matcher_(*rubric_), detector_(*rubric_) {}

double Engine::combine(const std::vector<checks::CheckResult>& results) const {
    double num = 0, den = 0, penalty = 0, keep = 1;
    for (const auto& r : results) {
        penalty += r.penalty;
        keep *= checks::kept_share(r.percents, rubric_->scoring.percent_scale);
        if (!r.applies) continue;
        auto it = rubric_->scoring.weights.find(r.name);
        if (it == rubric_->scoring.weights.end()) continue;
        double w = it->second * r.weight_factor;
        num += w * r.score;
        den += w;
    }
    return checks::overall_score(den > 0 ? num / den : 0.0, keep, penalty, rubric_->scoring.penalty_scale);
}

const rubric::Band* Engine::band(double score) const {
    for (const auto& b : rubric_->scoring.bands)
        if (score >= b.min) return &b;
    return rubric_->scoring.bands.empty() ? nullptr : &rubric_->scoring.bands.back();
}

Graded Engine::grade(input::Answer answer, const GradeOptions& options) const {
    Graded g;
    g.answer = std::move(answer);
    if (!g.answer.error.empty()) {
        g.status = Status::Error;
        g.error = g.answer.error;
        return g;
    }
    const rubric::Rubric& r = *rubric_;
    std::string qid = options.force_question.empty() ? g.answer.question : options.force_question;
    const rubric::Question* question = nullptr;
    if (!qid.empty()) {
        question = r.question(qid);
        if (!question) {
            std::vector<std::string> ids;
            for (const auto& q : r.questions) ids.push_back(q.id);
            auto near = util::closest(qid, ids);
            g.status = Status::Error;
            g.error = near ? fmt::format("{}: unknown question '{}' (did you mean '{}'?)", g.answer.source, qid, *near)
                           : fmt::format("{}: unknown question '{}' in rubric {}", g.answer.source, qid, r.id);
            return g;
        }
    }

    text::Document doc(g.answer.text, g.answer.body_begin);
    if (doc.body_words() == 0) {
        // Only punctuation, symbols or emoji: nothing a grader could read.
        g.status = Status::Error;
        g.error = fmt::format("{}: no words to grade (the answer holds only punctuation or symbols)", g.answer.source);
        return g;
    }
    match::MatchList matches = matcher_.scan(doc);
    for (const auto& e : matches.errors) {
        auto at = doc.position(e.offset);
        g.warnings.push_back(fmt::format("{}:{}:{}: {}", g.answer.source, at.line, at.column, e.message));
    }
    if (question) {
        g.question_declared = true;
        g.question_confidence = 1.0;
    } else {
        Detection d = detector_.detect(doc, matches);
        question = d.question;
        g.question_confidence = d.confidence;
    }
    if (question) g.question = question->id;

    checks::Context ctx{r, doc, matches, question, question ? r.kind(question->kind) : nullptr};
    for (const auto& entry : checks::registry()) g.checks.push_back(entry.run(ctx));
    for (const auto& e : matches.errors) {
        auto at = doc.position(e.offset);
        g.checks.back().findings.push_back(checks::Finding{"engine/pattern-error", e.message, at.line, at.column, ""});
    }

    g.words = doc.body_words();
    g.uncapped_score = g.score = combine(g.checks);
    for (const auto& cap : r.scoring.caps) {
        std::vector<const match::Match*> hits;
        if (!checks::kind_listed(cap.kinds, ctx.kind) || !checks::holds(ctx, cap.when, &hits)) continue;
        CapHit hit;
        hit.id = cap.id;
        hit.max = cap.max;
        hit.message = checks::render(ctx, cap.message, hits);
        hit.evidence = checks::evidence_json(ctx, hits);
        g.caps.push_back(std::move(hit));
        g.score = std::min(g.score, cap.max);
    }
    if (const auto* b = band(g.score)) {
        g.band = b->id;
        g.band_label = b->label;
    }
    g.passed = g.score >= pass_mark(options);
    for (const auto& c : r.competencies)
        if (c.cues >= 0 && !ctx.select(c.cues).empty()) g.competencies.push_back(c.id);
    if (question) g.follow_ups = question->follow_ups;
    return g;
}

}  // namespace sg::pipeline
