// stargrade grade: grade answers and write the reports.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <iostream>
#include <thread>

#include "cli/app.hpp"
#include "cli/exit_codes.hpp"
#include "input/discovery.hpp"
#include "pipeline/runner.hpp"
#include "report/report.hpp"
#include "rubric/loader.hpp"
#include "util/files.hpp"

namespace sg::cli {

namespace {

struct GradeArgs {
    std::string rubric;
    std::string json;
    std::string csv;
    std::optional<double> fail_under;
    std::string question;
    unsigned jobs = 0;
    bool quiet = false;
    std::size_t max_bytes = input::kDefaultMaxBytes;
    std::vector<std::string> inputs;
};

std::string now_iso() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

void print_summary(std::ostream& os, const pipeline::Engine& engine, const std::vector<pipeline::Graded>& results,
                   double pass_mark) {
    std::size_t idw = 2, qw = 8;
    for (const auto& g : results) {
        idw = std::max(idw, g.answer.id.size());
        qw = std::max(qw, g.question.size());
    }
    idw = std::min<std::size_t>(idw, 40);
    for (const auto& g : results) {
        if (g.status != pipeline::Status::Graded) {
            os << fmt::format("  {:<{}}  error: {}\n", g.answer.id, idw, g.error);
            continue;
        }
        std::vector<std::string> pits;
        if (const auto* p = g.check("pitfalls"))
            for (const auto& f : p->details["found"]) pits.push_back(f["id"].get<std::string>());
        os << fmt::format("  {:<{}}  {:<{}}  {:>5.1f}  {:<15} {}{}\n", g.answer.id, idw,
                          g.question.empty() ? "?" : g.question, qw, g.score, g.band, g.passed ? "pass" : "FAIL",
                          pits.empty() ? "" : "  (" + fmt::format("{}", fmt::join(pits, ", ")) + ")");
    }
    auto s = report::summarise(results);
    os << fmt::format("{} answer{}: {} graded, {} error{}, {} passed, {} failed (pass mark {:g}, rubric {} {})\n",
                      s.answers, s.answers == 1 ? "" : "s", s.graded, s.errors, s.errors == 1 ? "" : "s", s.passed,
                      s.failed, pass_mark, engine.rubric().id, engine.rubric().version);
}

int run_grade(const GradeArgs& args) {
    if (!args.json.empty() && args.json == args.csv) {
        std::cerr << fmt::format("stargrade: --json and --csv both write to {}; give them different files\n",
                                 args.json);
        return kExitUsage;
    }
    int exit_code = kExitOk;
    auto engine_ptr = load_engine(args.rubric, args.question, "no report written", exit_code);
    if (!engine_ptr) return exit_code;
    const pipeline::Engine& engine = *engine_ptr;

    auto sources = input::discover(args.inputs);
    bool any_file = false;
    for (const auto& s : sources) any_file |= s.error.empty();
    if (sources.empty() || !any_file) {
        for (const auto& s : sources) std::cerr << "stargrade: " << s.error << "\n";
        std::cerr << "stargrade: no input found (answers are *.md and *.txt files, or files named on the command line)\n";
        return kExitNoInput;
    }

    pipeline::RunOptions ro;
    ro.grade.force_question = args.question;
    ro.grade.pass_mark = args.fail_under;
    ro.jobs = args.jobs == 0 ? std::max(1u, std::thread::hardware_concurrency()) : args.jobs;
    ro.max_bytes = args.max_bytes;
    auto results = pipeline::grade_all(engine, sources, ro);

    report::RunInfo info;
    info.tool_version = STARGRADE_VERSION;
    info.rubric_path = engine.rubric().path;
    info.pass_mark = engine.pass_mark(ro.grade);
    info.generated_at = now_iso();

    bool write_failed = false;
    auto write = [&](const std::string& path, const std::string& content) {
        if (path.empty()) return;
        std::string err;
        if (!util::write_file_atomic(path, content, err)) {
            std::cerr << fmt::format("stargrade: cannot write {}: {}\n", path, err);
            write_failed = true;
        }
    };
    if (!args.json.empty()) write(args.json, report::to_json(engine, info, results));
    if (!args.csv.empty()) write(args.csv, report::to_csv(engine, results));

    if (!args.quiet) {
        bool stdout_taken = args.json == "-" || args.csv == "-";
        print_summary(stdout_taken ? std::cerr : std::cout, engine, results, info.pass_mark);
    } else {
        // Quiet still names what could not be graded.
        for (const auto& g : results)
            if (g.status == pipeline::Status::Error) std::cerr << "stargrade: " << g.error << "\n";
    }
    if (write_failed) return kExitWrite;
    auto s = report::summarise(results);
    if (s.errors > 0) return kExitInputError;
    if (s.failed > 0) return kExitFailed;
    return kExitOk;
}

}  // namespace

void add_grade(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<GradeArgs>();
    auto* cmd = app.add_subcommand("grade", "Grade answers and write JSON and CSV reports");
    cmd->add_option("--rubric", args->rubric, "Rubric file (default: the TPM rubric that ships with stargrade)");
    cmd->add_option("--json", args->json, "Write the JSON report to FILE ('-' for standard output)");
    cmd->add_option("--csv", args->csv, "Write the CSV report to FILE ('-' for standard output)");
    cmd->add_option("--fail-under", args->fail_under, "Pass mark: answers scoring under it fail (default: the rubric's)")
        ->check(CLI::Range(0.0, 100.0));
    cmd->add_option("--question", args->question, "Grade every answer as this question id (no detection)");
    cmd->add_option("--jobs,-j", args->jobs, "Worker threads (default: one per core)")->check(CLI::Range(0u, 256u));
    cmd->add_option("--max-bytes", args->max_bytes, "Largest answer file accepted, in bytes")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30));
    cmd->add_flag("--quiet,-q", args->quiet, "Print no summary");
    cmd->add_option("INPUT", args->inputs, "Answer files or folders (folders: *.md and *.txt, recursively)")->required();
    cmd->footer(
        "Examples:\n"
        "  stargrade grade samples/ --json report.json --csv report.csv\n"
        "  stargrade grade --json - answers/ > report.json\n"
        "  stargrade grade --fail-under 70 --question why-tpm answer.md\n"
        "\nExit status: 0 all passed, 1 some failed, 2 some input could not be graded,\n"
        "64 usage error, 65 invalid rubric, 66 no input found, 74 a report could not be written.");
    cmd->callback([args, &exit_code] { exit_code = run_grade(*args); });
}

}  // namespace sg::cli
