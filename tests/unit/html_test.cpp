// The HTML report writer: a self-contained page over answers graded with the
// real TPM rubric.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
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

Graded grade(const std::string& raw, const std::string& id) {
    return tpm().grade(sg::input::parse_answer(raw, id + ".md", id), {});
}

std::vector<Graded> samples() {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(std::string(STARGRADE_REPO) + "/samples"))
        if (e.path().extension() == ".md" || e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<Graded> out;
    for (const auto& f : files)
        out.push_back(tpm().grade(sg::input::read_answer(f.string(), f.stem().string()), {}));
    return out;
}

std::string render(const std::vector<Graded>& answers, double pass_mark = 60) {
    std::ostringstream os;
    auto w = sg::report::make_html_writer(tpm(), os);
    sg::report::RunInfo info;
    info.tool_version = "9.9.9";
    info.rubric_path = "rubrics/tpm.yaml";
    info.pass_mark = pass_mark;
    info.generated_at = "2026-01-02T03:04:05Z";
    w->begin(info);
    sg::report::Summary s;
    for (const auto& g : answers) {
        w->add(g);
        sg::report::tally(s, g);
    }
    w->finish(s);
    return os.str();
}

std::size_t count(const std::string& s, const std::string& part) {
    std::size_t n = 0;
    for (auto at = s.find(part); at != std::string::npos; at = s.find(part, at + part.size())) ++n;
    return n;
}
bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// The <tbody> of the answer with this data-id.
std::string row_of(const std::string& page, const std::string& id) {
    auto at = page.find("data-id=\"" + id + "\"");
    if (at == std::string::npos) return "";
    auto begin = page.rfind("<tbody", at);
    auto end = page.find("</tbody>", at);
    return page.substr(begin, end - begin);
}

const std::string kStory =
    "---\n"
    "id: story\n"
    "candidate: priya-raman\n"
    "question: complex-program\n"
    "date: 2026-01-10\n"
    "---\n"
    "**Situation:** In 2022 I was the TPM for the migration of our payments ledger from Oracle to Amazon Aurora "
    "PostgreSQL with Kafka feeding reconciliation, across five teams and 30 engineers.\n"
    "\n"
    "**Task:** I owned the program, with a goal of zero lost transactions and cut-over before the licence renewal.\n"
    "\n"
    "**Action:** I mapped every read and write path with the tech leads. I pushed for change data capture with "
    "Debezium, I wrote the dual-run plan and I ran a weekly risk review with the SRE lead.\n"
    "\n"
    "**Result:** Reconciliation time fell from 7 hours to 25 minutes and p99 latency dropped from 900 ms to 120 ms.\n";

const std::string kNasty =
    "---\n"
    "id: evil\n"
    "candidate: \"<b>eve</b> & co\"\n"
    "question: why-tpm\n"
    "---\n"
    "I want to be a TPM <script>alert(\"x\")</script> because Q&A & planning matter, "
    "and <img src=x onerror=alert(1)> basically stuff.\n";

}  // namespace

TEST_CASE("html: one self-contained page that loads nothing", "[html]") {
    auto page = render(samples());
    CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(contains(page, "<meta charset=\"utf-8\">"));
    CHECK(contains(page, "Content-Security-Policy"));
    CHECK(count(page, "<script") == 1);  // ours, inline
    CHECK_FALSE(contains(page, "<script src"));
    CHECK_FALSE(contains(page, "<link"));
    CHECK_FALSE(contains(page, "@import"));
    CHECK_FALSE(contains(page, "url("));
    CHECK_FALSE(contains(page, "<img"));
    // The only URL is the SVG namespace, which is a name, not a fetch.
    std::string rest = page;
    for (auto at = rest.find("http://www.w3.org/2000/svg"); at != std::string::npos; at = rest.find("http://www.w3.org/2000/svg"))
        rest.erase(at, 26);
    CHECK_FALSE(contains(rest, "http://"));
    CHECK_FALSE(contains(rest, "https://"));
    CHECK(page.size() < 2 * 1024 * 1024);
}

TEST_CASE("html: header, overview, charts and one row per answer", "[html]") {
    auto all = samples();
    REQUIRE(all.size() == 12);
    auto page = render(all);
    sg::report::Summary s;
    for (const auto& g : all) sg::report::tally(s, g);
    CHECK(contains(page, "Rubric <b>tpm</b>"));
    CHECK(contains(page, "pass mark <b>60</b>"));
    CHECK(contains(page, fmt::format("<b>{}</b> answers", s.answers)));
    CHECK(contains(page, fmt::format("<b>{}</b> passed", s.passed)));
    CHECK(contains(page, fmt::format("<b>{}</b> failed", s.failed)));
    // Pass rate card.
    CHECK(contains(page, fmt::format("<div class=\"v\">{:.0f}%</div><div class=\"k\">pass rate",
                                     100.0 * static_cast<double>(s.passed) / static_cast<double>(s.graded))));
    // Histogram: ten bins and the pass mark line.
    auto hist_begin = page.find("<title>Score distribution</title>");
    REQUIRE(hist_begin != std::string::npos);
    auto hist = page.substr(hist_begin, page.find("</svg>", hist_begin) - hist_begin);
    CHECK(count(hist, "<rect class=\"bar") == 10);
    CHECK(contains(hist, "passline"));
    CHECK(contains(hist, ">pass 60</text>"));
    // Bins hold every graded answer.
    std::regex bin(R"(<title>\d+–\d+: (\d+) answers?</title>)");
    std::size_t in_bins = 0;
    for (auto it = std::sregex_iterator(hist.begin(), hist.end(), bin); it != std::sregex_iterator(); ++it)
        in_bins += std::stoul((*it)[1]);
    CHECK(in_bins == s.graded);
    // Per-question and per-competency bars.
    CHECK(contains(page, "<title>Average score by question</title>"));
    CHECK(contains(page, "<title>Average score by competency</title>"));
    CHECK(contains(page, ">complex-program</text>"));
    // Bands of the rubric, with counts.
    CHECK(contains(page, ">Strong hire</span>"));
    CHECK(contains(page, ">Strong no hire</span>"));
    // One <tbody> per answer, in input order, with sort keys.
    CHECK(count(page, "<tbody class=\"ans\"") == all.size());
    CHECK(page.find("data-id=\"s01\"") < page.find("data-id=\"s12\""));
    for (const auto& g : all) {
        auto row = row_of(page, g.answer.id);
        INFO(g.answer.id);
        REQUIRE_FALSE(row.empty());
        CHECK(contains(row, fmt::format("data-score=\"{:.3f}\"", g.score)));
        CHECK(contains(row, fmt::format("<td class=\"num score\">{:.1f}</td>", g.score)));
        CHECK(contains(row, g.passed ? "\u2713 pass" : "\u2717 fail"));
        CHECK(contains(row, "<details>"));
    }
    CHECK(contains(page, "<th data-key=\"score\""));
    CHECK(contains(page, "id=\"filter\""));
}

TEST_CASE("html: the answer text with STAR starts, metrics and pitfalls marked in place", "[html]") {
    auto g = grade(kStory, "story");
    REQUIRE(g.status == sg::pipeline::Status::Graded);
    auto page = render({g});
    auto row = row_of(page, "story");
    INFO(row);
    // The file's own line numbers: the body starts at line 7, after the front matter.
    CHECK(contains(row, "id=\"a0-L7\" data-n=\"7\""));
    CHECK_FALSE(contains(row, "data-n=\"6\""));
    CHECK_FALSE(contains(row, "candidate: priya-raman"));
    // STAR part starts, before the text they start.
    CHECK(contains(row, "<span class=\"star\" title=\"Situation starts\">S</span>"));
    CHECK(contains(row, "<span class=\"star\" title=\"Result starts\">R</span>"));
    auto r_tag = row.find("title=\"Result starts\"");
    CHECK(r_tag < row.find("Reconciliation time fell"));
    // Metrics are marked where they are, with the excerpt's extent.
    std::regex metric(R"re(<mark class="k-metric" title="metric[^"]*">from 7 hours to 25 minutes</mark>)re");
    CHECK(std::regex_search(row, metric));
    // Each location in the findings lists links to its line.
    CHECK(contains(row, "<h4>Follow-up questions</h4>"));
    CHECK(contains(row, "class=\"legend\""));
    for (const auto& f : g.question.empty() ? std::vector<std::string>{} : g.follow_ups) CHECK(contains(row, sg::report::escape_xml(f)));
}

TEST_CASE("html: pitfall evidence and findings are marked and listed with line:col and advice", "[html]") {
    auto all = samples();
    auto it = std::find_if(all.begin(), all.end(), [](const Graded& g) { return g.answer.id == "s09"; });
    REQUIRE(it != all.end());
    auto page = render({*it});
    auto row = row_of(page, "s09");
    INFO(row.substr(0, 4000));
    CHECK(contains(row, "class=\"k-pitfall"));
    CHECK(contains(row, "title=\"pitfall timeline-first"));
    // Findings of vague words overlap filler pitfall evidence: both kinds on one mark.
    CHECK(std::regex_search(row, std::regex(R"(<mark class="k-finding k-pitfall" title="[^"]*vague[^"]*">basically</mark>)")));
    CHECK(contains(row, "<span class=\"pid\">timeline-first</span>"));
    CHECK(contains(row, "<a class=\"loc\" href=\"#a0-L6\">6:"));
    CHECK(contains(row, "<b>Advice</b>"));
    // Every <mark> closes on its line: no mark spans two line <div>s.
    std::size_t open = 0;
    for (std::size_t p = row.find("<div class=\"ln\""); p != std::string::npos; p = row.find("<div class=\"ln\"", p + 1)) {
        auto end = row.find("</div>", p);
        auto line = row.substr(p, end - p);
        CHECK(count(line, "<mark") == count(line, "</mark>"));
        ++open;
    }
    CHECK(open > 0);
}

TEST_CASE("html: a cap that held is shown with its evidence", "[html][caps]") {
    auto f = std::string(STARGRADE_REPO) + "/tests/cli/data/caps/pasted-posting.md";
    Graded g = tpm().grade(sg::input::read_answer(f, "pasted-posting"), {});
    REQUIRE(g.caps.size() == 1);
    auto row = row_of(render({g}), "pasted-posting");
    INFO(row.substr(0, 4000));
    CHECK(contains(row, "<b>Capped at 15</b> by <span class=\"pid\">pasted-job-posting</span>"));
    CHECK(contains(row, fmt::format("(the checks gave {:.1f})", g.uncapped_score)));
    CHECK(contains(row, "pasted job posting (\"About the role\")"));
    CHECK(contains(row, "<a class=\"loc\" href=\"#a0-L10\">10:1</a> \u201cAbout the role\u201d"));
}

TEST_CASE("html: every piece of text is escaped", "[html]") {
    auto g = grade(kNasty, "evil");
    REQUIRE(g.status == sg::pipeline::Status::Graded);
    Graded err;
    err.answer.id = "bad<id>&\"x\"";
    err.answer.source = "answers/<script>.md";
    err.status = sg::pipeline::Status::Error;
    err.error = "answers/<script>.md: invalid UTF-8 \xff at 1:1 & \x01 more";
    auto page = render({g, err});
    CHECK(count(page, "<script") == 1);
    CHECK_FALSE(contains(page, "<b>eve</b>"));
    CHECK_FALSE(contains(page, "<img src=x"));
    CHECK(contains(page, "&lt;script&gt;alert(\"x\")&lt;/script&gt;"));
    CHECK(contains(page, "Q&amp;A &amp; planning"));
    CHECK(contains(page, "&lt;b&gt;eve&lt;/b&gt; &amp; co"));
    CHECK(contains(page, "data-candidate=\"&lt;b&gt;eve&lt;/b&gt; &amp; co\""));
    CHECK(contains(page, "data-id=\"bad&lt;id&gt;&amp;&quot;x&quot;\""));
    CHECK(contains(page, "answers/&lt;script&gt;.md"));
    // Bytes that are not UTF-8 and control characters become U+FFFD.
    CHECK_FALSE(contains(page, "\xff"));
    CHECK_FALSE(contains(page, "\x01"));
    CHECK(contains(page, "invalid UTF-8 \xEF\xBF\xBD at 1:1 &amp; \xEF\xBF\xBD more"));
    // The error row says so instead of a score.
    auto row = row_of(page, "bad&lt;id&gt;&amp;&quot;x&quot;");
    CHECK(contains(row, "data-score=\"-1\""));
    CHECK(contains(row, "\u26a0 error"));
}

TEST_CASE("html: competency averages are over the answers showing each", "[html]") {
    auto all = samples();
    auto page = render(all);
    const auto& rubric = tpm().rubric();
    for (const auto& c : rubric.competencies) {
        double sum = 0;
        std::size_t n = 0;
        for (const auto& g : all)
            if (g.status == sg::pipeline::Status::Graded &&
                std::find(g.competencies.begin(), g.competencies.end(), c.id) != g.competencies.end())
                sum += g.score, ++n;
        std::string name = c.name.empty() ? c.id : c.name;
        INFO(name);
        if (n == 0)
            CHECK(contains(page, "Not shown by any answer:"));
        else
            CHECK(contains(page, fmt::format("<title>{}: average {:.1f} over {} answer{}</title>", name,
                                             sum / static_cast<double>(n), n, n == 1 ? "" : "s")));
    }
}

TEST_CASE("html: trends per candidate over dated answers", "[html]") {
    auto dated = [](const std::string& date, const std::string& body) {
        return "---\ncandidate: jordan-lee\nquestion: why-tpm\ndate: " + date + "\n---\n" + body;
    };
    std::vector<Graded> gs = {
        grade(dated("2026-03-01", "I want to be a TPM because I am tired of coding and basically like meetings.\n"), "t1"),
        grade(dated("2026-01-15", "Basically I like people and stuff, kind of.\n"), "t0"),
        grade(dated("2026-04-20",
                    "I want to be a TPM because at my last company I led the migration of 14 services to Kubernetes "
                    "across four teams, and I found I was best at aligning the teams on goals and risks. I cut "
                    "release lead time from 3 weeks to 4 days, and I want to do that at a larger scale.\n"),
              "t2"),
    };
    auto page = render(gs);
    auto at = page.find("<section class=\"block\" id=\"trends\">");
    REQUIRE(at != std::string::npos);
    auto trends = page.substr(at);
    CHECK(contains(trends, "<title>Scores of jordan-lee by date</title>"));
    CHECK(contains(trends, "<polyline class=\"trend\""));
    CHECK(count(trends, "<circle class=\"dot") == 3);
    // In date order, whatever the input order.
    CHECK(trends.find(">2026-01-15</td>") < trends.find(">2026-03-01</td>"));
    CHECK(trends.find(">2026-03-01</td>") < trends.find(">2026-04-20</td>"));

    // Without dates there is no trend, and the section says why.
    auto plain = render(samples());
    CHECK(contains(plain, "No trends: a trend needs two or more graded answers by the same candidate with a date"));
}

TEST_CASE("html: an empty run is still a page", "[html]") {
    auto page = render({});
    CHECK(contains(page, "</html>"));
    CHECK(contains(page, "No graded answers."));
    CHECK(contains(page, "No answers."));
}
