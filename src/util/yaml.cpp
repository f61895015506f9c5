#include "util/yaml.hpp"

namespace sg::util {

bool parse_yaml(const std::string& text, const std::string& path, Diagnostics& diags, YAML::Node& out) {
    try {
        out = YAML::Load(text);
        return true;
    } catch (const YAML::Exception& e) {
        diags.add(path, e.mark.line + 1, e.mark.column + 1, e.msg);
        return false;
    }
}

}  // namespace sg::util
