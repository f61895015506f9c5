#pragma once
// Parsing YAML text with the parser's error reported at its place.
#include <yaml-cpp/yaml.h>

#include <string>

#include "util/diagnostic.hpp"

namespace sg::util {

// Parses text; on a syntax error adds "PATH:LINE:COL: message" to diags and returns false.
// Lists and maps nested too deeply to read are reported at their line.
bool parse_yaml(const std::string& text, const std::string& path, Diagnostics& diags, YAML::Node& out);

// The message of a parser error, readable: yaml-cpp says "bad file" when the
// nesting is too deep.
std::string yaml_error_text(const YAML::Exception& e);
// True when the error is about nesting too deep; its column is then where the
// scanner had got to, not where the nesting went too deep, so only the line is worth showing.
bool yaml_too_deep(const YAML::Exception& e);

}  // namespace sg::util
