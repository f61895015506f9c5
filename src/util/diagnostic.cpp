#include "util/diagnostic.hpp"

#include <fmt/format.h>

namespace sg::util {

std::string Diagnostic::str() const {
    if (line <= 0) return fmt::format("{}: {}", file, message);
    if (column <= 0) return fmt::format("{}:{}: {}", file, line, message);
    return fmt::format("{}:{}:{}: {}", file, line, column, message);
}

void Diagnostics::add(std::string file, int line, int column, std::string message) {
    items_.push_back(Diagnostic{std::move(file), line, column, std::move(message)});
}

}  // namespace sg::util
