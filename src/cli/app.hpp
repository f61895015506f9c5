#pragma once
#include <memory>
#include <string>

#include "pipeline/grader.hpp"

namespace CLI {
class App;
}

namespace sg::cli {

// Runs the command line; returns the process exit code.
int run(int argc, char** argv);

// The default rubric: $STARGRADE_RUBRIC, next to the installed binary, or the source tree.
std::string default_rubric_path();

// Loads the rubric (the default one when rubric_arg is empty) and builds the
// engine. Prints every problem and sets exit_code (65 invalid rubric, 64 an
// unknown question) when it returns null. `what_happens` ends the message
// ("no report written").
std::unique_ptr<pipeline::Engine> load_engine(const std::string& rubric_arg, const std::string& question,
                                              const std::string& what_happens, int& exit_code);

// Subcommands register themselves on the app and set the callback that runs them.
void add_grade(CLI::App& app, int& exit_code);
void add_check(CLI::App& app, int& exit_code);
void add_explain(CLI::App& app, int& exit_code);
void add_calibrate(CLI::App& app, int& exit_code);
void add_schema(CLI::App&, int&);
void add_diff(CLI::App& app, int& exit_code);
void add_trend(CLI::App& app, int& exit_code);
void add_merge(CLI::App& app, int& exit_code);

}  // namespace sg::cli
