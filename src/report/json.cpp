#include <nlohmann/json.hpp>

#include <cmath>

#include <ostream>
#include <sstream>
#include <utility>

#include "report/report.hpp"
#include "report/writer.hpp"

namespace sg::report {

using json = nlohmann::ordered_json;
using ordered_json = nlohmann::ordered_json;

void tally(Summary& s, const std::string& status, bool passed) {
    ++s.answers;
    if (status == "graded") {
        ++s.graded;
        (passed ? s.passed : s.failed)++;
    } else if (status == "error") {
        ++s.errors;
    } else {
        ++s.skipped;
    }
}

void tally(Summary& s, const pipeline::Graded& g) { tally(s, pipeline::status_name(g.status), g.passed); }

Summary summarise(const std::vector<pipeline::Graded>& results) {
    Summary s;
    for (const auto& g : results) tally(s, g);
    return s;
}

static json findings_json(const std::vector<checks::Finding>& fs) {
    json a = json::array();
    for (const auto& f : fs) {
        json o = {{"rule", f.rule}, {"message", f.message}};
        o["line"] = f.line > 0 ? json(f.line) : json(nullptr);
        o["column"] = f.column > 0 ? json(f.column) : json(nullptr);
        o["excerpt"] = f.excerpt.empty() ? json(nullptr) : json(f.excerpt);
        a.push_back(std::move(o));
    }
    return a;
}

static ordered_json answer_json(const pipeline::Graded& g) {
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
    a["uncapped_score"] = graded ? json(g.uncapped_score) : json(nullptr);
    json caps = json::array();
    for (const auto& c : g.caps)
        caps.push_back({{"id", c.id}, {"max", c.max}, {"message", c.message}, {"evidence", c.evidence}});
    a["caps"] = std::move(caps);
    a["words"] = graded ? json(g.words) : json(nullptr);
    json checks = json::object();
    for (const auto& c : g.checks) {
        json o;
        o["applies"] = c.applies;
        o["score"] = c.applies ? json(std::round(c.score * 10.0) / 10.0) : json(nullptr);
        for (auto it = c.details.begin(); it != c.details.end(); ++it) o[it.key()] = it.value();
        o["findings"] = findings_json(c.findings);
        checks[c.name] = std::move(o);
    }
    a["checks"] = graded ? std::move(checks) : json::object();
    a["competencies"] = g.competencies;
    a["follow_ups"] = g.follow_ups;
    json meta = json::object();
    for (const auto& [k, v] : g.answer.metadata) meta[k] = v;
    a["metadata"] = std::move(meta);
    a["input"] = {{"file", g.answer.file}, {"index", g.answer.index}};
    return a;
}

ordered_json answer_to_json(const pipeline::Graded& g) { return answer_json(g); }

namespace {

// Indents every line but the first of a dumped value, to nest it in the report.
void write_nested(std::ostream& out, const std::string& dumped, const char* indent) {
    std::size_t start = 0;
    for (;;) {
        auto nl = dumped.find('\n', start);
        out.write(dumped.data() + start, static_cast<std::streamsize>((nl == std::string::npos ? dumped.size() : nl) - start));
        if (nl == std::string::npos) break;
        out << '\n' << indent;
        start = nl + 1;
    }
}

std::string dump(const ordered_json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace); }

class JsonWriter : public Writer {
public:
    explicit JsonWriter(std::ostream& out) : out_(out) {}

    void begin(const RunInfo& info) override {
        out_ << "{\n  \"tool\": ";
        write_nested(out_, dump({{"name", "stargrade"}, {"version", info.tool_version}}), "  ");
        out_ << ",\n  \"rubric\": ";
        write_nested(out_, dump({{"id", info.rubric_id}, {"version", info.rubric_version}, {"path", info.rubric_path}}), "  ");
        out_ << ",\n  \"generated_at\": " << dump(info.generated_at);
        out_ << ",\n  \"pass_mark\": " << dump(info.pass_mark);
        if (!info.shard.empty()) out_ << ",\n  \"shard\": " << dump(info.shard);
        out_ << ",\n  \"answers\": [";
    }
    void add(const pipeline::Graded& g) override { add_json(answer_json(g)); }
    bool takes_json() const override { return true; }
    void add_json(const ordered_json& answer) override {
        out_ << (first_ ? "\n    " : ",\n    ");
        first_ = false;
        write_nested(out_, dump(answer), "    ");
    }
    void finish(const Summary& s) override {
        out_ << (first_ ? "]" : "\n  ]") << ",\n  \"summary\": ";
        write_nested(out_, dump(summary_json(s)), "  ");
        out_ << "\n}\n";
    }

private:
    std::ostream& out_;
    bool first_ = true;
};

}  // namespace

ordered_json summary_json(const Summary& s) {
    return {{"answers", s.answers}, {"graded", s.graded}, {"errors", s.errors},
            {"skipped", s.skipped}, {"passed", s.passed}, {"failed", s.failed}};
}

std::unique_ptr<Writer> make_json_writer(std::ostream& out) { return std::make_unique<JsonWriter>(out); }

std::unique_ptr<Writer> make_json_writer(const pipeline::Engine&, std::ostream& out) {
    return std::make_unique<JsonWriter>(out);
}

std::string to_json(const pipeline::Engine& engine, const RunInfo& info, const std::vector<pipeline::Graded>& results) {
    std::ostringstream os;
    auto w = make_json_writer(engine, os);
    RunInfo full = info;
    full.rubric_id = engine.rubric().id;
    full.rubric_version = engine.rubric().version;
    w->begin(full);
    for (const auto& g : results) w->add(g);
    w->finish(summarise(results));
    return os.str();
}

}  // namespace sg::report
