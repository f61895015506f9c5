// stargrade check RUBRIC...: validate rubrics, print every problem.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

#include "cli/app.hpp"
#include "cli/exit_codes.hpp"
#include "rubric/loader.hpp"

namespace sg::cli {

void add_check(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("check", "Validate rubric files and print every problem as FILE:LINE:COL: message");
    auto files = std::make_shared<std::vector<std::string>>();
    cmd->add_option("RUBRIC", *files, "Rubric files to validate")->required();
    cmd->footer(
        "Examples:\n"
        "  stargrade check rubrics/tpm.yaml\n"
        "  stargrade check rubrics/tpm.yaml my-rubric.yaml\n"
        "\nExit status: 0 when every rubric is valid, 65 when any is not.");
    cmd->callback([files, &exit_code] {
        bool ok = true;
        for (const auto& f : *files) {
            util::Diagnostics diags;
            auto r = rubric::load_rubric_file(f, diags);
            for (const auto& d : diags.sorted()) std::cerr << d.str() << "\n";
            if (!r) {
                ok = false;
                std::cerr << fmt::format("{}: {} problem{}\n", f, diags.size(), diags.size() == 1 ? "" : "s");
                continue;
            }
            std::cout << fmt::format("{}: ok (rubric {} {}: {} questions, {} pitfalls, {} lexicons)\n", f, r->id,
                                     r->version, r->questions.size(), r->pitfalls.size(), r->lexicons.size());
        }
        exit_code = ok ? kExitOk : kExitRubric;
    });
}

}  // namespace sg::cli
