#pragma once
// Turns the command line's inputs into a stable, sorted list of sources.
#include <string>
#include <vector>

namespace sg::input {

struct Source {
    std::string path;   // as reported in `source`
    std::string id;     // default id: the path relative to its input root, without extension
    std::string error;  // set when the input cannot be used (missing path, unreadable folder)
};

struct DiscoveryOptions {
    std::vector<std::string> extensions{".md", ".txt"};
};

// Files are taken as given; folders are walked recursively for files with the
// given extensions. The result is sorted by path, each file once.
std::vector<Source> discover(const std::vector<std::string>& inputs, const DiscoveryOptions& options = {});

}  // namespace sg::input
