// report::to_json: the report contract, parsed back with nlohmann::json.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "report/report.hpp"
#include "test_support.hpp"

using nlohmann::json;

namespace {

sg::report::RunInfo run_info() {
    sg::report::RunInfo info;
    info.tool_version = "9.8.7";
    info.rubric_path = "rubrics/test.yaml";
    info.pass_mark = 60;
    info.generated_at = "2024-01-02T03:04:05Z";
    return info;
}

std::vector<sg::pipeline::Graded> sample_results() {
    std::vector<sg::pipeline::Graded> results;
    results.push_back(test::grade_text("---\nid: story-1\ncandidate: Jane Doe\ndate: 2024-05-01\nteam: payments\n---\n"
                                       "Situation: Our payments platform was running on one Postgres database.\n"
                                       "Task: My goal was to shard it without any downtime.\n"
                                       "Action: I designed the sharding plan and I wrote the cutover tooling.\n"
                                       "Result: We cut p99 latency from 900 ms to 120 ms.\n",
                                       "story"));
    results.push_back(test::grade_text("---\nquestion: complex-program\n---\nWe basically fixed stuff.\n", "weak"));
    results.push_back(test::grade_text(std::string("bin\0ary", 7), "binary"));
    return results;
}

json report() { return json::parse(sg::report::to_json(test::test_engine(), run_info(), sample_results())); }

}  // namespace

TEST_CASE("the JSON report parses and names the tool and rubric", "[json]") {
    std::string text = sg::report::to_json(test::test_engine(), run_info(), sample_results());
    CHECK_THAT(text, Catch::EndsWith("}\n"));
    json j = json::parse(text);
    CHECK(j["tool"]["name"] == "stargrade");
    CHECK(j["tool"]["version"] == "9.8.7");
    CHECK(j["rubric"]["id"] == "test-rubric");
    CHECK(j["rubric"]["version"] == "2.1.0");
    CHECK(j["rubric"]["path"] == "rubrics/test.yaml");
    CHECK(j["generated_at"] == "2024-01-02T03:04:05Z");
    CHECK(j["pass_mark"] == 60.0);
}

TEST_CASE("the JSON summary counts answers by outcome", "[json]") {
    json j = report();
    const auto& s = j["summary"];
    CHECK(s["answers"] == 3);
    CHECK(s["graded"] == 2);
    CHECK(s["errors"] == 1);
    CHECK(s["skipped"] == 0);
    CHECK(s["passed"] == 1);
    CHECK(s["failed"] == 1);
    CHECK(j["answers"].size() == 3);
}

TEST_CASE("a graded answer has every contract field", "[json]") {
    json j = report();
    const json& a = j["answers"][0];
    CHECK(a["id"] == "story-1");
    CHECK(a["source"] == "story.md");
    CHECK(a["status"] == "graded");
    CHECK(a["error"].is_null());
    CHECK(a["candidate"] == "Jane Doe");
    CHECK(a["date"] == "2024-05-01");
    CHECK(a["question"] == "complex-program");
    REQUIRE(a["question_confidence"].is_number());
    CHECK(a["question_confidence"].get<double>() > 0.2);
    CHECK(a["question_declared"] == false);
    REQUIRE(a["score"].is_number());
    CHECK(a["score"].get<double>() >= 60);
    CHECK(a["band"].is_string());
    CHECK(a["passed"] == true);
    CHECK(a["words"] == 43);
    CHECK(a["metadata"]["team"] == "payments");

    const json& c = a["checks"];
    REQUIRE(c["specificity"]["score"].is_number());
    CHECK(c["specificity"]["applies"] == true);
    const json& parts = c["star"]["parts"];
    CHECK(parts["situation"] == true);
    CHECK(parts["task"] == true);
    CHECK(parts["action"] == true);
    CHECK(parts["result"] == true);
    CHECK(c["metrics"]["count"] == 1);
    CHECK(c["pitfalls"]["found"].is_array());
    CHECK(c["pitfalls"]["found"].empty());
    CHECK(c["coverage"]["applies"] == true);
    for (const auto* name : {"specificity", "star", "metrics", "pitfalls", "coverage"}) {
        INFO(name);
        CHECK(c[name]["findings"].is_array());
    }
    CHECK(a["competencies"] == json::array({"delivery"}));
    CHECK(a["follow_ups"] == json::array({"What would you do differently?"}));
}

TEST_CASE("pitfalls found and findings carry their place", "[json]") {
    json j = report();
    const json& a = j["answers"][1];
    CHECK(a["status"] == "graded");
    CHECK(a["question_declared"] == true);
    CHECK(a["question_confidence"] == 1.0);
    CHECK(a["passed"] == false);
    CHECK(a["candidate"].is_null());
    const json& found = a["checks"]["pitfalls"]["found"];
    REQUIRE(found.size() == 2);
    CHECK(found[0]["id"] == "no-technology");
    CHECK(found[1]["id"] == "vague-story");
    CHECK(found[1]["evidence"][0]["line"] == 4);
    CHECK(found[1]["evidence"][0]["column"] == 4);
    CHECK(found[1]["evidence"][0]["excerpt"] == "basically");

    // A finding without a place has null line, column and excerpt.
    const json& missing = a["checks"]["star"]["findings"][0];
    CHECK(missing["rule"] == "star/missing-situation");
    CHECK(missing["line"].is_null());
    CHECK(missing["column"].is_null());
    CHECK(missing["excerpt"].is_null());
    std::vector<std::pair<int, int>> vague;
    for (const auto& f : a["checks"]["specificity"]["findings"])
        if (f["rule"] == "specificity/vague") vague.emplace_back(f["line"].get<int>(), f["column"].get<int>());
    CHECK(vague == std::vector<std::pair<int, int>>{{4, 4}, {4, 20}});
}

TEST_CASE("STAR score is null when STAR does not apply", "[json]") {
    auto results = std::vector<sg::pipeline::Graded>{
        test::grade_text("---\nquestion: why-tpm\n---\nI like connecting teams.\n", "opinion")};
    json j = json::parse(sg::report::to_json(test::test_engine(), run_info(), results));
    const json& star = j["answers"][0]["checks"]["star"];
    CHECK(star["applies"] == false);
    CHECK(star["score"].is_null());
    CHECK(j["answers"][0]["checks"]["specificity"]["score"].is_number());
}

TEST_CASE("an error answer has its error and null scores", "[json]") {
    json j = report();
    const json& a = j["answers"][2];
    CHECK(a["id"] == "binary");
    CHECK(a["source"] == "binary.md");
    CHECK(a["status"] == "error");
    CHECK(a["error"] == "binary.md: binary data (a NUL byte at byte 3); answers must be text");
    CHECK(a["candidate"].is_null());
    CHECK(a["question"].is_null());
    CHECK(a["question_confidence"].is_null());
    CHECK(a["score"].is_null());
    CHECK(a["band"].is_null());
    CHECK(a["passed"] == false);
    CHECK(a["checks"].is_object());
    CHECK(a["checks"].empty());
}

TEST_CASE("summarise counts each status", "[json]") {
    auto results = sample_results();
    results[1].status = sg::pipeline::Status::Skipped;
    auto s = sg::report::summarise(results);
    CHECK(s.answers == 3);
    CHECK(s.graded == 1);
    CHECK(s.skipped == 1);
    CHECK(s.errors == 1);
    CHECK(s.passed == 1);
    CHECK(s.failed == 0);
}
