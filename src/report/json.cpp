#include <nlohmann/json.hpp>

#include <cmath>

#include "report/report.hpp"

namespace sg::report {

using json = nlohmann::ordered_json;

Summary summarise(const std::vector<pipeline::Graded>& results) {
    Summary s;
    s.answers = results.size();
    for (const auto& g : results) {
        if (g.status == pipeline::Status::Graded) {
            ++s.graded;
            (g.passed ? s.passed : s.failed)++;
        } else if (g.status == pipeline::Status::Error) {
            ++s.errors;
        } else {
            ++s.skipped;
        }
    }
    return s;
}

static json findings_json(const std::vector<checks::Finding>& fs) {
    json a = json::array();
    for (const auto& f : fs) {
        json o = {{"rule", f.rule}, {"message", f.message}};
        o["line"] = f.line > 0 ? json(f.line) : json(nullptr);
        o["column"] = f.column > 0 ? json(f.column) : json(nullptr);
        o["excerpt"] = f.excerpt.empty() ? json(nullptr) : json(f.excerpt);
        a.push_back(o);
    }
    return a;
}

static json answer_json(const pipeline::Graded& g) {
    json a;
    a["id"] = g.answer.id;
    a["source"] = g.answer.source;
    a["status"] = pipeline::status_name(g.status);
    a["error"] = g.error.empty() ? json(nullptr) : json(g.error);
    a["candidate"] = g.answer.candidate.empty() ? json(nullptr) : json(g.answer.candidate);
    a["date"] = g.answer.date.empty() ? json(nullptr) : json(g.answer.date);
    bool graded = g.status == pipeline::Status::Graded;
    a["question"] = g.question.empty() ? json(nullptr) : json(g.question);
    a["question_confidence"] = graded ? json(g.question_confidence) : json(nullptr);
    a["question_declared"] = g.question_declared;
    a["score"] = graded ? json(g.score) : json(nullptr);
    a["band"] = graded ? json(g.band) : json(nullptr);
    a["passed"] = graded ? json(g.passed) : json(false);
    a["words"] = graded ? json(g.words) : json(nullptr);
    json checks = json::object();
    for (const auto& c : g.checks) {
        json o;
        o["applies"] = c.applies;
        o["score"] = c.applies ? json(std::round(c.score * 10.0) / 10.0) : json(nullptr);
        for (auto it = c.details.begin(); it != c.details.end(); ++it) o[it.key()] = it.value();
        o["findings"] = findings_json(c.findings);
        checks[c.name] = o;
    }
    a["checks"] = graded ? checks : json::object();
    a["competencies"] = g.competencies;
    a["follow_ups"] = g.follow_ups;
    json meta = json::object();
    for (const auto& [k, v] : g.answer.metadata) meta[k] = v;
    a["metadata"] = meta;
    return a;
}

std::string to_json(const pipeline::Engine& engine, const RunInfo& info, const std::vector<pipeline::Graded>& results) {
    const auto& r = engine.rubric();
    json root;
    root["tool"] = {{"name", "stargrade"}, {"version", info.tool_version}};
    root["rubric"] = {{"id", r.id}, {"version", r.version}, {"path", info.rubric_path}};
    root["generated_at"] = info.generated_at;
    root["pass_mark"] = info.pass_mark;
    Summary s = summarise(results);
    root["summary"] = {{"answers", s.answers}, {"graded", s.graded},   {"errors", s.errors},
                       {"skipped", s.skipped}, {"passed", s.passed}, {"failed", s.failed}};
    json answers = json::array();
    for (const auto& g : results) answers.push_back(answer_json(g));
    root["answers"] = answers;
    // Invalid UTF-8 (a file name in another encoding) becomes U+FFFD rather than an abort.
    return root.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace sg::report
