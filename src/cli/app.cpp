#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/exit_codes.hpp"
#include "rubric/cache.hpp"
#include "rubric/loader.hpp"
#include "util/files.hpp"

namespace sg::cli {

namespace fs = std::filesystem;

std::string default_rubric_path() {
    if (const char* env = std::getenv("STARGRADE_RUBRIC"); env && *env) return env;
    std::vector<fs::path> candidates;
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        fs::path dir = exe.parent_path();
        candidates.push_back(dir / "../share/stargrade/rubrics/tpm.yaml");
        candidates.push_back(dir / "../rubrics/tpm.yaml");
        candidates.push_back(dir / "rubrics/tpm.yaml");
    }
    candidates.push_back(fs::path(STARGRADE_INSTALL_RUBRIC_DIR) / "tpm.yaml");
    candidates.push_back(fs::path(STARGRADE_SOURCE_RUBRIC_DIR) / "tpm.yaml");
    for (const auto& c : candidates)
        if (fs::is_regular_file(c, ec)) return fs::weakly_canonical(c, ec).string();
    return (fs::path(STARGRADE_SOURCE_RUBRIC_DIR) / "tpm.yaml").string();
}

std::unique_ptr<pipeline::Engine> load_engine(const std::string& rubric_arg, const std::string& question,
                                              const std::string& what_happens, int& exit_code) {
    std::string path = rubric_arg.empty() ? default_rubric_path() : rubric_arg;
    util::Diagnostics diags;
    auto rubric = rubric::load_rubric_cached(path, diags, util::cache_dir());
    if (!rubric) {
        for (const auto& d : diags.sorted()) std::cerr << d.str() << "\n";
        std::cerr << fmt::format("stargrade: the rubric {} is invalid{}\n", path,
                                 what_happens.empty() ? "" : "; " + what_happens);
        exit_code = kExitRubric;
        return nullptr;
    }
    auto engine = std::make_unique<pipeline::Engine>(std::move(rubric));
    if (!question.empty() && !engine->rubric().question(question)) {
        std::cerr << fmt::format("stargrade: --question '{}' is not a question of rubric {}\n", question,
                                 engine->rubric().id);
        exit_code = kExitUsage;
        return nullptr;
    }
    return engine;
}

int run(int argc, char** argv) {
    CLI::App app{"stargrade: batch grader for written interview answers"};
    app.name("stargrade");
    app.set_version_flag("--version", std::string("stargrade ") + STARGRADE_VERSION);
    app.require_subcommand(1);
    app.footer(
        "Examples:\n"
        "  stargrade grade answers/                      grade a folder with the default TPM rubric\n"
        "  stargrade grade --json - answers/ | jq .summary\n"
        "  stargrade explain my-answer.md                show one answer with its findings in the text\n"
        "  stargrade check rubrics/tpm.yaml              validate a rubric\n"
        "\nRun 'stargrade SUBCOMMAND --help' for the options of each subcommand.");
    int exit_code = kExitOk;
    add_grade(app, exit_code);
    add_check(app, exit_code);
    add_explain(app, exit_code);
    add_calibrate(app, exit_code);
    add_schema(app, exit_code);
    add_diff(app, exit_code);
    add_trend(app, exit_code);
    add_merge(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? kExitOk : kExitUsage;
    }
    return exit_code;
}

}  // namespace sg::cli
