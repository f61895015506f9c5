#pragma once
// The input options every grading subcommand shares: what to read and how.
#include <string>
#include <vector>

#include "input/discovery.hpp"
#include "input/reader.hpp"
#include "pipeline/grader.hpp"

namespace CLI {
class App;
}

namespace sg::cli {

struct InputArgs {
    std::vector<std::string> inputs;
    std::vector<std::string> globs, excludes;
    std::string input_format = "auto";
    std::string text_field = "answer";
    std::vector<std::string> column_maps;  // "HEADER=question-id" or a YAML file of such pairs
    std::size_t max_bytes = input::kDefaultMaxBytes;
};

void add_input_options(CLI::App& cmd, InputArgs& args);
input::DiscoveryOptions discovery_options(const InputArgs& args);
// Prints what is wrong and returns false on a bad --column-map or --input-format.
bool make_read_options(const InputArgs& args, const pipeline::Engine& engine, input::ReadOptions& out);

}  // namespace sg::cli
