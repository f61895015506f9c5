#pragma once
// A located problem in a user's file: FILE:LINE:COL: message.
#include <string>
#include <vector>

namespace sg::util {

struct Diagnostic {
    std::string file;
    int line = 0;    // 1-based; 0 when the problem has no place
    int column = 0;  // 1-based; 0 when unknown
    std::string message;

    std::string str() const;
};

class Diagnostics {
public:
    void add(std::string file, int line, int column, std::string message);
    const std::vector<Diagnostic>& items() const { return items_; }
    // By file, line and column: the order a user reads them in.
    std::vector<Diagnostic> sorted() const;
    bool empty() const { return items_.empty(); }
    std::size_t size() const { return items_.size(); }

private:
    std::vector<Diagnostic> items_;
};

}  // namespace sg::util
