// match::Matcher: plain phrases, stems, regexes, sentence limits, negation, overlaps.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "match/matcher.hpp"
#include "rubric/loader.hpp"
#include "text/document.hpp"

using sg::match::Match;
using sg::match::Matcher;
using sg::text::Document;

namespace {

// A rubric that only defines lexicons (plus a negation lexicon for the checks section).
std::unique_ptr<sg::rubric::Rubric> rubric_with(const std::string& lexicons) {
    std::string yaml = R"(schema: 1
id: m
version: "1"
scoring:
  pass: 50
  weights: {specificity: 1}
  bands: [{id: all, min: 0}]
kinds: [{id: opinion}]
questions: [{id: q, kind: opinion, text: "Why?"}]
checks:
  negation: [negation]
  negation_window: 3
lexicons:
  negation: [not, never, no, "didn't", without]
)" + lexicons;
    sg::util::Diagnostics diags;
    auto r = sg::rubric::load_rubric_text(yaml, "m.yaml", diags);
    for (const auto& d : diags.items()) UNSCOPED_INFO(d.str());
    REQUIRE(r);
    return r;
}

struct Scan {
    std::unique_ptr<sg::rubric::Rubric> rubric;
    Document doc;
    std::vector<Match> found;

    std::vector<std::string> texts() const {
        std::vector<std::string> out;
        for (const auto& m : found) out.emplace_back(doc.slice(m.begin, m.end));
        return out;
    }
};

// Matches of lexicon `name` in `text`.
Scan scan(const std::string& lexicons, const std::string& name, const std::string& text) {
    Scan s{rubric_with(lexicons), Document(text, 0), {}};
    Matcher matcher(*s.rubric);
    auto list = matcher.scan(s.doc);
    CHECK(list.errors.empty());
    s.found = list.of(s.rubric->lexicons.at(name));
    return s;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("plain phrases match case-insensitively on word boundaries", "[matcher]") {
    auto s = scan("  tech: [kafka, redis]\n", "tech",
                  "We moved to KAFKA and Redis. Kafkaesque names and predis do not count.");
    CHECK(s.texts() == Strings{"KAFKA", "Redis"});
    REQUIRE(s.found.size() == 2);
    CHECK(s.found[0].begin == 12);
    CHECK(s.found[0].end == 17);
    CHECK(s.found[1].sentence == 0);
}

TEST_CASE("multi-word phrases match across hyphen and space variants", "[matcher]") {
    auto s = scan("  docs: [design doc]\n", "docs",
                  "I wrote the design-doc first. Then a Design  Doc review. Then another design doc.");
    CHECK(s.texts() == Strings{"design-doc", "Design  Doc", "design doc"});
}

TEST_CASE("a trailing * matches any word continuation", "[matcher]") {
    auto s = scan("  change: [migrat*, risk regist*]\n", "change",
                  "We migrate, we migrated, a Migration. Immigration is not one. Our risk registers grew.");
    CHECK(s.texts() == Strings{"migrate", "migrated", "Migration", "risk registers"});
}

TEST_CASE("possessives match the plain word", "[matcher]") {
    auto s = scan("  tech: [kafka, event bus]\n", "tech", "Kafka's lag grew and the event bus's queue too.");
    CHECK(s.texts() == Strings{"Kafka's", "event bus's"});
}

TEST_CASE("straight and curly apostrophes are the same", "[matcher]") {
    auto s = scan("  neg: [\"didn't\", \"we’re\"]\n", "neg", "We didn\xE2\x80\x99t wait. We're done.");
    CHECK(s.texts() == Strings{"didn\xE2\x80\x99t", "We're"});
}

TEST_CASE("phrases never match across sentences", "[matcher]") {
    auto s = scan("  docs: [design doc, \"re: design\\\\W+doc\"]\n", "docs",
                  "We finished the design. Doc reviews came later.\n\nAnother design\n\ndoc here.");
    CHECK(s.found.empty());
}

TEST_CASE("regex phrases match case-insensitively with byte offsets", "[matcher][regex]") {
    auto s = scan("  pct: [\"re: \\\\bp(50|95|99)\\\\b\"]\n", "pct", "Our P99 went down.\nThe p50 stayed flat, p999 rose.");
    REQUIRE(s.found.size() == 2);
    CHECK(s.texts() == Strings{"P99", "p50"});
    CHECK(s.found[0].begin == 4);
    CHECK(s.found[0].end == 7);
    CHECK(s.found[1].begin == 23);
    CHECK(s.found[1].sentence == 1);
    CHECK(s.doc.position(s.found[1].begin).line == 2);
    CHECK(s.doc.position(s.found[1].begin).column == 5);
    // The match covers the token "p50".
    const auto& tok = s.doc.tokens()[s.found[1].first_token];
    CHECK(tok.norm == "p50");
    CHECK(s.found[1].end_token == s.found[1].first_token + 1);
}

TEST_CASE("regex word boundaries see the text before the sentence", "[matcher][regex]") {
    auto s = scan("  storage: [\"re: \\\\bs3\\\\b\"]\n", "storage", "We used S3. S3 was cheap. Also ms3 is not it.");
    CHECK(s.texts() == Strings{"S3", "S3"});
}

TEST_CASE("a negation cue shortly before a match in its clause flags it", "[matcher][negation]") {
    const std::string lex = "  risk: [miss a deadline]\n";
    SECTION("negated") {
        auto s = scan(lex, "risk", "We did not miss a deadline.");
        REQUIRE(s.found.size() == 1);
        CHECK(s.texts() == Strings{"miss a deadline"});
        CHECK(s.found[0].negated);
    }
    SECTION("contracted negation") {
        auto s = scan(lex, "risk", "We didn\xE2\x80\x99t miss a deadline.");
        REQUIRE(s.found.size() == 1);
        CHECK(s.found[0].negated);
    }
    SECTION("within the window") {
        auto s = scan(lex, "risk", "We never once really miss a deadline.");
        REQUIRE(s.found.size() == 1);
        CHECK(s.found[0].negated);
    }
    SECTION("a comma clause break stops it") {
        auto s = scan(lex, "risk", "We did not, sadly, miss a deadline.");
        REQUIRE(s.found.size() == 1);
        CHECK_FALSE(s.found[0].negated);
    }
    SECTION("'but' starts a new clause") {
        auto s = scan(lex, "risk", "Not great but miss a deadline we did.");
        REQUIRE(s.found.size() == 1);
        CHECK_FALSE(s.found[0].negated);
    }
    SECTION("too far before the match") {
        auto s = scan(lex, "risk", "We did not ever really truly miss a deadline.");
        REQUIRE(s.found.size() == 1);
        CHECK_FALSE(s.found[0].negated);
    }
    SECTION("a negation after the match does not count") {
        auto s = scan(lex, "risk", "We miss a deadline not often.");
        REQUIRE(s.found.size() == 1);
        CHECK_FALSE(s.found[0].negated);
    }
    SECTION("plain match") {
        auto s = scan(lex, "risk", "We did miss a deadline.");
        REQUIRE(s.found.size() == 1);
        CHECK_FALSE(s.found[0].negated);
    }
}

TEST_CASE("overlapping matches in one set keep the longest", "[matcher][overlap]") {
    SECTION("same start") {
        auto s = scan("  docs: [design, design doc, design doc review]\n", "docs", "The design doc review went well.");
        CHECK(s.texts() == Strings{"design doc review"});
    }
    SECTION("a shorter phrase inside a longer one") {
        auto s = scan("  data: [data, big data pipeline]\n", "data", "A big data pipeline and more data.");
        CHECK(s.texts() == Strings{"big data pipeline", "data"});
    }
    SECTION("a longer match starting later wins over a shorter earlier one") {
        auto s = scan("  data: [big data, data pipeline platform]\n", "data", "A big data pipeline platform.");
        CHECK(s.texts() == Strings{"data pipeline platform"});
    }
    SECTION("plain and regex entries of one set") {
        auto s = scan("  lat: [p99 latency, \"re: \\\\bp99\\\\b\"]\n", "lat", "Our p99 latency fell.");
        CHECK(s.texts() == Strings{"p99 latency"});
    }
}

TEST_CASE("matches in a pasted question are marked as header", "[matcher]") {
    auto s = scan("  tech: [kafka]\n", "tech", "Q: How would you scale Kafka?\n\nI would add Kafka partitions.");
    REQUIRE(s.found.size() == 2);
    CHECK(s.found[0].header);
    CHECK_FALSE(s.found[1].header);
}

TEST_CASE("phrase_words tokenises like the document", "[matcher]") {
    bool stem = false;
    CHECK(Matcher::phrase_words("Design-Doc", stem) == Strings{"design", "doc"});
    CHECK_FALSE(stem);
    CHECK(Matcher::phrase_words("migrat*", stem) == Strings{"migrat"});
    CHECK(stem);
}

TEST_CASE("the word index finds words, pairs and prefixes by their hash", "[matcher][index]") {
    using sg::match::WordIndex;
    WordIndex ix;
    CHECK(ix.empty());
    ix.add("ship", 1);
    ix.add("ship it", 2);
    ix.add("ship", 3);
    // enough keys to fill and grow the table past its first size
    for (std::uint32_t i = 0; i < 100; ++i) ix.add("w" + std::to_string(i), 100 + i);
    ix.freeze();
    CHECK(ix.size() == 102);
    auto values = [](std::pair<const std::uint32_t*, const std::uint32_t*> r) {
        return std::vector<std::uint32_t>(r.first, r.second);
    };
    // values keep their order of addition
    CHECK(values(ix.find(WordIndex::hash("ship"), "ship")) == std::vector<std::uint32_t>{1, 3});
    // a pair is found from its two words and the hash extended over the space
    auto h = WordIndex::extend(WordIndex::step(WordIndex::hash("ship"), ' '), "it");
    CHECK(h == WordIndex::hash("ship it"));
    CHECK(values(ix.find(h, "ship", "it", true)) == std::vector<std::uint32_t>{2});
    CHECK(values(ix.find(WordIndex::hash("w57"), "w57")) == std::vector<std::uint32_t>{157});
    // absent keys, and a present hash with other bytes, find nothing
    CHECK(values(ix.find(WordIndex::hash("shipped"), "shipped")).empty());
    CHECK(values(ix.find(WordIndex::hash("ship"), "shop")).empty());
    CHECK(values(ix.find(h, "ship", "at", true)).empty());
    WordIndex none;
    none.freeze();
    CHECK(values(none.find(WordIndex::hash("ship"), "ship")).empty());
}
