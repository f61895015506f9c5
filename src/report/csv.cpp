#include <fmt/format.h>

#include <ostream>
#include <sstream>

#include "report/report.hpp"
#include "report/writer.hpp"
#include "util/strings.hpp"

namespace sg::report {

using ordered_json = nlohmann::ordered_json;

std::string csv_field(const std::string& v) {
    // A cell a spreadsheet would read as a formula is prefixed with a quote
    // (OWASP's advice against CSV injection); the JSON keeps the raw value.
    bool formula = !v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' ||
                                  v[0] == '\r');
    std::string cell = formula ? "'" + v : v;
    if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
    std::string out = "\"";
    for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

namespace {

const char* const kCheckColumns[] = {"specificity", "star", "metrics", "pitfalls", "coverage"};

std::string text(const ordered_json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return "";
    if (it->is_string()) return it->get<std::string>();
    return it->dump();
}

std::string one_decimal(const ordered_json& v) { return v.is_number() ? fmt::format("{:.1f}", v.get<double>()) : ""; }

class CsvWriter : public Writer {
public:
    explicit CsvWriter(std::ostream& out) : out_(out) {}

    void begin(const RunInfo&) override {
        std::vector<std::string> header = {"id",     "source", "candidate", "question", "date",
                                           "status", "score",  "band",      "passed"};
        for (const char* c : kCheckColumns) header.push_back(c);
        for (const char* c : {"metrics_count", "pitfalls_found", "capped_by", "error"}) header.push_back(c);
        row(header);
    }
    void add(const pipeline::Graded& g) override { add_json(answer_to_json(g)); }
    bool takes_json() const override { return true; }
    void add_json(const ordered_json& a) override {
        bool graded = text(a, "status") == "graded";
        std::vector<std::string> cells = {text(a, "id"),       text(a, "source"), text(a, "candidate"),
                                          text(a, "question"), text(a, "date"),   text(a, "status"),
                                          graded ? one_decimal(a["score"]) : "", text(a, "band"),
                                          a.value("passed", false) ? "true" : "false"};
        const auto& checks = a.contains("checks") ? a["checks"] : ordered_json::object();
        for (const char* c : kCheckColumns) {
            auto it = checks.find(c);
            cells.push_back(it != checks.end() && it->value("applies", false) ? one_decimal((*it)["score"]) : "");
        }
        auto m = checks.find("metrics");
        cells.push_back(m != checks.end() && m->contains("count") ? (*m)["count"].dump() : "");
        std::vector<std::string> ids;
        auto p = checks.find("pitfalls");
        if (p != checks.end() && p->contains("found"))
            for (const auto& f : (*p)["found"]) ids.push_back(f.value("id", ""));
        cells.push_back(util::join(ids, ";"));
        std::vector<std::string> caps;
        if (auto c = a.find("caps"); c != a.end() && c->is_array())
            for (const auto& x : *c) caps.push_back(x.value("id", ""));
        cells.push_back(util::join(caps, ";"));
        cells.push_back(text(a, "error"));
        row(cells);
    }
    void finish(const Summary&) override { out_.flush(); }

private:
    void row(const std::vector<std::string>& cells) {
        line_.clear();
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i) line_ += ',';
            line_ += csv_field(cells[i]);
        }
        line_ += "\r\n";
        out_ << line_;
    }
    std::ostream& out_;
    std::string line_;
};

}  // namespace

std::unique_ptr<Writer> make_csv_writer(std::ostream& out) { return std::make_unique<CsvWriter>(out); }

std::unique_ptr<Writer> make_csv_writer(const pipeline::Engine&, std::ostream& out) {
    return std::make_unique<CsvWriter>(out);
}

std::string to_csv(const pipeline::Engine& engine, const std::vector<pipeline::Graded>& results) {
    std::ostringstream os;
    auto w = make_csv_writer(engine, os);
    w->begin(RunInfo{});
    for (const auto& g : results) w->add(g);
    w->finish(summarise(results));
    return os.str();
}

}  // namespace sg::report
