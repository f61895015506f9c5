// rubric loader: a valid rubric loads; every problem is reported with its place.
#include <catch2/catch.hpp>

#include <boost/regex.hpp>

#include <string>

#include "rubric/loader.hpp"
#include "test_support.hpp"

using sg::rubric::load_rubric_text;
using sg::util::Diagnostic;
using sg::util::Diagnostics;

namespace {

const std::string kMinimal = R"(schema: 1
id: mini
version: "1.0"
scoring:
  pass: 50
  weights: {specificity: 1}
  bands:
    - {id: good, min: 50}
    - {id: bad, min: 0}
kinds:
  - id: opinion
questions:
  - id: why
    kind: opinion
    text: Why this job?
)";

struct Loaded {
    std::unique_ptr<sg::rubric::Rubric> rubric;
    Diagnostics diags;
};

Loaded load(const std::string& yaml) {
    Loaded l;
    l.rubric = load_rubric_text(yaml, "r.yaml", l.diags);
    for (const auto& d : l.diags.items()) UNSCOPED_INFO(d.str());
    return l;
}

// The only diagnostic of a rubric with one problem.
Diagnostic single(const std::string& yaml) {
    Loaded l = load(yaml);
    CHECK(l.rubric == nullptr);
    REQUIRE(l.diags.size() == 1);
    return l.diags.items().front();
}

void check_at(const Diagnostic& d, const std::string& yaml, const std::string& needle, int skip = 0) {
    test::Where w = test::where(yaml, needle, skip);
    INFO(d.str());
    CHECK(d.file == "r.yaml");
    CHECK(d.line == w.line);
    CHECK(d.column == w.column);
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

}  // namespace

TEST_CASE("a minimal valid rubric loads", "[loader]") {
    Loaded l = load(kMinimal);
    REQUIRE(l.diags.empty());
    REQUIRE(l.rubric);
    const auto& r = *l.rubric;
    CHECK(r.id == "mini");
    CHECK(r.version == "1.0");
    CHECK(r.path == "r.yaml");
    CHECK(r.scoring.pass == 50);
    CHECK(r.scoring.weights.at("specificity") == 1);
    REQUIRE(r.scoring.bands.size() == 2);
    CHECK(r.scoring.bands[0].id == "good");
    CHECK(r.scoring.bands[0].label == "good");  // label defaults to the id
    REQUIRE(r.questions.size() == 1);
    CHECK(r.questions[0].text == "Why this job?");
    REQUIRE(r.question("why") != nullptr);
    CHECK(r.question("why")->kind == "opinion");
    CHECK(r.kind("opinion") != nullptr);
    CHECK(r.question("nope") == nullptr);
}

TEST_CASE("the test rubric loads with its lexicons, phrases and conditions", "[loader]") {
    auto r = test::load_test_rubric();
    CHECK(r->id == "test-rubric");
    REQUIRE(r->lexicons.count("technology"));
    const auto& tech = r->sets[static_cast<std::size_t>(r->lexicons.at("technology"))];
    REQUIRE(tech.phrases.size() == 4);
    CHECK(tech.phrases[1].text == "postgres*");
    CHECK_FALSE(tech.phrases[1].regex);
    CHECK(tech.phrases[3].regex);
    CHECK(tech.phrases[3].text == "\\bs3\\b");  // without the "re:" prefix
    CHECK(tech.phrases[0].place.line == test::where(test::kRubricYaml, "kafka,").line);
    REQUIRE(r->checks.star.parts.size() == 4);
    CHECK(r->checks.star.parts[3].labels == std::vector<std::string>{"result", "outcome"});
    const auto* p = r->pitfall("vague-story");
    REQUIRE(p);
    CHECK(p->generic);
    CHECK(p->penalty == 15);
    CHECK(p->detect.kind == sg::rubric::Condition::Kind::All);
    CHECK(p->detect.children.size() == 3);
    const auto* none = r->pitfall("no-technology");
    REQUIRE(none);
    CHECK(none->detect.min == 0);
    CHECK(none->detect.max == 0);
}

TEST_CASE("unknown key: did you mean", "[loader][diagnostics]") {
    std::string yaml = replace(kMinimal, "  - id: opinion\n", "  - id: opinion\n    stars: false\n");
    Diagnostic d = single(yaml);
    CHECK(d.message == "unknown key 'stars' in a kind (did you mean 'star'?)");
    check_at(d, yaml, "stars");
}

TEST_CASE("unknown top-level key without a near match", "[loader][diagnostics]") {
    std::string yaml = kMinimal + "frobnicate: 3\n";
    Diagnostic d = single(yaml);
    CHECK(d.message == "unknown key 'frobnicate' in the rubric");
    check_at(d, yaml, "frobnicate");
}

TEST_CASE("duplicate key", "[loader][diagnostics]") {
    std::string yaml = replace(kMinimal, "version: \"1.0\"\n", "version: \"1.0\"\ntitle: One\ntitle: Two\n");
    Diagnostic d = single(yaml);
    CHECK(d.message == "duplicate key 'title' in the rubric (first at line 4)");
    check_at(d, yaml, "title: Two");
}

TEST_CASE("duplicate question id", "[loader][diagnostics]") {
    std::string yaml = kMinimal + "  - id: why\n    kind: opinion\n    text: Why again?\n";
    Diagnostic d = single(yaml);
    CHECK(d.message == "duplicate question id 'why' (first at line 13)");
    check_at(d, yaml, "id: why", 1);
}

TEST_CASE("unknown kind reference", "[loader][diagnostics]") {
    std::string yaml = replace(kMinimal, "  - id: opinion\n", "  - id: behavioural\n    star: false\n");
    yaml = replace(yaml, "kind: opinion", "kind: behavioral");
    Diagnostic d = single(yaml);
    CHECK(d.message == "question why: unknown kind 'behavioral' (did you mean 'behavioural'?)");
    check_at(d, yaml, "behavioral");
}

TEST_CASE("unknown lexicon reference", "[loader][diagnostics]") {
    std::string yaml = kMinimal + "lexicons:\n  negation: [not, never]\nchecks:\n  negation: [negaton]\n";
    Diagnostic d = single(yaml);
    CHECK(d.message == "checks.negation: unknown lexicon 'negaton' (did you mean 'negation'?)");
    check_at(d, yaml, "negaton");
}

TEST_CASE("unknown pitfall in a question", "[loader][diagnostics]") {
    std::string yaml = kMinimal +
                       "    pitfalls: [vague-answr]\n"
                       "pitfalls:\n"
                       "  - id: vague-answer\n"
                       "    message: Be specific.\n"
                       "    detect: {feature: {name: words, max: 10}}\n";
    Diagnostic d = single(yaml);
    CHECK(d.message == "question why: unknown pitfall 'vague-answr' (did you mean 'vague-answer'?)");
    check_at(d, yaml, "vague-answr");
}

TEST_CASE("invalid regular expression with Boost's message", "[loader][diagnostics]") {
    std::string boost_message;
    try {
        boost::regex re("(unclosed", boost::regex::perl | boost::regex::icase);
    } catch (const boost::regex_error& e) {
        boost_message = e.what();
    }
    REQUIRE_FALSE(boost_message.empty());

    std::string yaml = kMinimal + "lexicons:\n  tech: [kafka, \"re: (unclosed\"]\n";
    Diagnostic d = single(yaml);
    CHECK(d.message == "lexicon tech: invalid regular expression '(unclosed': " + boost_message);
    check_at(d, yaml, "\"re: (unclosed\"");
}

TEST_CASE("wrong type: a list where text is expected", "[loader][diagnostics]") {
    std::string yaml = replace(kMinimal, "    text: Why this job?\n", "    text: [Why, this, job]\n");
    Diagnostic d = single(yaml);
    CHECK(d.message == "question why.text must be text, not a list");
    check_at(d, yaml, "[Why");
}

TEST_CASE("bands not in descending order", "[loader][diagnostics]") {
    std::string yaml = replace(kMinimal, "    - {id: good, min: 50}\n", "    - {id: good, min: 50}\n    - {id: great, min: 70}\n");
    Diagnostic d = single(yaml);
    CHECK(d.message == "band 'great' must have a lower min than 'good' (bands go highest first)");
    check_at(d, yaml, "{id: great");
}

TEST_CASE("the last band must have min 0", "[loader][diagnostics]") {
    std::string yaml = replace(kMinimal, "{id: bad, min: 0}", "{id: bad, min: 10}");
    Diagnostic d = single(yaml);
    CHECK(d.message == "the last band must have min 0 so that every score has a band");
    check_at(d, yaml, "- {id: good");
}

TEST_CASE("missing required key", "[loader][diagnostics]") {
    std::string yaml = replace(kMinimal, "    text: Why this job?\n", "");
    Diagnostic d = single(yaml);
    CHECK(d.message == "a question is missing the required key 'text'");
    check_at(d, yaml, "id: why");
}

TEST_CASE("missing required top-level key", "[loader][diagnostics]") {
    std::string yaml = replace(kMinimal, "id: mini\n", "");
    Diagnostic d = single(yaml);
    CHECK(d.message == "the rubric is missing the required key 'id'");
    check_at(d, yaml, "schema");
}

TEST_CASE("unknown feature name in a condition", "[loader][diagnostics]") {
    std::string yaml = kMinimal +
                       "pitfalls:\n"
                       "  - id: short\n"
                       "    message: Too short.\n"
                       "    detect:\n"
                       "      all:\n"
                       "        - feature: {name: wrods, max: 30}\n";
    Diagnostic d = single(yaml);
    CHECK(d.message == "pitfall short.detect.all[0].feature: unknown feature 'wrods' (did you mean 'words'?)");
    check_at(d, yaml, "wrods");
}

TEST_CASE("a condition with min above max", "[loader][diagnostics]") {
    std::string yaml = kMinimal +
                       "pitfalls:\n"
                       "  - id: odd\n"
                       "    message: Odd.\n"
                       "    detect: {feature: {name: words, min: 50, max: 10}}\n";
    Diagnostic d = single(yaml);
    CHECK(d.message == "pitfall odd.detect.feature: min is larger than max");
    check_at(d, yaml, "{name: words");
}

TEST_CASE("out-of-range number", "[loader][diagnostics]") {
    std::string yaml = replace(kMinimal, "pass: 50", "pass: 150");
    Diagnostic d = single(yaml);
    CHECK(d.message == "scoring.pass must be between 0 and 100, not 150");
    check_at(d, yaml, "150");
}

TEST_CASE("unsupported schema version", "[loader][diagnostics]") {
    std::string yaml = replace(kMinimal, "schema: 1", "schema: 2");
    Diagnostic d = single(yaml);
    CHECK(d.message == "schema 2 is not supported (this stargrade reads schema 1)");
    check_at(d, yaml, "2");
}

TEST_CASE("YAML syntax error is located", "[loader][diagnostics]") {
    std::string yaml = replace(kMinimal, "  pass: 50\n", "  pass: [50\n");
    Loaded l = load(yaml);
    CHECK(l.rubric == nullptr);
    REQUIRE(l.diags.size() == 1);
    const Diagnostic& d = l.diags.items().front();
    CHECK(d.file == "r.yaml");
    CHECK_FALSE(d.message.empty());
    // The flow list opened on line 5 is never closed: the parser stops at the next key.
    CHECK(d.line == test::where(yaml, "  weights").line);
    CHECK(d.column >= 1);
    CHECK_THAT(d.str(), Catch::StartsWith("r.yaml:" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": "));
}

TEST_CASE("YAML syntax error: a bad mapping value", "[loader][diagnostics]") {
    std::string yaml = "schema: 1\nid: x\nversion: \"1\"\ntitle: a: b\n";
    Loaded l = load(yaml);
    CHECK(l.rubric == nullptr);
    REQUIRE(l.diags.size() == 1);
    CHECK(l.diags.items()[0].line == 4);
    CHECK(l.diags.items()[0].column == 9);
    CHECK_THAT(l.diags.items()[0].message, Catch::Contains("map"));
}

TEST_CASE("several errors in one file are all reported at once", "[loader][diagnostics]") {
    std::string yaml = R"(schema: 1
id: many
version: "1.0"
scoring:
  pass: 50
  weights: {specificty: 1}
  bands:
    - {id: low, min: 10}
    - {id: high, min: 60}
kinds:
  - id: opinion
lexicons:
  tech: ["re: [a-"]
questions:
  - id: q1
    kind: opinon
    text: Why?
  - id: q1
    kind: opinion
    text: Why again?
)";
    Loaded l = load(yaml);
    CHECK(l.rubric == nullptr);
    REQUIRE(l.diags.size() == 6);
    // Printed in the order a user reads the file.
    const auto d = l.diags.sorted();
    CHECK(d[0].message == "unknown key 'specificty' in scoring.weights (did you mean 'specificity'?)");
    CHECK(d[0].line == 6);
    CHECK(d[0].column == 13);
    CHECK(d[1].message == "the last band must have min 0 so that every score has a band");
    CHECK(d[1].line == 8);
    CHECK(d[2].message == "band 'high' must have a lower min than 'low' (bands go highest first)");
    CHECK(d[2].line == 9);
    CHECK(d[2].column == 7);
    CHECK_THAT(d[3].message, Catch::StartsWith("lexicon tech: invalid regular expression '[a-'"));
    CHECK(d[3].line == 13);
    CHECK(d[3].column == 10);
    CHECK(d[4].message == "question q1: unknown kind 'opinon' (did you mean 'opinion'?)");
    CHECK(d[4].line == 16);
    CHECK(d[4].column == 11);
    CHECK(d[5].message == "duplicate question id 'q1' (first at line 15)");
    CHECK(d[5].line == 18);
}

TEST_CASE("caps load with their condition, and their mistakes are located", "[loader][diagnostics][caps]") {
    const std::string cap = "    - {id: bad, min: 0}\n"
                            "  caps:\n"
                            "    - id: posting\n"
                            "      max: 15\n"
                            "      kinds: [opinion]\n"
                            "      message: Not an answer.\n"
                            "      when: {matches: {phrases: [\"you will\"], min: 2}}\n";
    SECTION("a valid cap") {
        Loaded l = load(replace(kMinimal, "    - {id: bad, min: 0}\n", cap));
        REQUIRE(l.rubric != nullptr);
        REQUIRE(l.rubric->scoring.caps.size() == 1);
        const auto& c = l.rubric->scoring.caps[0];
        CHECK(c.id == "posting");
        CHECK(c.max == 15);
        CHECK(c.kinds == std::vector<std::string>{"opinion"});
        CHECK(c.when.kind == sg::rubric::Condition::Kind::Matches);
        CHECK(c.when.min == 2);
    }
    SECTION("max outside 0..100") {
        std::string yaml = replace(replace(kMinimal, "    - {id: bad, min: 0}\n", cap), "max: 15", "max: 150");
        Diagnostic d = single(yaml);
        CHECK_THAT(d.message, Catch::Contains("cap posting") && Catch::Contains("max"));
        check_at(d, yaml, "150");
    }
    SECTION("an unknown kind") {
        std::string yaml = replace(replace(kMinimal, "    - {id: bad, min: 0}\n", cap), "[opinion]", "[opinon]");
        Diagnostic d = single(yaml);
        CHECK(d.message == "cap posting: unknown kind 'opinon'");
        check_at(d, yaml, "opinon");
    }
    SECTION("no condition") {
        std::string yaml = replace(replace(kMinimal, "    - {id: bad, min: 0}\n", cap),
                                   "      when: {matches: {phrases: [\"you will\"], min: 2}}\n", "");
        Diagnostic d = single(yaml);
        CHECK_THAT(d.message, Catch::Contains("when"));
        check_at(d, yaml, "id: posting");
    }
    SECTION("an unknown feature in the condition") {
        std::string yaml = replace(replace(kMinimal, "    - {id: bad, min: 0}\n", cap),
                                   "{matches: {phrases: [\"you will\"], min: 2}}", "{feature: {name: wrds, max: 3}}");
        Diagnostic d = single(yaml);
        CHECK(d.message == "cap posting.when.feature: unknown feature 'wrds' (did you mean 'words'?)");
        check_at(d, yaml, "wrds");
    }
    SECTION("two caps with one id") {
        std::string twice = cap + cap.substr(cap.find("    - id: posting"));
        std::string yaml = replace(kMinimal, "    - {id: bad, min: 0}\n", twice);
        Diagnostic d = single(yaml);
        CHECK_THAT(d.message, Catch::StartsWith("duplicate cap id 'posting'"));
    }
}

TEST_CASE("a pitfall that refers to an element no question has", "[loader][diagnostics]") {
    std::string yaml = kMinimal +
                       "pitfalls:\n"
                       "  - id: missing-part\n"
                       "    generic: true\n"
                       "    message: Cover the part.\n"
                       "    detect: {element: {id: nowhere, covered: false}}\n";
    Diagnostic d = single(yaml);
    CHECK_THAT(d.message, Catch::StartsWith("pitfall missing-part: element 'nowhere' is not an expected element"));
    CHECK(d.line == test::where(yaml, "detect:").line);
}

TEST_CASE("empty, non-map and invalid UTF-8 rubrics are rejected", "[loader][diagnostics]") {
    Loaded empty = load("");
    CHECK(empty.rubric == nullptr);
    REQUIRE(empty.diags.size() == 1);
    CHECK(empty.diags.items()[0].message == "the rubric is empty");

    Loaded list = load("- a\n- b\n");
    CHECK(list.rubric == nullptr);
    REQUIRE(list.diags.size() == 1);
    CHECK(list.diags.items()[0].message == "the rubric must be a map, not a list");

    Loaded bad = load("id: caf\xC3(\n");
    CHECK(bad.rubric == nullptr);
    REQUIRE(bad.diags.size() == 1);
    CHECK(bad.diags.items()[0].message == "invalid UTF-8 at byte 7");
}

TEST_CASE("load_rubric_file reports an unreadable file", "[loader][diagnostics]") {
    test::TempDir dir;
    Diagnostics diags;
    std::string path = (dir.path() / "missing.yaml").string();
    CHECK(sg::rubric::load_rubric_file(path, diags) == nullptr);
    REQUIRE(diags.size() == 1);
    CHECK(diags.items()[0].file == path);
    CHECK_THAT(diags.items()[0].message, Catch::StartsWith("cannot read the rubric: "));

    std::string good = dir.write("good.yaml", kMinimal);
    Diagnostics ok;
    CHECK(sg::rubric::load_rubric_file(good, ok) != nullptr);
    CHECK(ok.empty());
}

TEST_CASE("name shapes: an unknown shape or an unknown lexicon is located", "[loader][diagnostics]") {
    std::string yaml = replace(test::kRubricYaml, "    vague: [vague]\n",
                               "    vague: [vague]\n    name_shapes: {shapes: [acronym, camel], exclude: [titles]}\n");
    Loaded l = load(yaml);
    CHECK(l.rubric == nullptr);
    REQUIRE(l.diags.size() == 2);
    CHECK(l.diags.items()[0].message ==
          "checks.specificity.name_shapes.shapes: unknown shape 'camel' (expected acronym, mixed-case or capitalised)");
    check_at(l.diags.items()[0], yaml, "[acronym, camel]");
    CHECK(l.diags.items()[1].message.find("titles") != std::string::npos);
    check_at(l.diags.items()[1], yaml, "titles");
}

TEST_CASE("penalty_as takes points or percent, and percent_scale its range", "[loader][diagnostics]") {
    std::string pit = kMinimal +
                      "pitfalls:\n"
                      "  - id: red-flag\n"
                      "    penalty: 20\n"
                      "    penalty_as: share\n"
                      "    message: Red flag.\n"
                      "    detect: {feature: {name: words, min: 1}}\n";
    Diagnostic d = single(pit);
    CHECK(d.message == "pitfall red-flag: penalty_as must be 'points' or 'percent', not 'share'");
    check_at(d, pit, "share");

    std::string scale = replace(kMinimal, "pass: 50", "pass: 50\n  percent_scale: 7");
    Diagnostic s = single(scale);
    CHECK(s.message == "scoring.percent_scale must be between 0 and 5, not 7");
    check_at(s, scale, "7");
}
