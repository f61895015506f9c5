#include <fmt/format.h>

#include "report/report.hpp"
#include "util/strings.hpp"

namespace sg::report {

std::string csv_field(const std::string& v) {
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string to_csv(const pipeline::Engine& engine, const std::vector<pipeline::Graded>& results) {
    (void)engine;
    static const char* check_cols[] = {"specificity", "star", "metrics", "pitfalls", "coverage"};
    std::vector<std::string> header = {"id", "source", "candidate", "question", "status", "score", "band", "passed"};
    for (const char* c : check_cols) header.push_back(c);
    header.push_back("metrics_count");
    header.push_back("pitfalls_found");
    header.push_back("error");
    std::string out;
    auto row = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i) out += ',';
            out += csv_field(cells[i]);
        }
        out += "\r\n";
    };
    row(header);
    for (const auto& g : results) {
        bool graded = g.status == pipeline::Status::Graded;
        std::vector<std::string> cells = {g.answer.id, g.answer.source, g.answer.candidate, g.question,
                                          pipeline::status_name(g.status),
                                          graded ? fmt::format("{:.1f}", g.score) : "", graded ? g.band : "",
                                          graded ? (g.passed ? "true" : "false") : "false"};
        for (const char* c : check_cols) {
            const auto* r = g.check(c);
            cells.push_back(r && r->applies ? fmt::format("{:.1f}", r->score) : "");
        }
        const auto* m = g.check("metrics");
        cells.push_back(m ? std::to_string(m->details.value("count", 0)) : "");
        std::vector<std::string> ids;
        if (const auto* p = g.check("pitfalls"))
            for (const auto& f : p->details["found"]) ids.push_back(f["id"].get<std::string>());
        cells.push_back(util::join(ids, ";"));
        cells.push_back(g.error);
        row(cells);
    }
    return out;
}

}  // namespace sg::report
