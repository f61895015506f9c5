#pragma once
// Report writers: one class per format behind one interface. The runner hands
// each graded answer to every writer as soon as it is done, in input order, so
// streaming formats (JSON, CSV, JSON Lines, JUnit) hold nothing but the
// answer in hand; page formats (HTML, Markdown) keep what their summary needs.
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/grader.hpp"
#include "report/report.hpp"

namespace sg::report {

class Writer {
public:
    virtual ~Writer() = default;
    virtual void begin(const RunInfo& info) { (void)info; }
    virtual void add(const pipeline::Graded& g) = 0;
    virtual void finish(const Summary& summary) = 0;
};

// Writer factories. Each writes to `out`, which outlives the writer.
std::unique_ptr<Writer> make_json_writer(const pipeline::Engine& engine, std::ostream& out);
std::unique_ptr<Writer> make_csv_writer(const pipeline::Engine& engine, std::ostream& out);

// Keeps the running totals the summary lines need, whatever the formats.
void tally(Summary& s, const pipeline::Graded& g);

}  // namespace sg::report
