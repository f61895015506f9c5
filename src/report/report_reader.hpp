#pragma once
// Reads a JSON report written by stargrade one answer at a time, so `merge`
// combines reports of any size in little memory. The report's top-level
// fields before "answers" (tool, rubric, pass_mark, ...) are read first; the
// answers then come one by one; fields after them (summary) are skipped.
#include <fstream>
#include <istream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace sg::report {

class ReportReader {
public:
    // Opens the file ("-" is standard input) and reads up to the first answer.
    // False with `error` naming the file and byte when it is not a report.
    bool open(const std::string& path, std::string& error);
    // Top-level fields read before "answers".
    const nlohmann::ordered_json& header() const { return header_; }
    // The next answer; false at the end, or on an error (then error() is set).
    bool next(nlohmann::ordered_json& answer);
    const std::string& error() const { return error_; }
    const std::string& path() const { return path_; }

private:
    bool fail(const std::string& what);
    int peek_nonspace();
    bool read_value(std::string& raw);
    bool read_string(std::string& raw);

    std::string path_, error_;
    std::unique_ptr<std::ifstream> file_;
    std::istream* in_ = nullptr;
    std::size_t offset_ = 0;
    nlohmann::ordered_json header_ = nlohmann::ordered_json::object();
    bool in_answers_ = false, done_ = false, first_ = true;
};

}  // namespace sg::report
