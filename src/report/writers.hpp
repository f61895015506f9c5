#pragma once
// Report writers for people and CI, beside the JSON and CSV ones in writer.hpp:
//
//   html      one self-contained page: overview, charts, a sortable table of
//             answers with each answer's text marked in place, trends
//   markdown  a summary for a CI job summary or a pull-request comment
//   junit     JUnit XML: one testsuite per question, one testcase per answer
//   jsonl     JSON Lines: one answer object (as in the JSON report) per line
//
// All stream into `out`, which outlives the writer; docs/reports.md describes
// each format. JSON Lines, JUnit and Markdown need no more than the JSON report
// holds, so they also take answers read back from JSON reports (add_json).
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

#include "pipeline/grader.hpp"
#include "report/writer.hpp"

namespace sg::report {

std::unique_ptr<Writer> make_html_writer(const pipeline::Engine& engine, std::ostream& out);
std::unique_ptr<Writer> make_markdown_writer(const pipeline::Engine& engine, std::ostream& out);
std::unique_ptr<Writer> make_junit_writer(const pipeline::Engine& engine, std::ostream& out);
std::unique_ptr<Writer> make_jsonl_writer(const pipeline::Engine& engine, std::ostream& out);

// Text helpers the writers share (defined in junit.cpp).
//
// Valid UTF-8 holding only characters XML 1.0 allows: bytes that are not UTF-8
// and the other characters (most C0 controls, U+FFFE, U+FFFF) become U+FFFD.
std::string clean_text(std::string_view text);
// clean_text, escaped for XML or HTML content (& < >) or, with attribute, for a
// double-quoted attribute value (also " ' and tab, LF, CR as references).
std::string escape_xml(std::string_view text, bool attribute = false);

}  // namespace sg::report
