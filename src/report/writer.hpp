#pragma once
// Report writers: one class per format behind one interface. The runner hands
// each graded answer to every writer as soon as it is done, in input order, so
// streaming formats (JSON, CSV, JSON Lines, JUnit) hold nothing but the
// answer in hand; page formats (HTML, Markdown) keep what their summary needs.
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/grader.hpp"
#include "report/report.hpp"

namespace sg::report {

class Writer {
public:
    virtual ~Writer() = default;
    virtual void begin(const RunInfo& info) { (void)info; }
    virtual void add(const pipeline::Graded& g) = 0;
    // An answer as it appears in a JSON report (what `merge` reads back).
    // Formats that need more than the report holds do not take it.
    virtual bool takes_json() const { return false; }
    virtual void add_json(const nlohmann::ordered_json& answer) { (void)answer; }
    virtual void finish(const Summary& summary) = 0;
};

// One answer as an element of the JSON report's `answers`.
nlohmann::ordered_json answer_to_json(const pipeline::Graded& g);
nlohmann::ordered_json summary_json(const Summary& s);

// Writer factories. Each writes to `out`, which outlives the writer. The JSON
// and CSV writers take everything from RunInfo and the answers, so `merge`
// can use them without a rubric: pass any engine or use the overloads.
std::unique_ptr<Writer> make_json_writer(const pipeline::Engine& engine, std::ostream& out);
std::unique_ptr<Writer> make_csv_writer(const pipeline::Engine& engine, std::ostream& out);
std::unique_ptr<Writer> make_json_writer(std::ostream& out);
std::unique_ptr<Writer> make_csv_writer(std::ostream& out);

// Keeps the running totals the summary lines need, whatever the formats.
void tally(Summary& s, const pipeline::Graded& g);
void tally(Summary& s, const std::string& status, bool passed);

}  // namespace sg::report
