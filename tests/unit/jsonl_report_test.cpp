// The JSON Lines report writer: one answer object of the JSON report per line.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "input/answer.hpp"
#include "report/writers.hpp"
#include "rubric/loader.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using sg::pipeline::Graded;
using ordered_json = nlohmann::ordered_json;

const sg::pipeline::Engine& tpm() { return test::tpm_engine(); }

std::vector<Graded> samples() {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(std::string(STARGRADE_REPO) + "/samples"))
        if (e.path().extension() == ".md" || e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<Graded> out;
    for (const auto& f : files) out.push_back(tpm().grade(sg::input::read_answer(f.string(), f.stem().string()), {}));
    return out;
}

std::string render(const std::vector<Graded>& answers, bool via_json = false) {
    std::ostringstream os;
    auto w = sg::report::make_jsonl_writer(tpm(), os);
    w->begin(sg::report::RunInfo{});
    sg::report::Summary s;
    for (const auto& g : answers) {
        if (via_json) w->add_json(sg::report::answer_to_json(g));
        else w->add(g);
        sg::report::tally(s, g);
    }
    w->finish(s);
    return os.str();
}

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (auto nl = s.find('\n'); nl != std::string::npos; nl = s.find('\n', start)) {
        out.push_back(s.substr(start, nl - start));
        start = nl + 1;
    }
    REQUIRE(start == s.size());  // ends with a line end, nothing after it
    return out;
}

}  // namespace

TEST_CASE("jsonl: one line per answer, each the JSON report's answer object", "[jsonl]") {
    auto all = samples();
    auto out = render(all);
    auto lines = lines_of(out);
    REQUIRE(lines.size() == all.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        INFO(lines[i]);
        auto j = ordered_json::parse(lines[i]);
        CHECK(j == sg::report::answer_to_json(all[i]));
        CHECK(j["id"] == all[i].answer.id);  // input order
    }
    // The summary goes nowhere: no line is anything but an answer.
    for (const auto& l : lines) CHECK(ordered_json::parse(l).contains("status"));
}

TEST_CASE("jsonl: line ends and bad bytes inside values never split a line", "[jsonl]") {
    Graded g;
    g.answer.id = "multi\nline";
    g.answer.source = "caf\xe9.md";  // not UTF-8
    g.status = sg::pipeline::Status::Error;
    g.error = "first\r\nsecond\n\u2028third";
    auto out = render({g});
    auto lines = lines_of(out);
    REQUIRE(lines.size() == 1);
    auto j = ordered_json::parse(lines[0]);
    CHECK(j["id"] == "multi\nline");
    CHECK(j["error"] == "first\r\nsecond\n\u2028third");
    CHECK(j["source"] == "caf\xEF\xBF\xBD.md");
}

TEST_CASE("jsonl: answers from JSON reports come out the same", "[jsonl]") {
    auto all = samples();
    CHECK(render(all, true) == render(all));
}

TEST_CASE("jsonl: an empty run is an empty file", "[jsonl]") { CHECK(render({}).empty()); }
