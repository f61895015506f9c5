// report::to_csv and csv_field: RFC 4180 quoting, header, one row per answer.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "report/report.hpp"
#include "test_support.hpp"

using sg::report::csv_field;
using Row = std::vector<std::string>;

namespace {

// A strict RFC 4180 reader: CRLF record ends, quoted fields with "" for a quote.
// Throws on anything malformed, which fails the test.
std::vector<Row> parse_csv(const std::string& s) {
    auto bad = [&](std::size_t at) { throw std::runtime_error("malformed CSV at byte " + std::to_string(at)); };
    std::vector<Row> rows;
    Row row;
    std::string field;
    std::size_t i = 0;
    while (i < s.size()) {
        if (s[i] == '"') {
            for (++i;; ++i) {
                if (i >= s.size()) bad(i);
                if (s[i] != '"') {
                    field += s[i];
                } else if (i + 1 < s.size() && s[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    ++i;
                    break;
                }
            }
        }
        for (; i < s.size() && s[i] != ',' && s[i] != '\r'; ++i) {
            if (s[i] == '"' || s[i] == '\n') bad(i);
            field += s[i];
        }
        if (i >= s.size()) bad(i);
        row.push_back(field);
        field.clear();
        if (s[i] == ',') {
            ++i;
            continue;
        }
        if (s.compare(i, 2, "\r\n") != 0) bad(i);
        rows.push_back(row);
        row.clear();
        i += 2;
    }
    if (!row.empty()) bad(i);
    return rows;
}

const Row kHeader = {"id",       "source", "candidate", "question", "date", "status",   "score",         "band",
                     "passed",   "specificity", "star",  "metrics",  "pitfalls", "coverage", "metrics_count",
                     "pitfalls_found", "capped_by", "error"};

std::size_t col(const std::string& name) {
    for (std::size_t i = 0; i < kHeader.size(); ++i)
        if (kHeader[i] == name) return i;
    FAIL("no column " << name);
    return 0;
}

}  // namespace

TEST_CASE("csv_field quotes per RFC 4180", "[csv]") {
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("") == "");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("line\nbreak") == "\"line\nbreak\"");
    CHECK(csv_field("cr\rhere") == "\"cr\rhere\"");
    CHECK(csv_field("caf\xC3\xA9") == "caf\xC3\xA9");
}

TEST_CASE("a field with quotes, commas and newlines reads back unchanged", "[csv]") {
    const std::string tricky = "Doe, \"JD\"\nJane";
    auto rows = parse_csv(csv_field(tricky) + "," + csv_field("x") + "\r\n");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0] == Row{tricky, "x"});
}

TEST_CASE("the CSV report has a header and one row per answer, error rows included", "[csv]") {
    const auto& engine = test::test_engine();
    std::vector<sg::pipeline::Graded> results;
    results.push_back(test::grade_text("---\nid: good-1\ncandidate: \"Doe, Jane\"\nquestion: complex-program\n---\n"
                                       "Situation: Our payments platform was running on one Postgres database.\n"
                                       "Task: My goal was to shard it without any downtime.\n"
                                       "Action: I designed the sharding plan and I wrote the migration tooling.\n"
                                       "Result: We cut p99 latency from 900 ms to 120 ms.\n",
                                       "a"));
    results.push_back(test::grade_text("We basically did stuff and things, honestly various stuff.\n", "vague"));
    results.push_back(test::grade_text("", "empty"));
    results.push_back(test::grade_text("---\nquestion: nope-nope-nope\n---\nText.\n", "unknown"));

    std::string csv = sg::report::to_csv(engine, results);
    CHECK_THAT(csv, Catch::StartsWith("id,source,candidate,question,date,status,score,band,passed,specificity,star,"
                                      "metrics,pitfalls,coverage,metrics_count,pitfalls_found,capped_by,error\r\n"));
    auto rows = parse_csv(csv);
    REQUIRE(rows.size() == 5);
    CHECK(rows[0] == kHeader);
    for (const auto& r : rows) CHECK(r.size() == kHeader.size());

    const Row& good = rows[1];
    const auto& g = results[0];
    CHECK(good[col("id")] == "good-1");
    CHECK(good[col("source")] == "a.md");
    CHECK(good[col("candidate")] == "Doe, Jane");
    CHECK(good[col("question")] == "complex-program");
    CHECK(good[col("status")] == "graded");
    CHECK(good[col("score")] == fmt::format("{:.1f}", g.score));
    CHECK(good[col("band")] == g.band);
    CHECK(good[col("passed")] == (g.passed ? "true" : "false"));
    CHECK(good[col("star")] == fmt::format("{:.1f}", g.check("star")->score));
    CHECK(good[col("metrics_count")] == "1");
    CHECK(good[col("pitfalls_found")] == "");
    CHECK(good[col("error")] == "");

    const Row& vague = rows[2];
    CHECK(vague[col("status")] == "graded");
    CHECK(vague[col("question")] == "");
    CHECK(vague[col("star")] == "");      // STAR does not apply without a question
    CHECK(vague[col("coverage")] == "");
    CHECK(vague[col("metrics_count")] == "0");

    const Row& empty = rows[3];
    CHECK(empty[col("id")] == "empty");
    CHECK(empty[col("status")] == "error");
    CHECK(empty[col("score")] == "");
    CHECK(empty[col("band")] == "");
    CHECK(empty[col("passed")] == "false");
    CHECK(empty[col("specificity")] == "");
    CHECK(empty[col("error")] == "empty.md: the answer is empty");

    const Row& unknown = rows[4];
    CHECK(unknown[col("status")] == "error");
    CHECK_THAT(unknown[col("error")], Catch::Contains("unknown question 'nope-nope-nope'"));
}

TEST_CASE("the CSV report lists pitfalls found, separated by semicolons", "[csv]") {
    std::vector<sg::pipeline::Graded> results;
    results.push_back(test::grade_text("---\nquestion: complex-program\n---\nWe basically fixed stuff.\n", "p"));
    auto rows = parse_csv(sg::report::to_csv(test::test_engine(), results));
    REQUIRE(rows.size() == 2);
    CHECK(rows[1][col("pitfalls_found")] == "no-technology;vague-story");
    CHECK(rows[1][col("pitfalls")] == "65.0");
}

TEST_CASE("capped_by names the caps that held", "[csv][caps]") {
    const sg::pipeline::Engine engine(test::test_rubric_with(
        "    - {id: weak, min: 0, label: Weak}\n",
        "  caps:\n"
        "    - {id: posting, max: 10, message: A posting., when: {matches: {phrases: [\"you will\"]}}}\n"
        "    - {id: pasted, max: 20, message: Pasted., when: {matches: {phrases: [\"a plus\"]}}}\n"));
    std::vector<sg::pipeline::Graded> results;
    for (const char* text : {"I built Kafka consumers. You will too; Postgres is a plus.\n", "I built Kafka consumers.\n"})
        results.push_back(engine.grade(sg::input::parse_answer(text, "a.md", "a"), {}));
    auto rows = parse_csv(sg::report::to_csv(engine, results));
    REQUIRE(rows.size() == 3);
    CHECK(rows[1][col("capped_by")] == "posting;pasted");
    CHECK(rows[1][col("score")] == fmt::format("{:.1f}", std::min(results[0].uncapped_score, 10.0)));
    CHECK(rows[2][col("capped_by")] == "");
}

TEST_CASE("an empty run is only the header", "[csv]") {
    auto rows = parse_csv(sg::report::to_csv(test::test_engine(), {}));
    REQUIRE(rows.size() == 1);
    CHECK(rows[0] == kHeader);
}
