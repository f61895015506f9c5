// stargrade grade: grade answers and write the reports, streaming.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <ctime>
#include <iostream>
#include <optional>
#include <thread>

#include <unistd.h>

#include "cli/app.hpp"
#include "cli/exit_codes.hpp"
#include "cli/inputs.hpp"
#include "input/discovery.hpp"
#include "pipeline/runner.hpp"
#include "report/writer.hpp"
#include "report/writers.hpp"
#include "report/baseline.hpp"
#include "util/output.hpp"

namespace sg::cli {

namespace {

struct GradeArgs {
    std::string rubric;
    std::vector<std::pair<std::string, std::string>> reports;  // format, path (in flag order)
    std::string format = "text";                                // what goes to standard output
    std::optional<double> fail_under;
    std::string question;
    unsigned jobs = 0;
    bool quiet = false;
    std::string shard;
    std::string baseline;
    double tolerance = 5;
    std::optional<bool> progress;  // unset: on when standard error is a terminal
    InputArgs in;
};

std::string now_iso() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// One line per answer as it is graded, then the totals.
class TextSummary {
public:
    explicit TextSummary(std::ostream& os) : os_(os) {}
    void add(const pipeline::Graded& g) {
        if (g.status != pipeline::Status::Graded) {
            os_ << fmt::format("  {:<28}  error: {}\n", g.answer.id, g.error);
            return;
        }
        std::vector<std::string> pits;
        if (const auto* p = g.check("pitfalls"))
            for (const auto& f : p->details["found"]) pits.push_back(f["id"].get<std::string>());
        for (const auto& c : g.caps) pits.push_back(fmt::format("capped at {:g}: {}", c.max, c.id));
        os_ << fmt::format("  {:<28}  {:<22}  {:>5.1f}  {:<15} {}{}\n", g.answer.id,
                           g.question.empty() ? "?" : g.question, g.score, g.band, g.passed ? "pass" : "FAIL",
                           pits.empty() ? "" : "  (" + fmt::format("{}", fmt::join(pits, ", ")) + ")");
    }

private:
    std::ostream& os_;
};

// A line on standard error, redrawn at most ten times a second, saying how far
// the run is: answers done, errors, rate and, once a second walk over the
// inputs has counted the files, the files done of all and the time left.
// Shown after the run has taken a second (at once when forced); cleared
// before other output goes to the same terminal and when the run ends.
class Progress {
public:
    Progress(bool on, bool forced) : on_(on), forced_(forced), start_(Clock::now()), last_(start_) {}
    ~Progress() { stop_counting(); }

    // Counts the files the run will read, on a thread of its own.
    void count(const InputArgs& in, unsigned shard_k, unsigned shard_n) {
        if (!on_) return;
        counter_ = std::thread([this, &in, shard_k, shard_n] {
            input::Walker walker(in.inputs, discovery_options(in));
            input::Source s;
            std::size_t n = 0;
            while (!stop_.load(std::memory_order_relaxed) && walker.next(s))
                if (input::in_shard(s.path, shard_k, shard_n)) total_.store(++n, std::memory_order_relaxed);
            counted_.store(true, std::memory_order_release);
        });
    }

    void update(std::size_t done, std::size_t errors, const std::string& file) {
        if (!on_) return;
        if (file != last_file_) {
            last_file_ = file;
            ++files_;
        }
        auto now = Clock::now();
        if (!forced_ && now - start_ < std::chrono::seconds(1)) return;
        if (now - last_ < std::chrono::milliseconds(100) && shown_) return;
        last_ = now;
        double secs = std::chrono::duration<double>(now - start_).count();
        std::string line = fmt::format("grading: {} answer{} done", done, done == 1 ? "" : "s");
        if (errors) line += fmt::format(", {} error{}", errors, errors == 1 ? "" : "s");
        if (secs >= 1) line += fmt::format(", {:.0f}/s", done / secs);
        if (counted_.load(std::memory_order_acquire)) {
            std::size_t total = total_.load(std::memory_order_relaxed);
            if (total >= files_ && total > 0) {
                double left = secs * static_cast<double>(total - files_) / static_cast<double>(files_);
                line += fmt::format(", file {} of {}, {} left", files_, total, format_duration(left));
            }
        }
        std::cerr << "\r\x1b[K" << line << std::flush;
        shown_ = true;
    }

    void clear() {
        if (!shown_) return;
        std::cerr << "\r\x1b[K" << std::flush;
        shown_ = false;
    }

    void stop_counting() {
        stop_.store(true);
        if (counter_.joinable()) counter_.join();
    }

private:
    using Clock = std::chrono::steady_clock;
    static std::string format_duration(double secs) {
        auto s = static_cast<long long>(secs + 0.5);
        if (s < 60) return fmt::format("{}s", s);
        if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
        return fmt::format("{}h{:02}m", s / 3600, s / 60 % 60);
    }
    bool on_, forced_;
    bool shown_ = false;
    Clock::time_point start_, last_;
    std::string last_file_;
    std::size_t files_ = 0;
    std::thread counter_;
    std::atomic<bool> stop_{false}, counted_{false};
    std::atomic<std::size_t> total_{0};
};

struct Factory {
    const char* name;
    const char* label;  // for --help
    std::unique_ptr<report::Writer> (*make)(const pipeline::Engine&, std::ostream&);
};

const Factory kFormats[] = {
    {"json", "JSON", report::make_json_writer},
    {"csv", "CSV", report::make_csv_writer},
    {"html", "self-contained HTML", report::make_html_writer},
    {"markdown", "Markdown summary", report::make_markdown_writer},
    {"junit", "JUnit XML", report::make_junit_writer},
    {"jsonl", "JSON Lines", report::make_jsonl_writer},
};

const Factory* factory(const std::string& name) {
    for (const auto& f : kFormats)
        if (name == f.name) return &f;
    return nullptr;
}

bool parse_shard(const std::string& s, unsigned& k, unsigned& n) {
    auto slash = s.find('/');
    if (slash == std::string::npos) return false;
    try {
        std::size_t used = 0;
        unsigned long kk = std::stoul(s.substr(0, slash), &used);
        if (used != slash) return false;
        unsigned long nn = std::stoul(s.substr(slash + 1), &used);
        if (used != s.size() - slash - 1) return false;
        if (nn < 1 || nn > 100000 || kk < 1 || kk > nn) return false;
        k = static_cast<unsigned>(kk);
        n = static_cast<unsigned>(nn);
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

int run_grade(GradeArgs& args) {
    // Usage checks before any work.
    std::vector<std::string> seen_paths;
    for (const auto& [fmt_name, path] : args.reports) {
        for (const auto& p : seen_paths)
            if (p == path) {
                std::cerr << fmt::format("stargrade: two reports would be written to {}; give them different files\n",
                                         path);
                return kExitUsage;
            }
        seen_paths.push_back(path);
    }
    if (args.format != "text") {
        if (!factory(args.format)) {
            std::cerr << fmt::format("stargrade: --format {} is not available\n", args.format);
            return kExitUsage;
        }
        for (const auto& p : seen_paths)
            if (p == "-") {
                std::cerr << "stargrade: --format and a report to '-' both write to standard output\n";
                return kExitUsage;
            }
        args.reports.emplace_back(args.format, "-");
    }
    unsigned shard_k = 1, shard_n = 1;
    if (!args.shard.empty() && !parse_shard(args.shard, shard_k, shard_n)) {
        std::cerr << fmt::format("stargrade: --shard {}: expected K/N with 1 <= K <= N (for example 2/8)\n",
                                 args.shard);
        return kExitUsage;
    }
    // The baseline is read before any work, so that a bad one stops the run early.
    std::optional<report::baseline::Report> baseline;
    if (!args.baseline.empty()) {
        baseline.emplace();
        std::string error;
        auto status = report::baseline::read_report(args.baseline, *baseline, error);
        if (status != report::baseline::ReadStatus::Ok) {
            std::cerr << "stargrade: --baseline " << error << "; no report written\n";
            return status == report::baseline::ReadStatus::Missing ? kExitNoInput : kExitInputError;
        }
    }
    int exit_code = kExitOk;
    auto engine_ptr = load_engine(args.rubric, args.question, "no report written", exit_code);
    if (!engine_ptr) return exit_code;
    const pipeline::Engine& engine = *engine_ptr;

    pipeline::RunOptions ro;
    if (!make_read_options(args.in, engine, ro.read)) return kExitUsage;
    ro.grade.force_question = args.question;
    ro.grade.pass_mark = args.fail_under;
    ro.jobs = args.jobs == 0 ? std::max(1u, std::thread::hardware_concurrency()) : args.jobs;
    ro.shard_k = shard_k;
    ro.shard_n = shard_n;

    // Look at the first source before opening any report: with no input at all
    // nothing is written.
    input::Walker walker(args.in.inputs, discovery_options(args.in));
    std::vector<input::Source> held;
    input::Source s;
    bool any_file = false;
    while (!any_file && walker.next(s)) {
        any_file = s.error.empty();
        held.push_back(s);
    }
    if (!any_file) {
        for (const auto& h : held) std::cerr << "stargrade: " << h.error << "\n";
        std::cerr << "stargrade: no input found (answers are *.md, *.txt, *.jsonl and *.csv files, or files named "
                     "on the command line)\n";
        return kExitNoInput;
    }

    util::install_interrupt_cleanup();
    std::vector<std::unique_ptr<util::Output>> outputs;
    std::vector<std::unique_ptr<report::Writer>> writers;
    for (const auto& [fmt_name, path] : args.reports) {
        auto out = std::make_unique<util::Output>();
        std::string err;
        if (!out->open(path, err)) {
            std::cerr << fmt::format("stargrade: cannot write {}: {}; no report written\n", path, err);
            for (auto& o : outputs) o->abort();
            return kExitWrite;
        }
        writers.push_back(factory(fmt_name)->make(engine, out->stream()));
        outputs.push_back(std::move(out));
    }

    report::RunInfo info;
    info.tool_version = STARGRADE_VERSION;
    info.rubric_id = engine.rubric().id;
    info.rubric_version = engine.rubric().version;
    info.rubric_path = engine.rubric().path;
    info.pass_mark = engine.pass_mark(ro.grade);
    info.generated_at = now_iso();
    if (shard_n > 1) info.shard = args.shard;
    for (auto& w : writers) w->begin(info);

    bool stdout_taken = false;
    for (const auto& o : outputs) stdout_taken |= o->path() == "-";
    std::ostream& text_out = stdout_taken ? std::cerr : std::cout;
    TextSummary lines(text_out);
    bool on_terminal = ::isatty(STDERR_FILENO) == 1;
    // By default the progress line shows only when nothing else tells the
    // terminal how far the run is (quiet, or the lines go to a file or pipe).
    bool lines_on_terminal = !args.quiet && (stdout_taken || ::isatty(STDOUT_FILENO) == 1);
    Progress progress(args.progress.value_or(on_terminal && !lines_on_terminal), args.progress.value_or(false));
    progress.count(args.in, shard_k, shard_n);
    std::vector<report::baseline::Record> records;  // for --baseline
    report::Summary summary;
    std::size_t held_next = 0;
    auto next_source = [&](input::Source& out) {
        if (held_next < held.size()) {
            out = held[held_next++];
            return true;
        }
        return walker.next(out);
    };
    pipeline::run(engine, next_source, ro, [&](pipeline::Graded& g) {
        report::tally(summary, g);
        // The report object of an answer is built once, whatever the number of formats that take it.
        std::optional<nlohmann::ordered_json> as_json;
        for (auto& w : writers) {
            if (!w->takes_json()) {
                w->add(g);
                continue;
            }
            if (!as_json) as_json = report::answer_to_json(g);
            w->add_json(*as_json);
        }
        if (baseline) records.push_back(report::baseline::record_of(g));
        if (!args.quiet || g.status == pipeline::Status::Error || !g.warnings.empty()) progress.clear();
        if (!args.quiet) lines.add(g);
        else if (g.status == pipeline::Status::Error) std::cerr << "stargrade: " << g.error << "\n";
        // Graded, but a rule could not be applied everywhere (e.g. a regex gave up): said, not hidden.
        for (const auto& w : g.warnings) std::cerr << "stargrade: warning: " << w << "\n";
        progress.update(summary.answers, summary.errors, g.answer.file);
    });
    progress.clear();
    progress.stop_counting();
    for (auto& w : writers) w->finish(summary);

    bool write_failed = false;
    for (auto& o : outputs) {
        std::string err;
        if (!o->commit(err)) {
            std::cerr << fmt::format("stargrade: cannot write {}: {}\n", o->path(), err);
            write_failed = true;
        }
    }
    if (!args.quiet) {
        const auto& s = summary;
        (stdout_taken ? std::cerr : std::cout) << fmt::format(
            "{} answer{}: {} graded, {} error{}, {} passed, {} failed (pass mark {:g}, rubric {} {}{})\n", s.answers,
            s.answers == 1 ? "" : "s", s.graded, s.errors, s.errors == 1 ? "" : "s", s.passed, s.failed,
            info.pass_mark, engine.rubric().id, engine.rubric().version,
            shard_n > 1 ? ", shard " + args.shard : "");
    }
    bool regressed = false;
    if (baseline) {
        report::baseline::Report now;
        now.path = "this run";
        now.tool_version = info.tool_version;
        now.rubric_id = info.rubric_id;
        now.rubric_version = info.rubric_version;
        now.pass_mark = info.pass_mark;
        now.answers = std::move(records);
        report::baseline::DiffOptions options;
        options.tolerance = args.tolerance;
        options.old_label = args.baseline;
        options.new_label = "this run";
        auto result = report::baseline::diff(*baseline, now, options);
        regressed = result.regression();
        // The comparison goes where the summary goes; in quiet mode only a regression is told.
        if (!args.quiet) {
            text_out << "\n";
            report::baseline::print_diff(text_out, result, false);
        } else if (regressed) {
            std::cerr << fmt::format("stargrade: {} answer{} regressed against {} (run 'stargrade diff' for details)\n",
                                     result.regressions(), result.regressions() == 1 ? "" : "s", args.baseline);
        }
    }
    if (write_failed) return kExitWrite;
    if (summary.errors > 0) return kExitInputError;
    if (regressed) return kExitRegression;
    if (summary.failed > 0) return kExitFailed;
    return kExitOk;
}

}  // namespace

void add_grade(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<GradeArgs>();
    auto* cmd = app.add_subcommand("grade", "Grade answers and write reports (JSON, CSV, HTML, Markdown, JUnit, JSON Lines)");
    cmd->add_option("--rubric", args->rubric, "Rubric file (default: the TPM rubric that ships with stargrade)");
    for (const auto& f : kFormats) {
        std::string name = f.name;
        cmd->add_option_function<std::string>(
            "--" + name, [args, name](const std::string& path) { args->reports.emplace_back(name, path); },
            fmt::format("Write the {} report to FILE ('-' for standard output)", f.label));
    }
    std::vector<std::string> names = {"text"};
    for (const auto& f : kFormats) names.push_back(f.name);
    cmd->add_option("--format", args->format,
                    fmt::format("What standard output gets: {} (default: text, a line per answer)",
                                fmt::join(names, ", ")))
        ->check(CLI::IsMember(names));
    cmd->add_option("--fail-under", args->fail_under, "Pass mark: answers scoring under it fail (default: the rubric's)")
        ->check(CLI::Validator(
            [](std::string& v) -> std::string {
                try {
                    double d = std::stod(v);
                    if (std::isfinite(d) && d >= 0 && d <= 100) return "";
                } catch (const std::exception&) {
                }
                return "must be a number from 0 to 100";
            },
            "0..100"));
    cmd->add_option("--question", args->question, "Grade every answer as this question id (no detection)");
    cmd->add_option("--jobs,-j", args->jobs, "Worker threads (default: one per core)")->check(CLI::Range(0u, 256u));
    cmd->add_option("--shard", args->shard,
                    "Grade only shard K of N (K/N, stable by source path); combine shard reports with 'merge'");
    cmd->add_option("--baseline", args->baseline,
                    "Compare this run with an earlier JSON report, as 'diff' does; exit 3 when an answer regressed");
    cmd->add_option("--tolerance", args->tolerance,
                    "With --baseline: a score moves when it changes by more than this many points (default: 5)")
        ->check(CLI::Range(0.0, 100.0));
    cmd->add_flag_function(
        "--progress,!--no-progress", [args](std::int64_t n) { args->progress = n > 0; },
        "Show (or not) a progress line on standard error (default: when it is a terminal and no per-answer lines are)");
    cmd->add_flag("--quiet,-q", args->quiet, "Print no summary (errors still go to standard error)");
    add_input_options(*cmd, args->in);
    cmd->footer(
        "Examples:\n"
        "  stargrade grade samples/ --json report.json --csv report.csv\n"
        "  stargrade grade --format json answers/ > report.json\n"
        "  stargrade grade --fail-under 70 --question why-tpm answer.md\n"
        "  stargrade grade --exclude 'drafts/**' --glob '*.md' answers/\n"
        "  stargrade grade practice.jsonl form-export.csv --column-map 'Tell us about a conflict=team-conflict'\n"
        "  stargrade grade --shard 2/4 answers/ --json part2.json     # then: stargrade merge part*.json\n"
        "  stargrade grade --baseline last-week.json --json report.json answers/\n"
        "\nExit status: 0 all passed, 1 some failed, 2 some input could not be graded,\n"
        "3 an answer regressed against --baseline (before 1),\n"
        "64 usage error, 65 invalid rubric, 66 no input found, 74 a report could not be written,\n"
        "130/143 interrupted (no report left behind).");
    cmd->callback([args, &exit_code] { exit_code = run_grade(*args); });
}

}  // namespace sg::cli
