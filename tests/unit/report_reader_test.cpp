// report::ReportReader: a JSON report read back one answer at a time.
#include <catch2/catch.hpp>

#include <sstream>

#include "report/report_reader.hpp"
#include "report/writer.hpp"
#include "test_support.hpp"

TEST_CASE("a written report reads back with its header and every answer in order", "[report_reader]") {
    std::vector<sg::pipeline::Graded> results;
    results.push_back(test::grade_text("I led the migration; latency fell 40% in 6 weeks.\n", "a"));
    results.push_back(test::grade_text("", "empty"));
    results.push_back(test::grade_text("We did things. Say \"quotes\" and \\ back\\slash ]}.\n", "c"));
    sg::report::RunInfo info;
    info.tool_version = "9.9";
    std::string json = sg::report::to_json(test::test_engine(), info, results);
    test::TempDir d;
    std::string path = d.write("r.json", json);
    sg::report::ReportReader r;
    std::string err;
    REQUIRE(r.open(path, err));
    CHECK(r.header()["tool"]["version"] == "9.9");
    std::vector<std::string> ids;
    nlohmann::ordered_json a;
    while (r.next(a)) ids.push_back(a["id"].get<std::string>());
    CHECK(r.error().empty());
    CHECK(ids == std::vector<std::string>{"a", "empty", "c"});
}

TEST_CASE("a file that is not a report gets an error naming the file and byte", "[report_reader]") {
    test::TempDir d;
    sg::report::ReportReader a, b, c;
    std::string err;
    CHECK_FALSE(a.open(d.write("list.json", "[1, 2]"), err));
    CHECK_THAT(err, Catch::Contains("list.json: byte 0: not a JSON object"));
    CHECK_FALSE(b.open(d.write("none.json", "{\"tool\": {}}"), err));
    CHECK_THAT(err, Catch::Contains("no \"answers\""));
    REQUIRE(c.open(d.write("cut.json", "{\"tool\": {}, \"answers\": [{\"id\": \"x\"}, {\"id\": "), err));
    nlohmann::ordered_json ans;
    CHECK(c.next(ans));
    CHECK_FALSE(c.next(ans));
    CHECK_THAT(c.error(), Catch::Contains("cut.json: byte") && Catch::Contains("ends"));
}
