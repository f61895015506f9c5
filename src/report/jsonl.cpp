// JSON Lines: each answer, as an element of the JSON report's `answers`, on a
// line of its own, written as soon as it arrives. Nothing comes before the
// first answer or after the last: no run information and no summary line, so
// every line parses to the same kind of object and files concatenate.
#include <nlohmann/json.hpp>

#include <ostream>

#include "report/writers.hpp"

namespace sg::report {

namespace {

using ordered_json = nlohmann::ordered_json;

class JsonlWriter : public Writer {
public:
    explicit JsonlWriter(std::ostream& out) : out_(out) {}

    void add(const pipeline::Graded& g) override { add_json(answer_to_json(g)); }
    bool takes_json() const override { return true; }
    void add_json(const ordered_json& answer) override {
        // No indent: the dump holds no raw newline (those in strings are \n).
        // Invalid UTF-8 becomes U+FFFD, as in the JSON report.
        out_ << answer.dump(-1, ' ', false, ordered_json::error_handler_t::replace) << '\n';
    }
    void finish(const Summary& summary) override {
        (void)summary;  // the summary goes nowhere: see docs/reports.md
        out_.flush();
    }

private:
    std::ostream& out_;
};

}  // namespace

std::unique_ptr<Writer> make_jsonl_writer(const pipeline::Engine& engine, std::ostream& out) {
    (void)engine;
    return std::make_unique<JsonlWriter>(out);
}

}  // namespace sg::report
