// stargrade diff OLD.json NEW.json: what changed between two runs, for CI baselines.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <sstream>

#include "cli/app.hpp"
#include "cli/exit_codes.hpp"
#include "report/baseline.hpp"
#include "util/files.hpp"

namespace sg::cli {

namespace {

namespace baseline = report::baseline;

struct DiffArgs {
    std::string old_path;
    std::string new_path;
    double tolerance = 5;
    std::string format = "text";
    std::string output;
    std::string color = "auto";
};

// As explain: colours on a terminal, unless NO_COLOR is set (https://no-color.org).
bool use_color(const std::string& mode, bool to_stdout) {
    if (mode == "always") return true;
    if (mode == "never" || !to_stdout) return false;
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    return ::isatty(STDOUT_FILENO) == 1;
}

int run_diff(const DiffArgs& args) {
    baseline::Report old, now;
    bool missing = false, invalid = false;
    auto load = [&](const std::string& path, baseline::Report& into) {
        std::string error;
        auto status = baseline::read_report(path, into, error);
        if (status == baseline::ReadStatus::Ok) return;
        std::cerr << "stargrade: " << error << "\n";
        (status == baseline::ReadStatus::Missing ? missing : invalid) = true;
    };
    load(args.old_path, old);
    load(args.new_path, now);
    if (missing) return kExitNoInput;
    if (invalid) return kExitInputError;

    baseline::DiffOptions options;
    options.tolerance = args.tolerance;
    options.old_label = args.old_path;
    options.new_label = args.new_path;
    auto result = baseline::diff(old, now, options);

    bool to_stdout = args.output.empty() || args.output == "-";
    std::string text;
    if (args.format == "json") {
        text = baseline::diff_json(result);
    } else if (args.format == "markdown") {
        text = baseline::diff_markdown(result);
    } else {
        std::ostringstream os;
        baseline::print_diff(os, result, use_color(args.color, to_stdout));
        text = os.str();
    }
    if (to_stdout) {
        std::cout << text << std::flush;
    } else {
        std::string error;
        if (!util::write_file_atomic(args.output, text, error)) {
            std::cerr << fmt::format("stargrade: cannot write {}: {}\n", args.output, error);
            return kExitWrite;
        }
    }
    return result.regression() ? kExitRegression : kExitOk;
}

}  // namespace

void add_diff(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<DiffArgs>();
    auto* cmd = app.add_subcommand("diff", "Compare two JSON reports: moved scores, new failures and new pitfalls");
    cmd->add_option("OLD", args->old_path, "The baseline JSON report (from 'grade --json')")->required();
    cmd->add_option("NEW", args->new_path, "The JSON report to compare with it")->required();
    cmd->add_option("--tolerance", args->tolerance,
                    "A score moves when it changes by more than this many points (default: 5)")
        ->check(CLI::Range(0.0, 100.0));
    cmd->add_option("--format", args->format, "Output: text (a table per kind of change), json or markdown")
        ->check(CLI::IsMember({"text", "json", "markdown"}));
    cmd->add_option("-o,--output", args->output, "Write the output to FILE instead of standard output");
    cmd->add_option("--color", args->color, "Colours: auto (on a terminal, unless NO_COLOR is set), always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    cmd->footer(
        "Answers are matched by id; when an id repeats in a report, those answers are\n"
        "matched by id and source. See docs/diff-and-trend.md.\n"
        "\nExamples:\n"
        "  stargrade diff baseline.json report.json\n"
        "  stargrade diff --tolerance 2 --format markdown -o diff.md baseline.json report.json\n"
        "  stargrade diff --format json baseline.json report.json | jq .summary\n"
        "\nExit status: 0 no regression, 3 some answer dropped by more than the tolerance,\n"
        "newly fails or gained a pitfall, 2 a report is not a stargrade JSON report,\n"
        "64 usage error, 66 a report is missing, 74 the output could not be written.");
    cmd->callback([args, &exit_code] { exit_code = run_diff(*args); });
}

}  // namespace sg::cli
