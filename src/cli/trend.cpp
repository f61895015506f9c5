// stargrade trend INPUT...: a practice log over time, per candidate and question.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

#include "cli/app.hpp"
#include "cli/exit_codes.hpp"
#include "input/discovery.hpp"
#include "pipeline/runner.hpp"
#include "report/baseline.hpp"
#include "report/report.hpp"
#include "report/trend.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace sg::cli {

namespace {

namespace fs = std::filesystem;
namespace baseline = report::baseline;
using report::TrendPoint;
using report::TrendSeries;

struct TrendArgs {
    std::string rubric;
    std::string candidate;
    std::string question;
    std::string csv;
    std::string format = "text";
    std::string color = "auto";
    unsigned jobs = 0;
    std::vector<std::string> inputs;
};

// As explain: colours on a terminal, unless NO_COLOR is set (https://no-color.org).
bool use_color(const std::string& mode, bool to_stdout) {
    if (mode == "always") return true;
    if (mode == "never" || !to_stdout) return false;
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    return ::isatty(STDOUT_FILENO) == 1;
}

struct Style {
    bool on = false;
    std::string wrap(const std::string& s, const char* code) const {
        return on && !s.empty() ? std::string(code) + s + "\x1b[0m" : s;
    }
    std::string bold(const std::string& s) const { return wrap(s, "\x1b[1m"); }
    std::string dim(const std::string& s) const { return wrap(s, "\x1b[2m"); }
    std::string red(const std::string& s) const { return wrap(s, "\x1b[31m"); }
    std::string green(const std::string& s) const { return wrap(s, "\x1b[32m"); }
    std::string yellow(const std::string& s) const { return wrap(s, "\x1b[33m"); }
};

// A point's identity, to find its record again (STAR letters) and to count it once.
using PointKey = std::tuple<std::string, std::string, std::string, std::string>;
PointKey key_of(const std::string& candidate, const std::string& id, const std::string& source,
                const std::string& date) {
    return {candidate, id, source, date};
}
PointKey key_of(const TrendPoint& p) { return key_of(p.candidate, p.id, p.source, p.date); }

std::string date_cell(const TrendPoint& p) { return p.date.empty() ? "undated" : p.date; }
std::string candidate_name(const std::string& c) { return c.empty() ? "(no candidate)" : c; }

// How one pitfall went over a candidate's answers.
struct PitfallHistory {
    std::string id;
    std::size_t count = 0;  // answers it was found in
    std::size_t last = 0;   // index of the latest answer it was found in
    std::string last_date;
};

struct PitfallSummary {
    std::vector<PitfallHistory> recurring;  // in two answers or more, and not resolved
    std::vector<PitfallHistory> resolved;   // seen earlier, absent in the latest two answers
};

PitfallSummary summarise_pitfalls(const std::vector<TrendPoint>& points) {
    std::map<std::string, PitfallHistory> seen;
    for (std::size_t i = 0; i < points.size(); ++i) {
        std::set<std::string> once(points[i].pitfalls.begin(), points[i].pitfalls.end());
        for (const auto& id : once) {
            auto& h = seen[id];
            h.id = id;
            ++h.count;
            h.last = i;
            h.last_date = date_cell(points[i]);
        }
    }
    PitfallSummary s;
    for (const auto& [id, h] : seen) {
        if (points.size() >= 3 && h.last + 2 < points.size())
            s.resolved.push_back(h);
        else if (h.count >= 2)
            s.recurring.push_back(h);
    }
    auto by_count = [](const PitfallHistory& a, const PitfallHistory& b) {
        return std::tie(b.count, b.last, a.id) < std::tie(a.count, a.last, b.id);
    };
    std::sort(s.recurring.begin(), s.recurring.end(), by_count);
    std::sort(s.resolved.begin(), s.resolved.end(), by_count);
    return s;
}

std::string history_text(const std::vector<PitfallHistory>& list) {
    std::vector<std::string> parts;
    for (const auto& h : list) parts.push_back(fmt::format("{} x{} (last seen {})", h.id, h.count, h.last_date));
    return util::join(parts, ", ");
}

std::string signed_delta(double d) { return fmt::format("{:+.1f}", d); }

// "score 42.0 -> 81.0 (+39.0), STAR 2/4 -> 4/4, metrics 0 -> 3"
std::string first_to_last(const std::vector<TrendPoint>& pts, const Style& st) {
    const auto& a = pts.front();
    const auto& b = pts.back();
    double d = b.score - a.score;
    std::string delta = signed_delta(d);
    delta = d > 0.05 ? st.green(delta) : d < -0.05 ? st.red(delta) : delta;
    return fmt::format("score {:.1f} -> {:.1f} ({}), STAR {}/4 -> {}/4, metrics {} -> {}", a.score, b.score, delta,
                       a.star_parts, b.star_parts, a.metrics, b.metrics);
}

class TextRenderer {
public:
    TextRenderer(std::ostream& os, const Style& st, const std::map<PointKey, baseline::Record>& records)
        : os_(os), st_(st), records_(records) {}

    // One candidate: `all` is every answer, `questions` the per-question series.
    void candidate(const TrendSeries& all, const std::vector<const TrendSeries*>& questions) {
        std::size_t undated = 0;
        std::string first, last;
        for (const auto& p : all.points) {
            if (p.date.empty()) {
                ++undated;
                continue;
            }
            if (first.empty()) first = p.date;
            last = p.date;
        }
        std::string span = first.empty() ? "" : first == last ? ", " + first : fmt::format(", {} to {}", first, last);
        std::string undated_note = undated ? fmt::format(", {} undated", undated) : "";
        std::size_t nq = questions.size();
        os_ << st_.bold(candidate_name(all.candidate))
            << fmt::format(": {} answer{} to {} question{}{}{}\n", all.points.size(),
                           all.points.size() == 1 ? "" : "s", nq, nq == 1 ? "" : "s", span, undated_note);

        for (const auto* q : questions) group(q->question, q->points);
        std::vector<TrendPoint> unknown;
        for (const auto& p : all.points)
            if (p.question.empty()) unknown.push_back(p);
        if (!unknown.empty()) group("(question not recognised)", unknown);

        os_ << "\n";
        if (nq > 1 || !unknown.empty())
            os_ << "  all questions: " << (all.points.size() >= 2 ? first_to_last(all.points, st_) : "one answer")
                << "\n";
        auto pits = summarise_pitfalls(all.points);
        os_ << "  recurring pitfalls: "
            << (pits.recurring.empty() ? std::string("none") : st_.red(history_text(pits.recurring))) << "\n";
        if (!pits.resolved.empty()) os_ << "  resolved: " << st_.green(history_text(pits.resolved)) << "\n";
        if (undated) os_ << st_.dim("  undated answers come first, in source order") << "\n";
    }

private:
    void group(const std::string& title, const std::vector<TrendPoint>& pts) {
        os_ << "\n  " << st_.bold(title) << "\n";
        std::vector<std::vector<std::string>> rows;
        std::vector<std::vector<std::string>> colored;
        rows.push_back({"date", "id", "score", "change", "STAR", "metrics", "pitfalls"});
        colored.push_back({});
        for (std::size_t i = 0; i < pts.size(); ++i) {
            const auto& p = pts[i];
            std::string star = std::to_string(p.star_parts) + "/4";
            auto it = records_.find(key_of(p));
            if (it != records_.end()) star = it->second.star_applies ? it->second.star_letters() : "n/a";
            std::string change = i == 0 ? "" : signed_delta(p.score - pts[i - 1].score);
            rows.push_back({date_cell(p), p.id, fmt::format("{:.1f}", p.score), change, star,
                            std::to_string(p.metrics), p.pitfalls.empty() ? "-" : util::join(p.pitfalls, ", ")});
            double d = i == 0 ? 0 : p.score - pts[i - 1].score;
            colored.push_back({p.date.empty() ? st_.yellow(rows.back()[0]) : "", "", "",
                               d > 0.05 ? st_.green(change) : d < -0.05 ? st_.red(change) : "", "", "",
                               p.pitfalls.empty() ? "" : st_.red(rows.back()[6])});
        }
        static const bool right[] = {false, false, true, true, false, true, false};
        std::vector<std::size_t> w(rows.front().size(), 0);
        for (const auto& r : rows)
            for (std::size_t c = 0; c < r.size(); ++c) w[c] = std::max(w[c], util::utf8_length(r[c]));
        for (std::size_t n = 0; n < rows.size(); ++n) {
            std::string line = "    ";
            for (std::size_t c = 0; c < rows[n].size(); ++c) {
                const std::string& plain = rows[n][c];
                std::string shown = c < colored[n].size() && !colored[n][c].empty() ? colored[n][c] : plain;
                if (n == 0) shown = st_.dim(plain);
                std::string pad(w[c] - util::utf8_length(plain), ' ');
                bool last = c + 1 == rows[n].size();
                line += right[c] ? pad + shown : shown + (last ? "" : pad);
                if (!last) line += "  ";
            }
            while (!line.empty() && line.back() == ' ') line.pop_back();
            os_ << line << "\n";
        }
        if (pts.size() >= 2) os_ << "    first -> last: " << first_to_last(pts, st_) << "\n";
    }

    std::ostream& os_;
    const Style& st_;
    const std::map<PointKey, baseline::Record>& records_;
};

// The letters of the STAR parts present ("STAR", "TAR", "" for none): unlike
// "- T A R", a cell that never starts with '-', which spreadsheets read as a formula.
std::string star_cell(const baseline::Record& r) {
    std::string s;
    for (std::size_t p = 0; p < 4; ++p)
        if (r.star[p]) s += "STAR"[p];
    return s;
}

std::string trend_csv(const std::vector<TrendSeries>& series, const std::map<PointKey, baseline::Record>& records) {
    std::string out;
    // Text cells go through csv_field (quoting, formula guard); numbers are written as they are.
    auto text = [&](const std::string& v) { out += report::csv_field(v) + ','; };
    auto number = [&](const std::string& v) { out += v + ','; };
    auto end_row = [&] {
        out.back() = '\r';
        out += '\n';
    };
    for (const char* h : {"candidate", "question", "date", "id", "source", "score", "delta", "star_parts", "star",
                          "metrics", "pitfalls"})
        number(h);
    end_row();
    for (const auto& s : series)
        for (std::size_t i = 0; i < s.points.size(); ++i) {
            const auto& p = s.points[i];
            auto it = records.find(key_of(p));
            text(p.candidate);
            text(s.question.empty() ? "all" : s.question);
            text(p.date);
            text(p.id);
            text(p.source);
            number(fmt::format("{:.1f}", p.score));
            number(i == 0 ? "" : fmt::format("{:.1f}", p.score - s.points[i - 1].score));
            number(std::to_string(p.star_parts));
            text(it != records.end() ? star_cell(it->second) : "");
            number(std::to_string(p.metrics));
            text(util::join(p.pitfalls, ";"));
            end_row();
        }
    return out;
}

// Names the values that were there, with a suggestion, when a filter matched nothing.
void explain_no_match(const char* option, const std::string& wanted, const std::set<std::string>& present) {
    std::vector<std::string> names;
    for (const auto& p : present)
        if (!p.empty()) names.push_back(p);
    std::string hint;
    if (auto near = util::closest(wanted, names)) hint = fmt::format(" (did you mean '{}'?)", *near);
    std::cerr << fmt::format("stargrade: no graded answer matches {} '{}'{}", option, wanted, hint);
    if (!names.empty()) std::cerr << "; found: " << util::join(names, ", ");
    std::cerr << "\n";
}

int run_trend(const TrendArgs& args) {
    std::vector<std::string> report_paths, answer_inputs;
    for (const auto& in : args.inputs) {
        std::error_code ec;
        bool folder = fs::is_directory(in, ec);
        if (!folder && util::ends_with(util::to_lower_ascii(in), ".json"))
            report_paths.push_back(in);
        else
            answer_inputs.push_back(in);
    }

    std::vector<baseline::Record> records;
    bool input_error = false, invalid_report = false, any_input = false;
    for (const auto& path : report_paths) {
        baseline::Report r;
        std::string error;
        auto status = baseline::read_report(path, r, error);
        if (status != baseline::ReadStatus::Ok) {
            std::cerr << "stargrade: " << error << "\n";
            input_error = true;
            invalid_report |= status == baseline::ReadStatus::Invalid;
            continue;
        }
        any_input = true;
        for (auto& a : r.answers) records.push_back(std::move(a));
    }

    if (!answer_inputs.empty()) {
        int code = kExitOk;
        auto engine = load_engine(args.rubric, "", "no trend shown", code);
        if (!engine) return code;
        auto sources = input::discover(answer_inputs);
        for (const auto& s : sources) any_input |= s.error.empty();
        pipeline::RunOptions ro;
        ro.jobs = args.jobs == 0 ? std::max(1u, std::thread::hardware_concurrency()) : args.jobs;
        for (const auto& g : pipeline::grade_all(*engine, sources, ro)) {
            if (g.status == pipeline::Status::Error) {
                std::cerr << "stargrade: " << g.error << "\n";
                input_error = true;
            }
            records.push_back(baseline::record_of(g));
        }
    }
    if (!any_input) {
        std::cerr << "stargrade: no input found (answers are *.md and *.txt files or folders of them; "
                     "reports are *.json files from 'grade --json')\n";
        return invalid_report ? kExitInputError : kExitNoInput;
    }

    // Graded answers of the wanted candidate and question, each once, with a usable date.
    std::set<std::string> candidates, questions;
    std::map<PointKey, baseline::Record> by_key;
    std::vector<TrendPoint> points;
    for (auto& r : records) {
        if (!r.graded()) continue;
        candidates.insert(r.candidate);
        questions.insert(r.question);
        if (!args.candidate.empty() && r.candidate != args.candidate) continue;
        if (!args.question.empty() && r.question != args.question) continue;
        long long seconds = 0;
        int nanos = 0;
        if (!r.date.empty() && !baseline::parse_date(r.date, seconds, nanos)) {
            std::cerr << fmt::format(
                "stargrade: warning: {} ({}): date '{}' is not YYYY-MM-DD or ISO 8601; treated as undated\n", r.id,
                r.source, r.date);
            r.date.clear();
        }
        auto key = key_of(r.candidate, r.id, r.source, r.date);
        if (by_key.count(key)) {
            std::cerr << fmt::format("stargrade: warning: {} ({}) is given more than once; counted once\n", r.id,
                                     r.source);
            continue;
        }
        TrendPoint p;
        if (!baseline::to_trend_point(r, p)) continue;
        points.push_back(std::move(p));
        by_key.emplace(key, r);
    }
    if (points.empty()) {
        if (!args.candidate.empty() && !candidates.count(args.candidate))
            explain_no_match("--candidate", args.candidate, candidates);
        else if (!args.question.empty() && !questions.count(args.question))
            explain_no_match("--question", args.question, questions);
        else
            std::cerr << "stargrade: no graded answer to show\n";
        return input_error ? kExitInputError : kExitNoInput;
    }

    auto series = report::build_trends(std::move(points));

    bool write_failed = false;
    bool csv_to_stdout = args.format == "csv" || args.csv == "-";
    if (!args.csv.empty() && args.csv != "-") {
        std::string error;
        if (!util::write_file_atomic(args.csv, trend_csv(series, by_key), error)) {
            std::cerr << fmt::format("stargrade: cannot write {}: {}\n", args.csv, error);
            write_failed = true;
        }
    }
    if (csv_to_stdout) std::cout << trend_csv(series, by_key) << std::flush;
    if (args.format == "text") {
        // With the CSV on standard output, the table goes to standard error.
        std::ostream& os = csv_to_stdout ? std::cerr : std::cout;
        Style st{use_color(args.color, !csv_to_stdout)};
        TextRenderer render(os, st, by_key);
        for (std::size_t i = 0; i < series.size();) {
            std::size_t j = i + 1;
            std::vector<const TrendSeries*> per_question;
            for (; j < series.size() && !series[j].question.empty(); ++j) per_question.push_back(&series[j]);
            if (i) os << "\n";
            render.candidate(series[i], per_question);
            i = j;
        }
        os << std::flush;
    }
    if (write_failed) return kExitWrite;
    return input_error ? kExitInputError : kExitOk;
}

}  // namespace

void add_trend(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<TrendArgs>();
    auto* cmd = app.add_subcommand("trend", "Show a practice log over time: scores, STAR, metrics and pitfalls by date");
    cmd->add_option("--rubric", args->rubric, "Rubric for answer files (default: the TPM rubric that ships with stargrade)");
    cmd->add_option("--candidate", args->candidate, "Only this candidate's answers");
    cmd->add_option("--question", args->question, "Only answers to this question id");
    cmd->add_option("--csv", args->csv, "Also write one CSV row per answer and series to FILE ('-' for standard output)");
    cmd->add_option("--format", args->format, "Standard output: text (a table per candidate) or csv")
        ->check(CLI::IsMember({"text", "csv"}));
    cmd->add_option("--color", args->color, "Colours: auto (on a terminal, unless NO_COLOR is set), always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    cmd->add_option("--jobs,-j", args->jobs, "Worker threads for answer files (default: one per core)")
        ->check(CLI::Range(0u, 256u));
    cmd->add_option("INPUT", args->inputs,
                    "JSON reports (*.json, from 'grade --json') and answer files or folders, graded now")
        ->required();
    cmd->footer(
        "Answers are grouped by candidate, then by question, and ordered by the 'date:'\n"
        "of their front matter (YYYY-MM-DD or ISO 8601). See docs/diff-and-trend.md.\n"
        "\nExamples:\n"
        "  stargrade trend practice/\n"
        "  stargrade trend --candidate priya-raman --question complex-program practice/\n"
        "  stargrade trend --csv trend.csv march.json april.json\n"
        "  stargrade trend --format csv practice/ > trend.csv\n"
        "\nExit status: 0 done, 2 some input could not be read or graded (the rest is shown),\n"
        "64 usage error, 65 invalid rubric, 66 no input found or no answer matches,\n"
        "74 the CSV could not be written.");
    cmd->callback([args, &exit_code] { exit_code = run_trend(*args); });
}

}  // namespace sg::cli
