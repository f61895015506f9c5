// Markdown: a summary fit for a CI job summary ($GITHUB_STEP_SUMMARY) or a
// pull-request comment. Headline counts and pass rate, the failing answers with
// their top findings, bands, per-question averages, then every answer in a
// table sorted by score, lowest (and errors) first.
//
// A page format: it keeps one small row per answer (no answer text) and writes
// everything in finish(). It reads answers as JSON report objects, so it also
// summarises answers merged from JSON reports.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "report/writers.hpp"

namespace sg::report {

namespace {

using ordered_json = nlohmann::ordered_json;

// Text for a Markdown table cell or list item: one line, and every character
// Markdown (GitHub flavour) could read as syntax escaped with a backslash:
// emphasis, code, links and images, HTML, tables, strikethrough, math,
// entities. Line ends and tabs become spaces.
std::string md(std::string_view raw) {
    std::string s = clean_text(raw), out;
    out.reserve(s.size() + 8);
    for (char c : s) {
        switch (c) {
            case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
            case '|': case '~': case '&': case '$': case '#': case '!':
                out += '\\';
                out += c;
                break;
            case '\n': case '\r': case '\t': out += ' '; break;
            default: out += c;
        }
    }
    // Collapse what the line ends left and trim, so a cell stays one short line.
    std::string tidy;
    for (char c : out) {
        if (c == ' ' && (tidy.empty() || tidy.back() == ' ')) continue;
        tidy += c;
    }
    while (!tidy.empty() && tidy.back() == ' ') tidy.pop_back();
    return tidy;
}

std::string str(const ordered_json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
double num(const ordered_json& j, const char* key, double fallback = 0) {
    auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<double>() : fallback;
}

std::string percent(std::size_t part, std::size_t whole) {
    return whole == 0 ? std::string("n/a") : fmt::format("{:.1f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

struct Row {
    std::size_t order = 0;  // input order
    std::string id, candidate, question, status, band, error;
    double score = 0;
    bool graded = false, passed = false;
    std::vector<std::string> pitfalls;  // ids, heaviest penalty first
    std::vector<std::string> findings;  // most telling first, already Markdown
};

constexpr std::size_t kTopPitfalls = 3;
constexpr std::size_t kTopFindings = 3;

// The findings of an answer, most telling first: pitfalls by penalty, then
// findings at a place in the text, then those without one.
std::vector<std::string> top_findings(const ordered_json& answer, const std::map<std::string, double>& penalty) {
    struct Ranked {
        int tier;
        double weight;
        std::size_t seq;
        std::string text;
    };
    std::vector<Ranked> all;
    auto checks = answer.find("checks");
    if (checks == answer.end() || !checks->is_object()) return {};
    for (const auto& [name, check] : checks->items()) {
        (void)name;
        auto fs = check.find("findings");
        if (fs == check.end() || !fs->is_array()) continue;
        for (const auto& f : *fs) {
            std::string rule = str(f, "rule");
            int line = static_cast<int>(num(f, "line")), column = static_cast<int>(num(f, "column"));
            std::string where = line > 0 ? fmt::format(" ({}:{})", line, column) : std::string();
            Ranked r{2, 0, all.size(), fmt::format("{}{}: {}", md(rule), where, md(str(f, "message")))};
            if (rule.rfind("pitfall/", 0) == 0) {
                auto it = penalty.find(rule.substr(8));
                r.tier = 0;
                r.weight = it != penalty.end() ? it->second : 0;
            } else if (line > 0) {
                r.tier = 1;
            }
            all.push_back(std::move(r));
        }
    }
    std::stable_sort(all.begin(), all.end(), [](const Ranked& a, const Ranked& b) {
        if (a.tier != b.tier) return a.tier < b.tier;
        if (a.weight != b.weight) return a.weight > b.weight;
        return a.seq < b.seq;
    });
    std::vector<std::string> out;
    for (auto& r : all) out.push_back(std::move(r.text));
    return out;
}

class MarkdownWriter : public Writer {
public:
    MarkdownWriter(const pipeline::Engine& engine, std::ostream& out) : engine_(engine), out_(out) {}

    void begin(const RunInfo& info) override { info_ = info; }
    void add(const pipeline::Graded& g) override { add_json(answer_to_json(g)); }
    bool takes_json() const override { return true; }

    void add_json(const ordered_json& a) override {
        Row r;
        r.order = rows_.size();
        r.id = str(a, "id");
        r.candidate = str(a, "candidate");
        r.question = str(a, "question");
        r.status = str(a, "status");
        r.error = str(a, "error");
        r.graded = r.status == "graded";
        if (r.graded) {
            r.score = num(a, "score");
            r.band = str(a, "band");
            auto p = a.find("passed");
            r.passed = p != a.end() && p->is_boolean() && p->get<bool>();
        }
        std::map<std::string, double> penalty;
        std::vector<std::pair<double, std::string>> pits;
        if (auto checks = a.find("checks"); checks != a.end() && checks->contains("pitfalls")) {
            const auto& found = (*checks)["pitfalls"].find("found");
            if (found != (*checks)["pitfalls"].end() && found->is_array())
                for (const auto& f : *found) {
                    pits.emplace_back(num(f, "penalty"), str(f, "id"));
                    penalty[str(f, "id")] = num(f, "penalty");
                }
        }
        std::stable_sort(pits.begin(), pits.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
        for (auto& [w, id] : pits) r.pitfalls.push_back(std::move(id));
        if (r.graded && !r.passed) r.findings = top_findings(a, penalty);
        rows_.push_back(std::move(r));
    }

    void finish(const Summary& s) override {
        const auto& rubric = engine_.rubric();
        std::string o;
        o += "## stargrade report\n\n";
        o += fmt::format("Rubric **{}** {}", md(rubric.id), md(rubric.version));
        if (!rubric.title.empty()) o += " (" + md(rubric.title) + ")";
        o += fmt::format(" · pass mark **{:g}**", info_.pass_mark);
        if (!info_.shard.empty()) o += " · shard " + md(info_.shard);
        if (!info_.generated_at.empty()) o += " · " + md(info_.generated_at);
        o += "\n\n";

        o += fmt::format("**{}**: {} graded", plural(s.answers, "answer", "answers"), s.graded);
        if (s.errors) o += fmt::format(", **{}**", plural(s.errors, "error", "errors"));
        if (s.skipped) o += fmt::format(", {} skipped", s.skipped);
        o += fmt::format(" · **{} passed**, {} failed · pass rate **{}**", s.passed, s.failed,
                         percent(s.passed, s.graded));
        if (s.graded) o += " of graded answers";
        o += "\n\n";

        // Sorted by score, lowest first: errors, then failing answers, then the rest.
        std::vector<const Row*> sorted;
        for (const auto& r : rows_) sorted.push_back(&r);
        std::stable_sort(sorted.begin(), sorted.end(), [](const Row* a, const Row* b) {
            if (a->graded != b->graded) return !a->graded;
            if (a->graded && a->score != b->score) return a->score < b->score;
            return a->order < b->order;
        });

        bool any_attention = std::any_of(sorted.begin(), sorted.end(), [](const Row* r) {
            return r->status == "error" || (r->graded && !r->passed);
        });
        if (any_attention) {
            o += "### Needs attention\n\n";
            for (const Row* r : sorted) {
                if (r->status == "error") {
                    o += fmt::format("- **{}**: error: {}\n", md(r->id), md(r->error));
                } else if (r->graded && !r->passed) {
                    o += fmt::format("- **{}** ({}{}): **{:.1f}**, {}\n", md(r->id), who(*r),
                                     r->question.empty() ? ", question not detected" : ", " + md(r->question), r->score,
                                     md(band_name(r->band)));
                    for (std::size_t i = 0; i < r->findings.size() && i < kTopFindings; ++i)
                        o += "  - " + r->findings[i] + "\n";
                }
            }
            o += "\n";
        }

        bands(o);
        questions(o);

        o += "### Answers\n\n";
        if (rows_.empty()) {
            o += "No answers.\n";
        } else {
            o += "| Id | Candidate | Question | Score | Band | Pass | Top pitfalls |\n";
            o += "|---|---|---|---:|---|:---:|---|\n";
            for (const Row* r : sorted) {
                std::vector<std::string> pits;
                for (std::size_t i = 0; i < r->pitfalls.size() && i < kTopPitfalls; ++i) pits.push_back(md(r->pitfalls[i]));
                std::string more = r->pitfalls.size() > kTopPitfalls
                                       ? fmt::format(" +{}", r->pitfalls.size() - kTopPitfalls)
                                       : std::string();
                if (r->graded) {
                    o += fmt::format("| {} | {} | {} | {:.1f} | {} | {} | {}{} |\n", md(r->id), cell(r->candidate),
                                     cell(r->question), r->score, md(band_name(r->band)), r->passed ? "✅ pass" : "❌ **fail**",
                                     fmt::join(pits, ", "), more);
                } else {
                    o += fmt::format("| {} | {} | {} | | {} | ⚠️ **{}** | |\n", md(r->id), cell(r->candidate),
                                     cell(r->question), md(r->status), md(r->status));
                }
            }
        }
        out_ << o;
        out_.flush();
    }

private:
    static std::string cell(const std::string& s) { return s.empty() ? "–" : md(s); }
    static std::string who(const Row& r) { return r.candidate.empty() ? "no candidate" : md(r.candidate); }

    std::string band_name(const std::string& id) const {
        for (const auto& b : engine_.rubric().scoring.bands)
            if (b.id == id) return b.label.empty() ? b.id : b.label;
        return id.empty() ? "–" : id;
    }

    void bands(std::string& o) const {
        std::size_t graded = 0;
        std::map<std::string, std::size_t> count;
        for (const auto& r : rows_)
            if (r.graded) {
                ++graded;
                ++count[r.band];
            }
        if (graded == 0) return;
        o += "### Bands\n\n| Band | From | Answers | Share |\n|---|---:|---:|---:|\n";
        std::size_t listed = 0;
        for (const auto& b : engine_.rubric().scoring.bands) {
            auto it = count.find(b.id);
            std::size_t n = it == count.end() ? 0 : it->second;
            listed += n;
            o += fmt::format("| {} | {:g} | {} | {} |\n", md(b.label.empty() ? b.id : b.label), b.min, n,
                             percent(n, graded));
        }
        if (listed < graded)  // answers of a merged report with bands this rubric lacks
            o += fmt::format("| other | | {} | {} |\n", graded - listed, percent(graded - listed, graded));
        o += "\n";
    }

    void questions(std::string& o) const {
        struct Stat {
            std::size_t n = 0, passed = 0;
            double sum = 0;
        };
        std::map<std::string, Stat> stat;
        for (const auto& r : rows_)
            if (r.graded) {
                auto& st = stat[r.question];
                ++st.n;
                st.passed += r.passed;
                st.sum += r.score;
            }
        if (stat.empty()) return;
        o += "### Questions\n\n| Question | Answers | Average | Passed |\n|---|---:|---:|---:|\n";
        auto line = [&](const std::string& label, const Stat& st) {
            o += fmt::format("| {} | {} | {:.1f} | {} |\n", label, st.n, st.sum / static_cast<double>(st.n),
                             fmt::format("{} ({})", st.passed, percent(st.passed, st.n)));
        };
        // In the rubric's order, then any the rubric lacks, then undetected.
        for (const auto& q : engine_.rubric().questions)
            if (auto it = stat.find(q.id); it != stat.end()) line(md(q.id), it->second);
        for (const auto& [id, st] : stat)
            if (!id.empty() && !engine_.rubric().question(id)) line(md(id), st);
        if (auto it = stat.find(""); it != stat.end()) line("*not detected*", it->second);
        o += "\n";
    }

    const pipeline::Engine& engine_;
    std::ostream& out_;
    RunInfo info_;
    std::vector<Row> rows_;
};

}  // namespace

std::unique_ptr<Writer> make_markdown_writer(const pipeline::Engine& engine, std::ostream& out) {
    return std::make_unique<MarkdownWriter>(engine, out);
}

}  // namespace sg::report
