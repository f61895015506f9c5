// pipeline::grade_all: every source graded, results in input order, errors kept.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "input/discovery.hpp"
#include "pipeline/runner.hpp"
#include "test_support.hpp"

using sg::pipeline::Status;

TEST_CASE("grade_all keeps input order on several threads and turns bad sources into error rows", "[runner]") {
    test::TempDir dir;
    std::vector<sg::input::Source> sources;
    for (int i = 0; i < 12; ++i) {
        std::string id = "answer-" + std::to_string(100 + i);
        std::string path = dir.write(id + ".md", "---\nquestion: why-tpm\n---\nI like teams, answer " +
                                                    std::to_string(i) + ".\n");
        sources.push_back({path, id, ""});
    }
    sources.push_back({dir.str() + "/missing.md", "missing", "missing.md: no such file or folder"});
    sources.push_back({dir.write("big.md", std::string(100, 'x')), "big", ""});

    sg::pipeline::RunOptions options;
    options.jobs = 4;
    options.read.max_bytes = 60;
    auto results = sg::pipeline::grade_all(test::test_engine(), sources, options);
    REQUIRE(results.size() == sources.size());
    for (std::size_t i = 0; i < 12; ++i) {
        INFO(i);
        CHECK(results[i].answer.id == sources[i].id);
        CHECK(results[i].answer.source == sources[i].path);
        CHECK(results[i].status == Status::Graded);
        CHECK(results[i].question == "why-tpm");
    }
    CHECK(results[12].status == Status::Error);
    CHECK(results[12].answer.id == "missing");
    CHECK(results[12].error == "missing.md: no such file or folder");
    CHECK(results[13].status == Status::Error);
    CHECK_THAT(results[13].error, Catch::EndsWith("big.md: the file is 100 bytes, over the limit of 60 bytes (--max-bytes)"));
}

TEST_CASE("grade_all with one job gives the same results as with many", "[runner]") {
    test::TempDir dir;
    std::vector<sg::input::Source> sources;
    for (int i = 0; i < 5; ++i)
        sources.push_back({dir.write("a" + std::to_string(i) + ".md", "I migrated Kafka " + std::to_string(i) +
                                                                          " times and cut latency by 3" +
                                                                          std::to_string(i) + "%.\n"),
                           "a" + std::to_string(i), ""});
    sg::pipeline::RunOptions one, many;
    one.jobs = 1;
    many.jobs = 3;
    auto a = sg::pipeline::grade_all(test::test_engine(), sources, one);
    auto b = sg::pipeline::grade_all(test::test_engine(), sources, many);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].answer.id == b[i].answer.id);
        CHECK(a[i].score == b[i].score);
        CHECK(a[i].question == b[i].question);
    }
}
