// stargrade explain: grade one answer and show why, with every finding at its place.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/app.hpp"
#include "cli/exit_codes.hpp"
#include "cli/explain_render.hpp"
#include "input/discovery.hpp"
#include "pipeline/runner.hpp"
#include "rubric/loader.hpp"

namespace sg::cli {

namespace {

struct ExplainArgs {
    std::string rubric;
    std::string question;
    std::string color = "auto";
    std::size_t width = 0;
    std::string file;
};

// --color auto: colours on a terminal, unless NO_COLOR is set (https://no-color.org).
bool use_color(const std::string& mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    return ::isatty(STDOUT_FILENO) == 1;
}

int run_explain(const ExplainArgs& args) {
    int exit_code = kExitOk;
    auto engine_ptr = load_engine(args.rubric, args.question, "", exit_code);
    if (!engine_ptr) return exit_code;
    const pipeline::Engine& engine = *engine_ptr;
    std::error_code ec;
    if (std::filesystem::is_directory(args.file, ec)) {
        std::cerr << fmt::format("stargrade: {} is a folder; explain takes one answer file (use 'grade' for folders)\n",
                                 args.file);
        return kExitUsage;
    }

    // The same path as grade: discovery names the answer, the runner reads and grades it.
    auto sources = input::discover({args.file});
    if (sources.size() != 1) {
        std::cerr << fmt::format("stargrade: {}: expected one answer file\n", args.file);
        return kExitUsage;
    }
    pipeline::RunOptions ro;
    ro.grade.force_question = args.question;
    ro.jobs = 1;
    auto results = pipeline::grade_all(engine, sources, ro);
    const auto& g = results.front();
    if (g.status != pipeline::Status::Graded) {
        std::cerr << "stargrade: " << g.error << "\n";
        return kExitInputError;
    }

    RenderOptions opts;
    opts.color = use_color(args.color);
    opts.width = args.width;
    opts.pass_mark = engine.pass_mark(ro.grade);
    std::cout << render_explain(engine, g, opts) << std::flush;
    return g.passed ? kExitOk : kExitFailed;
}

}  // namespace

void add_explain(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<ExplainArgs>();
    auto* cmd = app.add_subcommand("explain", "Show one answer with its findings marked in the text, and why it scored so");
    cmd->add_option("--rubric", args->rubric, "Rubric file (default: the TPM rubric that ships with stargrade)");
    cmd->add_option("--question", args->question, "Grade the answer as this question id (no detection)");
    cmd->add_option("--color", args->color, "Colours: auto (on a terminal, unless NO_COLOR is set), always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    cmd->add_option("--width", args->width, "Wrap answer lines at this many columns (default: 0, no wrapping)")
        ->check(CLI::Range(std::size_t{0}, std::size_t{10000}));
    cmd->add_option("FILE", args->file, "The answer file")->required();
    cmd->footer(
        "Plain output (not a terminal, NO_COLOR or --color never) marks the text with\n"
        "  [S] [T] [A] [R] where a STAR part starts, [[metric: TEXT]] a quantified outcome,\n"
        "  {{pitfall ID: TEXT}} a pitfall's evidence, {{RULE: TEXT}} another finding (vague, we-not-i).\n"
        "\nExamples:\n"
        "  stargrade explain samples/s09-gantt-first-plan.md\n"
        "  stargrade explain --question why-tpm --width 100 my-answer.md\n"
        "  stargrade explain --color always answer.md | less -R\n"
        "\nExit status: 0 the answer passed, 1 it failed, 2 it could not be graded,\n"
        "64 usage error, 65 invalid rubric.");
    cmd->callback([args, &exit_code] { exit_code = run_explain(*args); });
}

}  // namespace sg::cli
