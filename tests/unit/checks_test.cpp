// checks: STAR, metrics, specificity, coverage and pitfalls on the test rubric.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "checks/check.hpp"
#include "input/answer.hpp"
#include "test_support.hpp"

using sg::checks::CheckResult;
using sg::checks::Finding;

using test::test_rubric_with;

namespace {

// Runs every check, in the engine's order, on one answer for a given question.
class Analysis {
public:
    Analysis(const std::string& raw, const std::string& question_id,
             const sg::pipeline::Engine& engine = test::test_engine())
        : engine_(engine),
          answer_(sg::input::parse_answer(raw, "a.md", "a")),
          doc_(answer_.text, answer_.body_begin),
          matches_(engine.matcher().scan(doc_)),
          ctx_{engine.rubric(), doc_, matches_, question(question_id), kind(question_id)} {
        REQUIRE(answer_.error.empty());
        for (const auto& entry : sg::checks::registry()) results_.emplace(entry.name, entry.run(ctx_));
    }

    const CheckResult& check(const std::string& name) const { return results_.at(name); }
    const nlohmann::ordered_json& details(const std::string& name) const { return check(name).details; }
    double feature(const std::string& name) const { return ctx_.features.at(name); }

    std::vector<std::string> rules(const std::string& name) const {
        std::vector<std::string> out;
        for (const auto& f : check(name).findings) out.push_back(f.rule);
        return out;
    }
    // The findings of a check with a rule, in order.
    std::vector<Finding> findings(const std::string& name, const std::string& rule) const {
        std::vector<Finding> out;
        for (const auto& f : check(name).findings)
            if (f.rule == rule) out.push_back(f);
        return out;
    }

private:
    const sg::rubric::Question* question(const std::string& id) const {
        const auto* q = engine_.rubric().question(id);
        REQUIRE(q);
        return q;
    }
    const sg::rubric::Kind* kind(const std::string& id) const { return engine_.rubric().kind(question(id)->kind); }

    const sg::pipeline::Engine& engine_;
    sg::input::Answer answer_;
    sg::text::Document doc_;
    sg::match::MatchList matches_;
    sg::checks::Context ctx_;
    std::map<std::string, CheckResult> results_;
};

const std::string kBehavioural = "complex-program";
const std::string kOpinion = "why-tpm";

using Strings = std::vector<std::string>;

bool star_part(const Analysis& a, const char* part) { return a.details("star")["parts"][part].get<bool>(); }

}  // namespace

// ---------------------------------------------------------------- STAR

TEST_CASE("STAR: labelled parts are found", "[checks][star]") {
    Analysis a("Situation: Our payments platform was running on one Postgres database.\n"
               "**Task:** My goal was to shard it without any downtime.\n"
               "## Action\n"
               "I designed the sharding plan and I wrote the migration tooling.\n"
               "Result: We cut p99 latency from 900 ms to 120 ms.\n",
               kBehavioural);
    const auto& star = a.check("star");
    CHECK(star.applies);
    CHECK(a.details("star")["labelled"].get<bool>());
    CHECK(star_part(a, "situation"));
    CHECK(star_part(a, "task"));
    CHECK(star_part(a, "action"));
    CHECK(star_part(a, "result"));
    CHECK(star.score == Approx(100));
    CHECK(star.findings.empty());
    const auto& starts = a.details("star")["starts"];
    CHECK(starts["task"]["line"] == 2);
    CHECK(starts["action"]["line"] == 3);
    CHECK(starts["result"]["line"] == 5);
    CHECK(starts["result"]["column"] == 1);
    CHECK(a.feature("star_parts") == 4);
}

TEST_CASE("STAR: bold labels ending in a full stop label the parts", "[checks][star]") {
    Analysis a("**Situation.** Our payments platform was running on one Postgres database.\n\n"
               "**Task.** My goal was to shard it without any downtime.\n\n"
               "**Action.** I designed the sharding plan and I wrote the migration tooling.\n\n"
               "**Result.** We cut p99 latency from 900 ms to 120 ms.\n",
               kBehavioural);
    CHECK(a.details("star")["labelled"].get<bool>());
    const auto& starts = a.details("star")["starts"];
    CHECK(starts["task"]["line"] == 3);
    CHECK(starts["action"]["line"] == 5);
    CHECK(starts["result"]["line"] == 7);
    CHECK(a.feature("star_parts") == 4);
    // A plain word and a full stop opening a sentence is no label.
    Analysis plain("Context. I designed the sharding plan and I wrote the migration tooling.\n", kBehavioural);
    CHECK_FALSE(plain.details("star")["labelled"].get<bool>());
}

TEST_CASE("STAR: S:, T:, A:, R: initials label the parts when three or more open sentences", "[checks][star]") {
    Analysis a("**S:** Our payments platform was running on one Postgres database.\n"
               "T: My goal was to shard it without any downtime.\n"
               "A: I designed the sharding plan and I wrote the migration tooling.\n"
               "**R:** We cut p99 latency from 900 ms to 120 ms.\n",
               kBehavioural);
    CHECK(a.details("star")["labelled"].get<bool>());
    const auto& starts = a.details("star")["starts"];
    CHECK(starts["task"]["line"] == 2);
    CHECK(starts["action"]["line"] == 3);
    CHECK(starts["result"]["line"] == 4);
    CHECK(a.feature("star_parts") == 4);
    // A lone "A:" answer marker labels nothing.
    Analysis marker("A: I designed the sharding plan and I wrote the migration tooling.\n"
                    "We cut p99 latency from 900 ms to 120 ms.\n",
                    kBehavioural);
    CHECK_FALSE(marker.details("star")["labelled"].get<bool>());
}

TEST_CASE("STAR: a Result label with no outcome is not a result", "[checks][star]") {
    Analysis a("Situation: Our payments platform was running on one Postgres database.\n"
               "Task: My goal was to shard it without any downtime.\n"
               "Action: I designed the sharding plan and I wrote the migration tooling.\n"
               "Result: The project finished and everyone moved on to other work.\n",
               kBehavioural);
    CHECK(star_part(a, "situation"));
    CHECK(star_part(a, "action"));
    CHECK_FALSE(star_part(a, "result"));
    CHECK(a.feature("star_result") == 0);
    auto empty = a.findings("star", "star/empty-result");
    REQUIRE(empty.size() == 1);
    CHECK(empty[0].message == "Say what the outcome was.");
    CHECK(empty[0].line == 4);
    CHECK(empty[0].column == 1);
    CHECK_THAT(empty[0].excerpt, Catch::StartsWith("Result: The project finished"));
    CHECK(a.findings("star", "star/missing-result").empty());
    CHECK(a.check("star").score == Approx(70));  // result weight 30 of 100 lost
}

TEST_CASE("STAR: a result that says the outcome is unknown points at that phrase", "[checks][star]") {
    Analysis a("Situation: Our payments platform was running on one Postgres database.\n"
               "Task: My goal was to shard it without any downtime.\n"
               "Action: I designed the sharding plan and I wrote the migration tooling.\n"
               "Result: We shipped it, but it is too early to tell if it improved anything.\n",
               kBehavioural);
    CHECK_FALSE(star_part(a, "result"));
    auto empty = a.findings("star", "star/empty-result");
    REQUIRE(empty.size() == 1);
    CHECK(empty[0].line == 4);
    CHECK(empty[0].column == 34);
    CHECK(empty[0].excerpt == "too early to tell");
}

TEST_CASE("STAR: an unlabelled prose story is recognised", "[checks][star]") {
    Analysis a("Back then our payments platform was running on one Postgres database. My goal was to shard it "
               "without downtime. I designed the sharding plan and I wrote the migration tooling. I ran the cutover "
               "over a weekend. As a result we cut p99 latency from 900 ms to 120 ms.\n",
               kBehavioural);
    CHECK_FALSE(a.details("star")["labelled"].get<bool>());
    CHECK(star_part(a, "situation"));
    CHECK(star_part(a, "task"));
    CHECK(star_part(a, "action"));
    CHECK(star_part(a, "result"));
    CHECK(a.check("star").findings.empty());
    const auto& starts = a.details("star")["starts"];
    CHECK(starts["task"]["column"] == 71);
    CHECK(starts["result"]["column"] == 211);
}

TEST_CASE("STAR: missing parts are findings", "[checks][star]") {
    Analysis a("I designed the plan. I wrote the code. I ran the tests every day.\n", kBehavioural);
    CHECK(star_part(a, "action"));
    CHECK_FALSE(star_part(a, "situation"));
    CHECK(a.rules("star") == Strings{"star/missing-situation", "star/missing-task", "star/missing-result"});
    CHECK(a.check("star").score == Approx(35));
}

TEST_CASE("STAR does not apply to an opinion question", "[checks][star]") {
    Analysis a("I want to be a TPM because I like connecting teams and shipping.\n", kOpinion);
    CHECK_FALSE(a.check("star").applies);
    CHECK(a.check("star").findings.empty());
}

// ---------------------------------------------------------------- metrics

TEST_CASE("metrics: a before/after latency change is one outcome", "[checks][metrics]") {
    Analysis a("Context first.\nWe cut p99 latency from 900 ms to 120 ms.\n", kBehavioural);
    const auto& d = a.details("metrics");
    CHECK(d["count"] == 1);
    REQUIRE(d["outcomes"].size() == 1);
    CHECK(d["outcomes"][0]["kind"] == "change");
    CHECK(d["outcomes"][0]["text"] == "from 900 ms to 120 ms");
    CHECK(d["outcomes"][0]["line"] == 2);
    CHECK(d["outcomes"][0]["column"] == 20);
    CHECK(a.check("metrics").score == Approx(50));  // target is 2
    CHECK(a.check("metrics").findings.empty());
    CHECK(a.feature("metrics") == 1);
}

TEST_CASE("metrics: scope numbers are not outcomes", "[checks][metrics]") {
    Analysis a("I led a team of 7 engineers in Q3 2023 and we shipped it.\n", kBehavioural);
    CHECK(a.details("metrics")["count"] == 0);
    CHECK(a.check("metrics").score == Approx(0));
    auto f = a.findings("metrics", "metrics/scope-only");
    REQUIRE(f.size() == 1);
    CHECK(f[0].message == "Those numbers are scope, not outcomes.");
}

TEST_CASE("metrics: overlapping candidates count once, distinct outcomes add up", "[checks][metrics]") {
    Analysis a("We reduced cost by 30% and cut latency to 80 ms.\n", kBehavioural);
    const auto& d = a.details("metrics");
    CHECK(d["count"] == 2);
    REQUIRE(d["outcomes"].size() == 2);
    CHECK(d["outcomes"][0]["kind"] == "percent");
    CHECK(d["outcomes"][0]["text"] == "30%");
    CHECK(d["outcomes"][1]["kind"] == "latency");
    CHECK(d["outcomes"][1]["text"] == "80 ms");
    CHECK(a.check("metrics").score == Approx(100));
}

TEST_CASE("metrics: a number without an outcome cue, or with a negated cue, is no outcome", "[checks][metrics]") {
    SECTION("no cue") {
        Analysis a("The service handled 5000 requests a second.\n", kBehavioural);
        CHECK(a.details("metrics")["count"] == 0);
        auto f = a.findings("metrics", "metrics/none");
        REQUIRE(f.size() == 1);
        CHECK(f[0].message == "Quantify the result.");
    }
    SECTION("negated cue") {
        Analysis a("We did not reduce latency below 50 ms.\n", kBehavioural);
        CHECK(a.details("metrics")["count"] == 0);
        CHECK(a.rules("metrics") == Strings{"metrics/none"});
    }
}

TEST_CASE("metrics on an opinion question: none is no finding and counts half weight", "[checks][metrics]") {
    Analysis a("I like the job because it mixes people and technology.\n", kOpinion);
    CHECK(a.check("metrics").findings.empty());
    CHECK(a.check("metrics").weight_factor == Approx(0.5));
}

TEST_CASE("metrics: the outcome cue must be in the number's own clause", "[checks][metrics]") {
    // README: "A candidate quantity counts as an outcome when its clause holds an outcome cue".
    Analysis a("We cut the scope, and the office had 40 desks.\n", kBehavioural);
    CHECK(a.details("metrics")["count"] == 0);
    CHECK(a.rules("metrics") == Strings{"metrics/none"});
}

// ---------------------------------------------------------------- specificity

TEST_CASE("specificity: an I-heavy answer scores ownership higher than a we-heavy one", "[checks][specificity]") {
    Analysis mine("I designed the Kafka pipeline. I wrote the plan. I ran the rollout.\n", kBehavioural);
    Analysis ours("We designed the Kafka pipeline. We wrote the plan. We ran the rollout.\n", kBehavioural);
    CHECK(mine.details("specificity")["first_person_singular"] == 3);
    CHECK(mine.details("specificity")["first_person_plural"] == 0);
    CHECK(ours.details("specificity")["first_person_plural"] == 3);
    // Only the ownership part (weight 20 of 100) differs: full marks against none.
    CHECK(mine.check("specificity").score - ours.check("specificity").score == Approx(20));
    CHECK(ours.feature("we_share") == Approx(1));
    CHECK(mine.feature("we_share") == Approx(0));

    CHECK(mine.findings("specificity", "specificity/we-not-i").empty());
    auto we = ours.findings("specificity", "specificity/we-not-i");
    REQUIRE(we.size() == 1);
    CHECK(we[0].line == 1);
    CHECK(we[0].column == 1);
    CHECK(we[0].excerpt == "We");
}

TEST_CASE("specificity: vague words are findings with line and column", "[checks][specificity]") {
    Analysis a("This was basically a rewrite.\nWe did various stuff for the cache.\n", kBehavioural);
    auto vague = a.findings("specificity", "specificity/vague");
    REQUIRE(vague.size() == 3);
    CHECK(vague[0].message == "Replace 'basically' with a concrete detail.");
    CHECK(vague[0].line == 1);
    CHECK(vague[0].column == 10);
    CHECK(vague[0].excerpt == "basically");
    CHECK(vague[1].excerpt == "various");
    CHECK(vague[1].line == 2);
    CHECK(vague[1].column == 8);
    CHECK(vague[2].excerpt == "stuff");
    CHECK(vague[2].column == 16);
    CHECK(a.feature("words") == 12);
    CHECK(a.feature("vague_per_100_words") == Approx(25));
}

TEST_CASE("specificity: vague language lowers the score", "[checks][specificity]") {
    Analysis plain("We did the work for the cache team this year.\n", kBehavioural);
    Analysis vague("We basically did various stuff for the cache.\n", kBehavioural);
    CHECK(plain.findings("specificity", "specificity/vague").empty());
    // The vague part (weight 15) drops to 0 at 5 vague words per 100.
    CHECK(plain.check("specificity").score - vague.check("specificity").score == Approx(15));
}

TEST_CASE("specificity: distinct named terms and numbers", "[checks][specificity]") {
    Analysis a("I moved Kafka, more Kafka and Redis to PostgreSQL. It took 3 weeks, 3 people and 1,200 hours.\n",
               kBehavioural);
    auto named = a.details("specificity")["named"].get<Strings>();
    std::sort(named.begin(), named.end());
    CHECK(named == Strings{"kafka", "postgresql", "redis"});
    CHECK(a.details("specificity")["numbers"] == 2);
    CHECK(a.feature("named") == 3);
    CHECK(a.findings("specificity", "specificity/few-named").empty());
    CHECK(a.findings("specificity", "specificity/few-numbers").size() == 0);
}

TEST_CASE("specificity: numbers that only label steps are not specifics", "[checks][specificity]") {
    auto rubric = test_rubric_with({{"lexicons:\n", "  step-labels: ['re: \\bstep \\d+\\b']\n"},
                                    {"    vague: [vague]\n", "    labels: [step-labels]\n"}});
    REQUIRE(rubric->checks.specificity.labels.size() == 1);
    const sg::pipeline::Engine engine(std::move(rubric));
    const std::string text = "Step 1: I moved 40 services.\n2. I wrote the runbook.\n3. I ran the cutover in 2 hours.\n";
    Analysis labelled(text, kBehavioural, engine);
    CHECK(labelled.details("specificity")["numbers"] == 2);  // 40 and 2, not 1, 2, 3
    CHECK(labelled.feature("concrete_sentences") == Approx(2.0 / 3.0));
    // Without labels (the test rubric), "Step 1" counts; list markers are never tokens.
    Analysis plain(text, kBehavioural);
    CHECK(plain.details("specificity")["numbers"] == 3);
}

TEST_CASE("specificity: names told by their written form count, at the configured credit", "[checks][specificity]") {
    auto rubric = test_rubric_with({{"lexicons:\n", "  not-names: [kpi, okr, director]\n"},
                                    {"    vague: [vague]\n",
                                     "    name_shapes: {shapes: [acronym, mixed-case, capitalised], credit: 0.5, "
                                     "exclude: [not-names]}\n"}});
    REQUIRE(rubric->checks.specificity.name_shapes.size() == 3);
    const sg::pipeline::Engine engine(std::move(rubric));
    Analysis a("Broadcom shipped late, so I ported SONiC to PCIe boards and checked BGP and BGP again with Penang.\n"
               "The Director asked for a KPI and an OKR. Kafka lag grew.\n",
               kBehavioural, engine);
    auto named = a.details("specificity")["named"].get<Strings>();
    std::sort(named.begin(), named.end());
    // Broadcom opens its sentence (and so could any word), the Director and
    // the KPI are excluded, Kafka is already a named technology.
    CHECK(named == Strings{"bgp", "kafka", "pcie", "penang", "sonic"});
    CHECK(a.feature("named") == Approx(1 + 4 * 0.5));
    // Without name_shapes (the test rubric) only the technology lexicon names things.
    Analysis plain("Broadcom shipped late, so I ported SONiC to PCIe boards and checked BGP with Penang.\n",
                   kBehavioural);
    CHECK(plain.details("specificity")["named"].get<Strings>().empty());
}

TEST_CASE("specificity: few named systems and numbers are findings", "[checks][specificity]") {
    Analysis a("I handled the project well and people were happy.\n", kBehavioural);
    CHECK(a.rules("specificity") == Strings{"specificity/few-named", "specificity/few-numbers"});
}

TEST_CASE("specificity: a possessive is the same named term", "[checks][specificity]") {
    Analysis a("We ran Kafka. Kafka's lag grew every week.\n", kBehavioural);
    CHECK(a.details("specificity")["named"] == Strings{"kafka"});
    CHECK(a.feature("named") == 1);
}

TEST_CASE("specificity: ownership scores the share of I among I + we", "[checks][specificity]") {
    // rubrics/README.md: the part scores clamp((share - 0.2) / 0.4, 0, 1) with
    // share = I / (I + we), and 0.5 when there is neither. The ownership weight
    // is 20 of 100, so the part is worth 20 points.
    Analysis all_i("I planned it and I ran it.\n", kBehavioural);
    Analysis half("I planned it and we ran it.\n", kBehavioural);
    Analysis all_we("We planned it and we ran it.\n", kBehavioural);
    Analysis neither("Planning it and running it.\n", kBehavioural);
    CHECK(half.feature("we_share") == Approx(0.5));
    CHECK(all_i.check("specificity").score - half.check("specificity").score == Approx(20 * (1 - 0.75)));
    CHECK(all_i.check("specificity").score - all_we.check("specificity").score == Approx(20));
    CHECK(all_i.check("specificity").score - neither.check("specificity").score == Approx(10));
}

TEST_CASE("specificity: names dropped among buzzwords earn a quarter of a point", "[checks][specificity]") {
    // The default rubric: fluff_per_100_words 6, fluff_named_credit 0.25.
    const auto& tpm = test::tpm_engine();
    Analysis used("I moved the billing jobs from cron to Kafka on EKS in six weeks.\n", "system-design", tpm);
    Analysis dropped(
        "I built a cloud-native, best-in-class platform leveraging Kafka and EKS to unlock synergies.\n",
        "system-design", tpm);
    CHECK(used.feature("named") == Approx(2));
    CHECK(dropped.feature("named") == Approx(0.5));
    // both still list what they named, but only the first sentence is concrete
    CHECK(dropped.details("specificity")["named"] == Strings{"kafka", "eks"});
    CHECK(used.details("specificity")["concrete_sentences"] == Approx(1));
    CHECK(dropped.details("specificity")["concrete_sentences"] == Approx(0));
    CHECK(used.check("specificity").score > dropped.check("specificity").score + 20);
}

// ---------------------------------------------------------------- coverage

TEST_CASE("coverage: expected elements covered or missing", "[checks][coverage]") {
    // A concrete sentence (it gives a number) earns the element in full...
    Analysis covered("The hardest part was moving 40 services in one weekend.\n", kBehavioural);
    CHECK(covered.check("coverage").score == Approx(100));
    CHECK(covered.details("coverage")["covered"] == Strings{"technical-challenge"});
    // ...a generic one earns generic_credit (0.5 in the test rubric).
    Analysis generic("The hardest part was the cutover.\n", kBehavioural);
    CHECK(generic.check("coverage").score == Approx(50));
    CHECK(generic.details("coverage")["covered_generically"] == Strings{"technical-challenge"});
    CHECK(generic.details("coverage")["covered"] == Strings{});

    Analysis missing("We held a party afterwards.\n", kBehavioural);
    CHECK(missing.check("coverage").score == Approx(0));
    CHECK(missing.details("coverage")["missing"] == Strings{"technical-challenge"});
    auto f = missing.findings("coverage", "coverage/technical-challenge");
    REQUIRE(f.size() == 1);
    CHECK(f[0].message == "Explain the hardest technical problem.");

    Analysis none("I like the job.\n", kOpinion);
    CHECK_FALSE(none.check("coverage").applies);
}

TEST_CASE("coverage: a point made while hedging counts as generic", "[checks][coverage]") {
    auto rubric = test_rubric_with("    generic_credit: 0.5\n", "    hedged: [vague]\n");
    REQUIRE(rubric->checks.coverage.hedged.size() == 1);
    const sg::pipeline::Engine engine(std::move(rubric));

    // The same number, said plainly and said while hedging.
    Analysis plain("The hardest part was moving 40 services in one weekend.\n", kBehavioural, engine);
    CHECK(plain.check("coverage").score == Approx(100));
    CHECK(plain.details("coverage")["covered"] == Strings{"technical-challenge"});
    Analysis hedged("The hardest part was kind of moving 40 services in one weekend.\n", kBehavioural, engine);
    CHECK(hedged.check("coverage").score == Approx(50));
    CHECK(hedged.details("coverage")["covered_generically"] == Strings{"technical-challenge"});
    // A hedge elsewhere leaves a concrete sentence concrete.
    Analysis elsewhere("The hardest part was moving 40 services in one weekend. It was kind of fun.\n", kBehavioural,
                       engine);
    CHECK(elsewhere.check("coverage").score == Approx(100));
    // Without `hedged` (the test rubric) the hedge changes nothing.
    Analysis unset("The hardest part was kind of moving 40 services in one weekend.\n", kBehavioural);
    CHECK(unset.check("coverage").score == Approx(100));
}

TEST_CASE("coverage: a first-person action among buzzwords is not concrete", "[checks][coverage]") {
    auto rubric = test_rubric_with("    generic_credit: 0.5\n", "    concrete: [action-cues]\n    buzz: [vague]\n");
    REQUIRE(rubric->checks.coverage.buzz.size() == 1);
    const sg::pipeline::Engine engine(std::move(rubric));
    // "I led" makes the sentence concrete...
    Analysis action("I led the hardest part of the cutover.\n", kBehavioural, engine);
    CHECK(action.check("coverage").score == Approx(100));
    CHECK(action.details("coverage")["covered"] == Strings{"technical-challenge"});
    // ...unless the sentence is buzzwords ("various", "stuff")...
    Analysis buzz("I led the hardest part of the cutover and various stuff.\n", kBehavioural, engine);
    CHECK(buzz.check("coverage").score == Approx(50));
    CHECK(buzz.details("coverage")["covered_generically"] == Strings{"technical-challenge"});
    // ...but a named thing still counts there.
    Analysis named("I led the hardest part of the Kafka cutover and various stuff.\n", kBehavioural, engine);
    CHECK(named.check("coverage").score == Approx(100));
}

TEST_CASE("star: a part told only in generic sentences earns generic_credit", "[checks][star]") {
    auto rubric = test_rubric_with("    action_min_share: 0.2\n", "    generic_credit: 0.5\n");
    REQUIRE(rubric->checks.star.generic_credit == Approx(0.5));
    const sg::pipeline::Engine engine(std::move(rubric));
    const std::string story =
        "At the time we were running Postgres on one box. My goal was to move it. I designed the plan. "
        "I wrote the code. ";
    // Situation names Postgres; task, action and result name nothing and
    // give no number: 20 + (15 + 35 + 30) / 2 of 100.
    Analysis generic(story + "In the end it improved.\n", kBehavioural, engine);
    CHECK(generic.details("star")["parts"]["result"] == true);
    CHECK(generic.details("star")["generic"] == Strings{"task", "action", "result"});
    CHECK(generic.check("star").score == Approx(60));
    // A number in the result makes it concrete: 30 more halves become whole.
    Analysis measured(story + "In the end p99 improved from 900 ms to 120 ms.\n", kBehavioural, engine);
    CHECK(measured.details("star")["generic"] == Strings{"task", "action"});
    CHECK(measured.check("star").score == Approx(75));
    // Without generic_credit (the test rubric), every present part counts in full.
    Analysis unset(story + "In the end it improved.\n", kBehavioural);
    CHECK(unset.details("star")["generic"] == Strings{});
    CHECK(unset.check("star").score == Approx(100));
}

// ---------------------------------------------------------------- pitfalls

namespace {
const nlohmann::ordered_json* found_pitfall(const Analysis& a, const std::string& id) {
    for (const auto& p : a.details("pitfalls")["found"])
        if (p["id"] == id) return &p;
    return nullptr;
}
}  // namespace

TEST_CASE("pitfalls: all/any/matches/feature/not fire with evidence", "[checks][pitfalls]") {
    Analysis a("We basically fixed stuff.\nIt was various work on the cache.\n", kBehavioural);
    const auto* p = found_pitfall(a, "vague-story");
    REQUIRE(p);
    CHECK((*p)["message"] == "The story is too vague.");
    CHECK((*p)["penalty"] == 15);
    CHECK((*p)["follow_up"] == "What exactly did you build?");
    const auto& ev = (*p)["evidence"];
    REQUIRE(ev.size() == 3);
    CHECK(ev[0]["line"] == 1);
    CHECK(ev[0]["column"] == 4);
    CHECK(ev[0]["excerpt"] == "basically");
    CHECK(ev[1]["line"] == 1);
    CHECK(ev[1]["column"] == 20);
    CHECK(ev[1]["excerpt"] == "stuff");
    CHECK(ev[2]["line"] == 2);
    CHECK(ev[2]["column"] == 8);
    CHECK(ev[2]["excerpt"] == "various");
    auto f = a.findings("pitfalls", "pitfall/vague-story");
    REQUIRE(f.size() == 1);
    CHECK(f[0].line == 1);
    CHECK(f[0].column == 4);
    // The question's own pitfall (no technology named) fires too, without evidence.
    const auto* none = found_pitfall(a, "no-technology");
    REQUIRE(none);
    CHECK((*none)["evidence"].empty());
    CHECK(a.check("pitfalls").score == Approx(100 - 15 - 20));
}

TEST_CASE("pitfalls: each part of the condition matters", "[checks][pitfalls]") {
    SECTION("the second branch of any") {
        Analysis a("We fixed the Redis cache, the queue and so on.\n", kBehavioural);
        const auto* p = found_pitfall(a, "vague-story");
        REQUIRE(p);
        REQUIRE((*p)["evidence"].size() == 1);
        CHECK((*p)["evidence"][0]["excerpt"] == "and so on");
        CHECK((*p)["evidence"][0]["column"] == 37);
        CHECK(found_pitfall(a, "no-technology") == nullptr);
        CHECK(a.check("pitfalls").score == Approx(85));
    }
    SECTION("the feature bound blocks it") {
        Analysis a("I basically fixed stuff. I did it myself.\n", kBehavioural);
        CHECK(a.feature("first_person_singular") == 3);
        CHECK(found_pitfall(a, "vague-story") == nullptr);
    }
    SECTION("the not blocks it") {
        Analysis a("We basically fixed stuff in Kafka and Redis.\n", kBehavioural);
        CHECK(found_pitfall(a, "vague-story") == nullptr);
        CHECK(a.check("pitfalls").score == Approx(100));
    }
    SECTION("nothing vague") {
        Analysis a("We fixed the Kafka cache.\n", kBehavioural);
        CHECK(a.details("pitfalls")["found"].empty());
        CHECK(a.check("pitfalls").findings.empty());
    }
}

TEST_CASE("pitfalls: kinds restrict generic pitfalls, questions add their own", "[checks][pitfalls]") {
    Analysis opinion("We basically did stuff.\n", kOpinion);
    CHECK(opinion.details("pitfalls")["checked"].empty());
    CHECK(opinion.details("pitfalls")["found"].empty());

    Analysis story("We did things.\n", kBehavioural);
    CHECK(story.details("pitfalls")["checked"] == Strings{"no-technology", "vague-story"});
}

// ---------------------------------------------------------------- condition semantics

namespace {

// One question and one generic pitfall per condition option, each with its own penalty.
const sg::pipeline::Engine& condition_engine() {
    static const sg::pipeline::Engine engine([] {
        const std::string yaml = R"(schema: 1
id: conditions
version: "1"
scoring:
  pass: 50
  weights: {pitfalls: 1}
  bands: [{id: all, min: 0}]
kinds: [{id: behavioural}]
lexicons:
  negation: [not, never]
  tech: [kafka, redis]
checks:
  negation: [negation]
questions:
  - id: q
    kind: behavioural
    text: Tell me about a migration.
    expected:
      - {id: rollback, cues: [rollback, roll back]}
pitfalls:
  - {id: header-tech, generic: true, penalty: 1, message: m, detect: {matches: {lexicon: tech, in: header}}}
  - {id: negated-deadline, generic: true, penalty: 2, message: m,
     detect: {matches: {phrases: [miss a deadline], negated: only}}}
  - {id: two-distinct-phrases, generic: true, penalty: 4, message: m,
     detect: {matches: {phrases: ["migrat*", cutover], distinct: true, min: 2}}}
  - {id: no-rollback, generic: true, penalty: 8, message: m, detect: {element: {id: rollback, covered: false}}}
  - {id: at-most-two-tech, generic: true, penalty: 16, message: m, detect: {matches: {lexicon: tech, min: 1, max: 2}}}
)";
        sg::util::Diagnostics diags;
        auto r = sg::rubric::load_rubric_text(yaml, "conditions.yaml", diags);
        for (const auto& d : diags.items()) UNSCOPED_INFO(d.str());
        REQUIRE(r);
        return r;
    }());
    return engine;
}

Strings found_ids(const Analysis& a) {
    Strings out;
    for (const auto& p : a.details("pitfalls")["found"]) out.push_back(p["id"].get<std::string>());
    return out;
}

}  // namespace

TEST_CASE("conditions: in: header counts only the pasted question", "[checks][pitfalls][conditions]") {
    Analysis a("Q: How did you scale Kafka?\n\nWe added partitions and a rollback plan.\n", "q", condition_engine());
    CHECK(found_ids(a) == Strings{"header-tech"});
    CHECK(a.check("pitfalls").score == Approx(99));
}

TEST_CASE("conditions: negated: only counts negated matches", "[checks][pitfalls][conditions]") {
    Analysis negated("We did not miss a deadline. We had a rollback.\n", "q", condition_engine());
    CHECK(found_ids(negated) == Strings{"negated-deadline"});
    Analysis plain("We did miss a deadline. We had a rollback.\n", "q", condition_engine());
    CHECK(found_ids(plain).empty());
}

TEST_CASE("conditions: element covered false fires when the element is missing", "[checks][pitfalls][conditions]") {
    Analysis a("We moved everything in one night.\n", "q", condition_engine());
    CHECK(found_ids(a) == Strings{"no-rollback"});
}

TEST_CASE("conditions: min and max bound the count", "[checks][pitfalls][conditions]") {
    Analysis two("We used Kafka and Redis, with a roll back plan.\n", "q", condition_engine());
    CHECK(found_ids(two) == Strings{"at-most-two-tech"});
    Analysis three("We used Kafka, Redis and more Kafka, with a rollback plan.\n", "q", condition_engine());
    CHECK(found_ids(three).empty());
}

TEST_CASE("conditions: distinct counts distinct phrases, not distinct spellings", "[checks][pitfalls][conditions]") {
    // README: "distinct: count distinct phrases instead of occurrences".
    Analysis both("We migrated the data and ran the cutover with a rollback.\n", "q", condition_engine());
    CHECK(found_ids(both) == Strings{"two-distinct-phrases"});
    Analysis one("We migrated first and the migration took a week, with a rollback.\n", "q", condition_engine());
    CHECK(found_ids(one).empty());
}
