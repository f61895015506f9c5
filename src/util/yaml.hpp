#pragma once
// Parsing YAML text with the parser's error reported at its place.
#include <yaml-cpp/yaml.h>

#include <string>

#include "util/diagnostic.hpp"

namespace sg::util {

// Parses text; on a syntax error adds "PATH:LINE:COL: message" to diags and returns false.
bool parse_yaml(const std::string& text, const std::string& path, Diagnostics& diags, YAML::Node& out);

}  // namespace sg::util
