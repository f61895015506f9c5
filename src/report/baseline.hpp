#pragma once
// Reading a JSON report back, and comparing two runs answer by answer.
//
// A Record is what a comparison or a trend needs of one answer, taken either
// from a report written earlier (read_report) or from an answer graded now
// (record_of); both give the same Record for the same answer, so a run can be
// compared with a baseline report without writing its own report first:
//
//     baseline::Report old;
//     std::string error;
//     switch (baseline::read_report(path, old, error)) {
//         case baseline::ReadStatus::Missing: /* print error, exit 66 */
//         case baseline::ReadStatus::Invalid: /* print error, exit 2 */
//         case baseline::ReadStatus::Ok: break;
//     }
//     baseline::DiffOptions opts;            // tolerance 5 points
//     opts.old_label = path;
//     opts.new_label = "this run";
//     auto result = baseline::diff(old.answers, baseline::records_of(results), opts);
//     baseline::print_diff(std::cerr, result, false);
//     if (result.regression()) exit_code = kExitRegression;   // 3
#include <array>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/grader.hpp"
#include "report/trend.hpp"

namespace sg::report::baseline {

// One answer of a report.
struct Record {
    std::string id;
    std::string source;
    std::string candidate;              // empty when unknown
    std::string question;               // empty when none matched
    std::string date;                   // as written in the front matter, empty when none
    std::string status = "graded";      // graded | error | skipped
    std::string error;                  // the message of an error or skipped answer
    std::optional<double> score;        // set for graded answers only
    std::string band;                   // empty unless graded
    bool passed = false;                // false unless graded
    std::vector<std::string> pitfalls;  // ids of the pitfalls found, in report order
    std::array<bool, 4> star{};         // situation, task, action, result present
    bool star_applies = false;          // the question expects a STAR story
    int metrics = 0;                    // quantified outcomes found

    bool graded() const { return status == "graded"; }
    int star_parts() const;
    // "S T A -": a letter per STAR part present, '-' for a missing one.
    std::string star_letters() const;
};

// The Record of an answer graded now; equal to what read_report gives back
// for the same answer from the JSON report of the same run.
Record record_of(const pipeline::Graded& g);
std::vector<Record> records_of(const std::vector<pipeline::Graded>& results);

// What a trend needs of a record; false for answers that were not graded.
bool to_trend_point(const Record& r, TrendPoint& out);

// A report read back.
struct Report {
    std::string path;
    std::string tool_version;
    std::string rubric_id, rubric_version;
    std::optional<double> pass_mark;
    std::string generated_at;
    std::vector<Record> answers;  // in report order
};

enum class ReadStatus {
    Ok,
    Missing,  // the file does not exist or cannot be read (exit 66)
    Invalid,  // not JSON, or JSON that is not a stargrade report (exit 2)
};

// Reads a stargrade JSON report. On failure `error` names the file and the
// problem, e.g. "old.json: not a stargrade JSON report: answers[2].score:
// expected a number or null, found a string".
ReadStatus read_report(const std::string& path, Report& out, std::string& error);
// The same over text already read; `name` is the file named in errors.
bool parse_report(const std::string& text, const std::string& name, Report& out, std::string& error);

// Dates as answers give them: YYYY-MM-DD, or an ISO 8601 date-time in the
// extended format (YYYY-MM-DDTHH:MM[:SS[.fraction]] with Z, +HH:MM, +HHMM or
// +HH, or no zone; 'T' may be a space). Gives seconds since 1970-01-01 UTC; a
// date alone is its midnight, a time without a zone is taken as UTC.
// False for anything else, including impossible dates (2024-02-30).
bool parse_date(std::string_view text, long long& seconds, int& nanos);

// How two runs are compared.
struct DiffOptions {
    double tolerance = 5;   // a score moves when it changes by more than this many points
    std::string old_label;  // names of the two runs in the output (file paths)
    std::string new_label;
};

// One answer found in both runs.
struct Change {
    std::string key;         // how it is shown: its id, or "id (source)" when matched by source
    bool by_source = false;  // its id repeats in a run, so it was matched by id and source
    Record old, now;
    std::optional<double> delta;  // now - old, when both were graded
    bool moved = false;           // |delta| > tolerance
    bool newly_failing = false;   // passed before; fails or is an error now
    bool newly_passing = false;   // did not pass before; passes now
    std::vector<std::string> new_pitfalls;       // found now, not before (both graded)
    std::vector<std::string> resolved_pitfalls;  // found before, not now (both graded)

    bool moved_down() const { return moved && delta && *delta < 0; }
    bool moved_up() const { return moved && delta && *delta > 0; }
    // Dropped by more than the tolerance, newly failing, or gained a pitfall.
    bool regressed() const { return moved_down() || newly_failing || !new_pitfalls.empty(); }
};

// An answer found in one run only.
struct Unmatched {
    std::string key;
    Record record;
};

struct DiffResult {
    DiffOptions options;
    std::size_t old_answers = 0, new_answers = 0, matched = 0;
    std::vector<Change> changes;     // matched answers with anything to report, in the new run's order
    std::vector<Unmatched> added;    // in the new run only, in its order
    std::vector<Unmatched> removed;  // in the old run only, in its order
    std::vector<std::string> notes;  // e.g. the two runs used different rubrics

    std::size_t regressions() const;
    bool regression() const { return regressions() > 0; }
};

// Compares two runs. Answers are matched by id; when an id appears more than
// once in either run, the answers with that id are matched by id and source.
// A matched answer is listed in `changes` when its score moved by more than
// the tolerance, it newly fails or passes, or its pitfalls changed. Pitfalls
// are compared only when the answer was graded in both runs.
DiffResult diff(const std::vector<Record>& old, const std::vector<Record>& now, const DiffOptions& options);
// The same, with a note when the reports used different rubrics or pass marks.
DiffResult diff(const Report& old, const Report& now, const DiffOptions& options);

// A readable table per kind of change and a closing verdict line; ANSI
// colours when `color` (red regressions, green improvements).
void print_diff(std::ostream& os, const DiffResult& result, bool color);
// The result as a JSON document (docs/diff-and-trend.md) and as Markdown for
// a pull-request comment.
std::string diff_json(const DiffResult& result);
std::string diff_markdown(const DiffResult& result);

}  // namespace sg::report::baseline
