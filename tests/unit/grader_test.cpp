// pipeline::Engine: combining check scores, bands, pass/fail, declared and detected questions.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "pipeline/grader.hpp"
#include "test_support.hpp"

using sg::checks::CheckResult;
using sg::pipeline::Graded;
using sg::pipeline::GradeOptions;
using sg::pipeline::Status;

namespace {

CheckResult result(const std::string& name, double score, bool applies = true, double factor = 1) {
    CheckResult r;
    r.name = name;
    r.score = score;
    r.applies = applies;
    r.weight_factor = factor;
    return r;
}

const std::string kStory =
    "Situation: Our payments platform was running on one Postgres database.\n"
    "Task: My goal was to shard it without any downtime.\n"
    "Action: I designed the sharding plan and I wrote the migration tooling. I ran the cutover.\n"
    "Result: We cut p99 latency from 900 ms to 120 ms and reduced cost by 30%.\n";

}  // namespace

TEST_CASE("combine is the weighted mean of the checks that apply", "[grader][scoring]") {
    const auto& engine = test::test_engine();
    // weights: specificity 25, star 20, metrics 20, pitfalls 25, coverage 10
    std::vector<CheckResult> all = {result("specificity", 80), result("star", 50), result("metrics", 100),
                                    result("pitfalls", 70), result("coverage", 0)};
    CHECK(engine.combine(all) == Approx((25 * 80 + 20 * 50 + 20 * 100 + 25 * 70 + 10 * 0) / 100.0));

    SECTION("a check that does not apply drops out and the rest are renormalised") {
        std::vector<CheckResult> no_star = {result("specificity", 80), result("star", 0, false),
                                            result("pitfalls", 100)};
        CHECK(engine.combine(no_star) == Approx(90.0));  // (25*80 + 25*100) / 50
    }
    SECTION("a weight factor scales a check's weight") {
        std::vector<CheckResult> half = {result("specificity", 80), result("metrics", 0, true, 0.5),
                                         result("pitfalls", 100)};
        CHECK(engine.combine(half) == Approx(75.0));  // (2000 + 0 + 2500) / (25 + 10 + 25)
    }
    SECTION("scores are rounded to one decimal and clamped") {
        CHECK(engine.combine({result("specificity", 66.66), result("pitfalls", 0)}) == Approx(33.3));
        CHECK(engine.combine({result("pitfalls", 250)}) == Approx(100));
        CHECK(engine.combine({result("pitfalls", -5)}) == Approx(0));
        CHECK(engine.combine({}) == Approx(0));
    }
}

TEST_CASE("band is the first band whose min is at or below the score", "[grader][scoring]") {
    const auto& engine = test::test_engine();
    REQUIRE(engine.band(100));
    CHECK(engine.band(100)->id == "strong");
    CHECK(engine.band(80)->id == "strong");
    CHECK(engine.band(80)->label == "Strong");
    CHECK(engine.band(79.9)->id == "fair");
    CHECK(engine.band(50)->id == "fair");
    CHECK(engine.band(49.9)->id == "weak");
    CHECK(engine.band(0)->id == "weak");
    CHECK(engine.band(0)->label == "Weak");
}

TEST_CASE("a strong labelled story is graded, banded and passes", "[grader]") {
    Graded g = test::grade_text(kStory, "story");
    REQUIRE(g.status == Status::Graded);
    CHECK(g.error.empty());
    CHECK(g.question == "complex-program");
    CHECK_FALSE(g.question_declared);
    CHECK(g.check("star")->applies);
    CHECK(g.score == Approx(test::test_engine().combine(g.checks)));
    REQUIRE(g.score >= 60);
    CHECK(g.passed);
    CHECK(g.band == test::test_engine().band(g.score)->id);
    CHECK(g.competencies == std::vector<std::string>{"delivery"});
    CHECK(g.follow_ups == std::vector<std::string>{"What would you do differently?"});
    CHECK(g.words == 52);
}

TEST_CASE("pass/fail follows the pass mark and --fail-under", "[grader][scoring]") {
    Graded g = test::grade_text(kStory, "story");
    REQUIRE(g.status == Status::Graded);
    GradeOptions strict;
    strict.pass_mark = g.score + 0.1;
    Graded failed = test::grade_text(kStory, "story", strict);
    CHECK(failed.score == Approx(g.score));
    CHECK_FALSE(failed.passed);
    GradeOptions exact;
    exact.pass_mark = g.score;
    CHECK(test::grade_text(kStory, "story", exact).passed);  // at the mark passes
    CHECK(test::test_engine().pass_mark(GradeOptions{}) == 60);
    CHECK(test::test_engine().pass_mark(strict) == Approx(g.score + 0.1));

    Graded weak = test::grade_text("---\nquestion: complex-program\n---\nIt went fine.\n", "weak");
    REQUIRE(weak.status == Status::Graded);
    CHECK(weak.score < 50);
    CHECK(weak.band == "weak");
    CHECK_FALSE(weak.passed);
}

TEST_CASE("an opinion answer is scored without STAR, renormalised", "[grader][scoring]") {
    Graded g = test::grade_text("---\nquestion: why-tpm\n---\n"
                                "I want to be a TPM because I enjoy connecting teams around Kafka and Redis.\n",
                                "opinion");
    REQUIRE(g.status == Status::Graded);
    CHECK(g.question == "why-tpm");
    CHECK(g.question_declared);
    CHECK(g.question_confidence == 1.0);
    const auto* star = g.check("star");
    REQUIRE(star);
    CHECK_FALSE(star->applies);
    const auto* coverage = g.check("coverage");
    REQUIRE(coverage);
    CHECK_FALSE(coverage->applies);  // why-tpm has no expected elements
    double spec = g.check("specificity")->score, met = g.check("metrics")->score, pit = g.check("pitfalls")->score;
    CHECK(g.check("metrics")->weight_factor == 0.5);
    double expected = (25 * spec + 20 * 0.5 * met + 25 * pit) / (25 + 10 + 25);
    CHECK(g.score == Approx(std::round(expected * 10) / 10));
    CHECK(g.score > 0);
}

TEST_CASE("a declared unknown question id is an error with a suggestion", "[grader][question]") {
    Graded g = test::grade_text("---\nquestion: complex-progam\n---\nI led the migration.\n", "typo");
    CHECK(g.status == Status::Error);
    CHECK(g.error == "typo.md: unknown question 'complex-progam' (did you mean 'complex-program'?)");
    CHECK(g.checks.empty());

    Graded far = test::grade_text("---\nquestion: zzz\n---\nI led the migration.\n", "far");
    CHECK(far.status == Status::Error);
    CHECK(far.error == "far.md: unknown question 'zzz' in rubric test-rubric");
}

TEST_CASE("a forced question (--question) overrides the declared one", "[grader][question]") {
    GradeOptions o;
    o.force_question = "why-tpm";
    Graded g = test::grade_text("---\nquestion: complex-program\n---\nI led the migration.\n", "forced", o);
    REQUIRE(g.status == Status::Graded);
    CHECK(g.question == "why-tpm");
    CHECK(g.question_declared);
}

TEST_CASE("question detection picks the question pasted in a Q: header", "[grader][question]") {
    Graded g = test::grade_text("Q: Why do you want to be a technical program manager?\n\n"
                                "I enjoy connecting engineering teams and keeping launches on track.\n",
                                "pasted");
    REQUIRE(g.status == Status::Graded);
    CHECK(g.question == "why-tpm");
    CHECK_FALSE(g.question_declared);
    CHECK(g.question_confidence > 0.5);
    CHECK(g.question_confidence <= 1.0);
    CHECK_FALSE(g.check("star")->applies);
    // The pasted question's words are not the candidate's words.
    CHECK(g.words == 10);

    Graded alias = test::grade_text("Q: What was the hardest technical program you ran?\n\nI ran a data migration.\n",
                                    "alias");
    CHECK(alias.question == "complex-program");
}

TEST_CASE("question detection from body cues, or none", "[grader][question]") {
    Graded cues = test::grade_text("My career goal is this role; my passion is helping teams.\n", "cues");
    CHECK(cues.question == "why-tpm");
    CHECK(cues.question_confidence > 0);

    Graded none = test::grade_text("I like long walks on the beach.\n", "none");
    REQUIRE(none.status == Status::Graded);
    CHECK(none.question.empty());
    CHECK(none.question_confidence == 0);
    CHECK_FALSE(none.check("star")->applies);
    CHECK(none.follow_ups.empty());
}

TEST_CASE("an answer that could not be read is an error row", "[grader]") {
    Graded g = test::grade_text("", "empty");
    CHECK(g.status == Status::Error);
    CHECK(g.error == "empty.md: the answer is empty");
    CHECK(g.answer.id == "empty");
    CHECK(g.checks.empty());
    CHECK_FALSE(g.passed);
}

TEST_CASE("status names", "[grader]") {
    CHECK(std::string(sg::pipeline::status_name(Status::Graded)) == "graded");
    CHECK(std::string(sg::pipeline::status_name(Status::Error)) == "error");
    CHECK(std::string(sg::pipeline::status_name(Status::Skipped)) == "skipped");
}

TEST_CASE("an answer of only punctuation is an error row, not a graded answer", "[grader]") {
    auto g = test::grade_text("... !!! ??? -- ,,, ;;\n", "punct");
    CHECK(g.status == sg::pipeline::Status::Error);
    CHECK(g.error == "punct.md: no words to grade (the answer holds only punctuation or symbols)");
    auto ok = test::grade_text("I led it.\n", "short");
    CHECK(ok.status == sg::pipeline::Status::Graded);
}

namespace {
// The test rubric with a cap for answers that only repeat a posting.
const sg::pipeline::Engine& capped_engine() {
    static const sg::pipeline::Engine engine(test::test_rubric_with("    - {id: weak, min: 0, label: Weak}\n",
                                                                    "  caps:\n"
                                                                    "    - id: posting\n"
                                                                    "      max: 15\n"
                                                                    "      kinds: [behavioural]\n"
                                                                    "      message: 'Reads as a posting (\"{excerpt}\").'\n"
                                                                    "      when:\n"
                                                                    "        all:\n"
                                                                    "          - matches: {phrases: [\"you will\", \"a plus\"], distinct: true, min: 2}\n"
                                                                    "          - feature: {name: first_person_singular, max: 2}\n"));
    return engine;
}

Graded grade_with(const sg::pipeline::Engine& engine, const std::string& text, const std::string& question = "") {
    std::string raw = question.empty() ? text : "---\nquestion: " + question + "\n---\n" + text;
    return engine.grade(sg::input::parse_answer(raw, "a.md", "a"), {});
}

const std::string kPosting =
    "Situation: Our payments platform was running on one Postgres database.\n"
    "Task: You will shard it without any downtime. Kafka is a plus.\n"
    "Action: We designed the sharding plan and wrote the migration tooling.\n"
    "Result: We cut p99 latency from 900 ms to 120 ms and reduced cost by 30%.\n";
}  // namespace

TEST_CASE("a cap holds the score of a non-answer at its max, with the evidence", "[grader][caps]") {
    const auto& engine = capped_engine();
    REQUIRE(engine.rubric().scoring.caps.size() == 1);
    Graded g = grade_with(engine, kPosting, "complex-program");
    REQUIRE(g.status == Status::Graded);
    CHECK(g.uncapped_score > 15);
    CHECK(g.uncapped_score == Approx(engine.combine(g.checks)));
    CHECK(g.score == Approx(15));
    CHECK(g.band == "weak");
    CHECK_FALSE(g.passed);
    REQUIRE(g.caps.size() == 1);
    CHECK(g.caps[0].id == "posting");
    CHECK(g.caps[0].max == Approx(15));
    CHECK(g.caps[0].message == "Reads as a posting (\"You will\").");
    REQUIRE(g.caps[0].evidence.size() == 2);
    CHECK(g.caps[0].evidence[0]["line"] == 5);  // after three lines of front matter
    CHECK(g.caps[0].evidence[0]["column"] == 7);
    CHECK(g.caps[0].evidence[1]["excerpt"] == "a plus");
}

TEST_CASE("a cap leaves answers alone when its condition or kind does not hold", "[grader][caps]") {
    const auto& engine = capped_engine();
    SECTION("the same story told in the first person") {
        std::string told = kPosting;
        told.replace(told.find("We designed"), 11, "I designed");
        told.replace(told.find("wrote"), 5, "I wrote");
        told.replace(told.find("We cut"), 6, "I cut");
        Graded g = grade_with(engine, told, "complex-program");
        CHECK(g.caps.empty());
        CHECK(g.score == Approx(g.uncapped_score));
        CHECK(g.score > 15);
    }
    SECTION("a question of a kind the cap does not name") {
        Graded g = grade_with(engine, kPosting, "why-tpm");
        REQUIRE(g.status == Status::Graded);
        CHECK(g.caps.empty());
        CHECK(g.score == Approx(g.uncapped_score));
    }
}

TEST_CASE("a percent pitfall takes a share of the score, not points", "[grader][scoring][pitfalls]") {
    const auto& engine = test::red_flag_engine();
    SECTION("combine multiplies the weighted mean by the shares kept") {
        CheckResult pit = result("pitfalls", 100);
        pit.percents = {20, 20};
        std::vector<CheckResult> rs = {result("specificity", 80), pit};
        // (25*80 + 25*100) / 50 = 90, times 0.8 * 0.8
        CHECK(engine.combine(rs) == Approx(57.6));
        CHECK(sg::checks::kept_share({20, 20}, 1) == Approx(0.64));
        CHECK(sg::checks::kept_share({20}, 2.5) == Approx(0.5));
        CHECK(sg::checks::kept_share({60}, 5) == Approx(0));  // never below nothing
    }
    SECTION("a graded answer with the red flag keeps 80% of what it earns without it") {
        Graded clean = grade_with(engine, kStory, "complex-program");
        Graded flagged = grade_with(engine, kStory + "The delay was their fault.\n", "complex-program");
        REQUIRE(clean.status == Status::Graded);
        REQUIRE(flagged.status == Status::Graded);
        const auto* pc = flagged.check("pitfalls");
        REQUIRE(pc);
        REQUIRE(pc->percents == std::vector<double>{20});
        CHECK(pc->penalty == Approx(0));     // no points off the whole answer
        CHECK(pc->score <= 80);              // the check itself counts it as points
        auto found = pc->details["found"];
        REQUIRE(found.size() >= 1);
        bool marked = false;
        for (const auto& f : found)
            if (f["id"] == "blames") marked = f.value("penalty_as", "") == "percent";
        CHECK(marked);
        // the same answer with the pitfall removed from the sum: 80% of it, to one decimal
        auto without = flagged.checks;
        for (auto& c : without) c.percents.clear();
        CHECK(flagged.score == Approx(std::round(engine.combine(without) * 0.8 * 10) / 10).margin(0.11));
        CHECK(flagged.score < clean.score);
    }
}
