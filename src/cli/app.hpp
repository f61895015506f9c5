#pragma once
#include <string>

namespace CLI {
class App;
}

namespace sg::cli {

// Runs the command line; returns the process exit code.
int run(int argc, char** argv);

// The default rubric: $STARGRADE_RUBRIC, next to the installed binary, or the source tree.
std::string default_rubric_path();

// Subcommands register themselves on the app and set the callback that runs them.
void add_grade(CLI::App& app, int& exit_code);
void add_check(CLI::App& app, int& exit_code);
void add_explain(CLI::App& app, int& exit_code);
void add_calibrate(CLI::App& app, int& exit_code);

}  // namespace sg::cli
