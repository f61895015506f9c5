// report::baseline: reading a JSON report back, dates, and comparing two runs.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "report/baseline.hpp"
#include "report/report.hpp"
#include "test_support.hpp"

namespace bl = sg::report::baseline;
using nlohmann::json;

namespace {

std::vector<sg::pipeline::Graded> graded_answers() {
    std::vector<sg::pipeline::Graded> results;
    results.push_back(test::grade_text("---\nid: story\ncandidate: Jane Doe\ndate: 2024-05-01\n---\n"
                                       "Situation: Our payments platform was running on one Postgres database.\n"
                                       "Task: My goal was to shard it without any downtime.\n"
                                       "Action: I designed the sharding plan and I wrote the cutover tooling.\n"
                                       "Result: We cut p99 latency from 900 ms to 120 ms.\n",
                                       "story"));
    results.push_back(test::grade_text("---\nquestion: complex-program\n---\nWe basically fixed stuff.\n", "weak"));
    results.push_back(test::grade_text(std::string("bin\0ary", 7), "binary"));
    return results;
}

std::string report_text(const std::vector<sg::pipeline::Graded>& results) {
    sg::report::RunInfo info;
    info.tool_version = "1.0.0";
    info.rubric_path = "rubrics/test.yaml";
    info.pass_mark = 60;
    info.generated_at = "2024-01-02T03:04:05Z";
    return sg::report::to_json(test::test_engine(), info, results);
}

bl::Record rec(const std::string& id, double score, bool passed, std::vector<std::string> pitfalls = {},
               const std::string& source = "") {
    bl::Record r;
    r.id = id;
    r.source = source.empty() ? id + ".md" : source;
    r.question = "complex-program";
    r.score = score;
    r.band = passed ? "hire" : "no-hire";
    r.passed = passed;
    r.pitfalls = std::move(pitfalls);
    return r;
}

bl::Record error_rec(const std::string& id) {
    bl::Record r;
    r.id = id;
    r.source = id + ".md";
    r.status = "error";
    r.error = id + ".md: the file is empty";
    return r;
}

std::string invalid(const std::string& text) {
    bl::Report r;
    std::string error;
    CHECK_FALSE(bl::parse_report(text, "old.json", r, error));
    return error;
}

const char* kMinimal = R"({"tool": {"name": "stargrade"}, "answers": [
  {"id": "a", "source": "a.md", "status": "graded", "score": 70.5, "band": "hire", "passed": true},
  {"id": "b", "source": "b.md", "status": "error", "error": "b.md: empty", "score": null, "passed": false}]})";

}  // namespace

TEST_CASE("a report read back gives the records of the answers graded", "[baseline]") {
    auto results = graded_answers();
    bl::Report report;
    std::string error;
    REQUIRE(bl::parse_report(report_text(results), "r.json", report, error));
    CHECK(error.empty());
    CHECK(report.rubric_id == "test-rubric");
    CHECK(report.rubric_version == "2.1.0");
    REQUIRE(report.pass_mark);
    CHECK(*report.pass_mark == 60);
    REQUIRE(report.answers.size() == results.size());
    for (std::size_t i = 0; i < results.size(); ++i) {
        bl::Record now = bl::record_of(results[i]);
        const bl::Record& back = report.answers[i];
        INFO("answer " << now.id);
        CHECK(back.id == now.id);
        CHECK(back.source == now.source);
        CHECK(back.candidate == now.candidate);
        CHECK(back.question == now.question);
        CHECK(back.date == now.date);
        CHECK(back.status == now.status);
        CHECK(back.score == now.score);
        CHECK(back.band == now.band);
        CHECK(back.passed == now.passed);
        CHECK(back.pitfalls == now.pitfalls);
        CHECK(back.star == now.star);
        CHECK(back.star_applies == now.star_applies);
        CHECK(back.metrics == now.metrics);
    }
    const auto& story = report.answers[0];
    CHECK(story.candidate == "Jane Doe");
    CHECK(story.date == "2024-05-01");
    CHECK(story.star_letters() == "S T A R");
    CHECK(story.star_parts() == 4);
    CHECK(story.metrics >= 1);
    CHECK_FALSE(report.answers[1].pitfalls.empty());
    CHECK(report.answers[2].status == "error");
    CHECK_FALSE(report.answers[2].score);
}

TEST_CASE("a minimal report with only the contract's fields is read", "[baseline]") {
    bl::Report r;
    std::string error;
    REQUIRE(bl::parse_report(kMinimal, "m.json", r, error));
    REQUIRE(r.answers.size() == 2);
    CHECK(*r.answers[0].score == 70.5);
    CHECK(r.answers[0].passed);
    CHECK(r.answers[0].star_letters() == "- - - -");
    CHECK(r.answers[1].error == "b.md: empty");
    CHECK_FALSE(r.answers[1].graded());
}

TEST_CASE("a report that is not a stargrade report names the file and the problem", "[baseline]") {
    CHECK_THAT(invalid("{\"tool\": "), Catch::StartsWith("old.json: not valid JSON: parse error at line 1"));
    CHECK_THAT(invalid(""), Catch::StartsWith("old.json: not valid JSON:"));
    CHECK(invalid("[1, 2]") == "old.json: not a stargrade JSON report: the document: expected an object, found an array");
    CHECK(invalid(R"({"answers": []})") ==
          "old.json: not a stargrade JSON report: tool: missing (a stargrade report starts with \"tool\": "
          "{\"name\": \"stargrade\", ...})");
    CHECK(invalid(R"({"tool": {"name": "eslint"}, "answers": []})") ==
          "old.json: not a stargrade JSON report: tool.name: expected \"stargrade\", found \"eslint\"");
    CHECK(invalid(R"({"tool": {"name": "stargrade"}})") == "old.json: not a stargrade JSON report: answers: missing");
    CHECK(invalid(R"({"tool": {"name": "stargrade"}, "answers": [{"source": "a.md"}]})") ==
          "old.json: not a stargrade JSON report: answers[0].id: missing");
    CHECK(invalid(R"({"tool": {"name": "stargrade"}, "answers": [
            {"id": "a", "source": "a.md", "status": "graded", "score": "high", "passed": true}]})") ==
          "old.json: not a stargrade JSON report: answers[0].score: expected a number or null, found a string");
    CHECK(invalid(R"({"tool": {"name": "stargrade"}, "answers": [
            {"id": "a", "source": "a.md", "status": "done", "score": 1, "passed": true}]})") ==
          "old.json: not a stargrade JSON report: answers[0].status: expected graded, error or skipped, found \"done\"");
    CHECK(invalid(R"({"tool": {"name": "stargrade"}, "answers": [
            {"id": "a", "source": "a.md", "status": "graded", "score": 50}]})") ==
          "old.json: not a stargrade JSON report: answers[0].passed: missing");
    CHECK(invalid(R"({"tool": {"name": "stargrade"}, "answers": [
            {"id": "a", "source": "a.md", "status": "graded", "score": 50, "passed": false,
             "checks": {"pitfalls": {"found": ["we-not-i"]}}}]})") ==
          "old.json: not a stargrade JSON report: answers[0].checks.pitfalls.found[0]: expected an object with an "
          "id, found a string");
    CHECK(invalid(R"({"tool": {"name": "stargrade"}, "answers": [
            {"id": "a", "source": "a.md", "status": "graded", "score": 50, "passed": false,
             "checks": {"metrics": {"count": 1.5}}}]})") ==
          "old.json: not a stargrade JSON report: answers[0].checks.metrics.count: expected a whole number, found 1.5");
}

TEST_CASE("read_report tells a missing file from an invalid one", "[baseline]") {
    test::TempDir dir;
    bl::Report r;
    std::string error;
    CHECK(bl::read_report(dir.str() + "/nope.json", r, error) == bl::ReadStatus::Missing);
    CHECK_THAT(error, Catch::EndsWith("nope.json: no such file"));
    CHECK(bl::read_report(dir.str(), r, error) == bl::ReadStatus::Missing);
    std::string bad = dir.write("bad.json", "{\"tool\": {\"name\": \"stargrade\"}, \"answers\": 3}");
    CHECK(bl::read_report(bad, r, error) == bl::ReadStatus::Invalid);
    CHECK(error == bad + ": not a stargrade JSON report: answers: expected an array, found a number");
    std::string good = dir.write("good.json", kMinimal);
    CHECK(bl::read_report(good, r, error) == bl::ReadStatus::Ok);
    CHECK(r.path == good);
    CHECK(r.answers.size() == 2);
}

TEST_CASE("dates: YYYY-MM-DD and ISO 8601 date-times", "[baseline][date]") {
    long long s = 0, t = 0;
    int ns = 0;
    REQUIRE(bl::parse_date("1970-01-02", s, ns));
    CHECK(s == 86400);
    REQUIRE(bl::parse_date("2024-04-06T18:30:00+02:00", s, ns));
    REQUIRE(bl::parse_date("2024-04-06T16:30:00Z", t, ns));
    CHECK(s == t);
    REQUIRE(bl::parse_date("2024-04-06 16:30", t, ns));
    CHECK(s == t);
    REQUIRE(bl::parse_date("2024-04-06T12:30-0400", t, ns));
    CHECK(s == t);
    REQUIRE(bl::parse_date("2024-04-06T17:30:00+01", t, ns));
    CHECK(s == t);
    REQUIRE(bl::parse_date("2024-04-06T16:30:00.25Z", t, ns));
    CHECK(s == t);
    CHECK(ns == 250000000);
    REQUIRE(bl::parse_date("2024-02-29", s, ns));
    long long day = 0;
    REQUIRE(bl::parse_date("2024-04-06", day, ns));
    REQUIRE(bl::parse_date("2024-04-06T00:00:01", t, ns));
    CHECK(day + 1 == t);

    for (const char* bad : {"", "yesterday", "2024-3-1", "2024/03/01", "2023-02-29", "2024-13-01", "2024-04-31",
                            "2024-04-06T25:00", "2024-04-06T10", "2024-04-06T10:00:00+2", "2024-04-06T10:00:00.Z",
                            "2024-04-06 ", "2024-04-06T10:00 UTC", "06/04/2024"}) {
        INFO(bad);
        CHECK_FALSE(bl::parse_date(bad, s, ns));
    }
}

TEST_CASE("identical runs have nothing to report", "[baseline][diff]") {
    std::vector<bl::Record> run = {rec("a", 70, true, {"we-not-i"}), rec("b", 40, false), error_rec("c")};
    auto d = bl::diff(run, run, {});
    CHECK(d.matched == 3);
    CHECK(d.changes.empty());
    CHECK(d.added.empty());
    CHECK(d.removed.empty());
    CHECK_FALSE(d.regression());
}

TEST_CASE("a score moves when it changes by more than the tolerance", "[baseline][diff]") {
    std::vector<bl::Record> old = {rec("a", 70, true), rec("b", 70, true), rec("c", 70, true), rec("d", 70, true)};
    std::vector<bl::Record> now = {rec("a", 65, true), rec("b", 64.9, true), rec("c", 76, true), rec("d", 75, true)};
    bl::DiffOptions o;  // tolerance 5
    auto d = bl::diff(old, now, o);
    REQUIRE(d.changes.size() == 2);
    CHECK(d.changes[0].key == "b");
    CHECK(d.changes[0].moved_down());
    CHECK(*d.changes[0].delta == Approx(-5.1));
    CHECK(d.changes[0].regressed());
    CHECK(d.changes[1].key == "c");
    CHECK(d.changes[1].moved_up());
    CHECK_FALSE(d.changes[1].regressed());
    CHECK(d.regressions() == 1);

    o.tolerance = 10;
    CHECK(bl::diff(old, now, o).changes.empty());
    o.tolerance = 0;
    CHECK(bl::diff(old, now, o).changes.size() == 4);
    CHECK(bl::diff(old, now, o).regressions() == 2);
}

TEST_CASE("newly failing, newly passing and pitfall changes", "[baseline][diff]") {
    std::vector<bl::Record> old = {rec("fails", 62, true), rec("passes", 58, false, {"no-metrics"}),
                                   rec("gains", 40, false, {"we-not-i"}), rec("breaks", 80, true, {"no-result"}),
                                   rec("fixed", 30, false)};
    std::vector<bl::Record> now = {rec("fails", 59, false), rec("passes", 61, true),
                                   rec("gains", 40, false, {"we-not-i", "no-metrics", "no-metrics"}),
                                   error_rec("breaks"), rec("fixed", 30, false)};
    now[4].status = "skipped";
    now[4].score.reset();
    auto d = bl::diff(old, now, {});
    REQUIRE(d.changes.size() == 5);

    const auto& fails = d.changes[0];
    CHECK(fails.newly_failing);
    CHECK_FALSE(fails.moved);
    CHECK(fails.regressed());

    const auto& passes = d.changes[1];
    CHECK(passes.newly_passing);
    CHECK(passes.resolved_pitfalls == std::vector<std::string>{"no-metrics"});
    CHECK_FALSE(passes.regressed());

    const auto& gains = d.changes[2];
    CHECK(gains.new_pitfalls == std::vector<std::string>{"no-metrics"});
    CHECK(gains.regressed());

    // An answer that cannot be graded now: newly failing, but its pitfalls are not compared.
    const auto& breaks = d.changes[3];
    CHECK(breaks.newly_failing);
    CHECK_FALSE(breaks.delta);
    CHECK(breaks.resolved_pitfalls.empty());

    // Failing before, skipped now: only its status changed.
    const auto& fixed = d.changes[4];
    CHECK_FALSE(fixed.regressed());
    CHECK(fixed.now.status == "skipped");
    CHECK(d.regressions() == 3);
}

TEST_CASE("answers are matched by id, and by id and source when an id repeats", "[baseline][diff]") {
    std::vector<bl::Record> old = {rec("a", 50, false, {}, "old/a.md"), rec("dup", 80, true, {}, "x/one.md"),
                                   rec("dup", 40, false, {}, "x/two.md"), rec("gone", 10, false)};
    std::vector<bl::Record> now = {rec("a", 50, false, {}, "new/a.md"), rec("dup", 40, false, {}, "x/two.md"),
                                   rec("dup", 80, true, {}, "x/one.md"), rec("dup", 70, true, {}, "x/three.md"),
                                   rec("new", 90, true)};
    auto d = bl::diff(old, now, {});
    CHECK(d.matched == 3);  // a (moved folder, same id), both dup by source
    CHECK(d.changes.empty());
    REQUIRE(d.added.size() == 2);
    CHECK(d.added[0].key == "dup (x/three.md)");
    CHECK(d.added[1].key == "new");
    REQUIRE(d.removed.size() == 1);
    CHECK(d.removed[0].key == "gone");
    CHECK_FALSE(d.regression());  // added and removed answers are no regression
}

TEST_CASE("different rubrics or pass marks are noted", "[baseline][diff]") {
    bl::Report old, now;
    old.rubric_id = now.rubric_id = "tpm";
    old.rubric_version = "1.0.0";
    now.rubric_version = "1.1.0";
    old.pass_mark = 60;
    now.pass_mark = 70;
    auto d = bl::diff(old, now, {});
    REQUIRE(d.notes.size() == 2);
    CHECK_THAT(d.notes[0], Catch::Contains("tpm 1.0.0 before, tpm 1.1.0 now"));
    CHECK(d.notes[1] == "the pass mark changed from 60 to 70");
}

TEST_CASE("the diff as text, JSON and Markdown", "[baseline][diff]") {
    std::vector<bl::Record> old = {rec("s01", 80, true), rec("s05", 55, false, {"we-not-i"}), rec("s09", 20, false)};
    std::vector<bl::Record> now = {rec("s01", 48, false, {"no-metrics"}), rec("s05", 66, true),
                                   rec("s13", 70, true)};
    bl::DiffOptions o;
    o.old_label = "old.json";
    o.new_label = "new.json";
    auto d = bl::diff(old, now, o);

    std::ostringstream text;
    bl::print_diff(text, d, false);
    std::string t = text.str();
    CHECK_THAT(t, Catch::StartsWith("Comparing old.json (3 answers) with new.json (3 answers), tolerance 5 points\n"));
    CHECK_THAT(t, Catch::Contains("Score down by more than 5 (1)\n"));
    CHECK_THAT(t, Catch::Contains("  s01     complex-program  80.0  48.0  -32.0\n"));
    CHECK_THAT(t, Catch::Contains("Newly failing (1)\n"));
    CHECK_THAT(t, Catch::Contains("  s01     complex-program  80.0 hire pass  48.0 no-hire FAIL\n"));
    CHECK_THAT(t, Catch::Contains("Newly passing (1)\n"));
    CHECK_THAT(t, Catch::Contains("New pitfalls (1)\n"));
    CHECK_THAT(t, Catch::Contains("Resolved pitfalls (1)\n"));
    CHECK_THAT(t, Catch::Contains("Added (1)\n"));
    CHECK_THAT(t, Catch::Contains("Removed (1)\n"));
    CHECK_THAT(t, Catch::Contains("  s09     s09.md  complex-program   20.0  FAIL\n"));
    CHECK_THAT(t, Catch::EndsWith("REGRESSION: 1 answer regressed (s01)\n"));
    CHECK(t.find("\x1b[") == std::string::npos);

    std::ostringstream colored;
    bl::print_diff(colored, d, true);
    CHECK_THAT(colored.str(), Catch::Contains("\x1b[31m"));

    json j = json::parse(bl::diff_json(d));
    CHECK(j["regression"] == true);
    CHECK(j["tolerance"] == 5.0);
    CHECK(j["old"]["path"] == "old.json");
    CHECK(j["summary"]["matched"] == 2);
    CHECK(j["summary"]["regressed"] == 1);
    CHECK(j["summary"]["newly_failing"] == 1);
    CHECK(j["summary"]["added"] == 1);
    REQUIRE(j["changes"].size() == 2);
    CHECK(j["changes"][0]["id"] == "s01");
    CHECK(j["changes"][0]["delta"] == -32.0);
    CHECK(j["changes"][0]["moved"] == "down");
    CHECK(j["changes"][0]["new_pitfalls"] == json::array({"no-metrics"}));
    CHECK(j["changes"][0]["old"]["score"] == 80.0);
    CHECK(j["changes"][1]["resolved_pitfalls"] == json::array({"we-not-i"}));
    CHECK(j["added"][0]["id"] == "s13");
    CHECK(j["removed"][0]["id"] == "s09");

    std::string md = bl::diff_markdown(d);
    CHECK_THAT(md, Catch::StartsWith("### stargrade diff: regression (1 answer)\n"));
    CHECK_THAT(md, Catch::Contains("| answer | question | old | new | delta | what changed |"));
    CHECK_THAT(md, Catch::Contains("| ❌ `s01` | complex-program | 80.0 hire pass | 48.0 no-hire FAIL | -32.0 |"));
    CHECK_THAT(md, Catch::Contains("**Removed:** `s09` (20.0 no-hire FAIL)"));
}

TEST_CASE("no regression is said so", "[baseline][diff]") {
    std::vector<bl::Record> run = {rec("a", 70, true)};
    std::ostringstream os;
    bl::print_diff(os, bl::diff(run, run, {}), false);
    CHECK_THAT(os.str(), Catch::EndsWith("No regression\n"));
    CHECK_THAT(bl::diff_markdown(bl::diff(run, run, {})), Catch::StartsWith("### stargrade diff: no regression\n"));
}
