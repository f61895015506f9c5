#include "util/yaml.hpp"

#include <yaml-cpp/depthguard.h>

namespace sg::util {

bool yaml_too_deep(const YAML::Exception& e) { return dynamic_cast<const YAML::DeepRecursion*>(&e) != nullptr; }

std::string yaml_error_text(const YAML::Exception& e) {
    if (yaml_too_deep(e)) return "lists or maps nest too deeply to read (at most about 500 levels)";
    return e.msg;
}

bool parse_yaml(const std::string& text, const std::string& path, Diagnostics& diags, YAML::Node& out) {
    try {
        out = YAML::Load(text);
        return true;
    } catch (const YAML::Exception& e) {
        diags.add(path, e.mark.line + 1, yaml_too_deep(e) ? 0 : e.mark.column + 1, yaml_error_text(e));
        return false;
    }
}

}  // namespace sg::util
