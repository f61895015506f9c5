// The JUnit XML report writer over answers graded with the real TPM rubric.
// (tests/cli/junit.sh validates the same output against the XSD with xmllint.)
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <regex>
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

Graded error_answer(const std::string& id, const std::string& message) {
    Graded g;
    g.answer.id = id;
    g.answer.source = id + ".md";
    g.status = sg::pipeline::Status::Error;
    g.error = message;
    return g;
}

std::string render(const std::vector<Graded>& answers, double pass_mark = 60, bool via_json = false) {
    std::ostringstream os;
    auto w = sg::report::make_junit_writer(tpm(), os);
    sg::report::RunInfo info;
    info.tool_version = "9.9.9";
    info.pass_mark = pass_mark;
    info.generated_at = "2026-01-02T03:04:05Z";
    w->begin(info);
    sg::report::Summary s;
    for (const auto& g : answers) {
        if (via_json) w->add_json(sg::report::answer_to_json(g));
        else w->add(g);
        sg::report::tally(s, g);
    }
    w->finish(s);
    return os.str();
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
std::size_t count(const std::string& s, const std::string& part) {
    std::size_t n = 0;
    for (auto at = s.find(part); at != std::string::npos; at = s.find(part, at + part.size())) ++n;
    return n;
}

// The value of attribute `name` in the start tag that begins at `at`.
std::string attr_at(const std::string& xml, std::size_t at, const std::string& name) {
    auto end = xml.find('>', at);
    auto tag = xml.substr(at, end - at);
    std::smatch m;
    if (std::regex_search(tag, m, std::regex(" " + name + "=\"([^\"]*)\""))) return m[1];
    return "";
}

struct SuiteView {
    std::string name, body;
    std::size_t at;
};

std::vector<SuiteView> suites(const std::string& xml) {
    std::vector<SuiteView> out;
    for (auto at = xml.find("<testsuite "); at != std::string::npos; at = xml.find("<testsuite ", at + 1)) {
        auto end = xml.find("</testsuite>", at);
        out.push_back({attr_at(xml, at, "name"), xml.substr(at, end - at), at});
    }
    return out;
}

// Microseconds from an xs:decimal number of seconds with six decimals.
long long micros(const std::string& s) {
    auto dot = s.find('.');
    REQUIRE(dot != std::string::npos);
    REQUIRE(s.size() - dot - 1 == 6);
    return std::stoll(s.substr(0, dot)) * 1000000 + std::stoll(s.substr(dot + 1));
}

}  // namespace

TEST_CASE("junit: one testsuite per question, one testcase per answer, counts that add up", "[junit]") {
    auto all = samples();
    all.push_back(error_answer("broken", "broken.md: the file is empty"));
    auto xml = render(all);
    INFO(xml.substr(0, 3000));
    CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"stargrade\"", 0) == 0);
    sg::report::Summary s;
    for (const auto& g : all) sg::report::tally(s, g);
    CHECK(attr_at(xml, xml.find("<testsuites"), "tests") == std::to_string(all.size()));
    CHECK(attr_at(xml, xml.find("<testsuites"), "failures") == std::to_string(s.failed));
    CHECK(attr_at(xml, xml.find("<testsuites"), "errors") == "1");
    CHECK(attr_at(xml, xml.find("<testsuites"), "skipped") == "0");
    CHECK(attr_at(xml, xml.find("<testsuites"), "timestamp") == "2026-01-02T03:04:05Z");

    auto ss = suites(xml);
    // Suites follow the rubric's question order, then "unknown", then "errors".
    std::vector<std::string> names;
    for (const auto& v : ss) names.push_back(v.name);
    std::vector<std::string> expected;
    for (const auto& q : tpm().rubric().questions)
        if (std::any_of(all.begin(), all.end(), [&](const Graded& g) { return g.status == sg::pipeline::Status::Graded && g.question == q.id; }))
            expected.push_back(q.id);
    if (std::any_of(all.begin(), all.end(), [](const Graded& g) { return g.status == sg::pipeline::Status::Graded && g.question.empty(); }))
        expected.push_back("unknown");
    expected.push_back("errors");
    CHECK(names == expected);

    std::size_t cases = 0, failures = 0, errors = 0;
    long long total_us = 0;
    for (const auto& v : ss) {
        INFO(v.name);
        std::size_t n = count(v.body, "<testcase "), f = count(v.body, "<failure "), e = count(v.body, "<error ");
        CHECK(attr_at(v.body, 0, "tests") == std::to_string(n));
        CHECK(attr_at(v.body, 0, "failures") == std::to_string(f));
        CHECK(attr_at(v.body, 0, "errors") == std::to_string(e));
        long long sum = 0;
        for (auto at = v.body.find("<testcase "); at != std::string::npos; at = v.body.find("<testcase ", at + 1)) {
            CHECK(attr_at(v.body, at, "classname") == "stargrade." + v.name);
            sum += micros(attr_at(v.body, at, "time"));
        }
        CHECK(micros(attr_at(v.body, 0, "time")) == sum);
        CHECK(contains(v.body, "<property name=\"pass_mark\" value=\"60\"/>"));
        total_us += sum;
        cases += n, failures += f, errors += e;
    }
    CHECK(cases == all.size());
    CHECK(failures == s.failed);
    CHECK(errors == 1);
    CHECK(micros(attr_at(xml, xml.find("<testsuites"), "time")) == total_us);
}

TEST_CASE("junit: a failing answer's failure names its score, the pass mark, band and findings", "[junit]") {
    auto all = samples();
    auto it = std::find_if(all.begin(), all.end(), [](const Graded& g) { return g.answer.id == "s09"; });
    REQUIRE(it != all.end());
    REQUIRE_FALSE(it->passed);
    auto xml = render({*it});
    INFO(xml);
    auto at = xml.find("<testcase ");
    CHECK(attr_at(xml, at, "name") == "s09");
    CHECK(attr_at(xml, at, "classname") == "stargrade.plan-from-scratch");
    CHECK(contains(attr_at(xml, at, "file"), "samples/s09-gantt-first-plan.md"));
    std::string message = fmt::format("score {:.1f} &lt; 60 (band {})", std::floor(it->score * 10) / 10, it->band);
    CHECK(contains(xml, "<failure message=\"" + message + "\" type=\"below-pass-mark\">"));
    CHECK(contains(xml, fmt::format("<property name=\"score\" value=\"{:.1f}\"/>", it->score)));
    CHECK(contains(xml, "<property name=\"band\" value=\"" + it->band + "\"/>"));
    CHECK(contains(xml, "<property name=\"candidate\" value=\"jordan-lee\"/>"));
    // Every finding is in the failure text with its place.
    auto failure = xml.substr(xml.find("<failure "), xml.find("</failure>") - xml.find("<failure "));
    for (const auto& c : it->checks)
        for (const auto& f : c.findings) {
            std::string where = f.line > 0 ? fmt::format(" {}:{}", f.line, f.column) : "";
            CHECK(contains(failure, f.rule + where + ": " + sg::report::escape_xml(f.message)));
        }
    CHECK(contains(xml, "<system-out>score "));
}

TEST_CASE("junit: a passing answer has no failure, its findings are in system-out", "[junit]") {
    auto all = samples();
    auto it = std::find_if(all.begin(), all.end(), [](const Graded& g) { return g.answer.id == "s01"; });
    REQUIRE(it != all.end());
    REQUIRE(it->passed);
    auto xml = render({*it});
    CHECK_FALSE(contains(xml, "<failure"));
    CHECK(contains(xml, "failures=\"0\""));
    CHECK(contains(xml, "<property name=\"passed\" value=\"true\"/>"));
    // Graded against a pass mark of 100 (--fail-under 100), the same answer fails.
    sg::pipeline::GradeOptions o;
    o.pass_mark = 100;
    auto g = tpm().grade(sg::input::read_answer(std::string(STARGRADE_REPO) + "/samples/s01-ledger-migration.md", "s01"), o);
    auto strict = render({g}, 100);
    CHECK(contains(strict, "type=\"below-pass-mark\""));
    CHECK(contains(strict, fmt::format("message=\"score {:.1f} &lt; 100 (band strong-hire)\"", std::floor(g.score * 10) / 10)));
}

TEST_CASE("junit: an ungradable answer is an error in the errors suite", "[junit]") {
    auto xml = render({error_answer("gone", "gone.md: no such file or folder")});
    INFO(xml);
    CHECK(contains(xml, "<testsuite name=\"errors\" tests=\"1\" failures=\"0\" errors=\"1\""));
    CHECK(contains(xml, "<testcase classname=\"stargrade.errors\" name=\"gone\" file=\"gone.md\""));
    CHECK(contains(xml, "<error message=\"gone.md: no such file or folder\" type=\"ungradable\">gone.md: no such file or folder</error>"));
}

TEST_CASE("junit: an answer whose question is not detected goes to the unknown suite", "[junit]") {
    auto g = tpm().grade(sg::input::parse_answer("Hello there, nothing to see.\n", "hello.md", "hello"), {});
    REQUIRE(g.status == sg::pipeline::Status::Graded);
    REQUIRE(g.question.empty());
    auto xml = render({g});
    CHECK(contains(xml, "<testsuite name=\"unknown\""));
    CHECK(contains(xml, "classname=\"stargrade.unknown\""));
}

TEST_CASE("junit: all text is escaped and characters XML does not allow are replaced", "[junit]") {
    auto g = error_answer("a<b>&\"c'\t", "x \x01\x1b[31m <tag> & \"q\" \xff\xfe end\r\nnext");
    auto xml = render({g});
    INFO(xml);
    CHECK(contains(xml, "name=\"a&lt;b&gt;&amp;&quot;c&#39;&#9;\""));
    for (char c : std::string("\x01\x1b\xff\xfe")) CHECK(xml.find(c) == std::string::npos);
    CHECK(contains(xml, "message=\"x \xEF\xBF\xBD\xEF\xBF\xBD[31m &lt;tag&gt; &amp; &quot;q&quot; \xEF\xBF\xBD\xEF\xBF\xBD end&#13;&#10;next\""));
    CHECK(contains(xml, ">x \xEF\xBF\xBD\xEF\xBF\xBD[31m &lt;tag&gt; &amp; \"q\" \xEF\xBF\xBD\xEF\xBF\xBD end&#13;\nnext</error>"));
    // Valid multi-byte text is kept as it is.
    CHECK(sg::report::escape_xml("café — ✓ 𝄞") == "café — ✓ 𝄞");
    CHECK(sg::report::clean_text("\xC0\xAF ok \xED\xA0\x80 \xEF\xBF\xBE") == "\xEF\xBF\xBD\xEF\xBF\xBD ok \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD");
}

TEST_CASE("junit: answers from JSON reports give the same testcases, with time 0", "[junit]") {
    auto all = samples();
    auto direct = render(all), merged = render(all, 60, true);
    auto strip = [](std::string s) { return std::regex_replace(s, std::regex(" time=\"[0-9.]+\""), ""); };
    CHECK(strip(direct) == strip(merged));
    CHECK_FALSE(std::regex_search(merged, std::regex(" time=\"0\\.0*[1-9]")));
}

TEST_CASE("junit: an empty run is an empty testsuites element", "[junit]") {
    auto xml = render({});
    CHECK(xml == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"stargrade\" tests=\"0\" failures=\"0\" "
                 "errors=\"0\" skipped=\"0\" time=\"0.000000\" timestamp=\"2026-01-02T03:04:05Z\">\n</testsuites>\n");
}
