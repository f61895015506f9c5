// The Markdown report writer: a job summary / PR comment over answers graded
// with the real TPM rubric.
#include <catch2/catch.hpp>

#include <fmt/format.h>

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
    auto w = sg::report::make_markdown_writer(tpm(), os);
    sg::report::RunInfo info;
    info.pass_mark = 60;
    info.generated_at = "2026-01-02T03:04:05Z";
    w->begin(info);
    sg::report::Summary s;
    for (const auto& g : answers) {
        if (via_json) {
            REQUIRE(w->takes_json());
            w->add_json(sg::report::answer_to_json(g));
        } else {
            w->add(g);
        }
        sg::report::tally(s, g);
    }
    w->finish(s);
    return os.str();
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

// Table rows (lines starting with "| ") after a heading, up to the next blank line.
std::vector<std::string> table_after(const std::string& md, const std::string& heading) {
    auto lines = lines_of(md);
    auto it = std::find(lines.begin(), lines.end(), heading);
    std::vector<std::string> rows;
    if (it == lines.end()) return rows;
    for (++it; it != lines.end() && it->empty(); ++it) {}
    for (; it != lines.end() && !it->empty(); ++it) rows.push_back(*it);
    return rows;
}

// Cell separators: | not escaped with a backslash.
std::size_t bars(const std::string& row) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < row.size(); ++i)
        if (row[i] == '|' && (i == 0 || row[i - 1] != '\\')) ++n;
    return n;
}

}  // namespace

TEST_CASE("markdown: headline counts and pass rate", "[markdown]") {
    auto all = samples();
    auto md = render(all);
    sg::report::Summary s;
    for (const auto& g : all) sg::report::tally(s, g);
    INFO(md);
    CHECK(md.rfind("## stargrade report\n", 0) == 0);
    CHECK(contains(md, "pass mark **60**"));
    CHECK(contains(md, fmt::format("**{} answers**: {} graded", s.answers, s.graded)));
    CHECK(contains(md, fmt::format("**{} passed**, {} failed · pass rate **{:.1f}%** of graded answers", s.passed, s.failed,
                                   100.0 * static_cast<double>(s.passed) / static_cast<double>(s.graded))));
}

TEST_CASE("markdown: bands, questions and the answers table sorted by score, lowest first", "[markdown]") {
    auto all = samples();
    auto md = render(all);
    INFO(md);
    auto bands = table_after(md, "### Bands");
    REQUIRE(bands.size() == 2 + tpm().rubric().scoring.bands.size());
    CHECK(bands[0] == "| Band | From | Answers | Share |");
    for (const auto& b : tpm().rubric().scoring.bands)
        CHECK(contains(md, fmt::format("| {} | {:g} |", b.label.empty() ? b.id : b.label, b.min)));

    auto questions = table_after(md, "### Questions");
    REQUIRE(questions.size() >= 3);
    CHECK(questions[0] == "| Question | Answers | Average | Passed |");
    for (const auto& g : all)
        if (g.question == "complex-program")
            CHECK(contains(md, fmt::format("| complex-program | 1 | {:.1f} | {} (", g.score, g.passed ? 1 : 0)));

    auto table = table_after(md, "### Answers");
    REQUIRE(table.size() == all.size() + 2);
    CHECK(table[0] == "| Id | Candidate | Question | Score | Band | Pass | Top pitfalls |");
    std::vector<double> scores;
    for (std::size_t i = 2; i < table.size(); ++i) {
        CHECK(bars(table[i]) == 8);
        auto cells = table[i];
        // Fourth cell is the score.
        std::size_t p = 0;
        for (int k = 0; k < 4; ++k) p = cells.find('|', p) + 1;
        scores.push_back(std::stod(cells.substr(p, cells.find('|', p) - p)));
    }
    CHECK(std::is_sorted(scores.begin(), scores.end()));
    // Failing answers come before passing ones.
    bool seen_pass = false;
    for (std::size_t i = 2; i < table.size(); ++i) {
        bool pass = contains(table[i], "✅ pass");
        if (pass) seen_pass = true;
        else CHECK_FALSE(seen_pass);
    }
}

TEST_CASE("markdown: failing answers are listed first with their top findings", "[markdown]") {
    auto all = samples();
    auto md = render(all);
    INFO(md);
    auto attention = md.find("### Needs attention");
    REQUIRE(attention != std::string::npos);
    CHECK(attention < md.find("### Bands"));
    CHECK(attention < md.find("### Answers"));
    for (const auto& g : all) {
        if (g.status != sg::pipeline::Status::Graded || g.passed) continue;
        auto at = md.find("- **" + g.answer.id + "** (", attention);
        INFO(g.answer.id);
        REQUIRE(at != std::string::npos);
        CHECK(at < md.find("### Bands"));
    }
    // s09 fails on pitfalls: its heaviest one is the first finding, with its place.
    auto s09 = md.find("- **s09** (jordan-lee, plan-from-scratch)");
    REQUIRE(s09 != std::string::npos);
    auto next = md.find("\n- ", s09 + 1);
    auto block = md.substr(s09, next - s09);
    CHECK(contains(block, "\n  - pitfall/"));
    CHECK(std::count(block.begin(), block.end(), '\n') <= 4);  // at most three findings
}

TEST_CASE("markdown: cells escape pipes and Markdown syntax", "[markdown]") {
    auto g = tpm().grade(sg::input::parse_answer("---\ncandidate: \"a|b *c* _d_ <script> [x](y) `z` & $m$\"\n"
                                                 "question: why-tpm\n---\nI like it basically.\n",
                                                 "weird.md", "we|ird*"),
                         {});
    REQUIRE(g.status == sg::pipeline::Status::Graded);
    Graded err;
    err.answer.id = "broken";
    err.answer.source = "broken.md";
    err.status = sg::pipeline::Status::Error;
    err.error = "broken.md: line one\nline | two";
    auto md = render({g, err});
    INFO(md);
    CHECK(contains(md, "a\\|b \\*c\\* \\_d\\_ \\<script\\> \\[x\\](y) \\`z\\` \\& \\$m\\$"));
    CHECK(contains(md, "we\\|ird\\*"));
    CHECK_FALSE(contains(md, "<script>"));
    // The error is on one line, in the attention list and as a row of the table.
    CHECK(contains(md, "- **broken**: error: broken.md: line one line \\| two\n"));
    auto table = table_after(md, "### Answers");
    REQUIRE(table.size() == 4);
    for (std::size_t i = 2; i < table.size(); ++i) CHECK(bars(table[i]) == 8);
    CHECK(contains(table[2], "| broken |"));  // errors first
    CHECK(contains(md, "**1 error**"));
}

TEST_CASE("markdown: the same summary from JSON report answers", "[markdown]") {
    auto all = samples();
    CHECK(render(all, true) == render(all, false));
}

TEST_CASE("markdown: an empty run", "[markdown]") {
    auto md = render({});
    CHECK(contains(md, "**0 answers**: 0 graded"));
    CHECK(contains(md, "pass rate **n/a**"));
    CHECK(contains(md, "No answers."));
    CHECK_FALSE(contains(md, "### Needs attention"));
}
