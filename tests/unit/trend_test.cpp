// report::trend_point and build_trends: practice logs grouped and ordered by date.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "report/trend.hpp"
#include "test_support.hpp"

using sg::report::TrendPoint;
using sg::report::TrendSeries;

namespace {

TrendPoint pt(const std::string& candidate, const std::string& question, const std::string& date,
              const std::string& source, double score = 50) {
    TrendPoint p;
    p.id = source;
    p.source = source;
    p.candidate = candidate;
    p.question = question;
    p.date = date;
    p.score = score;
    return p;
}

std::vector<std::string> sources(const TrendSeries& s) {
    std::vector<std::string> out;
    for (const auto& p : s.points) out.push_back(p.source);
    return out;
}

}  // namespace

TEST_CASE("trend_point takes what a trend needs of a graded answer", "[trend]") {
    auto g = test::grade_text("---\nid: story\ncandidate: jane\ndate: 2024-05-01\n---\n"
                              "Situation: Our payments platform was running on one Postgres database.\n"
                              "Task: My goal was to shard it without any downtime.\n"
                              "Action: I designed the sharding plan and I wrote the cutover tooling.\n"
                              "Result: We cut p99 latency from 900 ms to 120 ms.\n",
                              "story");
    TrendPoint p;
    REQUIRE(sg::report::trend_point(g, p));
    CHECK(p.id == "story");
    CHECK(p.source == "story.md");
    CHECK(p.candidate == "jane");
    CHECK(p.question == g.question);
    CHECK(p.date == "2024-05-01");
    CHECK(p.score == g.score);
    CHECK(p.star_parts == 4);
    CHECK(p.metrics >= 1);
    CHECK(p.pitfalls.empty());

    auto weak = test::grade_text("---\nquestion: complex-program\n---\nWe basically fixed stuff.\n", "weak");
    REQUIRE(sg::report::trend_point(weak, p));
    CHECK(p.candidate.empty());
    CHECK_FALSE(p.pitfalls.empty());
}

TEST_CASE("answers that were not graded make no trend point", "[trend]") {
    auto error = test::grade_text("", "empty");
    REQUIRE(error.status == sg::pipeline::Status::Error);
    TrendPoint p;
    CHECK_FALSE(sg::report::trend_point(error, p));
}

TEST_CASE("build_trends: per candidate every answer, then per question, by date", "[trend]") {
    auto series = sg::report::build_trends({
        pt("maya", "team-conflict", "2024-03-23", "m3"),
        pt("alex", "complex-program", "2024-04-01", "a5"),
        pt("alex", "delayed-dependency", "2024-02-19", "a2"),
        pt("maya", "program-failure", "2024-04-06T18:30:00+02:00", "m4"),
        pt("alex", "complex-program", "2024-02-05", "a1"),
        pt("maya", "team-conflict", "2024-03-02", "m1"),
        pt("alex", "delayed-dependency", "2024-03-18", "a4"),
        pt("maya", "program-failure", "2024-03-09", "m2"),
    });
    REQUIRE(series.size() == 6);
    CHECK(series[0].candidate == "alex");
    CHECK(series[0].question.empty());
    CHECK(sources(series[0]) == std::vector<std::string>{"a1", "a2", "a4", "a5"});
    CHECK(series[1].candidate == "alex");
    CHECK(series[1].question == "complex-program");
    CHECK(sources(series[1]) == std::vector<std::string>{"a1", "a5"});
    CHECK(series[2].question == "delayed-dependency");
    CHECK(sources(series[2]) == std::vector<std::string>{"a2", "a4"});
    CHECK(series[3].candidate == "maya");
    CHECK(series[3].question.empty());
    CHECK(sources(series[3]) == std::vector<std::string>{"m1", "m2", "m3", "m4"});
    CHECK(series[4].question == "program-failure");
    CHECK(series[5].question == "team-conflict");
    CHECK(series[5].candidate == "maya");
}

TEST_CASE("build_trends orders date-times by the instant they name", "[trend]") {
    // 10:00+02:00 is 08:00Z, before 09:00Z the same day, and the date alone is its midnight.
    auto series = sg::report::build_trends({pt("c", "q", "2024-05-01T09:00:00Z", "b"),
                                            pt("c", "q", "2024-05-01T10:00:00+02:00", "a"),
                                            pt("c", "q", "2024-05-01", "z"), pt("c", "q", "2024-04-30T23:59", "y")});
    REQUIRE(series.size() == 2);
    CHECK(sources(series[1]) == std::vector<std::string>{"y", "z", "a", "b"});
}

TEST_CASE("undated answers come first, by source, a bad date counts as none", "[trend]") {
    auto series = sg::report::build_trends({pt("c", "q", "2024-01-10", "d1"), pt("c", "q", "", "u2"),
                                            pt("c", "q", "next tuesday", "u1"), pt("c", "q", "", "u3"),
                                            pt("c", "q", "2024-01-09", "d0")});
    REQUIRE(series.size() == 2);
    CHECK(sources(series[0]) == std::vector<std::string>{"u1", "u2", "u3", "d0", "d1"});
    CHECK(series[0].points[0].date == "next tuesday");  // kept as written
}

TEST_CASE("same date: ordered by source", "[trend]") {
    auto series = sg::report::build_trends({pt("c", "q", "2024-01-10", "b.md"), pt("c", "q", "2024-01-10", "a.md")});
    CHECK(sources(series[0]) == std::vector<std::string>{"a.md", "b.md"});
}

TEST_CASE("answers without a candidate or a question", "[trend]") {
    auto series = sg::report::build_trends(
        {pt("", "why-tpm", "2024-01-01", "x"), pt("jo", "", "2024-01-02", "y"), pt("jo", "why-tpm", "2024-01-03", "z")});
    REQUIRE(series.size() == 4);
    CHECK(series[0].candidate.empty());
    CHECK(series[0].question.empty());
    CHECK(series[1].candidate.empty());
    CHECK(series[1].question == "why-tpm");
    CHECK(series[2].candidate == "jo");
    CHECK(sources(series[2]) == std::vector<std::string>{"y", "z"});  // "y" has no question: in the first only
    CHECK(series[3].question == "why-tpm");
    CHECK(sources(series[3]) == std::vector<std::string>{"z"});
    CHECK(sg::report::build_trends({}).empty());
}
