// stargrade schema NAME: print a JSON Schema that ships inside the binary
// (docs/rubric.schema.json, docs/report.schema.json), byte for byte.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <array>
#include <cstdio>
#include <iostream>
#include <string_view>

#include "cli/app.hpp"
#include "cli/exit_codes.hpp"
#include "stargrade_schemas.hpp"  // generated in the build tree by cmake/embed_schemas.cmake

namespace sg::cli {

namespace {

struct NamedSchema {
    std::string_view name;
    std::string_view text;
};

std::array<NamedSchema, 2> schemas() { return {{{"rubric", schemas::rubric()}, {"report", schemas::report()}}}; }

std::string schema_names() {
    std::string out;
    for (const auto& s : schemas()) out += (out.empty() ? "" : ", ") + std::string(s.name);
    return out;
}

}  // namespace

void add_schema(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("schema", "Print the JSON Schema of rubric files (rubric) or of the JSON report (report)");
    auto name = std::make_shared<std::string>();
    cmd->add_option("NAME", *name, "Which schema: " + schema_names())->required();
    cmd->footer(
        "Examples:\n"
        "  stargrade schema rubric > rubric.schema.json     for an editor (see the yaml-language-server modeline)\n"
        "  stargrade schema report | jq '.properties | keys'\n"
        "\nExit status: 0 printed, 64 unknown NAME, 74 standard output could not be written.");
    cmd->callback([name, &exit_code] {
        for (const auto& s : schemas()) {
            if (s.name != *name) continue;
            std::fwrite(s.text.data(), 1, s.text.size(), stdout);
            exit_code = std::fflush(stdout) == 0 && !std::ferror(stdout) ? kExitOk : kExitWrite;
            if (exit_code != kExitOk) std::cerr << "stargrade: cannot write the schema to standard output\n";
            return;
        }
        std::cerr << fmt::format("stargrade schema: unknown schema '{}'; the schemas are: {}\n", *name, schema_names());
        exit_code = kExitUsage;
    });
}

}  // namespace sg::cli
