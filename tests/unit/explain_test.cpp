// cli::render_explain: what `stargrade explain` shows for one graded answer.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <string>

#include "cli/explain_render.hpp"
#include "util/strings.hpp"
#include "test_support.hpp"

using sg::cli::byte_offset;
using sg::cli::excerpt_end;
using sg::cli::render_explain;
using sg::cli::RenderOptions;

namespace {

const std::string kStory =
    "---\n"
    "id: story\n"
    "candidate: sam-okafor\n"
    "question: complex-program\n"
    "---\n"
    "Situation: Our payments platform was running on one Postgres database.\n"
    "Task: My goal was to shard it without any downtime.\n"
    "Action: I designed the sharding plan and I wrote the migration tooling. I ran the cutover.\n"
    "Result: We cut p99 latency from 900 ms to 120 ms and reduced cost by 30%.\n";

const std::string kVague =
    "---\n"
    "question: complex-program\n"
    "---\n"
    "We basically did various stuff with the team and so on.\n"
    "It was kind of a big program.\n";

std::string plain(const sg::pipeline::Graded& g, std::size_t width = 0) {
    RenderOptions o;
    o.width = width;
    return render_explain(test::test_engine(), g, o);
}

// The rendered line of the answer text that starts with "N |".
std::string text_line(const std::string& out, int n) {
    std::string key = "\n" + std::to_string(n) + " |";
    auto at = out.find(key);
    if (at == std::string::npos) return "";
    auto end = out.find('\n', at + 1);
    return out.substr(at + 1, end - at - 1);
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("explain shows the header: id, source, candidate, question, score and each check", "[explain]") {
    auto g = test::grade_text(kStory, "story");
    REQUIRE(g.status == sg::pipeline::Status::Graded);
    std::string out = plain(g);
    INFO(out);
    CHECK(contains(out, "Answer      story (story.md)\n"));
    CHECK(contains(out, "Candidate   sam-okafor\n"));
    CHECK(contains(out, "Question    complex-program (declared): Tell me about the most technically complex program"));
    CHECK(contains(out, fmt::format("Score       {:.1f}  {}  {} (pass mark 60)", g.score,
                                    g.band_label.empty() ? g.band : g.band_label, g.passed ? "PASS" : "FAIL")));
    for (const auto& c : g.checks) CHECK(contains(out, c.name + " " + fmt::format("{:.1f}", c.score)));
}

TEST_CASE("explain marks where each STAR part starts, at the file's own line numbers", "[explain]") {
    auto g = test::grade_text(kStory, "story");
    std::string out = plain(g);
    INFO(out);
    // Front matter (lines 1-5) is not shown; the answer starts at line 6.
    CHECK_FALSE(contains(out, "candidate: sam-okafor"));
    CHECK(text_line(out, 5).empty());
    CHECK(sg::util::starts_with(text_line(out, 6), "6 | [S] Situation: Our payments platform"));
    CHECK(sg::util::starts_with(text_line(out, 7), "7 | [T] Task: My goal"));
    CHECK(sg::util::starts_with(text_line(out, 8), "8 | [A] Action: I designed"));
    CHECK(sg::util::starts_with(text_line(out, 9), "9 | [R] Result: We cut"));
    CHECK(contains(out, "STAR: present: situation (line 6"));
    CHECK(contains(out, "missing: none"));
}

TEST_CASE("explain puts a metric marker around each outcome's text", "[explain]") {
    auto g = test::grade_text(kStory, "story");
    std::string out = plain(g);
    INFO(out);
    CHECK(text_line(out, 9) ==
          "9 | [R] Result: We cut p99 latency [[metric: from 900 ms to 120 ms]] and reduced cost by [[metric: 30%]].");
    CHECK(contains(out, "Metrics: 2 quantified outcomes:"));
    CHECK(contains(out, "9:28     change         from 900 ms to 120 ms"));
    CHECK(contains(out, "Pitfalls: none found"));
    CHECK(contains(out, "Questions an interviewer would ask next:\n  - What would you do differently?\n"));
}

TEST_CASE("explain puts a pitfall marker with its id around its evidence, and lists advice and follow-ups",
          "[explain]") {
    auto g = test::grade_text(kVague, "vague");
    std::string out = plain(g);
    INFO(out);
    // The vague words are both the pitfall's evidence and specificity findings: one marker, both labels.
    CHECK(text_line(out, 4) ==
          "4 | We {{pitfall vague-story; vague: basically}} did {{pitfall vague-story; vague: various}} "
          "{{pitfall vague-story; vague: stuff}} with the team {{pitfall vague-story: and so on}}.");
    CHECK(contains(text_line(out, 5), "{{pitfall vague-story; vague: kind of}} a big program."));
    CHECK(contains(out, "Pitfalls: 2 found\n"));
    CHECK(contains(out, "  vague-story (-15): The story is too vague.\n"));
    CHECK(contains(out, "    evidence:  4:4 \"basically\""));
    CHECK(contains(out, "    follow-up: What exactly did you build?\n"));
    // A pitfall with nothing to point at says so.
    CHECK(contains(out, "  no-technology (-20): Name the technology you worked with.\n"
                        "    evidence:  none in the text (something is missing)\n"));
    CHECK(contains(out, "Findings in the text:\n  4:4      specificity/vague: Replace 'basically' with a concrete detail.\n"));
    CHECK(contains(out, "Findings without a place:\n"));
    CHECK(contains(out, "  metrics/none: Quantify the result.\n"));
    CHECK(contains(out, "Questions an interviewer would ask next:\n  - What would you do differently?\n"));
}

TEST_CASE("explain lists missing STAR parts and the competencies shown", "[explain]") {
    auto g = test::grade_text(
        "---\nquestion: complex-program\n---\n"
        "Situation: Our payments platform was running on one Postgres database.\n"
        "Action: I designed the sharding plan and I wrote the migration tooling. I ran the cutover.\n",
        "short");
    std::string out = plain(g);
    INFO(out);
    CHECK(contains(out, "STAR: present: situation (line 4, 10 words), action (line 5, 16 words); missing: task, result\n"));
    CHECK(contains(out, "  star/missing-task: "));
    CHECK(contains(out, "  star/missing-result: "));
    CHECK(contains(out, "Competencies shown: Delivery\n"));
}

TEST_CASE("explain: colour mode emits ANSI escapes, plain mode none", "[explain]") {
    auto g = test::grade_text(kVague, "vague");
    RenderOptions color;
    color.color = true;
    std::string c = render_explain(test::test_engine(), g, color);
    std::string p = plain(g);
    CHECK(contains(c, "\x1b[1;31mbasically\x1b[0m"));                    // pitfall evidence in red
    CHECK(contains(c, "\x1b[2;31m[pitfall vague-story; vague]\x1b[0m"));  // with its label
    CHECK(contains(c, "\x1b[2m4 |\x1b[0m"));                              // dim line numbers
    CHECK_FALSE(contains(c, "{{pitfall"));
    CHECK_FALSE(contains(p, "\x1b"));

    auto s = test::grade_text(kStory, "story");
    std::string cs = render_explain(test::test_engine(), s, color);
    CHECK(contains(cs, "\x1b[1;36m[S]\x1b[0m Situation:"));  // STAR tags in cyan
    CHECK(contains(cs, "\x1b[1;32m30%\x1b[0m"));             // metrics in green
    CHECK_FALSE(contains(plain(s), "\x1b"));
}

TEST_CASE("explain: multibyte characters before a highlight do not shift it", "[explain]") {
    auto g = test::grade_text(
        "---\nquestion: complex-program\n---\n"
        "Situation: Our café’s naïve Postgres setup — “über” slow — was running hot.\n"
        "Result: Ça marche: we cut latency from 900 ms to 120 ms and it was basically done, 日本 too.\n"
        "日本語のテキスト — “quoted” stuff.\n",
        "utf8");
    std::string out = plain(g);
    INFO(out);
    CHECK(contains(text_line(out, 5), "we cut latency [[metric: from 900 ms to 120 ms]] and it was "));
    CHECK(contains(text_line(out, 5), "{{pitfall vague-story; vague: basically}} done, 日本 too."));
    CHECK(contains(text_line(out, 4), "[S] Situation: Our café’s naïve Postgres"));
    CHECK(text_line(out, 6) == "6 | 日本語のテキスト — “quoted” {{pitfall vague-story; vague: stuff}}.");
}

TEST_CASE("explain: byte_offset turns a line and a column in code points into a byte offset", "[explain]") {
    const std::string t = "é a\nxü y\n\nz";
    CHECK(byte_offset(t, 1, 1) == 0);
    CHECK(byte_offset(t, 1, 2) == 2);  // after the two bytes of é
    CHECK(byte_offset(t, 1, 3) == 3);
    CHECK(byte_offset(t, 2, 3) == 8);  // x, ü (2 bytes), then the space
    CHECK(byte_offset(t, 2, 99) == 10);  // clamped to the end of the line
    CHECK(byte_offset(t, 4, 1) == 12);
    CHECK(byte_offset(t, 5, 1) == std::string::npos);
    CHECK(byte_offset(t, 0, 1) == std::string::npos);
}

TEST_CASE("explain: excerpt_end finds the end of the excerpted text", "[explain]") {
    const std::string t = "so the  team\nshipped it. Then more words follow here";
    CHECK(excerpt_end(t, 3, "the team shipped it.") == 24);  // white space runs and a line break
    CHECK(excerpt_end(t, 3, "the team shipped...") == 20);   // a cut excerpt
    CHECK(excerpt_end(t, 3, "nothing like it") == 6);        // no match: the word at begin
    CHECK(excerpt_end(t, 25, "Then") == 29);
}

TEST_CASE("explain: marks that overlap nest, repeated ones are dropped, and a mark over a line break reopens",
          "[explain]") {
    auto g = test::grade_text("---\nquestion: complex-program\n---\nalpha beta gamma\ndelta epsilon\n", "nest");
    for (auto& c : g.checks) {
        c.findings.clear();
        if (c.name == "metrics") c.details["outcomes"] = nlohmann::ordered_json::array();
        if (c.name == "star") c.details["starts"] = nlohmann::ordered_json::object();
        if (c.name == "pitfalls") {
            nlohmann::ordered_json ev = nlohmann::ordered_json::array();
            ev.push_back({{"line", 4}, {"column", 1}, {"excerpt", "alpha beta gamma"}});
            ev.push_back({{"line", 4}, {"column", 7}, {"excerpt", "beta"}});  // inside, same pitfall: dropped
            ev.push_back({{"line", 4}, {"column", 12}, {"excerpt", "gamma delta"}});
            c.details["found"] = nlohmann::ordered_json::array();
            c.details["found"].push_back({{"id", "p1"}, {"message", "m"}, {"penalty", 5}, {"evidence", ev}});
        }
        if (c.name == "specificity") c.findings.push_back({"specificity/vague", "v", 4, 7, "beta"});
    }
    std::string out = plain(g);
    INFO(out);
    CHECK(text_line(out, 4) == "4 | {{pitfall p1: alpha {{vague: beta}} gamma}}");
    // "gamma delta" starts inside the first mark and is cut at its end, so nothing reopens on line 5.
    CHECK(text_line(out, 5) == "5 | delta epsilon");

    for (auto& c : g.checks)
        if (c.name == "pitfalls") {
            nlohmann::ordered_json ev = nlohmann::ordered_json::array();
            ev.push_back({{"line", 4}, {"column", 12}, {"excerpt", "gamma delta"}});
            c.details["found"][0]["evidence"] = ev;
        }
    out = plain(g);
    INFO(out);
    CHECK(text_line(out, 4) == "4 | alpha {{vague: beta}} {{pitfall p1: gamma}}");
    CHECK(text_line(out, 5) == "5 | {{pitfall p1: delta}} epsilon");
}

TEST_CASE("explain: --width wraps long answer lines under the same line number", "[explain]") {
    auto g = test::grade_text(kStory, "story");
    std::string out = plain(g, 40);
    INFO(out);
    CHECK(contains(out, "\n8 | [A] Action: I designed the sharding\n  | plan and I wrote the migration\n  | tooling. I ran the cutover.\n"));
    auto start = out.find("\n6 |");
    auto end = out.find("\n\nSTAR");
    REQUIRE(start != std::string::npos);
    REQUIRE(end != std::string::npos);
    for (auto p = start + 1; p < end;) {
        auto nl = out.find('\n', p);
        CHECK(sg::util::utf8_length(std::string_view(out).substr(p, nl - p)) <= 40);
        p = nl + 1;
    }
}

TEST_CASE("explain of an answer that could not be graded shows the error", "[explain]") {
    auto g = test::grade_text("   \n", "empty");
    REQUIRE(g.status == sg::pipeline::Status::Error);
    std::string out = plain(g);
    CHECK(contains(out, "Error       empty.md: the answer is empty"));
}

TEST_CASE("explain shows a percent pitfall's penalty as a share of the score", "[explain]") {
    const auto& engine = test::red_flag_engine();
    auto g = engine.grade(sg::input::parse_answer(kStory + "The delay was their fault.\n", "a.md", "a"), {});
    RenderOptions o;
    std::string out = render_explain(engine, g, o);
    INFO(out);
    CHECK(contains(out, "  blames (-20%): You blame others.\n"));
    CHECK(contains(out, "    evidence:  10:15 \"their fault\""));
}
