#include "util/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sg::util {

std::string Diagnostic::str() const {
    if (line <= 0) return fmt::format("{}: {}", file, message);
    if (column <= 0) return fmt::format("{}:{}: {}", file, line, message);
    return fmt::format("{}:{}:{}: {}", file, line, column, message);
}

void Diagnostics::add(std::string file, int line, int column, std::string message) {
    items_.push_back(Diagnostic{std::move(file), line, column, std::move(message)});
}

std::vector<Diagnostic> Diagnostics::sorted() const {
    std::vector<Diagnostic> out = items_;
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.file != b.file) return a.file < b.file;
        if (a.line != b.line) return a.line < b.line;
        return a.column < b.column;
    });
    return out;
}

}  // namespace sg::util
